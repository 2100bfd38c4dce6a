// SPDX-License-Identifier: GPL-3.0-or-later
// M/M/c throughput benchmark of archsim's engine: lambda=9, mu=1, c=10 by default, run until N
// requests complete, every latency recorded into the histogram and the windowed series. Prints one
// key=value line in the same shape as the reference programs so scripts/bench can put them side by
// side. Peak RSS is the process's (getrusage), so run one N per process.
//
// usage: bench_mmc [N [LAMBDA [MU [C [SEED]]]]]

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "sim/run/runner.h"

using namespace archsim;

int main(int argc, char** argv) {
    const std::uint64_t n = argc > 1 ? std::stoull(argv[1]) : 1'000'000;
    const double lambda = argc > 2 ? std::stod(argv[2]) : 9.0;
    const double mu = argc > 3 ? std::stod(argv[3]) : 1.0;
    const int c = argc > 4 ? std::stoi(argv[4]) : 10;
    const std::uint64_t seed = argc > 5 ? std::stoull(argv[5]) : 1;

    Scenario scenario;
    scenario.name = "bench M/M/c";
    scenario.run.durationS = 1e12;  // the completion limit ends the run
    scenario.run.windowS = 60;
    scenario.run.maxCompleted = n;
    scenario.run.maxInFlight = 100'000'000;
    scenario.workload.ratePerS = lambda;
    scenario.topology.entry = "servers";
    scenario.topology.stations.push_back({"servers", c, makeExponential(1000.0 / mu)});

    RunOptions options;
    options.seed = seed;
    const RunResult r = runScenario(scenario, options);

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double peakRssMb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    std::printf(
        "engine=archsim N=%llu lambda=%g mu=%g c=%d seed=%llu completed=%llu mean_wait=%.6f "
        "mean_resp=%.6f p50=%.4f p95=%.4f p99=%.4f events=%llu sim_time=%.2f run_s=%.3f "
        "events_per_s=%.4g req_per_s=%.4g peak_rss_mb=%.1f\n",
        static_cast<unsigned long long>(n), lambda, mu, c, static_cast<unsigned long long>(seed),
        static_cast<unsigned long long>(r.completed), r.station.meanWaitS, r.latency.mean() * 1e-9,
        toSeconds(r.latency.quantile(0.50)), toSeconds(r.latency.quantile(0.95)),
        toSeconds(r.latency.quantile(0.99)), static_cast<unsigned long long>(r.eventsProcessed),
        toSeconds(r.simulatedTime), r.wallSeconds, r.eventsPerSecond(),
        static_cast<double>(r.completed) / r.wallSeconds, peakRssMb);
    return r.status == RunStatus::Completed ? 0 : 1;
}
