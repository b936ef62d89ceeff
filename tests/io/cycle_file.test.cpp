// The library's cycle-file reader (include/entropyk/io/cycle_file.hpp) as a library: what a read
// file holds (title, fluid, backend, solver settings, components in file order, a finalized
// System), the component-kind table, and that a damaged file is always a message, never an
// exception or a crash: every prefix of an example file and thousands of single-byte mutations
// of it are read, and each gives either a cycle or a message naming the source.
#include "support/catch.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "entropyk/io/cycle_file.hpp"

using namespace entropyk;

namespace {

std::string example(const char* name) {
    std::ifstream in(std::string(ENTROPYK_SOURCE_DIR "/examples/cycles/") + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("a read cycle file carries the file's description and a finalized system", "[io]") {
    auto read = io::read_cycle_json(example("r410a_heat_pump.json"), "hp.json");
    REQUIRE(read.has_value());
    io::CycleFile& f = read.value();
    CHECK(f.source == "hp.json");
    CHECK(f.fluid->name() == "R410A");
    CHECK(f.method == SolverMethod::fallback);
    CHECK(f.settings.time_budget_s == 10.0); // the file format's default
    REQUIRE(f.components.size() == f.system.component_count());
    for (std::uint32_t i = 0; i < f.system.component_count(); ++i)
        CHECK(f.system.component_name(i) == f.components[i].name);
    CHECK(f.system.finalized());
    const auto& r = f.system.solve(f.method, f.settings, StartMode::cold);
    CHECK(r.converged());
    CHECK(r.cop_heating > 2.0);
    CHECK(r.cop_heating < 6.0);
}

TEST_CASE("the component-kind table: unique types, keys without name and type, lookup by exact type", "[io]") {
    for (std::size_t i = 0; i < io::component_kinds.size(); ++i) {
        for (std::size_t k = 0; k < i; ++k) CHECK(io::component_kinds[i].type != io::component_kinds[k].type);
        const auto keys = io::component_kinds[i].accepted_keys();
        CHECK(keys[0] == "name");
        CHECK(keys[1] == "type");
        for (std::size_t k = 2; k < keys.size(); ++k) {
            CHECK(!keys[k].empty());
            CHECK(keys[k] != "name");
            CHECK(keys[k] != "type");
        }
        CHECK(io::find_component_kind(io::component_kinds[i].type) == &io::component_kinds[i]);
    }
    CHECK(io::find_component_kind("Condenser") == nullptr);
    CHECK(io::component_kinds[0].accepted_keys().size() == 8); // isentropic_compressor: 5 keys + name, type, loop
}

/// Whether row `kind`'s ports are those of the runtime component `c` (port k by its name; a
/// compressor with one inlet and one outlet is connected as "suction" -> "discharge").
void check_ports(const io::ComponentKind& kind, const AnyComponent& c) {
    INFO(kind.type);
    REQUIRE(kind.ports.count(true) == c.n_inlets());
    REQUIRE(kind.ports.count(false) == c.n_outlets());
    const bool one_port_compressor = c.role() == Role::compressor && c.n_inlets() == 1 && c.n_outlets() == 1;
    for (int k = 0; k < c.n_inlets(); ++k)
        CHECK(kind.ports.name(true, k) == (one_port_compressor ? "suction" : c.inlet_name(k)));
    for (int k = 0; k < c.n_outlets(); ++k)
        CHECK(kind.ports.name(false, k) == (one_port_compressor ? "discharge" : c.outlet_name(k)));
}

TEST_CASE("the component-kind table names each kind's C constructor and the runtime component's ports", "[io][kinds]") {
    // Every row's C constructor is declared in the published header.
    std::ifstream in(ENTROPYK_SOURCE_DIR "/generated/include/entropyk.h", std::ios::binary);
    std::ostringstream header;
    header << in.rdbuf();
    REQUIRE(header.str().size() > 10000);
    for (const io::ComponentKind& kind : io::component_kinds) {
        INFO(kind.type);
        CHECK(kind.ports.c_constructor.starts_with("entropyk_"));
        CHECK(header.str().find(std::string(kind.ports.c_constructor) + "(") != std::string::npos);
    }
    // The ports: of every component the example cycle files build (each kind as its reader
    // builds it), and of the two kinds no example uses, built here.
    std::vector<std::string_view> seen;
    for (const char* file :
         {"r134a_textbook.json", "r134a_two_stage_flash_tank.json", "r290_chiller.json", "r32_design.json",
          "r32_vapour_injection_heat_pump.json", "r410a_heat_pump.json", "r454b_heat_pump.json", "r717_cold_store.json",
          "r717_two_stage_intercooler.json", "r744_booster_rack.json", "r744_r717_cascade.json",
          "r744_transcritical_heat_pump.json", "r744_water_cooled.json"}) {
        INFO(file);
        auto read = io::read_cycle_json(example(file), file);
        REQUIRE(read.has_value());
        const io::CycleFile& f = read.value();
        for (std::uint32_t i = 0; i < f.system.component_count(); ++i) {
            const io::ComponentKind* kind = io::find_component_kind(f.components[i].type);
            REQUIRE(kind != nullptr);
            seen.push_back(kind->type);
            if (kind->spans_two_loops()) {
                // Its condensing side (this index) takes hot_in -> hot_out, its evaporating side
                // (the next) cold_in -> cold_out: each one inlet and one outlet.
                CHECK(f.system.component(i).n_inlets() == 1);
                CHECK(f.system.component(i + 1).n_outlets() == 1);
                CHECK(kind->ports.name(true, 0) == "hot_in");
                CHECK(kind->ports.name(false, 1) == "cold_out");
                ++i;
                continue;
            }
            check_ports(*kind, f.system.component(i));
        }
    }
    check_ports(*io::find_component_kind("internal_heat_exchanger"), AnyComponent(InternalHeatExchanger{0.6}));
    seen.emplace_back("internal_heat_exchanger");
    check_ports(*io::find_component_kind("evaporator_pressure_regulator"),
                AnyComponent(EvaporatorPressureRegulator::at_pressure(Pressure{3e5})));
    seen.emplace_back("evaporator_pressure_regulator");
    for (const io::ComponentKind& kind : io::component_kinds) {
        INFO(kind.type);
        CHECK(std::find(seen.begin(), seen.end(), kind.type) != seen.end());
    }
    // The table's port helpers.
    static_assert(io::find_component_kind("flash_tank")->ports.count(false) == 2);
    static_assert(io::find_component_kind("flash_tank")->ports.name(false, 1) == "vapour_out");
    static_assert(io::find_component_kind("flash_tank")->ports.name(false, 2).empty());
}

TEST_CASE("the schema lists exactly the component kinds of the table, each with the keys its reader accepts",
          "[io][schema]") {
    std::ifstream in(ENTROPYK_SOURCE_DIR "/docs/cycle-format.schema.json");
    const auto schema = nlohmann::json::parse(in);
    const auto& one_of = schema.at("properties").at("components").at("items").at("oneOf");
    REQUIRE(one_of.size() == io::component_kinds.size());
    for (std::size_t i = 0; i < io::component_kinds.size(); ++i) {
        const io::ComponentKind& kind = io::component_kinds[i];
        const std::string type(kind.type);
        INFO(type);
        CHECK(one_of[i].at("$ref") == "#/$defs/" + type);
        // A kind is one object, or (expansion_valve: one per mode) a oneOf of objects: every
        // variant is closed and names the type; together they list the reader's keys.
        const auto& def = schema.at("$defs").at(type);
        std::vector<nlohmann::json> variants;
        if (def.contains("oneOf") && !def.contains("properties"))
            for (const auto& v : def.at("oneOf")) variants.push_back(v);
        else
            variants.push_back(def);
        std::vector<std::string> listed;
        for (const auto& v : variants) {
            CHECK(v.at("additionalProperties") == false);
            CHECK(v.at("properties").at("type").at("const") == type);
            for (const auto& [key, value] : v.at("properties").items()) {
                (void)value;
                if (std::find(listed.begin(), listed.end(), key) == listed.end()) listed.push_back(key);
            }
        }
        auto accepted = kind.accepted_keys();
        std::sort(listed.begin(), listed.end());
        std::sort(accepted.begin(), accepted.end());
        CHECK(listed == accepted);
    }
}

TEST_CASE("refusals are values with the complete message", "[io]") {
    auto bad = io::read_cycle_json("{\"refrigerant\": \"R134a\", \"components\": [1, 2]}", "t.json");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error() == "t.json: /components/0: expected a component (a JSON object), got 1");
    auto missing = io::read_cycle_file("no-such-dir/x.json");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error() == "no-such-dir/x.json: cannot open the file");
    // Longer than a ThermoError holds (320 characters): the message is not cut.
    auto unknown = io::read_cycle_json(
        "{\"refrigerant\": \"R134a\", \"components\": [{\"name\": \"c\", \"type\": \"compressor\"}, {}]}", "t.json");
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().rfind("t.json: /components/0/type: unknown component type \"compressor\"; expected one of "
                                "\"isentropic_compressor\", \"map_compressor\"",
                                0) == 0);
    CHECK(unknown.error().find("\"receiver\"") != std::string::npos);
}

