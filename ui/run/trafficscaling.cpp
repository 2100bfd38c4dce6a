// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run/trafficscaling.h"

#include <algorithm>

#include "sim/run/replications.h"

namespace archsim::ui {

Scenario sweepLevelScenario(const Scenario& scenario, double ratePerS) {
    Scenario scaled = scaledToRate(scenario, ratePerS);
    const WorkloadSpec& workload = scaled.workload;
    if (workload.type == WorkloadType::Schedule || !(ratePerS > 0)) return scaled;

    double minMeasuredS = kSweepMinMeasuredS;
    if (workload.type == WorkloadType::OnOff) {
        // Enough on/off cycles that the measured mix of the two rates is close to the mean.
        const auto on = workload.onDurationS ? workload.onDurationS->mean() : std::nullopt;
        const auto off = workload.offDurationS ? workload.offDurationS->mean() : std::nullopt;
        if (!on || !off) return scaled;  // no known cycle length: keep the duration
        minMeasuredS = std::max(minMeasuredS, 20 * (*on + *off));
    }
    const double measured = scaled.run.durationS - scaled.run.warmupS;
    const double wanted = std::max(minMeasuredS, kSweepRequestsPerLevel / ratePerS);
    if (measured > wanted) scaled.run.durationS = scaled.run.warmupS + wanted;
    return scaled;
}

}  // namespace archsim::ui
