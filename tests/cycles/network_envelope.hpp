// Random operating points of the issue-15 network plants (flash tank, mixer, splitter, internal
// heat exchanger, economizer, vapour-injection compressor, cascade exchanger, evaporator pressure
// regulator, gas cooler + high-pressure valve), built through the cycle-file reader (the door the
// command, the C API and Python share), and an admissibility check of every converged answer that
// is independent of the engine's own (cycles/detail/admissibility.hpp): it recomputes every
// balance and every entropy budget from the reported connection states.
//
// The ranges go beyond the realistic ones on purpose (intermediate pressures outside the two
// levels, effectivenesses near 0 and 1, efficiencies down to 0.2, loads over two decades), so
// that a fair share of the points has no steady state: those must come back as a clear error.
#pragma once

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "entropyk/cycles.hpp"
#include "entropyk/fluids.hpp"
#include "entropyk/fluids/phase_name.hpp"
#include "entropyk/io/cycle_file.hpp"

namespace network_envelope {

using namespace entropyk;

/// Seeded draws, identical on every platform (integer arithmetic of std::mt19937_64 only).
class Sampler {
  public:
    explicit Sampler(std::uint64_t seed) : rng_(seed) {}
    double uniform(double a, double b) {
        const double u = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
        return a + (b - a) * u;
    }
    double log_uniform(double a, double b) { return std::exp(uniform(std::log(a), std::log(b))); }
    int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }

  private:
    std::mt19937_64 rng_;
};

