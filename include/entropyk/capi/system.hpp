// capi helpers of the system module (codegen/api/system.api.yaml): the EntropykSystem handle, the
// graph calls (add, connect, finalize, set_input) and the solves, which fill result handles.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <entropyk.h>

#include "entropyk/capi/buffers.hpp"
#include "entropyk/capi/component.hpp"
#include "entropyk/capi/errors.hpp"
#include "entropyk/capi/fluid.hpp"
#include "entropyk/capi/handle.hpp"
#include "entropyk/capi/invoke.hpp"
#include "entropyk/capi/result.hpp"
#include "entropyk/cycles.hpp"

namespace entropyk::capi {

struct SystemData {
    System system;
    /// Unique per system for the library's lifetime (never reused, unlike an address): the results
    /// a system makes carry it, and its _into solves accept only those.
    std::uint64_t id = 0;
    /// K; passed into SolveSettings::discharge_temperature_limit for every solve.
    double discharge_temperature_limit = SolveSettings{}.discharge_temperature_limit;
    /// What entropyk_solve_configured uses: the method and settings of the cycle file the system
    /// was read from (entropyk_system_from_json), the fallback solver's defaults otherwise.
    SolverMethod configured_method = SolverMethod::fallback;
    SolveSettings configured_settings{};
};

[[nodiscard]] inline std::uint64_t next_system_id() noexcept {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

} // namespace entropyk::capi

/// The object behind an EntropykSystem*.
struct EntropykSystem {
    static constexpr entropyk::capi::HandleKind kind = entropyk::capi::HandleKind::system;
    static constexpr const char* c_name = "EntropykSystem";

