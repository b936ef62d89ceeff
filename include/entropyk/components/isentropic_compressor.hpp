// Design-mode compressor: outlet enthalpy from an isentropic efficiency,
//   eta_is = (h2s - h1) / (h2 - h1),  h2s = h(p2, s1),
// the textbook definition (e.g. Cengel & Boles, Thermodynamics, ch. 7; Moran & Shapiro ch. 10).
// The mass flow is either left to another component, fixed, or set by a displacement:
//   m = rho1 * V_disp * N * eta_vol.
#pragma once

#include <cmath>

#include "entropyk/components/component.hpp"
#include "entropyk/components/detail/displacement.hpp"

namespace entropyk {

class IsentropicCompressor {
  public:
    enum class FlowLaw : std::uint8_t { none, fixed_mass_flow, displacement };

    /// Efficiency only; the mass flow is set elsewhere (or the system reports it missing).
    explicit IsentropicCompressor(double isentropic_efficiency) : eta_(isentropic_efficiency) {}
    /// Efficiency and a fixed mass flow.
    IsentropicCompressor(double isentropic_efficiency, MassFlow m)
        : eta_(isentropic_efficiency), law_(FlowLaw::fixed_mass_flow), m_fixed_(m.si()) {}
    /// Efficiency and a displacement per revolution at a speed with a volumetric efficiency.
    IsentropicCompressor(double isentropic_efficiency, Volume displacement_per_rev, Frequency speed,
                         double volumetric_efficiency)
        : eta_(isentropic_efficiency),
          law_(FlowLaw::displacement), disp_{displacement_per_rev.si(), speed.si(), volumetric_efficiency} {}

    [[nodiscard]] Role role() const noexcept { return Role::compressor; }
    [[nodiscard]] int n_equations() const noexcept { return law_ == FlowLaw::none ? 2 : 3; }
    [[nodiscard]] int n_controls() const noexcept { return 0; }
    [[nodiscard]] EquationInfo equation(int k) const noexcept {
        switch (k) {
        case 0: return {"isentropic efficiency (outlet enthalpy)", EquationKind::enthalpy};
        case 1: return {"mass balance", EquationKind::mass_balance};
        default:
            return {law_ == FlowLaw::fixed_mass_flow ? "fixed mass flow" : "displacement mass flow",
                    EquationKind::flow};
        }
    }

    [[nodiscard]] Result<void> validate() const {
        if (!(eta_ > 0.0 && eta_ <= 1.0))
            return ThermoError::format(Errc::invalid_argument,
                                       "isentropic efficiency = %g: expected a number in (0, 1]", eta_);
        if (law_ == FlowLaw::fixed_mass_flow && !detail::finite_positive(m_fixed_))
            return ThermoError::format(Errc::invalid_argument, "mass flow = %g kg/s: expected a positive number",
                                       m_fixed_);
        if (law_ == FlowLaw::displacement) return disp_.validate();
        return {};
    }

    [[nodiscard]] bool residuals(const PropertyService& props, const EdgeState& in, const EdgeState& out,
                                 std::span<const double>, std::span<double> r, ThermoError& err) const {
        double h2 = 0.0, rho1 = 0.0;
        if (!outlet_enthalpy(props, in, out.p, h2, rho1, err)) return false;
        r[0] = (out.h - h2) / scale::enthalpy;
        r[1] = (out.m - in.m) / scale::mass_flow;
        if (law_ != FlowLaw::none) r[2] = (in.m - law_mass_flow(rho1)) / scale::mass_flow;
        return true;
    }

    /// Picard: the flow law sets the flow on both sides; the outlet enthalpy follows from the
    /// inlet and the current outlet pressure.
    [[nodiscard]] bool sweep(const PropertyService& props, EdgeState& in, EdgeState& out, std::span<double>) const {
        ThermoError err;
        double h2 = 0.0, rho1 = 0.0;
        if (!outlet_enthalpy(props, in, out.p, h2, rho1, err)) return false;
        if (law_ != FlowLaw::none) in.m = law_mass_flow(rho1);
        out.m = in.m;
        out.h = h2;
        return true;
    }

    void hints(const PropertyService&, GuessHints& g) const {
        if (law_ == FlowLaw::fixed_mass_flow) g.m = m_fixed_;
    }

    void report(const PropertyService& props, const EdgeState& in, const EdgeState& out, std::span<const double>,
                ComponentReport& rep) const {
        rep.power = in.m * (out.h - in.h);
        rep.electrical_power = rep.power;
        auto s1 = props.ph(in.p, in.h);
        auto s2 = props.ph(out.p, out.h);
        if (s1 && s2) rep.entropy_generation = in.m * (s2->s.si() - s1->s.si());
        if (law_ == FlowLaw::displacement) rep.control_value = disp_.speed;
    }

    [[nodiscard]] Result<void> set_input(Input which, double v) {
        switch (which) {
        case Input::isentropic_efficiency: eta_ = v; break;
        case Input::mass_flow:
            if (law_ != FlowLaw::fixed_mass_flow) return detail::not_an_input("compressor without a fixed flow", which);
            m_fixed_ = v;
            break;
        case Input::compressor_speed:
            if (law_ != FlowLaw::displacement) return detail::not_an_input("compressor without a displacement", which);
            disp_.speed = v;
            break;
        default: return detail::not_an_input("isentropic compressor", which);
        }
        return validate();
    }

    [[nodiscard]] double isentropic_efficiency() const noexcept { return eta_; }

  private:
    bool outlet_enthalpy(const PropertyService& props, const EdgeState& in, double p2, double& h2, double& rho1,
                         ThermoError& err) const {
        auto st1 = props.ph(in.p, in.h);
        if (!detail::take(st1, err)) return false;
        auto st2s = props.ps(p2, st1->s.si());
        if (!detail::take(st2s, err)) return false;
        h2 = in.h + (st2s->h.si() - in.h) / eta_;
        rho1 = st1->rho.si();
        return true;
    }
    [[nodiscard]] double law_mass_flow(double rho1) const noexcept {
        return law_ == FlowLaw::fixed_mass_flow ? m_fixed_ : disp_.mass_flow(rho1);
    }

    double eta_;
    FlowLaw law_ = FlowLaw::none;
    double m_fixed_ = 0.0;
    detail::DisplacementFlow disp_{};
};

static_assert(ComponentModel<IsentropicCompressor>);

} // namespace entropyk
