// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/callguard.h"

#include <algorithm>
#include <boost/random/uniform_01.hpp>
#include <cmath>

#include "sim/model/component.h"
#include "sim/model/requestflow.h"

namespace archsim {
CallGuard::CallGuard(ModelContext& context, const HandlerStep& step, Component& target,
                     RandomEngine engine)
    : m_context(context), m_step(step), m_target(target), m_engine(engine) {
    if (step.breaker) m_breaker.emplace(*step.breaker);
}

void CallGuard::call(std::uint32_t caller) {
    Request& r = m_context.requests[caller];
    r.attempt = 0;
    if (m_step.retry && m_step.retry->budget)
        m_budgetTokens = std::min(kBudgetTokensKept, m_budgetTokens + *m_step.retry->budget);
    startAttempt(caller);
}

void CallGuard::startAttempt(std::uint32_t caller) {
    const Time now = m_context.now();
    if (m_breaker && !m_breaker->allow(now)) {
        giveUp(caller, ErrorReason::BreakerOpen);
        return;
    }
    Request& r = m_context.requests[caller];
    ++r.attempt;
    if (r.attempt > 1) m_context.counters.countRetry(r);
    const std::uint32_t attempt = m_context.flow.spawnAttempt(caller, *this);
    Request& a = m_context.requests[attempt];
    Request& waiting = m_context.requests[caller];  // the table may have grown
    waiting.awaiting = attempt;
    waiting.awaitingGeneration = a.generation;
    if (m_step.timeoutMs)
        m_context.simulator.scheduleIn(fromMillis(*m_step.timeoutMs), &m_timeout, waiting.attempt,
                                       packRequest(caller, waiting.generation));
    // Last: the callee may fail the attempt at once, and so end or retry this call right here.
    // Each attempt crosses to the callee's region on its own: a retry pays the round trip again.
    m_context.flow.handOver(attempt, m_target, waiting.top().pool->placement());
}

bool CallGuard::callerWaits(std::uint64_t payload, std::uint32_t attempt) const {
    const std::uint32_t caller = unpackRequestId(payload);
    if (!m_context.requests.isLive(caller, unpackRequestGeneration(payload))) return false;
    const Request& r = m_context.requests[caller];
    return r.attempt == attempt && r.awaiting != kNoRequest;
}

void CallGuard::abandonAttempt(std::uint32_t caller) {
    Request& r = m_context.requests[caller];
    if (m_context.requests.isLive(r.awaiting, r.awaitingGeneration))
        m_context.requests[r.awaiting].parent = kNoRequest;  // nobody waits for it any more
    r.awaiting = kNoRequest;
}

void CallGuard::timedOut(const Event& event) {
    if (!callerWaits(event.payload, event.kind)) return;
    const std::uint32_t caller = unpackRequestId(event.payload);
    abandonAttempt(caller);
    m_context.requests[caller].book(TimeCategory::Retry, m_context.now());
    if (m_breaker) m_breaker->record(m_context.now(), false);
    retryOrFail(caller, ErrorReason::TimedOut);
}

void CallGuard::attemptEnded(std::uint32_t caller, bool succeeded, ErrorReason reason,
                             const std::array<Time, kTimeCategoryCount>& breakdown) {
    Request& r = m_context.requests[caller];
    r.awaiting = kNoRequest;
    const Time now = m_context.now();
    if (m_breaker) m_breaker->record(now, succeeded);
    if (succeeded) {
        for (std::size_t c = 0; c < kTimeCategoryCount; ++c) r.breakdown[c] += breakdown[c];
        r.phaseStart = now;
        m_context.flow.resume(caller);
        return;
    }
    r.book(TimeCategory::Retry, now);
    retryOrFail(caller, reason);
}

void CallGuard::retryOrFail(std::uint32_t caller, ErrorReason reason) {
    const Request& r = m_context.requests[caller];
    const bool retries = m_step.retry.has_value();
    const bool attemptsLeft = retries && r.attempt < m_step.retry->attempts;
    const bool budgetAllows = !retries || !m_step.retry->budget || m_budgetTokens >= 1;
    if (!attemptsLeft || !budgetAllows) {
        giveUp(caller, retries ? ErrorReason::RetriesExhausted : reason);
        return;
    }
    if (m_step.retry->budget) m_budgetTokens -= 1;
    const RetryPolicy& policy = *m_step.retry;
    const double backoff =
        std::min(policy.maxBackoffMs,
                 policy.backoffMs * std::pow(policy.backoffMultiplier, r.attempt - 1));
    boost::random::uniform_01<double> uniform;
    const double waitMs = backoff * (1 - policy.jitter + policy.jitter * uniform(m_engine));
    m_context.simulator.scheduleIn(fromMillis(waitMs), &m_backoff, r.attempt,
                                   packRequest(caller, r.generation));
}

void CallGuard::giveUp(std::uint32_t caller, ErrorReason reason) {
    if (m_step.continueOnFailure) {
        // The handler goes on without the call's answer: the time spent on it stays booked.
        m_context.requests[caller].phaseStart = m_context.now();
        m_context.flow.resume(caller);
        return;
    }
    m_context.flow.fail(caller, reason);
}

void CallGuard::backedOff(const Event& event) {
    const std::uint32_t caller = unpackRequestId(event.payload);
    if (!m_context.requests.isLive(caller, unpackRequestGeneration(event.payload))) return;
    if (m_context.requests[caller].attempt != event.kind) return;
    m_context.requests[caller].book(TimeCategory::Retry, m_context.now());
    startAttempt(caller);
}

}  // namespace archsim
