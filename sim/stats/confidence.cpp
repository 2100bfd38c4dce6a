// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/stats/confidence.h"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace archsim {

ConfidenceInterval meanConfidenceInterval(const std::vector<double>& observations, double level) {
    ConfidenceInterval ci;
    ci.n = static_cast<int>(observations.size());
    if (ci.n == 0) return ci;
    double sum = 0;
    for (const double x : observations) sum += x;
    ci.mean = sum / ci.n;
    if (ci.n < 2) return ci;
    double squares = 0;
    for (const double x : observations) squares += (x - ci.mean) * (x - ci.mean);
    const double stddev = std::sqrt(squares / (ci.n - 1));
    const boost::math::students_t t(ci.n - 1);
    const double critical = boost::math::quantile(boost::math::complement(t, (1.0 - level) / 2.0));
    ci.halfWidth = critical * stddev / std::sqrt(static_cast<double>(ci.n));
    return ci;
}

}  // namespace archsim
