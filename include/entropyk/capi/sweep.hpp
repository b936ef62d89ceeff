// capi helpers of the sweep module (codegen/api/sweep.api.yaml): one finalized system solved at n
// operating points in one call, optionally on several threads.
//
// Semantics (docs/hil.md, "Array calls"): the points are cut into chunks of `chunk_points`
// consecutive points (0: one chunk). Every chunk starts from an exact copy of the caller's system
// as it is at the call (System::clone: its inputs, last solution and solver state) and walks its
// points in order: set the point's inputs, solve warm-started from the previous point of the same
// chunk. A chunk's results therefore depend only on the system and the chunk's own points, never on
// which thread ran it or how many threads there are: 1 thread and 8 threads give the same bits, and
// a chunk equals a loop of entropyk_system_set_input + entropyk_solve_fallback_into on a system in
// the caller's state. The caller's system is not changed. Threads take contiguous runs of chunks;
// each owns one system copy per chunk (the copies are made between solves, never inside one).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <thread>
#include <vector>

#include <entropyk.h>

#include "entropyk/capi/buffers.hpp"
#include "entropyk/capi/errors.hpp"
#include "entropyk/capi/fluid.hpp"
#include "entropyk/capi/fp_guard.hpp"
#include "entropyk/capi/result.hpp"
#include "entropyk/capi/system.hpp"
#include "entropyk/cycles.hpp"

namespace entropyk::capi {

/// The most threads a sweep starts (a guard against a garbage value, not a tuning limit).
inline constexpr std::uint32_t max_sweep_threads = 256;

/// The figures of a point whose inputs were refused (no solve ran): NaN, and the code.
[[nodiscard]] inline EntropykCycleSummary refused_point(EntropykErrorCode code) noexcept {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    EntropykCycleSummary c = ENTROPYK_CYCLE_SUMMARY_INIT;
    c.status = code;
    c.cooling_capacity = c.heating_capacity = c.compressor_power = nan;
    c.COP_cooling = c.COP_heating = nan;
    c.energy_balance = c.mass_balance = c.entropy_generation = c.residual_norm = nan;
    c.solve_time = 0.0;
    return c;
}

/// What one chunk needs; read-only and shared by the threads.
struct SweepJob {
    const System* base = nullptr;
    SolveSettings settings{};
    StartMode start = StartMode::warm;
    std::size_t count = 0;
    std::size_t chunk = 0; ///< points per chunk
    std::uint32_t columns = 0;
    const std::uint32_t* components = nullptr;
    const EntropykInput* inputs = nullptr;
    const double* values = nullptr; ///< count x columns, row-major
    EntropykCycleSummary* out = nullptr;
    std::size_t stride = 0;
    std::uint32_t struct_size = 0;
};

/// Runs chunks [first, last) of the job, each on a fresh copy of the base system.
inline void run_chunks(const SweepJob& job, std::size_t first, std::size_t last) {
    for (std::size_t k = first; k < last; ++k) {
        System s = job.base->clone();
        const std::size_t begin = k * job.chunk;
        const std::size_t end = std::min(job.count, begin + job.chunk);
        for (std::size_t i = begin; i < end; ++i) {
            const double* row = job.values + i * job.columns;
            EntropykErrorCode code = ENTROPYK_OK;
            for (std::uint32_t j = 0; j < job.columns && code == ENTROPYK_OK; ++j)
                if (const Result<void> r = s.set_input(job.components[j], static_cast<Input>(job.inputs[j]), row[j]);
                    !r)
                    code = to_c(r.error().code());
            EntropykCycleSummary* o = array_element(job.out, job.stride, i);
            o->struct_size = job.struct_size;
            if (code != ENTROPYK_OK) {
                copy_out_struct(refused_point(code), o);
                continue;
            }
            copy_out_struct(summary_of(s.solve(SolverMethod::fallback, job.settings, job.start)), o);
        }
    }
}

/// ENTROPYK_OK when every point converged (ENTROPYK_CONTROL_SATURATION counts as converged: its
/// figures are an answer); otherwise the first failed point's code, with its index and the number
/// of failed points as the detail.
[[nodiscard]] inline Result<void> sweep_outcome(const SweepJob& job) {
    std::size_t failed = 0, first = 0;
    EntropykErrorCode code = ENTROPYK_OK;
    for (std::size_t i = 0; i < job.count; ++i) {
        const EntropykErrorCode c = array_element(job.out, job.stride, i)->status;
        if (c == ENTROPYK_OK || c == ENTROPYK_CONTROL_SATURATION) continue;
        if (failed++ == 0) {
            first = i;
            code = c;
        }
    }
    if (failed == 0) return {};
    return ThermoError::format(static_cast<Errc>(code),
                               "point %zu: %s; %zu of %zu points did not give a solution (see each "
                               "EntropykCycleSummary.status)",
                               first, error_string(code), failed, job.count);
}

/// entropyk_system_sweep
inline Result<void> system_sweep(const EntropykSystem& self, const EntropykFallbackConfig* config,
                                 const EntropykSweepConfig* sweep, std::size_t count, std::uint32_t columns,
                                 const std::uint32_t* components, const EntropykInput* inputs, const double* values,
                                 EntropykCycleSummary* out) {
    // Every check before anything is written: a refused call changes nothing.
    auto [settings, start] = read_settings(config);
    const EntropykSweepConfig sc = read_versioned(sweep, EntropykSweepConfig ENTROPYK_SWEEP_CONFIG_INIT, "sweep");
    require_finalized(self);
    require_not_null(components, "components");
    require_not_null(inputs, "inputs");
    require_not_null(values, "values");
    if (count == 0) raise(Errc::invalid_argument, "count = 0: expected at least one operating point");
    if (columns == 0) raise(Errc::invalid_argument, "columns = 0: expected at least one input column");
    const std::size_t stride = array_stride(out, count, "out");
    if (count > SIZE_MAX / sizeof(double) / columns)
        raise(Errc::invalid_argument, "count = %zu points of %u values overflow the address space", count, columns);
    const System& base = self.data->system;
    for (std::uint32_t j = 0; j < columns; ++j) {
        if (components[j] >= base.component_count())
            raise(Errc::invalid_argument, "components[%u] = %u: the system has %zu components", j, components[j],
                  base.component_count());
        if (inputs[j] < ENTROPYK_INPUT_COMPRESSOR_SPEED || inputs[j] > ENTROPYK_INPUT_HIGH_SIDE_PRESSURE)
            raise(Errc::invalid_argument, "inputs[%u] = %d is not an EntropykInput value", j,
                  static_cast<int>(inputs[j]));
    }
    std::uint32_t threads = sc.threads;
    if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1u, max_sweep_threads);
    if (threads > max_sweep_threads)
        raise(Errc::invalid_argument, "sweep->threads = %u: expected at most %u (0 for one per core)", sc.threads,
              max_sweep_threads);
    settings.discharge_temperature_limit = self.data->discharge_temperature_limit;

