// Building blocks shared by the solvers: the wall-clock budget, guarded residual evaluation, the
// finite-difference Jacobian, the linear step (LU, or a regularised step when J is singular), and
// the report helpers. Everything works on storage that the solver allocated in its constructor.
#pragma once

#include "entropyk/core/detail/text_writer.hpp"
#include "entropyk/platform/clock.hpp"
#include "entropyk/solvers/concepts.hpp"
#include "entropyk/solvers/options.hpp"
#include "entropyk/solvers/summary.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/LU>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace entropyk::solvers::detail {

/// A wall-clock deadline on the platform's monotonic clock, and optionally a cap on residual
/// evaluations (Options::max_residual_evaluations): `evaluations` points at the running count of
/// the solver that holds the budget, `evaluation_limit` > 0 is the cap for that solver.
struct Budget {
    std::int64_t start_ns = 0;
    std::int64_t deadline_ns = std::numeric_limits<std::int64_t>::max();
    const int* evaluations = nullptr;
    int evaluation_limit = 0;

    static Budget from_options(const Options& opt) noexcept {
        Budget b = from_seconds(opt.time_budget_s);
        b.evaluation_limit = opt.max_residual_evaluations;
        return b;
    }
    /// The evaluation cap is reached (never true without one).
    [[nodiscard]] bool evaluations_spent() const noexcept {
        return evaluation_limit > 0 && evaluations != nullptr && *evaluations >= evaluation_limit;
    }

    static Budget from_seconds(double seconds) noexcept {
        Budget b;
        b.start_ns = platform::monotonic_ns();
        const double room = static_cast<double>(std::numeric_limits<std::int64_t>::max() - b.start_ns);
        const double ns = seconds * 1e9;
        b.deadline_ns =
            ns < room ? b.start_ns + static_cast<std::int64_t>(ns) : std::numeric_limits<std::int64_t>::max();
        return b;
    }
    [[nodiscard]] bool expired() const noexcept {
        return evaluations_spent() || platform::monotonic_ns() >= deadline_ns;
    }
    [[nodiscard]] double elapsed_s() const noexcept { return platform::seconds_since(start_ns); }
};

/// Magnitude below which an unknown is measured absolutely: FD steps and step sizes are relative
/// to max(|x_j|, 1). Scaled unknowns of order 1e-3 and above are well served by this.
[[nodiscard]] inline double typical(double xj) noexcept { return std::max(std::fabs(xj), 1.0); }

/// max-norm of r, or +inf if any entry is not finite.
[[nodiscard]] inline double max_norm(const Eigen::VectorXd& r) noexcept {
    double m = 0.0;
    for (Eigen::Index i = 0; i < r.size(); ++i) {
        const double a = std::fabs(r[i]);
        if (!std::isfinite(a)) return std::numeric_limits<double>::infinity();
        m = std::max(m, a);
    }
    return m;
}

[[nodiscard]] inline bool all_finite(const Eigen::VectorXd& v) noexcept {
    for (Eigen::Index i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i])) return false;
    return true;
}

/// max_j |a_j - b_j| / |b_j|: the relative size of the step from b to a (a zero b_j counts any move
/// as large). Purely relative so that badly scaled unknowns (1e-5 next to 1e6) are judged fairly.
[[nodiscard]] inline double relative_step(const Eigen::VectorXd& a, const Eigen::VectorXd& b) noexcept {
    double m = 0.0;
    for (Eigen::Index j = 0; j < a.size(); ++j)
        m = std::max(m, std::fabs(a[j] - b[j]) / std::max(std::fabs(b[j]), std::numeric_limits<double>::min()));
    return m;
}

/// Residuals at x into r; false if the system refuses x or returns a non-finite value.
template <NonlinearSystem S>
[[nodiscard]] bool evaluate(S& s, const Eigen::VectorXd& x, Eigen::VectorXd& r, Summary& sum) {
    ++sum.residual_evaluations;
    if (!s.residuals(x, r)) return false;
    return all_finite(r);
}

template <NonlinearSystem S>
void clamp(S& s, Eigen::VectorXd& x) {
    if constexpr (ProvidesClamp<S>)
        s.clamp(x);
    else
        (void)s, (void)x;
}

