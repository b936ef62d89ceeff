// A multi-fluid mixture of fixed component set: the pure-fluid equations of state, the binary
// parameters of every pair and the gas constant, assembled once (no allocation, copyable).
//
// Model: Kunz & Wagner, "The GERG-2008 Wide-Range Equation of State for Natural Gases and Other
// Mixtures", J. Chem. Eng. Data 57, 3032-3091 (2012), Sect. 7 (the same form as Lemmon &
// Jacobsen, J. Phys. Chem. Ref. Data 33, 593 (2004), for the HFC blends). Pair parameters:
// fluids/data/mixtures.hpp (with their literature).
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "entropyk/core/result.hpp"
#include "entropyk/fluids/data/mixtures.hpp"
#include "entropyk/fluids/detail/names.hpp"
#include "entropyk/fluids/helmholtz/terms.hpp"
#include "entropyk/fluids/mixture/pair_data.hpp"

namespace entropyk::fluids::mixture {

/// Most components of one mixture (R448A has five).
inline constexpr std::size_t max_components = 6;
/// CODATA 2018 molar gas constant, J/(mol K): the mixture's R (as in GERG-2008 and CoolProp), used
/// whenever the components' own constants differ.
inline constexpr double gas_constant_codata = 8.31446261815324;

using Vec = std::array<double, max_components>;
using Mat = std::array<Vec, max_components>;

struct Model {
    std::size_t n = 0;
    std::array<const helmholtz::FluidData*, max_components> fluid{};
    Vec M{};  ///< molar masses, kg/mol
    Vec Tc{}; ///< EOS reducing temperatures, K (the reducing function's pure-fluid limits)
    Vec vc{}; ///< EOS reducing molar volumes, m3/mol
    /// Where each component's ideal-gas part is evaluated: tau_i = ideal_T[i] / T,
    /// delta_i = rho / ideal_rho[i] (molar). The components' own reducing values, so that a
    /// one-component mixture is exactly the pure fluid (Kunz & Wagner 2012, eq. 7.4).
    Vec ideal_T{}, ideal_rho{};
    Vec R_ratio{}; ///< R_i / R: each ideal-gas part keeps its own gas constant
    double R = gas_constant_codata;
    /// Reducing-function coefficients per ordered pair (i, j), i != j:
    /// T_r = sum x_i^2 Tc_i + sum_{i<j} 2 x_i x_j KT_ij (x_i + x_j) / (bT2_ij x_i + x_j),
    /// KT_ij = beta_T gamma_T sqrt(Tc_i Tc_j), bT2_ij = beta_T^2; likewise v_r with
    /// Kv_ij = beta_v gamma_v (vc_i^(1/3) + vc_j^(1/3))^3 / 8.
    Mat KT{}, bT2{}, Kv{}, bv2{};
    Mat F{}; ///< departure weights (symmetric)
    std::array<std::array<std::span<const DepartureTerm>, max_components>, max_components> departure{};
};

/// The pure fluid data behind a canonical name or alias.
[[nodiscard]] inline const helmholtz::FluidData* component_data(std::string_view name) noexcept {
    return fluids::detail::find_pure_data(name);
}

/// Builds the model for components named `names` (pure fluids of the registry). Fails with
/// Errc::fluid_error for an unknown or pseudo-pure component, a repeated one, more than
/// max_components, or a pair without fitted parameters (never estimated).
[[nodiscard]] inline Result<Model> make_model(std::span<const std::string_view> names) noexcept {
    Model m;
    if (names.empty() || names.size() > max_components)
        return ThermoError::format(Errc::fluid_error, "a mixture needs 1 to %zu components, got %zu", max_components,
                                   names.size());
    m.n = names.size();
    for (std::size_t i = 0; i < m.n; ++i) {
        const helmholtz::FluidData* d = component_data(names[i]);
        if (d == nullptr || d->pseudo_pure)
            return ThermoError::format(Errc::fluid_error, "\"%.*s\" is not a pure fluid usable in a mixture",
                                       static_cast<int>(names[i].size() > 64 ? 64 : names[i].size()), names[i].data());
        for (std::size_t k = 0; k < i; ++k)
            if (m.fluid[k] == d)
                return ThermoError::format(Errc::fluid_error, "component %.*s given twice",
                                           static_cast<int>(d->name.size()), d->name.data());
        m.fluid[i] = d;
        m.M[i] = d->molar_mass;
        m.Tc[i] = d->T_reducing;
        m.vc[i] = d->molar_mass / d->rho_reducing;
        m.ideal_T[i] = d->T_reducing;
        m.ideal_rho[i] = d->rho_reducing / d->molar_mass;
    }
    // One component: its own gas constant, so the "mixture" is the pure fluid exactly.
    m.R = m.n == 1 ? m.fluid[0]->gas_constant_molar : gas_constant_codata;
    for (std::size_t i = 0; i < m.n; ++i) m.R_ratio[i] = m.fluid[i]->gas_constant_molar / m.R;

    for (std::size_t i = 0; i < m.n; ++i) {
        for (std::size_t j = i + 1; j < m.n; ++j) {
            const BinaryPair* found = nullptr;
            bool swapped = false;
            for (const BinaryPair& bp : data::binary_pairs) {
                if (bp.name1 == m.fluid[i]->name && bp.name2 == m.fluid[j]->name) {
                    found = &bp;
                } else if (bp.name1 == m.fluid[j]->name && bp.name2 == m.fluid[i]->name) {
                    found = &bp;
                    swapped = true;
                }
                if (found != nullptr) break;
            }
            if (found == nullptr)
                return ThermoError::format(Errc::fluid_error,
                                           "no fitted binary parameters for %.*s/%.*s; the mixture is not supported",
                                           static_cast<int>(m.fluid[i]->name.size()), m.fluid[i]->name.data(),
                                           static_cast<int>(m.fluid[j]->name.size()), m.fluid[j]->name.data());
            const double bT = swapped ? 1.0 / found->beta_T : found->beta_T;
            const double bv = swapped ? 1.0 / found->beta_v : found->beta_v;
            const double cT = std::sqrt(m.Tc[i] * m.Tc[j]);
            const double c3 = std::cbrt(m.vc[i]) + std::cbrt(m.vc[j]);
            const double cv = c3 * c3 * c3 / 8.0;
            // (i, j) as given and (j, i) with the inverted betas: the same function either way.
            m.KT[i][j] = bT * found->gamma_T * cT;
            m.bT2[i][j] = bT * bT;
            m.KT[j][i] = found->gamma_T * cT / bT;
            m.bT2[j][i] = 1.0 / (bT * bT);
            m.Kv[i][j] = bv * found->gamma_v * cv;
            m.bv2[i][j] = bv * bv;
            m.Kv[j][i] = found->gamma_v * cv / bv;
            m.bv2[j][i] = 1.0 / (bv * bv);
            m.F[i][j] = m.F[j][i] = found->F;
            m.departure[i][j] = m.departure[j][i] = found->departure;
        }
    }
    return m;
}

/// Components of a predefined blend by name (case-insensitive), or nullptr.
[[nodiscard]] inline const PredefinedBlend* find_blend(std::string_view name) noexcept {
    for (const PredefinedBlend& b : data::predefined_blends)
        if (fluids::detail::iequals(b.name, name)) return &b;
    return nullptr;
}

} // namespace entropyk::fluids::mixture
