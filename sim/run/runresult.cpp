// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/run/runresult.h"

#include <bit>
#include <cstring>

namespace archsim {
namespace {

class Fnv1a {
public:
    void add(std::uint64_t value) {
        for (int i = 0; i < 8; ++i) {
            m_hash ^= (value >> (8 * i)) & 0xffu;
            m_hash *= 1099511628211ull;
        }
    }
    void add(std::int64_t value) { add(static_cast<std::uint64_t>(value)); }
    void add(double value) { add(std::bit_cast<std::uint64_t>(value)); }
    std::uint64_t value() const { return m_hash; }

private:
    std::uint64_t m_hash = 14695981039346656037ull;
};

}  // namespace

std::string toString(RunStatus status) {
    switch (status) {
        case RunStatus::Completed: return "completed";
        case RunStatus::Cancelled: return "cancelled";
        case RunStatus::Overloaded: return "overloaded";
        case RunStatus::Failed: return "failed";
    }
    return "unknown";
}

std::string toString(ErrorReason reason) {
    switch (reason) {
        case ErrorReason::Throttled: return "throttled";
        case ErrorReason::Rejected: return "rejected";
        case ErrorReason::TimedOut: return "timed out";
        case ErrorReason::Payload: return "payload too large";
        case ErrorReason::RetriesExhausted: return "retries exhausted";
        case ErrorReason::BreakerOpen: return "breaker open";
        case ErrorReason::Shed: return "shed";
        case ErrorReason::Unavailable: return "unavailable";
        case ErrorReason::Failed: return "failed";
        case ErrorReason::QueueFull:
            return "queue full";
    }
    return "unknown";
}

std::string toString(TimeCategory category) {
    switch (category) {
        case TimeCategory::ColdStart: return "cold start";
        case TimeCategory::Queueing: return "queueing";
        case TimeCategory::Cpu: return "CPU";
        case TimeCategory::Cache: return "cache";
        case TimeCategory::Database: return "database";
        case TimeCategory::Network: return "network";
        case TimeCategory::Retry: return "timeouts and retries";
    }
    return "unknown";
}

std::uint64_t RunResult::totalErrors() const {
    std::uint64_t total = 0;
    for (const auto count : errors) total += count;
    return total;
}

double RunResult::errorRate() const {
    return measuredArrivals ? static_cast<double>(totalErrors()) / static_cast<double>(measuredArrivals)
                            : 0.0;
}

double RunResult::coldStartFraction() const {
    return functionStarts ? static_cast<double>(coldStarts) / static_cast<double>(functionStarts)
                          : 0.0;
}

double RunResult::cacheHitRatio() const {
    const std::uint64_t lookups = cacheHits + cacheMisses;
    return lookups ? static_cast<double>(cacheHits) / static_cast<double>(lookups) : -1.0;
}

double RunResult::meanBreakdownMs(TimeCategory category) const {
    const std::uint64_t n = latency.count();
    return n ? breakdown[static_cast<std::size_t>(category)] * 1e-6 / static_cast<double>(n) : 0.0;
}

namespace {

// Error reasons and time categories added after fingerprints were first recorded (retries,
// breakers, shedding, injected failures) are hashed only when they are not zero, so a run that
// uses none of them keeps the fingerprint it had: the fingerprint tests then prove that adding
// them changed nothing else.
constexpr std::size_t kFirstLaterReason = static_cast<std::size_t>(ErrorReason::RetriesExhausted);
constexpr std::size_t kFirstLaterCategory = static_cast<std::size_t>(TimeCategory::Retry);

template <class Hash>
void addErrors(Hash& h, const ErrorCounts& errors) {
    for (std::size_t i = 0; i < kErrorReasonCount; ++i)
        if (i < kFirstLaterReason || errors[i] != 0) h.add(errors[i]);
}

}  // namespace

std::uint64_t RunResult::fingerprint() const {
    Fnv1a h;
    h.add(static_cast<std::uint64_t>(status));
    h.add(simulatedTime);
    h.add(arrivals);
    h.add(completed);
    h.add(eventsProcessed);
    h.add(latency.count());
    h.add(static_cast<std::uint64_t>(latency.sum()));
    h.add(static_cast<std::uint64_t>(latency.sum() >> 64));
    h.add(latency.min());
    h.add(latency.max());
    for (std::size_t i = 0; i < latency.counts().size(); ++i)
        if (latency.counts()[i]) {
            h.add(static_cast<std::uint64_t>(i));
            h.add(latency.counts()[i]);
        }
    for (const WindowRow& w : windows) {
        h.add(w.latency.start);
        h.add(w.latency.completed);
        h.add(w.latency.p50);
        h.add(w.latency.p99);
        h.add(w.latency.max);
        h.add(w.arrivals);
        h.add(w.meanQueueLength);
        h.add(w.utilization);
        addErrors(h, w.errors);
        h.add(w.coldStarts);
        if (w.retries) h.add(w.retries);
        h.add(w.cacheHitRatio);
        h.add(w.databaseConnectionsInUse);
        h.add(w.costAccrued);
        for (const auto& c : w.components) {
            h.add(c.busy);
            h.add(c.alive);
            h.add(c.queueLength);
            h.add(c.hitRatio);
        }
        // Only runs with queues have job figures: every other run keeps its fingerprint.
        if (w.jobs) {
            h.add(w.jobs->latency.completed);
            h.add(w.jobs->latency.p50);
            h.add(w.jobs->latency.p99);
            h.add(w.jobs->latency.max);
            h.add(w.jobs->queueDepth);
            h.add(w.jobs->oldestAgeS);
            h.add(w.jobs->deadLettered);
        }
    }
    addErrors(h, errors);
    h.add(coldStarts);
    h.add(functionStarts);
    for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
        if (c < kFirstLaterCategory || breakdown[c] != 0) h.add(breakdown[c]);
    if (retries) h.add(retries);
    h.add(cacheHits);
    h.add(cacheMisses);
    h.add(peakInstances);
    h.add(usage.functionBilledSeconds);
    h.add(usage.functionCpuMs);
    h.add(usage.replicaSeconds);
    if (cost) h.add(cost->total);
    h.add(station.meanWaitS);
    h.add(station.probabilityOfWait);
    h.add(station.meanQueueLength);
    h.add(station.utilization);
    if (jobs) {
        h.add(jobs->latency.count());
        h.add(static_cast<std::uint64_t>(jobs->latency.sum()));
        h.add(jobs->latency.max());
        h.add(jobs->enqueued);
        h.add(jobs->completed);
        h.add(jobs->deadLettered);
        h.add(jobs->failedReceives);
        h.add(jobs->meanWaitS);
        h.add(jobs->meanHeld);
    }
    return h.value();
}

}  // namespace archsim
