// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/circuitbreaker.h"

#include <algorithm>

namespace archsim {

CircuitBreaker::CircuitBreaker(const CircuitBreakerSpec& spec)
    : m_spec(spec),
      m_bucketLength(std::max<Time>(1, fromSeconds(spec.windowS) / static_cast<Time>(kBuckets))) {}

bool CircuitBreaker::allow(Time now) {
    if (m_state == State::Open) {
        if (now < m_openUntil) return false;
        m_state = State::HalfOpen;
        m_probesIssued = m_probesSucceeded = 0;
    }
    if (m_state == State::HalfOpen) {
        if (m_probesIssued >= m_spec.halfOpenProbes) return false;
        ++m_probesIssued;
    }
    return true;
}

void CircuitBreaker::open(Time now) {
    m_state = State::Open;
    m_openUntil = now + fromSeconds(m_spec.openS);
    ++m_opened;
}

void CircuitBreaker::record(Time now, bool success) {
    if (m_state == State::HalfOpen) {
        if (!success) {
            open(now);
        } else if (++m_probesSucceeded >= m_spec.halfOpenProbes) {
            m_state = State::Closed;
            m_buckets = {};
        }
        return;
    }
    if (m_state == State::Open) return;  // an outcome of a call made before it opened
    const std::int64_t index = now / m_bucketLength;
    Bucket& bucket = m_buckets[static_cast<std::size_t>(index % static_cast<std::int64_t>(kBuckets))];
    if (bucket.index != index) bucket = Bucket{index, 0, 0};
    ++bucket.calls;
    if (!success) ++bucket.failures;
    std::uint64_t calls = 0, failures = 0;
    for (const Bucket& b : m_buckets)
        if (b.index > index - static_cast<std::int64_t>(kBuckets)) {
            calls += b.calls;
            failures += b.failures;
        }
    if (calls >= static_cast<std::uint64_t>(m_spec.minimumCalls) &&
        static_cast<double>(failures) >= m_spec.failureRateThreshold * static_cast<double>(calls))
        open(now);
}

}  // namespace archsim
