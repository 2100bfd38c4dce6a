// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Little's law, L = lambda W, on the sample path of a run: for each place requests spend time in,
// the time-average number there (from the gauges' time integrals) against the rate at which
// requests leave it times their mean time there (from per-request sums). The two are computed by
// different code, so a disagreement beyond edge effects (requests that straddle the ends of the
// measured period) means a bookkeeping error, not a modelling one. It holds for any arrival
// process, service distribution and discipline.

#include <string>
#include <vector>

#include "sim/run/runresult.h"

namespace archsim::theory {

struct LittlesLawCheck {
    std::string component;         ///< the component's id
    std::string place;             ///< "waiting line", "servers", "slots"
    double timeAverage = 0;        ///< L
    double ratePerS = 0;           ///< lambda
    double meanTimeS = 0;          ///< W
    double relativeError() const;  ///< |L - lambda W| / max(L, lambda W); 0 when both are 0
};

/// Relative difference allowed between L and lambda W: the edge effects of a run of thousands of
/// requests are well below it.
inline constexpr double kLittleTolerance = 0.02;

/// The checks one run allows: the entry station's waiting line and servers (when the entry is a
/// station), and the slots of every compute pool. `stationId` names the entry station ("" if
/// none) and `stationServers` its server count.
std::vector<LittlesLawCheck> littlesLawChecks(const RunResult& result, const std::string& stationId,
                                              int stationServers);

}  // namespace archsim::theory
