// IWYU pragma: private, include <entropyk/cycles/typed.hpp>
// The typed network builder: cycles with branches and merges (flash tanks, mixers, splitters,
// compressors in series, internal exchangers, economizers, vapour injection, evaporator pressure
// regulators) and several loops joined by cascade heat exchangers, connected port to port and
// checked at compile time.
//
//   auto lp = node<"lp_compressor">(IsentropicCompressor{1.0});
//   auto flash = node<"flash_tank">(FlashTank{0.32_MPa});
//   ...
//   auto c = network<fluids::R134a>(lp, mixer, hp, cond, hp_valve, flash, lp_valve, evap)
//          | connect(lp.discharge, mixer.inlet_a) | connect(flash.vapour_out, mixer.inlet_b) | ...
//          | close_loop;                      // a TypedNetwork (cycles/typed/network_solve.hpp)
//   const CycleResults& r = c.solve();
//
// A node is a component with a name known at compile time; its ports are members whose types
// carry the node's name, the port's name, its direction and its index (`flash.vapour_out`).
// `connect(outlet, inlet)` is a value whose type records the link; piping it into a network gives
// a network of a new type. `| close_loop` analyses the graph at compile time (a constexpr pass
// over the links: union-find for loops and pressure levels, a fixed-point pass for phases) and
// stops the compilation at the first broken network rule with a static_assert whose message names
// the rule and what to do, and whose predicate names the node or port (the compilers print the
// predicate with its arguments):
//   net rule 1  every port is connected exactly once (names the open or doubly used port);
//   net rule 2  one refrigerant per loop (a loop = the links joined through the nodes; a cascade
//               heat exchanger joins its hot ports and its cold ports apart, and its two sides
//               must be on two loops);
//   net rule 3  phases: a compressor takes vapour (its injection port too), a condenser vapour,
//               an evaporator two-phase, a flash tank two-phase, a receiver liquid, a mixer two
//               streams of one phase, an economizer's cold side two-phase, a cascade exchanger
//               vapour (hot side) and two-phase (cold side); the phase is carried through valves
//               (liquid -> two-phase, vapour stays vapour), splitters (both outlets as the inlet),
//               mixers and the two streams of an internal exchanger or economizer;
//   net rule 4  pressure levels: a compressor raises the level, a valve or an evaporator pressure
//               regulator lowers it, every other part keeps each stream at one level; a
//               vapour-injection compressor's injection lies between its suction and discharge;
//               a mixer's inlets must be at one level (checked before the mixer joins them), and
//               the levels must be consistent around every loop (a loop that rises at a
//               compressor must fall at a valve); a regulator takes an evaporator's outlet;
//   net rule 5  one charge condition per loop (condenser subcooling, a receiver, a high-pressure
//               valve, a cascade exchanger's condensing side), and a compressor in every loop;
//   net rule 6  solve() only on a closed network.
// The linear `cycle<F>() | ... | close_loop` builder (cycles/typed/chain.hpp) is unchanged.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "entropyk/cycles/typed/chain.hpp"