inline std::string format(const char* fmt, ...) {
    char buf[8192];
    std::va_list args;
    va_start(args, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    return buf;
}

/// Saturation pressure (bar) of `fluid` at `T_C` (°C); NaN outside the saturation range.
inline double p_sat_bar(const char* fluid, double T_C) {
    auto f = fluids::find_fluid(fluid);
    if (!f) return std::nan("");
    auto s = (*f)->saturation_t(Temperature{T_C + 273.15});
    return s ? s->p_dew.si() / 1e5 : std::nan("");
}

inline constexpr int plant_count = 6;
inline constexpr const char* plant_names[plant_count] = {"r134a flash tank",     "r744 booster",
                                                         "r32 vapour injection", "r717 intercooler",
                                                         "r744/r717 cascade",    "r134a epr + ihx"};

/// A cycle file of plant `k` at a random operating point.
inline std::string draw(int k, Sampler& s) {
    switch (k) {
    case 0: { // Cengel & Boles 11-5 on temperatures, the tank anywhere around the geometric mean.
        const double Tc = s.uniform(20.0, 65.0), Te = s.uniform(-45.0, 5.0);
        const double pm = std::sqrt(p_sat_bar("R134a", Tc) * p_sat_bar("R134a", Te)) * s.log_uniform(0.4, 2.5);
        return format(R"({"refrigerant": "R134a", "components": [
 {"name": "lp", "type": "isentropic_compressor", "isentropic_efficiency": %.17g},
 {"name": "mixer", "type": "mixer"},
 {"name": "hp", "type": "isentropic_compressor", "isentropic_efficiency": %.17g, "mass_flow": %.17g},
 {"name": "cond", "type": "fixed_saturation_condenser", "saturation_temperature": %.17g, "subcooling": %.17g},
 {"name": "hp valve", "type": "isenthalpic_valve"},
 {"name": "tank", "type": "flash_tank", "pressure": %.17g},
 {"name": "lp valve", "type": "isenthalpic_valve"},
 {"name": "evap", "type": "fixed_saturation_evaporator", "saturation_temperature": %.17g, "superheat": %.17g}],
 "connections": [{"from": "lp", "to": "mixer.inlet_a"}, {"from": "mixer", "to": "hp"}, {"from": "hp", "to": "cond"},
 {"from": "cond", "to": "hp valve"}, {"from": "hp valve", "to": "tank"}, {"from": "tank.liquid_out", "to": "lp valve"},
 {"from": "tank.vapour_out", "to": "mixer.inlet_b"}, {"from": "lp valve", "to": "evap"}, {"from": "evap", "to": "lp"}]})",
                      s.uniform(0.2, 1.0), s.uniform(0.2, 1.0), s.log_uniform(0.01, 5.0), Tc,
                      s.pick(3) == 0 ? 0.0 : s.uniform(0.0, 10.0), pm, Te, s.pick(3) == 0 ? 0.0 : s.uniform(0.0, 10.0));
    }
    case 1: { // The R744 booster rack.
        const double pm = s.uniform(15.0, 70.0);
        return format(R"({"refrigerant": "R744", "components": [
 {"name": "mt compressor", "type": "isentropic_compressor", "isentropic_efficiency": %.17g, "mass_flow": %.17g},
 {"name": "gas cooler", "type": "gas_cooler", "outlet_temperature": %.17g},
 {"name": "hp valve", "type": "high_pressure_valve", "mode": "fixed_pressure", "pressure": %.17g},
 {"name": "flash tank", "type": "flash_tank", "pressure": %.17g},
 {"name": "bypass valve", "type": "isenthalpic_valve"},
 {"name": "liquid split", "type": "splitter"},
 {"name": "mt valve", "type": "isenthalpic_valve"},
 {"name": "mt evaporator", "type": "fixed_saturation_evaporator", "saturation_temperature": %.17g, "superheat": %.17g},
 {"name": "lt valve", "type": "isenthalpic_valve"},
 {"name": "lt evaporator", "type": "fixed_saturation_evaporator", "saturation_temperature": %.17g, "superheat": %.17g},
 {"name": "lt compressor", "type": "isentropic_compressor", "isentropic_efficiency": %.17g, "mass_flow": %.17g},
 {"name": "booster mixer", "type": "mixer"}, {"name": "bypass mixer", "type": "mixer"}],
 "connections": [{"from": "mt compressor", "to": "gas cooler"}, {"from": "gas cooler", "to": "hp valve"},
 {"from": "hp valve", "to": "flash tank"}, {"from": "flash tank.liquid_out", "to": "liquid split"},
 {"from": "flash tank.vapour_out", "to": "bypass valve"}, {"from": "liquid split.outlet_a", "to": "mt valve"},
 {"from": "mt valve", "to": "mt evaporator"}, {"from": "liquid split.outlet_b", "to": "lt valve"},
 {"from": "lt valve", "to": "lt evaporator"}, {"from": "lt evaporator", "to": "lt compressor"},
 {"from": "mt evaporator", "to": "booster mixer.inlet_a"}, {"from": "lt compressor", "to": "booster mixer.inlet_b"},
 {"from": "booster mixer", "to": "bypass mixer.inlet_a"}, {"from": "bypass valve", "to": "bypass mixer.inlet_b"},
 {"from": "bypass mixer", "to": "mt compressor"}]})",
                      s.uniform(0.3, 0.95), s.log_uniform(0.03, 1.0), s.uniform(5.0, 45.0), s.uniform(60.0, 130.0), pm,
                      s.uniform(-20.0, 5.0), s.uniform(0.0, 10.0), s.uniform(-45.0, -20.0), s.uniform(0.0, 10.0),
                      s.uniform(0.3, 0.95), s.log_uniform(0.005, 0.3));
    }
    case 2: // The R32 vapour-injection heat pump.
        return format(R"({"refrigerant": "R32", "components": [
 {"name": "compressor", "type": "vapour_injection_compressor", "isentropic_efficiency": %.17g, "mass_flow": %.17g,
  "injection_pressure_factor": %.17g},
 {"name": "condenser", "type": "fixed_saturation_condenser", "saturation_temperature": %.17g, "subcooling": %.17g},
 {"name": "tee", "type": "splitter"},
 {"name": "economizer", "type": "economizer", "effectiveness": %.17g, "injection_superheat": %.17g},
 {"name": "main valve", "type": "isenthalpic_valve"},
 {"name": "evaporator", "type": "fixed_saturation_evaporator", "saturation_temperature": %.17g, "superheat": %.17g},
 {"name": "injection valve", "type": "isenthalpic_valve"}],
 "connections": [{"from": "compressor", "to": "condenser"}, {"from": "condenser", "to": "tee"},
 {"from": "tee.outlet_a", "to": "economizer.hot_in"}, {"from": "economizer.hot_out", "to": "main valve"},
 {"from": "main valve", "to": "evaporator"}, {"from": "evaporator", "to": "compressor.suction"},
 {"from": "tee.outlet_b", "to": "injection valve"}, {"from": "injection valve", "to": "economizer.cold_in"},
 {"from": "economizer.cold_out", "to": "compressor.injection"}]})",
                      s.uniform(0.3, 0.95), s.log_uniform(0.005, 0.5), s.log_uniform(0.5, 2.0), s.uniform(25.0, 60.0),
                      s.uniform(0.0, 12.0), s.uniform(0.02, 0.98), s.uniform(0.0, 15.0), s.uniform(-35.0, 10.0),
                      s.uniform(0.0, 10.0));
    case 3: { // The R717 two-stage plant with an open intercooler.
        const double Tc = s.uniform(20.0, 50.0), Te = s.uniform(-50.0, -10.0);
        const double pm = std::sqrt(p_sat_bar("R717", Tc) * p_sat_bar("R717", Te)) * s.log_uniform(0.4, 2.5);
        return format(R"({"refrigerant": "R717", "components": [
 {"name": "hp compressor", "type": "isentropic_compressor", "isentropic_efficiency": %.17g, "mass_flow": %.17g},
 {"name": "condenser", "type": "fixed_saturation_condenser", "saturation_temperature": %.17g, "subcooling": %.17g},
 {"name": "hp valve", "type": "isenthalpic_valve"},
 {"name": "intercooler inlet", "type": "mixer"},
 {"name": "intercooler", "type": "flash_tank", "pressure": %.17g},
 {"name": "lp valve", "type": "isenthalpic_valve"},
 {"name": "evaporator", "type": "fixed_saturation_evaporator", "saturation_temperature": %.17g, "superheat": %.17g},
 {"name": "lp compressor", "type": "isentropic_compressor", "isentropic_efficiency": %.17g}],
 "connections": [{"from": "hp compressor", "to": "condenser"}, {"from": "condenser", "to": "hp valve"},
 {"from": "hp valve", "to": "intercooler inlet.inlet_a"}, {"from": "lp compressor", "to": "intercooler inlet.inlet_b"},
 {"from": "intercooler inlet", "to": "intercooler"}, {"from": "intercooler.vapour_out", "to": "hp compressor"},
 {"from": "intercooler.liquid_out", "to": "lp valve"}, {"from": "lp valve", "to": "evaporator"},
 {"from": "evaporator", "to": "lp compressor"}]})",
                      s.uniform(0.3, 1.0), s.log_uniform(0.01, 2.0), Tc, s.pick(3) == 0 ? 0.0 : s.uniform(0.0, 10.0),
                      pm, Te, s.pick(3) == 0 ? 0.0 : s.uniform(0.0, 10.0), s.uniform(0.3, 1.0));
    }
    case 4: // The R744/R717 cascade.
        return format(R"({"loops": [{"name": "high", "refrigerant": "R717"}, {"name": "low", "refrigerant": "R744"}],
 "components": [
 {"name": "nh3 compressor", "type": "isentropic_compressor", "isentropic_efficiency": %.17g, "mass_flow": %.17g,
  "loop": "high"},
 {"name": "nh3 condenser", "type": "fixed_saturation_condenser", "saturation_temperature": %.17g, "subcooling": %.17g},
 {"name": "nh3 valve", "type": "isenthalpic_valve"},
 {"name": "cascade", "type": "cascade_heat_exchanger", "evaporating_temperature": %.17g, "approach": %.17g,
  "superheat": %.17g, "subcooling": %.17g},
 {"name": "co2 compressor", "type": "isentropic_compressor", "isentropic_efficiency": %.17g, "loop": "low"},
 {"name": "co2 valve", "type": "isenthalpic_valve"},
 {"name": "co2 evaporator", "type": "fixed_saturation_evaporator", "saturation_temperature": %.17g, "superheat": %.17g}],
 "connections": [{"from": "nh3 compressor", "to": "nh3 condenser"}, {"from": "nh3 condenser", "to": "nh3 valve"},
 {"from": "nh3 valve", "to": "cascade.cold_in"}, {"from": "cascade.cold_out", "to": "nh3 compressor"},
 {"from": "co2 compressor", "to": "cascade.hot_in"}, {"from": "cascade.hot_out", "to": "co2 valve"},
 {"from": "co2 valve", "to": "co2 evaporator"}, {"from": "co2 evaporator", "to": "co2 compressor"}]})",
                      s.uniform(0.3, 1.0), s.log_uniform(0.01, 2.0), s.uniform(15.0, 50.0), s.uniform(0.0, 8.0),
                      s.uniform(-30.0, 10.0), s.uniform(0.0, 12.0), s.uniform(0.0, 8.0), s.uniform(0.0, 8.0),
                      s.uniform(0.3, 1.0), s.uniform(-56.0, -20.0), s.uniform(0.0, 10.0));
    default: { // R134a: a freezer and a chiller on one compressor, the chiller behind an EPR, an IHX.
        return format(R"({"refrigerant": "R134a", "components": [
 {"name": "comp", "type": "isentropic_compressor", "isentropic_efficiency": %.17g, "mass_flow": %.17g},
 {"name": "cond", "type": "fixed_saturation_condenser", "saturation_temperature": %.17g, "subcooling": %.17g},
 {"name": "ihx", "type": "internal_heat_exchanger", "effectiveness": %.17g},
 {"name": "tee", "type": "splitter"},
 {"name": "valve cold", "type": "isenthalpic_valve"},
 {"name": "evap cold", "type": "fixed_saturation_evaporator", "saturation_temperature": %.17g, "superheat": %.17g},
 {"name": "valve warm", "type": "expansion_valve", "mode": "fixed_superheat", "superheat": %.17g},
 {"name": "evap warm", "type": "evaporator", "model": "epsilon_ntu", "ua": %.17g,
  "secondary": {"fluid": "air", "inlet_temperature": %.17g, "mass_flow": %.17g}},
 {"name": "epr", "type": "evaporator_pressure_regulator", "set_temperature": %.17g},
 {"name": "mix", "type": "mixer"}],
 "connections": [{"from": "comp", "to": "cond"}, {"from": "cond", "to": "ihx.hot_in"}, {"from": "ihx.hot_out", "to": "tee"},
 {"from": "tee.outlet_a", "to": "valve cold"}, {"from": "valve cold", "to": "evap cold"},
 {"from": "evap cold", "to": "mix.inlet_a"}, {"from": "tee.outlet_b", "to": "valve warm"},
 {"from": "valve warm", "to": "evap warm"}, {"from": "evap warm", "to": "epr"}, {"from": "epr", "to": "mix.inlet_b"},
 {"from": "mix", "to": "ihx.cold_in"}, {"from": "ihx.cold_out", "to": "comp"}]})",
                      s.uniform(0.3, 1.0), s.log_uniform(0.01, 1.0), s.uniform(25.0, 55.0), s.uniform(0.0, 8.0),
                      s.uniform(0.0, 0.95), s.uniform(-35.0, -10.0), s.uniform(0.0, 10.0), s.uniform(2.0, 10.0),
                      s.log_uniform(50.0, 2000.0), s.uniform(-5.0, 25.0), s.log_uniform(0.1, 3.0),
                      s.uniform(-30.0, 15.0));
    }
    }
}

