// Small nonlinear systems with known roots, shared by the solver tests and the allocation test.
// None of them allocates in residuals(), jacobian(), clamp(), picard_sweep() or the name functions.
#pragma once

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "entropyk/platform/clock.hpp"

namespace ek_test {

using Eigen::Index;
using CRef = Eigen::Ref<const Eigen::VectorXd>;
using Ref = Eigen::Ref<Eigen::VectorXd>;

/// Wallis's cubic  x^3 - 2x - 5 = 0  (the equation Newton's method was first shown on).
struct Cubic {
    static constexpr double root = 2.0945514815423265;
    Index size() const { return 1; }
    bool residuals(CRef x, Ref r) {
        r[0] = x[0] * x[0] * x[0] - 2.0 * x[0] - 5.0;
        return true;
    }
    void residual_name(Index, char* buf, std::size_t cap) const { std::snprintf(buf, cap, "Wallis cubic"); }
};

/// Rosenbrock's function as a root problem: 10 (x2 - x1^2) = 0, 1 - x1 = 0; root (1, 1), standard
/// start (-1.2, 1). The full Newton step from the start overshoots badly: the line search matters.
struct Rosenbrock {
    Index size() const { return 2; }
    bool residuals(CRef x, Ref r) {
        r[0] = 10.0 * (x[1] - x[0] * x[0]);
        r[1] = 1.0 - x[0];
        return true;
    }
};

/// Rosenbrock with its analytic Jacobian; counts how often each is called.
struct RosenbrockAnalytic : Rosenbrock {
    int jacobian_calls = 0;
    bool jacobian(CRef x, Eigen::Ref<Eigen::MatrixXd> J) {
        ++jacobian_calls;
        J(0, 0) = -20.0 * x[0];
        J(0, 1) = 10.0;
        J(1, 0) = -1.0;
        J(1, 1) = 0.0;
        return true;
    }
};

/// Powell's badly scaled function (More, Garbow, Hillstrom 1981, problem 3): 1e4 x1 x2 - 1 = 0,
/// exp(-x1) + exp(-x2) - 1.0001 = 0; start (0, 1); root (1.098159e-5, 9.106146).
struct PowellBadlyScaled {
    Index size() const { return 2; }
    bool residuals(CRef x, Ref r) {
        r[0] = 1e4 * x[0] * x[1] - 1.0;
        r[1] = std::exp(-x[0]) + std::exp(-x[1]) - 1.0001;
        return true;
    }
};

/// Broyden's tridiagonal function (MGH problem 30), any n:
/// (3 - 2 x_i) x_i - x_{i-1} - 2 x_{i+1} + 1 = 0 with x_0 = x_{n+1} = 0; start x_i = -1.
struct BroydenTridiagonal {
    Index n;
    Index size() const { return n; }
    bool residuals(CRef x, Ref r) {
        for (Index i = 0; i < n; ++i) {
            const double left = i > 0 ? x[i - 1] : 0.0;
            const double right = i + 1 < n ? x[i + 1] : 0.0;
            r[i] = (3.0 - 2.0 * x[i]) * x[i] - left - 2.0 * right + 1.0;
        }
        return true;
    }
    void residual_name(Index i, char* buf, std::size_t cap) const {
        std::snprintf(buf, cap, "node %ld: balance", static_cast<long>(i));
    }
    void variable_name(Index j, char* buf, std::size_t cap) const {
        std::snprintf(buf, cap, "node %ld: x", static_cast<long>(j));
    }
};

/// Two consecutive isomerisations at equilibrium, A <-> B (K1 = 2), B <-> C (K2 = 3), from 1 mol
/// of A, in the extents (xi1, xi2): ln(nB/nA) = ln K1, ln(nC/nB) = ln K2. Root: nA = 1/9, nB = 2/9,
/// nC = 6/9, i.e. xi = (8/9, 6/9). Mole numbers must stay positive: outside, the residuals are
/// refused (a recoverable failure, like a flash outside its range).
struct ChemicalEquilibrium {
    static constexpr double xi1 = 8.0 / 9.0, xi2 = 6.0 / 9.0;
    int refused = 0;
    Index size() const { return 2; }
    bool residuals(CRef x, Ref r) {
        const double nA = 1.0 - x[0], nB = x[0] - x[1], nC = x[1];
        if (!(nA > 0.0 && nB > 0.0 && nC > 0.0)) {
            ++refused;
            return false;
        }
        r[0] = std::log(nB / nA) - std::log(2.0);
        r[1] = std::log(nC / nB) - std::log(3.0);
        return true;
    }
    void residual_name(Index i, char* buf, std::size_t cap) const {
        std::snprintf(buf, cap, i == 0 ? "A<->B: equilibrium" : "B<->C: equilibrium");
    }
};

/// ln(x) + 3 = 0, root e^-3; undefined for x <= 0 (refused). From x = 1 the Newton step lands at
/// x = -2: the line search must back off. With `clamp_low` > 0, clamp() projects x >= clamp_low.
struct LogEquation {
    static constexpr double root = 0.049787068367863944;
    double clamp_low = 0.0;
    int refused = 0;
    int clamped = 0;
    Index size() const { return 1; }
    bool residuals(CRef x, Ref r) {
        if (!(x[0] > 0.0)) {
            ++refused;
            return false;
        }
        r[0] = std::log(x[0]) + 3.0;
        return true;
    }
    void clamp(Ref x) {
        if (clamp_low > 0.0 && x[0] < clamp_low) {
            x[0] = clamp_low;
            ++clamped;
        }
    }
};

/// x^2 + 1 = 0 has no real root: every solver must say NonConvergence, never Converged.
struct Impossible {
    Index size() const { return 1; }
    bool residuals(CRef x, Ref r) {
        r[0] = x[0] * x[0] + 1.0;
        return true;
    }
    void residual_name(Index, char* buf, std::size_t cap) const { std::snprintf(buf, cap, "x^2 + 1 = 0"); }
};

/// Impossible, in 3 unknowns with named equations, for the report: r = (x0^2 + 1, x1 - 1, 0.1 (x2^2 + 2)).
struct ImpossibleNamed {
    Index size() const { return 3; }
    bool residuals(CRef x, Ref r) {
        r[0] = x[0] * x[0] + 1.0;
        r[1] = x[1] - 1.0;
        r[2] = 0.1 * (x[2] * x[2] + 2.0);
        return true;
    }
    void residual_name(Index i, char* buf, std::size_t cap) const {
        static constexpr const char* names[] = {"condenser: energy balance", "valve: mass balance",
                                                "evaporator: superheat"};
        std::snprintf(buf, cap, "%s", names[i]);
    }
};

/// A loop of three "components", each computing its outlet from its inlet:
///   x0 = 0.5 cos(x1) + 0.2,  x1 = 0.3 sin(x0) + 0.5 x2,  x2 = 0.25 x0 + 0.4.
/// Residuals r_i = x_i - g_i(x); picard_sweep() is the Gauss-Seidel pass around the loop, a
/// contraction, so Picard converges; Newton and Fallback must reach the same root.
struct Loop3 {
    Index size() const { return 3; }
    static double g0(const double* x) { return 0.5 * std::cos(x[1]) + 0.2; }
    static double g1(const double* x) { return 0.3 * std::sin(x[0]) + 0.5 * x[2]; }
    static double g2(const double* x) { return 0.25 * x[0] + 0.4; }
    bool residuals(CRef x, Ref r) {
        const double* p = x.data();
        r[0] = x[0] - g0(p);
        r[1] = x[1] - g1(p);
        r[2] = x[2] - g2(p);
        return true;
    }
    bool picard_sweep(Ref x) {
        double* p = x.data();
        p[0] = g0(p);
        p[2] = g2(p);
        p[1] = g1(p);
        return true;
    }
    void residual_name(Index i, char* buf, std::size_t cap) const {
        static constexpr const char* names[] = {"compressor: outlet", "condenser: outlet", "valve: outlet"};
        std::snprintf(buf, cap, "%s", names[i]);
    }
};

/// Loop3 without its sweep: Picard falls back to relaxed chord steps.
struct Loop3NoSweep {
    Loop3 loop;
    Index size() const { return 3; }
    bool residuals(CRef x, Ref r) { return loop.residuals(x, r); }
};

/// A trap for Newton that Picard escapes. The fixed point of g(x) = x/2 + 1 is x = 2; with
/// u = x - g(x) the residual is rho(u) = u (u^2 - 6u + 9.5), whose only real zero is u = 0, but
/// |rho| has a local minimum 1.48 at u = 2.913 behind a barrier (local maximum 4.52 at u = 1.087).
/// From x = 12 (u = 5) Newton descends into that minimum and stops there; the Picard pass x <- g(x)
/// contracts towards x = 2 regardless of rho.
struct NewtonTrap {
    static constexpr double root = 2.0;
    Index size() const { return 1; }
    static double u(double x) { return 0.5 * x - 1.0; }
    bool residuals(CRef x, Ref r) {
        const double v = u(x[0]);
        r[0] = v * (v * v - 6.0 * v + 9.5);
        return true;
    }
    bool picard_sweep(Ref x) {
        x[0] = 0.5 * x[0] + 1.0;
        return true;
    }
};

/// A system that reports a control at its bound once converged: x0 + x1 = 1, x1 = 1 (x1 plays a
/// valve opening pinned at its upper bound 1).
struct SaturatedControl {
    Index size() const { return 2; }
    bool residuals(CRef x, Ref r) {
        r[0] = x[0] + x[1] - 1.0;
        r[1] = x[1] - 1.0;
        return true;
    }
    bool controls_saturated(CRef x) const { return x[1] >= 1.0 - 1e-12; }
};

/// Broyden tridiagonal whose residual evaluation busy-waits `cost_ns` on the monotonic clock, to
/// exercise the wall-clock budget inside the finite-difference Jacobian.
struct SlowBroyden {
    BroydenTridiagonal inner;
    std::int64_t cost_ns;
    Index size() const { return inner.size(); }
    bool residuals(CRef x, Ref r) {
        const std::int64_t until = entropyk::platform::monotonic_ns() + cost_ns;
        while (entropyk::platform::monotonic_ns() < until) {
        }
        return inner.residuals(x, r);
    }
};

} // namespace ek_test
