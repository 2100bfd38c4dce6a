// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Target-tracking autoscaling of a fleet of replicas, as container platforms do it: every
// evaluation period the metric (utilization, or requests in flight per replica) is averaged over
// the period, the replica count that would bring it to its target is launched at once (each new
// replica boots for bootDelayS), and scale-in waits until no recommendation within the
// stabilization window asked for more.

#include <deque>
#include <utility>

#include "sim/core/simulator.h"
#include "sim/scenario/scenario.h"

namespace archsim {

/// What the autoscaler sees of and does to the pool it scales.
class ScalableFleet {
public:
    virtual std::size_t servingReplicas() const = 0;
    virtual int bootingReplicas() const = 0;
    virtual int workersPerReplica() const = 0;
    /// Integrals from time 0 to `now` of workers busy and of requests queued (level x ns).
    virtual double busyAreaAt(Time now) const = 0;
    virtual double queuedAreaAt(Time now) const = 0;
    /// Launches one replica; it serves after the boot delay.
    virtual void launchReplica() = 0;
    /// Stops taking traffic on `count` replicas (the least busy); each stops when idle.
    virtual void retireReplicas(int count) = 0;

protected:
    ~ScalableFleet() = default;
};

class Autoscaler final : public EventHandler {
public:
    Autoscaler(Simulator& simulator, const AutoscalerSpec& spec, ScalableFleet& fleet);

    /// Schedules the first evaluation, one period after the start.
    void start();
    /// An evaluation.
    void handleEvent(const Event& event) override;

    /// The replica count the last evaluation asked for (0 before the first).
    int lastRecommendation() const { return m_recommendations.empty() ? 0 : m_recommendations.back().second; }

private:
    Simulator& m_simulator;
    const AutoscalerSpec& m_spec;
    ScalableFleet& m_fleet;
    std::deque<std::pair<Time, int>> m_recommendations;  // (time, desired replicas)
    double m_busyAreaAtTick = 0, m_inFlightAreaAtTick = 0;
};

}  // namespace archsim
