// The state a given temperature difference off the saturation line at a pressure: the outlet of
// an exchanger that leaves its stream superheated above the dew point or subcooled below the
// bubble point.
#pragma once

#include "entropyk/components/component.hpp"

namespace entropyk::detail {

/// Enthalpy at `p`, `superheat` K above the dew point (the saturated vapour for 0). For a blend
/// the dew point is the reference, as superheat is defined in practice (ASHRAE Handbook --
/// Refrigeration, zeotropic blends), not the mid-point of the glide. False (with `err` set) when a
/// property call refuses.
inline bool enthalpy_above_dew(const PropertyService& props, double p, double superheat, double& h, ThermoError& err) {
    if (superheat == 0.0) {
        auto st = props.pq(p, 1.0);
        if (!take(st, err)) return false;
        h = st->h.si();
        return true;
    }
    auto sat = props.sat_p(p);
    if (!take(sat, err)) return false;
    auto st = props.tp(sat->T_dew.si() + superheat, p);
    if (!take(st, err)) return false;
    h = st->h.si();
    return true;
}

/// Enthalpy at `p`, `subcooling` K below the bubble point (the saturated liquid for 0).
inline bool enthalpy_below_bubble(const PropertyService& props, double p, double subcooling, double& h,
                                  ThermoError& err) {
    if (subcooling == 0.0) {
        auto st = props.pq(p, 0.0);
        if (!take(st, err)) return false;
        h = st->h.si();
        return true;
    }
    auto sat = props.sat_p(p);
    if (!take(sat, err)) return false;
    auto st = props.tp(sat->T_bubble.si() - subcooling, p);
    if (!take(st, err)) return false;
    h = st->h.si();
    return true;
}

} // namespace entropyk::detail
