// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/study/studyfigure.h"

#include <algorithm>
#include <map>

namespace archsim {
namespace {

double quantileMs(const RunResult& r, double q) {
    return toMillis(r.latency.quantile(q));
}

/// Windows that start at or after the warm-up (the figures cover the run after it).
template <class F>
double measuredWindowAverage(const RunResult& r, F value) {
    const Time warmupEnd = r.simulatedTime - r.measuredTime;
    double sum = 0;
    double weight = 0;
    for (const WindowRow& w : r.windows) {
        if (w.latency.start < warmupEnd) continue;
        const double length = toSeconds(w.latency.end - w.latency.start);
        sum += value(w) * length;
        weight += length;
    }
    return weight > 0 ? sum / weight : 0;
}

double jobQuantileMs(const RunResult& r, double q) {
    return r.jobs ? toMillis(r.jobs->latency.quantile(q)) : 0.0;
}

template <ErrorReason reason>
double errorCount(const RunResult& r) {
    return static_cast<double>(r.errors[static_cast<std::size_t>(reason)]);
}

}  // namespace

const std::vector<StudyFigure>& studyFigures() {
    static const std::vector<StudyFigure> list{
        {"meanMs", "latency mean", "ms",
         [](const RunResult& r) { return r.latency.mean() * 1e-6; }},
        {"p50Ms", "latency p50", "ms", [](const RunResult& r) { return quantileMs(r, 0.50); }},
        {"p90Ms", "latency p90", "ms", [](const RunResult& r) { return quantileMs(r, 0.90); }},
        {"p95Ms", "latency p95", "ms", [](const RunResult& r) { return quantileMs(r, 0.95); }},
        {"p99Ms", "latency p99", "ms", [](const RunResult& r) { return quantileMs(r, 0.99); }},
        {"p999Ms", "latency p99.9", "ms", [](const RunResult& r) { return quantileMs(r, 0.999); }},
        {"maxMs", "latency max", "ms",
         [](const RunResult& r) { return toMillis(r.latency.max()); }},
        {"throughputPerS", "throughput", "req/s",
         [](const RunResult& r) {
             const double s = toSeconds(r.measuredTime);
             return s > 0 ? static_cast<double>(r.latency.count()) / s : 0;
         },
         false, 2},
        {"errorRate", "error rate", "", [](const RunResult& r) { return r.errorRate(); }, false, 5},
        {"throttled", "throttled", "", errorCount<ErrorReason::Throttled>, false, 0},
        {"rejected", "rejected", "", errorCount<ErrorReason::Rejected>, false, 0},
        {"timedOut", "timed out", "", errorCount<ErrorReason::TimedOut>, false, 0},
        {"payloadRejected", "payload too large", "", errorCount<ErrorReason::Payload>, false, 0},
        {"retriesExhausted", "retries exhausted", "", errorCount<ErrorReason::RetriesExhausted>,
         false, 0},
        {"breakerOpen", "breaker open", "", errorCount<ErrorReason::BreakerOpen>, false, 0},
        {"shed", "shed", "", errorCount<ErrorReason::Shed>, false, 0},
        {"unavailable", "unavailable", "", errorCount<ErrorReason::Unavailable>, false, 0},
        {"failed", "failed (injected)", "", errorCount<ErrorReason::Failed>, false, 0},
        {"retries", "retries", "",
         [](const RunResult& r) { return static_cast<double>(r.retries); }, false, 0},
        {"coldStarts", "cold starts", "",
         [](const RunResult& r) { return static_cast<double>(r.coldStarts); }, false, 0},
        {"coldStartFraction", "cold-start fraction", "",
         [](const RunResult& r) { return r.coldStartFraction(); }, false, 5},
        {"cacheHitRatio", "cache hit ratio", "",
         [](const RunResult& r) { return std::max(0.0, r.cacheHitRatio()); }, false, 4},
        {"peakInstances", "peak instances/replicas", "",
         [](const RunResult& r) { return static_cast<double>(r.peakInstances); }, false, 0},
        {"utilization", "entry utilisation", "",
         [](const RunResult& r) {
             return measuredWindowAverage(r, [](const WindowRow& w) { return w.utilization; });
         },
         false, 4},
        {"maxUtilization", "highest component utilisation", "",
         [](const RunResult& r) {
             double highest = 0;
             for (const ComponentLoad& c : componentLoads(r))
                 highest = std::max(highest, c.utilization);
             return highest;
         },
         false, 4},
        {"monthlyCost", "monthly cost", "USD",
         [](const RunResult& r) { return r.cost ? r.cost->monthlyCost : 0.0; }, true, 2},
        {"costPerMillion", "cost per million requests", "USD",
         [](const RunResult& r) {
             return r.cost && r.cost->costPerMillionRequests ? *r.cost->costPerMillionRequests
                                                             : 0.0;
         },
         true, 4},
        // Jobs: messages from queues run by consumers, from the queue taking them to done.
        {"queueFull", "queue full", "", errorCount<ErrorReason::QueueFull>, false, 0, true},
        {"jobMeanMs", "job latency mean", "ms",
         [](const RunResult& r) { return r.jobs ? r.jobs->latency.mean() * 1e-6 : 0.0; }, false, 3,
         true},
        {"jobP50Ms", "job latency p50", "ms",
         [](const RunResult& r) { return jobQuantileMs(r, 0.5); }, false, 3, true},
        {"jobP99Ms", "job latency p99", "ms",
         [](const RunResult& r) { return jobQuantileMs(r, 0.99); }, false, 3, true},
        {"jobThroughputPerS", "job throughput", "jobs/s",
         [](const RunResult& r) { return r.jobs ? r.jobs->throughputPerS : 0.0; }, false, 2, true},
        {"jobWaitMs", "job wait (first receive)", "ms",
         [](const RunResult& r) { return r.jobs ? r.jobs->meanWaitS * 1e3 : 0.0; }, false, 3, true},
        {"jobsDeadLettered", "jobs dead-lettered", "",
         [](const RunResult& r) {
             return r.jobs ? static_cast<double>(r.jobs->deadLettered) : 0.0;
         },
         false, 0, true},
        {"jobFailedReceives", "job receives failed", "",
         [](const RunResult& r) {
             return r.jobs ? static_cast<double>(r.jobs->failedReceives) : 0.0;
         },
         false, 0, true},
        {"queueDepth", "queue depth (mean)", "messages",
         [](const RunResult& r) {
             return measuredWindowAverage(
                 r, [](const WindowRow& w) { return w.jobs ? w.jobs->queueDepth : 0.0; });
         },
         false, 3, true},
        {"maxMessageAgeS", "oldest message age (max)", "s",
         [](const RunResult& r) {
             const Time warmupEnd = r.simulatedTime - r.measuredTime;
             double oldest = 0;
             for (const WindowRow& w : r.windows)
                 if (w.jobs && w.latency.start >= warmupEnd)
                     oldest = std::max(oldest, w.jobs->oldestAgeS);
             return oldest;
         },
         false, 3, true},
    };
    return list;
}

const StudyFigure* findStudyFigure(std::string_view name) {
    static const std::map<std::string_view, std::string_view> aliases{
        {"mean", "meanMs"}, {"p50", "p50Ms"},    {"p90", "p90Ms"},   {"p95", "p95Ms"},
        {"p99", "p99Ms"},   {"p99.9", "p999Ms"}, {"p999", "p999Ms"}, {"cost", "monthlyCost"}};
    if (const auto alias = aliases.find(name); alias != aliases.end()) name = alias->second;
    for (const StudyFigure& f : studyFigures())
        if (f.key == name) return &f;
    return nullptr;
}

std::vector<std::string> studyFigureNames() {
    std::vector<std::string> names;
    for (const StudyFigure& f : studyFigures()) names.push_back(f.key);
    return names;
}

std::vector<ComponentLoad> componentLoads(const RunResult& r) {
    const Time warmupEnd = r.simulatedTime - r.measuredTime;
    std::vector<ComponentLoad> loads;
    std::vector<double> weights;
    for (const WindowRow& w : r.windows) {
        if (w.latency.start < warmupEnd) continue;
        const double length = toSeconds(w.latency.end - w.latency.start);
        for (std::size_t i = 0; i < w.components.size(); ++i) {
            if (i >= loads.size()) {
                loads.push_back({w.components[i].id, 0, 0});
                weights.push_back(0);
            }
            loads[i].utilization += w.components[i].utilization * length;
            loads[i].queueLength += w.components[i].queueLength * length;
            weights[i] += length;
        }
    }
    for (std::size_t i = 0; i < loads.size(); ++i)
        if (weights[i] > 0) {
            loads[i].utilization /= weights[i];
            loads[i].queueLength /= weights[i];
        }
    // A lone station runs on the fast path, which publishes only the entry's figures.
    if (loads.empty() && !r.windows.empty())
        loads.push_back(
            {"entry", measuredWindowAverage(r, [](const WindowRow& w) { return w.utilization; }),
             measuredWindowAverage(r, [](const WindowRow& w) { return w.meanQueueLength; })});
    return loads;
}

}  // namespace archsim
