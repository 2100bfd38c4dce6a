// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Pollaczek-Khinchine: the mean wait in queue of M/G/1 (Poisson arrivals, any service time
// distribution with a finite variance, one server, FCFS), exact:
//   Wq = rho E[S] (1 + cs^2) / (2 (1 - rho)),  rho = lambda E[S],  cs^2 = Var[S] / E[S]^2.
// cs^2 = 1 gives M/M/1, cs^2 = 0 gives M/D/1 (half the M/M/1 wait).

namespace archsim::theory {

/// Mean wait in queue of M/G/1; NaN when rho >= 1 or a moment is missing.
double pollaczekKhinchineMeanWait(double lambda, double meanService, double serviceScv);

}  // namespace archsim::theory
