// Picard: sequential substitution with relaxation. Slower than Newton near a root (linear
// convergence) but it follows the physics of the loop, so it often gets somewhere from starts
// where Newton's local model misleads it. Allocation-free after construction, like Newton.
#pragma once

#include "entropyk/solvers/concepts.hpp"
#include "entropyk/solvers/detail/common.hpp"
#include "entropyk/solvers/options.hpp"
#include "entropyk/solvers/summary.hpp"

#include <Eigen/Core>

#include <cstdarg>
#include <cstdio>

namespace entropyk::solvers {

template <NonlinearSystem S>
class Fallback;

/// Relaxed fixed-point iteration  x <- x + w (G(x) - x)  for a NonlinearSystem of fixed size n.
///
/// G is the system's own sweep when it has one (`picard_sweep`: each component recomputes its
/// outlet from its inlet around the loop, Gauss-Seidel order): the sequential substitution of
/// docs/design.md §6. Without a sweep, G(x) = x - J0^{-1} F(x) with J0 the Jacobian at the
/// start, factored once (the chord method). Plain  x <- x - w F(x)  is not offered: it is a fixed
/// point iteration only if F happens to be written as x - G(x) with that sign and ordering, which a
/// generic system does not promise; the chord map is the fixed-point form that works for any
/// non-singular J0 (singular J0: the Levenberg-Marquardt form is used, as in Newton).
///
/// Each pass: relaxation w = picard_relaxation, halved while the system refuses the relaxed point;
/// clamp() applied; no descent test (substitution legitimately raises |r| on the way). Converged
/// by the same test as Newton, max_i |r_i| <= tolerance, so all solvers agree on what a root is.
/// On any failure x is the best iterate seen (smallest max_i |r_i|), not the last one.
template <NonlinearSystem S>
class Picard {
  public:
    /// Allocates every workspace for systems of n unknowns.
    explicit Picard(Eigen::Index n) : n_(n), x_(n), xt_(n), r_(n), rt_(n), dx_(n), xbest_(n), rbest_(n), lin_(n) {}

    [[nodiscard]] Eigen::Index size() const noexcept { return n_; }

    /// Solves F(x) = 0 from x; on return x is the solution or the best iterate (unchanged on
    /// InvalidInput). max_iterations counts passes.
    Summary solve(S& s, Eigen::Ref<Eigen::VectorXd> x, const Options& opt) {
        return solve(s, x, opt, detail::Budget::from_options(opt));
    }

    /// Begins a resumable solve from x0 (copied); false if already finished.
    bool start(S& s, Eigen::Ref<const Eigen::VectorXd> x0, const Options& opt) {
        return start(s, x0, opt, detail::Budget::from_options(opt));
    }

