// A bicubic Hermite grid of T, ln(rho) and s over (x, y) = (ln p, an enthalpy coordinate). Each node
// stores value, d/dx, d/dy and d2/dxdy of the three quantities; a cell is interpolated from its
// four corners (C1 across cells, exact at the nodes, fourth order in the cell size). Cells can be
// marked unusable (the caller then falls back to the EOS).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "entropyk/fluids/tabular/hermite.hpp"

namespace entropyk::fluids::tabular {

/// Quantities interpolated on the grids.
enum Quantity : std::size_t { q_T = 0, q_lnrho = 1, q_s = 2 };
inline constexpr std::size_t grid_quantities = 3;

/// One node as built: for each quantity f, df/dx, df/dy, d2f/dxdy (per unit x and y).
struct NodeData {
    double v[grid_quantities][4];
};

/// One node as stored (96 bytes). The derivatives stay in double: in float their rounding
/// (through the differences of edge values) would cost the interpolant's d/dlnp ~1e-3 in liquids.
struct GridNode {
    double f[grid_quantities];
    double d[grid_quantities][3];
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
    [[nodiscard]] const GridNode& node(std::size_t i, std::size_t j) const noexcept { return nodes_[i * ny_ + j]; }
    /// Stores node (i, j).
    void set_node(std::size_t i, std::size_t j, const NodeData& n) noexcept {
        GridNode& g = nodes_[i * ny_ + j];
        for (std::size_t k = 0; k < grid_quantities; ++k) {
            g.f[k] = n.v[k][0];
            for (std::size_t m = 0; m < 3; ++m) g.d[k][m] = n.v[k][m + 1];
        }
    }
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
    /// Without all_gradients the gradient of s is left out (fx[q_s], fy[q_s] = 0).
    template <bool all_gradients = true>
    [[nodiscard]] GridPoint eval(const Locus& Lx, const Locus& Ly, const Basis& bx, const Basis& dbx, const Basis& by,
                                 const Basis& dby) const noexcept {
        const GridNode& n00 = nodes_[Lx.cell * ny_ + Ly.cell];
        const GridNode& n01 = nodes_[Lx.cell * ny_ + Ly.cell + 1];
        const GridNode& n10 = nodes_[(Lx.cell + 1) * ny_ + Ly.cell];
        const GridNode& n11 = nodes_[(Lx.cell + 1) * ny_ + Ly.cell + 1];
        const double wx = Lx.width, wy = Ly.width;
        GridPoint out;
        for (std::size_t k = 0; k < grid_quantities; ++k) {
            const double a[4] = {n00.f[k], n00.d[k][0], n00.d[k][1], n00.d[k][2]};
            const double b[4] = {n01.f[k], n01.d[k][0], n01.d[k][1], n01.d[k][2]};
            const double c[4] = {n10.f[k], n10.d[k][0], n10.d[k][1], n10.d[k][2]};
            const double d[4] = {n11.f[k], n11.d[k][0], n11.d[k][1], n11.d[k][2]};
            // Along y on the two x-edges: g = f(y), gx = f_x(y), and their y-derivatives.
            const double ya0 = wy * by.d0, ya1 = wy * by.d1;
            const double g0 = by.v0 * a[0] + ya0 * a[2] + by.v1 * b[0] + ya1 * b[2];
            const double gx0 = by.v0 * a[1] + ya0 * a[3] + by.v1 * b[1] + ya1 * b[3];
            const double g1 = by.v0 * c[0] + ya0 * c[2] + by.v1 * d[0] + ya1 * d[2];
            const double gx1 = by.v0 * c[1] + ya0 * c[3] + by.v1 * d[1] + ya1 * d[3];
            const double xa0 = wx * bx.d0, xa1 = wx * bx.d1;
            out.f[k] = bx.v0 * g0 + xa0 * gx0 + bx.v1 * g1 + xa1 * gx1;
            if (!all_gradients && k == q_s) {
                out.fx[k] = out.fy[k] = 0.0;
                continue;
            }
            const double yd0 = wy * dby.d0, yd1 = wy * dby.d1;
            const double gu0 = dby.v0 * a[0] + yd0 * a[2] + dby.v1 * b[0] + yd1 * b[2];
            const double gxu0 = dby.v0 * a[1] + yd0 * a[3] + dby.v1 * b[1] + yd1 * b[3];
            const double gu1 = dby.v0 * c[0] + yd0 * c[2] + dby.v1 * d[0] + yd1 * d[2];
            const double gxu1 = dby.v0 * c[1] + yd0 * c[3] + dby.v1 * d[1] + yd1 * d[3];
            out.fx[k] = (dbx.v0 * g0 + dbx.v1 * g1) / wx + dbx.d0 * gx0 + dbx.d1 * gx1;
            out.fy[k] = (bx.v0 * gu0 + xa0 * gxu0 + bx.v1 * gu1 + xa1 * gxu1) / wy;
        }
        return out;
    }

