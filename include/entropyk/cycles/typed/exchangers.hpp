// IWYU pragma: private, include <entropyk/cycles/typed.hpp>
// Typed forms of the components whose shape the runtime chooses with an enum or a setter, so
// that the typed cycle knows their unknowns, their charge condition and their ports at compile
// time:
//   condenser(MovingBoundary{2.4_kW_per_K}).secondary(Air{35.0_degC, 1.4_kg_per_s}).subcooling(7.0_dK)
//   evaporator(EpsilonNtu{1.3_kW_per_K}).secondary(Water{12.0_degC, 0.3_kg_per_s})
//   expansion_valve(FixedSuperheat{5.0_dK})
// A heat exchanger's secondary port is a typed port: it takes an Air, Water or Brine stream, and
// an exchanger whose secondary port is still unconnected cannot be added to a cycle.
#pragma once

#include <type_traits>

#include "entropyk/components.hpp"
#include "entropyk/cycles/typed/flow.hpp"
#include "entropyk/cycles/typed/stage.hpp"

namespace entropyk {

// ---- secondary streams --------------------------------------------------------------------

/// Air entering a coil (dry air, ideal gas; see components/secondary_fluid.hpp).
struct Air {
    Temperature inlet;
    MassFlow flow;
    [[nodiscard]] SecondaryFluid fluid() const { return SecondaryFluid::air(inlet, flow); }
};
/// Liquid water entering an exchanger, at its loop pressure.
struct Water {
    Temperature inlet;
    MassFlow flow;
    Pressure loop_pressure = Pressure{3e5};
    [[nodiscard]] SecondaryFluid fluid() const { return SecondaryFluid::water(inlet, flow, loop_pressure); }
};
/// A brine of constant heat capacity and density (from the supplier's data sheet).
struct Brine {
    Temperature inlet;
    MassFlow flow;
    SpecificHeat cp;
    Density rho;
    [[nodiscard]] SecondaryFluid fluid() const { return SecondaryFluid::brine(inlet, flow, cp, rho); }
};

namespace typed {
/// What can be connected to a heat exchanger's secondary port (and to nothing else).
template <class T>
inline constexpr bool is_secondary_stream =
    std::is_same_v<T, Air> || std::is_same_v<T, Water> || std::is_same_v<T, Brine> || std::is_same_v<T, SecondaryFluid>;

template <class T>
[[nodiscard]] SecondaryFluid secondary_fluid_of(const T& stream) {
    if constexpr (std::is_same_v<T, SecondaryFluid>)
        return stream;
    else
        return stream.fluid();
}

/// A heat exchanger's secondary port takes a stream, never a refrigerant component.
template <class T>
inline constexpr bool a_secondary_port_takes_an_air_water_or_brine_stream = is_secondary_stream<T>;
/// A heat exchanger's secondary port takes one stream.
template <class Port>
inline constexpr bool a_secondary_port_takes_one_stream = std::is_same_v<Port, port::unconnected>;
/// Only condensers have an outlet subcooling.
template <bool Condensing>
inline constexpr bool subcooling_is_set_at_a_condenser = Condensing;
} // namespace typed

// ---- heat exchangers with a secondary fluid -------------------------------------------------

/// Moving-boundary exchanger of total conductance UA (zones resolved; zone fractions are
/// control unknowns: 3 in a condenser, 2 in an evaporator).
struct MovingBoundary {
    ThermalConductance UA;
    static constexpr HxModel model = HxModel::moving_boundary;
};
/// Lumped epsilon-NTU exchanger of conductance UA (no control unknowns).
struct EpsilonNtu {
    ThermalConductance UA;
    static constexpr HxModel model = HxModel::epsilon_ntu;
};

namespace typed {
template <class M>
concept ExchangerModel = std::is_same_v<M, MovingBoundary> || std::is_same_v<M, EpsilonNtu>;

template <bool Condensing, class Model, bool Subcooled>
using exchanger_spec =
    Spec<std::conditional_t<Condensing, flow::high_pressure_vapor, flow::low_pressure_two_phase>,
         std::conditional_t<Condensing, flow::high_pressure_liquid, flow::low_pressure_vapor>,
         Condensing ? Role::condenser : Role::evaporator, Subcooled ? 1 : 0,
         std::is_same_v<Model, MovingBoundary> ? (Condensing ? 3 : 2) : 0,
         3 + (std::is_same_v<Model, MovingBoundary> ? (Condensing ? 3 : 2) : 0) + (Subcooled ? 1 : 0)>;

/// A condenser or an evaporator with a secondary fluid, before it joins a cycle. `Port` is the
/// type-state of its secondary port; `Subcooled` says whether the outlet subcooling is set (the
/// loop's charge condition).
template <bool Condensing, ExchangerModel Model, class Port, bool Subcooled>
class Exchanger {
  public:
    using secondary_port = Port;
    using engine_type = std::conditional_t<Condensing, Condenser, Evaporator>;
    using spec = exchanger_spec<Condensing, Model, Subcooled>;

    explicit Exchanger(Model model) : model_(model) {}