/// What an answer is: OK and admissible, OK but inadmissible (a defect), or an error.
struct Verdict {
    bool ok = false;
    std::string problem; ///< for an OK answer: the first law it breaks (empty: admissible)
};

/// The components of `file` whose JSON type is `type`.
inline bool is_type(const io::CycleFile& f, std::uint32_t i, const char* type) {
    return i < f.components.size() && f.components[i].type == type;
}

/// Checks a converged answer of `f` independently of the engine's admissibility check. Empty:
/// admissible; else the first violation.
inline std::string inadmissible(const io::CycleFile& f, const CycleResults& R) {
    const std::size_t nc = R.components.size();
    std::vector<std::vector<const ConnectionResult*>> ins(nc), outs(nc);
    for (const auto& c : R.connections) {
        if (c.to >= nc || c.from >= nc) return "a connection names a component that does not exist";
        ins[c.to].push_back(&c);
        outs[c.from].push_back(&c);
    }
    auto sort_ports = [](auto& v, bool in) {
        std::sort(v.begin(), v.end(), [in](const ConnectionResult* a, const ConnectionResult* b) {
            return in ? a->to_port < b->to_port : a->from_port < b->from_port;
        });
    };
    double m_max = 0.0, flux = 0.0;
    for (const auto& c : R.connections) {
        const auto& s = c.state;
        if (!(std::isfinite(c.m) && c.m > 0.0)) return format("connection %u->%u: mass flow %g", c.from, c.to, c.m);
        if (!(std::isfinite(s.p.si()) && s.p.si() > 0.0 && std::isfinite(s.h.si()) && std::isfinite(s.T.si()) &&
              s.T.si() > 0.0 && std::isfinite(s.s.si()) && s.rho.si() > 0.0))
            return format("connection %u->%u: state not finite", c.from, c.to);
        if (s.phase == fluids::Phase::two_phase ? !(s.quality >= 0.0 && s.quality <= 1.0) : s.quality != -1.0)
            return format("connection %u->%u: quality %.17g with phase %d", c.from, c.to, s.quality,
                          static_cast<int>(s.phase));
        m_max = std::max(m_max, c.m);
        flux = std::max(flux, c.m * std::fabs(s.h.si()));
    }
    double Q_sum = 0.0, W_sum = 0.0;
    for (std::uint32_t i = 0; i < nc; ++i) {
        sort_ports(ins[i], true);
        sort_ports(outs[i], false);
        const auto& rep = R.components[i];
        const std::string who = i < f.components.size() ? f.components[i].name : std::to_string(i);
        double m_in = 0, m_out = 0, H_in = 0, H_out = 0, S_in = 0, S_out = 0, p_in_min = 1e300, p_in_max = 0.0;
        for (auto* c : ins[i]) {
            m_in += c->m, H_in += c->m * c->state.h.si(), S_in += c->m * c->state.s.si();
            p_in_min = std::min(p_in_min, c->state.p.si()), p_in_max = std::max(p_in_max, c->state.p.si());
        }
        for (auto* c : outs[i]) m_out += c->m, H_out += c->m * c->state.h.si(), S_out += c->m * c->state.s.si();
        const double Q = rep.heat_rate, W = rep.power;
        if (!(std::isfinite(Q) && std::isfinite(W) && std::isfinite(rep.entropy_generation)))
            return who + ": figures not finite";
        Q_sum += Q, W_sum += W;
        if (!(std::fabs(m_in - m_out) <= 1e-9 * m_max)) return format("%s: mass balance %g", who.c_str(), m_in - m_out);
        const double e_scale = std::max({flux, std::fabs(Q), std::fabs(W), 1.0});
        if (!(std::fabs(H_in - H_out + Q + W) <= 1e-9 * e_scale))
            return format("%s: energy balance %g W (relative %g)", who.c_str(), H_in - H_out + Q + W,
                          (H_in - H_out + Q + W) / e_scale);
        const double s_tol = 1e-8 * std::max(S_in, 1e3 * m_in);
        if (!(rep.entropy_generation >= -s_tol))
            return format("%s: reported entropy generation %g W/K", who.c_str(), rep.entropy_generation);
        if (Q == 0.0 && !(S_out - S_in >= -s_tol))
            return format("%s: adiabatic, but the entropy flux falls by %g W/K", who.c_str(), S_in - S_out);
        // Pressures along the topology.
        const double p_out = outs[i].empty() ? 0.0 : outs[i][0]->state.p.si();
        const double p_in = ins[i].empty() ? 0.0 : ins[i][0]->state.p.si();
        const bool compressor = is_type(f, i, "isentropic_compressor") || is_type(f, i, "vapour_injection_compressor");
        if (compressor) {
            if (!(p_out > p_in)) return who + ": the compressor does not raise the pressure";
            if (!(W > 0.0)) return who + ": the compressor takes no work";
            if (ins[i].size() == 2) {
                const double p_inj = ins[i][1]->state.p.si();
                if (!(p_inj > p_in && p_inj < p_out))
                    return format("%s: injection at %g bar outside suction %g .. discharge %g bar", who.c_str(),
                                  p_inj / 1e5, p_in / 1e5, p_out / 1e5);
            }
        } else if (ins[i].size() == 2 && outs[i].size() == 2) { // two streams: port k to port k
            for (int k = 0; k < 2; ++k)
                if (outs[i][k]->state.p.si() > ins[i][k]->state.p.si() * (1 + 1e-12))
                    return format("%s: stream %d gains pressure", who.c_str(), k);
        } else {
            for (auto* c : outs[i])
                if (c->state.p.si() > p_in_min * (1 + 1e-12))
                    return format("%s: an outlet at %.9g bar is above the inlet at %.9g bar", who.c_str(),
                                  c->state.p.si() / 1e5, p_in_min / 1e5);
        }
        (void)p_in_max;
        // Saturated outlets labelled as such.
        if (is_type(f, i, "flash_tank")) {
            const auto lname = fluids::phase_name(outs[i][0]->state), vname = fluids::phase_name(outs[i][1]->state);
            if (lname != "saturated liquid" || vname != "saturated vapour")
                return format("%s: outlets labelled '%.*s' (h-h' = %.3g J/kg) and '%.*s' (h-h'' = %.3g J/kg)",
                              who.c_str(), static_cast<int>(lname.size()), lname.data(), 0.0,
                              static_cast<int>(vname.size()), vname.data(), 0.0);
        }
    }
    if (!(std::fabs(R.energy_balance) <= 1e-9)) return format("energy balance %g", R.energy_balance);
    if (!(std::fabs(Q_sum + W_sum) <= 1e-9 * std::max(flux, 1.0)))
        return format("the heat and work do not add up: %g W", Q_sum + W_sum);
    if (!(std::fabs(R.mass_balance) <= 1e-9)) return format("mass balance %g", R.mass_balance);
    // Carnot: heat taken up at no more than the warmest evaporator temperature, rejected at no
    // less than the coldest condenser / gas-cooler temperature (cascade sides are internal).
    double T_L = 0.0, T_H = 1e300;
    for (std::uint32_t i = 0; i < nc && i < f.components.size(); ++i) {
        const auto& t = f.components[i].type;
        if (t == "cascade_heat_exchanger") continue;
        const Role r = f.components[i].role;
        for (auto* c : ins[i]) {
            if (r == Role::evaporator) T_L = std::max(T_L, c->state.T.si());
            if (r == Role::condenser) T_H = std::min(T_H, c->state.T.si());
        }
        for (auto* c : outs[i]) {
            if (r == Role::evaporator) T_L = std::max(T_L, c->state.T.si());
            if (r == Role::condenser) T_H = std::min(T_H, c->state.T.si());
        }
    }
    if (T_H > T_L && T_L > 0.0 && !(R.cop_cooling < T_L / (T_H - T_L)))
        return format("COP %g above Carnot %g (%g K .. %g K)", R.cop_cooling, T_L / (T_H - T_L), T_L, T_H);
    if (!(R.cop_cooling > 0.0)) return format("COP %g", R.cop_cooling);
    return {};
}

/// The first line of a report, numbers replaced by '#', for grouping.
inline std::string cause(const char* report) {
    std::string out;
    for (const char* p = report; *p && *p != '\n' && out.size() < 160; ++p) {
        if (std::isdigit(static_cast<unsigned char>(*p)) || *p == '.' || *p == '-' || *p == '+' || *p == 'e') {
            if (std::isdigit(static_cast<unsigned char>(*p)) && (out.empty() || out.back() != '#')) out += '#';
            if (!std::isdigit(static_cast<unsigned char>(*p)) && !(out.size() && out.back() == '#')) out += *p;
            continue;
        }
        out += *p;
    }
    return out;
}

} // namespace network_envelope
