// The library's diagram model (include/entropyk/diagrams/) on every example cycle the command
// ships (examples/cycles/*.json, tests/cli/cycles/*.json and the built-in demo), p-h and T-s: no
// two label boxes intersect, every state number appears exactly once, nothing covers a state
// point, and the SVG carries the labels the model placed. Then the placement's own rules.
#include "support/catch.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "cycle.hpp"
#include "entropyk/components.hpp"
#include "entropyk/cycles.hpp"
#include "entropyk/diagrams.hpp"
#include "report.hpp"
#include "svg_diagram.hpp"

using namespace entropyk;
using namespace entropyk::diagrams;

namespace {

std::vector<std::string> example_files() {
    std::vector<std::string> out;
    for (const char* dir : {ENTROPYK_SOURCE_DIR "/examples/cycles", ENTROPYK_SOURCE_DIR "/tests/cli/cycles"})
        for (const auto& e : std::filesystem::directory_iterator(dir))
            if (e.path().extension() == ".json") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string describe(const Label& l) {
    return "'" + l.text + "' at (" + std::to_string(l.x) + ", " + std::to_string(l.y) + ")";
}

/// Every property the placement promises, checked on one diagram.
void check_diagram(const Diagram& d, std::size_t n_states) {
    REQUIRE(d.states.size() == n_states);
    // No two label boxes intersect.
    for (std::size_t i = 0; i < d.labels.size(); ++i)
        for (std::size_t j = i + 1; j < d.labels.size(); ++j) {
            INFO(describe(d.labels[i]) << " and " << describe(d.labels[j]));
            CHECK_FALSE(d.labels[i].box.intersects(d.labels[j].box));
        }
    CHECK_FALSE(any_overlap(d.labels));
    // Every state number exactly once, in labels that read "n" or "n,m".
    std::vector<std::size_t> named;
    const Box canvas{0, 0, d.width, d.height};
    for (const Label& l : d.labels) {
        INFO(describe(l));
        CHECK(canvas.contains(l.box));
        if (l.kind != LabelKind::tick) CHECK(d.plot.contains(l.box));
        // Nothing covers a state point.
        for (const auto& s : d.states) CHECK_FALSE(l.box.contains(s.at));
        if (l.kind != LabelKind::state) continue;
        std::string text;
        for (std::size_t n : l.states) text += (text.empty() ? "" : ",") + std::to_string(d.first_number + n + 1);
        CHECK(l.text == text);
        named.insert(named.end(), l.states.begin(), l.states.end());
    }
    std::sort(named.begin(), named.end());
    std::vector<std::size_t> all(n_states);
    for (std::size_t k = 0; k < n_states; ++k) all[k] = k;
    CHECK(named == all);
    // Isolines are labelled (some may be dropped for lack of room, not all of them).
    const auto iso =
        std::count_if(d.labels.begin(), d.labels.end(), [](const Label& l) { return l.kind == LabelKind::isoline; });
    CHECK(iso >= 3);
    // The SVG holds each label the model placed, as text.
    const std::string svg = to_svg(d);
    for (const Label& l : d.labels) {
        INFO(describe(l));
        CHECK(svg.find(">" + l.text + "</text>") != std::string::npos);
    }
}

} // namespace

TEST_CASE("diagrams of every example cycle: no label overlaps, every state numbered", "[diagrams][cli]") {
    auto files = example_files();
    REQUIRE(files.size() >= 9);
    files.push_back("demo");
    for (const auto& file : files) {
        DYNAMIC_SECTION(file) {
            const cli::SolvedCycle c = file == "demo" ? cli::solve_demo_cycle() : cli::solve_cycle_file(file);
            REQUIRE(c.converged());
            // One diagram of each kind per loop (a file with several loops: each on its own).
            for (int loop = c.loop_count() == 1 ? -1 : 0; loop < static_cast<int>(c.loop_count()); ++loop)
                for (DiagramKind kind : {DiagramKind::ph, DiagramKind::ts}) {
                    INFO((kind == DiagramKind::ph ? "p-h" : "T-s") << ", loop " << loop);
                    const CycleView v = cli::diagram_view(c, loop);
                    const Result<Diagram> d = build_diagram(v, kind);
                    REQUIRE(d.has_value());
                    check_diagram(*d, v.order.size());
                }
        }
    }
}

// ---- networks: every connection listed and drawn; several loops, one diagram each ------------

namespace {

/// The state number (0-based, in c.order) of the connection leaving `from` at port `port`.
std::size_t number_leaving(const cli::SolvedCycle& c, const std::string& from, std::uint32_t port) {
    for (std::size_t k = 0; k < c.order.size(); ++k)
        if (c.components[c.state(k).from].name == from && c.state(k).from_port == port) return k;
    FAIL("no connection leaves " << from << " port " << port);
    return 0;
}

} // namespace

TEST_CASE("the flash-tank cycle (Cengel & Boles 11-5): every connection listed, the vapour line drawn",
          "[diagrams][cli][network]") {
    const cli::SolvedCycle c =
        cli::solve_cycle_file(ENTROPYK_SOURCE_DIR "/examples/cycles/r134a_two_stage_flash_tank.json");
    REQUIRE(c.converged());
    REQUIRE(c.loop_count() == 1);
    // Nine connections, nine states: the flash tank's vapour line is one of them.
    REQUIRE(c.results.connections.size() == 9);
    REQUIRE(c.order.size() == 9);
    const std::size_t vapour = number_leaving(c, "flash_tank", 1), liquid = number_leaving(c, "flash_tank", 0);
    CHECK(c.connection_label(vapour) == "flash_tank.vapour_out -> mixer.inlet_b");
    CHECK(c.connection_label(liquid) == "flash_tank.liquid_out -> lp_valve");
    CHECK(c.connection_label(0) == "evaporator -> lp_compressor"); // the suction of the first compressor
    // The vapour fraction of the flash chamber inlet (CoolProp figure of tests/cycles/network.test.cpp)
    // is the vapour line's flow with 1 kg/s through the condenser; the COP is the book's 4.47.
    CHECK(std::fabs(c.state(vapour).m - 0.20492249631) < 1e-6 * 0.2049);
    CHECK(std::fabs(c.results.cop_cooling - 4.47533057817) < 1e-6 * 4.475);
    // Mass balance at every node: what enters a component leaves it.
    std::vector<double> net(c.components.size(), 0.0);
    for (const auto& cr : c.results.connections) net[cr.to] += cr.m, net[cr.from] -= cr.m;
    for (std::size_t i = 0; i < net.size(); ++i) {
        INFO(c.components[i].name);
        CHECK(std::fabs(net[i]) < 1e-9);
    }
    // The table, JSON and CSV list all nine, with the ports.
    const std::string table = cli::format_table(c), json = cli::format_json(c), csv = cli::format_csv(c);
    CHECK(table.find("flash_tank.vapour_out -> mixer.inlet_b") != std::string::npos);
    CHECK(json.find("\"connection\": \"flash_tank.vapour_out -> mixer.inlet_b\"") != std::string::npos);
    CHECK(csv.find(",flash_tank,mixer,") != std::string::npos);
    CHECK(csv.find(",vapour_out,inlet_b,1\n") != std::string::npos);
    // The diagram: the flash tank's two outlets both start at its inlet state; the mixer draws a
    // straight line from each inlet into the mixed state.
    for (DiagramKind kind : {DiagramKind::ph, DiagramKind::ts}) {
        const Result<Diagram> d = build_diagram(cli::diagram_view(c), kind);
        REQUIRE(d.has_value());
        REQUIRE(d->states.size() == 9);
        int flash = 0, mixing = 0;
        const std::size_t flash_in = number_leaving(c, "hp_valve", 0), mixed = number_leaving(c, "mixer", 0);
        for (const ProcessPath& p : d->processes) {
            if (p.component == "flash_tank") {
                ++flash;
                CHECK(p.from == flash_in);
                CHECK((p.to == vapour || p.to == liquid));
                CHECK(p.what == "separation");
            }
            if (p.component == "mixer") {
                ++mixing;
                CHECK(p.to == mixed);
                CHECK(p.what == "mixing");
                CHECK(p.pts.size() == 2);
            }
        }
        CHECK(flash == 2);
        CHECK(mixing == 2);
        CHECK(d->processes.size() == 10); // 8 components, two of them with two paths
        const std::string svg = to_svg(*d);
        CHECK(svg.find("data-component=\"flash_tank\" data-from=\"" + std::to_string(flash_in + 1) + "\" data-to=\"" +
                       std::to_string(vapour + 1) + "\"") != std::string::npos);
    }
}

TEST_CASE("an R717/R744 cascade built in C++: per-loop tables and one diagram per refrigerant",
          "[diagrams][cli][network]") {
    // NH3 upper loop condensing at 13.5 bar and evaporating at -10 C in the cascade exchanger;
    // CO2 lower loop condensing 5 K above that and evaporating at 8.3 bar (about -45 C); 0.1 kg/s
    // of NH3 (the system of tests/cycles/multiloop.test.cpp).
    auto s = System::create("R717");
    REQUIRE(s.has_value());
    System& sys = *s;
    REQUIRE(sys.add("comp_a", IsentropicCompressor{1.0, MassFlow{0.1}}));
    REQUIRE(sys.add("cond_a", FixedSaturationCondenser{Pressure{13.5e5}, TemperatureDifference{0.0}}));
    REQUIRE(sys.add("valve_a", IsenthalpicValve{}));
    REQUIRE(sys.add_cascade("cascade_cond", "cascade_evap",
                            CascadeHeatExchanger::at_temperature(Temperature{263.15}, TemperatureDifference{5.0})));
    REQUIRE(sys.add("comp_b", IsentropicCompressor{1.0}));
    REQUIRE(sys.add("valve_b", IsenthalpicValve{}));
    REQUIRE(sys.add("evap_b", FixedSaturationEvaporator{Pressure{8.3e5}, TemperatureDifference{0.0}}));
    REQUIRE(sys.set_refrigerant("comp_b", "R744"));
    const std::pair<const char*, const char*> links[] = {{"comp_a.discharge", "cond_a"},
                                                         {"cond_a", "valve_a"},
                                                         {"valve_a", "cascade_evap"},
                                                         {"cascade_evap", "comp_a.suction"},
                                                         {"comp_b.discharge", "cascade_cond"},
                                                         {"cascade_cond", "valve_b"},
                                                         {"valve_b", "evap_b"},
                                                         {"evap_b", "comp_b.suction"}};
    for (const auto& [a, b] : links) REQUIRE(sys.connect(a, b));
    REQUIRE(sys.finalize());
    REQUIRE(sys.solve(SolverMethod::fallback, {}, StartMode::cold).converged());
    const cli::SolvedCycle c = cli::describe_solved_system(sys, "R717/R744 cascade", "C++ test");
    REQUIRE(c.loop_count() == 2);
    CHECK(c.loop_fluid(0).name() == "R717");
    CHECK(c.loop_fluid(1).name() == "R744");
    // Loop by loop in the table's order: states 1-4 on NH3 from comp_a's suction, 5-8 on CO2.
    REQUIRE(c.order.size() == 8);
    for (std::size_t k = 0; k < 8; ++k) CHECK(c.state(k).loop == (k < 4 ? 0u : 1u));
    CHECK(c.connection_label(0) == "cascade_evap -> comp_a");
    CHECK(c.connection_label(4) == "evap_b -> comp_b");
    // The loops add up to the system; the heat the CO2 loop rejects is what the NH3 loop takes up.
    const LoopFigures a = loop_figures(c.results, 0, c.components), b = loop_figures(c.results, 1, c.components);
    CHECK(a.cooling_capacity == 0.0);
    CHECK(b.heating_capacity == 0.0);
    CHECK(std::fabs(a.cooling_capacity + b.cooling_capacity - c.results.cooling_capacity) <= 1e-9 * b.cooling_capacity);
    CHECK(std::fabs(a.compressor_power + b.compressor_power - c.results.compressor_power) <=
          1e-9 * c.results.compressor_power);
    CHECK(std::fabs(a.heat_from_loops - b.heat_to_loops) <= 1e-6 * b.heat_to_loops);
    CHECK(std::fabs(b.cop_cooling - b.cooling_capacity / b.compressor_power) <= 1e-12 * b.cop_cooling);
    CHECK(a.mass_balance < 1e-12);
    CHECK(b.mass_balance < 1e-12);
    // Per-loop groups in the three formats.
    const std::string table = cli::format_table(c), json = cli::format_json(c), csv = cli::format_csv(c);
    CHECK(table.find("refrigerants R717 (loop 1), R744 (loop 2)") != std::string::npos);
    CHECK(table.find("     loop 1: R717\n") != std::string::npos);
    CHECK(table.find("     loop 2: R744\n") != std::string::npos);
    CHECK(table.find("loop 2 (R744):\n") != std::string::npos);
    CHECK(json.find("\"refrigerant\": \"R744\"") != std::string::npos);
    CHECK(json.find("\"heat_to_loops_W\"") != std::string::npos);
    CHECK(csv.find("\nloop2.cop_cooling,") != std::string::npos);
    // One diagram per refrigerant, named after it; each loop's states keep the table's numbers.
    CHECK(cli::diagram_paths(c, "out/ph.svg") == std::vector<std::string>{"out/ph-R717.svg", "out/ph-R744.svg"});
    CHECK(cli::diagram_paths(c, "ph") == std::vector<std::string>{"ph-R717", "ph-R744"});
    // What `--svg ph.svg --ts ts.svg` writes: four files, each the diagram of its loop's refrigerant.
    const auto files = cli::render_diagram_files(c, "ph.svg", "ts.svg");
    REQUIRE(files.size() == 4);
    const char* names[] = {"ph-R717.svg", "ph-R744.svg", "ts-R717.svg", "ts-R744.svg"};
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(files[i].first == names[i]);
        CHECK(files[i].second.find(std::string(i % 2 == 0 ? "of R717" : "of R744")) != std::string::npos);
        CHECK(files[i].second.find(i % 2 == 0 ? "loop 1 (R717)" : "loop 2 (R744)") != std::string::npos);
    }
    // A single loop writes exactly the paths given.
    const cli::SolvedCycle one = cli::solve_cycle_file(ENTROPYK_SOURCE_DIR "/examples/cycles/r134a_textbook.json");
    const auto single = cli::render_diagram_files(one, "a.svg", "");
    REQUIRE(single.size() == 1);
    CHECK(single[0].first == "a.svg");
    for (int loop : {0, 1}) {
        const CycleView v = cli::diagram_view(c, loop);
        CHECK(v.first_number == static_cast<std::size_t>(4 * loop));
        CHECK(v.fluid == &c.loop_fluid(static_cast<std::size_t>(loop)));
        const Result<Diagram> d = build_diagram(v, DiagramKind::ph);
        REQUIRE(d.has_value());
        check_diagram(*d, 4);
        CHECK(d->fluid == (loop == 0 ? "R717" : "R744"));
        CHECK(d->processes.size() == 4);
        CHECK(d->table.front()[0] == 4.0 * loop + 1.0);
    }
}

