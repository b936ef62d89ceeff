// The contract of every property call (issue 13, "Nothing wrong is ever reported OK"), as test
// helpers shared by the EOS tests (tests/fluids) and the table tests (tests/tables):
//   * an OK state is finite everywhere; a single-phase state has p, rho, cp, cv, w > 0; a
//     two-phase state has q in [0, 1] and the documented sentinels for cp, cv, w;
//   * an OK state reproduces its inputs: T, p, rho as given (relative 1e-12, i.e. round-off of
//     the lever rule in two-phase states; 1e-9 for T of R410A's (T, q), found by a bisection on
//     p), q to 1e-12 absolute, h and s to 1e-9 relative with the floors R T_c (h) and R (s);
//   * a refusal is Errc::fluid_error or Errc::invalid_argument with a non-empty message.
// The sampler is seeded and draws its own uniform numbers (splitmix64), so the sweep is the same
// on every standard library.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "entropyk/fluids.hpp"

namespace entropyk::fluids::testing {

/// Documented reproduction tolerances of OK states (docs/fluids.md, "Input checks").
inline constexpr double tol_exact = 1e-12; ///< T, p, rho, q
inline constexpr double tol_tq_T = 1e-9;   ///< T of a pseudo-pure (T, q) mixture
inline constexpr double tol_hs = 1e-9;     ///< h (floor R T_c) and s (floor R)

class Rng {
  public:
    explicit Rng(std::uint64_t seed) : x_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (x_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double u() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double a, double b) { return a + (b - a) * u(); }
    double log_uniform(double a, double b) { return std::exp(uniform(std::log(a), std::log(b))); }
    std::size_t index(std::size_t n) { return static_cast<std::size_t>(next() % n); }