template <NonlinearSystem S>
void residual_name(S& s, Eigen::Index i, char* buf, std::size_t cap) {
    if (cap == 0) return;
    buf[0] = '\0';
    if constexpr (NamesResiduals<S>) s.residual_name(i, buf, cap);
    if (buf[0] == '\0') std::snprintf(buf, cap, "residual %ld", static_cast<long>(i));
    buf[cap - 1] = '\0';
}

template <NonlinearSystem S>
void variable_name(S& s, Eigen::Index j, char* buf, std::size_t cap) {
    if (cap == 0) return;
    buf[0] = '\0';
    if constexpr (NamesVariables<S>) s.variable_name(j, buf, cap);
    if (buf[0] == '\0') std::snprintf(buf, cap, "x[%ld]", static_cast<long>(j));
    buf[cap - 1] = '\0';
}

/// Appends src to the NUL-terminated string in dst (capacity cap), cutting at cap - 1 characters.
inline void append(char* dst, std::size_t cap, const char* src) noexcept {
    entropyk::detail::TextWriter(dst, cap).str(src);
}

[[gnu::format(printf, 2, 3)]] inline void set_message(Summary& sum, const char* fmt, ...) noexcept {
    std::va_list args;
    va_start(args, fmt);
    std::vsnprintf(sum.message, Summary::message_capacity, fmt, args);
    va_end(args);
}

/// Records the three largest |r_i| (largest first) with their names.
template <NonlinearSystem S>
void fill_worst(S& s, const Eigen::VectorXd& r, Summary& sum) {
    for (WorstResidual& w : sum.worst) w = WorstResidual{};
    const auto magnitude = [](double v) {
        return std::isfinite(v) ? std::fabs(v) : std::numeric_limits<double>::infinity();
    };
    for (Eigen::Index i = 0; i < r.size(); ++i) {
        const double a = magnitude(r[i]);
        for (std::size_t k = 0; k < sum.worst.size(); ++k) {
            if (sum.worst[k].index < 0 || a > magnitude(sum.worst[k].value)) {
                for (std::size_t m = sum.worst.size() - 1; m > k; --m) {
                    sum.worst[m].index = sum.worst[m - 1].index;
                    sum.worst[m].value = sum.worst[m - 1].value;
                }
                sum.worst[k].index = i;
                sum.worst[k].value = r[i];
                break;
            }
        }
    }
    for (WorstResidual& w : sum.worst)
        if (w.index >= 0) residual_name(s, w.index, w.name, WorstResidual::name_capacity);
}

enum class JacobianOutcome { Ok, Failed, TimedOut };

/// J = dF/dx at x, where r = F(x) is already known. Uses s.jacobian() when available and allowed;
/// otherwise forward differences, one residual evaluation per column, with the step
/// h_j = fd_relative_step * max(|x_j|, 1) taken away from zero (so positive quantities stay
/// positive). If F cannot be evaluated at x + h e_j, the backward point x - h e_j is tried.
/// `xp` and `rp` are scratch vectors of size n. On Failed, `failed_column` names the unknown.
template <NonlinearSystem S>
JacobianOutcome jacobian(S& s, const Eigen::VectorXd& x, const Eigen::VectorXd& r, Eigen::MatrixXd& J,
                         Eigen::VectorXd& xp, Eigen::VectorXd& rp, const Options& opt, const Budget& budget,
                         Summary& sum, Eigen::Index& failed_column) {
    ++sum.jacobian_evaluations;
    if constexpr (ProvidesJacobian<S>) {
        if (opt.analytic_jacobian && s.jacobian(x, J) && J.allFinite()) return JacobianOutcome::Ok;
    }
    xp = x;
    for (Eigen::Index j = 0; j < x.size(); ++j) {
        if (budget.expired()) return JacobianOutcome::TimedOut;
        const double xj = x[j];
        const double h0 = opt.fd_relative_step * typical(xj) * (xj < 0.0 ? -1.0 : 1.0);
        bool done = false;
        for (const double sign : {1.0, -1.0}) {
            xp[j] = xj + sign * h0;
            const double h = xp[j] - xj; // the step actually representable in floating point
            if (h != 0.0 && evaluate(s, xp, rp, sum)) {
                J.col(j) = (rp - r) / h;
                done = true;
                break;
            }
        }
        xp[j] = xj;
        if (!done) {
            failed_column = j;
            return JacobianOutcome::Failed;
        }
    }
    return JacobianOutcome::Ok;
}

