// The two-phase region of a blend's property tables: the glide. For a zeotropic blend of fixed
// composition the temperature, density, entropy and quality of a two-phase (p, h) state are
// smooth functions of (ln p, w), w = (h - h'(p)) / (h''(p) - h'(p)) in [0, 1] the enthalpy
// fraction between the bubble point (h') and the dew point (h'') at p; T varies with w along
// each isobar (the glide), so, unlike a pure fluid's, it cannot be interpolated from the
// saturation table alone.
//
//   * a saturation table in ln p (cubic Hermite): T', T'', h', h'', s', s'', ln rho', ln rho''
//     of the bulk phases at the bubble and dew points (the mixture's bubble/dew solver);
//   * two bicubic Hermite grids over (ln p, w): T, the volume fraction
//     phi = (v - v')/(v'' - v') (v the mixture's specific volume; ln rho would be steep near the
//     bubble point, where a little vapour mass is much volume), s, and the mass and molar vapour
//     fractions; every node a converged two-phase split of the mixture
//     EOS (the same solver as the (p, h) flash), the edges w = 0 and 1 the bubble and dew points.
//
// Node derivatives by finite differences of the node values (fd_derivative: fourth order inside
// uniform stretches, as for the pure-fluid grids), the cross derivatives by differencing the
// y-derivatives along x. The w axis is graded towards both ends, where the derivatives are only
// second order. Range: from the envelope's lowest pressure up to `top_fraction` of the highest
// pressure the traced envelope reaches (the glide closes at the critical point; above it the
// EOS serves the states).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

#include "entropyk/fluids/mixture/blend.hpp"
#include "entropyk/fluids/tabular/grid.hpp"
#include "entropyk/fluids/tabular/hermite.hpp"
#include "entropyk/fluids/tabular/layout.hpp"

namespace entropyk::fluids::tabular {

/// Saturation quantities of the glide table (bulk phases: liquid at the bubble point, vapour at
/// the dew point; mass units).
enum GlideSat : std::size_t {
    gs_T_bubble,
    gs_T_dew,
    gs_h_bubble,
    gs_h_dew,
    gs_s_bubble,
    gs_s_dew,
    gs_lnrho_bubble,
    gs_lnrho_dew
};
inline constexpr std::size_t glide_sat_quantities = 8;

/// A two-phase state from the glide table (SI, mass units).
struct GlideState {
    double T = 0.0, rho = 0.0, s = 0.0;
    double q_mass = 0.0, q_molar = 0.0;
    double w = 0.0; ///< enthalpy fraction between bubble (0) and dew (1) point
    double h = 0.0; ///< specific enthalpy, J/kg
};

/// Where the nodes go.
struct GlideLayout {
    double top_fraction = 0.85;              ///< highest pressure: this fraction of the envelope's top
    double p_low = 2e4;                      ///< lowest pressure, Pa (at least the envelope's lowest)
    double x_width[3] = {0.02, 0.01, 0.004}; ///< ln p cell widths: below 0.5, 0.5-0.8, above 0.8 of the top
    std::size_t w_cells[3] = {10, 48, 10};   ///< w cells on [0, 0.05], [0.05, 0.95], [0.95, 1]
};

struct GlideInfo {
    double build_seconds = 0.0;
    std::size_t nodes = 0, failed_nodes = 0, bytes = 0;
    double p_min = 0.0, p_max = 0.0;
};

class GlideTable {
  public:
    GlideTable() = default;

