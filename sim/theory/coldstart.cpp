// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/theory/coldstart.h"

#include <cmath>

namespace archsim::theory {

double coldStartFraction(double ratePerS, double keepAliveS) {
    return std::exp(-ratePerS * keepAliveS);
}

bool coldStartFormulaApplies(double ratePerS, double meanBusyS) {
    return ratePerS > 0 && meanBusyS >= 0 && ratePerS * meanBusyS <= kColdStartMaxOverlap;
}

}  // namespace archsim::theory
