// Engine rule: every function of the shared engine (cycles/detail/loop.hpp) requires a complete
// detail::LoopView. This adapter lacks for_each_added, which residuals() itself never calls: the
// call must still be refused at the call, by the concept, not accepted (or refused deep inside).
// EXPECT: no matching function for call to .*residuals
#include <Eigen/Core>

#include "entropyk/cycles/detail/loop.hpp"

using namespace entropyk;

struct NoAddedOrderWalk {
    PropertyService* p;
    EdgeState edges[1];
    double numbers[1];
    ThermoError error;
    Eigen::VectorXd scratch;
    [[nodiscard]] const PropertyService& props() const { return *p; }
    std::span<EdgeState> state() { return edges; }
    std::span<double> controls() { return numbers; }
    std::span<double> block() { return numbers; }
    std::span<double> base_block() { return numbers; }
    ThermoError& property_error() { return error; }
    [[nodiscard]] Eigen::Index n_unknowns() const { return 3; }
    [[nodiscard]] Eigen::Index n_residuals() const { return 3; }
    [[nodiscard]] std::span<const int> vars(std::uint32_t) const { return {}; }
    [[nodiscard]] std::string_view name(std::uint32_t) const { return "x"; }
    Eigen::Ref<Eigen::VectorXd> scratch_residuals() { return scratch; }
    Eigen::Ref<Eigen::VectorXd> scratch_unknowns() { return scratch; }
    template <class F>
    bool for_each_flow(F&&) {
        return true;
    }
};

bool evaluate(NoAddedOrderWalk& loop, Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::VectorXd> r) {
    return detail::residuals(loop, x, r);
}
