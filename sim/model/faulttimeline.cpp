// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/faulttimeline.h"

#include "sim/model/component.h"
#include "sim/model/topologybuilder.h"

namespace archsim {

FaultTimeline::FaultTimeline(Simulator& simulator, const std::vector<FailureSpec>& failures,
                             const Topology& topology)
    : m_simulator(simulator), m_failures(failures) {
    for (const FailureSpec& failure : failures) m_targets.push_back(topology.find(failure.target));
}

void FaultTimeline::start() {
    for (std::size_t i = 0; i < m_failures.size(); ++i) {
        const FailureSpec& f = m_failures[i];
        m_simulator.schedule(fromSeconds(f.startS), this, kBegin, i);
        if (f.kind != FailureKind::CacheFlush)
            m_simulator.schedule(fromSeconds(f.endS), this, kEnd, i);
    }
}

void FaultTimeline::handleEvent(const Event& event) {
    const FailureSpec& failure = m_failures[event.payload];
    Component* target = m_targets[event.payload];
    if (event.kind == kBegin)
        target->beginFailure(failure);
    else
        target->endFailure(failure);
}

}  // namespace archsim
