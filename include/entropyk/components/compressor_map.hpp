// AHRI 540 / EN 12900 ten-coefficient compressor polynomials.
//
//   X = C1 + C2 S + C3 D + C4 S^2 + C5 S D + C6 D^2 + C7 S^3 + C8 D S^2 + C9 S D^2 + C10 D^3
//
// for the mass flow and the power, with S and D the suction and discharge DEW-POINT temperatures
// (AHRI Standard 540-2020, "Performance Rating of Positive Displacement Refrigerant Compressors";
// EN 12900:2013 uses the same form in SI units). A map is rated at one suction superheat (or one
// suction temperature) and one speed.
//
// Units: an IP map (AHRI 540) takes degF and gives lbm/h and W; an SI map (EN 12900) takes degC
// and gives kg/s or kg/h and W. Maps are converted ONCE, at construction, to the canonical SI form
// (degC in, kg/s and W out) by re-expanding the cubic under T_F = 1.8 T_C + 32 — exact, so the
// IP map and its SI conversion give identical numbers. (degF <-> K goes through 459.67, never the
// 456.67 seen in one public port.)
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "entropyk/core/units.hpp"

namespace entropyk {

enum class MapUnits : std::uint8_t {
    ip,          ///< AHRI 540: degF, lbm/h, W
    si_kg_per_s, ///< EN 12900: degC, kg/s, W
    si_kg_per_h, ///< EN 12900: degC, kg/h, W
};

inline constexpr double lbm_per_h_in_kg_per_s = 0.45359237 / 3600.0;

constexpr double fahrenheit_from_kelvin(double T) noexcept { return (T - 273.15) * 1.8 + 32.0; }
constexpr double kelvin_from_fahrenheit(double F) noexcept { return (F + 459.67) / 1.8; }

/// One ten-coefficient polynomial in (S, D).
struct Ahri540Polynomial {
    std::array<double, 10> c{};

    [[nodiscard]] constexpr double operator()(double S, double D) const noexcept {
        return c[0] + c[1] * S + c[2] * D + c[3] * S * S + c[4] * S * D + c[5] * D * D + c[6] * S * S * S +
               c[7] * D * S * S + c[8] * S * D * D + c[9] * D * D * D;
    }

    /// The same polynomial in x = (T_old - b) / a, i.e. substitutes T_old = a x + b, exactly.
    [[nodiscard]] constexpr Ahri540Polynomial substituted(double a, double b) const noexcept {
        // Exponents (i of S, j of D) of the ten terms, in AHRI order.
        constexpr int ei[10] = {0, 1, 0, 2, 1, 0, 3, 2, 1, 0};
        constexpr int ej[10] = {0, 0, 1, 0, 1, 2, 0, 1, 2, 3};
        auto index_of = [&](int i, int j) {
            for (int k = 0; k < 10; ++k)
                if (ei[k] == i && ej[k] == j) return k;
            return -1;
        };
        constexpr double binom[4][4] = {{1, 0, 0, 0}, {1, 1, 0, 0}, {1, 2, 1, 0}, {1, 3, 3, 1}};
        auto power = [](double x, int n) {
            double r = 1.0;
            for (int k = 0; k < n; ++k) r *= x;
            return r;
        };
        Ahri540Polynomial out{};
        for (int k = 0; k < 10; ++k) {
            // (a s + b)^i (a d + b)^j = sum_u sum_v C(i,u) C(j,v) a^(u+v) b^(i-u+j-v) s^u d^v
            for (int u = 0; u <= ei[k]; ++u)
                for (int v = 0; v <= ej[k]; ++v) {
                    const double w =
                        binom[ei[k]][u] * binom[ej[k]][v] * power(a, u + v) * power(b, ei[k] - u + ej[k] - v);
                    out.c[static_cast<std::size_t>(index_of(u, v))] += c[static_cast<std::size_t>(k)] * w;
                }
        }
        return out;
    }
    [[nodiscard]] constexpr Ahri540Polynomial scaled(double k) const noexcept {
        Ahri540Polynomial out = *this;
        for (double& x : out.c) x *= k;
        return out;
    }
};

/// A compressor map at one speed, stored in canonical SI (degC in; kg/s and W out).
class CompressorMap {
  public:
    CompressorMap() = default;
    /// `mass_flow` and `power` in the units named by `units`; `rated_superheat` is the suction
    /// superheat of the rating (AHRI 540: 20 degF = 11.11 K); `frequency` the speed of the rating.
    CompressorMap(const std::array<double, 10>& mass_flow, const std::array<double, 10>& power, MapUnits units,
                  TemperatureDifference rated_superheat, Frequency frequency)
        : units_(units), rated_superheat_(rated_superheat.si()), frequency_(frequency.si()) {
        Ahri540Polynomial m{mass_flow}, w{power};
        switch (units) {
        case MapUnits::ip:
            // T_F = 1.8 T_C + 32: re-expand in degC, then lbm/h -> kg/s.
            mass_ = m.substituted(1.8, 32.0).scaled(lbm_per_h_in_kg_per_s);
            power_ = w.substituted(1.8, 32.0);
            break;
        case MapUnits::si_kg_per_s:
            mass_ = m;
            power_ = w;
            break;
        case MapUnits::si_kg_per_h:
            mass_ = m.scaled(1.0 / 3600.0);
            power_ = w;
            break;
        }
    }

    /// Mass flow [kg/s] at rated superheat, suction and discharge dew points in K.
    [[nodiscard]] double mass_flow(double T_suction_dew, double T_discharge_dew) const noexcept {
        return mass_(T_suction_dew - 273.15, T_discharge_dew - 273.15);
    }
    /// Power [W] at rated superheat.
    [[nodiscard]] double power(double T_suction_dew, double T_discharge_dew) const noexcept {
        return power_(T_suction_dew - 273.15, T_discharge_dew - 273.15);
    }
    [[nodiscard]] double rated_superheat() const noexcept { return rated_superheat_; }
    [[nodiscard]] double frequency() const noexcept { return frequency_; }
    [[nodiscard]] MapUnits units() const noexcept { return units_; }

    /// The rated operating envelope (suction and discharge dew-point temperatures, K) that the
    /// manufacturer publishes with the polynomials (AHRI 540 §5: the coefficients are valid only
    /// inside it). Optional: a map without one is never flagged for leaving it.
    [[nodiscard]] CompressorMap with_envelope(Temperature suction_dew_min, Temperature suction_dew_max,
                                              Temperature discharge_dew_min, Temperature discharge_dew_max) const {
        CompressorMap m = *this;
        m.envelope_ = {suction_dew_min.si(), suction_dew_max.si(), discharge_dew_min.si(), discharge_dew_max.si()};
        return m;
    }
    /// {suction min, suction max, discharge min, discharge max} in K; NaN where not given.
    [[nodiscard]] const std::array<double, 4>& envelope() const noexcept { return envelope_; }
    [[nodiscard]] bool has_envelope() const noexcept { return !std::isnan(envelope_[0]); }
    [[nodiscard]] const Ahri540Polynomial& mass_polynomial_si() const noexcept { return mass_; }
    [[nodiscard]] const Ahri540Polynomial& power_polynomial_si() const noexcept { return power_; }

  private:
    MapUnits units_ = MapUnits::si_kg_per_s;
    Ahri540Polynomial mass_{}, power_{};
    double rated_superheat_ = 0.0;
    double frequency_ = 0.0;
    static constexpr double unset = std::numeric_limits<double>::quiet_NaN();
    std::array<double, 4> envelope_{unset, unset, unset, unset};
};

} // namespace entropyk
