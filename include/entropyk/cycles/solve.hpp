// The only bridge between the cycle layer and the generic solvers: owns the solver workspaces
// (allocated at finalize time, on the first solve) and turns a solver Summary into the cycle's
// results. Both front doors (System and the typed cycle) solve through solve_loop().
#pragma once

#include <cstring>

#include "entropyk/platform/clock.hpp"
#include "entropyk/solvers.hpp"

namespace entropyk {

namespace detail {

/// The three solvers for a nonlinear system S of n unknowns (all storage allocated here).
template <class S>
struct LoopSolvers {
    explicit LoopSolvers(Eigen::Index n) : newton(n), picard(n), fallback(n), x_converged(Eigen::VectorXd::Zero(n)) {}
    solvers::Newton<S> newton;
    solvers::Picard<S> picard;
    solvers::Fallback<S> fallback;
    /// The last converged solution (scaled unknowns): the warm start. Only a converged solve
    /// writes it, so a failed solve never becomes the next start.
    Eigen::VectorXd x_converged;
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

/// Runs one solver on x from its current value.
template <class S>
solvers::Summary run_solver(S& s, LoopSolvers<S>& ws, Eigen::Ref<Eigen::VectorXd> x, SolverMethod method,
                            const solvers::Options& opt) {
    switch (method) {
    case SolverMethod::newton: return ws.newton.solve(s, x, opt);
    case SolverMethod::picard: return ws.picard.solve(s, x, opt);
    case SolverMethod::fallback: return ws.fallback.solve(s, x, opt);
    }
    return ws.fallback.solve(s, x, opt);
}

/// One solve of an assembled loop: `s` is the NonlinearSystem the solvers see, `loop` its view
/// for the shared engine (cycles/detail/loop.hpp), `x` its scaled unknowns, `si` receives the
/// state vector in SI. No allocation.
///
/// Starts (issue 14):
/// - warm (and a converged solution exists): from the LAST CONVERGED solution, kept in
///   ws.x_converged. If that solve fails, the cold strategy runs in what is left of the time
///   budget (a large HIL jump that Newton cannot bridge from the old solution is solved like a
///   fresh point).
/// - cold: the automatic initial guess (detail::initial_guess), then the method.
/// A failed solve never replaces the kept solution: x is restored to it, so the next warm start
/// (and a return to a point that converged before) starts from a converged state.
template <class S, class L>
void solve_loop(S& s, L loop, LoopSolvers<S>& ws, Eigen::Ref<Eigen::VectorXd> x, SolverMethod method,
                const SolveSettings& settings, StartMode start, bool& have_solution, CycleResults& results,
                std::span<double> si) {
    const std::int64_t t0 = platform::monotonic_ns();
    solvers::Options opt;
    opt.max_iterations = settings.max_iterations;
    opt.tolerance = settings.tolerance;
    opt.time_budget_s = settings.time_budget_s;
    opt.picard_relaxation = settings.picard_relaxation;

    loop.property_error() = ThermoError{};
    const bool warm = start == StartMode::warm && have_solution;
    solvers::Summary summary;
    if (warm) {
        x = ws.x_converged;
        // Chord steps only from a warm start: the kept factors belong to the last solution's neighbourhood.
        opt.reuse_jacobian = settings.reuse_jacobian;
        summary = run_solver(s, ws, x, method, opt);
    }
    // Adds the counters of an earlier attempt and says in the message what was tried before.
    auto merge = [](solvers::Summary& into, const solvers::Summary& before, const char* what) {
        into.iterations += before.iterations;
        into.residual_evaluations += before.residual_evaluations;
        into.jacobian_evaluations += before.jacobian_evaluations;
        into.chord_steps += before.chord_steps;
        into.picard_iterations += before.picard_iterations;
        char msg[solvers::Summary::message_capacity] = {};
        solvers::detail::append(msg, sizeof msg, what);
        solvers::detail::append(msg, sizeof msg, into.message);
        std::memcpy(into.message, msg, sizeof msg);
    };
    auto retry = [&](const solvers::Summary& last) {
        return !last.converged() && last.status != solvers::Status::InvalidInput && opt.validate() &&
               settings.time_budget_s - platform::seconds_since(t0) > 0.0;
    };
    solvers::Options cold = opt;
    cold.reuse_jacobian = false;
    int presolve_ok = -1; // -1: not tried
    // The cold strategy: 1. the automatic guess; 2. the guess at the levels of the pre-solve.
    if (!warm || retry(summary)) {
        const solvers::Summary before = summary;
        cold.time_budget_s = settings.time_budget_s - platform::seconds_since(t0);
        loop.property_error() = ThermoError{};
        detail::initial_guess(loop, x);
        summary = run_solver(s, ws, x, method, cold);
        if (warm) merge(summary, before, "from the last solution failed, then from the automatic guess: ");
    }
    if (!summary.converged() && (summary.status == solvers::Status::InvalidInput || retry(summary))) {
        double levels[2] = {0.0, 0.0};
        presolve_ok = detail::presolve_levels(loop, levels) ? 1 : 0;
        if (presolve_ok == 1) {
            const solvers::Summary before = summary;
            cold.time_budget_s = settings.time_budget_s - platform::seconds_since(t0);
            loop.property_error() = ThermoError{};
            detail::initial_guess(loop, x, levels);
            summary = run_solver(s, ws, x, method, cold);
            merge(summary, before, "from the pre-solved guess: ");
        }
    }
    summary.solve_time_s = platform::seconds_since(t0);

    results.status = to_solve_status(summary.status);
    // The settings were valid, so an InvalidInput from the solver means the residuals cannot be
    // evaluated at the start (a property call refused): the cycle has no solution there.
    if (summary.status == solvers::Status::InvalidInput && opt.validate())
        results.status = SolveStatus::non_convergence;
    results.iterations = summary.iterations;
    results.residual_norm = summary.residual_norm;
    results.solve_time_s = summary.solve_time_s;
    // The cause first: a point without a steady state says so before the solver's account.
    results.report[0] = '\0';
    if (!summary.converged() && opt.validate()) {
        char cause[512];
        detail::explain_failure(loop, x, presolve_ok, cause, sizeof cause);
        solvers::detail::append(results.report, sizeof results.report, cause);
    }
    const std::size_t used = std::strlen(results.report);
    summary.report(results.report + used, sizeof results.report - used);
    if (!summary.converged() && loop.property_error().code() != Errc::ok) {
        // Appended without snprintf, whose output g++ 12 cannot bound here (-Wformat-truncation).
        solvers::detail::append(results.report, sizeof results.report, "last property error: ");
        solvers::detail::append(results.report, sizeof results.report, loop.property_error().c_str());
        solvers::detail::append(results.report, sizeof results.report, "\n");
    }
    if (summary.converged()) {
        have_solution = true;
        ws.x_converged = x;
        detail::unpack(loop, x);
        detail::postprocess(loop, results);
    }
    // The state vector shows where the solve ended (the failed iterate, for diagnosis) ...
    auto state = loop.state();
    auto controls = loop.controls();
    for (std::size_t e = 0; e < state.size(); ++e) {
        si[3 * e] = state[e].p;
        si[3 * e + 1] = state[e].h;
        si[3 * e + 2] = state[e].m;
    }
    for (std::size_t k = 0; k < controls.size(); ++k) si[3 * state.size() + k] = controls[k];
    // ... but the next warm start is the last converged solution, never a failed iterate.
    if (!summary.converged() && have_solution) x = ws.x_converged;
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
