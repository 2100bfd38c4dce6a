// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which results of queueing theory apply to a scenario, and what they predict. Each prediction
// names the component, the figure, the formula, the assumptions it rests on and whether the
// scenario meets them (exactly, approximately, or not at all, and why), so the comparison with a
// run (theorycomparison.h) can say which agreements are to be expected.

#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace archsim::theory {

enum class Applicability {
    Exact,          ///< the scenario meets every assumption of an exact result
    Approximate,    ///< an approximation, or an exact result whose assumptions nearly hold
    NotApplicable,  ///< an assumption fails (`reason` says which); no value
};
std::string toString(Applicability applicability);

struct TheoryPrediction {
    std::string component;  ///< the component's id
    std::string figure;     ///< key: meanWait, probabilityOfWait, meanResponse, responseP50,
                            ///< responseP95, responseP99, coldStartFraction, queueing
    std::string label;      ///< for people: "mean wait in queue"
    std::string unit;       ///< "ms", or "" for a fraction
    std::string formula;    ///< "Erlang C (M/M/c)"
    std::string assumptions;
    Applicability applicability = Applicability::NotApplicable;
    std::string reason;  ///< why approximate or not applicable ("" when exact)
    double value = 0;    ///< the prediction, in `unit` (meaningless when not applicable)
    /// Relative error the formula itself may carry (0 when exact): the comparison allows it on top
    /// of the simulation's own interval.
    double modelTolerance = 0;
};

struct ScenarioTheory {
    std::vector<TheoryPrediction> predictions;
};

/// The predictions for a validated scenario: for the entry station, M/M/c (Erlang C) when
/// arrivals are Poisson and service exponential, Pollaczek-Khinchine for M/G/1, Allen-Cunneen for
/// M/G/c; for each function pool at low traffic, the cold-start fraction. Little's law needs no
/// prediction (it is checked on every run, littleslaw.h).
ScenarioTheory theoryForScenario(const Scenario& scenario);

/// Allen-Cunneen's own error allowed when comparing it with a simulation (relative).
inline constexpr double kAllenCunneenTolerance = 0.15;

}  // namespace archsim::theory