    /// Connects the secondary port to an Air, Water or Brine stream.
    template <class S>
    [[nodiscard]] auto secondary(const S& stream) const {
        if constexpr (!is_secondary_stream<S>) {
            static_assert(a_secondary_port_takes_an_air_water_or_brine_stream<S>,
                          "rule 5 (secondary fluids and refrigerant do not mix): a heat exchanger's secondary port "
                          "takes an Air, Water or Brine stream, not a refrigerant component: write "
                          ".secondary(Air{T_in, m}) and pipe refrigerant components into the cycle with |");
            return *this;
        } else if constexpr (!a_secondary_port_takes_one_stream<Port>) {
            static_assert(a_secondary_port_takes_one_stream<Port>,
                          "port rule (a port takes one connection): this heat exchanger's secondary port is "
                          "already connected; call .secondary(...) once");
            return *this;
        } else {
            Exchanger<Condensing, Model, port::connected, Subcooled> out(model_);
            out.copy_settings(*this);
            out.secondary_ = secondary_fluid_of(stream);
            return out;
        }
    }

    /// Sets the outlet subcooling of a condenser: the loop's charge condition.
    [[nodiscard]] auto subcooling(TemperatureDifference dT) const {
        if constexpr (!Condensing) {
            static_assert(subcooling_is_set_at_a_condenser<Condensing>,
                          "charge rule: an evaporator has no outlet subcooling; set it on the condenser: "
                          "condenser(...).subcooling(dT)");
            return *this;
        } else {
            Exchanger<Condensing, Model, Port, true> out(model_);
            out.copy_settings(*this);
            out.subcooling_ = dT.si();
            return out;
        }
    }

    [[nodiscard]] Exchanger arrangement(FlowArrangement a) const {
        Exchanger out = *this;
        out.arrangement_ = a;
        return out;
    }
    [[nodiscard]] Exchanger pressure_drop(PressureDrop dp) const {
        Exchanger out = *this;
        out.dp_ = dp;
        return out;
    }

    /// The component the cycle runs (the runtime model); only once every port is connected.
    [[nodiscard]] Stage<engine_type, spec> stage() const requires std::is_same_v<Port, port::connected> {
        engine_type e(Model::model, model_.UA, secondary_, arrangement_, dp_);
        if constexpr (Subcooled) e.set_subcooling(subcooling_);
        return {e};
    }

  private:
    template <bool, ExchangerModel, class, bool>
    friend class Exchanger;

    template <class Other>
    void copy_settings(const Other& o) {
        arrangement_ = o.arrangement_;
        dp_ = o.dp_;
        secondary_ = o.secondary_;
        subcooling_ = o.subcooling_;
    }

    Model model_;
    FlowArrangement arrangement_ = FlowArrangement::cross_flow;
    PressureDrop dp_{};
    SecondaryFluid secondary_ = SecondaryFluid::air(Temperature{0.0}, MassFlow{0.0}); ///< set when connected
    double subcooling_ = 0.0;
};

template <class T>
inline constexpr bool is_exchanger = false;
template <bool C, class M, class P, bool S>
inline constexpr bool is_exchanger<Exchanger<C, M, P, S>> = true;
template <class T>
inline constexpr bool has_an_unconnected_port = false;
template <bool C, class M, bool S>
inline constexpr bool has_an_unconnected_port<Exchanger<C, M, port::unconnected, S>> = true;
} // namespace typed

/// A condenser cooled by a secondary fluid; connect its secondary port with .secondary(...).
template <typed::ExchangerModel Model>
[[nodiscard]] typed::Exchanger<true, Model, port::unconnected, false> condenser(Model model) {
    return typed::Exchanger<true, Model, port::unconnected, false>(model);
}
/// An evaporator heated by a secondary fluid; connect its secondary port with .secondary(...).
template <typed::ExchangerModel Model>
[[nodiscard]] typed::Exchanger<false, Model, port::unconnected, false> evaporator(Model model) {
    return typed::Exchanger<false, Model, port::unconnected, false>(model);
}

// ---- expansion valves -----------------------------------------------------------------------

/// An ideal TXV/EXV holding the evaporator-outlet superheat.
struct FixedSuperheat {
    TemperatureDifference superheat;
};
/// A fixed opening: m = C a sqrt(rho_in (p_in - p_out)); C in m^2, opening a in (0, 1].
struct Orifice {
    double flow_coefficient;
    double opening;
};
/// An opening driven to the superheat set-point within [min_opening, max_opening] (one control
/// unknown).
struct SuperheatControl {
    double flow_coefficient;
    TemperatureDifference superheat;
    double min_opening = 0.05;
    double max_opening = 1.0;
};

namespace typed {
template <int Controls>
using valve_spec =
    Spec<flow::high_pressure_liquid, flow::low_pressure_two_phase, Role::expansion_valve, 0, Controls, 3 + Controls>;
}

[[nodiscard]] inline typed::Stage<ExpansionValve, typed::valve_spec<0>> expansion_valve(FixedSuperheat m) {
    return {ExpansionValve::fixed_superheat(m.superheat)};
}
[[nodiscard]] inline typed::Stage<ExpansionValve, typed::valve_spec<0>> expansion_valve(Orifice m) {
    return {ExpansionValve::orifice(m.flow_coefficient, m.opening)};
}
[[nodiscard]] inline typed::Stage<ExpansionValve, typed::valve_spec<1>> expansion_valve(SuperheatControl m) {
    return {ExpansionValve::superheat_control(m.flow_coefficient, m.superheat, m.min_opening, m.max_opening)};
}

} // namespace entropyk
