// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a run produces: the whole-run figures and the time series, all of it simulated (a pure
// function of scenario and seed) except the wall-clock fields, which the fingerprint leaves out.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/cost/costmodel.h"
#include "sim/stats/latencyhistogram.h"
#include "sim/stats/windowedlatency.h"

namespace archsim {

enum class RunStatus {
    Completed,   ///< reached its duration or completion limit
    Cancelled,   ///< stopped by the user
    Overloaded,  ///< requests in flight passed run.maxInFlight, or their memory the run's budget;
                 ///< the figures cover the run until then
    Failed,      ///< the engine could not run the scenario (statusMessage says why); no figures
};

std::string toString(RunStatus status);

/// Why a request failed. Failed requests are counted, not put into the latency histogram.
enum class ErrorReason {
    Throttled,         ///< a function pool at its concurrency limit
    Rejected,          ///< a server pool's queue was full, or no replica served
    TimedOut,          ///< slower than a timeout (the work itself went on)
    Payload,           ///< larger than a gateway's payload limit
    RetriesExhausted,  ///< a call failed on every attempt its retry policy allowed
    BreakerOpen,       ///< a call's circuit breaker was open
    Shed,              ///< a gateway's rate limit or load shedding turned it away
    Unavailable,       ///< the component was down (an injected failure or a lost replica)
    Failed,            ///< an injected error
    QueueFull,         ///< a send to a queue holding its maxDepth messages
};
inline constexpr std::size_t kErrorReasonCount = 10;
std::string toString(ErrorReason reason);
using ErrorCounts = std::array<std::uint64_t, kErrorReasonCount>;

/// Where the time of completed requests went, summed over requests, in nanoseconds.
/// Retry: time lost to attempts that timed out or failed and to the backoff before retries.
enum class TimeCategory { ColdStart, Queueing, Cpu, Cache, Database, Network, Retry };
inline constexpr std::size_t kTimeCategoryCount = 7;
std::string toString(TimeCategory category);
using TimeBreakdown = std::array<double, kTimeCategoryCount>;

/// Where the time went for one group of measured completed requests (see TailBreakdownRecorder).
struct TailBreakdown {
    double requests = 0;       ///< how many it averages over (a bucket's share counts in part)
    double meanLatencyMs = 0;  ///< their mean end-to-end latency
    TimeBreakdown meanMs{};    ///< their mean time per category, ms
    bool operator==(const TailBreakdown&) const = default;
};
/// The median request's breakdown beside those of the requests at or above p99 and p99.9.
struct TailBreakdowns {
    TailBreakdown median;
    TailBreakdown p99;
    TailBreakdown p999;
    bool operator==(const TailBreakdowns&) const = default;
};

/// The live state of one component over a window (time-averaged where it says so).
struct ComponentGauge {
    std::string id;
    double busy = 0;             ///< instances/workers/servers/connections serving (average)
    double alive = 0;            ///< instances or replicas alive (average), or capacity
    double queueLength = 0;      ///< requests waiting (average)
    double utilization = 0;      ///< busy / capacity (average), 0..1
    double hitRatio = -1;        ///< caches: hits / lookups in the window; -1 when no lookups
    std::uint64_t coldStarts = 0;
    bool operator==(const ComponentGauge&) const = default;
};

/// The jobs of a window, for scenarios with queues: a job's latency runs from the moment its
/// queue took the message to the moment a consumer finished it.
struct JobWindow {
    LatencyWindow latency;           ///< jobs finished in the window
    double queueDepth = 0;           ///< messages waiting to be received, time-average, all queues
    double oldestAgeS = 0;           ///< age of the oldest waiting message at the window's end
    std::uint64_t deadLettered = 0;  ///< messages dead-lettered in the window
    bool operator==(const JobWindow&) const = default;
};

/// One row of the time series a run publishes.
struct WindowRow {
    LatencyWindow latency;
    std::uint64_t arrivals = 0;       ///< requests that arrived in the window
    ErrorCounts errors{};             ///< failures in the window, by reason
    std::uint64_t coldStarts = 0;     ///< cold starts begun in the window
    std::uint64_t retries = 0;        ///< retried call attempts begun in the window
    double coldStartFraction = 0;     ///< cold starts / requests started on function instances
    double meanQueueLength = 0;       ///< entry station or pool: time-average of requests waiting
    double utilization = 0;           ///< entry compute: time-average fraction busy
    double cacheHitRatio = -1;        ///< over all caches; -1 when no lookups
    double databaseConnectionsInUse = 0;  ///< time-average over all databases
    double costAccrued = 0;           ///< cumulative cost at the window's end (0 without pricing)
    std::vector<ComponentGauge> components;
    std::optional<JobWindow> jobs;  ///< with queues only
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

/// A compute pool's frames (requests holding one of its slots) over the measured period, for
/// Little's law: meanHeld should equal endedPerS x meanHoldS up to edge effects.
struct ComponentFigures {
    std::string id;
    double meanHeld = 0;   ///< time-average of frames held (L)
    double endedPerS = 0;  ///< frames ended per second (lambda)
    double meanHoldS = 0;  ///< mean length of the frames ended (W)
    bool operator==(const ComponentFigures&) const = default;
};

/// The jobs of a run with queues, over the measured period: messages sent after the warm-up.
struct JobFigures {
    LatencyHistogram latency;          ///< taken by the queue to finished, per message
    std::uint64_t enqueued = 0;        ///< messages the queues took
    std::uint64_t completed = 0;       ///< messages whose job finished (deleted)
    std::uint64_t deadLettered = 0;    ///< messages received maxReceives times without success
    std::uint64_t failedReceives = 0;  ///< receives whose job failed or outlived its visibility
    double meanWaitS = 0;              ///< taken by the queue to first received
    double meanHeld = 0;               ///< messages held by all queues, time-average (L)
    double throughputPerS = 0;         ///< messages finished per second (lambda)
    bool operator==(const JobFigures&) const = default;
};

struct RunResult {
    RunStatus status = RunStatus::Completed;
    /// Why the run did not complete, for people ("overloaded: memory budget of 4096 MiB would be
    /// exceeded (123 requests in flight)"); "" when it completed or was cancelled.
    std::string statusMessage;
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
    /// One per compute pool (function and server pools), in topology order. Derived from the
    /// same events as the rest, so it is left out of the fingerprint.
    std::vector<ComponentFigures> components;

