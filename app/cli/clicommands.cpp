// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/clicommands.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"

namespace archsim::cli {
namespace {

std::optional<Scenario> load(const std::string& file, std::ostream& err) {
    ValidationReport report;
    auto scenario = loadScenarioFile(file, report);
    if (!scenario) {
        for (const auto& issue : report.issues())
            err << "archsim-cli: " << file << ": " << issue.toString() << '\n';
    }
    return scenario;
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

}  // namespace

int runCommand(const RunCommand& command, std::ostream& out, std::ostream& err) {
    auto scenario = load(command.file, err);
    if (!scenario) return kExitBadInput;
    RunOptions options;
    options.seed = command.seed.value_or(scenario->seed);
    const RunResult r = runScenario(*scenario, options);

    const auto ms = [&](double q) { return toMillis(r.latency.quantile(q)); };
    if (command.json) {
        const nlohmann::json summary = {
            {"scenario", r.scenarioName},
            {"seed", r.seed},
            {"status", toString(r.status)},
            {"simulatedSeconds", toSeconds(r.simulatedTime)},
            {"completed", r.completed},
            {"measured", r.latency.count()},
            {"latencyMs",
             {{"mean", r.latency.mean() * 1e-6},
              {"p50", ms(0.50)},
              {"p90", ms(0.90)},
              {"p95", ms(0.95)},
              {"p99", ms(0.99)},
              {"p999", ms(0.999)},
              {"max", toMillis(r.latency.max())}}},
            {"eventsProcessed", r.eventsProcessed},
            {"eventsPerSecond", r.eventsPerSecond()},
            {"wallSeconds", r.wallSeconds},
            {"fingerprint", r.fingerprint()}};
        out << summary.dump(2) << '\n';
    } else {
        out << "scenario        " << r.scenarioName << " (seed " << r.seed << ")\n"
            << "status          " << toString(r.status) << '\n'
            << "simulated       " << fixed(toSeconds(r.simulatedTime), 3) << " s\n"
            << "completed       " << r.completed << " requests (" << r.latency.count()
            << " after warm-up)\n"
            << "latency mean    " << fixed(r.latency.mean() * 1e-6, 3) << " ms\n"
            << "latency p50     " << fixed(ms(0.50), 3) << " ms\n"
            << "latency p90     " << fixed(ms(0.90), 3) << " ms\n"
            << "latency p95     " << fixed(ms(0.95), 3) << " ms\n"
            << "latency p99     " << fixed(ms(0.99), 3) << " ms\n"
            << "latency p99.9   " << fixed(ms(0.999), 3) << " ms\n"
            << "events          " << r.eventsProcessed << '\n'
            << "events/s        " << fixed(r.eventsPerSecond(), 0) << '\n'
            << "wall            " << fixed(r.wallSeconds, 3) << " s\n";
    }
    if (r.status == RunStatus::Overloaded) {
        err << "archsim-cli: " << command.file
            << ": run overloaded: requests in flight passed run.maxInFlight ("
            << scenario->run.maxInFlight << "); the system cannot keep up with the workload\n";
        return kExitRunFailed;
    }
    return kExitOk;
}

int validateCommand(const std::string& file, std::ostream& out, std::ostream& err) {
    if (!load(file, err)) return kExitBadInput;
    out << file << ": valid\n";
    return kExitOk;
}

}  // namespace archsim::cli
