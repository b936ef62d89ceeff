// One single-phase region of the tables and its construction from the EOS.
//
// The region is a bicubic grid over (x, y), x = ln p, y = (h - h_lower(p)) / (h_upper(p) -
// h_lower(p)) in [0, 1], where the bounding curves are the saturation curve (h' for the liquid,
// h'' for the vapour, from the saturation tables) and the isotherms T_min / T_max (1-D Hermite
// tables on the grid's own x nodes). So the liquid and the vapour have separate grids that end
// exactly on the saturation curve: no cell ever straddles the dome. Above the critical pressure a
// third grid spans T_min..T_max.
//
// Node data: T, ln rho, s and their exact (ln p, h) derivatives from the EOS, mapped to (x, y)
// with the derivatives of the bounding curves; d2/dxdy by second-order differences of the exact
// first derivatives (average of both directions), which keeps the interpolation fourth order.
// After the build, every cell is checked at its centre against the EOS; cells that miss the
// check tolerances (those touching the critical region) and cells next to a failed node are
// marked unusable: lookups there use the EOS.
#pragma once

#include <cmath>
#include <vector>

#include "entropyk/fluids/tabular/eos_nodes.hpp"
#include "entropyk/fluids/tabular/grid.hpp"
#include "entropyk/fluids/tabular/saturation_table.hpp"

namespace entropyk::fluids::tabular {

enum class RegionKind { liquid, vapor, supercritical };

/// Acceptance thresholds of the cell-centre check (relative; s relative to max(|s|, R)).
struct CheckTolerances {
    double T = 3e-8, rho = 3e-7, s = 3e-7;
};

/// Bounding curves of a region at one pressure: h_lower, h_upper and their d/dlnp.
struct Bounds {
    double lo, lo_x, up, up_x;
};

class Region {
  public:
    Region() = default;

    [[nodiscard]] RegionKind kind() const noexcept { return kind_; }
    [[nodiscard]] const Grid& grid() const noexcept { return grid_; }
    [[nodiscard]] bool empty() const noexcept { return grid_.empty(); }
    [[nodiscard]] double p_lo() const noexcept { return p_lo_; }
    [[nodiscard]] double p_hi() const noexcept { return p_hi_; }
    [[nodiscard]] std::size_t bytes() const noexcept { return grid_.bytes() + iso_.bytes(); }
    [[nodiscard]] std::size_t failed_nodes() const noexcept { return failed_nodes_; }

    /// Bounding curves at the x locus (sat: the saturation locus at the same p; unused for the
    /// supercritical region).
    [[nodiscard]] Bounds bounds(const Locus& Lx, const Basis& bx, const Basis& dbx,
                                const SatLocus* sat) const noexcept {
        Bounds b;
        switch (kind_) {
        case RegionKind::liquid:
            b.lo = iso_.value(Lx, bx, 0);
            b.lo_x = iso_.slope(Lx, dbx, 0);
            b.up = SaturationTable::value(*sat, sq_h_liquid);
            b.up_x = SaturationTable::slope_x(*sat, sq_h_liquid);
            break;
        case RegionKind::vapor:
            b.lo = SaturationTable::value(*sat, sq_h_vapor);
            b.lo_x = SaturationTable::slope_x(*sat, sq_h_vapor);
            b.up = iso_.value(Lx, bx, 1);
            b.up_x = iso_.slope(Lx, dbx, 1);
            break;
        case RegionKind::supercritical:
            b.lo = iso_.value(Lx, bx, 0);
            b.lo_x = iso_.slope(Lx, dbx, 0);
            b.up = iso_.value(Lx, bx, 1);
            b.up_x = iso_.slope(Lx, dbx, 1);
            break;
        }
        return b;
    }

