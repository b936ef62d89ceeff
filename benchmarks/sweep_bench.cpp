// Sweep throughput (issue 16): the R410A heat pump of tests/c/cycles.h on the tables, solved by
// entropyk_system_sweep over a grid of compressor speed (45..75 Hz) x outdoor air (30..40 C),
// 100,000 points walked as a serpentine (speed up, then down, at each air temperature) so that
// consecutive points are neighbours, in chunks of 1,000 points, on 1 and 2 threads (and more if
// given). Prints warm solves per second (wall clock), the failed points, and whether the thread
// counts gave the same bits (they must: each chunk starts from a copy of the same system).
//
//   entropyk_sweep_bench [points] [chunk] [max_threads]
#include <entropyk.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include "cycles.h" // tests/c: the cycles built through the C API

int main(int argc, char** argv) {
    const std::size_t points = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
    const std::uint32_t chunk = argc > 2 ? static_cast<std::uint32_t>(std::strtoul(argv[2], nullptr, 10)) : 1000;
    const std::uint32_t max_threads = argc > 3 ? static_cast<std::uint32_t>(std::strtoul(argv[3], nullptr, 10)) : 2;
    EntropykSystem* sys =
        heat_pump_on(ENTROPYK_BACKEND_TABLES, valve(ENTROPYK_VALVE_FIXED_SUPERHEAT, 5.0, 0.0, 0.05, 1.0), 60.0);
    EntropykSolverResult* r = nullptr;
    if (sys == nullptr || entropyk_solve_fallback(sys, nullptr, &r) != ENTROPYK_OK) {
        std::fprintf(stderr, "could not build and solve the heat pump\n");
        return 1;
    }
    entropyk_result_free(r);

    // The grid: rows of `per_row` speeds, one row per air temperature, serpentine order.
    std::size_t per_row = 1;
    while (per_row * per_row < points) ++per_row;
    std::vector<double> values(2 * points);
    for (std::size_t i = 0; i < points; ++i) {
        const std::size_t row = i / per_row, col = i % per_row;
        const std::size_t k = row % 2 == 0 ? col : per_row - 1 - col;
        values[2 * i] = 45.0 + 30.0 * static_cast<double>(k) / static_cast<double>(per_row - 1);
        values[2 * i + 1] = 303.15 + 10.0 * static_cast<double>(row) / static_cast<double>(per_row - 1);
    }
    const std::uint32_t components[2] = {COMP, COND};
    const EntropykInput inputs[2] = {ENTROPYK_INPUT_COMPRESSOR_SPEED, ENTROPYK_INPUT_SECONDARY_INLET_TEMPERATURE};

    std::printf("sweep of %zu points (%zu x %zu grid, serpentine), chunks of %u points, tables backend\n", points,
                per_row, (points + per_row - 1) / per_row, chunk);
    std::vector<EntropykCycleSummary> first;
    double single = 0.0;
    int status = 0;
    for (std::uint32_t threads = 1; threads <= max_threads; ++threads) {
        std::vector<EntropykCycleSummary> out(points);
        out[0] = EntropykCycleSummary ENTROPYK_CYCLE_SUMMARY_INIT;
        EntropykSweepConfig sc = ENTROPYK_SWEEP_CONFIG_INIT;
        sc.threads = threads;
        sc.chunk_points = chunk;
        const auto t0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock(); // process CPU time, all threads: shows a loaded machine
        const EntropykErrorCode rc =
            entropyk_system_sweep(sys, nullptr, &sc, points, 2, components, inputs, values.data(), out.data());
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
        std::size_t failed = 0;
        double iterations = 0.0;
        for (const EntropykCycleSummary& o : out) {
            if (o.status != ENTROPYK_OK && o.status != ENTROPYK_CONTROL_SATURATION) ++failed;
            iterations += o.iterations;
        }
        bool same = true;
        if (threads == 1) {
            first = out;
            single = s;
        } else {
            for (std::size_t i = 0; i < points && same; ++i) {
                EntropykCycleSummary a = first[i], b = out[i];
                a.solve_time = b.solve_time = 0.0;
                same = std::memcmp(&a, &b, sizeof a) == 0;
            }
        }
        std::printf("threads %u: %.3f s wall, %.0f solves/s, speed-up %.2f; CPU %.3f s (%.1f us per solve); %zu "
                    "failed points (code %d), %.2f iterations per point, %s\n",
                    threads, s, static_cast<double>(points) / s, single / s, cpu,
                    1e6 * cpu / static_cast<double>(points), failed, static_cast<int>(rc),
                    iterations / static_cast<double>(points),
                    threads == 1 ? "reference" : (same ? "identical to 1 thread" : "DIFFERENT from 1 thread"));
        if (!same) status = 1;
    }
    entropyk_system_free(sys);
    return status;
}
