// Proof that a solve allocates nothing once the solver is constructed.
//
// Three independent counters watch the solves:
//  1. the global operator new/delete (every form) are replaced by counting versions: catches the
//     standard library (std::string, containers, std::function ...);
//  2. Eigen is built with EIGEN_RUNTIME_NO_MALLOC and malloc forbidden during the solves; Eigen
//     allocates through std::malloc, not operator new, so (1) alone would not see it. eigen_assert
//     is redefined to count instead of aborting, so a violation is a test failure with a number;
//  3. in builds without a sanitizer, on glibc, malloc/calloc/realloc themselves are interposed and
//     counted: catches everything else, including the C library (snprintf in the reports).
// The sanity test at the end checks that each counter does see a deliberate allocation.
//
// This TU replaces global functions, so it is its own test binary.

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace alloc_count {
inline std::atomic<bool> armed{false};
inline std::atomic<long> news{0};
inline std::atomic<long> mallocs{0};
inline std::atomic<long> eigen_failures{0};
inline void eigen_assert_failed() noexcept { eigen_failures.fetch_add(1, std::memory_order_relaxed); }
} // namespace alloc_count

#define EIGEN_RUNTIME_NO_MALLOC
#define eigen_assert(x) ((x) ? static_cast<void>(0) : ::alloc_count::eigen_assert_failed())

#include "support/catch.hpp"

#include <Eigen/Core>

#include "entropyk/solvers.hpp"
#include "test_systems.hpp"

