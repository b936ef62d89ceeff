// capi helpers of the result module (codegen/api/result.api.yaml): the EntropykSolverResult handle
// (a snapshot of one solve: the cycle results and the state vector) and its getters.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include <entropyk.h>

#include "entropyk/capi/buffers.hpp"
#include "entropyk/capi/errors.hpp"
#include "entropyk/capi/handle.hpp"
#include "entropyk/capi/invoke.hpp"
#include "entropyk/cycles/results.hpp"
#include "entropyk/diagrams/cycle_view.hpp"
#include "entropyk/fluids/fluid.hpp"

namespace entropyk::capi {

/// What a result handle owns. Sized once (at creation); refilling it never allocates.
struct ResultData {
    CycleResults results;
    std::vector<double> state;
    /// The id of the system that made it (SystemData::id): _into solves of other systems refuse it.
    std::uint64_t system_id = 0;
    /// False for a result made by entropyk_result_create until a solve writes it.
    bool written = false;
    /// What entropyk_result_write_svg needs beyond the results, copied from the system when the
    /// result is made (never by a solve): the refrigerant (a static object), whether the system
    /// uses the tables, and each component's name and role.
    const fluids::Fluid* fluid = nullptr;
    bool tables = false;
    std::vector<diagrams::ComponentLabel> components;
    /// Each refrigerant loop's refrigerant and backend (loop 0 first; one entry for a system of
    /// one loop), copied like the above: entropyk_result_get_loop_refrigerant and
    /// entropyk_result_write_svg_loop read them.
    struct Loop {
        const fluids::Fluid* fluid = nullptr;
        bool tables = false;
    };
    std::vector<Loop> loops;
};

} // namespace entropyk::capi

/// The object behind an EntropykSolverResult*.
struct EntropykSolverResult {
    static constexpr entropyk::capi::HandleKind kind = entropyk::capi::HandleKind::solver_result;
    static constexpr const char* c_name = "EntropykSolverResult";

    entropyk::capi::HandleHeader header;
    mutable entropyk::capi::ErrorSlot last_error;
    entropyk::capi::Owned<entropyk::capi::ResultData> data;
};

