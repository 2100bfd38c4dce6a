// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/architecturemodel.h"

#include <algorithm>

#include "sim/core/randomstreams.h"
#include "sim/model/component.h"
#include "sim/model/components/client.h"
#include "sim/model/components/objectstore.h"
#include "sim/model/components/queue.h"
#include "sim/model/faulttimeline.h"
#include "sim/model/jobrecorder.h"
#include "sim/model/modelcounters.h"
#include "sim/model/regionmap.h"
#include "sim/model/request.h"
#include "sim/model/requestflow.h"
#include "sim/model/topologybuilder.h"
#include "sim/model/workload.h"

namespace archsim {

class ArchitectureModelImpl final : public ArrivalSink {
public:
    ArchitectureModelImpl(Simulator& simulator, const Scenario& scenario, std::uint64_t seed,
                          std::uint64_t replication, CompletionRecorder& recorder,
                          std::uint64_t memoryBudgetBytes)
        : m_simulator(simulator),
          m_scenario(scenario),
          m_warmupEnd(fromSeconds(scenario.run.warmupS)),
          m_recorder(recorder),
          m_flow(simulator, m_requests, m_counters, recorder),
          m_jobs(fromSeconds(scenario.run.windowS)),
          m_regions(scenario.topology, makeStream(seed, replication, "regions", "clients"),
                    makeStream(seed, replication, "regions", "round-trips")),
          m_context{simulator,   m_requests, m_counters, m_flow,
                    seed,        replication, &m_jobs,   &m_regions},
          m_topology(TopologyBuilder::build(m_context, scenario.topology)),
          m_failures(simulator, scenario.failures, m_topology),
          m_workload(simulator, scenario.workload,
                     makeStream(seed, replication, "workload", "arrivals"), *this),
          m_payloadEngine(makeStream(seed, replication, "workload", "payload")) {
        m_flow.setWorkload(&m_workload);
        m_flow.setTopology(m_topology, m_regions);
        m_flow.setLimits(scenario.run.maxInFlight, memoryBudgetBytes);
        for (const auto& component : m_topology.components) {
            if (component->kind() == ComponentKind::Queue)
                m_queues.push_back(static_cast<Queue*>(component.get()));
            // A store invoking a function does it through a queue of its own: its jobs count.
            if (component->kind() == ComponentKind::ObjectStore) {
                const auto* store = static_cast<const ObjectStore*>(component.get());
                if (store->ownsEventQueue()) m_queues.push_back(store->eventQueue());
            }
        }
        if (!scenario.workload.afterResponse.empty())
            m_client = std::make_unique<Client>(
                m_context, *m_topology.entry, scenario.workload.afterResponse,
                [this](const std::string& id) { return m_topology.find(id); });
    }

    void start() {
        for (const auto& component : m_topology.components) component->start();
        m_failures.start();  // schedules nothing without failures: runs keep their event sequence
        m_workload.start();
    }

    void arrive(const Arrival& arrival) override;
    void beginMeasurement();
    void fillWindow(WindowRow& row, Time start, Time end);
    void finish(RunResult& result);
    UsageTotals cumulativeUsage() const;

