// The public face of the fluid engine: one immutable Fluid object per fluid, lookup by name with
// aliases, and compile-time tags (R134a, R744, ...) for the typed C++ front door. The fluids are
// those of the generated registry (fluids/data/registry.hpp, ENTROPYK_FLUIDS): adding a fluid to
// the generator adds its object, its place in all_fluids(), its tag and its name in messages.
//
// A Fluid has two forms. The pure form (every object of the registry, R410A's pseudo-pure
// equation included) wraps a constexpr helmholtz::FluidData; its members are constexpr where the
// data allow it. The blend form wraps a refrigerant blend of fixed composition on the
// multi-fluid mixture model (mixture/blend.hpp, detail/blend_fluid.hpp): R454B, R452B, R407C,
// R404A, R448A, R449A, R513A, "R410A.mix", or a composition by mass "R32[0.689]&R1234yf[0.311]".
// Blend objects are made by find_fluid on first use and kept in a process-wide append-only
// registry (stable addresses, never freed), so a `const Fluid*` is valid for the whole program
// in both forms. Every member dispatches on the form; the pure path is the one it always was.
// All member functions are thread-safe (constexpr tables; a blend's data are immutable and its
// flashes use a per-thread scratch space).
#pragma once

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "entropyk/core/result.hpp"
#include "entropyk/core/units.hpp"
#include "entropyk/fluids/data/registry.hpp"
#include "entropyk/fluids/detail/blend_fluid.hpp"
#include "entropyk/fluids/detail/names.hpp"
#include "entropyk/fluids/flash.hpp"
#include "entropyk/fluids/state.hpp"

namespace entropyk::fluids {

class Fluid {
  public:
    constexpr explicit Fluid(const helmholtz::FluidData& data) noexcept : d_(&data) {}
    /// The blend form (made by find_fluid; the BlendFluid must outlive the Fluid).
    explicit Fluid(const detail::BlendFluid& blend) noexcept : d_(blend.blend->model.fluid[0]), b_(&blend) {}
    Fluid(const Fluid&) = delete;
    Fluid& operator=(const Fluid&) = delete;

