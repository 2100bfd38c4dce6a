// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scenario's injected failures on a timeline: each begins and ends on its component at the
// times written (a component down, slowed, failing at random, a cache flushed, a share of a pool
// lost), so an architect sees what the system does through the incident and after it.

#include <vector>

#include "sim/core/simulator.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class Component;
struct Topology;

class FaultTimeline final : public EventHandler {
public:
    /// Throws std::invalid_argument if a failure names no component of the topology.
    FaultTimeline(Simulator& simulator, const std::vector<FailureSpec>& failures,
                  const Topology& topology);
    /// Schedules every beginning and end.
    void start();
    void handleEvent(const Event& event) override;

private:
    enum Edge : std::uint32_t { kBegin, kEnd };
    Simulator& m_simulator;
    const std::vector<FailureSpec>& m_failures;
    std::vector<Component*> m_targets;
};

}  // namespace archsim
