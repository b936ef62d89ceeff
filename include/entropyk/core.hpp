// Aggregator for the core layer: units, errors, Result<T>, numeric helpers.
#pragma once

#include "entropyk/core/error.hpp"
#include "entropyk/core/numeric.hpp"
#include "entropyk/core/result.hpp"
#include "entropyk/core/units.hpp"
#include "entropyk/core/warning.hpp"
