// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/scenariofields.h"

namespace archsim {

namespace {

using namespace fields;

// Each list is in the documented order, which is also the order the writer writes the fields in.
constexpr std::array<const FieldDescription*, 5> kRunFields{
    &run::durationS, &run::windowS, &run::warmupS, &run::maxCompleted, &run::maxInFlight};
// payloadKb goes with every workload type; the others each belong to one type.
constexpr std::array<const FieldDescription*, 13> kWorkloadFields{
    &workload::type,          &workload::ratePerS,    &workload::schedule,
    &workload::onRatePerS,    &workload::offRatePerS, &workload::onDurationS,
    &workload::offDurationS,  &workload::users,       &workload::thinkTimeMs,
    &workload::traceFile,     &workload::trace,       &workload::payloadKb,
    &workload::afterResponse,
};
constexpr std::array<const FieldDescription*, 7> kAutoscalerFields{
    &autoscaler::metric,
    &autoscaler::target,
    &autoscaler::evaluationPeriodS,
    &autoscaler::bootDelayS,
    &autoscaler::scaleInStabilizationS,
    &autoscaler::minReplicas,
    &autoscaler::maxReplicas};
constexpr std::array<const FieldDescription*, 8> kGatewayFields{
    &id,
    &region,
    &gateway::latencyMs,
    &gateway::payloadLimitKb,
    &gateway::rateLimit,
    &gateway::shedQueueAbove,
    &gateway::shedInFlightAbove,
    &gateway::next};
constexpr std::array<const FieldDescription*, 2> kRateLimitFields{&rateLimit::ratePerS,
                                                                  &rateLimit::burst};
constexpr std::array<const FieldDescription*, 5> kCallFields{
    &call::target, &call::timeoutMs, &call::retry, &call::breaker, &call::onFailure};
constexpr std::array<const FieldDescription*, 6> kRetryFields{
    &retry::attempts,     &retry::backoffMs, &retry::backoffMultiplier,
    &retry::maxBackoffMs, &retry::jitter,    &retry::budget};
constexpr std::array<const FieldDescription*, 5> kBreakerFields{
    &breaker::failureRateThreshold, &breaker::windowS, &breaker::minimumCalls, &breaker::openS,
    &breaker::halfOpenProbes};
constexpr std::array<const FieldDescription*, 8> kFailureFields{
    &failure::kind,   &failure::target,      &failure::startS, &failure::endS,
    &failure::factor, &failure::probability, &failure::share,  &failure::label};
constexpr std::array<const FieldDescription*, 2> kSloFields{&slo::latencyMs, &slo::percentile};
constexpr std::array<const FieldDescription*, 4> kTriggerFields{
    &trigger::queue, &trigger::batchSize, &trigger::batchWindowS, &trigger::maxConcurrency};
constexpr std::array<const FieldDescription*, 13> kFunctionFields{&id,
                                                                  &region,
                                                                  &function::concurrencyPerInstance,
                                                                  &function::coldStartMs,
                                                                  &function::keepAliveS,
                                                                  &function::provisioned,
                                                                  &function::maxInstances,
                                                                  &function::scaleOutPerS,
                                                                  &function::onLimit,
                                                                  &function::pick,
                                                                  &function::trigger,
                                                                  &function::payloadLimitKb,
                                                                  &handler};
constexpr std::array<const FieldDescription*, 10> kServerFields{&id,
                                                               &region,
                                                               &server::replicas,
                                                               &server::workersPerReplica,
                                                               &server::queueCapacity,
                                                               &server::balancer,
                                                               &server::timeoutMs,
                                                               &server::autoscaler,
                                                               &server::polls,
                                                               &handler};
constexpr std::array<const FieldDescription*, 9> kCacheFields{&id,
                                                              &region,
                                                              &cache::placement,
                                                              &cache::lookupMs,
                                                              &cache::hitRatio,
                                                              &cache::keys,
                                                              &cache::zipfExponent,
                                                              &cache::capacity,
                                                              &cache::ttlS};
constexpr std::array<const FieldDescription*, 4> kDatabaseFields{&id, &region, &database::queryMs,
                                                                 &database::connections};
constexpr std::array<const FieldDescription*, 3> kHopFields{&id, &region, &hop::latencyMs};
constexpr std::array<const FieldDescription*, 2> kRegionFields{&regions::id, &regions::clientShare};
constexpr std::array<const FieldDescription*, 3> kRoundTripFields{&roundTrip::from, &roundTrip::to,
                                                                  &roundTrip::rttMs};
constexpr std::array<const FieldDescription*, 3> kStationFields{&id, &station::servers,
                                                                &station::serviceMs};

constexpr std::array<const FieldDescription*, 9> kQueueFields{&id,
                                                              &region,
                                                              &queue::enqueueMs,
                                                              &queue::deliveryDelayS,
                                                              &queue::visibilityTimeoutS,
                                                              &queue::maxReceives,
                                                              &queue::deadLetter,
                                                              &queue::order,
                                                              &queue::maxDepth};

constexpr std::array<const FieldDescription*, 7> kObjectStoreFields{&id,
                                                                    &region,
                                                                    &objectStore::putMs,
                                                                    &objectStore::getMs,
                                                                    &objectStore::bandwidthMbPerS,
                                                                    &objectStore::onPut,
                                                                    &objectStore::retentionDays};
constexpr std::array<const FieldDescription*, 2> kStoreEventFields{&storeEvent::queue,
                                                                   &storeEvent::function};

const std::array<ComponentDescription, 9> kTopology{{
    {ComponentKind::Gateway, "gateways", "Gateway", "gateway", kGatewayFields},
    {ComponentKind::Function, "functions", "Function pool", "function pool", kFunctionFields},
    {ComponentKind::Server, "servers", "Server pool", "server pool", kServerFields},
    {ComponentKind::Cache, "caches", "Cache", "cache", kCacheFields},
    {ComponentKind::Database, "databases", "Database", "database", kDatabaseFields},
    {ComponentKind::Hop, "hops", "Network hop", "network hop", kHopFields},
    {ComponentKind::Station, "stations", "Queue station", "station", kStationFields},
    {ComponentKind::Queue, "queues", "Message queue", "queue", kQueueFields},
    {ComponentKind::ObjectStore, "objectStores", "Object store", "object store",
     kObjectStoreFields},
}};

}  // namespace

const ComponentDescription& runDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Run", "run settings",
                                                  kRunFields};
    return description;
}

