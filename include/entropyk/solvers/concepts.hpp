// The NonlinearSystem concept: what a solver needs from a problem, and the optional capabilities it
// uses when a system provides them. The numerics own this interface (Cantera SteadyStateSystem,
// Ceres CostFunction); the cycle assembly satisfies it. Nothing here knows about physics.
#pragma once

#include <Eigen/Core>

#include <concepts>
#include <cstddef>

namespace entropyk::solvers {

/// `s.size()`: the number of unknowns, which is also the number of equations (square systems only).
template <class S>
concept HasSize = requires(const S& cs) {
    { cs.size() } -> std::convertible_to<Eigen::Index>;
};

/// `s.residuals(x, r) -> bool`: writes the n residuals at x into r.
template <class S>
concept HasResiduals = requires(S& s, Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::VectorXd> r) {
    { s.residuals(x, r) } -> std::same_as<bool>;
};

/// A square system of n nonlinear equations in n unknowns, F(x) = 0.
///
/// Required:
///  - `cs.size() -> Eigen::Index`: n, constant for the life of the solver built for it.
///  - `s.residuals(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::VectorXd> r) -> bool`:
///    writes F(x) into r (size n). The residuals must already be *scaled*: each one divided by a
///    characteristic value of its equation (1e5 Pa, 1e5 J/kg, 0.1 kg/s, 1 kW ...) so that 1 means
///    "as wrong as a typical value" and the solver can compare them with one tolerance.
///    Return false when F cannot be evaluated at x (a property call outside its range). That is a
///    *recoverable* failure: the line search backs off towards the last good point. A non-finite
///    residual returned with `true` is treated the same way. residuals() must not allocate if the
///    solve is to be allocation-free.
///
/// Optional (detected with the concepts below, used when present):
///  - `s.jacobian(x, Eigen::Ref<Eigen::MatrixXd> J) -> bool`: analytic dF/dx (n x n, J(i,j) =
///    dF_i/dx_j). false or a non-finite entry: the solver uses finite differences this iteration.
///  - `s.clamp(Eigen::Ref<Eigen::VectorXd> x)`: projects x into the domain (p > 0, h inside the
///    fluid's range, controls inside their bounds). Applied to the start and to every trial point.
///    Must be idempotent and leave points already inside unchanged.
///  - `s.picard_sweep(Eigen::Ref<Eigen::VectorXd> x) -> bool`: one sequential-substitution pass
///    (each component computes its outlet from its inlet around the loop), in place. false: the pass
///    failed at x.
///  - `s.residual_name(Eigen::Index i, char* buf, std::size_t cap)`: writes a NUL-terminated name of
///    equation i ("condenser: energy balance") into buf, at most cap bytes. Used in reports.
///  - `s.variable_name(Eigen::Index j, char* buf, std::size_t cap)`: likewise for unknown j.
///  - `s.controls_saturated(Eigen::Ref<const Eigen::VectorXd> x) -> bool`: called once at a
///    converged x; true when a control variable is pinned at one of its bounds, which turns
///    `Converged` into `ConvergedControlSaturation`.
template <class S>
concept NonlinearSystem = HasSize<S> && HasResiduals<S>;

template <class S>
concept ProvidesJacobian = requires(S& s, Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::MatrixXd> J) {
    { s.jacobian(x, J) } -> std::same_as<bool>;
};

template <class S>
concept ProvidesClamp = requires(S& s, Eigen::Ref<Eigen::VectorXd> x) {
    s.clamp(x);
};

template <class S>
concept ProvidesPicardSweep = requires(S& s, Eigen::Ref<Eigen::VectorXd> x) {
    { s.picard_sweep(x) } -> std::same_as<bool>;
};

template <class S>
concept NamesResiduals = requires(S& s, Eigen::Index i, char* buf, std::size_t cap) {
    s.residual_name(i, buf, cap);
};

template <class S>
concept NamesVariables = requires(S& s, Eigen::Index i, char* buf, std::size_t cap) {
    s.variable_name(i, buf, cap);
};

template <class S>
concept ReportsControlSaturation = requires(S& s, Eigen::Ref<const Eigen::VectorXd> x) {
    { s.controls_saturated(x) } -> std::same_as<bool>;
};

} // namespace entropyk::solvers
