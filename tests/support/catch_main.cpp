// The one shared Catch2 main of every C++ test binary (compiled once, linked everywhere).
#define CATCH_CONFIG_MAIN
#include "support/catch.hpp"
