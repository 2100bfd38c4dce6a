// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/theory/pollaczekkhinchine.h"

#include <limits>

namespace archsim::theory {

double pollaczekKhinchineMeanWait(double lambda, double meanService, double serviceScv) {
    const double rho = lambda * meanService;
    if (!(rho >= 0 && rho < 1) || !(serviceScv >= 0))
        return std::numeric_limits<double>::quiet_NaN();
    return rho * meanService * (1.0 + serviceScv) / (2.0 * (1.0 - rho));
}

}  // namespace archsim::theory
