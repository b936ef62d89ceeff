// Aggregator for the component models.
#pragma once

#include "entropyk/components/cascade_heat_exchanger.hpp"
#include "entropyk/components/component.hpp"
#include "entropyk/components/compressor_map.hpp"
#include "entropyk/components/expansion_valve.hpp"
#include "entropyk/components/fixed_saturation.hpp"
#include "entropyk/components/flash_tank.hpp"
#include "entropyk/components/gas_cooler.hpp"
#include "entropyk/components/heat_exchanger.hpp"
#include "entropyk/components/high_pressure_valve.hpp"
#include "entropyk/components/isentropic_compressor.hpp"
#include "entropyk/components/map_compressor.hpp"
#include "entropyk/components/mixer.hpp"
#include "entropyk/components/pressure_regulator.hpp"
#include "entropyk/components/receiver.hpp"
#include "entropyk/components/splitter.hpp"
