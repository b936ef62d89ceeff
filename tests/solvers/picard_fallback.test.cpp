// Picard (sweep and chord forms) and Fallback; the three solvers agree; independent solves run
// concurrently. Picard converges linearly, so it runs to the same residual tolerance as Newton
// (kSolveTol) and the roots are compared to kAgreeTol, a little above kSolveTol / |J|.
#include "support/catch.hpp"

#include <array>
#include <cmath>
#include <cstring>
#include <string_view>
#include <thread>

#include "entropyk/solvers.hpp"
#include "test_systems.hpp"

using namespace entropyk;
using namespace entropyk::solvers;
using namespace ek_test;

namespace {
constexpr double kSolveTol = 1e-12;
constexpr double kAgreeTol = 1e-10;

Options tight(int max_iterations = 50) {
    Options o;
    o.tolerance = kSolveTol;
    o.max_iterations = max_iterations;
    o.time_budget_s = 10.0;
    return o;
}

bool contains(const char* haystack, std::string_view needle) {
    return std::string_view(haystack).find(needle) != std::string_view::npos;
}

/// r = x - 0.5, refused for x > 0.8; the sweep jumps to 1 - x (so from 0.1 to 0.9, refused).
struct RefusingSweep {
    int refused = 0;
    Index size() const { return 1; }
    bool residuals(CRef x, Ref r) {
        if (x[0] > 0.8) {
            ++refused;
            return false;
        }
        r[0] = x[0] - 0.5;
        return true;
    }
    bool picard_sweep(Ref x) {
        x[0] = 1.0 - x[0];
        return true;
    }
};

/// Residuals (1, 1) everywhere; the sweep rotates x by 90 degrees, so Picard (relaxation 1) never
/// converges and never stalls: only the clock or the iteration limit ends it.
struct Spinner {
    Index size() const { return 2; }
    bool residuals(CRef, Ref r) {
        r.setOnes();
        return true;
    }
    bool picard_sweep(Ref x) {
        const double x0 = x[0];
        x[0] = -x[1];
        x[1] = x0;
        return true;
    }
};

/// A sweep that fails (a component cannot compute its outlet).
struct FailingSweep {
    Index size() const { return 1; }
    bool residuals(CRef x, Ref r) {
        r[0] = x[0] - 1.0;
        return true;
    }
    bool picard_sweep(Ref) { return false; }
};
} // namespace

TEST_CASE("Newton, Picard and Fallback reach the same root of a three-component loop", "[solvers][picard][fallback]") {
    const Eigen::Vector3d start(0.0, 0.0, 0.0);
    Loop3 sys;
    Eigen::VectorXd xn = start, xp = start, xf = start, xc = start;

    Newton<Loop3> newton(3);
    const Summary sn = newton.solve(sys, xn, tight());
    REQUIRE(sn.status == Status::Converged);

    Picard<Loop3> picard(3);
    const Summary sp = picard.solve(sys, xp, tight(500));
    REQUIRE(sp.status == Status::Converged);
    CHECK(sp.jacobian_evaluations == 0); // the sweep needs no Jacobian
    CHECK(sp.picard_iterations == sp.iterations);

    Fallback<Loop3> fallback(3);
    const Summary sf = fallback.solve(sys, xf, tight());
    REQUIRE(sf.status == Status::Converged);
    CHECK(sf.picard_iterations == 0); // Newton succeeded alone

    Loop3NoSweep chord_sys;
    Picard<Loop3NoSweep> chord(3);
    const Summary sc = chord.solve(chord_sys, xc, tight(500));
    REQUIRE(sc.status == Status::Converged);
    CHECK(sc.jacobian_evaluations == 1); // factored once at the start

    CHECK((xn - xp).cwiseAbs().maxCoeff() < kAgreeTol);
    CHECK((xn - xf).cwiseAbs().maxCoeff() < kAgreeTol);
    CHECK((xn - xc).cwiseAbs().maxCoeff() < kAgreeTol);
    // and it is the fixed point of the loop
    CHECK(std::fabs(xn[0] - (0.5 * std::cos(xn[1]) + 0.2)) < kAgreeTol);
    CHECK(std::fabs(xn[2] - (0.25 * xn[0] + 0.4)) < kAgreeTol);
}