namespace entropyk {

namespace typed {

/// A compile-time name: a string literal as a template argument (`node<"flash_tank">`).
template <std::size_t N>
struct fixed_name {
    char text[N]{};
    constexpr fixed_name(const char (&s)[N]) noexcept { // NOLINT: implicit from a literal on purpose
        for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
    }
    [[nodiscard]] constexpr std::string_view view() const noexcept { return {text, N - 1}; }
};

/// What a node does to the streams through it (its ports and its rules).
enum class Part {
    compressor,
    condenser,
    evaporator,
    valve,
    receiver,
    flash_tank,
    mixer,
    splitter,
    internal_heat_exchanger,     ///< two streams of one loop: hot_in -> hot_out, cold_in -> cold_out
    economizer,                  ///< the same ports; its cold side takes the expanded injection stream
    vapour_injection_compressor, ///< suction + injection -> discharge
    pressure_regulator,          ///< an evaporator pressure regulator (a valve in a suction line)
    cascade,                     ///< hot side on one loop, cold side on another
};
/// The phase a stream carries, as far as the types know it.
enum class Phase { unknown, vapour, two_phase, liquid };
enum class Dir { in, out };

/// A port of node `Node`: its name, direction and index among the node's inlets or outlets.
template <fixed_name Node, fixed_name Name, Dir D, int Index>
struct PortRef {
    static constexpr std::string_view node = Node.view();
    static constexpr std::string_view name = Name.view();
    static constexpr Dir dir = D;
    static constexpr int index = Index;
};

/// The ports of a node, by what it does (names as in the runtime System).
template <fixed_name N, Part P>
struct port_set {
    static constexpr PortRef<N, "inlet", Dir::in, 0> inlet{};
    static constexpr PortRef<N, "outlet", Dir::out, 0> outlet{};
    using ins = std::tuple<PortRef<N, "inlet", Dir::in, 0>>;
    using outs = std::tuple<PortRef<N, "outlet", Dir::out, 0>>;
};
template <fixed_name N>
struct port_set<N, Part::compressor> {
    static constexpr PortRef<N, "suction", Dir::in, 0> suction{};
    static constexpr PortRef<N, "discharge", Dir::out, 0> discharge{};
    using ins = std::tuple<PortRef<N, "suction", Dir::in, 0>>;
    using outs = std::tuple<PortRef<N, "discharge", Dir::out, 0>>;
};
/// Two streams through one exchanger (port 0 the hot stream, port 1 the cold one).
template <fixed_name N>
struct two_stream_ports {
    static constexpr PortRef<N, "hot_in", Dir::in, 0> hot_in{};
    static constexpr PortRef<N, "cold_in", Dir::in, 1> cold_in{};
    static constexpr PortRef<N, "hot_out", Dir::out, 0> hot_out{};
    static constexpr PortRef<N, "cold_out", Dir::out, 1> cold_out{};
    using ins = std::tuple<PortRef<N, "hot_in", Dir::in, 0>, PortRef<N, "cold_in", Dir::in, 1>>;
    using outs = std::tuple<PortRef<N, "hot_out", Dir::out, 0>, PortRef<N, "cold_out", Dir::out, 1>>;
};
template <fixed_name N>
struct port_set<N, Part::internal_heat_exchanger> : two_stream_ports<N> {};
template <fixed_name N>
struct port_set<N, Part::economizer> : two_stream_ports<N> {};
template <fixed_name N>
struct port_set<N, Part::cascade> : two_stream_ports<N> {};
template <fixed_name N>
struct port_set<N, Part::vapour_injection_compressor> {
    static constexpr PortRef<N, "suction", Dir::in, 0> suction{};
    static constexpr PortRef<N, "injection", Dir::in, 1> injection{};
    static constexpr PortRef<N, "discharge", Dir::out, 0> discharge{};
    using ins = std::tuple<PortRef<N, "suction", Dir::in, 0>, PortRef<N, "injection", Dir::in, 1>>;
    using outs = std::tuple<PortRef<N, "discharge", Dir::out, 0>>;
};
template <fixed_name N>
struct port_set<N, Part::flash_tank> {
    static constexpr PortRef<N, "inlet", Dir::in, 0> inlet{};
    static constexpr PortRef<N, "liquid_out", Dir::out, 0> liquid_out{};
    static constexpr PortRef<N, "vapour_out", Dir::out, 1> vapour_out{};
    using ins = std::tuple<PortRef<N, "inlet", Dir::in, 0>>;
    using outs = std::tuple<PortRef<N, "liquid_out", Dir::out, 0>, PortRef<N, "vapour_out", Dir::out, 1>>;
};
template <fixed_name N>
struct port_set<N, Part::mixer> {
    static constexpr PortRef<N, "inlet_a", Dir::in, 0> inlet_a{};
    static constexpr PortRef<N, "inlet_b", Dir::in, 1> inlet_b{};
    static constexpr PortRef<N, "outlet", Dir::out, 0> outlet{};
    using ins = std::tuple<PortRef<N, "inlet_a", Dir::in, 0>, PortRef<N, "inlet_b", Dir::in, 1>>;
    using outs = std::tuple<PortRef<N, "outlet", Dir::out, 0>>;
};
template <fixed_name N>
struct port_set<N, Part::splitter> {
    static constexpr PortRef<N, "inlet", Dir::in, 0> inlet{};
    static constexpr PortRef<N, "outlet_a", Dir::out, 0> outlet_a{};
    static constexpr PortRef<N, "outlet_b", Dir::out, 1> outlet_b{};
    using ins = std::tuple<PortRef<N, "inlet", Dir::in, 0>>;
    using outs = std::tuple<PortRef<N, "outlet_a", Dir::out, 0>, PortRef<N, "outlet_b", Dir::out, 1>>;
};

/// A node's name as a type (what a refused network names).
template <fixed_name Name>
struct node_named {};

/// A named component of a network. `Fluid` is void when the node takes the network's refrigerant.
template <fixed_name Name, class Model, class Fluid, Part P, int Charge>
struct Node : port_set<Name, P> {
    static constexpr std::string_view name = Name.view();
    using name_tag = node_named<Name>;
    static constexpr Part part = P;
    static constexpr int charge_conditions = Charge;
    using model_type = Model;
    using fluid = Fluid;
    static constexpr int n_in = static_cast<int>(std::tuple_size_v<typename port_set<Name, P>::ins>);
    static constexpr int n_out = static_cast<int>(std::tuple_size_v<typename port_set<Name, P>::outs>);
    explicit Node(Model m) : model(std::move(m)) {}
    Model model;
};

template <class T>
inline constexpr bool is_node = false;
template <fixed_name N, class M, class F, Part P, int C>
inline constexpr bool is_node<Node<N, M, F, P, C>> = true;

/// A link from outlet port FP of node FN to inlet port TP of node TN.
template <fixed_name FN, int FP, fixed_name TN, int TP>
struct Link {
    static constexpr std::string_view from = FN.view();
    static constexpr int from_port = FP;
    static constexpr std::string_view to = TN.view();
    static constexpr int to_port = TP;
};
template <class T>
inline constexpr bool is_link = false;
template <fixed_name FN, int FP, fixed_name TN, int TP>
inline constexpr bool is_link<Link<FN, FP, TN, TP>> = true;

/// What connect() gives for a refused pair of ports (the error is already reported).
struct RefusedLink {};

/// The network components that are not stages of a linear cycle: their part and the charge
/// conditions they set (a cascade exchanger's condensing side fixes its loop's charge, as a
/// condenser's outlet subcooling does).
template <class Model>
struct network_part {
    static constexpr bool known = false;
};
template <Part P, int Charge = 0>
struct network_part_is {
    static constexpr bool known = true;
    static constexpr Part part = P;
    static constexpr int charge = Charge;
};
template <>
struct network_part<FlashTank> : network_part_is<Part::flash_tank> {};
template <>
struct network_part<Mixer> : network_part_is<Part::mixer> {};
template <>
struct network_part<Splitter> : network_part_is<Part::splitter> {};
template <>
struct network_part<InternalHeatExchanger> : network_part_is<Part::internal_heat_exchanger> {};
template <>
struct network_part<Economizer> : network_part_is<Part::economizer> {};
template <>
struct network_part<VapourInjectionCompressor> : network_part_is<Part::vapour_injection_compressor> {};
template <>
struct network_part<EvaporatorPressureRegulator> : network_part_is<Part::pressure_regulator> {};
template <>
struct network_part<CascadeHeatExchanger> : network_part_is<Part::cascade, 1> {};

template <class Model>
inline constexpr bool is_multi_port_part = network_part<Model>::known;

template <class Spec>
constexpr Part part_of_spec() {
    switch (Spec::role) {
    case Role::compressor: return Part::compressor;
    case Role::condenser: return Part::condenser;
    case Role::evaporator: return Part::evaporator;
    case Role::expansion_valve: return Part::valve;
    default: return Part::receiver;
    }
}

// ---- the network rules, as named predicates -------------------------------------------------
template <class Port, int Connections>
inline constexpr bool every_port_is_connected_exactly_once = Connections == 1;
template <class Port>
inline constexpr bool connect_joins_an_outlet_to_an_inlet = Port::dir == Dir::out;
template <class Port>
inline constexpr bool connect_takes_an_inlet_port_second = Port::dir == Dir::in;
template <class Port>
inline constexpr bool a_link_joins_nodes_of_this_network = false;
template <class InletPort>
inline constexpr bool one_refrigerant_per_loop_of_a_network = false;
template <class Port, Phase Arriving>
inline constexpr bool the_inlet_takes_the_phase_that_arrives = false;
template <class Mixer>
inline constexpr bool a_mixer_takes_two_streams_at_one_pressure_level = false;
template <class Mixer>
inline constexpr bool a_mixer_takes_two_streams_of_one_phase = false;
template <class Node>
inline constexpr bool the_pressure_levels_close_around_every_loop = false;
template <class NodeOfTheLoop, int ChargeConditions>
inline constexpr bool each_loop_charge_is_fixed_exactly_once = ChargeConditions == 1;
template <class NodeOfTheLoop>
inline constexpr bool each_loop_has_a_compressor = false;
template <class Cascade>
inline constexpr bool a_cascade_heat_exchanger_joins_two_loops = false;
template <class Port>
inline constexpr bool an_evaporator_pressure_regulator_follows_an_evaporator = false;
template <class Port>
inline constexpr bool the_injection_port_takes_an_intermediate_level = false;
template <class... Nodes>
inline constexpr bool node_names_are_unique = false;
template <class T>
inline constexpr bool a_network_is_made_of_nodes = is_node<T>;
template <class Fluid>
inline constexpr bool only_a_closed_network_can_be_solved = false;

/// The first broken rule found by the analysis (or none).
enum class Broken {
    none,
    unknown_node,
    connected_twice,
    unconnected,
    two_refrigerants,
    compressor_phase,
    condenser_phase,
    evaporator_phase,
    flash_tank_phase,
    receiver_phase,
    mixer_phase,
    no_compressor,
    mixer_levels,
    levels_do_not_close,
    no_charge,
    charge_twice,
    cascade_one_loop,
    injection_phase,
    economizer_phase,
    cascade_phase,
    regulator_place,
    injection_level,
};
struct Verdict {
    Broken rule = Broken::none;
    int node = 0;  ///< the node concerned (the link's index for unknown_node)
    int dir = 0;   ///< 0 inlet, 1 outlet
    int port = 0;  ///< the port concerned
    int other = 0; ///< a second port or node, or the phase that arrives, or a count
};

namespace detail_net {

inline constexpr int max_ports = 2;

/// Union-find on a small fixed array (constant evaluation only).
template <std::size_t N>
struct Sets {
    std::array<int, N> up{};
    constexpr Sets() {
        for (std::size_t i = 0; i < N; ++i) up[i] = static_cast<int>(i);
    }
    constexpr int find(int i) {
        while (up[static_cast<std::size_t>(i)] != i) i = up[static_cast<std::size_t>(i)];
        return i;
    }
    constexpr void join(int a, int b) {
        a = find(a);
        b = find(b);
        if (a != b) up[static_cast<std::size_t>(b)] = a;
    }
};

/// The graph as plain arrays: what the analysis reads.
template <std::size_t K, std::size_t L>
struct Graph {
    std::array<Part, K> part{};
    std::array<int, K> charge{};
    std::array<int, K> fluid{}; ///< an id per distinct fluid
    std::array<int, K> n_in{}, n_out{};
    std::array<int, L> from{}, from_port{}, to{}, to_port{};
    /// The link at each port (-1: none), once the counts are known to be one.
    std::array<std::array<int, max_ports>, K> in_link{}, out_link{};
};

/// The levels are partly ordered: less[a][b] means level a is below level b.
template <std::size_t L>
constexpr bool closure_has_cycle(std::array<std::array<bool, L>, L> less) {
    for (std::size_t k = 0; k < L; ++k)
        for (std::size_t i = 0; i < L; ++i)
            if (less[i][k])
                for (std::size_t j = 0; j < L; ++j)
                    if (less[k][j]) less[i][j] = true;
    for (std::size_t i = 0; i < L; ++i)
        if (less[i][i]) return true;
    return false;
}

template <std::size_t K, std::size_t L>
constexpr Verdict analyse(Graph<K, L> g, const std::array<bool, L>& known) {
    // Rule 1: links name nodes of this network; every port connected exactly once.
    for (std::size_t l = 0; l < L; ++l) // a port of another node of the same name is not ours either
        if (!known[l] || g.from_port[l] >= g.n_out[static_cast<std::size_t>(g.from[l])] ||
            g.to_port[l] >= g.n_in[static_cast<std::size_t>(g.to[l])])
            return {Broken::unknown_node, static_cast<int>(l), 0, 0, 0};
    std::array<std::array<int, max_ports>, K> cin{}, cout{};
    for (std::size_t k = 0; k < K; ++k)
        for (int p = 0; p < max_ports; ++p)
            g.in_link[k][static_cast<std::size_t>(p)] = g.out_link[k][static_cast<std::size_t>(p)] = -1;
    for (std::size_t l = 0; l < L; ++l) {
        const auto f = static_cast<std::size_t>(g.from[l]), t = static_cast<std::size_t>(g.to[l]);
        const auto fp = static_cast<std::size_t>(g.from_port[l]), tp = static_cast<std::size_t>(g.to_port[l]);
        ++cout[f][fp];
        ++cin[t][tp];
        g.out_link[f][fp] = static_cast<int>(l);
        g.in_link[t][tp] = static_cast<int>(l);
    }
    for (std::size_t k = 0; k < K; ++k) {
        for (int p = 0; p < g.n_out[k]; ++p)
            if (cout[k][static_cast<std::size_t>(p)] > 1)
                return {Broken::connected_twice, static_cast<int>(k), 1, p, cout[k][static_cast<std::size_t>(p)]};
        for (int p = 0; p < g.n_in[k]; ++p)
            if (cin[k][static_cast<std::size_t>(p)] > 1)
                return {Broken::connected_twice, static_cast<int>(k), 0, p, cin[k][static_cast<std::size_t>(p)]};
    }
    for (std::size_t k = 0; k < K; ++k) {
        for (int p = 0; p < g.n_out[k]; ++p)
            if (cout[k][static_cast<std::size_t>(p)] == 0) return {Broken::unconnected, static_cast<int>(k), 1, p, 0};
        for (int p = 0; p < g.n_in[k]; ++p)
            if (cin[k][static_cast<std::size_t>(p)] == 0) return {Broken::unconnected, static_cast<int>(k), 0, p, 0};
    }
    // Rule 2: the loops and their refrigerant. A loop is a set of links joined through the nodes
    // they meet; a cascade exchanger joins its hot ports and its cold ports separately (its two
    // sides are on two loops), every other node joins all its ports (the two streams of an
    // internal heat exchanger or an economizer are of one loop).
    auto is_two_stream = [&](std::size_t k) {
        return g.part[k] == Part::internal_heat_exchanger || g.part[k] == Part::economizer ||
               g.part[k] == Part::cascade;
    };
    auto port_link = [&](std::size_t k, int dir, int p) {
        return dir == 0 ? g.in_link[k][static_cast<std::size_t>(p)] : g.out_link[k][static_cast<std::size_t>(p)];
    };
    Sets<L> loops;
    for (std::size_t k = 0; k < K; ++k) {
        if (g.part[k] == Part::cascade) {
            loops.join(port_link(k, 0, 0), port_link(k, 1, 0));
            loops.join(port_link(k, 0, 1), port_link(k, 1, 1));
            continue;
        }
        const int first = port_link(k, 0, 0);
        for (int p = 1; p < g.n_in[k]; ++p) loops.join(first, port_link(k, 0, p));
        for (int p = 0; p < g.n_out[k]; ++p) loops.join(first, port_link(k, 1, p));
    }
    // The loop of node k (its hot side's for a cascade exchanger), and of its cold side.
    auto loop_of = [&](std::size_t k) { return loops.find(port_link(k, 0, 0)); };
    auto second_loop_of = [&](std::size_t k) {
        return g.part[k] == Part::cascade ? loops.find(port_link(k, 0, 1)) : loop_of(k);
    };
    for (std::size_t k = 0; k < K; ++k)
        if (g.part[k] == Part::cascade && loop_of(k) == second_loop_of(k))
            return {Broken::cascade_one_loop, static_cast<int>(k), 0, 1, 0};
    // One refrigerant per loop: every node of a loop names the same (a cascade exchanger's sides
    // take the refrigerants of their loops).
    for (std::size_t k = 0; k < K; ++k) {
        if (g.part[k] == Part::cascade) continue;
        for (std::size_t j = 0; j < k; ++j)
            if (g.part[j] != Part::cascade && loop_of(j) == loop_of(k) && g.fluid[j] != g.fluid[k])
                return {Broken::two_refrigerants, static_cast<int>(k), 0, 0, static_cast<int>(j)};
    }
    // Rule 3: phases, carried along the links to a fixed point (at most one pass per link).
    std::array<Phase, L> phase{};
    auto in_phase = [&](std::size_t k, int p) {
        return phase[static_cast<std::size_t>(g.in_link[k][static_cast<std::size_t>(p)])];
    };
    for (std::size_t pass = 0; pass <= L; ++pass) {
        for (std::size_t l = 0; l < L; ++l) {
            const auto k = static_cast<std::size_t>(g.from[l]);
            const int fp = g.from_port[l];
            Phase out = Phase::unknown;
            switch (g.part[k]) {
            case Part::compressor:
            case Part::vapour_injection_compressor:
            case Part::evaporator: out = Phase::vapour; break;
            case Part::condenser:
            case Part::receiver: out = Phase::liquid; break;
            case Part::flash_tank: out = fp == 0 ? Phase::liquid : Phase::vapour; break;
            case Part::valve:
            case Part::pressure_regulator: {
                const Phase i = in_phase(k, 0);
                out = i == Phase::liquid ? Phase::two_phase : i;
                break;
            }
            case Part::splitter: out = in_phase(k, 0); break;
            case Part::mixer: out = in_phase(k, 0) == in_phase(k, 1) ? in_phase(k, 0) : Phase::unknown; break;
            // The hot stream of an internal exchanger or economizer is subcooled further (its
            // phase stays); the cold stream leaves as vapour (superheated suction or injection gas).
            case Part::internal_heat_exchanger:
            case Part::economizer: out = fp == 0 ? in_phase(k, 0) : Phase::vapour; break;
            // A cascade exchanger condenses its hot side and evaporates its cold side.
            case Part::cascade: out = fp == 0 ? Phase::liquid : Phase::vapour; break;
            }
            phase[l] = out;
        }
    }
    for (std::size_t k = 0; k < K; ++k) {
        const int n = static_cast<int>(k);
        const Phase a = in_phase(k, 0);
        const Phase b = g.n_in[k] > 1 ? in_phase(k, 1) : Phase::unknown;
        if (a == Phase::unknown && b == Phase::unknown) continue; // a loop without a compressor: rule 5 below
        switch (g.part[k]) {
        case Part::compressor:
        case Part::vapour_injection_compressor:
            if (a != Phase::unknown && a != Phase::vapour)
                return {Broken::compressor_phase, n, 0, 0, static_cast<int>(a)};
            if (g.part[k] == Part::vapour_injection_compressor && b != Phase::unknown && b != Phase::vapour)
                return {Broken::injection_phase, n, 0, 1, static_cast<int>(b)};
            break;
        case Part::condenser:
            if (a != Phase::vapour) return {Broken::condenser_phase, n, 0, 0, static_cast<int>(a)};
            break;
        case Part::evaporator:
            if (a != Phase::two_phase) return {Broken::evaporator_phase, n, 0, 0, static_cast<int>(a)};
            break;
        case Part::flash_tank:
            if (a != Phase::two_phase) return {Broken::flash_tank_phase, n, 0, 0, static_cast<int>(a)};
            break;
        case Part::receiver:
            if (a != Phase::liquid) return {Broken::receiver_phase, n, 0, 0, static_cast<int>(a)};
            break;
        case Part::mixer:
            if (b != Phase::unknown && a != b) return {Broken::mixer_phase, n, 0, 0, 1};
            break;
        case Part::economizer:
            if (b != Phase::unknown && b != Phase::two_phase)
                return {Broken::economizer_phase, n, 0, 1, static_cast<int>(b)};
            break;
        case Part::cascade:
            if (a != Phase::unknown && a != Phase::vapour) return {Broken::cascade_phase, n, 0, 0, static_cast<int>(a)};
            if (b != Phase::unknown && b != Phase::two_phase)
                return {Broken::cascade_phase, n, 0, 1, static_cast<int>(b)};
            break;
        case Part::pressure_regulator: {
            // It holds an evaporator's pressure: it takes that evaporator's outlet (or a cascade
            // exchanger's evaporating side), not a discharge or a liquid line.
            const int l = g.in_link[k][0];
            const auto up = static_cast<std::size_t>(g.from[static_cast<std::size_t>(l)]);
            const bool after_evaporator =
                g.part[up] == Part::evaporator ||
                (g.part[up] == Part::cascade && g.from_port[static_cast<std::size_t>(l)] == 1);
            if (!after_evaporator) return {Broken::regulator_place, n, 0, 0, 0};
            break;
        }
        default: break;
        }
    }
    // Rule 5 (first half): a compressor in every loop (both loops of a cascade exchanger).
    auto loop_has_compressor = [&](int loop) {
        for (std::size_t j = 0; j < K; ++j)
            if ((g.part[j] == Part::compressor || g.part[j] == Part::vapour_injection_compressor) && loop_of(j) == loop)
                return true;
        return false;
    };
    for (std::size_t k = 0; k < K; ++k)
        if (!loop_has_compressor(loop_of(k)) || !loop_has_compressor(second_loop_of(k)))
            return {Broken::no_compressor, static_cast<int>(k), 0, 0, 0};
    // Rule 4: pressure levels. One level per link to start with; the parts that keep a stream at
    // one pressure join its ports (each stream of a two-stream exchanger on its own); compressors,
    // valves and regulators order them.
    auto moves_pressure = [&](std::size_t k) {
        const Part p = g.part[k];
        return p == Part::compressor || p == Part::vapour_injection_compressor || p == Part::valve ||
               p == Part::pressure_regulator;
    };
    Sets<L> level;
    for (std::size_t k = 0; k < K; ++k) {
        if (moves_pressure(k) || g.part[k] == Part::mixer) continue;
        if (is_two_stream(k)) {
            level.join(port_link(k, 0, 0), port_link(k, 1, 0));
            level.join(port_link(k, 0, 1), port_link(k, 1, 1));
            continue;
        }
        const int first = g.in_link[k][0];
        for (int q = 0; q < g.n_out[k]; ++q) level.join(first, g.out_link[k][static_cast<std::size_t>(q)]);
    }
    auto order = [&] {
        std::array<std::array<bool, L>, L> less{};
        auto below = [&](int a, int b) {
            less[static_cast<std::size_t>(level.find(a))][static_cast<std::size_t>(level.find(b))] = true;
        };
        for (std::size_t k = 0; k < K; ++k) {
            const int i = g.in_link[k][0], o = g.out_link[k][0];
            switch (g.part[k]) {
            case Part::compressor: below(i, o); break;
            case Part::vapour_injection_compressor: // suction < injection < discharge
                below(i, g.in_link[k][1]);
                below(g.in_link[k][1], o);
                break;
            case Part::valve:
            case Part::pressure_regulator: below(o, i); break;
            default: break;
            }
        }
        return less;
    };
    for (std::size_t k = 0; k < K; ++k) {
        if (g.part[k] != Part::mixer) continue;
        // The mixer's inlets must not be ordered (one below the other) before it joins them.
        auto less = order();
        for (std::size_t m = 0; m < L; ++m)
            for (std::size_t i = 0; i < L; ++i)
                if (less[i][m])
                    for (std::size_t j = 0; j < L; ++j)
                        if (less[m][j]) less[i][j] = true;
        const auto a = static_cast<std::size_t>(level.find(g.in_link[k][0]));
        const auto b = static_cast<std::size_t>(level.find(g.in_link[k][1]));
        if (less[a][b] || less[b][a]) return {Broken::mixer_levels, static_cast<int>(k), 0, 0, 1};
        level.join(g.in_link[k][0], g.in_link[k][1]);
        level.join(g.in_link[k][0], g.out_link[k][0]);
    }
    {
        // The injection port takes an intermediate level: neither the suction's nor the discharge's.
        for (std::size_t k = 0; k < K; ++k) {
            if (g.part[k] != Part::vapour_injection_compressor) continue;
            const int s = level.find(g.in_link[k][0]), j = level.find(g.in_link[k][1]),
                      d = level.find(g.out_link[k][0]);
            if (j == s || j == d) return {Broken::injection_level, static_cast<int>(k), 0, 1, 0};
        }
        const auto less = order();
        for (std::size_t k = 0; k < K; ++k) {
            const auto i = static_cast<std::size_t>(level.find(g.in_link[k][0]));
            const auto o = static_cast<std::size_t>(level.find(g.out_link[k][0]));
            if (moves_pressure(k) && i == o) return {Broken::levels_do_not_close, static_cast<int>(k), 0, 0, 0};
        }
        if (closure_has_cycle<L>(less)) {
            for (std::size_t k = 0; k < K; ++k)
                if (g.part[k] == Part::compressor || g.part[k] == Part::vapour_injection_compressor)
                    return {Broken::levels_do_not_close, static_cast<int>(k), 0, 0, 0};
        }
    }
    // Rule 5: one charge condition per loop (a cascade exchanger's on its hot side's loop),
    // reported at the first node of the loop.
    for (std::size_t k = 0; k < K; ++k) {
        for (int side = 0; side < (g.part[k] == Part::cascade ? 2 : 1); ++side) {
            const int loop = side == 0 ? loop_of(k) : second_loop_of(k);
            int charge = 0;
            int first = -1;
            for (std::size_t j = 0; j < K; ++j) {
                if (loop_of(j) == loop) charge += g.charge[j];
                if (first < 0 && (loop_of(j) == loop || second_loop_of(j) == loop)) first = static_cast<int>(j);
            }
            if (first != static_cast<int>(k)) continue; // once per loop, at its first node
            if (charge == 0) return {Broken::no_charge, first, 0, 0, 0};
            if (charge > 1) return {Broken::charge_twice, first, 0, 0, charge};
        }
    }
    return {};
}

template <class T>
struct type_list {};

template <class... Nodes>
constexpr int index_of(std::string_view name) {
    constexpr std::array<std::string_view, sizeof...(Nodes)> names{Nodes::name...};
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<int>(i);
    return -1;
}

template <class... Nodes>
constexpr bool unique_names() {
    constexpr std::array<std::string_view, sizeof...(Nodes)> names{Nodes::name...};
    for (std::size_t i = 0; i < names.size(); ++i)
        for (std::size_t j = i + 1; j < names.size(); ++j)
            if (names[i] == names[j]) return false;
    return true;
}

template <class Network>
struct verdict_of;

} // namespace detail_net
} // namespace typed

/// A component with a compile-time name, to be placed in a network<Fluid>(...). `Fluid` names a
/// refrigerant of its own (a node of a second loop); by default the node takes the network's.
template <typed::fixed_name Name, class Fluid = void, class T>
[[nodiscard]] auto node(const T& component) {
    using namespace typed;
    if constexpr (is_multi_port_part<T>) {
        return Node<Name, T, Fluid, network_part<T>::part, network_part<T>::charge>(component);
    } else if constexpr (StageLike<T>) {
        using S = decltype(to_stage(component));
        return Node<Name, typename S::engine_type, Fluid, part_of_spec<typename S::spec>(), S::spec::charge_conditions>(
            to_stage(component).engine);
    } else {
        static_assert(only_refrigerant_components_join_a_loop<T>,
                      "node<\"name\">(component): a network node is a refrigerant component: a compressor, a "
                      "condenser, an expansion valve, an evaporator, a receiver, a FlashTank, a Mixer, a Splitter, "
                      "an InternalHeatExchanger, an Economizer, a VapourInjectionCompressor, an "
                      "EvaporatorPressureRegulator or a CascadeHeatExchanger (a heat exchanger with its secondary "
                      "port connected)");
        return Refused<void>{};
    }
}

/// A link from an outlet port to an inlet port: `connect(flash.vapour_out, mixer.inlet_b)`.
template <typed::fixed_name FN, typed::fixed_name FP, typed::Dir FD, int FI, typed::fixed_name TN, typed::fixed_name TP,
          typed::Dir TD, int TI>
[[nodiscard]] constexpr auto connect(typed::PortRef<FN, FP, FD, FI>, typed::PortRef<TN, TP, TD, TI>) {
    using namespace typed;
    if constexpr (FD != Dir::out) {
        static_assert(connect_joins_an_outlet_to_an_inlet<PortRef<FN, FP, FD, FI>>,
                      "net rule 1 (connect(from, to) joins an outlet port to an inlet port): the first port is an "
                      "inlet; write connect(upstream.outlet, downstream.inlet)");
        return RefusedLink{};
    } else if constexpr (TD != Dir::in) {
        static_assert(connect_takes_an_inlet_port_second<PortRef<TN, TP, TD, TI>>,
                      "net rule 1 (connect(from, to) joins an outlet port to an inlet port): the second port is an "
                      "outlet; write connect(upstream.outlet, downstream.inlet)");
        return RefusedLink{};
    } else {
        return Link<FN, FI, TN, TI>{};
    }
}

template <class Fluid, class NodeTuple, class... Links>
class Network;
template <class Fluid, class NodeTuple, class... Links>
class TypedNetwork; // cycles/typed/network_solve.hpp

/// An open network: its nodes (in the order given, which is the order of the components in the
/// runtime System it will build) and the links piped in so far.
template <class Fluid, class... Nodes, class... Links>
class Network<Fluid, std::tuple<Nodes...>, Links...> {
  public:
    using fluid = Fluid;
    Network(std::tuple<Nodes...> nodes, Backend backend) : nodes_(std::move(nodes)), backend_(backend) {}
    [[nodiscard]] Backend backend() const noexcept { return backend_; }
    [[nodiscard]] const std::tuple<Nodes...>& nodes() const& noexcept { return nodes_; }
    [[nodiscard]] std::tuple<Nodes...>&& nodes() && noexcept { return std::move(nodes_); }

