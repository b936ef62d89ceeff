// Units rule: an absolute temperature has no unary minus (-(300 K) means nothing physical, and
// -(5 degC) as a kelvin value would be -278.15 K). Only a Celsius literal negates, by its Celsius
// value (celsius_literals.pass.cpp); a Temperature variable or a kelvin literal is refused.
// EXPECT: no match for .*operator-.*Temperature|invalid argument type .*Temperature.* to unary expression
#include "entropyk/core/units.hpp"

using namespace entropyk;
using namespace entropyk::literals;

Temperature negate(Temperature t) { return -t; }
