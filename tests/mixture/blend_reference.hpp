// Helpers for the blend reference tables (tests/data/blends/<blend>_<kind>.csv, CoolProp 8.0.0
// multi-fluid model): reading them, and the model set up with CoolProp's ideal-gas convention.
#pragma once

#include <string>
#include <vector>

#include <memory>

#include "entropyk/fluids/mixture/blend.hpp"
#include "fluids/reference.hpp"

namespace entropyk::fluids::testing {

inline const std::vector<std::string> blend_names = {"R454B", "R452B", "R407C", "R404A",
                                                     "R448A", "R449A", "R513A", "R410A"};

inline Table read_blend_table(const std::string& blend, const std::string& kind) {
    Table t;
    std::ifstream in(std::string(ENTROPYK_TEST_DATA_DIR) + "/blends/" + blend + "_" + kind + ".csv");
    std::string line;
    if (!std::getline(in, line)) return t;
    t.header = split(line);
    while (std::getline(in, line))
        if (!line.empty()) t.rows.push_back(split(line));
    return t;
}

/// ";"-joined composition vector of the tables.
inline mixture::Vec parse_vector(const std::string& cell) {
    mixture::Vec v{};
    std::stringstream ss(cell);
    std::string item;
    std::size_t i = 0;
    while (std::getline(ss, item, ';') && i < v.size()) v[i++] = std::stod(item);
    return v;
}

struct BlendModel {
    mixture::Model model;
    mixture::Vec z{};
};

/// The predefined blend, with each component's ideal-gas part evaluated at its CRITICAL T and
/// rho as CoolProp does (the library uses each EOS's reducing point; they differ for R134a and
/// R1234ze(E)). Test code only: this reproduces the reference tables, it is not our model.
inline BlendModel coolprop_blend(const std::string& name) {
    const mixture::PredefinedBlend* b = mixture::find_blend(name);
    BlendModel out;
    out.model = *mixture::make_model(b->components);
    for (std::size_t i = 0; i < b->mole_fractions.size(); ++i) {
        out.z[i] = b->mole_fractions[i];
        const helmholtz::FluidData& d = *out.model.fluid[i];
        out.model.ideal_T[i] = d.T_critical;
        out.model.ideal_rho[i] = d.rho_critical / d.molar_mass;
    }
    return out;
}

} // namespace entropyk::fluids::testing

namespace entropyk::fluids::testing {
/// The CoolProp-convention blend with its envelope traced (cached: tracing takes ~0.1 s).
inline const mixture::Blend& coolprop_traced_blend(const std::string& name) {
    static std::map<std::string, std::unique_ptr<mixture::Blend>> cache;
    auto& slot = cache[name];
    if (!slot) {
        const BlendModel bm = coolprop_blend(name);
        slot = std::make_unique<mixture::Blend>();
        slot->model = bm.model;
        slot->z = bm.z;
        mixture::Workspace ws;
        if (!mixture::finish_blend(*slot, ws)) slot->envelope.count = 0;
    }
    return *slot;
}
} // namespace entropyk::fluids::testing