    // Totals after the warm-up.
    std::uint64_t measuredArrivals = 0;
    ErrorCounts errors{};
    std::uint64_t coldStarts = 0;
    std::uint64_t functionStarts = 0;  ///< requests that began on a function instance
    TimeBreakdown breakdown{};         ///< summed over measured completed requests, ns
    TailBreakdowns tail;               ///< the median request's breakdown against the tail's
    std::uint64_t cacheHits = 0;
    std::uint64_t cacheMisses = 0;
    std::uint64_t retries = 0;         ///< retried call attempts (beyond each call's first)
    std::uint64_t peakInstances = 0;   ///< most function instances or server replicas alive at once
    UsageTotals usage;                 ///< over the measured period
    std::optional<CostBreakdown> cost; ///< when the scenario has a cost configuration
    std::optional<JobFigures> jobs;    ///< when the scenario has queues

    std::uint64_t totalErrors() const;
    double errorRate() const;          ///< errors / measured arrivals
    double coldStartFraction() const;  ///< cold starts / function starts
    double cacheHitRatio() const;      ///< -1 when no lookups
    /// Mean time per completed request in one category, in ms.
    double meanBreakdownMs(TimeCategory category) const;
    double eventsPerSecond() const {
        return wallSeconds > 0 ? static_cast<double>(eventsProcessed) / wallSeconds : 0;
    }
    /// A hash of everything simulated (not of wall-clock figures): equal runs, equal fingerprints.
    std::uint64_t fingerprint() const;
};

}  // namespace archsim
