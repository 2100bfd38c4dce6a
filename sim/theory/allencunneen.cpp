// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/theory/allencunneen.h"

#include <limits>

#include "sim/theory/mmcqueue.h"

namespace archsim::theory {

double allenCunneenMeanWait(double lambda, double meanService, int servers, double arrivalScv,
                            double serviceScv) {
    if (!(meanService > 0) || !(arrivalScv >= 0) || !(serviceScv >= 0))
        return std::numeric_limits<double>::quiet_NaN();
    const MmcQueue markovian(lambda, 1.0 / meanService, servers);
    return markovian.meanWait() * (arrivalScv + serviceScv) / 2.0;
}

}  // namespace archsim::theory
