// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The cold-start fraction of a function pool at low traffic. Assumptions: Poisson arrivals at
// `ratePerS`, one request per instance (concurrency 1), no provisioned instances, no instance
// cap reached, a fixed keep-alive, and so little traffic that requests almost never overlap
// (rate x (cold start + service) << 1). Then an arrival finds a warm instance exactly when the
// previous request ended less than a keep-alive ago, and since gaps between arrivals are
// exponential,
//   P(cold start) = P(gap > keepAlive) = exp(-rate x keepAlive).
// What it leaves out is overlap: an arrival while the only instance is busy (a fraction
// rate x (cold start + service) of the time) starts a second instance cold. That adds about
// rate x busy time to the fraction, in absolute terms: large beside exp(-rate x keepAlive) when
// the keep-alive is long, which is why the comparison allows it as the formula's own error and
// coldStartFormulaApplies keeps it below kColdStartMaxOverlap.

namespace archsim::theory {

double coldStartFraction(double ratePerS, double keepAliveS);

/// The largest rate x (mean cold start + mean service) at which the formula is offered.
inline constexpr double kColdStartMaxOverlap = 0.02;

/// True when requests overlap rarely enough for coldStartFraction to hold.
bool coldStartFormulaApplies(double ratePerS, double meanBusyS);

}  // namespace archsim::theory