TEST_CASE("the receiver's outlet sits on the condenser's: one label names both states", "[diagrams][cli]") {
    const cli::SolvedCycle c = cli::solve_cycle_file(ENTROPYK_SOURCE_DIR "/tests/cli/cycles/r410a_receiver.json");
    REQUIRE(c.converged());
    for (DiagramKind kind : {DiagramKind::ph, DiagramKind::ts}) {
        const Result<Diagram> d = build_diagram(cli::diagram_view(c), kind);
        REQUIRE(d.has_value());
        const auto shared = std::find_if(d->labels.begin(), d->labels.end(), [](const Label& l) {
            return l.kind == LabelKind::state && l.states.size() == 2;
        });
        REQUIRE(shared != d->labels.end());
        CHECK(shared->text == "3,4"); // condenser outlet = receiver inlet, receiver outlet
    }
}

TEST_CASE("R717 isobar labels, formerly drawn on top of each other, are apart", "[diagrams][cli]") {
    const cli::SolvedCycle c = cli::solve_cycle_file(ENTROPYK_SOURCE_DIR "/examples/cycles/r717_cold_store.json");
    REQUIRE(c.converged());
    const Result<Diagram> d = build_diagram(cli::diagram_view(c), DiagramKind::ts);
    REQUIRE(d.has_value());
    std::vector<std::string> texts;
    for (const Label& l : d->labels)
        if (l.kind == LabelKind::isoline) texts.push_back(l.text);
    // The ones of the issue report ("20 bar0 bar5 bar") are each there, and apart.
    for (const char* t : {"20 bar", "5 bar"}) CHECK(std::find(texts.begin(), texts.end(), t) != texts.end());
    CHECK_FALSE(any_overlap(d->labels));
}

