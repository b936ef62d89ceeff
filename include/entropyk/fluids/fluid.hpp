// The public face of the fluid engine: one immutable Fluid object per fluid, lookup by name with
// aliases, and compile-time tags (R134a, R744, ...) for the typed C++ front door. The fluids are
// those of the generated registry (fluids/data/registry.hpp, ENTROPYK_FLUIDS): adding a fluid to
// the generator adds its object, its place in all_fluids(), its tag and its name in messages.
// All member functions are pure and thread-safe (the data are constexpr tables).
#pragma once

#include <array>
#include <cctype>
#include <span>
#include <string_view>

#include "entropyk/core/result.hpp"
#include "entropyk/core/units.hpp"
#include "entropyk/fluids/data/registry.hpp"
#include "entropyk/fluids/flash.hpp"
#include "entropyk/fluids/state.hpp"

namespace entropyk::fluids {

class Fluid {
  public:
    constexpr explicit Fluid(const helmholtz::FluidData& data) noexcept : d_(&data) {}
    Fluid(const Fluid&) = delete;
    Fluid& operator=(const Fluid&) = delete;

    /// Canonical name: "R134a", "R32", "R290", "R744", "R1234yf", "R717", "R410A", "Water",
    /// "R1234ze(E)", "R600a", ... (data::known_fluids_text).
    [[nodiscard]] constexpr std::string_view name() const noexcept { return d_->name; }
    [[nodiscard]] constexpr std::span<const std::string_view> aliases() const noexcept { return d_->aliases; }
    [[nodiscard]] constexpr Temperature T_critical() const noexcept { return Temperature{d_->T_critical}; }
    [[nodiscard]] constexpr Pressure p_critical() const noexcept { return Pressure{d_->p_critical}; }
    [[nodiscard]] constexpr Density rho_critical() const noexcept { return Density{d_->rho_critical}; }
    [[nodiscard]] constexpr Temperature T_triple() const noexcept { return Temperature{d_->T_triple}; }
    [[nodiscard]] constexpr Pressure p_triple() const noexcept { return Pressure{d_->p_triple}; }
    /// Validity range of the equation of state as published (T_max: the cycle engine warns for
    /// states above it).
    [[nodiscard]] constexpr Temperature T_min() const noexcept { return Temperature{d_->T_min}; }
    [[nodiscard]] constexpr Temperature T_max() const noexcept { return Temperature{d_->T_max}; }
    [[nodiscard]] constexpr Pressure p_max() const noexcept { return Pressure{d_->p_max}; }
    /// Highest temperature of the single-phase (gas/supercritical) states the flashes accept:
    /// max(T_max, min(1.5 T_max, 600 K)); above T_max the EOS is extrapolated (docs/fluids.md).
    [[nodiscard]] constexpr Temperature T_max_extrapolated() const noexcept {
        return Temperature{detail::T_max_extrapolated(*d_)};
    }
    /// Lowest pressure accepted by every call (1e-6 Pa, all fluids; docs/fluids.md).
    [[nodiscard]] constexpr Pressure p_min() const noexcept { return Pressure{detail::p_min_accepted}; }
    /// Lowest density accepted by state_trho: the ideal gas at p_min() and T_max_extrapolated().
    [[nodiscard]] constexpr Density rho_min() const noexcept { return Density{detail::rho_min_accepted(*d_)}; }
    /// kg/mol
    [[nodiscard]] constexpr double molar_mass() const noexcept { return d_->molar_mass; }
    /// Specific gas constant R/M, J/(kg K).
    [[nodiscard]] constexpr double gas_constant() const noexcept { return d_->R; }
    [[nodiscard]] constexpr bool pseudo_pure() const noexcept { return d_->pseudo_pure; }
    [[nodiscard]] constexpr const helmholtz::FluidData& data() const noexcept { return *d_; }

    [[nodiscard]] Result<State> state_trho(Temperature T, Density rho) const noexcept {
        return detail::state_trho(*d_, T.si(), rho.si());
    }
    [[nodiscard]] Result<State> flash_tp(Temperature T, Pressure p) const noexcept {
        return detail::flash_tp(*d_, T.si(), p.si());
    }
    [[nodiscard]] Result<State> flash_ph(Pressure p, SpecificEnthalpy h) const noexcept {
        return detail::flash_py(*d_, p.si(), h.si(), detail::Given::enthalpy);
    }
    [[nodiscard]] Result<State> flash_ps(Pressure p, SpecificEntropy s) const noexcept {
        return detail::flash_py(*d_, p.si(), s.si(), detail::Given::entropy);
    }
    [[nodiscard]] Result<State> flash_pq(Pressure p, double quality) const noexcept {
        return detail::flash_pq(*d_, p.si(), quality);
    }
    [[nodiscard]] Result<State> flash_tq(Temperature T, double quality) const noexcept {
        return detail::flash_tq(*d_, T.si(), quality);
    }
    [[nodiscard]] Result<State> flash_hs(SpecificEnthalpy h, SpecificEntropy s) const noexcept {
        return detail::flash_hs(*d_, h.si(), s.si());
    }