    std::uint64_t arrivals() const { return m_counters.arrivals; }
    std::size_t inFlight() const { return m_requests.inFlight(); }
    const RequestFlow& flow() const { return m_flow; }

private:
    Simulator& m_simulator;
    const Scenario& m_scenario;
    Time m_warmupEnd;
    CompletionRecorder& m_recorder;
    RequestTable m_requests;
    ModelCounters m_counters;
    RequestFlow m_flow;
    JobRecorder m_jobs;
    RegionMap m_regions;
    ModelContext m_context;
    Topology m_topology;
    FaultTimeline m_failures;
    Workload m_workload;
    RandomEngine m_payloadEngine;
    UsageTotals m_usageAtMeasurement;
    bool m_measuring = false;
    std::vector<Queue*> m_queues;  // in topology order; none in a scenario without queues
    std::unique_ptr<Client> m_client;  // runs workload.afterResponse (none without it)
};

void ArchitectureModelImpl::arrive(const Arrival& arrival) {
    const Time now = m_simulator.now();
    ++m_counters.arrivals;
    ++m_counters.arrivalsInWindow;
    ++m_counters.usage.requests;
    const std::uint32_t id = m_requests.allocate();
    Request& r = m_requests[id];
    r.arrival = now;
    r.phaseStart = now;
    r.user = arrival.user;
    r.measured = now >= m_warmupEnd;
    if (m_regions.active()) r.clientRegion = m_regions.drawClientRegion();
    if (r.measured) ++m_counters.measuredArrivals;
    const WorkloadSpec& workload = m_scenario.workload;
    // A row's own size and key when the trace has them (the bounds hold for any scenario the
    // reader made; a hand-built one with shorter columns falls back rather than read past them).
    const auto row = static_cast<std::size_t>(arrival.traceRow);
    if (arrival.traceRow >= 0 && row < workload.tracePayloadKb.size())
        r.payloadKb = workload.tracePayloadKb[row];
    else if (workload.payloadKb)
        r.payloadKb = workload.payloadKb->sample(m_payloadEngine);
    if (arrival.traceRow >= 0 && row < workload.traceKeys.size()) r.key = workload.traceKeys[row];
    m_flow.checkLimits();
    if (m_client)
        m_client->accept(id);
    else
        m_topology.entry->accept(id);
}

void ArchitectureModelImpl::beginMeasurement() {
    // Called with the clock at the end of the warm-up: the usage so far is what finish() subtracts.
    m_usageAtMeasurement = cumulativeUsage();
    m_measuring = true;
    for (const auto& component : m_topology.components) {
        component->beginMeasurement();
        if (auto* pool = dynamic_cast<ComputePool*>(component.get()))
            pool->beginHoldMeasurement(m_simulator.now());
    }
}

UsageTotals ArchitectureModelImpl::cumulativeUsage() const {
    UsageTotals u = m_counters.usage;
    const Time now = m_simulator.now();
    u.simulatedSeconds = toSeconds(now);
    for (const auto& component : m_topology.components) component->addUsage(u, now);
    return u;
}

void ArchitectureModelImpl::fillWindow(WindowRow& row, Time start, Time end) {
    ModelCounters& c = m_counters;
    row.arrivals = c.arrivalsInWindow;
    row.errors = c.errorsInWindow;
    row.coldStarts = c.coldStartsInWindow;
    row.retries = c.retriesInWindow;
    c.retriesInWindow = 0;
    row.coldStartFraction = c.functionStartsInWindow
                                ? static_cast<double>(c.coldStartsInWindow) /
                                      static_cast<double>(c.functionStartsInWindow)
                                : 0.0;
    c.arrivalsInWindow = c.coldStartsInWindow = c.functionStartsInWindow = 0;
    c.errorsInWindow = {};

    row.components.clear();
    WindowTotals totals;
    for (const auto& component : m_topology.components) {
        ComponentGauge gauge;
        gauge.id = component->id();
        const bool hasRow = component->fillGauge(gauge, totals, start, end);
        // The headline gauges follow the first compute component behind the entry.
        if (component.get() == m_topology.entryCompute) {
            row.utilization = gauge.utilization;
            row.meanQueueLength = gauge.queueLength;
        }
        if (hasRow) row.components.push_back(std::move(gauge));
    }
    if (!m_queues.empty()) {
        // The queues' rows were filled above; the jobs' figures sum them over every queue.
        JobWindow jobs;
        m_jobs.fillWindow(jobs, end);
        Time oldest = kTimeInfinity;
        // A dead-letter queue nothing consumes only parks messages: they are the dead letters.
        for (const ComponentGauge& gauge : row.components)
            for (const Queue* queue : m_queues)
                if (queue->id() == gauge.id && !queue->parksDeadLetters())
                    jobs.queueDepth += gauge.queueLength;
        for (const Queue* queue : m_queues)
            if (!queue->parksDeadLetters()) oldest = std::min(oldest, queue->oldestVisibleSince());
        jobs.oldestAgeS = oldest == kTimeInfinity ? 0.0 : toSeconds(end - oldest);
        row.jobs = jobs;
    }
    row.cacheHitRatio = totals.cacheLookups ? static_cast<double>(totals.cacheHits) /
                                                  static_cast<double>(totals.cacheLookups)
                                            : -1;
    row.databaseConnectionsInUse = totals.connectionsInUse;
}

void ArchitectureModelImpl::finish(RunResult& result) {
    const ModelCounters& c = m_counters;
    result.measuredArrivals = c.measuredArrivals;
    result.errors = c.errors;
    result.coldStarts = c.measuredColdStarts;
    result.functionStarts = c.measuredFunctionStarts;
    result.breakdown = m_recorder.tail().total();
    result.cacheHits = c.measuredHits;
    result.cacheMisses = c.measuredMisses;
    result.retries = c.measuredRetries;
    result.peakInstances = c.peakAlive;
    // Usage over the measured period: cumulative now minus cumulative at the end of the warm-up.
    const UsageTotals now = cumulativeUsage();
    const UsageTotals base = m_measuring ? m_usageAtMeasurement : now;
    UsageTotals u;
    u.simulatedSeconds = now.simulatedSeconds - base.simulatedSeconds;
    u.requests = now.requests - base.requests;
    u.functionInvocations = now.functionInvocations - base.functionInvocations;
    u.functionBilledSeconds = now.functionBilledSeconds - base.functionBilledSeconds;
    u.functionInitSeconds = now.functionInitSeconds - base.functionInitSeconds;
    u.functionCpuMs = now.functionCpuMs - base.functionCpuMs;
    u.provisionedInstanceSeconds = now.provisionedInstanceSeconds - base.provisionedInstanceSeconds;
    u.provisionedBilledSeconds = now.provisionedBilledSeconds - base.provisionedBilledSeconds;
    u.gatewayRequests = now.gatewayRequests - base.gatewayRequests;
    u.remoteCacheReads = now.remoteCacheReads - base.remoteCacheReads;
    u.remoteCacheWrites = now.remoteCacheWrites - base.remoteCacheWrites;
    u.replicaSeconds = now.replicaSeconds - base.replicaSeconds;
    u.egressGb = now.egressGb - base.egressGb;
    u.ingressGb = now.ingressGb - base.ingressGb;
    u.storagePuts = now.storagePuts - base.storagePuts;
    u.storageGets = now.storageGets - base.storageGets;
    u.storageGbMonths = now.storageGbMonths - base.storageGbMonths;
    u.storageEgressGb = now.storageEgressGb - base.storageEgressGb;
    result.usage = u;
    for (const auto& component : m_topology.components) {
        component->finish(result);
        if (const auto* pool = dynamic_cast<const ComputePool*>(component.get()))
            result.components.push_back(pool->holdFigures(m_simulator.now()));
    }
    if (!m_queues.empty()) {
        JobFigures jobs = m_jobs.figures(m_measuring ? u.simulatedSeconds : 0.0);
        for (const Queue* queue : m_queues)
            if (!queue->parksDeadLetters()) jobs.meanHeld += queue->meanHeld(m_simulator.now());
        result.jobs = std::move(jobs);
    }
}

// ------------------------------------------------------------------------------- the facade

ArchitectureModel::ArchitectureModel(Simulator& simulator, const Scenario& scenario,
                                     std::uint64_t seed, std::uint64_t replication,
                                     CompletionRecorder& recorder, std::uint64_t memoryBudgetBytes)
    : m_impl(std::make_unique<ArchitectureModelImpl>(simulator, scenario, seed, replication,
                                                     recorder, memoryBudgetBytes)) {}
ArchitectureModel::~ArchitectureModel() = default;
void ArchitectureModel::start() { m_impl->start(); }
void ArchitectureModel::beginMeasurement() { m_impl->beginMeasurement(); }
void ArchitectureModel::fillWindow(WindowRow& row, Time start, Time end) {
    m_impl->fillWindow(row, start, end);
}
void ArchitectureModel::finish(RunResult& result) { m_impl->finish(result); }
UsageTotals ArchitectureModel::cumulativeUsage() const { return m_impl->cumulativeUsage(); }
std::uint64_t ArchitectureModel::arrivals() const { return m_impl->arrivals(); }
bool ArchitectureModel::overloaded() const { return m_impl->flow().overloaded(); }
const std::string& ArchitectureModel::overloadReason() const {
    return m_impl->flow().overloadReason();
}
std::size_t ArchitectureModel::bytesPerRequest() { return RequestTable::bytesPerRequest(); }
std::size_t ArchitectureModel::bytesPerEvent() { return sizeof(Event); }
std::size_t ArchitectureModel::requestsInFlight() const { return m_impl->inFlight(); }

}  // namespace archsim
