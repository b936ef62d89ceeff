// IWYU pragma: private, include <entropyk/cycles/typed.hpp>
// A closed typed network: the graph checked at compile time (cycles/typed/network.hpp), solved by
// the runtime System built from it — the nodes added in the order given to network<Fluid>(...),
// under their names, and the links connected port to port in the order they were piped in — so
// the typed network and the same network built at run time solve the same system on the same
// engine and give the same numbers. Building the System allocates (here, once); a solve does not.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "entropyk/cycles/solve.hpp"
#include "entropyk/cycles/system.hpp"
#include "entropyk/cycles/typed/network.hpp"

namespace entropyk {

namespace typed::detail_net {

/// Where a typed network's nodes land in the runtime System: a node is one component, a cascade
/// heat exchanger two (its condensing side, then its evaporating side, as System::add_cascade
/// adds them), so the System's indices shift after each cascade exchanger.
template <class... Nodes>
struct runtime_layout {
    static constexpr std::size_t K = sizeof...(Nodes);
    static constexpr std::array<bool, K> cascade{(Nodes::part == Part::cascade)...};
    static constexpr std::array<std::uint32_t, K> first = [] {
        std::array<std::uint32_t, K> f{};
        std::uint32_t at = 0;
        for (std::size_t k = 0; k < K; ++k) f[k] = at, at += cascade[k] ? 2U : 1U;
        return f;
    }();
    static constexpr std::uint32_t count = K == 0 ? 0U : first[K - 1] + (cascade[K - 1] ? 2U : 1U);
    /// The System component and port of port `port` of node `k` (a cascade exchanger's port 0 is
    /// its condensing side's, port 1 its evaporating side's).
    static constexpr std::pair<std::uint32_t, int> at(int k, int port) {
        const auto i = static_cast<std::size_t>(k);
        return cascade[i] ? std::pair<std::uint32_t, int>{first[i] + static_cast<std::uint32_t>(port), 0}
                          : std::pair<std::uint32_t, int>{first[i], port};
    }
};

/// For each node that names a refrigerant of its own: whether it is the first such node of its
/// loop (System::set_refrigerant is called once per loop, not once per node: each call builds
/// a property service). Loops as the runtime System finds them: components joined by links, a
/// cascade exchanger's two sides apart.
template <class Fluid, class NodeTuple, class... Links>
struct loop_refrigerants;
template <class Fluid, class... Nodes, class... Links>
struct loop_refrigerants<Fluid, std::tuple<Nodes...>, Links...> {
    using layout = runtime_layout<Nodes...>;
    static constexpr std::size_t K = sizeof...(Nodes);
    static constexpr std::array<bool, K> names_one{(!std::is_void_v<typename Nodes::fluid> &&
                                                    !std::is_same_v<typename Nodes::fluid, Fluid> &&
                                                    Nodes::part != Part::cascade)...};
    static constexpr std::array<bool, K> first_of_loop = [] {
        constexpr std::size_t N = layout::count == 0 ? 1 : layout::count;
        Sets<N> sets;
        (sets.join(static_cast<int>(layout::at(index_of<Nodes...>(Links::from), Links::from_port).first),
                   static_cast<int>(layout::at(index_of<Nodes...>(Links::to), Links::to_port).first)),
         ...);
        std::array<bool, K> out{};
        for (std::size_t k = 0; k < K; ++k) {
            if (!names_one[k]) continue;
            const int mine = sets.find(static_cast<int>(layout::first[k]));
            bool earlier = false;
            for (std::size_t j = 0; j < k; ++j)
                if (names_one[j] && sets.find(static_cast<int>(layout::first[j])) == mine) earlier = true;
            out[k] = !earlier;
        }
        return out;
    }();
};

} // namespace typed::detail_net

template <class Fluid, class... Nodes, class... Links>
class TypedNetwork<Fluid, std::tuple<Nodes...>, Links...> {
    using layout = typed::detail_net::runtime_layout<Nodes...>;

  public:
    using fluid = Fluid;
    /// The System's components (a cascade heat exchanger is two: its condensing and evaporating sides).
    static constexpr std::size_t component_count = layout::count;
    static constexpr std::size_t connection_count = sizeof...(Links);

    /// Builds and finalizes the System; the outcome is status().
    TypedNetwork(std::tuple<Nodes...> nodes, Backend backend) : system_(Fluid::get(), backend), backend_(backend) {
        status_ = build(std::move(nodes));
    }

