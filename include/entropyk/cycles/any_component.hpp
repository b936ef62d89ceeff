// Type erasure for the runtime System: any ComponentModel (one inlet, one outlet) or
// MultiPortModel (several named ports) behind one small virtual interface. The engine calls the
// port form (spans of port states) for every component; a one-port model receives in[0] and
// out[0] exactly as before. Allocation happens once, when a component is added; the solve only
// makes virtual calls.
#pragma once

#include <memory>
#include <utility>

#include "entropyk/components/component.hpp"

namespace entropyk {

class AnyComponent {
  public:
    template <NetworkComponent C>
    explicit AnyComponent(C c) : self_(std::make_unique<Model<C>>(std::move(c))) {}
    /// A deep copy (the model with its current inputs; a sensor binding is redone by the copy's
    /// System::finalize). Used to give each thread of a sweep its own system.
    AnyComponent(const AnyComponent& other) : self_(other.self_->clone()) {}
    AnyComponent(AnyComponent&&) noexcept = default;
    AnyComponent& operator=(AnyComponent&&) noexcept = default;
    AnyComponent& operator=(const AnyComponent& other) {
        if (this != &other) self_ = other.self_->clone();
        return *this;
    }
    ~AnyComponent() = default;

    [[nodiscard]] Role role() const { return self_->role(); }
    [[nodiscard]] int n_equations() const { return self_->n_equations(); }
    [[nodiscard]] int n_controls() const { return self_->n_controls(); }
    [[nodiscard]] EquationInfo equation(int k) const { return self_->equation(k); }
    [[nodiscard]] Result<void> validate() const { return self_->validate(); }

    /// Ports: 1 and 1 for a ComponentModel (named "inlet" and "outlet").
    [[nodiscard]] int n_inlets() const { return self_->n_inlets(); }
    [[nodiscard]] int n_outlets() const { return self_->n_outlets(); }
    [[nodiscard]] const char* inlet_name(int k) const { return self_->inlet_name(k); }
    [[nodiscard]] const char* outlet_name(int k) const { return self_->outlet_name(k); }
    /// True when inlet k and outlet k are one stream with its own pressure (an internal heat
    /// exchanger); false when all ports share one pressure (flash tank, mixer, splitter).
    [[nodiscard]] bool paired_streams() const { return self_->paired_streams(); }
    /// The port forms the engine calls (in[k], out[k]: the states at inlet / outlet port k).
    [[nodiscard]] bool residuals(const PropertyService& p, std::span<const EdgeState* const> in,
                                 std::span<const EdgeState* const> out, std::span<const double> u, std::span<double> r,
                                 ThermoError& e) const {
        return self_->port_residuals(p, in, out, u, r, e);
    }
    [[nodiscard]] bool sweep(const PropertyService& p, std::span<EdgeState* const> in, std::span<EdgeState* const> out,
                             std::span<double> u) const {
        return self_->port_sweep(p, in, out, u);
    }
    void report(const PropertyService& p, std::span<const EdgeState* const> in, std::span<const EdgeState* const> out,
                std::span<const double> u, ComponentReport& rep) const {
        self_->port_report(p, in, out, u, rep);
    }
    [[nodiscard]] bool residuals(const PropertyService& p, const EdgeState& in, const EdgeState& out,
                                 std::span<const double> u, std::span<double> r, ThermoError& e) const {
        return self_->residuals(p, in, out, u, r, e);
    }
    [[nodiscard]] bool sweep(const PropertyService& p, EdgeState& in, EdgeState& out, std::span<double> u) const {
        return self_->sweep(p, in, out, u);
    }
    void hints(const PropertyService& p, GuessHints& g) const { self_->hints(p, g); }
    void report(const PropertyService& p, const EdgeState& in, const EdgeState& out, std::span<const double> u,
                ComponentReport& rep) const {
        self_->report(p, in, out, u, rep);
    }
    /// Atomic: the model's set_input runs on a copy, which replaces the model only if it accepted
    /// the value (a refused call changes nothing; see detail::set_input_atomically).
    [[nodiscard]] Result<void> set_input(Input which, double v) { return self_->set_input(which, v); }
    /// Warnings about a solved state that do not fail the solve (map envelope, ...).
    void warnings(const PropertyService& p, const EdgeState& in, const EdgeState& out, std::span<const double> u,
                  std::int32_t self, const char* who, Warnings& w) const {
        self_->warnings(p, in, out, u, self, who, w);
    }
    /// Initial values of the component's control unknowns (scaled), written into `u`.
    void initial_controls(std::span<double> u) const { self_->initial_controls(u); }
    void clamp_controls(std::span<double> u) const { self_->clamp_controls(u); }

