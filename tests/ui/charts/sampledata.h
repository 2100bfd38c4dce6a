// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Made-up but plausible run output for chart tests and the replot benchmark: a serverless scenario
// (slow, spiky tail, cold starts, a remote cache) and a stateful one (fast, flat), with windows,
// histograms, results and cost curves that cross. Deterministic: fixed seeds, no wall clock.

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "sim/run/runresult.h"

namespace archsim::test {

enum class SampleKind { Serverless, Stateful };

/// A latency drawn for `kind` (ms), lognormal with an occasional cold start for serverless.
inline double sampleLatencyMs(SampleKind kind, std::mt19937_64& engine) {
    std::lognormal_distribution<double> body(
        kind == SampleKind::Serverless ? std::log(38.0) : std::log(6.5),
        kind == SampleKind::Serverless ? 0.35 : 0.25);
    std::uniform_real_distribution<double> unit(0, 1);
    double ms = body(engine);
    if (kind == SampleKind::Serverless && unit(engine) < 0.02) ms += 50 + 150 * unit(engine);
    return ms;
}

inline LatencyHistogram sampleHistogram(SampleKind kind, int count, std::uint64_t seed = 7) {
    std::mt19937_64 engine(seed);
    LatencyHistogram histogram;
    for (int i = 0; i < count; ++i) histogram.record(fromMillis(sampleLatencyMs(kind, engine)));
    return histogram;
}

/// Windows [first, first + count) of `windowS` seconds each.
inline std::vector<WindowRow> sampleWindows(SampleKind kind, std::size_t first, std::size_t count,
                                            double windowS = 1, int requestsPerWindow = 200) {
    std::vector<WindowRow> rows;
    rows.reserve(count);
    const bool serverless = kind == SampleKind::Serverless;
    for (std::size_t w = first; w < first + count; ++w) {
        std::mt19937_64 engine(1000 * w + (serverless ? 1 : 2));
        LatencyHistogram histogram;
        for (int i = 0; i < requestsPerWindow; ++i)
            histogram.record(fromMillis(sampleLatencyMs(kind, engine)));
        WindowRow row;
        const Time start = fromSeconds(windowS * static_cast<double>(w));
        const Time end = fromSeconds(windowS * static_cast<double>(w + 1));
        row.latency = summarizeWindow(histogram, start, end);
        row.arrivals = static_cast<std::uint64_t>(requestsPerWindow);
        const double phase = std::sin(static_cast<double>(w) / 9.0);
        if (serverless) {
            row.coldStarts = static_cast<std::uint64_t>(3 + 3 * phase);
            row.coldStartFraction = static_cast<double>(row.coldStarts) / requestsPerWindow;
            row.errors[static_cast<std::size_t>(ErrorReason::Throttled)] = w % 17 == 0 ? 4 : 0;
            row.cacheHitRatio = std::min(0.95, 0.2 + 0.02 * static_cast<double>(w % 60));
            row.databaseConnectionsInUse = 6 + 3 * phase;
            ComponentGauge pool{"fn", 5 + 2 * phase, 9 + 2 * phase, 0, 0.55, -1, row.coldStarts};
            ComponentGauge cache{"kv", 1, 1, 0, 0.1, row.cacheHitRatio, 0};
            row.components = {pool, cache};
        } else {
            row.errors[static_cast<std::size_t>(ErrorReason::Rejected)] = w % 23 == 0 ? 1 : 0;
            row.cacheHitRatio = 0.93;
            row.databaseConnectionsInUse = 2 + phase;
            ComponentGauge servers{"srv", 3 + phase, 4, 0.2, 0.6, -1, 0};
            row.components = {servers};
        }
        row.utilization = 0.6;
        row.costAccrued = (serverless ? 0.0009 : 0.0004) * static_cast<double>(w + 1);
        rows.push_back(std::move(row));
    }
    return rows;
}

inline RunResult sampleResult(SampleKind kind, double durationS = 120, int perWindow = 200) {
    const bool serverless = kind == SampleKind::Serverless;
    RunResult result;
    result.scenarioName = serverless ? "serverless" : "stateful";
    result.simulatedTime = fromSeconds(durationS);
    result.measuredTime = result.simulatedTime;
    const auto requests = static_cast<std::uint64_t>(durationS * perWindow);
    result.latency = sampleHistogram(kind, static_cast<int>(requests), serverless ? 11 : 12);
    result.arrivals = requests;
    result.measuredArrivals = requests;
    result.completed = result.latency.count();
    result.windows = sampleWindows(kind, 0, static_cast<std::size_t>(durationS));
    const double n = static_cast<double>(result.completed);
    // Summed nanoseconds per category, as the engine reports them.
    const auto ms = [n](double perRequest) { return perRequest * 1e6 * n; };
    if (serverless) {
        result.breakdown = {ms(2.4), ms(0.6), ms(5.1), ms(30.2), ms(4.1), ms(1.8)};
        result.functionStarts = requests;
        result.coldStarts = requests / 60;
        result.errors[static_cast<std::size_t>(ErrorReason::Throttled)] = requests / 500;
    } else {
        result.breakdown = {0, ms(0.4), ms(5.0), ms(0.1), ms(1.9), ms(0.3)};
        result.errors[static_cast<std::size_t>(ErrorReason::Rejected)] = requests / 5000;
    }
    CostBreakdown cost;
    cost.currency = "USD";
    cost.simulatedSeconds = durationS;
    cost.monthlyCost = serverless ? 455.0 : 312.5;
    cost.total = cost.monthlyCost * durationS / kSecondsPerMonth;
    cost.costPerMillionRequests = cost.total / static_cast<double>(requests) * 1e6;
    result.cost = cost;
    return result;
}

/// Monthly cost against traffic: pay-per-use for serverless, flat steps of servers for stateful.
/// They cross at 120 requests/s.
inline std::vector<CostPoint> sampleCostCurve(SampleKind kind) {
    std::vector<CostPoint> curve;
    for (double rate : {1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0}) {
        const double cost =
            kind == SampleKind::Serverless ? 2.5 * rate : 300.0 * std::ceil(rate / 1000.0);
        curve.push_back({rate, cost});
    }
    return curve;
}

}  // namespace archsim::test
