// fluids::Tables: fast property tables of one fluid, built in memory from the EOS on first use
// and shared read-only by all threads. Same member signatures, results and errors as
// fluids::Fluid for the calls of the cycle engine (both model PropertyBackend); any input the
// tables do not cover (outside their range, near the critical point, bad input) is passed to the
// EOS, so results and error messages outside the tables are the EOS's own.
//
//   const fluids::Tables& t = fluids::tables_for(fluids::R134a::get());
//   Result<State> s = t.flash_ph(Pressure{10e5}, SpecificEnthalpy{420e3});
//
// Layout (details in the region / saturation_table headers and docs/fluids.md):
//   * saturation tables in p (T', T'', h', h'', s', s'', rho', rho''), graded towards p_c;
//   * three bicubic Hermite grids of T, ln rho and s over (ln p, eta): liquid (T_min .. h',
//     eta = (h - h(T_min, p)) / H), vapour (h'' .. T_max, eta = (h(T_max, p) - h) / H),
//     supercritical (p >= p_c, T_min .. T_max, eta normalised between the two isotherms).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "entropyk/fluids/backend.hpp"
#include "entropyk/fluids/phase_name.hpp"
#include "entropyk/fluids/tabular/layout.hpp"
#include "entropyk/fluids/tabular/region.hpp"
#include "entropyk/fluids/tabular/saturation_table.hpp"

namespace entropyk::fluids {

/// Derivatives of T, rho and s of a (p, h) state, SI: d/dp at constant h and d/dh at constant p.
/// From the tables they are the exact derivatives of the interpolant (consistent with the values,
/// which is what a Newton solver's Jacobian needs); in EOS fallback points those of the EOS.
struct PhDerivatives {
    double dT_dp = 0.0, dT_dh = 0.0;
    double drho_dp = 0.0, drho_dh = 0.0;
    double ds_dp = 0.0, ds_dh = 0.0;
};

struct StateWithDerivatives {
    State state;
    PhDerivatives d;
    bool from_table = false; ///< false: computed by the EOS (outside the tables)
};

/// What was built: sizes, ranges, time.
struct TableInfo {
    double build_seconds = 0.0;     ///< wall-clock time of the build
    double build_cpu_seconds = 0.0; ///< CPU time of the building thread (wall time where unknown)
    std::size_t bytes = 0;
    std::size_t saturation_nodes = 0;
    std::size_t grid_nodes = 0;    ///< computed nodes of the three grids
    std::size_t grid_cells = 0;    ///< cells that can hold single-phase states
    std::size_t eos_cells = 0;     ///< of these, cells served by the EOS (failed the build check)
    std::size_t failed_nodes = 0;  ///< node solves that failed (their cells use the EOS)
    double p_min = 0.0;            ///< lowest pressure served by the tables (triple point)
    double p_liquid_min = 0.0;     ///< liquid served from here (bubble point at T_min + 0.5 K)
    double p_saturation_max = 0.0; ///< saturation tables end here (T_c - T_sat: a few mK)
    double p_supercritical_min = 0.0, p_max = 0.0;
};

class Tables {
  public:
    /// The shared tables of a fluid, built on first use (thread-safe).
    [[nodiscard]] static const Tables& get(const Fluid& fluid);