    /// Both saturated phases at T, T_min <= T < T_c (for R410A: bubble and dew pressure).
    [[nodiscard]] Result<SaturationState> saturation_t(Temperature T) const noexcept {
        ThermoError err;
        if (detail::bad_temperature(*d_, T.si(), err)) return err;
        if (!(T.si() < detail::saturation_T_max(*d_))) return detail::no_saturation_T(*d_, T.si());
        detail::SaturationPair sat;
        if (!detail::saturation_at_T(*d_, T.si(), sat))
            return detail::internal_failure(*d_, "saturation at T", T.si(), 0.0);
        return to_saturation_state(sat);
    }
    /// Both saturated phases at p, p_triple <= p < p_c (for R410A: bubble and dew temperature).
    [[nodiscard]] Result<SaturationState> saturation_p(Pressure p) const noexcept {
        ThermoError err;
        if (detail::bad_pressure(*d_, p.si(), err)) return err;
        if (!detail::in_saturation_p_range(*d_, p.si())) return detail::no_saturation_p(*d_, p.si());
        detail::SaturationPair sat;
        if (!detail::saturation_at_p(*d_, p.si(), sat))
            return detail::internal_failure(*d_, "saturation at p", p.si(), 0.0);
        return to_saturation_state(sat);
    }
    /// Saturation (bubble-point) pressure only: the fast path (a Chebyshev evaluation for the
    /// pure fluids, no EOS call).
    [[nodiscard]] Result<Pressure> p_sat(Temperature T) const noexcept {
        ThermoError err;
        if (detail::bad_temperature(*d_, T.si(), err)) return err;
        if (!(T.si() < detail::saturation_T_max(*d_))) return detail::no_saturation_T(*d_, T.si());
        if (d_->superancillary.present) return Pressure{superancillary::pressure(d_->superancillary, T.si())};
        return Pressure{ancillary::evaluate(d_->anc_p_liquid, T.si())};
    }
    /// Saturation (bubble-point) temperature only.
    [[nodiscard]] Result<Temperature> T_sat(Pressure p) const noexcept {
        ThermoError err;
        if (detail::bad_pressure(*d_, p.si(), err)) return err;
        if (!detail::in_saturation_p_range(*d_, p.si())) return detail::no_saturation_p(*d_, p.si());
        if (d_->superancillary.present) return Temperature{superancillary::temperature(d_->superancillary, p.si())};
        return Temperature{ancillary::invert_pressure(d_->anc_p_liquid, p.si(), d_->T_min, d_->T_critical)};
    }

  private:
    static SaturationState to_saturation_state(const detail::SaturationPair& s) noexcept {
        SaturationState out;
        out.T_bubble = Temperature{s.T_liquid};
        out.T_dew = Temperature{s.T_vapor};
        out.p_bubble = Pressure{s.p_liquid};
        out.p_dew = Pressure{s.p_vapor};
        out.rho_liquid = Density{s.L.rho};
        out.rho_vapor = Density{s.V.rho};
        out.h_liquid = SpecificEnthalpy{s.L.h};
        out.h_vapor = SpecificEnthalpy{s.V.h};
        out.s_liquid = SpecificEntropy{s.L.s};
        out.s_vapor = SpecificEntropy{s.V.s};
        return out;
    }
    const helmholtz::FluidData* d_;
};

namespace detail {
// Each fluid's terms must fit the fixed scratch buffers of the evaluation (helmholtz/terms.hpp).
#define ENTROPYK_FLUID_OBJECT(Tag, object, str)                                                                        \
    static_assert(data::object.power.size() <= helmholtz::max_power_terms &&                                           \
                  data::object.gaussian.size() <= helmholtz::max_exp_terms &&                                          \
                  data::object.gao_b.size() <= helmholtz::max_exp_terms &&                                             \
                  data::object.power_max_d <= helmholtz::max_delta_exponent &&                                         \
                  data::object.power_max_l <= helmholtz::max_l_exponent);                                              \
    inline constexpr Fluid object##_fluid{data::object};
ENTROPYK_FLUIDS(ENTROPYK_FLUID_OBJECT)
#undef ENTROPYK_FLUID_OBJECT
#define ENTROPYK_FLUID_POINTER(Tag, object, str) &object##_fluid,
inline constexpr std::array<const Fluid*, data::fluid_count> fluid_list{ENTROPYK_FLUIDS(ENTROPYK_FLUID_POINTER)};
#undef ENTROPYK_FLUID_POINTER

[[nodiscard]] constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}
} // namespace detail

/// All fluids of the registry, in a fixed order (the first eight: R134a, R32, R290, R744, R1234yf,
/// R717, R410A, Water; new fluids are appended).
[[nodiscard]] inline std::span<const Fluid* const> all_fluids() noexcept { return detail::fluid_list; }

/// Case-insensitive lookup by canonical name or alias ("CO2", "Ammonia", "Propane", "R718", ...).
[[nodiscard]] inline Result<const Fluid*> find_fluid(std::string_view name) noexcept {
    for (const Fluid* f : detail::fluid_list) {
        if (detail::iequals(f->name(), name)) return f;
        for (std::string_view a : f->aliases())
            if (detail::iequals(a, name)) return f;
    }
    return ThermoError::format(Errc::fluid_error, "unknown fluid \"%.*s\"; known fluids: %.*s",
                               static_cast<int>(name.size() > 64 ? 64 : name.size()), name.data(),
                               static_cast<int>(data::known_fluids_text.size()), data::known_fluids_text.data());
}

// ---- compile-time tags -----------------------------------------------------------------------------
#define ENTROPYK_FLUID_TAG(Tag, object, str)                                                                           \
    struct Tag {                                                                                                       \
        static const Fluid& get() noexcept { return detail::object##_fluid; }                                          \
        static constexpr std::string_view name = str;                                                                  \
    };
ENTROPYK_FLUIDS(ENTROPYK_FLUID_TAG)
#undef ENTROPYK_FLUID_TAG

} // namespace entropyk::fluids