    /// Canonical name: "R134a", "R32", "R290", "R744", "R1234yf", "R717", "R410A", "Water",
    /// "R1234ze(E)", "R600a", ... (data::known_fluids_text).
    /// Canonical name: "R134a", "R32", "R290", "R744", "R1234yf", "R717", "R410A", "Water",
    /// "R1234ze(E)", "R600a", ... (data::known_fluids_text); for a blend "R454B", "R410A.mix" or
    /// the canonical composition ("R32[0.689]&R1234yf[0.311]").
    [[nodiscard]] constexpr std::string_view name() const noexcept {
        return b_ != nullptr ? std::string_view{b_->name} : d_->name;
    }
    /// Other names of a pure fluid (none for a blend).
    [[nodiscard]] constexpr std::span<const std::string_view> aliases() const noexcept {
        return b_ != nullptr ? std::span<const std::string_view>{} : d_->aliases;
    }
    /// Critical point. Blend: the top of its traced phase envelope (the mixture critical point,
    /// where the bubble and dew curves meet; rho_critical the mean of the two bulk densities
    /// there); bubble and dew points exist below it (detail/blend_fluid.hpp, docs/fluids.md).
    [[nodiscard]] constexpr Temperature T_critical() const noexcept {
        return Temperature{b_ != nullptr ? b_->T_critical : d_->T_critical};
    }
    [[nodiscard]] constexpr Pressure p_critical() const noexcept {
        return Pressure{b_ != nullptr ? b_->p_critical : d_->p_critical};
    }
    [[nodiscard]] constexpr Density rho_critical() const noexcept {
        return Density{b_ != nullptr ? b_->rho_critical : d_->rho_critical};
    }
    /// Triple point (a blend has none: T_min() and p_min()).
    [[nodiscard]] constexpr Temperature T_triple() const noexcept {
        return Temperature{b_ != nullptr ? b_->T_min : d_->T_triple};
    }
    [[nodiscard]] constexpr Pressure p_triple() const noexcept {
        return Pressure{b_ != nullptr ? detail::p_min_accepted : d_->p_triple};
    }
    /// Validity range of the equation of state as published (T_max: the cycle engine warns for
    /// states above it). Blend: the highest of the components' T_min, the highest of their T_max,
    /// the lowest of their p_max.
    [[nodiscard]] constexpr Temperature T_min() const noexcept {
        return Temperature{b_ != nullptr ? b_->T_min : d_->T_min};
    }
    [[nodiscard]] constexpr Temperature T_max() const noexcept {
        return Temperature{b_ != nullptr ? b_->T_max : d_->T_max};
    }
    [[nodiscard]] constexpr Pressure p_max() const noexcept { return Pressure{b_ != nullptr ? b_->p_max : d_->p_max}; }
    /// Highest temperature of the single-phase (gas/supercritical) states the flashes accept:
    /// max(T_max, min(1.5 T_max, 600 K)); above T_max the EOS is extrapolated (docs/fluids.md).
    /// Blend: T_max() (no further extrapolation).
    [[nodiscard]] constexpr Temperature T_max_extrapolated() const noexcept {
        return Temperature{b_ != nullptr ? b_->T_max : detail::T_max_extrapolated(*d_)};
    }
    /// Lowest pressure accepted by every call (1e-6 Pa, all fluids and blends; docs/fluids.md).
    [[nodiscard]] constexpr Pressure p_min() const noexcept { return Pressure{detail::p_min_accepted}; }
    /// Lowest density accepted by state_trho: the ideal gas at p_min() and T_max_extrapolated().
    [[nodiscard]] constexpr Density rho_min() const noexcept {
        return Density{b_ != nullptr ? detail::p_min_accepted / (b_->R * b_->T_max) : detail::rho_min_accepted(*d_)};
    }
    /// kg/mol (blend: sum z_i M_i)
    [[nodiscard]] constexpr double molar_mass() const noexcept { return b_ != nullptr ? b_->M : d_->molar_mass; }
    /// Specific gas constant R/M, J/(kg K).
    [[nodiscard]] constexpr double gas_constant() const noexcept { return b_ != nullptr ? b_->R : d_->R; }
    [[nodiscard]] constexpr bool pseudo_pure() const noexcept { return b_ == nullptr && d_->pseudo_pure; }
    /// True for the blend form (a mixture of fixed composition with a temperature glide).
    [[nodiscard]] constexpr bool is_blend() const noexcept { return b_ != nullptr; }
    /// The mixture behind the blend form, else null.
    [[nodiscard]] const mixture::Blend* blend() const noexcept { return b_ != nullptr ? b_->blend.get() : nullptr; }
    /// The equation of state of the pure form. For a blend: that of its first component, which
    /// describes the blend in no way (code that needs the data of a single equation, such as the
    /// property tables today, must refuse blends: is_blend()).
    [[nodiscard]] constexpr const helmholtz::FluidData& data() const noexcept { return *d_; }

    [[nodiscard]] Result<State> state_trho(Temperature T, Density rho) const noexcept {
        if (b_ != nullptr) return detail::blend::state_trho(*b_, T.si(), rho.si());
        return detail::state_trho(*d_, T.si(), rho.si());
    }
    [[nodiscard]] Result<State> flash_tp(Temperature T, Pressure p) const noexcept {
        if (b_ != nullptr) return detail::blend::flash_tp(*b_, T.si(), p.si());
        return detail::flash_tp(*d_, T.si(), p.si());
    }
    [[nodiscard]] Result<State> flash_ph(Pressure p, SpecificEnthalpy h) const noexcept {
        if (b_ != nullptr) return detail::blend::flash_py(*b_, p.si(), h.si(), false);
        return detail::flash_py(*d_, p.si(), h.si(), detail::Given::enthalpy, true);
    }
    [[nodiscard]] Result<State> flash_ps(Pressure p, SpecificEntropy s) const noexcept {
        if (b_ != nullptr) return detail::blend::flash_py(*b_, p.si(), s.si(), true);
        return detail::flash_py(*d_, p.si(), s.si(), detail::Given::entropy);
    }
    /// (p, q), q the mass vapour fraction; for a blend T lies between the bubble (q = 0) and dew
    /// (q = 1) temperatures.
    [[nodiscard]] Result<State> flash_pq(Pressure p, double quality) const noexcept {
        if (b_ != nullptr) return detail::blend::flash_pq(*b_, p.si(), quality);
        return detail::flash_pq(*d_, p.si(), quality);
    }
    [[nodiscard]] Result<State> flash_tq(Temperature T, double quality) const noexcept {
        if (b_ != nullptr) return detail::blend::flash_tq(*b_, T.si(), quality);
        return detail::flash_tq(*d_, T.si(), quality);
    }
    /// (h, s): pure fluids only (a blend refuses it).
    [[nodiscard]] Result<State> flash_hs(SpecificEnthalpy h, SpecificEntropy s) const noexcept {
        if (b_ != nullptr)
            return ThermoError::format(Errc::fluid_error, "%.*s: the (h, s) flash is not available for blends",
                                       static_cast<int>(b_->name.size()), b_->name.data());
        return detail::flash_hs(*d_, h.si(), s.si());
    }