/// Solves for the step dx of a linearised system  J dx = -r, with storage sized once.
///
/// The Newton step uses partial-pivoting LU (Eigen::PartialPivLU): for the dense, small (n ~ 10-100)
/// and normally well-conditioned Jacobians of a cycle it is the cheapest stable choice, and it
/// factors in place without allocating. It does not reveal rank, so singularity is detected from
/// the pivots (smallest |U_ii| below kSingularPivotRatio times the largest) or a non-finite step.
/// Then, and whenever the Newton direction fails the line search, the step is the
/// Levenberg-Marquardt one  (J^T J + mu I) dx = -J^T r  with mu = |r|_2 (Fan and Yuan 2005),
/// factored by Cholesky: it exists for every J, is a descent direction for |r|^2 whenever
/// J^T r != 0, and tends to a short steepest-descent step when J is rank-deficient. (FullPivLU
/// would reveal the rank but its solve() allocates a temporary; LM needs no rank decision.)
class LinearStep {
  public:
    static constexpr double kSingularPivotRatio = 1e-13;

    explicit LinearStep(Eigen::Index n) : J(n, n), jtj_(n, n), g_(n), lu_(n), llt_(n) {}
    /// A copy keeps the LU factors (the kept state of chord steps: System::clone copies the solver
    /// workspace) but starts a fresh Cholesky scratch: llt_ is always recomputed before use, and
    /// Eigen leaves an uncomputed LLT's status member uninitialised, which a copy would read.
    LinearStep(const LinearStep& o) : J(o.J), jtj_(o.jtj_), g_(o.g_), lu_(o.lu_), llt_(o.J.rows()) {}
    LinearStep& operator=(const LinearStep&) = delete;

    Eigen::MatrixXd J; ///< filled by the caller before newton()/regularized()

    /// Factors J (kept until the next call) and solves J dx = -r. false: J singular or dx not finite.
    bool newton(const Eigen::VectorXd& r, Eigen::VectorXd& dx) {
        lu_.compute(J);
        double umax = 0.0;
        double umin = std::numeric_limits<double>::infinity();
        for (Eigen::Index i = 0; i < J.rows(); ++i) {
            const double u = std::fabs(lu_.matrixLU()(i, i));
            umax = std::max(umax, u);
            umin = std::min(umin, u);
        }
        if (!(umax > 0.0 && std::isfinite(umax)) || umin < kSingularPivotRatio * umax) return false;
        return solve_factored_newton(r, dx);
    }

    /// Solves with the LU factors of the last successful newton() call (chord steps).
    bool solve_factored_newton(const Eigen::VectorXd& r, Eigen::VectorXd& dx) {
        dx.noalias() = lu_.solve(r);
        dx *= -1.0;
        return all_finite(dx);
    }

    /// H = J^{-1} from the LU factors of the last successful newton() call, column by column
    /// (`scratch`: a vector of size n; no allocation). false if an entry is not finite.
    bool inverse(Eigen::MatrixXd& H, Eigen::VectorXd& scratch) {
        for (Eigen::Index j = 0; j < J.cols(); ++j) {
            scratch.setZero();
            scratch[j] = 1.0;
            H.col(j).noalias() = lu_.solve(scratch);
        }
        return H.allFinite();
    }

    /// Factors J^T J + mu I with mu = max(|r|_2, tiny) and solves the Levenberg-Marquardt step.
    bool regularized(const Eigen::VectorXd& r, Eigen::VectorXd& dx) {
        jtj_.noalias() = J.transpose() * J;
        double mu = r.norm();
        mu = std::max(mu, 1e-12 * (1.0 + jtj_.diagonal().cwiseAbs().maxCoeff()));
        jtj_.diagonal().array() += mu;
        llt_.compute(jtj_);
        if (llt_.info() != Eigen::Success) return false;
        return solve_factored_regularized(r, dx);
    }