    /// Whether the model reads the evaporator outlet (superheat-controlled valves), and binding to it.
    [[nodiscard]] bool senses_evaporator_outlet() const { return self_->senses_evaporator_outlet(); }
    void bind_sensor(const EdgeState* e) { self_->bind_sensor(e); }
    /// Whether the model works above the critical pressure (gas cooler, high-pressure valve).
    [[nodiscard]] bool allows_supercritical_pressure() const { return self_->allows_supercritical_pressure(); }
    /// Whether the model is one side of an exchanger between two loops (cascade heat exchanger).
    [[nodiscard]] bool internal_exchange() const { return self_->internal_exchange(); }
    /// Whether the model reads the states of a partner component in another loop (the condensing
    /// side of a cascade heat exchanger reads its evaporating side), and binding to them.
    [[nodiscard]] bool reads_partner() const { return self_->reads_partner(); }
    void bind_partner(const EdgeState* in, const EdgeState* out, const PropertyService* props) {
        self_->bind_partner(in, out, props);
    }
    /// Whether the model asks the System for the COP-optimal high-side pressure.
    [[nodiscard]] bool cop_optimal_control() const { return self_->cop_optimal_control(); }
    /// Whether the model's pressure level is an unknown of the network (a floating flash tank).
    [[nodiscard]] bool floating_pressure() const { return self_->floating_pressure(); }
    /// Whether the model reads the loop's high and low pressure levels (a geometric-mean flash
    /// tank), and binding to the connections that carry them.
    [[nodiscard]] bool senses_levels() const { return self_->senses_levels(); }
    void bind_levels(const EdgeState* high, const EdgeState* low) { self_->bind_levels(high, low); }
    /// True when one of the model's controls sits at a bound.
    [[nodiscard]] bool control_saturated(std::span<const double> u) const { return self_->control_saturated(u); }

    /// Access to the concrete model (nullptr if it is not a C).
    template <class C>
    [[nodiscard]] const C* as() const {
        auto* m = dynamic_cast<const Model<C>*>(self_.get());
        return m ? &m->c : nullptr;
    }