    /// One Picard pass. Returns true once the solve has finished (any status).
    bool step(S& s) {
        if (done_) return true;
        if (sum_.iterations >= opt_.max_iterations)
            return stop(s, Status::NonConvergence, "reached max_iterations = %d Picard passes with residual %.3e",
                        opt_.max_iterations, best_norm_);
        if (budget_.expired())
            return stop(s, Status::TimedOut, "the wall-clock budget of %g s ran out after %d Picard passes",
                        opt_.time_budget_s, sum_.iterations);
        if constexpr (ProvidesPicardSweep<S>) {
            xt_ = x_;
            if (!s.picard_sweep(xt_) || !detail::all_finite(xt_))
                return stop(s, Status::NonConvergence, "picard_sweep failed at pass %d", sum_.iterations + 1);
            dx_ = xt_ - x_;
        } else {
            const bool ok = chord_lu_ ? lin_.solve_factored_newton(r_, dx_) : lin_.solve_factored_regularized(r_, dx_);
            if (!ok) return stop(s, Status::NonConvergence, "chord step is not finite at pass %d", sum_.iterations + 1);
        }
        double omega = opt_.picard_relaxation;
        bool accepted = false;
        for (int k = 0; k < opt_.max_backtracks && !accepted; ++k) {
            xt_ = x_ + omega * dx_;
            detail::clamp(s, xt_);
            if (k > 0 && detail::relative_step(xt_, x_) < opt_.min_step) break;
            accepted = detail::evaluate(s, xt_, rt_, sum_);
            if (!accepted) {
                omega *= 0.5;
                if (budget_.expired())
                    return stop(s, Status::TimedOut, "the wall-clock budget of %g s ran out during Picard pass %d",
                                opt_.time_budget_s, sum_.iterations + 1);
            }
        }
        if (!accepted)
            return stop(s, Status::NonConvergence,
                        "residuals refused or not finite along the Picard update down to relaxation %.2e", omega);
        const double step_size = detail::relative_step(xt_, x_);
        x_.swap(xt_);
        r_.swap(rt_);
        ++sum_.iterations;
        ++sum_.picard_iterations;
        const double norm = detail::max_norm(r_);
        if (norm < best_norm_) {
            best_norm_ = norm;
            xbest_ = x_;
            rbest_ = r_;
        }
        if (norm <= opt_.tolerance)
            return stop(s, Status::Converged, "residual max-norm %.3e <= tolerance %.1e", norm, opt_.tolerance);
        if (step_size < opt_.min_step)
            return stop(s, Status::NonConvergence,
                        "stalled: relative step %.2e < min_step %.1e at residual %.3e (the sweep's fixed point "
                        "is not a root)",
                        step_size, opt_.min_step, norm);
        return false;
    }

    [[nodiscard]] const Summary& summary() const noexcept { return sum_; }
    [[nodiscard]] const Eigen::VectorXd& solution() const noexcept { return x_; }

  private:
    friend class Fallback<S>;

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
        best_norm_ = sum_.residual_norm;
        xbest_ = x_;
        rbest_ = r_;
        if (best_norm_ <= opt_.tolerance) {
            stop(s, Status::Converged, "residual max-norm %.3e <= tolerance %.1e at the initial guess", best_norm_,
                 opt_.tolerance);
            return false;
        }
        if constexpr (!ProvidesPicardSweep<S>) {
            // Chord: factor the Jacobian at the start once.
            Eigen::Index bad = -1;
            switch (detail::jacobian(s, x_, r_, lin_.J, xt_, rt_, opt_, budget_, sum_, bad)) {
            case detail::JacobianOutcome::TimedOut:
                stop(s, Status::TimedOut, "the wall-clock budget of %g s ran out while computing the Jacobian",
                     opt_.time_budget_s);
                return false;
            case detail::JacobianOutcome::Failed: {
                char name[WorstResidual::name_capacity];
                detail::variable_name(s, bad, name, sizeof name);
                stop(s, Status::NonConvergence,
                     "finite-difference Jacobian: residuals cannot be evaluated on either side of %s", name);
                return false;
            }
            case detail::JacobianOutcome::Ok: break;
            }
            chord_lu_ = lin_.newton(r_, dx_);
            if (!chord_lu_ && !lin_.regularized(r_, dx_)) {
                stop(s, Status::NonConvergence, "the Jacobian at the start cannot be factored");
                return false;
            }
        }
        return true;
    }

    /// Ends the solve; a failed solve returns its best iterate.
    [[gnu::format(printf, 4, 5)]] bool stop(S& s, Status status, const char* fmt, ...) {
        std::va_list args;
        va_start(args, fmt);
        std::vsnprintf(sum_.message, Summary::message_capacity, fmt, args);
        va_end(args);
        if (status != Status::Converged && best_norm_ < detail::max_norm(r_)) {
            x_ = xbest_;
            r_ = rbest_;
        }
        detail::finish(s, x_, r_, status, budget_, sum_);
        done_ = true;
        return true;
    }

    Eigen::Index n_;
    Eigen::VectorXd x_, xt_, r_, rt_, dx_, xbest_, rbest_;
    detail::LinearStep lin_;
    Options opt_{};
    detail::Budget budget_{};
    Summary sum_{};
    double best_norm_ = 0.0;
    bool chord_lu_ = true;
    bool done_ = true;
};

} // namespace entropyk::solvers
