/* Entropyk from C: refrigerant properties and a cycle solve through the C API.
 *
 *   make                      # builds against the installed library (pkg-config entropyk)
 *   ./example R134a
 *
 * Every call returns an EntropykErrorCode; the handle's last-error text gives the detail. */
#include <stdio.h>
#include <stdlib.h>

#include <entropyk.h>

static int report(const EntropykFluid* fluid, EntropykErrorCode rc, const char* what) {
    char detail[512];
    size_t len = 0;
    if (rc == ENTROPYK_OK) return 0;
    if (fluid == NULL || entropyk_fluid_last_error(fluid, detail, sizeof detail, &len) != ENTROPYK_OK) detail[0] = '\0';
    fprintf(stderr, "%s failed: %s (%s)\n", what, entropyk_error_string(rc), detail);
    return 1;
}

static void print_state(const char* label, const EntropykFluidState* s) {
    printf("%-28s T = %7.2f K  p = %9.1f kPa  h = %8.2f kJ/kg  s = %6.4f kJ/(kg K)  rho = %8.3f kg/m3  q = %5.2f\n",
           label, s->T, s->p / 1e3, s->h / 1e3, s->s / 1e3, s->rho, s->quality);
}

/* A textbook refrigerator (Cengel & Boles, Example 11-1): R134a between 0.14 and 0.8 MPa, 0.05 kg/s,
   an ideal compressor, saturated liquid out of the condenser, saturated vapour out of the evaporator. */
static int solve_cycle(void) {
    EntropykSystem* sys = NULL;
    EntropykComponent* parts[4] = {NULL, NULL, NULL, NULL};
    EntropykIsentropicCompressorConfig comp = ENTROPYK_ISENTROPIC_COMPRESSOR_CONFIG_INIT;
    EntropykFixedSaturationConfig cond = ENTROPYK_FIXED_SATURATION_CONFIG_INIT;
    EntropykFixedSaturationConfig evap = ENTROPYK_FIXED_SATURATION_CONFIG_INIT;
    EntropykExpansionValveConfig valve = ENTROPYK_EXPANSION_VALVE_CONFIG_INIT; /* isenthalpic */
    EntropykSolverResult* result = NULL;
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykErrorCode rc;
    uint32_t i, index;
    char detail[512];
    size_t len = 0;

    comp.flow_law = ENTROPYK_FLOW_LAW_FIXED_MASS_FLOW;
    comp.isentropic_efficiency = 1.0;
    comp.mass_flow = 0.05;
    cond.given = evap.given = ENTROPYK_SATURATION_GIVEN_PRESSURE;
    cond.saturation_pressure = 0.8e6;
    evap.saturation_pressure = 0.14e6;
    if (entropyk_system_create("R134a", ENTROPYK_BACKEND_EOS, &sys) != ENTROPYK_OK) return 1;
    entropyk_isentropic_compressor_create(&comp, &parts[0]);
    entropyk_fixed_saturation_condenser_create(&cond, &parts[1]);
    entropyk_expansion_valve_create(&valve, &parts[2]);
    entropyk_fixed_saturation_evaporator_create(&evap, &parts[3]);
    rc = ENTROPYK_OK;
    for (i = 0; i < 4; ++i) {
        if (rc == ENTROPYK_OK) rc = entropyk_system_add_component(sys, parts[i], &index);
        if (rc == ENTROPYK_OK) parts[i] = NULL; /* the system owns it now */
    }
    for (i = 0; i < 4; ++i) entropyk_component_free(parts[i]); /* only those not added */
    for (i = 0; i < 4 && rc == ENTROPYK_OK; ++i) rc = entropyk_system_add_edge(sys, i, (i + 1) % 4);
    if (rc == ENTROPYK_OK) rc = entropyk_system_finalize(sys);
    if (rc == ENTROPYK_OK) rc = entropyk_solve_newton(sys, NULL, &result);
    if (rc == ENTROPYK_OK) rc = entropyk_result_get_summary(result, &s);
    if (rc != ENTROPYK_OK) {
        if (entropyk_system_last_error(sys, detail, sizeof detail, &len) != ENTROPYK_OK) detail[0] = '\0';
        fprintf(stderr, "cycle failed: %s (%s)\n", entropyk_error_string(rc), detail);
    } else {
        printf("Cengel 11-1: Q_L = %.2f kW, W = %.2f kW, COP = %.3f (%u iterations, %.2f ms)\n",
               s.cooling_capacity / 1e3, s.compressor_power / 1e3, s.COP_cooling, (unsigned)s.iterations,
               s.solve_time * 1e3);
    }
    entropyk_result_free(result);
    entropyk_system_free(sys);
    return rc == ENTROPYK_OK ? 0 : 1;
}

