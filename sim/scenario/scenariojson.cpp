// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/scenariojson.h"

// Reading happens in two passes over the topology: first every component is read field by field
// (each problem reported at its path, ids collected), then the references between components
// (entry, gateway.next, call and cache steps) are resolved and the call graph is checked for
// cycles and for chains of calls deeper than the engine supports, because a step may name a
// component declared further down the file.
//
// Writing builds an ordered_json so that the saved file reads top-down in the documented order
// (formatVersion first, id first in each component) instead of alphabetically.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <utility>
#include <vector>

#include "sim/model/enginelimits.h"
#include "sim/scenario/atomicfile.h"
#include "sim/scenario/boundedfile.h"
#include "sim/scenario/jsonreader.h"

namespace archsim {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Limits that keep a run on a desktop machine: beyond them the input is a typo, not a scenario.
constexpr double kMaxRatePerS = 10'000'000;    // ten million requests per second
constexpr double kMaxDurationS = 31 * 86'400;  // a month of simulated time
constexpr double kMaxDurationMs = kMaxDurationS * 1000;
constexpr double kMaxPayloadKb = 10'000'000;  // 10 GB
constexpr double kMaxWindows = 1'000'000;     // rows of the time series
constexpr double kMaxZipfExponent = 10;       // beyond this one key takes all the traffic
constexpr double kMaxInFlightTarget = 1'000'000;
constexpr double kMaxScaleOutPerS = 1'000'000;  // instance starts per second
constexpr std::int64_t kMaxInstances = 1'000'000;
constexpr std::int64_t kMaxReplicas = 100'000;
constexpr std::int64_t kMaxConcurrency = 100'000;  // requests at once per instance/replica/station
constexpr std::int64_t kMaxQueueCapacity = 10'000'000;
constexpr std::int64_t kMaxKeys = 100'000'000;
constexpr std::int64_t kMaxCacheCapacity = 100'000'000;
constexpr std::int64_t kMaxUsers = 1'000'000;
constexpr std::int64_t kMaxConnections = 1'000'000;
constexpr std::int64_t kMaxInFlightLimit = 100'000'000;
constexpr std::int64_t kMaxCompletedLimit = std::int64_t{1} << 50;
constexpr std::int64_t kMaxFormatVersion = 1'000'000;
// Figures the reader computes (a window count, a 99th percentile) are rounded to this many digits
// in messages; a number the user typed is quoted exactly.
constexpr int kFigureDigits = 12;
// Deep enough for any real handler, shallow enough that a hostile file cannot exhaust the stack.
constexpr int kMaxStepNesting = 8;
// The engine's own limits (sim/model/enginelimits.h) bound what the range checks above may allow.
// A cache step at nesting level d has at most d - 1 cache steps around it.
static_assert(kMaxStepNesting <= static_cast<int>(kMaxCacheNesting));
static_assert(static_cast<std::size_t>(kMaxInstances) <= kMaxSlotsPerPool);
static_assert(static_cast<std::size_t>(kMaxReplicas) <= kMaxSlotsPerPool);
static_assert(static_cast<std::uint64_t>(kMaxInFlightLimit) < kMaxRequestsInFlight);
// 20 million timestamps are 160 MB: about two days of a 100 requests/s trace.
constexpr std::size_t kMaxTraceArrivals = 20'000'000;
// A trace with a broken column would otherwise produce one issue per line.
constexpr std::size_t kMaxTraceIssues = 10;

/// The largest 99th percentile a distribution-valued field may have, with its unit for messages.
struct DistributionLimit {
    double max;
    const char* unit;
    const char* meaning;  ///< the limit in words
};
constexpr DistributionLimit kLatencyLimit{kMaxDurationMs, "ms", "31 days"};
constexpr DistributionLimit kPeriodLimit{kMaxDurationS, "s", "31 days"};
constexpr DistributionLimit kPayloadLimit{kMaxPayloadKb, "KB", "10 GB"};

// ---- enum keywords ----------------------------------------------------------------------------

template <typename Enum>
struct Keyword {
    Enum value;
    std::string_view text;
};

constexpr std::array kWorkloadTypes{
    Keyword<WorkloadType>{WorkloadType::Poisson, "poisson"},
    Keyword<WorkloadType>{WorkloadType::Schedule, "schedule"},
    Keyword<WorkloadType>{WorkloadType::OnOff, "on-off"},
    Keyword<WorkloadType>{WorkloadType::Closed, "closed"},
    Keyword<WorkloadType>{WorkloadType::Trace, "trace"},
};
constexpr std::array kOverflowPolicies{
    Keyword<OverflowPolicy>{OverflowPolicy::Throttle, "throttle"},
    Keyword<OverflowPolicy>{OverflowPolicy::Queue, "queue"},
};
constexpr std::array kInstancePicks{
    Keyword<InstancePick>{InstancePick::MostRecentlyUsed, "most-recently-used"},
    Keyword<InstancePick>{InstancePick::Any, "any"},
};
constexpr std::array kBalancerPolicies{
    Keyword<BalancerPolicy>{BalancerPolicy::RoundRobin, "round-robin"},
    Keyword<BalancerPolicy>{BalancerPolicy::Random, "random"},
    Keyword<BalancerPolicy>{BalancerPolicy::LeastOutstanding, "least-outstanding"},
    Keyword<BalancerPolicy>{BalancerPolicy::PowerOfTwoChoices, "power-of-two-choices"},
};
constexpr std::array kScalingMetrics{
    Keyword<ScalingMetric>{ScalingMetric::Utilization, "utilization"},
    Keyword<ScalingMetric>{ScalingMetric::InFlightPerReplica, "in-flight-per-replica"},
};
constexpr std::array kCachePlacements{
    Keyword<CachePlacement>{CachePlacement::InProcess, "in-process"},
    Keyword<CachePlacement>{CachePlacement::Remote, "remote"},
};

template <typename Enum, std::size_t N>
std::string_view keywordOf(Enum value, const std::array<Keyword<Enum>, N>& table) {
    for (const auto& entry : table)
        if (entry.value == value) return entry.text;
    return "?";  // only reachable with a value cast from outside the enum's range
}

/// Reads an enum field written as one of the table's keywords.
template <typename Enum, std::size_t N>
std::optional<Enum> readKeyword(JsonObjectReader& reader, const std::string& key, bool required,
                                const std::array<Keyword<Enum>, N>& table) {
    std::vector<std::string> allowed;
    for (const auto& entry : table) allowed.emplace_back(entry.text);
    const auto text = reader.choice(key, required, allowed);
    if (!text) return std::nullopt;
    for (const auto& entry : table)
        if (entry.text == *text) return entry.value;
    return std::nullopt;
}

// ---- components and references ----------------------------------------------------------------

enum class ComponentKind { Gateway, Function, Servers, Cache, Database, Hop, Station };

std::string kindName(ComponentKind kind) {
    switch (kind) {
        case ComponentKind::Gateway:
            return "gateway";
        case ComponentKind::Function:
            return "function pool";
        case ComponentKind::Servers:
            return "server pool";
        case ComponentKind::Cache:
            return "cache";
        case ComponentKind::Database:
            return "database";
        case ComponentKind::Hop:
            return "network hop";
        case ComponentKind::Station:
            return "station";
    }
    return "component";
}

/// Components that hold a request while it waits on what they pass it to: the nodes of the call
/// graph that can close a cycle.
bool isForwarding(ComponentKind kind) {
    return kind == ComponentKind::Gateway || kind == ComponentKind::Function ||
           kind == ComponentKind::Servers;
}

/// What a reference is for decides which kinds of component it may name.
enum class ReferenceKind { Entry, Next, Call, Cache };

bool accepts(ReferenceKind reference, ComponentKind kind) {
    switch (reference) {
        case ReferenceKind::Entry:
            return isForwarding(kind) || kind == ComponentKind::Station;
        case ReferenceKind::Next:
            // A station is a model of its own (the engine's validated fast path), run only when
            // requests arrive at it directly; nothing inside a topology can pass requests to it.
            return isForwarding(kind);
        case ReferenceKind::Call:
            return isForwarding(kind) || kind == ComponentKind::Database ||
                   kind == ComponentKind::Hop;
        case ReferenceKind::Cache:
            return kind == ComponentKind::Cache;
    }
    return false;
}

std::string acceptedKinds(ReferenceKind reference) {
    switch (reference) {
        case ReferenceKind::Entry:
            return "requests can only arrive at a gateway, function pool, server pool or station";
        case ReferenceKind::Next:
            return "a gateway can only pass requests to a gateway, function pool or server pool (a "
                   "station runs only as the topology's entry)";
        case ReferenceKind::Call:
            return "a call must name a database, network hop, gateway, function pool or server "
                   "pool (a cache is looked up with a \"cache\" step)";
        case ReferenceKind::Cache:
            return "a cache step must name a cache";
    }
    return {};
}

// ---- trace files --------------------------------------------------------------------------------

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

/// The distribution of the request sizes read from a trace's payload column: every size when
/// there are few, else 1001 percentiles (so a long trace costs kilobytes, not a copy of itself).
DistributionPtr payloadDistribution(std::vector<double> sizes) {
    if (sizes.empty()) return nullptr;
    std::sort(sizes.begin(), sizes.end());
    if (sizes.front() == sizes.back()) return makeConstant(sizes.front());
    constexpr std::size_t kPoints = 1001;
    std::vector<std::pair<double, double>> points;
    const double last = static_cast<double>(sizes.size() - 1);
    if (sizes.size() <= kPoints) {
        for (std::size_t i = 0; i < sizes.size(); ++i)
            points.emplace_back(static_cast<double>(i) / last, sizes[i]);
    } else {
        for (std::size_t i = 0; i < kPoints; ++i) {
            const double p = static_cast<double>(i) / (kPoints - 1);
            // Linear between the order statistics around p, as the samples form interpolates.
            const double at = p * last;
            const auto below = static_cast<std::size_t>(std::floor(at));
            const std::size_t above = std::min(below + 1, sizes.size() - 1);
            const double x =
                sizes[below] + (sizes[above] - sizes[below]) * (at - static_cast<double>(below));
            points.emplace_back(p, std::max(x, points.empty() ? x : points.back().second));
        }
        points.back().first = 1;
    }
    return makeEmpirical(std::move(points));
}

// ---- the reader ---------------------------------------------------------------------------------

class ScenarioReader {
public:
    ScenarioReader(ValidationReport& report, std::string baseDirectory)
        : m_report(report), m_baseDirectory(std::move(baseDirectory)) {}

