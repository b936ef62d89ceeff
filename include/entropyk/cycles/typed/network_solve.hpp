// IWYU pragma: private, include <entropyk/cycles/typed.hpp>
// A closed typed network: the graph checked at compile time (cycles/typed/network.hpp), solved by
// the runtime System built from it — the nodes added in the order given to network<Fluid>(...),
// under their names, and the links connected port to port in the order they were piped in — so
// the typed network and the same network built at run time solve the same system on the same
// engine and give the same numbers. Building the System allocates (here, once); a solve does not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "entropyk/cycles/solve.hpp"
#include "entropyk/cycles/system.hpp"
#include "entropyk/cycles/typed/network.hpp"

namespace entropyk {

template <class Fluid, class... Nodes, class... Links>
class TypedNetwork<Fluid, std::tuple<Nodes...>, Links...> {
    static_assert(((std::is_void_v<typename Nodes::fluid> || std::is_same_v<typename Nodes::fluid, Fluid>)&&...),
                  "TypedNetwork: the System solves one refrigerant; a network whose loops carry different "
                  "refrigerants passes the compile-time rules but cannot be solved yet");

  public:
    using fluid = Fluid;
    static constexpr std::size_t component_count = sizeof...(Nodes);
    static constexpr std::size_t connection_count = sizeof...(Links);

    /// Builds and finalizes the System; the outcome is status().
    TypedNetwork(std::tuple<Nodes...> nodes, Backend backend) : system_(Fluid::get(), backend) {
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
    /// checked at compile time.
    template <typed::fixed_name Name>
    [[nodiscard]] static constexpr std::uint32_t index() {
        constexpr int i = typed::detail_net::index_of<Nodes...>(Name.view());
        static_assert(i >= 0, "TypedNetwork::index<\"name\">(): no node of this network has that name");
        return static_cast<std::uint32_t>(i);
    }

    /// The connection leaving `port` (PortRef of an outlet, e.g. flash.vapour_out) in the results.
    template <class Port>
    [[nodiscard]] const ConnectionResult& leaving(Port) const {
        static_assert(Port::dir == typed::Dir::out, "leaving(port): give an outlet port");
        constexpr int i = typed::detail_net::index_of<Nodes...>(Port::node);
        static_assert(i >= 0, "leaving(port): the port's node is not in this network");
        for (const auto& c : results().connections)
            if (c.from == static_cast<std::uint32_t>(i) && c.from_port == static_cast<std::uint32_t>(Port::index))
                return c;
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
                        auto r =
                            system_.add(std::string(std::remove_cvref_t<decltype(one)>::name), std::move(one.model));
                        if (!r) bad = r.error();
                    }(n),
                    ...);
            },
            nodes);
        if (!bad) return bad;
        (
            [&] {
                if (!bad) return;
                auto r = system_.connect(
                    static_cast<std::uint32_t>(typed::detail_net::index_of<Nodes...>(Links::from)), Links::from_port,
                    static_cast<std::uint32_t>(typed::detail_net::index_of<Nodes...>(Links::to)), Links::to_port);
                if (!r) bad = r.error();
            }(),
            ...);
        if (!bad) return bad;
        return system_.finalize();
    }

    System system_;
    Result<void> status_;
    CycleResults refused_{};
};

} // namespace entropyk
