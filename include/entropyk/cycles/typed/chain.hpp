// IWYU pragma: private, include <entropyk/cycles/typed.hpp>
// The typed cycle builder:
//
//   auto c = cycle<fluids::R134a>() | IsentropicCompressor{0.8, 0.05_kg_per_s}
//          | FixedSaturationCondenser{45.0_degC, 3.0_dK} | IsenthalpicValve{}
//          | FixedSaturationEvaporator{5.0_degC, 5.0_dK} | close_loop;
//   const CycleResults& r = c.solve();
//
// `cycle<Fluid>()` starts an open chain; each `| component` connects the chain's last outlet to
// the component's inlet; `| close_loop` connects the last outlet to the first inlet and gives a
// TypedCycle, the only thing that can be solved. Every mistake the types can see stops the
// compilation with a static_assert whose message names the rule and says what to put where (the
// condition is a named predicate, which both g++ and clang print with its arguments):
//   rule 1  a compressor fed by an expansion valve (two-phase into a compressor);
//   rule 2  close_loop where the last outlet does not match the first inlet;
//   rule 3  a loop with no condition that fixes its charge (or with two);
//   rule 4  two refrigerants in one loop;
//   rule 5  a secondary-fluid (Air/Water/Brine) stream connected to a refrigerant port;
//   rule 6  solve() on a chain that was never closed;
// plus the port rule (a heat exchanger whose secondary port is unconnected cannot join a cycle)
// and the connection rules (each inlet takes what the previous outlet delivers).
//
// This header does not include the solvers: the rules cost a few seconds of compilation, not
// ten. Include cycles/typed.hpp, which adds TypedCycle, to close and solve a loop.
#pragma once

#include <tuple>
#include <type_traits>
#include <utility>

#include "entropyk/cycles/results.hpp"
#include "entropyk/cycles/typed/exchangers.hpp"
#include "entropyk/cycles/typed/flow.hpp"
#include "entropyk/cycles/typed/stage.hpp"

