// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one channel from a run outward. A run reports closed windows, progress and its end through
// this interface and never knows whether a chart, a CSV writer or a test is listening. All calls
// come from the thread that runs the simulation; an observer that feeds a GUI must hand the data
// across threads itself (ui/ batches it under a short lock).

#include <span>

#include "sim/run/runresult.h"

namespace archsim {

struct RunProgress {
    Time simulatedTime = 0;
    Time horizon = 0;               ///< simulated time at which the run will end
    std::uint64_t completed = 0;
    std::uint64_t eventsProcessed = 0;
    std::size_t eventsPending = 0;  ///< in the pending-event set at the slice's end (memory)
    double wallSeconds = 0;
    double fraction() const {
        return horizon > 0 ? static_cast<double>(simulatedTime) / static_cast<double>(horizon) : 0;
    }
};

class RunObserver {
public:
    virtual ~RunObserver() = default;
    /// Windows of the time series that have just closed, oldest first.
    virtual void onWindows(std::span<const WindowRow> /*windows*/) {}
    /// Called after every slice of the run (many times per second of wall time).
    virtual void onProgress(const RunProgress& /*progress*/) {}
    /// The whole-run latency histogram so far (after the warm-up), at most about 20 times per
    /// second of wall time, for live distribution charts.
    virtual void onHistogram(const LatencyHistogram& /*latency*/) {}
    /// Called once, last.
    virtual void onFinished(const RunResult& /*result*/) {}
};

/// For the CLI and tests: listens to nothing.
class NullRunObserver final : public RunObserver {};

}  // namespace archsim
