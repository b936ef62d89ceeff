// Newton-Raphson: known roots, failure modes, budgets, reports, options. Tolerances: every solve
// runs to max_i |r_i| <= 1e-10 (kSolveTol); the roots below are then accurate to about
// kSolveTol / |J| (a few ulps more for the badly scaled problem), hence kRootTol = 1e-9.
#include "support/catch.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>
#include <utility>

#include "entropyk/solvers.hpp"
#include "test_systems.hpp"

using namespace entropyk;
using namespace entropyk::solvers;
using namespace ek_test;

namespace {
constexpr double kSolveTol = 1e-10;
constexpr double kRootTol = 1e-9;

Options tight() {
    Options o;
    o.tolerance = kSolveTol;
    o.time_budget_s = 10.0; // generous: sanitizer builds are slow; the budget test sets its own
    return o;
}

// Comparisons return bool so that Catch never has to print a std::string_view (the shared test main
// may be compiled as C++14 by clang, without Catch's string_view support).
bool same(const char* a, const char* b) { return std::strcmp(a, b) == 0; }

bool contains(const char* haystack, std::string_view needle) {
    return std::string_view(haystack).find(needle) != std::string_view::npos;
}
} // namespace

TEST_CASE("NonlinearSystem concept recognises required and optional members", "[solvers][concepts]") {
    STATIC_REQUIRE(NonlinearSystem<Cubic>);
    STATIC_REQUIRE(NonlinearSystem<LogEquation>);
    STATIC_REQUIRE_FALSE(NonlinearSystem<int>);
    STATIC_REQUIRE(ProvidesJacobian<RosenbrockAnalytic>);
    STATIC_REQUIRE_FALSE(ProvidesJacobian<Rosenbrock>);
    STATIC_REQUIRE(ProvidesClamp<LogEquation>);
    STATIC_REQUIRE(ProvidesPicardSweep<Loop3>);
    STATIC_REQUIRE_FALSE(ProvidesPicardSweep<Loop3NoSweep>);
    STATIC_REQUIRE(NamesResiduals<ImpossibleNamed>);
    STATIC_REQUIRE(NamesVariables<BroydenTridiagonal>);
    STATIC_REQUIRE(ReportsControlSaturation<SaturatedControl>);
}

TEST_CASE("Newton finds the root of Wallis's cubic", "[solvers][newton]") {
    Cubic sys;
    Newton<Cubic> newton(1);
    Eigen::VectorXd x(1);
    x << 2.0;
    const Summary s = newton.solve(sys, x, tight());
    REQUIRE(s.status == Status::Converged);
    CHECK(s.converged());
    CHECK(s.error_code() == Errc::ok);
    CHECK(std::fabs(x[0] - Cubic::root) < kRootTol);
    CHECK(s.residual_norm <= kSolveTol);
    CHECK(s.iterations >= 1);
    CHECK(s.iterations <= 6); // quadratic convergence from a close start
    CHECK(s.solve_time_s >= 0.0);
}

TEST_CASE("Newton with line search solves Rosenbrock from the standard start", "[solvers][newton]") {
    Rosenbrock sys;
    Newton<Rosenbrock> newton(2);
    Eigen::VectorXd x(2);
    x << -1.2, 1.0;
    const Summary s = newton.solve(sys, x, tight());
    REQUIRE(s.status == Status::Converged);
    CHECK(std::fabs(x[0] - 1.0) < kRootTol);
    CHECK(std::fabs(x[1] - 1.0) < kRootTol);
    CHECK(s.jacobian_evaluations == s.iterations);
}

TEST_CASE("Newton uses an analytic Jacobian when the system has one", "[solvers][newton]") {
    Eigen::VectorXd x(2);
    SECTION("analytic") {
        RosenbrockAnalytic sys;
        Newton<RosenbrockAnalytic> newton(2);
        x << -1.2, 1.0;
        const Summary s = newton.solve(sys, x, tight());
        REQUIRE(s.status == Status::Converged);
        CHECK(sys.jacobian_calls == s.jacobian_evaluations);
        // no finite-difference columns: one evaluation at the start plus one per trial point
        CHECK(s.residual_evaluations <= 1 + s.iterations * 30);
        CHECK(std::fabs(x[0] - 1.0) < kRootTol);
    }
    SECTION("forced finite differences reach the same root") {
        RosenbrockAnalytic sys;
        Newton<RosenbrockAnalytic> newton(2);
        x << -1.2, 1.0;
        Options o = tight();
        o.analytic_jacobian = false;
        const Summary s = newton.solve(sys, x, o);
        REQUIRE(s.status == Status::Converged);
        CHECK(sys.jacobian_calls == 0);
        CHECK(std::fabs(x[0] - 1.0) < kRootTol);
        CHECK(std::fabs(x[1] - 1.0) < kRootTol);
    }
}

