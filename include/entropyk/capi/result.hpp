// capi helpers of the result module (codegen/api/result.api.yaml): the EntropykSolverResult handle
// (a snapshot of one solve: the cycle results and the state vector) and its getters.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include <entropyk.h>

#include "entropyk/capi/buffers.hpp"
#include "entropyk/capi/errors.hpp"
#include "entropyk/capi/handle.hpp"
#include "entropyk/capi/invoke.hpp"
#include "entropyk/cycles/results.hpp"

namespace entropyk::capi {

/// What a result handle owns. Sized once (at creation); refilling it never allocates.
struct ResultData {
    CycleResults results;
    std::vector<double> state;
};

} // namespace entropyk::capi

/// The object behind an EntropykSolverResult*.
struct EntropykSolverResult {
    static constexpr entropyk::capi::HandleKind kind = entropyk::capi::HandleKind::solver_result;
    static constexpr const char* c_name = "EntropykSolverResult";

    entropyk::capi::HandleHeader header;
    mutable entropyk::capi::ErrorSlot last_error;
    std::unique_ptr<entropyk::capi::ResultData> data;
};

namespace entropyk::capi {

static_assert(Handle<EntropykSolverResult>);

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

/// entropyk_result_get_status
inline Result<void> result_get_status(const EntropykSolverResult& self, EntropykErrorCode* out) {
    require_not_null(out, "out");
    *out = status_code(self.data->results.status);
    return {};
}

/// entropyk_result_get_<figure> for the figures that always exist.
template <auto Member>
Result<void> result_get(const EntropykSolverResult& self, double* out) {
    require_not_null(out, "out");
    *out = self.data->results.*Member;
    return {};
}

/// entropyk_result_get_superheat / _subcooling: ENTROPYK_INVALID_STATE when the cycle has none.
template <auto Member>
Result<void> result_get_available(const EntropykSolverResult& self, double* out) {
    require_not_null(out, "out");
    const double v = self.data->results.*Member;
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

/// entropyk_result_get_summary
inline Result<void> result_get_summary(const EntropykSolverResult& self, EntropykCycleSummary* out) {
    require_struct_size(out, "out");
    const CycleResults& r = self.data->results;
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
    copy_out_struct(c, out);
    return {};
}

/// entropyk_result_get_state_vector
inline Result<void> result_get_state_vector(const EntropykSolverResult& self, double* buffer, std::size_t capacity,
                                            std::size_t* out_len) {
    return copy_out_array(self.data->state, buffer, capacity, out_len);
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
    return {};
}

/// entropyk_result_get_component
inline Result<void> result_get_component(const EntropykSolverResult& self, std::uint32_t index,
                                         EntropykComponentResult* out) {
    require_struct_size(out, "out");
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
    return {};
}

/// entropyk_result_get_report
inline Result<void> result_get_report(const EntropykSolverResult& self, char* buffer, std::size_t capacity,
                                      std::size_t* out_len) {
    const char* text = self.data->results.report;
    return copy_out_string(std::string_view{text, ::strnlen(text, sizeof self.data->results.report)}, buffer, capacity,
                           out_len);
}

} // namespace entropyk::capi