TEST_CASE("Newton, chord Picard and Fallback agree on Rosenbrock and Wallis's cubic", "[solvers][picard][fallback]") {
    SECTION("Rosenbrock") {
        Rosenbrock sys;
        Eigen::VectorXd xn(2), xp(2), xf(2);
        xn << -1.2, 1.0;
        xp = xf = xn;
        Newton<Rosenbrock> newton(2);
        Picard<Rosenbrock> picard(2);
        Fallback<Rosenbrock> fallback(2);
        REQUIRE(newton.solve(sys, xn, tight()).status == Status::Converged);
        REQUIRE(picard.solve(sys, xp, tight(500)).status == Status::Converged);
        REQUIRE(fallback.solve(sys, xf, tight()).status == Status::Converged);
        CHECK((xn - xp).cwiseAbs().maxCoeff() < kAgreeTol);
        CHECK((xn - xf).cwiseAbs().maxCoeff() < kAgreeTol);
        CHECK(std::fabs(xn[0] - 1.0) < kAgreeTol);
    }
    SECTION("cubic") {
        Cubic sys;
        Eigen::VectorXd xn(1), xp(1), xf(1);
        xn << 2.0;
        xp = xf = xn;
        Newton<Cubic> newton(1);
        Picard<Cubic> picard(1);
        Fallback<Cubic> fallback(1);
        REQUIRE(newton.solve(sys, xn, tight()).status == Status::Converged);
        REQUIRE(picard.solve(sys, xp, tight(500)).status == Status::Converged);
        REQUIRE(fallback.solve(sys, xf, tight()).status == Status::Converged);
        CHECK(std::fabs(xn[0] - Cubic::root) < kAgreeTol);
        CHECK(std::fabs(xp[0] - Cubic::root) < kAgreeTol);
        CHECK(std::fabs(xf[0] - Cubic::root) < kAgreeTol);
    }
}

TEST_CASE("Fallback: Newton fails, Picard gets closer, Newton finishes", "[solvers][fallback]") {
    NewtonTrap sys;
    Eigen::VectorXd x(1);

    // The premise: Newton alone is trapped in the local minimum of |r| (u = 2.913, x = 7.826).
    Newton<NewtonTrap> newton(1);
    x << 12.0;
    const Summary alone = newton.solve(sys, x, tight());
    REQUIRE(alone.status == Status::NonConvergence);
    CHECK(std::fabs(x[0] - 7.826) < 1e-2);
    CHECK(alone.residual_norm > 1.0);

    Fallback<NewtonTrap> fallback(1);
    x << 12.0;
    const Summary s = fallback.solve(sys, x, tight());
    INFO(s.message);
    REQUIRE(s.status == Status::Converged);
    CHECK(std::fabs(x[0] - NewtonTrap::root) < kAgreeTol);
    CHECK(s.picard_iterations == tight().fallback_picard_iterations);
    CHECK(s.iterations > s.picard_iterations); // Newton steps before and after
    CHECK(contains(s.message, "Picard restart"));

    SECTION("with no Picard passes allowed, Fallback is plain Newton") {
        Options o = tight();
        o.fallback_picard_iterations = 0;
        x << 12.0;
        const Summary plain = fallback.solve(sys, x, o);
        CHECK(plain.status == Status::NonConvergence);
        CHECK(plain.picard_iterations == 0);
    }
    SECTION("Picard alone converges too, slowly") {
        Picard<NewtonTrap> picard(1);
        x << 12.0;
        const Summary p = picard.solve(sys, x, tight(500));
        REQUIRE(p.status == Status::Converged);
        CHECK(std::fabs(x[0] - NewtonTrap::root) < kAgreeTol);
        CHECK(p.iterations > 20);
    }
}

TEST_CASE("Picard and Fallback never report a false Converged on an impossible system", "[solvers][picard][fallback]") {
    Impossible sys;
    Eigen::VectorXd x(1);
    for (const double start : {-2.0, 0.0, 1.0, 30.0}) {
        x << start;
        Picard<Impossible> picard(1);
        const Summary p = picard.solve(sys, x, tight(200));
        INFO("start " << start << ": " << p.message);
        CHECK(p.status == Status::NonConvergence);
        CHECK(std::isfinite(x[0]));
        CHECK(p.residual_norm >= 1.0);
        // x is the best iterate: its residual is the reported one
        CHECK(p.residual_norm == x[0] * x[0] + 1.0);

        x << start;
        Fallback<Impossible> fallback(1);
        const Summary f = fallback.solve(sys, x, tight());
        INFO("fallback: " << f.message);
        CHECK(f.status == Status::NonConvergence);
        CHECK(f.error_code() == Errc::non_convergence);
        CHECK(std::isfinite(x[0]));
        CHECK(f.residual_norm == x[0] * x[0] + 1.0);
        CHECK(f.worst[0].index == 0);
        CHECK(contains(f.worst[0].name, "x^2 + 1"));
    }
}

