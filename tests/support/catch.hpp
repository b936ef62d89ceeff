// Catch2 shim: Debian 12 ships Catch2 v2 (single header); use v3's header when it is present.
#pragma once
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#else
#include <catch2/catch.hpp>
#endif
