// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A circuit breaker as resilience libraries build it. Closed: calls go through and their outcomes
// are counted over a rolling window (ten buckets of windowS/10). When at least minimumCalls
// outcomes are in the window and the share of failures reaches the threshold, it opens: calls
// fail at once, without reaching the callee, for openS. Then it is half-open: up to
// halfOpenProbes calls go through; if they all succeed it closes (with an empty window), and the
// first failure opens it again.

#include <array>
#include <cstdint>

#include "sim/core/time.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class CircuitBreaker {
public:
    enum class State : std::uint8_t { Closed, Open, HalfOpen };

    explicit CircuitBreaker(const CircuitBreakerSpec& spec);

    /// True if a call may go through now (in half-open state, this takes a probe).
    bool allow(Time now);
    /// The outcome of a call that went through.
    void record(Time now, bool success);
    State state() const { return m_state; }
    /// How many times it has opened.
    std::uint64_t opened() const { return m_opened; }

private:
    static constexpr std::size_t kBuckets = 10;
    struct Bucket {
        std::int64_t index = -1;  // which bucket of time it counts (-1: none yet)
        std::uint32_t calls = 0, failures = 0;
    };
    void open(Time now);

    const CircuitBreakerSpec& m_spec;
    Time m_bucketLength;
    std::array<Bucket, kBuckets> m_buckets{};
    State m_state = State::Closed;
    Time m_openUntil = 0;
    int m_probesIssued = 0;
    int m_probesSucceeded = 0;
    std::uint64_t m_opened = 0;
};

}  // namespace archsim
