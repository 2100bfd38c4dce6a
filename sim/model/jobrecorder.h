// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where the figures of jobs go, beside the requests' (completionrecorder.h): every queue of a
// topology records here what happens to its messages. A job's latency runs from the moment its
// queue took the message to the moment a consumer finished it; messages sent after the warm-up
// make the run's totals, every message the per-window series (so the chart shows the warm-up).

#include <cstdint>

#include "sim/core/time.h"
#include "sim/run/runresult.h"
#include "sim/stats/latencyhistogram.h"
#include "sim/stats/windowedlatency.h"

namespace archsim {

class JobRecorder {
public:
    explicit JobRecorder(Time windowLength) : m_windows(windowLength) {}

    void enqueued(bool measured) {
        if (measured) ++m_figures.enqueued;
    }
    /// A message is received for the first time, `wait` after its queue took it.
    void firstReceived(Time wait, bool measured) {
        if (!measured) return;
        ++m_firstReceives;
        m_waitSum += static_cast<double>(wait);
    }
    void done(Time now, Time enqueuedAt, bool measured) {
        const Time latency = now - enqueuedAt;
        m_windows.record(now, latency);
        if (!measured) return;
        m_figures.latency.record(latency);
        ++m_figures.completed;
    }
    void failedReceive(bool measured) {
        if (measured) ++m_figures.failedReceives;
    }
    void deadLettered(bool measured) {
        ++m_deadLetteredInWindow;
        if (measured) ++m_figures.deadLettered;
    }

    /// Fills the job latency and dead letters of the window ending at `end` (called once per
    /// window, in order); depth and age are the queues' and are filled by the caller.
    void fillWindow(JobWindow& window, Time end) {
        m_windows.finish(end);
        if (!m_windows.windows().empty()) window.latency = m_windows.windows().back();
        window.deadLettered = m_deadLetteredInWindow;
        m_deadLetteredInWindow = 0;
    }

    /// The run's figures; meanHeld and throughputPerS come from the queues and the measured time.
    JobFigures figures(double measuredSeconds) const {
        JobFigures f = m_figures;
        f.meanWaitS =
            m_firstReceives ? m_waitSum * 1e-9 / static_cast<double>(m_firstReceives) : 0.0;
        f.throughputPerS =
            measuredSeconds > 0 ? static_cast<double>(f.completed) / measuredSeconds : 0.0;
        return f;
    }

private:
    WindowedLatency m_windows;
    JobFigures m_figures;
    std::uint64_t m_firstReceives = 0;
    double m_waitSum = 0;  ///< ns
    std::uint64_t m_deadLetteredInWindow = 0;
};

}  // namespace archsim