    std::optional<Scenario> read(const json& document);

private:
    struct Component {
        ComponentKind kind;
        std::string path;
    };
    struct Reference {
        std::string from;  ///< id of the component whose field it is ("" for the entry)
        std::string target;
        std::string path;
        ReferenceKind kind;
    };

    void readRun(JsonObjectReader& root, RunSettings& run);
    void readWorkload(JsonObjectReader& root, WorkloadSpec& workload);
    void readSchedule(JsonObjectReader& reader, WorkloadSpec& workload);
    void readTrace(JsonObjectReader& reader, WorkloadSpec& workload);
    /// The optional "trace" object: which columns hold what. False if it has a problem.
    bool readTraceColumns(JsonObjectReader& reader, TraceColumns& columns);
    void readTopology(JsonObjectReader& root, TopologySpec& topology);

    template <typename Spec>
    void readComponents(JsonObjectReader& topology, const std::string& key, ComponentKind kind,
                        std::vector<Spec>& specs,
                        void (ScenarioReader::*readFields)(JsonObjectReader&, Spec&));
    std::string readId(JsonObjectReader& reader, ComponentKind kind);
    void readGateway(JsonObjectReader& reader, GatewaySpec& gateway);
    void readFunction(JsonObjectReader& reader, FunctionPoolSpec& function);
    void readServers(JsonObjectReader& reader, ServerPoolSpec& servers);
    std::optional<AutoscalerSpec> readAutoscaler(JsonObjectReader& servers);
    void readCache(JsonObjectReader& reader, CacheSpec& cache);
    void readDatabase(JsonObjectReader& reader, DatabaseSpec& database);
    void readHop(JsonObjectReader& reader, NetworkHopSpec& hop);
    void readStation(JsonObjectReader& reader, StationSpec& station);

    /// The steps of a handler (depth 1), of a branch or of a cache miss (one deeper).
    std::vector<HandlerStep> readSteps(const json& steps, const std::string& path, int depth,
                                       const std::string& owner);
    HandlerStep readStep(const json& step, const std::string& path, int depth,
                         const std::string& owner);
    /// A component id in `key`, remembered for the reference pass.
    std::string readReference(JsonObjectReader& reader, const std::string& key, bool required,
                              ReferenceKind kind, const std::string& owner);

    DistributionPtr readDistribution(JsonObjectReader& reader, const std::string& key,
                                     bool required, const DistributionLimit& limit);
    DistributionPtr checkDistribution(const json& value, const std::string& path,
                                      const DistributionLimit& limit);

    /// The call graph between forwarding components (gateways and pools), by file order.
    struct CallGraph {
        struct Edge {
            std::size_t to;
            const Reference* reference;
        };
        std::map<std::string, std::size_t> index;
        std::vector<std::string> nodes;
        std::vector<std::vector<Edge>> edges;
    };
    CallGraph callGraph() const;
    void checkReferences();
    /// Reports every cycle; returns whether there was one.
    bool checkCycles(const CallGraph& graph);
    void checkCallDepth(const CallGraph& graph, const std::string& entry);
    void checkComponentCounts(JsonObjectReader& topology, const TopologySpec& spec);
    std::string suggestId(const std::string& id) const;

