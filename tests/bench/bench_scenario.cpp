// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario throughput benchmark: runs a scenario file (optionally at another rate and duration)
// and prints simulated requests per wall second, events per second and peak RSS, so the
// "memory grows with requests in flight, not requests simulated" claim can be checked by running
// the same scenario for 10x longer.
//
// usage: bench_scenario FILE.json [RATE_PER_S [DURATION_S]]

#include <sys/resource.h>

#include <cstdio>
#include <string>

#include "sim/run/replications.h"
#include "sim/run/runobserver.h"
#include "sim/scenario/scenariojson.h"

using namespace archsim;

namespace {
/// Samples the pending-event count at every slice end: the event set's size is what a pop costs.
class PendingEvents final : public RunObserver {
public:
    void onProgress(const RunProgress& progress) override {
        m_sum += static_cast<double>(progress.eventsPending);
        ++m_samples;
        if (progress.eventsPending > m_peak) m_peak = progress.eventsPending;
    }
    double mean() const { return m_samples ? m_sum / static_cast<double>(m_samples) : 0; }
    std::size_t peak() const { return m_peak; }

private:
    double m_sum = 0;
    std::uint64_t m_samples = 0;
    std::size_t m_peak = 0;
};
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_scenario FILE.json [RATE_PER_S [DURATION_S]]\n");
        return 2;
    }
    ValidationReport report;
    auto scenario = loadScenarioFile(argv[1], report);
    if (!scenario) {
        std::fprintf(stderr, "%s", report.toString().c_str());
        return 2;
    }
    if (argc > 2) *scenario = scaledToRate(*scenario, std::stod(argv[2]));
    if (argc > 3) scenario->run.durationS = std::stod(argv[3]);
    RunOptions options;
    options.seed = scenario->seed;
    PendingEvents pending;
    options.observer = &pending;
    const RunResult r = runScenario(*scenario, options);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf(
        "engine=archsim scenario=\"%s\" rate_per_s=%g duration_s=%g completed=%llu events=%llu "
        "run_s=%.3f events_per_s=%.4g sim_req_per_s=%.4g p99_ms=%.3f peak_rss_mb=%.1f "
        "pending_events_mean=%.0f pending_events_peak=%zu\n",
        scenario->name.c_str(), meanRate(*scenario), scenario->run.durationS,
        static_cast<unsigned long long>(r.completed),
        static_cast<unsigned long long>(r.eventsProcessed), r.wallSeconds, r.eventsPerSecond(),
        static_cast<double>(r.completed) / r.wallSeconds, toMillis(r.latency.quantile(0.99)),
        static_cast<double>(usage.ru_maxrss) / 1024.0, pending.mean(), pending.peak());
    return 0;
}