TEST_CASE("a damaged file is a message, never an exception: every prefix and 3000 byte mutations", "[io]") {
    const std::string text = example("r134a_textbook.json");
    int accepted = 0, refused = 0;
    auto check = [&](const std::string& t) {
        auto r = io::read_cycle_json(t, "x.json");
        if (r) {
            ++accepted;
            CHECK(r.value().system.finalized());
        } else {
            ++refused;
            CHECK(r.error().rfind("x.json: ", 0) == 0);
        }
    };
    for (std::size_t n = 0; n < text.size(); n += 7) check(text.substr(0, n));
    std::mt19937 rng(20261130);
    const std::string alphabet = "{}[]\":,0123456789.-eE tnulfasr\\/x";
    for (int i = 0; i < 3000; ++i) {
        std::string t = text;
        t[rng() % t.size()] = alphabet[rng() % alphabet.size()];
        check(t);
    }
    CHECK(refused > 0);
    CHECK(accepted > 0); // mutations inside the description string keep the file valid
}

namespace {
std::string network_file() {
    std::ifstream in(std::string(ENTROPYK_SOURCE_DIR "/tests/data/r134a_two_stage_flash.json"), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
/// The network file with one string replaced.
std::string network_with(const std::string& from, const std::string& to) {
    std::string t = network_file();
    const auto at = t.find(from);
    REQUIRE(at != std::string::npos);
    return t.replace(at, from.size(), to);
}
} // namespace

TEST_CASE("a network file: ports by name, flash tank and mixer, case a's figures", "[io][network]") {
    auto f = io::read_cycle_json(network_file(), "two_stage.json");
    INFO((f ? std::string() : f.error()));
    REQUIRE(f.has_value());
    CHECK(f.value().components[5].type == "flash_tank");
    CHECK(f.value().components[5].role == Role::other);
    CHECK(f.value().system.connection_count() == 9);
    const auto& r = f.value().system.solve(f.value().method, f.value().settings, StartMode::cold);
    REQUIRE(r.converged());
    // Cengel & Boles Example 11-5 recomputed with CoolProp (tests/cycles/network.test.cpp).
    CHECK(r.cop_cooling == Approx(4.47533057817).epsilon(1e-6));
    CHECK(r.cooling_capacity == Approx(146281.569455).epsilon(1e-6));
    CHECK(std::fabs(r.energy_balance) <= 1e-9);
}

TEST_CASE("a network file's port errors name the connection and the ports", "[io][network]") {
    auto bad_port = io::read_cycle_json(network_with("flash_tank.vapour_out", "flash_tank.gas_out"), "t.json");
    REQUIRE_FALSE(bad_port.has_value());
    CHECK(bad_port.error() == "t.json: /connections/6/from: 'flash_tank.gas_out': component 'flash_tank' (component) "
                              "has no outlet named 'gas_out' (outlets: liquid_out, vapour_out)");
    auto bare = io::read_cycle_json(network_with("\"flash_tank.liquid_out\"", "\"flash_tank\""), "t.json");
    REQUIRE_FALSE(bare.has_value());
    CHECK(bare.error() == "t.json: /connections/5/from: 'flash_tank': component 'flash_tank' (component) has 2 "
                          "outlets: name the port (liquid_out, vapour_out)");
    auto unknown = io::read_cycle_json(network_with("\"mixer.inlet_b\"", "\"mixr.inlet_b\""), "t.json");
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().rfind("t.json: /connections/6/to: no component is named \"mixr\"; expected one of: ", 0) ==
          0);
    auto twice = io::read_cycle_json(network_with("\"mixer.inlet_b\"", "\"mixer.inlet_a\""), "t.json");
    REQUIRE_FALSE(twice.has_value());
    CHECK(twice.error() == "t.json: /connections/6: component 'mixer' (component): inlet 'inlet_a' is already "
                           "connected (from component 'lp_compressor' (compressor)); a port takes one connection");
    auto tank = io::read_cycle_json(network_with("\"pressure\": 3.2", "\"pressure\": -1"), "t.json");
    REQUIRE_FALSE(tank.has_value());
    CHECK(tank.error().rfind("t.json: /components/5/pressure: ", 0) == 0);
}
