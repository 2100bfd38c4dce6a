// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Confidence intervals from independent replications (Student's t), the honest way to say how
// sure a simulated figure is: one long run's percentiles are correlated in time, replications are not.

#include <vector>

namespace archsim {

struct ConfidenceInterval {
    double mean = 0;
    double halfWidth = 0;  ///< 0 with fewer than two observations
    int n = 0;
    double low() const { return mean - halfWidth; }
    double high() const { return mean + halfWidth; }
    bool contains(double value) const { return value >= low() && value <= high(); }
};

/// The two-sided `level` (e.g. 0.95) confidence interval of the mean of independent observations.
ConfidenceInterval meanConfidenceInterval(const std::vector<double>& observations, double level);

}  // namespace archsim