    /// Builds the tables now (normally use get() / tables_for()), with the fluid's layout.
    explicit Tables(const Fluid& fluid) : Tables(fluid, tabular::layout_for(fluid.name())) {}
    /// Builds the tables with another layout or check tolerances (experiments, tests).
    Tables(const Fluid& fluid, const tabular::TableLayout& layout, const tabular::CheckTolerances& tol = {})
        : fluid_(&fluid), sat_(fluid) {
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = thread_cpu_seconds();
        const helmholtz::FluidData& f = fluid.data();
        p_sc_ = fluids::detail::saturation_p_max(f);
        p_max_ = f.p_max;
        const double p_lo = sat_.p_min(), p_top = sat_.p_max();
        // Liquid from the bubble point at T_min + 0.5 K (the liquid region degenerates at the
        // triple point).
        const double T_liq = f.T_min + 0.5;
        double p_liq = f.superancillary.present ? superancillary::pressure(f.superancillary, T_liq)
                                                : ancillary::evaluate(f.anc_p_liquid, T_liq);
        if (p_liq < p_lo) p_liq = p_lo;
        using tabular::AxisSpec;
        using tabular::make_axis;
        const double lpc = std::log(p_sc_);
        const AxisSpec sub{{lpc + std::log(layout.sub_break[0]), lpc + std::log(layout.sub_break[1]),
                            lpc + std::log(layout.sub_break[2])},
                           {layout.sub_width[0], layout.sub_width[1], layout.sub_width[2], layout.sub_width[3]}};
        const AxisSpec sup_x{
            {lpc + std::log(layout.super_break[0]), lpc + std::log(layout.super_break[1]),
             layout.super_break[2] > 1e100 ? 1e300 : lpc + std::log(layout.super_break[2])},
            {layout.super_width[0], layout.super_width[1], layout.super_width[2], layout.super_width[3]}};
        using tabular::Region;
        using tabular::RegionKind;
        liq_ = Region(fluid, sat_, RegionKind::liquid, p_liq, p_top, make_axis(std::log(p_liq), std::log(p_top), sub),
                      layout, tol);
        vap_ = Region(fluid, sat_, RegionKind::vapor, p_lo, p_top, make_axis(std::log(p_lo), std::log(p_top), sub),
                      layout, tol);
        sup_ = Region(fluid, sat_, RegionKind::supercritical, p_sc_, f.p_max,
                      make_axis(std::log(p_sc_), std::log(f.p_max), sup_x), layout, tol);
        info_.saturation_nodes = sat_.nodes();
        for (const Region* r : {&liq_, &vap_, &sup_}) {
            info_.grid_nodes += r->computed_nodes();
            info_.grid_cells += r->cells_in_region();
            info_.eos_cells += r->eos_cells();
            info_.failed_nodes += r->failed_nodes();
        }
        info_.bytes = sizeof(Tables) + sat_.bytes() + liq_.bytes() + vap_.bytes() + sup_.bytes();
        info_.p_min = p_lo;
        info_.p_liquid_min = p_liq;
        info_.p_saturation_max = p_top;
        info_.p_supercritical_min = p_sc_;
        info_.p_max = f.p_max;
        info_.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        info_.build_cpu_seconds = c0 >= 0.0 ? thread_cpu_seconds() - c0 : info_.build_seconds;
    }
    Tables(const Tables&) = delete;
    Tables& operator=(const Tables&) = delete;

    [[nodiscard]] const Fluid& fluid() const noexcept { return *fluid_; }
    [[nodiscard]] const TableInfo& info() const noexcept { return info_; }
    /// The grids and the saturation tables (for diagnostics: coverage maps, sizes).
    [[nodiscard]] const tabular::Region& region(tabular::RegionKind k) const noexcept {
        return k == tabular::RegionKind::liquid ? liq_ : k == tabular::RegionKind::vapor ? vap_ : sup_;
    }
    [[nodiscard]] const tabular::SaturationTable& saturation_table() const noexcept { return sat_; }

