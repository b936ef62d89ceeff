// Cubic Hermite interpolation primitives of the property tables: the basis functions, a
// piecewise-uniform axis (a few uniform segments, O(1) lookup) and the finite-difference weights
// used for the cross derivatives of the bicubic grids.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace entropyk::fluids::tabular {

/// Cubic Hermite basis on [0, 1]: f(t) = v0 f0 + d0 f0' + v1 f1 + d1 f1' (f' per unit t).
struct Basis {
    double v0, d0, v1, d1;
};

[[nodiscard]] inline Basis hermite(double t) noexcept {
    const double t2 = t * t, t3 = t2 * t;
    return {2.0 * t3 - 3.0 * t2 + 1.0, t3 - 2.0 * t2 + t, 3.0 * t2 - 2.0 * t3, t3 - t2};
}
/// d/dt of the basis.
[[nodiscard]] inline Basis hermite_dt(double t) noexcept {
    const double t2 = t * t;
    return {6.0 * t2 - 6.0 * t, 3.0 * t2 - 4.0 * t + 1.0, 6.0 * t - 6.0 * t2, 3.0 * t2 - 2.0 * t};
}

/// Position on an axis: cell index (left node), local coordinate t in [0, 1] (slightly outside
/// only for points outside the axis) and the width of the cell.
struct Locus {
    std::size_t cell;
    double t, width;
};

/// A 1-D axis made of up to four uniform segments. Nodes are numbered continuously; segment k
/// owns cells [first_cell, first_cell + cells).
class Axis {
  public:
    static constexpr std::size_t max_segments = 4;

    Axis() = default;
    /// breaks: n+1 increasing segment ends; cells: cell count of each of the n segments.
    Axis(const double* breaks, const std::size_t* cells, std::size_t n) noexcept : n_(n) {
        std::size_t first = 0;
        for (std::size_t k = 0; k < n; ++k) {
            Segment& s = seg_[k];
            s.x0 = breaks[k];
            s.x1 = breaks[k + 1];
            s.cells = cells[k];
            s.width = (s.x1 - s.x0) / static_cast<double>(cells[k]);
            s.inv_width = 1.0 / s.width;
            s.first = first;
            first += cells[k];
        }
        cells_ = first;
        lo_ = n > 0 ? breaks[0] : 0.0;
        hi_ = n > 0 ? breaks[n] : 0.0;
    }

    [[nodiscard]] std::size_t cells() const noexcept { return cells_; }
    [[nodiscard]] std::size_t nodes() const noexcept { return cells_ + 1; }
    [[nodiscard]] double lo() const noexcept { return lo_; }
    [[nodiscard]] double hi() const noexcept { return hi_; }

    /// Coordinate of node i (segment ends are exact).
    [[nodiscard]] double node(std::size_t i) const noexcept {
        for (std::size_t k = 0; k < n_; ++k) {
            const Segment& s = seg_[k];
            if (i <= s.first + s.cells) {
                if (i == s.first + s.cells) return s.x1;
                return s.x0 + static_cast<double>(i - s.first) * s.width;
            }
        }
        return hi();
    }
    /// Width of the cell left of node i+1 (i.e. cell i).
    [[nodiscard]] double cell_width(std::size_t i) const noexcept {
        std::size_t k = 0;
        while (k + 1 < n_ && i >= seg_[k].first + seg_[k].cells) ++k;
        return seg_[k].width;
    }

    /// The cell containing x (clamped to the first/last cell for x outside the axis).
    [[nodiscard]] Locus locate(double x) const noexcept {
        std::size_t k = 0;
        while (k + 1 < n_ && x >= seg_[k].x1) ++k;
        const Segment& s = seg_[k];
        double r = (x - s.x0) * s.inv_width;
        double c = std::floor(r);
        if (c < 0.0) c = 0.0;
        const double cmax = static_cast<double>(s.cells - 1);
        if (c > cmax) c = cmax;
        return {s.first + static_cast<std::size_t>(c), r - c, s.width};
    }

  private:
    struct Segment {
        double x0 = 0.0, x1 = 0.0, width = 1.0, inv_width = 1.0;
        std::size_t first = 0, cells = 0;
    };
    std::array<Segment, max_segments> seg_{};
    std::size_t n_ = 0, cells_ = 0;
    double lo_ = 0.0, hi_ = 0.0;
};

/// The root u in [0, 1] of the cubic Hermite f(u) = y on one cell, f increasing there:
/// f0, f1 the end values, s0, s1 the end slopes per unit u, f0 <= y <= f1. Newton with a
/// bisection safeguard, stopped when a Newton step is below `tol` in u (the error is then about
/// tol^2: quadratic convergence). Grid::invert_y's last step uses it with a looser tol.
[[nodiscard]] inline double hermite_root(double f0, double s0, double f1, double s1, double y,
                                         double tol = 1e-9) noexcept {
    double a = 0.0, b = 1.0;
    double u = f1 > f0 ? (y - f0) / (f1 - f0) : 0.5;
    for (int it = 0; it < 30; ++it) {
        const Basis h = hermite(u), dh = hermite_dt(u);
        const double F = h.v0 * f0 + h.d0 * s0 + h.v1 * f1 + h.d1 * s1 - y;
        const double dF = dh.v0 * f0 + dh.d0 * s0 + dh.v1 * f1 + dh.d1 * s1;
        if (F < 0.0)
            a = u;
        else
            b = u;
        double un = dF > 0.0 ? u - F / dF : 0.5 * (a + b);
        if (!(un >= a && un <= b)) un = 0.5 * (a + b);
        const double du = un - u;
        u = un;
        if (std::fabs(du) < tol || b - a < 1e-15) break;
    }
    return u;
}

