// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/component.h"

#include <algorithm>
#include <boost/random/uniform_01.hpp>

#include "sim/model/requestflow.h"

namespace archsim {

void Component::beginFailure(const FailureSpec& failure) {
    switch (failure.kind) {
        case FailureKind::CacheFlush: flush(); return;
        case FailureKind::LoseReplicas: loseCapacity(failure.share); return;
        default: break;
    }
    m_active.push_back(&failure);
    updateFailureState();
}

void Component::endFailure(const FailureSpec& failure) {
    if (failure.kind == FailureKind::LoseReplicas) {
        restoreCapacity(failure.share);
        return;
    }
    const auto it = std::find(m_active.begin(), m_active.end(), &failure);
    if (it == m_active.end()) return;
    m_active.erase(it);
    updateFailureState();
}

void Component::updateFailureState() {
    // Recomputed from the failures active, so overlapping intervals combine (slowdowns multiply,
    // the largest error probability applies) and ending them leaves exactly 1 and 0 again.
    m_downCount = 0;
    m_slowdown = 1;
    m_errorProbability = 0;
    for (const FailureSpec* f : m_active) {
        if (f->kind == FailureKind::Down) ++m_downCount;
        if (f->kind == FailureKind::Slow) m_slowdown *= f->factor;
        if (f->kind == FailureKind::Errors)
            m_errorProbability = std::max(m_errorProbability, f->probability);
    }
    m_failing = m_downCount > 0 || m_errorProbability > 0;
    if (m_errorProbability > 0 && !m_failureEngineReady) {
        m_failureEngine = m_context.stream(m_id, "failures");
        m_failureEngineReady = true;
    }
}

bool Component::drawsError() {
    if (m_errorProbability <= 0) return false;
    boost::random::uniform_01<double> uniform;
    return uniform(m_failureEngine) < m_errorProbability;
}

bool Component::refusesNow(std::uint32_t request) {
    if (down()) {
        m_context.flow.fail(request, ErrorReason::Unavailable);
        return true;
    }
    if (drawsError()) {
        m_context.flow.fail(request, ErrorReason::Failed);
        return true;
    }
    return false;
}

}  // namespace archsim