int main(int argc, char** argv) {
    const char* name = argc > 1 ? argv[1] : "R134a";
    EntropykFluid* fluid = NULL;
    EntropykFluidState evap = ENTROPYK_FLUID_STATE_INIT, suction = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidState discharge = ENTROPYK_FLUID_STATE_INIT, liquid = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidState cond = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidInfo info = ENTROPYK_FLUID_INFO_INIT;
    double T_evap = 263.15, T_cond = 313.15;
    EntropykErrorCode rc;
    char names[256];
    size_t len = 0;

    if (entropyk_version_number() != ENTROPYK_VERSION_NUMBER)
        fprintf(stderr, "warning: header %s, library %s\n", ENTROPYK_VERSION_STRING, entropyk_version());
    if (entropyk_fluid_names(names, sizeof names, &len) == ENTROPYK_OK) printf("fluids: %s\n", names);

    rc = entropyk_fluid_create(name, ENTROPYK_BACKEND_EOS, &fluid);
    if (rc != ENTROPYK_OK) {
        fprintf(stderr, "unknown fluid %s: %s\n", name, entropyk_error_string(rc));
        return EXIT_FAILURE;
    }
    /* An ideal cycle: evaporating at -10 degC, condensing at 40 degC (or 5 K below the critical point). */
    if (report(fluid, entropyk_fluid_info(fluid, &info), "fluid info")) {
        entropyk_fluid_free(fluid);
        return EXIT_FAILURE;
    }
    if (T_cond > info.T_critical - 5.0) T_cond = info.T_critical - 5.0;
    printf("%s: T_critical = %.2f K, p_critical = %.1f kPa\n", name, info.T_critical, info.p_critical / 1e3);
    if (report(fluid, entropyk_fluid_state(fluid, ENTROPYK_INPUT_TQ, T_evap, 1.0, &evap), "evaporator dew point") ||
        report(fluid, entropyk_fluid_state(fluid, ENTROPYK_INPUT_TQ, T_cond, 0.0, &cond), "condenser bubble point") ||
        report(fluid, entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, evap.p, evap.T + 5.0, &suction), "suction") ||
        report(fluid, entropyk_fluid_state(fluid, ENTROPYK_INPUT_PS, cond.p, suction.s, &discharge), "discharge") ||
        report(fluid, entropyk_fluid_state(fluid, ENTROPYK_INPUT_PH, evap.p, cond.h, &liquid), "valve outlet")) {
        entropyk_fluid_free(fluid);
        return EXIT_FAILURE;
    }
    print_state("suction (5 K superheat)", &suction);
    print_state("discharge (isentropic)", &discharge);
    print_state("condenser outlet", &cond);
    print_state("evaporator inlet", &liquid);
    printf("isentropic COP (cooling) = %.3f\n", (suction.h - liquid.h) / (discharge.h - suction.h));

    /* A refused call: the code says what kind of error, the handle says which input. */
    (void)report(fluid, entropyk_fluid_state(fluid, ENTROPYK_INPUT_PT, 1e5, 50.0, &suction), "state at 50 K");

    entropyk_fluid_free(fluid);
    return solve_cycle() == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
