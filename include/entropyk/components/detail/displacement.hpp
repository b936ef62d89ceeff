// The displacement flow law of a positive-displacement compressor, shared by the compressors that
// offer it (isentropic_compressor.hpp, vapour_injection_compressor.hpp):
//   m = rho_suction * V_disp * N * eta_vol
// with V_disp the swept volume per revolution, N the speed and eta_vol the volumetric efficiency.
#pragma once

#include "entropyk/components/component.hpp"

namespace entropyk::detail {

struct DisplacementFlow {
    double displacement = 0.0; ///< m3 per revolution
    double speed = 0.0;        ///< Hz
    double eta_vol = 1.0;      ///< volumetric efficiency

    [[nodiscard]] double mass_flow(double rho_suction) const noexcept {
        return rho_suction * displacement * speed * eta_vol;
    }
    [[nodiscard]] Result<void> validate() const {
        if (!(finite_positive(displacement) && finite_positive(speed) && eta_vol > 0.0 && eta_vol <= 1.0))
            return ThermoError::format(Errc::invalid_argument,
                                       "displacement = %g m3, speed = %g Hz, volumetric efficiency = %g: expected "
                                       "positive numbers and an efficiency in (0, 1]",
                                       displacement, speed, eta_vol);
        return {};
    }
};

} // namespace entropyk::detail
