// Property tables of a blend of fixed composition over (p, h): the two-phase glide
// (glide_table.hpp) and the single-phase liquid and vapour beside it, all from the mixture EOS.
//
//   * liquid: bicubic Hermite grids over (ln p, eta), eta = (h - h(T_lo, p)) / (h'(p) - h(T_lo, p))
//     from the isotherm T_lo to the bubble point, from the pressure where the bubble point is
//     T_lo + 2 K (below it the liquid degenerates) up to the glide table's top;
//   * vapour: eta = (h - h''(p)) / (h(T_hi, p) - h''(p)) from the dew point to the isotherm T_hi,
//     over the glide table's pressures;
//   * each single-phase node a converged (p, h) state of the EOS on its phase's density root
//     (mixture::detail::solve_T_isobar); tabulated T, ln rho, s and ln c_p, ln c_v, ln w (the latter
//     directly rather than from the interpolant's derivatives); node derivatives by finite
//     differences of the node values as in the glide table; the anchor isotherms' enthalpies in a
//     cubic Hermite table in ln p.
//
// States outside (above 0.85 of the envelope's top pressure, below T_lo, above T_hi) are not
// served: flash_ph returns nullopt and the caller uses the EOS.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <vector>

#include "entropyk/fluids/tabular/glide_table.hpp"

