// Aggregator: the fluid property engine (Helmholtz EOS, saturation, flashes, fluid lookup, the
// names of the phases).
#pragma once

#include "entropyk/fluids/fluid.hpp"
#include "entropyk/fluids/phase_name.hpp"
#include "entropyk/fluids/state.hpp"