    /// Both saturated phases at T, T_min <= T < T_c (for R410A: bubble and dew pressure; for a
    /// blend: the bubble point and the dew point at T, each phase of the blend's composition).
    [[nodiscard]] Result<SaturationState> saturation_t(Temperature T) const noexcept {
        if (b_ != nullptr) return detail::blend::saturation_t(*b_, T.si());
        ThermoError err;
        if (detail::bad_temperature(*d_, T.si(), err)) return err;
        if (!(T.si() < detail::saturation_T_max(*d_))) return detail::no_saturation_T(*d_, T.si());
        detail::SaturationPair sat;
        if (!detail::saturation_at_T(*d_, T.si(), sat))
            return detail::internal_failure(*d_, "saturation at T", T.si(), 0.0);
        return to_saturation_state(sat);
    }
    /// Both saturated phases at p, p_triple <= p < p_c (for R410A and the blends: bubble and dew
    /// temperature; glide = T_dew - T_bubble).
    [[nodiscard]] Result<SaturationState> saturation_p(Pressure p) const noexcept {
        if (b_ != nullptr) return detail::blend::saturation_p(*b_, p.si());
        ThermoError err;
        if (detail::bad_pressure(*d_, p.si(), err)) return err;
        if (!detail::in_saturation_p_range(*d_, p.si())) return detail::no_saturation_p(*d_, p.si());
        detail::SaturationPair sat;
        if (!detail::saturation_at_p(*d_, p.si(), sat))
            return detail::internal_failure(*d_, "saturation at p", p.si(), 0.0);
        return to_saturation_state(sat);
    }
    /// Saturation (bubble-point) pressure only: the fast path (a Chebyshev evaluation for the
    /// pure fluids, no EOS call).
    [[nodiscard]] Result<Pressure> p_sat(Temperature T) const noexcept {
        if (b_ != nullptr) {
            const Result<SaturationState> s = detail::blend::saturation_t(*b_, T.si());
            if (!s) return s.error();
            return s->p_bubble;
        }
        ThermoError err;
        if (detail::bad_temperature(*d_, T.si(), err)) return err;
        if (!(T.si() < detail::saturation_T_max(*d_))) return detail::no_saturation_T(*d_, T.si());
        if (d_->superancillary.present) return Pressure{superancillary::pressure(d_->superancillary, T.si())};
        return Pressure{ancillary::evaluate(d_->anc_p_liquid, T.si())};
    }
    /// Saturation (bubble-point) temperature only.
    [[nodiscard]] Result<Temperature> T_sat(Pressure p) const noexcept {
        if (b_ != nullptr) {
            const Result<SaturationState> s = detail::blend::saturation_p(*b_, p.si());
            if (!s) return s.error();
            return s->T_bubble;
        }
        ThermoError err;
        if (detail::bad_pressure(*d_, p.si(), err)) return err;
        if (!detail::in_saturation_p_range(*d_, p.si())) return detail::no_saturation_p(*d_, p.si());
        if (d_->superancillary.present) return Temperature{superancillary::temperature(d_->superancillary, p.si())};
        return Temperature{ancillary::invert_pressure(d_->anc_p_liquid, p.si(), d_->T_min, d_->T_critical)};
    }

