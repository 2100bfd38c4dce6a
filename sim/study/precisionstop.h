// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Replications until a figure is known well enough: runs until the 95% confidence interval of the
// figure's mean is at most `relativeHalfWidth` of the mean, or the cap. Replications run in
// parallel batches, but the rule is applied after each replication in index order, so the number
// it stops at (and every figure) does not depend on the thread count.

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/cost/pricing.h"
#include "sim/model/enginelimits.h"
#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/confidence.h"
#include "sim/study/studyfigure.h"

namespace archsim {

/// The fewest replications the rule looks at: an interval from two is too wide to stop on.
inline constexpr unsigned kPrecisionMinReplications = 3;

struct PrecisionResult {
    std::vector<RunResult> runs;   ///< replications 0..n-1, n the number it took
    ConfidenceInterval interval;   ///< of the figure over those runs
    double relativeHalfWidth = 0;  ///< halfWidth / |mean| (0 when both are 0)
    bool reached = false;
    bool interrupted = false;  ///< stopped by `interrupt`: `runs` holds the replications finished
};

struct PrecisionRequest {
    const StudyFigure* figure = nullptr;
    double relativeHalfWidth = 0.05;
    unsigned maxReplications = 100;
    std::uint64_t seed = 1;
    const PricingTable* pricing = nullptr;
    unsigned threads = 0;
    std::uint64_t memoryBudgetBytes = kDefaultMemoryBudgetBytes;
    /// Set from another thread to stop: no replication starts after it and those under way are
    /// cancelled; the result holds the replications before the first that did not finish.
    const std::atomic<bool>* interrupt = nullptr;
    /// Called on the calling thread after the rule looked at each replication, with the
    /// replications so far and their relative half-width (infinite before there is one).
    std::function<void(unsigned replications, double relativeHalfWidth)> progress;
};

PrecisionResult runToPrecision(const Scenario& scenario, const PrecisionRequest& request);

/// halfWidth / |mean|; 0 for an exact zero, infinite for a non-zero width around a zero mean.
double relativeHalfWidth(const ConfidenceInterval& ci);

}  // namespace archsim
