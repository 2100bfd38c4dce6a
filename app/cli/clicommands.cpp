// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/clicommands.h"
#include "app/cli/resourcedirs.h"
#include "sim/scenario/scenariooverride.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <vector>

#include "app/cli/outputfile.h"
#include "sim/scenario/boundedfile.h"
#include "sim/run/replications.h"
#include "sim/scenario/jsonreader.h"
#include "sim/scenario/scenariojson.h"
#include "sim/stats/confidence.h"
#include "sim/theory/theoryjson.h"
#include "sim/study/precisionstop.h"

namespace archsim::cli {

namespace fs = std::filesystem;

/// Where problems with the input go: one line each on the error stream and, for validate --json,
/// also into a list. Implicit from a stream, so the commands pass `err` straight through.
class Problems {
public:
    struct Entry {
        std::string file;
        ValidationIssue issue;
    };
    Problems(std::ostream& err, std::vector<Entry>* list = nullptr) : m_err(err), m_list(list) {}
    void add(const std::string& file, const ValidationIssue& issue) {
        m_err << "archsim-cli: " << (file.empty() ? "" : file + ": ") << issue.toString() << '\n';
        if (m_list) m_list->push_back({file, issue});
    }
    void add(const std::string& file, std::string message) { add(file, {{}, std::move(message)}); }

private:
    std::ostream& m_err;
    std::vector<Entry>* m_list;
};

/// How messages name a scenario file ("-" is standard input).
std::string displayName(const std::string& file) { return file == "-" ? "<stdin>" : file; }

/// Reads a scenario file ("-": standard input) with every --set applied before it is checked, so
/// an override is held to the same rules as the file, and its problems name the same paths.
std::optional<Scenario> load(const std::string& file,
                             const std::vector<ScenarioOverride>& overrides, Problems problems) {
    ValidationReport report;
    std::optional<Scenario> scenario;
    if (file != "-" && overrides.empty()) {
        scenario = loadScenarioFile(file, report);
    } else {
        // Standard input and files alike are read up to the scenario cap, never without end.
        std::string text;
        if (file == "-") {
            char chunk[65536];
            while (std::cin.read(chunk, sizeof chunk) || std::cin.gcount() > 0) {
                text.append(chunk, static_cast<std::size_t>(std::cin.gcount()));
                if (text.size() > kScenarioFile.maxBytes) {
                    report.add({}, "the scenario on standard input is larger than " +
                                       formatBytes(kScenarioFile.maxBytes) + ", the limit");
                    break;
                }
            }
        } else {
            std::string error;
            if (auto bytes = readBoundedFile(file, kScenarioFile, error))
                text = std::move(*bytes);
            else
                report.add({}, error);
        }
        const std::string base =
            file == "-" ? std::string() : fs::path(file).parent_path().string();
        auto json = report.ok() ? parseJsonText(text, "a scenario", report) : std::nullopt;
        const bool duplicates = !report.ok();
        for (const ScenarioOverride& o : overrides)
            if (json)
                if (std::string error = applyOverride(*json, o); !error.empty())
                    report.add({}, std::move(error));
        // Read even after a bad --set (that one is left out), so every problem shows at once.
        if (json) scenario = scenarioFromJson(*json, report, base);
        if (duplicates || !report.ok()) scenario.reset();
    }
    if (!scenario) {
        for (ValidationIssue issue : report.issues()) {
            for (const ScenarioOverride& o : overrides)
                if (issue.path.starts_with(o.path) &&
                    (issue.path.size() == o.path.size() || issue.path[o.path.size()] == '.' ||
                     issue.path[o.path.size()] == '[')) {
                    issue.message += " (from --set " + o.path + ")";
                    break;
                }
            problems.add(displayName(file), issue);
        }
    }
    return scenario;
}

/// The pricing table a scenario names, or the bundled default (see resourcesDir()).
std::optional<PricingTable> loadPricing(const Scenario& scenario, const std::string& scenarioFile,
                                        Problems problems) {
    if (!scenario.cost) return std::nullopt;
    fs::path path;
    if (!scenario.pricingFile.empty()) {
        const fs::path base =
            scenarioFile == "-" ? fs::path() : fs::path(scenarioFile).parent_path();
        path = base / scenario.pricingFile;
    } else if (const fs::path dir = resourcesDir(); !dir.empty()) {
        path = defaultPricingFile(dir);
    }
    if (path.empty()) {
        problems.add({}, "no pricing table found; cost figures are left out");
        return std::nullopt;
    }
    PricingLoadResult loaded = loadPricingFile(path);
    if (!loaded.table) {
        for (const auto& issue : loaded.report.issues()) problems.add(path.string(), issue);
        return std::nullopt;
    }
    ValidationReport report;
    validateCostConfig(*scenario.cost, *loaded.table, report);
    if (!report.ok()) {
        for (const auto& issue : report.issues()) problems.add(displayName(scenarioFile), issue);
        return std::nullopt;
    }
    return loaded.table;
}

std::optional<Scenario> loadScenario(const std::string& file, std::ostream& err) {
    return load(file, {}, err);
}

std::optional<PricingTable> loadPricing(const Scenario& scenario, const std::string& scenarioFile,
                                        std::ostream& err) {
    return loadPricing(scenario, scenarioFile, Problems(err));
}

namespace {

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

/// The headline figures, in the order they are printed: the run's figures that studies use too.
using Figure = StudyFigure;
const std::vector<StudyFigure>& figures() { return studyFigures(); }

nlohmann::json breakdownJson(const RunResult& r) {
    nlohmann::json j;
    for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
        j[toString(static_cast<TimeCategory>(c))] = r.meanBreakdownMs(static_cast<TimeCategory>(c));
    return j;
}

/// The median request's breakdown beside the tail's (RunResult::tail).
nlohmann::json tailJson(const RunResult& r) {
    nlohmann::json j;
    const std::array<std::pair<std::string, const TailBreakdown*>, 3> groups{
        {{"median", &r.tail.median}, {"p99", &r.tail.p99}, {"p999", &r.tail.p999}}};
    for (const auto& [name, tail] : groups) {
        nlohmann::json breakdown;
        for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
            breakdown[toString(static_cast<TimeCategory>(c))] = tail->meanMs[c];
        j[name] = {{"requests", tail->requests},
                   {"latencyMs", tail->meanLatencyMs},
                   {"breakdownMs", breakdown}};
    }
    return j;
}

nlohmann::json summaryJson(const RunResult& r) {
    nlohmann::json j = {{"scenario", r.scenarioName},
                        {"seed", r.seed},
                        {"status", toString(r.status)},
                        {"statusMessage", r.statusMessage},
                        {"simulatedSeconds", toSeconds(r.simulatedTime)},
                        {"completed", r.completed},
                        {"measured", r.latency.count()},
                        {"eventsProcessed", r.eventsProcessed},
                        {"eventsPerSecond", r.eventsPerSecond()},
                        {"wallSeconds", r.wallSeconds},
                        {"fingerprint", r.fingerprint()},
                        {"breakdownMs", breakdownJson(r)},
                        {"tail", tailJson(r)}};
    nlohmann::json latency;
    nlohmann::json jobs;
    for (const Figure& f : figures()) {
        const std::string key = f.key;
        // Job figures only for runs with queues, in an object of their own.
        if (f.needsJobs) {
            if (r.jobs) jobs[key] = f.value(r);
        } else if (key == "meanMs" || key.ends_with("Ms"))
            latency[key.substr(0, key.size() - 2)] = f.value(r);
        else
            j[key] = f.value(r);
    }
    j["latencyMs"] = latency;
    if (r.jobs) {
        jobs["enqueued"] = r.jobs->enqueued;
        jobs["completed"] = r.jobs->completed;
        jobs["meanInSystem"] = r.jobs->meanHeld;
        j["jobs"] = jobs;
    }
    if (r.cost) {
        nlohmann::json lines = nlohmann::json::array();
        for (const auto& line : r.cost->lines)
            lines.push_back({{"item", line.item}, {"label", line.label}, {"quantity", line.quantity},
                             {"unit", line.unit}, {"unitPrice", line.unitPrice}, {"cost", line.cost}});
        j["cost"] = {{"currency", r.cost->currency}, {"total", r.cost->total},
                     {"monthly", r.cost->monthlyCost}, {"lines", lines}, {"notes", r.cost->notes}};
    }
    return j;
}

/// A label padded to the table's first column: as wide as the longest label and two spaces, so
/// no label runs into its value ("highest component utilisation" is 29 characters).
std::string labelColumn(std::string label) {
    static const std::size_t width = [] {
        std::size_t widest = 26;
        for (const Figure& f : figures()) widest = std::max(widest, std::string(f.label).size());
        return widest + 2;
    }();
    label.resize(std::max(width, label.size() + 2), ' ');
    return label;
}

void printSummary(const RunResult& r, std::ostream& out) {
    out << labelColumn("scenario") << r.scenarioName << " (seed " << r.seed << ")\n"
        << labelColumn("status")
        << (r.statusMessage.empty() ? toString(r.status) : r.statusMessage) << '\n'
        << labelColumn("simulated") << fixed(toSeconds(r.simulatedTime), 3) << " s\n"
        << labelColumn("completed") << r.completed << " requests (" << r.latency.count()
        << " after warm-up)\n";
    for (const Figure& f : figures()) {
        if (f.needsPricing && !r.cost) continue;
        if (f.needsJobs && !r.jobs) continue;
        out << labelColumn(f.label) << fixed(f.value(r), f.decimals) << (f.unit[0] ? " " : "") << f.unit << '\n';
    }
    out << labelColumn("time per request (ms)");
    for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
        out << toString(static_cast<TimeCategory>(c)) << ' '
            << fixed(r.meanBreakdownMs(static_cast<TimeCategory>(c)), 2)
            << (c + 1 < kTimeCategoryCount ? ", " : "\n");
    // The mean hides the tail: what the median request and the slowest ones spent their time on.
    const std::array<std::pair<std::string, const TailBreakdown*>, 3> groups{
        {{labelColumn("median request (ms)"), &r.tail.median},
         {labelColumn("p99 and slower (ms)"), &r.tail.p99},
         {labelColumn("p99.9 and slower (ms)"), &r.tail.p999}}};
    for (const auto& [label, tail] : groups) {
        if (tail->requests <= 0) continue;
        out << label << fixed(tail->meanLatencyMs, 2) << ':';
        for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
            if (tail->meanMs[c] > 0)
                out << ' ' << toString(static_cast<TimeCategory>(c)) << ' '
                    << fixed(tail->meanMs[c], 2);
        out << '\n';
    }
    out << labelColumn("events") << r.eventsProcessed << '\n'
        << labelColumn("events/s") << fixed(r.eventsPerSecond(), 0) << '\n'
        << labelColumn("wall") << fixed(r.wallSeconds, 3) << " s\n";
}

std::string secondsText(double seconds) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", seconds);
    return buffer;
}

/// The theory block: each formula that applies beside the simulated figure, Little's law, and the
/// warm-up MSER-5 detects against the scenario's.
void printTheory(const theory::TheoryComparison& c, std::ostream& out) {
    out << "theory beside simulation ("
        << (c.replications > 1 ? "99% CI over replications" : "one run") << ")\n";
    const auto lines = theory::theoryLines(c);
    if (lines.empty()) out << "  no formula applies to this scenario\n";
    for (const std::string& line : lines) out << "  " << line << '\n';
    out << "detected warm-up: "
        << (c.detectedWarmup.available
                ? secondsText(c.detectedWarmup.seconds) + " s" +
                      (c.detectedWarmup.reliable ? "" : " (the transient may last longer)")
                : std::string("not enough windows to say"))
        << " (scenario warm-up: " << secondsText(c.scenarioWarmupS) << " s)\n"
        << "warm-up used: " << c.warmupUsed << '\n';
}

/// Writes windows.csv and summary.csv; "" on success, else what failed.
std::string writeCsv(const RunResult& r, const std::string& directory) {
    OutputFile windows((fs::path(directory) / "windows.csv").string());
    windows.write(
        "start_s,end_s,arrivals,completed,throughput_per_s,mean_ms,p50_ms,p90_ms,p95_ms,"
        "p99_ms,p999_ms,max_ms,throttled,rejected,timed_out,payload,cold_starts,"
        "cold_start_fraction,utilization,queue_length,cache_hit_ratio,db_connections,"
        "cost_accrued,retries_exhausted,breaker_open,shed,unavailable,failed,retries");
    // A scenario with queues also gets its jobs' columns; one without has none to fill.
    const bool withJobs = r.jobs.has_value();
    if (withJobs)
        windows.write(
            ",jobs_completed,job_mean_ms,job_p50_ms,job_p99_ms,job_max_ms,queue_depth,"
            "oldest_message_age_s,jobs_dead_lettered");
    windows.write("\n");
    std::ostringstream row;
    for (const WindowRow& w : r.windows) {
        const LatencyWindow& l = w.latency;
        row.str({});
        row << toSeconds(l.start) << ',' << toSeconds(l.end) << ',' << w.arrivals << ','
            << l.completed << ',' << l.throughputPerS << ',' << l.meanNs * 1e-6 << ','
            << toMillis(l.p50) << ',' << toMillis(l.p90) << ',' << toMillis(l.p95) << ','
            << toMillis(l.p99) << ',' << toMillis(l.p999) << ',' << toMillis(l.max) << ','
            << w.errors[0] << ',' << w.errors[1] << ',' << w.errors[2] << ',' << w.errors[3]
            << ',' << w.coldStarts << ',' << w.coldStartFraction << ',' << w.utilization << ','
            << w.meanQueueLength << ',' << w.cacheHitRatio << ',' << w.databaseConnectionsInUse
            << ',' << w.costAccrued;
        for (const ErrorReason reason : {ErrorReason::RetriesExhausted, ErrorReason::BreakerOpen,
                                         ErrorReason::Shed, ErrorReason::Unavailable,
                                         ErrorReason::Failed})
            row << ',' << w.errors[static_cast<std::size_t>(reason)];
        row << ',' << w.retries;
        if (withJobs) {
            const JobWindow jobs = w.jobs.value_or(JobWindow{});
            const LatencyWindow& j = jobs.latency;
            row << ',' << j.completed << ',' << j.meanNs * 1e-6 << ',' << toMillis(j.p50) << ','
                << toMillis(j.p99) << ',' << toMillis(j.max) << ',' << jobs.queueDepth << ','
                << jobs.oldestAgeS << ',' << jobs.deadLettered;
        }
        row << '\n';
        windows.write(row.str());
    }
    if (std::string error = windows.close(); !error.empty()) return error;

    OutputFile summary((fs::path(directory) / "summary.csv").string());
    row.str({});
    row << "metric,value\n";
    for (const Figure& f : figures()) row << f.key << ',' << f.value(r) << '\n';
    for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
        row << "breakdown " << toString(static_cast<TimeCategory>(c)) << " ms,"
            << r.meanBreakdownMs(static_cast<TimeCategory>(c)) << '\n';
    summary.write(row.str());
    return summary.close();
}

std::uint64_t memoryBudgetBytes(const std::optional<std::uint64_t>& mb) {
    return mb ? *mb << 20 : kDefaultMemoryBudgetBytes;
}

/// Reports a run that did not complete (overloaded or failed) on `err`; returns the exit status.
int reportOverload(const RunResult& r, const std::string& file, std::ostream& err) {
    if (r.status == RunStatus::Failed) {
        err << "archsim-cli: " << file << ": run " << r.statusMessage << '\n';
        return kExitRunFailed;
    }
    if (r.status != RunStatus::Overloaded) return kExitOk;
    err << "archsim-cli: " << file << ": run " << r.statusMessage
        << "; the system cannot keep up with the workload\n";
    return kExitRunFailed;
}

/// The replicated summary; `precision` (for --precision) says how the count was reached.
int runReplicated(const RunCommand& command, const Scenario& scenario,
                  const std::optional<PricingTable>& pricing, std::ostream& out, std::ostream& err) {
    const std::uint64_t seed = command.seed.value_or(scenario.seed);
    std::vector<RunResult> results;
    nlohmann::json precision;
    std::string precisionLine;
    if (command.precision) {
        PrecisionRequest request;
        request.figure = findStudyFigure(command.precisionFigure);
        request.relativeHalfWidth = *command.precision;
        request.maxReplications = command.maxReplications;
        request.seed = seed;
        request.pricing = pricing ? &*pricing : nullptr;
        request.threads = command.threads;
        request.memoryBudgetBytes = memoryBudgetBytes(command.memoryBudgetMb);
        PrecisionResult p = runToPrecision(scenario, request);
        results = std::move(p.runs);
        precision = {{"figure", request.figure->key},
                     {"target", request.relativeHalfWidth},
                     {"reached", p.reached},
                     {"relativeHalfWidth", std::isfinite(p.relativeHalfWidth)
                                               ? nlohmann::json(p.relativeHalfWidth)
                                               : nlohmann::json()},
                     {"replications", results.size()},
                     {"maxReplications", request.maxReplications}};
        precisionLine = "precision: " + request.figure->key + " +-" +
                        fixed(100 * p.relativeHalfWidth, 1) + "% after " +
                        std::to_string(results.size()) + " replications, " +
                        (p.reached ? "target +-" + fixed(100 * request.relativeHalfWidth, 1) +
                                         "% reached"
                                   : "target +-" + fixed(100 * request.relativeHalfWidth, 1) +
                                         "% NOT reached (cap " +
                                         std::to_string(request.maxReplications) + ")") +
                        "\n";
    } else {
        results = runReplications(scenario, seed, command.replications,
                                  pricing ? &*pricing : nullptr, command.threads,
                                  memoryBudgetBytes(command.memoryBudgetMb));
    }
    nlohmann::json json = {{"scenario", scenario.name}, {"seed", seed},
                           {"replications", results.size()}, {"confidence", 0.95}};
    if (!precision.is_null()) json["precision"] = precision;
    if (!command.json)
        out << "scenario " << scenario.name << ", seed " << seed << ", " << results.size()
            << " replications (95% confidence intervals)\n"
            << precisionLine;
    for (const Figure& f : figures()) {
        if ((std::string(f.key) == "monthlyCost" || std::string(f.key) == "costPerMillion") &&
            !pricing)
            continue;
        std::vector<double> values;
        for (const auto& r : results) values.push_back(f.value(r));
        const ConfidenceInterval ci = meanConfidenceInterval(values, 0.95);
        if (command.json) {
            json["figures"][f.key] = {{"mean", ci.mean}, {"halfWidth", ci.halfWidth},
                                      {"low", ci.low()}, {"high", ci.high()}};
        } else {
            out << labelColumn(f.label) << fixed(ci.mean, f.decimals) << " +- " << fixed(ci.halfWidth, f.decimals)
                << (f.unit[0] ? " " : "") << f.unit << '\n';
        }
    }
    const theory::TheoryComparison comparison = theory::compareTheory(scenario, results);
    if (command.json) {
        json["theory"] = theory::toJson(comparison);
        out << json.dump(2) << '\n';
    } else {
        printTheory(comparison, out);
    }
    int status = kExitOk;
    for (const auto& r : results) status = std::max(status, reportOverload(r, command.file, err));
    return status;
}

}  // namespace