namespace entropyk::fluids::tabular {

/// A (p, h) state from the blend tables (SI, mass units). Two-phase: cp, cv, w are 0 (undefined)
/// and q_mass, q_molar in [0, 1]; single-phase: q_mass = q_molar = -1.
struct BlendState {
    double T = 0.0, p = 0.0, rho = 0.0, h = 0.0, s = 0.0;
    double cp = 0.0, cv = 0.0, w = 0.0;
    double q_mass = -1.0, q_molar = -1.0;
    bool two_phase = false, liquid = false;
};

/// The bubble point (the saturated liquid of the blend's composition) and the dew point (the
/// saturated vapour) from the tables (SI, mass units).
struct BlendSaturation {
    double T_bubble = 0.0, T_dew = 0.0, p_bubble = 0.0, p_dew = 0.0;
    double rho_bubble = 0.0, rho_dew = 0.0, h_bubble = 0.0, h_dew = 0.0, s_bubble = 0.0, s_dew = 0.0;
};

struct BlendLayout {
    GlideLayout glide{};
    double T_lo = 213.15, T_hi = 433.15;     ///< isotherms bounding the single-phase grids, K
    double x_width[3] = {0.02, 0.01, 0.004}; ///< ln p widths as in the glide table
    std::size_t eta_cells[3] = {16, 40, 16}; ///< on [0, 0.1], [0.1, 0.9], [0.9, 1]
};

struct BlendTableInfo {
    double build_seconds = 0.0;
    std::size_t nodes = 0, failed_nodes = 0, bytes = 0;
    double p_min = 0.0, p_liquid_min = 0.0, p_max = 0.0;
};

namespace detail {

/// One single-phase region of a blend (liquid or vapour).
class BlendRegion {
  public:
    BlendRegion() = default;
    BlendRegion(const mixture::Blend& b, const GlideTable& glide, bool liquid, double p_lo, double p_hi,
                const BlendLayout& layout)
        : liquid_(liquid) {
        const mixture::Model& m = b.model;
        const double p_top = b.envelope.p_top();
        const AxisSpec xs{{std::log(0.5 * p_top), std::log(0.8 * p_top), 1e300},
                          {layout.x_width[0], layout.x_width[1], layout.x_width[2], layout.x_width[2]}};
        const Axis ax = make_axis(std::log(p_lo), std::log(p_hi), xs);
        const double eb[4] = {0.0, 0.1, 0.9, 1.0};
        const Axis ay(eb, layout.eta_cells, 3);
        const std::size_t nx = ax.nodes(), ny = ay.nodes();
        anchor_ = HermiteTable1D<1>(ax);
        grid_ = Grid(ax, ay);
        prop_ = Grid(ax, ay);
        constexpr std::size_t K = 6; // T, ln rho, s, cp, cv, w
        std::vector<double> f(nx * ny * K, 0.0), anc(nx, 0.0), anc_x(nx, 0.0);
        // Exact first derivatives of T, ln rho, s at each node: d/dh at constant p and p d/dp at
        // constant h (eos_nodes.hpp relations, mass units).
        std::vector<double> fh(nx * ny * 3, 0.0), fp(nx * ny * 3, 0.0);
        std::vector<unsigned char> ok(nx * ny, 1);
        auto F = [&](std::size_t i, std::size_t j, std::size_t k) -> double& { return f[(i * ny + j) * K + k]; };
        mixture::Workspace ws;
        const mixture::Root root = liquid ? mixture::Root::liquid : mixture::Root::vapor;
        const double T_anchor = liquid ? layout.T_lo : layout.T_hi;
        for (std::size_t i = 0; i < nx; ++i) {
            const double p = std::exp(ax.node(i));
            const double rho_a = mixture::density_tp(m, b.z, T_anchor, p, root, ws);
            const mixture::Properties A = mixture::properties(m, b.z, T_anchor, rho_a, ws);
            anc[i] = A.h;
            // p (dh/dp)_T on the anchor isotherm: p (1 + T (d ln rho/dT)_p) / rho.
            anc_x[i] = p * (1.0 + T_anchor * A.drho_dT / A.rho_molar) / A.rho;
            const double h_sat = glide.saturation(p, liquid ? gs_h_bubble : gs_h_dew);
            const double T_sat = glide.saturation(p, liquid ? gs_T_bubble : gs_T_dew);
            double T_prev = liquid ? T_anchor : T_sat;
            for (std::size_t j = 0; j < ny; ++j) {
                const double eta = ay.node(j);
                const double h = liquid ? A.h + eta * (h_sat - A.h) : h_sat + eta * (A.h - h_sat);
                mixture::FlashState st;
                const double lo = liquid ? T_anchor - 5.0 : T_sat - 0.5, hi = liquid ? T_sat + 0.5 : T_anchor + 5.0;
                if (!mixture::detail::solve_T_isobar(m, b.z, p, h, false, root, lo, hi, T_prev, st, ws)) {
                    ok[i * ny + j] = 0;
                    ++failed_;
                    continue;
                }
                T_prev = st.T;
                F(i, j, 0) = st.T;
                F(i, j, 1) = std::log(st.rho);
                F(i, j, 2) = st.s;
                F(i, j, 3) = std::log(st.single.cp);
                F(i, j, 4) = std::log(st.single.cv);
                F(i, j, 5) = std::log(st.single.w);
                const mixture::Properties& P = st.single;
                const double lrT = P.drho_dT / P.rho_molar;             // (d ln rho/dT)_p
                const double dh_dp_T = (1.0 + P.T * lrT) / P.rho;       // (dh/dp)_T
                const double dT_dp_h = -dh_dp_T / P.cp;                 // (dT/dp)_h
                const double kappa = P.cp / (P.rho * P.w * P.w * P.cv); // (d ln rho/dp)_T
                double* H = &fh[(i * ny + j) * 3];
                double* X = &fp[(i * ny + j) * 3];
                H[0] = 1.0 / P.cp;
                H[1] = lrT / P.cp;
                H[2] = 1.0 / P.T;
                X[0] = p * dT_dp_h;
                X[1] = p * (lrT * dT_dp_h + kappa);
                X[2] = -p / (P.rho * P.T);
            }
        }
        for (std::size_t i = 0; i < nx; ++i) anchor_.set(i, 0, anc[i], anc_x[i]);
        // T, ln rho, s: d/d eta = (dh/d eta) d/dh, d/dx at constant eta = p d/dp|_h + (dh/dx)|_eta d/dh,
        // h = h_a + eta (h' - h_a) (liquid) or h'' + eta (h_a - h'') (vapour). c_p, c_v, w (no exact
        // derivatives at hand): finite differences of the node values.
        std::vector<double> fy(nx * ny * K, 0.0), fx(nx * ny * K, 0.0);
        for (std::size_t i = 0; i < nx; ++i) {
            const double p = std::exp(ax.node(i));
            const Locus L = glide.saturation_axis().locate(ax.node(i));
            const double hs = glide.saturation(p, liquid ? gs_h_bubble : gs_h_dew);
            const double hs_x = glide.saturation_slope(L, liquid ? gs_h_bubble : gs_h_dew);
            for (std::size_t j = 0; j < ny; ++j) {
                const double eta = ay.node(j);
                const double h_eta = liquid ? hs - anc[i] : anc[i] - hs;
                const double h_x = liquid ? (1.0 - eta) * anc_x[i] + eta * hs_x : (1.0 - eta) * hs_x + eta * anc_x[i];
                for (std::size_t k = 0; k < K; ++k) {
                    const std::size_t at = (i * ny + j) * K + k;
                    if (k < 3) {
                        fy[at] = h_eta * fh[(i * ny + j) * 3 + k];
                        fx[at] = fp[(i * ny + j) * 3 + k] + h_x * fh[(i * ny + j) * 3 + k];
                    } else {
                        fy[at] = fd_derivative(ay, j, [&](std::size_t r) { return F(i, r, k); });
                        fx[at] = fd_derivative(ax, i, [&](std::size_t r) { return F(r, j, k); });
                    }
                }
            }
        }
        for (std::size_t i = 0; i < nx; ++i) {
            for (std::size_t j = 0; j < ny; ++j) {
                NodeData a{}, c{};
                for (std::size_t k = 0; k < K; ++k) {
                    double* t = k < 3 ? a.v[k] : c.v[k - 3];
                    t[0] = F(i, j, k);
                    t[1] = fx[(i * ny + j) * K + k];
                    t[2] = fy[(i * ny + j) * K + k];
                    t[3] = fd_derivative(ax, i, [&](std::size_t r) { return fy[(r * ny + j) * K + k]; });
                }
                grid_.set_node(i, j, a);
                prop_.set_node(i, j, c);
            }
        }
        for (std::size_t i = 0; i < nx; ++i)
            for (std::size_t j = 0; j < ny; ++j)
                if (!ok[i * ny + j])
                    for (std::size_t ci = (i >= 3 ? i - 3 : 0); ci < std::min(i + 3, nx - 1); ++ci)
                        for (std::size_t cj = (j >= 3 ? j - 3 : 0); cj < std::min(j + 3, ny - 1); ++cj) {
                            grid_.set_usable(ci, cj, false);
                            prop_.set_usable(ci, cj, false);
                        }
        nodes_ = nx * ny;
    }

