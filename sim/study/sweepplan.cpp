// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/study/sweepplan.h"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "sim/run/replications.h"
#include "sim/run/runner.h"

namespace archsim {

std::string hashText(const std::string& text) {
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
    return buffer;
}

bool buildSweepPlan(SweepPlan& plan, ValidationReport& report) {
    const SweepSpec& spec = plan.spec;
    const std::size_t before = report.issues().size();
    plan.points.assign(plan.scenarios.size(), {});
    for (std::size_t s = 0; s < plan.scenarios.size(); ++s) {
        for (std::size_t p = 0; p < spec.pointCount(); ++p) {
            std::vector<ScenarioOverride> overrides;
            const std::vector<nlohmann::json> values = spec.pointValues(p);
            for (std::size_t f = 0; f < spec.fields.size(); ++f) {
                ScenarioOverride o = spec.fields[f].target;
                o.value = values[f];
                overrides.push_back(std::move(o));
            }
            if (auto point = studyPoint(plan.scenarios[s], overrides, report))
                plan.points[s].push_back(std::move(*point));
            // One message per bad value is enough: the same value fails the same way elsewhere.
            if (report.issues().size() - before > 20) return false;
        }
    }
    std::string identity = spec.canonical.dump() + '\n' + plan.version + '\n';
    for (const StudyScenario& s : plan.scenarios) identity += s.json.dump() + '\n';
    plan.sweepId = hashText(identity);
    return report.issues().size() == before;
}

nlohmann::json sweepDescription(const SweepPlan& plan) {
    const SweepSpec& spec = plan.spec;
    nlohmann::json scenarios = nlohmann::json::array();
    for (const StudyScenario& s : plan.scenarios)
        scenarios.push_back({{"file", s.file}, {"name", s.scenario.name}});
    nlohmann::json fields = nlohmann::json::array();
    for (const SweepField& f : spec.fields)
        fields.push_back({{"path", f.target.path},
                          {"scale", f.scale == SweepScale::Log ? "log" : "linear"},
                          {"values", f.values}});
    nlohmann::json figures = nlohmann::json::array();
    for (const StudyFigure* f : spec.figures) figures.push_back(f->key);
    return {{"name", spec.name},
            {"scenarios", scenarios},
            {"fields", fields},
            {"figures", figures},
            {"replications", spec.replications},
            {"seed", spec.seed},
            {"points", spec.pointCount()}};
}

SweepShard runSweepShard(const SweepPlan& plan, const SweepRunOptions& options) {
    SweepShard shard;
    shard.sweepId = plan.sweepId;
    shard.version = plan.version;
    shard.sweep = sweepDescription(plan);
    shard.index = options.shardIndex;
    shard.count = options.shardCount;
    shard.unitCount = plan.unitCount();

    std::vector<std::size_t> mine;
    for (std::size_t u = 0; u < shard.unitCount; ++u)
        if (unitInShard(u, options.shardIndex, options.shardCount)) mine.push_back(u);

    const std::size_t points = plan.spec.pointCount();
    const unsigned replications = plan.spec.replications;
    std::vector<SweepUnit> results(mine.size());
    std::vector<bool> finished(mine.size(), false);
    std::mutex mutex;  // guards the histograms, the controls under way and the progress count
    std::vector<RunControl*> active;
    std::size_t done = 0;
    std::atomic<bool> allDone{false};

    // Cancels runs under way when interrupted: a signal handler may only set a flag, so a
    // watcher turns the flag into RunControl::cancel() for each running replication.
    std::thread watcher;
    if (options.interrupt)
        watcher = std::thread([&] {
            while (!allDone.load()) {
                if (options.interrupt->load()) {
                    const std::lock_guard lock(mutex);
                    for (RunControl* c : active) c->cancel();
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        });

    parallelFor(mine.size(), options.threads, [&](std::size_t i) {
        if (options.interrupt && options.interrupt->load()) return;
        const std::size_t unit = mine[i];
        const std::size_t r = unit % replications;
        const std::size_t p = (unit / replications) % points;
        const std::size_t s = unit / replications / points;
        const StudyScenario& base = plan.scenarios[s];
        RunControl control;
        RunOptions run;
        run.seed = plan.spec.seed;
        run.replication = r;
        run.pricing = base.pricing ? &*base.pricing : nullptr;
        run.memoryBudgetBytes = options.memoryBudgetBytes;
        run.control = &control;
        {
            const std::lock_guard lock(mutex);
            active.push_back(&control);
        }
        const RunResult result = runScenario(plan.points[s][p], run);
        SweepUnit& u = results[i];
        u.unit = unit;
        u.status = result.status;
        for (const StudyFigure* f : plan.spec.figures) u.figures.push_back(f->value(result));
        const std::lock_guard lock(mutex);
        std::erase(active, &control);
        if (result.status == RunStatus::Cancelled) return;  // not finished: left out
        finished[i] = true;
        shard.histograms[s * points + p].merge(result.latency);
        ++done;
        if (options.progress) options.progress(done, mine.size());
    });
    allDone = true;
    if (watcher.joinable()) watcher.join();

    for (std::size_t i = 0; i < mine.size(); ++i)
        if (finished[i])
            shard.units.push_back(std::move(results[i]));
        else
            shard.complete = false;
    // A point none of whose runs finished has no histogram; one that ran has one even if empty.
    return shard;
}

}  // namespace archsim