    /// Builds the region over ax (x = ln p, from ln p_lo to ln p_hi) and ay (y in [0, 1]).
    Region(const Fluid& fl, const SaturationTable& sat, RegionKind kind, double p_lo, double p_hi, const Axis& ax,
           const Axis& ay, const CheckTolerances& tol)
        : kind_(kind), grid_(ax, ay), iso_(ax), p_lo_(p_lo), p_hi_(p_hi) {
        const helmholtz::FluidData& f = fl.data();
        const std::size_t nx = ax.nodes(), ny = ay.nodes();
        std::vector<unsigned char> ok(nx * ny, 0);
        std::vector<double> Tnode(nx * ny, 0.0), rnode(nx * ny, 0.0);
        // Bounding isotherms (T_min and/or T_max) at the x nodes.
        std::vector<double> rho_min(nx, -1.0);
        for (std::size_t i = 0; i < nx; ++i) {
            const double p = node_pressure(ax, i);
            if (kind != RegionKind::vapor) {
                const double r = detail::density_at(f, f.T_min, p);
                if (r > 0.0) {
                    const helmholtz::Properties P = helmholtz::properties_trho(f, f.T_min, r);
                    iso_.set(i, 0, P.h, p * detail::dh_dp_T(P));
                    rho_min[i] = r;
                }
            }
            if (kind != RegionKind::liquid) {
                const double r = detail::density_at(f, f.T_max, p);
                if (r > 0.0) {
                    const helmholtz::Properties P = helmholtz::properties_trho(f, f.T_max, r);
                    iso_.set(i, 1, P.h, p * detail::dh_dp_T(P));
                }
            }
        }
        // Nodes, isobar by isobar, each solve warm-started from its neighbour.
        for (std::size_t i = 0; i < nx; ++i) {
            const double p = node_pressure(ax, i);
            const double x = std::log(p);
            const Locus Lx = node_locus(ax, i);
            const Basis bx = hermite(Lx.t), dbx = hermite_dt(Lx.t);
            SatLocus sl{};
            double T = 0.0, rho = 0.0;
            if (kind != RegionKind::supercritical) {
                sl = sat.locate(p, x);
                const bool liq = kind == RegionKind::liquid;
                T = SaturationTable::value(sl, liq ? sq_T_liquid : sq_T_vapor);
                rho = std::exp(SaturationTable::value(sl, liq ? sq_lnrho_liquid : sq_lnrho_vapor));
            } else {
                T = f.T_min;
                rho = rho_min[i];
            }
            const Bounds B = bounds(Lx, bx, dbx, &sl);
            const double dh = B.up - B.lo;
            const detail::Side side = kind == RegionKind::liquid  ? detail::Side::dense
                                      : kind == RegionKind::vapor ? detail::Side::light
                                                                  : detail::Side::any;
            const bool downward = kind == RegionKind::liquid;
            double h_prev = downward ? B.up : B.lo;
            double cp_prev = 0.0, drdh_prev = 0.0;
            for (std::size_t jj = 0; jj < ny; ++jj) {
                const std::size_t j = downward ? ny - 1 - jj : jj;
                const double y = ay.node(j);
                const double h = B.lo + y * dh;
                double Tg = T, rg = rho;
                if (jj > 0 && cp_prev > 0.0) {
                    Tg = T + (h - h_prev) / cp_prev;
                    rg = rho + (h - h_prev) * drdh_prev;
                    if (!(rg > 0.0)) rg = rho;
                }
                helmholtz::Properties P;
                if (!(rho > 0.0) || !detail::node_state(fl, p, h, side, Tg, rg, P)) continue;
                T = Tg;
                rho = rg;
                h_prev = h;
                cp_prev = P.cp;
                drdh_prev = detail::drho_dT_p(P) / P.cp;
                const detail::NodeDerivatives d = detail::node_derivatives(P);
                const double hx = B.lo_x + y * (B.up_x - B.lo_x); // dh/dx at constant y
                GridNode& n = grid_.node(i, j);
                n.v[q_T][0] = d.T;
                n.v[q_T][1] = d.T_x + d.T_h * hx;
                n.v[q_T][2] = d.T_h * dh;
                n.v[q_lnrho][0] = d.lr;
                n.v[q_lnrho][1] = d.lr_x + d.lr_h * hx;
                n.v[q_lnrho][2] = d.lr_h * dh;
                n.v[q_s][0] = d.s;
                n.v[q_s][1] = d.s_x + d.s_h * hx;
                n.v[q_s][2] = d.s_h * dh;
                ok[i * ny + j] = 1;
                Tnode[i * ny + j] = T;
                rnode[i * ny + j] = rho;
            }
        }
        // Cross derivatives and usability.
        std::vector<unsigned char> good(nx * ny, 0);
        for (std::size_t i = 0; i < nx; ++i)
            for (std::size_t j = 0; j < ny; ++j) {
                bool g = ok[i * ny + j] != 0;
                if (i > 0) g = g && ok[(i - 1) * ny + j];
                if (i + 1 < nx) g = g && ok[(i + 1) * ny + j];
                if (j > 0) g = g && ok[i * ny + j - 1];
                if (j + 1 < ny) g = g && ok[i * ny + j + 1];
                // One-sided differences at the edges reach two nodes in.
                if (i == 0 && nx > 2) g = g && ok[2 * ny + j];
                if (i + 1 == nx && nx > 2) g = g && ok[(nx - 3) * ny + j];
                if (j == 0 && ny > 2) g = g && ok[i * ny + 2];
                if (j + 1 == ny && ny > 2) g = g && ok[i * ny + ny - 3];
                good[i * ny + j] = g ? 1 : 0;
                if (!ok[i * ny + j]) ++failed_nodes_;
            }
        for (std::size_t i = 0; i < nx; ++i)
            for (std::size_t j = 0; j < ny; ++j) {
                if (!good[i * ny + j]) continue;
                for (std::size_t k = 0; k < grid_quantities; ++k) {
                    const double dyx = fd_derivative(ay, j, [&](std::size_t jj) { return grid_.node(i, jj).v[k][1]; });
                    const double dxy = fd_derivative(ax, i, [&](std::size_t ii) { return grid_.node(ii, j).v[k][2]; });
                    grid_.node(i, j).v[k][3] = 0.5 * (dyx + dxy);
                }
            }
        // Cell-centre check against the EOS.
        const double s_floor = f.R;
        for (std::size_t ci = 0; ci < ax.cells(); ++ci) {
            const Locus Lx{ci, 0.5, ax.cell_width(ci)};
            const Basis bx = hermite(0.5), dbx = hermite_dt(0.5);
            const double x = ax.node(ci) + 0.5 * Lx.width;
            const double p = std::exp(x);
            SatLocus sl{};
            if (kind != RegionKind::supercritical) sl = sat.locate(p, x);
            const Bounds B = bounds(Lx, bx, dbx, &sl);
            for (std::size_t cj = 0; cj < ay.cells(); ++cj) {
                const bool corners = good[ci * ny + cj] && good[ci * ny + cj + 1] && good[(ci + 1) * ny + cj] &&
                                     good[(ci + 1) * ny + cj + 1];
                if (!corners) {
                    grid_.set_usable(ci, cj, false);
                    continue;
                }
                const Locus Ly{cj, 0.5, ay.cell_width(cj)};
                const double y = ay.node(cj) + 0.5 * Ly.width;
                const GridPoint g = grid_.eval(Lx, Ly, bx, dbx, bx, dbx);
                double T = g.f[q_T], rho = std::exp(g.f[q_lnrho]);
                helmholtz::Properties P;
                const double h = B.lo + y * (B.up - B.lo);
                bool pass = detail::newton_ph(f, p, h, T, rho, P);
                if (pass) {
                    const double eT = std::fabs(g.f[q_T] - P.T) / P.T;
                    const double er = std::fabs(g.f[q_lnrho] - std::log(P.rho));
                    const double es = std::fabs(g.f[q_s] - P.s) / std::max(std::fabs(P.s), s_floor);
                    pass = eT <= tol.T && er <= tol.rho && es <= tol.s;
                    // The solution must be the stable branch of the region.
                    if (kind == RegionKind::liquid) pass = pass && P.rho >= f.rho_critical;
                    if (kind == RegionKind::vapor) pass = pass && P.rho <= f.rho_critical;
                }
                if (!pass) grid_.set_usable(ci, cj, false);
            }
        }
    }

  private:
    static double node_pressure(const Axis& ax, std::size_t i) noexcept { return std::exp(ax.node(i)); }
    static Locus node_locus(const Axis& ax, std::size_t i) noexcept {
        if (i < ax.cells()) return {i, 0.0, ax.cell_width(i)};
        return {ax.cells() - 1, 1.0, ax.cell_width(ax.cells() - 1)};
    }

    RegionKind kind_ = RegionKind::liquid;
    Grid grid_;
    HermiteTable1D<2> iso_; ///< h(T_min, p) [0] and h(T_max, p) [1] with d/dlnp
    double p_lo_ = 0.0, p_hi_ = 0.0;
    std::size_t failed_nodes_ = 0;
};

} // namespace entropyk::fluids::tabular