    [[nodiscard]] bool contains(double x) const noexcept {
        return !grid_.empty() && x >= grid_.x_axis().lo() && x <= grid_.x_axis().hi();
    }
    [[nodiscard]] std::size_t nodes() const noexcept { return nodes_; }
    /// True if this region's ln p axis has the same nodes as `a` (then its loci are the same).
    [[nodiscard]] bool same_x_axis(const Axis& a) const noexcept {
        const Axis& m = grid_.x_axis();
        if (m.nodes() != a.nodes()) return false;
        for (std::size_t i = 0; i < m.nodes(); ++i)
            if (m.node(i) != a.node(i)) return false;
        for (std::size_t i = 0; i < m.cells(); ++i)
            if (m.cell_width(i) != a.cell_width(i)) return false;
        return true;
    }
    [[nodiscard]] std::size_t failed() const noexcept { return failed_; }
    [[nodiscard]] std::size_t bytes() const noexcept { return anchor_.bytes() + grid_.bytes() + prop_.bytes(); }

    /// The state at (p, h) given the saturated enthalpy h_sat at p; false outside the region.
    /// `same` (optional): Lx and bx when this region's ln p axis is the caller's (the vapour
    /// region shares the glide table's), to skip locating again.
    [[nodiscard]] bool lookup(double p, double x, double h, double h_sat, BlendState& out, const Locus* same = nullptr,
                              const Basis* same_b = nullptr) const noexcept {
        const Locus Lx = same != nullptr ? *same : grid_.x_axis().locate(x);
        const Basis bx = same_b != nullptr ? *same_b : hermite(Lx.t);
        const double ha = anchor_.value(Lx, bx, 0);
        const double eta = liquid_ ? (h - ha) / (h_sat - ha) : (h - h_sat) / (ha - h_sat);
        if (!(eta >= 0.0 && eta <= 1.0)) return false;
        const Locus Ly = grid_.y_axis().locate(eta);
        if (!grid_.usable(Lx.cell, Ly.cell)) return false;
        eval(Lx, bx, Ly, p, h, out);
        return true;
    }