    entropyk::capi::HandleHeader header;
    mutable entropyk::capi::ErrorSlot last_error;
    entropyk::capi::Owned<entropyk::capi::SystemData> data;
};

namespace entropyk::capi {

static_assert(Handle<EntropykSystem> && handle_layout_ok<EntropykSystem>());

// EntropykInput is entropyk::Input, value for value.
static_assert(ENTROPYK_INPUT_COMPRESSOR_SPEED == static_cast<int>(Input::compressor_speed));
static_assert(ENTROPYK_INPUT_VALVE_OPENING == static_cast<int>(Input::valve_opening));
static_assert(ENTROPYK_INPUT_SUPERHEAT_SETPOINT == static_cast<int>(Input::superheat_setpoint));
static_assert(ENTROPYK_INPUT_SECONDARY_INLET_TEMPERATURE == static_cast<int>(Input::secondary_inlet_temperature));
static_assert(ENTROPYK_INPUT_SECONDARY_MASS_FLOW == static_cast<int>(Input::secondary_mass_flow));
static_assert(ENTROPYK_INPUT_SATURATION_TEMPERATURE == static_cast<int>(Input::saturation_temperature));
static_assert(ENTROPYK_INPUT_SUBCOOLING == static_cast<int>(Input::subcooling));
static_assert(ENTROPYK_INPUT_SUPERHEAT == static_cast<int>(Input::superheat));
static_assert(ENTROPYK_INPUT_MASS_FLOW == static_cast<int>(Input::mass_flow));
static_assert(ENTROPYK_INPUT_ISENTROPIC_EFFICIENCY == static_cast<int>(Input::isentropic_efficiency));
static_assert(ENTROPYK_INPUT_OUTLET_TEMPERATURE == static_cast<int>(Input::outlet_temperature));
static_assert(ENTROPYK_INPUT_HIGH_SIDE_PRESSURE == static_cast<int>(Input::high_side_pressure));

// The solver configs' documented defaults (codegen/api/system.api.yaml) are the C++ defaults.
inline constexpr EntropykPicardConfig picard_defaults = ENTROPYK_PICARD_CONFIG_INIT;
static_assert(picard_defaults.max_iterations == SolveSettings{}.max_iterations);
static_assert(picard_defaults.tolerance == SolveSettings{}.tolerance);
static_assert(picard_defaults.time_budget == SolveSettings{}.time_budget_s);
static_assert(picard_defaults.relaxation == SolveSettings{}.picard_relaxation);

/// entropyk_system_create
inline Result<void> system_create(const char* refrigerant, EntropykBackend backend, EntropykSystem** out) {
    require_not_null(out, "out");
    *out = nullptr;
    const Result<const fluids::Fluid*> fluid = lookup_fluid(refrigerant, "refrigerant");
    if (!fluid) return fluid.error();
    require_supported_backend(backend);
    if (Result<void> ok = check_backend(**fluid, static_cast<Backend>(backend)); !ok) return ok.error();
    // ENTROPYK_BACKEND_TABLES builds the fluid's tables here (once per fluid), never in a solve.
    *out = make_handle<EntropykSystem>(
        std::make_unique<SystemData>(SystemData{System(**fluid, static_cast<Backend>(backend)), next_system_id()}));
    return {};
}

inline void require_not_finalized(const EntropykSystem& self, const char* what) {
    if (self.data->system.finalized())
        raise(Errc::invalid_state, "cannot %s after entropyk_system_finalize (build a new system instead)", what);
}

inline void require_finalized(const EntropykSystem& self) {
    if (!self.data->system.finalized()) raise(Errc::invalid_state, "call entropyk_system_finalize first");
}

/// entropyk_system_add_component: on success the component's model moves into the system and
/// the component handle is released.
inline Result<void> system_add_component(EntropykSystem& self, EntropykComponent* component, std::uint32_t* out_index) {
    require_not_null(out_index, "out_index");
    EntropykComponent& c = checked_handle(component);
    require_not_finalized(self, "add a component");
    const Result<std::uint32_t> index = self.data->system.add_erased(c.data->name, std::move(c.data->model));
    if (!index) return index.error();
    *out_index = *index;
    free_handle(component);
    return {};
}

/// entropyk_system_add_edge
inline Result<void> system_add_edge(EntropykSystem& self, std::uint32_t from, std::uint32_t to) {
    require_not_finalized(self, "add an edge");
    return self.data->system.connect(from, to);
}

/// entropyk_system_add_port_edge
inline Result<void> system_add_port_edge(EntropykSystem& self, std::uint32_t from, std::uint32_t from_port,
                                         std::uint32_t to, std::uint32_t to_port) {
    require_not_finalized(self, "add an edge");
    if (from_port >= static_cast<std::uint32_t>(max_ports) || to_port >= static_cast<std::uint32_t>(max_ports))
        raise(Errc::invalid_argument, "port %u -> %u: a component has at most %d ports on each side", from_port,
              to_port, max_ports);
    return self.data->system.connect(from, static_cast<int>(from_port), to, static_cast<int>(to_port));
}

/// entropyk_system_connect_ports
inline Result<void> system_connect_ports(EntropykSystem& self, const char* from, const char* to) {
    require_not_null(from, "from");
    require_not_null(to, "to");
    require_not_finalized(self, "connect ports");
    return self.data->system.connect(std::string_view(from), std::string_view(to));
}

/// A component name given to the C API (set_name's rule: 1 to 63 bytes).
inline std::string_view checked_name(const char* name, const char* what) {
    require_not_null(name, what);
    const std::size_t n = std::strlen(name);
    if (n == 0 || n > 63) raise(Errc::invalid_argument, "'%s' must have 1 to 63 bytes, not %zu", what, n);
    return {name, n};
}

inline void require_component(const System& s, std::uint32_t component) {
    if (component >= s.component_count())
        raise(Errc::invalid_argument, "component index %u: the system has %zu components", component,
              s.component_count());
}

/// entropyk_system_set_refrigerant: the component must exist already (C++ System::set_refrigerant
/// would accept any name and refuse it at finalize; here a typo is refused at once, changing nothing).
inline Result<void> system_set_refrigerant(EntropykSystem& self, const char* component, const char* refrigerant,
                                           EntropykBackend backend) {
    require_not_null(component, "component");
    require_not_null(refrigerant, "refrigerant");
    require_not_finalized(self, "set a refrigerant");
    const System& s = self.data->system;
    const std::string_view spec(component);
    std::string_view name;
    const std::size_t dot = spec.rfind('.');
    for (std::uint32_t i = 0; i < s.component_count() && name.empty(); ++i)
        if (s.component_name(i) == spec.substr(0, dot)) name = s.component_name(i);
    if (name.empty())
        raise(Errc::invalid_argument, "'%s': no component named '%.*s'", component,
              static_cast<int>(spec.substr(0, dot).size()), spec.data());
    const Result<const fluids::Fluid*> fluid = lookup_fluid(refrigerant, "refrigerant");
    if (!fluid) return fluid.error();
    require_supported_backend(backend);
    if (Result<void> ok = check_backend(**fluid, static_cast<Backend>(backend)); !ok) return ok.error();
    return self.data->system.set_refrigerant(name, **fluid, static_cast<Backend>(backend));
}

/// entropyk_system_add_cascade
inline Result<void> system_add_cascade(EntropykSystem& self, const char* condensing_side, const char* evaporating_side,
                                       const EntropykCascadeConfig* config, std::uint32_t* out_condensing,
                                       std::uint32_t* out_evaporating) {
    require_not_null(out_condensing, "out_condensing");
    require_not_null(out_evaporating, "out_evaporating");
    const std::string_view hot = checked_name(condensing_side, "condensing_side");
    const std::string_view cold = checked_name(evaporating_side, "evaporating_side");
    require_struct_size(config, "config");
    const auto c = read_versioned(config, EntropykCascadeConfig ENTROPYK_CASCADE_CONFIG_INIT, "config");
    require_enum(c.given, ENTROPYK_SATURATION_GIVEN_PRESSURE, "config->given");
    require_finite_fields(c, {{"config->evaporating_temperature", c.evaporating_temperature},
                              {"config->evaporating_pressure", c.evaporating_pressure},
                              {"config->approach", c.approach},
                              {"config->subcooling", c.subcooling},
                              {"config->superheat", c.superheat}});
    require_not_finalized(self, "add a cascade heat exchanger");
    const bool by_pressure = c.given == ENTROPYK_SATURATION_GIVEN_PRESSURE;
    const double level = by_pressure ? c.evaporating_pressure : c.evaporating_temperature;
    // The model reads a 0 level as "the other form is given": refuse it here.
    if (!(level > 0.0))
        raise(Errc::invalid_argument, "'config->evaporating_%s' = %g %s: expected a positive number",
              by_pressure ? "pressure" : "temperature", level, by_pressure ? "Pa" : "K");
    auto hx = by_pressure ? CascadeHeatExchanger::at_pressure(Pressure{level}, TemperatureDifference{c.approach})
                          : CascadeHeatExchanger::at_temperature(Temperature{level}, TemperatureDifference{c.approach});
    hx.subcooling(TemperatureDifference{c.subcooling}).superheat(TemperatureDifference{c.superheat});
    // System::add_cascade validates the exchanger and both names before it adds anything.
    auto sides = self.data->system.add_cascade(hot, cold, hx);
    if (!sides) return sides.error();
    *out_condensing = sides->first;
    *out_evaporating = sides->second;
    return {};
}

/// entropyk_system_add_cascade_ua
inline Result<void> system_add_cascade_ua(EntropykSystem& self, const char* condensing_side,
                                          const char* evaporating_side, const EntropykCascadeUaConfig* config,
                                          std::uint32_t* out_condensing, std::uint32_t* out_evaporating) {
    require_not_null(out_condensing, "out_condensing");
    require_not_null(out_evaporating, "out_evaporating");
    const std::string_view hot = checked_name(condensing_side, "condensing_side");
    const std::string_view cold = checked_name(evaporating_side, "evaporating_side");
    require_struct_size(config, "config");
    const auto c = read_versioned(config, EntropykCascadeUaConfig ENTROPYK_CASCADE_UA_CONFIG_INIT, "config");
    require_finite_fields(c, {{"config->ua", c.ua},
                              {"config->subcooling", c.subcooling},
                              {"config->superheat", c.superheat},
                              {"config->start_evaporating_temperature", c.start_evaporating_temperature},
                              {"config->start_approach", c.start_approach}});
    require_not_finalized(self, "add a cascade heat exchanger");
    if (c.start_evaporating_temperature < 0.0)
        raise(Errc::invalid_argument, "'config->start_evaporating_temperature' = %g K: expected a positive number or 0",
              c.start_evaporating_temperature);
    auto hx = CascadeHeatExchanger::with_ua(ThermalConductance{c.ua});
    // A start temperature of 0 is the model's default start (0 C).
    hx.start(Temperature{c.start_evaporating_temperature}, TemperatureDifference{c.start_approach});
    hx.subcooling(TemperatureDifference{c.subcooling}).superheat(TemperatureDifference{c.superheat});
    // System::add_cascade validates the exchanger (UA > 0 and finite, the temperature
    // differences >= 0) and both names before it adds anything.
    auto sides = self.data->system.add_cascade(hot, cold, hx);
    if (!sides) return sides.error();
    *out_condensing = sides->first;
    *out_evaporating = sides->second;
    return {};
}

/// entropyk_system_get_loop_count
inline Result<void> system_get_loop_count(const EntropykSystem& self, std::uint32_t* out) {
    require_not_null(out, "out");
    require_finalized(self);
    *out = static_cast<std::uint32_t>(self.data->system.loop_count());
    return {};
}

/// entropyk_system_get_loop_of
inline Result<void> system_get_loop_of(const EntropykSystem& self, std::uint32_t component, std::uint32_t* out) {
    require_not_null(out, "out");
    require_finalized(self);
    require_component(self.data->system, component);
    *out = static_cast<std::uint32_t>(self.data->system.loop_of(component));
    return {};
}

/// entropyk_system_get_loop_refrigerant
inline Result<void> system_get_loop_refrigerant(const EntropykSystem& self, std::uint32_t loop, char* buffer,
                                                std::size_t capacity, std::size_t* out_len) {
    require_finalized(self);
    const System& s = self.data->system;
    if (loop >= static_cast<std::uint32_t>(s.loop_count()))
        raise(Errc::invalid_argument, "loop %u: the system has %d loops", loop, s.loop_count());
    return copy_out_string(s.loop_refrigerant(static_cast<int>(loop)).name(), buffer, capacity, out_len);
}

/// entropyk_system_get_connection_count
inline Result<void> system_get_connection_count(const EntropykSystem& self, std::uint32_t* out) {
    require_not_null(out, "out");
    require_finalized(self);
    *out = static_cast<std::uint32_t>(self.data->system.connection_count());
    return {};
}

/// entropyk_system_get_connection: the topology finalize() wrote into the results (connection i
/// of the system is connection i of every result).
inline Result<void> system_get_connection(const EntropykSystem& self, std::uint32_t index,
                                          EntropykConnectionInfo* out) {
    require_struct_size(out, "out");
    require_finalized(self);
    const System& s = self.data->system;
    const auto& list = s.results().connections;
    if (index >= list.size())
        raise(Errc::invalid_argument, "connection index %u: the system has %zu connections", index, list.size());
    const ConnectionResult& cr = list[index];
    EntropykConnectionInfo c = ENTROPYK_CONNECTION_INFO_INIT;
    c.from = cr.from;
    c.from_port = cr.from_port;
    c.to = cr.to;
    c.to_port = cr.to_port;
    c.loop = static_cast<std::uint32_t>(s.loop_of(cr.from));
    copy_out_struct(c, out);
    return {};
}

/// entropyk_system_get_component_name
inline Result<void> system_get_component_name(const EntropykSystem& self, std::uint32_t component, char* buffer,
                                              std::size_t capacity, std::size_t* out_len) {
    require_component(self.data->system, component);
    return copy_out_string(self.data->system.component_name(component), buffer, capacity, out_len);
}

/// entropyk_system_get_port_count
inline Result<void> system_get_port_count(const EntropykSystem& self, std::uint32_t component,
                                          std::uint32_t* out_inlets, std::uint32_t* out_outlets) {
    require_not_null(out_inlets, "out_inlets");
    require_not_null(out_outlets, "out_outlets");
    require_component(self.data->system, component);
    const AnyComponent& c = self.data->system.component(component);
    *out_inlets = static_cast<std::uint32_t>(c.n_inlets());
    *out_outlets = static_cast<std::uint32_t>(c.n_outlets());
    return {};
}

/// entropyk_system_get_port_name
inline Result<void> system_get_port_name(const EntropykSystem& self, std::uint32_t component, std::int32_t inlet,
                                         std::uint32_t port, char* buffer, std::size_t capacity, std::size_t* out_len) {
    require_component(self.data->system, component);
    if (inlet != 0 && inlet != 1) raise(Errc::invalid_argument, "'inlet' = %d: expected 0 or 1", inlet);
    const AnyComponent& c = self.data->system.component(component);
    const int n = inlet ? c.n_inlets() : c.n_outlets();
    if (port >= static_cast<std::uint32_t>(n))
        raise(Errc::invalid_argument, "component '%s': %s port %u does not exist (it has %d)",
              std::string(self.data->system.component_name(component)).c_str(), inlet ? "inlet" : "outlet", port, n);
    const int k = static_cast<int>(port);
    return copy_out_string(inlet ? c.inlet_name(k) : c.outlet_name(k), buffer, capacity, out_len);
}

/// entropyk_system_finalize
inline Result<void> system_finalize(EntropykSystem& self) {
    require_not_finalized(self, "finalize again");
    return self.data->system.finalize();
}

/// entropyk_system_set_input
inline Result<void> system_set_input(EntropykSystem& self, std::uint32_t component, EntropykInput which, double value) {
    require_enum(which, ENTROPYK_INPUT_HIGH_SIDE_PRESSURE, "which");
    require_finite(value, "value");
    return self.data->system.set_input(component, static_cast<Input>(which), value);
}

/// entropyk_system_set_discharge_temperature_limit
inline Result<void> system_set_discharge_temperature_limit(EntropykSystem& self, double kelvin) {
    require_finite(kelvin, "kelvin");
    if (!(kelvin > 0.0)) raise(Errc::invalid_argument, "'kelvin' = %g K: expected a temperature > 0 K", kelvin);
    self.data->discharge_temperature_limit = kelvin;
    return {};
}

/// entropyk_system_get_discharge_temperature_limit
inline Result<void> system_get_discharge_temperature_limit(const EntropykSystem& self, double* out) {
    require_not_null(out, "out");
    *out = self.data->discharge_temperature_limit;
    return {};
}

/// entropyk_system_get_component_count
inline Result<void> system_get_component_count(const EntropykSystem& self, std::uint32_t* out) {
    require_not_null(out, "out");
    *out = static_cast<std::uint32_t>(self.data->system.component_count());
    return {};
}

/// Copies what the diagrams need from the system into a new result (allocates: called where the
/// result is made, never in a solve).
inline void describe_system(const System& s, ResultData& data) {
    data.fluid = &s.refrigerant();
    data.tables = s.properties().backend() == Backend::tables;
    data.components.clear();
    for (std::uint32_t i = 0; i < s.component_count(); ++i)
        data.components.push_back(
            {std::string(s.component_name(i)), s.component(i).role(), s.component(i).internal_exchange()});
    data.loops.clear();
    for (int l = 0; l < s.loop_count(); ++l)
        data.loops.push_back({&s.loop_refrigerant(l), s.loop_properties(l).backend() == Backend::tables});
    if (data.loops.empty()) data.loops.push_back({data.fluid, data.tables});
}

/// entropyk_result_create: a result sized for the system, for the _into solves.
inline Result<void> result_create(const EntropykSystem& self, EntropykSolverResult** out) {
    require_not_null(out, "out");
    *out = nullptr;
    require_finalized(self);
    const System& s = self.data->system;
    auto data = std::make_unique<ResultData>();
    // Sized like the system's results; nothing of an earlier solve is kept (written = false).
    data->results = s.results();
    data->results.report[0] = '\0';
    data->results.warnings.clear();
    data->state.assign(s.state_vector().size(), not_available);
    data->system_id = self.data->id;
    describe_system(s, *data);
    *out = make_handle<EntropykSolverResult>(std::move(data));
    return {};
}

/// The settings and start mode of a C solver config (NULL = the documented defaults).
template <class Config>
[[nodiscard]] Config config_defaults() noexcept;
template <>
[[nodiscard]] inline EntropykNewtonConfig config_defaults<EntropykNewtonConfig>() noexcept {
    return EntropykNewtonConfig ENTROPYK_NEWTON_CONFIG_INIT;
}
template <>
[[nodiscard]] inline EntropykPicardConfig config_defaults<EntropykPicardConfig>() noexcept {
    return EntropykPicardConfig ENTROPYK_PICARD_CONFIG_INIT;
}
template <>
[[nodiscard]] inline EntropykFallbackConfig config_defaults<EntropykFallbackConfig>() noexcept {
    return EntropykFallbackConfig ENTROPYK_FALLBACK_CONFIG_INIT;
}

template <class Config>
std::pair<SolveSettings, StartMode> read_settings(const Config* config) {
    const Config c = read_versioned(config, config_defaults<Config>(), "config");
    SolveSettings s;
    s.max_iterations = c.max_iterations;
    s.tolerance = c.tolerance;
    s.time_budget_s = c.time_budget;
    if (c.max_iterations < 1)
        raise(Errc::invalid_argument, "config->max_iterations = %d: expected >= 1", c.max_iterations);
    if (!(c.tolerance > 0.0 && std::isfinite(c.tolerance)))
        raise(Errc::invalid_argument, "config->tolerance = %g: expected a positive number", c.tolerance);
    if (!(c.time_budget > 0.0 && std::isfinite(c.time_budget)))
        raise(Errc::invalid_argument, "config->time_budget = %g s: expected a positive number", c.time_budget);
    if (c.max_residual_evaluations < 0)
        raise(Errc::invalid_argument, "config->max_residual_evaluations = %d: expected >= 0 (0 for no limit)",
              c.max_residual_evaluations);
    s.max_residual_evaluations = c.max_residual_evaluations;
    // Optional start values of a cold start: 0 means automatic (a field an older caller's struct
    // does not have reads as its default, 0); anything else must be a usable number.
    auto guess = [](double v, const char* name, const char* unit) {
        if (v == 0.0) return std::numeric_limits<double>::quiet_NaN();
        if (!(std::isfinite(v) && v > 0.0))
            raise(Errc::invalid_argument, "config->%s = %g %s: expected a positive number (0 for automatic)", name, v,
                  unit);
        return v;
    };
    s.guess_evaporating_temperature = guess(c.guess_evaporating_temperature, "guess_evaporating_temperature", "K");
    s.guess_condensing_temperature = guess(c.guess_condensing_temperature, "guess_condensing_temperature", "K");
    s.guess_mass_flow = guess(c.guess_mass_flow, "guess_mass_flow", "kg/s");
    if (std::isfinite(s.guess_evaporating_temperature) && std::isfinite(s.guess_condensing_temperature) &&
        !(s.guess_evaporating_temperature < s.guess_condensing_temperature))
        raise(Errc::invalid_argument,
              "config->guess_evaporating_temperature = %g K is not below config->guess_condensing_temperature = %g K: "
              "are the two levels swapped?",
              c.guess_evaporating_temperature, c.guess_condensing_temperature);
    if constexpr (requires { c.relaxation; }) {
        if (!(c.relaxation > 0.0 && c.relaxation <= 1.0))
            raise(Errc::invalid_argument, "config->relaxation = %g: expected a value in (0, 1]", c.relaxation);
        s.picard_relaxation = c.relaxation;
    }
    return {s, c.cold_start != 0 ? StartMode::cold : StartMode::warm};
}

/// Runs one solve of `self` with its own settings and copies its outcome into `into`; no
/// allocation when `into` was sized for the system. The engine rewrites every figure on every
/// solve (the last iterate, or NaN, after a failure: docs/solver.md §11), so the copy describes
/// this solve only.
inline void solve_and_fill(EntropykSystem& self, SolverMethod method, SolveSettings settings, StartMode start,
                           ResultData& into) {
    System& s = self.data->system;
    settings.discharge_temperature_limit = self.data->discharge_temperature_limit;
    s.solve(method, settings, start);
    const CycleResults& r = s.results();
    into.results = r;
    const auto v = s.state_vector();
    into.state.assign(v.begin(), v.end());
    into.system_id = self.data->id;
    into.written = true;
}

/// entropyk_solve_newton / _picard / _fallback
template <SolverMethod Method, class Config>
Result<void> solve(EntropykSystem& self, const Config* config, EntropykSolverResult** out) {
    require_not_null(out, "out");
    *out = nullptr;
    const auto [settings, start] = read_settings(config);
    require_finalized(self);
    auto data = std::make_unique<ResultData>();
    describe_system(self.data->system, *data);
    solve_and_fill(self, Method, settings, start, *data);
    *out = make_handle<EntropykSolverResult>(std::move(data));
    return outcome(self.data->system.results());
}

/// A result the _into solves may fill: made by entropyk_result_create for this (finalized) system.
inline void require_result_of(const EntropykSystem& self, const EntropykSolverResult& r) {
    require_finalized(self);
    const System& s = self.data->system;
    if (r.data->system_id != self.data->id)
        raise(Errc::invalid_argument, "'reused' belongs to another system (make it with entropyk_result_create for "
                                      "this system)");
    if (r.data->results.connections.size() != s.connection_count() ||
        r.data->results.components.size() != s.component_count() || r.data->state.capacity() < s.state_vector().size())
        raise(Errc::internal_error, "the result is not sized for its system");
}

/// entropyk_solve_newton_into / _picard_into / _fallback_into: the HIL step, no allocation.
template <SolverMethod Method, class Config>
Result<void> solve_into(EntropykSystem& self, const Config* config, EntropykSolverResult* reused) {
    EntropykSolverResult& r = checked_handle(reused);
    const auto [settings, start] = read_settings(config);
    require_result_of(self, r);
    solve_and_fill(self, Method, settings, start, *r.data);
    return outcome(self.data->system.results());
}

} // namespace entropyk::capi
