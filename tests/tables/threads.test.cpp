// Eight threads ask for the same fluid's shared tables while they are being built, then hammer
// them: every thread gets the same object and bit-identical results to a single thread. Run under
// ThreadSanitizer in the tsan preset. This is the only test of the binary that uses the shared
// tables of R744, so the first call really races with the build.
#include <atomic>
#include <cstring>
#include <latch>
#include <thread>

#include "sampling.hpp"
#include "support/catch.hpp"

using namespace entropyk;
using namespace entropyk::fluids;
using namespace entropyk::fluids::testing;

namespace {

struct Inputs {
    std::vector<double> p, h, T, s;
};

Inputs make_inputs(const Fluid& f) {
    Inputs in;
    for (const State& e : random_single_phase(f, 1500, 41)) {
        in.p.push_back(e.p.si());
        in.h.push_back(e.h.si());
        in.T.push_back(e.T.si());
        in.s.push_back(e.s.si());
    }
    for (const State& e : random_two_phase(f, 500, 42)) {
        in.p.push_back(e.p.si());
        in.h.push_back(e.h.si());
        in.T.push_back(e.T.si());
        in.s.push_back(e.s.si());
    }
    return in;
}

std::vector<double> evaluate(const Tables& t, const Inputs& in) {
    std::vector<double> out;
    out.reserve(in.p.size() * 8);
    for (std::size_t i = 0; i < in.p.size(); ++i) {
        const Result<State> a = t.flash_ph(Pressure{in.p[i]}, SpecificEnthalpy{in.h[i]});
        const Result<State> b = t.flash_ps(Pressure{in.p[i]}, SpecificEntropy{in.s[i]});
        const Result<State> c = t.flash_tp(Temperature{in.T[i]}, Pressure{in.p[i]});
        for (const Result<State>* r : {&a, &b, &c}) {
            out.push_back(*r ? (*r)->T.si() : -1.0);
            out.push_back(*r ? (*r)->rho.si() : -1.0);
            out.push_back(*r ? (*r)->h.si() : -1.0);
        }
        const Result<SaturationState> d = t.saturation_p(Pressure{in.p[i]});
        out.push_back(d ? d->h_vapor.si() : -1.0);
    }
    return out;
}

} // namespace

TEST_CASE("tables: 8 threads during the first build get one object and identical results", "[tables][threads]") {
    const Fluid& f = R744::get();
    const Inputs in = make_inputs(f);
    constexpr int n_threads = 8;
    std::latch start(n_threads);
    std::vector<const Tables*> seen(n_threads, nullptr);
    std::vector<std::vector<double>> results(n_threads);
    std::vector<std::thread> pool;
    for (int k = 0; k < n_threads; ++k)
        pool.emplace_back([&, k] {
            start.arrive_and_wait();
            const Tables& t = tables_for(f);
            seen[static_cast<std::size_t>(k)] = &t;
            results[static_cast<std::size_t>(k)] = evaluate(t, in);
        });
    for (std::thread& th : pool) th.join();
    const Tables& t = tables_for(f);
    const std::vector<double> single = evaluate(t, in);
    for (int k = 0; k < n_threads; ++k) {
        CHECK(seen[static_cast<std::size_t>(k)] == &t);
        REQUIRE(results[static_cast<std::size_t>(k)].size() == single.size());
        CHECK(std::memcmp(results[static_cast<std::size_t>(k)].data(), single.data(), single.size() * sizeof(double)) ==
              0);
    }
    std::printf("R744 shared tables: built in %.3f s by one of %d racing threads, %.2f MB\n", t.info().build_seconds,
                n_threads, static_cast<double>(t.info().bytes) / 1e6);
}
