// Vapour-injection (economised) compressor: a scroll or screw compressor with a second inlet
// part-way through its compression, through which vapour from an economizer (or a flash tank)
// enters at an intermediate pressure. The isentropic two-step model of Wang, Hwang & Radermacher,
// "Two-stage heat pump system with vapor-injected scroll compressor using R410A as a
// refrigerant", Int. J. Refrig. 32 (2009) 1442-1451, and of Navarro, Redón, Gonzálvez-Maciá,
// Martinez-Galvan & Corberán, "Characterization of a vapor injection scroll compressor as a
// function of low, intermediate and high pressures and temperature conditions", Int. J. Refrig.
// 36 (2013) 1821-1829 (the "two compression stages with an adiabatic mixing in between"
// representation):
//   1. the suction stream is compressed from p_s to the injection pressure p_i:
//        h_m = h_s + (h(p_i, s_s) - h_s) / eta;
//   2. it mixes adiabatically with the injected stream at p_i:
//        h_x = (m_s h_m + m_i h_i) / (m_s + m_i);
//   3. the mixture is compressed from p_i to the discharge pressure p_d:
//        h_d = h_x + (h(p_d, s(p_i, h_x)) - h_x) / eta.
// Both steps have the same isentropic efficiency eta. The suction flow follows the compressor's
// flow law: a fixed mass flow, or a displacement (detail/displacement.hpp, the same law as the
// single-inlet compressor's),
//   m_s = rho_s V_disp N eta_vol,
// which off-design networks need (the flow then follows the suction pressure); the injected flow
// is whatever the injection circuit delivers (an economizer with its valve,
// components/economizer.hpp).
//
// Map form (for a designer with a manufacturer's datasheet): the AHRI 540 / EN 12900 polynomials of
// a vapour-injection compressor give the SUCTION (evaporator) mass flow and the electrical power in
// the suction and discharge dew-point temperatures, at the rated suction superheat and at the
// injection conditions of the rating (manufacturers of EVI scrolls publish them so). The model
// reuses the single-inlet map compressor (map_compressor.hpp): the suction flow with the Dabiri &
// Rice superheat correction and the speed scaling/interpolation, the power W with its isentropic
// enthalpy-rise correction; the injected flow is left to the network, and the discharge follows
// from the energy balance of the whole compressor with the shell-loss fraction f,
//   (m_s + m_i) h_d = m_s h_s + m_i h_i + W (1 - f).
// Limits: the map's power holds at the rating's injection conditions; when the network injects
// another flow (another economizer duty or injection pressure) the power is not corrected for it
// - W is the datasheet's, the enthalpy of the injected gas is accounted for exactly. The injection
// pressure is an input (given, or the geometric-mean rule below), not derived from the port
// geometry (the semi-empirical models of Dardenne, Fraccari, Maggioni, Molinaroli, Proserpio & Winandy 2015, Int. J.
// Refrig. 54:76-87, and of Navarro et al. 2013 fit an injection port; they need test data, not a
// datasheet). The injection pressure is
// given, or the geometric mean of suction and discharge pressures times a factor r,
//   p_i = r sqrt(p_s p_d),
// the usual first estimate of an optimum intermediate pressure of two-stage compression (for
// equal stage pressure ratios; Wang et al. 2009 find the optimum of their VI cycle near it).
// Ports: inlets "suction" (port 0) and "injection" (port 1); outlet "discharge".
#pragma once

#include <cmath>
#include <optional>

#include "entropyk/components/component.hpp"
#include "entropyk/components/detail/displacement.hpp"
#include "entropyk/components/detail/intermediate_pressure.hpp"
#include "entropyk/components/map_compressor.hpp"

namespace entropyk {

class VapourInjectionCompressor {
  public:
    enum class FlowLaw : std::uint8_t { fixed_mass_flow, displacement, map };
    /// The suction side's swept volume per revolution, speed and volumetric efficiency.
    struct Displacement {
        Volume per_revolution{};
        Frequency speed{};
        double volumetric_efficiency = 1.0;
    };