    /// The state at p where T (k = q_T) or s (k = q_s) equals y, given the enthalpy h_sat at the
    /// saturated end (bubble point: liquid, dew point: vapour): the cubic inverted along eta
    /// (T and s increase with eta in both regions); false outside the region or in an unusable
    /// cell.
    [[nodiscard]] bool inverse(double p, double x, std::size_t k, double y, double h_sat, BlendState& out,
                               const Locus* same = nullptr, const Basis* same_b = nullptr) const noexcept {
        const Locus Lx = same != nullptr ? *same : grid_.x_axis().locate(x);
        const Basis bx = same_b != nullptr ? *same_b : hermite(Lx.t);
        const std::size_t jmax = grid_.y_axis().nodes() - 1;
        // First guess: y linear in eta between the two ends of the line.
        auto end = [&](std::size_t j) {
            const GridNode& a = grid_.node(Lx.cell, j);
            const GridNode& c = grid_.node(Lx.cell + 1, j);
            return bx.v0 * a.f[k] + Lx.width * bx.d0 * a.d[k][0] + bx.v1 * c.f[k] + Lx.width * bx.d1 * c.d[k][0];
        };
        const double y0 = end(0), y1 = end(jmax);
        const double guess = y1 > y0 ? std::clamp((y - y0) / (y1 - y0), 0.0, 1.0) : 0.5;
        Locus Ly{};
        if (!grid_.invert_y(Lx, bx, k, y, true, jmax, guess, Ly)) return false;
        const double ha = anchor_.value(Lx, bx, 0);
        const double eta = std::clamp(grid_.y_axis().node(Ly.cell) + Ly.t * Ly.width, 0.0, 1.0);
        const double h = liquid_ ? ha + eta * (h_sat - ha) : h_sat + eta * (ha - h_sat);
        eval(Lx, bx, Ly, p, h, out);
        if (k == q_T) out.T = y;
        if (k == q_s) out.s = y;
        return true;
    }

  private:
    void eval(const Locus& Lx, const Basis& bx, const Locus& Ly, double p, double h, BlendState& out) const noexcept {
        const Basis dbx = hermite_dt(Lx.t), by = hermite(Ly.t), dby = hermite_dt(Ly.t);
        const GridPoint a = grid_.eval<false>(Lx, Ly, bx, dbx, by, dby);
        const GridPoint c = prop_.eval<false>(Lx, Ly, bx, dbx, by, dby);
        out.T = a.f[q_T];
        out.p = p;
        out.rho = std::exp(a.f[q_lnrho]);
        out.h = h;
        out.s = a.f[q_s];
        out.cp = std::exp(c.f[0]);
        out.cv = std::exp(c.f[1]);
        out.w = std::exp(c.f[2]);
        out.q_mass = out.q_molar = -1.0;
        out.two_phase = false;
        out.liquid = liquid_;
    }

    bool liquid_ = true;
    HermiteTable1D<1> anchor_;
    Grid grid_, prop_;
    std::size_t nodes_ = 0, failed_ = 0;
};

} // namespace detail

class BlendTables {
  public:
    explicit BlendTables(const mixture::Blend& b, const BlendLayout& layout = {}) : glide_(b, layout.glide) {
        const auto t0 = std::chrono::steady_clock::now();
        const double p0 = glide_.info().p_min, p1 = glide_.info().p_max;
        // Liquid from the pressure where the bubble point is T_lo + 2 K (bisection in ln p).
        double a = std::log(p0), c = std::log(p1);
        if (glide_.saturation(p0, gs_T_bubble) < layout.T_lo + 2.0) {
            for (int it = 0; it < 60; ++it) {
                const double mid = 0.5 * (a + c);
                (glide_.saturation(std::exp(mid), gs_T_bubble) < layout.T_lo + 2.0 ? a : c) = mid;
            }
            a = c;
        }
        p_liq_ = std::exp(a);
        liq_ = detail::BlendRegion(b, glide_, true, p_liq_, p1, layout);
        vap_ = detail::BlendRegion(b, glide_, false, p0, p1, layout);
        vap_shares_axis_ = vap_.same_x_axis(glide_.saturation_axis());
        info_.nodes = glide_.info().nodes + liq_.nodes() + vap_.nodes();
        info_.failed_nodes = glide_.info().failed_nodes + liq_.failed() + vap_.failed();
        info_.bytes = sizeof(BlendTables) + glide_.info().bytes + liq_.bytes() + vap_.bytes();
        info_.p_min = p0;
        info_.p_liquid_min = p_liq_;
        info_.p_max = p1;
        info_.build_seconds =
            glide_.info().build_seconds + std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }

    [[nodiscard]] const BlendTableInfo& info() const noexcept { return info_; }
    [[nodiscard]] const GlideTable& glide() const noexcept { return glide_; }

    /// (p, h) state, any phase; nullopt where the tables do not serve it (use the EOS).
    [[nodiscard]] std::optional<BlendState> flash_ph(double p, double h) const noexcept {
        if (!glide_.contains(p) || !std::isfinite(h)) return std::nullopt;
        const double x = std::log(p);
        // One locate on the saturation axis for h', h'' (the vapour grid shares that axis).
        const Locus Lx = glide_.saturation_axis().locate(x);
        const Basis bx = hermite(Lx.t);
        const double hb = glide_.saturation_at(Lx, bx, gs_h_bubble);
        BlendState out;
        if (h < hb) {
            if (p < p_liq_ || !liq_.lookup(p, x, h, hb, out)) return std::nullopt;
            return out;
        }
        const double hd = glide_.saturation_at(Lx, bx, gs_h_dew);
        if (h > hd) {
            if (!vap_.lookup(p, x, h, hd, out, vap_shares_axis_ ? &Lx : nullptr, vap_shares_axis_ ? &bx : nullptr))
                return std::nullopt;
            return out;
        }
        const std::optional<GlideState> g = glide_.at(Lx, bx, hb, hd, h);
        if (!g) return std::nullopt;
        return two_phase(p, *g);
    }

    /// (p, T) (by_T) or (p, s) state; nullopt where the tables do not serve it. Single phase: the
    /// region's cubic inverted along eta; (p, s) in the glide (s between s' and s''): the glide
    /// table's cubic inverted along w; (p, T) in the glide (T between the bubble and the dew
    /// point at p): not served.
    [[nodiscard]] std::optional<BlendState> flash_py(double p, double y, bool by_T) const noexcept {
        if (!glide_.contains(p) || !std::isfinite(y)) return std::nullopt;
        const double x = std::log(p);
        const Locus Lx = glide_.saturation_axis().locate(x);
        const Basis bx = hermite(Lx.t);
        const double yb = glide_.saturation_at(Lx, bx, by_T ? gs_T_bubble : gs_s_bubble);
        const std::size_t k = by_T ? q_T : q_s;
        BlendState out;
        if (y < yb) {
            if (p < p_liq_ || !liq_.inverse(p, x, k, y, glide_.saturation_at(Lx, bx, gs_h_bubble), out))
                return std::nullopt;
            return out;
        }
        const double yd = glide_.saturation_at(Lx, bx, by_T ? gs_T_dew : gs_s_dew);
        const double hd = glide_.saturation_at(Lx, bx, gs_h_dew);
        if (y > yd) {
            if (!vap_.inverse(p, x, k, y, hd, out, vap_shares_axis_ ? &Lx : nullptr, vap_shares_axis_ ? &bx : nullptr))
                return std::nullopt;
            return out;
        }
        // (T, p) inside the glide: left to the EOS. T fixes such a state only through the glide's
        // slope dT/dh, which is small (R513A, a near-azeotrope: hundredths of a kelvin over the
        // whole glide), so the tables' T error, multiplied by (h'' - h') / (T'' - T'), would
        // reach 1e-3 in h and rho there.
        if (by_T) return std::nullopt;
        const double hb = glide_.saturation_at(Lx, bx, gs_h_bubble);
        const std::optional<GlideState> g = glide_.inverse(Lx, bx, hb, hd, GlideTable::Given::entropy, y, yb, yd);
        if (!g) return std::nullopt;
        return two_phase(p, *g);
    }

