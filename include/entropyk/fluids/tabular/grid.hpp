// A bicubic Hermite grid of T, ln(rho) and s over (x, y) = (ln p, normalised enthalpy). Each node
// stores value, d/dx, d/dy and d2/dxdy of the three quantities; a cell is interpolated from its
// four corners (C1 across cells, exact at the nodes, fourth order in the cell size). Cells can be
// marked unusable (the caller then falls back to the EOS).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "entropyk/fluids/tabular/hermite.hpp"

namespace entropyk::fluids::tabular {

/// Quantities interpolated on the grids.
enum Quantity : std::size_t { q_T = 0, q_lnrho = 1, q_s = 2 };
inline constexpr std::size_t grid_quantities = 3;

/// One node: for each quantity f, df/dx, df/dy, d2f/dxdy (per unit x and y).
struct GridNode {
    double v[grid_quantities][4];
};

/// Interpolated values and gradients at one point, per unit x and y.
struct GridPoint {
    double f[grid_quantities], fx[grid_quantities], fy[grid_quantities];
};

class Grid {
  public:
    Grid() = default;
    Grid(const Axis& ax, const Axis& ay) : ax_(ax), ay_(ay), ny_(ay.nodes()) {
        nodes_.resize(ax.nodes() * ny_);
        usable_.assign(ax.cells() * ay.cells(), 1);
    }

    [[nodiscard]] const Axis& x_axis() const noexcept { return ax_; }
    [[nodiscard]] const Axis& y_axis() const noexcept { return ay_; }
    [[nodiscard]] bool empty() const noexcept { return nodes_.empty(); }
    [[nodiscard]] GridNode& node(std::size_t i, std::size_t j) noexcept { return nodes_[i * ny_ + j]; }
    [[nodiscard]] const GridNode& node(std::size_t i, std::size_t j) const noexcept { return nodes_[i * ny_ + j]; }
    [[nodiscard]] bool usable(std::size_t ci, std::size_t cj) const noexcept {
        return usable_[ci * ay_.cells() + cj] != 0;
    }
    void set_usable(std::size_t ci, std::size_t cj, bool u) noexcept { usable_[ci * ay_.cells() + cj] = u ? 1 : 0; }
    [[nodiscard]] std::size_t unusable_cells() const noexcept {
        std::size_t n = 0;
        for (unsigned char u : usable_) n += u == 0 ? 1 : 0;
        return n;
    }
    [[nodiscard]] std::size_t cells() const noexcept { return usable_.size(); }
    [[nodiscard]] std::size_t bytes() const noexcept {
        return nodes_.capacity() * sizeof(GridNode) + usable_.capacity();
    }

    /// Values and gradients at (Lx, Ly); bx/dbx = hermite(Lx.t)/hermite_dt(Lx.t), same for y.
    [[nodiscard]] GridPoint eval(const Locus& Lx, const Locus& Ly, const Basis& bx, const Basis& dbx, const Basis& by,
                                 const Basis& dby) const noexcept {
        const GridNode& n00 = nodes_[Lx.cell * ny_ + Ly.cell];
        const GridNode& n01 = nodes_[Lx.cell * ny_ + Ly.cell + 1];
        const GridNode& n10 = nodes_[(Lx.cell + 1) * ny_ + Ly.cell];
        const GridNode& n11 = nodes_[(Lx.cell + 1) * ny_ + Ly.cell + 1];
        const double wx = Lx.width, wy = Ly.width;
        GridPoint out;
        for (std::size_t k = 0; k < grid_quantities; ++k) {
            const double* a = n00.v[k];
            const double* b = n01.v[k];
            const double* c = n10.v[k];
            const double* d = n11.v[k];
            // Along y on the two x-edges: g = f(y), gx = f_x(y), and their y-derivatives.
            const double ya0 = wy * by.d0, ya1 = wy * by.d1, yd0 = wy * dby.d0, yd1 = wy * dby.d1;
            const double g0 = by.v0 * a[0] + ya0 * a[2] + by.v1 * b[0] + ya1 * b[2];
            const double gx0 = by.v0 * a[1] + ya0 * a[3] + by.v1 * b[1] + ya1 * b[3];
            const double gu0 = dby.v0 * a[0] + yd0 * a[2] + dby.v1 * b[0] + yd1 * b[2];
            const double gxu0 = dby.v0 * a[1] + yd0 * a[3] + dby.v1 * b[1] + yd1 * b[3];
            const double g1 = by.v0 * c[0] + ya0 * c[2] + by.v1 * d[0] + ya1 * d[2];
            const double gx1 = by.v0 * c[1] + ya0 * c[3] + by.v1 * d[1] + ya1 * d[3];
            const double gu1 = dby.v0 * c[0] + yd0 * c[2] + dby.v1 * d[0] + yd1 * d[2];
            const double gxu1 = dby.v0 * c[1] + yd0 * c[3] + dby.v1 * d[1] + yd1 * d[3];
            const double xa0 = wx * bx.d0, xa1 = wx * bx.d1;
            out.f[k] = bx.v0 * g0 + xa0 * gx0 + bx.v1 * g1 + xa1 * gx1;
            out.fx[k] = (dbx.v0 * g0 + dbx.v1 * g1) / wx + dbx.d0 * gx0 + dbx.d1 * gx1;
            out.fy[k] = (bx.v0 * gu0 + xa0 * gxu0 + bx.v1 * gu1 + xa1 * gxu1) / wy;
        }
        return out;
    }