  private:
    static SaturationState to_saturation_state(const detail::SaturationPair& s) noexcept {
        SaturationState out;
        out.T_bubble = Temperature{s.T_liquid};
        out.T_dew = Temperature{s.T_vapor};
        out.p_bubble = Pressure{s.p_liquid};
        out.p_dew = Pressure{s.p_vapor};
        out.rho_liquid = Density{s.L.rho};
        out.rho_vapor = Density{s.V.rho};
        out.h_liquid = SpecificEnthalpy{s.L.h};
        out.h_vapor = SpecificEnthalpy{s.V.h};
        out.s_liquid = SpecificEntropy{s.L.s};
        out.s_vapor = SpecificEntropy{s.V.s};
        return out;
    }
    const helmholtz::FluidData* d_;
    const detail::BlendFluid* b_ = nullptr;
};

namespace detail {
// Each fluid's terms must fit the fixed scratch buffers of the evaluation (helmholtz/terms.hpp).
#define ENTROPYK_FLUID_OBJECT(Tag, object, str)                                                                        \
    static_assert(data::object.power.size() <= helmholtz::max_power_terms &&                                           \
                  data::object.gaussian.size() <= helmholtz::max_exp_terms &&                                          \
                  data::object.gao_b.size() <= helmholtz::max_exp_terms &&                                             \
                  data::object.power_max_d <= helmholtz::max_delta_exponent &&                                         \
                  data::object.power_max_l <= helmholtz::max_l_exponent);                                              \
    inline constexpr Fluid object##_fluid{data::object};
ENTROPYK_FLUIDS(ENTROPYK_FLUID_OBJECT)
#undef ENTROPYK_FLUID_OBJECT
#define ENTROPYK_FLUID_POINTER(Tag, object, str) &object##_fluid,
inline constexpr std::array<const Fluid*, data::fluid_count> fluid_list{ENTROPYK_FLUIDS(ENTROPYK_FLUID_POINTER)};
#undef ENTROPYK_FLUID_POINTER

} // namespace detail

/// All fluids of the registry, in a fixed order (the first eight: R134a, R32, R290, R744, R1234yf,
/// R717, R410A, Water; new fluids are appended): the pure and pseudo-pure fluids only. Blends
/// are not listed here (their number is open: any composition); blend_names() lists the
/// predefined ones, and find_fluid makes any of them.
[[nodiscard]] inline std::span<const Fluid* const> all_fluids() noexcept { return detail::fluid_list; }

/// The predefined blends by the name find_fluid gives them (R410A as a mixture is "R410A.mix":
/// plain "R410A" is the pseudo-pure equation of state).
inline constexpr std::array<std::string_view, 8> predefined_blend_names{"R454B", "R452B", "R407C", "R404A",
                                                                        "R448A", "R449A", "R513A", "R410A.mix"};
static_assert(std::size(data::predefined_blends) == predefined_blend_names.size());

namespace detail {

/// Most user compositions (texts not naming a predefined blend) one process may load: each one
/// traces its phase envelope (~0.1 s) and stays in memory (~100 kB) for the life of the program.
inline constexpr std::size_t max_user_blends = 64;

/// One loaded blend: its data and the Fluid that wraps them (never moved: held by pointer).
struct BlendEntry {
    explicit BlendEntry(BlendFluid d) : data(std::move(d)), fluid(data) {}
    BlendFluid data;
    Fluid fluid;
};

/// The process-wide append-only registry of loaded blends. Looked up and grown under one mutex;
/// a blend is loaded at most once (concurrent callers of the same name wait for the first and get
/// the same object); entries are never freed, so their addresses are stable.
struct BlendRegistry {
    std::mutex mutex;
    std::vector<std::unique_ptr<BlendEntry>> entries;
    std::size_t user_count = 0;
};
[[nodiscard]] inline BlendRegistry& blend_registry() noexcept {
    static BlendRegistry* registry = new BlendRegistry; // intentionally never destroyed (stable pointers at exit)
    return *registry;
}

/// The canonical text of a composition "A[w]&B[w]...": each component by its canonical name,
/// each fraction as the shortest text that reads back to the same double ("%.17g" trimmed), in
/// the order given. Empty if the text is not of that form (load_blend then says why).
[[nodiscard]] inline std::string canonical_composition(std::string_view spec) {
    std::string out;
    std::string_view rest = spec;
    while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        const std::string_view item = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        const std::size_t lb = item.find('[');
        if (lb == std::string_view::npos || lb == 0 || item.back() != ']') return {};
        const helmholtz::FluidData* d = find_pure_data(item.substr(0, lb));
        double w = 0.0;
        if (d == nullptr || !mixture::detail::parse_fraction(item.substr(lb + 1, item.size() - lb - 2), w)) return {};
        char buf[40];
        for (int digits = 1; digits <= 17; ++digits) { // shortest round-trip text of w
            std::snprintf(buf, sizeof buf, "%.*g", digits, w);
            if (std::strtod(buf, nullptr) == w) break;
        }
        if (!out.empty()) out += '&';
        out.append(d->name).append("[").append(buf).append("]");
        if (amp != std::string_view::npos && rest.empty()) return {};
    }
    return out;
}

/// The loaded blend named `key` (predefined name or canonical composition), loading it if new.
[[nodiscard]] inline Result<const Fluid*> blend_fluid(const std::string& key, std::string_view spec,
                                                      bool predefined) noexcept {
    try {
        BlendRegistry& r = blend_registry();
        const std::lock_guard<std::mutex> lock(r.mutex);
        for (const auto& e : r.entries)
            if (e->data.name == key) return &e->fluid;
        if (!predefined && r.user_count >= max_user_blends)
            return ThermoError::format(Errc::fluid_error,
                                       "blend \"%.*s\" refused: this process already loaded %zu blend compositions, "
                                       "the most it keeps (each stays loaded; use fewer distinct compositions)",
                                       static_cast<int>(spec.size() > 80 ? 80 : spec.size()), spec.data(),
                                       max_user_blends);
        Result<std::shared_ptr<const mixture::Blend>> b = mixture::load_blend(predefined ? spec : key);
        if (!b) return b.error();
        if ((*b)->envelope.count < 2)
            return ThermoError::format(Errc::fluid_error, "blend \"%.*s\": its phase envelope could not be traced",
                                       static_cast<int>(key.size() > 80 ? 80 : key.size()), key.data());
        r.entries.push_back(std::make_unique<BlendEntry>(make_blend_fluid(key, std::move(*b))));
        if (!predefined) ++r.user_count;
        return &r.entries.back()->fluid;
    } catch (const std::bad_alloc&) {
        return ThermoError::format(Errc::fluid_error, "blend \"%.*s\": out of memory",
                                   static_cast<int>(spec.size() > 80 ? 80 : spec.size()), spec.data());
    }
}

} // namespace detail

