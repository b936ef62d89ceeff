// The saturation dome of a refrigerant between a low temperature and the critical point: the
// bubble line (saturated liquid) and the dew line (saturated vapour), from the equation of state.
#pragma once

#include <vector>

#include "entropyk/core/error.hpp"
#include "entropyk/core/result.hpp"
#include "entropyk/diagrams/geometry.hpp"
#include "entropyk/fluids/fluid.hpp"

namespace entropyk::diagrams {

struct Dome {
    std::vector<PathPoint> bubble, dew; ///< from T_lo up to the critical point (both end there)
    PathPoint critical{};
};

/// Samples the dome at 120 temperatures graded towards the critical point, where it turns. The
/// critical state comes from the EOS at (T_c, rho_c); if that fails, the mean of the last points.
[[nodiscard]] inline Result<Dome> sample_dome(const fluids::Fluid& f, double T_lo) {
    Dome d;
    const double Tc = f.T_critical().si();
    constexpr int n = 120;
    for (int i = 0; i < n; ++i) {
        const double u = static_cast<double>(i) / n;
        const double T = Tc - (Tc - T_lo) * (1.0 - u) * (1.0 - u);
        auto sat = f.saturation_t(Temperature{T});
        if (!sat) continue;
        d.bubble.push_back({sat->p_bubble.si(), sat->h_liquid.si(), sat->T_bubble.si(), sat->s_liquid.si()});
        d.dew.push_back({sat->p_dew.si(), sat->h_vapor.si(), sat->T_dew.si(), sat->s_vapor.si()});
    }
    if (d.bubble.empty())
        return ThermoError::format(Errc::fluid_error, "the saturation dome of %.*s failed",
                                   static_cast<int>(f.name().size()), f.name().data());
    if (auto crit = f.state_trho(f.T_critical(), f.rho_critical())) {
        d.critical = path_point(*crit);
    } else {
        const auto& b = d.bubble.back();
        const auto& v = d.dew.back();
        d.critical = {0.5 * (b.p + v.p), 0.5 * (b.h + v.h), 0.5 * (b.T + v.T), 0.5 * (b.s + v.s)};
    }
    d.bubble.push_back(d.critical);
    d.dew.push_back(d.critical);
    return d;
}

} // namespace entropyk::diagrams
