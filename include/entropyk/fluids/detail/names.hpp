// Fluid names below the Fluid object: case-insensitive comparison and the lookup of a pure (or
// pseudo-pure) fluid's data by canonical name or alias. The mixture model names its components
// with it, so it needs nothing above the equation-of-state data (fluid.hpp, which wraps blends
// too, sits above the mixture model).
#pragma once

#include <string_view>

#include "entropyk/fluids/data/registry.hpp"

namespace entropyk::fluids::detail {

[[nodiscard]] constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

/// The data of the registry fluid named `name` (canonical name or alias, any case), else null.
[[nodiscard]] constexpr const helmholtz::FluidData* find_pure_data(std::string_view name) noexcept {
#define ENTROPYK_FLUID_MATCH(Tag, object, str)                                                                         \
    if (iequals(data::object.name, name)) return &data::object;                                                        \
    for (std::string_view a : data::object.aliases)                                                                    \
        if (iequals(a, name)) return &data::object;
    ENTROPYK_FLUIDS(ENTROPYK_FLUID_MATCH)
#undef ENTROPYK_FLUID_MATCH
    return nullptr;
}

} // namespace entropyk::fluids::detail
