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
// flow law (a fixed mass flow here); the injected flow is whatever the injection circuit
// delivers (an economizer with its valve, components/economizer.hpp). The injection pressure is
// given, or the geometric mean of suction and discharge pressures times a factor r,
//   p_i = r sqrt(p_s p_d),
// the usual first estimate of an optimum intermediate pressure of two-stage compression (for
// equal stage pressure ratios; Wang et al. 2009 find the optimum of their VI cycle near it).
// Ports: inlets "suction" (port 0) and "injection" (port 1); outlet "discharge".
#pragma once

#include <cmath>

#include "entropyk/components/component.hpp"
#include "entropyk/components/detail/intermediate_pressure.hpp"

namespace entropyk {

class VapourInjectionCompressor {
  public:
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

    [[nodiscard]] Role role() const noexcept { return Role::compressor; }
    [[nodiscard]] int n_inlets() const noexcept { return 2; }
    [[nodiscard]] int n_outlets() const noexcept { return 1; }
    [[nodiscard]] const char* inlet_name(int k) const noexcept { return k == 0 ? "suction" : "injection"; }
    [[nodiscard]] const char* outlet_name(int) const noexcept { return "discharge"; }
    [[nodiscard]] int n_equations() const noexcept { return 4; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"two-step isentropic compression (discharge enthalpy)", EquationKind::enthalpy};
        case 1: return {"mass balance", EquationKind::mass_balance};
        case 2: return {"fixed suction mass flow", EquationKind::flow};
        default:
            return {p_inj_ > 0.0 ? "given injection pressure" : "injection pressure (geometric mean)",
                    EquationKind::pressure};
        }
    }
    [[nodiscard]] Result<void> validate() const {
        if (!(eta_ > 0.0 && eta_ <= 1.0))
            return ThermoError::format(Errc::invalid_argument,
                                       "isentropic efficiency = %g: expected a number in (0, 1]", eta_);
        if (!detail::finite_positive(m_))
            return ThermoError::format(Errc::invalid_argument, "mass flow = %g kg/s: expected a positive number", m_);
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
        double hd = 0.0;
        if (!discharge_enthalpy(props, s, i, d.p, hd, err)) return false;
        r[0] = (d.h - hd) / scale::enthalpy;
        r[1] = (d.m - s.m - i.m) / scale::mass_flow;
        r[2] = (s.m - m_) / scale::mass_flow;
        r[3] = (i.p - injection_pressure(s.p, d.p)) / scale::pressure;
        return true;
    }
    /// Picard: the suction flow, the injection pressure, and the discharge from both inlets.
    [[nodiscard]] bool sweep(const PropertyService& props, std::span<EdgeState* const> in,
                             std::span<EdgeState* const> out, std::span<double>) const {
        EdgeState &s = *in[0], &i = *in[1], &d = *out[0];
        s.m = m_;
        if (!(d.p > s.p)) return false;
        i.p = injection_pressure(s.p, d.p);
        d.m = s.m + i.m;
        ThermoError err;
        double hd = 0.0;
        if (!discharge_enthalpy(props, s, i, d.p, hd, err)) return false;
        d.h = hd;
        return true;
    }
    void hints(const PropertyService&, GuessHints& g) const { g.m = m_; }
    void report(const PropertyService& props, std::span<const EdgeState* const> in,
                std::span<const EdgeState* const> out, std::span<const double>, ComponentReport& rep) const {
        const EdgeState &s = *in[0], &i = *in[1], &d = *out[0];
        rep.power = d.m * d.h - s.m * s.h - i.m * i.h;
        rep.electrical_power = rep.power;
        auto ss = props.ph(s.p, s.h);
        auto si = props.ph(i.p, i.h);
        auto sd = props.ph(d.p, d.h);
        if (ss && si && sd) rep.entropy_generation = d.m * sd->s.si() - s.m * ss->s.si() - i.m * si->s.si();
        rep.control_value = i.m / s.m; // the injection ratio
    }
    [[nodiscard]] Result<void> set_input(Input which, double v) {
        switch (which) {
        case Input::isentropic_efficiency: eta_ = v; break;
        case Input::mass_flow: m_ = v; break;
        default: return detail::not_an_input("vapour-injection compressor", which);
        }
        return validate();
    }

    [[nodiscard]] double injection_pressure(double p_suction, double p_discharge) const noexcept {
        return p_inj_ > 0.0 ? p_inj_ : detail::geometric_mean_pressure(p_suction, p_discharge, r_);
    }

  private:
    bool discharge_enthalpy(const PropertyService& props, const EdgeState& s, const EdgeState& i, double pd, double& hd,
                            ThermoError& err) const {
        auto st_s = props.ph(s.p, s.h);
        if (!detail::take(st_s, err)) return false;
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
};

static_assert(MultiPortModel<VapourInjectionCompressor>);

} // namespace entropyk
