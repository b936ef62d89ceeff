// `entropyk props`: one fluid state from two properties given with units (examples/cli/props.cpp).
#pragma once

#include <string>

namespace entropyk::cli {

/// The text of `entropyk props --help` (its unit lists are those include/entropyk/io/units.hpp accepts).
std::string props_help();

/// Runs `entropyk props ...` (argv[1] is "props"); returns the exit code. Throws InputError for a
/// bad command line or a state the property model refuses (exit 2).
int run_props(int argc, char** argv);

} // namespace entropyk::cli
