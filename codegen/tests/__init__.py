"""Tests of the C API generator."""