TEST_CASE("Newton solves Powell's badly scaled system", "[solvers][newton]") {
    PowellBadlyScaled sys;
    Newton<PowellBadlyScaled> newton(2);
    Eigen::VectorXd x(2);
    x << 0.0, 1.0;
    Options o = tight();
    o.max_iterations = 200;
    const Summary s = newton.solve(sys, x, o);
    REQUIRE(s.status == Status::Converged);
    // Published root (More, Garbow, Hillstrom 1981) to its 7 digits.
    CHECK_THAT(x[0], Catch::Matchers::WithinRel(1.098159e-5, 1e-6));
    CHECK_THAT(x[1], Catch::Matchers::WithinRel(9.106146, 1e-6));
    CHECK(std::fabs(1e4 * x[0] * x[1] - 1.0) <= kSolveTol);
}

TEST_CASE("Newton solves a chemical equilibrium, backing off from refused compositions", "[solvers][newton]") {
    Newton<ChemicalEquilibrium> newton(2);
    Eigen::VectorXd x(2);
    for (const auto& [xi1, xi2] : {std::pair{0.05, 0.01}, {0.5, 0.3}, {0.9, 0.01}, {0.99, 0.9}}) {
        ChemicalEquilibrium sys;
        x << xi1, xi2;
        const Summary s = newton.solve(sys, x, tight());
        INFO("start " << xi1 << ", " << xi2 << ": " << s.message);
        REQUIRE(s.status == Status::Converged);
        CHECK(std::fabs(x[0] - ChemicalEquilibrium::xi1) < kRootTol);
        CHECK(std::fabs(x[1] - ChemicalEquilibrium::xi2) < kRootTol);
        // From (0.5, 0.3) the full first step makes n_B negative; the line search backs off.
        if (xi1 == 0.5) CHECK(sys.refused > 0);
    }
}

TEST_CASE("Newton backs off when the residuals are refused, and respects clamp()", "[solvers][newton]") {
    Eigen::VectorXd x(1);
    SECTION("refused points") {
        LogEquation sys;
        Newton<LogEquation> newton(1);
        x << 1.0; // full step lands at x = -2
        const Summary s = newton.solve(sys, x, tight());
        REQUIRE(s.status == Status::Converged);
        CHECK(sys.refused > 0);
        CHECK(std::fabs(x[0] - LogEquation::root) < kRootTol);
    }
    SECTION("clamped points") {
        LogEquation sys;
        sys.clamp_low = 1e-3;
        Newton<LogEquation> newton(1);
        x << 1.0;
        const Summary s = newton.solve(sys, x, tight());
        REQUIRE(s.status == Status::Converged);
        CHECK(sys.clamped > 0);
        CHECK(sys.refused == 0);
        CHECK(std::fabs(x[0] - LogEquation::root) < kRootTol);
    }
}

TEST_CASE("Newton solves a 60-unknown tridiagonal system", "[solvers][newton]") {
    BroydenTridiagonal sys{60};
    Newton<BroydenTridiagonal> newton(60);
    Eigen::VectorXd x = Eigen::VectorXd::Constant(60, -1.0);
    const Summary s = newton.solve(sys, x, tight());
    REQUIRE(s.status == Status::Converged);
    Eigen::VectorXd r(60);
    REQUIRE(sys.residuals(x, r));
    CHECK(r.cwiseAbs().maxCoeff() <= kSolveTol);
    CHECK(s.residual_norm == r.cwiseAbs().maxCoeff());
}

TEST_CASE("An impossible system is NonConvergence, never Converged", "[solvers][newton]") {
    Impossible sys;
    Newton<Impossible> newton(1);
    Eigen::VectorXd x(1);
    for (const double start : {-3.0, -0.5, 0.0, 0.7, 1.0, 10.0, 1e6}) {
        x << start;
        const Summary s = newton.solve(sys, x, tight());
        INFO("start " << start << ": " << s.message);
        CHECK(s.status == Status::NonConvergence);
        CHECK_FALSE(s.converged());
        CHECK(s.error_code() == Errc::non_convergence);
        CHECK(std::isfinite(x[0]));
        CHECK(s.residual_norm >= 1.0); // x^2 + 1 >= 1 everywhere
        CHECK(s.worst[0].index == 0);
        CHECK(same(s.worst[0].name, "x^2 + 1 = 0"));
    }
}

