// Newton-Raphson on scaled residuals: dense LU step, finite-difference (or analytic) Jacobian,
// Armijo backtracking on |r|^2 that also backs off from points the system cannot evaluate, bounds
// by projection (clamp). All storage is allocated by the constructor; solve() never allocates.
#pragma once

#include "entropyk/solvers/concepts.hpp"
#include "entropyk/solvers/detail/common.hpp"
#include "entropyk/solvers/options.hpp"
#include "entropyk/solvers/summary.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace entropyk::solvers {

template <NonlinearSystem S>
class Fallback;

/// Damped Newton-Raphson for a NonlinearSystem of fixed size n.
///
/// One iteration: J = dF/dx at x; dx solves J dx = -r (partial-pivoting LU; the Levenberg-Marquardt
/// step when J is singular); backtracking from l = 1 until  |r(x+l dx)|^2/2 <= |r(x)|^2/2 + c l slope
/// (slope = r.J dx < 0), with l halved when the system refuses the trial point, and every trial
/// point projected by s.clamp(). If the Newton direction finds no decrease, the LM direction is
/// tried before giving up. Converged when max_i |r_i| <= tolerance.
///
/// Two ways to drive it: solve() runs to the end; start() then step() until it returns true runs
/// one iteration per call (bounded work: one Jacobian and at most max_backtracks evaluations), for
/// cyclic tasks that must spread a solve over several control periods.
template <NonlinearSystem S>
class Newton {
  public:
    /// Allocates every workspace for systems of n unknowns.
    explicit Newton(Eigen::Index n)
        : n_(n), x_(n), xt_(n), r_(n), rt_(n), dx_(n), jdx_(n), hy_(n), hts_(n), lin_(n), H_(n, n) {}

    [[nodiscard]] Eigen::Index size() const noexcept { return n_; }

    /// Solves F(x) = 0 from x (warm start: pass the last solution). On return x holds the solution,
    /// or on failure the last accepted iterate (the lowest |r|_2 reached); it is left untouched on
    /// InvalidInput.
    Summary solve(S& s, Eigen::Ref<Eigen::VectorXd> x, const Options& opt) {
        return solve(s, x, opt, detail::Budget::from_options(opt));
    }

    /// Begins a resumable solve from x0 (copied). Returns false if it is already finished
    /// (converged at x0, or InvalidInput); summary() then says which.
    bool start(S& s, Eigen::Ref<const Eigen::VectorXd> x0, const Options& opt) {
        return start(s, x0, opt, detail::Budget::from_options(opt));
    }

    /// One Newton iteration. Returns true once the solve has finished (any status).
    bool step(S& s) {
        if (done_) return true;
        if (sum_.iterations >= opt_.max_iterations)
            return stop(s, Status::NonConvergence, "reached max_iterations = %d with residual max-norm %.3e",
                        opt_.max_iterations, sum_.residual_norm);
        if (budget_.expired())
            return stop(s, Status::TimedOut, "the wall-clock budget of %g s ran out after %d iterations",
                        opt_.time_budget_s, sum_.iterations);
        if (opt_.reuse_jacobian && factors_valid_) {
            switch (chord_step(s)) {
            case Search::Accepted: return accept(s);
            case Search::TimedOut:
                return stop(s, Status::TimedOut, "the wall-clock budget of %g s ran out during a chord step",
                            opt_.time_budget_s);
            case Search::Failed: break; // not contracting enough: fall through to a fresh Jacobian
            }
        }
        factors_valid_ = false;
        Eigen::Index bad = -1;
        switch (detail::jacobian(s, x_, r_, lin_.J, xt_, rt_, opt_, budget_, sum_, bad)) {
        case detail::JacobianOutcome::TimedOut:
            return stop(s, Status::TimedOut, "the wall-clock budget of %g s ran out while computing the Jacobian",
                        opt_.time_budget_s);
        case detail::JacobianOutcome::Failed: {
            char name[WorstResidual::name_capacity];
            detail::variable_name(s, bad, name, sizeof name);
            return stop(s, Status::NonConvergence,
                        "finite-difference Jacobian: residuals cannot be evaluated on either side of %s", name);
        }
        case detail::JacobianOutcome::Ok: break;
        }
        Search res = Search::Failed;
        if (lin_.newton(r_, dx_)) {
            res = line_search(s);
            // The inverse of a Jacobian whose Newton step was accepted serves the next chord steps.
            factors_valid_ = res == Search::Accepted && lin_.inverse(H_, jdx_);
        }
        if (res == Search::Failed && lin_.regularized(r_, dx_)) res = line_search(s);
        if (res == Search::TimedOut)
            return stop(s, Status::TimedOut, "the wall-clock budget of %g s ran out during the line search",
                        opt_.time_budget_s);
        if (res == Search::Failed)
            return stop(s, Status::NonConvergence,
                        "no decrease of |r| along the Newton or the regularised direction: x is near a minimum "
                        "of |r| that is not a root (no solution nearby, or a wrong Jacobian)");
        return accept(s);
    }

