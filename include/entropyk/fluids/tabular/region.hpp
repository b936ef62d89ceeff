// One single-phase region of the tables and its construction from the EOS.
//
// The region is a bicubic Hermite grid over (x, eta), x = ln p, eta an enthalpy coordinate
// anchored on a smooth isotherm (see the constructor). The liquid and the vapour have separate
// grids, chosen by the saturation tables' h'(p) / h''(p), so no cell ever interpolates across
// the dome; their nodes continue a few cells past the saturation curve on the phase's own
// metastable surface. Above the critical pressure a third grid spans T_min..T_max.
//
// Node data: T, ln rho, s and their exact (ln p, h) derivatives from the EOS, mapped to
// (x, eta); d2/dxdy by finite differences of the exact first derivatives (both directions
// averaged; fourth order inside uniform stretches), which keeps the interpolation fourth order.
// After the build, every cell is checked at its centre against the EOS; cells that miss the
// check tolerances (the critical region, mostly) and cells next to a failed node are marked
// unusable: lookups there use the EOS.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "entropyk/fluids/tabular/eos_nodes.hpp"
#include "entropyk/fluids/tabular/grid.hpp"
#include "entropyk/fluids/tabular/layout.hpp"
#include "entropyk/fluids/tabular/saturation_table.hpp"

namespace entropyk::fluids::tabular {

enum class RegionKind { liquid, vapor, supercritical };

/// Acceptance thresholds of the cell-centre check (relative; s relative to max(|s|, R)).
struct CheckTolerances {
    double T = 4e-8, rho = 4e-7, s = 4e-7;
};

/// The anchor isotherms at one pressure: h(T_min, p), h(T_max, p) and their d/dlnp.
struct Anchors {
    double lo, lo_x, hi, hi_x;
};

/// The grid coordinate across the isobars, eta, at one (p, h), with (d eta/d ln p)_h and
/// (d eta/dh)_p.
struct Mapping {
    double eta, eta_x, eta_h;
};

class Region {
  public:
    /// Newton tolerance of the node solves: the last step (<= 1e-6 relative) is taken, so T, rho,
    /// h, s of a node are exact to ~1e-12; its derivatives, evaluated before that step, to ~1e-6
    /// relative, which moves the interpolant by ~1e-9 relative.
    static constexpr double node_tolerance = 1e-6;

    Region() = default;

    [[nodiscard]] RegionKind kind() const noexcept { return kind_; }
    [[nodiscard]] const Grid& grid() const noexcept { return grid_; }
    [[nodiscard]] bool empty() const noexcept { return grid_.empty(); }
    [[nodiscard]] double p_lo() const noexcept { return p_lo_; }
    [[nodiscard]] double p_hi() const noexcept { return p_hi_; }
    [[nodiscard]] std::size_t bytes() const noexcept {
        return grid_.bytes() + iso_.bytes() + top_.capacity() * sizeof(std::size_t);
    }
    [[nodiscard]] std::size_t failed_nodes() const noexcept { return failed_nodes_; }
    [[nodiscard]] std::size_t computed_nodes() const noexcept { return computed_nodes_; }
    /// Cells that can hold states of the region (not wholly past the saturation curve), and how
    /// many of them use the EOS.
    [[nodiscard]] std::size_t cells_in_region() const noexcept { return cells_in_region_; }
    [[nodiscard]] std::size_t eos_cells() const noexcept { return eos_cells_; }
    /// Largest eta served (beyond: the EOS).
    [[nodiscard]] double eta_limit() const noexcept { return eta_limit_; }
    /// Highest computed node of column i (the nodes above lie deep inside the dome).
    [[nodiscard]] std::size_t column_top(std::size_t i) const noexcept { return top_[i]; }

