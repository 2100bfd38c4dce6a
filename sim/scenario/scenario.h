// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scenario: everything a run needs besides the seed: what traffic arrives, what it flows
// through, how it is billed, and how long to watch. It is plain data (value semantics; distributions
// are shared immutable objects); scenariojson.h reads, validates and writes it, and
// docs/scenario-format.md documents every field with its unit.
//
// Units follow the field names: ...S seconds, ...Ms milliseconds, ...PerS per second, ...Kb
// kilobytes. Every latency is a distribution in milliseconds.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/cost/costmodel.h"
#include "sim/random/distribution.h"
#include "sim/scenario/tracerow.h"

namespace archsim {

/// The scenario file format version this build writes and reads.
inline constexpr int kScenarioFormatVersion = 1;

struct RunSettings {
    double durationS = 60;        ///< simulated time to run
    double windowS = 1;           ///< width of one window of the time series
    double warmupS = 0;           ///< requests arriving earlier are left out of the run's totals
    std::optional<std::uint64_t> maxCompleted;  ///< stop after this many completions
    std::uint64_t maxInFlight = 1'000'000;      ///< past this many requests in flight: overloaded
    bool operator==(const RunSettings&) const = default;
};

/// One point of a piecewise-linear rate schedule.
struct RatePoint {
    double timeS = 0;
    double ratePerS = 0;
    bool operator==(const RatePoint&) const = default;
};

enum class WorkloadType {
    Poisson,   ///< open loop, constant rate
    Schedule,  ///< open loop, non-homogeneous Poisson with a piecewise-linear rate (ramps, spikes)
    OnOff,     ///< open loop, alternating on (onRatePerS) and off (offRatePerS) periods
    Closed,    ///< N users, each waiting for its response and then thinking
    Trace,     ///< replay of arrival timestamps (from a CSV file, read as traceColumns says)
};


/// Retries of a failed or timed-out call: `attempts` in all (the first included), waiting an
/// exponentially growing backoff with jitter before each retry.
struct RetryPolicy {
    int attempts = 3;                 ///< attempts in all, the first included (2..100)
    double backoffMs = 10;            ///< before the first retry
    double backoffMultiplier = 2;     ///< each further retry waits this many times longer
    double maxBackoffMs = 1000;       ///< the backoff never grows past this
    double jitter = 1;                ///< share of the backoff drawn at random: 0 none, 1 full
    /// At most this fraction of calls may be retries (a retry budget, 0..1); none = unlimited.
    std::optional<double> budget;
    bool operator==(const RetryPolicy&) const = default;
};

/// A circuit breaker on a call: after too many failures it fails calls at once for a while, then
/// lets a few probes through to see whether the callee has recovered.
struct CircuitBreakerSpec {
    double failureRateThreshold = 0.5;  ///< opens at this share of failed calls (0..1]
    double windowS = 10;                ///< the rolling window the share is measured over
    int minimumCalls = 20;              ///< no verdict on fewer calls in the window
    double openS = 5;                   ///< how long it stays open before probing
    int halfOpenProbes = 3;             ///< probes that must all succeed to close it again
    bool operator==(const CircuitBreakerSpec&) const = default;
};

/// One step of a handler. The compute slot (instance or worker) is held through every step.
struct HandlerStep {
    enum class Kind {
        Cpu,     ///< work on the slot's CPU: `cpuMs` (billed as CPU time where a platform does)
        Call,    ///< a call to `target` (a database, a gateway/network hop, another pool)
        Cache,   ///< a lookup in cache `target`; on a miss the `onMiss` steps run, then a fill
        Branch,  ///< with `probability`, the `steps` run
        /// A send of a message to queue `target`: the handler goes on once the queue has taken
        /// it (its enqueue latency) while the message waits to become a job for a consumer.
        Send,
        /// A PUT of the request's payload to object store `target`: its base latency plus the
        /// payload over the bandwidth (the step's own, else the store's).
        Put,
        /// A GET of an object of the request's payload size from object store `target`.
        Get,
    };
    Kind kind = Kind::Cpu;
    DistributionPtr cpuMs;
    std::string target;  ///< Call, Cache, Send
    double probability = 1;
    std::vector<HandlerStep> steps;   ///< Branch
    std::vector<HandlerStep> onMiss;  ///< Cache
    /// Put, Get: the rate the party moving the bytes sends or receives at (MB/s), when it is the
    /// narrower end (a client's uplink); nullptr = the store's bandwidth.
    DistributionPtr bandwidthMbPerS;
    // The options below apply to a call and to a send (a send fails when its queue is full).
    /// Call: the caller stops waiting for an attempt after this long (the callee goes on working).
    std::optional<double> timeoutMs;
    std::optional<RetryPolicy> retry;           ///< Call
    std::optional<CircuitBreakerSpec> breaker;  ///< Call
    /// Call: when the call fails for good, the handler goes on without it (a fallback, a degraded
    /// answer) instead of failing the request.
    bool continueOnFailure = false;

