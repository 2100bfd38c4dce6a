// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/autoscaler.h"

#include <algorithm>
#include <cmath>

namespace archsim {

Autoscaler::Autoscaler(Simulator& simulator, const AutoscalerSpec& spec, ScalableFleet& fleet)
    : m_simulator(simulator), m_spec(spec), m_fleet(fleet) {}

void Autoscaler::start() { m_simulator.scheduleIn(fromSeconds(m_spec.evaluationPeriodS), this); }

void Autoscaler::handleEvent(const Event&) {
    const Time now = m_simulator.now();
    const double period = static_cast<double>(fromSeconds(m_spec.evaluationPeriodS));
    const double busyArea = m_fleet.busyAreaAt(now);
    const double inFlightArea = busyArea + m_fleet.queuedAreaAt(now);
    const double serving = static_cast<double>(m_fleet.servingReplicas());
    const double current = serving + m_fleet.bootingReplicas();
    double metric = 0;
    if (m_spec.metric == ScalingMetric::Utilization) {
        const double capacity = std::max(1.0, serving) * m_fleet.workersPerReplica() * period;
        metric = (busyArea - m_busyAreaAtTick) / capacity;
    } else {
        metric = (inFlightArea - m_inFlightAreaAtTick) / period / std::max(1.0, serving);
    }
    m_busyAreaAtTick = busyArea;
    m_inFlightAreaAtTick = inFlightArea;
    // Target tracking: the replica count that would bring the metric to its target.
    int desired = static_cast<int>(std::ceil(std::max(1.0, serving) * metric / m_spec.target - 1e-9));
    desired = std::clamp(desired, m_spec.minReplicas, m_spec.maxReplicas);
    m_recommendations.emplace_back(now, desired);
    const Time window = fromSeconds(m_spec.scaleInStabilizationS);
    while (!m_recommendations.empty() && m_recommendations.front().first < now - window)
        m_recommendations.pop_front();
    // Scale in only as far as the highest recommendation within the stabilization window allows.
    int stabilized = desired;
    for (const auto& [time, value] : m_recommendations) stabilized = std::max(stabilized, value);
    const int currentCount = static_cast<int>(current);
    if (desired > currentCount) {
        for (int i = currentCount; i < desired; ++i) m_fleet.launchReplica();
    } else if (stabilized < currentCount) {
        m_fleet.retireReplicas(currentCount - stabilized);
    }
    m_simulator.scheduleIn(fromSeconds(m_spec.evaluationPeriodS), this);
}

}  // namespace archsim