    /// Along the line x (Lx, bx = hermite(Lx.t)): the y in [0, 1]... of the axis where quantity k
    /// equals target (k must increase with y along the line). False if the target lies outside
    /// the values at the ends of the line or in an unusable cell.
    [[nodiscard]] bool invert_y(const Locus& Lx, const Basis& bx, std::size_t k, double target,
                                Locus& Ly) const noexcept {
        const std::size_t ny = ny_;
        const GridNode* c0 = &nodes_[Lx.cell * ny];
        const GridNode* c1 = &nodes_[(Lx.cell + 1) * ny];
        const double xa0 = Lx.width * bx.d0, xa1 = Lx.width * bx.d1;
        auto value = [&](std::size_t j) {
            return bx.v0 * c0[j].v[k][0] + xa0 * c0[j].v[k][1] + bx.v1 * c1[j].v[k][0] + xa1 * c1[j].v[k][1];
        };
        auto slope = [&](std::size_t j) {
            return bx.v0 * c0[j].v[k][2] + xa0 * c0[j].v[k][3] + bx.v1 * c1[j].v[k][2] + xa1 * c1[j].v[k][3];
        };
        std::size_t lo = 0, hi = ny - 1;
        double flo = value(lo), fhi = value(hi);
        if (!(target >= flo && target <= fhi)) return false;
        // Interpolation search for the cell j with value(j) <= target <= value(j + 1).
        while (hi - lo > 1) {
            const double frac = (target - flo) / (fhi - flo);
            auto j = lo + static_cast<std::size_t>(frac * static_cast<double>(hi - lo));
            if (j <= lo) j = lo + 1;
            if (j >= hi) j = hi - 1;
            const double fj = value(j);
            if (fj <= target) {
                lo = j;
                flo = fj;
                if (hi - lo > 1) {
                    const double fn = value(lo + 1);
                    if (fn >= target) {
                        hi = lo + 1;
                        fhi = fn;
                    }
                }
            } else {
                hi = j;
                fhi = fj;
                if (hi - lo > 1) {
                    const double fp = value(hi - 1);
                    if (fp <= target) {
                        lo = hi - 1;
                        flo = fp;
                    }
                }
            }
        }
        if (!usable(Lx.cell, lo)) return false;
        // The cubic on the cell: Newton with bisection safeguard.
        const double wy = ay_.cell_width(lo);
        const double s0 = wy * slope(lo), s1 = wy * slope(lo + 1);
        double a = 0.0, b = 1.0;
        double u = fhi > flo ? (target - flo) / (fhi - flo) : 0.5;
        for (int it = 0; it < 30; ++it) {
            const Basis h = hermite(u), dh = hermite_dt(u);
            const double F = h.v0 * flo + h.d0 * s0 + h.v1 * fhi + h.d1 * s1 - target;
            const double dF = dh.v0 * flo + dh.d0 * s0 + dh.v1 * fhi + dh.d1 * s1;
            if (F < 0.0)
                a = u;
            else
                b = u;
            double un = dF > 0.0 ? u - F / dF : 0.5 * (a + b);
            if (!(un >= a && un <= b)) un = 0.5 * (a + b);
            const double du = un - u;
            u = un;
            if (std::fabs(du) < 1e-15 || b - a < 1e-15) break;
        }
        Ly = {lo, u, wy};
        return true;
    }

  private:
    Axis ax_{}, ay_{};
    std::size_t ny_ = 0;
    std::vector<GridNode> nodes_;
    std::vector<unsigned char> usable_;
};

} // namespace entropyk::fluids::tabular