    /// Isentropic efficiency `eta` of both steps, the suction mass flow, and the injection
    /// pressure at `factor` times the geometric mean of suction and discharge pressures.
    static VapourInjectionCompressor geometric_mean(double eta, MassFlow suction_flow, double factor = 1.0) {
        VapourInjectionCompressor c;
        c.eta_ = eta;
        c.m_ = suction_flow.si();
        c.r_ = factor;
        return c;
    }
    /// The same with a given injection pressure.
    static VapourInjectionCompressor at_injection_pressure(double eta, MassFlow suction_flow, Pressure p_injection) {
        VapourInjectionCompressor c;
        c.eta_ = eta;
        c.m_ = suction_flow.si();
        c.p_inj_ = p_injection.si();
        return c;
    }
    /// Two-step model with the suction flow from a displacement; injection pressure at `factor`
    /// times the geometric mean.
    static VapourInjectionCompressor geometric_mean(double eta, const Displacement& d, double factor = 1.0) {
        VapourInjectionCompressor c = geometric_mean(eta, MassFlow{0.0}, factor);
        c.set_displacement(d);
        return c;
    }
    /// The same with a given injection pressure.
    static VapourInjectionCompressor at_injection_pressure(double eta, const Displacement& d, Pressure p_injection) {
        VapourInjectionCompressor c = at_injection_pressure(eta, MassFlow{0.0}, p_injection);
        c.set_displacement(d);
        return c;
    }
    /// Map form (header comment): suction flow and power from `map`, injection pressure at
    /// `factor` times the geometric mean.
    static VapourInjectionCompressor from_map(const MapCompressor& map, double factor = 1.0) {
        VapourInjectionCompressor c;
        c.law_ = FlowLaw::map;
        c.map_ = map;
        c.r_ = factor;
        return c;
    }
    /// The same with a given injection pressure.
    static VapourInjectionCompressor from_map_at_injection_pressure(const MapCompressor& map, Pressure p_injection) {
        VapourInjectionCompressor c = from_map(map);
        c.p_inj_ = p_injection.si();
        return c;
    }

    [[nodiscard]] Role role() const noexcept { return Role::compressor; }
    [[nodiscard]] int n_inlets() const noexcept { return 2; }
    [[nodiscard]] int n_outlets() const noexcept { return 1; }
    [[nodiscard]] const char* inlet_name(int k) const noexcept { return k == 0 ? "suction" : "injection"; }
    [[nodiscard]] const char* outlet_name(int) const noexcept { return "discharge"; }
    [[nodiscard]] int n_equations() const noexcept { return 4; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0:
            return law_ == FlowLaw::map
                       ? EquationInfo{"energy balance (map power)", EquationKind::enthalpy}
                       : EquationInfo{"two-step isentropic compression (discharge enthalpy)", EquationKind::enthalpy};
        case 1: return {"mass balance", EquationKind::mass_balance};
        case 2:
            return law_ == FlowLaw::fixed_mass_flow ? EquationInfo{"fixed suction mass flow", EquationKind::flow}
                   : law_ == FlowLaw::displacement  ? EquationInfo{"displacement suction mass flow", EquationKind::flow}
                                                    : EquationInfo{"map suction mass flow", EquationKind::flow};
        default:
            return {p_inj_ > 0.0 ? "given injection pressure" : "injection pressure (geometric mean)",
                    EquationKind::pressure};
        }
    }
    [[nodiscard]] Result<void> validate() const {
        if (law_ == FlowLaw::map) {
            if (auto r = map_->validate(); !r) return r;
        } else if (!(eta_ > 0.0 && eta_ <= 1.0))
            return ThermoError::format(Errc::invalid_argument,
                                       "isentropic efficiency = %g: expected a number in (0, 1]", eta_);
        if (law_ == FlowLaw::fixed_mass_flow && !detail::finite_positive(m_))
            return ThermoError::format(Errc::invalid_argument, "mass flow = %g kg/s: expected a positive number", m_);
        if (law_ == FlowLaw::displacement)
            if (auto r = disp_.validate(); !r) return r;
        if (p_inj_ == 0.0 && !(r_ > 0.0 && r_ < 10.0))
            return ThermoError::format(Errc::invalid_argument,
                                       "injection pressure factor = %g: expected a number in (0, 10)", r_);
        if (p_inj_ != 0.0 && !detail::finite_positive(p_inj_))
            return ThermoError::format(Errc::invalid_argument, "injection pressure = %g Pa: expected a positive number",
                                       p_inj_);
        return {};
    }