    /// Builds the table of blend b (its envelope traced). A node whose split fails marks its
    /// cells unusable (those states are left to the EOS); info().failed_nodes counts them.
    explicit GlideTable(const mixture::Blend& b, const GlideLayout& layout = {}) {
        const auto t0 = std::chrono::steady_clock::now();
        const mixture::Model& m = b.model;
        const double p_top = b.envelope.p_top();
        const double lo = std::log(std::max(layout.p_low, b.envelope.p_low()));
        const double hi = std::log(layout.top_fraction * p_top);
        const AxisSpec xs{{std::log(0.5 * p_top), std::log(0.8 * p_top), 1e300},
                          {layout.x_width[0], layout.x_width[1], layout.x_width[2], layout.x_width[2]}};
        const Axis ax = make_axis(lo, hi, xs);
        const double wb[4] = {0.0, 0.05, 0.95, 1.0};
        const Axis ay(wb, layout.w_cells, 3);
        const std::size_t nx = ax.nodes(), ny = ay.nodes();
        sat_ = HermiteTable1D<glide_sat_quantities>(ax);
        grid_ = Grid(ax, ay);
        qgrid_ = Grid(ax, ay);
        // Node values: f[i][j][k], k = T, ln rho, s, q_mass, q_molar.
        constexpr std::size_t K = 5;
        std::vector<double> f(nx * ny * K, 0.0), sat(nx * glide_sat_quantities, 0.0);
        std::vector<unsigned char> ok(nx * ny, 1);
        auto F = [&](std::size_t i, std::size_t j, std::size_t k) -> double& { return f[(i * ny + j) * K + k]; };
        mixture::Workspace ws;
        const double M = b.M;
        for (std::size_t i = 0; i < nx; ++i) {
            const double p = std::exp(ax.node(i));
            const mixture::Bounds bd = mixture::bounds_from(m, b.z, p, mixture::envelope_guess(m, b.envelope, p), ws);
            if (!bd.ok) {
                for (std::size_t j = 0; j < ny; ++j) ok[i * ny + j] = 0;
                ++info_.failed_nodes;
                continue;
            }
            double* S = &sat[i * glide_sat_quantities];
            S[gs_T_bubble] = bd.bub.T;
            S[gs_T_dew] = bd.dew.T;
            S[gs_h_bubble] = bd.h_b / M;
            S[gs_h_dew] = bd.h_d / M;
            S[gs_s_bubble] = bd.s_b / M;
            S[gs_s_dew] = bd.s_d / M;
            S[gs_lnrho_bubble] = std::log(bd.bub.rho_bulk * M);
            S[gs_lnrho_dew] = std::log(bd.dew.rho_bulk * M);
            mixture::SplitGuess g = mixture::detail::interpolate(bd, 0.0, m.n);
            g.p = p;
            for (std::size_t j = 0; j < ny; ++j) {
                const double w = ay.node(j);
                if (j == 0 || j + 1 == ny) {
                    const bool bub = j == 0;
                    F(i, j, 0) = bub ? bd.bub.T : bd.dew.T;
                    F(i, j, 1) = bub ? 0.0 : 1.0;
                    F(i, j, 2) = bub ? S[gs_s_bubble] : S[gs_s_dew];
                    F(i, j, 3) = F(i, j, 4) = bub ? 0.0 : 1.0;
                    continue;
                }
                // Warm start from the previous node of the isobar (the first: interpolated).
                if (j == 1) {
                    g = mixture::detail::interpolate(bd, w, m.n);
                    g.p = p;
                } else {
                    g.beta = std::clamp(g.beta + (w - ay.node(j - 1)), 1e-6, 1.0 - 1e-6);
                }
                mixture::Split sp;
                const double h = bd.h_b + w * (bd.h_d - bd.h_b);
                if (!mixture::solve_split(m, b.z, mixture::Spec::enthalpy, h, false, g, sp, ws) ||
                    !(sp.beta > 0.0 && sp.beta < 1.0)) {
                    mixture::SplitGuess g2 = mixture::detail::interpolate(bd, w, m.n);
                    g2.p = p;
                    if (!mixture::solve_split(m, b.z, mixture::Spec::enthalpy, h, false, g2, sp, ws) ||
                        !(sp.beta > 0.0 && sp.beta < 1.0)) {
                        ok[i * ny + j] = 0;
                        ++info_.failed_nodes;
                        continue;
                    }
                }
                g.lnK = sp.lnK;
                g.beta = sp.beta;
                g.T = sp.T;
                F(i, j, 0) = sp.T;
                {
                    const double v = (sp.beta / sp.rho_V + (1.0 - sp.beta) / sp.rho_L) / M;
                    const double vb = std::exp(-S[gs_lnrho_bubble]), vd = std::exp(-S[gs_lnrho_dew]);
                    F(i, j, 1) = (v - vb) / (vd - vb);
                }
                F(i, j, 2) = ((1.0 - sp.beta) * sp.s_L + sp.beta * sp.s_V) / M;
                F(i, j, 3) = sp.q_mass;
                F(i, j, 4) = sp.beta;
            }
        }
        // Saturation table: derivatives along ln p.
        for (std::size_t i = 0; i < nx; ++i)
            for (std::size_t k = 0; k < glide_sat_quantities; ++k)
                sat_.set(i, k, sat[i * glide_sat_quantities + k],
                         fd_derivative(ax, i, [&](std::size_t r) { return sat[r * glide_sat_quantities + k]; }));
        // Grids: d/dw along each isobar, d/dlnp along each line of constant w, the cross
        // derivative as d/dlnp of d/dw.
        std::vector<double> fy(nx * ny * K, 0.0);
        for (std::size_t i = 0; i < nx; ++i)
            for (std::size_t j = 0; j < ny; ++j)
                for (std::size_t k = 0; k < K; ++k)
                    fy[(i * ny + j) * K + k] = fd_derivative(ay, j, [&](std::size_t r) { return F(i, r, k); });
        for (std::size_t i = 0; i < nx; ++i) {
            for (std::size_t j = 0; j < ny; ++j) {
                NodeData a{}, c{};
                for (std::size_t k = 0; k < K; ++k) {
                    const double v = F(i, j, k);
                    const double dx = fd_derivative(ax, i, [&](std::size_t r) { return F(r, j, k); });
                    const double dy = fy[(i * ny + j) * K + k];
                    const double dxy = fd_derivative(ax, i, [&](std::size_t r) { return fy[(r * ny + j) * K + k]; });
                    double* t = k < 3 ? a.v[k] : c.v[k - 3];
                    t[0] = v;
                    t[1] = dx;
                    t[2] = dy;
                    t[3] = dxy;
                }
                grid_.set_node(i, j, a);
                qgrid_.set_node(i, j, c);
            }
        }
        // A failed node (or a neighbour used by its finite differences) makes its cells unusable.
        for (std::size_t i = 0; i < nx; ++i)
            for (std::size_t j = 0; j < ny; ++j)
                if (!ok[i * ny + j])
                    for (std::size_t ci = (i >= 3 ? i - 3 : 0); ci < std::min(i + 3, nx - 1); ++ci)
                        for (std::size_t cj = (j >= 3 ? j - 3 : 0); cj < std::min(j + 3, ny - 1); ++cj) {
                            grid_.set_usable(ci, cj, false);
                            qgrid_.set_usable(ci, cj, false);
                        }
        info_.nodes = nx * ny;
        info_.bytes = sizeof(GlideTable) + sat_.bytes() + grid_.bytes() + qgrid_.bytes();
        info_.p_min = std::exp(lo);
        info_.p_max = std::exp(hi);
        info_.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }

    [[nodiscard]] const GlideInfo& info() const noexcept { return info_; }
    [[nodiscard]] bool contains(double p) const noexcept { return p >= info_.p_min && p <= info_.p_max; }

    /// Bubble and dew points at p from the table (T', T'', h', h'', ...; GlideSat order).
    [[nodiscard]] double saturation(double p, GlideSat k) const noexcept {
        const Locus L = sat_.axis().locate(std::log(p));
        return sat_.value(L, hermite(L.t), k);
    }

    /// The saturation table's axis (ln p) and the slope d/dlnp of one of its quantities.
    [[nodiscard]] const Axis& saturation_axis() const noexcept { return sat_.axis(); }
    [[nodiscard]] double saturation_slope(const Locus& L, GlideSat k) const noexcept {
        return sat_.slope(L, hermite_dt(L.t), k);
    }

    /// A saturation quantity at a located ln p (Lx on saturation_axis(), bx = hermite(Lx.t)).
    [[nodiscard]] double saturation_at(const Locus& Lx, const Basis& bx, GlideSat k) const noexcept {
        return sat_.value(Lx, bx, k);
    }

    /// (p, h) two-phase state; nullopt outside the table's pressures, outside the glide
    /// (single-phase: h below the bubble or above the dew point) or in an unusable cell.
    [[nodiscard]] std::optional<GlideState> flash_ph(double p, double h) const noexcept {
        if (!contains(p) || !std::isfinite(h)) return std::nullopt;
        const Locus Lx = sat_.axis().locate(std::log(p));
        const Basis bx = hermite(Lx.t);
        return at(Lx, bx, sat_.value(Lx, bx, gs_h_bubble), sat_.value(Lx, bx, gs_h_dew), h);
    }