    /// Along the line x (Lx, bx = hermite(Lx.t)): the eta where quantity k equals target, searched
    /// over the nodes 0..jmax starting at eta_guess (k must be monotonic in eta there: increasing,
    /// or decreasing if !increasing). False if the target lies outside the line's range or in an
    /// unusable cell.
    [[nodiscard]] bool invert_y(const Locus& Lx, const Basis& bx, std::size_t k, double target, bool increasing,
                                std::size_t jmax, double eta_guess, Locus& Ly) const noexcept {
        if (jmax < 1) return false;
        const double sg = increasing ? 1.0 : -1.0;
        const GridNode* c0 = &nodes_[Lx.cell * ny_];
        const GridNode* c1 = &nodes_[(Lx.cell + 1) * ny_];
        const double xa0 = Lx.width * bx.d0, xa1 = Lx.width * bx.d1;
        auto value = [&](std::size_t j) {
            return sg * (bx.v0 * c0[j].f[k] + xa0 * c0[j].d[k][0] + bx.v1 * c1[j].f[k] + xa1 * c1[j].d[k][0]);
        };
        auto slope = [&](std::size_t j) {
            return sg * (bx.v0 * c0[j].d[k][1] + xa0 * c0[j].d[k][2] + bx.v1 * c1[j].d[k][1] + xa1 * c1[j].d[k][2]);
        };
        const double y = sg * target;
        // Guided search from the guess: secant steps on the node values along the line, kept
        // inside the bracket of what is known ([lo, hi] holds the crossing).
        std::size_t lo = 0, hi = jmax;
        std::size_t j = ay_.locate(eta_guess).cell;
        if (j + 1 > jmax) j = jmax - 1;
        double flo = 0.0, fhi = 0.0;
        bool found = false;
        for (int it = 0; it < 12; ++it) {
            const double a = value(j), b = value(j + 1);
            if (a <= y && y <= b) {
                lo = j;
                hi = j + 1;
                flo = a;
                fhi = b;
                found = true;
                break;
            }
            const double step = b > a ? (y - (y < a ? a : b)) / (b - a) : (y < a ? -1.0 : 1.0);
            if (y < a) {
                if (j == 0) return false; // below the line's range
                hi = j;
                const double d = std::ceil(-step);
                const std::size_t dj = d >= static_cast<double>(j) ? j : static_cast<std::size_t>(d < 1.0 ? 1.0 : d);
                j -= dj;
                if (j < lo) j = lo;
            } else {
                if (j + 1 >= jmax) return false; // above the line's range
                lo = j + 1;
                const double d = std::ceil(step);
                j += static_cast<std::size_t>(
                    d < 1.0 ? 1.0 : (d > static_cast<double>(jmax) ? static_cast<double>(jmax) : d));
                if (j + 1 > hi) j = hi - 1;
            }
            if (hi <= lo) return false;
        }
        if (!found) {
            // Bisection on the remaining bracket (non-monotonic data never get here in practice).
            flo = value(lo);
            fhi = value(hi);
            if (!(y >= flo && y <= fhi)) return false;
            while (hi - lo > 1) {
                const std::size_t m = lo + (hi - lo) / 2;
                const double fm = value(m);
                if (fm <= y) {
                    lo = m;
                    flo = fm;
                } else {
                    hi = m;
                    fhi = fm;
                }
            }
        }
        if (!usable(Lx.cell, lo)) return false;
        // The cubic on the cell. 1e-7 in u is ~1e-14 after the quadratic step: below the table's
        // own interpolation error.
        const double wy = ay_.cell_width(lo);
        const double u = hermite_root(flo, wy * slope(lo), fhi, wy * slope(lo + 1), y, 1e-7);
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