    // ---- the PropertyBackend calls --------------------------------------------------------------
    [[nodiscard]] Result<State> flash_ph(Pressure p, SpecificEnthalpy h) const noexcept {
        if (std::optional<State> s = ph<false>(p.si(), h.si(), nullptr)) return *s;
        return fluid_->flash_ph(p, h);
    }
    [[nodiscard]] Result<State> flash_ps(Pressure p, SpecificEntropy s) const noexcept {
        if (std::optional<State> st = py(p.si(), s.si(), tabular::q_s)) return *st;
        return fluid_->flash_ps(p, s);
    }
    [[nodiscard]] Result<State> flash_tp(Temperature T, Pressure p) const noexcept {
        if (std::optional<State> st = py(p.si(), T.si(), tabular::q_T)) return *st;
        return fluid_->flash_tp(T, p);
    }
    [[nodiscard]] Result<State> flash_pq(Pressure p, double quality) const noexcept {
        const double P = p.si();
        if (sat_.contains(P) && quality >= 0.0 && quality <= 1.0) {
            const tabular::SatLocus sl = sat_.locate(P, std::log(P));
            return two_phase(sl, P, quality);
        }
        return fluid_->flash_pq(p, quality);
    }
    [[nodiscard]] Result<SaturationState> saturation_p(Pressure p) const noexcept {
        const double P = p.si();
        if (!sat_.contains(P)) return fluid_->saturation_p(p);
        const tabular::SatLocus sl = sat_.locate(P, std::log(P));
        return saturated(sl, sl, Temperature{sat_.value(sl, tabular::sq_T_liquid)},
                         Temperature{sat_.value(sl, tabular::sq_T_vapor)}, p, p);
    }
    [[nodiscard]] Result<SaturationState> saturation_t(Temperature T) const noexcept {
        const helmholtz::FluidData& f = fluid_->data();
        const double t = T.si();
        if (!(t >= f.T_min && t < fluids::detail::saturation_T_max(f))) return fluid_->saturation_t(T);
        double pb, pd;
        if (f.superancillary.present) {
            pb = pd = superancillary::pressure(f.superancillary, t);
        } else {
            pb = ancillary::evaluate(f.anc_p_liquid, t);
            pd = ancillary::evaluate(f.anc_p_vapor, t);
        }
        if (!sat_.contains(pb) || !sat_.contains(pd)) return fluid_->saturation_t(T);
        const tabular::SatLocus lb = sat_.locate(pb, std::log(pb));
        const tabular::SatLocus ld = pd == pb ? lb : sat_.locate(pd, std::log(pd));
        return saturated(lb, ld, T, T, Pressure{pb}, Pressure{pd});
    }

    // ---- beyond the common interface -----------------------------------------------------------
    /// (p, h) state plus the derivatives of T, rho, s with respect to p and h.
    [[nodiscard]] Result<StateWithDerivatives> flash_ph_with_derivatives(Pressure p,
                                                                         SpecificEnthalpy h) const noexcept {
        StateWithDerivatives out;
        if (std::optional<State> s = ph<true>(p.si(), h.si(), &out.d)) {
            out.state = *s;
            out.from_table = true;
            return out;
        }
        Result<State> r = fluid_->flash_ph(p, h);
        if (!r) return r.error();
        out.state = *r;
        eos_derivatives(out.state, out.d);
        return out;
    }

    /// True when (p, h) is served by the tables (false: the EOS computes it).
    [[nodiscard]] bool covers_ph(Pressure p, SpecificEnthalpy h) const noexcept {
        return ph<false>(p.si(), h.si(), nullptr).has_value();
    }
    /// True when (T, p) is served by the tables.
    [[nodiscard]] bool covers_tp(Temperature T, Pressure p) const noexcept {
        return py(p.si(), T.si(), tabular::q_T).has_value();
    }

  private:
    using Region = tabular::Region;

    /// CPU time of the calling thread, or -1 where the platform has no such clock.
    static double thread_cpu_seconds() noexcept {
#if defined(CLOCK_THREAD_CPUTIME_ID)
        timespec ts{};
        if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
            return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
#endif
        return -1.0;
    }