namespace entropyk::capi {

static_assert(Handle<EntropykSolverResult> && handle_layout_ok<EntropykSolverResult>());

/// A solve outcome as the C API's code.
[[nodiscard]] constexpr EntropykErrorCode status_code(SolveStatus s) noexcept {
    switch (s) {
    case SolveStatus::converged: return ENTROPYK_OK;
    case SolveStatus::converged_control_saturation: return ENTROPYK_CONTROL_SATURATION;
    case SolveStatus::timed_out: return ENTROPYK_TIMEOUT;
    case SolveStatus::non_convergence: return ENTROPYK_NON_CONVERGENCE;
    case SolveStatus::invalid_input: return ENTROPYK_INVALID_ARGUMENT;
    case SolveStatus::non_physical: return ENTROPYK_NON_PHYSICAL;
    }
    return ENTROPYK_INTERNAL_ERROR;
}

// EntropykWarningCode is entropyk::WarningCode, value for value.
static_assert(ENTROPYK_WARNING_EXTRAPOLATED_STATE == static_cast<int>(WarningCode::extrapolated_state));
static_assert(ENTROPYK_WARNING_MAP_ENVELOPE == static_cast<int>(WarningCode::map_envelope));
static_assert(ENTROPYK_WARNING_DISCHARGE_TEMPERATURE == static_cast<int>(WarningCode::discharge_temperature));
static_assert(ENTROPYK_WARNING_CONTROL_SATURATED == static_cast<int>(WarningCode::control_saturated));
static_assert(sizeof(EntropykWarningCode) == sizeof(WarningCode));

/// The refusal of every getter that needs a solve on a result no solve has written yet.
inline void require_written(const EntropykSolverResult& self) {
    if (!self.data->written)
        raise(Errc::invalid_state, "no solve has written this result yet (it was made by entropyk_result_create; "
                                   "pass it to an entropyk_solve_*_into first)");
}

/// The first line of a report (up to its first newline).
[[nodiscard]] inline std::string_view first_line(const CycleResults& r) noexcept {
    const std::string_view text{r.report, ::strnlen(r.report, sizeof r.report)};
    return text.substr(0, text.find('\n'));
}

/// What a figure getter returns after writing its figures: ENTROPYK_OK for a converged solve
/// (also with a control at a bound); for any other solve the result's own status, with a detail
/// saying what the figures are (they describe that solve, but they are not an answer).
[[nodiscard]] inline Result<void> figures_status(const EntropykSolverResult& self) {
    const CycleResults& r = self.data->results;
    const EntropykErrorCode code = status_code(r.status);
    if (code == ENTROPYK_OK || code == ENTROPYK_CONTROL_SATURATION) return {};
    const std::string_view why = first_line(r);
    if (code == ENTROPYK_NON_PHYSICAL)
        return ThermoError::format(Errc::non_physical,
                                   "the figures are those of a physically inadmissible solution, for diagnosis "
                                   "only: %.*s",
                                   static_cast<int>(why.size()), why.data());
    const std::string_view st = to_string(r.status);
    return ThermoError::format(static_cast<Errc>(code),
                               "the solve %.*s: the figures are its last iterate (NaN where it has none), not a "
                               "solution: %.*s",
                               static_cast<int>(st.size()), st.data(), static_cast<int>(why.size()), why.data());
}

/// The code a solve function returns: its status, with the status and the report's first line
/// (the cause) as the detail.
[[nodiscard]] inline Result<void> outcome(const CycleResults& r) {
    const EntropykErrorCode code = status_code(r.status);
    if (code == ENTROPYK_OK) return {};
    const std::string_view st = to_string(r.status);
    const std::string_view why = first_line(r);
    return ThermoError::format(static_cast<Errc>(code), "%.*s after %d iterations (residual norm %.3g)%s%.*s",
                               static_cast<int>(st.size()), st.data(), r.iterations, r.residual_norm,
                               why.empty() ? "" : ": ", static_cast<int>(why.size()), why.data());
}

/// entropyk_result_get_status
inline Result<void> result_get_status(const EntropykSolverResult& self, EntropykErrorCode* out) {
    require_not_null(out, "out");
    require_written(self);
    *out = status_code(self.data->results.status);
    return {};
}

/// entropyk_result_get_<figure> (capacities, power, COP): the value, then figures_status.
template <auto Member>
Result<void> result_get_figure(const EntropykSolverResult& self, double* out) {
    require_not_null(out, "out");
    require_written(self);
    *out = self.data->results.*Member;
    return figures_status(self);
}

/// entropyk_result_get_<statistic> (residual norm, solve time): valid for every solve.
template <auto Member>
Result<void> result_get_statistic(const EntropykSolverResult& self, double* out) {
    require_not_null(out, "out");
    *out = self.data->results.*Member;
    return {};
}

/// entropyk_result_get_superheat / _subcooling: ENTROPYK_INVALID_STATE when the cycle has none;
/// for a failed solve the value (NaN possible) and figures_status.
template <auto Member>
Result<void> result_get_available(const EntropykSolverResult& self, double* out) {
    require_not_null(out, "out");
    require_written(self);
    const double v = self.data->results.*Member;
    if (const Result<void> st = figures_status(self); !st) {
        *out = v;
        return st;
    }
    if (!std::isfinite(v))
        return fail(Errc::invalid_state, "not available for this cycle (it has no evaporator or condenser outlet "
                                         "to measure it at)");
    *out = v;
    return {};
}

/// entropyk_result_get_iterations
inline Result<void> result_get_iterations(const EntropykSolverResult& self, std::uint32_t* out) {
    require_not_null(out, "out");
    *out = static_cast<std::uint32_t>(self.data->results.iterations < 0 ? 0 : self.data->results.iterations);
    return {};
}

/// entropyk_result_get_residual_evaluations
inline Result<void> result_get_residual_evaluations(const EntropykSolverResult& self, std::uint32_t* out) {
    require_not_null(out, "out");
    const int n = self.data->results.residual_evaluations;
    *out = static_cast<std::uint32_t>(n < 0 ? 0 : n);
    return {};
}

/// The loop index of a per-loop call, checked against the loops the result records.
inline void require_loop(const EntropykSolverResult& self, std::uint32_t loop) {
    const std::size_t n = self.data->loops.size();
    if (loop >= n)
        raise(Errc::invalid_argument, "loop %u: the result has %zu refrigerant loop%s (0 to %zu)", loop, n,
              n == 1 ? "" : "s", n - 1);
}

/// entropyk_result_get_loop_count: known from the system when the result is made, so also for a
/// result no solve has written yet.
inline Result<void> result_get_loop_count(const EntropykSolverResult& self, std::uint32_t* out) {
    require_not_null(out, "out");
    *out = static_cast<std::uint32_t>(self.data->loops.size());
    return {};
}

/// entropyk_result_get_loop_refrigerant
inline Result<void> result_get_loop_refrigerant(const EntropykSolverResult& self, std::uint32_t loop, char* buffer,
                                                std::size_t capacity, std::size_t* out_len) {
    require_not_null(out_len, "out_len");
    if (buffer == nullptr && capacity != 0)
        raise(Errc::null_pointer, "'buffer' is NULL but 'capacity' is %zu", capacity);
    require_loop(self, loop);
    return copy_out_string(self.data->loops[loop].fluid->name(), buffer, capacity, out_len);
}

/// The C summary of a solve's results (entropyk_result_get_summary, entropyk_system_sweep).
[[nodiscard]] inline EntropykCycleSummary summary_of(const CycleResults& r) noexcept {
    EntropykCycleSummary c = ENTROPYK_CYCLE_SUMMARY_INIT;
    c.status = status_code(r.status);
    c.iterations = static_cast<std::uint32_t>(r.iterations < 0 ? 0 : r.iterations);
    c.superheat_available = std::isfinite(r.superheat) ? 1 : 0;
    c.subcooling_available = std::isfinite(r.subcooling) ? 1 : 0;
    c.cooling_capacity = r.cooling_capacity;
    c.heating_capacity = r.heating_capacity;
    c.compressor_power = r.compressor_power;
    c.COP_cooling = r.cop_cooling;
    c.COP_heating = r.cop_heating;
    c.superheat = c.superheat_available ? r.superheat : 0.0;
    c.subcooling = c.subcooling_available ? r.subcooling : 0.0;
    c.energy_balance = r.energy_balance;
    c.mass_balance = r.mass_balance;
    c.entropy_generation = r.entropy_generation;
    c.residual_norm = r.residual_norm;
    c.solve_time = r.solve_time_s;
    return c;
}

/// entropyk_result_get_summary
inline Result<void> result_get_summary(const EntropykSolverResult& self, EntropykCycleSummary* out) {
    require_struct_size(out, "out");
    require_written(self);
    copy_out_struct(summary_of(self.data->results), out);
    return figures_status(self);
}

/// entropyk_result_get_state_vector
inline Result<void> result_get_state_vector(const EntropykSolverResult& self, double* buffer, std::size_t capacity,
                                            std::size_t* out_len) {
    require_written(self);
    if (Result<void> r = copy_out_array(self.data->state, buffer, capacity, out_len); !r) return r;
    return figures_status(self);
}

/// entropyk_result_get_connection_count
inline Result<void> result_get_connection_count(const EntropykSolverResult& self, std::uint32_t* out) {
    require_not_null(out, "out");
    *out = static_cast<std::uint32_t>(self.data->results.connections.size());
    return {};
}

/// entropyk_result_get_connection
inline Result<void> result_get_connection(const EntropykSolverResult& self, std::uint32_t index,
                                          EntropykConnectionResult* out) {
    require_struct_size(out, "out");
    require_written(self);
    const auto& list = self.data->results.connections;
    if (index >= list.size())
        raise(Errc::invalid_argument, "connection index %u: the system has %zu connections", index, list.size());
    const ConnectionResult& cr = list[index];
    EntropykConnectionResult c = ENTROPYK_CONNECTION_RESULT_INIT;
    c.from = cr.from;
    c.to = cr.to;
    c.phase = static_cast<std::int32_t>(cr.state.phase);
    c.T = cr.state.T.si();
    c.p = cr.state.p.si();
    c.h = cr.state.h.si();
    c.s = cr.state.s.si();
    c.rho = cr.state.rho.si();
    c.quality = cr.state.quality;
    c.m = cr.m;
    copy_out_struct(c, out);
    return figures_status(self);
}

/// entropyk_result_get_component
inline Result<void> result_get_component(const EntropykSolverResult& self, std::uint32_t index,
                                         EntropykComponentResult* out) {
    require_struct_size(out, "out");
    require_written(self);
    const auto& list = self.data->results.components;
    if (index >= list.size())
        raise(Errc::invalid_argument, "component index %u: the system has %zu components", index, list.size());
    const ComponentReport& rep = list[index];
    EntropykComponentResult c = ENTROPYK_COMPONENT_RESULT_INIT;
    c.control_saturated = rep.control_saturated ? 1 : 0;
    c.has_secondary = std::isfinite(rep.secondary_outlet_T) ? 1 : 0;
    c.has_control = std::isfinite(rep.control_value) ? 1 : 0;
    c.heat_rate = rep.heat_rate;
    c.power = rep.power;
    c.electrical_power = rep.electrical_power;
    c.entropy_generation = rep.entropy_generation;
    c.secondary_outlet_temperature = c.has_secondary ? rep.secondary_outlet_T : 0.0;
    c.control_value = c.has_control ? rep.control_value : 0.0;
    copy_out_struct(c, out);
    return figures_status(self);
}

/// entropyk_result_get_report
inline Result<void> result_get_report(const EntropykSolverResult& self, char* buffer, std::size_t capacity,
                                      std::size_t* out_len) {
    const char* text = self.data->results.report;
    return copy_out_string(std::string_view{text, ::strnlen(text, sizeof self.data->results.report)}, buffer, capacity,
                           out_len);
}

/// The warning at `index`, or an ENTROPYK_INVALID_ARGUMENT naming the count.
inline const Warning& warning_at(const EntropykSolverResult& self, std::uint32_t index) {
    const Warnings& w = self.data->results.warnings;
    if (index >= w.size())
        raise(Errc::invalid_argument, "warning index %u: the result has %zu warnings", index, w.size());
    return w[index];
}

/// entropyk_result_get_warning_count
inline Result<void> result_get_warning_count(const EntropykSolverResult& self, std::uint32_t* out) {
    require_not_null(out, "out");
    *out = static_cast<std::uint32_t>(self.data->results.warnings.size());
    return {};
}

/// entropyk_result_get_warning: the text first (a short buffer refuses the call), then the code.
inline Result<void> result_get_warning(const EntropykSolverResult& self, std::uint32_t index, EntropykWarningCode* code,
                                       char* buffer, std::size_t capacity, std::size_t* out_len) {
    require_not_null(code, "code");
    const Warning& w = warning_at(self, index);
    if (Result<void> r = copy_out_string(std::string_view{w.message, ::strnlen(w.message, sizeof w.message)}, buffer,
                                         capacity, out_len);
        !r)
        return r;
    *code = static_cast<EntropykWarningCode>(w.code);
    return {};
}

/// entropyk_result_get_warning_component
inline Result<void> result_get_warning_component(const EntropykSolverResult& self, std::uint32_t index,
                                                 std::int32_t* out) {
    require_not_null(out, "out");
    *out = warning_at(self, index).component;
    return {};
}

} // namespace entropyk::capi
