// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/stats/latencyhistogram.h"
#include "sim/stats/windowedlatency.h"

namespace archsim {

enum class RunStatus {
    Completed,   ///< reached its duration or completion limit
    Cancelled,   ///< stopped by the user
    Overloaded,  ///< requests in flight passed run.maxInFlight; the figures cover the run until then
};

std::string toString(RunStatus status);

/// One row of the time series a run publishes.
struct WindowRow {
    LatencyWindow latency;
    std::uint64_t arrivals = 0;     ///< requests that arrived in the window
    double meanQueueLength = 0;     ///< time-average of requests waiting
    double utilization = 0;         ///< time-average fraction of servers busy
    bool operator==(const WindowRow&) const = default;
};

/// Queueing figures of the entry station, over the run after the warm-up.
struct StationFigures {
    double meanWaitS = 0;           ///< mean time in the waiting line
    double probabilityOfWait = 0;   ///< fraction of requests that found every server busy
    double meanQueueLength = 0;     ///< time-average of the waiting line (Little: lambda * Wq)
    double utilization = 0;         ///< busy servers / servers, time-averaged
    bool operator==(const StationFigures&) const = default;
};

struct RunResult {
    RunStatus status = RunStatus::Completed;
    std::string scenarioName;
    std::uint64_t seed = 0;
    std::uint64_t replication = 0;
    Time simulatedTime = 0;
    Time measuredTime = 0;          ///< simulated time after the warm-up
    std::uint64_t arrivals = 0;
    std::uint64_t completed = 0;
    std::uint64_t eventsProcessed = 0;
    double wallSeconds = 0;         ///< not part of the fingerprint: it varies run to run
    LatencyHistogram latency;       ///< end-to-end latency of requests arriving after the warm-up
    std::vector<WindowRow> windows;
    StationFigures station;

    double eventsPerSecond() const { return wallSeconds > 0 ? static_cast<double>(eventsProcessed) / wallSeconds : 0; }
    /// A hash of everything simulated (not of wall-clock figures): equal runs, equal fingerprints.
    std::uint64_t fingerprint() const;
};

}  // namespace archsim
