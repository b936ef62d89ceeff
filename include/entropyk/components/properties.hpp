// The property service a component sees: the refrigerant of its loop, behind one small interface
// so that the EOS backend and the tabular backend are interchangeable per system.
#pragma once

#include "entropyk/core/result.hpp"
#include "entropyk/fluids/fluid.hpp"

namespace entropyk {

/// Refrigerant properties in SI doubles (the strong types stay at the public API; inside a
/// residual evaluation plain SI values keep the arithmetic readable).
class PropertyService {
  public:
    PropertyService() = default;
    explicit PropertyService(const fluids::Fluid& fluid) noexcept : fluid_(&fluid) {}

    [[nodiscard]] const fluids::Fluid& fluid() const noexcept { return *fluid_; }

    [[nodiscard]] Result<fluids::State> ph(double p, double h) const {
        return fluid_->flash_ph(Pressure{p}, SpecificEnthalpy{h});
    }
    [[nodiscard]] Result<fluids::State> ps(double p, double s) const {
        return fluid_->flash_ps(Pressure{p}, SpecificEntropy{s});
    }
    [[nodiscard]] Result<fluids::State> tp(double T, double p) const {
        return fluid_->flash_tp(Temperature{T}, Pressure{p});
    }
    [[nodiscard]] Result<fluids::State> pq(double p, double q) const { return fluid_->flash_pq(Pressure{p}, q); }
    [[nodiscard]] Result<fluids::SaturationState> sat_t(double T) const { return fluid_->saturation_t(Temperature{T}); }
    [[nodiscard]] Result<fluids::SaturationState> sat_p(double p) const { return fluid_->saturation_p(Pressure{p}); }

  private:
    const fluids::Fluid* fluid_ = nullptr;
};

} // namespace entropyk
