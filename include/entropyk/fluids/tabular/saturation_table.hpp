// 1-D saturation tables in p: T', T'', h', h'', s', s'', ln rho', ln rho'' with their exact
// derivatives along the saturation curve, interpolated by cubic Hermite polynomials.
//
// Two parts: uniform in x = ln p from the triple point to p_c/2, then uniform in
// v = -ln(1 - p/p_c) up to p = p_c (1 - 1e-4) (T_c - T_sat of a few mK). The second coordinate
// grades the nodes geometrically towards the critical point, where h' - h_c and h'' - h_c
// behave like (p_c - p)^0.33: in v these are smooth exponentials, so the relative accuracy (and
// the quality accuracy) stays the same all the way up. Above the last node the tables use the EOS.
//
// Pure fluids: the states are the EOS's (superancillary) saturation states; dT/dp from the
// derivative of the superancillary p(T). R410A (pseudo-pure): bubble and dew states at
// (T_bubble(p), p) and (T_dew(p), p), dT/dp from the pL / pV ancillaries.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "entropyk/fluids/tabular/eos_nodes.hpp"
#include "entropyk/fluids/tabular/hermite.hpp"

namespace entropyk::fluids::tabular {

enum SatQuantity : std::size_t {
    sq_T_liquid = 0,
    sq_T_vapor,
    sq_h_liquid,
    sq_h_vapor,
    sq_s_liquid,
    sq_s_vapor,
    sq_lnrho_liquid,
    sq_lnrho_vapor
};
inline constexpr std::size_t sat_quantities = 8;

/// Where a pressure falls in the saturation tables (basis values included).
struct SatLocus {
    const HermiteTable1D<sat_quantities>* table;
    Locus L;
    Basis b;
    double dcoord_dx; ///< d(table coordinate)/d(ln p)
};

class SaturationTable {
  public:
    /// Node spacing in ln p (low part) and in -ln(1 - p/p_c) (high part).
    static constexpr double spacing = 0.01;
    /// Relative distance of the last node to the end of the saturation curve.
    static constexpr double u_min = 1e-4;

    SaturationTable() = default;

    [[nodiscard]] double p_min() const noexcept { return p_min_; }
    [[nodiscard]] double p_max() const noexcept { return p_max_; }
    [[nodiscard]] bool contains(double p) const noexcept { return p >= p_min_ && p <= p_max_; }
    [[nodiscard]] std::size_t nodes() const noexcept { return low_.axis().nodes() + high_.axis().nodes(); }
    [[nodiscard]] std::size_t bytes() const noexcept { return low_.bytes() + high_.bytes(); }

    /// Requires contains(p); x = ln p.
    [[nodiscard]] SatLocus locate(double p, double x) const noexcept {
        SatLocus s;
        if (p <= p_split_) {
            s.table = &low_;
            s.L = low_.axis().locate(x);
            s.dcoord_dx = 1.0;
        } else {
            s.table = &high_;
            const double u = (p_end_ - p) / p_end_;
            s.L = high_.axis().locate(-std::log(u));
            s.dcoord_dx = p / (p_end_ - p);
        }
        s.b = hermite(s.L.t);
        return s;
    }
    [[nodiscard]] static double value(const SatLocus& s, std::size_t k) noexcept { return s.table->value(s.L, s.b, k); }
    /// d/d(ln p) of quantity k.
    [[nodiscard]] static double slope_x(const SatLocus& s, std::size_t k) noexcept {
        return s.table->slope(s.L, hermite_dt(s.L.t), k) * s.dcoord_dx;
    }

