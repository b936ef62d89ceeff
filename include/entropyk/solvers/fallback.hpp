// Fallback: Newton; if it fails, Picard to get closer; then Newton again (docs/design.md §6, docs/solver.md §4).
// One wall-clock budget covers all three phases. Allocation-free after construction.
#pragma once

#include "entropyk/solvers/concepts.hpp"
#include "entropyk/solvers/detail/common.hpp"
#include "entropyk/solvers/newton.hpp"
#include "entropyk/solvers/options.hpp"
#include "entropyk/solvers/picard.hpp"
#include "entropyk/solvers/summary.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cstdio>

namespace entropyk::solvers {

/// Newton, then (on NonConvergence) `fallback_picard_iterations` Picard passes from Newton's last
/// iterate, then Newton again from Picard's best iterate. Stops at the first phase that converges;
/// TimedOut and InvalidInput end it at once. On failure x is the best point of all phases and the
/// Summary (worst residuals included) describes that point; the counters add up all phases.
/// Most useful when the system provides picard_sweep(): a sweep follows the loop's physics, which
/// is what gets a start out of a region where Newton's linear model misleads it.
template <NonlinearSystem S>
class Fallback {
  public:
    explicit Fallback(Eigen::Index n) : newton_(n), picard_(n), xbest_(n) {}

    [[nodiscard]] Eigen::Index size() const noexcept { return xbest_.size(); }
    /// Forgets the Newton phases' kept inverse Jacobian (Newton::discard_jacobian).
    void discard_jacobian() noexcept { newton_.discard_jacobian(); }

    Summary solve(S& s, Eigen::Ref<Eigen::VectorXd> x, const Options& opt) {
        const detail::Budget budget = detail::Budget::from_options(opt);
        Summary first = newton_.solve(s, x, opt, budget);
        if (first.converged() || first.status == Status::TimedOut || first.status == Status::InvalidInput ||
            opt.fallback_picard_iterations == 0)
            return first;

        Summary total = first; // counters accumulate here; the reported point is the best one
        Summary best = first;
        xbest_ = x;

        Options picard_opt = opt;
        picard_opt.max_iterations = opt.fallback_picard_iterations;
        const Summary mid = picard_.solve(s, x, picard_opt, remaining(budget, total));
        add_counters(total, mid);
        if (mid.converged()) return merged(total, mid, budget, "converged by Picard after Newton failed: ");
        if (mid.status == Status::InvalidInput) { // cannot happen from an evaluated point, but be safe
            x = xbest_;
            return merged(total, best, budget, "Picard could not start after Newton failed: ");
        }
        if (mid.residual_norm < best.residual_norm) {
            best = mid;
            xbest_ = x;
        }
        if (mid.status == Status::TimedOut) {
            x = xbest_;
            best.status = Status::TimedOut;
            return merged(total, best, budget, "timed out in the Picard phase after Newton failed: ");
        }

        const Summary last = newton_.solve(s, x, opt, remaining(budget, total));
        add_counters(total, last);
        if (last.converged()) return merged(total, last, budget, "converged by Newton after a Picard restart: ");
        if (last.residual_norm < best.residual_norm) {
            best = last;
            xbest_ = x;
        }
        x = xbest_;
        best.status = last.status;
        char why[Summary::message_capacity];
        std::snprintf(why, sizeof why, "Newton, %d Picard passes and Newton again failed; last: ", mid.iterations);
        return merged(total, best, budget, why);
    }

  private:
    /// The budget of a later phase: the same deadline, the evaluations not yet spent (at least
    /// one, so that a spent cap ends the phase at its first check with its own message).
    static detail::Budget remaining(const detail::Budget& b, const Summary& total) noexcept {
        detail::Budget r = b;
        if (b.evaluation_limit > 0) r.evaluation_limit = std::max(b.evaluation_limit - total.residual_evaluations, 1);
        return r;
    }

    static void add_counters(Summary& total, const Summary& phase) noexcept {
        total.iterations += phase.iterations;
        total.picard_iterations += phase.picard_iterations;
        total.chord_steps += phase.chord_steps;
        total.residual_evaluations += phase.residual_evaluations;
        total.jacobian_evaluations += phase.jacobian_evaluations;
    }

    /// `outcome`'s status, point description and message (prefixed), with `total`'s counters.
    static Summary merged(const Summary& total, const Summary& outcome, const detail::Budget& budget,
                          const char* prefix) noexcept {
        Summary out = outcome;
        out.iterations = total.iterations;
        out.picard_iterations = total.picard_iterations;
        out.chord_steps = total.chord_steps;
        out.residual_evaluations = total.residual_evaluations;
        out.jacobian_evaluations = total.jacobian_evaluations;
        out.solve_time_s = budget.elapsed_s();
        out.message[0] = '\0';
        detail::append(out.message, Summary::message_capacity, prefix);
        detail::append(out.message, Summary::message_capacity, outcome.message);
        return out;
    }

    Newton<S> newton_;
    Picard<S> picard_;
    Eigen::VectorXd xbest_;
};

} // namespace entropyk::solvers