    [[nodiscard]] const Summary& summary() const noexcept { return sum_; }
    /// The current iterate (the solution once summary().converged()).
    [[nodiscard]] const Eigen::VectorXd& solution() const noexcept { return x_; }
    /// Forgets the kept Jacobian inverse: the next iteration computes a fresh Jacobian even with
    /// Options::reuse_jacobian (call it when the system's structure or scaling changed).
    void discard_jacobian() noexcept { factors_valid_ = false; }

  private:
    friend class Fallback<S>;
    enum class Search { Accepted, Failed, TimedOut };

    /// Moves to the trial point xt_ (residuals rt_) found by a line search or a chord step and
    /// checks for convergence or a stall. Returns true once the solve has finished.
    bool accept(S& s) {
        const double step_size = detail::relative_step(xt_, x_);
        x_.swap(xt_);
        r_.swap(rt_);
        f_ = ft_;
        ++sum_.iterations;
        sum_.residual_norm = detail::max_norm(r_);
        if (sum_.residual_norm <= opt_.tolerance) {
            // The common end of every solve: its message written without printf (TextWriter).
            sum_.message[0] = '\0';
            entropyk::detail::TextWriter(sum_.message, Summary::message_capacity)
                .str("residual max-norm ")
                .sci(sum_.residual_norm, 3)
                .str(" <= tolerance ")
                .sci(opt_.tolerance, 1);
            detail::finish(s, x_, r_, Status::Converged, budget_, sum_);
            done_ = true;
            return true;
        }
        if (step_size < opt_.min_step)
            return stop(s, Status::NonConvergence, "stalled: relative step %.2e < min_step %.1e at residual %.3e",
                        step_size, opt_.min_step, sum_.residual_norm);
        return false;
    }

    Summary solve(S& s, Eigen::Ref<Eigen::VectorXd> x, const Options& opt, const detail::Budget& budget) {
        start(s, x, opt, budget);
        while (!step(s)) {
        }
        if (sum_.status != Status::InvalidInput) x = x_;
        return sum_;
    }

    bool start(S& s, Eigen::Ref<const Eigen::VectorXd> x0, const Options& opt, const detail::Budget& budget) {
        sum_ = Summary{};
        opt_ = opt;
        budget_ = budget;
        budget_.evaluations = &sum_.residual_evaluations;
        done_ = true;
        if (!detail::begin(s, n_, x0, x_, r_, opt_, budget_, sum_)) return false;
        done_ = false;
        f_ = 0.5 * r_.squaredNorm();
        if (sum_.residual_norm <= opt_.tolerance) {
            stop(s, Status::Converged, "residual max-norm %.3e <= tolerance %.1e at the initial guess",
                 sum_.residual_norm, opt_.tolerance);
            return false;
        }
        return true;
    }

    /// One chord step from x_ with the kept approximate inverse Jacobian H_: the full step
    /// dx = -H r, projected, accepted only if it contracts max|r| by opt_.chord_contraction. On
    /// Accepted, xt_/rt_/ft_ hold the new point and H_ has taken Broyden's update.
    ///
    /// H_ starts as the inverse of the last finite-difference Jacobian whose Newton step was
    /// accepted, and every accepted chord step corrects it by Broyden's "good" rank-one update
    /// (Broyden 1965, Math. Comp. 19:577-593), applied to the inverse by the Sherman-Morrison
    /// formula (Dennis & Schnabel 1983, "Numerical Methods for Unconstrained Optimization and
    /// Nonlinear Equations", eq. 8.3.1; Kelley 2003, SIAM, ch. 7):
    ///   H+ = H + (s - H y) s^T H / (s^T H y),   s = x+ - x (the step actually taken),  y = r+ - r.
    /// The iteration then converges superlinearly instead of linearly, at one residual evaluation
    /// and O(n^2) flops per step. H_ is kept across solve() calls like the factors it replaces:
    /// along a HIL walk the secant updates keep tracking the Jacobian as the operating point moves,
    /// so the next step starts from the latest approximation instead of a Jacobian that may be
    /// hundreds of steps old. A step that does not contract falls back to a fresh Jacobian, which
    /// resets H_; convergence is judged on the residuals only, so the answer is the same.
    Search chord_step(S& s) {
        dx_.noalias() = H_ * r_;
        dx_ *= -1.0;
        if (!detail::all_finite(dx_)) return Search::Failed;
        xt_ = x_ + dx_;
        detail::clamp(s, xt_);
        // As in the line search: a good point is taken even if the budget ran out while computing it.
        if (detail::evaluate(s, xt_, rt_, sum_) &&
            detail::max_norm(rt_) <= opt_.chord_contraction * sum_.residual_norm) {
            ft_ = 0.5 * rt_.squaredNorm();
            ++sum_.chord_steps;
            broyden_update();
            return Search::Accepted;
        }
        return budget_.expired() ? Search::TimedOut : Search::Failed;
    }