int runCommand(const RunCommand& command, std::ostream& out, std::ostream& err) {
    auto scenario = load(command.file, command.overrides, err);
    if (!scenario) return kExitBadInput;
    const auto pricing = loadPricing(*scenario, command.file, err);
    if (scenario->cost && !pricing) return kExitBadInput;
    if (command.replications > 1 || command.precision)
        return runReplicated(command, *scenario, pricing, out, err);

    RunOptions options;
    options.seed = command.seed.value_or(scenario->seed);
    options.pricing = pricing ? &*pricing : nullptr;
    options.memoryBudgetBytes = memoryBudgetBytes(command.memoryBudgetMb);
    // Checked before the run, which may take long, rather than after it.
    if (!command.csvDirectory.empty()) {
        if (const std::string error = checkOutputDirectory(command.csvDirectory); !error.empty()) {
            err << "archsim-cli: " << error << '\n';
            return kExitWriteFailed;
        }
    }
    const RunResult r = runScenario(*scenario, options);
    const theory::TheoryComparison comparison = theory::compareTheory(*scenario, {r});
    if (command.json) {
        nlohmann::json j = summaryJson(r);
        j["theory"] = theory::toJson(comparison);
        out << j.dump(2) << '\n';
    } else {
        printSummary(r, out);
        printTheory(comparison, out);
    }
    if (!command.csvDirectory.empty()) {
        const std::string error = writeCsv(r, command.csvDirectory);
        if (!error.empty()) {
            err << "archsim-cli: " << error << '\n';
            return kExitWriteFailed;
        }
    }
    return reportOverload(r, command.file, err);
}

