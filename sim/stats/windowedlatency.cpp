// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/stats/windowedlatency.h"

#include <algorithm>

namespace archsim {

LatencyWindow summarizeWindow(const LatencyHistogram& histogram, Time start, Time end) {
    LatencyWindow w;
    w.start = start;
    w.end = end;
    w.completed = histogram.count();
    const double seconds = toSeconds(end - start);
    w.throughputPerS = seconds > 0 ? static_cast<double>(w.completed) / seconds : 0.0;
    w.meanNs = histogram.mean();
    static constexpr double kLevels[] = {0.50, 0.90, 0.95, 0.99, 0.999};
    Time values[5];
    histogram.quantiles(kLevels, values, 5);
    w.p50 = values[0];
    w.p90 = values[1];
    w.p95 = values[2];
    w.p99 = values[3];
    w.p999 = values[4];
    w.max = histogram.max();
    return w;
}

WindowedLatency::WindowedLatency(Time windowLength)
    : m_windowLength(std::max<Time>(windowLength, 1)), m_windowEnd(m_windowLength) {}

void WindowedLatency::closeCurrent(Time end) {
    m_windows.push_back(summarizeWindow(m_current, m_windowStart, end));
    m_current.clear();
    m_windowStart = end;
    m_windowEnd = end + m_windowLength;
}

void WindowedLatency::advanceTo(Time now) {
    while (now >= m_windowEnd) closeCurrent(m_windowEnd);
}

void WindowedLatency::finish(Time now) {
    advanceTo(now);
    if (now > m_windowStart) closeCurrent(now);
}

}  // namespace archsim
