// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Many runs of one scenario: independent replications (for confidence intervals) and a traffic
// sweep (for the cost-vs-traffic curve), spread over every core. Each run is a pure function of
// (scenario, seed, replication), and results are stored by index, so the answer is the same on one
// thread or sixteen.

#include <cstdint>
#include <functional>
#include <vector>

#include "sim/cost/costmodel.h"
#include "sim/run/runner.h"

namespace archsim {

/// Calls job(i) for i in [0, count) on up to `threads` threads (0 = every core).
void parallelFor(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job);

/// Runs replications 0..count-1 of the scenario with `seed`; each run has the memory budget
/// `memoryBudgetBytes` (RunOptions), so runs at once on several threads may hold a multiple of it.
std::vector<RunResult> runReplications(const Scenario& scenario, std::uint64_t seed,
                                       std::size_t count, const PricingTable* pricing,
                                       unsigned threads = 0,
                                       std::uint64_t memoryBudgetBytes = kDefaultMemoryBudgetBytes);

/// The scenario with its open-loop traffic scaled so the mean rate is `ratePerS` (Poisson and
/// on/off rates, every point of a schedule; closed-loop users are scaled too).
Scenario scaledToRate(const Scenario& scenario, double ratePerS);
/// The scenario's mean offered rate in requests/s (schedules: time-average over the run).
double meanRate(const Scenario& scenario);

/// Monthly cost at each traffic level, each level simulated (levels in parallel).
std::vector<CostPoint> costVersusTraffic(const Scenario& scenario, const std::vector<double>& rates,
                                         std::uint64_t seed, const PricingTable& pricing,
                                         unsigned threads = 0);

}  // namespace archsim
