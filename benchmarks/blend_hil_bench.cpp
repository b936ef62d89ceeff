// The demo heat pump (the off-design air-to-air heat pump of cycle_bench.cpp: AHRI 540 map
// compressor, moving-boundary condenser and evaporator with air, TXV holding 5 K, 7 K subcooling)
// on a blend, on the EOS and on the tables: the cold solve, then 2 000 warm HIL steps (compressor
// speed +0.1 Hz, Jacobian reuse, tolerance 1e-9 as BM_HeatPumpWarm) with their median time. A
// plain program:
//
//   build/release/benchmarks/entropyk_blend_hil_bench [fluid = R454B]
#include "entropyk/components.hpp"
#include "entropyk/cycles.hpp"
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>
using namespace entropyk;
using namespace entropyk::literals;
int main(int argc, char** argv) {
    const char* fl = argc > 1 ? argv[1] : "R454B";
    for (Backend backend : {Backend::eos, Backend::tables}) {
        const CompressorMap map({217.3163128, 5.094492028, -0.593170311, 4.38E-02, -2.14E-02, 1.04E-02, 7.90E-05,
                                 -5.73E-05, 1.79E-04, -8.08E-05},
                                {-561.3615705, -15.62601841, 46.92506685, -0.217949552, 0.435062616, -0.442400826,
                                 2.25E-04, 2.37E-03, -3.32E-03, 2.50E-03},
                                MapUnits::ip, TemperatureDifference{20.0 / 1.8}, 60.0_Hz);
        auto cr = System::create(fl, backend);
        if (!cr) {
            std::printf("create failed: %.*s\n", (int)cr.error().message().size(), cr.error().message().data());
            return 1;
        }
        System sys = std::move(*cr);
        auto comp = *sys.add("compressor", MapCompressor{map, 60.0_Hz});
        auto cond = *sys.add("condenser", Condenser{HxModel::moving_boundary, 2400.0_W_per_K,
                                                    SecondaryFluid::air(35.0_degC, 1.4_kg_per_s)}
                                              .with_subcooling(7.0_dK));
        auto valve = *sys.add("valve", ExpansionValve::fixed_superheat(5.0_dK));
        auto evap = *sys.add("evaporator", Evaporator{HxModel::moving_boundary, 1300.0_W_per_K,
                                                      SecondaryFluid::air(27.0_degC, 0.6_kg_per_s)});
        (void)sys.connect(comp, cond);
        (void)sys.connect(cond, valve);
        (void)sys.connect(valve, evap);
        (void)sys.connect(evap, comp);
        if (!sys.finalize()) {
            std::printf("finalize failed\n");
            return 1;
        }
        auto t0 = std::chrono::steady_clock::now();
        CycleResults r = sys.solve(SolverMethod::fallback, {}, StartMode::cold);
        double cold = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
        std::printf("%s on %s, cold: converged %d iterations %d %.0f us\n", fl,
                    backend == Backend::eos ? "EOS" : "tables", r.converged(), (int)r.iterations, cold);
        if (!r.converged()) continue;
        std::vector<double> us;
        int fails = 0;
        SolveSettings st;
        st.tolerance = 1e-9;
        st.reuse_jacobian = true;
        for (int i = 0; i < 2000; ++i) {
            (void)sys.set_input(comp, Input::compressor_speed, 60.0 + 0.1 * ((i + 1) % 20));
            auto a = std::chrono::steady_clock::now();
            CycleResults w = sys.solve(SolverMethod::newton, st, StartMode::warm);
            us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - a).count());
            if (!w.converged()) ++fails;
        }
        std::nth_element(us.begin(), us.begin() + us.size() / 2, us.end());
        std::printf("  warm HIL step median %.1f us, failures %d\n", us[us.size() / 2], fails);
    }
}