    /// The two-phase state at a located ln p (as saturation_at) with h' and h'' there already
    /// evaluated.
    [[nodiscard]] std::optional<GlideState> at(const Locus& Lx, const Basis& bx, double hb, double hd,
                                               double h) const noexcept {
        const double w = (h - hb) / (hd - hb);
        if (!(w >= 0.0 && w <= 1.0)) return std::nullopt;
        const Locus Ly = grid_.y_axis().locate(w);
        if (!grid_.usable(Lx.cell, Ly.cell)) return std::nullopt;
        GlideState st = eval(Lx, bx, Ly);
        st.w = w;
        st.h = h;
        return st;
    }

    /// Which quantity an inverse flash gives along the isobar (each increases from the bubble to
    /// the dew point).
    enum class Given { temperature, entropy, quality };

    /// The two-phase state at a located ln p (as at()) where T, s or the mass vapour fraction
    /// equals `y`, found by inverting the cubic along w (Grid::invert_y); nullopt where y lies
    /// outside the glide or in an unusable cell. y_b, y_d: the quantity at the bubble and dew
    /// points (for the first guess).
    [[nodiscard]] std::optional<GlideState> inverse(const Locus& Lx, const Basis& bx, double hb, double hd, Given g,
                                                    double y, double y_b, double y_d) const noexcept {
        const double guess = y_d > y_b ? std::clamp((y - y_b) / (y_d - y_b), 0.0, 1.0) : 0.5;
        const std::size_t jmax = grid_.y_axis().nodes() - 1;
        Locus Ly{};
        const bool ok = g == Given::quality
                            ? qgrid_.invert_y(Lx, bx, 0, y, true, jmax, guess, Ly)
                            : grid_.invert_y(Lx, bx, g == Given::temperature ? q_T : q_s, y, true, jmax, guess, Ly);
        if (!ok) return std::nullopt;
        GlideState st = eval(Lx, bx, Ly);
        st.w = std::clamp(grid_.y_axis().node(Ly.cell) + Ly.t * Ly.width, 0.0, 1.0);
        st.h = hb + st.w * (hd - hb);
        if (g == Given::temperature) st.T = y;
        if (g == Given::entropy) st.s = y;
        if (g == Given::quality) st.q_mass = y;
        return st;
    }

    /// The ln p where the bubble (k = gs_T_bubble) or dew (gs_T_dew) temperature is T; false
    /// outside the table.
    [[nodiscard]] bool saturation_locus_at_T(double T, GlideSat k, Locus& L) const noexcept {
        return std::isfinite(T) && sat_.invert(k, T, L);
    }

  private:
    [[nodiscard]] GlideState eval(const Locus& Lx, const Basis& bx, const Locus& Ly) const noexcept {
        const Basis dbx = hermite_dt(Lx.t), by = hermite(Ly.t), dby = hermite_dt(Ly.t);
        const GridPoint a = grid_.eval<false>(Lx, Ly, bx, dbx, by, dby);
        const GridPoint c = qgrid_.eval<false>(Lx, Ly, bx, dbx, by, dby);
        GlideState st;
        st.T = a.f[q_T];
        const double vb = std::exp(-sat_.value(Lx, bx, gs_lnrho_bubble)),
                     vd = std::exp(-sat_.value(Lx, bx, gs_lnrho_dew));
        st.rho = 1.0 / (vb + a.f[q_lnrho] * (vd - vb));
        st.s = a.f[q_s];
        st.q_mass = std::clamp(c.f[0], 0.0, 1.0);
        st.q_molar = std::clamp(c.f[1], 0.0, 1.0);
        return st;
    }

    HermiteTable1D<glide_sat_quantities> sat_;
    Grid grid_, qgrid_;
    GlideInfo info_{};
};

} // namespace entropyk::fluids::tabular
