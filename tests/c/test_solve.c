/* Cycles solved through the C API with their numbers checked: the textbook cycles (Cengel & Boles
   11-1, the R32 cycle) and the off-design R410A heat pump; warm starts; the HIL step with changing
   inputs; the _into solves equal to the allocating ones; results by connection and component. */
#include "check.h"
#include "cycles.h"

static EntropykCycleSummary summary_of(const EntropykSolverResult* r) {
    EntropykCycleSummary s = ENTROPYK_CYCLE_SUMMARY_INIT;
    CHECK_OK(entropyk_result_get_summary(r, &s));
    return s;
}

static void check_balances(const EntropykCycleSummary* s) {
    CHECK(fabs(s->energy_balance) <= 1e-9);
    CHECK(s->mass_balance <= 1e-12);
    CHECK(s->entropy_generation >= -1e-9);
}

static void test_cengel_11_1(void) {
    EntropykSystem* sys = cengel_11_1();
    EntropykSolverResult* r = NULL;
    EntropykConnectionResult discharge = ENTROPYK_CONNECTION_RESULT_INIT;
    EntropykCycleSummary s;
    double cop = 0.0, q = 0.0, w = 0.0, sh = -1.0, sc = -1.0;
    uint32_t n = 0;
    CHECK(sys != NULL);
    if (sys == NULL) return;
    CHECK_OK(entropyk_solve_newton(sys, NULL, &r));
    s = summary_of(r);
    CHECK(s.status == ENTROPYK_OK);
    /* Published: Q_L = 7.18 kW, W_in = 1.81 kW, COP_R = 3.97; recomputed with the same EOS:
       7183.7 W, 1810.6 W, 3.96760, T2 = 312.127 K. */
    CHECK_REL(s.cooling_capacity, 7183.7, 2e-4);
    CHECK_REL(s.compressor_power, 1810.6, 2e-4);
    CHECK_REL(s.COP_cooling, 3.96760, 2e-5);
    CHECK_REL(s.heating_capacity, 8.99e3, 5e-3);
    CHECK_OK(entropyk_result_get_cop_cooling(r, &cop));
    CHECK_OK(entropyk_result_get_cooling_capacity(r, &q));
    CHECK_OK(entropyk_result_get_compressor_power(r, &w));
    CHECK(cop == s.COP_cooling && q == s.cooling_capacity && w == s.compressor_power);
    CHECK_OK(entropyk_result_get_superheat(r, &sh));
    CHECK_OK(entropyk_result_get_subcooling(r, &sc));
    CHECK(fabs(sh) < 1e-6 && fabs(sc) < 1e-6);
    CHECK_OK(entropyk_result_get_connection_count(r, &n));
    CHECK(n == 4);
    CHECK_OK(entropyk_result_get_connection(r, 0, &discharge)); /* compressor -> condenser */
    CHECK(discharge.from == COMP && discharge.to == COND);
    CHECK_REL(discharge.T, 312.127, 1e-5);
    CHECK_REL(discharge.p, 0.8e6, 1e-12);
    CHECK_REL(discharge.m, 0.05, 1e-12);
    CHECK(discharge.phase == ENTROPYK_PHASE_VAPOR && discharge.quality == ENTROPYK_QUALITY_SINGLE_PHASE);
    check_balances(&s);
    entropyk_result_free(r);
    entropyk_system_free(sys);
}

static void test_r32_and_warm_start(void) {
    EntropykSystem* sys = r32_cycle();
    EntropykSolverResult *a = NULL, *b = NULL;
    EntropykCycleSummary sa, sb;
    uint32_t iterations = 99;
    CHECK(sys != NULL);
    if (sys == NULL) return;
    CHECK_OK(entropyk_solve_newton(sys, NULL, &a));
    sa = summary_of(a);
    CHECK_REL(sa.COP_cooling, 4.348012, 1e-4);
    CHECK_REL(sa.COP_heating, 5.348012, 1e-4);
    CHECK(fabs(sa.superheat - 5.0) < 1e-6 && fabs(sa.subcooling - 3.0) < 1e-6);
    CHECK(sa.superheat_available && sa.subcooling_available);
    check_balances(&sa);
    /* a warm start from the solution converges at once to the same answer */
    CHECK_OK(entropyk_solve_newton(sys, NULL, &b));
    sb = summary_of(b);
    CHECK_OK(entropyk_result_get_iterations(b, &iterations));
    CHECK(iterations <= 1);
    CHECK_REL(sb.COP_cooling, sa.COP_cooling, 1e-12);
    /* results are snapshots: a's figures did not change */
    CHECK(summary_of(a).COP_cooling == sa.COP_cooling);
    entropyk_result_free(a);
    entropyk_result_free(b);
    entropyk_system_free(sys);
}