/// Weights of the second-order first derivative at the middle of three nodes with spacings a
/// (left) and b (right), or at the first node (one-sided, at_start) / last node (at_end).
struct FdWeights {
    double w0, w1, w2;
};
[[nodiscard]] inline FdWeights fd_central(double a, double b) noexcept {
    return {-b / (a * (a + b)), (b - a) / (a * b), a / (b * (a + b))};
}
[[nodiscard]] inline FdWeights fd_start(double a, double b) noexcept {
    return {-(2.0 * a + b) / (a * (a + b)), (a + b) / (a * b), -a / (b * (a + b))};
}
[[nodiscard]] inline FdWeights fd_end(double a, double b) noexcept {
    return {b / (a * (a + b)), -(a + b) / (a * b), (a + 2.0 * b) / (b * (a + b))};
}

/// d/dx at node i of values g(i) on an axis: fourth order inside uniform stretches, second order
/// next to segment junctions (one-sided at the ends).
template <class G>
[[nodiscard]] double fd_derivative(const Axis& ax, std::size_t i, G&& g) {
    const std::size_t n = ax.nodes();
    if (n < 3) return (g(1) - g(0)) / (ax.node(1) - ax.node(0));
    if (i == 0) {
        const double a = ax.node(1) - ax.node(0), b = ax.node(2) - ax.node(1);
        const FdWeights w = fd_start(a, b);
        return w.w0 * g(0) + w.w1 * g(1) + w.w2 * g(2);
    }
    if (i == n - 1) {
        const double a = ax.node(n - 2) - ax.node(n - 3), b = ax.node(n - 1) - ax.node(n - 2);
        const FdWeights w = fd_end(a, b);
        return w.w0 * g(n - 3) + w.w1 * g(n - 2) + w.w2 * g(n - 1);
    }
    const double a = ax.node(i) - ax.node(i - 1), b = ax.node(i + 1) - ax.node(i);
    if (i >= 2 && i + 2 < n) {
        // Fourth order where the five nodes are equally spaced.
        const double a2 = ax.node(i - 1) - ax.node(i - 2), b2 = ax.node(i + 2) - ax.node(i + 1);
        const double tol = 1e-9 * a;
        if (std::fabs(b - a) <= tol && std::fabs(a2 - a) <= tol && std::fabs(b2 - a) <= tol)
            return (g(i - 2) - 8.0 * g(i - 1) + 8.0 * g(i + 1) - g(i + 2)) / (12.0 * a);
    }
    const FdWeights w = fd_central(a, b);
    return w.w0 * g(i - 1) + w.w1 * g(i) + w.w2 * g(i + 1);
}

/// A 1-D table of K quantities with their derivatives at the nodes of an axis, interpolated by
/// cubic Hermite polynomials. Layout: for node i, quantity k: value at [2(K i + k)], derivative
/// (per unit axis coordinate) at [2(K i + k) + 1].
template <std::size_t K>
class HermiteTable1D {
  public:
    HermiteTable1D() = default;
    explicit HermiteTable1D(const Axis& ax) : axis_(ax), data_(2 * K * ax.nodes(), 0.0) {}

    [[nodiscard]] const Axis& axis() const noexcept { return axis_; }
    void set(std::size_t node, std::size_t k, double value, double derivative) noexcept {
        data_[2 * (K * node + k)] = value;
        data_[2 * (K * node + k) + 1] = derivative;
    }
    [[nodiscard]] double value_at_node(std::size_t node, std::size_t k) const noexcept {
        return data_[2 * (K * node + k)];
    }
    [[nodiscard]] double derivative_at_node(std::size_t node, std::size_t k) const noexcept {
        return data_[2 * (K * node + k) + 1];
    }
    [[nodiscard]] std::size_t bytes() const noexcept { return data_.capacity() * sizeof(double); }

    /// Value of quantity k at locus L with basis b (b = hermite(L.t)).
    [[nodiscard]] double value(const Locus& L, const Basis& b, std::size_t k) const noexcept {
        const double* a = &data_[2 * (K * L.cell + k)];
        const double* c = a + 2 * K;
        return b.v0 * a[0] + b.d0 * L.width * a[1] + b.v1 * c[0] + b.d1 * L.width * c[1];
    }
    /// d/dx of quantity k (db = hermite_dt(L.t)).
    [[nodiscard]] double slope(const Locus& L, const Basis& db, std::size_t k) const noexcept {
        const double* a = &data_[2 * (K * L.cell + k)];
        const double* c = a + 2 * K;
        return (db.v0 * a[0] + db.v1 * c[0]) / L.width + db.d0 * a[1] + db.d1 * c[1];
    }

    /// The locus where quantity k (increasing along the axis) equals y; false outside its range.
    /// Bisection over the nodes, then the cubic of the cell (hermite_root).
    [[nodiscard]] bool invert(std::size_t k, double y, Locus& L) const noexcept {
        const std::size_t n = axis_.nodes();
        if (n < 2 || !(y >= value_at_node(0, k) && y <= value_at_node(n - 1, k))) return false;
        std::size_t lo = 0, hi = n - 1;
        while (hi - lo > 1) {
            const std::size_t m = lo + (hi - lo) / 2;
            (value_at_node(m, k) <= y ? lo : hi) = m;
        }
        const double w = axis_.cell_width(lo);
        const double u = hermite_root(value_at_node(lo, k), w * derivative_at_node(lo, k), value_at_node(lo + 1, k),
                                      w * derivative_at_node(lo + 1, k), y);
        L = {lo, u, w};
        return true;
    }

  private:
    Axis axis_{};
    std::vector<double> data_;
};

} // namespace entropyk::fluids::tabular
