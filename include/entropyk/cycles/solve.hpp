// The only bridge between the cycle layer and the generic solvers: owns the solver workspaces
// (allocated at finalize time, on the first solve) and turns a solver Summary into the cycle's
// results.
#pragma once

#include <cstring>

#include "entropyk/platform/clock.hpp"
#include "entropyk/solvers.hpp"

namespace entropyk {

namespace detail {

struct SolverWorkspace {
    explicit SolverWorkspace(Eigen::Index n) : newton(n), picard(n), fallback(n) {}
    solvers::Newton<System> newton;
    solvers::Picard<System> picard;
    solvers::Fallback<System> fallback;
};

inline void SolverWorkspaceDeleter::operator()(SolverWorkspace* w) const noexcept { delete w; }

inline SolveStatus to_solve_status(solvers::Status s) noexcept {
    switch (s) {
    case solvers::Status::Converged: return SolveStatus::converged;
    case solvers::Status::ConvergedControlSaturation: return SolveStatus::converged_control_saturation;
    case solvers::Status::TimedOut: return SolveStatus::timed_out;
    case solvers::Status::NonConvergence: return SolveStatus::non_convergence;
    case solvers::Status::InvalidInput: return SolveStatus::invalid_input;
    }
    return SolveStatus::non_convergence;
}

} // namespace detail

inline const CycleResults& System::solve(SolverMethod method, const SolveSettings& settings, StartMode start) {
    if (!finalized_) {
        results_.status = SolveStatus::invalid_input;
        std::snprintf(results_.report, sizeof results_.report, "solve() before finalize()");
        return results_;
    }
    if (!workspace_) workspace_.reset(new detail::SolverWorkspace(n_unknowns_));

    solvers::Options opt;
    opt.max_iterations = settings.max_iterations;
    opt.tolerance = settings.tolerance;
    opt.time_budget_s = settings.time_budget_s;
    opt.picard_relaxation = settings.picard_relaxation;

    property_error_ = ThermoError{};
    if (start == StartMode::cold || !have_solution_) initial_guess(x_);
    solvers::Summary summary;
    switch (method) {
    case SolverMethod::newton: summary = workspace_->newton.solve(*this, x_, opt); break;
    case SolverMethod::picard: summary = workspace_->picard.solve(*this, x_, opt); break;
    case SolverMethod::fallback: summary = workspace_->fallback.solve(*this, x_, opt); break;
    }

    results_.status = detail::to_solve_status(summary.status);
    // The settings were valid, so an InvalidInput from the solver means the residuals cannot be
    // evaluated at the start (a property call refused): the cycle has no solution there.
    if (summary.status == solvers::Status::InvalidInput && opt.validate())
        results_.status = SolveStatus::non_convergence;
    results_.iterations = summary.iterations;
    results_.residual_norm = summary.residual_norm;
    results_.solve_time_s = summary.solve_time_s;
    const std::size_t used =
        std::min(summary.report(results_.report, sizeof results_.report), sizeof results_.report - 1);
    if (!summary.converged() && property_error_.code() != Errc::ok)
        std::snprintf(results_.report + used, sizeof results_.report - used, "last property error: %s\n",
                      property_error_.c_str());
    have_solution_ = summary.converged();
    if (summary.converged()) {
        unpack(x_);
        postprocess();
    }
    for (std::size_t e = 0; e < edges_.size(); ++e) {
        si_[3 * e] = state_[e].p;
        si_[3 * e + 1] = state_[e].h;
        si_[3 * e + 2] = state_[e].m;
    }
    for (std::size_t k = 0; k < controls_.size(); ++k) si_[3 * edges_.size() + k] = controls_[k];
    return results_;
}

inline void System::postprocess() {
    auto& R = results_;
    double m_ref = 0.0;
    for (std::size_t e = 0; e < edges_.size(); ++e) {
        auto& c = R.connections[e];
        c.m = state_[e].m;
        m_ref = std::max(m_ref, std::fabs(c.m));
        auto st = props_.ph(state_[e].p, state_[e].h);
        if (st) c.state = *st;
    }
    R.mass_balance = 0.0;
    for (std::size_t e = 0; e < edges_.size(); ++e)
        R.mass_balance = std::max(R.mass_balance, std::fabs(state_[e].m - state_[0].m) / std::max(m_ref, 1e-300));

    R.cooling_capacity = R.heating_capacity = R.compressor_power = R.entropy_generation = 0.0;
    R.superheat = R.subcooling = not_available;
    double electrical = 0.0, net_heat = 0.0;
    for (std::uint32_t i : order_) {
        const Node& n = nodes_[i];
        ComponentReport rep;
        const auto& in = state_[static_cast<std::size_t>(n.in_edge)];
        const auto& out = state_[static_cast<std::size_t>(n.out_edge)];
        n.c.report(props_, in, out, controls_of(n), rep);
        R.components[i] = rep;
        R.entropy_generation += rep.entropy_generation;
        net_heat += rep.heat_rate;
        if (rep.heat_rate > 0) R.cooling_capacity += rep.heat_rate;
        if (rep.heat_rate < 0) R.heating_capacity -= rep.heat_rate;
        R.compressor_power += rep.power;
        electrical += rep.electrical_power;
        const auto& out_state = R.connections[static_cast<std::size_t>(n.out_edge)].state;
        if (n.c.role() == Role::evaporator && std::isnan(R.superheat)) {
            if (auto sat = props_.sat_p(out.p)) R.superheat = out_state.T.si() - sat->T_dew.si();
        }
        if (n.c.role() == Role::condenser && std::isnan(R.subcooling)) {
            if (auto sat = props_.sat_p(out.p)) R.subcooling = sat->T_bubble.si() - out_state.T.si();
        }
    }
    (void)electrical;
    // First law around the loop: heat in + work in = 0 for a steady closed loop.
    R.energy_balance = (net_heat + R.compressor_power) / std::max(R.heating_capacity, 1e-300);
    R.cop_cooling = R.compressor_power > 0 ? R.cooling_capacity / R.compressor_power : 0.0;
    R.cop_heating = R.compressor_power > 0 ? R.heating_capacity / R.compressor_power : 0.0;
}

} // namespace entropyk
