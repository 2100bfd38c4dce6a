// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Theory beside simulation: each prediction of theoryForScenario() against the simulated figure,
// with the interval that says how sure the simulation is, and a verdict; Little's law on the
// first run; and the warm-up MSER-5 detects in it.
//
// The interval, best first:
//  - with two or more replications, the 99% Student-t interval of the figure over them;
//  - with one run, batch means: the window series after the warm-up cut into 20 batches, the 99%
//    t interval of their means (mean wait from the waiting line by Little's law, mean response,
//    cold-start fraction), which allows for the correlation between neighbouring windows;
//  - otherwise (P(wait) and percentiles of one run, which have no window series of their own)
//    the relative batch-means interval of the closest figure that has one (the mean wait for
//    P(wait), the mean response for percentiles), but at least kSingleRunTolerance.
// A figure agrees when |simulated - theory| <= half-width + the formula's own tolerance x |theory|.
// 99% rather than 95%: a page of a dozen checks would otherwise show a false alarm every other run.

#include <string>
#include <vector>

#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/mser.h"
#include "sim/theory/littleslaw.h"
#include "sim/theory/scenariotheory.h"

namespace archsim::theory {

enum class Agreement { Agrees, Disagrees, NotCompared };
std::string toString(Agreement agreement);

inline constexpr double kTheoryConfidence = 0.99;
/// Relative tolerance for a single run's figure that has no batch-means interval.
inline constexpr double kSingleRunTolerance = 0.10;
inline constexpr std::size_t kBatchMeansBatches = 20;

struct TheoryCheck {
    TheoryPrediction prediction;
    double simulated = 0;
    double halfWidth = 0;  ///< of the simulated figure's interval, in the prediction's unit
    std::string interval;  ///< how the interval was made
    Agreement agreement = Agreement::NotCompared;
    std::string note;  ///< why not compared
};

struct TheoryComparison {
    std::vector<TheoryCheck> checks;
    std::vector<LittlesLawCheck> little;  ///< on the first run
    DetectedWarmup detectedWarmup;        ///< in the first run
    double scenarioWarmupS = 0;
    /// The warm-up the figures leave out: the scenario's when it sets one (it wins), else none;
    /// single-run batch means start after the detected one when the scenario sets none.
    std::string warmupUsed;
    int replications = 0;  ///< completed runs compared
    bool anyDisagreement() const;
};

/// Compares the predictions for `scenario` with its runs (one, or several replications).
TheoryComparison compareTheory(const Scenario& scenario, const std::vector<RunResult>& runs);

}  // namespace archsim::theory