static void test_heat_pump_hil(void) {
    EntropykSystem* sys = heat_pump(60.0);
    EntropykSolverResult *r = NULL, *reused = NULL;
    EntropykNewtonConfig cold = ENTROPYK_NEWTON_CONFIG_INIT;
    EntropykFallbackConfig fallback_cold = ENTROPYK_FALLBACK_CONFIG_INIT;
    EntropykComponentResult cond = ENTROPYK_COMPONENT_RESULT_INIT, evap = ENTROPYK_COMPONENT_RESULT_INIT;
    EntropykConnectionResult suction = ENTROPYK_CONNECTION_RESULT_INIT;
    EntropykCycleSummary s60, s50, s50_into;
    double state[32], state_into[32];
    size_t n = 0, n_into = 0;
    CHECK(sys != NULL);
    if (sys == NULL) return;
    fallback_cold.cold_start = 1;
    fallback_cold.time_budget = 60.0; /* slow sanitizer builds on a loaded machine */
    CHECK_OK(entropyk_solve_fallback(sys, &fallback_cold, &r));
    s60 = summary_of(r);
    CHECK(fabs(s60.superheat - 5.0) < 1e-6 && fabs(s60.subcooling - 7.0) < 1e-6);
    CHECK(s60.heating_capacity > s60.cooling_capacity && s60.COP_heating > 1.0);
    check_balances(&s60);
    CHECK_OK(entropyk_result_get_component(r, COND, &cond));
    CHECK_OK(entropyk_result_get_component(r, EVAP, &evap));
    CHECK_REL(-cond.heat_rate, s60.heating_capacity, 1e-9);
    CHECK_REL(evap.heat_rate, s60.cooling_capacity, 1e-9);
    CHECK(cond.has_secondary && cond.secondary_outlet_temperature > 308.15);
    CHECK(evap.has_secondary && evap.secondary_outlet_temperature < 300.15);
    CHECK_OK(entropyk_result_get_connection(r, EVAP, &suction)); /* evaporator -> compressor */
    CHECK(suction.phase == ENTROPYK_PHASE_VAPOR);
    CHECK_OK(entropyk_result_get_state_vector(r, state, 32, &n));
    CHECK(n >= 12 && state[0] > 1e5);      /* p of connection 0 */
    CHECK_REL(state[2], suction.m, 1e-12); /* [p, h, m] of connection 0 */
    entropyk_result_free(r);

    /* The HIL step: slow the compressor down, solve warm; a slower compressor pumps less heat. */
    CHECK_OK(entropyk_system_set_input(sys, COMP, ENTROPYK_INPUT_COMPRESSOR_SPEED, 50.0));
    CHECK_OK(entropyk_result_create(sys, &reused));
    CHECK_OK(entropyk_solve_newton_into(sys, NULL, reused));
    s50_into = summary_of(reused);
    CHECK(s50_into.status == ENTROPYK_OK);
    CHECK(s50_into.heating_capacity < s60.heating_capacity);
    CHECK_OK(entropyk_result_get_state_vector(reused, state_into, 32, &n_into));
    /* the allocating solve from the same start gives the same answer */
    CHECK_OK(entropyk_solve_newton(sys, NULL, &r));
    s50 = summary_of(r);
    CHECK_REL(s50.heating_capacity, s50_into.heating_capacity, 1e-9);
    CHECK_OK(entropyk_result_get_state_vector(r, state, 32, &n));
    CHECK(n == n_into);
    entropyk_result_free(r);

    /* a cold Newton start also finds it */
    cold.cold_start = 1;
    cold.time_budget = 60.0; /* slow sanitizer builds on a loaded machine */
    cold.max_iterations = 100;
    CHECK_OK(entropyk_solve_newton_into(sys, &cold, reused));
    CHECK_REL(summary_of(reused).heating_capacity, s50.heating_capacity, 1e-6);
    entropyk_result_free(reused);
    entropyk_system_free(sys);
}