    /// Net rule 6: an open network has unconnected ports and unchecked rules.
    template <class... Args>
    const CycleResults& solve(Args&&...) const {
        static_assert(typed::only_a_closed_network_can_be_solved<Fluid>,
                      "net rule 6 (only a closed network can be solved): connect every port, end the network with | "
                      "close_loop, then call solve() on the result");
        static const CycleResults none{};
        return none;
    }

  private:
    std::tuple<Nodes...> nodes_;
    Backend backend_;
};

/// Starts a network of the refrigerant `Fluid` from its nodes.
template <class Fluid, class... Nodes>
[[nodiscard]] auto network(Backend backend, Nodes... nodes) {
    static_assert(typed::the_fluid_is_a_refrigerant_tag<Fluid>,
                  "network<Fluid>(...): Fluid is a fluid tag such as entropyk::fluids::R134a");
    if constexpr (!(typed::a_network_is_made_of_nodes<Nodes> && ...)) {
        static_assert((typed::a_network_is_made_of_nodes<Nodes> && ...),
                      "network<Fluid>(nodes...): each argument is a node<\"name\">(component)");
        return typed::Refused<Fluid>{};
    } else if constexpr (!typed::detail_net::unique_names<Nodes...>()) {
        static_assert(typed::node_names_are_unique<Nodes...>,
                      "network<Fluid>(nodes...): two nodes have the same name; give each node<\"name\"> its own");
        return typed::Refused<Fluid>{};
    } else {
        return Network<Fluid, std::tuple<Nodes...>>(std::tuple<Nodes...>(std::move(nodes)...), backend);
    }
}
template <class Fluid, class... Nodes>
[[nodiscard]] auto network(Nodes... nodes) {
    return network<Fluid>(Backend::eos, std::move(nodes)...);
}

namespace typed::detail_net {

template <class Fluid, class... Nodes, class... Links>
struct verdict_of<Network<Fluid, std::tuple<Nodes...>, Links...>> {
    template <class Node>
    using fluid_of = std::conditional_t<std::is_void_v<typename Node::fluid>, Fluid, typename Node::fluid>;
    static constexpr std::size_t K = sizeof...(Nodes);
    static constexpr std::size_t L = sizeof...(Links);
    static constexpr std::size_t LL = L == 0 ? 1 : L;
    static constexpr Verdict value = [] {
        Graph<K, LL> g{};
        g.part = {Nodes::part...};
        g.charge = {Nodes::charge_conditions...};
        g.n_in = {Nodes::n_in...};
        g.n_out = {Nodes::n_out...};
        using Fl = std::tuple<fluid_of<Nodes>...>;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            auto id = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
                int first = static_cast<int>(J);
                [&]<std::size_t... M>(std::index_sequence<M...>) {
                    ((std::is_same_v<std::tuple_element_t<M, Fl>, std::tuple_element_t<J, Fl>> &&
                              first == static_cast<int>(J)
                          ? (first = static_cast<int>(M), 0)
                          : 0),
                     ...);
                }
                (std::make_index_sequence<J + 1>{});
                return first;
            };
            ((g.fluid[I] = id(std::integral_constant<std::size_t, I>{})), ...);
        }
        (std::make_index_sequence<K>{});
        std::array<bool, LL> known{};
        if constexpr (L == 0) {
            // No link at all: every port is open (rule 1); the analysis sees one dummy link.
            known[0] = true;
            for (std::size_t k = 0; k < K; ++k)
                if (g.n_out[k] > 0) return Verdict{Broken::unconnected, static_cast<int>(k), 1, 0, 0};
            return Verdict{};
        } else {
            std::size_t l = 0;
            ((g.from[l] = index_of<Nodes...>(Links::from), g.from_port[l] = Links::from_port,
              g.to[l] = index_of<Nodes...>(Links::to), g.to_port[l] = Links::to_port,
              known[l] = g.from[l] >= 0 && g.to[l] >= 0, ++l),
             ...);
            for (std::size_t i = 0; i < L; ++i)
                if (!known[i]) {
                    g.from[i] = g.to[i] = 0;
                }
            return analyse<K, LL>(g, known);
        }
    }();
};

} // namespace typed::detail_net

