// Aggregator: the fluid property engine (Helmholtz EOS, saturation, flashes, fluid lookup).
#pragma once

#include "entropyk/fluids/fluid.hpp"
#include "entropyk/fluids/state.hpp"