    /// True if the call is made through timeouts, retries or a breaker (a guarded call).
    bool guarded() const { return timeoutMs || retry || breaker || continueOnFailure; }
};

struct WorkloadSpec {
    WorkloadType type = WorkloadType::Poisson;
    double ratePerS = 10;                 ///< Poisson
    std::vector<RatePoint> schedule;      ///< Schedule: held at the last point's rate afterwards
    double onRatePerS = 0;                ///< OnOff
    double offRatePerS = 0;               ///< OnOff
    DistributionPtr onDurationS;          ///< OnOff: length of an on period, seconds
    DistributionPtr offDurationS;         ///< OnOff: length of an off period, seconds
    int users = 0;                        ///< Closed
    DistributionPtr thinkTimeMs;          ///< Closed
    std::string traceFile;                ///< Trace: CSV path as written in the file
    TraceColumns traceColumns;            ///< Trace: which columns hold what, in which units
    std::vector<double> traceTimesS;      ///< Trace: offsets from the start (s), loaded and sorted
    /// Trace with a payload column: each row's size (KB), in the order of traceTimesS, so the
    /// request arriving at traceTimesS[i] carries tracePayloadKb[i].
    std::vector<double> tracePayloadKb;
    /// Trace with a key column: each row's key as a small number (equal texts, equal numbers;
    /// numbered in order of first arrival), in the order of traceTimesS.
    std::vector<std::int64_t> traceKeys;
    /// Request size; nullptr = small (gateways never reject). With a payload column in a trace it
    /// is the empirical distribution of that column's sizes, for showing; the model uses each
    /// row's own size (tracePayloadKb).
    DistributionPtr payloadKb;
    /// What the client does once the entry has answered, before the request counts as done (an
    /// upload straight to an object store with the presigned URL the entry returned). Run by the
    /// client, so no instance or worker is held meanwhile. Empty: the answer ends the request.
    std::vector<HandlerStep> afterResponse;
};

/// A token bucket: requests beyond `ratePerS` (with bursts up to `burst`) are shed.
struct RateLimitSpec {
    double ratePerS = 100;
    double burst = 100;
    bool operator==(const RateLimitSpec&) const = default;
};

struct GatewaySpec {
    std::string id;
    DistributionPtr latencyMs;                 ///< added on the way in
    std::optional<double> payloadLimitKb;      ///< larger requests are rejected (reason: payload)
    std::string next;                          ///< the component requests go to ("" = respond)
    std::optional<RateLimitSpec> rateLimit;    ///< excess requests are shed (reason: shed)
    /// Load shedding: requests are shed while more than this many wait in the queues of the
    /// component behind the gateway.
    std::optional<std::int64_t> shedQueueAbove;
    /// Load shedding: requests are shed while more than this many are in flight in the system.
    std::optional<std::int64_t> shedInFlightAbove;
    std::string region = "";  ///< a region of TopologySpec::regions, "edge", or "" (the first)
};

enum class OverflowPolicy { Throttle, Queue };

/// A function pool invoked with batches of a queue's messages (an event source mapping): up to
/// `batchSize` messages per invocation, gathered for at most `batchWindowS`, with at most
/// `maxConcurrency` invocations from the queue at once.
struct QueueTriggerSpec {
    std::string queue;
    int batchSize = 10;
    double batchWindowS = 0;
    std::optional<int> maxConcurrency;  ///< none: the pool's maxInstances
    bool operator==(const QueueTriggerSpec&) const = default;
};
enum class InstancePick { MostRecentlyUsed, Any };

/// Serverless functions: instances started on demand (with a cold start) and reclaimed when idle.
struct FunctionPoolSpec {
    std::string id;
    int concurrencyPerInstance = 1;       ///< 1 as on Lambda; many as on Workers or Cloud Run
    DistributionPtr coldStartMs;          ///< paid by the request that starts an instance
    DistributionPtr keepAliveS;           ///< idle time before reclaim (a constant for "fixed")
    int provisioned = 0;                  ///< always-warm instances
    int maxInstances = 1000;              ///< concurrency limit (instances)
    double scaleOutPerS = 0;              ///< new instances per second at most; 0 = unlimited
    OverflowPolicy onLimit = OverflowPolicy::Throttle;
    InstancePick pick = InstancePick::MostRecentlyUsed;
    std::optional<QueueTriggerSpec> trigger;  ///< invoked with a queue's messages (or not)
    /// Larger requests are rejected before an instance is taken (reason: payload), as Lambda
    /// refuses a synchronous invocation over 6 MB.
    std::optional<double> payloadLimitKb;
    std::vector<HandlerStep> handler;
    std::string region = "";  ///< a region of TopologySpec::regions, "edge", or "" (the first)
};

enum class BalancerPolicy { RoundRobin, Random, LeastOutstanding, PowerOfTwoChoices };
enum class ScalingMetric { Utilization, InFlightPerReplica };

struct AutoscalerSpec {
    ScalingMetric metric = ScalingMetric::Utilization;
    double target = 0.6;                  ///< utilization (0..1] or in-flight requests per replica
    double evaluationPeriodS = 60;
    double bootDelayS = 60;               ///< launch to serving
    double scaleInStabilizationS = 300;   ///< scale in only if wanted for this long
    int minReplicas = 1;
    int maxReplicas = 10;
};

/// Long-lived servers behind a load balancer.
struct ServerPoolSpec {
    std::string id;
    int replicas = 2;                     ///< at start (autoscaling may change it)
    int workersPerReplica = 8;            ///< requests served at once per replica
    int queueCapacity = 100;              ///< per replica; a full queue rejects (reason: rejected)
    BalancerPolicy balancer = BalancerPolicy::RoundRobin;
    std::optional<double> timeoutMs;      ///< slower requests count as timed out (an error)
    std::optional<AutoscalerSpec> autoscaler;
    std::string polls;  ///< a queue whose messages idle workers take ("" = none)
    std::vector<HandlerStep> handler;
    std::string region = "";  ///< a region of TopologySpec::regions, "edge", or "" (the first)
};

enum class CachePlacement {
    InProcess,  ///< one cache per instance or replica: a new instance starts empty
    Remote,     ///< one shared cache reached over the network
};

struct CacheSpec {
    std::string id;
    CachePlacement placement = CachePlacement::Remote;
    DistributionPtr lookupMs;             ///< a lookup (for remote: including the network)
    std::optional<double> hitRatio;       ///< fixed hit ratio; otherwise hits emerge from keys
    std::int64_t keys = 10'000;           ///< key space, Zipf-distributed popularity
    double zipfExponent = 1.0;
    std::int64_t capacity = 1'000;        ///< entries per cache (LRU eviction)
    std::optional<double> ttlS;           ///< entries expire after this long
    std::string region = "";  ///< a region of TopologySpec::regions, "edge", or "" (the first)
};

struct DatabaseSpec {
    std::string id;
    DistributionPtr queryMs;
    int connections = 100;                ///< shared by all callers; excess calls wait
    std::string region = "";  ///< a region of TopologySpec::regions, "edge", or "" (the first)
};

/// A reusable network hop (a call to another service over the network).
struct NetworkHopSpec {
    std::string id;
    DistributionPtr latencyMs;
    std::string region = "";  ///< a region of TopologySpec::regions, "edge", or "" (the first)
};

/// c servers behind one FIFO line (sim/model/queuestation.h): the validation model.
struct StationSpec {
    std::string id;
    int servers = 1;
    DistributionPtr serviceMs;
};

enum class QueueOrder {
    BestEffort,  ///< messages delivered as they become visible; one delivered again goes last
    Fifo,        ///< messages delivered in the order they were sent, one delivered again first
};

/// A message queue (SQS-like): a send is taken after the enqueue latency, the message becomes
/// visible after the delivery delay, and a consumer that receives it has the visibility timeout
/// to finish its job; otherwise the message is visible again, until it has been received
/// `maxReceives` times, when it is dead-lettered.
struct QueueSpec {
    std::string id;
    std::string region = "";  ///< a region of TopologySpec::regions or "" (the first); not "edge"
    DistributionPtr enqueueMs;       ///< a send waits this long for the queue to take it
    double deliveryDelayS = 0;       ///< a new message is invisible this long
    double visibilityTimeoutS = 30;  ///< a received message is invisible this long
    std::optional<int> maxReceives;  ///< then dead-lettered; none: received until done
    std::string deadLetter;          ///< the queue dead-lettered messages go to ("" = none)
    QueueOrder order = QueueOrder::BestEffort;
    std::optional<std::int64_t> maxDepth;  ///< messages held at most; sends beyond fail
};

/// What an object store does when a PUT completes: a notification to a queue, or an
/// asynchronous invocation of a function pool (through the platform's own queue: three tries).
struct StoreEventSpec {
    std::string queue;     ///< "" = none
    std::string function;  ///< "" = none (at most one of the two is set)
    bool operator==(const StoreEventSpec&) const = default;
};

/// An object store (S3-like): a PUT or GET takes a base latency plus the object's size over a
/// bandwidth; each completed PUT can raise an event.
struct ObjectStoreSpec {
    std::string id;
    DistributionPtr putMs;            ///< a PUT's latency besides moving the bytes
    DistributionPtr getMs;            ///< a GET's latency besides moving the bytes
    DistributionPtr bandwidthMbPerS;  ///< MB/s one transfer moves at (per request)
    std::optional<StoreEventSpec> onPut;
    double retentionDays = 30;  ///< objects are kept this long (what GB-months are billed on)
    std::string region = "";    ///< a region of TopologySpec::regions, "edge", or "" (the first)
};

/// Where a share of the clients are, and so where "edge" components serve them.
struct RegionSpec {
    std::string id;
    double clientShare = 1;  ///< relative weight of the clients in this region
};

/// The network round trip between two regions, paid by every call from one to the other.
struct RoundTripSpec {
    std::string from;
    std::string to;  ///< the figure holds both ways
    DistributionPtr rttMs;
};

/// The placement keyword of a component that runs in each client's own region.
inline constexpr const char* kEdgeRegion = "edge";

struct TopologySpec {
    std::string entry;  ///< id of the component requests arrive at
    /// Regions, with where the clients are. None: one place, no round trips (as before regions).
    std::vector<RegionSpec> regions;
    /// Round trips between regions; a pair left out takes the bundled figure for its ids.
    std::vector<RoundTripSpec> roundTrips;
    std::vector<GatewaySpec> gateways;
    std::vector<FunctionPoolSpec> functions;
    std::vector<ServerPoolSpec> servers;
    std::vector<CacheSpec> caches;
    std::vector<DatabaseSpec> databases;
    std::vector<NetworkHopSpec> hops;
    std::vector<StationSpec> stations;
    std::vector<QueueSpec> queues;
    std::vector<ObjectStoreSpec> objectStores;
};

/// Something that goes wrong during the run, on a timeline.
enum class FailureKind {
    Down,          ///< the component refuses every request (reason: unavailable)
    Slow,          ///< every latency the component adds is `factor` times longer
    Errors,        ///< each request the component accepts fails with `probability` (reason: failed)
    CacheFlush,    ///< the cache loses every entry at `startS` (a miss storm)
    LoseReplicas,  ///< a pool loses `share` of its replicas or instances (a zone outage)
};

struct FailureSpec {
    FailureKind kind = FailureKind::Down;
    std::string target;     ///< the component's id
    double startS = 0;
    double endS = 0;        ///< the failure ends (cache flush: unused)
    double factor = 1;      ///< Slow
    double probability = 0; ///< Errors
    double share = 0;       ///< LoseReplicas: 0..1
    std::string label;      ///< shown on the charts ("" = made from kind and target)
};

/// The latency a scenario promises: its `percentile` stays under `latencyMs`. Not simulated:
/// only drawn and measured against.
struct SloSpec {
    double latencyMs = 0;
    double percentile = 99;
    bool operator==(const SloSpec&) const = default;
};

struct Scenario {
    std::string name;
    std::string description;
    std::uint64_t seed = 1;
    std::optional<SloSpec> slo;  ///< none: the app's SLO setting applies
    RunSettings run;
    WorkloadSpec workload;
    TopologySpec topology;
    std::optional<CostConfig> cost;       ///< how the scenario is billed; none = no cost figures
    std::string pricingFile;              ///< "" = the bundled default table
    std::vector<FailureSpec> failures;    ///< injected failures, in the order written
};

}  // namespace archsim