namespace entropyk {

template <class Fluid, class... Stages>
class CycleChain;
template <class Fluid, class... Stages>
class TypedCycle; // cycles/typed/cycle.hpp (the solver side; cycles/typed.hpp includes both)

/// Ends a chain: `cycle<F>() | ... | close_loop`.
struct CloseLoop {};
inline constexpr CloseLoop close_loop{};

namespace typed {

// ---- the rules, as named predicates (the compilers print these with their arguments) --------
template <class Outlet, class Inlet>
inline constexpr bool the_inlet_takes_what_the_previous_outlet_delivers = std::is_same_v<Outlet, Inlet>;
template <class LastOutlet, class FirstInlet>
inline constexpr bool the_last_outlet_matches_the_first_inlet = std::is_same_v<LastOutlet, FirstInlet>;
template <int ChargeConditions>
inline constexpr bool the_loop_charge_is_fixed_exactly_once = ChargeConditions == 1;
template <class Fluid, class OtherFluid>
inline constexpr bool one_refrigerant_per_loop = std::is_same_v<Fluid, OtherFluid>;
template <class T>
inline constexpr bool secondary_streams_stay_out_of_the_refrigerant_loop = !is_secondary_stream<T>;
template <class Fluid, std::size_t Components>
inline constexpr bool only_a_closed_cycle_can_be_solved = false;
template <class SecondaryPort>
inline constexpr bool every_port_is_connected = std::is_same_v<SecondaryPort, port::connected>;
template <class T>
inline constexpr bool the_typed_form_is_used_in_a_typed_cycle = !is_runtime_configured<T>;
template <class T>
inline constexpr bool only_refrigerant_components_join_a_loop = false;
template <class... Stages>
inline constexpr bool a_loop_has_a_compressor = has_compressor<Stages...>;
template <class Fluid>
inline constexpr bool close_loop_needs_components = false;
template <class Fluid>
inline constexpr bool the_fluid_is_a_refrigerant_tag = requires {
    { Fluid::get() } -> std::same_as<const fluids::Fluid&>;
    Fluid::name;
};

/// What a refused step returns: it absorbs the rest of the expression (further components,
/// close_loop, solve()), so that the compiler reports the one mistake and not its consequences.
template <class Fluid>
struct Refused {
    template <class... Args>
    const CycleResults& solve(Args&&...) const {
        static const CycleResults none{};
        return none;
    }
};
template <class Fluid, class X>
Refused<Fluid> operator|(Refused<Fluid> r, const X&) {
    return r;
}

template <class T>
inline constexpr bool is_chain = false;
template <class F, class... S>
inline constexpr bool is_chain<CycleChain<F, S...>> = true;

/// A value that becomes a stage: a Stage, a described model, or a connected exchanger.
template <class T>
concept StageLike = is_stage<T> || DescribedModel<T> ||(is_exchanger<T>&& requires(const T& t) { t.stage(); });

template <StageLike T>
[[nodiscard]] auto to_stage(const T& x) {
    if constexpr (is_stage<T>)
        return x;
    else if constexpr (is_exchanger<T>)
        return x.stage();
    else
        return Stage<T, typename stage_spec<T>::type>{x};
}

/// The connection rules: what to put before a component whose inlet does not take what the
/// previous outlet delivers (rule 1 is the two-phase-into-a-compressor case).
template <class Outlet, class Inlet>
constexpr void check_connection() {
    if constexpr (std::is_same_v<Inlet, flow::low_pressure_vapor> &&
                  std::is_same_v<Outlet, flow::low_pressure_two_phase>)
        static_assert(the_inlet_takes_what_the_previous_outlet_delivers<Outlet, Inlet>,
                      "rule 1 (a compressor takes low-pressure vapor): this compressor is fed by an expansion valve, "
                      "so two-phase refrigerant would enter it; put an evaporator between the expansion valve and "
                      "the compressor");
    else if constexpr (std::is_same_v<Inlet, flow::low_pressure_vapor>)
        static_assert(the_inlet_takes_what_the_previous_outlet_delivers<Outlet, Inlet>,
                      "connection rule (a compressor takes low-pressure vapor): put an expansion valve and an "
                      "evaporator before this compressor");
    else if constexpr (std::is_same_v<Inlet, flow::high_pressure_vapor>)
        static_assert(the_inlet_takes_what_the_previous_outlet_delivers<Outlet, Inlet>,
                      "connection rule (a condenser takes high-pressure vapor): put a compressor before this "
                      "condenser");
    else if constexpr (std::is_same_v<Inlet, flow::high_pressure_liquid>)
        static_assert(the_inlet_takes_what_the_previous_outlet_delivers<Outlet, Inlet>,
                      "connection rule (an expansion valve or a receiver takes high-pressure liquid): put a "
                      "condenser before it");
    else
        static_assert(the_inlet_takes_what_the_previous_outlet_delivers<Outlet, Inlet>,
                      "connection rule (an evaporator takes low-pressure two-phase refrigerant): put an "
                      "expansion valve before this evaporator");
}

/// Rule 2, with what to add at the end of the chain for each kind of last outlet.
template <class LastOutlet, class FirstInlet>
constexpr void check_closing() {
    if constexpr (std::is_same_v<LastOutlet, flow::low_pressure_two_phase>)
        static_assert(the_last_outlet_matches_the_first_inlet<LastOutlet, FirstInlet>,
                      "rule 2 (close_loop joins the last outlet to the first inlet, which must match): the "
                      "chain ends with low-pressure two-phase refrigerant (an expansion valve) that its first "
                      "component does not take; add an evaporator before close_loop");
    else if constexpr (std::is_same_v<LastOutlet, flow::low_pressure_vapor>)
        static_assert(the_last_outlet_matches_the_first_inlet<LastOutlet, FirstInlet>,
                      "rule 2 (close_loop joins the last outlet to the first inlet, which must match): the "
                      "chain ends with low-pressure vapor (an evaporator) that its first component does not "
                      "take; add a compressor before close_loop");
    else if constexpr (std::is_same_v<LastOutlet, flow::high_pressure_vapor>)
        static_assert(the_last_outlet_matches_the_first_inlet<LastOutlet, FirstInlet>,
                      "rule 2 (close_loop joins the last outlet to the first inlet, which must match): the "
                      "chain ends with high-pressure vapor (a compressor) that its first component does not "
                      "take; add a condenser before close_loop");
    else
        static_assert(the_last_outlet_matches_the_first_inlet<LastOutlet, FirstInlet>,
                      "rule 2 (close_loop joins the last outlet to the first inlet, which must match): the "
                      "chain ends with high-pressure liquid (a condenser or a receiver) that its first component "
                      "does not take; add an expansion valve before close_loop");
}

template <class T>
constexpr void refuse_runtime_configured() {
    if constexpr (std::is_same_v<T, Condenser>)
        static_assert(the_typed_form_is_used_in_a_typed_cycle<T>,
                      "typed form rule: Condenser chooses its model, subcooling and secondary fluid at run time; in "
                      "a typed cycle write condenser(MovingBoundary{UA}).secondary(Air{T, m}).subcooling(dT)");
    else if constexpr (std::is_same_v<T, Evaporator>)
        static_assert(the_typed_form_is_used_in_a_typed_cycle<T>,
                      "typed form rule: Evaporator chooses its model and secondary fluid at run time; in a typed "
                      "cycle write evaporator(MovingBoundary{UA}).secondary(Air{T, m})");
    else
        static_assert(the_typed_form_is_used_in_a_typed_cycle<T>,
                      "typed form rule: ExpansionValve chooses its mode at run time; in a typed cycle write "
                      "expansion_valve(FixedSuperheat{dT}), expansion_valve(Orifice{C, a}) or "
                      "expansion_valve(SuperheatControl{C, dT})");
}

} // namespace typed

/// An open chain of components of one refrigerant: connected in order, its first inlet and its
/// last outlet still unconnected. Pipe components into it; close it with `| close_loop`.
template <class Fluid, class... Stages>
class CycleChain {
  public:
    using fluid = Fluid;
    static constexpr std::size_t size = sizeof...(Stages);

