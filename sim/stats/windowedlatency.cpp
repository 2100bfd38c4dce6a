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
    w.p50 = histogram.quantile(0.50);
    w.p90 = histogram.quantile(0.90);
    w.p95 = histogram.quantile(0.95);
    w.p99 = histogram.quantile(0.99);
    w.p999 = histogram.quantile(0.999);
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