    [[nodiscard]] bool residuals(const PropertyService& props, std::span<const EdgeState* const> in,
                                 std::span<const EdgeState* const> out, std::span<const double>, std::span<double> r,
                                 ThermoError& err) const {
        const EdgeState &s = *in[0], &i = *in[1], &d = *out[0];
        double hd = 0.0, ms = 0.0;
        if (!discharge(props, s, i, d.p, hd, ms, err)) return false;
        r[0] = (d.h - hd) / scale::enthalpy;
        r[1] = (d.m - s.m - i.m) / scale::mass_flow;
        r[2] = (s.m - ms) / scale::mass_flow;
        r[3] = (i.p - injection_pressure(s.p, d.p)) / scale::pressure;
        return true;
    }
    /// Picard: the suction flow, the injection pressure, and the discharge from both inlets.
    [[nodiscard]] bool sweep(const PropertyService& props, std::span<EdgeState* const> in,
                             std::span<EdgeState* const> out, std::span<double>) const {
        EdgeState &s = *in[0], &i = *in[1], &d = *out[0];
        if (law_ == FlowLaw::fixed_mass_flow) s.m = m_;
        if (!(d.p > s.p)) return false;
        i.p = injection_pressure(s.p, d.p);
        ThermoError err;
        double hd = 0.0, ms = 0.0;
        if (law_ != FlowLaw::fixed_mass_flow) {
            // The flow law first (it depends on the suction state only), then the discharge.
            if (!discharge(props, s, i, d.p, hd, ms, err)) return false;
            s.m = ms;
        }
        d.m = s.m + i.m;
        if (!discharge(props, s, i, d.p, hd, ms, err)) return false;
        d.h = hd;
        return true;
    }
    void hints(const PropertyService&, GuessHints& g) const {
        if (law_ == FlowLaw::fixed_mass_flow) g.m = m_;
    }
    void report(const PropertyService& props, std::span<const EdgeState* const> in,
                std::span<const EdgeState* const> out, std::span<const double>, ComponentReport& rep) const {
        const EdgeState &s = *in[0], &i = *in[1], &d = *out[0];
        rep.power = d.m * d.h - s.m * s.h - i.m * i.h;
        rep.electrical_power = rep.power;
        if (law_ == FlowLaw::map) {
            ThermoError err;
            MapCompressor::Operating op;
            if (map_->operating(props, s.p, s.h, d.p, op, err)) rep.electrical_power = op.power;
        }
        auto ss = props.ph(s.p, s.h);
        auto si = props.ph(i.p, i.h);
        auto sd = props.ph(d.p, d.h);
        // Shell losses (map form) leave at (at least) the discharge temperature.
        if (ss && si && sd)
            rep.entropy_generation = d.m * sd->s.si() - s.m * ss->s.si() - i.m * si->s.si() +
                                     (rep.electrical_power - rep.power) / sd->T.si();
        rep.control_value = i.m / s.m; // the injection ratio
    }
    [[nodiscard]] Result<void> set_input(Input which, double v) {
        switch (which) {
        case Input::isentropic_efficiency:
            if (law_ == FlowLaw::map) return detail::not_an_input("map vapour-injection compressor", which);
            eta_ = v;
            break;
        case Input::mass_flow:
            if (law_ != FlowLaw::fixed_mass_flow)
                return detail::not_an_input("vapour-injection compressor without a fixed flow", which);
            m_ = v;
            break;
        case Input::compressor_speed:
            if (law_ == FlowLaw::displacement) {
                disp_.speed = v;
                break;
            }
            if (law_ == FlowLaw::map) {
                if (auto r = map_->set_input(which, v); !r) return r;
                break;
            }
            return detail::not_an_input("vapour-injection compressor", which);
        default: return detail::not_an_input("vapour-injection compressor", which);
        }
        return validate();
    }

    [[nodiscard]] double injection_pressure(double p_suction, double p_discharge) const noexcept {
        return p_inj_ > 0.0 ? p_inj_ : detail::geometric_mean_pressure(p_suction, p_discharge, r_);
    }

    [[nodiscard]] FlowLaw flow_law() const noexcept { return law_; }

  private:
    void set_displacement(const Displacement& d) {
        law_ = FlowLaw::displacement;
        disp_ = {d.per_revolution.si(), d.speed.si(), d.volumetric_efficiency};
    }
    /// The discharge enthalpy and the suction flow of the flow law, at the current inlet states
    /// (the discharge uses the current inlet flows).
    bool discharge(const PropertyService& props, const EdgeState& s, const EdgeState& i, double pd, double& hd,
                   double& ms, ThermoError& err) const {
        if (law_ == FlowLaw::map) {
            MapCompressor::Operating op;
            if (!map_->operating(props, s.p, s.h, pd, op, err)) {
                if (err.code() == Errc::ok) err = ThermoError{Errc::invalid_state, "the compressor map gives no flow"};
                return false;
            }
            ms = op.m;
            const double mt = s.m + i.m;
            const double w = op.power * (1.0 - map_->options().heat_loss_fraction);
            hd = mt > 0.0 ? (s.m * s.h + i.m * i.h + w) / mt : s.h + w / op.m;
            return true;
        }
        auto st_s = props.ph(s.p, s.h);
        if (!detail::take(st_s, err)) return false;
        ms = law_ == FlowLaw::fixed_mass_flow ? m_ : disp_.mass_flow(st_s->rho.si());
        auto st_ms = props.ps(i.p, st_s->s.si());
        if (!detail::take(st_ms, err)) return false;
        const double hm = s.h + (st_ms->h.si() - s.h) / eta_;
        const double mt = s.m + i.m;
        const double hx = mt > 0.0 ? (s.m * hm + i.m * i.h) / mt : hm;
        auto st_x = props.ph(i.p, hx);
        if (!detail::take(st_x, err)) return false;
        auto st_ds = props.ps(pd, st_x->s.si());
        if (!detail::take(st_ds, err)) return false;
        hd = hx + (st_ds->h.si() - hx) / eta_;
        return true;
    }
    double eta_ = 0.7, m_ = 0.0, p_inj_ = 0.0, r_ = 1.0;
    FlowLaw law_ = FlowLaw::fixed_mass_flow;
    detail::DisplacementFlow disp_{};
    std::optional<MapCompressor> map_{};
};

static_assert(MultiPortModel<VapourInjectionCompressor>);

} // namespace entropyk
