"""Shared fixtures of the Python package tests (run by CTest: tests/python/CMakeLists.txt)."""

import os
import sys
from pathlib import Path

import pytest

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

import entropyk  # noqa: E402


@pytest.fixture
def no_leak():
    """Fails the test when it leaves a C handle alive (entropyk_live_handles before == after)."""
    import gc
    gc.collect()
    before = entropyk.live_handles()
    yield
    gc.collect()
    assert entropyk.live_handles() == before


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("ENTROPYK_CLI")
    if not path or not Path(path).exists():
        pytest.skip("ENTROPYK_CLI not set (the CLI is not built)")
    return path