    /// Whether the network could be built (component parameters, equation count); a solve of a
    /// network that could not returns status invalid_input with this message.
    [[nodiscard]] const Result<void>& status() const noexcept { return status_; }

    /// Solves the network (warm start from the last converged solution). No allocation here.
    const CycleResults& solve(SolverMethod method = SolverMethod::fallback, const SolveSettings& settings = {},
                              StartMode start_mode = StartMode::warm) {
        if (!status_) {
            refused_.status = SolveStatus::invalid_input;
            std::snprintf(refused_.report, sizeof refused_.report, "%s", status_.error().c_str());
            return refused_;
        }
        return system_.solve(method, settings, start_mode);
    }

    [[nodiscard]] const CycleResults& results() const noexcept { return status_ ? system_.results() : refused_; }

    /// The index of node `Name` in the results (CycleResults::components, connections' from/to),
    /// checked at compile time. A cascade heat exchanger's is its condensing side's; its
    /// evaporating side is the next one.
    template <typed::fixed_name Name>
    [[nodiscard]] static constexpr std::uint32_t index() {
        constexpr int i = typed::detail_net::index_of<Nodes...>(Name.view());
        static_assert(i >= 0, "TypedNetwork::index<\"name\">(): no node of this network has that name");
        return layout::first[static_cast<std::size_t>(i)];
    }

    /// The connection leaving `port` (PortRef of an outlet, e.g. flash.vapour_out) in the results.
    template <class Port>
    [[nodiscard]] const ConnectionResult& leaving(Port) const {
        static_assert(Port::dir == typed::Dir::out, "leaving(port): give an outlet port");
        constexpr int i = typed::detail_net::index_of<Nodes...>(Port::node);
        static_assert(i >= 0, "leaving(port): the port's node is not in this network");
        constexpr auto at = layout::at(i, Port::index);
        for (const auto& c : results().connections)
            if (c.from == at.first && c.from_port == static_cast<std::uint32_t>(at.second)) return c;
        return results().connections.front(); // not reached for a finalized network
    }

    /// The runtime System the network built (read-only: its topology is the typed one).
    [[nodiscard]] const System& system() const noexcept { return system_; }

  private:
    Result<void> build(std::tuple<Nodes...> nodes) {
        Result<void> bad;
        std::apply(
            [&](auto&... n) {
                (
                    [&](auto& one) {
                        if (!bad) return;
                        using N = std::remove_cvref_t<decltype(one)>;
                        const std::string name(N::name);
                        if constexpr (N::part == typed::Part::cascade) {
                            // Its two sides under the names a cycle file gives them.
                            auto r = system_.add_cascade(name + " (condensing)", name + " (evaporating)", one.model);
                            if (!r) bad = r.error();
                        } else {
                            auto r = system_.add(name, std::move(one.model));
                            if (!r) bad = r.error();
                        }
                    }(n),
                    ...);
            },
            nodes);
        if (!bad) return bad;
        (
            [&] {
                if (!bad) return;
                constexpr auto from = layout::at(typed::detail_net::index_of<Nodes...>(Links::from), Links::from_port);
                constexpr auto to = layout::at(typed::detail_net::index_of<Nodes...>(Links::to), Links::to_port);
                auto r = system_.connect(from.first, from.second, to.first, to.second);
                if (!r) bad = r.error();
            }(),
            ...);
        if (!bad) return bad;
        // The loops of another refrigerant than the network's: once per loop, at its first node.
        using refrigerants = typed::detail_net::loop_refrigerants<Fluid, std::tuple<Nodes...>, Links...>;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (
                [&] {
                    if (!bad || !refrigerants::first_of_loop[I]) return;
                    using N = std::tuple_element_t<I, std::tuple<Nodes...>>;
                    if constexpr (!std::is_void_v<typename N::fluid>) {
                        auto r = system_.set_refrigerant(system_.component_name(layout::first[I]), N::fluid::get(),
                                                         backend_);
                        if (!r) bad = r.error();
                    }
                }(),
                ...);
        }
        (std::index_sequence_for<Nodes...>{});
        if (!bad) return bad;
        return system_.finalize();
    }

    System system_;
    Backend backend_;
    Result<void> status_;
    CycleResults refused_{};
};

} // namespace entropyk