    /// Broyden's good update of H_ for the accepted step x_ -> xt_ (residuals r_ -> rt_). Skipped
    /// (H_ kept as it is) when the update is ill-defined: s^T H y ~ 0 relative to |s| |H y|.
    void broyden_update() {
        dx_ = xt_ - x_;  // s
        jdx_ = rt_ - r_; // y
        hy_.noalias() = H_ * jdx_;
        const double denom = dx_.dot(hy_);
        if (!(std::fabs(denom) > 1e-12 * dx_.norm() * hy_.norm()) || !std::isfinite(denom)) return;
        hts_.noalias() = H_.transpose() * dx_; // (s^T H)^T
        hy_ = (dx_ - hy_) / denom;
        if (!detail::all_finite(hy_) || !detail::all_finite(hts_)) return;
        H_.noalias() += hy_ * hts_.transpose();
    }

    /// Armijo backtracking along dx_ from x_; on Accepted, xt_/rt_/ft_ hold the new point.
    Search line_search(S& s) {
        jdx_.noalias() = lin_.J * dx_;
        const double slope = r_.dot(jdx_); // d/dl of |r(x + l dx)|^2 / 2 at l = 0
        if (!(slope < 0.0)) return Search::Failed;
        double lambda = 1.0;
        for (int k = 0; k < opt_.max_backtracks; ++k) {
            xt_ = x_ + lambda * dx_;
            detail::clamp(s, xt_);
            // A full step is always tried (near the root it is legitimately tiny); a backtracked one
            // that no longer moves x is the end of the search.
            if (k > 0 && detail::relative_step(xt_, x_) < opt_.min_step) return Search::Failed;
            if (detail::evaluate(s, xt_, rt_, sum_)) {
                ft_ = 0.5 * rt_.squaredNorm();
                // Armijo, plus a strict decrease: once the predicted decrease is below the rounding
                // of f, the Armijo test alone would accept points that are no better.
                if (ft_ <= f_ + opt_.armijo * lambda * slope && ft_ < f_) return Search::Accepted;
                // Minimiser of the quadratic through f(0), f'(0) and f(lambda), kept in [0.1, 0.5] lambda.
                const double denom = 2.0 * (ft_ - f_ - lambda * slope);
                const double lq = denom > 0.0 ? -slope * lambda * lambda / denom : 0.5 * lambda;
                lambda = std::clamp(lq, 0.1 * lambda, 0.5 * lambda);
            } else {
                lambda *= 0.5; // recoverable failure: back off towards the last good point
            }
            if (budget_.expired()) return Search::TimedOut;
        }
        return Search::Failed;
    }

    [[gnu::format(printf, 4, 5)]] bool stop(S& s, Status status, const char* fmt, ...) {
        std::va_list args;
        va_start(args, fmt);
        std::vsnprintf(sum_.message, Summary::message_capacity, fmt, args);
        va_end(args);
        detail::finish(s, x_, r_, status, budget_, sum_);
        done_ = true;
        return true;
    }

    Eigen::Index n_;
    Eigen::VectorXd x_, xt_, r_, rt_, dx_, jdx_, hy_, hts_;
    detail::LinearStep lin_;
    Options opt_{};
    detail::Budget budget_{};
    Summary sum_{};
    double f_ = 0.0;
    double ft_ = 0.0;
    bool done_ = true;
    bool factors_valid_ = false; ///< H_ is an approximate inverse Jacobian usable for chord steps
    Eigen::MatrixXd H_;          ///< the inverse of the last Jacobian, with Broyden's updates since
};

} // namespace entropyk::solvers
