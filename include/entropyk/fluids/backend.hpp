// The property backend concept: what the cycle engine needs from a refrigerant property provider.
// Both the equation of state (fluids::Fluid) and the property tables (fluids::Tables) model it,
// with identical member signatures, result types and errors (Errc::fluid_error).
#pragma once

#include <concepts>

#include "entropyk/core/result.hpp"
#include "entropyk/core/units.hpp"
#include "entropyk/fluids/fluid.hpp"
#include "entropyk/fluids/state.hpp"

namespace entropyk::fluids {

/// The fluid behind a backend: the Fluid itself, or B::fluid() for anything that has one.
[[nodiscard]] constexpr const Fluid& fluid_of(const Fluid& f) noexcept { return f; }
template <class B>
requires requires(const B& b) {
    { b.fluid() }
    noexcept->std::same_as<const Fluid&>;
}
[[nodiscard]] constexpr const Fluid& fluid_of(const B& b) noexcept { return b.fluid(); }

template <class B>
concept PropertyBackend = requires(const B& b, Pressure p, Temperature T, SpecificEnthalpy h, SpecificEntropy s,
                                   double q) {
    { b.flash_ph(p, h) }
    noexcept->std::same_as<Result<State>>;
    { b.flash_ps(p, s) }
    noexcept->std::same_as<Result<State>>;
    { b.flash_tp(T, p) }
    noexcept->std::same_as<Result<State>>;
    { b.flash_pq(p, q) }
    noexcept->std::same_as<Result<State>>;
    { b.saturation_p(p) }
    noexcept->std::same_as<Result<SaturationState>>;
    { b.saturation_t(T) }
    noexcept->std::same_as<Result<SaturationState>>;
    { fluid_of(b) }
    noexcept->std::same_as<const Fluid&>;
};

static_assert(PropertyBackend<Fluid>);

} // namespace entropyk::fluids