bool knownPrecisionFigure(const std::string& name) { return findStudyFigure(name) != nullptr; }

std::string precisionFigureNames() {
    std::string names = "p50, p90, p95, p99, p99.9, mean";
    for (const StudyFigure& f : studyFigures())
        if (!f.key.ends_with("Ms")) names += ", " + f.key;
    return names;
}

int compareCommand(const CompareCommand& command, std::ostream& out, std::ostream& err) {
    auto first = load(command.first, command.overrides, err);
    auto second = load(command.second, command.overrides, err);
    if (!first || !second) return kExitBadInput;
    const auto firstPricing = loadPricing(*first, command.first, err);
    const auto secondPricing = loadPricing(*second, command.second, err);
    if ((first->cost && !firstPricing) || (second->cost && !secondPricing)) return kExitBadInput;
    // Common random numbers: one seed for both, so both see the same arrivals.
    const std::uint64_t seed = command.seed.value_or(first->seed);
    RunResult a, b;
    const std::vector<std::function<void()>> jobs{
        [&] {
            RunOptions o;
            o.seed = seed;
            o.pricing = firstPricing ? &*firstPricing : nullptr;
            o.memoryBudgetBytes = memoryBudgetBytes(command.memoryBudgetMb);
            a = runScenario(*first, o);
        },
        [&] {
            RunOptions o;
            o.seed = seed;
            o.pricing = secondPricing ? &*secondPricing : nullptr;
            o.memoryBudgetBytes = memoryBudgetBytes(command.memoryBudgetMb);
            b = runScenario(*second, o);
        }};
    parallelFor(jobs.size(), command.threads, [&](std::size_t i) { jobs[i](); });

    // Cost against traffic: each level simulated for both scenarios, then the crossover.
    std::vector<CostPoint> curveA, curveB;
    std::optional<Crossover> crossover;
    if (!command.trafficLevels.empty()) {
        if (!firstPricing || !secondPricing) {
            err << "archsim-cli: --traffic needs a \"cost\" section in both scenarios\n";
            return kExitBadInput;
        }
        curveA = costVersusTraffic(*first, command.trafficLevels, seed, *firstPricing,
                                   command.threads);
        curveB = costVersusTraffic(*second, command.trafficLevels, seed, *secondPricing,
                                   command.threads);
        crossover = findCrossover(curveA, curveB);
    }

    if (command.json) {
        nlohmann::json j{{"seed", seed}, {"first", summaryJson(a)}, {"second", summaryJson(b)}};
        if (!command.trafficLevels.empty()) {
            nlohmann::json curve = nlohmann::json::array();
            for (std::size_t i = 0; i < curveA.size(); ++i)
                curve.push_back({{"ratePerS", curveA[i].ratePerS},
                                 {"firstMonthly", curveA[i].monthlyCost},
                                 {"secondMonthly", curveB[i].monthlyCost}});
            j["costCurve"] = curve;
            j["crossover"] = crossover ? nlohmann::json{{"ratePerS", crossover->ratePerS},
                                                        {"monthlyCost", crossover->monthlyCost},
                                                        {"firstCheaperBelow", crossover->firstCheaperBelow}}
                                       : nlohmann::json();
        }
        out << j.dump(2) << '\n';
    } else {
        const auto column = [](std::string text, std::size_t width) {
            if (text.size() > width) text.resize(width);
            text.resize(width, ' ');
            return text;
        };
        out << "common random numbers, seed " << seed << "\n"
            << labelColumn("") << column(a.scenarioName, 32) << "  " << column(b.scenarioName, 32)
            << "  difference\n";
        for (const Figure& f : figures()) {
            const double va = f.value(a), vb = f.value(b);
            std::string diff = fixed(vb - va, f.decimals);
            if (va != 0) diff += " (" + fixed(100.0 * (vb - va) / va, 1) + "%)";
            out << labelColumn(f.label) << column(fixed(va, f.decimals) + " " + f.unit, 32) << "  "
                << column(fixed(vb, f.decimals) + " " + f.unit, 32) << "  " << diff << '\n';
        }
        if (!command.trafficLevels.empty()) {
            out << "\nmonthly cost against traffic (each level simulated)\n";
            for (std::size_t i = 0; i < curveA.size(); ++i)
                out << column(fixed(curveA[i].ratePerS, 2) + " req/s", 27)
                    << column(fixed(curveA[i].monthlyCost, 2) + " USD", 32) << "  "
                    << fixed(curveB[i].monthlyCost, 2) << " USD\n";
            if (crossover)
                out << "crossover at " << fixed(crossover->ratePerS, 2) << " req/s ("
                    << fixed(crossover->monthlyCost, 2) << " USD a month): "
                    << (crossover->firstCheaperBelow ? a.scenarioName : b.scenarioName)
                    << " is cheaper below it\n";
            else
                out << "no crossover between these traffic levels\n";
        }
    }
    return std::max(reportOverload(a, command.first, err), reportOverload(b, command.second, err));
}

int validateCommand(const ValidateCommand& command, std::ostream& out, std::ostream& err) {
    std::vector<Problems::Entry> found;
    const Problems problems(err, &found);
    auto scenario = load(command.file, command.overrides, problems);
    const bool valid =
        scenario && (!scenario->cost || loadPricing(*scenario, command.file, problems));
    if (command.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& p : found)
            list.push_back(
                {{"file", p.file}, {"path", p.issue.path}, {"message", p.issue.message}});
        out << nlohmann::json{{"file", displayName(command.file)}, {"valid", valid},
                              {"problems", list}}
                   .dump(2)
            << '\n';
    } else if (valid) {
        out << displayName(command.file) << ": valid\n";
    }
    return valid ? kExitOk : kExitBadInput;
}

}  // namespace archsim::cli