    [[nodiscard]] Anchors anchors(const Locus& Lx, const Basis& bx, const Basis& dbx) const noexcept {
        Anchors a{0.0, 0.0, 0.0, 0.0};
        if (kind_ != RegionKind::vapor) {
            a.lo = iso_.value(Lx, bx, 0);
            a.lo_x = iso_.slope(Lx, dbx, 0);
        }
        if (kind_ != RegionKind::liquid) {
            a.hi = iso_.value(Lx, bx, 1);
            a.hi_x = iso_.slope(Lx, dbx, 1);
        }
        return a;
    }
    /// The eta of enthalpy h, and (via anchors) nothing else: the cheap form for lookups.
    [[nodiscard]] double eta_of(const Anchors& a, double h) const noexcept {
        switch (kind_) {
        case RegionKind::liquid: return (h - a.lo) * inv_scale_;
        case RegionKind::vapor: return (a.hi - h) * inv_scale_;
        case RegionKind::supercritical: break;
        }
        return (h - a.lo) / (a.hi - a.lo);
    }
    /// Entropy on the anchor isotherm the eta coordinate starts from (T_min, or T_max for the
    /// vapour), and on the other one.
    [[nodiscard]] double anchor_s(const Locus& Lx, const Basis& bx, bool start) const noexcept {
        const bool hot = (kind_ == RegionKind::vapor) == start;
        return iso_.value(Lx, bx, hot ? 3 : 2);
    }
    [[nodiscard]] Mapping map(const Anchors& a, double h) const noexcept {
        switch (kind_) {
        case RegionKind::liquid: return {(h - a.lo) * inv_scale_, -a.lo_x * inv_scale_, inv_scale_};
        case RegionKind::vapor: return {(a.hi - h) * inv_scale_, a.hi_x * inv_scale_, -inv_scale_};
        case RegionKind::supercritical: break;
        }
        const double d = 1.0 / (a.hi - a.lo), e = (h - a.lo) * d;
        return {e, -(a.lo_x + e * (a.hi_x - a.lo_x)) * d, d};
    }
    [[nodiscard]] double h_of(const Anchors& a, double eta) const noexcept {
        switch (kind_) {
        case RegionKind::liquid: return a.lo + eta * scale_;
        case RegionKind::vapor: return a.hi - eta * scale_;
        case RegionKind::supercritical: break;
        }
        return a.lo + eta * (a.hi - a.lo);
    }
    /// True if T and s increase with eta (liquid, supercritical); they decrease for the vapour.
    [[nodiscard]] bool increasing() const noexcept { return kind_ != RegionKind::vapor; }

