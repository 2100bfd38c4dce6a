// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Allen-Cunneen: an approximation of the mean wait in queue of G/G/c, the M/M/c wait scaled by
// the variability of arrivals and service:
//   Wq ~ C(c, a) / (c mu - lambda) * (ca^2 + cs^2) / 2
// with ca^2 and cs^2 the squared coefficients of variation of the interarrival and service times.
// Exact for M/M/c (ca^2 = cs^2 = 1) and for M/G/1 (it is then Pollaczek-Khinchine); elsewhere an
// approximation, typically within some 10% for moderate to heavy load, worse at light load.

namespace archsim::theory {

/// Approximate mean wait in queue of G/G/c; NaN when unstable or a moment is missing.
double allenCunneenMeanWait(double lambda, double meanService, int servers, double arrivalScv,
                            double serviceScv);

}  // namespace archsim::theory
