// The only bridge between the cycle layer and the generic solvers: owns the solver workspaces
// (allocated at finalize time, on the first solve) and turns a solver Summary into the cycle's
// results. Both front doors (System and the typed cycle) solve through solve_loop().
#pragma once

#include <cstring>

#include "entropyk/cycles/detail/admissibility.hpp"
#include "entropyk/platform/clock.hpp"
#include "entropyk/solvers.hpp"

namespace entropyk {

namespace detail {

/// The three solvers for a nonlinear system S of n unknowns (all storage allocated here).
template <class S>
struct LoopSolvers {
    explicit LoopSolvers(Eigen::Index n) : newton(n), picard(n), fallback(n) {}
    solvers::Newton<S> newton;
    solvers::Picard<S> picard;
    solvers::Fallback<S> fallback;
};

struct SolverWorkspace : LoopSolvers<System> {
    using LoopSolvers::LoopSolvers;
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

/// One solve of an assembled loop: `s` is the NonlinearSystem the solvers see, `loop` its view
/// for the shared engine (cycles/detail/loop.hpp), `x` its scaled unknowns (the warm start), `si`
/// receives the state vector in SI. No allocation.
template <class S, class L>
void solve_loop(S& s, L loop, LoopSolvers<S>& ws, Eigen::Ref<Eigen::VectorXd> x, SolverMethod method,
                const SolveSettings& settings, StartMode start, bool& have_solution, CycleResults& results,
                std::span<double> si) {
    solvers::Options opt;
    opt.max_iterations = settings.max_iterations;
    opt.tolerance = settings.tolerance;
    opt.time_budget_s = settings.time_budget_s;
    opt.picard_relaxation = settings.picard_relaxation;

    loop.property_error() = ThermoError{};
    const bool warm = start == StartMode::warm && have_solution;
    // Chord steps only from a warm start: the kept factors belong to the last solution's neighbourhood.
    opt.reuse_jacobian = settings.reuse_jacobian && warm;
    if (!warm) detail::initial_guess(loop, x);
    solvers::Summary summary;
    switch (method) {
    case SolverMethod::newton: summary = ws.newton.solve(s, x, opt); break;
    case SolverMethod::picard: summary = ws.picard.solve(s, x, opt); break;
    case SolverMethod::fallback: summary = ws.fallback.solve(s, x, opt); break;
    }

    results.status = to_solve_status(summary.status);
    // The settings were valid, so an InvalidInput from the solver means the residuals cannot be
    // evaluated at the start (a property call refused): the cycle has no solution there.
    if (summary.status == solvers::Status::InvalidInput && opt.validate())
        results.status = SolveStatus::non_convergence;
    results.iterations = summary.iterations;
    results.residual_norm = summary.residual_norm;
    results.solve_time_s = summary.solve_time_s;
    results.warnings.clear();

    // The figures always describe this solve: the solution when it converged, else the last
    // iterate the solver returned (NaN wherever the property model refuses it).
    detail::unpack(loop, x);
    detail::postprocess(loop, results);
    ThermoError cause{};
    if (summary.converged()) {
        cause = detail::check_admissibility(loop, results,
                                            detail::AdmissibilityTolerances::for_backend(loop.props().backend()));
        if (cause.code() != Errc::ok)
            results.status = SolveStatus::non_physical;
        else
            detail::collect_warnings(loop, results, settings.discharge_temperature_limit);
    } else if (loop.property_error().code() != Errc::ok) {
        cause = loop.property_error();
    }
    // An inadmissible root is no solution: the next warm solve does not start from it.
    have_solution = results.converged();

    // The report: the cause first (it must survive any cut), then the solver's statistics.
    std::size_t used = 0;
    results.report[0] = '\0';
    if (results.status == SolveStatus::non_physical) {
        solvers::detail::append(results.report, sizeof results.report, "non-physical solution: ");
        solvers::detail::append(results.report, sizeof results.report, cause.c_str());
        solvers::detail::append(results.report, sizeof results.report, "\n");
    } else if (cause.code() != Errc::ok) {
        solvers::detail::append(results.report, sizeof results.report, "last property error: ");
        solvers::detail::append(results.report, sizeof results.report, cause.c_str());
        solvers::detail::append(results.report, sizeof results.report, "\n");
    }
    used = ::strnlen(results.report, sizeof results.report);
    summary.report(results.report + used, sizeof results.report - used);
    auto state = loop.state();
    auto controls = loop.controls();
    for (std::size_t e = 0; e < state.size(); ++e) {
        si[3 * e] = state[e].p;
        si[3 * e + 1] = state[e].h;
        si[3 * e + 2] = state[e].m;
    }
    for (std::size_t k = 0; k < controls.size(); ++k) si[3 * state.size() + k] = controls[k];
}

} // namespace detail

inline const CycleResults& System::solve(SolverMethod method, const SolveSettings& settings, StartMode start) {
    if (!finalized_) {
        results_.status = SolveStatus::invalid_input;
        std::snprintf(results_.report, sizeof results_.report, "solve() before finalize()");
        return results_;
    }
    if (!workspace_) workspace_.reset(new detail::SolverWorkspace(n_unknowns_));
    detail::solve_loop(*this, Access{*this}, *workspace_, x_, method, settings, start, have_solution_, results_, si_);
    return results_;
}

} // namespace entropyk