    explicit CycleChain(Backend backend = Backend::eos) : backend_(backend) {}
    CycleChain(std::tuple<Stages...> stages, Backend backend) : stages_(std::move(stages)), backend_(backend) {}

    /// The property backend the closed cycle will use (that of the chain's start).
    [[nodiscard]] Backend backend() const noexcept { return backend_; }

    [[nodiscard]] const std::tuple<Stages...>& stages() const& noexcept { return stages_; }
    [[nodiscard]] std::tuple<Stages...>&& stages() && noexcept { return std::move(stages_); }

    /// Rule 6: an open chain has unconnected ports, so it cannot be solved.
    template <class... Args>
    const CycleResults& solve(Args&&...) const {
        static_assert(typed::only_a_closed_cycle_can_be_solved<Fluid, sizeof...(Stages)>,
                      "rule 6 (only a closed cycle can be solved): this chain is open (its last outlet and first "
                      "inlet are unconnected); end it with | close_loop, then call solve() on the result");
        static const CycleResults none{};
        return none;
    }

  private:
    std::tuple<Stages...> stages_;
    Backend backend_ = Backend::eos;
};

/// Starts a typed refrigerant loop of `Fluid` (fluids::R134a, fluids::R32, ...), whose properties
/// come from `backend` (the EOS, or the in-memory tables; see System).
template <class Fluid>
[[nodiscard]] CycleChain<Fluid> cycle(Backend backend = Backend::eos) {
    static_assert(typed::the_fluid_is_a_refrigerant_tag<Fluid>,
                  "cycle<Fluid>(): Fluid is a fluid tag such as entropyk::fluids::R134a or entropyk::fluids::R32");
    return CycleChain<Fluid>(backend);
}

namespace typed {

template <class Fluid, class... Stages, class T>
[[nodiscard]] auto append(CycleChain<Fluid, Stages...> chain, const T& x) {
    if constexpr (is_secondary_stream<T>) {
        static_assert(secondary_streams_stay_out_of_the_refrigerant_loop<T>,
                      "rule 5 (secondary fluids and refrigerant do not mix): an Air, Water or Brine stream cannot be "
                      "connected to a refrigerant port; connect it to a heat exchanger's secondary port: "
                      "condenser(...).secondary(Air{T_in, m}) or evaporator(...).secondary(Water{T_in, m})");
        return Refused<Fluid>{};
    } else if constexpr (has_an_unconnected_port<T>) {
        if constexpr (T::spec::role == Role::condenser)
            static_assert(every_port_is_connected<typename T::secondary_port>,
                          "port rule (a component joins a cycle with every port connected): this condenser's "
                          "secondary port is unconnected; write condenser(...).secondary(Air{T_in, m}) (or Water, "
                          "Brine) before piping it into the cycle");
        else
            static_assert(every_port_is_connected<typename T::secondary_port>,
                          "port rule (a component joins a cycle with every port connected): this evaporator's "
                          "secondary port is unconnected; write evaporator(...).secondary(Air{T_in, m}) (or Water, "
                          "Brine) before piping it into the cycle");
        return Refused<Fluid>{};
    } else if constexpr (is_runtime_configured<T>) {
        refuse_runtime_configured<T>();
        return Refused<Fluid>{};
    } else if constexpr (!StageLike<T>) {
        static_assert(only_refrigerant_components_join_a_loop<T>,
                      "only refrigerant components join a loop: pipe a compressor, a condenser, an expansion valve, "
                      "an evaporator or a receiver (or specialise entropyk::typed::stage_spec for your model)");
        return Refused<Fluid>{};
    } else {
        using S = decltype(to_stage(x));
        if constexpr (sizeof...(Stages) > 0) {
            using Last = typename std::tuple_element_t<sizeof...(Stages) - 1, std::tuple<Stages...>>::spec::outlet;
            if constexpr (!the_inlet_takes_what_the_previous_outlet_delivers<Last, typename S::spec::inlet>) {
                check_connection<Last, typename S::spec::inlet>();
                return Refused<Fluid>{};
            } else {
                const Backend backend = chain.backend();
                return CycleChain<Fluid, Stages..., S>(
                    std::tuple_cat(std::move(chain).stages(), std::tuple<S>(to_stage(x))), backend);
            }
        } else {
            return CycleChain<Fluid, S>(std::tuple<S>(to_stage(x)), chain.backend());
        }
    }
}

template <class Fluid, class... Stages, class Other, class... More, std::size_t... I>
[[nodiscard]] auto join(CycleChain<Fluid, Stages...> chain, const CycleChain<Other, More...>& tail,
                        std::index_sequence<I...>) {
    if constexpr (!one_refrigerant_per_loop<Fluid, Other>) {
        static_assert(one_refrigerant_per_loop<Fluid, Other>,
                      "rule 4 (one refrigerant per loop): the chain being joined carries another refrigerant; build "
                      "the whole loop from one cycle<Fluid>() (a second refrigerant needs a loop of its own)");
        return Refused<Fluid>{};
    } else {
        return (std::move(chain) | ... | std::get<I>(tail.stages()));
    }
}

template <class Fluid, class... Stages>
[[nodiscard]] auto close(CycleChain<Fluid, Stages...> chain) {
    if constexpr (sizeof...(Stages) == 0) {
        static_assert(close_loop_needs_components<Fluid>,
                      "close_loop: the chain is empty; pipe the loop's components into cycle<Fluid>() first");
        return Refused<Fluid>{};
    } else {
        using First = typename std::tuple_element_t<0, std::tuple<Stages...>>::spec::inlet;
        using Last = typename std::tuple_element_t<sizeof...(Stages) - 1, std::tuple<Stages...>>::spec::outlet;
        constexpr int charge = charge_conditions<Stages...>;
        if constexpr (!the_last_outlet_matches_the_first_inlet<Last, First>) {
            check_closing<Last, First>();
            return Refused<Fluid>{};
        } else if constexpr (!a_loop_has_a_compressor<Stages...>) {
            static_assert(a_loop_has_a_compressor<Stages...>,
                          "a loop needs a compressor, a condenser, an expansion valve and an evaporator");
            return Refused<Fluid>{};
        } else if constexpr (charge == 0) {
            static_assert(the_loop_charge_is_fixed_exactly_once<charge>,
                          "rule 3 (one condition fixes the loop's charge): no component fixes it; set the condenser "
                          "outlet subcooling (condenser(...).subcooling(dT), or a FixedSaturationCondenser) or add a "
                          "Receiver{} after the condenser");
            return Refused<Fluid>{};
        } else if constexpr (charge > 1) {
            static_assert(the_loop_charge_is_fixed_exactly_once<charge>,
                          "rule 3 (one condition fixes the loop's charge): it is fixed more than once; keep either "
                          "the condenser subcooling or the receiver");
            return Refused<Fluid>{};
        } else {
            const Backend backend = chain.backend();
            return TypedCycle<Fluid, Stages...>(std::move(chain).stages(), backend);
        }
    }
}

} // namespace typed

/// `chain | component`, `chain | other_chain` (same refrigerant) and `chain | close_loop`.
template <class Fluid, class... Stages, class X>
[[nodiscard]] auto operator|(CycleChain<Fluid, Stages...> chain, const X& x) {
    if constexpr (std::is_same_v<X, CloseLoop>)
        return typed::close(std::move(chain));
    else if constexpr (typed::is_chain<X>)
        return typed::join(std::move(chain), x, std::make_index_sequence<X::size>{});
    else
        return typed::append(std::move(chain), x);
}

} // namespace entropyk
