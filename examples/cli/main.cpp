// `entropyk`: solve the built-in demo cycle, or query one fluid state, from the command line.
//
//   entropyk demo                                  built-in heat pump, states table and COP
//   entropyk props FLUID --p P --h H              one state (any two of --T --p --h --s --q --rho, SI)
//   entropyk --help | --version
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "entropyk/components.hpp"
#include "entropyk/cycles.hpp"
#include "entropyk/fluids.hpp"
#include "entropyk/version.hpp"

namespace {

using namespace entropyk;
using namespace entropyk::literals;

constexpr const char* usage = "usage: entropyk demo\n"
                              "       entropyk props FLUID --X value --Y value   (X, Y among T p h s q rho; SI units)\n"
                              "       entropyk --help | --version\n";

void print_state_header() {
    std::printf("%-26s %9s %9s %10s %10s %8s  %-14s %8s\n", "connection", "p [bar]", "T [C]", "h [kJ/kg]", "s [kJ/kgK]",
                "quality", "phase", "m [kg/s]");
}

int run_demo() {
    // An R410A heat pump in design mode: evaporating at 2 C (dew) with 5 K superheat, condensing
    // at 40 C (bubble) with 3 K subcooling, isentropic efficiency 0.7, 0.05 kg/s.
    auto sys_r = System::create("R410A");
    if (!sys_r) {
        std::fprintf(stderr, "entropyk: %s\n", sys_r.error().c_str());
        return 1;
    }
    System sys = std::move(*sys_r);
    const auto comp = *sys.add("compressor", IsentropicCompressor{0.7, 0.05_kg_per_s});
    const auto cond = *sys.add("condenser", FixedSaturationCondenser{40.0_degC, 3.0_dK});
    const auto valve = *sys.add("valve", IsenthalpicValve{});
    const auto evap = *sys.add("evaporator", FixedSaturationEvaporator{2.0_degC, 5.0_dK});
    (void)sys.connect(comp, cond);
    (void)sys.connect(cond, valve);
    (void)sys.connect(valve, evap);
    (void)sys.connect(evap, comp);
    if (auto f = sys.finalize(); !f) {
        std::fprintf(stderr, "entropyk: %s\n", f.error().c_str());
        return 1;
    }
    const auto& r = sys.solve();
    std::printf("Entropyk %s demo: R410A heat pump (design mode)\n\n", version_string);
    print_state_header();
    for (std::size_t i = 0; i < r.connections.size(); ++i) {
        const auto& c = r.connections[i];
        const std::string name = std::to_string(i + 1) + " " + std::string(sys.component_name(c.from)) + " -> " +
                                 std::string(sys.component_name(c.to));
        const auto& s = c.state;
        std::printf("%-26s %9.4f %9.3f %10.3f %10.5f %8.4f  %-14s %8.5f\n", name.c_str(), s.p.si() / 1e5,
                    to_celsius(s.T), s.h.si() / 1e3, s.s.si() / 1e3, s.quality, std::string(to_string(s.phase)).c_str(),
                    c.m);
    }
    std::printf("\nheating capacity   %10.1f W\n", r.heating_capacity);
    std::printf("cooling capacity   %10.1f W\n", r.cooling_capacity);
    std::printf("compressor power   %10.1f W\n", r.compressor_power);
    std::printf("COP heating        %10.4f\n", r.cop_heating);
    std::printf("COP cooling (EER)  %10.4f\n", r.cop_cooling);
    std::printf("superheat          %10.3f K\n", r.superheat);
    std::printf("subcooling         %10.3f K\n", r.subcooling);
    std::printf("energy balance     %10.2e (relative)\n", r.energy_balance);
    std::printf("status: %s, %d iterations, residual %.2e, %.3f ms\n", std::string(to_string(r.status)).c_str(),
                r.iterations, r.residual_norm, r.solve_time_s * 1e3);
    return r.converged() ? 0 : 3;
}

bool parse_number(const char* s, double& out) {
    char* end = nullptr;
    out = std::strtod(s, &end);
    return end != s && *end == '\0' && std::isfinite(out);
}

int run_props(int argc, char** argv) {
    if (argc < 3) {
        std::fputs(usage, stderr);
        return 2;
    }
    auto fluid = fluids::find_fluid(argv[2]);
    if (!fluid) {
        std::fprintf(stderr, "entropyk: %s\n", fluid.error().c_str());
        return 2;
    }
    double T = NAN, p = NAN, h = NAN, s = NAN, q = NAN, rho = NAN;
    for (int i = 3; i + 1 < argc; i += 2) {
        double v = 0;
        if (!parse_number(argv[i + 1], v)) {
            std::fprintf(stderr, "entropyk: %s: expected a number, got '%s'\n", argv[i], argv[i + 1]);
            return 2;
        }
        const std::string_view k = argv[i];
        if (k == "--T")
            T = v;
        else if (k == "--p")
            p = v;
        else if (k == "--h")
            h = v;
        else if (k == "--s")
            s = v;
        else if (k == "--q")
            q = v;
        else if (k == "--rho")
            rho = v;
        else {
            std::fprintf(stderr, "entropyk: unknown option '%s'\n%s", argv[i], usage);
            return 2;
        }
    }
    const auto& f = **fluid;
    auto have = [](double x) { return !std::isnan(x); };
    Result<fluids::State> st = ThermoError(Errc::invalid_argument, "give two of --T --p --h --s --q --rho");
    if (have(p) && have(h))
        st = f.flash_ph(Pressure{p}, SpecificEnthalpy{h});
    else if (have(p) && have(T))
        st = f.flash_tp(Temperature{T}, Pressure{p});
    else if (have(p) && have(s))
        st = f.flash_ps(Pressure{p}, SpecificEntropy{s});
    else if (have(p) && have(q))
        st = f.flash_pq(Pressure{p}, q);
    else if (have(T) && have(q))
        st = f.flash_tq(Temperature{T}, q);
    else if (have(T) && have(rho))
        st = f.state_trho(Temperature{T}, Density{rho});
    if (!st) {
        std::fprintf(stderr, "entropyk: %s\n", st.error().c_str());
        return 2;
    }
    const auto& x = *st;
    std::printf("fluid   %s\nphase   %s\nT     = %.6f K\np     = %.6f Pa\nrho   = %.6f kg/m3\n"
                "h     = %.6f kJ/kg\ns     = %.6f kJ/(kg K)\nu     = %.6f kJ/kg\ncp    = %.6f kJ/(kg K)\n"
                "cv    = %.6f kJ/(kg K)\nw     = %.6f m/s\nquality = %.6f\n",
                std::string(f.name()).c_str(), std::string(to_string(x.phase)).c_str(), x.T.si(), x.p.si(), x.rho.si(),
                x.h.si() / 1e3, x.s.si() / 1e3, x.u.si() / 1e3, x.cp.si() / 1e3, x.cv.si() / 1e3, x.w.si(), x.quality);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const std::string_view cmd = argc > 1 ? argv[1] : "demo";
    if (cmd == "demo") return run_demo();
    if (cmd == "props") return run_props(argc, argv);
    if (cmd == "--version") {
        std::printf("entropyk %s\n", entropyk::version_string);
        return 0;
    }
    if (cmd == "--help" || cmd == "-h") {
        std::fputs(usage, stdout);
        return 0;
    }
    std::fprintf(stderr, "entropyk: unknown command '%s'\n%s", argv[1], usage);
    return 2;
}