  private:
    struct Concept {
        virtual ~Concept() = default;
        virtual std::unique_ptr<Concept> clone() const = 0;
        virtual Role role() const = 0;
        virtual int n_equations() const = 0;
        virtual int n_controls() const = 0;
        virtual EquationInfo equation(int) const = 0;
        virtual Result<void> validate() const = 0;
        virtual int n_inlets() const = 0;
        virtual int n_outlets() const = 0;
        virtual const char* inlet_name(int) const = 0;
        virtual const char* outlet_name(int) const = 0;
        virtual bool paired_streams() const = 0;
        virtual bool port_residuals(const PropertyService&, std::span<const EdgeState* const>,
                                    std::span<const EdgeState* const>, std::span<const double>, std::span<double>,
                                    ThermoError&) const = 0;
        virtual bool port_sweep(const PropertyService&, std::span<EdgeState* const>, std::span<EdgeState* const>,
                                std::span<double>) const = 0;
        virtual void port_report(const PropertyService&, std::span<const EdgeState* const>,
                                 std::span<const EdgeState* const>, std::span<const double>,
                                 ComponentReport&) const = 0;
        virtual bool residuals(const PropertyService&, const EdgeState&, const EdgeState&, std::span<const double>,
                               std::span<double>, ThermoError&) const = 0;
        virtual bool sweep(const PropertyService&, EdgeState&, EdgeState&, std::span<double>) const = 0;
        virtual void hints(const PropertyService&, GuessHints&) const = 0;
        virtual void report(const PropertyService&, const EdgeState&, const EdgeState&, std::span<const double>,
                            ComponentReport&) const = 0;
        virtual Result<void> set_input(Input, double) = 0;
        virtual void warnings(const PropertyService&, const EdgeState&, const EdgeState&, std::span<const double>,
                              std::int32_t, const char*, Warnings&) const = 0;
        virtual void initial_controls(std::span<double>) const = 0;
        virtual void clamp_controls(std::span<double>) const = 0;
        virtual bool senses_evaporator_outlet() const = 0;
        virtual void bind_sensor(const EdgeState*) = 0;
        virtual bool control_saturated(std::span<const double>) const = 0;
        virtual bool allows_supercritical_pressure() const = 0;
        virtual bool internal_exchange() const = 0;
        virtual bool reads_partner() const = 0;
        virtual void bind_partner(const EdgeState*, const EdgeState*, const PropertyService*) = 0;
        virtual bool cop_optimal_control() const = 0;
        virtual bool floating_pressure() const = 0;
        virtual bool senses_levels() const = 0;
        virtual void bind_levels(const EdgeState*, const EdgeState*) = 0;
    };
    template <class C>
    struct Model final : Concept {
        explicit Model(C x) : c(std::move(x)) {}
        std::unique_ptr<Concept> clone() const override { return std::make_unique<Model>(c); }
        Role role() const override { return c.role(); }
        int n_equations() const override { return c.n_equations(); }
        int n_controls() const override { return c.n_controls(); }
        EquationInfo equation(int k) const override { return c.equation(k); }
        Result<void> validate() const override { return c.validate(); }
        static constexpr bool multi = MultiPortModel<C>;
        int n_inlets() const override {
            if constexpr (multi) return c.n_inlets();
            return 1;
        }
        int n_outlets() const override {
            if constexpr (multi) return c.n_outlets();
            return 1;
        }
        const char* inlet_name(int k) const override {
            if constexpr (multi) return c.inlet_name(k);
            return "inlet";
        }
        const char* outlet_name(int k) const override {
            if constexpr (multi) return c.outlet_name(k);
            return "outlet";
        }
        bool paired_streams() const override {
            if constexpr (requires { c.paired_streams(); }) return c.paired_streams();
            return false;
        }
        bool port_residuals(const PropertyService& p, std::span<const EdgeState* const> in,
                            std::span<const EdgeState* const> out, std::span<const double> u, std::span<double> r,
                            ThermoError& e) const override {
            if constexpr (multi)
                return c.residuals(p, in, out, u, r, e);
            else
                return c.residuals(p, *in[0], *out[0], u, r, e);
        }
        bool port_sweep(const PropertyService& p, std::span<EdgeState* const> in, std::span<EdgeState* const> out,
                        std::span<double> u) const override {
            if constexpr (multi)
                return c.sweep(p, in, out, u);
            else
                return c.sweep(p, *in[0], *out[0], u);
        }
        void port_report(const PropertyService& p, std::span<const EdgeState* const> in,
                         std::span<const EdgeState* const> out, std::span<const double> u,
                         ComponentReport& rep) const override {
            if constexpr (multi)
                c.report(p, in, out, u, rep);
            else
                c.report(p, *in[0], *out[0], u, rep);
        }
        // The one-inlet forms (the pre-solve, warnings) apply to one-port models only; the
        // engine never calls them on a multi-port one.
        bool residuals(const PropertyService& p, const EdgeState& in, const EdgeState& out, std::span<const double> u,
                       std::span<double> r, ThermoError& e) const override {
            if constexpr (multi) {
                (void)p, (void)in, (void)out, (void)u, (void)r, (void)e;
                return false;
            } else {
                return c.residuals(p, in, out, u, r, e);
            }
        }
        bool sweep(const PropertyService& p, EdgeState& in, EdgeState& out, std::span<double> u) const override {
            if constexpr (multi) {
                (void)p, (void)in, (void)out, (void)u;
                return false;
            } else {
                return c.sweep(p, in, out, u);
            }
        }
        void hints(const PropertyService& p, GuessHints& g) const override { c.hints(p, g); }
        void report(const PropertyService& p, const EdgeState& in, const EdgeState& out, std::span<const double> u,
                    ComponentReport& rep) const override {
            if constexpr (!multi)
                c.report(p, in, out, u, rep);
            else
                (void)p, (void)in, (void)out, (void)u, (void)rep;
        }
        Result<void> set_input(Input w, double v) override { return detail::set_input_atomically(c, w, v); }
        void warnings(const PropertyService& p, const EdgeState& in, const EdgeState& out, std::span<const double> u,
                      std::int32_t self, const char* who, Warnings& w) const override {
            detail::component_warnings(c, p, in, out, u, self, who, w);
        }
        void initial_controls(std::span<double> u) const override {
            if constexpr (requires { c.initial_controls(u); }) {
                c.initial_controls(u);
            } else {
                for (double& x : u) x = 0.0;
            }
        }
        void clamp_controls(std::span<double> u) const override {
            if constexpr (requires { c.clamp_controls(u); }) c.clamp_controls(u);
        }
        bool senses_evaporator_outlet() const override {
            if constexpr (requires { c.senses_evaporator_outlet(); }) return c.senses_evaporator_outlet();
            return false;
        }
        void bind_sensor(const EdgeState* e) override {
            if constexpr (requires { c.bind_sensor(e); }) c.bind_sensor(e);
        }
        bool control_saturated(std::span<const double> u) const override {
            if constexpr (requires { c.control_saturated(u); }) return c.control_saturated(u);
            return false;
        }
        bool allows_supercritical_pressure() const override {
            if constexpr (requires { c.allows_supercritical_pressure(); }) return c.allows_supercritical_pressure();
            return false;
        }
        bool internal_exchange() const override {
            if constexpr (requires { c.internal_exchange(); }) return c.internal_exchange();
            return false;
        }
        bool reads_partner() const override {
            if constexpr (requires { c.bind_partner(nullptr, nullptr, nullptr); }) return true;
            return false;
        }
        void bind_partner(const EdgeState* in, const EdgeState* out, const PropertyService* props) override {
            if constexpr (requires { c.bind_partner(in, out, props); })
                c.bind_partner(in, out, props);
            else
                (void)in, (void)out, (void)props;
        }
        bool cop_optimal_control() const override {
            if constexpr (requires { c.cop_optimal_control(); }) return c.cop_optimal_control();
            return false;
        }
        bool floating_pressure() const override {
            if constexpr (requires { c.floating_pressure(); }) return c.floating_pressure();
            return false;
        }
        bool senses_levels() const override {
            if constexpr (requires { c.senses_levels(); }) return c.senses_levels();
            return false;
        }
        void bind_levels(const EdgeState* high, const EdgeState* low) override {
            if constexpr (requires { c.bind_levels(high, low); })
                c.bind_levels(high, low);
            else
                (void)high, (void)low;
        }
        C c;
    };
    std::unique_ptr<Concept> self_;
};

} // namespace entropyk