  private:
    std::uint64_t x_;
};

/// What a sweep found: counts and the first failures (printed by report()).
struct Tally {
    std::size_t ok = 0, refused = 0, failed = 0;
    std::vector<std::string> first;
    void fail(const std::string& what) {
        ++failed;
        if (first.size() < 12) first.push_back(what);
    }
    void report(const char* title) const {
        std::printf("%-40s %7zu OK %7zu refused %5zu contract failures\n", title, ok, refused, failed);
        for (const std::string& s : first) std::printf("    %s\n", s.c_str());
    }
};

[[nodiscard]] inline double rel_dev(double a, double b, double floor = 0.0) {
    return std::fabs(a - b) / std::max({std::fabs(b), floor, 1e-300});
}

/// Empty if the state is finite and physically shaped, else what is wrong.
[[nodiscard]] inline std::string state_defect(const State& s) {
    const double v[] = {s.T.si(), s.p.si(), s.rho.si(), s.h.si(), s.s.si(), s.u.si(), s.cp.si(), s.cv.si(), s.w.si()};
    for (double x : v)
        if (!std::isfinite(x)) return "non-finite field";
    if (!(s.T.si() > 0.0 && s.p.si() > 0.0 && s.rho.si() > 0.0)) return "T, p or rho not positive";
    if (s.phase == Phase::two_phase) {
        if (!(s.quality >= 0.0 && s.quality <= 1.0)) return "two-phase quality outside [0, 1]";
        if (s.cp.si() != undefined_in_two_phase || s.w.si() != undefined_in_two_phase) return "two-phase sentinel";
    } else {
        if (s.quality != -1.0) return "single-phase quality not -1";
        if (!(s.cp.si() > 0.0 && s.cv.si() > 0.0 && s.w.si() > 0.0)) return "cp, cv or w not positive";
    }
    return {};
}

[[nodiscard]] inline std::string fmt(const char* f, double a, double b, const State* s, const std::string& why) {
    char buf[400];
    if (s)
        std::snprintf(buf, sizeof buf, "%s(%.17g, %.17g): %s -> T=%.12g p=%.12g rho=%.12g h=%.12g s=%.12g q=%g", f, a,
                      b, why.c_str(), s->T.si(), s->p.si(), s->rho.si(), s->h.si(), s->s.si(), s->quality);
    else
        std::snprintf(buf, sizeof buf, "%s(%.17g, %.17g): %s", f, a, b, why.c_str());
    return buf;
}

/// Which inputs a call reproduces.
enum class Pair { TP, PH, PS, PQ, TQ, TD, HS };

inline const char* pair_name(Pair k) {
    switch (k) {
    case Pair::TP: return "(T, p)";
    case Pair::PH: return "(p, h)";
    case Pair::PS: return "(p, s)";
    case Pair::PQ: return "(p, q)";
    case Pair::TQ: return "(T, q)";
    case Pair::TD: return "(T, rho)";
    case Pair::HS: return "(h, s)";
    }
    return "?";
}

/// Checks one result of the call `k` with inputs (a, b) against the contract.
inline void check_result(const Fluid& f, Pair k, double a, double b, const Result<State>& r, Tally& t) {
    const char* name = pair_name(k);
    if (!r) {
        const Errc c = r.error().code();
        if (!(c == Errc::fluid_error || c == Errc::invalid_argument)) t.fail(fmt(name, a, b, nullptr, "wrong code"));
        if (r.error().message().empty()) t.fail(fmt(name, a, b, nullptr, "empty message"));
        ++t.refused;
        return;
    }
    ++t.ok;
    const State& s = *r;
    if (std::string d = state_defect(s); !d.empty()) return t.fail(fmt(name, a, b, &s, d));
    const double h_floor = f.gas_constant() * f.T_critical().si(), s_floor = f.gas_constant();
    auto need = [&](bool good, const char* what) {
        if (!good) t.fail(fmt(name, a, b, &s, what));
    };
    switch (k) {
    case Pair::TP:
        need(rel_dev(s.T.si(), a) <= tol_exact, "T not reproduced");
        need(rel_dev(s.p.si(), b) <= tol_exact, "p not reproduced");
        break;
    case Pair::PH:
        need(rel_dev(s.p.si(), a) <= tol_exact, "p not reproduced");
        need(rel_dev(s.h.si(), b, h_floor) <= tol_hs, "h not reproduced");
        break;
    case Pair::PS:
        need(rel_dev(s.p.si(), a) <= tol_exact, "p not reproduced");
        need(rel_dev(s.s.si(), b, s_floor) <= tol_hs, "s not reproduced");
        break;
    case Pair::PQ:
        need(rel_dev(s.p.si(), a) <= tol_exact, "p not reproduced");
        need(std::fabs(s.quality - b) <= tol_exact, "q not reproduced");
        break;
    case Pair::TQ:
        need(rel_dev(s.T.si(), a) <= (f.pseudo_pure() ? tol_tq_T : tol_exact), "T not reproduced");
        need(std::fabs(s.quality - b) <= tol_exact, "q not reproduced");
        break;
    case Pair::TD:
        need(rel_dev(s.T.si(), a) <= tol_exact, "T not reproduced");
        need(rel_dev(s.rho.si(), b) <= tol_exact, "rho not reproduced");
        break;
    case Pair::HS:
        need(rel_dev(s.h.si(), a, h_floor) <= tol_hs, "h not reproduced");
        need(rel_dev(s.s.si(), b, s_floor) <= tol_hs, "s not reproduced");
        break;
    }
}

/// Corners of the range of a fluid.
inline std::vector<double> T_corners(const Fluid& f) {
    const double Tmin = f.T_min().si(), Tc = f.T_critical().si(), Tmax = f.T_max().si();
    const double Text = f.T_max_extrapolated().si();
    const double Tsat = fluids::detail::saturation_T_max(f.data());
    return {Tmin,
            std::nextafter(Tmin, 1e9),
            Tmin + 1e-6,
            f.T_triple().si(),
            Tmin + 0.5,
            Tc - 1e-3,
            Tc,
            Tc + 1e-3,
            Tsat,
            std::nextafter(Tsat, 0.0),
            Tmax - 0.1,
            Tmax,
            Tmax + 0.1,
            Text,
            std::nextafter(Text, 0.0),
            300.0};
}
inline std::vector<double> p_corners(const Fluid& f) {
    const double pt = fluids::detail::saturation_p_min(f.data()), pc = f.p_critical().si();
    const double psat = fluids::detail::saturation_p_max(f.data());
    return {f.p_min().si(),    1e-5,     1e-3,          1.0,  f.p_triple().si(),         pt, pt * (1.0 - 1e-10),
            pt * (1.0 + 1e-9), 0.5 * pc, pc * 0.999,    psat, std::nextafter(psat, 0.0), pc, pc * (1.0 + 1e-6),
            2.0 * pc,          1e5,      f.p_max().si()};
}

/// T: 70 % uniform over [T_min, T_max_extrapolated], else a corner.
inline double draw_T(const Fluid& f, Rng& g) {
    if (g.u() < 0.7) return g.uniform(f.T_min().si(), f.T_max_extrapolated().si());
    const std::vector<double> c = T_corners(f);
    return c[g.index(c.size())];
}
/// p: 70 % log-uniform over [p_min, p_max], else a corner.
inline double draw_p(const Fluid& f, Rng& g) {
    if (g.u() < 0.7) return g.log_uniform(f.p_min().si(), f.p_max().si());
    const std::vector<double> c = p_corners(f);
    return c[g.index(c.size())];
}
inline double draw_q(Rng& g) {
    static const double c[] = {0.0, 1.0, 1e-12, 1.0 - 1e-12, 0.5};
    return g.u() < 0.7 ? g.u() : c[g.index(5)];
}

/// An h (want_s false) or s at pressure p: from a single-phase EOS state at a drawn T (50 %), a
/// two-phase mixture at p (30 %), or anything in a wide band (20 %, mostly refused).
inline double draw_y(const Fluid& f, double p, bool want_s, Rng& g) {
    const double c = g.u();
    if (c < 0.5) {
        const Result<State> st = f.flash_tp(Temperature{draw_T(f, g)}, Pressure{p});
        if (st) return want_s ? st->s.si() : st->h.si();
    } else if (c < 0.8) {
        const Result<SaturationState> sat = f.saturation_p(Pressure{p});
        if (sat) {
            const double q = draw_q(g);
            return want_s ? (1.0 - q) * sat->s_liquid.si() + q * sat->s_vapor.si()
                          : (1.0 - q) * sat->h_liquid.si() + q * sat->h_vapor.si();
        }
    }
    return want_s ? g.uniform(-3000.0, 20000.0) : g.uniform(-1e6, 5e6);
}

/// Values no call may accept as p, rho (and, except the negatives, as T): subnormal, zero,
/// negative, NaN, infinite, and a normal number below the bound.
inline std::vector<double> bad_positive_inputs() {
    const double inf = std::numeric_limits<double>::infinity();
    return {1e-310,  std::numeric_limits<double>::denorm_min(), 0.0, -0.0, -1.0,
            -1e-310, std::numeric_limits<double>::quiet_NaN(),  inf, -inf};
}

} // namespace entropyk::fluids::testing