TEST_CASE("Picard and Fallback honour the wall-clock budget", "[solvers][picard][fallback][budget]") {
    Options o = tight(1000000);
    o.time_budget_s = 1e-9;
    Eigen::VectorXd x = Eigen::Vector3d(0.0, 0.0, 0.0);
    Loop3 sys;
    Picard<Loop3> picard(3);
    CHECK(picard.solve(sys, x, o).status == Status::TimedOut);

    Fallback<Loop3> fallback(3);
    x.setZero();
    CHECK(fallback.solve(sys, x, o).status == Status::TimedOut);

    SECTION("inside the chord Jacobian") {
        SlowBroyden slow{BroydenTridiagonal{40}, 200'000};
        Picard<SlowBroyden> chord(40);
        Eigen::VectorXd y = Eigen::VectorXd::Constant(40, -1.0);
        o.time_budget_s = 2e-3;
        const Summary s = chord.solve(slow, y, o);
        CHECK(s.status == Status::TimedOut);
        CHECK(s.residual_evaluations < 40);
    }
    SECTION("an endless Picard iteration stops on time") {
        Spinner spin;
        Picard<Spinner> endless(2);
        Eigen::VectorXd z = Eigen::Vector2d(1.0, 0.0);
        o.time_budget_s = 0.02;
        o.picard_relaxation = 1.0;
        const Summary s = endless.solve(spin, z, o);
        CHECK(s.status == Status::TimedOut);
        CHECK(s.iterations > 0);
    }
    SECTION("Fallback, inside its first Newton's Jacobian") {
        SlowBroyden slow{BroydenTridiagonal{40}, 200'000};
        Fallback<SlowBroyden> fb(40);
        Eigen::VectorXd y = Eigen::VectorXd::Constant(40, -1.0);
        o.time_budget_s = 2e-3;
        const Summary s = fb.solve(slow, y, o);
        CHECK(s.status == Status::TimedOut);
        CHECK(s.residual_evaluations < 40);
    }
}

TEST_CASE("Picard backs off its relaxation when the system refuses a point", "[solvers][picard]") {
    RefusingSweep sys;
    Picard<RefusingSweep> picard(1);
    Eigen::VectorXd x(1);
    x << 0.1;
    Options o = tight();
    o.picard_relaxation = 1.0; // the full sweep lands at 0.9, refused; half of it is the root
    const Summary s = picard.solve(sys, x, o);
    CHECK(s.status == Status::Converged);
    CHECK(s.iterations == 1);
    CHECK(sys.refused == 1);
    CHECK(x[0] == 0.5);
}

TEST_CASE("A failing Picard sweep is NonConvergence with the reason", "[solvers][picard]") {
    FailingSweep sys;
    Picard<FailingSweep> picard(1);
    Eigen::VectorXd x(1);
    x << 3.0;
    const Summary s = picard.solve(sys, x, tight());
    CHECK(s.status == Status::NonConvergence);
    CHECK(contains(s.message, "picard_sweep failed"));
    CHECK(x[0] == 3.0);
}

TEST_CASE("Picard: relaxation 1 is plain substitution; warm start; resumable", "[solvers][picard]") {
    Loop3 sys;
    Picard<Loop3> picard(3);
    Eigen::VectorXd x = Eigen::Vector3d(0.0, 0.0, 0.0);
    Options o = tight(500);
    const int relaxed = picard.solve(sys, x, o).iterations;
    o.picard_relaxation = 1.0;
    x.setZero();
    const Summary plain = picard.solve(sys, x, o);
    REQUIRE(plain.status == Status::Converged);
    CHECK(plain.iterations < relaxed); // this loop is a strong contraction: no damping needed

    const Summary warm = picard.solve(sys, x, o);
    CHECK(warm.status == Status::Converged);
    CHECK(warm.iterations == 0);

    Picard<Loop3> stepper(3);
    const Eigen::VectorXd zero = Eigen::Vector3d(0.0, 0.0, 0.0);
    REQUIRE(stepper.start(sys, zero, o));
    int passes = 1;
    while (!stepper.step(sys)) ++passes;
    CHECK(passes == plain.iterations);
    CHECK(stepper.summary().status == Status::Converged);
    CHECK((stepper.solution() - x).cwiseAbs().maxCoeff() < kAgreeTol);
}

TEST_CASE("Independent systems solve concurrently from several threads", "[solvers][threads]") {
    // Each thread owns its systems and solvers; nothing in the solvers is shared or global.
    constexpr int kThreads = 4;
    std::array<Eigen::Vector3d, kThreads> roots;
    std::array<int, kThreads> ok{};
    std::array<std::thread, kThreads> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads[t] = std::thread([t, &roots, &ok] {
            Loop3 loop;
            Newton<Loop3> newton(3);
            Picard<Loop3> picard(3);
            Fallback<Loop3> fallback(3);
            Eigen::VectorXd x(3);
            for (int k = 0; k < 50; ++k) {
                x.setConstant(0.1 * t);
                ok[t] += newton.solve(loop, x, tight()).converged();
                x.setConstant(0.1 * t);
                ok[t] += picard.solve(loop, x, tight(500)).converged();
                x.setConstant(0.1 * t);
                ok[t] += fallback.solve(loop, x, tight()).converged();
            }
            roots[t] = x;
        });
    }
    for (std::thread& th : threads) th.join();
    for (int t = 0; t < kThreads; ++t) {
        CHECK(ok[t] == 150);
        CHECK((roots[t] - roots[0]).cwiseAbs().maxCoeff() < kAgreeTol);
    }
}