    // (p, h); nullopt: not served by the tables.
    template <bool with_derivatives>
    std::optional<State> ph(double P, double H, PhDerivatives* J) const noexcept {
        if (!(P >= sat_.p_min() && P <= p_max_) || !std::isfinite(H)) return std::nullopt;
        const double x = std::log(P);
        if (P <= sat_.p_max()) {
            const tabular::SatLocus sl = sat_.locate(P, x);
            const double hl = sat_.value(sl, tabular::sq_h_liquid);
            const double hv = sat_.value(sl, tabular::sq_h_vapor);
            // Within saturated_quality_tolerance of the dome is on it, as in the EOS's flash_py
            // (fluids/flash.hpp): a solver's saturated outlet is there only to its tolerance.
            const double band = saturated_quality_tolerance * (hv - hl);
            if (H < hl - band) {
                if (P < liq_.p_lo()) return std::nullopt;
                return single_phase<with_derivatives>(liq_, P, x, H, J);
            }
            if (H > hv + band) return single_phase<with_derivatives>(vap_, P, x, H, J);
            const double q = std::clamp((H - hl) / (hv - hl), 0.0, 1.0);
            if (with_derivatives) two_phase_derivatives(sl, P, q, hl, hv, *J);
            State st = two_phase(sl, P, q);
            if (H < hl || H > hv) st.h = SpecificEnthalpy{H}; // the flash reproduces its input
            return st;
        }
        if (P < p_sc_) return std::nullopt; // within a few mK of the critical point
        return single_phase<with_derivatives>(sup_, P, x, H, J);
    }

    // (p, y) for y = s (k = q_s) or T (k = q_T); nullopt: not served by the tables.
    std::optional<State> py(double P, double Y, std::size_t k) const noexcept {
        if (!(P >= sat_.p_min() && P <= p_max_) || !std::isfinite(Y)) return std::nullopt;
        const double x = std::log(P);
        const bool by_T = k == tabular::q_T;
        if (P <= sat_.p_max()) {
            const tabular::SatLocus sl = sat_.locate(P, x);
            const double yl = sat_.value(sl, by_T ? tabular::sq_T_liquid : tabular::sq_s_liquid);
            if (by_T ? Y <= yl : Y < yl) {
                if (P < liq_.p_lo()) return std::nullopt;
                return inverse(liq_, P, x, k, Y, yl, sat_.value(sl, tabular::sq_h_liquid));
            }
            const double yv = sat_.value(sl, by_T ? tabular::sq_T_vapor : tabular::sq_s_vapor);
            if (Y > yv) return inverse(vap_, P, x, k, Y, yv, sat_.value(sl, tabular::sq_h_vapor));
            if (by_T) return std::nullopt; // inside the glide of R410A: the EOS gives the error
            return two_phase(sl, P, (Y - yl) / (yv - yl));
        }
        if (P < p_sc_) return std::nullopt;
        return inverse(sup_, P, x, k, Y, 0.0, 0.0);
    }

    template <bool with_derivatives>
    std::optional<State> single_phase(const Region& R, double P, double x, double H, PhDerivatives* J) const noexcept {
        using namespace tabular;
        const Grid& g = R.grid();
        const Locus Lx = g.x_axis().locate(x);
        const Basis bx = hermite(Lx.t), dbx = hermite_dt(Lx.t);
        const Anchors A = R.anchors(Lx, bx, dbx);
        const Mapping M = R.map(A, H);
        if (!(M.eta >= 0.0 && M.eta <= R.eta_limit())) return std::nullopt;
        const Locus Ly = g.y_axis().locate(M.eta);
        if (!g.usable(Lx.cell, Ly.cell)) return std::nullopt;
        const GridPoint gp = g.eval<with_derivatives>(Lx, Ly, bx, dbx, hermite(Ly.t), hermite_dt(Ly.t));
        return make_state(R, P, H, M, gp, J);
    }

