// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one description of every field a scenario file holds: the run settings, the workload, and
// each kind of component with its fields in the documented order. The reader checks against these
// ranges and words its messages with these units, the writer writes these keys, the properties
// editor takes its ranges, units, labels and tooltips from here, and tests hold the JSON Schema
// (resources/scenario.schema.json) and docs/scenario-format.md to it.
//
// A new field (a per-call timeout, a retry budget, a rate limit) is one entry here, named after
// its JSON key, plus its place in its component's list (scenariofields.cpp). Then it needs the
// one line that moves its value for each of: the reader (readNumberField / readIntegerField /
// readDistribution in scenariojson.cpp), the writer (put / putDistribution there) and the
// properties editor (addMember / addMemberDistribution); range, unit, label, tooltip and default
// come from the entry. tests/sim/scenario/tst_scenariofields.cpp then fails until the JSON Schema
// and docs/scenario-format.md state the field as described and the writer writes its default, and
// (for a number) tests/ui/editors/tst_propertieseditor.cpp until the editor and the reader both
// take exactly the described range.

#include <array>
#include <cstdint>
#include <span>

#include "sim/model/enginelimits.h"
#include "sim/scenario/fielddescription.h"

namespace archsim {

// ---- limits -------------------------------------------------------------------------------------
// Limits that keep a run on a desktop machine: beyond them the input is a typo, not a scenario.

inline constexpr double kMaxRatePerS = 10'000'000;    // ten million requests per second
inline constexpr double kMaxDurationS = 31 * 86'400;  // a month of simulated time
inline constexpr double kMaxDurationMs = kMaxDurationS * 1000;
inline constexpr double kMaxPayloadKb = 10'000'000;  // 10 GB
inline constexpr double kMaxZipfExponent = 10;       // beyond this one key takes all the traffic
inline constexpr double kMaxUtilizationTarget = 1;   // a utilization target is a fraction
inline constexpr double kMaxInFlightTarget = 1'000'000;
inline constexpr double kMaxScaleOutPerS = 1'000'000;  // instance starts per second
inline constexpr std::int64_t kMaxInstances = 1'000'000;
inline constexpr std::int64_t kMaxReplicas = 100'000;
// Requests served at once by one instance, one replica (workersPerReplica) or one station. A slot
// is only a counter in the engine, but every request it serves is a request in flight (about 370
// bytes, docs/benchmarks.md): 1e5 per replica times the 1e5 replicas allowed is already 100 times
// the largest maxInFlight, so a higher figure could never be used and is a typo. (The properties
// editor once offered 1e6 here, which the file reader then refused.)
inline constexpr std::int64_t kMaxConcurrency = 100'000;
inline constexpr std::int64_t kMaxQueueCapacity = 10'000'000;
// The key space of a cache. Keys cost no memory (ZipfSampler draws a key in O(1) time and space),
// what a cache holds is bounded by its capacity, and at about 100 bytes per LRU entry the capacity
// limit of 1e8 is already some 10 GB, past the default memory budget of a run. The key space keeps
// the bound scenario files have always been checked against: widening it would let this version
// save files (format 1) that an earlier archsim refuses. (The properties editor once offered up
// to 1e12 keys, which the file reader then refused.)
inline constexpr std::int64_t kMaxKeys = 100'000'000;
inline constexpr std::int64_t kMaxCacheCapacity = 100'000'000;
inline constexpr std::int64_t kMaxUsers = 1'000'000;
inline constexpr std::int64_t kMaxConnections = 1'000'000;
inline constexpr std::int64_t kMaxInFlightLimit = 100'000'000;
inline constexpr std::int64_t kMaxCompletedLimit = std::int64_t{1} << 50;
// Queues follow the managed services' limits (SQS: 15 minutes of delivery delay, 12 hours of
// visibility timeout; Lambda's event source mapping: 10,000 messages and 5 minutes per batch).
inline constexpr double kMaxDeliveryDelayS = 900;
inline constexpr double kMaxVisibilityTimeoutS = 43'200;
inline constexpr std::int64_t kMaxBatchSize = 10'000;
inline constexpr double kMaxBatchWindowS = 300;

// The engine's own limits (sim/model/enginelimits.h) bound what the ranges above may allow.
static_assert(static_cast<std::size_t>(kMaxInstances) <= kMaxSlotsPerPool);
static_assert(static_cast<std::size_t>(kMaxReplicas) <= kMaxSlotsPerPool);
static_assert(static_cast<std::uint64_t>(kMaxInFlightLimit) < kMaxRequestsInFlight);

namespace fields {

// ---- shared -------------------------------------------------------------------------------------

inline constexpr FieldDescription id{
    .key = "id",
    .label = "Id",
    .type = FieldType::Text,
    .presence = Presence::Required,
    .tooltip = "The component's name; calls and the entry refer to it and follow a rename",
};
inline constexpr FieldDescription region{
    .key = "region",
    .label = "Region",
    .type = FieldType::Text,
    .presence = Presence::Optional,
    .emptyMeaning = "the first region listed",
    .tooltip =
        "Where the component runs: one of the topology's regions, or edge (in each "
        "client's own region, as Workers and CDN caches run)",
};
inline constexpr FieldDescription handler{
    .key = "handler",
    .label = "Handler",
    .type = FieldType::Steps,
    .defaultText = "[]",
    .tooltip = "What each request does",
};

/// A latency: a distribution in milliseconds whose 99th percentile is at most 31 days.
constexpr FieldDescription latency(std::string_view key, std::string_view label,
                                   std::string_view tooltip) {
    return {.key = key,
            .label = label,
            .type = FieldType::Distribution,
            .unit = "ms",
            .max = kMaxDurationMs,
            .presence = Presence::Required,
            .maxMeaning = "31 days",
            .tooltip = tooltip};
}

// ---- regions ------------------------------------------------------------------------------------

namespace regions {
inline constexpr FieldDescription id{
    .key = "id",
    .label = "Region",
    .type = FieldType::Text,
    .presence = Presence::Required,
    .tooltip =
        "The region's name; components and round trips refer to it. AWS region ids "
        "(us-east-1, eu-west-1, ap-northeast-1...) come with bundled round trips",
};
inline constexpr FieldDescription clientShare{
    .key = "clientShare",
    .label = "Client share",
    .max = 1'000'000,
    .defaultValue = 1,
    .tooltip = "Relative weight of the clients in this region (the shares need not add up to 1)",
};
}  // namespace regions

namespace roundTrip {
inline constexpr FieldDescription from{
    .key = "from",
    .label = "From",
    .type = FieldType::Text,
    .presence = Presence::Required,
    .tooltip = "One end of the round trip: a region of the topology",
};
inline constexpr FieldDescription to{
    .key = "to",
    .label = "To",
    .type = FieldType::Text,
    .presence = Presence::Required,
    .tooltip = "The other end; the figure holds both ways",
};
inline constexpr FieldDescription rttMs =
    latency("rttMs", "Round trip", "Network round trip of one call between the two regions");
}  // namespace roundTrip

// ---- run settings -------------------------------------------------------------------------------

namespace run {
inline constexpr FieldDescription durationS{
    .key = "durationS",
    .label = "Duration",
    .unit = "s",
    .max = kMaxDurationS,
    .minExclusive = true,
    .defaultValue = 60,
    .maxMeaning = "31 days",
    .tooltip = "Simulated time to run",
};
inline constexpr FieldDescription windowS{
    .key = "windowS",
    .label = "Window",
    .unit = "s",
    .max = kMaxDurationS,
    .minExclusive = true,
    .defaultValue = 1,
    .maxMeaning = "31 days",
    .tooltip = "Width of one point of the time series (percentiles per window)",
};
inline constexpr FieldDescription warmupS{
    .key = "warmupS",
    .label = "Warm-up",
    .unit = "s",
    .max = kMaxDurationS,
    .defaultValue = 0,
    .maxMeaning = "31 days",
    .tooltip =
        "Requests arriving earlier are left out of the totals (the cold start of the "
        "whole system)",
};
inline constexpr FieldDescription maxCompleted{
    .key = "maxCompleted",
    .label = "Stop after",
    .type = FieldType::Integer,
    .unit = "requests",
    .min = 1,
    .max = static_cast<double>(kMaxCompletedLimit),
    .presence = Presence::Optional,
    .emptyMeaning = "no limit",
    .tooltip = "End the run after this many completed requests",
};
inline constexpr FieldDescription maxInFlight{
    .key = "maxInFlight",
    .label = "Overload at",
    .type = FieldType::Integer,
    .unit = "requests",
    .min = 1,
    .max = static_cast<double>(kMaxInFlightLimit),
    .defaultValue = 1'000'000,
    .tooltip = "The run stops as overloaded when this many requests are in the system at once",
};
}  // namespace run

// ---- workload -----------------------------------------------------------------------------------

namespace workload {
inline constexpr FieldDescription type{
    .key = "type",
    .label = "Type",
    .type = FieldType::Choice,
    .presence = Presence::Required,
    .tooltip = "How requests arrive",
};
inline constexpr FieldDescription ratePerS{
    .key = "ratePerS",
    .label = "Rate",
    .unit = "requests/s",
    .max = kMaxRatePerS,
    .minExclusive = true,
    .presence = Presence::Required,
    .tooltip = "poisson: mean arrivals per second",
};
inline constexpr FieldDescription schedule{
    .key = "schedule",
    .label = "Schedule",
    .type = FieldType::Object,
    .presence = Presence::Required,
    .tooltip = "schedule: rate points, linear in between and held after the last",
};
inline constexpr FieldDescription onRatePerS{
    .key = "onRatePerS",
    .label = "Rate when on",
    .unit = "requests/s",
    .max = kMaxRatePerS,
    .minExclusive = true,
    .presence = Presence::Required,
    .tooltip = "on-off: rate during an on period",
};
inline constexpr FieldDescription offRatePerS{
    .key = "offRatePerS",
    .label = "Rate when off",
    .unit = "requests/s",
    .max = kMaxRatePerS,
    .defaultValue = 0,
    .tooltip = "on-off: rate during an off period",
};
inline constexpr FieldDescription onDurationS{
    .key = "onDurationS",
    .label = "On period",
    .type = FieldType::Distribution,
    .unit = "s",
    .max = kMaxDurationS,
    .presence = Presence::Required,
    .maxMeaning = "31 days",
    .tooltip = "on-off: length of an on period",
};
inline constexpr FieldDescription offDurationS{
    .key = "offDurationS",
    .label = "Off period",
    .type = FieldType::Distribution,
    .unit = "s",
    .max = kMaxDurationS,
    .presence = Presence::Required,
    .maxMeaning = "31 days",
    .tooltip = "on-off: length of an off period",
};
inline constexpr FieldDescription users{
    .key = "users",
    .label = "Users",
    .type = FieldType::Integer,
    .unit = "users",
    .min = 1,
    .max = static_cast<double>(kMaxUsers),
    .presence = Presence::Required,
    .tooltip = "closed: users, each sending its next request a think time after its response",
};
inline constexpr FieldDescription thinkTimeMs =
    latency("thinkTimeMs", "Think time", "closed: time between a response and the next request");
inline constexpr FieldDescription traceFile{
    .key = "traceFile",
    .label = "Trace file",
    .type = FieldType::Text,
    .presence = Presence::Required,
    .tooltip = "trace: a CSV file of arrival times in seconds",
};
inline constexpr FieldDescription trace{
    .key = "trace",
    .label = "Trace columns",
    .type = FieldType::Object,
    .presence = Presence::Optional,
    .emptyMeaning = "times in seconds in the first column",
    .tooltip = "Which columns of the trace hold what, their units and time base",
};
inline constexpr FieldDescription payloadKb{
    .key = "payloadKb",
    .label = "Request size",
    .type = FieldType::Distribution,
    .unit = "KB",
    .max = kMaxPayloadKb,
    .presence = Presence::Optional,
    .maxMeaning = "10 GB",
    .emptyMeaning = "small",
    .tooltip =
        "Request size, for gateway payload limits; absent: small requests no gateway "
        "rejects",
};
inline constexpr FieldDescription afterResponse{
    .key = "afterResponse",
    .label = "After the response",
    .type = FieldType::Steps,
    .defaultText = "[]",
    .tooltip =
        "Steps the client runs once the entry has answered, before the request is done (a "
        "presigned upload straight to an object store); no instance is held meanwhile",
};
}  // namespace workload

/// One point of a schedule workload.
namespace schedulePoint {
inline constexpr FieldDescription timeS{
    .key = "timeS",
    .label = "Time",
    .unit = "s",
    .max = kMaxDurationS,
    .presence = Presence::Required,
    .tooltip = "When the rate is reached",
};
inline constexpr FieldDescription ratePerS{
    .key = "ratePerS",
    .label = "Rate",
    .unit = "requests/s",
    .max = kMaxRatePerS,
    .presence = Presence::Required,
    .tooltip = "The rate at that time",
};
}  // namespace schedulePoint

// ---- components ---------------------------------------------------------------------------------

namespace gateway {
inline constexpr FieldDescription latencyMs =
    latency("latencyMs", "Latency", "Added on the way in");
inline constexpr FieldDescription payloadLimitKb{
    .key = "payloadLimitKb",
    .label = "Payload limit",
    .unit = "KB",
    .max = kMaxPayloadKb,
    .minExclusive = true,
    .presence = Presence::Optional,
    .maxMeaning = "10 GB",
    .emptyMeaning = "no limit",
    .tooltip = "Larger requests are rejected (e.g. 6 MB on Lambda behind API Gateway)",
};
inline constexpr FieldDescription rateLimit{
    .key = "rateLimit",
    .label = "Rate limit",
    .type = FieldType::Object,
    .presence = Presence::Optional,
    .emptyMeaning = "no rate limit",
    .tooltip = "A token bucket: requests beyond the rate (and its burst) are shed",
};
inline constexpr FieldDescription shedQueueAbove{
    .key = "shedQueueAbove",
    .label = "Shed when queued above",
    .type = FieldType::Integer,
    .unit = "requests",
    .min = 0,
    .max = static_cast<double>(kMaxQueueCapacity),
    .presence = Presence::Optional,
    .emptyMeaning = "never",
    .tooltip = "Turn requests away while more than this many wait in the queues behind the gateway",
};
inline constexpr FieldDescription shedInFlightAbove{
    .key = "shedInFlightAbove",
    .label = "Shed when in flight above",
    .type = FieldType::Integer,
    .unit = "requests",
    .min = 0,
    .max = static_cast<double>(kMaxInFlightLimit),
    .presence = Presence::Optional,
    .emptyMeaning = "never",
    .tooltip = "Turn requests away while more than this many are in flight in the system",
};
inline constexpr FieldDescription next{
    .key = "next",
    .label = "Forwards to",
    .type = FieldType::Text,
    .defaultText = "",
    .tooltip = "The component requests go to after the gateway",
};
}  // namespace gateway

namespace function {
inline constexpr FieldDescription concurrencyPerInstance{
    .key = "concurrencyPerInstance",
    .label = "Requests per instance",
    .type = FieldType::Integer,
    .unit = "requests",
    .min = 1,
    .max = static_cast<double>(kMaxConcurrency),
    .defaultValue = 1,
    .tooltip = "1 as on Lambda; many as on Cloudflare Workers or Cloud Run",
};
inline constexpr FieldDescription coldStartMs =
    latency("coldStartMs", "Cold start", "Paid by the request that starts an instance");
inline constexpr FieldDescription keepAliveS{
    .key = "keepAliveS",
    .label = "Keep-alive",
    .type = FieldType::Distribution,
    .unit = "s",
    .max = kMaxDurationS,
    .presence = Presence::Required,
    .maxMeaning = "31 days",
    .tooltip = "Idle time before an instance is reclaimed (a constant for a fixed keep-alive)",
};
inline constexpr FieldDescription provisioned{
    .key = "provisioned",
    .label = "Provisioned",
    .type = FieldType::Integer,
    .unit = "instances",
    .min = 0,
    .max = static_cast<double>(kMaxInstances),
    .defaultValue = 0,
    .tooltip =
        "Always-warm instances (per client region at the edge): no cold start for them, "
        "billed while idle",
};
inline constexpr FieldDescription maxInstances{
    .key = "maxInstances",
    .label = "Max instances",
    .type = FieldType::Integer,
    .unit = "instances",
    .min = 1,
    .max = static_cast<double>(kMaxInstances),
    .defaultValue = 1000,
    .tooltip =
        "Concurrency limit (per client region at the edge); past it requests are "
        "throttled or queued",
};
inline constexpr FieldDescription scaleOutPerS{
    .key = "scaleOutPerS",
    .label = "Scale-out rate",
    .unit = "instances/s",
    .max = kMaxScaleOutPerS,
    .defaultValue = 0,
    .tooltip = "New instances per second at most; 0 = unlimited",
};
inline constexpr FieldDescription onLimit{
    .key = "onLimit",
    .label = "At the limit",
    .type = FieldType::Choice,
    .defaultText = "throttle",
    .tooltip = "What happens to a request when no instance can start",
};
inline constexpr FieldDescription pick{
    .key = "pick",
    .label = "Instance pick",
    .type = FieldType::Choice,
    .defaultText = "most-recently-used",
    .tooltip = "Which idle warm instance serves the next request",
};
inline constexpr FieldDescription trigger{
    .key = "trigger",
    .label = "Queue trigger",
    .type = FieldType::Object,
    .presence = Presence::Optional,
    .emptyMeaning = "not invoked by a queue",
    .tooltip = "Invoke the function with batches of a queue's messages (an event source mapping)",
};
/// The gateway's payload limit, with a function's own tooltip (one range for both).
inline constexpr FieldDescription payloadLimitKb = [] {
    FieldDescription f = gateway::payloadLimitKb;
    f.tooltip =
        "Larger requests are rejected before an instance is taken (Lambda: 6 MB for a "
        "synchronous invocation)";
    return f;
}();
}  // namespace function

/// A function pool's "trigger" object: the queue it takes batches of messages from.
namespace trigger {
inline constexpr FieldDescription queue{
    .key = "queue",
    .label = "Queue",
    .type = FieldType::Text,
    .presence = Presence::Required,
    .tooltip = "The queue whose messages invoke the function",
};
inline constexpr FieldDescription batchSize{
    .key = "batchSize",
    .label = "Batch size",
    .type = FieldType::Integer,
    .unit = "messages",
    .min = 1,
    .max = static_cast<double>(kMaxBatchSize),
    .defaultValue = 10,
    .tooltip = "Messages handed to one invocation at most (one job for the whole batch)",
};
inline constexpr FieldDescription batchWindowS{
    .key = "batchWindowS",
    .label = "Batch window",
    .unit = "s",
    .max = kMaxBatchWindowS,
    .defaultValue = 0,
    .maxMeaning = "5 minutes",
    .tooltip = "How long a batch short of the batch size waits for more messages; 0 = not at all",
};
inline constexpr FieldDescription maxConcurrency{
    .key = "maxConcurrency",
    .label = "Max concurrency",
    .type = FieldType::Integer,
    .unit = "invocations",
    .min = 1,
    .max = static_cast<double>(kMaxInstances),
    .presence = Presence::Optional,
    .emptyMeaning = "the pool's maxInstances",
    .tooltip = "Invocations from the queue running at once at most",
};
}  // namespace trigger

namespace server {
inline constexpr FieldDescription replicas{
    .key = "replicas",
    .label = "Replicas",
    .type = FieldType::Integer,
    .unit = "replicas",
    .min = 1,
    .max = static_cast<double>(kMaxReplicas),
    .defaultValue = 2,
    .tooltip = "Servers at the start (within the autoscaler's range if there is one)",
};
inline constexpr FieldDescription workersPerReplica{
    .key = "workersPerReplica",
    .label = "Workers per replica",
    .type = FieldType::Integer,
    .unit = "requests",
    .min = 1,
    .max = static_cast<double>(kMaxConcurrency),
    .defaultValue = 8,
    .tooltip = "Requests one server serves at once (threads, goroutines in flight)",
};
inline constexpr FieldDescription queueCapacity{
    .key = "queueCapacity",
    .label = "Queue capacity",
    .type = FieldType::Integer,
    .unit = "requests",
    .min = 0,
    .max = static_cast<double>(kMaxQueueCapacity),
    .defaultValue = 100,
    .tooltip = "Requests waiting per server; a full queue rejects",
};
inline constexpr FieldDescription balancer{
    .key = "balancer",
    .label = "Load balancer",
    .type = FieldType::Choice,
    .defaultText = "round-robin",
    .tooltip = "How requests are spread over the replicas",
};
inline constexpr FieldDescription timeoutMs{
    .key = "timeoutMs",
    .label = "Timeout",
    .unit = "ms",
    .max = kMaxDurationMs,
    .minExclusive = true,
    .presence = Presence::Optional,
    .maxMeaning = "31 days",
    .emptyMeaning = "none",
    .tooltip = "Slower requests count as timed out (an error)",
};
inline constexpr FieldDescription autoscaler{
    .key = "autoscaler",
    .label = "Autoscale",
    .type = FieldType::Object,
    .presence = Presence::Optional,
    .emptyMeaning = "a fixed number of replicas",
    .tooltip = "Add and remove replicas with the load",
};
inline constexpr FieldDescription polls{
    .key = "polls",
    .label = "Polls queue",
    .type = FieldType::Text,
    .presence = Presence::Optional,
    .emptyMeaning = "no queue",
    .tooltip = "A queue whose messages idle workers take, one at a time, as jobs of the handler",
};
}  // namespace server

namespace autoscaler {
inline constexpr FieldDescription metric{
    .key = "metric",
    .label = "Metric",
    .type = FieldType::Choice,
    .defaultText = "utilization",
    .tooltip = "What the autoscaler tracks",
};
// The range is the widest one, for in-flight requests per replica; a utilization target is
// further held to at most kMaxUtilizationTarget.
inline constexpr FieldDescription target{
    .key = "target",
    .label = "Target",
    .max = kMaxInFlightTarget,
    .minExclusive = true,
    .defaultValue = 0.6,
    .tooltip = "Utilization (0..1] or requests in flight per replica",
};
inline constexpr FieldDescription evaluationPeriodS{
    .key = "evaluationPeriodS",
    .label = "Evaluation period",
    .unit = "s",
    .max = kMaxDurationS,
    .minExclusive = true,
    .defaultValue = 60,
    .maxMeaning = "31 days",
    .tooltip = "How often the metric is checked",
};
inline constexpr FieldDescription bootDelayS{
    .key = "bootDelayS",
    .label = "Boot delay",
    .unit = "s",
    .max = kMaxDurationS,
    .defaultValue = 60,
    .maxMeaning = "31 days",
    .tooltip = "From launch to serving",
};
inline constexpr FieldDescription scaleInStabilizationS{
    .key = "scaleInStabilizationS",
    .label = "Scale-in wait",
    .unit = "s",
    .max = kMaxDurationS,
    .defaultValue = 300,
    .maxMeaning = "31 days",
    .tooltip = "Scale in only if wanted for this long",
};
inline constexpr FieldDescription minReplicas{
    .key = "minReplicas",
    .label = "Min replicas",
    .type = FieldType::Integer,
    .unit = "replicas",
    .min = 1,
    .max = static_cast<double>(kMaxReplicas),
    .defaultValue = 1,
    .tooltip = "Never fewer",
};
inline constexpr FieldDescription maxReplicas{
    .key = "maxReplicas",
    .label = "Max replicas",
    .type = FieldType::Integer,
    .unit = "replicas",
    .min = 1,
    .max = static_cast<double>(kMaxReplicas),
    .defaultValue = 10,
    .tooltip = "Never more; at least minReplicas",
};
}  // namespace autoscaler

namespace cache {
inline constexpr FieldDescription placement{
    .key = "placement",
    .label = "Placement",
    .type = FieldType::Choice,
    .defaultText = "remote",
    .tooltip =
        "In-process: one cache per instance or server (a new instance starts empty). "
        "Remote: one shared cache over the network",
};
inline constexpr FieldDescription lookupMs =
    latency("lookupMs", "Lookup", "A lookup (for a remote cache: including the network)");
inline constexpr FieldDescription hitRatio{
    .key = "hitRatio",
    .label = "Hit ratio",
    .max = 1,
    .presence = Presence::Optional,
    .emptyMeaning = "from keys",
    .tooltip = "Fixed fraction of lookups that hit; empty: hits emerge from the key model below",
};
inline constexpr FieldDescription keys{
    .key = "keys",
    .label = "Keys",
    .type = FieldType::Integer,
    .unit = "keys",
    .min = 1,
    .max = static_cast<double>(kMaxKeys),
    .defaultValue = 10'000,
    .tooltip = "Key space, Zipf-distributed popularity",
};
inline constexpr FieldDescription zipfExponent{
    .key = "zipfExponent",
    .label = "Zipf exponent",
    .max = kMaxZipfExponent,
    .defaultValue = 1,
    .tooltip = "Skew of key popularity; 0 = uniform, 1 = classic",
};
inline constexpr FieldDescription capacity{
    .key = "capacity",
    .label = "Capacity",
    .type = FieldType::Integer,
    .unit = "entries",
    .min = 1,
    .max = static_cast<double>(kMaxCacheCapacity),
    .defaultValue = 1'000,
    .tooltip = "Entries per cache (LRU eviction)",
};
inline constexpr FieldDescription ttlS{
    .key = "ttlS",
    .label = "TTL",
    .unit = "s",
    .max = kMaxDurationS,
    .minExclusive = true,
    .presence = Presence::Optional,
    .maxMeaning = "31 days",
    .emptyMeaning = "never",
    .tooltip = "Entries expire after this long",
};
}  // namespace cache

namespace database {
inline constexpr FieldDescription queryMs = latency("queryMs", "Query", "Query latency");
inline constexpr FieldDescription connections{
    .key = "connections",
    .label = "Connections",
    .type = FieldType::Integer,
    .unit = "connections",
    .min = 1,
    .max = static_cast<double>(kMaxConnections),
    .defaultValue = 100,
    .tooltip = "Shared by all callers; excess queries wait (a serverless scale-out queues here)",
};
}  // namespace database

namespace hop {
inline constexpr FieldDescription latencyMs = latency("latencyMs", "Latency", "Latency of the hop");
}  // namespace hop

namespace station {
inline constexpr FieldDescription servers{
    .key = "servers",
    .label = "Servers",
    .type = FieldType::Integer,
    .unit = "servers",
    .min = 1,
    .max = static_cast<double>(kMaxConcurrency),
    .defaultValue = 1,
    .tooltip = "Requests served at once; the rest wait in one FIFO line",
};
inline constexpr FieldDescription serviceMs = latency("serviceMs", "Service time", "Service time");
}  // namespace station

namespace queue {
inline constexpr FieldDescription enqueueMs =
    latency("enqueueMs", "Enqueue latency", "A send waits this long for the queue to take it");
inline constexpr FieldDescription deliveryDelayS{
    .key = "deliveryDelayS",
    .label = "Delivery delay",
    .unit = "s",
    .max = kMaxDeliveryDelayS,
    .defaultValue = 0,
    .maxMeaning = "15 minutes",
    .tooltip = "A new message stays invisible this long before a consumer can receive it",
};
inline constexpr FieldDescription visibilityTimeoutS{
    .key = "visibilityTimeoutS",
    .label = "Visibility timeout",
    .unit = "s",
    .max = kMaxVisibilityTimeoutS,
    .minExclusive = true,
    .defaultValue = 30,
    .maxMeaning = "12 hours",
    .tooltip =
        "A received message is hidden this long; a job that fails or runs longer lets it be "
        "received again",
};
inline constexpr FieldDescription maxReceives{
    .key = "maxReceives",
    .label = "Max receives",
    .type = FieldType::Integer,
    .unit = "receives",
    .min = 1,
    .max = 1000,
    .presence = Presence::Optional,
    .emptyMeaning = "no limit",
    .tooltip = "A message received this many times without a finished job is dead-lettered",
};
inline constexpr FieldDescription deadLetter{
    .key = "deadLetter",
    .label = "Dead-letter queue",
    .type = FieldType::Text,
    .presence = Presence::Optional,
    .emptyMeaning = "dead-lettered messages are counted and dropped",
    .tooltip = "The queue dead-lettered messages are moved to",
};
inline constexpr FieldDescription order{
    .key = "order",
    .label = "Order",
    .type = FieldType::Choice,
    .defaultText = "best-effort",
    .tooltip =
        "best-effort: as messages become visible (one received again goes last); fifo: in the "
        "order sent",
};
inline constexpr FieldDescription maxDepth{
    .key = "maxDepth",
    .label = "Max depth",
    .type = FieldType::Integer,
    .unit = "messages",
    .min = 1,
    .max = static_cast<double>(kMaxQueueCapacity),
    .presence = Presence::Optional,
    .emptyMeaning = "no bound",
    .tooltip = "Messages held at most (waiting or being processed); sends beyond fail (queue full)",
};
}  // namespace queue

// Object stores follow S3: an object of up to 5 TB, kept for up to ten years in a file here.
inline constexpr double kMaxBandwidthMbPerS = 100'000;  // 100 GB/s: beyond it a typo
inline constexpr double kMaxRetentionDays = 3650;

namespace objectStore {
inline constexpr FieldDescription putMs =
    latency("putMs", "PUT latency", "A PUT's latency besides moving the bytes (first byte, commit)");
inline constexpr FieldDescription getMs =
    latency("getMs", "GET latency", "A GET's latency besides moving the bytes (first byte)");
inline constexpr FieldDescription bandwidthMbPerS{
    .key = "bandwidthMbPerS",
    .label = "Bandwidth",
    .type = FieldType::Distribution,
    .unit = "MB/s",
    .max = kMaxBandwidthMbPerS,
    .presence = Presence::Required,
    .maxMeaning = "100 GB/s",
    .tooltip =
        "The rate one transfer moves at, drawn per PUT or GET; the object's size over it is "
        "added to the latency",
};
inline constexpr FieldDescription onPut{
    .key = "onPut",
    .label = "On each PUT",
    .type = FieldType::Object,
    .presence = Presence::Optional,
    .emptyMeaning = "no event",
    .tooltip = "An event on each completed PUT: a message to a queue, or a function invoked",
};
inline constexpr FieldDescription retentionDays{
    .key = "retentionDays",
    .label = "Kept for",
    .unit = "days",
    .max = kMaxRetentionDays,
    .minExclusive = true,
    .defaultValue = 30,
    .maxMeaning = "ten years",
    .tooltip = "Uploaded objects are kept this long: the stored GB-months billed",
};
}  // namespace objectStore

/// An object store's "onPut" object: where the event goes (one of the two).
namespace storeEvent {
inline constexpr FieldDescription queue{
    .key = "queue",
    .label = "Queue",
    .type = FieldType::Text,
    .presence = Presence::Optional,
    .emptyMeaning = "no message",
    .tooltip = "The queue each PUT's notification is sent to",
};
inline constexpr FieldDescription function{
    .key = "function",
    .label = "Function",
    .type = FieldType::Text,
    .presence = Presence::Optional,
    .emptyMeaning = "no invocation",
    .tooltip =
        "The function pool invoked asynchronously with each PUT (through the platform's queue, "
        "tried three times)",
};
}  // namespace storeEvent

// ---- failure behaviour --------------------------------------------------------------------------

namespace rateLimit {
inline constexpr FieldDescription ratePerS{
    .key = "ratePerS",
    .label = "Rate",
    .unit = "requests/s",
    .max = kMaxRatePerS,
    .minExclusive = true,
    .presence = Presence::Required,
    .tooltip = "Requests let through per second, on average",
};
inline constexpr FieldDescription burst{
    .key = "burst",
    .label = "Burst",
    .unit = "requests",
    .min = 1,
    .max = kMaxRatePerS,
    .defaultValue = 100,
    .tooltip = "Requests let through at once after a quiet spell (the bucket's size)",
};
}  // namespace rateLimit

/// The options of a call step (its "call" object besides the target).
namespace call {
inline constexpr FieldDescription target{
    .key = "call",
    .label = "Calls",
    .type = FieldType::Text,
    .presence = Presence::Required,
    .tooltip = "The component called: a database, network hop, gateway or another pool",
};
/// A send step names its queue under this key; the call options apply to it as well.
inline constexpr FieldDescription send{
    .key = "send",
    .label = "Sends to",
    .type = FieldType::Text,
    .presence = Presence::Required,
    .tooltip = "The queue the message goes to; the handler goes on once the queue has taken it",
};
/// A put or get step names its object store under these keys; the call options apply to them.
inline constexpr FieldDescription put{
    .key = "put",
    .label = "PUTs to",
    .type = FieldType::Text,
    .presence = Presence::Required,
    .tooltip = "The object store the request's payload is uploaded to",
};
inline constexpr FieldDescription get{
    .key = "get",
    .label = "GETs from",
    .type = FieldType::Text,
    .presence = Presence::Required,
    .tooltip = "The object store an object of the request's payload size is read from",
};
inline constexpr FieldDescription bandwidthMbPerS{
    .key = "bandwidthMbPerS",
    .label = "Link bandwidth",
    .type = FieldType::Distribution,
    .unit = "MB/s",
    .max = kMaxBandwidthMbPerS,
    .presence = Presence::Optional,
    .maxMeaning = "100 GB/s",
    .emptyMeaning = "the store's bandwidth",
    .tooltip =
        "put and get: the rate of the side moving the bytes when it is narrower than the store "
        "(a client's uplink)",
};
inline constexpr FieldDescription timeoutMs{
    .key = "timeoutMs",
    .label = "Timeout",
    .unit = "ms",
    .max = kMaxDurationMs,
    .minExclusive = true,
    .presence = Presence::Optional,
    .maxMeaning = "31 days",
    .emptyMeaning = "wait as long as it takes",
    .tooltip = "The caller stops waiting for an attempt after this long; the callee goes on",
};
inline constexpr FieldDescription onFailure{
    .key = "onFailure",
    .label = "When it fails",
    .type = FieldType::Choice,
    .defaultText = "fail",
    .tooltip = "fail: the request fails; continue: the handler goes on without it (a fallback)",
};
inline constexpr FieldDescription retry{
    .key = "retry",
    .label = "Retries",
    .type = FieldType::Object,
    .presence = Presence::Optional,
    .emptyMeaning = "no retries",
    .tooltip = "Try a failed or timed-out call again, after a growing backoff",
};
inline constexpr FieldDescription breaker{
    .key = "breaker",
    .label = "Circuit breaker",
    .type = FieldType::Object,
    .presence = Presence::Optional,
    .emptyMeaning = "no breaker",
    .tooltip = "Fail calls at once for a while after too many have failed",
};
}  // namespace call

namespace retry {
inline constexpr FieldDescription attempts{
    .key = "attempts",
    .label = "Attempts",
    .type = FieldType::Integer,
    .unit = "attempts",
    .min = 2,
    .max = 100,
    .defaultValue = 3,
    .tooltip = "Attempts in all, the first included",
};
inline constexpr FieldDescription backoffMs{
    .key = "backoffMs",
    .label = "Backoff",
    .unit = "ms",
    .max = kMaxDurationMs,
    .defaultValue = 10,
    .maxMeaning = "31 days",
    .tooltip = "The wait before the first retry",
};
inline constexpr FieldDescription backoffMultiplier{
    .key = "backoffMultiplier",
    .label = "Backoff multiplier",
    .min = 1,
    .max = 100,
    .defaultValue = 2,
    .tooltip = "Each further retry waits this many times longer (1: a constant backoff)",
};
inline constexpr FieldDescription maxBackoffMs{
    .key = "maxBackoffMs",
    .label = "Max backoff",
    .unit = "ms",
    .max = kMaxDurationMs,
    .defaultValue = 1000,
    .maxMeaning = "31 days",
    .tooltip = "The backoff never grows past this",
};
inline constexpr FieldDescription jitter{
    .key = "jitter",
    .label = "Jitter",
    .max = 1,
    .defaultValue = 1,
    .tooltip = "Share of the backoff drawn at random: 0 none, 1 full jitter",
};
inline constexpr FieldDescription budget{
    .key = "budget",
    .label = "Retry budget",
    .max = 1,
    .presence = Presence::Optional,
    .emptyMeaning = "unlimited",
    .tooltip = "At most this share of calls may be retries (0.1: one retry per ten calls)",
};
}  // namespace retry

namespace breaker {
inline constexpr FieldDescription failureRateThreshold{
    .key = "failureRateThreshold",
    .label = "Failure threshold",
    .max = 1,
    .minExclusive = true,
    .defaultValue = 0.5,
    .tooltip = "Opens when this share of the calls in the window failed",
};
inline constexpr FieldDescription windowS{
    .key = "windowS",
    .label = "Window",
    .unit = "s",
    .max = 3600,
    .minExclusive = true,
    .defaultValue = 10,
    .maxMeaning = "an hour",
    .tooltip = "The rolling window failures are counted over",
};
inline constexpr FieldDescription minimumCalls{
    .key = "minimumCalls",
    .label = "Minimum calls",
    .type = FieldType::Integer,
    .unit = "calls",
    .min = 1,
    .max = 1'000'000,
    .defaultValue = 20,
    .tooltip = "No verdict on fewer calls than this in the window",
};
inline constexpr FieldDescription openS{
    .key = "openS",
    .label = "Open for",
    .unit = "s",
    .max = kMaxDurationS,
    .minExclusive = true,
    .defaultValue = 5,
    .maxMeaning = "31 days",
    .tooltip = "How long calls fail at once before probes are let through",
};
inline constexpr FieldDescription halfOpenProbes{
    .key = "halfOpenProbes",
    .label = "Probes",
    .type = FieldType::Integer,
    .unit = "calls",
    .min = 1,
    .max = 1000,
    .defaultValue = 3,
    .tooltip = "Calls let through to test the callee; all must succeed to close the breaker",
};
}  // namespace breaker

/// One entry of the scenario's "failures" list.
namespace failure {
inline constexpr FieldDescription kind{
    .key = "kind",
    .label = "Kind",
    .type = FieldType::Choice,
    .presence = Presence::Required,
    .tooltip = "down, slow, errors, cacheFlush or loseReplicas",
};
inline constexpr FieldDescription target{
    .key = "target",
    .label = "Component",
    .type = FieldType::Text,
    .presence = Presence::Required,
    .tooltip = "The component that fails",
};
inline constexpr FieldDescription startS{
    .key = "startS",
    .label = "Starts at",
    .unit = "s",
    .max = kMaxDurationS,
    .presence = Presence::Required,
    .maxMeaning = "31 days",
    .tooltip = "Simulated time the failure begins",
};
inline constexpr FieldDescription endS{
    .key = "endS",
    .label = "Ends at",
    .unit = "s",
    .max = kMaxDurationS,
    .presence = Presence::Optional,
    .maxMeaning = "31 days",
    .emptyMeaning = "the end of the run (a cache flush is instant)",
    .tooltip = "Simulated time the failure ends",
};
inline constexpr FieldDescription factor{
    .key = "factor",
    .label = "Slowdown",
    .unit = "x",
    .min = 1,
    .max = 1000,
    .defaultValue = 10,
    .tooltip = "slow: every latency the component adds is this many times longer",
};
inline constexpr FieldDescription probability{
    .key = "probability",
    .label = "Error probability",
    .max = 1,
    .minExclusive = true,
    .defaultValue = 0.5,
    .tooltip = "errors: the share of requests the component fails",
};
inline constexpr FieldDescription share{
    .key = "share",
    .label = "Share lost",
    .max = 1,
    .minExclusive = true,
    .defaultValue = 0.5,
    .tooltip = "loseReplicas: the share of the pool's replicas or instances lost (a zone outage)",
};
inline constexpr FieldDescription label{
    .key = "label",
    .label = "Label",
    .type = FieldType::Text,
    .defaultText = "",
    .tooltip = "Shown on the charts (empty: made from the kind and the component)",
};
}  // namespace failure

// ---- the service-level objective ---------------------------------------------------------------
// What the scenario promises its callers. It never changes what is simulated (a run and its
// fingerprint are the same with or without it); the charts draw it, the lessons and reports
// measure against it.

namespace scenario {
inline constexpr FieldDescription slo{
    .key = "slo",
    .label = "Latency objective",
    .type = FieldType::Object,
    .presence = Presence::Optional,
    .emptyMeaning = "the app's SLO setting",
    .tooltip =
        "The latency this scenario promises: a percentile and the latency it must stay under",
};
}  // namespace scenario

namespace slo {
inline constexpr FieldDescription latencyMs{
    .key = "latencyMs",
    .label = "Objective",
    .unit = "ms",
    .max = kMaxDurationMs,
    .minExclusive = true,
    .presence = Presence::Required,
    .maxMeaning = "31 days",
    .tooltip = "The latency the percentile must stay under; the charts draw it as the SLO line",
};
// Below the median an objective says nothing about the tail; past p99.999 no run of a desktop
// length has the requests to estimate it (about 10/(1-q) are needed).
inline constexpr FieldDescription percentile{
    .key = "percentile",
    .label = "Percentile",
    .min = 50,
    .max = 99.999,
    .defaultValue = 99,
    .tooltip = "Which percentile of the latency the objective is about (99: the p99)",
};
}  // namespace slo

}  // namespace fields

/// The run settings ("run"), in the documented order.
const ComponentDescription& runDescription();
/// The workload ("workload"); each type uses only some of the fields.
const ComponentDescription& workloadDescription();
/// A server pool's "autoscaler" object.
const ComponentDescription& autoscalerDescription();
/// A gateway's "rateLimit" object.
const ComponentDescription& rateLimitDescription();
/// A function pool's "trigger" object.
const ComponentDescription& triggerDescription();
/// An object store's "onPut" object.
const ComponentDescription& storeEventDescription();
/// The options of a call step, and its "retry" and "breaker" objects.
const ComponentDescription& callDescription();
const ComponentDescription& retryDescription();
const ComponentDescription& breakerDescription();
/// One entry of the scenario's "failures" list.
const ComponentDescription& failureDescription();
/// The scenario's "slo" object.
const ComponentDescription& sloDescription();
const ComponentDescription& regionDescription();
const ComponentDescription& roundTripDescription();
/// The kinds of component a topology holds, in the order a file lists them (gateways first).
std::span<const ComponentDescription> topologyDescriptions();
/// One kind of component; for None and Workload, a description without an array key.
const ComponentDescription& describe(ComponentKind kind);

}  // namespace archsim