    /// (p, q), q the mass vapour fraction in [0, 1]: the glide table inverted along w.
    [[nodiscard]] std::optional<BlendState> flash_pq(double p, double q) const noexcept {
        if (!glide_.contains(p) || !(q >= 0.0 && q <= 1.0)) return std::nullopt;
        const Locus Lx = glide_.saturation_axis().locate(std::log(p));
        const Basis bx = hermite(Lx.t);
        const double hb = glide_.saturation_at(Lx, bx, gs_h_bubble), hd = glide_.saturation_at(Lx, bx, gs_h_dew);
        const std::optional<GlideState> g = glide_.inverse(Lx, bx, hb, hd, GlideTable::Given::quality, q, 0.0, 1.0);
        if (!g) return std::nullopt;
        return two_phase(p, *g);
    }

    /// Bubble and dew points at p (p_bubble = p_dew = p); nullopt outside the glide table.
    [[nodiscard]] std::optional<BlendSaturation> saturation_p(double p) const noexcept {
        if (!glide_.contains(p)) return std::nullopt;
        const Locus L = glide_.saturation_axis().locate(std::log(p));
        return saturated(L, L, p, p);
    }

    /// Bubble and dew points at T (T_bubble = T_dew = T): the pressures where the table's bubble
    /// and dew temperatures are T (the cubic in ln p inverted); nullopt where either lies outside
    /// the glide table.
    [[nodiscard]] std::optional<BlendSaturation> saturation_t(double T) const noexcept {
        Locus Lb{}, Ld{};
        if (!glide_.saturation_locus_at_T(T, gs_T_bubble, Lb) || !glide_.saturation_locus_at_T(T, gs_T_dew, Ld))
            return std::nullopt;
        const Axis& ax = glide_.saturation_axis();
        const double pb = std::exp(ax.node(Lb.cell) + Lb.t * Lb.width);
        const double pd = std::exp(ax.node(Ld.cell) + Ld.t * Ld.width);
        if (!glide_.contains(pb) || !glide_.contains(pd)) return std::nullopt;
        BlendSaturation s = saturated(Lb, Ld, pb, pd);
        s.T_bubble = s.T_dew = T;
        return s;
    }

  private:
    [[nodiscard]] static BlendState two_phase(double p, const GlideState& g) noexcept {
        BlendState out;
        out.T = g.T;
        out.p = p;
        out.rho = g.rho;
        out.h = g.h;
        out.s = g.s;
        out.q_mass = g.q_mass;
        out.q_molar = g.q_molar;
        out.two_phase = true;
        return out;
    }

    [[nodiscard]] BlendSaturation saturated(const Locus& Lb, const Locus& Ld, double pb, double pd) const noexcept {
        const Basis bb = hermite(Lb.t), bd = hermite(Ld.t);
        BlendSaturation s;
        s.T_bubble = glide_.saturation_at(Lb, bb, gs_T_bubble);
        s.T_dew = glide_.saturation_at(Ld, bd, gs_T_dew);
        s.p_bubble = pb;
        s.p_dew = pd;
        s.rho_bubble = std::exp(glide_.saturation_at(Lb, bb, gs_lnrho_bubble));
        s.rho_dew = std::exp(glide_.saturation_at(Ld, bd, gs_lnrho_dew));
        s.h_bubble = glide_.saturation_at(Lb, bb, gs_h_bubble);
        s.h_dew = glide_.saturation_at(Ld, bd, gs_h_dew);
        s.s_bubble = glide_.saturation_at(Lb, bb, gs_s_bubble);
        s.s_dew = glide_.saturation_at(Ld, bd, gs_s_dew);
        return s;
    }

    GlideTable glide_;
    detail::BlendRegion liq_, vap_;
    double p_liq_ = 0.0;
    bool vap_shares_axis_ = false;
    BlendTableInfo info_{};
};

} // namespace entropyk::fluids::tabular
