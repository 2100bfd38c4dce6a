// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Latency percentiles per window of simulated time, the data behind the "percentiles over time"
// chart. Windows are aligned to multiples of the window length from time 0; a window with no
// completions is still emitted (with zero counts) so a chart shows the gap instead of hiding it.

#include <cstdint>
#include <vector>

#include "sim/core/time.h"
#include "sim/stats/latencyhistogram.h"

namespace archsim {

struct LatencyWindow {
    Time start = 0;
    Time end = 0;
    std::uint64_t completed = 0;
    double throughputPerS = 0;  ///< completions per simulated second in this window
    double meanNs = 0;
    Time p50 = 0, p90 = 0, p95 = 0, p99 = 0, p999 = 0, max = 0;

    bool operator==(const LatencyWindow&) const = default;
};

/// Summarises a histogram into a window row.
LatencyWindow summarizeWindow(const LatencyHistogram& histogram, Time start, Time end);

class WindowedLatency {
public:
    explicit WindowedLatency(Time windowLength);

    /// Records a completion at `now` (non-decreasing across calls) with its latency.
    void record(Time now, Time latency) {
        if (latency < 0) latency = 0;
        recordIn(now, LatencyHistogram::bucketIndex(latency), latency);
    }
    /// As record, for a latency >= 0 in LatencyHistogram bucket `bucket`.
    void recordIn(Time now, std::size_t bucket, Time latency) {
        if (now >= m_windowEnd) advanceTo(now);
        m_current.recordIn(bucket, latency);
    }
    /// Closes every window that ends at or before `now`.
    void advanceTo(Time now);
    /// Closes the last, possibly partial, window at `now` (nothing if it would be empty of time).
    void finish(Time now);

    Time windowLength() const { return m_windowLength; }
    const std::vector<LatencyWindow>& windows() const { return m_windows; }

private:
    void closeCurrent(Time end);

    Time m_windowLength;
    Time m_windowStart = 0;
    Time m_windowEnd;
    LatencyHistogram m_current;
    std::vector<LatencyWindow> m_windows;
};

}  // namespace archsim
