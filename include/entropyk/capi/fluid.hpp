// capi helpers of the fluid module (codegen/api/fluid.api.yaml): the EntropykFluid handle and one
// helper per C function. Each helper receives already-checked handles (see invoke.hpp) and
// returns Result<void>; argument problems raise ApiError.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <entropyk.h>

#include "entropyk/capi/buffers.hpp"
#include "entropyk/capi/errors.hpp"
#include "entropyk/capi/handle.hpp"
#include "entropyk/capi/invoke.hpp"
#include "entropyk/components/properties.hpp"
#include "entropyk/core/result.hpp"
#include "entropyk/core/units.hpp"
#include "entropyk/fluids/fluid.hpp"
#include "entropyk/fluids/state.hpp"
#include "entropyk/fluids/tabular/blend_backend.hpp"
#include "entropyk/fluids/tabular/tables.hpp"

/// The object behind an EntropykFluid* (the C header only declares the name).
struct EntropykFluid {
    static constexpr entropyk::capi::HandleKind kind = entropyk::capi::HandleKind::fluid;
    static constexpr const char* c_name = "EntropykFluid";

    entropyk::capi::HandleHeader header;
    mutable entropyk::capi::ErrorSlot last_error; ///< written by failing calls, also through const handles
    const entropyk::fluids::Fluid* fluid;         ///< immutable, static storage
    const entropyk::fluids::Tables* tables;       ///< shared tables (ENTROPYK_BACKEND_TABLES), else NULL
    /// A blend's shared tables (ENTROPYK_BACKEND_TABLES with a blend), else NULL.
    const entropyk::fluids::BlendTableBackend* blend_tables;
};