    SweepJob job;
    job.base = &base;
    job.settings = settings;
    job.start = start;
    job.count = count;
    job.chunk = sc.chunk_points == 0 ? count : std::min<std::size_t>(sc.chunk_points, count);
    job.columns = columns;
    job.components = components;
    job.inputs = inputs;
    job.values = values;
    job.out = out;
    job.stride = stride;
    job.struct_size = out->struct_size;
    const std::size_t chunks = (count + job.chunk - 1) / job.chunk;
    const std::size_t workers = std::min<std::size_t>(threads, chunks);
    // Contiguous runs of chunks, as even as possible; the calling thread runs the first run, and
    // also any run whose thread could not be started (the results do not depend on who runs it).
    std::vector<std::exception_ptr> errors(workers);
    auto run = [&](std::size_t w) {
        FpGuard fp; // MXCSR is per thread: each worker masks its own traps
        try {
            run_chunks(job, chunks * w / workers, chunks * (w + 1) / workers);
        } catch (...) {
            errors[w] = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    std::size_t started = 1;
    if (workers > 1) {
        pool.reserve(workers - 1);
        for (; started < workers; ++started) {
            try {
                pool.emplace_back(run, started);
            } catch (...) {
                break;
            }
        }
    }
    run(0);
    for (std::size_t w = started; w < workers; ++w) run(w);
    for (std::thread& t : pool) t.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
    return sweep_outcome(job);
}

} // namespace entropyk::capi