static void test_methods_agree(void) {
    EntropykSystem* sys = r32_cycle();
    EntropykSolverResult *newton = NULL, *picard = NULL;
    EntropykPicardConfig pc = ENTROPYK_PICARD_CONFIG_INIT;
    if (sys == NULL) {
        CHECK(sys != NULL);
        return;
    }
    pc.max_iterations = 200;
    pc.cold_start = 1;
    pc.time_budget = 60.0; /* slow sanitizer builds on a loaded machine */
    CHECK_OK(entropyk_solve_newton(sys, NULL, &newton));
    CHECK_OK(entropyk_solve_picard(sys, &pc, &picard));
    CHECK_REL(summary_of(picard).COP_cooling, summary_of(newton).COP_cooling, 1e-8);
    entropyk_result_free(newton);
    entropyk_result_free(picard);
    entropyk_system_free(sys);
}

/* The tables backend: fluid states and the heat pump agree with the equation of state. */
static void test_tables_backend(void) {
    EntropykFluid *eos = NULL, *tab = NULL;
    EntropykFluidState a = ENTROPYK_FLUID_STATE_INIT, b = ENTROPYK_FLUID_STATE_INIT;
    EntropykSystem *hp_eos = heat_pump(60.0), *hp_tab = NULL;
    EntropykSolverResult *ra = NULL, *rb = NULL;
    EntropykFallbackConfig cold = ENTROPYK_FALLBACK_CONFIG_INIT;
    CHECK_OK(entropyk_fluid_create("R410A", ENTROPYK_BACKEND_EOS, &eos));
    CHECK_OK(entropyk_fluid_create("R410A", ENTROPYK_BACKEND_TABLES, &tab));
    CHECK_OK(entropyk_fluid_state(eos, ENTROPYK_INPUT_PH, 30e5, 450e3, &a)); /* superheated vapour */
    CHECK_OK(entropyk_fluid_state(tab, ENTROPYK_INPUT_PH, 30e5, 450e3, &b));
    CHECK_REL(b.T, a.T, 1e-6);
    CHECK_REL(b.rho, a.rho, 1e-5);
    CHECK_OK(entropyk_fluid_state(tab, ENTROPYK_INPUT_TQ, 280.0, 0.5, &b)); /* (T,q) by the EOS */
    CHECK(b.phase == ENTROPYK_PHASE_TWO_PHASE);
    CHECK_CODE(entropyk_fluid_state(tab, ENTROPYK_INPUT_PT, 1e5, 50.0, &b), ENTROPYK_FLUID_ERROR);
    entropyk_fluid_free(eos);
    entropyk_fluid_free(tab);

    hp_tab = heat_pump_on(ENTROPYK_BACKEND_TABLES, valve(ENTROPYK_VALVE_FIXED_SUPERHEAT, 5.0, 0.0, 0.05, 1.0), 60.0);
    CHECK(hp_eos != NULL && hp_tab != NULL);
    if (hp_eos != NULL && hp_tab != NULL) {
        cold.cold_start = 1;
        cold.time_budget = 60.0; /* slow sanitizer builds on a loaded machine */
        CHECK_OK(entropyk_solve_fallback(hp_eos, &cold, &ra));
        CHECK_OK(entropyk_solve_fallback(hp_tab, &cold, &rb));
        CHECK_REL(summary_of(rb).COP_heating, summary_of(ra).COP_heating, 1e-5);
        CHECK_REL(summary_of(rb).heating_capacity, summary_of(ra).heating_capacity, 1e-5);
    }
    entropyk_result_free(ra);
    entropyk_result_free(rb);
    entropyk_system_free(hp_eos);
    entropyk_system_free(hp_tab);
}

int main(void) {
    test_tables_backend();
    test_cengel_11_1();
    test_r32_and_warm_start();
    test_heat_pump_hil();
    test_methods_agree();
    return check_report("test_solve");
}