TEST_CASE("a diagram of an incomplete view is refused with a message", "[diagrams]") {
    CycleView v;
    const Result<Diagram> d = build_diagram(v, DiagramKind::ph);
    REQUIRE_FALSE(d.has_value());
    CHECK(d.error().code() == Errc::invalid_state);
    CHECK(std::string(d.error().c_str()) ==
          "a diagram needs a refrigerant and a cycle of at least two states in flow order");
}

TEST_CASE("label boxes: font size x characters, halo included", "[diagrams]") {
    CHECK(code_points("20 \u00b0C") == 5);
    CHECK(code_points("\u22125") == 2);
    // "20 bar" at 10.5 px: 6 x 0.64 x 10.5 = 40.32 px wide, plus 2 px of halo and margin each side.
    const Box b = text_box("20 bar", 100.0, 50.0, Anchor::end, 10.5, false, 3.0);
    CHECK_THAT(b.x1, Catch::Matchers::WithinAbs(102.0, 1e-12));
    CHECK_THAT(b.x0, Catch::Matchers::WithinAbs(100.0 - 40.32 - 2.0, 1e-12));
    CHECK_THAT(b.y0, Catch::Matchers::WithinAbs(50.0 - 0.78 * 10.5 - 2.0, 1e-12));
    CHECK_THAT(b.y1, Catch::Matchers::WithinAbs(50.0 + 0.24 * 10.5 + 2.0, 1e-12));
    const Box bold = text_box("4,5", 0.0, 0.0, Anchor::middle, 14.0, true, 0.0);
    CHECK_THAT(bold.width(), Catch::Matchers::WithinAbs(3 * 0.70 * 14.0 + 1.0, 1e-12));
    CHECK_THAT(bold.x0 + bold.x1, Catch::Matchers::WithinAbs(0.0, 1e-12)); // centred
}

