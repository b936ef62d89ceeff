// A property backend for a blend Fluid on its tables: every PropertyBackend call -- (p, h),
// (p, s), (T, p), (p, q), the bubble and dew points at p and at T -- from tabular::BlendTables
// where they cover the state, and from the blend's EOS through the Fluid everywhere else (above
// 0.85 of the envelope's top pressure, below the lowest table pressure, beyond the isotherms
// bounding the single-phase grids, outside the Fluid's temperature range, bad input), with the
// Fluid's own results and error messages there. Satisfies fluids::PropertyBackend, so a caller
// can use it wherever a backend is a template parameter.
//
//   const fluids::Fluid& f = **fluids::find_fluid("R454B");
//   const fluids::BlendTableBackend& t = fluids::blend_tables_for(f); // built once (about 1 s)
//   Result<State> s = t.flash_ph(Pressure{10e5}, SpecificEnthalpy{300e3});
//
// The State of a table state is formed like the Fluid's (detail::to_state in blend_fluid.hpp):
// two-phase: u = h - p/rho, cp, cv, w undefined, quality the mass vapour fraction; single-phase:
// the phase label from the blend's critical values as the Fluid gives it. A saturation state at
// p has p_bubble = p_dew = p; at T, T_bubble = T_dew = T and the two pressures differ (as the
// Fluid's).
#pragma once

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "entropyk/fluids/backend.hpp"
#include "entropyk/fluids/fluid.hpp"
#include "entropyk/fluids/tabular/blend_tables.hpp"

namespace entropyk::fluids {

class BlendTableBackend {
  public:
    /// `fluid` must be a blend (fluid.is_blend()); otherwise no tables are built and every call
    /// goes to the Fluid.
    explicit BlendTableBackend(const Fluid& fluid, const tabular::BlendLayout& layout = {}) : fluid_(&fluid) {
        if (fluid.is_blend() && fluid.blend() != nullptr)
            tables_ = std::make_unique<const tabular::BlendTables>(*fluid.blend(), layout);
    }

    [[nodiscard]] const Fluid& fluid() const noexcept { return *fluid_; }
    /// The tables (nullptr for a pure fluid).
    [[nodiscard]] const tabular::BlendTables* tables() const noexcept { return tables_.get(); }

    /// True when (p, h) is served by the tables.
    [[nodiscard]] bool covers_ph(Pressure p, SpecificEnthalpy h) const noexcept {
        return tables_ && tables_->flash_ph(p.si(), h.si()).has_value();
    }

    [[nodiscard]] Result<State> flash_ph(Pressure p, SpecificEnthalpy h) const noexcept {
        if (tables_) {
            if (const std::optional<tabular::BlendState> s = tables_->flash_ph(p.si(), h.si())) return to_state(*s);
        }
        return fluid_->flash_ph(p, h);
    }
    [[nodiscard]] Result<State> flash_ps(Pressure p, SpecificEntropy s) const noexcept {
        if (tables_) {
            if (const std::optional<tabular::BlendState> r = tables_->flash_py(p.si(), s.si(), false))
                return to_state(*r);
        }
        return fluid_->flash_ps(p, s);
    }
    [[nodiscard]] Result<State> flash_tp(Temperature T, Pressure p) const noexcept {
        if (tables_ && in_T_range(T.si())) {
            if (const std::optional<tabular::BlendState> r = tables_->flash_py(p.si(), T.si(), true))
                return to_state(*r);
        }
        return fluid_->flash_tp(T, p);
    }
    [[nodiscard]] Result<State> flash_pq(Pressure p, double q) const noexcept {
        if (tables_) {
            if (const std::optional<tabular::BlendState> r = tables_->flash_pq(p.si(), q)) return to_state(*r);
        }
        return fluid_->flash_pq(p, q);
    }
    [[nodiscard]] Result<SaturationState> saturation_p(Pressure p) const noexcept {
        if (tables_) {
            if (const std::optional<tabular::BlendSaturation> r = tables_->saturation_p(p.si()))
                return to_saturation(*r);
        }
        return fluid_->saturation_p(p);
    }
    [[nodiscard]] Result<SaturationState> saturation_t(Temperature T) const noexcept {
        if (tables_ && in_T_range(T.si())) {
            if (const std::optional<tabular::BlendSaturation> r = tables_->saturation_t(T.si()))
                return to_saturation(*r);
        }
        return fluid_->saturation_t(T);
    }