    /// (p, T) or (p, s) in a region: y_sat / h_sat are T or s and h on the saturation curve at p
    /// (for the first guess; unused above p_c).
    std::optional<State> inverse(const Region& R, double P, double x, std::size_t k, double Y, double y_sat,
                                 double h_sat) const noexcept {
        using namespace tabular;
        const helmholtz::FluidData& f = fluid_->data();
        const Grid& g = R.grid();
        const Locus Lx = g.x_axis().locate(x);
        const Basis bx = hermite(Lx.t), dbx = hermite_dt(Lx.t);
        const Anchors A = R.anchors(Lx, bx, dbx);
        // First guess: y linear in eta between the anchor isotherm and the far end of the
        // region (the saturation curve, or the other isotherm above p_c).
        const bool by_T = k == q_T;
        const double y0 = by_T ? (R.kind() == RegionKind::vapor ? f.T_max : f.T_min) : R.anchor_s(Lx, bx, true);
        double y1 = y_sat, eta1 = 1.0;
        if (R.kind() == RegionKind::supercritical)
            y1 = by_T ? f.T_max : R.anchor_s(Lx, bx, false);
        else
            eta1 = R.eta_of(A, h_sat);
        const double guess = y1 != y0 ? eta1 * (Y - y0) / (y1 - y0) : 0.5 * eta1;
        Locus Ly;
        const std::size_t jmax = std::min(R.column_top(Lx.cell), R.column_top(Lx.cell + 1));
        if (!g.invert_y(Lx, bx, k, Y, R.increasing(), jmax, guess, Ly)) return std::nullopt;
        const GridPoint gp = g.eval<false>(Lx, Ly, bx, dbx, hermite(Ly.t), hermite_dt(Ly.t));
        const double eta = g.y_axis().node(Ly.cell) + Ly.t * Ly.width;
        const double H = R.h_of(A, eta);
        State st = make_state(R, P, H, R.map(A, H), gp, nullptr);
        if (by_T)
            st.T = Temperature{Y};
        else
            st.s = SpecificEntropy{Y};
        return st;
    }

    State make_state(const Region& R, double P, double H, const tabular::Mapping& M, const tabular::GridPoint& g,
                     PhDerivatives* J) const noexcept {
        using namespace tabular;
        const double inv_p = 1.0 / P;
        const double T = g.f[q_T];
        const double T_h = g.fy[q_T] * M.eta_h;
        const double T_p = (g.fx[q_T] + g.fy[q_T] * M.eta_x) * inv_p;
        const double rho = std::exp(g.f[q_lnrho]);
        const double inv_rho = 1.0 / rho;
        const double l_h = g.fy[q_lnrho] * M.eta_h;                           // (d ln rho/dh)_p
        const double l_p = (g.fx[q_lnrho] + g.fy[q_lnrho] * M.eta_x) * inv_p; // (d ln rho/dp)_h
        // (drho/dp)_s = (drho/dp)_h + (drho/dh)_p / rho (dh = dp/rho along an isentrope); cv from
        // the inverse Jacobian of (T, rho) -> (p, h).
        const double dr_dp_s = rho * l_p + l_h;
        const double det = rho * (T_p * l_h - T_h * l_p);
        // The supercritical grid starts at the end of the saturation curve, which can lie below
        // the data file's rounded p_c (R152a: 4.5167 MPa vs 4.52 MPa). Below the EOS's critical
        // temperature such a state is on the liquid side of the curve, as the EOS labels it.
        const fluids::detail::Branch br = R.kind() == RegionKind::liquid  ? fluids::detail::Branch::liquid
                                          : R.kind() == RegionKind::vapor ? fluids::detail::Branch::vapor
                                          : T < fluids::detail::saturation_T_max(fluid_->data())
                                              ? fluids::detail::Branch::liquid
                                              : fluids::detail::Branch::supercritical;
        if (J) {
            J->dT_dp = T_p;
            J->dT_dh = T_h;
            J->drho_dp = rho * l_p;
            J->drho_dh = rho * l_h;
            J->ds_dp = (g.fx[q_s] + g.fy[q_s] * M.eta_x) * inv_p;
            J->ds_dh = g.fy[q_s] * M.eta_h;
        }
        return State{Temperature{T},
                     Pressure{P},
                     Density{rho},
                     SpecificEnthalpy{H},
                     SpecificEntropy{g.f[q_s]},
                     SpecificEnthalpy{H - P * inv_rho},
                     SpecificHeat{1.0 / T_h},
                     SpecificHeat{-dr_dp_s / det},
                     Speed{dr_dp_s > 0.0 ? 1.0 / std::sqrt(dr_dp_s) : 0.0},
                     -1.0,
                     fluids::detail::classify(fluid_->data(), T, P, br)};
    }

