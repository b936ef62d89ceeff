// The property service a component sees: the refrigerant of its loop, behind one small interface
// so that the EOS backend and the tabular backend are interchangeable per system.
#pragma once

#include <cstdint>

#include "entropyk/components/detail/flash_memo.hpp"
#include "entropyk/core/result.hpp"
#include "entropyk/fluids/backend.hpp"
#include "entropyk/fluids/fluid.hpp"
#include "entropyk/fluids/tabular/blend_backend.hpp"
#include "entropyk/fluids/tabular/tables.hpp"

namespace entropyk {

/// Which property backend a system uses (the C API's EntropykBackend values).
enum class Backend : std::int32_t {
    eos = 0,    ///< the Helmholtz equation of state: reference accuracy
    tables = 1, ///< in-memory tables built once per fluid from the EOS: speed (see docs/fluids.md)
};

/// Whether `backend` can serve `fluid`. Every fluid has both: the pure and pseudo-pure fluids
/// their fluids::Tables, a blend its fluids::BlendTableBackend (built on first use, 1-3 s); every
/// door that takes a backend from a user (C API, cycle files, CLI, Python) asks here, so a
/// combination refused in the future is refused everywhere with one message.
[[nodiscard]] inline Result<void> check_backend(const fluids::Fluid& fluid, Backend backend) noexcept {
    (void)fluid;
    (void)backend;
    return {};
}

/// Refrigerant properties in SI doubles (the strong types stay at the public API; inside a
/// residual evaluation plain SI values keep the arithmetic readable). One branch per call picks
/// the backend; both satisfy fluids::PropertyBackend with identical results types and errors.
/// Repeated calls with the same inputs are answered from small memos (detail::FlashMemo).
class PropertyService {
  public:
    PropertyService() = default;
    /// A blend with tables gets its shared BlendTableBackend (built once per blend, about 1 s):
    /// every call from the blend's tables where they cover the state, else from its EOS.
    explicit PropertyService(const fluids::Fluid& fluid, Backend backend = Backend::eos)
        : fluid_(&fluid),
          tables_(backend == Backend::tables && !fluid.is_blend() ? &fluids::tables_for(fluid) : nullptr),
          blend_tables_(backend == Backend::tables && fluid.is_blend() ? &fluids::blend_tables_for(fluid) : nullptr) {}

    [[nodiscard]] const fluids::Fluid& fluid() const noexcept { return *fluid_; }
    [[nodiscard]] Backend backend() const noexcept { return tables_ || blend_tables_ ? Backend::tables : Backend::eos; }

    [[nodiscard]] Result<fluids::State> ph(double p, double h) const {
        return memoized(ph_memo_, p, h, [&] { return ph_unmemoized(p, h); });
    }
    /// (p, h) without the memo: for a model that evaluates many states of one profile (a
    /// discretised exchanger) and would otherwise push the loop's connection states out of it.
    [[nodiscard]] Result<fluids::State> ph_unmemoized(double p, double h) const {
        return tables_         ? tables_->flash_ph(Pressure{p}, SpecificEnthalpy{h})
               : blend_tables_ ? blend_tables_->flash_ph(Pressure{p}, SpecificEnthalpy{h})
                               : fluid_->flash_ph(Pressure{p}, SpecificEnthalpy{h});
    }
    [[nodiscard]] Result<fluids::State> ps(double p, double s) const {
        return memoized(ps_memo_, p, s, [&] {
            return tables_         ? tables_->flash_ps(Pressure{p}, SpecificEntropy{s})
                   : blend_tables_ ? blend_tables_->flash_ps(Pressure{p}, SpecificEntropy{s})
                                   : fluid_->flash_ps(Pressure{p}, SpecificEntropy{s});
        });
    }
    [[nodiscard]] Result<fluids::State> tp(double T, double p) const {
        return memoized(tp_memo_, T, p, [&] {
            return tables_         ? tables_->flash_tp(Temperature{T}, Pressure{p})
                   : blend_tables_ ? blend_tables_->flash_tp(Temperature{T}, Pressure{p})
                                   : fluid_->flash_tp(Temperature{T}, Pressure{p});
        });
    }
    [[nodiscard]] Result<fluids::State> pq(double p, double q) const {
        return tables_         ? tables_->flash_pq(Pressure{p}, q)
               : blend_tables_ ? blend_tables_->flash_pq(Pressure{p}, q)
                               : fluid_->flash_pq(Pressure{p}, q);
    }
    [[nodiscard]] Result<fluids::SaturationState> sat_t(double T) const {
        return memoized(sat_t_memo_, T, 0.0, [&] {
            return tables_         ? tables_->saturation_t(Temperature{T})
                   : blend_tables_ ? blend_tables_->saturation_t(Temperature{T})
                                   : fluid_->saturation_t(Temperature{T});
        });
    }
    [[nodiscard]] Result<fluids::SaturationState> sat_p(double p) const {
        return memoized(sat_p_memo_, p, 0.0, [&] {
            return tables_         ? tables_->saturation_p(Pressure{p})
                   : blend_tables_ ? blend_tables_->saturation_p(Pressure{p})
                                   : fluid_->saturation_p(Pressure{p});
        });
    }

  private:
    template <class Value, std::size_t N, class Call>
    static Result<Value> memoized(detail::FlashMemo<Value, N>& memo, double a, double b, Call call) {
        if (const Value* v = memo.find(a, b)) return *v;
        Result<Value> r = call();
        if (r) memo.put(a, b, *r);
        return r;
    }

    const fluids::Fluid* fluid_ = nullptr;
    const fluids::Tables* tables_ = nullptr;
    const fluids::BlendTableBackend* blend_tables_ = nullptr;
    // The memos of the pure property calls (detail::FlashMemo): sized for one residual evaluation
    // of a loop (4-6 connection states, 2 pressure levels). They make a PropertyService, like the
    // System or typed cycle that owns it, an object for one thread at a time.
    mutable detail::FlashMemo<fluids::State, 8> ph_memo_;
    mutable detail::FlashMemo<fluids::State, 4> ps_memo_;
    mutable detail::FlashMemo<fluids::State, 4> tp_memo_;
    mutable detail::FlashMemo<fluids::SaturationState, 2> sat_t_memo_;
    mutable detail::FlashMemo<fluids::SaturationState, 4> sat_p_memo_;
};

static_assert(fluids::PropertyBackend<fluids::Tables>);

} // namespace entropyk