const ComponentDescription& workloadDescription() {
    static const ComponentDescription description{ComponentKind::Workload, "", "Workload",
                                                  "workload", kWorkloadFields};
    return description;
}

const ComponentDescription& autoscalerDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Autoscaling",
                                                  "autoscaler", kAutoscalerFields};
    return description;
}

const ComponentDescription& rateLimitDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Rate limit",
                                                  "rate limit", kRateLimitFields};
    return description;
}

const ComponentDescription& triggerDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Queue trigger",
                                                  "queue trigger", kTriggerFields};
    return description;
}

const ComponentDescription& storeEventDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Event on PUT",
                                                  "PUT event", kStoreEventFields};
    return description;
}

const ComponentDescription& callDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Call", "call",
                                                  kCallFields};
    return description;
}

const ComponentDescription& retryDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Retries",
                                                  "retry policy", kRetryFields};
    return description;
}

const ComponentDescription& breakerDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Circuit breaker",
                                                  "circuit breaker", kBreakerFields};
    return description;
}

const ComponentDescription& failureDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Failure", "failure",
                                                  kFailureFields};
    return description;
}

const ComponentDescription& regionDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Region", "region",
                                                  kRegionFields};
    return description;
}

const ComponentDescription& roundTripDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Round trip",
                                                  "round trip", kRoundTripFields};
    return description;
}

const ComponentDescription& sloDescription() {
    static const ComponentDescription description{ComponentKind::None, "", "Latency objective",
                                                  "latency objective", kSloFields};
    return description;
}

std::span<const ComponentDescription> topologyDescriptions() {
    return kTopology;
}

const ComponentDescription& describe(ComponentKind kind) {
    for (const auto& description : kTopology)
        if (description.kind == kind) return description;
    if (kind == ComponentKind::Workload) return workloadDescription();
    static const ComponentDescription none{ComponentKind::None, "", "Scenario", "scenario", {}};
    return none;
}

}  // namespace archsim