    ValidationReport& m_report;
    std::string m_baseDirectory;
    std::map<std::string, Component> m_components;
    std::vector<std::string> m_componentOrder;  ///< ids in file order, so reports are stable
    std::vector<Reference> m_references;
    bool m_duplicateIds = false;
};

std::optional<Scenario> ScenarioReader::read(const json& document) {
    const std::size_t issuesBefore = m_report.issues().size();
    if (!document.is_object()) {
        m_report.add("", "a scenario must be a JSON object ({\"formatVersion\": 1, ...}), got " +
                             describeJson(document));
        return std::nullopt;
    }
    JsonObjectReader root(document, "", m_report);
    // The version comes first: the rest of a newer file may well use fields this build does not
    // know, and a list of "unknown field" complaints would hide the one that matters.
    if (auto v = root.integer("formatVersion", true, 1, kMaxFormatVersion)) {
        if (*v > kScenarioFormatVersion) {
            m_report.add("formatVersion", "the file uses scenario format " + std::to_string(*v) +
                                              ", but this version of archsim reads formats up to " +
                                              std::to_string(kScenarioFormatVersion) +
                                              "; open it with a newer archsim");
            return std::nullopt;
        }
    }
    Scenario s;
    if (auto v = root.string("name", false)) s.name = *v;
    if (auto v = root.string("description", false)) s.description = *v;
    if (auto v = root.integer("seed", false, 0, std::numeric_limits<std::int64_t>::max()))
        s.seed = static_cast<std::uint64_t>(*v);
    readRun(root, s.run);
    readWorkload(root, s.workload);
    readTopology(root, s.topology);
    if (const json* cost = root.value("cost", false))
        s.cost = costConfigFromJson(*cost, m_report, root.fieldPath("cost"));
    if (auto v = root.string("pricingFile", false)) s.pricingFile = *v;
    root.reportUnknownFields();
    if (m_report.issues().size() != issuesBefore) return std::nullopt;
    return s;
}

void ScenarioReader::readRun(JsonObjectReader& root, RunSettings& run) {
    const json* value = root.value("run", false);
    if (!value) return;
    JsonObjectReader r(*value, root.fieldPath("run"), m_report);
    if (!r.isObject()) return;
    const std::size_t issuesBefore = m_report.issues().size();
    if (auto v = r.number("durationS", false, {0, kMaxDurationS, true, "s"})) run.durationS = *v;
    if (auto v = r.number("windowS", false, {0, kMaxDurationS, true, "s"})) run.windowS = *v;
    if (auto v = r.number("warmupS", false, {0, kMaxDurationS, false, "s"})) run.warmupS = *v;
    if (auto v = r.integer("maxCompleted", false, 1, kMaxCompletedLimit))
        run.maxCompleted = static_cast<std::uint64_t>(*v);
    if (auto v = r.integer("maxInFlight", false, 1, kMaxInFlightLimit))
        run.maxInFlight = static_cast<std::uint64_t>(*v);
    r.reportUnknownFields();
    // Relations between the fields only make sense once each field is valid on its own.
    if (m_report.issues().size() != issuesBefore) return;
    if (run.durationS / run.windowS > kMaxWindows)
        m_report.add(r.fieldPath("windowS"),
                     "gives " + formatNumber(run.durationS / run.windowS, kFigureDigits) +
                         " windows over the run; at most " + formatNumber(kMaxWindows) +
                         " are allowed, use a wider window");
    if (run.warmupS >= run.durationS && r.has("warmupS"))
        m_report.add(r.fieldPath("warmupS"),
                     "must be shorter than run.durationS (" + formatNumber(run.durationS) + " s)");
}

void ScenarioReader::readWorkload(JsonObjectReader& root, WorkloadSpec& workload) {
    const json* value = root.value("workload", true);
    if (!value) return;
    JsonObjectReader r(*value, root.fieldPath("workload"), m_report);
    if (!r.isObject()) return;
    const auto type = readKeyword(r, "type", true, kWorkloadTypes);
    // Without a valid type nobody knows which fields belong; the type error is the one to fix.
    if (!type) return;
    workload.type = *type;

    // A field of another type is most likely a leftover from editing the type; silently ignoring
    // it would run something other than what the user reads in the file.
    static const std::vector<std::pair<std::string, WorkloadType>> owners = {
        {"ratePerS", WorkloadType::Poisson},  {"schedule", WorkloadType::Schedule},
        {"onRatePerS", WorkloadType::OnOff},  {"offRatePerS", WorkloadType::OnOff},
        {"onDurationS", WorkloadType::OnOff}, {"offDurationS", WorkloadType::OnOff},
        {"users", WorkloadType::Closed},      {"thinkTimeMs", WorkloadType::Closed},
        {"traceFile", WorkloadType::Trace},   {"trace", WorkloadType::Trace},
    };
    for (const auto& [key, owner] : owners) {
        if (owner == *type || !r.has(key)) continue;
        r.fail(key, "is used only by workload type '" +
                        std::string(keywordOf(owner, kWorkloadTypes)) + "', not by '" +
                        std::string(keywordOf(*type, kWorkloadTypes)) + "'");
    }

    switch (*type) {
        case WorkloadType::Poisson:
            if (auto v = r.number("ratePerS", true, {0, kMaxRatePerS, true, "requests/s"}))
                workload.ratePerS = *v;
            break;
        case WorkloadType::Schedule:
            readSchedule(r, workload);
            break;
        case WorkloadType::OnOff: {
            if (auto v = r.number("onRatePerS", true, {0, kMaxRatePerS, true, "requests/s"}))
                workload.onRatePerS = *v;
            if (auto v = r.number("offRatePerS", false, {0, kMaxRatePerS, false, "requests/s"}))
                workload.offRatePerS = *v;
            workload.onDurationS = readDistribution(r, "onDurationS", true, kPeriodLimit);
            workload.offDurationS = readDistribution(r, "offDurationS", true, kPeriodLimit);
            // Periods that are always zero long would alternate forever without time passing.
            for (const auto& [key, period] : {std::pair{"onDurationS", workload.onDurationS},
                                              std::pair{"offDurationS", workload.offDurationS}}) {
                const auto mean = period ? period->mean() : std::nullopt;
                if (mean && !(*mean > 0))
                    m_report.add(r.fieldPath(key),
                                 "must not always be 0 s: a period needs a length");
            }
            break;
        }
        case WorkloadType::Closed:
            if (auto v = r.integer("users", true, 1, kMaxUsers))
                workload.users = static_cast<int>(*v);
            workload.thinkTimeMs = readDistribution(r, "thinkTimeMs", true, kLatencyLimit);
            break;
        case WorkloadType::Trace:
            readTrace(r, workload);
            break;
    }
    if (workload.type == WorkloadType::Trace && workload.traceColumns.hasPayload()) {
        // The sizes come from the trace; a second source would leave one of them unused.
        if (r.has("payloadKb"))
            r.fail("payloadKb",
                   "must not be given with trace.payloadColumn: the request sizes "
                   "come from the trace's column");
    } else {
        workload.payloadKb = readDistribution(r, "payloadKb", false, kPayloadLimit);
    }
    r.reportUnknownFields();
}

void ScenarioReader::readSchedule(JsonObjectReader& r, WorkloadSpec& workload) {
    const json* points = r.array("schedule", true);
    if (!points) return;
    const std::string path = r.fieldPath("schedule");
    if (points->empty()) m_report.add(path, "must list at least one point, the first at timeS 0");
    std::optional<double> previous;
    for (std::size_t i = 0; i < points->size(); ++i) {
        JsonObjectReader p((*points)[i], indexPath(path, i), m_report);
        if (!p.isObject()) continue;
        RatePoint point;
        const auto time = p.number("timeS", true, {0, kMaxDurationS, false, "s"});
        const auto rate = p.number("ratePerS", true, {0, kMaxRatePerS, false, "requests/s"});
        p.reportUnknownFields();
        if (time) {
            if (i == 0 && *time != 0)
                m_report.add(p.fieldPath("timeS"),
                             "the first point must be at 0 s, got " + formatNumber(*time));
            else if (previous && !(*time > *previous))
                m_report.add(p.fieldPath("timeS"), "must be later than the previous point (" +
                                                       formatNumber(*previous) + " s), got " +
                                                       formatNumber(*time));
            point.timeS = *time;
            previous = *time;
        }
        if (rate) point.ratePerS = *rate;
        workload.schedule.push_back(point);
    }
}

bool ScenarioReader::readTraceColumns(JsonObjectReader& workload, TraceColumns& columns) {
    if (!workload.has("trace")) return true;
    const std::size_t issuesBefore = m_report.issues().size();
    JsonObjectReader r(*workload.value("trace", false), workload.fieldPath("trace"), m_report);
    if (!r.isObject()) return false;
    // A column by header name (a string) or by position (an integer, 1 = the first column).
    const auto column = [&](const char* key, std::string& name, std::optional<std::size_t>& index) {
        const json* v = r.value(key, false);
        if (v == nullptr) return;
        if (v->is_string()) {
            name = v->get<std::string>();
            if (name.empty())
                r.fail(key, "must name a header column or give its position (1 = first)");
            return;
        }
        if (v->is_number_integer() || v->is_number_unsigned()) {
            if (auto position = r.integer(key, false, 1, 65'536))
                index = static_cast<std::size_t>(*position - 1);
            return;
        }
        r.fail(key,
               "must be a header name (\"timestamp\") or a position (1 = the first column), "
               "got " +
                   describeJson(*v));
    };
    std::optional<std::size_t> timeIndex;
    column("timeColumn", columns.timeColumn, timeIndex);
    columns.timeColumnIndex = timeIndex.value_or(0);
    const auto unit = r.choice("unit", false, {"s", "ms", "us", "ns"});
    if (unit) columns.unit = *traceTimeUnitFromKeyword(*unit);
    if (const auto base = r.choice("timeBase", false, {"offset", "epoch", "iso8601"})) {
        columns.base = *traceTimeBaseFromKeyword(*base);
        if (columns.base == TraceTimeBase::Iso8601 && unit)
            r.fail("unit", "does not apply to iso8601 times, which spell out their own");
    }
    if (const auto delimiter = r.choice("delimiter", false, {",", ";", "\t", "|"}))
        columns.delimiter = delimiter->front();
    column("payloadColumn", columns.payloadColumn, columns.payloadColumnIndex);
    if (const auto payloadUnit = r.choice("payloadUnit", false, {"B", "KB", "MB"})) {
        columns.payloadUnit = *tracePayloadUnitFromKeyword(*payloadUnit);
        if (!columns.hasPayload())
            r.fail("payloadUnit", "needs payloadColumn: it is the unit of that column");
    }
    r.reportUnknownFields();
    return m_report.issues().size() == issuesBefore;
}

void ScenarioReader::readTrace(JsonObjectReader& r, WorkloadSpec& workload) {
    const auto file = r.string("traceFile", true);
    const bool columnsOk = readTraceColumns(r, workload.traceColumns);
    if (!file) return;
    const std::string path = r.fieldPath("traceFile");
    if (file->empty()) {
        m_report.add(path, "must name a CSV file of arrival times");
        return;
    }
    workload.traceFile = *file;
    // Without knowing its columns the file cannot be read; the options' problem is the one to fix.
    if (!columnsOk) return;
    std::filesystem::path location(*file);
    if (location.is_relative() && !m_baseDirectory.empty())
        location = std::filesystem::path(m_baseDirectory) / location;
    // Read line by line: memory follows the arrivals kept, not the size of the file.
    BoundedFile in(location.string(), kTraceFile);
    if (!in.ok()) {
        m_report.add(path, in.error());
        return;
    }
    const std::string name = "trace file " + quotedPath(location.string());
    const TraceColumns& columns = workload.traceColumns;
    const bool plain = columns == TraceColumns{};
    TraceRowParser parser(columns);

    std::vector<std::int64_t> times;
    std::vector<double> sizes;
    std::size_t badLines = 0;
    const auto bad = [&](std::size_t lineNumber, const std::string& why) {
        if (++badLines <= kMaxTraceIssues)
            m_report.add(path, name + " line " + std::to_string(lineNumber) + ": " + why);
    };
    // Neither the first line nor the next holds a time: this is some other file, named by
    // mistake. Reading stops there, rather than quote line after line of it (it may hold secrets).
    const auto notATrace = [&] {
        m_report.add(path, name + (plain ? " does not look like a trace: it should hold one "
                                           "arrival time in seconds per line"
                                         : " does not look like a trace: its first row holds no "
                                           "arrival time where workload.trace says"));
    };
    constexpr std::int64_t kMaxSpanNs = static_cast<std::int64_t>(kMaxDurationS) * 1'000'000'000;
    // Absolute instants are rebased on the earliest; where the earliest and latest are, for a
    // message about a trace that spans too long.
    std::int64_t earliest = 0, latest = 0;
    std::size_t earliestLine = 0, latestLine = 0;
    std::string line;
    bool seenContent = false;
    for (std::size_t lineNumber = 1;; ++lineNumber) {
        const BoundedFile::Line status = in.readLine(line, kMaxTraceLineBytes);
        if (status == BoundedFile::Line::End) break;
        if (status == BoundedFile::Line::Failed) {
            m_report.add(path, in.error());
            return;
        }
        // Spreadsheet exports often start with a UTF-8 byte order mark; left in place it would
        // turn a first timestamp into a "header" and drop it.
        if (lineNumber == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (status == BoundedFile::Line::TooLong) {
            bad(lineNumber, "is longer than " + formatBytes(kMaxTraceLineBytes) +
                                "; a trace line starts with an arrival time in seconds");
            if (times.empty()) return notATrace();
            seenContent = true;
            continue;
        }
        if (trim(line).empty()) continue;
        if (!seenContent) {
            seenContent = true;
            bool header = false;
            if (const std::string error = parser.readFirstLine(line, header); !error.empty()) {
                bad(lineNumber, error);
                return;
            }
            if (header) continue;  // "timestamp,method,path"
        }
        const TraceRowParser::Row row = parser.parseRow(line);
        if (!row.timeNs) {
            bad(lineNumber, row.error);
            if (times.empty()) return notATrace();
            continue;
        }
        const std::int64_t t = *row.timeNs;
        if (columns.base == TraceTimeBase::Offset && t > kMaxSpanNs) {
            bad(lineNumber, formatNumber(static_cast<double>(t) / 1e9) +
                                " s is past the limit of " + formatNumber(kMaxDurationS) +
                                " s (31 days)");
            continue;
        }
        if (row.payloadKb && *row.payloadKb > kMaxPayloadKb) {
            bad(lineNumber, "a request of " + formatNumber(*row.payloadKb) +
                                " KB is past the limit of " + formatNumber(kMaxPayloadKb) +
                                " KB (10 GB)");
            continue;
        }
        if (times.size() == kMaxTraceArrivals) {
            m_report.add(path, name + " has more than " + std::to_string(kMaxTraceArrivals) +
                                   " arrival times; replay a shorter excerpt");
            return;
        }
        if (times.empty() || t < earliest) earliest = t, earliestLine = lineNumber;
        if (times.empty() || t > latest) latest = t, latestLine = lineNumber;
        times.push_back(t);
        if (row.payloadKb) sizes.push_back(*row.payloadKb);
    }
    if (badLines > kMaxTraceIssues)
        m_report.add(path, name + ": " + std::to_string(badLines - kMaxTraceIssues) +
                               " more bad lines not listed");
    if (badLines == 0 && times.empty()) m_report.add(path, name + " has no arrival times");
    // Instants far apart would overflow the difference before the comparison; unsigned does not.
    if (columns.base != TraceTimeBase::Offset && !times.empty() &&
        static_cast<std::uint64_t>(latest) - static_cast<std::uint64_t>(earliest) >
            static_cast<std::uint64_t>(kMaxSpanNs)) {
        m_report.add(path,
                     name + " spans " +
                         formatNumber(static_cast<double>(static_cast<std::uint64_t>(latest) -
                                                          static_cast<std::uint64_t>(earliest)) /
                                          1e9,
                                      kFigureDigits) +
                         " s from line " + std::to_string(earliestLine) + " to line " +
                         std::to_string(latestLine) + ", past the limit of " +
                         formatNumber(kMaxDurationS) + " s (31 days)");
        return;
    }
    workload.traceTimesS = toArrivalOffsets(std::move(times), columns.base);
    if (columns.hasPayload()) workload.payloadKb = payloadDistribution(std::move(sizes));
}

void ScenarioReader::readTopology(JsonObjectReader& root, TopologySpec& topology) {
    const json* value = root.value("topology", true);
    if (!value) return;
    JsonObjectReader r(*value, root.fieldPath("topology"), m_report);
    if (!r.isObject()) return;
    const std::string entry = readReference(r, "entry", true, ReferenceKind::Entry, "");
    topology.entry = entry;
    readComponents(r, "gateways", ComponentKind::Gateway, topology.gateways,
                   &ScenarioReader::readGateway);
    readComponents(r, "functions", ComponentKind::Function, topology.functions,
                   &ScenarioReader::readFunction);
    readComponents(r, "servers", ComponentKind::Servers, topology.servers,
                   &ScenarioReader::readServers);
    readComponents(r, "caches", ComponentKind::Cache, topology.caches, &ScenarioReader::readCache);
    readComponents(r, "databases", ComponentKind::Database, topology.databases,
                   &ScenarioReader::readDatabase);
    readComponents(r, "hops", ComponentKind::Hop, topology.hops, &ScenarioReader::readHop);
    readComponents(r, "stations", ComponentKind::Station, topology.stations,
                   &ScenarioReader::readStation);
    r.reportUnknownFields();
    checkComponentCounts(r, topology);
    checkReferences();
    // With an id used twice, which component a reference means is unknowable; the duplicate is
    // reported already, and the graph is worth checking once it is fixed.
    if (m_duplicateIds) return;
    const CallGraph graph = callGraph();
    if (!checkCycles(graph)) checkCallDepth(graph, entry);
}

void ScenarioReader::checkComponentCounts(JsonObjectReader& topology, const TopologySpec& spec) {
    const auto check = [&](const char* key, std::size_t count, const char* what) {
        if (count <= kMaxPoolsPerKind) return;
        m_report.add(topology.fieldPath(key), "has " + std::to_string(count) + " " + what +
                                                  "; the engine supports at most " +
                                                  std::to_string(kMaxPoolsPerKind) +
                                                  " in one topology");
    };
    check("functions", spec.functions.size(), "function pools");
    check("servers", spec.servers.size(), "server pools");
}

template <typename Spec>
void ScenarioReader::readComponents(JsonObjectReader& topology, const std::string& key,
                                    ComponentKind kind, std::vector<Spec>& specs,
                                    void (ScenarioReader::*readFields)(JsonObjectReader&, Spec&)) {
    const json* list = topology.array(key, false);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        JsonObjectReader c((*list)[i], indexPath(topology.fieldPath(key), i), m_report);
        if (!c.isObject()) continue;
        Spec spec;
        spec.id = readId(c, kind);
        (this->*readFields)(c, spec);
        c.reportUnknownFields();
        specs.push_back(std::move(spec));
    }
}

std::string ScenarioReader::readId(JsonObjectReader& reader, ComponentKind kind) {
    const auto id = reader.string("id", true);
    if (!id) return {};
    if (id->empty()) {
        m_report.add(reader.fieldPath("id"), "must not be empty");
        return {};
    }
    const auto [it, inserted] = m_components.try_emplace(*id, Component{kind, reader.path()});
    if (!inserted) {
        m_duplicateIds = true;
        m_report.add(reader.fieldPath("id"), "duplicate id '" + excerpt(*id) + "': " + it->second.path +
                                                 " already uses it (ids must be unique across "
                                                 "all components)");
    } else {
        m_componentOrder.push_back(*id);
    }
    return *id;
}

void ScenarioReader::readGateway(JsonObjectReader& r, GatewaySpec& gateway) {
    gateway.latencyMs = readDistribution(r, "latencyMs", true, kLatencyLimit);
    if (auto v = r.number("payloadLimitKb", false, {0, kMaxPayloadKb, true, "KB"}))
        gateway.payloadLimitKb = *v;
    gateway.next = readReference(r, "next", false, ReferenceKind::Next, gateway.id);
}

void ScenarioReader::readFunction(JsonObjectReader& r, FunctionPoolSpec& function) {
    if (auto v = r.integer("concurrencyPerInstance", false, 1, kMaxConcurrency))
        function.concurrencyPerInstance = static_cast<int>(*v);
    function.coldStartMs = readDistribution(r, "coldStartMs", true, kLatencyLimit);
    function.keepAliveS = readDistribution(r, "keepAliveS", true, kPeriodLimit);
    const auto provisioned = r.integer("provisioned", false, 0, kMaxInstances);
    if (provisioned) function.provisioned = static_cast<int>(*provisioned);
    const auto maxInstances = r.integer("maxInstances", false, 1, kMaxInstances);
    if (maxInstances) function.maxInstances = static_cast<int>(*maxInstances);
    if (auto v = r.number("scaleOutPerS", false, {0, kMaxScaleOutPerS, false, "instances/s"}))
        function.scaleOutPerS = *v;
    if (auto v = readKeyword(r, "onLimit", false, kOverflowPolicies)) function.onLimit = *v;
    if (auto v = readKeyword(r, "pick", false, kInstancePicks)) function.pick = *v;
    if (const json* handler = r.array("handler", false))
        function.handler = readSteps(*handler, r.fieldPath("handler"), 1, function.id);
    // Checked only when both were read: a default standing in for a rejected value would add a
    // second, misleading complaint.
    const bool provisionedOk = provisioned || !r.has("provisioned");
    const bool maxInstancesOk = maxInstances || !r.has("maxInstances");
    if (provisionedOk && maxInstancesOk && function.provisioned > function.maxInstances)
        m_report.add(r.fieldPath("provisioned"),
                     "must be <= maxInstances (" + std::to_string(function.maxInstances) +
                         "), got " + std::to_string(function.provisioned));
}

void ScenarioReader::readServers(JsonObjectReader& r, ServerPoolSpec& servers) {
    const auto replicas = r.integer("replicas", false, 1, kMaxReplicas);
    if (replicas) servers.replicas = static_cast<int>(*replicas);
    if (auto v = r.integer("workersPerReplica", false, 1, kMaxConcurrency))
        servers.workersPerReplica = static_cast<int>(*v);
    if (auto v = r.integer("queueCapacity", false, 0, kMaxQueueCapacity))
        servers.queueCapacity = static_cast<int>(*v);
    if (auto v = readKeyword(r, "balancer", false, kBalancerPolicies)) servers.balancer = *v;
    if (auto v = r.number("timeoutMs", false, {0, kMaxDurationMs, true, "ms"}))
        servers.timeoutMs = *v;
    servers.autoscaler = readAutoscaler(r);
    if (const json* handler = r.array("handler", false))
        servers.handler = readSteps(*handler, r.fieldPath("handler"), 1, servers.id);
    const bool replicasOk = replicas || !r.has("replicas");
    if (servers.autoscaler && replicasOk) {
        const AutoscalerSpec& a = *servers.autoscaler;
        if (a.minReplicas <= a.maxReplicas &&
            (servers.replicas < a.minReplicas || servers.replicas > a.maxReplicas))
            m_report.add(r.fieldPath("replicas"), "must be between the autoscaler's minReplicas (" +
                                                      std::to_string(a.minReplicas) +
                                                      ") and maxReplicas (" +
                                                      std::to_string(a.maxReplicas) + "), got " +
                                                      std::to_string(servers.replicas));
    }
}

std::optional<AutoscalerSpec> ScenarioReader::readAutoscaler(JsonObjectReader& servers) {
    const json* value = servers.value("autoscaler", false);
    if (!value) return std::nullopt;
    JsonObjectReader r(*value, servers.fieldPath("autoscaler"), m_report);
    if (!r.isObject()) return std::nullopt;
    const std::size_t issuesBefore = m_report.issues().size();
    AutoscalerSpec a;
    const auto metric = readKeyword(r, "metric", false, kScalingMetrics);
    if (metric) a.metric = *metric;
    // The target's meaning, and so its range, follows the metric; with a rejected metric only the
    // wider range is checked, so the one mistake is reported once.
    const bool utilization = metric ? *metric == ScalingMetric::Utilization : !r.has("metric");
    const NumberRange targetRange = utilization
                                        ? NumberRange{0, 1, true, ""}
                                        : NumberRange{0, kMaxInFlightTarget, true, "requests"};
    if (auto v = r.number("target", false, targetRange)) a.target = *v;
    if (auto v = r.number("evaluationPeriodS", false, {0, kMaxDurationS, true, "s"}))
        a.evaluationPeriodS = *v;
    if (auto v = r.number("bootDelayS", false, {0, kMaxDurationS, false, "s"})) a.bootDelayS = *v;
    if (auto v = r.number("scaleInStabilizationS", false, {0, kMaxDurationS, false, "s"}))
        a.scaleInStabilizationS = *v;
    if (auto v = r.integer("minReplicas", false, 1, kMaxReplicas))
        a.minReplicas = static_cast<int>(*v);
    if (auto v = r.integer("maxReplicas", false, 1, kMaxReplicas))
        a.maxReplicas = static_cast<int>(*v);
    r.reportUnknownFields();
    if (m_report.issues().size() != issuesBefore) return std::nullopt;
    if (a.minReplicas > a.maxReplicas) {
        m_report.add(r.fieldPath("maxReplicas"), "must be >= minReplicas (" +
                                                     std::to_string(a.minReplicas) + "), got " +
                                                     std::to_string(a.maxReplicas));
        return std::nullopt;
    }
    return a;
}

void ScenarioReader::readCache(JsonObjectReader& r, CacheSpec& cache) {
    if (auto v = readKeyword(r, "placement", false, kCachePlacements)) cache.placement = *v;
    cache.lookupMs = readDistribution(r, "lookupMs", true, kLatencyLimit);
    if (r.has("hitRatio")) {
        if (auto v = r.number("hitRatio", true, {0, 1, false, ""})) cache.hitRatio = *v;
        // Two ways of deciding hits at once would leave one silently unused.
        for (const char* key : {"keys", "zipfExponent", "capacity", "ttlS"}) {
            if (!r.has(key)) continue;
            r.fail(key,
                   "cannot be combined with hitRatio: give either a fixed hitRatio or the "
                   "key-popularity model (keys, zipfExponent, capacity, ttlS)");
        }
        return;
    }
    if (auto v = r.integer("keys", false, 1, kMaxKeys)) cache.keys = *v;
    if (auto v = r.number("zipfExponent", false, {0, kMaxZipfExponent, false, ""}))
        cache.zipfExponent = *v;
    if (auto v = r.integer("capacity", false, 1, kMaxCacheCapacity)) cache.capacity = *v;
    if (auto v = r.number("ttlS", false, {0, kMaxDurationS, true, "s"})) cache.ttlS = *v;
}

void ScenarioReader::readDatabase(JsonObjectReader& r, DatabaseSpec& database) {
    database.queryMs = readDistribution(r, "queryMs", true, kLatencyLimit);
    if (auto v = r.integer("connections", false, 1, kMaxConnections))
        database.connections = static_cast<int>(*v);
}

void ScenarioReader::readHop(JsonObjectReader& r, NetworkHopSpec& hop) {
    hop.latencyMs = readDistribution(r, "latencyMs", true, kLatencyLimit);
}

void ScenarioReader::readStation(JsonObjectReader& r, StationSpec& station) {
    if (auto v = r.integer("servers", false, 1, kMaxConcurrency))
        station.servers = static_cast<int>(*v);
    station.serviceMs = readDistribution(r, "serviceMs", true, kLatencyLimit);
}

std::vector<HandlerStep> ScenarioReader::readSteps(const json& steps, const std::string& path,
                                                   int depth, const std::string& owner) {
    if (depth > kMaxStepNesting) {
        m_report.add(path, "handler steps are nested more than " + std::to_string(kMaxStepNesting) +
                               " levels deep (through branches and cache misses); flatten them");
        return {};
    }
    std::vector<HandlerStep> result;
    for (std::size_t i = 0; i < steps.size(); ++i)
        result.push_back(readStep(steps[i], indexPath(path, i), depth, owner));
    return result;
}

HandlerStep ScenarioReader::readStep(const json& value, const std::string& path, int depth,
                                     const std::string& owner) {
    HandlerStep step;
    JsonObjectReader s(value, path, m_report);
    if (!s.isObject()) return step;
    std::vector<std::string> present;
    for (const char* key : {"cpu", "call", "cache", "branch"})
        if (s.has(key)) present.emplace_back(key);
    if (present.size() != 1) {
        if (present.empty()) {
            m_report.add(path, "a step needs one of 'cpu', 'call', 'cache' or 'branch'");
        } else {
            m_report.add(path, "has both '" + present[0] + "' and '" + present[1] +
                                   "'; a step does one thing, so split it into separate steps");
        }
        // The step's own fields are not reported again, and a misspelt one ("cpuMs") is matched
        // against them.
        for (const char* key : {"cpu", "call", "cache", "branch", "onMiss", "steps"}) s.allow(key);
        s.reportUnknownFields();
        return step;
    }

    const std::string& kind = present.front();
    if (kind == "cpu") {
        step.kind = HandlerStep::Kind::Cpu;
        step.cpuMs = readDistribution(s, "cpu", true, kLatencyLimit);
    } else if (kind == "call") {
        step.kind = HandlerStep::Kind::Call;
        step.target = readReference(s, "call", true, ReferenceKind::Call, owner);
    } else if (kind == "cache") {
        step.kind = HandlerStep::Kind::Cache;
        step.target = readReference(s, "cache", true, ReferenceKind::Cache, owner);
        if (const json* onMiss = s.array("onMiss", false))
            step.onMiss = readSteps(*onMiss, s.fieldPath("onMiss"), depth + 1, owner);
    } else {
        step.kind = HandlerStep::Kind::Branch;
        if (auto v = s.number("branch", true, {0, 1, false, ""})) step.probability = *v;
        if (const json* steps = s.array("steps", true))
            step.steps = readSteps(*steps, s.fieldPath("steps"), depth + 1, owner);
    }
    if (kind != "cache" && s.has("onMiss")) s.fail("onMiss", "applies only to a cache step");
    if (kind != "branch" && s.has("steps")) s.fail("steps", "applies only to a branch step");
    s.reportUnknownFields();
    return step;
}

std::string ScenarioReader::readReference(JsonObjectReader& reader, const std::string& key,
                                          bool required, ReferenceKind kind,
                                          const std::string& owner) {
    const auto target = reader.string(key, required);
    if (!target) return {};
    if (target->empty()) {
        // An empty next means "respond"; anywhere else a name is needed.
        if (kind != ReferenceKind::Next)
            m_report.add(reader.fieldPath(key), "must name a component");
        return {};
    }
    m_references.push_back({owner, *target, reader.fieldPath(key), kind});
    return *target;
}

DistributionPtr ScenarioReader::readDistribution(JsonObjectReader& reader, const std::string& key,
                                                 bool required, const DistributionLimit& limit) {
    const json* value = reader.value(key, required);
    if (!value) return nullptr;
    return checkDistribution(*value, reader.fieldPath(key), limit);
}

DistributionPtr ScenarioReader::checkDistribution(const json& value, const std::string& path,
                                                  const DistributionLimit& limit) {
    DistributionPtr distribution = distributionFromJson(value, path, m_report);
    if (!distribution) return nullptr;
    // distributionFromJson already caps the 99th percentile far away (1e12); the field's own
    // limit is tighter, e.g. a keep-alive of 1e12 s is a typo, not a setting.
    const auto p99 = distribution->quantile(0.99);
    if (p99 && *p99 > limit.max) {
        m_report.add(path, "its 99th percentile is " + formatNumber(*p99, kFigureDigits) + " " +
                               limit.unit + ", above the limit of " + formatNumber(limit.max) +
                               " " + limit.unit + " (" + limit.meaning + ")");
        return nullptr;
    }
    return distribution;
}

std::string ScenarioReader::suggestId(const std::string& id) const {
    const auto match = closestMatch(id, m_componentOrder);
    return match ? "; did you mean '" + *match + "'?" : std::string();
}

void ScenarioReader::checkReferences() {
    for (const Reference& reference : m_references) {
        const auto it = m_components.find(reference.target);
        if (it == m_components.end()) {
            m_report.add(reference.path, "names '" + excerpt(reference.target) +
                                             "', which is not a component of the topology" +
                                             suggestId(reference.target));
        } else if (!accepts(reference.kind, it->second.kind)) {
            m_report.add(reference.path, "names " + kindName(it->second.kind) + " '" +
                                             excerpt(reference.target) + "', but " +
                                             acceptedKinds(reference.kind));
        }
    }
}

ScenarioReader::CallGraph ScenarioReader::callGraph() const {
    // The graph of components that hold a request while a downstream one serves it.
    CallGraph graph;
    for (const auto& id : m_componentOrder) {
        if (!isForwarding(m_components.at(id).kind)) continue;
        graph.index.emplace(id, graph.nodes.size());
        graph.nodes.push_back(id);
    }
    graph.edges.resize(graph.nodes.size());
    for (const Reference& reference : m_references) {
        if (reference.kind != ReferenceKind::Next && reference.kind != ReferenceKind::Call)
            continue;
        const auto from = graph.index.find(reference.from);
        const auto to = graph.index.find(reference.target);
        if (from == graph.index.end() || to == graph.index.end()) continue;
        graph.edges[from->second].push_back({to->second, &reference});
    }
    return graph;
}

bool ScenarioReader::checkCycles(const CallGraph& graph) {
    // A cycle in the call graph means a request waits, directly or not, on itself: it could
    // never complete.
    const auto& nodes = graph.nodes;
    const auto& edges = graph.edges;
    bool found = false;
    // Iterative depth-first search: a long chain of components must not deepen the C++ stack.
    enum class Colour { White, Grey, Black };
    std::vector<Colour> colour(nodes.size(), Colour::White);
    struct Frame {
        std::size_t node;
        std::size_t nextEdge;
    };
    for (std::size_t start = 0; start < nodes.size(); ++start) {
        if (colour[start] != Colour::White) continue;
        std::vector<Frame> stack{{start, 0}};
        colour[start] = Colour::Grey;
        while (!stack.empty()) {
            Frame& frame = stack.back();
            if (frame.nextEdge == edges[frame.node].size()) {
                colour[frame.node] = Colour::Black;
                stack.pop_back();
                continue;
            }
            const CallGraph::Edge& edge = edges[frame.node][frame.nextEdge++];
            if (colour[edge.to] == Colour::White) {
                colour[edge.to] = Colour::Grey;
                stack.push_back({edge.to, 0});
            } else if (colour[edge.to] == Colour::Grey) {
                found = true;
                std::string cycle;
                auto onStack = std::find_if(stack.begin(), stack.end(),
                                            [&](const Frame& f) { return f.node == edge.to; });
                for (; onStack != stack.end(); ++onStack) cycle += nodes[onStack->node] + " -> ";
                cycle += nodes[edge.to];
                m_report.add(edge.reference->path,
                             "closes a cycle " + cycle +
                                 "; a request would wait on itself and never complete");
            }
        }
    }
    return found;
}

void ScenarioReader::checkCallDepth(const CallGraph& graph, const std::string& entry) {
    // Each pool on a chain of calls holds a slot of the request (sim/model/enginelimits.h), so the
    // deepest chain a request can take from the entry must fit. The graph has no cycle here, so
    // the deepest chain is a longest path in a DAG: memoised over an iterative post-order walk.
    const auto start = graph.index.find(entry);
    if (start == graph.index.end()) return;
    const auto& nodes = graph.nodes;
    const auto& edges = graph.edges;
    const auto weight = [&](std::size_t node) {
        return m_components.at(nodes[node]).kind == ComponentKind::Gateway ? std::size_t{0}
                                                                           : std::size_t{1};
    };
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> depth(nodes.size(), kNone);    // pools on the deepest chain from here
    std::vector<std::size_t> deepest(nodes.size(), kNone);  // the edge that chain takes
    struct Frame {
        std::size_t node;
        std::size_t nextEdge;
    };
    std::vector<Frame> stack{{start->second, 0}};
    while (!stack.empty()) {
        Frame& frame = stack.back();
        if (frame.nextEdge < edges[frame.node].size()) {
            const std::size_t to = edges[frame.node][frame.nextEdge++].to;
            if (depth[to] == kNone) stack.push_back({to, 0});
            continue;
        }
        // Every successor is finished by now: without cycles none of them is on the stack.
        std::size_t below = 0;
        for (std::size_t e = 0; e < edges[frame.node].size(); ++e) {
            const std::size_t d = depth[edges[frame.node][e].to];
            if (deepest[frame.node] == kNone || d > below) {
                below = d;
                deepest[frame.node] = e;
            }
        }
        depth[frame.node] = weight(frame.node) + below;
        stack.pop_back();
    }
    if (depth[start->second] <= kMaxCallDepth) return;

    // Name the chain, and report at the reference that takes it one pool past the limit.
    std::string chain = nodes[start->second];
    std::size_t node = start->second;
    std::size_t pools = weight(node);
    const Reference* culprit = nullptr;
    while (deepest[node] != kNone) {
        const CallGraph::Edge& edge = edges[node][deepest[node]];
        node = edge.to;
        pools += weight(node);
        if (!culprit && pools > kMaxCallDepth) culprit = edge.reference;
        chain += " -> " + nodes[node];
    }
    m_report.add(culprit ? culprit->path : std::string("topology.entry"),
                 "requests from the entry can pass through " + std::to_string(pools) +
                     " nested pools (" + chain + "), more than the " +
                     std::to_string(kMaxCallDepth) +
                     " the engine supports: each call holds the caller's instance or worker "
                     "until it returns; shorten the chain of calls");
}

// ---- writing ----------------------------------------------------------------------------------

/// The order people write a distribution's fields in: the family, then its parameters in the
/// order the documentation gives them, nested distributions last.
std::size_t distributionKeyRank(const std::string& key) {
    static const std::array<std::string_view, 18> order = {
        "type",   "value",   "min",        "max",    "mean",   "stddev",
        "median", "p99",     "mu",         "sigma",  "shape",  "scale",
        "points", "samples", "components", "weight", "offset", "distribution"};
    const auto it = std::find(order.begin(), order.end(), key);
    return static_cast<std::size_t>(it - order.begin());
}

ordered_json canonicalDistribution(const json& value) {
    if (value.is_object()) {
        std::vector<std::string> keys;
        for (const auto& [key, item] : value.items()) keys.push_back(key);
        // Stable: keys the table does not rank keep nlohmann's alphabetical order, after the rest.
        std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
            return distributionKeyRank(a) < distributionKeyRank(b);
        });
        ordered_json out = ordered_json::object();
        for (const auto& key : keys) out[key] = canonicalDistribution(value.at(key));
        return out;
    }
    if (value.is_array()) {
        ordered_json out = ordered_json::array();
        for (const auto& item : value) out.push_back(canonicalDistribution(item));
        return out;
    }
    return ordered_json(value);
}

/// A distribution field, written only when set: a missing required one is then reported on load
/// instead of being written as something the reader would reject with a stranger message.
void putDistribution(ordered_json& object, const char* key, const DistributionPtr& distribution) {
    if (distribution) object[key] = canonicalDistribution(distribution->toJson());
}

ordered_json stepsToJson(const std::vector<HandlerStep>& steps);

ordered_json stepToJson(const HandlerStep& step) {
    ordered_json out = ordered_json::object();
    switch (step.kind) {
        case HandlerStep::Kind::Cpu:
            putDistribution(out, "cpu", step.cpuMs);
            break;
        case HandlerStep::Kind::Call:
            out["call"] = step.target;
            break;
        case HandlerStep::Kind::Cache:
            out["cache"] = step.target;
            out["onMiss"] = stepsToJson(step.onMiss);
            break;
        case HandlerStep::Kind::Branch:
            out["branch"] = step.probability;
            out["steps"] = stepsToJson(step.steps);
            break;
    }
    return out;
}

ordered_json stepsToJson(const std::vector<HandlerStep>& steps) {
    ordered_json out = ordered_json::array();
    for (const auto& step : steps) out.push_back(stepToJson(step));
    return out;
}

ordered_json traceColumnsToJson(const TraceColumns& c) {
    ordered_json out = ordered_json::object();
    const auto column = [&](const char* key, const std::string& name, std::size_t index) {
        if (name.empty())
            out[key] = index + 1;
        else
            out[key] = name;
    };
    column("timeColumn", c.timeColumn, c.timeColumnIndex);
    if (c.base != TraceTimeBase::Iso8601) out["unit"] = toKeyword(c.unit);
    out["timeBase"] = toKeyword(c.base);
    out["delimiter"] = std::string(1, c.delimiter);
    if (c.hasPayload()) {
        column("payloadColumn", c.payloadColumn, c.payloadColumnIndex.value_or(0));
        out["payloadUnit"] = toKeyword(c.payloadUnit);
    }
    return out;
}

ordered_json workloadToJson(const WorkloadSpec& w) {
    ordered_json out = {{"type", keywordOf(w.type, kWorkloadTypes)}};
    switch (w.type) {
        case WorkloadType::Poisson:
            out["ratePerS"] = w.ratePerS;
            break;
        case WorkloadType::Schedule: {
            ordered_json points = ordered_json::array();
            for (const auto& point : w.schedule)
                points.push_back({{"timeS", point.timeS}, {"ratePerS", point.ratePerS}});
            out["schedule"] = std::move(points);
            break;
        }
        case WorkloadType::OnOff:
            out["onRatePerS"] = w.onRatePerS;
            out["offRatePerS"] = w.offRatePerS;
            putDistribution(out, "onDurationS", w.onDurationS);
            putDistribution(out, "offDurationS", w.offDurationS);
            break;
        case WorkloadType::Closed:
            out["users"] = w.users;
            putDistribution(out, "thinkTimeMs", w.thinkTimeMs);
            break;
        case WorkloadType::Trace:
            out["traceFile"] = w.traceFile;
            // Written only when it says something: a plain trace stays readable by builds that
            // know only traceFile.
            if (!(w.traceColumns == TraceColumns{}))
                out["trace"] = traceColumnsToJson(w.traceColumns);
            break;
    }
    // Sizes read from a trace column are read again from the trace, not copied into the file.
    if (!(w.type == WorkloadType::Trace && w.traceColumns.hasPayload()))
        putDistribution(out, "payloadKb", w.payloadKb);
    return out;
}

ordered_json topologyToJson(const TopologySpec& t) {
    ordered_json gateways = ordered_json::array();
    for (const auto& g : t.gateways) {
        ordered_json out = {{"id", g.id}};
        putDistribution(out, "latencyMs", g.latencyMs);
        if (g.payloadLimitKb) out["payloadLimitKb"] = *g.payloadLimitKb;
        out["next"] = g.next;
        gateways.push_back(std::move(out));
    }
    ordered_json functions = ordered_json::array();
    for (const auto& f : t.functions) {
        ordered_json out = {{"id", f.id}, {"concurrencyPerInstance", f.concurrencyPerInstance}};
        putDistribution(out, "coldStartMs", f.coldStartMs);
        putDistribution(out, "keepAliveS", f.keepAliveS);
        out["provisioned"] = f.provisioned;
        out["maxInstances"] = f.maxInstances;
        out["scaleOutPerS"] = f.scaleOutPerS;
        out["onLimit"] = keywordOf(f.onLimit, kOverflowPolicies);
        out["pick"] = keywordOf(f.pick, kInstancePicks);
        out["handler"] = stepsToJson(f.handler);
        functions.push_back(std::move(out));
    }
    ordered_json servers = ordered_json::array();
    for (const auto& s : t.servers) {
        ordered_json out = {{"id", s.id},
                            {"replicas", s.replicas},
                            {"workersPerReplica", s.workersPerReplica},
                            {"queueCapacity", s.queueCapacity},
                            {"balancer", keywordOf(s.balancer, kBalancerPolicies)}};
        if (s.timeoutMs) out["timeoutMs"] = *s.timeoutMs;
        if (const auto& a = s.autoscaler) {
            out["autoscaler"] = {{"metric", keywordOf(a->metric, kScalingMetrics)},
                                 {"target", a->target},
                                 {"evaluationPeriodS", a->evaluationPeriodS},
                                 {"bootDelayS", a->bootDelayS},
                                 {"scaleInStabilizationS", a->scaleInStabilizationS},
                                 {"minReplicas", a->minReplicas},
                                 {"maxReplicas", a->maxReplicas}};
        }
        out["handler"] = stepsToJson(s.handler);
        servers.push_back(std::move(out));
    }
    ordered_json caches = ordered_json::array();
    for (const auto& c : t.caches) {
        ordered_json out = {{"id", c.id}, {"placement", keywordOf(c.placement, kCachePlacements)}};
        putDistribution(out, "lookupMs", c.lookupMs);
        if (c.hitRatio) {
            out["hitRatio"] = *c.hitRatio;
        } else {
            out["keys"] = c.keys;
            out["zipfExponent"] = c.zipfExponent;
            out["capacity"] = c.capacity;
            if (c.ttlS) out["ttlS"] = *c.ttlS;
        }
        caches.push_back(std::move(out));
    }
    ordered_json databases = ordered_json::array();
    for (const auto& d : t.databases) {
        ordered_json out = {{"id", d.id}};
        putDistribution(out, "queryMs", d.queryMs);
        out["connections"] = d.connections;
        databases.push_back(std::move(out));
    }
    ordered_json hops = ordered_json::array();
    for (const auto& h : t.hops) {
        ordered_json out = {{"id", h.id}};
        putDistribution(out, "latencyMs", h.latencyMs);
        hops.push_back(std::move(out));
    }
    ordered_json stations = ordered_json::array();
    for (const auto& s : t.stations) {
        ordered_json out = {{"id", s.id}, {"servers", s.servers}};
        putDistribution(out, "serviceMs", s.serviceMs);
        stations.push_back(std::move(out));
    }
    return {{"entry", t.entry},
            {"gateways", std::move(gateways)},
            {"functions", std::move(functions)},
            {"servers", std::move(servers)},
            {"caches", std::move(caches)},
            {"databases", std::move(databases)},
            {"hops", std::move(hops)},
            {"stations", std::move(stations)}};
}

ordered_json toOrderedJson(const Scenario& s) {
    ordered_json run = {
        {"durationS", s.run.durationS}, {"windowS", s.run.windowS}, {"warmupS", s.run.warmupS}};
    if (s.run.maxCompleted) run["maxCompleted"] = *s.run.maxCompleted;
    run["maxInFlight"] = s.run.maxInFlight;
    ordered_json out = {{"formatVersion", kScenarioFormatVersion},
                        {"name", s.name},
                        {"description", s.description},
                        {"seed", s.seed},
                        {"run", std::move(run)},
                        {"workload", workloadToJson(s.workload)},
                        {"topology", topologyToJson(s.topology)}};
    if (s.cost) {
        // In CostConfig's order (platform first) rather than alphabetical; a field added there
        // later still gets written, after these.
        static const std::array<std::string_view, 14> order = {
            "platform",        "functionMemoryMb", "billInitDuration", "fargateVcpu",
            "fargateMemoryGb", "gateway",          "remoteCache",      "cacheNodes",
            "database",        "databaseNodes",    "loadBalancer",     "requestsPerConnection",
            "egress",          "standaloneAccount"};
        const json cost = toJson(*s.cost);
        ordered_json ordered = ordered_json::object();
        for (const auto key : order)
            if (const auto it = cost.find(key); it != cost.end()) ordered[std::string(key)] = *it;
        for (const auto& [key, item] : cost.items())
            if (!ordered.contains(key)) ordered[key] = item;
        out["cost"] = std::move(ordered);
    }
    out["pricingFile"] = s.pricingFile;
    return out;
}

// ---- canonical text ---------------------------------------------------------------------------

constexpr std::size_t kLineWidth = 100;
constexpr std::size_t kIndent = 2;

/// A scalar as JSON text. Whole numbers are written without ".0", as people type them; they read
/// back as the same double, so the text stays canonical.
std::string scalarText(const ordered_json& value) {
    if (value.is_number_float()) {
        const double x = value.get<double>();
        if (std::isfinite(x) && std::trunc(x) == x && std::fabs(x) < 1e15)
            return std::to_string(static_cast<long long>(x));
    }
    // Strings typed in a GUI may hold invalid UTF-8; replacing it beats failing the save.
    return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

/// The value on one line, with a space after each colon and comma.
std::string inlineText(const ordered_json& value) {
    if (value.is_object()) {
        std::string text = "{";
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (it != value.begin()) text += ", ";
            text += scalarText(ordered_json(it.key())) + ": " + inlineText(it.value());
        }
        return text + "}";
    }
    if (value.is_array()) {
        std::string text = "[";
        for (std::size_t i = 0; i < value.size(); ++i)
            text += (i == 0 ? "" : ", ") + inlineText(value[i]);
        return text + "]";
    }
    return scalarText(value);
}

/// Writes `value` starting at column `column` of a line indented by `indent`: on that line when
/// it fits (with a trailing comma) within kLineWidth, otherwise one member or element per line.
/// Arrays of plain values that do not fit are filled line by line instead, so a long list of
/// samples stays readable.
void writePretty(const ordered_json& value, std::size_t indent, std::size_t column,
                 std::string& out) {
    const std::string flat = inlineText(value);
    if (!value.is_structured() || value.empty() || column + flat.size() + 1 <= kLineWidth) {
        out += flat;
        return;
    }
    const std::string inner(indent + kIndent, ' ');
    if (value.is_object()) {
        out += "{\n";
        for (auto it = value.begin(); it != value.end(); ++it) {
            const std::string key = scalarText(ordered_json(it.key())) + ": ";
            out += inner + key;
            writePretty(it.value(), indent + kIndent, inner.size() + key.size(), out);
            out += std::next(it) == value.end() ? "\n" : ",\n";
        }
        out += std::string(indent, ' ') + "}";
        return;
    }
    const bool scalars = std::none_of(
        value.begin(), value.end(), [](const ordered_json& item) { return item.is_structured(); });
    out += "[\n";
    if (scalars) {
        std::string line = inner;
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::string item = scalarText(value[i]) + (i + 1 == value.size() ? "" : ",");
            if (line.size() > inner.size() && line.size() + 1 + item.size() > kLineWidth) {
                out += line + "\n";
                line = inner;
            }
            line += (line.size() > inner.size() ? " " : "") + item;
        }
        out += line + "\n";
    } else {
        for (std::size_t i = 0; i < value.size(); ++i) {
            out += inner;
            writePretty(value[i], indent + kIndent, inner.size(), out);
            out += i + 1 == value.size() ? "\n" : ",\n";
        }
    }
    out += std::string(indent, ' ') + "]";
}

}  // namespace

