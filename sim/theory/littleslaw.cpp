// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/theory/littleslaw.h"

#include <algorithm>
#include <cmath>

namespace archsim::theory {

double LittlesLawCheck::relativeError() const {
    const double predicted = ratePerS * meanTimeS;
    const double scale = std::max(std::abs(timeAverage), std::abs(predicted));
    return scale > 0 ? std::abs(timeAverage - predicted) / scale : 0.0;
}

std::vector<LittlesLawCheck> littlesLawChecks(const RunResult& result, const std::string& stationId,
                                              int stationServers) {
    std::vector<LittlesLawCheck> checks;
    const double measuredS = toSeconds(result.measuredTime);
    if (measuredS <= 0) return checks;
    if (!stationId.empty() && result.latency.count() > 0) {
        // Every measured request that completed passed the line and a server once.
        const double rate = static_cast<double>(result.latency.count()) / measuredS;
        checks.push_back({stationId, "waiting line", result.station.meanQueueLength, rate,
                          result.station.meanWaitS});
        checks.push_back({stationId, "servers", result.station.utilization * stationServers, rate,
                          result.meanBreakdownMs(TimeCategory::Cpu) * 1e-3});
    }
    for (const ComponentFigures& c : result.components)
        if (c.endedPerS > 0)
            checks.push_back({c.id, "slots", c.meanHeld, c.endedPerS, c.meanHoldS});
    return checks;
}

}  // namespace archsim::theory