namespace entropyk::capi {

static_assert(Handle<EntropykFluid> && handle_layout_ok<EntropykFluid>());

// EntropykPhase values are entropyk::fluids::Phase values.
static_assert(ENTROPYK_PHASE_LIQUID == static_cast<int>(fluids::Phase::liquid));
static_assert(ENTROPYK_PHASE_VAPOR == static_cast<int>(fluids::Phase::vapor));
static_assert(ENTROPYK_PHASE_TWO_PHASE == static_cast<int>(fluids::Phase::two_phase));
static_assert(ENTROPYK_PHASE_SUPERCRITICAL == static_cast<int>(fluids::Phase::supercritical));
static_assert(ENTROPYK_PHASE_SUPERCRITICAL_LIQUID == static_cast<int>(fluids::Phase::supercritical_liquid));
static_assert(ENTROPYK_PHASE_SUPERCRITICAL_GAS == static_cast<int>(fluids::Phase::supercritical_gas));
static_assert(ENTROPYK_UNDEFINED_IN_TWO_PHASE == fluids::undefined_in_two_phase);
static_assert(sizeof(EntropykFluidState) == 88 && offsetof(EntropykFluidState, T) == 8);
// EntropykBlendInfo's fraction arrays hold every component of the largest blend.
static_assert(sizeof(EntropykBlendInfo::mass_fraction) / sizeof(double) == fluids::mixture::max_components);
static_assert(ENTROPYK_BACKEND_EOS == static_cast<int>(Backend::eos));
static_assert(ENTROPYK_BACKEND_TABLES == static_cast<int>(Backend::tables));

/// A backend value given by a C caller.
inline void require_supported_backend(EntropykBackend backend) {
    if (backend == ENTROPYK_BACKEND_EOS || backend == ENTROPYK_BACKEND_TABLES) return;
    raise(Errc::invalid_argument, "unknown backend %d (use ENTROPYK_BACKEND_EOS or ENTROPYK_BACKEND_TABLES)",
          static_cast<int>(backend));
}

/// A fluid name given by a C caller: non-NULL, looked up case-insensitively with aliases.
inline Result<const fluids::Fluid*> lookup_fluid(const char* name, const char* param) {
    require_not_null(name, param);
    return fluids::find_fluid(std::string_view{name});
}

/// entropyk_fluid_create
inline Result<void> fluid_create(const char* name, EntropykBackend backend, EntropykFluid** out) {
    require_not_null(out, "out");
    *out = nullptr;
    const Result<const fluids::Fluid*> fluid = lookup_fluid(name, "name");
    if (!fluid) return fluid.error();
    require_supported_backend(backend);
    if (Result<void> ok = check_backend(**fluid, static_cast<Backend>(backend)); !ok) return ok.error();
    // The tables are built once per fluid (thread-safe; a blend's take 1-3 s) and shared
    // read-only by every handle.
    const bool tab = backend == ENTROPYK_BACKEND_TABLES;
    const fluids::Tables* tables = tab && !(*fluid)->is_blend() ? &fluids::tables_for(**fluid) : nullptr;
    const fluids::BlendTableBackend* blend_tables =
        tab && (*fluid)->is_blend() ? &fluids::blend_tables_for(**fluid) : nullptr;
    *out = make_handle<EntropykFluid>(*fluid, tables, blend_tables);
    return {};
}

/// The C view of a fluids::State.
[[nodiscard]] inline EntropykFluidState to_c_state(const fluids::State& s) noexcept {
    EntropykFluidState c{};
    c.struct_size = sizeof(EntropykFluidState);
    c.phase = static_cast<std::int32_t>(s.phase);
    c.T = s.T.si();
    c.p = s.p.si();
    c.rho = s.rho.si();
    c.h = s.h.si();
    c.s = s.s.si();
    c.u = s.u.si();
    c.cp = s.cp.si();
    c.cv = s.cv.si();
    c.w = s.w.si();
    c.quality = s.quality;
    return c;
}

/// Writes a state into the caller's versioned struct: one plain store when the caller's struct is
/// at least ours (the usual case; its struct_size is kept), else the prefix it knows about.
inline void store_state(EntropykFluidState c, EntropykFluidState* out) noexcept {
    const std::uint32_t struct_size = out->struct_size;
    if (struct_size >= sizeof(EntropykFluidState)) {
        c.struct_size = struct_size;
        *out = c;
    } else {
        copy_out_struct(c, out);
    }
}

/// One flash by input pair (v1, v2 in the order the pair's letters give, SI units). The tables
/// (a pure fluid's or a blend's) serve (p,T), (p,h), (p,s) and (p,q); (T,q) and (T,rho) always
/// use the equation of state.
inline Result<fluids::State> flash(const fluids::Fluid& f, const fluids::Tables* tables,
                                   const fluids::BlendTableBackend* blend_tables, EntropykInputPair pair, double v1,
                                   double v2) {
    auto on = [&](const auto& t, Result<fluids::State>& r) {
        switch (pair) {
        case ENTROPYK_INPUT_PT: r = t.flash_tp(Temperature{v2}, Pressure{v1}); return true;
        case ENTROPYK_INPUT_PH: r = t.flash_ph(Pressure{v1}, SpecificEnthalpy{v2}); return true;
        case ENTROPYK_INPUT_PS: r = t.flash_ps(Pressure{v1}, SpecificEntropy{v2}); return true;
        case ENTROPYK_INPUT_PQ: r = t.flash_pq(Pressure{v1}, v2); return true;
        default: return false;
        }
    };
    Result<fluids::State> r = fluids::State{};
    if (tables != nullptr && on(*tables, r)) return r;
    if (blend_tables != nullptr && on(*blend_tables, r)) return r;
    switch (pair) {
    case ENTROPYK_INPUT_PT: return f.flash_tp(Temperature{v2}, Pressure{v1});
    case ENTROPYK_INPUT_PH: return f.flash_ph(Pressure{v1}, SpecificEnthalpy{v2});
    case ENTROPYK_INPUT_PS: return f.flash_ps(Pressure{v1}, SpecificEntropy{v2});
    case ENTROPYK_INPUT_PQ: return f.flash_pq(Pressure{v1}, v2);
    case ENTROPYK_INPUT_TQ: return f.flash_tq(Temperature{v1}, v2);
    case ENTROPYK_INPUT_TD: return f.state_trho(Temperature{v1}, Density{v2});
    default: break;
    }
    raise(Errc::invalid_argument, "unknown input pair %d (use one of ENTROPYK_INPUT_PT, _PH, _PS, _PQ, _TQ, _TD)",
          static_cast<int>(pair));
}

/// The names of v1 and v2 for messages.
[[nodiscard]] inline const char* input_name(EntropykInputPair pair, int which) noexcept {
    static constexpr const char* names[6][2] = {
        {"v1 (p [Pa])", "v2 (T [K])"},   {"v1 (p [Pa])", "v2 (h [J/kg])"}, {"v1 (p [Pa])", "v2 (s [J/(kg K)])"},
        {"v1 (p [Pa])", "v2 (quality)"}, {"v1 (T [K])", "v2 (quality)"},   {"v1 (T [K])", "v2 (rho [kg/m3])"}};
    if (pair < 0 || pair > 5) return which == 0 ? "v1" : "v2";
    return names[pair][which];
}

/// entropyk_fluid_state
inline Result<void> fluid_state(const EntropykFluid& self, EntropykInputPair pair, double v1, double v2,
                                EntropykFluidState* out) {
    require_struct_size(out, "out");
    require_finite(v1, input_name(pair, 0));
    require_finite(v2, input_name(pair, 1));
    const Result<fluids::State> state = flash(*self.fluid, self.tables, self.blend_tables, pair, v1, v2);
    if (!state) return state.error();
    store_state(to_c_state(*state), out);
    return {};
}

/// The element stride of a caller's array of versioned structs: out[0].struct_size, which must be
/// set (the array call's other elements need not be initialised; each written element receives
/// the same struct_size). A caller compiled against an older, smaller struct gets its prefix.
template <class S>
[[nodiscard]] std::size_t array_stride(const S* out, std::size_t count, const char* name) {
    require_struct_size(out, name);
    const std::size_t stride = out->struct_size;
    if (count > SIZE_MAX / stride)
        raise(Errc::invalid_argument, "count = %zu elements of %zu bytes overflow the address space", count, stride);
    return stride;
}

template <class S>
[[nodiscard]] S* array_element(S* out, std::size_t stride, std::size_t i) noexcept {
    return reinterpret_cast<S*>(reinterpret_cast<unsigned char*>(out) + i * stride);
}

/// A non-finite element input: the scalar call's message (require_finite), without an exception.
[[nodiscard]] inline bool finite_element(double v, const char* name, ThermoError& e) noexcept {
    if (std::isfinite(v)) return true;
    if (std::isnan(v))
        e = ThermoError::format(Errc::invalid_argument, "'%s' is NaN", name);
    else
        e = ThermoError::format(Errc::invalid_argument, "'%s' is %sinfinity", name, v > 0 ? "+" : "-");
    return false;
}

/// The element loop of entropyk_fluid_states for one flash function (the pair and backend are
/// resolved once, outside the loop). Returns the number of failed elements; `first` receives the
/// first failure's message.
template <class Flash>
std::size_t states_loop(Flash&& flash_one, EntropykInputPair pair, std::size_t count, const double* v1,
                        const double* v2, EntropykFluidState* out, std::size_t stride, EntropykErrorCode* codes,
                        ThermoError& first) {
    const std::uint32_t struct_size = out->struct_size;
    const char* name1 = input_name(pair, 0);
    const char* name2 = input_name(pair, 1);
    std::size_t failed = 0;
    ThermoError e{};
    for (std::size_t i = 0; i < count; ++i) {
        const double a = v1[i], b = v2[i];
        if (finite_element(a, name1, e) && finite_element(b, name2, e)) {
            const Result<fluids::State> state = flash_one(a, b);
            if (state) {
                EntropykFluidState* o = array_element(out, stride, i);
                o->struct_size = struct_size;
                store_state(to_c_state(*state), o);
                codes[i] = ENTROPYK_OK;
                continue;
            }
            e = state.error();
        }
        codes[i] = to_c(e.code());
        if (failed++ == 0)
            first = ThermoError::format(e.code(), "element %zu (v1 = %.17g, v2 = %.17g): %s", i, a, b, e.c_str());
    }
    return failed;
}

/// entropyk_fluid_states: n flashes in one call. Element i is exactly what entropyk_fluid_state
/// gives for (v1[i], v2[i]) (the same flash functions, chosen as in flash()): out[i] on success,
/// out[i] unchanged and the error code in codes[i] on failure. The call fails as a whole (and
/// writes nothing) only for a bad handle, pointer, count or pair; otherwise it returns the first
/// failing element's code and that element's message, or ENTROPYK_OK. The FP guard, the argument
/// checks and the choice of flash function are paid once per call.
inline Result<void> fluid_states(const EntropykFluid& self, EntropykInputPair pair, std::size_t count, const double* v1,
                                 const double* v2, EntropykFluidState* out, EntropykErrorCode* codes,
                                 std::size_t* out_failed) {
    require_not_null(v1, "v1");
    require_not_null(v2, "v2");
    require_not_null(codes, "codes");
    require_not_null(out_failed, "out_failed");
    if (count == 0) raise(Errc::invalid_argument, "count = 0: expected at least one element");
    const std::size_t stride = array_stride(out, count, "out");
    if (pair < ENTROPYK_INPUT_PT || pair > ENTROPYK_INPUT_TD)
        raise(Errc::invalid_argument, "unknown input pair %d (use one of ENTROPYK_INPUT_PT, _PH, _PS, _PQ, _TQ, _TD)",
              static_cast<int>(pair));
    ThermoError first{};
    auto loop = [&](auto&& flash_one) {
        return states_loop(flash_one, pair, count, v1, v2, out, stride, codes, first);
    };
    const fluids::Fluid& f = *self.fluid;
    // The same dispatch as flash(), once per call: the pairs the tables serve on the handle's
    // tables (a pure fluid's or a blend's), the others on the EOS.
    auto on_tables = [&](const auto* t) -> std::size_t {
        switch (pair) {
        case ENTROPYK_INPUT_PT:
            return loop([t](double a, double b) { return t->flash_tp(Temperature{b}, Pressure{a}); });
        case ENTROPYK_INPUT_PH:
            return loop([t](double a, double b) { return t->flash_ph(Pressure{a}, SpecificEnthalpy{b}); });
        case ENTROPYK_INPUT_PS:
            return loop([t](double a, double b) { return t->flash_ps(Pressure{a}, SpecificEntropy{b}); });
        default: return loop([t](double a, double b) { return t->flash_pq(Pressure{a}, b); });
        }
    };
    const bool table_pair = pair == ENTROPYK_INPUT_PT || pair == ENTROPYK_INPUT_PH || pair == ENTROPYK_INPUT_PS ||
                            pair == ENTROPYK_INPUT_PQ;
    std::size_t failed = 0;
    if (table_pair && self.tables != nullptr) {
        failed = on_tables(self.tables);
    } else if (table_pair && self.blend_tables != nullptr) {
        failed = on_tables(self.blend_tables);
    } else {
        switch (pair) {
        case ENTROPYK_INPUT_PT:
            failed = loop([&f](double a, double b) { return f.flash_tp(Temperature{b}, Pressure{a}); });
            break;
        case ENTROPYK_INPUT_PH:
            failed = loop([&f](double a, double b) { return f.flash_ph(Pressure{a}, SpecificEnthalpy{b}); });
            break;
        case ENTROPYK_INPUT_PS:
            failed = loop([&f](double a, double b) { return f.flash_ps(Pressure{a}, SpecificEntropy{b}); });
            break;
        case ENTROPYK_INPUT_PQ: failed = loop([&f](double a, double b) { return f.flash_pq(Pressure{a}, b); }); break;
        case ENTROPYK_INPUT_TQ:
            failed = loop([&f](double a, double b) { return f.flash_tq(Temperature{a}, b); });
            break;
        default: failed = loop([&f](double a, double b) { return f.state_trho(Temperature{a}, Density{b}); }); break;
        }
    }
    *out_failed = failed;
    if (failed > 0) return first;
    return {};
}

/// entropyk_fluid_info
inline Result<void> fluid_info(const EntropykFluid& self, EntropykFluidInfo* out) {
    require_struct_size(out, "out");
    const fluids::Fluid& f = *self.fluid;
    EntropykFluidInfo c{};
    c.struct_size = sizeof(EntropykFluidInfo);
    c.pseudo_pure = f.pseudo_pure() ? 1 : 0;
    c.T_critical = f.T_critical().si();
    c.p_critical = f.p_critical().si();
    c.rho_critical = f.rho_critical().si();
    c.T_triple = f.T_triple().si();
    c.p_triple = f.p_triple().si();
    c.T_min = f.T_min().si();
    c.T_max = f.T_max().si();
    c.p_max = f.p_max().si();
    c.molar_mass = f.molar_mass();
    copy_out_struct(c, out);
    return {};
}

/// entropyk_fluid_components
inline Result<void> fluid_components(const EntropykFluid& self, char* buffer, std::size_t capacity,
                                     std::size_t* out_len) {
    const fluids::Fluid& f = *self.fluid;
    const fluids::mixture::Blend* b = f.blend();
    if (b == nullptr) return copy_out_string(f.name(), buffer, capacity, out_len);
    char text[16 * fluids::mixture::max_components] = {}; // canonical names are at most 10 characters
    std::size_t size = 0;
    for (std::size_t i = 0; i < b->model.n; ++i) {
        const std::string_view n = b->model.fluid[i]->name;
        if (size + n.size() + 1 >= sizeof text) break; // cannot happen with the registry's names
        if (i > 0) text[size++] = ',';
        for (char c : n) text[size++] = c;
    }
    return copy_out_string(std::string_view{text, size}, buffer, capacity, out_len);
}

/// entropyk_fluid_blend_info
inline Result<void> fluid_blend_info(const EntropykFluid& self, double p, EntropykBlendInfo* out) {
    require_struct_size(out, "out");
    require_finite(p, "p");
    const fluids::Fluid& f = *self.fluid;
    const Result<fluids::SaturationState> sat = f.saturation_p(Pressure{p});
    if (!sat) return sat.error();
    EntropykBlendInfo c{};
    c.struct_size = sizeof(EntropykBlendInfo);
    if (const fluids::mixture::Blend* b = f.blend()) {
        c.component_count = static_cast<std::uint32_t>(b->model.n);
        for (std::size_t i = 0; i < b->model.n; ++i) {
            c.mass_fraction[i] = b->w[i];
            c.mole_fraction[i] = b->z[i];
        }
    } else {
        c.component_count = 1;
        c.mass_fraction[0] = c.mole_fraction[0] = 1.0;
    }
    c.p = p;
    c.T_bubble = sat->T_bubble.si();
    c.T_dew = sat->T_dew.si();
    c.glide = c.T_dew - c.T_bubble;
    copy_out_struct(c, out);
    return {};
}

/// "R134a,R32,..." (the canonical names in the engine's fixed order), built once.
[[nodiscard]] inline std::string_view fluid_name_list() noexcept {
    struct List {
        char text[256] = {};
        std::size_t size = 0;
        List() noexcept {
            for (const fluids::Fluid* f : fluids::all_fluids()) {
                const std::string_view n = f->name();
                if (size + n.size() + 1 >= sizeof text) break; // cannot happen with the built-in names
                if (size > 0) text[size++] = ',';
                for (char c : n) text[size++] = c;
            }
        }
    };
    static const List list; // immutable after its thread-safe first initialisation
    return {list.text, list.size};
}

/// entropyk_fluid_names
inline Result<void> fluid_names(char* buffer, std::size_t capacity, std::size_t* out_len) {
    return copy_out_string(fluid_name_list(), buffer, capacity, out_len);
}

/// entropyk_fluid_name
inline Result<void> fluid_name(const EntropykFluid& self, char* buffer, std::size_t capacity, std::size_t* out_len) {
    return copy_out_string(self.fluid->name(), buffer, capacity, out_len);
}

/// entropyk_fluid_last_error (called with Record::no: reading the detail never overwrites it)
inline Result<void> fluid_last_error(const EntropykFluid& self, char* buffer, std::size_t capacity,
                                     std::size_t* out_len) {
    const ThermoError e = self.last_error.load();
    return copy_out_string(e.message(), buffer, capacity, out_len);
}

} // namespace entropyk::capi