// ---- 1. operator new / delete -------------------------------------------------------------------
namespace {
void* counted_new(std::size_t n) {
    if (alloc_count::armed.load(std::memory_order_relaxed)) alloc_count::news.fetch_add(1);
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
void* counted_new_aligned(std::size_t n, std::align_val_t al) {
    if (alloc_count::armed.load(std::memory_order_relaxed)) alloc_count::news.fetch_add(1);
    const std::size_t a = static_cast<std::size_t>(al);
    if (void* p = std::aligned_alloc(a, (n + a - 1) / a * a)) return p;
    throw std::bad_alloc();
}
} // namespace

void* operator new(std::size_t n) { return counted_new(n); }
void* operator new[](std::size_t n) { return counted_new(n); }
void* operator new(std::size_t n, std::align_val_t a) { return counted_new_aligned(n, a); }
void* operator new[](std::size_t n, std::align_val_t a) { return counted_new_aligned(n, a); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return counted_new(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return counted_new(n);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

// ---- 3. malloc itself (glibc, no sanitizer: sanitizers own malloc) --------------------------------
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define EK_TEST_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define EK_TEST_SANITIZED 1
#endif

#if defined(__GLIBC__) && !defined(EK_TEST_SANITIZED)
#define EK_TEST_COUNTS_MALLOC 1
extern "C" {
void* __libc_malloc(std::size_t) noexcept;
void* __libc_calloc(std::size_t, std::size_t) noexcept;
void* __libc_realloc(void*, std::size_t) noexcept;
void __libc_free(void*) noexcept;

void* malloc(std::size_t n) noexcept {
    if (alloc_count::armed.load(std::memory_order_relaxed)) alloc_count::mallocs.fetch_add(1);
    return __libc_malloc(n);
}
void* calloc(std::size_t k, std::size_t n) noexcept {
    if (alloc_count::armed.load(std::memory_order_relaxed)) alloc_count::mallocs.fetch_add(1);
    return __libc_calloc(k, n);
}
void* realloc(void* p, std::size_t n) noexcept {
    if (alloc_count::armed.load(std::memory_order_relaxed)) alloc_count::mallocs.fetch_add(1);
    return __libc_realloc(p, n);
}
void free(void* p) noexcept { __libc_free(p); }
}
#endif

using namespace entropyk::solvers;
using namespace ek_test;

namespace {

/// Arms the counters (and forbids Eigen's malloc) for its lifetime.
struct Armed {
    Armed() {
        alloc_count::news = 0;
        alloc_count::mallocs = 0;
        alloc_count::eigen_failures = 0;
        Eigen::internal::set_is_malloc_allowed(false);
        alloc_count::armed = true;
    }
    ~Armed() {
        alloc_count::armed = false;
        Eigen::internal::set_is_malloc_allowed(true);
    }
};

Options quick() {
    Options o;
    o.tolerance = 1e-10;
    o.time_budget_s = 30.0; // never the limit here, even under sanitizers
    return o;
}

// Deliberate allocations for the sanity test, out of line so they cannot be elided.
[[gnu::noinline]] void* escape(void* p) {
    static void* volatile sink;
    sink = p;
    return sink;
}

} // namespace

TEST_CASE("Solves allocate nothing: 1000 cold and warm solves of every kind", "[solvers][alloc]") {
    constexpr int kRounds = 1000;
    // Everything is constructed (and allocates) here, as a cycle's finalize() would.
    Rosenbrock rosenbrock;
    RosenbrockAnalytic analytic;
    BroydenTridiagonal broyden{24}; // above 16 unknowns Eigen's LU is blocked and uses its matrix product
    BroydenTridiagonal broyden60{60};
    ChemicalEquilibrium chem;
    LogEquation logeq;
    Impossible impossible;
    ImpossibleNamed named;
    Newton<Rosenbrock> newton_ros(2);
    Newton<RosenbrockAnalytic> newton_an(2);
    Newton<BroydenTridiagonal> newton_big(24);
    Newton<BroydenTridiagonal> newton_60(60);
    Newton<ChemicalEquilibrium> newton_chem(2);
    Newton<LogEquation> newton_log(1);
    Newton<Impossible> newton_imp(1);
    Newton<ImpossibleNamed> newton_named(3);
    Loop3 loop;
    Loop3NoSweep loop_chord;
    NewtonTrap trap;
    Picard<Loop3> picard_sweep(3);
    Picard<Loop3NoSweep> picard_chord(3);
    Picard<Impossible> picard_imp(1);
    Fallback<NewtonTrap> fallback_trap(1);
    Fallback<Impossible> fallback_imp(1);
    Fallback<BroydenTridiagonal> fallback_big(24);
    Eigen::VectorXd x2(2), x24(24), x60(60), x1(1), x3(3);
    const Options opt = quick();
    Options tiny_budget = quick();
    tiny_budget.time_budget_s = 1e-12;
    Options picard_opt = quick();
    picard_opt.max_iterations = 500;
    Options invalid = quick();
    invalid.tolerance = -1.0;
    char report[2048];

    Options reuse = quick();
    reuse.reuse_jacobian = true;
    Options few_iterations = quick();
    few_iterations.max_iterations = 10;

    // Every round: a cold and a warm solve of Rosenbrock (2000 solves in all). Besides, each round
    // runs one of kKinds other scenarios in turn (each kind 1000 / kKinds times): every solver, the
    // analytic and finite-difference Jacobians, refused points, clamping, every status, the reports.
    constexpr int kKinds = 10;
    int cold = 0, warm = 0, kind_ok = 0;
    std::size_t report_chars = 0;
    {
        const Armed guard;
        for (int k = 0; k < kRounds; ++k) {
            x2 << -1.2, 1.0;
            cold += newton_ros.solve(rosenbrock, x2, opt).converged();
            warm += newton_ros.solve(rosenbrock, x2, opt).iterations == 0;
            switch (k % kKinds) {
            case 0:
                x2 << -1.2, 1.0;
                kind_ok += newton_an.solve(analytic, x2, opt).converged();
                break;
            case 1: {
                x24.setConstant(-1.0);
                const bool ok = newton_big.solve(broyden, x24, opt).converged() &&
                                newton_big.solve(broyden, x24, opt).iterations == 0;
                x24.array() += 1e-3; // a HIL-like warm step: chord steps with the kept LU factors
                const Summary chord = newton_big.solve(broyden, x24, reuse);
                kind_ok += ok && chord.converged() && chord.chord_steps >= 1;
                break;
            }
            case 2:
                x2 << 0.5, 0.3;
                x1 << 1.0;
                kind_ok += newton_chem.solve(chem, x2, opt).converged() && newton_log.solve(logeq, x1, opt).converged();
                break;
            case 3: {
                x1 << 1.0;
                x3 << 0.3, 5.0, 4.0;
                const Summary s = newton_named.solve(named, x3, few_iterations);
                kind_ok += newton_imp.solve(impossible, x1, opt).status == Status::NonConvergence &&
                           s.status == Status::NonConvergence;
                report_chars += s.report(report, sizeof report);
                break;
            }
            case 4:
                x3.setZero();
                kind_ok += picard_sweep.solve(loop, x3, picard_opt).converged() &&
                           picard_sweep.solve(loop, x3, picard_opt).iterations == 0;
                break;
            case 5:
                x3.setZero();
                kind_ok += picard_chord.solve(loop_chord, x3, picard_opt).converged();
                break;
            case 6: {
                x1 << 12.0;
                const Summary fb = fallback_trap.solve(trap, x1, opt);
                kind_ok += fb.converged() && fb.picard_iterations > 0;
                break;
            }
            case 7:
                x24.setConstant(-1.0);
                kind_ok += fallback_big.solve(broyden, x24, opt).converged();
                break;
            case 8: {
                x1 << 1.0;
                const bool p = picard_imp.solve(impossible, x1, picard_opt).status == Status::NonConvergence;
                x1 << 1.0;
                const Summary fi = fallback_imp.solve(impossible, x1, opt);
                kind_ok += p && fi.status == Status::NonConvergence;
                report_chars += fi.report(report, sizeof report);
                break;
            }
            case 9:
                x2 << -1.2, 1.0;
                kind_ok += newton_ros.solve(rosenbrock, x2, tiny_budget).status == Status::TimedOut &&
                           newton_ros.solve(rosenbrock, x2, invalid).status == Status::InvalidInput;
                break;
            }
        }
        // A larger system, fewer times (a debug-build LU of 60 x 60 is slow).
        for (int k = 0; k < 20; ++k) {
            x60.setConstant(-1.0);
            kind_ok += newton_60.solve(broyden60, x60, opt).converged();
            kind_ok += newton_60.solve(broyden60, x60, opt).iterations == 0;
        }
    }
    CHECK(alloc_count::news == 0);
    CHECK(alloc_count::eigen_failures == 0);
    CHECK(alloc_count::mallocs == 0);
    // and the solves did what they should
    CHECK(cold == kRounds);
    CHECK(warm == kRounds);
    CHECK(kind_ok == kRounds + 40);
    CHECK(report_chars > 0);
    CHECK(chem.refused > 0);
    CHECK(logeq.refused > 0);
}

TEST_CASE("The allocation counters see deliberate allocations", "[solvers][alloc]") {
    {
        const Armed guard;
        delete static_cast<int*>(escape(new int(7)));
    }
    CHECK(alloc_count::news == 1);
    {
        const Armed guard;
        Eigen::VectorXd v(100); // Eigen's aligned_malloc: refused-and-counted by EIGEN_RUNTIME_NO_MALLOC
        escape(v.data());
    }
    CHECK(alloc_count::eigen_failures >= 1);
#ifdef EK_TEST_COUNTS_MALLOC
    {
        const Armed guard;
        std::free(escape(std::malloc(64)));
    }
    CHECK(alloc_count::mallocs == 1);
#endif
}
