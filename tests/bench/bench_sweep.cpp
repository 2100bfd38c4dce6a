// SPDX-License-Identifier: GPL-3.0-or-later
// Sweep benchmark: the motivating pair (auth API on Workers and on Go servers) over 20 traffic
// levels x 10 replications at a short duration, on 1 thread and on N threads, then the same sweep
// as shards: the time to turn each shard into its file form, read it back and merge them all.
//
// usage: bench_sweep PRESETS_DIR [THREADS [DURATION_S]]   (defaults: 2 threads, 20 s)

#include <chrono>
#include <cstdio>
#include <string>

#include "sim/study/sweepplan.h"
#include "sim/study/sweepresult.h"

using namespace archsim;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_sweep PRESETS_DIR [THREADS [DURATION_S]]\n");
        return 2;
    }
    const std::string dir = argv[1];
    const unsigned threads = argc > 2 ? static_cast<unsigned>(std::stoul(argv[2])) : 2;
    const double duration = argc > 3 ? std::stod(argv[3]) : 20;
    const nlohmann::json sweep = {
        {"formatVersion", 1},
        {"scenarios", {"auth-api-workers.json", "auth-api-servers.json"}},
        {"replications", 10},
        {"figures", {"p50Ms", "p99Ms", "errorRate"}},
        {"fields",
         {{{"path", "workload.ratePerS"}, {"range", {{"from", 20}, {"to", 400}, {"steps", 20}}}}}}};
    ValidationReport report;
    SweepPlan plan;
    auto spec = sweepFromJson(sweep, dir, report);
    if (!spec) {
        std::fprintf(stderr, "%s", report.toString().c_str());
        return 2;
    }
    // A short run: the sweep's cost is its many runs, not any one of them.
    ScenarioOverride length, warmup;
    parseOverridePath("run.durationS", "bench", length);
    parseOverridePath("run.warmupS", "bench", warmup);
    length.value = duration;
    warmup.value = duration / 4;
    for (std::size_t i = 0; i < spec->scenarioPaths.size(); ++i) {
        auto s = loadStudyScenario(spec->scenarioFiles[i], spec->scenarioPaths[i], report);
        if (!s) break;
        applyOverride(s->json, length);
        applyOverride(s->json, warmup);
        plan.scenarios.push_back(std::move(*s));
    }
    plan.spec = std::move(*spec);
    plan.version = "bench";
    if (!report.ok() || !buildSweepPlan(plan, report)) {
        std::fprintf(stderr, "%s", report.toString().c_str());
        return 2;
    }
    const std::size_t runs = plan.unitCount();

    double seconds[2] = {0, 0};
    std::string bytes[2];
    for (int k = 0; k < 2; ++k) {
        SweepRunOptions options;
        options.threads = k == 0 ? 1 : threads;
        const auto start = std::chrono::steady_clock::now();
        const SweepShard shard = runSweepShard(plan, options);
        seconds[k] = secondsSince(start);
        bytes[k] = sweepResultJson(shard).dump();
        std::printf(
            "engine=archsim bench=sweep points=%zu replications=%u runs=%zu threads=%u "
            "wall_s=%.3f runs_per_s=%.1f\n",
            plan.spec.pointCount() * plan.scenarios.size(), plan.spec.replications, runs,
            options.threads, seconds[k], static_cast<double>(runs) / seconds[k]);
    }
    std::printf("speedup_%u_threads=%.2fx same_result=%s\n", threads, seconds[0] / seconds[1],
                bytes[0] == bytes[1] ? "yes" : "NO");

    // Shards: each written to its file form and read back, then all merged.
    const unsigned shardCount = 10;
    std::vector<std::string> files;
    for (unsigned i = 1; i <= shardCount; ++i) {
        SweepRunOptions options;
        options.shardIndex = i;
        options.shardCount = shardCount;
        options.threads = threads;
        files.push_back(shardToJson(runSweepShard(plan, options)).dump());
    }
    const auto start = std::chrono::steady_clock::now();
    std::vector<SweepShard> shards;
    std::vector<std::string> names;
    std::string error;
    for (const std::string& file : files) {
        shards.push_back(*shardFromJson(nlohmann::json::parse(file), error));
        names.push_back("shard");
    }
    const auto merged = mergeShards(shards, names, error);
    const std::string result = merged ? sweepResultJson(*merged).dump() : std::string();
    const double mergeSeconds = secondsSince(start);
    std::size_t shardBytes = 0;
    for (const std::string& file : files) shardBytes += file.size();
    std::printf(
        "shards=%u shard_kb_mean=%.1f merge_s=%.4f merge_ms_per_shard=%.2f same_result=%s\n",
        shardCount, static_cast<double>(shardBytes) / shardCount / 1024, mergeSeconds,
        1e3 * mergeSeconds / shardCount, result == bytes[0] ? "yes" : "NO");
    return 0;
}
