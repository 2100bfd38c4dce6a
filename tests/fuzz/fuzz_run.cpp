// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: any scenario that loads must also run without crashing, whatever odd but valid
// combination of settings it holds. Runs are cut short (simulated time, requests in flight) so each
// input takes milliseconds.
// Build and run (clang only): cmake -DCMAKE_CXX_COMPILER=clang++-14 -DARCHSIM_BUILD_FUZZ=ON ...
// then  fuzz_run -max_total_time=60 resources/presets
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    archsim::ValidationReport report;
    auto scenario = archsim::scenarioFromText(text, report);
    if (!scenario) return 0;
    scenario->run.durationS = std::min(scenario->run.durationS, 5.0);
    scenario->run.warmupS = std::min(scenario->run.warmupS, 1.0);
    scenario->run.windowS = std::max(scenario->run.windowS, 0.5);
    scenario->run.maxInFlight = std::min<std::uint64_t>(scenario->run.maxInFlight, 20'000);
    if (scenario->workload.ratePerS > 20'000) scenario->workload.ratePerS = 20'000;
    archsim::RunOptions options;
    options.seed = scenario->seed;
    // Far below libFuzzer's rss limit: an input that would need more must stop as overloaded.
    options.memoryBudgetBytes = std::uint64_t{256} << 20;
    const archsim::RunResult result = archsim::runScenario(*scenario, options);
    if (result.completed > result.arrivals) __builtin_trap();  // nothing completes twice
    return 0;
}
