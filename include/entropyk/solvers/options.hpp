// Solver options: plain fields with defaults, plus validate() (Ceres Solver::Options::IsValid).
#pragma once

#include "entropyk/core/error.hpp"
#include "entropyk/core/result.hpp"

#include <cmath>

namespace entropyk::solvers {

/// Options shared by Newton, Picard and Fallback. Every solve is bounded by `max_iterations` and by
/// `time_budget_s` of wall-clock time (monotonic clock).
struct Options {
    /// Newton steps (Newton, and each Newton phase of Fallback) or Picard passes (Picard). 0 is
    /// allowed: the solve then only evaluates the start and reports whether it is converged.
    int max_iterations = 50;
    /// Converged when the max-norm of the *scaled* residuals is at most this. This is the only
    /// convergence test; a small step without small residuals is a stall, never convergence.
    double tolerance = 1e-9;
    /// Wall-clock budget of one solve() call, in seconds; +infinity means no limit.
    double time_budget_s = 1.0;
    /// A deterministic budget: at most this many residual evaluations per solve() call (all phases
    /// of Fallback together); 0 means no limit. Unlike the wall clock it does not depend on the
    /// machine or its load, so a HIL step's worst case can be bounded in advance: the work of a
    /// solve is at most this many evaluations plus one Jacobian per iteration (max_iterations
    /// per Newton phase). Running out is reported as TimedOut, with its own message.
    int max_residual_evaluations = 0;
    /// A step whose largest relative change max_j |dx_j| / |x_j| falls below this without
    /// convergence means the iteration has stalled (NonConvergence): x changes only in its last
    /// digits (1e-14 is about 50 ulp), so the residuals cannot improve either. The line search
    /// also stops backtracking there. Keep it far below tolerance / |J|, or steps that would still
    /// converge are called stalls.
    double min_step = 1e-14;

    // ---- Newton: Jacobian and line search -------------------------------------------------
    /// Use s.jacobian() when the system provides one; false forces finite differences (useful to
    /// check an analytic Jacobian).
    bool analytic_jacobian = true;
    /// Forward-difference step for unknown j: fd_relative_step * max(|x_j|, 1). sqrt(DBL_EPSILON)
    /// balances truncation and rounding error for residuals computed to full double precision.
    double fd_relative_step = 1.4901161193847656e-08;
    /// Armijo constant c in  f(x + l dx) <= f(x) + c l grad f . dx,  f = |r|^2 / 2. In (0, 0.5).
    double armijo = 1e-4;
    /// Trial points per line search (each is one residual evaluation) before it gives up.
    int max_backtracks = 30;
    /// Chord steps (Kelley 2003, "Solving Nonlinear Equations with Newton's Method", SIAM, ch. 2.3:
    /// the chord and Shamanskii methods; the "modified Newton" of SUNDIALS KINSOL): keep the LU
    /// factors of the last Jacobian -- also across solve() calls on the same solver object -- and
    /// try the step they give before computing a new Jacobian. A chord step costs one residual
    /// evaluation instead of n + 1; it is taken only when it shrinks max|r| by at least
    /// `chord_contraction`, otherwise the iteration computes a fresh Jacobian and does a full Newton
    /// step with line search. This is what makes a warm HIL step (inputs moved a little since the
    /// last solve) cheap. Convergence is still judged only on the residuals, so the answer is the
    /// same; only the path differs.
    bool reuse_jacobian = false;
    /// A chord step is accepted when max|r(x + dx)| <= chord_contraction * max|r(x)|. In (0, 1).
    double chord_contraction = 0.25;

    // ---- Picard --------------------------------------------------------------------------
    /// Relaxation w in (0, 1]:  x <- x + w (x_sweep - x). Halved for a pass whose relaxed point
    /// cannot be evaluated.
    double picard_relaxation = 0.5;
    /// Picard passes Fallback makes between its two Newton phases.
    int fallback_picard_iterations = 20;

    /// Refuses NaN, infinite (except time_budget_s = +inf) and out-of-range values, naming the field.
    [[nodiscard]] Result<void> validate() const noexcept {
        const auto bad = [](const char* field, double v, const char* rule) {
            return Result<void>{
                ThermoError::format(Errc::invalid_argument, "solver options: %s = %g %s", field, v, rule)};
        };
        if (max_iterations < 0) return bad("max_iterations", max_iterations, "must be >= 0");
        if (!(std::isfinite(tolerance) && tolerance > 0.0))
            return bad("tolerance", tolerance, "must be finite and > 0");
        if (!(time_budget_s > 0.0)) return bad("time_budget_s", time_budget_s, "must be > 0 (+inf for no limit)");
        if (max_residual_evaluations < 0)
            return bad("max_residual_evaluations", max_residual_evaluations, "must be >= 0 (0 for no limit)");
        if (!(std::isfinite(min_step) && min_step >= 0.0)) return bad("min_step", min_step, "must be finite and >= 0");
        if (!(std::isfinite(fd_relative_step) && fd_relative_step > 0.0 && fd_relative_step < 1.0))
            return bad("fd_relative_step", fd_relative_step, "must be in (0, 1)");
        if (!(armijo > 0.0 && armijo < 0.5)) return bad("armijo", armijo, "must be in (0, 0.5)");
        if (max_backtracks < 1) return bad("max_backtracks", max_backtracks, "must be >= 1");
        if (!(chord_contraction > 0.0 && chord_contraction < 1.0))
            return bad("chord_contraction", chord_contraction, "must be in (0, 1)");
        if (!(picard_relaxation > 0.0 && picard_relaxation <= 1.0))
            return bad("picard_relaxation", picard_relaxation, "must be in (0, 1]");
        if (fallback_picard_iterations < 0)
            return bad("fallback_picard_iterations", fallback_picard_iterations, "must be >= 0");
        return {};
    }
};

} // namespace entropyk::solvers