    /// Solves with the Cholesky factors of the last successful regularized() call.
    bool solve_factored_regularized(const Eigen::VectorXd& r, Eigen::VectorXd& dx) {
        g_.noalias() = J.transpose() * r;
        dx.noalias() = llt_.solve(g_);
        dx *= -1.0;
        return all_finite(dx);
    }

  private:
    Eigen::MatrixXd jtj_;
    Eigen::VectorXd g_;
    Eigen::PartialPivLU<Eigen::MatrixXd> lu_;
    Eigen::LLT<Eigen::MatrixXd> llt_;
};

/// Checks the system size, the options and the start x; evaluates F at the (clamped) start. Returns
/// false with a message when the solve cannot begin (begin() sets the status).
template <NonlinearSystem S>
bool check_start(S& s, Eigen::Index n, Eigen::VectorXd& x, Eigen::VectorXd& r, const Options& opt, Summary& sum) {
    if (const Result<void> ok = opt.validate(); !ok) {
        set_message(sum, "%s", ok.error().c_str());
        return false;
    }
    if (static_cast<Eigen::Index>(s.size()) != n) {
        set_message(sum, "system has %ld unknowns but the solver was built for %ld", static_cast<long>(s.size()),
                    static_cast<long>(n));
        return false;
    }
    for (Eigen::Index j = 0; j < n; ++j) {
        if (!std::isfinite(x[j])) {
            char name[WorstResidual::name_capacity];
            variable_name(s, j, name, sizeof name);
            set_message(sum, "initial guess of %s is not finite", name);
            return false;
        }
    }
    clamp(s, x);
    ++sum.residual_evaluations;
    if (!s.residuals(x, r)) {
        set_message(sum, "the system cannot evaluate its residuals at the initial guess");
        return false;
    }
    if (!all_finite(r)) {
        fill_worst(s, r, sum); // non-finite entries rank first
        set_message(sum, "residual '%s' is not finite at the initial guess", sum.worst[0].name);
        return false;
    }
    sum.residual_norm = max_norm(r);
    return true;
}

/// Starts a solve: checks the size of x0, the options and the start, copies x0 into x (clamped)
/// and evaluates F there into r. Returns false, with sum.status = InvalidInput, a message and the
/// elapsed time, when the solve cannot begin (x is then only written if x0 had the right size).
template <NonlinearSystem S>
bool begin(S& s, Eigen::Index n, Eigen::Ref<const Eigen::VectorXd> x0, Eigen::VectorXd& x, Eigen::VectorXd& r,
           const Options& opt, const Budget& budget, Summary& sum) {
    const auto refuse = [&] {
        sum.status = Status::InvalidInput;
        sum.solve_time_s = budget.elapsed_s();
        return false;
    };
    if (x0.size() != n) {
        set_message(sum, "x has %ld entries but the solver was built for %ld", static_cast<long>(x0.size()),
                    static_cast<long>(n));
        return refuse();
    }
    x = x0;
    if (!check_start(s, n, x, r, opt, sum)) return refuse();
    return true;
}

/// Finishes a solve: status, time, residual norm and worst residuals at x (with residuals r).
template <NonlinearSystem S>
void finish(S& s, const Eigen::VectorXd& x, const Eigen::VectorXd& r, Status status, const Budget& budget,
            Summary& sum) {
    if (status == Status::TimedOut && budget.evaluations_spent())
        set_message(sum, "the budget of %d residual evaluations (max_residual_evaluations) ran out",
                    budget.evaluation_limit);
    sum.status = status;
    if constexpr (ReportsControlSaturation<S>) {
        if (status == Status::Converged && s.controls_saturated(x)) {
            sum.status = Status::ConvergedControlSaturation;
            append(sum.message, Summary::message_capacity, "; a control is pinned at a bound");
        }
    }
    (void)x;
    sum.residual_norm = max_norm(r);
    fill_worst(s, r, sum);
    sum.solve_time_s = budget.elapsed_s();
}

} // namespace entropyk::solvers::detail