/// Case-insensitive lookup by canonical name or alias ("CO2", "Ammonia", "Propane", "R718", ...),
/// then the blends: a predefined blend name (predefined_blend_names; the suffix ".mix" is
/// accepted on any of them) or a composition by mass fraction "R32[0.689]&R1234yf[0.311]"
/// (components of all_fluids() except the pseudo-pure R410A, fractions summing to 1). A blend is
/// loaded on its first lookup (its phase envelope traced, ~0.1 s) and the same object is returned
/// for the same blend afterwards: compositions are compared in canonical form (canonical names,
/// the fractions' values), so "r32[0.6890]&R1234YF[0.311]" finds the object of
/// "R32[0.689]&R1234yf[0.311]"; at most detail::max_user_blends distinct compositions.
[[nodiscard]] inline Result<const Fluid*> find_fluid(std::string_view name) noexcept {
    for (const Fluid* f : detail::fluid_list) {
        if (detail::iequals(f->name(), name)) return f;
        for (std::string_view a : f->aliases())
            if (detail::iequals(a, name)) return f;
    }
    std::string_view key = name;
    if (key.size() > 4 && detail::iequals(key.substr(key.size() - 4), ".mix")) key.remove_suffix(4);
    for (std::size_t i = 0; i < predefined_blend_names.size(); ++i)
        if (detail::iequals(data::predefined_blends[i].name, key)) {
            try {
                return detail::blend_fluid(std::string{predefined_blend_names[i]}, name, true);
            } catch (const std::bad_alloc&) {
                return ThermoError{Errc::fluid_error, "out of memory"};
            }
        }
    if (name.find('[') != std::string_view::npos) {
        try {
            const std::string canonical = detail::canonical_composition(name);
            if (canonical.empty()) { // malformed or unknown component: load_blend says which
                Result<std::shared_ptr<const mixture::Blend>> b = mixture::load_blend(name);
                if (!b) return b.error();
                return ThermoError::format(Errc::fluid_error, "invalid blend \"%.*s\"",
                                           static_cast<int>(name.size() > 80 ? 80 : name.size()), name.data());
            }
            return detail::blend_fluid(canonical, name, false);
        } catch (const std::bad_alloc&) {
            return ThermoError{Errc::fluid_error, "out of memory"};
        }
    }
    // The quoted name is cut at 24 characters so that the lists fit the message (ThermoError holds
    // 319 characters).
    return ThermoError::format(Errc::fluid_error,
                               "unknown fluid \"%.*s\"; known fluids: %.*s; blends: R454B, R452B, R407C, R404A, R448A, "
                               "R449A, R513A, R410A.mix, A[w]&B[w]",
                               static_cast<int>(name.size() > 24 ? 24 : name.size()), name.data(),
                               static_cast<int>(data::known_fluids_text.size()), data::known_fluids_text.data());
}

// ---- compile-time tags -----------------------------------------------------------------------------
#define ENTROPYK_FLUID_TAG(Tag, object, str)                                                                           \
    struct Tag {                                                                                                       \
        static const Fluid& get() noexcept { return detail::object##_fluid; }                                          \
        static constexpr std::string_view name = str;                                                                  \
    };
ENTROPYK_FLUIDS(ENTROPYK_FLUID_TAG)
#undef ENTROPYK_FLUID_TAG

} // namespace entropyk::fluids
