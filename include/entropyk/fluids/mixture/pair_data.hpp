// Data layout of the multi-fluid mixture model (Kunz & Wagner, J. Chem. Eng. Data 57, 3032
// (2012), the GERG-2008 form) as the generated tables in fluids/data/mixtures.hpp fill it:
// binary reducing parameters, departure functions and named blend compositions. Everything is
// constexpr and immutable.
#pragma once

#include <span>
#include <string_view>

namespace entropyk::fluids::mixture {

/// n * delta^d * tau^t * exp(-delta^l) (no exponential when l == 0): the "exponential" departure
/// function form of Lemmon & Jacobsen (2004) and Bell (2022, 2023).
struct DepartureTerm {
    double n, t;
    int d, l;
};

/// Parameters of one binary pair (i, j) = (name1, name2): reducing-function parameters
/// beta_T, gamma_T, beta_v, gamma_v for that order (the order (j, i) uses 1/beta_T and 1/beta_v
/// with the same gammas) and the departure function weighted by F.
struct BinaryPair {
    std::string_view name1, name2;
    double beta_T, gamma_T, beta_v, gamma_v;
    double F;
    std::span<const DepartureTerm> departure;
};

/// A named blend: components (canonical pure-fluid names) and mole fractions.
struct PredefinedBlend {
    std::string_view name;
    std::span<const std::string_view> components;
    std::span<const double> mole_fractions;
};

} // namespace entropyk::fluids::mixture
