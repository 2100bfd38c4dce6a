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
#include <set>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/model/enginelimits.h"
#include "sim/scenario/atomicfile.h"
#include "sim/scenario/boundedfile.h"
#include "sim/scenario/bundledroundtrips.h"
#include "sim/scenario/jsonreader.h"
#include "sim/scenario/scenariofields.h"

namespace archsim {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Limits of the scenario as a whole; the limits of each field are in scenariofields.h.
constexpr double kMaxWindows = 1'000'000;  // rows of the time series
constexpr std::int64_t kMaxFormatVersion = 1'000'000;
// Figures the reader computes (a window count, a 99th percentile) are rounded to this many digits
// in messages; a number the user typed is quoted exactly.
constexpr int kFigureDigits = 12;
// Deep enough for any real handler, shallow enough that a hostile file cannot exhaust the stack.
constexpr int kMaxStepNesting = 8;
// The engine's own limits (sim/model/enginelimits.h) bound what the nesting may allow: a cache
// step at nesting level d has at most d - 1 cache steps around it.
static_assert(kMaxStepNesting <= static_cast<int>(kMaxCacheNesting));
// 20 million timestamps are 160 MB: about two days of a 100 requests/s trace.
constexpr std::size_t kMaxTraceArrivals = 20'000'000;
// A trace with a broken column would otherwise produce one issue per line.
constexpr std::size_t kMaxTraceIssues = 10;

/// The CPU time of a handler step: a latency like any other.
constexpr FieldDescription kCpuStep = fields::latency("cpu", "CPU", "Work on the slot's CPU");

/// A Number field as the file gives it, checked against its description.
std::optional<double> readNumberField(JsonObjectReader& reader, const FieldDescription& field) {
    return reader.number(field.key, field.required(), field.range());
}

/// An Integer field as the file gives it, checked against its description.
std::optional<std::int64_t> readIntegerField(JsonObjectReader& reader,
                                             const FieldDescription& field) {
    return reader.integer(field.key, field.required(), static_cast<std::int64_t>(field.min),
                          static_cast<std::int64_t>(field.max));
}

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

constexpr std::array kQueueOrders{
    Keyword<QueueOrder>{QueueOrder::BestEffort, "best-effort"},
    Keyword<QueueOrder>{QueueOrder::Fifo, "fifo"},
};

constexpr std::array kOnFailure{
    Keyword<bool>{false, "fail"},
    Keyword<bool>{true, "continue"},
};
constexpr std::array kFailureKinds{
    Keyword<FailureKind>{FailureKind::Down, "down"},
    Keyword<FailureKind>{FailureKind::Slow, "slow"},
    Keyword<FailureKind>{FailureKind::Errors, "errors"},
    Keyword<FailureKind>{FailureKind::CacheFlush, "cacheFlush"},
    Keyword<FailureKind>{FailureKind::LoseReplicas, "loseReplicas"},
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

/// A Choice field, required or not as its description says.
template <typename Enum, std::size_t N>
std::optional<Enum> readKeyword(JsonObjectReader& reader, const FieldDescription& field,
                                const std::array<Keyword<Enum>, N>& table) {
    return readKeyword(reader, std::string(field.key), field.required(), table);
}

// ---- components and references ----------------------------------------------------------------

std::string kindName(ComponentKind kind) {
    return std::string(describe(kind).noun);
}

/// Components that hold a request while it waits on what they pass it to: the nodes of the call
/// graph that can close a cycle.
bool isForwarding(ComponentKind kind) {
    return kind == ComponentKind::Gateway || kind == ComponentKind::Function ||
           kind == ComponentKind::Server;
}

/// What a reference is for decides which kinds of component it may name.
enum class ReferenceKind { Entry, Next, Call, Cache, Send, Consumer, DeadLetter, Store, Invoke };

bool accepts(ReferenceKind reference, ComponentKind kind) {
    switch (reference) {
        case ReferenceKind::Entry:
            return isForwarding(kind) || kind == ComponentKind::Station ||
                   kind == ComponentKind::Queue;
        case ReferenceKind::Next:
            // A station is a model of its own (the engine's validated fast path), run only when
            // requests arrive at it directly; nothing inside a topology can pass requests to it.
            // A queue behind a gateway answers once it has taken the message (202 Accepted).
            return isForwarding(kind) || kind == ComponentKind::Queue;
        case ReferenceKind::Call:
            return isForwarding(kind) || kind == ComponentKind::Database ||
                   kind == ComponentKind::Hop;
        case ReferenceKind::Cache:
            return kind == ComponentKind::Cache;
        case ReferenceKind::Send:
        case ReferenceKind::Consumer:
        case ReferenceKind::DeadLetter:
            return kind == ComponentKind::Queue;
        case ReferenceKind::Store:
            return kind == ComponentKind::ObjectStore;
        case ReferenceKind::Invoke:
            return kind == ComponentKind::Function;
    }
    return false;
}

std::string acceptedKinds(ReferenceKind reference) {
    switch (reference) {
        case ReferenceKind::Entry:
            return "requests can only arrive at a gateway, function pool, server pool, station or "
                   "queue";
        case ReferenceKind::Next:
            return "a gateway can only pass requests to a gateway, function pool, server pool or "
                   "queue (a station runs only as the topology's entry)";
        case ReferenceKind::Call:
            return "a call must name a database, network hop, gateway, function pool or server "
                   "pool (a cache is looked up with a \"cache\" step, a queue is sent to with a "
                   "\"send\" step, an object store is used with \"put\" and \"get\" steps)";
        case ReferenceKind::Cache:
            return "a cache step must name a cache";
        case ReferenceKind::Send:
            return "a send step must name a queue";
        case ReferenceKind::Consumer:
            return "a consumer must name the queue it takes messages from";
        case ReferenceKind::DeadLetter:
            return "dead-lettered messages can only go to a queue";
        case ReferenceKind::Store:
            return "a put or get step must name an object store";
        case ReferenceKind::Invoke:
            return "a PUT event can only invoke a function pool";
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
    void readComponents(JsonObjectReader& topology, ComponentKind kind, std::vector<Spec>& specs,
                        void (ScenarioReader::*readFields)(JsonObjectReader&, Spec&));
    std::string readId(JsonObjectReader& reader, ComponentKind kind);
    void readGateway(JsonObjectReader& reader, GatewaySpec& gateway);
    void readFunction(JsonObjectReader& reader, FunctionPoolSpec& function);
    void readServers(JsonObjectReader& reader, ServerPoolSpec& servers);
    std::optional<AutoscalerSpec> readAutoscaler(JsonObjectReader& servers);
    std::optional<RateLimitSpec> readRateLimit(JsonObjectReader& gateway);
    std::optional<SloSpec> readSlo(JsonObjectReader& root);
    void readCallOptions(JsonObjectReader& step, HandlerStep& call);
    std::optional<RetryPolicy> readRetry(JsonObjectReader& step);
    std::optional<CircuitBreakerSpec> readBreaker(JsonObjectReader& step);
    void readFailures(JsonObjectReader& root, Scenario& scenario);
    /// Checks what needs the whole topology: failures' targets, guarded calls that cannot fail.
    void checkFailureBehaviour(const Scenario& scenario);
    void readCache(JsonObjectReader& reader, CacheSpec& cache);
    void readDatabase(JsonObjectReader& reader, DatabaseSpec& database);
    void readRegions(JsonObjectReader& topologyReader, TopologySpec& topology);
    void checkPlacements(const TopologySpec& topology);
    void readHop(JsonObjectReader& reader, NetworkHopSpec& hop);
    void readStation(JsonObjectReader& reader, StationSpec& station);
    void readQueue(JsonObjectReader& reader, QueueSpec& queue);
    std::optional<QueueTriggerSpec> readTrigger(JsonObjectReader& function);
    void readObjectStore(JsonObjectReader& reader, ObjectStoreSpec& store);
    /// The client's steps after the response: only what a client does (put, get, cpu, branch).
    void checkClientSteps(const std::vector<HandlerStep>& steps, const std::string& path);

    /// The steps of a handler (depth 1), of a branch or of a cache miss (one deeper).
    std::vector<HandlerStep> readSteps(const json& steps, const std::string& path, int depth,
                                       const std::string& owner);
    HandlerStep readStep(const json& step, const std::string& path, int depth,
                         const std::string& owner);
    /// A component id in `key`, remembered for the reference pass.
    std::string readReference(JsonObjectReader& reader, const std::string& key, bool required,
                              ReferenceKind kind, const std::string& owner);

    DistributionPtr readDistribution(JsonObjectReader& reader, const FieldDescription& field);
    DistributionPtr checkDistribution(const json& value, const std::string& path,
                                      const FieldDescription& field);

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
    /// `from` names where the chain starts, for the message ("requests from the entry").
    void checkCallDepth(const CallGraph& graph, const std::string& entry, const std::string& from,
                        std::size_t limit = kMaxCallDepth);
    void checkComponentCounts(JsonObjectReader& topology, const TopologySpec& spec);
    std::string suggestId(const std::string& id) const;

    ValidationReport& m_report;
    std::string m_baseDirectory;
    std::map<std::string, Component> m_components;
    std::vector<std::string> m_componentOrder;  ///< ids in file order, so reports are stable
    std::vector<Reference> m_references;
    /// Each component's "region" as written, with its path, checked once the regions are known.
    std::vector<std::pair<std::string, std::string>> m_placements;
    bool m_duplicateIds = false;
    struct RetriedCall {
        std::string path;
        std::string target;
        bool hasTimeout;
    };
    std::vector<RetriedCall> m_retriedCalls;
    std::vector<std::string> m_consumers;  ///< pools that run jobs: their chains start there too
    bool m_clientFrame = false;  ///< workload.afterResponse: the client holds a frame of its own
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
    s.slo = readSlo(root);
    readRun(root, s.run);
    readWorkload(root, s.workload);
    readTopology(root, s.topology);
    if (const json* cost = root.value("cost", false))
        s.cost = costConfigFromJson(*cost, m_report, root.fieldPath("cost"));
    if (auto v = root.string("pricingFile", false)) s.pricingFile = *v;
    readFailures(root, s);
    if (m_report.issues().size() == issuesBefore) checkFailureBehaviour(s);
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
    if (auto v = readNumberField(r, fields::run::durationS)) run.durationS = *v;
    if (auto v = readNumberField(r, fields::run::windowS)) run.windowS = *v;
    if (auto v = readNumberField(r, fields::run::warmupS)) run.warmupS = *v;
    if (auto v = readIntegerField(r, fields::run::maxCompleted))
        run.maxCompleted = static_cast<std::uint64_t>(*v);
    if (auto v = readIntegerField(r, fields::run::maxInFlight))
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
    const auto type = readKeyword(r, fields::workload::type, kWorkloadTypes);
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
            if (auto v = readNumberField(r, fields::workload::ratePerS)) workload.ratePerS = *v;
            break;
        case WorkloadType::Schedule:
            readSchedule(r, workload);
            break;
        case WorkloadType::OnOff: {
            if (auto v = readNumberField(r, fields::workload::onRatePerS)) workload.onRatePerS = *v;
            if (auto v = readNumberField(r, fields::workload::offRatePerS))
                workload.offRatePerS = *v;
            workload.onDurationS = readDistribution(r, fields::workload::onDurationS);
            workload.offDurationS = readDistribution(r, fields::workload::offDurationS);
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
            if (auto v = readIntegerField(r, fields::workload::users))
                workload.users = static_cast<int>(*v);
            workload.thinkTimeMs = readDistribution(r, fields::workload::thinkTimeMs);
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
        workload.payloadKb = readDistribution(r, fields::workload::payloadKb);
    }
    if (const json* steps = r.array(fields::workload::afterResponse.key, false)) {
        const std::string path = r.fieldPath(fields::workload::afterResponse.key);
        workload.afterResponse = readSteps(*steps, path, 1, "");
        checkClientSteps(workload.afterResponse, path);
        m_clientFrame = !workload.afterResponse.empty();
    }
    r.reportUnknownFields();
}

void ScenarioReader::checkClientSteps(const std::vector<HandlerStep>& steps,
                                      const std::string& path) {
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const HandlerStep& step = steps[i];
        switch (step.kind) {
            case HandlerStep::Kind::Put:
            case HandlerStep::Kind::Get:
            case HandlerStep::Kind::Cpu:
                break;
            case HandlerStep::Kind::Branch:
                checkClientSteps(step.steps, indexPath(path, i) + ".steps");
                break;
            case HandlerStep::Kind::Call:
            case HandlerStep::Kind::Cache:
            case HandlerStep::Kind::Send:
                m_report.add(indexPath(path, i),
                             "after the response the client runs only put, get, cpu and branch "
                             "steps; calls, cache lookups and sends belong in a handler");
                break;
        }
    }
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
        const auto time = readNumberField(p, fields::schedulePoint::timeS);
        const auto rate = readNumberField(p, fields::schedulePoint::ratePerS);
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
    column("keyColumn", columns.keyColumn, columns.keyColumnIndex);
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
    // Keys are numbered as first read; renumbered in arrival order once the rows are sorted.
    std::vector<std::int64_t> keys;
    std::unordered_map<std::string, std::int64_t> keyNumbers;
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
        if (columns.hasKey())
            keys.push_back(
                keyNumbers.try_emplace(row.key, static_cast<std::int64_t>(keyNumbers.size()))
                    .first->second);
    }
    keyNumbers = {};
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
    // A row's size and key go with its own arrival, so they follow its time into arrival order.
    if (columns.hasPayload() || columns.hasKey()) {
        const std::vector<std::size_t> order = arrivalOrder(times);
        if (columns.hasPayload()) {
            workload.tracePayloadKb.reserve(order.size());
            for (const std::size_t i : order) workload.tracePayloadKb.push_back(sizes[i]);
        }
        if (columns.hasKey()) {
            // Numbered again in arrival order: the same trace gives the same numbers however its
            // rows are laid out in the file.
            std::vector<std::int64_t> renumbered(keys.size(), -1);  // at most one key per row
            std::int64_t next = 0;
            workload.traceKeys.reserve(order.size());
            for (const std::size_t i : order) {
                std::int64_t& number = renumbered[static_cast<std::size_t>(keys[i])];
                if (number < 0) number = next++;
                workload.traceKeys.push_back(number);
            }
        }
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
    readRegions(r, topology);
    readComponents(r, ComponentKind::Gateway, topology.gateways, &ScenarioReader::readGateway);
    readComponents(r, ComponentKind::Function, topology.functions, &ScenarioReader::readFunction);
    readComponents(r, ComponentKind::Server, topology.servers, &ScenarioReader::readServers);
    readComponents(r, ComponentKind::Cache, topology.caches, &ScenarioReader::readCache);
    readComponents(r, ComponentKind::Database, topology.databases, &ScenarioReader::readDatabase);
    readComponents(r, ComponentKind::Hop, topology.hops, &ScenarioReader::readHop);
    readComponents(r, ComponentKind::Station, topology.stations, &ScenarioReader::readStation);
    readComponents(r, ComponentKind::Queue, topology.queues, &ScenarioReader::readQueue);
    readComponents(r, ComponentKind::ObjectStore, topology.objectStores,
                   &ScenarioReader::readObjectStore);
    r.reportUnknownFields();
    checkPlacements(topology);
    checkComponentCounts(r, topology);
    checkReferences();
    // With an id used twice, which component a reference means is unknowable; the duplicate is
    // reported already, and the graph is worth checking once it is fixed.
    if (m_duplicateIds) return;
    const CallGraph graph = callGraph();
    if (checkCycles(graph)) return;
    // Steps after the response run on a frame of the client's own, beneath the entry's chain.
    checkCallDepth(graph, entry, "requests from the entry",
                   kMaxCallDepth - (m_clientFrame ? 1 : 0));
    // A job starts with no frame on a consumer pool, so its chain of calls starts there.
    for (const std::string& consumer : m_consumers)
        checkCallDepth(graph, consumer, "jobs of '" + excerpt(consumer) + "'");
}

void ScenarioReader::readRegions(JsonObjectReader& r, TopologySpec& topology) {
    std::set<std::string> ids;
    if (const json* list = r.array("regions", false)) {
        if (list->size() > kMaxRegions)
            m_report.add(r.fieldPath("regions"), "lists " + std::to_string(list->size()) +
                                                     " regions; the engine supports at most " +
                                                     std::to_string(kMaxRegions));
        double shares = 0;
        for (std::size_t i = 0; i < list->size(); ++i) {
            JsonObjectReader c((*list)[i], indexPath(r.fieldPath("regions"), i), m_report);
            if (!c.isObject()) continue;
            RegionSpec region;
            if (auto id = c.string(fields::regions::id.key, true)) {
                if (id->empty())
                    c.fail(fields::regions::id.key, "must not be empty");
                else if (*id == kEdgeRegion)
                    c.fail(fields::regions::id.key,
                           "'edge' is a placement (each client's own region), not a region: "
                           "give the region its name");
                else if (!ids.insert(*id).second)
                    c.fail(fields::regions::id.key, "duplicate region '" + excerpt(*id) + "'");
                region.id = *id;
            }
            if (auto v = readNumberField(c, fields::regions::clientShare)) region.clientShare = *v;
            shares += region.clientShare;
            c.reportUnknownFields();
            topology.regions.push_back(std::move(region));
        }
        if (!topology.regions.empty() && shares <= 0)
            m_report.add(r.fieldPath("regions"),
                         "has client shares that add up to 0: give at least one region a share "
                         "above 0");
    }
    std::set<std::pair<std::string, std::string>> given;
    if (const json* list = r.array("roundTrips", false)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            JsonObjectReader c((*list)[i], indexPath(r.fieldPath("roundTrips"), i), m_report);
            if (!c.isObject()) continue;
            RoundTripSpec trip;
            bool known = true;
            for (const FieldDescription* end : {&fields::roundTrip::from, &fields::roundTrip::to}) {
                const auto id = c.string(end->key, true);
                if (!id) {
                    known = false;
                    continue;
                }
                if (!ids.count(*id)) {
                    c.fail(end->key, "names '" + excerpt(*id) +
                                         "', which is not a region of topology.regions");
                    known = false;
                }
                (end == &fields::roundTrip::from ? trip.from : trip.to) = *id;
            }
            trip.rttMs = readDistribution(c, fields::roundTrip::rttMs);
            if (known && trip.from == trip.to)
                c.fail(fields::roundTrip::to.key,
                       "must differ from 'from': a call within a region pays no round trip");
            else if (known && !given.insert(std::minmax(trip.from, trip.to)).second)
                c.fail(fields::roundTrip::to.key, "repeats the round trip between '" +
                                                      excerpt(trip.from) + "' and '" +
                                                      excerpt(trip.to) + "'");
            c.reportUnknownFields();
            topology.roundTrips.push_back(std::move(trip));
        }
    }
    // Every pair of regions needs a figure: written, or bundled for well-known ids.
    const auto& regions = topology.regions;
    for (std::size_t a = 0; a < regions.size(); ++a)
        for (std::size_t b = a + 1; b < regions.size(); ++b) {
            const std::string& x = regions[a].id;
            const std::string& y = regions[b].id;
            if (x.empty() || y.empty() || x == y || given.count(std::minmax(x, y)) ||
                bundledRoundTripMs(x, y))
                continue;
            m_report.add(r.fieldPath("roundTrips"),
                         "has no round trip between regions '" + excerpt(x) + "' and '" +
                             excerpt(y) +
                             "' (archsim bundles figures only for AWS region ids): "
                             "add {\"from\": \"" +
                             excerpt(x) + "\", \"to\": \"" + excerpt(y) + "\", \"rttMs\": ...}");
        }
}

void ScenarioReader::checkPlacements(const TopologySpec& topology) {
    for (const auto& placement : m_placements) {
        // Named, not a structured binding: clang (the fuzz build) cannot capture one in a lambda.
        const std::string& path = placement.first;
        const std::string& region = placement.second;
        if (topology.regions.empty()) {
            m_report.add(path, "places the component in '" + excerpt(region) +
                                   "', but topology.regions lists no regions: list them there");
            continue;
        }
        if (region == kEdgeRegion) {
            // A queue is one service in one place; its consumers reach it from theirs.
            if (path.rfind("topology.queues[", 0) == 0)
                m_report.add(path, "is 'edge', but a queue runs in one region: name one of "
                                   "topology.regions (consumers elsewhere pay the round trip)");
            continue;
        }
        const bool listed = std::any_of(topology.regions.begin(), topology.regions.end(),
                                        [&](const RegionSpec& r) { return r.id == region; });
        if (!listed)
            m_report.add(path, "names '" + excerpt(region) +
                                   "', which is neither a region of topology.regions nor 'edge'");
    }
    for (std::size_t i = 0; i < topology.caches.size(); ++i) {
        const CacheSpec& cache = topology.caches[i];
        if (cache.placement == CachePlacement::InProcess && !cache.region.empty())
            m_report.add(indexPath("topology.caches", i) + "." + std::string(fields::region.key),
                         "is given for an in-process cache, which runs inside its pool's "
                         "instances: leave it out (the pool's region applies)");
    }
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
void ScenarioReader::readComponents(JsonObjectReader& topology, ComponentKind kind,
                                    std::vector<Spec>& specs,
                                    void (ScenarioReader::*readFields)(JsonObjectReader&, Spec&)) {
    const std::string key(describe(kind).arrayKey);
    const json* list = topology.array(key, false);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        JsonObjectReader c((*list)[i], indexPath(topology.fieldPath(key), i), m_report);
        if (!c.isObject()) continue;
        Spec spec;
        spec.id = readId(c, kind);
        if constexpr (requires { spec.region; }) {
            if (auto region = c.string(fields::region.key, false)) {
                spec.region = *region;
                m_placements.emplace_back(c.fieldPath(fields::region.key), *region);
            }
        }
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
        m_report.add(reader.fieldPath("id"), "duplicate id '" + excerpt(*id) +
                                                 "': " + it->second.path +
                                                 " already uses it (ids must be unique across "
                                                 "all components)");
    } else {
        m_componentOrder.push_back(*id);
    }
    return *id;
}

void ScenarioReader::readGateway(JsonObjectReader& r, GatewaySpec& gateway) {
    gateway.latencyMs = readDistribution(r, fields::gateway::latencyMs);
    if (auto v = readNumberField(r, fields::gateway::payloadLimitKb)) gateway.payloadLimitKb = *v;
    gateway.rateLimit = readRateLimit(r);
    if (auto v = readIntegerField(r, fields::gateway::shedQueueAbove)) gateway.shedQueueAbove = *v;
    if (auto v = readIntegerField(r, fields::gateway::shedInFlightAbove))
        gateway.shedInFlightAbove = *v;
    gateway.next = readReference(r, std::string(fields::gateway::next.key), false,
                                 ReferenceKind::Next, gateway.id);
}

void ScenarioReader::readFunction(JsonObjectReader& r, FunctionPoolSpec& function) {
    if (auto v = readIntegerField(r, fields::function::concurrencyPerInstance))
        function.concurrencyPerInstance = static_cast<int>(*v);
    function.coldStartMs = readDistribution(r, fields::function::coldStartMs);
    function.keepAliveS = readDistribution(r, fields::function::keepAliveS);
    const auto provisioned = readIntegerField(r, fields::function::provisioned);
    if (provisioned) function.provisioned = static_cast<int>(*provisioned);
    const auto maxInstances = readIntegerField(r, fields::function::maxInstances);
    if (maxInstances) function.maxInstances = static_cast<int>(*maxInstances);
    if (auto v = readNumberField(r, fields::function::scaleOutPerS)) function.scaleOutPerS = *v;
    if (auto v = readKeyword(r, fields::function::onLimit, kOverflowPolicies))
        function.onLimit = *v;
    if (auto v = readKeyword(r, fields::function::pick, kInstancePicks)) function.pick = *v;
    function.trigger = readTrigger(r);
    if (function.trigger) m_consumers.push_back(function.id);
    if (auto v = readNumberField(r, fields::function::payloadLimitKb)) function.payloadLimitKb = *v;
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
    const auto replicas = readIntegerField(r, fields::server::replicas);
    if (replicas) servers.replicas = static_cast<int>(*replicas);
    if (auto v = readIntegerField(r, fields::server::workersPerReplica))
        servers.workersPerReplica = static_cast<int>(*v);
    if (auto v = readIntegerField(r, fields::server::queueCapacity))
        servers.queueCapacity = static_cast<int>(*v);
    if (auto v = readKeyword(r, fields::server::balancer, kBalancerPolicies)) servers.balancer = *v;
    if (auto v = readNumberField(r, fields::server::timeoutMs)) servers.timeoutMs = *v;
    servers.autoscaler = readAutoscaler(r);
    if (r.has(fields::server::polls.key)) {
        servers.polls = readReference(r, std::string(fields::server::polls.key), false,
                                      ReferenceKind::Consumer, servers.id);
        if (!servers.polls.empty()) m_consumers.push_back(servers.id);
    }
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

std::optional<RateLimitSpec> ScenarioReader::readRateLimit(JsonObjectReader& gateway) {
    const json* value = gateway.value(fields::gateway::rateLimit.key, false);
    if (!value) return std::nullopt;
    JsonObjectReader r(*value, gateway.fieldPath(fields::gateway::rateLimit.key), m_report);
    if (!r.isObject()) return std::nullopt;
    RateLimitSpec limit;
    if (auto v = readNumberField(r, fields::rateLimit::ratePerS)) limit.ratePerS = *v;
    if (auto v = readNumberField(r, fields::rateLimit::burst)) limit.burst = *v;
    r.reportUnknownFields();
    return limit;
}

std::optional<SloSpec> ScenarioReader::readSlo(JsonObjectReader& root) {
    const json* value = root.value(fields::scenario::slo.key, false);
    if (!value) return std::nullopt;
    JsonObjectReader r(*value, root.fieldPath(fields::scenario::slo.key), m_report);
    if (!r.isObject()) return std::nullopt;
    SloSpec slo;
    if (auto v = readNumberField(r, fields::slo::latencyMs)) slo.latencyMs = *v;
    if (auto v = readNumberField(r, fields::slo::percentile)) slo.percentile = *v;
    r.reportUnknownFields();
    return slo;
}

void ScenarioReader::readCallOptions(JsonObjectReader& s, HandlerStep& call) {
    if (auto v = readNumberField(s, fields::call::timeoutMs)) call.timeoutMs = *v;
    call.retry = readRetry(s);
    call.breaker = readBreaker(s);
    if (auto v = readKeyword(s, fields::call::onFailure, kOnFailure)) call.continueOnFailure = *v;
    if (call.retry) m_retriedCalls.push_back({s.fieldPath("retry"), call.target, bool(call.timeoutMs)});
}

std::optional<RetryPolicy> ScenarioReader::readRetry(JsonObjectReader& step) {
    const json* value = step.value(fields::call::retry.key, false);
    if (!value) return std::nullopt;
    JsonObjectReader r(*value, step.fieldPath(fields::call::retry.key), m_report);
    if (!r.isObject()) return std::nullopt;
    RetryPolicy retry;
    if (auto v = readIntegerField(r, fields::retry::attempts)) retry.attempts = static_cast<int>(*v);
    if (auto v = readNumberField(r, fields::retry::backoffMs)) retry.backoffMs = *v;
    if (auto v = readNumberField(r, fields::retry::backoffMultiplier)) retry.backoffMultiplier = *v;
    const auto maxBackoff = readNumberField(r, fields::retry::maxBackoffMs);
    if (maxBackoff) retry.maxBackoffMs = *maxBackoff;
    if (auto v = readNumberField(r, fields::retry::jitter)) retry.jitter = *v;
    if (auto v = readNumberField(r, fields::retry::budget)) retry.budget = *v;
    if (maxBackoff && retry.maxBackoffMs < retry.backoffMs)
        m_report.add(r.fieldPath(fields::retry::maxBackoffMs.key),
                     "must be >= backoffMs (" + formatNumber(retry.backoffMs) + " ms), got " +
                         formatNumber(retry.maxBackoffMs) + " ms");
    r.reportUnknownFields();
    return retry;
}

std::optional<CircuitBreakerSpec> ScenarioReader::readBreaker(JsonObjectReader& step) {
    const json* value = step.value(fields::call::breaker.key, false);
    if (!value) return std::nullopt;
    JsonObjectReader r(*value, step.fieldPath(fields::call::breaker.key), m_report);
    if (!r.isObject()) return std::nullopt;
    CircuitBreakerSpec b;
    if (auto v = readNumberField(r, fields::breaker::failureRateThreshold))
        b.failureRateThreshold = *v;
    if (auto v = readNumberField(r, fields::breaker::windowS)) b.windowS = *v;
    if (auto v = readIntegerField(r, fields::breaker::minimumCalls))
        b.minimumCalls = static_cast<int>(*v);
    if (auto v = readNumberField(r, fields::breaker::openS)) b.openS = *v;
    if (auto v = readIntegerField(r, fields::breaker::halfOpenProbes))
        b.halfOpenProbes = static_cast<int>(*v);
    r.reportUnknownFields();
    return b;
}

void ScenarioReader::readFailures(JsonObjectReader& root, Scenario& scenario) {
    const json* list = root.array("failures", false);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = indexPath(root.fieldPath("failures"), i);
        JsonObjectReader r((*list)[i], path, m_report);
        if (!r.isObject()) continue;
        FailureSpec f;
        const auto kind = readKeyword(r, fields::failure::kind, kFailureKinds);
        if (kind) f.kind = *kind;
        if (auto v = r.string(fields::failure::target.key, true)) f.target = *v;
        const auto start = readNumberField(r, fields::failure::startS);
        if (start) f.startS = *start;
        const auto end = readNumberField(r, fields::failure::endS);
        f.endS = end ? *end : scenario.run.durationS;
        if (auto v = readNumberField(r, fields::failure::factor)) f.factor = *v;
        if (auto v = readNumberField(r, fields::failure::probability)) f.probability = *v;
        if (auto v = readNumberField(r, fields::failure::share)) f.share = *v;
        if (auto v = r.string(fields::failure::label.key, false)) f.label = *v;
        // A kind's own figure is needed only by that kind: one given to another kind is a
        // mistake (a "factor" on an outage would silently do nothing).
        const std::pair<FailureKind, const FieldDescription*> own[] = {
            {FailureKind::Slow, &fields::failure::factor},
            {FailureKind::Errors, &fields::failure::probability},
            {FailureKind::LoseReplicas, &fields::failure::share}};
        for (const auto& [owner, field] : own)
            if (kind && *kind != owner && r.has(field->key))
                r.fail(field->key, "applies only to a '" +
                                       std::string(keywordOf(owner, kFailureKinds)) + "' failure");
        if (start && f.startS >= scenario.run.durationS)
            m_report.add(r.fieldPath(fields::failure::startS.key),
                         "must be before the end of the run (run.durationS = " +
                             formatNumber(scenario.run.durationS) + " s), got " +
                             formatNumber(f.startS) + " s");
        if (end && start && f.endS <= f.startS && (!kind || *kind != FailureKind::CacheFlush))
            m_report.add(r.fieldPath(fields::failure::endS.key),
                         "must be after startS (" + formatNumber(f.startS) + " s), got " +
                             formatNumber(f.endS) + " s");
        if (end && f.endS > scenario.run.durationS)
            m_report.add(r.fieldPath(fields::failure::endS.key),
                         "must be within the run (run.durationS = " +
                             formatNumber(scenario.run.durationS) + " s), got " +
                             formatNumber(f.endS) + " s");
        r.reportUnknownFields();
        scenario.failures.push_back(std::move(f));
    }
}

void ScenarioReader::checkFailureBehaviour(const Scenario& scenario) {
    std::set<std::string> failing;  // components with a failure that makes calls to them fail
    for (std::size_t i = 0; i < scenario.failures.size(); ++i) {
        const FailureSpec& f = scenario.failures[i];
        const std::string path = indexPath("failures", i) + ".target";
        const auto it = m_components.find(f.target);
        if (it == m_components.end()) {
            m_report.add(path, "there is no component '" + excerpt(f.target) + "'" + suggestId(f.target));
            continue;
        }
        const ComponentKind kind = it->second.kind;
        if (f.kind == FailureKind::CacheFlush) {
            const CacheSpec* cache = nullptr;
            for (const auto& c : scenario.topology.caches)
                if (c.id == f.target) cache = &c;
            if (!cache)
                m_report.add(path, "a cacheFlush needs a cache, and '" + excerpt(f.target) +
                                       "' is a " + std::string(describe(kind).noun));
            else if (cache->placement != CachePlacement::Remote)
                m_report.add(path, "only a remote cache can be flushed from outside; an "
                                   "in-process cache lives in each instance");
        }
        if (f.kind == FailureKind::LoseReplicas && !isComputePool(kind))
            m_report.add(path, "loseReplicas needs a function or server pool, and '" +
                                   excerpt(f.target) + "' is a " +
                                   std::string(describe(kind).noun));
        if (f.kind == FailureKind::Down || f.kind == FailureKind::Errors) failing.insert(f.target);
    }
    // A retry of a call that can never fail would never run: a hop or a database only fails
    // through a timeout on the call or a failure injected on it.
    for (const RetriedCall& call : m_retriedCalls) {
        const auto it = m_components.find(call.target);
        if (it == m_components.end() || call.hasTimeout || failing.count(call.target)) continue;
        const ComponentKind kind = it->second.kind;
        if (kind == ComponentKind::Hop || kind == ComponentKind::Database)
            m_report.add(call.path, "a call to the " + std::string(describe(kind).noun) + " '" +
                                        excerpt(call.target) +
                                        "' cannot fail without a timeoutMs on the call or a "
                                        "failure injected on it, so it would never be retried");
    }
}

std::optional<AutoscalerSpec> ScenarioReader::readAutoscaler(JsonObjectReader& servers) {
    const json* value = servers.value("autoscaler", false);
    if (!value) return std::nullopt;
    JsonObjectReader r(*value, servers.fieldPath("autoscaler"), m_report);
    if (!r.isObject()) return std::nullopt;
    const std::size_t issuesBefore = m_report.issues().size();
    AutoscalerSpec a;
    const auto metric = readKeyword(r, fields::autoscaler::metric, kScalingMetrics);
    if (metric) a.metric = *metric;
    // The target's meaning, and so its range, follows the metric; with a rejected metric only the
    // wider range is checked, so the one mistake is reported once.
    const bool utilization = metric ? *metric == ScalingMetric::Utilization : !r.has("metric");
    NumberRange targetRange = fields::autoscaler::target.range();
    if (utilization) {
        targetRange.max = kMaxUtilizationTarget;
    } else {
        targetRange.unit = "requests";
    }
    if (auto v = r.number(fields::autoscaler::target.key, false, targetRange)) a.target = *v;
    if (auto v = readNumberField(r, fields::autoscaler::evaluationPeriodS))
        a.evaluationPeriodS = *v;
    if (auto v = readNumberField(r, fields::autoscaler::bootDelayS)) a.bootDelayS = *v;
    if (auto v = readNumberField(r, fields::autoscaler::scaleInStabilizationS))
        a.scaleInStabilizationS = *v;
    if (auto v = readIntegerField(r, fields::autoscaler::minReplicas))
        a.minReplicas = static_cast<int>(*v);
    if (auto v = readIntegerField(r, fields::autoscaler::maxReplicas))
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
    if (auto v = readKeyword(r, fields::cache::placement, kCachePlacements)) cache.placement = *v;
    cache.lookupMs = readDistribution(r, fields::cache::lookupMs);
    if (r.has("hitRatio")) {
        if (auto v = readNumberField(r, fields::cache::hitRatio)) cache.hitRatio = *v;
        // Two ways of deciding hits at once would leave one silently unused.
        for (const char* key : {"keys", "zipfExponent", "capacity", "ttlS"}) {
            if (!r.has(key)) continue;
            r.fail(key,
                   "cannot be combined with hitRatio: give either a fixed hitRatio or the "
                   "key-popularity model (keys, zipfExponent, capacity, ttlS)");
        }
        return;
    }
    if (auto v = readIntegerField(r, fields::cache::keys)) cache.keys = *v;
    if (auto v = readNumberField(r, fields::cache::zipfExponent)) cache.zipfExponent = *v;
    if (auto v = readIntegerField(r, fields::cache::capacity)) cache.capacity = *v;
    if (auto v = readNumberField(r, fields::cache::ttlS)) cache.ttlS = *v;
}

void ScenarioReader::readDatabase(JsonObjectReader& r, DatabaseSpec& database) {
    database.queryMs = readDistribution(r, fields::database::queryMs);
    if (auto v = readIntegerField(r, fields::database::connections))
        database.connections = static_cast<int>(*v);
}

void ScenarioReader::readHop(JsonObjectReader& r, NetworkHopSpec& hop) {
    hop.latencyMs = readDistribution(r, fields::hop::latencyMs);
}

std::optional<QueueTriggerSpec> ScenarioReader::readTrigger(JsonObjectReader& function) {
    const json* value = function.value(fields::function::trigger.key, false);
    if (!value) return std::nullopt;
    JsonObjectReader r(*value, function.fieldPath(fields::function::trigger.key), m_report);
    if (!r.isObject()) return std::nullopt;
    QueueTriggerSpec trigger;
    trigger.queue = readReference(r, std::string(fields::trigger::queue.key), true,
                                  ReferenceKind::Consumer, "");
    if (auto v = readIntegerField(r, fields::trigger::batchSize))
        trigger.batchSize = static_cast<int>(*v);
    if (auto v = readNumberField(r, fields::trigger::batchWindowS)) trigger.batchWindowS = *v;
    if (auto v = readIntegerField(r, fields::trigger::maxConcurrency))
        trigger.maxConcurrency = static_cast<int>(*v);
    r.reportUnknownFields();
    return trigger;
}

void ScenarioReader::readQueue(JsonObjectReader& r, QueueSpec& queue) {
    queue.enqueueMs = readDistribution(r, fields::queue::enqueueMs);
    if (auto v = readNumberField(r, fields::queue::deliveryDelayS)) queue.deliveryDelayS = *v;
    if (auto v = readNumberField(r, fields::queue::visibilityTimeoutS))
        queue.visibilityTimeoutS = *v;
    if (auto v = readIntegerField(r, fields::queue::maxReceives))
        queue.maxReceives = static_cast<int>(*v);
    if (r.has(fields::queue::deadLetter.key)) {
        queue.deadLetter = readReference(r, std::string(fields::queue::deadLetter.key), false,
                                         ReferenceKind::DeadLetter, queue.id);
        if (!queue.deadLetter.empty() && queue.deadLetter == queue.id)
            r.fail(fields::queue::deadLetter.key,
                   "names the queue itself; dead-lettered messages must go to another queue");
        if (!queue.deadLetter.empty() && !r.has(fields::queue::maxReceives.key))
            r.fail(fields::queue::deadLetter.key,
                   "needs maxReceives: without it no message is ever dead-lettered");
    }
    if (auto v = readKeyword(r, fields::queue::order, kQueueOrders)) queue.order = *v;
    if (auto v = readIntegerField(r, fields::queue::maxDepth)) queue.maxDepth = *v;
}

void ScenarioReader::readObjectStore(JsonObjectReader& r, ObjectStoreSpec& store) {
    store.putMs = readDistribution(r, fields::objectStore::putMs);
    store.getMs = readDistribution(r, fields::objectStore::getMs);
    store.bandwidthMbPerS = readDistribution(r, fields::objectStore::bandwidthMbPerS);
    if (store.bandwidthMbPerS) {
        const auto mean = store.bandwidthMbPerS->mean();
        if (mean && !(*mean > 0))
            m_report.add(r.fieldPath(fields::objectStore::bandwidthMbPerS.key),
                         "must not always be 0 MB/s: nothing would ever arrive");
    }
    if (auto v = readNumberField(r, fields::objectStore::retentionDays)) store.retentionDays = *v;
    const json* value = r.value(fields::objectStore::onPut.key, false);
    if (!value) return;
    JsonObjectReader e(*value, r.fieldPath(fields::objectStore::onPut.key), m_report);
    if (!e.isObject()) return;
    StoreEventSpec event;
    if (e.has(fields::storeEvent::queue.key))
        event.queue = readReference(e, std::string(fields::storeEvent::queue.key), true,
                                    ReferenceKind::Send, store.id);
    if (e.has(fields::storeEvent::function.key))
        event.function = readReference(e, std::string(fields::storeEvent::function.key), true,
                                       ReferenceKind::Invoke, store.id);
    if (e.has(fields::storeEvent::queue.key) == e.has(fields::storeEvent::function.key))
        m_report.add(e.path(), "must name either a 'queue' or a 'function' (one of the two)");
    e.reportUnknownFields();
    store.onPut = event;
    // A function invoked by PUTs runs jobs that start with no frame: its chain starts there too.
    if (!event.function.empty()) m_consumers.push_back(event.function);
}

void ScenarioReader::readStation(JsonObjectReader& r, StationSpec& station) {
    if (auto v = readIntegerField(r, fields::station::servers))
        station.servers = static_cast<int>(*v);
    station.serviceMs = readDistribution(r, fields::station::serviceMs);
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
    for (const char* key : {"cpu", "call", "cache", "branch", "send", "put", "get"})
        if (s.has(key)) present.emplace_back(key);
    if (present.size() != 1) {
        if (present.empty()) {
            m_report.add(path,
                         "a step needs one of 'cpu', 'call', 'cache', 'branch', 'send', "
                         "'put' or 'get'");
        } else {
            m_report.add(path, "has both '" + present[0] + "' and '" + present[1] +
                                   "'; a step does one thing, so split it into separate steps");
        }
        // The step's own fields are not reported again, and a misspelt one ("cpuMs") is matched
        // against them.
        for (const char* key :
             {"cpu", "call", "cache", "branch", "send", "put", "get", "onMiss", "steps",
              "timeoutMs", "retry", "breaker", "onFailure", "bandwidthMbPerS"})
            s.allow(key);
        s.reportUnknownFields();
        return step;
    }

    const std::string& kind = present.front();
    if (kind == "cpu") {
        step.kind = HandlerStep::Kind::Cpu;
        step.cpuMs = readDistribution(s, kCpuStep);
    } else if (kind == "call") {
        step.kind = HandlerStep::Kind::Call;
        step.target = readReference(s, "call", true, ReferenceKind::Call, owner);
        readCallOptions(s, step);
    } else if (kind == "send") {
        step.kind = HandlerStep::Kind::Send;
        step.target = readReference(s, "send", true, ReferenceKind::Send, owner);
        readCallOptions(s, step);
    } else if (kind == "put" || kind == "get") {
        step.kind = kind == "put" ? HandlerStep::Kind::Put : HandlerStep::Kind::Get;
        step.target = readReference(s, kind, true, ReferenceKind::Store, owner);
        step.bandwidthMbPerS = readDistribution(s, fields::call::bandwidthMbPerS);
        if (step.bandwidthMbPerS) {
            const auto mean = step.bandwidthMbPerS->mean();
            if (mean && !(*mean > 0))
                m_report.add(s.fieldPath(fields::call::bandwidthMbPerS.key),
                             "must not always be 0 MB/s: nothing would ever arrive");
        }
        readCallOptions(s, step);
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
    const bool callLike = kind == "call" || kind == "send" || kind == "put" || kind == "get";
    for (const FieldDescription* option : callDescription().fields)
        if (option != &fields::call::target && !callLike && s.has(option->key))
            s.fail(option->key, "applies only to a call, send, put or get step");
    if (kind != "put" && kind != "get" && s.has(fields::call::bandwidthMbPerS.key))
        s.fail(fields::call::bandwidthMbPerS.key, "applies only to a put or get step");
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

DistributionPtr ScenarioReader::readDistribution(JsonObjectReader& reader,
                                                 const FieldDescription& field) {
    const json* value = reader.value(field.key, field.required());
    if (!value) return nullptr;
    return checkDistribution(*value, reader.fieldPath(field.key), field);
}

DistributionPtr ScenarioReader::checkDistribution(const json& value, const std::string& path,
                                                  const FieldDescription& field) {
    DistributionPtr distribution = distributionFromJson(value, path, m_report);
    if (!distribution) return nullptr;
    // distributionFromJson already caps the 99th percentile far away (1e12); the field's own
    // limit is tighter, e.g. a keep-alive of 1e12 s is a typo, not a setting.
    const auto p99 = distribution->quantile(0.99);
    if (p99 && *p99 > field.max) {
        const std::string unit(field.unit);
        m_report.add(path, "its 99th percentile is " + formatNumber(*p99, kFigureDigits) + " " +
                               unit + ", above the limit of " + formatNumber(field.max) + " " +
                               unit + " (" + std::string(field.maxMeaning) + ")");
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

void ScenarioReader::checkCallDepth(const CallGraph& graph, const std::string& entry,
                                    const std::string& from, std::size_t limit) {
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
    if (depth[start->second] <= limit) return;

    // Name the chain, and report at the reference that takes it one pool past the limit.
    std::string chain = nodes[start->second];
    std::size_t node = start->second;
    std::size_t pools = weight(node);
    const Reference* culprit = nullptr;
    while (deepest[node] != kNone) {
        const CallGraph::Edge& edge = edges[node][deepest[node]];
        node = edge.to;
        pools += weight(node);
        if (!culprit && pools > limit) culprit = edge.reference;
        chain += " -> " + nodes[node];
    }
    m_report.add(culprit ? culprit->path : std::string("topology.entry"),
                 from + " can pass through " + std::to_string(pools) + " nested pools (" + chain +
                     "), more than the " + std::to_string(limit) +
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
void putDistribution(ordered_json& object, const FieldDescription& field,
                     const DistributionPtr& distribution) {
    if (distribution)
        object[std::string(field.key)] = canonicalDistribution(distribution->toJson());
}

/// A field written under its key.
template <typename Value>
void put(ordered_json& object, const FieldDescription& field, Value&& value) {
    object[std::string(field.key)] = std::forward<Value>(value);
}

ordered_json stepsToJson(const std::vector<HandlerStep>& steps);

ordered_json stepToJson(const HandlerStep& step) {
    ordered_json out = ordered_json::object();
    switch (step.kind) {
        case HandlerStep::Kind::Cpu:
            putDistribution(out, kCpuStep, step.cpuMs);
            break;
        case HandlerStep::Kind::Call:
        case HandlerStep::Kind::Send:
        case HandlerStep::Kind::Put:
        case HandlerStep::Kind::Get:
            out[step.kind == HandlerStep::Kind::Send  ? "send"
                : step.kind == HandlerStep::Kind::Put ? "put"
                : step.kind == HandlerStep::Kind::Get ? "get"
                                                      : "call"] = step.target;
            if (step.bandwidthMbPerS)
                putDistribution(out, fields::call::bandwidthMbPerS, step.bandwidthMbPerS);
            if (step.timeoutMs) put(out, fields::call::timeoutMs, *step.timeoutMs);
            if (const auto& r = step.retry) {
                ordered_json retry = ordered_json::object();
                put(retry, fields::retry::attempts, r->attempts);
                put(retry, fields::retry::backoffMs, r->backoffMs);
                put(retry, fields::retry::backoffMultiplier, r->backoffMultiplier);
                put(retry, fields::retry::maxBackoffMs, r->maxBackoffMs);
                put(retry, fields::retry::jitter, r->jitter);
                if (r->budget) put(retry, fields::retry::budget, *r->budget);
                put(out, fields::call::retry, std::move(retry));
            }
            if (const auto& b = step.breaker) {
                ordered_json breaker = ordered_json::object();
                put(breaker, fields::breaker::failureRateThreshold, b->failureRateThreshold);
                put(breaker, fields::breaker::windowS, b->windowS);
                put(breaker, fields::breaker::minimumCalls, b->minimumCalls);
                put(breaker, fields::breaker::openS, b->openS);
                put(breaker, fields::breaker::halfOpenProbes, b->halfOpenProbes);
                put(out, fields::call::breaker, std::move(breaker));
            }
            if (step.continueOnFailure)
                put(out, fields::call::onFailure, keywordOf(true, kOnFailure));
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
    if (c.hasKey()) column("keyColumn", c.keyColumn, c.keyColumnIndex.value_or(0));
    return out;
}

ordered_json workloadToJson(const WorkloadSpec& w) {
    namespace f = fields::workload;
    ordered_json out = ordered_json::object();
    put(out, f::type, keywordOf(w.type, kWorkloadTypes));
    switch (w.type) {
        case WorkloadType::Poisson:
            put(out, f::ratePerS, w.ratePerS);
            break;
        case WorkloadType::Schedule: {
            ordered_json points = ordered_json::array();
            for (const auto& point : w.schedule) {
                ordered_json p = ordered_json::object();
                put(p, fields::schedulePoint::timeS, point.timeS);
                put(p, fields::schedulePoint::ratePerS, point.ratePerS);
                points.push_back(std::move(p));
            }
            put(out, f::schedule, std::move(points));
            break;
        }
        case WorkloadType::OnOff:
            put(out, f::onRatePerS, w.onRatePerS);
            put(out, f::offRatePerS, w.offRatePerS);
            putDistribution(out, f::onDurationS, w.onDurationS);
            putDistribution(out, f::offDurationS, w.offDurationS);
            break;
        case WorkloadType::Closed:
            put(out, f::users, w.users);
            putDistribution(out, f::thinkTimeMs, w.thinkTimeMs);
            break;
        case WorkloadType::Trace:
            put(out, f::traceFile, w.traceFile);
            // Written only when it says something: a plain trace stays readable by builds that
            // know only traceFile.
            if (!(w.traceColumns == TraceColumns{}))
                out["trace"] = traceColumnsToJson(w.traceColumns);
            break;
    }
    // Sizes read from a trace column are read again from the trace, not copied into the file.
    if (!(w.type == WorkloadType::Trace && w.traceColumns.hasPayload()))
        putDistribution(out, f::payloadKb, w.payloadKb);
    // Written only when there are steps, so other scenarios are saved as before.
    if (!w.afterResponse.empty()) put(out, f::afterResponse, stepsToJson(w.afterResponse));
    return out;
}

/// A component's object, its id first.
template <typename Spec>
ordered_json componentObject(const Spec& spec) {
    ordered_json out = ordered_json::object();
    put(out, fields::id, spec.id);
    if constexpr (requires { spec.region; })
        if (!spec.region.empty()) put(out, fields::region, spec.region);
    return out;
}

ordered_json topologyToJson(const TopologySpec& t) {
    using namespace fields;
    ordered_json gateways = ordered_json::array();
    for (const auto& g : t.gateways) {
        ordered_json out = componentObject(g);
        putDistribution(out, gateway::latencyMs, g.latencyMs);
        if (g.payloadLimitKb) put(out, gateway::payloadLimitKb, *g.payloadLimitKb);
        if (g.rateLimit) {
            ordered_json limit = ordered_json::object();
            put(limit, fields::rateLimit::ratePerS, g.rateLimit->ratePerS);
            put(limit, fields::rateLimit::burst, g.rateLimit->burst);
            put(out, gateway::rateLimit, std::move(limit));
        }
        if (g.shedQueueAbove) put(out, gateway::shedQueueAbove, *g.shedQueueAbove);
        if (g.shedInFlightAbove) put(out, gateway::shedInFlightAbove, *g.shedInFlightAbove);
        put(out, gateway::next, g.next);
        gateways.push_back(std::move(out));
    }
    ordered_json functions = ordered_json::array();
    for (const auto& f : t.functions) {
        ordered_json out = componentObject(f);
        put(out, function::concurrencyPerInstance, f.concurrencyPerInstance);
        putDistribution(out, function::coldStartMs, f.coldStartMs);
        putDistribution(out, function::keepAliveS, f.keepAliveS);
        put(out, function::provisioned, f.provisioned);
        put(out, function::maxInstances, f.maxInstances);
        put(out, function::scaleOutPerS, f.scaleOutPerS);
        put(out, function::onLimit, keywordOf(f.onLimit, kOverflowPolicies));
        put(out, function::pick, keywordOf(f.pick, kInstancePicks));
        if (const auto& tr = f.trigger) {
            ordered_json source = ordered_json::object();
            put(source, trigger::queue, tr->queue);
            put(source, trigger::batchSize, tr->batchSize);
            put(source, trigger::batchWindowS, tr->batchWindowS);
            if (tr->maxConcurrency) put(source, trigger::maxConcurrency, *tr->maxConcurrency);
            put(out, function::trigger, std::move(source));
        }
        if (f.payloadLimitKb) put(out, function::payloadLimitKb, *f.payloadLimitKb);
        put(out, handler, stepsToJson(f.handler));
        functions.push_back(std::move(out));
    }
    ordered_json servers = ordered_json::array();
    for (const auto& s : t.servers) {
        ordered_json out = componentObject(s);
        put(out, server::replicas, s.replicas);
        put(out, server::workersPerReplica, s.workersPerReplica);
        put(out, server::queueCapacity, s.queueCapacity);
        put(out, server::balancer, keywordOf(s.balancer, kBalancerPolicies));
        if (s.timeoutMs) put(out, server::timeoutMs, *s.timeoutMs);
        if (const auto& a = s.autoscaler) {
            ordered_json scaling = ordered_json::object();
            put(scaling, autoscaler::metric, keywordOf(a->metric, kScalingMetrics));
            put(scaling, autoscaler::target, a->target);
            put(scaling, autoscaler::evaluationPeriodS, a->evaluationPeriodS);
            put(scaling, autoscaler::bootDelayS, a->bootDelayS);
            put(scaling, autoscaler::scaleInStabilizationS, a->scaleInStabilizationS);
            put(scaling, autoscaler::minReplicas, a->minReplicas);
            put(scaling, autoscaler::maxReplicas, a->maxReplicas);
            put(out, server::autoscaler, std::move(scaling));
        }
        if (!s.polls.empty()) put(out, server::polls, s.polls);
        put(out, handler, stepsToJson(s.handler));
        servers.push_back(std::move(out));
    }
    ordered_json caches = ordered_json::array();
    for (const auto& c : t.caches) {
        ordered_json out = componentObject(c);
        put(out, cache::placement, keywordOf(c.placement, kCachePlacements));
        putDistribution(out, cache::lookupMs, c.lookupMs);
        if (c.hitRatio) {
            put(out, cache::hitRatio, *c.hitRatio);
        } else {
            put(out, cache::keys, c.keys);
            put(out, cache::zipfExponent, c.zipfExponent);
            put(out, cache::capacity, c.capacity);
            if (c.ttlS) put(out, cache::ttlS, *c.ttlS);
        }
        caches.push_back(std::move(out));
    }
    ordered_json databases = ordered_json::array();
    for (const auto& d : t.databases) {
        ordered_json out = componentObject(d);
        putDistribution(out, database::queryMs, d.queryMs);
        put(out, database::connections, d.connections);
        databases.push_back(std::move(out));
    }
    ordered_json hops = ordered_json::array();
    for (const auto& h : t.hops) {
        ordered_json out = componentObject(h);
        putDistribution(out, hop::latencyMs, h.latencyMs);
        hops.push_back(std::move(out));
    }
    ordered_json stations = ordered_json::array();
    for (const auto& s : t.stations) {
        ordered_json out = componentObject(s);
        put(out, station::servers, s.servers);
        putDistribution(out, station::serviceMs, s.serviceMs);
        stations.push_back(std::move(out));
    }
    ordered_json queues = ordered_json::array();
    for (const auto& qs : t.queues) {
        ordered_json out = componentObject(qs);
        putDistribution(out, queue::enqueueMs, qs.enqueueMs);
        put(out, queue::deliveryDelayS, qs.deliveryDelayS);
        put(out, queue::visibilityTimeoutS, qs.visibilityTimeoutS);
        if (qs.maxReceives) put(out, queue::maxReceives, *qs.maxReceives);
        if (!qs.deadLetter.empty()) put(out, queue::deadLetter, qs.deadLetter);
        put(out, queue::order, keywordOf(qs.order, kQueueOrders));
        if (qs.maxDepth) put(out, queue::maxDepth, *qs.maxDepth);
        queues.push_back(std::move(out));
    }
    ordered_json stores = ordered_json::array();
    for (const auto& os : t.objectStores) {
        ordered_json out = componentObject(os);
        putDistribution(out, objectStore::putMs, os.putMs);
        putDistribution(out, objectStore::getMs, os.getMs);
        putDistribution(out, objectStore::bandwidthMbPerS, os.bandwidthMbPerS);
        if (os.onPut) {
            ordered_json event = ordered_json::object();
            if (!os.onPut->queue.empty()) put(event, storeEvent::queue, os.onPut->queue);
            if (!os.onPut->function.empty()) put(event, storeEvent::function, os.onPut->function);
            put(out, objectStore::onPut, std::move(event));
        }
        put(out, objectStore::retentionDays, os.retentionDays);
        stores.push_back(std::move(out));
    }
    ordered_json out = {{"entry", t.entry}};
    if (!t.regions.empty()) {
        ordered_json regions = ordered_json::array();
        for (const RegionSpec& r : t.regions) {
            ordered_json region = ordered_json::object();
            put(region, fields::regions::id, r.id);
            put(region, fields::regions::clientShare, r.clientShare);
            regions.push_back(std::move(region));
        }
        out["regions"] = std::move(regions);
    }
    if (!t.roundTrips.empty()) {
        ordered_json trips = ordered_json::array();
        for (const RoundTripSpec& r : t.roundTrips) {
            ordered_json trip = ordered_json::object();
            put(trip, fields::roundTrip::from, r.from);
            put(trip, fields::roundTrip::to, r.to);
            putDistribution(trip, fields::roundTrip::rttMs, r.rttMs);
            trips.push_back(std::move(trip));
        }
        out["roundTrips"] = std::move(trips);
    }
    for (auto [kind, list] :
         {std::pair{ComponentKind::Gateway, &gateways},
          std::pair{ComponentKind::Function, &functions},
          std::pair{ComponentKind::Server, &servers}, std::pair{ComponentKind::Cache, &caches},
          std::pair{ComponentKind::Database, &databases}, std::pair{ComponentKind::Hop, &hops},
          std::pair{ComponentKind::Station, &stations}})
        out[std::string(describe(kind).arrayKey)] = std::move(*list);
    // Written only when there are queues, so a scenario without them is saved as before (and
    // stays readable by builds that know no queues).
    if (!queues.empty())
        out[std::string(describe(ComponentKind::Queue).arrayKey)] = std::move(queues);
    if (!stores.empty())
        out[std::string(describe(ComponentKind::ObjectStore).arrayKey)] = std::move(stores);
    return out;
}

ordered_json toOrderedJson(const Scenario& s) {
    ordered_json run = ordered_json::object();
    put(run, fields::run::durationS, s.run.durationS);
    put(run, fields::run::windowS, s.run.windowS);
    put(run, fields::run::warmupS, s.run.warmupS);
    if (s.run.maxCompleted) put(run, fields::run::maxCompleted, *s.run.maxCompleted);
    put(run, fields::run::maxInFlight, s.run.maxInFlight);
    ordered_json out = {{"formatVersion", kScenarioFormatVersion},
                        {"name", s.name},
                        {"description", s.description},
                        {"seed", s.seed}};
    if (s.slo) {
        ordered_json slo = ordered_json::object();
        put(slo, fields::slo::latencyMs, s.slo->latencyMs);
        put(slo, fields::slo::percentile, s.slo->percentile);
        put(out, fields::scenario::slo, std::move(slo));
    }
    out["run"] = std::move(run);
    out["workload"] = workloadToJson(s.workload);
    out["topology"] = topologyToJson(s.topology);
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
    if (!s.failures.empty()) {
        ordered_json failures = ordered_json::array();
        for (const FailureSpec& f : s.failures) {
            ordered_json item = ordered_json::object();
            put(item, fields::failure::kind, keywordOf(f.kind, kFailureKinds));
            put(item, fields::failure::target, f.target);
            put(item, fields::failure::startS, f.startS);
            if (f.kind != FailureKind::CacheFlush) put(item, fields::failure::endS, f.endS);
            if (f.kind == FailureKind::Slow) put(item, fields::failure::factor, f.factor);
            if (f.kind == FailureKind::Errors)
                put(item, fields::failure::probability, f.probability);
            if (f.kind == FailureKind::LoseReplicas) put(item, fields::failure::share, f.share);
            if (!f.label.empty()) put(item, fields::failure::label, f.label);
            failures.push_back(std::move(item));
        }
        out["failures"] = std::move(failures);
    }
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
std::string_view toKeyword(QueueOrder value) {
    return keywordOf(value, kQueueOrders);
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
