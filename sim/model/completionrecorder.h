// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where finished requests go: the end-to-end latency of each is recorded into the whole-run histogram
// and, with its breakdown, into the tail breakdown (both after the warm-up), and into the
// per-window series (always, so the chart shows the warm-up too).

#include <algorithm>
#include <cstdint>

#include "sim/core/simulator.h"
#include "sim/stats/latencyhistogram.h"
#include "sim/stats/tailbreakdown.h"
#include "sim/stats/windowedlatency.h"

namespace archsim {

class CompletionRecorder {
public:
    CompletionRecorder(Simulator& simulator, Time windowLength, Time warmupEnd,
                       std::uint64_t completionLimit)
        : m_simulator(simulator),
          m_windows(windowLength),
          m_warmupEnd(warmupEnd),
          m_completionLimit(completionLimit) {}

    /// A request that arrived at `arrival` has just completed (at the simulator's now()), having
    /// spent `breakdown` in each time category.
    void complete(Time arrival, const std::array<Time, kTimeCategoryCount>& breakdown) {
        const Time now = m_simulator.now();
        const Time latency = std::max<Time>(0, now - arrival);
        const std::size_t bucket = LatencyHistogram::bucketIndex(latency);
        m_windows.recordIn(now, bucket, latency);
        if (arrival >= m_warmupEnd) {
            m_histogram.recordIn(bucket, latency);
            m_tail.record(latency, breakdown);
        }
        // The completion limit ends a run after exactly N completions, as the benchmarks need.
        if (++m_completed == m_completionLimit) {
            m_limitReached = true;
            m_simulator.requestStop();
        }
    }

    std::uint64_t completed() const { return m_completed; }
    bool limitReached() const { return m_limitReached; }
    const LatencyHistogram& histogram() const { return m_histogram; }
    const TailBreakdownRecorder& tail() const { return m_tail; }
    WindowedLatency& windows() { return m_windows; }
    const WindowedLatency& windows() const { return m_windows; }

private:
    Simulator& m_simulator;
    LatencyHistogram m_histogram;
    TailBreakdownRecorder m_tail;
    WindowedLatency m_windows;
    Time m_warmupEnd;
    std::uint64_t m_completionLimit;
    std::uint64_t m_completed = 0;
    bool m_limitReached = false;
};

}  // namespace archsim
