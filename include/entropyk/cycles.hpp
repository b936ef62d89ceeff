// Aggregator for the cycle layer: the runtime System and its results.
#pragma once

#include "entropyk/cycles/results.hpp"
#include "entropyk/cycles/system.hpp"
