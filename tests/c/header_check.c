/* entropyk.h compiles on its own, twice (include guard), as strict C99 and as C++ (see CMakeLists.txt).
   Compile-time checks of the ABI facts the header promises: fixed-width enums and struct layouts. */
#include <entropyk.h>

#define CHECK(name, cond) typedef char check_##name[(cond) ? 1 : -1]

CHECK(error_code_is_int32, sizeof(EntropykErrorCode) == 4);
CHECK(backend_is_int32, sizeof(EntropykBackend) == 4);
CHECK(input_pair_is_int32, sizeof(EntropykInputPair) == 4);
CHECK(fluid_state_size, sizeof(EntropykFluidState) == 88);
CHECK(fluid_state_has_no_padding, offsetof(EntropykFluidState, T) == 8 && offsetof(EntropykFluidState, quality) == 80);
CHECK(fluid_info_size, sizeof(EntropykFluidInfo) == 80);
CHECK(compressor_config_size, sizeof(EntropykCompressorConfig) == 208);
CHECK(isentropic_compressor_config_size, sizeof(EntropykIsentropicCompressorConfig) == 48);
CHECK(heat_exchanger_config_size, sizeof(EntropykHeatExchangerConfig) == 96);
CHECK(fixed_saturation_config_size, sizeof(EntropykFixedSaturationConfig) == 40);
CHECK(expansion_valve_config_size, sizeof(EntropykExpansionValveConfig) == 48);
CHECK(cycle_summary_size, sizeof(EntropykCycleSummary) == 120);
CHECK(connection_result_size, sizeof(EntropykConnectionResult) == 72);
CHECK(component_result_size, sizeof(EntropykComponentResult) == 64);
/* 32/40/40 bytes as first released; the budget and the start values were appended (32 bytes) */
CHECK(solver_config_sizes,
      sizeof(EntropykNewtonConfig) == 64 && sizeof(EntropykPicardConfig) == 72 && sizeof(EntropykFallbackConfig) == 72);
CHECK(solver_config_appended, offsetof(EntropykNewtonConfig, max_residual_evaluations) == 32 &&
                                  offsetof(EntropykPicardConfig, max_residual_evaluations) == 40 &&
                                  offsetof(EntropykFallbackConfig, max_residual_evaluations) == 40);
CHECK(compressor_coefficients, offsetof(EntropykCompressorConfig, power_coefficients) == 88);
CHECK(error_codes, ENTROPYK_OK == 0 && ENTROPYK_FLUID_ERROR == 4 && ENTROPYK_INVALID_HANDLE == 11);
CHECK(backends, ENTROPYK_BACKEND_EOS == 0 && ENTROPYK_BACKEND_TABLES == 1);
CHECK(version, ENTROPYK_VERSION_NUMBER ==
                   ENTROPYK_VERSION_MAJOR * 1000000 + ENTROPYK_VERSION_MINOR * 1000 + ENTROPYK_VERSION_PATCH);

int entropyk_header_check(void);
int entropyk_header_check(void) {
    EntropykFluidState state = ENTROPYK_FLUID_STATE_INIT;
    EntropykFluidInfo info = ENTROPYK_FLUID_INFO_INIT;
    EntropykCompressorConfig comp = ENTROPYK_COMPRESSOR_CONFIG_INIT;
    EntropykHeatExchangerConfig hx = ENTROPYK_HEAT_EXCHANGER_CONFIG_INIT;
    EntropykNewtonConfig newton = ENTROPYK_NEWTON_CONFIG_INIT;
    EntropykCycleSummary summary = ENTROPYK_CYCLE_SUMMARY_INIT;
    EntropykErrorCode (*create)(const char*, EntropykBackend, EntropykFluid**) = entropyk_fluid_create;
    return (int)(state.struct_size + info.struct_size + comp.struct_size + hx.struct_size + newton.struct_size +
                 summary.struct_size) +
           (create != 0);
}
