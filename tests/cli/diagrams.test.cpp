// The library's diagram model (include/entropyk/diagrams/) on every example cycle the command
// ships (examples/cycles/*.json, tests/cli/cycles/*.json and the built-in demo), p-h and T-s: no
// two label boxes intersect, every state number appears exactly once, nothing covers a state
// point, and the SVG carries the labels the model placed. Then the placement's own rules.
#include "support/catch.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "cycle.hpp"
#include "entropyk/diagrams.hpp"
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
        for (std::size_t n : l.states) text += (text.empty() ? "" : ",") + std::to_string(n + 1);
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
            for (DiagramKind kind : {DiagramKind::ph, DiagramKind::ts}) {
                INFO((kind == DiagramKind::ph ? "p-h" : "T-s"));
                const Result<Diagram> d = build_diagram(cli::diagram_view(c), kind);
                REQUIRE(d.has_value());
                check_diagram(*d, c.order.size());
            }
        }
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