    /// True when the (T, p), (p, s), (p, q) state or the saturation state is served by the tables.
    [[nodiscard]] bool covers_tp(Temperature T, Pressure p) const noexcept {
        return tables_ && in_T_range(T.si()) && tables_->flash_py(p.si(), T.si(), true).has_value();
    }
    [[nodiscard]] bool covers_ps(Pressure p, SpecificEntropy s) const noexcept {
        return tables_ && tables_->flash_py(p.si(), s.si(), false).has_value();
    }
    [[nodiscard]] bool covers_saturation_p(Pressure p) const noexcept {
        return tables_ && tables_->saturation_p(p.si()).has_value();
    }
    [[nodiscard]] bool covers_saturation_t(Temperature T) const noexcept {
        return tables_ && in_T_range(T.si()) && tables_->saturation_t(T.si()).has_value();
    }

  private:
    [[nodiscard]] State to_state(const tabular::BlendState& r) const noexcept {
        State s;
        s.T = Temperature{r.T};
        s.p = Pressure{r.p};
        s.rho = Density{r.rho};
        s.h = SpecificEnthalpy{r.h};
        s.s = SpecificEntropy{r.s};
        s.u = SpecificEnthalpy{r.h - r.p / r.rho};
        if (r.two_phase) {
            s.cp = s.cv = SpecificHeat{undefined_in_two_phase};
            s.w = Speed{undefined_in_two_phase};
            s.quality = r.q_mass;
            s.phase = Phase::two_phase;
        } else {
            s.cp = SpecificHeat{r.cp};
            s.cv = SpecificHeat{r.cv};
            s.w = Speed{r.w};
            s.quality = -1.0;
            const bool hp = r.p >= fluid_->p_critical().si(), ht = r.T >= fluid_->T_critical().si();
            s.phase = hp && ht   ? Phase::supercritical
                      : hp       ? Phase::supercritical_liquid
                      : ht       ? Phase::supercritical_gas
                      : r.liquid ? Phase::liquid
                                 : Phase::vapor;
        }
        return s;
    }

    /// The Fluid's temperature range (outside it the Fluid refuses the call with its message,
    /// even where the tables' isotherms reach further).
    [[nodiscard]] bool in_T_range(double T) const noexcept {
        return T >= fluid_->T_min().si() && T <= fluid_->T_max().si();
    }

    [[nodiscard]] static SaturationState to_saturation(const tabular::BlendSaturation& r) noexcept {
        SaturationState s;
        s.T_bubble = Temperature{r.T_bubble};
        s.T_dew = Temperature{r.T_dew};
        s.p_bubble = Pressure{r.p_bubble};
        s.p_dew = Pressure{r.p_dew};
        s.rho_liquid = Density{r.rho_bubble};
        s.rho_vapor = Density{r.rho_dew};
        s.h_liquid = SpecificEnthalpy{r.h_bubble};
        s.h_vapor = SpecificEnthalpy{r.h_dew};
        s.s_liquid = SpecificEntropy{r.s_bubble};
        s.s_vapor = SpecificEntropy{r.s_dew};
        return s;
    }

    const Fluid* fluid_;
    std::unique_ptr<const tabular::BlendTables> tables_;
};

static_assert(PropertyBackend<BlendTableBackend>);

/// The shared table backend of a blend Fluid, built on first use (about 1 s, under a lock) and
/// kept until program exit. Blend Fluids live in an append-only registry, so the Fluid's address
/// identifies the blend.
[[nodiscard]] inline const BlendTableBackend& blend_tables_for(const Fluid& fluid) {
    static std::mutex m;
    static std::vector<std::pair<const Fluid*, std::unique_ptr<const BlendTableBackend>>> built;
    const std::lock_guard<std::mutex> lock(m);
    for (const auto& e : built)
        if (e.first == &fluid) return *e.second;
    built.emplace_back(&fluid, std::make_unique<const BlendTableBackend>(fluid));
    return *built.back().second;
}

} // namespace entropyk::fluids
