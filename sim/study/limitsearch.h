// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The limit of a field at which a target still holds ("the highest arrival rate with p99 <= 50 ms
// and errors <= 1%", "the fewest replicas that ..."): bracketing, then bisection, each point
// decided with its noise in mind. A point passes only when the upper end of every target figure's
// 95% interval meets its bound, and fails as soon as the lower end of one misses it; in between
// it gets more replications, up to a cap, and is then counted as failing, so the limit reported
// is one the simulation supports rather than one the dice allowed.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/run/runresult.h"
#include "sim/stats/confidence.h"
#include "sim/study/sweepspec.h"

namespace archsim {

/// What was measured at one value of the field.
struct LimitEvaluation {
    double value = 0;
    unsigned replications = 0;
    bool passed = false;
    bool decided = true;  ///< false: still straddling at the cap, counted as failing
    std::vector<ConfidenceInterval> targets;  ///< per target, in LimitSpec order
    std::vector<ComponentLoad> components;    ///< averaged over replications
    ErrorCounts errors{};                     ///< summed over replications
    std::uint64_t arrivals = 0;               ///< measured, summed over replications
};

/// What broke first at the first failing value, against the last passing one.
struct LimitBreak {
    std::string busiestComponent;  ///< highest utilisation
    double busiestUtilization = 0;
    std::string longestQueueComponent;
    double longestQueue = 0;
    std::string errorReason;  ///< the reason whose error rate grew most; "" if none grew
    double errorRateGrowth = 0;
};

struct LimitResult {
    bool found = false;       ///< a passing value exists in the interval
    bool wholeRange = false;  ///< the target holds over the whole interval: the limit is beyond it
    double limit = 0;         ///< the last passing value
    std::optional<double> firstFailing;        ///< the nearest failing value to it
    std::vector<LimitEvaluation> evaluations;  ///< in the order run
    std::optional<LimitBreak> broke;
    std::string message;  ///< for people, one line
};

/// Runs replications [first, first + count) at a value; the caller builds and checks the
/// scenario (a value it cannot build is a programming error: the search stays within [from, to],
/// which were checked before).
using LimitRunner =
    std::function<std::vector<RunResult>(double value, unsigned first, unsigned count)>;

/// Searches `spec` with `replications` per point to begin with.
LimitResult searchLimit(const LimitSpec& spec, unsigned replications, const LimitRunner& run);

}  // namespace archsim