TEST_CASE("segment_hits: a segment through, beside and inside a box", "[diagrams]") {
    const Box b{0, 0, 10, 10};
    CHECK(segment_hits(b, {-5, 5}, {15, 5}));
    CHECK(segment_hits(b, {2, 2}, {3, 3}));
    CHECK_FALSE(segment_hits(b, {-5, 12}, {15, 12}));
    CHECK_FALSE(segment_hits(b, {-5, -1}, {-1, 20}));
    CHECK(segment_hits(b, {-5, -5}, {15, 15}));
}

TEST_CASE("the placer takes the first free candidate and never overlaps", "[diagrams]") {
    LabelPlacer placer;
    placer.add_marker(Box{45, 45, 55, 55});
    const Box region{0, 0, 200, 200};
    auto at = [](double x, double y) {
        return make_label(LabelKind::isoline, "10 bar", x, y, Anchor::start, 10.5, false, 3.0);
    };
    // Covers the marker: refused, the second candidate is taken.
    CHECK(placer.place_first({at(40, 55), at(100, 20)}, region, false));
    REQUIRE(placer.labels().size() == 1);
    CHECK(placer.labels()[0].x == 100.0);
    // The same spot again, or one outside the region: nothing placed.
    CHECK_FALSE(placer.place_first({at(100, 20), at(190, 20)}, region, false));
    CHECK(placer.labels().size() == 1);
    // A path across the only candidate: refused when avoiding paths, taken otherwise.
    placer.add_path({{0, 95}, {200, 95}});
    CHECK_FALSE(placer.place_first({at(20, 100)}, region, true));
    CHECK(placer.place_first({at(20, 100)}, region, false));
}

TEST_CASE("forty labels for one point all find a free place (the state numbers' fallback)", "[diagrams]") {
    LabelPlacer placer;
    const Box region{84, 62, 742, 632};
    placer.add_marker(Box{395, 295, 405, 305});
    for (int i = 0; i < 40; ++i) {
        const Label l = make_label(LabelKind::state, std::to_string(i + 1), 400, 300, Anchor::middle, 14.0, true, 4.0);
        REQUIRE(placer.place_somewhere(l, {l}, Pixel{400, 300}, region));
    }
    CHECK(placer.labels().size() == 40);
    CHECK_FALSE(any_overlap(placer.labels()));
    for (const Label& l : placer.labels()) {
        CHECK(region.contains(l.box));
        CHECK_FALSE(l.box.intersects(Box{395, 295, 405, 305}));
    }
}
