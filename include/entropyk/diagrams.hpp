// Diagrams of a solved cycle (log p-h, T-s): the model (dome, isolines, process paths, axes,
// placed labels) and its SVG text. Above the cycles layer, below the C API and the command.
#pragma once

#include "entropyk/diagrams/axes.hpp"
#include "entropyk/diagrams/cycle_view.hpp"
#include "entropyk/diagrams/diagram.hpp"
#include "entropyk/diagrams/dome.hpp"
#include "entropyk/diagrams/geometry.hpp"
#include "entropyk/diagrams/isolines.hpp"
#include "entropyk/diagrams/labels.hpp"
#include "entropyk/diagrams/processes.hpp"
#include "entropyk/diagrams/svg.hpp"
