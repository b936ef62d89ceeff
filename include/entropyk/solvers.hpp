// Umbrella header for the generic nonlinear solvers (no physics): the NonlinearSystem concept,
// Options, Summary, and the Newton, Picard and Fallback solvers.
#pragma once

#include "entropyk/solvers/concepts.hpp"
#include "entropyk/solvers/fallback.hpp"
#include "entropyk/solvers/newton.hpp"
#include "entropyk/solvers/options.hpp"
#include "entropyk/solvers/picard.hpp"
#include "entropyk/solvers/summary.hpp"
