// The property service a component sees: the refrigerant of its loop, behind one small interface
// so that the EOS backend and the tabular backend are interchangeable per system.
#pragma once

#include <cstdint>

#include "entropyk/core/result.hpp"
#include "entropyk/fluids/backend.hpp"
#include "entropyk/fluids/fluid.hpp"
#include "entropyk/fluids/tabular/tables.hpp"

namespace entropyk {

/// Which property backend a system uses (the C API's EntropykBackend values).
enum class Backend : std::int32_t {
    eos = 0,    ///< the Helmholtz equation of state: reference accuracy
    tables = 1, ///< in-memory tables built once per fluid from the EOS: speed (see docs/fluids.md)
};

/// Refrigerant properties in SI doubles (the strong types stay at the public API; inside a
/// residual evaluation plain SI values keep the arithmetic readable). One branch per call picks
/// the backend; both satisfy fluids::PropertyBackend with identical results types and errors.
class PropertyService {
  public:
    PropertyService() = default;
    explicit PropertyService(const fluids::Fluid& fluid, Backend backend = Backend::eos)
        : fluid_(&fluid), tables_(backend == Backend::tables ? &fluids::tables_for(fluid) : nullptr) {}

    [[nodiscard]] const fluids::Fluid& fluid() const noexcept { return *fluid_; }
    [[nodiscard]] Backend backend() const noexcept { return tables_ ? Backend::tables : Backend::eos; }

    [[nodiscard]] Result<fluids::State> ph(double p, double h) const {
        return tables_ ? tables_->flash_ph(Pressure{p}, SpecificEnthalpy{h})
                       : fluid_->flash_ph(Pressure{p}, SpecificEnthalpy{h});
    }
    [[nodiscard]] Result<fluids::State> ps(double p, double s) const {
        return tables_ ? tables_->flash_ps(Pressure{p}, SpecificEntropy{s})
                       : fluid_->flash_ps(Pressure{p}, SpecificEntropy{s});
    }
    [[nodiscard]] Result<fluids::State> tp(double T, double p) const {
        return tables_ ? tables_->flash_tp(Temperature{T}, Pressure{p}) : fluid_->flash_tp(Temperature{T}, Pressure{p});
    }
    [[nodiscard]] Result<fluids::State> pq(double p, double q) const {
        return tables_ ? tables_->flash_pq(Pressure{p}, q) : fluid_->flash_pq(Pressure{p}, q);
    }
    [[nodiscard]] Result<fluids::SaturationState> sat_t(double T) const {
        return tables_ ? tables_->saturation_t(Temperature{T}) : fluid_->saturation_t(Temperature{T});
    }
    [[nodiscard]] Result<fluids::SaturationState> sat_p(double p) const {
        return tables_ ? tables_->saturation_p(Pressure{p}) : fluid_->saturation_p(Pressure{p});
    }

  private:
    const fluids::Fluid* fluid_ = nullptr;
    const fluids::Tables* tables_ = nullptr;
};

static_assert(fluids::PropertyBackend<fluids::Tables>);

} // namespace entropyk
