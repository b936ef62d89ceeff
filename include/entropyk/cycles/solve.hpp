// The only bridge between the cycle layer and the generic solvers: owns the solver workspaces
// (allocated at finalize time, on the first solve) and turns a solver Summary into the cycle's
// results. Both front doors (System and the typed cycle) solve through solve_loop().
#pragma once

#include <algorithm>
#include <cstring>
#include <limits>

#include "entropyk/components/high_pressure_valve.hpp"
#include "entropyk/core/detail/text_writer.hpp"
#include "entropyk/cycles/detail/admissibility.hpp"
#include "entropyk/cycles/detail/optimum.hpp"
#include "entropyk/platform/clock.hpp"
#include "entropyk/solvers.hpp"

namespace entropyk {

namespace detail {

/// The Newton (global) homotopy H(x, t) = F(x) - (1 - t) F(x0) of a system S (Allgower & Georg,
/// "Introduction to Numerical Continuation Methods", SIAM 2003, ch. 1; Keller 1978): at t = 0 its
/// root is x0, at t = 1 it is F. With x0 the last converged solution and F the system at the
/// changed inputs, following t from 0 to 1 is a continuation from the last solution in the
/// changed inputs that needs no copy of the old inputs: F(x0) is exactly what the input change
/// did to the residuals. The Jacobian is F's (the shift is constant).
template <class S>
struct ShiftedSystem {
    S* s = nullptr;
    const Eigen::VectorXd* r0 = nullptr;
    double t = 1.0;
    [[nodiscard]] Eigen::Index size() const { return s->size(); }
    bool residuals(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::VectorXd> r) {
        if (!s->residuals(x, r)) return false;
        r -= (1.0 - t) * (*r0);
        return true;
    }
    bool jacobian(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::MatrixXd> J) { return s->jacobian(x, J); }
    void clamp(Eigen::Ref<Eigen::VectorXd> x) { s->clamp(x); }
    void residual_name(Eigen::Index i, char* b, std::size_t c) const { s->residual_name(i, b, c); }
    void variable_name(Eigen::Index i, char* b, std::size_t c) const { s->variable_name(i, b, c); }
};

/// The three solvers for a nonlinear system S of n unknowns (all storage allocated here).
template <class S>
struct LoopSolvers {
    explicit LoopSolvers(Eigen::Index n)
        : newton(n), picard(n), fallback(n), homotopy(n), x_converged(Eigen::VectorXd::Zero(n)),
          r0(Eigen::VectorXd::Zero(n)), x_path(Eigen::VectorXd::Zero(n)) {}
    solvers::Newton<S> newton;
    solvers::Picard<S> picard;
    solvers::Fallback<S> fallback;
    solvers::Newton<ShiftedSystem<S>> homotopy;
    /// The last converged solution (scaled unknowns): the warm start. Only a converged solve
    /// writes it, so a failed solve never becomes the next start.
    Eigen::VectorXd x_converged;
    Eigen::VectorXd r0, x_path; ///< the homotopy's shift F(x0) and its trial point
};

/// Continuation from x0 = ws.x_converged to a root of s at its current inputs along the Newton
/// homotopy (ShiftedSystem), by natural-parameter steps in t with step-size control: a step that
/// Newton (at most 8 iterations) does not close is halved, a closed one lets the next double, up
/// to t = 1. On success x is the root of s and the summary is the last corrector's; otherwise x is
/// untouched. Allocation-free.
template <class S>
solvers::Summary continuation(S& s, LoopSolvers<S>& ws, Eigen::Ref<Eigen::VectorXd> x, const solvers::Options& opt,
                              double time_left_s, int& evaluations) {
    solvers::Summary out;
    out.status = solvers::Status::NonConvergence;
    const std::int64_t t0 = platform::monotonic_ns();
    ++evaluations;
    if (!s.residuals(ws.x_converged, ws.r0) || !ws.r0.allFinite()) return out;
    ShiftedSystem<S> h{&s, &ws.r0, 0.0};
    ws.x_path = ws.x_converged;
    double t = 0.0, dt = 0.25;
    solvers::Options o = opt;
    o.max_iterations = 8;
    o.reuse_jacobian = false;
    while (t < 1.0 && dt >= 1.0 / 64.0) {
        const double left = time_left_s - platform::seconds_since(t0);
        if (!(left > 0.0)) break;
        o.time_budget_s = left;
        if (opt.max_residual_evaluations > 0) {
            o.max_residual_evaluations = opt.max_residual_evaluations - evaluations;
            if (o.max_residual_evaluations <= 0) break;
        }
        h.t = std::min(1.0, t + dt);
        x = ws.x_path;
        const solvers::Summary step = ws.homotopy.solve(h, x, o);
        evaluations += step.residual_evaluations;
        out.iterations += step.iterations;
        out.residual_evaluations += step.residual_evaluations;
        out.jacobian_evaluations += step.jacobian_evaluations;
        if (step.converged()) {
            t = h.t;
            ws.x_path = x;
            dt *= 2.0;
            if (t >= 1.0) {
                const int its = out.iterations, evs = out.residual_evaluations, jacs = out.jacobian_evaluations;
                out = step;
                out.iterations = its;
                out.residual_evaluations = evs;
                out.jacobian_evaluations = jacs;
                return out;
            }
        } else {
            dt *= 0.5;
        }
    }
    x = ws.x_converged;
    return out;
}

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

/// Newton iterations of the first, short attempt of the cold strategy (see solve_loop).
inline constexpr int kProbeIterations = 15;
/// The probe's checkpoint: after this many iterations a probe whose residual max-norm is still
/// above kProbeCheckpointNorm stops and hands over to the next step of the cold strategy. Newton
/// converges quadratically once it is near a root, so a probe still far away after 8 iterations is
/// wandering (on the envelope those points went on to fail the probe anyway), while a probe that
/// is closing in keeps its full kProbeIterations (the R717 cold store needs 14, and is between
/// 1e-2 and 1e-1 at the checkpoint).
inline constexpr int kProbeCheckpoint = 8;
inline constexpr double kProbeCheckpointNorm = 1e-1;
/// How the report names the attempt from SolveSettings' guess_* start values.
inline constexpr const char* kUserStart = "the given start values";

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
template <class S, LoopView L>
void solve_loop(S& s, L loop, LoopSolvers<S>& ws, Eigen::Ref<Eigen::VectorXd> x, SolverMethod method,
                const SolveSettings& settings, StartMode start, bool& have_solution, CycleResults& results,
                std::span<double> si) {
    const std::int64_t t0 = platform::monotonic_ns();
    solvers::Options opt;
    opt.max_iterations = settings.max_iterations;
    opt.tolerance = settings.tolerance;
    opt.time_budget_s = settings.time_budget_s;
    opt.picard_relaxation = settings.picard_relaxation;
    opt.max_residual_evaluations = settings.max_residual_evaluations;

    loop.property_error() = ThermoError{};
    const bool warm = start == StartMode::warm && have_solution;
    solvers::Summary summary;
    bool continued = false; // a failed warm solve tried the continuation
    // Boundary conditions no steady state can meet (a condenser sink above the critical
    // temperature, ...) are reported without spending the budget on a solve. A warm start tests
    // them only when the solve from the last solution failed: a converged, admissible solution is
    // a steady state, and a HIL step then skips the test (about 3 % of its time).
    char cause[512];
    auto no_steady_state_report = [&](const solvers::Summary* tried) {
        results.status = SolveStatus::non_convergence;
        results.iterations = tried ? tried->iterations : 0;
        results.residual_evaluations = tried ? tried->residual_evaluations : 0;
        results.residual_norm = std::numeric_limits<double>::infinity();
        results.solve_time_s = platform::seconds_since(t0);
        results.report[0] = '\0';
        solvers::detail::append(results.report, sizeof results.report, cause);
        solvers::detail::append(results.report, sizeof results.report,
                                tried ? "status: NonConvergence: the start from the last solution failed, and no "
                                        "other start was attempted (see the line above)\n"
                                      : "status: NonConvergence: not attempted (see the line above)\n");
        detail::no_figures(results);
        for (double& v : si) v = not_available;
        if (have_solution) x = ws.x_converged;
    };
    if (!warm && opt.validate() && detail::no_steady_state(loop, cause, sizeof cause)) {
        no_steady_state_report(nullptr);
        return;
    }
    if (warm) {
        x = ws.x_converged;
        // Chord steps only from a warm start: the kept factors belong to the last solution's neighbourhood.
        opt.reuse_jacobian = settings.reuse_jacobian;
        summary = run_solver(s, ws, x, method, opt);
        if (!summary.converged() && opt.validate() && detail::no_steady_state(loop, cause, sizeof cause)) {
            no_steady_state_report(&summary);
            return;
        }
        // A failed warm solve first continues from the last solution in the changed inputs.
        const double left = settings.time_budget_s - platform::seconds_since(t0);
        if (!summary.converged() && opt.validate() && left > 0.0 && method != SolverMethod::picard &&
            (settings.max_residual_evaluations == 0 ||
             summary.residual_evaluations < settings.max_residual_evaluations)) {
            solvers::Options copt = opt;
            if (settings.max_residual_evaluations > 0)
                copt.max_residual_evaluations = settings.max_residual_evaluations - summary.residual_evaluations;
            int evals = 0;
            continued = true;
            solvers::Summary c = continuation(s, ws, x, copt, left, evals);
            if (c.converged()) {
                const solvers::Summary before = summary;
                summary = c;
                summary.iterations += before.iterations;
                summary.residual_evaluations += before.residual_evaluations;
                summary.jacobian_evaluations += before.jacobian_evaluations;
                summary.chord_steps += before.chord_steps;
                char msg[solvers::Summary::message_capacity] = {};
                solvers::detail::append(msg, sizeof msg, "from the last solution by continuation in the inputs: ");
                solvers::detail::append(msg, sizeof msg, c.message);
                std::memcpy(summary.message, msg, sizeof msg);
            } else {
                summary.residual_evaluations += evals;
                x = ws.x_converged;
            }
        }
    }
    const int warm_iterations = warm ? summary.iterations : 0;
    // Adds the counters of an earlier attempt and says in the message what was tried before.
    // The message reads "<previous start> failed; from <this start>: <solver message>".
    const char* previous =
        warm ? (continued ? "the last solution (and the continuation from it)" : "the last solution") : nullptr;
    auto merge = [&](solvers::Summary& into, const solvers::Summary& before, const char* what) {
        into.iterations += before.iterations;
        into.residual_evaluations += before.residual_evaluations;
        into.jacobian_evaluations += before.jacobian_evaluations;
        into.chord_steps += before.chord_steps;
        into.picard_iterations += before.picard_iterations;
        char msg[solvers::Summary::message_capacity] = {};
        if (previous) {
            solvers::detail::append(msg, sizeof msg, previous);
            solvers::detail::append(msg, sizeof msg, " failed; ");
        }
        solvers::detail::append(msg, sizeof msg, "from ");
        solvers::detail::append(msg, sizeof msg, what);
        solvers::detail::append(msg, sizeof msg, ": ");
        solvers::detail::append(msg, sizeof msg, into.message);
        std::memcpy(into.message, msg, sizeof msg);
    };
    // What is left of the budget, kept positive (Options refuses 0): a spent budget then times out
    // at the first check instead of making the options invalid.
    auto left = [&] { return std::max(settings.time_budget_s - platform::seconds_since(t0), 1e-12); };
    // The evaluations left of a deterministic budget (the summary's counters are cumulative).
    auto evaluations_left = [&](const solvers::Summary& last) {
        return settings.max_residual_evaluations > 0 ? settings.max_residual_evaluations - last.residual_evaluations
                                                     : 1;
    };
    auto retry = [&](const solvers::Summary& last) {
        // InvalidInput with valid options: the start could not be evaluated; another start may.
        // max_iterations bounds the cold strategy as a whole: its attempts share it (the summary's
        // counter is cumulative), so a cold "did not converge after N iterations" counts every
        // attempt. A failed warm solve does not use it up: the cold strategy still runs after it.
        return !last.converged() && opt.validate() && settings.time_budget_s - platform::seconds_since(t0) > 0.0 &&
               evaluations_left(last) > 0 && last.iterations - warm_iterations < settings.max_iterations;
    };
    solvers::Options cold = opt;
    // Cold attempts take Broyden-corrected chord steps too once their first Jacobian is computed
    // (each attempt starts with a fresh one, see attempt below), but accept one only if it shrinks
    // max|r| tenfold: far from the root a weaker contraction lets slow chord sequences replace
    // Newton steps. On the envelope: cold median 151 -> 124 us at the same convergence (999/1000);
    // with 0.25 the p99 grew from 0.99 to 1.11 ms, with 0.05 the median rose again (132 us).
    cold.reuse_jacobian = settings.reuse_jacobian;
    cold.chord_contraction = 0.1;
    int presolve_ok = -1; // -1: not tried
    // The cold strategy: 0. the user's start values, if any; 1. the automatic guess; 2. the guess
    // at the levels of the pre-solve.
    bool tried = warm;
    bool probing = false; // the next attempt is a short probe (stopped at the checkpoint if wandering)
    // One attempt of the cold strategy from a guess at `levels` (p_high, p_low; 0 = the hint's)
    // with mass flow m0 (0 = the compressor's), in what is left of both budgets.
    auto attempt = [&](const double* levels, double m0, const char* what, SolverMethod how) {
        const solvers::Summary before = summary;
        cold.time_budget_s = left();
        if (settings.max_residual_evaluations > 0) cold.max_residual_evaluations = evaluations_left(summary);
        cold.max_iterations = std::max(
            0, std::min(cold.max_iterations, settings.max_iterations - (summary.iterations - warm_iterations)));
        loop.property_error() = ThermoError{};
        // A cold attempt starts with a fresh Jacobian: the kept inverse belongs to another point.
        ws.newton.discard_jacobian();
        ws.fallback.discard_jacobian();
        detail::initial_guess(loop, x, levels, m0);
        if (probing && how == SolverMethod::newton) {
            // Step by step, to stop at the checkpoint (kProbeCheckpoint) a probe that is wandering.
            bool done = !ws.newton.start(s, x, cold);
            while (!done) {
                done = ws.newton.step(s);
                const solvers::Summary& now = ws.newton.summary();
                if (!done && now.iterations >= kProbeCheckpoint && now.residual_norm > kProbeCheckpointNorm) break;
            }
            summary = ws.newton.summary();
            if (summary.status != solvers::Status::InvalidInput) x = ws.newton.solution();
            if (!done) {
                summary.status = solvers::Status::NonConvergence;
                summary.message[0] = '\0';
                TextWriter(summary.message, solvers::Summary::message_capacity)
                    .str("residual max-norm ")
                    .sci(summary.residual_norm, 3)
                    .str(" still above ")
                    .sci(kProbeCheckpointNorm, 0)
                    .str(" after ")
                    .integer(summary.iterations)
                    .str(" iterations: the probe stopped");
            }
        } else {
            summary = run_solver(s, ws, x, how, cold);
        }
        // The first attempt is named too when it is not the default start, so that the report
        // says the user's start values were used.
        if (tried || what == kUserStart) merge(summary, before, what);
        previous = what;
        tried = true;
    };
    const bool user_guess = std::isfinite(settings.guess_evaporating_temperature) ||
                            std::isfinite(settings.guess_condensing_temperature) ||
                            std::isfinite(settings.guess_mass_flow);
    if (user_guess && (!warm || retry(summary))) {
        auto level = [&](double T, bool dew) {
            if (!std::isfinite(T)) return 0.0;
            auto sat = loop.props().sat_t(T);
            return sat ? (dew ? sat->p_dew.si() : sat->p_bubble.si()) : 0.0;
        };
        const double levels[2] = {level(settings.guess_condensing_temperature, false),
                                  level(settings.guess_evaporating_temperature, true)};
        // A short Newton probe too (unless Picard was chosen): poor start values must leave the
        // automatic strategy its iterations.
        const int full = cold.max_iterations;
        if (method != SolverMethod::picard) cold.max_iterations = std::min(full, kProbeIterations);
        probing = method != SolverMethod::picard;
        attempt(levels, std::isfinite(settings.guess_mass_flow) ? settings.guess_mass_flow : 0.0, kUserStart,
                method == SolverMethod::picard ? method : SolverMethod::newton);
        probing = false;
        cold.max_iterations = full;
    }
    // 1. A short Newton probe from the automatic guess: at most 15 iterations, and stopped at the
    //    checkpoint (8 iterations) when still far from a root; the points Newton reaches from
    //    there settle in 5-9 (the R717 cold store in 14); the rest would spend 100+ iterations in
    //    Newton/Picard/Newton. Measured on the envelope (1000 points, tables, load 4-6): cold p99
    //    0.94 ms with the checkpoint, 1.02 ms without it, median 124 us either way (a checkpoint at
    //    1e-2 gave 0.85 ms but stopped the R717 cold store's probe, which is still at 1e-2 there
    //    and converges in 14).
    // 2. The pre-solved guess with the chosen method.
    // 3. Only when the pre-solve does not apply or found no balance: the automatic guess with the
    //    chosen method (the strategy before the pre-solve existed). After a balanced pre-solve it
    //    converged nowhere on the envelope where step 2 had failed, and it costs ~10 ms there.
    // Picard keeps its own method throughout (it is chosen for its own path, not Newton's).
    const bool probe = method != SolverMethod::picard && detail::presolve_applies(loop);
    if (probe && ((!tried && !user_guess) || retry(summary))) {
        const int full = cold.max_iterations;
        cold.max_iterations = std::min(full, kProbeIterations);
        probing = true;
        attempt(nullptr, 0.0, "the automatic guess (a short Newton probe)", SolverMethod::newton);
        probing = false;
        cold.max_iterations = full;
    }
    if ((!tried && !user_guess) || retry(summary)) {
        double levels[2] = {0.0, 0.0};
        // -1 (not tried) where the pre-solve does not apply (networks, several loops, fixed
        // levels): 0 would tell explain_failure that it looked for a balance and found none.
        if (detail::presolve_applies(loop)) presolve_ok = detail::presolve_levels(loop, levels) ? 1 : 0;
        if (presolve_ok == 1) attempt(levels, 0.0, "the pre-solved guess", method);
    }
    if ((!tried && !user_guess) || (presolve_ok != 1 && retry(summary)))
        attempt(nullptr, 0.0, "the automatic guess", method);
    summary.solve_time_s = platform::seconds_since(t0);

    results.status = to_solve_status(summary.status);
    // The settings were valid, so an InvalidInput from the solver means the residuals cannot be
    // evaluated at the start (a property call refused): the cycle has no solution there.
    if (summary.status == solvers::Status::InvalidInput && opt.validate())
        results.status = SolveStatus::non_convergence;
    results.iterations = summary.iterations;
    results.residual_evaluations = summary.residual_evaluations;
    results.residual_norm = summary.residual_norm;
    results.solve_time_s = summary.solve_time_s;
    results.warnings.clear();

    // The cause first, so that no cut loses it: a point without a steady state says so before the
    // solver's account (not for a spent budget: a few iterations do not show that a point has no
    // steady state), and the last property error follows.
    results.report[0] = '\0';
    if (!summary.converged()) {
        if (summary.status != solvers::Status::TimedOut && opt.validate()) {
            detail::explain_failure(loop, x, presolve_ok, cause, sizeof cause);
            solvers::detail::append(results.report, sizeof results.report, cause);
        }
        if (loop.property_error().code() != Errc::ok) {
            // Appended without snprintf, whose output g++ 12 cannot bound here (-Wformat-truncation).
            solvers::detail::append(results.report, sizeof results.report, "last property error: ");
            solvers::detail::append(results.report, sizeof results.report, loop.property_error().c_str());
            solvers::detail::append(results.report, sizeof results.report, "\n");
        }
    }

    // The figures always describe this solve: the solution when it converged, else the last
    // iterate the solver returned (NaN wherever the property model refuses it).
    detail::unpack(loop, x);
    detail::postprocess(loop, results);
    if (summary.converged()) {
        // A root that breaks a physical law is no solution (docs/solver.md §11): reported as
        // non_physical with the cause first, and never kept as the warm start.
        const ThermoError violation = detail::check_admissibility(
            loop, results, detail::AdmissibilityTolerances::for_backend(loop.props().backend()));
        if (violation.code() != Errc::ok) {
            results.status = SolveStatus::non_physical;
            solvers::detail::append(results.report, sizeof results.report, "non-physical solution: ");
            solvers::detail::append(results.report, sizeof results.report, violation.c_str());
            solvers::detail::append(results.report, sizeof results.report, "\n");
        } else {
            detail::collect_warnings(loop, results, settings.discharge_temperature_limit);
            have_solution = true;
            ws.x_converged = x;
        }
    }
    const std::size_t used = ::strnlen(results.report, sizeof results.report);
    summary.report(results.report + used, sizeof results.report - used);
    // The state vector shows where the solve ended (the failed iterate, for diagnosis) ...
    auto state = loop.state();
    auto controls = loop.controls();
    for (std::size_t e = 0; e < state.size(); ++e) {
        si[3 * e] = state[e].p;
        si[3 * e + 1] = state[e].h;
        si[3 * e + 2] = state[e].m;
    }
    for (std::size_t k = 0; k < controls.size(); ++k) si[3 * state.size() + k] = controls[k];
    // ... but the next warm start is the last converged (admissible) solution, never a failed or
    // inadmissible iterate.
    if (!results.converged() && have_solution) x = ws.x_converged;
}

} // namespace detail

inline const CycleResults& System::solve(SolverMethod method, const SolveSettings& settings, StartMode start) {
    if (!finalized_) {
        results_.status = SolveStatus::invalid_input;
        std::snprintf(results_.report, sizeof results_.report, "solve() before finalize()");
        return results_;
    }
    if (!workspace_) workspace_.reset(new detail::SolverWorkspace(n_unknowns_));
    for (std::uint32_t i = 0; i < nodes_.size(); ++i)
        if (nodes_[i].c.cop_optimal_control()) return solve_cop_optimal(i, method, settings, start);
    detail::solve_loop(*this, Access{*this}, *workspace_, x_, method, settings, start, have_solution_, results_, si_);
    return results_;
}

/// The COP-optimal high-side pressure (components/high_pressure_valve.hpp,
/// cycles/detail/optimum.hpp): every evaluation is a solve of the loop at one valve pressure
/// (the first with the requested start, the others warm from the last converged one); the search
/// starts at the valve's last pressure (the previous optimum) or, on the first solve, at the
/// correlation of Liao, Zhao & Jakobsen (2000) evaluated at the loop's evaporating and gas-cooler
/// outlet temperatures. The final solve is at the maximiser, so the results, the state vector and
/// the next warm start are the optimum's. No allocation.
inline const CycleResults& System::solve_cop_optimal(std::uint32_t valve, SolverMethod method,
                                                     const SolveSettings& settings, StartMode start) {
    const std::int64_t t0 = platform::monotonic_ns();
    Access loop{*this};
    const auto& f = props_.fluid();
    const double pc = f.p_critical().si();
    const GuessHints g = detail::collect_hints(loop);
    double p0 = g.p_high; // the valve's pressure now (0 before its first solve)
    if (!(p0 > 0.0)) {
        double Te = 273.15;
        if (g.p_low > 0.0) {
            if (auto sat = props_.sat_p(g.p_low)) Te = sat->T_dew.si();
        } else if (g.T_secondary_low > 0.0) {
            Te = g.T_secondary_low - 8.0;
        }
        const double Tgc = g.T_gas_cooler_outlet > 0.0 ? g.T_gas_cooler_outlet : f.T_critical().si() + 5.0;
        p0 = HighPressureValve::liao_optimum_pressure(Te, Tgc);
        if (!(p0 > 1.02 * pc)) p0 = 1.2 * pc;
    }
    const double p_lo = std::max(0.6 * pc, g.p_low > 0.0 ? 1.05 * g.p_low : 0.0);
    const double p_hi = std::min(f.p_max().si(), 3.0 * pc);
    int iterations = 0, evaluations = 0;
    bool first = true;
    auto cop_at = [&](double p, double& cop) {
        if (!nodes_[valve].c.set_input(Input::high_side_pressure, p)) return false;
        // After a failed solve the next one still starts warm from the last converged solution.
        detail::solve_loop(*this, loop, *workspace_, x_, method, settings, first ? start : StartMode::warm,
                           have_solution_, results_, si_);
        first = false;
        iterations += results_.iterations;
        evaluations += results_.residual_evaluations;
        cop = results_.cop_cooling;
        return results_.converged();
    };
    // 10 Pa: far inside the 0.01 bar (1000 Pa) a designer reads, and above the noise of COP at
    // the solver's tolerance (sqrt(1e-12 / 1.4e-13) ~ 3 Pa for CO2).
    const detail::OptimumSearch best = detail::maximise_cop(cop_at, p0, p_lo, p_hi, 10.0);
    double cop = 0.0;
    const bool at_best = best.found && cop_at(best.p, cop);
    results_.iterations = iterations;
    results_.residual_evaluations = evaluations;
    results_.solve_time_s = platform::seconds_since(t0);
    char line[240];
    if (at_best)
        std::snprintf(line, sizeof line,
                      "high-side pressure: COP-optimal at %.6g bar (COP_cooling %.9g; %d solves from the start at "
                      "%.4g bar)\n",
                      best.p / 1e5, cop, best.evaluations + 1, p0 / 1e5);
    else
        std::snprintf(line, sizeof line,
                      "high-side pressure: no COP-optimal pressure found between %.4g and %.4g bar from the start at "
                      "%.4g bar (%d solves; the last one is reported)\n",
                      p_lo / 1e5, p_hi / 1e5, p0 / 1e5, best.evaluations);
    const std::size_t used = ::strnlen(results_.report, sizeof results_.report);
    if (used + 1 < sizeof results_.report) {
        // The line first, then the last solve's account.
        char tail[sizeof results_.report];
        std::memcpy(tail, results_.report, used + 1);
        results_.report[0] = '\0';
        solvers::detail::append(results_.report, sizeof results_.report, line);
        solvers::detail::append(results_.report, sizeof results_.report, tail);
    }
    if (!at_best && results_.converged()) results_.status = SolveStatus::non_convergence;
    return results_;
}

inline System System::clone() const {
    System c(props_.fluid(), props_.backend());
    // Rebuilding through add/connect/finalize (not a member-wise copy) gives the copy its own
    // layout and binds its sensors to its own connection states.
    for (const Node& n : nodes_) (void)c.add_erased(n.name, AnyComponent(n.c));
    for (const Edge& e : edges_) (void)c.connect(e.from, e.from_port, e.to, e.to_port);
    for (const auto& r : refrigerant_choices_)
        c.refrigerant_choices_.push_back({r.component, std::make_unique<PropertyService>(*r.props)});
    c.couplings_ = couplings_;
    if (!finalized_) return c;
    (void)c.finalize(); // cannot fail: this system's finalize succeeded on the same graph
    // The solve's state, copied element-wise into the copy's buffers (finalize sized them).
    std::copy(state_.begin(), state_.end(), c.state_.begin());
    std::copy(controls_.begin(), controls_.end(), c.controls_.begin());
    std::copy(block_.begin(), block_.end(), c.block_.begin());
    std::copy(base_block_.begin(), base_block_.end(), c.base_block_.begin());
    std::copy(si_.begin(), si_.end(), c.si_.begin());
    c.x_ = x_;
    c.scratch_r_ = scratch_r_;
    c.scratch_x_ = scratch_x_;
    c.have_solution_ = have_solution_;
    c.property_error_ = property_error_;
    c.results_ = results_;
    if (workspace_) c.workspace_.reset(new detail::SolverWorkspace(*workspace_));
    return c;
}

} // namespace entropyk