namespace typed {

template <class T>
inline constexpr bool is_network = false;
template <class F, class N, class... L>
inline constexpr bool is_network<Network<F, N, L...>> = true;

template <class NodeT, int D, int P>
using port_of = std::tuple_element_t<static_cast<std::size_t>(P),
                                     std::conditional_t<D == 0, typename NodeT::ins, typename NodeT::outs>>;

/// Stops the compilation with the message of `Rule`. `Where` names the place: the port concerned
/// (PortRef<node name, port name, direction, index>) or the node (node_named<name>); g++ prints it
/// readably in the "In instantiation of" line just above the error.
template <class Where, Broken Rule, int Other>
constexpr bool refuse() {
    if constexpr (Rule == Broken::connected_twice) {
        static_assert(every_port_is_connected_exactly_once<Where, Other>,
                      "net rule 1 (every port is connected exactly once): this port is connected more than "
                      "once; a port takes one stream: split it with a Splitter or join streams with a Mixer");
    } else if constexpr (Rule == Broken::unconnected) {
        static_assert(every_port_is_connected_exactly_once<Where, 0>,
                      "net rule 1 (every port is connected exactly once): this port is not connected; connect "
                      "it with | connect(outlet, inlet) before | close_loop");
    } else if constexpr (Rule == Broken::two_refrigerants) {
        static_assert(one_refrigerant_per_loop_of_a_network<Where>,
                      "net rule 2 (one refrigerant per loop): a link joins nodes of two refrigerants; a second "
                      "refrigerant needs a loop of its own (its nodes linked only to each other)");
    } else if constexpr (Rule == Broken::compressor_phase) {
        static_assert(the_inlet_takes_the_phase_that_arrives<Where, static_cast<Phase>(Other)>,
                      "net rule 3 (a compressor takes vapour): two-phase or liquid refrigerant reaches this "
                      "compressor's suction (through the valves, splitters and mixers upstream); feed it from "
                      "an evaporator or a flash tank's vapour_out");
    } else if constexpr (Rule == Broken::condenser_phase) {
        static_assert(the_inlet_takes_the_phase_that_arrives<Where, static_cast<Phase>(Other)>,
                      "net rule 3 (a condenser takes vapour): liquid or two-phase refrigerant reaches this "
                      "condenser; feed it from a compressor's discharge");
    } else if constexpr (Rule == Broken::evaporator_phase) {
        static_assert(the_inlet_takes_the_phase_that_arrives<Where, static_cast<Phase>(Other)>,
                      "net rule 3 (an evaporator takes two-phase refrigerant): put an expansion valve before "
                      "this evaporator");
    } else if constexpr (Rule == Broken::flash_tank_phase) {
        static_assert(the_inlet_takes_the_phase_that_arrives<Where, static_cast<Phase>(Other)>,
                      "net rule 3 (a flash tank takes two-phase refrigerant at its intermediate level): put an "
                      "expansion valve before the flash tank's inlet");
    } else if constexpr (Rule == Broken::receiver_phase) {
        static_assert(the_inlet_takes_the_phase_that_arrives<Where, static_cast<Phase>(Other)>,
                      "net rule 3 (a receiver takes liquid): put it after a condenser or a flash tank's "
                      "liquid_out");
    } else if constexpr (Rule == Broken::mixer_phase) {
        static_assert(a_mixer_takes_two_streams_of_one_phase<Where>,
                      "net rule 3 (a mixer takes two streams of one phase): this mixer's inlets carry different "
                      "phases; mix vapour with vapour (or liquid with liquid)");
    } else if constexpr (Rule == Broken::cascade_one_loop) {
        static_assert(a_cascade_heat_exchanger_joins_two_loops<Where>,
                      "net rule 2 (a cascade heat exchanger joins two loops): its hot side and its cold side are "
                      "on one loop; connect hot_in/hot_out into the lower-temperature loop (after its compressor) "
                      "and cold_in/cold_out into the upper loop (after its expansion valve)");
    } else if constexpr (Rule == Broken::injection_phase) {
        static_assert(the_inlet_takes_the_phase_that_arrives<Where, static_cast<Phase>(Other)>,
                      "net rule 3 (a compressor's injection port takes vapour): two-phase or liquid refrigerant "
                      "reaches it; feed it from an economizer's cold_out or a flash tank's vapour_out");
    } else if constexpr (Rule == Broken::economizer_phase) {
        static_assert(the_inlet_takes_the_phase_that_arrives<Where, static_cast<Phase>(Other)>,
                      "net rule 3 (an economizer's cold side takes the expanded injection stream): put an "
                      "expansion valve before its cold_in");
    } else if constexpr (Rule == Broken::cascade_phase) {
        static_assert(the_inlet_takes_the_phase_that_arrives<Where, static_cast<Phase>(Other)>,
                      "net rule 3 (a cascade heat exchanger condenses vapour on its hot side and evaporates "
                      "two-phase refrigerant on its cold side): feed hot_in from a compressor's discharge and "
                      "cold_in from an expansion valve");
    } else if constexpr (Rule == Broken::regulator_place) {
        static_assert(an_evaporator_pressure_regulator_follows_an_evaporator<Where>,
                      "net rule 4 (an evaporator pressure regulator holds an evaporator's pressure): its inlet "
                      "takes an evaporator's outlet; put it in that evaporator's suction line, not after a "
                      "compressor or in a liquid line");
    } else if constexpr (Rule == Broken::injection_level) {
        static_assert(the_injection_port_takes_an_intermediate_level<Where>,
                      "net rule 4 (a compressor's injection port takes an intermediate pressure): this injection "
                      "stream is at the suction's (or the discharge's) level; feed it through an expansion valve "
                      "from the high side (an economizer or a flash tank between)");
    } else if constexpr (Rule == Broken::no_compressor) {
        static_assert(each_loop_has_a_compressor<Where>,
                      "net rule 5 (every loop has a compressor): the loop of this node has none");
    } else if constexpr (Rule == Broken::mixer_levels) {
        static_assert(a_mixer_takes_two_streams_at_one_pressure_level<Where>,
                      "net rule 4 (a mixer's inlets are at one pressure level): one inlet comes from a lower "
                      "level than the other; raise it with a compressor or lower the other with a valve first");
    } else if constexpr (Rule == Broken::levels_do_not_close) {
        static_assert(the_pressure_levels_close_around_every_loop<Where>,
                      "net rule 4 (a compressor raises the level, a valve lowers it): the pressure levels do not "
                      "close around a loop; every path from a compressor's discharge back to a suction needs an "
                      "expansion valve");
    } else if constexpr (Rule == Broken::no_charge) {
        static_assert(each_loop_charge_is_fixed_exactly_once<Where, 0>,
                      "net rule 5 (one condition fixes each loop's charge): no component of this loop fixes it; "
                      "set a condenser's outlet subcooling (a FixedSaturationCondenser) or add a receiver");
    } else {
        static_assert(each_loop_charge_is_fixed_exactly_once<Where, Other>,
                      "net rule 5 (one condition fixes each loop's charge): it is fixed more than once in this "
                      "loop; keep one condenser subcooling or one receiver");
    }
    return false;
}

/// The place a verdict names, as a type.
template <class N, Verdict V>
using where_of = std::conditional_t<
    V.rule == Broken::connected_twice || V.rule == Broken::unconnected || V.rule == Broken::two_refrigerants,
    port_of<N, V.dir, V.port>,
    std::conditional_t<V.rule == Broken::compressor_phase || V.rule == Broken::condenser_phase ||
                           V.rule == Broken::evaporator_phase || V.rule == Broken::flash_tank_phase ||
                           V.rule == Broken::receiver_phase || V.rule == Broken::injection_phase ||
                           V.rule == Broken::economizer_phase || V.rule == Broken::cascade_phase ||
                           V.rule == Broken::regulator_place || V.rule == Broken::injection_level,
                       port_of<N, 0, V.port>, typename N::name_tag>>;

/// Reports the first broken network rule (one static_assert, readable first line).
template <class Fluid, class... Nodes, class... Links>
constexpr bool report_network(const Network<Fluid, std::tuple<Nodes...>, Links...>*) {
    using Net = Network<Fluid, std::tuple<Nodes...>, Links...>;
    constexpr Verdict v = detail_net::verdict_of<Net>::value;
    if constexpr (v.rule == Broken::none) {
        return true;
    } else if constexpr (v.rule == Broken::unknown_node) {
        using L = std::tuple_element_t<static_cast<std::size_t>(v.node), std::tuple<Links...>>;
        static_assert(
            a_link_joins_nodes_of_this_network<L>,
            "net rule 1 (every link joins two nodes of this network): a connect() names a node (or a port) that is "
            "not part of this network; give the node to network<Fluid>(...)");
        return false;
    } else {
        using N = std::tuple_element_t<static_cast<std::size_t>(v.node), std::tuple<Nodes...>>;
        return refuse<where_of<N, v>, v.rule, v.other>();
    }
}

template <class Fluid, class... Nodes, class... Links>
[[nodiscard]] auto close(Network<Fluid, std::tuple<Nodes...>, Links...> net) {
    using Net = Network<Fluid, std::tuple<Nodes...>, Links...>;
    if constexpr (!report_network(static_cast<const Net*>(nullptr))) {
        return Refused<Fluid>{};
    } else {
        const Backend backend = net.backend();
        return TypedNetwork<Fluid, std::tuple<Nodes...>, Links...>(std::move(net).nodes(), backend);
    }
}

} // namespace typed

/// `network | connect(a.outlet, b.inlet)` and `network | close_loop`.
template <class Fluid, class NodeTuple, class... Links, class X>
[[nodiscard]] auto operator|(Network<Fluid, NodeTuple, Links...> net, const X&) {
    if constexpr (std::is_same_v<X, CloseLoop>) {
        return typed::close(std::move(net));
    } else if constexpr (std::is_same_v<X, typed::RefusedLink>) {
        return typed::Refused<Fluid>{};
    } else {
        static_assert(typed::is_link<X>,
                      "a network takes links: | connect(upstream.outlet_port, downstream.inlet_port), then | "
                      "close_loop");
        const Backend backend = net.backend();
        return Network<Fluid, NodeTuple, Links..., X>(std::move(net).nodes(), backend);
    }
}

} // namespace entropyk