std::string_view toKeyword(WorkloadType value) {
    return keywordOf(value, kWorkloadTypes);
}
std::string_view toKeyword(OverflowPolicy value) {
    return keywordOf(value, kOverflowPolicies);
}
std::string_view toKeyword(InstancePick value) {
    return keywordOf(value, kInstancePicks);
}
std::string_view toKeyword(BalancerPolicy value) {
    return keywordOf(value, kBalancerPolicies);
}
std::string_view toKeyword(ScalingMetric value) {
    return keywordOf(value, kScalingMetrics);
}
std::string_view toKeyword(CachePlacement value) {
    return keywordOf(value, kCachePlacements);
}

std::optional<Scenario> scenarioFromJson(const nlohmann::json& json, ValidationReport& report,
                                         const std::string& baseDirectory) {
    ScenarioReader reader(report, baseDirectory);
    return reader.read(json);
}

std::optional<Scenario> scenarioFromText(const std::string& text, ValidationReport& report,
                                         const std::string& baseDirectory) {
    const std::size_t issuesBefore = report.issues().size();
    const auto parsed = parseJsonText(text, "a scenario", report);
    if (!parsed) return std::nullopt;
    // Keys given twice: the rest of the file is still read, so every problem shows at once.
    const bool duplicates = report.issues().size() != issuesBefore;
    auto scenario = scenarioFromJson(*parsed, report, baseDirectory);
    if (duplicates) return std::nullopt;
    return scenario;
}

std::optional<Scenario> loadScenarioFile(const std::string& path, ValidationReport& report) {
    std::string error;
    const auto text = readBoundedFile(path, kScenarioFile, error);
    if (!text) {
        report.add("", error);
        return std::nullopt;
    }
    return scenarioFromText(*text, report, std::filesystem::path(path).parent_path().string());
}

nlohmann::json scenarioToJson(const Scenario& scenario) {
    return nlohmann::json(toOrderedJson(scenario));
}

std::string scenarioToText(const Scenario& scenario) {
    std::string text;
    writePretty(toOrderedJson(scenario), 0, 0, text);
    return text + "\n";
}

std::string saveScenarioFile(const Scenario& scenario, const std::string& path) {
    return writeFileAtomically(path, scenarioToText(scenario));
}

}  // namespace archsim
