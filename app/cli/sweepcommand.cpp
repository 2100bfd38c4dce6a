// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/sweepcommand.h"

#include <charconv>
#include <chrono>
#include <csignal>
#include <mutex>
#include <ostream>

#include "app/cli/clicommands.h"
#include "sim/run/replications.h"
#include "sim/run/runner.h"
#include "sim/scenario/boundedfile.h"
#include "sim/scenario/jsonreader.h"
#include "sim/study/limitsearch.h"
#include "sim/study/sweepplan.h"
#include "sim/study/sweepresult.h"

namespace archsim::cli {
namespace {

/// Shards hold every run's figures and the histogram counts: far larger than a scenario can be.
constexpr FileKind kShardFile{"sweep shard", 1024 * kMiB};
constexpr unsigned kMaxShards = 100000;

std::string name(const std::string& file) {
    return file == "-" ? "<stdin>" : file;
}

/// Progress on standard error for sweeps that take a while: nothing in the first seconds (a
/// short sweep stays quiet), then a line at most every two seconds.
class Progress {
public:
    explicit Progress(std::ostream& err) : m_err(err), m_start(Clock::now()), m_last(m_start) {}
    void operator()(std::size_t done, std::size_t total) {
        const auto now = Clock::now();
        if (done < total && now - m_last < std::chrono::seconds(2)) return;
        if (now - m_start < std::chrono::seconds(2)) return;
        m_last = now;
        m_err << "archsim-cli: sweep: " << done << " of " << total << " runs done ("
              << (100 * done / std::max<std::size_t>(total, 1)) << "%)\n";
        m_err.flush();
    }

private:
    using Clock = std::chrono::steady_clock;
    std::ostream& m_err;
    Clock::time_point m_start, m_last;
};

std::uint64_t budget(const std::optional<std::uint64_t>& mb) {
    return mb ? *mb << 20 : kDefaultMemoryBudgetBytes;
}

/// Reads the sweep file and its scenarios (with their pricing); false after reporting.
bool loadSweep(const SweepCommand& command, SweepPlan& plan, std::ostream& err) {
    ValidationReport report;
    auto spec = loadSweepFile(command.file, report);
    if (spec) {
        for (std::size_t i = 0; i < spec->scenarioFiles.size(); ++i)
            if (auto s = loadStudyScenario(spec->scenarioFiles[i], spec->scenarioPaths[i], report))
                plan.scenarios.push_back(std::move(*s));
    }
    for (const ValidationIssue& issue : report.issues())
        err << "archsim-cli: " << name(command.file) << ": " << issue.toString() << '\n';
    if (!report.ok()) return false;
    plan.spec = std::move(*spec);
    plan.version = ARCHSIM_VERSION;
    // --set changes every scenario before the sweep does; the changed file is what the sweep's
    // identity covers, so shards run with different --set do not merge.
    for (StudyScenario& s : plan.scenarios) {
        if (command.overrides.empty()) break;
        auto scenario = studyPoint(s, command.overrides, report);
        if (!scenario) continue;
        for (const ScenarioOverride& o : command.overrides) applyOverride(s.json, o);
        s.scenario = std::move(*scenario);
    }
    for (const ValidationIssue& issue : report.issues())
        err << "archsim-cli: " << name(command.file) << ": " << issue.toString() << '\n';
    if (!report.ok()) return false;
    for (StudyScenario& s : plan.scenarios) {
        if (!s.scenario.cost) continue;
        s.pricing = loadPricing(s.scenario, s.path, err);
        if (!s.pricing) return false;
    }
    return true;
}

nlohmann::json evaluationJson(const LimitEvaluation& e, const LimitSpec& spec) {
    nlohmann::json targets = nlohmann::json::object();
    for (std::size_t t = 0; t < spec.targets.size(); ++t)
        targets[spec.targets[t].figure->key] = {{"mean", e.targets[t].mean},
                                                {"low", e.targets[t].low()},
                                                {"high", e.targets[t].high()},
                                                {"bound", spec.targets[t].max}};
    return {{"value", e.value},
            {"replications", e.replications},
            {"passed", e.passed},
            {"decided", e.decided},
            {"figures", targets}};
}

int limitCommand(const SweepCommand& command, const SweepPlan& plan, std::string& result,
                 std::string& csv, std::ostream& err) {
    const LimitSpec& spec = *plan.spec.limit;
    // Both ends are checked before the search, so every value it tries between them is valid.
    for (const StudyScenario& s : plan.scenarios)
        for (const double end : {spec.from, spec.to}) {
            ScenarioOverride o = spec.target;
            o.value = spec.integer ? nlohmann::json(std::llround(end)) : nlohmann::json(end);
            ValidationReport report;
            if (!studyPoint(s, {o}, report)) {
                for (const ValidationIssue& issue : report.issues())
                    err << "archsim-cli: " << name(command.file) << ": " << issue.toString()
                        << '\n';
                return kExitBadInput;
            }
        }
    nlohmann::json list = nlohmann::json::array();
    std::string table = "scenario,value,replications,passed,decided\n";
    for (const StudyScenario& s : plan.scenarios) {
        const LimitRunner run = [&](double value, unsigned first, unsigned count) {
            ScenarioOverride o = spec.target;
            o.value = spec.integer ? nlohmann::json(std::llround(value)) : nlohmann::json(value);
            ValidationReport report;
            const auto scenario = studyPoint(s, {o}, report);
            std::vector<RunResult> runs(count);
            if (!scenario) return runs;  // cannot happen: both ends were checked
            parallelFor(count, command.threads, [&](std::size_t i) {
                RunOptions options;
                options.seed = plan.spec.seed;
                options.replication = first + i;
                options.pricing = s.pricing ? &*s.pricing : nullptr;
                options.memoryBudgetBytes = budget(command.memoryBudgetMb);
                runs[i] = runScenario(*scenario, options);
            });
            return runs;
        };
        const LimitResult r = searchLimit(spec, plan.spec.replications, run);
        nlohmann::json evaluations = nlohmann::json::array();
        for (const LimitEvaluation& e : r.evaluations) {
            evaluations.push_back(evaluationJson(e, spec));
            table += s.file + ',' + formatNumber(e.value) + ',' + std::to_string(e.replications) +
                     ',' + (e.passed ? "true" : "false") + ',' + (e.decided ? "true" : "false") +
                     '\n';
        }
        nlohmann::json j = {
            {"file", s.file},
            {"name", s.scenario.name},
            {"found", r.found},
            {"wholeRange", r.wholeRange},
            {"limit", r.found ? nlohmann::json(r.limit) : nlohmann::json()},
            {"firstFailing", r.firstFailing ? nlohmann::json(*r.firstFailing) : nlohmann::json()},
            {"message", r.message},
            {"evaluations", evaluations}};
        if (r.broke)
            j["brokeFirst"] = {{"busiestComponent", r.broke->busiestComponent},
                               {"busiestUtilization", r.broke->busiestUtilization},
                               {"longestQueueComponent", r.broke->longestQueueComponent},
                               {"longestQueue", r.broke->longestQueue},
                               {"errorReason", r.broke->errorReason},
                               {"errorRateGrowth", r.broke->errorRateGrowth}};
        err << "archsim-cli: " << s.file << ": " << r.message << '\n';
        list.push_back(std::move(j));
    }
    if (command.wantCsv) csv = table;
    nlohmann::json targets = nlohmann::json::object();
    for (const LimitTarget& t : spec.targets) targets[t.figure->key] = t.max;
    result = nlohmann::json{{"archsimLimitResult", 1},
                            {"version", plan.version},
                            {"name", plan.spec.name},
                            {"path", spec.target.path},
                            {"direction",
                             spec.direction == LimitDirection::Highest ? "highest" : "lowest"},
                            {"target", targets},
                            {"seed", plan.spec.seed},
                            {"scenarios", list}}
                 .dump(2) +
             '\n';
    return kExitOk;
}

}  // namespace

std::string parseShard(const std::string& text, unsigned& index, unsigned& count) {
    const std::size_t slash = text.find('/');
    const auto number = [](std::string_view s, unsigned& value) {
        const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
        return !s.empty() && error == std::errc() && end == s.data() + s.size();
    };
    if (slash == std::string::npos || !number(std::string_view(text).substr(0, slash), index) ||
        !number(std::string_view(text).substr(slash + 1), count))
        return "--shard must be I/N (shard I of N, counted from 1), got '" + excerpt(text) + "'";
    if (count < 1 || count > kMaxShards)
        return "--shard " + text + ": N must be from 1 to " + std::to_string(kMaxShards);
    if (index < 1 || index > count)
        return "--shard " + text + ": I must be from 1 to " + std::to_string(count) +
               " (shards are counted from 1)";
    return {};
}

int sweepCommand(const SweepCommand& command, std::string& result, std::string& csv,
                 std::ostream& err) {
    SweepPlan plan;
    if (!loadSweep(command, plan, err)) return kExitBadInput;
    if (plan.spec.limit) {
        if (command.shardCount) {
            err << "archsim-cli: " << name(command.file)
                << ": a limit search decides each point from the last, so it cannot be sharded; "
                   "drop --shard\n";
            return kExitBadInput;
        }
        // A limit search keeps nothing worth writing half-way: Ctrl-C ends it at once.
        std::signal(SIGINT, SIG_DFL);
        return limitCommand(command, plan, result, csv, err);
    }
    ValidationReport report;
    if (!buildSweepPlan(plan, report)) {
        for (const ValidationIssue& issue : report.issues())
            err << "archsim-cli: " << name(command.file) << ": " << issue.toString() << '\n';
        return kExitBadInput;
    }
    SweepRunOptions options;
    options.shardIndex = command.shardCount ? command.shardIndex : 1;
    options.shardCount = command.shardCount ? command.shardCount : 1;
    options.threads = command.threads;
    options.memoryBudgetBytes = budget(command.memoryBudgetMb);
    options.interrupt = command.interrupt;
    Progress progress(err);
    options.progress = [&](std::size_t done, std::size_t total) { progress(done, total); };
    const SweepShard shard = runSweepShard(plan, options);
    const nlohmann::json shardJson = shardToJson(shard);
    int status = kExitOk;
    if (!shard.complete) {
        err << "archsim-cli: " << name(command.file) << ": interrupted after " << shard.units.size()
            << " runs; "
            << (command.shardCount ? "the shard is written as incomplete (merge refuses it)"
                                   : "the result holds the points whose runs all finished")
            << '\n';
        status = kExitInterrupted;
    }
    if (command.shardCount) {
        result = shardJson.dump() + '\n';
        return status;
    }
    // The unsharded result goes through the shard file's form and the merge, exactly as shards
    // do, so that it is the same bytes as any merge of shards of this sweep.
    std::string error;
    auto reread = shardFromJson(nlohmann::json::parse(shardJson.dump()), error);
    std::optional<SweepShard> merged;
    if (reread && reread->complete)
        merged = mergeShards({*reread}, {"the sweep"}, error);
    else
        merged = std::move(reread);
    if (!merged) {
        err << "archsim-cli: " << name(command.file) << ": " << error << '\n';
        return kExitRunFailed;
    }
    const nlohmann::json json = sweepResultJson(*merged);
    result = json.dump(2) + '\n';
    if (command.wantCsv) csv = sweepResultCsv(json);
    for (const SweepUnit& u : merged->units)
        if (u.status == RunStatus::Overloaded || u.status == RunStatus::Failed) {
            err << "archsim-cli: " << name(command.file)
                << ": some runs did not complete (overloaded or failed); their points say how "
                   "many under \"runs\"\n";
            break;
        }
    return status;
}

int mergeCommand(const MergeCommand& command, std::string& result, std::string& csv,
                 std::ostream& err) {
    std::vector<SweepShard> shards;
    for (const std::string& file : command.files) {
        std::string error;
        const auto text = readBoundedFile(file, kShardFile, error);
        if (!text) {
            err << "archsim-cli: " << error << '\n';
            return kExitBadInput;
        }
        const auto json = nlohmann::json::parse(*text, nullptr, false);
        if (json.is_discarded()) {
            err << "archsim-cli: " << file << ": is not valid JSON (a sweep shard was expected)\n";
            return kExitBadInput;
        }
        auto shard = shardFromJson(json, error);
        if (!shard) {
            err << "archsim-cli: " << file << ": " << error << '\n';
            return kExitBadInput;
        }
        shards.push_back(std::move(*shard));
    }
    std::string error;
    const auto merged = mergeShards(shards, command.files, error);
    if (!merged) {
        err << "archsim-cli: merge: " << error << '\n';
        return kExitBadInput;
    }
    const nlohmann::json json = sweepResultJson(*merged);
    result = json.dump(2) + '\n';
    if (command.wantCsv) csv = sweepResultCsv(json);
    return kExitOk;
}

}  // namespace archsim::cli