TEST_CASE("A non-convergence report names the largest residuals, largest first", "[solvers][newton][report]") {
    ImpossibleNamed sys;
    Newton<ImpossibleNamed> newton(3);
    Eigen::VectorXd x(3);
    x << 0.3, 5.0, 4.0;
    const Summary s = newton.solve(sys, x, tight());
    REQUIRE(s.status == Status::NonConvergence);
    // At the end r = (x0^2 + 1 >= 1, ~0, 0.1 (x2^2 + 2) >= 0.2): energy balance, superheat, mass balance.
    CHECK(same(s.worst[0].name, "condenser: energy balance"));
    CHECK(same(s.worst[1].name, "evaporator: superheat"));
    CHECK(same(s.worst[2].name, "valve: mass balance"));
    CHECK(std::fabs(s.worst[0].value) >= std::fabs(s.worst[1].value));
    CHECK(std::fabs(s.worst[1].value) >= std::fabs(s.worst[2].value));
    CHECK(s.worst[0].value == s.residual_norm);

    char buf[1024];
    const std::size_t n = s.report(buf, sizeof buf);
    REQUIRE(n < sizeof buf);
    CHECK(std::strlen(buf) == n);
    CHECK(contains(buf, "NonConvergence"));
    CHECK(contains(buf, "condenser: energy balance"));
    CHECK(contains(buf, "evaporator: superheat"));
    CHECK(contains(buf, "valve: mass balance"));
    CHECK(contains(buf, s.message));

    SECTION("a short buffer is cut, NUL-terminated, and the needed length returned") {
        char small[16];
        CHECK(s.report(small, sizeof small) == n);
        CHECK(std::strlen(small) == sizeof small - 1);
        CHECK(std::strncmp(small, buf, sizeof small - 1) == 0);
        CHECK(s.report(nullptr, 0) == n);
    }
}

TEST_CASE("Unnamed residuals get a default name", "[solvers][report]") {
    Rosenbrock sys;
    Newton<Rosenbrock> newton(2);
    Eigen::VectorXd x(2);
    x << 0.5, 0.5;
    Options o = tight();
    o.max_iterations = 0;
    const Summary s = newton.solve(sys, x, o);
    CHECK(s.status == Status::NonConvergence);
    CHECK(contains(s.message, "max_iterations = 0"));
    CHECK(same(s.worst[0].name, "residual 0")); // 10 (0.5 - 0.25) = 2.5 > 0.5
    CHECK(s.worst[2].index == -1);              // only two equations
}