    State two_phase(const tabular::SatLocus& sl, double P, double q) const noexcept {
        using namespace tabular;
        const double Tl = sat_.value(sl, sq_T_liquid), Tv = sat_.value(sl, sq_T_vapor);
        const double hl = sat_.value(sl, sq_h_liquid), hv = sat_.value(sl, sq_h_vapor);
        const double sl_ = sat_.value(sl, sq_s_liquid), sv = sat_.value(sl, sq_s_vapor);
        const double vl = std::exp(-sat_.value(sl, sq_lnrho_liquid)), vv = std::exp(-sat_.value(sl, sq_lnrho_vapor));
        const double v = (1.0 - q) * vl + q * vv;
        const double h = (1.0 - q) * hl + q * hv;
        return State{Temperature{(1.0 - q) * Tl + q * Tv},
                     Pressure{P},
                     Density{1.0 / v},
                     SpecificEnthalpy{h},
                     SpecificEntropy{(1.0 - q) * sl_ + q * sv},
                     SpecificEnthalpy{h - P * v},
                     SpecificHeat{undefined_in_two_phase},
                     SpecificHeat{undefined_in_two_phase},
                     Speed{undefined_in_two_phase},
                     q,
                     Phase::two_phase};
    }

    void two_phase_derivatives(const tabular::SatLocus& sl, double P, double q, double hl, double hv,
                               PhDerivatives& J) const noexcept {
        using namespace tabular;
        auto val = [&](std::size_t k) { return sat_.value(sl, k); };
        auto dx = [&](std::size_t k) { return sat_.slope_x(sl, k); };
        const double inv = 1.0 / (hv - hl);
        const double q_h = inv;
        const double q_x = -(dx(sq_h_liquid) + q * (dx(sq_h_vapor) - dx(sq_h_liquid))) * inv;
        auto mix = [&](double a, double b, double ax, double bx, double& d_x, double& d_h) {
            d_x = ax + q * (bx - ax) + (b - a) * q_x;
            d_h = (b - a) * q_h;
        };
        double Tx, Th, sx, sh, vx, vh;
        mix(val(sq_T_liquid), val(sq_T_vapor), dx(sq_T_liquid), dx(sq_T_vapor), Tx, Th);
        mix(val(sq_s_liquid), val(sq_s_vapor), dx(sq_s_liquid), dx(sq_s_vapor), sx, sh);
        const double vl = std::exp(-val(sq_lnrho_liquid)), vv = std::exp(-val(sq_lnrho_vapor));
        mix(vl, vv, -vl * dx(sq_lnrho_liquid), -vv * dx(sq_lnrho_vapor), vx, vh);
        const double v = vl + q * (vv - vl);
        const double rho2 = 1.0 / (v * v);
        J.dT_dp = Tx / P;
        J.dT_dh = Th;
        J.ds_dp = sx / P;
        J.ds_dh = sh;
        J.drho_dp = -rho2 * vx / P;
        J.drho_dh = -rho2 * vh;
    }

    SaturationState saturated(const tabular::SatLocus& lb, const tabular::SatLocus& ld, Temperature Tb, Temperature Td,
                              Pressure pb, Pressure pd) const noexcept {
        using namespace tabular;
        return SaturationState{Tb,
                               Td,
                               pb,
                               pd,
                               Density{std::exp(sat_.value(lb, sq_lnrho_liquid))},
                               Density{std::exp(sat_.value(ld, sq_lnrho_vapor))},
                               SpecificEnthalpy{sat_.value(lb, sq_h_liquid)},
                               SpecificEnthalpy{sat_.value(ld, sq_h_vapor)},
                               SpecificEntropy{sat_.value(lb, sq_s_liquid)},
                               SpecificEntropy{sat_.value(ld, sq_s_vapor)}};
    }