    /// Builds the tables from the EOS; the range ends early where the EOS saturation fails.
    explicit SaturationTable(const Fluid& fl) {
        const helmholtz::FluidData& f = fl.data();
        p_end_ = fluids::detail::saturation_p_max(f);
        p_min_ = fluids::detail::saturation_p_min(f);
        p_split_ = 0.5 * p_end_;
        const double x0 = std::log(p_min_), x1 = std::log(p_split_);
        const double v0 = std::log(2.0), v1 = -std::log(u_min);
        // Low part (always at least two cells).
        {
            const auto n = static_cast<std::size_t>(std::max(2.0, std::ceil((x1 - x0) / spacing)));
            const double br[2] = {x0, x1};
            const std::size_t nc[1] = {n};
            low_ = HermiteTable1D<sat_quantities>(Axis(br, nc, 1));
            for (std::size_t i = 0; i < low_.axis().nodes(); ++i) {
                const double x = low_.axis().node(i);
                double p = i == 0 ? p_min_ : (i == n ? p_split_ : std::exp(x));
                if (!fill(fl, low_, i, p, p)) ok_ = false;
            }
        }
        // High part: stops at the last node where the EOS saturation works.
        {
            const auto n = static_cast<std::size_t>(std::ceil((v1 - v0) / spacing));
            const double dv = (v1 - v0) / static_cast<double>(n);
            std::size_t good = 0;
            HermiteTable1D<sat_quantities> tmp(Axis(std::array<double, 2>{v0, v1}.data(), &n, 1));
            for (std::size_t i = 0; i <= n; ++i) {
                const double v = v0 + dv * static_cast<double>(i);
                const double p = i == 0 ? p_split_ : p_end_ * (1.0 - std::exp(-v));
                if (!fill(fl, tmp, i, p, p_end_ - p)) break;
                good = i;
            }
            if (good < 2) good = 2; // degenerate; never happens for the eight fluids
            const double br[2] = {v0, v0 + dv * static_cast<double>(good)};
            high_ = HermiteTable1D<sat_quantities>(Axis(br, &good, 1));
            for (std::size_t i = 0; i <= good; ++i)
                for (std::size_t k = 0; k < sat_quantities; ++k)
                    high_.set(i, k, tmp.value_at_node(i, k), tmp.derivative_at_node(i, k));
            p_max_ = p_end_ * (1.0 - std::exp(-br[1]));
        }
    }

    [[nodiscard]] bool complete() const noexcept { return ok_; }

  private:
    /// Fills node i with the saturation states at p; dcoord = dp/d(coordinate).
    static bool fill(const Fluid& fl, HermiteTable1D<sat_quantities>& t, std::size_t i, double p, double dp_dcoord) {
        const helmholtz::FluidData& f = fl.data();
        fluids::detail::SaturationPair sat;
        if (!fluids::detail::saturation_at_p(f, p, sat)) return false;
        if (!(sat.L.dp_drho_T > 0.0) || !(sat.V.dp_drho_T > 0.0) || !(sat.L.rho > sat.V.rho)) return false;
        double dTl, dTv;
        if (f.superancillary.present) {
            dTl = dTv = 1.0 / dpsat_dT(f, sat.T_liquid);
        } else {
            double v, dv;
            ancillary::evaluate(f.anc_p_liquid, sat.T_liquid, v, dv);
            dTl = 1.0 / dv;
            ancillary::evaluate(f.anc_p_vapor, sat.T_vapor, v, dv);
            dTv = 1.0 / dv;
        }
        if (!(dTl > 0.0) || !(dTv > 0.0) || !std::isfinite(dTl) || !std::isfinite(dTv)) return false;
        const detail::SaturationSlopes L = detail::saturation_slopes(sat.L, dTl);
        const detail::SaturationSlopes V = detail::saturation_slopes(sat.V, dTv);
        const double c = dp_dcoord;
        t.set(i, sq_T_liquid, sat.T_liquid, c * L.T);
        t.set(i, sq_T_vapor, sat.T_vapor, c * V.T);
        t.set(i, sq_h_liquid, sat.L.h, c * L.h);
        t.set(i, sq_h_vapor, sat.V.h, c * V.h);
        t.set(i, sq_s_liquid, sat.L.s, c * L.s);
        t.set(i, sq_s_vapor, sat.V.s, c * V.s);
        t.set(i, sq_lnrho_liquid, std::log(sat.L.rho), c * L.lr);
        t.set(i, sq_lnrho_vapor, std::log(sat.V.rho), c * V.lr);
        return std::isfinite(c * (L.h + V.h + L.s + V.s + L.lr + V.lr));
    }

    /// d p_sat / dT of the superancillary expansion (the function the EOS saturation uses).
    static double dpsat_dT(const helmholtz::FluidData& f, double T) noexcept {
        const auto& sa = f.superancillary;
        const std::size_t i = superancillary::interval_of(sa.T_knots, T);
        const double a = sa.T_knots[i], b = sa.T_knots[i + 1];
        double v, dv;
        superancillary::chebyshev_with_derivative(sa.p[i], superancillary::scaled_x(sa.T_knots, i, T), v, dv);
        return dv * 2.0 / (b - a);
    }

    HermiteTable1D<sat_quantities> low_, high_;
    double p_min_ = 0.0, p_max_ = 0.0, p_split_ = 0.0, p_end_ = 0.0;
    bool ok_ = true;
};

} // namespace entropyk::fluids::tabular
