// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/run/replications.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace archsim {

void parallelFor(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, count));
    std::atomic<std::size_t> next{0};
    const auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++) job(i);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& thread : pool) thread.join();
}

std::vector<RunResult> runReplications(const Scenario& scenario, std::uint64_t seed,
                                       std::size_t count, const PricingTable* pricing,
                                       unsigned threads, std::uint64_t memoryBudgetBytes) {
    std::vector<RunResult> results(count);
    parallelFor(count, threads, [&](std::size_t i) {
        RunOptions options;
        options.seed = seed;
        options.replication = i;
        options.pricing = pricing;
        options.memoryBudgetBytes = memoryBudgetBytes;
        results[i] = runScenario(scenario, options);
    });
    return results;
}

double meanRate(const Scenario& scenario) {
    const WorkloadSpec& w = scenario.workload;
    switch (w.type) {
        case WorkloadType::Poisson: return w.ratePerS;
        case WorkloadType::OnOff: {
            const double on = w.onDurationS && w.onDurationS->mean() ? *w.onDurationS->mean() : 1;
            const double off = w.offDurationS && w.offDurationS->mean() ? *w.offDurationS->mean() : 1;
            return (w.onRatePerS * on + w.offRatePerS * off) / std::max(1e-12, on + off);
        }
        case WorkloadType::Schedule: {
            // Time-average of the piecewise-linear rate over the run (held after the last point).
            const double end = scenario.run.durationS;
            double area = 0;
            const auto& p = w.schedule;
            for (std::size_t i = 0; i + 1 < p.size() && p[i].timeS < end; ++i) {
                const double t1 = std::min(p[i + 1].timeS, end);
                const double r1 = p[i].ratePerS + (p[i + 1].ratePerS - p[i].ratePerS) *
                                                      (t1 - p[i].timeS) / (p[i + 1].timeS - p[i].timeS);
                area += (p[i].ratePerS + r1) / 2 * (t1 - p[i].timeS);
            }
            if (!p.empty() && p.back().timeS < end) area += p.back().ratePerS * (end - p.back().timeS);
            return end > 0 ? area / end : 0;
        }
        case WorkloadType::Closed: {
            const double think = w.thinkTimeMs && w.thinkTimeMs->mean() ? *w.thinkTimeMs->mean() : 1000;
            return w.users / std::max(1e-9, think * 1e-3);  // upper bound: response time ignored
        }
        case WorkloadType::Trace:
            return scenario.run.durationS > 0
                       ? static_cast<double>(w.traceTimesS.size()) / scenario.run.durationS
                       : 0;
    }
    return 0;
}

Scenario scaledToRate(const Scenario& scenario, double ratePerS) {
    Scenario scaled = scenario;
    const double current = meanRate(scenario);
    const double factor = current > 0 ? ratePerS / current : 0;
    WorkloadSpec& w = scaled.workload;
    switch (w.type) {
        case WorkloadType::Poisson: w.ratePerS = ratePerS; break;
        case WorkloadType::OnOff:
            w.onRatePerS *= factor;
            w.offRatePerS *= factor;
            break;
        case WorkloadType::Schedule:
            for (auto& point : w.schedule) point.ratePerS *= factor;
            break;
        case WorkloadType::Closed:
            w.users = std::max(1, static_cast<int>(std::lround(w.users * factor)));
            break;
        case WorkloadType::Trace:
            // A trace is what it is; replace it by Poisson at the requested rate.
            w.type = WorkloadType::Poisson;
            w.ratePerS = ratePerS;
            break;
    }
    return scaled;
}

std::vector<CostPoint> costVersusTraffic(const Scenario& scenario, const std::vector<double>& rates,
                                         std::uint64_t seed, const PricingTable& pricing,
                                         unsigned threads) {
    std::vector<CostPoint> points(rates.size());
    parallelFor(rates.size(), threads, [&](std::size_t i) {
        RunOptions options;
        options.seed = seed;
        options.pricing = &pricing;
        const RunResult r = runScenario(scaledToRate(scenario, rates[i]), options);
        points[i] = {rates[i], r.cost ? r.cost->monthlyCost : 0.0};
    });
    return points;
}

}  // namespace archsim