TEST_CASE("A tiny wall-clock budget gives TimedOut", "[solvers][newton][budget]") {
    Options o = tight();
    SECTION("before the first iteration") {
        Rosenbrock sys;
        Newton<Rosenbrock> newton(2);
        Eigen::VectorXd x(2);
        x << -1.2, 1.0;
        o.time_budget_s = 1e-9;
        const Summary s = newton.solve(sys, x, o);
        CHECK(s.status == Status::TimedOut);
        CHECK(s.error_code() == Errc::timeout);
        CHECK(contains(s.message, "budget"));
    }
    SECTION("inside the finite-difference Jacobian") {
        // 40 unknowns at 200 us per evaluation: one Jacobian costs 8 ms, the budget is 2 ms.
        SlowBroyden sys{BroydenTridiagonal{40}, 200'000};
        Newton<SlowBroyden> newton(40);
        Eigen::VectorXd x = Eigen::VectorXd::Constant(40, -1.0);
        o.time_budget_s = 2e-3;
        const Summary s = newton.solve(sys, x, o);
        CHECK(s.status == Status::TimedOut);
        CHECK(contains(s.message, "Jacobian"));
        CHECK(s.iterations == 0);
        CHECK(s.residual_evaluations < 40); // stopped part-way through the columns
    }
    SECTION("a converged start is Converged even with no time left") {
        Rosenbrock sys;
        Newton<Rosenbrock> newton(2);
        Eigen::VectorXd x(2);
        x << 1.0, 1.0;
        o.time_budget_s = 1e-12;
        CHECK(newton.solve(sys, x, o).status == Status::Converged);
    }
}

TEST_CASE("A warm start from the solution converges without iterating", "[solvers][newton][warm]") {
    Rosenbrock sys;
    Newton<Rosenbrock> newton(2);
    Eigen::VectorXd x(2);
    x << -1.2, 1.0;
    REQUIRE(newton.solve(sys, x, tight()).status == Status::Converged);
    const Eigen::VectorXd solution = x;
    const Summary warm = newton.solve(sys, x, tight());
    CHECK(warm.status == Status::Converged);
    CHECK(warm.iterations == 0);
    CHECK(warm.residual_evaluations == 1);
    CHECK(x == solution);

    SECTION("a slightly perturbed warm start needs at most a couple of iterations") {
        x[0] += 1e-6;
        const Summary s = newton.solve(sys, x, tight());
        CHECK(s.status == Status::Converged);
        CHECK(s.iterations <= 2);
    }
}

namespace {
/// Broyden's tridiagonal function with its constant term c as an input (c = 1 is MGH problem 30):
/// a HIL-like system whose input moves between solves.
struct DrivenTridiagonal {
    Eigen::Index n = 20;
    double c = 1.0;
    Eigen::Index size() const { return n; }
    bool residuals(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::VectorXd> r) {
        for (Eigen::Index i = 0; i < n; ++i) {
            const double left = i > 0 ? x[i - 1] : 0.0;
            const double right = i + 1 < n ? x[i + 1] : 0.0;
            r[i] = (3.0 - 2.0 * x[i]) * x[i] - left - 2.0 * right + c;
        }
        return true;
    }
};
} // namespace

TEST_CASE("Jacobian reuse: warm steps take chord steps and reach the same root", "[solvers][newton][warm][chord]") {
    DrivenTridiagonal sys;
    Newton<DrivenTridiagonal> reusing(sys.n), fresh(sys.n);
    Options reuse = tight();
    reuse.reuse_jacobian = true;
    Eigen::VectorXd x = Eigen::VectorXd::Constant(sys.n, -1.0);
    REQUIRE(reusing.solve(sys, x, tight()).status == Status::Converged); // keeps its last LU factors
    Eigen::VectorXd y = x;
    for (int step = 1; step <= 20; ++step) {
        sys.c = 1.0 + 0.002 * step; // the input drifts a little every step
        const Summary a = reusing.solve(sys, x, reuse);
        const Summary b = fresh.solve(sys, y, tight());
        REQUIRE(a.status == Status::Converged);
        REQUIRE(b.status == Status::Converged);
        CHECK(a.residual_norm <= kSolveTol);
        CHECK(a.jacobian_evaluations == 0); // the factors of the first solve still contract
        CHECK(a.chord_steps == a.iterations);
        CHECK(a.chord_steps >= 1);
        CHECK(b.chord_steps == 0);
        CHECK(b.jacobian_evaluations >= 1);
        CHECK((x - y).cwiseAbs().maxCoeff() < kRootTol);
    }

    SECTION("a chord step that does not contract gives way to a fresh Jacobian") {
        sys.c = 40.0; // far from where the kept factors were computed
        Eigen::VectorXd x0 = x;
        const Summary a = reusing.solve(sys, x, reuse);
        const Summary b = fresh.solve(sys, x0, tight());
        REQUIRE(a.status == Status::Converged);
        REQUIRE(b.status == Status::Converged);
        CHECK(a.jacobian_evaluations >= 1);
        CHECK((x - x0).cwiseAbs().maxCoeff() < kRootTol);
    }

    SECTION("discard_jacobian() forces a fresh Jacobian") {
        reusing.discard_jacobian();
        sys.c = 1.05;
        const Summary a = reusing.solve(sys, x, reuse);
        REQUIRE(a.status == Status::Converged);
        CHECK(a.jacobian_evaluations >= 1);
    }
}

TEST_CASE("A converged system with a pinned control reports ConvergedControlSaturation", "[solvers][newton]") {
    SaturatedControl sys;
    Newton<SaturatedControl> newton(2);
    Eigen::VectorXd x(2);
    x << 3.0, 0.2;
    const Summary s = newton.solve(sys, x, tight());
    CHECK(s.status == Status::ConvergedControlSaturation);
    CHECK(s.converged());
    CHECK(s.error_code() == Errc::control_saturation);
    CHECK(contains(s.message, "control"));
}

TEST_CASE("Options::validate refuses bad values and names the field", "[solvers][options]") {
    CHECK(Options{}.validate().has_value());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const auto refused = [](const Options& o, std::string_view field) {
        const Result<void> r = o.validate();
        if (r.has_value()) return false;
        return r.error().code() == Errc::invalid_argument && r.error().message().find(field) != std::string_view::npos;
    };
    Options o;
    o.tolerance = -1e-9;
    CHECK(refused(o, "tolerance"));
    o.tolerance = nan;
    CHECK(refused(o, "tolerance"));
    o.tolerance = 0.0;
    CHECK(refused(o, "tolerance"));
    o = Options{};
    o.time_budget_s = nan;
    CHECK(refused(o, "time_budget_s"));
    o.time_budget_s = 0.0;
    CHECK(refused(o, "time_budget_s"));
    o.time_budget_s = inf; // no limit
    CHECK(o.validate().has_value());
    o = Options{};
    o.max_iterations = -1;
    CHECK(refused(o, "max_iterations"));
    o = Options{};
    o.min_step = nan;
    CHECK(refused(o, "min_step"));
    o = Options{};
    o.fd_relative_step = 0.0;
    CHECK(refused(o, "fd_relative_step"));
    o = Options{};
    o.armijo = 0.5;
    CHECK(refused(o, "armijo"));
    o = Options{};
    o.max_backtracks = 0;
    CHECK(refused(o, "max_backtracks"));
    o = Options{};
    o.picard_relaxation = 0.0;
    CHECK(refused(o, "picard_relaxation"));
    o.picard_relaxation = 1.5;
    CHECK(refused(o, "picard_relaxation"));
    o = Options{};
    o.chord_contraction = 1.0;
    CHECK(refused(o, "chord_contraction"));
    o.chord_contraction = nan;
    CHECK(refused(o, "chord_contraction"));
    o = Options{};
    o.fallback_picard_iterations = -2;
    CHECK(refused(o, "fallback_picard_iterations"));
}

TEST_CASE("Newton refuses invalid input and leaves x untouched", "[solvers][newton]") {
    Eigen::VectorXd x(2);
    x << -1.2, 1.0;
    const Eigen::VectorXd x0 = x;
    SECTION("invalid options") {
        Rosenbrock sys;
        Newton<Rosenbrock> newton(2);
        Options o;
        o.tolerance = std::numeric_limits<double>::quiet_NaN();
        const Summary s = newton.solve(sys, x, o);
        CHECK(s.status == Status::InvalidInput);
        CHECK(s.error_code() == Errc::invalid_argument);
        CHECK(contains(s.message, "tolerance"));
        CHECK(x == x0);
    }
    SECTION("a system of another size") {
        BroydenTridiagonal sys{3};
        Newton<BroydenTridiagonal> newton(2);
        const Summary s = newton.solve(sys, x, tight());
        CHECK(s.status == Status::InvalidInput);
        CHECK(contains(s.message, "3 unknowns"));
    }
    SECTION("an x of another size") {
        Rosenbrock sys;
        Newton<Rosenbrock> newton(3);
        const Summary s = newton.solve(sys, x, tight());
        CHECK(s.status == Status::InvalidInput);
        CHECK(x == x0);
    }
    SECTION("a non-finite start, named") {
        BroydenTridiagonal sys{2};
        Newton<BroydenTridiagonal> newton(2);
        x[1] = std::numeric_limits<double>::infinity();
        const Summary s = newton.solve(sys, x, tight());
        CHECK(s.status == Status::InvalidInput);
        CHECK(contains(s.message, "node 1: x"));
    }
    SECTION("a start the system cannot evaluate") {
        LogEquation sys;
        Newton<LogEquation> newton(1);
        Eigen::VectorXd y(1);
        y << -1.0;
        const Summary s = newton.solve(sys, y, tight());
        CHECK(s.status == Status::InvalidInput);
        CHECK(contains(s.message, "initial guess"));
        CHECK(y[0] == -1.0);
    }
}

TEST_CASE("Resumable Newton: start() then step() matches solve()", "[solvers][newton]") {
    Rosenbrock sys;
    Newton<Rosenbrock> a(2), b(2);
    Eigen::VectorXd x(2);
    x << -1.2, 1.0;
    const Eigen::VectorXd x0 = x;
    const Summary whole = a.solve(sys, x, tight());
    REQUIRE(b.start(sys, x0, tight()));
    int calls = 0;
    while (!b.step(sys)) ++calls;
    CHECK(calls + 1 == whole.iterations);
    CHECK(b.summary().status == whole.status);
    CHECK(b.solution() == x);
    CHECK(b.step(sys)); // stays finished
}

namespace {
/// Rosenbrock whose analytic Jacobian always declines: the solver must fall back to differences.
struct DecliningJacobian : Rosenbrock {
    int calls = 0;
    bool jacobian(CRef, Eigen::Ref<Eigen::MatrixXd>) {
        ++calls;
        return false;
    }
};

/// No unknowns at all (a fully specified problem): trivially converged.
struct Empty {
    Index size() const { return 0; }
    bool residuals(CRef, Ref) { return true; }
};
} // namespace

TEST_CASE("An analytic Jacobian that declines falls back to finite differences", "[solvers][newton]") {
    DecliningJacobian sys;
    Newton<DecliningJacobian> newton(2);
    Eigen::VectorXd x(2);
    x << -1.2, 1.0;
    const Summary s = newton.solve(sys, x, tight());
    REQUIRE(s.status == Status::Converged);
    CHECK(sys.calls == s.jacobian_evaluations);
    CHECK(std::fabs(x[0] - 1.0) < kRootTol);
}

TEST_CASE("The start is projected by clamp() before it is evaluated", "[solvers][newton]") {
    LogEquation sys;
    sys.clamp_low = 1e-3;
    Newton<LogEquation> newton(1);
    Eigen::VectorXd x(1);
    x << -5.0; // outside the domain: clamped to 1e-3, then solved
    const Summary s = newton.solve(sys, x, tight());
    REQUIRE(s.status == Status::Converged);
    CHECK(sys.refused == 0);
    CHECK(std::fabs(x[0] - LogEquation::root) < kRootTol);
}

TEST_CASE("A system with no unknowns is converged at once by every solver", "[solvers]") {
    Empty sys;
    Eigen::VectorXd x(0);
    Newton<Empty> newton(0);
    Picard<Empty> picard(0);
    Fallback<Empty> fallback(0);
    CHECK(newton.solve(sys, x, tight()).status == Status::Converged);
    CHECK(picard.solve(sys, x, tight()).status == Status::Converged);
    const Summary s = fallback.solve(sys, x, tight());
    CHECK(s.status == Status::Converged);
    CHECK(s.residual_norm == 0.0);
    CHECK(s.worst[0].index == -1);
}

TEST_CASE("A cap on residual evaluations is a deterministic budget", "[solvers][newton][budget]") {
    Options o = tight();
    o.max_residual_evaluations = 25;
    SECTION("Newton stops at the cap, with its own message") {
        BroydenTridiagonal sys{40}; // one finite-difference Jacobian alone costs 40 evaluations
        Newton<BroydenTridiagonal> newton(40);
        Eigen::VectorXd x = Eigen::VectorXd::Constant(40, -1.0);
        const Summary s = newton.solve(sys, x, o);
        CHECK(s.status == Status::TimedOut);
        CHECK(contains(s.message, "25 residual evaluations"));
        CHECK(s.residual_evaluations <= 25);
    }
    SECTION("Fallback's phases share one cap") {
        Impossible sys;
        Fallback<Impossible> fb(1);
        Eigen::VectorXd x(1);
        x << 3.0;
        o.max_iterations = 1000;
        const Summary s = fb.solve(sys, x, o);
        CHECK_FALSE(s.converged());
        CHECK(s.residual_evaluations <= 25 + 2); // a later phase may start with its first evaluation
    }
    SECTION("the same cap gives the same count on every run") {
        Rosenbrock sys;
        Newton<Rosenbrock> newton(2);
        o.max_residual_evaluations = 7;
        Eigen::VectorXd x1(2), x2(2);
        x1 << -1.2, 1.0;
        x2 = x1;
        const Summary a = newton.solve(sys, x1, o);
        const Summary b = newton.solve(sys, x2, o);
        CHECK(a.residual_evaluations == b.residual_evaluations);
        CHECK(x1 == x2);
    }
    SECTION("a negative cap is refused") {
        o.max_residual_evaluations = -1;
        CHECK_FALSE(o.validate().has_value());
    }
}
