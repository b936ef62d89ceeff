// The compile-time front door: refrigerant loops whose components, connections and unknown
// count are known at compile time, checked by the type system and solved on the same engine as
// the runtime System (docs/cpp-api.md).
//
//   auto c = entropyk::cycle<entropyk::fluids::R134a>()
//          | IsentropicCompressor{0.8, 0.05_kg_per_s} | FixedSaturationCondenser{45.0_degC, 3.0_dK}
//          | IsenthalpicValve{} | FixedSaturationEvaporator{5.0_degC, 5.0_dK} | close_loop;
//   const CycleResults& r = c.solve();
//
// Networks (flash tanks, mixers, splitters, compressors in series, economizers and vapour
// injection, several loops joined by cascade heat exchangers) join named nodes port to port and
// are checked as graphs at `close_loop` (cycles/typed/network.hpp, docs/cpp-api.md section 8):
//   auto n = network<fluids::R134a>(lp, mixer, hp, ...) | connect(flash.vapour_out, mixer.inlet_b)
//          | ... | close_loop;
#pragma once

#include "entropyk/cycles/typed/chain.hpp"
#include "entropyk/cycles/typed/cycle.hpp"
#include "entropyk/cycles/typed/exchangers.hpp"
#include "entropyk/cycles/typed/flow.hpp"
#include "entropyk/cycles/typed/network.hpp"
#include "entropyk/cycles/typed/network_solve.hpp"
#include "entropyk/cycles/typed/stage.hpp"
