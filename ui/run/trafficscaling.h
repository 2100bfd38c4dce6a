// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scenario simulated for one traffic level of a cost-vs-traffic sweep.

#include "sim/scenario/scenario.h"

namespace archsim::ui {

/// Above this many expected requests a steady level is simulated for a shorter time.
inline constexpr double kSweepRequestsPerLevel = 2e6;
/// A shortened level still measures at least this long (seconds).
inline constexpr double kSweepMinMeasuredS = 120;

/// `scenario` at a mean of `ratePerS` requests/s, as archsim::scaledToRate scales it (the same
/// levels as the CLI's `compare --traffic`). Steady workloads (everything but a rate schedule) are
/// then shortened to about kSweepRequestsPerLevel requests after the warm-up, never below
/// kSweepMinMeasuredS nor 20 on/off cycles: the monthly cost is extrapolated from the measured
/// period, which is as good from minutes of steady traffic as from hours, while a long run at
/// 10,000 requests/s would take minutes per level. A schedule keeps its duration, since cutting it
/// would drop part of its traffic curve. Short scenarios are not changed, so their curve matches
/// the CLI's exactly.
archsim::Scenario sweepLevelScenario(const archsim::Scenario& scenario, double ratePerS);

}  // namespace archsim::ui