    /// Builds the region over the x axis ax (x = ln p, from ln p_lo to ln p_hi); the eta axis
    /// comes from the layout.
    ///   liquid:        eta = (h - h(T_min, p)) / H, the saturation curve at eta <= 1;
    ///   vapour:        eta = (h(T_max, p) - h) / H, the saturation curve at eta <= 1;
    ///   supercritical: eta = (h - h(T_min, p)) / (h(T_max, p) - h(T_min, p)).
    /// The anchors are smooth isotherms, so the lines of constant eta are smooth even where the
    /// saturation curve is not (towards p_c); liquid and vapour nodes are computed up to a few
    /// cells past the saturation curve, on the metastable continuation of the phase, so that the
    /// cells crossing the curve interpolate the phase's own smooth surface.
    Region(const Fluid& fl, const SaturationTable& sat, RegionKind kind, double p_lo, double p_hi, const Axis& ax,
           const TableLayout& layout, const CheckTolerances& tol)
        : kind_(kind), iso_(ax), p_lo_(p_lo), p_hi_(p_hi) {
        const helmholtz::FluidData& f = fl.data();
        const std::size_t nx = ax.nodes();
        // Anchor isotherms (T_min and/or T_max) at the x nodes.
        std::vector<double> rho_anchor(nx, -1.0);
        for (std::size_t i = 0; i < nx; ++i) {
            const double p = node_pressure(ax, i);
            for (int k = 0; k < 2; ++k) {
                if ((k == 0 && kind == RegionKind::vapor) || (k == 1 && kind == RegionKind::liquid)) continue;
                const double T = k == 0 ? f.T_min : f.T_max;
                const double r = detail::density_at(f, T, p);
                if (!(r > 0.0)) continue;
                const helmholtz::Properties P = helmholtz::properties_trho(f, T, r);
                iso_.set(i, static_cast<std::size_t>(k), P.h, p * detail::dh_dp_T(P));
                // (ds/dp)_T = -(dv/dT)_p
                iso_.set(i, static_cast<std::size_t>(k) + 2, P.s, p * detail::drho_dT_p(P) / (P.rho * P.rho));
                if ((k == 0) == (kind != RegionKind::vapor)) rho_anchor[i] = r;
            }
        }
        // Saturation boundary (in eta units of the scale) at the x nodes.
        std::vector<double> sat_h(nx, 0.0);
        if (kind != RegionKind::supercritical) {
            scale_ = 0.0;
            double smin = 1e300;
            for (std::size_t i = 0; i < nx; ++i) {
                const double p = node_pressure(ax, i);
                const SatLocus sl = sat.locate(p, std::log(p));
                const bool liq = kind == RegionKind::liquid;
                sat_h[i] = SaturationTable::value(sl, liq ? sq_h_liquid : sq_h_vapor);
                const double d = liq ? sat_h[i] - iso_.value_at_node(i, 0) : iso_.value_at_node(i, 1) - sat_h[i];
                scale_ = std::max(scale_, d);
                smin = std::min(smin, d);
            }
            inv_scale_ = 1.0 / scale_;
            const double bmin = smin * inv_scale_;
            if (kind == RegionKind::liquid) {
                const double w = layout.liquid_width;
                const AxisSpec spec{{2.0, 3.0, 4.0}, {w, w, w, w}};
                eta_axis_ = make_axis(0.0, 1.0 + 4.0 * w, spec);
            } else {
                const double wf = layout.vapor_fine_width, wm = layout.vapor_medium_width;
                const double wc = layout.vapor_coarse_width;
                const AxisSpec spec{{bmin - layout.vapor_medium_margin, bmin - layout.vapor_fine_margin, 4.0},
                                    {wc, wm, wf, wf}};
                eta_axis_ = make_axis(0.0, 1.0 + 4.0 * wf, spec);
            }
            eta_limit_ = eta_axis_.hi();
        } else {
            // Finer eta over the pseudo-critical ridge: where T_c - 10 K .. T_c + 60 K lie on the
            // isobars p_c .. 2 p_c.
            double ea = 1.0, eb = 0.0;
            for (const double m : {1.0, 1.1, 1.25, 1.5, 2.0}) {
                const double p = std::min(m * p_lo, p_hi);
                const double hlo = eos_h(f, f.T_min, p), hhi = eos_h(f, f.T_max, p);
                const double ha = eos_h(f, std::max(f.T_critical - 10.0, f.T_min), p);
                const double hb = eos_h(f, std::min(f.T_critical + 60.0, f.T_max), p);
                if (!(hhi > hlo) || !std::isfinite(ha) || !std::isfinite(hb)) continue;
                ea = std::min(ea, (ha - hlo) / (hhi - hlo));
                eb = std::max(eb, (hb - hlo) / (hhi - hlo));
            }
            const double w = layout.super_y_width, wf = w / layout.super_ridge_refinement;
            const AxisSpec spec =
                eb > ea ? AxisSpec{{ea, eb, 4.0}, {w, wf, w, w}} : AxisSpec{{2.0, 3.0, 4.0}, {w, w, w, w}};
            eta_axis_ = make_axis(0.0, 1.0, spec);
            eta_limit_ = 1.0;
        }
        const Axis& ay = eta_axis_;
        grid_ = Grid(ax, ay);
        const std::size_t ny = ay.nodes();
        top_.assign(nx, 0);
        std::vector<unsigned char> ok(nx * ny, 0);
        std::vector<NodeData> work(nx * ny); // node data in double until the grid is complete
        // Where each column stops: a few cells past the saturation curve of this isobar and of its
        // neighbours (their difference stencils reach across).
        auto boundary_eta = [&](std::size_t i) {
            return kind == RegionKind::liquid ? (sat_h[i] - iso_.value_at_node(i, 0)) * inv_scale_
                                              : (iso_.value_at_node(i, 1) - sat_h[i]) * inv_scale_;
        };
        std::vector<double> boundary(nx, 2.0);
        if (kind != RegionKind::supercritical)
            for (std::size_t i = 0; i < nx; ++i) boundary[i] = boundary_eta(i);
        // Nodes, isobar by isobar, marching away from the anchor, each solve warm-started from
        // its neighbour.
        for (std::size_t i = 0; i < nx; ++i) {
            const double p = node_pressure(ax, i);
            const Anchors A{iso_.value_at_node(i, 0), iso_.derivative_at_node(i, 0), iso_.value_at_node(i, 1),
                            iso_.derivative_at_node(i, 1)};
            double stop = 1e300;
            if (kind != RegionKind::supercritical) {
                double b = boundary[i];
                if (i > 0) b = std::max(b, boundary[i - 1]);
                if (i + 1 < nx) b = std::max(b, boundary[i + 1]);
                const Locus Lb = ay.locate(b);
                stop = b + 3.5 * Lb.width;
            }
            double T = kind == RegionKind::vapor ? f.T_max : f.T_min;
            double rho = rho_anchor[i];
            if (!(rho > 0.0)) continue;
            const detail::Side side = kind == RegionKind::liquid  ? detail::Side::dense
                                      : kind == RegionKind::vapor ? detail::Side::light
                                                                  : detail::Side::any;
            // Predictor: quadratic extrapolation of T(h) and rho(h) from the last two nodes (their
            // exact slopes 1/cp and (drho/dh)_p), so that most solves take one or two steps.
            double h_prev = h_of(A, 0.0), Th_prev = 0.0, rh_prev = 0.0, Thh = 0.0, rhh = 0.0;
            for (std::size_t j = 0; j < ny; ++j) {
                const double eta = ay.node(j);
                if (eta > stop) break;
                const double h = h_of(A, eta);
                double Tg = T, rg = rho;
                if (j > 0) {
                    const double dh = h - h_prev;
                    Tg = T + dh * (Th_prev + 0.5 * Thh * dh);
                    rg = rho + dh * (rh_prev + 0.5 * rhh * dh);
                    if (!(rg > 0.0) || !(Tg > 0.0)) {
                        Tg = T + dh * Th_prev;
                        rg = rho + dh * rh_prev;
                        if (!(rg > 0.0)) rg = rho;
                    }
                }
                helmholtz::Properties P;
                // Past the saturation curve only the Newton continuation is wanted.
                const bool beyond = kind != RegionKind::supercritical && eta > boundary[i];
                bool solved = false;
                if (beyond) {
                    solved = detail::newton_ph(f, p, h, Tg, rg, P, node_tolerance) &&
                             (side == detail::Side::dense ? rg >= f.rho_critical : rg <= f.rho_critical);
                } else {
                    solved = detail::node_state(fl, p, h, side, Tg, rg, P, node_tolerance);
                }
                if (!solved) break;
                T = Tg;
                rho = rg;
                const double Th = 1.0 / P.cp, rh = detail::drho_dT_p(P) / P.cp;
                if (j > 0 && h != h_prev) {
                    Thh = (Th - Th_prev) / (h - h_prev);
                    rhh = (rh - rh_prev) / (h - h_prev);
                }
                h_prev = h;
                Th_prev = Th;
                rh_prev = rh;
                const detail::NodeDerivatives d = detail::node_derivatives(P);
                const double hx = kind == RegionKind::liquid ? A.lo_x
                                  : kind == RegionKind::vapor
                                      ? A.hi_x
                                      : A.lo_x + eta * (A.hi_x - A.lo_x); // dh/dx at constant eta
                const double he = kind == RegionKind::liquid  ? scale_
                                  : kind == RegionKind::vapor ? -scale_
                                                              : A.hi - A.lo; // dh/deta
                NodeData& n = work[i * ny + j];
                n.v[q_T][0] = d.T;
                n.v[q_T][1] = d.T_x + d.T_h * hx;
                n.v[q_T][2] = d.T_h * he;
                n.v[q_lnrho][0] = d.lr;
                n.v[q_lnrho][1] = d.lr_x + d.lr_h * hx;
                n.v[q_lnrho][2] = d.lr_h * he;
                n.v[q_s][0] = d.s;
                n.v[q_s][1] = d.s_x + d.s_h * hx;
                n.v[q_s][2] = d.s_h * he;
                ok[i * ny + j] = 1;
                top_[i] = j;
                ++computed_nodes_;
            }
            // A supercritical column must be complete; elsewhere a column ending before its
            // saturation curve means a failed node.
            if (kind == RegionKind::supercritical) {
                if (top_[i] + 1 < ny) failed_nodes_ += ny - 1 - top_[i];
            } else if (ay.node(top_[i]) < boundary[i] && p < 0.99 * sat.p_max()) {
                ++failed_nodes_; // (within 1 % of p_c the metastable phase ends close to the curve)
            }
        }
        // Cross derivatives where the whole difference stencil exists.
        std::vector<unsigned char> good(nx * ny, 0);
        for (std::size_t i = 0; i < nx; ++i)
            for (std::size_t j = 0; j < ny; ++j) {
                bool g = ok[i * ny + j] != 0;
                if (i > 0) g = g && ok[(i - 1) * ny + j];
                if (i + 1 < nx) g = g && ok[(i + 1) * ny + j];
                if (j > 0) g = g && ok[i * ny + j - 1];
                if (j + 1 < ny) g = g && ok[i * ny + j + 1];
                // One-sided differences at the edges and the fourth-order stencil reach two in.
                if (nx > 2) g = g && ok[(i >= 2 ? i - 2 : i + 2) * ny + j];
                if (nx > 2) g = g && ok[(i + 2 < nx ? i + 2 : i - 2) * ny + j];
                if (ny > 2) g = g && ok[i * ny + (j >= 2 ? j - 2 : j + 2)];
                if (ny > 2) g = g && ok[i * ny + (j + 2 < ny ? j + 2 : j - 2)];
                good[i * ny + j] = g ? 1 : 0;
            }
        for (std::size_t i = 0; i < nx; ++i)
            for (std::size_t j = 0; j < ny; ++j) {
                if (!good[i * ny + j]) continue;
                for (std::size_t k = 0; k < grid_quantities; ++k) {
                    const double dyx = fd_derivative(ay, j, [&](std::size_t jj) { return work[i * ny + jj].v[k][1]; });
                    const double dxy = fd_derivative(ax, i, [&](std::size_t ii) { return work[ii * ny + j].v[k][2]; });
                    work[i * ny + j].v[k][3] = 0.5 * (dyx + dxy);
                }
            }
        for (std::size_t i = 0; i < nx; ++i)
            for (std::size_t j = 0; j < ny; ++j)
                if (ok[i * ny + j]) grid_.set_node(i, j, work[i * ny + j]);
        work = std::vector<NodeData>();
        // Cell-centre check against the EOS (cells wholly past the saturation curve are never
        // used and not checked).
        const double s_floor = f.R;
        for (std::size_t ci = 0; ci < ax.cells(); ++ci) {
            const Locus Lx{ci, 0.5, ax.cell_width(ci)};
            const Basis bx = hermite(0.5), dbx = hermite_dt(0.5);
            const double p = std::exp(ax.node(ci) + 0.5 * Lx.width);
            const Anchors A = anchors(Lx, bx, dbx);
            const double reach = std::max(boundary[ci], boundary[ci + 1]);
            for (std::size_t cj = 0; cj < ay.cells(); ++cj) {
                const bool corners = good[ci * ny + cj] && good[ci * ny + cj + 1] && good[(ci + 1) * ny + cj] &&
                                     good[(ci + 1) * ny + cj + 1];
                if (ay.node(cj) > reach) {
                    grid_.set_usable(ci, cj, false);
                    continue;
                }
                ++cells_in_region_;
                if (!corners) {
                    grid_.set_usable(ci, cj, false);
                    ++eos_cells_;
                    continue;
                }
                const Locus Ly{cj, 0.5, ay.cell_width(cj)};
                const GridPoint g = grid_.eval(Lx, Ly, bx, dbx, bx, dbx);
                // One Newton step from the interpolated state measures its error (to second order).
                const double h = h_of(A, ay.node(cj) + 0.5 * Ly.width);
                detail::NewtonStep st;
                const double T = g.f[q_T], rho = std::exp(g.f[q_lnrho]);
                bool pass = detail::newton_step(f, p, h, T, rho, st);
                if (pass) {
                    const double eT = std::fabs(st.dT) / T;
                    const double er = std::fabs(std::log1p(st.drho / rho));
                    const double se = detail::s_after(st);
                    const double es = std::fabs(g.f[q_s] - se) / std::max(std::fabs(se), s_floor);
                    // The density error of a (T, p) lookup: the interpolant's rho at the h where its
                    // T is exact, i.e. e_rho - (dln rho/dT)_p e_T (large next to the critical point).
                    const double etp = std::fabs(std::log1p(st.drho / rho) - detail::drho_dT_p(st.P) / rho * st.dT);
                    pass = eT <= tol.T && er <= tol.rho && es <= tol.s && etp <= tol.rho;
                    if (kind == RegionKind::liquid) pass = pass && rho >= f.rho_critical;
                    if (kind == RegionKind::vapor) pass = pass && rho <= f.rho_critical;
                }
                if (!pass) {
                    grid_.set_usable(ci, cj, false);
                    ++eos_cells_;
                }
            }
        }
    }

  private:
    static double node_pressure(const Axis& ax, std::size_t i) noexcept { return std::exp(ax.node(i)); }
    /// EOS enthalpy at (T, p) on the stable branch (NaN if the density solve fails).
    static double eos_h(const helmholtz::FluidData& f, double T, double p) noexcept {
        const double r = detail::density_at(f, T, p);
        return r > 0.0 ? helmholtz::properties_trho(f, T, r).h : std::nan("");
    }

    RegionKind kind_ = RegionKind::liquid;
    Grid grid_;
    Axis eta_axis_{};
    HermiteTable1D<4> iso_; ///< h and s at (T_min, p) [0, 2] and (T_max, p) [1, 3], with d/dlnp
    std::vector<std::size_t> top_;
    double scale_ = 1.0, inv_scale_ = 1.0, eta_limit_ = 1.0;
    double p_lo_ = 0.0, p_hi_ = 0.0;
    std::size_t failed_nodes_ = 0, computed_nodes_ = 0, cells_in_region_ = 0, eos_cells_ = 0;
};

} // namespace entropyk::fluids::tabular