    /// Derivatives from the EOS for states the tables do not serve.
    void eos_derivatives(const State& st, PhDerivatives& J) const noexcept {
        const helmholtz::FluidData& f = fluid_->data();
        const double P = st.p.si();
        if (st.phase != Phase::two_phase) {
            const helmholtz::Properties Pr = helmholtz::properties_trho(f, st.T.si(), st.rho.si());
            const tabular::detail::NodeDerivatives d = tabular::detail::node_derivatives(Pr);
            J.dT_dp = d.T_x / P;
            J.dT_dh = d.T_h;
            J.drho_dp = Pr.rho * d.lr_x / P;
            J.drho_dh = Pr.rho * d.lr_h;
            J.ds_dp = d.s_x / P;
            J.ds_dh = d.s_h;
            return;
        }
        // Two-phase near the critical point: central differences of the EOS (p, h) flash.
        const double dp = 1e-6 * P, dh = 1e-6 * std::max(std::fabs(st.h.si()), 1e3);
        const Result<State> a = fluid_->flash_ph(Pressure{P - dp}, st.h), b = fluid_->flash_ph(Pressure{P + dp}, st.h);
        const Result<State> c = fluid_->flash_ph(st.p, SpecificEnthalpy{st.h.si() - dh});
        const Result<State> e = fluid_->flash_ph(st.p, SpecificEnthalpy{st.h.si() + dh});
        if (!a || !b || !c || !e) return;
        J.dT_dp = (b->T.si() - a->T.si()) / (2.0 * dp);
        J.drho_dp = (b->rho.si() - a->rho.si()) / (2.0 * dp);
        J.ds_dp = (b->s.si() - a->s.si()) / (2.0 * dp);
        J.dT_dh = (e->T.si() - c->T.si()) / (2.0 * dh);
        J.drho_dh = (e->rho.si() - c->rho.si()) / (2.0 * dh);
        J.ds_dh = (e->s.si() - c->s.si()) / (2.0 * dh);
    }

    const Fluid* fluid_;
    tabular::SaturationTable sat_;
    Region liq_, vap_, sup_;
    double p_sc_ = 0.0, p_max_ = 0.0;
    TableInfo info_{};
};

static_assert(PropertyBackend<Tables>);

/// The shared tables of a fluid (built on first use, thread-safe; lives until program exit).
[[nodiscard]] inline const Tables& tables_for(const Fluid& fluid) { return Tables::get(fluid); }

inline const Tables& Tables::get(const Fluid& fluid) {
    struct Slot {
        std::once_flag once;
        std::unique_ptr<const Tables> tables;
    };
    static Slot slots[data::fluid_count];
    const auto list = all_fluids();
    for (std::size_t i = 0; i < list.size() && i < data::fluid_count; ++i) {
        if (&list[i]->data() != &fluid.data()) continue;
        Slot& s = slots[i];
        std::call_once(s.once, [&] { s.tables = std::make_unique<const Tables>(*list[i]); });
        return *s.tables;
    }
    // A Fluid built from other data: one table set per data object, built under a lock.
    struct Extra {
        std::unique_ptr<const Fluid> fluid;
        std::unique_ptr<const Tables> tables;
    };
    static std::mutex m;
    static std::vector<Extra> extra;
    const std::lock_guard<std::mutex> lock(m);
    for (const Extra& e : extra)
        if (&e.fluid->data() == &fluid.data()) return *e.tables;
    Extra e;
    e.fluid = std::make_unique<const Fluid>(fluid.data());
    e.tables = std::make_unique<const Tables>(*e.fluid);
    extra.push_back(std::move(e));
    return *extra.back().tables;
}

} // namespace entropyk::fluids
