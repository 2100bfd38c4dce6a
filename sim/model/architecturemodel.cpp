// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/architecturemodel.h"

#include <algorithm>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <deque>
#include <map>
#include <stdexcept>
#include <string>

#include "sim/core/randomstreams.h"
#include "sim/core/ringqueue.h"
#include "sim/model/enginelimits.h"
#include "sim/model/lrucache.h"
#include "sim/model/workload.h"
#include "sim/model/zipf.h"

namespace archsim {

namespace {

enum class Kind : std::uint8_t { None, Gateway, Function, Server, Cache, Database, Hop };

struct ComponentRef {
    Kind kind = Kind::None;
    std::uint32_t index = 0;
};

enum class OpCode : std::uint8_t { Cpu, Database, Hop, Enter, Cache, Fill, Branch, End };

/// One compiled handler operation.
struct Op {
    OpCode code = OpCode::End;
    std::uint32_t index = 0;      ///< distribution, database, hop or cache index
    ComponentRef target;          ///< Enter: the gateway or pool called
    std::uint32_t jump = 0;       ///< Cache: where a hit continues; Branch: where "not taken" goes
    double probability = 1;       ///< Branch
    std::uint8_t cacheDepth = 0;  ///< Cache/Fill: slot of the request's pending cache keys
};

struct Frame {
    Kind kind = Kind::None;        // Function or Server
    std::uint32_t pool = 0;
    std::uint32_t slot = 0;        // instance or replica
    std::uint32_t pc = 0;
    Time start = 0;                // when the slot was granted (billing)
};

struct Request {
    Time arrival = 0;
    Time phaseStart = 0;
    std::int64_t user = -1;
    double payloadKb = 0;
    std::array<Time, kTimeCategoryCount> breakdown{};
    std::array<Frame, kMaxCallDepth> frames{};
    std::array<std::int64_t, kMaxCacheNesting> cacheKeys{};
    std::uint32_t depth = 0;
    std::uint32_t generation = 0;
    std::uint32_t gateway = 0;      // the gateway being crossed (GatewayDone)
    bool measured = false;
    bool inFlight = false;          // false once the record is back on the free list
    bool timedOut = false;
    bool userNotified = false;
    bool coldStarted = false;
};

enum EventKind : std::uint32_t {
    kStepDone,
    kGatewayDone,
    kInstanceReady,
    kKeepAlive,
    kScaleOutRetry,
    kReplicaReady,
    kAutoscale,
    kTimeout,
};

// Instance/replica events carry (pool, slot, generation) in one 64-bit payload.
std::uint64_t packSlot(std::uint32_t pool, std::uint32_t slot, std::uint32_t generation) {
    return (static_cast<std::uint64_t>(pool & 0xffffu) << 48) |
           (static_cast<std::uint64_t>(slot & 0xffffffu) << 24) | (generation & 0xffffffu);
}
std::uint32_t unpackPool(std::uint64_t p) { return static_cast<std::uint32_t>(p >> 48); }
std::uint32_t unpackSlot(std::uint64_t p) { return static_cast<std::uint32_t>((p >> 24) & 0xffffffu); }
std::uint32_t unpackGeneration(std::uint64_t p) { return static_cast<std::uint32_t>(p & 0xffffffu); }

std::size_t category(TimeCategory c) { return static_cast<std::size_t>(c); }

/// Per-component integrals for the time series (and autoscaler metrics).
struct Gauges {
    TimeAverage busy, alive, queue;
    double busyAtWindow = 0, aliveAtWindow = 0, queueAtWindow = 0;
    std::uint64_t coldStartsInWindow = 0;
    std::uint64_t hitsInWindow = 0, missesInWindow = 0;
};

struct CacheState {
    const CacheSpec* spec = nullptr;
    std::unique_ptr<ZipfSampler> zipf;
    RandomEngine engine;
    LruCache shared{0};  // remote placement: the one shared cache
    Gauges gauges;
};

struct Instance {
    enum class State : std::uint8_t { Free, Starting, Warm };
    State state = State::Free;
    int active = 0;
    std::uint32_t generation = 0;             // one per life of the slot (startInstance)
    // Keep-alive: the instance is reclaimed at idleDeadline if nothing used it since it went idle
    // (kTimeInfinity while in use). At most one expiry event is live per instance, at expiryAt
    // (kTimeInfinity: none); see releaseInstance.
    Time idleDeadline = kTimeInfinity;
    Time expiryAt = kTimeInfinity;
    bool provisioned = false;
    bool available = false;                   // in the pool's available list
    std::vector<std::uint32_t> waiting;       // requests waiting for this instance to start
    std::map<std::uint32_t, LruCache> caches;  // in-process caches, by cache index
};

struct FunctionPool {
    const FunctionPoolSpec* spec = nullptr;
    std::vector<Op> program;
    std::vector<Instance> instances;
    std::vector<std::uint32_t> freeSlots;
    std::vector<std::uint32_t> available;     // warm, with spare concurrency; back = most recent
    RingQueue<std::uint32_t> queue;           // requests waiting at the concurrency limit
    int alive = 0;
    int busy = 0;                             // requests holding or waiting for an instance
    double tokens = 0;
    Time tokensAt = 0;
    bool retryScheduled = false;
    bool draining = false;      // drainFunctionQueue is running for this pool
    bool drainAgain = false;    // an instance was released meanwhile: offer the queue again
    RandomEngine handlerEngine, coldStartEngine, keepAliveEngine, pickEngine;
    Gauges gauges;
};

struct Replica {
    enum class State : std::uint8_t { Booting, Serving, Draining, Stopped };
    State state = State::Booting;
    int active = 0;
    RingQueue<std::uint32_t> queue;
    std::map<std::uint32_t, LruCache> caches;
    bool releasing = false;         // releaseReplica is running for this replica
    std::uint32_t moreReleases = 0;  // workers released meanwhile, handed on once it returns
};

struct ServerPool {
    const ServerPoolSpec* spec = nullptr;
    std::vector<Op> program;
    std::vector<Replica> replicas;
    std::vector<std::uint32_t> serving;   // replica indices accepting traffic, ascending
    std::size_t roundRobin = 0;
    int booting = 0;
    // Running totals over replicas, kept at every change so gauges cost O(1) per request.
    int alive = 0;   // replicas not stopped (booting, serving, draining)
    int busy = 0;    // workers serving a request
    int queued = 0;  // requests waiting in replica queues
    std::deque<std::pair<Time, int>> recommendations;  // autoscaler: (time, desired replicas)
    double busyAreaAtTick = 0, inFlightAreaAtTick = 0;
    RandomEngine handlerEngine, balancerEngine;
    Gauges gauges;
    StepIntegral replicaSeconds;
};

struct Database {
    const DatabaseSpec* spec = nullptr;
    int inUse = 0;
    RingQueue<std::uint32_t> waiting;
    RandomEngine engine;
    Gauges gauges;
};

struct Gateway {
    const GatewaySpec* spec = nullptr;
    ComponentRef next;
    RandomEngine engine;
};

struct Hop {
    const NetworkHopSpec* spec = nullptr;
    RandomEngine engine;
};

}  // namespace

class ArchitectureModelImpl final : public EventHandler, public ArrivalSink {
public:
    ArchitectureModelImpl(Simulator& simulator, const Scenario& scenario, std::uint64_t seed,
                          std::uint64_t replication, CompletionRecorder& recorder,
                          std::uint64_t memoryBudgetBytes);

    void start();
    void arrive(std::int64_t user) override;
    void handleEvent(const Event& event) override;
    void beginMeasurement();
    void fillWindow(WindowRow& row, Time start, Time end);
    void finish(RunResult& result);
    UsageTotals cumulativeUsage() const;

    std::uint64_t m_arrivals = 0;
    std::size_t m_inFlight = 0;
    bool m_overloaded = false;
    std::string m_overloadReason;

private:
    void overload(std::string reason);

    // Building.
    ComponentRef lookup(const std::string& id) const;
    void compile(const std::vector<HandlerStep>& steps, std::vector<Op>& program,
                 const std::string& poolId, std::uint8_t cacheDepth);

    // Request life.
    std::uint32_t allocateRequest();
    void freeRequest(std::uint32_t id);
    void book(Request& r, TimeCategory c);
    void enter(std::uint32_t id, ComponentRef component);
    void advance(std::uint32_t id);
    void completeStep(std::uint32_t id);
    void returnFrom(std::uint32_t id);
    void finishRequest(std::uint32_t id);
    void fail(std::uint32_t id, ErrorReason reason);
    void countError(const Request& r, ErrorReason reason);
    void notifyUser(Request& r);
    void pushFrame(std::uint32_t id, Kind kind, std::uint32_t pool, std::uint32_t slot);
    void releaseFrame(const Frame& frame);
    LruCache& cacheFor(const Request& r, std::uint32_t cacheIndex);
    RandomEngine& handlerEngine(const Request& r);

    // Function pools.
    void acquireFunction(std::uint32_t id, std::uint32_t poolIndex);
    bool takeScaleOutToken(FunctionPool& pool);
    std::uint32_t startInstance(std::uint32_t poolIndex, bool provisioned);
    void grantInstance(std::uint32_t id, std::uint32_t poolIndex, std::uint32_t slot);
    void releaseInstance(std::uint32_t poolIndex, std::uint32_t slot);
    void setAvailable(FunctionPool& pool, std::uint32_t slot, bool available);
    void drainFunctionQueue(std::uint32_t poolIndex);
    void updateFunctionGauges(FunctionPool& pool);

    // Server pools.
    void acquireServer(std::uint32_t id, std::uint32_t poolIndex);
    void releaseReplica(std::uint32_t poolIndex, std::uint32_t slot);
    void handOnWorker(std::uint32_t poolIndex, std::uint32_t slot);
    void launchReplica(std::uint32_t poolIndex, bool immediately);
    void autoscale(std::uint32_t poolIndex);
    void updateServerGauges(ServerPool& pool);

    // Databases.
    void startQuery(std::uint32_t id, std::uint32_t databaseIndex);
    void updateAlive();

    Simulator& m_simulator;
    const Scenario& m_scenario;
    CompletionRecorder& m_recorder;
    std::uint64_t m_memoryBudget;
    Time m_warmupEnd;
    std::unique_ptr<Workload> m_workload;
    RandomEngine m_payloadEngine;

    std::map<std::string, ComponentRef> m_ids;
    std::vector<DistributionPtr> m_distributions;
    std::vector<Gateway> m_gateways;
    std::vector<FunctionPool> m_functions;
    std::vector<ServerPool> m_servers;
    std::vector<CacheState> m_caches;
    std::vector<Database> m_databases;
    std::vector<Hop> m_hops;
    ComponentRef m_entry;
    ComponentRef m_entryCompute;  // the first pool behind the entry, for the headline gauges

    std::vector<Request> m_requests;
    std::vector<std::uint32_t> m_freeRequests;

    // Counters: cumulative, with a snapshot at the start of the measured period and per window.
    UsageTotals m_usage;
    UsageTotals m_usageAtMeasurement;
    ErrorCounts m_errors{};
    ErrorCounts m_errorsInWindow{};
    std::uint64_t m_arrivalsInWindow = 0;
    std::uint64_t m_coldStarts = 0, m_coldStartsInWindow = 0, m_measuredColdStarts = 0;
    std::uint64_t m_functionStarts = 0, m_functionStartsInWindow = 0, m_measuredFunctionStarts = 0;
    std::uint64_t m_hits = 0, m_misses = 0, m_measuredHits = 0, m_measuredMisses = 0;
    std::uint64_t m_measuredArrivals = 0;
    TimeBreakdown m_breakdown{};
    std::uint64_t m_peakAlive = 0;
    bool m_measuring = false;
};

// ------------------------------------------------------------------------------------ building

ArchitectureModelImpl::ArchitectureModelImpl(Simulator& simulator, const Scenario& scenario,
                                             std::uint64_t seed, std::uint64_t replication,
                                             CompletionRecorder& recorder,
                                             std::uint64_t memoryBudgetBytes)
    : m_simulator(simulator),
      m_scenario(scenario),
      m_recorder(recorder),
      m_memoryBudget(memoryBudgetBytes),
      m_warmupEnd(fromSeconds(scenario.run.warmupS)),
      m_payloadEngine(makeStream(seed, replication, "workload", "payload")) {
    const TopologySpec& t = scenario.topology;
    // The validator refuses larger topologies; timer payloads could not address these pools.
    if (t.functions.size() > kMaxPoolsPerKind || t.servers.size() > kMaxPoolsPerKind)
        throw std::invalid_argument("more than " + std::to_string(kMaxPoolsPerKind) +
                                    " function or server pools");
    const auto stream = [&](const std::string& id, const char* role) {
        return makeStream(seed, replication, id, role);
    };
    for (std::uint32_t i = 0; i < t.gateways.size(); ++i) {
        m_ids[t.gateways[i].id] = {Kind::Gateway, i};
        m_gateways.push_back({&t.gateways[i], {}, stream(t.gateways[i].id, "latency")});
    }
    for (std::uint32_t i = 0; i < t.functions.size(); ++i) {
        m_ids[t.functions[i].id] = {Kind::Function, i};
        FunctionPool pool;
        pool.spec = &t.functions[i];
        pool.handlerEngine = stream(pool.spec->id, "handler");
        pool.coldStartEngine = stream(pool.spec->id, "cold-start");
        pool.keepAliveEngine = stream(pool.spec->id, "keep-alive");
        pool.pickEngine = stream(pool.spec->id, "pick");
        pool.tokens = std::max(1.0, pool.spec->scaleOutPerS);
        m_functions.push_back(std::move(pool));
    }
    for (std::uint32_t i = 0; i < t.servers.size(); ++i) {
        m_ids[t.servers[i].id] = {Kind::Server, i};
        ServerPool pool;
        pool.spec = &t.servers[i];
        pool.handlerEngine = stream(pool.spec->id, "handler");
        pool.balancerEngine = stream(pool.spec->id, "balancer");
        m_servers.push_back(std::move(pool));
    }
    for (std::uint32_t i = 0; i < t.caches.size(); ++i) {
        m_ids[t.caches[i].id] = {Kind::Cache, i};
        CacheState cache;
        cache.spec = &t.caches[i];
        cache.engine = stream(cache.spec->id, "lookup");
        if (!cache.spec->hitRatio)
            cache.zipf = std::make_unique<ZipfSampler>(cache.spec->keys, cache.spec->zipfExponent);
        cache.shared = LruCache(cache.spec->placement == CachePlacement::Remote ? cache.spec->capacity
                                                                                : 0);
        m_caches.push_back(std::move(cache));
    }
    for (std::uint32_t i = 0; i < t.databases.size(); ++i) {
        m_ids[t.databases[i].id] = {Kind::Database, i};
        m_databases.push_back({&t.databases[i], 0, {}, stream(t.databases[i].id, "query"), {}});
    }
    for (std::uint32_t i = 0; i < t.hops.size(); ++i) {
        m_ids[t.hops[i].id] = {Kind::Hop, i};
        m_hops.push_back({&t.hops[i], stream(t.hops[i].id, "latency")});
    }
    for (auto& g : m_gateways) g.next = g.spec->next.empty() ? ComponentRef{} : lookup(g.spec->next);
    for (auto& pool : m_functions) compile(pool.spec->handler, pool.program, pool.spec->id, 0);
    for (auto& pool : m_servers) compile(pool.spec->handler, pool.program, pool.spec->id, 0);
    for (auto& pool : m_functions) pool.program.push_back({});  // End
    for (auto& pool : m_servers) pool.program.push_back({});

    m_entry = lookup(t.entry);
    m_entryCompute = m_entry;
    for (int hops = 0; m_entryCompute.kind == Kind::Gateway && hops < 16; ++hops)
        m_entryCompute = m_gateways[m_entryCompute.index].next;

    m_workload = std::make_unique<Workload>(simulator, scenario.workload,
                                            makeStream(seed, replication, "workload", "arrivals"),
                                            *this);
}

ComponentRef ArchitectureModelImpl::lookup(const std::string& id) const {
    const auto it = m_ids.find(id);
    if (it == m_ids.end())
        throw std::invalid_argument("the topology has no component '" + id + "'");
    return it->second;
}

void ArchitectureModelImpl::compile(const std::vector<HandlerStep>& steps, std::vector<Op>& program,
                                    const std::string& poolId, std::uint8_t cacheDepth) {
    for (const HandlerStep& step : steps) {
        Op op;
        switch (step.kind) {
            case HandlerStep::Kind::Cpu:
                op.code = OpCode::Cpu;
                op.index = static_cast<std::uint32_t>(m_distributions.size());
                m_distributions.push_back(step.cpuMs);
                program.push_back(op);
                break;
            case HandlerStep::Kind::Call: {
                const ComponentRef target = lookup(step.target);
                if (target.kind == Kind::Database) {
                    op.code = OpCode::Database;
                } else if (target.kind == Kind::Hop) {
                    op.code = OpCode::Hop;
                } else if (target.kind == Kind::Cache) {
                    throw std::invalid_argument(poolId + ": a cache is used with a cache step");
                } else {
                    op.code = OpCode::Enter;
                    op.target = target;
                }
                op.index = target.index;
                program.push_back(op);
                break;
            }
            case HandlerStep::Kind::Cache: {
                if (cacheDepth >= kMaxCacheNesting)
                    throw std::invalid_argument(poolId + ": cache steps nested too deeply");
                const ComponentRef cache = lookup(step.target);
                op.code = OpCode::Cache;
                op.index = cache.index;
                op.cacheDepth = cacheDepth;
                const std::size_t at = program.size();
                program.push_back(op);
                compile(step.onMiss, program, poolId, static_cast<std::uint8_t>(cacheDepth + 1));
                Op fill;
                fill.code = OpCode::Fill;
                fill.index = cache.index;
                fill.cacheDepth = cacheDepth;
                program.push_back(fill);
                program[at].jump = static_cast<std::uint32_t>(program.size());
                break;
            }
            case HandlerStep::Kind::Branch: {
                op.code = OpCode::Branch;
                op.probability = step.probability;
                const std::size_t at = program.size();
                program.push_back(op);
                compile(step.steps, program, poolId, cacheDepth);
                program[at].jump = static_cast<std::uint32_t>(program.size());
                break;
            }
        }
    }
}

void ArchitectureModelImpl::start() {
    for (std::uint32_t p = 0; p < m_functions.size(); ++p)
        for (int i = 0; i < m_functions[p].spec->provisioned; ++i) {
            const std::uint32_t slot = startInstance(p, true);
            FunctionPool& pool = m_functions[p];
            pool.instances[slot].state = Instance::State::Warm;
            setAvailable(pool, slot, true);
            updateFunctionGauges(pool);
        }
    for (std::uint32_t p = 0; p < m_servers.size(); ++p) {
        ServerPool& pool = m_servers[p];
        for (int i = 0; i < pool.spec->replicas; ++i) launchReplica(p, true);
        if (pool.spec->autoscaler)
            m_simulator.scheduleIn(fromSeconds(pool.spec->autoscaler->evaluationPeriodS), this,
                                   kAutoscale, p);
    }
    updateAlive();
    m_workload->start();
}

// -------------------------------------------------------------------------------- request life

std::uint32_t ArchitectureModelImpl::allocateRequest() {
    std::uint32_t id;
    if (!m_freeRequests.empty()) {
        id = m_freeRequests.back();
        m_freeRequests.pop_back();
        const std::uint32_t generation = m_requests[id].generation + 1;
        m_requests[id] = Request{};
        m_requests[id].generation = generation;
    } else {
        id = static_cast<std::uint32_t>(m_requests.size());
        m_requests.emplace_back();
    }
    m_requests[id].inFlight = true;
    ++m_inFlight;
    return id;
}

void ArchitectureModelImpl::freeRequest(std::uint32_t id) {
    m_requests[id].inFlight = false;
    m_freeRequests.push_back(id);
    --m_inFlight;
}

void ArchitectureModelImpl::book(Request& r, TimeCategory c) {
    const Time now = m_simulator.now();
    r.breakdown[category(c)] += now - r.phaseStart;
    r.phaseStart = now;
}

void ArchitectureModelImpl::arrive(std::int64_t user) {
    const Time now = m_simulator.now();
    ++m_arrivals;
    ++m_arrivalsInWindow;
    ++m_usage.requests;
    const std::uint32_t id = allocateRequest();
    Request& r = m_requests[id];
    r.arrival = now;
    r.phaseStart = now;
    r.user = user;
    r.measured = now >= m_warmupEnd;
    if (r.measured) ++m_measuredArrivals;
    if (m_scenario.workload.payloadKb) r.payloadKb = m_scenario.workload.payloadKb->sample(m_payloadEngine);
    // Memory must stay bounded: an unstable system is reported, not allowed to grow until the
    // machine runs out. Arrivals are where requests in flight, and the events they keep pending
    // (steps, timeouts), grow.
    if (m_inFlight > m_scenario.run.maxInFlight) {
        overload("requests in flight passed run.maxInFlight (" +
                 std::to_string(m_scenario.run.maxInFlight) + ")");
    } else {
        const std::uint64_t bytes =
            m_inFlight * ArchitectureModel::bytesPerRequest() +
            m_simulator.pendingEvents() * ArchitectureModel::bytesPerEvent();
        if (bytes > m_memoryBudget)
            overload("memory budget of " + std::to_string(m_memoryBudget >> 20) +
                     " MiB would be exceeded (" + std::to_string(m_inFlight) +
                     " requests in flight)");
    }
    enter(id, m_entry);
}

void ArchitectureModelImpl::overload(std::string reason) {
    if (!m_overloaded) m_overloadReason = std::move(reason);
    m_overloaded = true;
    m_simulator.requestStop();
}

void ArchitectureModelImpl::enter(std::uint32_t id, ComponentRef component) {
    Request& r = m_requests[id];
    switch (component.kind) {
        case Kind::Gateway: {
            Gateway& g = m_gateways[component.index];
            ++m_usage.gatewayRequests;
            if (g.spec->payloadLimitKb && r.payloadKb > *g.spec->payloadLimitKb) {
                fail(id, ErrorReason::Payload);
                return;
            }
            r.gateway = component.index;
            const Time latency = fromMillis(g.spec->latencyMs->sample(g.engine));
            m_simulator.scheduleIn(latency, this, kGatewayDone, id);
            return;
        }
        case Kind::Function: acquireFunction(id, component.index); return;
        case Kind::Server: acquireServer(id, component.index); return;
        default: returnFrom(id); return;  // nothing to do: respond
    }
}

void ArchitectureModelImpl::pushFrame(std::uint32_t id, Kind kind, std::uint32_t pool,
                                      std::uint32_t slot) {
    Request& r = m_requests[id];
    // The validator refuses deeper call chains (checkCallDepth); this guards the array.
    if (r.depth >= kMaxCallDepth)
        throw std::runtime_error("calls nested more than " + std::to_string(kMaxCallDepth) +
                                 " deep");
    r.frames[r.depth++] = Frame{kind, pool, slot, 0, m_simulator.now()};
}

RandomEngine& ArchitectureModelImpl::handlerEngine(const Request& r) {
    const Frame& f = r.frames[r.depth - 1];
    return f.kind == Kind::Function ? m_functions[f.pool].handlerEngine
                                    : m_servers[f.pool].handlerEngine;
}

LruCache& ArchitectureModelImpl::cacheFor(const Request& r, std::uint32_t cacheIndex) {
    CacheState& cache = m_caches[cacheIndex];
    if (cache.spec->placement == CachePlacement::Remote) return cache.shared;
    const Frame& f = r.frames[r.depth - 1];
    auto& caches = f.kind == Kind::Function ? m_functions[f.pool].instances[f.slot].caches
                                            : m_servers[f.pool].replicas[f.slot].caches;
    return caches.try_emplace(cacheIndex, cache.spec->capacity).first->second;
}

void ArchitectureModelImpl::advance(std::uint32_t id) {
    for (;;) {
        Request& r = m_requests[id];
        Frame& f = r.frames[r.depth - 1];
        const std::vector<Op>& program = f.kind == Kind::Function ? m_functions[f.pool].program
                                                                  : m_servers[f.pool].program;
        const Op& op = program[f.pc];
        switch (op.code) {
            case OpCode::Cpu: {
                const double ms = m_distributions[op.index]->sample(handlerEngine(r));
                if (f.kind == Kind::Function) m_usage.functionCpuMs += ms;
                m_simulator.scheduleIn(fromMillis(ms), this, kStepDone, id);
                return;
            }
            case OpCode::Hop: {
                Hop& hop = m_hops[op.index];
                m_simulator.scheduleIn(fromMillis(hop.spec->latencyMs->sample(hop.engine)), this,
                                       kStepDone, id);
                return;
            }
            case OpCode::Database: {
                Database& db = m_databases[op.index];
                if (db.inUse < db.spec->connections) {
                    startQuery(id, op.index);
                } else {
                    db.waiting.push(id);  // phaseStart is now: the wait is booked as queueing
                    db.gauges.queue.set(m_simulator.now(), static_cast<double>(db.waiting.size()));
                }
                return;
            }
            case OpCode::Enter: enter(id, op.target); return;
            case OpCode::Cache: {
                CacheState& cache = m_caches[op.index];
                if (!cache.spec->hitRatio) r.cacheKeys[op.cacheDepth] = cache.zipf->sample(cache.engine);
                if (cache.spec->placement == CachePlacement::Remote) ++m_usage.remoteCacheReads;
                m_simulator.scheduleIn(fromMillis(cache.spec->lookupMs->sample(cache.engine)), this,
                                       kStepDone, id);
                return;
            }
            case OpCode::Fill: {
                CacheState& cache = m_caches[op.index];
                if (!cache.spec->hitRatio) {
                    const Time expires = cache.spec->ttlS
                                             ? m_simulator.now() + fromSeconds(*cache.spec->ttlS)
                                             : kTimeInfinity;
                    cacheFor(r, op.index).insert(r.cacheKeys[op.cacheDepth], expires);
                }
                if (cache.spec->placement == CachePlacement::Remote) ++m_usage.remoteCacheWrites;
                ++f.pc;
                continue;
            }
            case OpCode::Branch: {
                boost::random::uniform_01<double> uniform;
                f.pc = uniform(handlerEngine(r)) < op.probability ? f.pc + 1 : op.jump;
                continue;
            }
            case OpCode::End: {
                const Frame done = f;
                --r.depth;
                releaseFrame(done);
                returnFrom(id);
                return;
            }
        }
    }
}

void ArchitectureModelImpl::completeStep(std::uint32_t id) {
    Request& r = m_requests[id];
    Frame& f = r.frames[r.depth - 1];
    const std::vector<Op>& program = f.kind == Kind::Function ? m_functions[f.pool].program
                                                              : m_servers[f.pool].program;
    const Op& op = program[f.pc];
    switch (op.code) {
        case OpCode::Cpu: book(r, TimeCategory::Cpu); ++f.pc; break;
        case OpCode::Hop: book(r, TimeCategory::Network); ++f.pc; break;
        case OpCode::Database: {
            book(r, TimeCategory::Database);
            ++f.pc;
            Database& db = m_databases[op.index];
            --db.inUse;
            if (!db.waiting.empty()) {
                const std::uint32_t next = db.waiting.pop();
                db.gauges.queue.set(m_simulator.now(), static_cast<double>(db.waiting.size()));
                book(m_requests[next], TimeCategory::Queueing);
                startQuery(next, op.index);
            } else {
                db.gauges.busy.set(m_simulator.now(), db.inUse);
            }
            break;
        }
        case OpCode::Cache: {
            book(r, TimeCategory::Cache);
            CacheState& cache = m_caches[op.index];
            bool hit;
            if (cache.spec->hitRatio) {
                boost::random::uniform_01<double> uniform;
                hit = uniform(cache.engine) < *cache.spec->hitRatio;
            } else {
                hit = cacheFor(r, op.index).lookup(r.cacheKeys[op.cacheDepth], m_simulator.now());
            }
            ++(hit ? cache.gauges.hitsInWindow : cache.gauges.missesInWindow);
            ++(hit ? m_hits : m_misses);
            if (r.measured) ++(hit ? m_measuredHits : m_measuredMisses);
            f.pc = hit ? op.jump : f.pc + 1;
            break;
        }
        default: break;
    }
    advance(id);
}

void ArchitectureModelImpl::startQuery(std::uint32_t id, std::uint32_t databaseIndex) {
    Database& db = m_databases[databaseIndex];
    ++db.inUse;
    db.gauges.busy.set(m_simulator.now(), db.inUse);
    m_simulator.scheduleIn(fromMillis(db.spec->queryMs->sample(db.engine)), this, kStepDone, id);
}

void ArchitectureModelImpl::returnFrom(std::uint32_t id) {
    Request& r = m_requests[id];
    if (r.depth == 0) {
        finishRequest(id);
        return;
    }
    ++r.frames[r.depth - 1].pc;  // the caller's call has returned
    advance(id);
}

void ArchitectureModelImpl::notifyUser(Request& r) {
    if (r.userNotified) return;
    r.userNotified = true;
    if (r.user >= 0) m_workload->requestDone(r.user);
}

void ArchitectureModelImpl::finishRequest(std::uint32_t id) {
    Request& r = m_requests[id];
    if (!r.timedOut) {
        m_recorder.complete(r.arrival);
        if (r.measured)
            for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
                m_breakdown[c] += static_cast<double>(r.breakdown[c]);
    }
    notifyUser(r);
    freeRequest(id);
}

void ArchitectureModelImpl::countError(const Request& r, ErrorReason reason) {
    const auto i = static_cast<std::size_t>(reason);
    ++m_errorsInWindow[i];
    if (r.measured) ++m_errors[i];
}

void ArchitectureModelImpl::fail(std::uint32_t id, ErrorReason reason) {
    Request& r = m_requests[id];
    // Every slot the request holds up the call chain is given back.
    while (r.depth > 0) {
        const Frame frame = r.frames[--r.depth];
        releaseFrame(frame);
    }
    if (!r.timedOut) countError(r, reason);
    notifyUser(r);
    freeRequest(id);
}

void ArchitectureModelImpl::releaseFrame(const Frame& frame) {
    if (frame.kind == Kind::Function) {
        FunctionPool& pool = m_functions[frame.pool];
        const double billed = billedSeconds(m_simulator.now() - frame.start);
        if (pool.instances[frame.slot].provisioned)
            m_usage.provisionedBilledSeconds += billed;
        else
            m_usage.functionBilledSeconds += billed;
        ++m_usage.functionInvocations;
        releaseInstance(frame.pool, frame.slot);
    } else if (frame.kind == Kind::Server) {
        releaseReplica(frame.pool, frame.slot);
    }
}

// ------------------------------------------------------------------------------ function pools

void ArchitectureModelImpl::setAvailable(FunctionPool& pool, std::uint32_t slot, bool available) {
    Instance& instance = pool.instances[slot];
    if (instance.available) {
        // Searched from the back: the most recently used instances are the ones moved most often.
        const auto it = std::find(pool.available.rbegin(), pool.available.rend(), slot);
        pool.available.erase(std::next(it).base());
        instance.available = false;
    }
    if (available) {
        pool.available.push_back(slot);  // the back is the most recently used
        instance.available = true;
    }
}

bool ArchitectureModelImpl::takeScaleOutToken(FunctionPool& pool) {
    const double rate = pool.spec->scaleOutPerS;
    if (rate <= 0) return true;
    const Time now = m_simulator.now();
    pool.tokens = std::min(std::max(1.0, rate), pool.tokens + toSeconds(now - pool.tokensAt) * rate);
    pool.tokensAt = now;
    if (pool.tokens < 1.0) return false;
    pool.tokens -= 1.0;
    return true;
}

std::uint32_t ArchitectureModelImpl::startInstance(std::uint32_t poolIndex, bool provisioned) {
    FunctionPool& pool = m_functions[poolIndex];
    std::uint32_t slot;
    if (!pool.freeSlots.empty()) {
        slot = pool.freeSlots.back();
        pool.freeSlots.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(pool.instances.size());
        pool.instances.emplace_back();
    }
    Instance& instance = pool.instances[slot];
    instance.state = Instance::State::Starting;
    instance.active = 0;
    instance.provisioned = provisioned;
    instance.idleDeadline = kTimeInfinity;
    instance.expiryAt = kTimeInfinity;  // an expiry of the slot's previous life is now stale
    ++instance.generation;
    ++pool.alive;
    updateAlive();
    return slot;
}

void ArchitectureModelImpl::grantInstance(std::uint32_t id, std::uint32_t poolIndex,
                                          std::uint32_t slot) {
    Request& r = m_requests[id];
    book(r, r.coldStarted ? TimeCategory::ColdStart : TimeCategory::Queueing);
    r.coldStarted = false;
    ++m_functionStarts;
    ++m_functionStartsInWindow;
    if (r.measured) ++m_measuredFunctionStarts;
    pushFrame(id, Kind::Function, poolIndex, slot);
    advance(id);
}

void ArchitectureModelImpl::acquireFunction(std::uint32_t id, std::uint32_t poolIndex) {
    FunctionPool& pool = m_functions[poolIndex];
    const FunctionPoolSpec& spec = *pool.spec;
    if (!pool.available.empty()) {
        std::uint32_t slot;
        if (spec.pick == InstancePick::MostRecentlyUsed || pool.available.size() == 1) {
            slot = pool.available.back();
        } else {
            boost::random::uniform_int_distribution<std::size_t> any(0, pool.available.size() - 1);
            slot = pool.available[any(pool.pickEngine)];
        }
        Instance& instance = pool.instances[slot];
        instance.idleDeadline = kTimeInfinity;  // in use: a pending expiry finds it busy
        ++pool.busy;
        if (++instance.active >= spec.concurrencyPerInstance) setAvailable(pool, slot, false);
        updateFunctionGauges(pool);
        grantInstance(id, poolIndex, slot);
        return;
    }
    // A starting instance with spare concurrency takes the request once it is up.
    if (spec.concurrencyPerInstance > 1) {
        for (std::uint32_t slot = 0; slot < pool.instances.size(); ++slot) {
            Instance& instance = pool.instances[slot];
            if (instance.state == Instance::State::Starting &&
                instance.active < spec.concurrencyPerInstance) {
                ++instance.active;
                ++pool.busy;
                instance.waiting.push_back(id);
                m_requests[id].coldStarted = true;
                updateFunctionGauges(pool);
                return;
            }
        }
    }
    if (pool.alive < spec.maxInstances && takeScaleOutToken(pool)) {
        const std::uint32_t slot = startInstance(poolIndex, false);
        Instance& instance = pool.instances[slot];
        instance.active = 1;
        ++pool.busy;
        instance.waiting.push_back(id);
        m_requests[id].coldStarted = true;
        ++m_coldStarts;
        ++m_coldStartsInWindow;
        ++pool.gauges.coldStartsInWindow;
        if (m_requests[id].measured) ++m_measuredColdStarts;
        const Time coldStart = fromMillis(spec.coldStartMs->sample(pool.coldStartEngine));
        m_usage.functionInitSeconds += toSeconds(coldStart);
        m_simulator.scheduleIn(coldStart, this, kInstanceReady,
                               packSlot(poolIndex, slot, instance.generation));
        updateFunctionGauges(pool);
        return;
    }
    if (spec.onLimit == OverflowPolicy::Throttle) {
        fail(id, ErrorReason::Throttled);
        return;
    }
    pool.queue.push(id);
    updateFunctionGauges(pool);
    if (pool.alive < spec.maxInstances && !pool.retryScheduled) {
        // Held back by the scale-out rate: try again when the next token is due.
        const double wait = (1.0 - pool.tokens) / spec.scaleOutPerS;
        pool.retryScheduled = true;
        m_simulator.scheduleIn(std::max<Time>(1, fromSeconds(wait)), this, kScaleOutRetry, poolIndex);
    }
}

void ArchitectureModelImpl::drainFunctionQueue(std::uint32_t poolIndex) {
    FunctionPool& pool = m_functions[poolIndex];
    // A request placed here may finish at once (a handler with nothing that takes time) and
    // release its instance, which drains the queue again: nested, that recursion would go as
    // deep as the queue is long and overflow the stack. The nested call only notes the release;
    // this loop then offers the queue again.
    if (pool.draining) {
        pool.drainAgain = true;
        return;
    }
    pool.draining = true;
    do {
        pool.drainAgain = false;
        // Re-offer queued requests in order until one cannot be placed right away (at most once
        // each per pass).
        for (std::size_t offers = pool.queue.size(); offers > 0 && !pool.queue.empty(); --offers) {
            const bool canPlace =
                !pool.available.empty() ||
                (pool.alive < pool.spec->maxInstances &&
                 (pool.spec->scaleOutPerS <= 0 || pool.tokens >= 1.0 ||
                  toSeconds(m_simulator.now() - pool.tokensAt) * pool.spec->scaleOutPerS +
                          pool.tokens >=
                      1.0));
            if (!canPlace) break;
            const std::uint32_t id = pool.queue.pop();
            acquireFunction(id, poolIndex);
        }
    } while (pool.drainAgain && !pool.queue.empty());
    pool.draining = false;
    updateFunctionGauges(pool);
}

void ArchitectureModelImpl::releaseInstance(std::uint32_t poolIndex, std::uint32_t slot) {
    FunctionPool& pool = m_functions[poolIndex];
    Instance& instance = pool.instances[slot];
    --instance.active;
    --pool.busy;
    setAvailable(pool, slot, true);  // most recently used now
    if (!pool.queue.empty()) {
        drainFunctionQueue(poolIndex);
        return;
    }
    if (instance.active == 0 && !instance.provisioned) {
        // One pending expiry per instance, not one per request: an instance reused thousands of
        // times within a long keep-alive would otherwise leave one stale event per use in the
        // queue until its time came (a 31-day keep-alive at 10,000 requests/s: 2.6 GB an hour).
        // The deadline moves with every release; a pending expiry that fires early finds the
        // later deadline and reschedules itself there. Only a deadline earlier than the pending
        // expiry (a random keep-alive drawing a shorter one) needs an event of its own, and the
        // superseded one is recognised by its time when it fires. The instance is reclaimed at
        // exactly the deadline the per-request timers gave, from the same keep-alive draws, so
        // every simulated figure is unchanged; only the number of events processed (stale timers
        // no longer fire) and, for events at the very same nanosecond, the order among them
        // (sequence numbers come from the rescheduling) may differ.
        const Time keepAlive = fromSeconds(pool.spec->keepAliveS->sample(pool.keepAliveEngine));
        const Time now = m_simulator.now();
        instance.idleDeadline = keepAlive > kTimeInfinity - now ? kTimeInfinity : now + keepAlive;
        if (instance.idleDeadline < instance.expiryAt) {
            instance.expiryAt = instance.idleDeadline;
            m_simulator.schedule(instance.expiryAt, this, kKeepAlive,
                                 packSlot(poolIndex, slot, instance.generation));
        }
    }
    updateFunctionGauges(pool);
}

void ArchitectureModelImpl::updateFunctionGauges(FunctionPool& pool) {
    const Time now = m_simulator.now();
    pool.gauges.busy.set(now, pool.busy);
    pool.gauges.alive.set(now, pool.alive);
    pool.gauges.queue.set(now, static_cast<double>(pool.queue.size()));
}

// -------------------------------------------------------------------------------- server pools

void ArchitectureModelImpl::launchReplica(std::uint32_t poolIndex, bool immediately) {
    ServerPool& pool = m_servers[poolIndex];
    // Reuse a stopped replica's record so memory tracks replicas alive, not replicas ever launched.
    std::uint32_t slot = static_cast<std::uint32_t>(pool.replicas.size());
    for (std::uint32_t i = 0; i < pool.replicas.size(); ++i)
        if (pool.replicas[i].state == Replica::State::Stopped) {
            slot = i;
            break;
        }
    if (slot == pool.replicas.size()) pool.replicas.emplace_back();
    Replica& replica = pool.replicas[slot];
    replica.active = 0;
    replica.queue.clear();
    ++pool.alive;
    replica.caches.clear();
    if (immediately) {
        replica.state = Replica::State::Serving;
        pool.serving.insert(std::lower_bound(pool.serving.begin(), pool.serving.end(), slot), slot);
    } else {
        replica.state = Replica::State::Booting;
        ++pool.booting;
        const double boot = pool.spec->autoscaler ? pool.spec->autoscaler->bootDelayS : 0.0;
        m_simulator.scheduleIn(fromSeconds(boot), this, kReplicaReady, packSlot(poolIndex, slot, 0));
    }
    updateServerGauges(pool);
    updateAlive();
}

void ArchitectureModelImpl::acquireServer(std::uint32_t id, std::uint32_t poolIndex) {
    ServerPool& pool = m_servers[poolIndex];
    const ServerPoolSpec& spec = *pool.spec;
    if (pool.serving.empty()) {
        fail(id, ErrorReason::Rejected);
        return;
    }
    const auto outstanding = [&](std::uint32_t slot) {
        return pool.replicas[slot].active + static_cast<int>(pool.replicas[slot].queue.size());
    };
    std::uint32_t slot = pool.serving.front();
    switch (spec.balancer) {
        case BalancerPolicy::RoundRobin:
            slot = pool.serving[pool.roundRobin++ % pool.serving.size()];
            break;
        case BalancerPolicy::Random: {
            boost::random::uniform_int_distribution<std::size_t> any(0, pool.serving.size() - 1);
            slot = pool.serving[any(pool.balancerEngine)];
            break;
        }
        case BalancerPolicy::LeastOutstanding:
            for (const std::uint32_t candidate : pool.serving)
                if (outstanding(candidate) < outstanding(slot)) slot = candidate;
            break;
        case BalancerPolicy::PowerOfTwoChoices: {
            boost::random::uniform_int_distribution<std::size_t> any(0, pool.serving.size() - 1);
            const std::uint32_t a = pool.serving[any(pool.balancerEngine)];
            const std::uint32_t b = pool.serving[any(pool.balancerEngine)];
            slot = outstanding(b) < outstanding(a) ? b : a;
            break;
        }
    }
    Replica& replica = pool.replicas[slot];
    Request& r = m_requests[id];
    if (spec.timeoutMs && r.depth == 0 && !r.timedOut) {
        const Time deadline = r.arrival + fromMillis(*spec.timeoutMs);
        m_simulator.schedule(deadline, this, kTimeout,
                             (static_cast<std::uint64_t>(r.generation) << 32) | id);
    }
    if (replica.active < spec.workersPerReplica) {
        ++replica.active;
        ++pool.busy;
        updateServerGauges(pool);
        book(r, TimeCategory::Queueing);
        pushFrame(id, Kind::Server, poolIndex, slot);
        advance(id);
    } else if (static_cast<int>(replica.queue.size()) < spec.queueCapacity) {
        replica.queue.push(id);
        ++pool.queued;
        updateServerGauges(pool);
    } else {
        fail(id, ErrorReason::Rejected);
    }
}

void ArchitectureModelImpl::releaseReplica(std::uint32_t poolIndex, std::uint32_t slot) {
    // The next request in the replica's queue takes the worker, and may finish at once and release
    // it again: nested, that would recurse as deep as the queue is long and overflow the stack. A
    // release during a release is counted and handed on here, one after the other.
    Replica& replica = m_servers[poolIndex].replicas[slot];
    if (replica.releasing) {
        ++replica.moreReleases;
        return;
    }
    replica.releasing = true;
    handOnWorker(poolIndex, slot);
    while (m_servers[poolIndex].replicas[slot].moreReleases > 0) {
        --m_servers[poolIndex].replicas[slot].moreReleases;
        handOnWorker(poolIndex, slot);
    }
    m_servers[poolIndex].replicas[slot].releasing = false;
}

void ArchitectureModelImpl::handOnWorker(std::uint32_t poolIndex, std::uint32_t slot) {
    ServerPool& pool = m_servers[poolIndex];
    Replica& replica = pool.replicas[slot];
    if (!replica.queue.empty()) {
        const std::uint32_t next = replica.queue.pop();
        --pool.queued;
        updateServerGauges(pool);
        book(m_requests[next], TimeCategory::Queueing);
        pushFrame(next, Kind::Server, poolIndex, slot);
        advance(next);
        return;
    }
    --replica.active;
    --pool.busy;
    if (replica.state == Replica::State::Draining && replica.active == 0) {
        replica.state = Replica::State::Stopped;
        --pool.alive;
        replica.caches.clear();
        updateAlive();
    }
    updateServerGauges(pool);
}

void ArchitectureModelImpl::updateServerGauges(ServerPool& pool) {
    const Time now = m_simulator.now();
    pool.gauges.busy.set(now, pool.busy);
    pool.gauges.queue.set(now, pool.queued);
    pool.gauges.alive.set(now, pool.alive);
    pool.replicaSeconds.set(now, pool.alive);
}

void ArchitectureModelImpl::autoscale(std::uint32_t poolIndex) {
    ServerPool& pool = m_servers[poolIndex];
    const AutoscalerSpec& as = *pool.spec->autoscaler;
    const Time now = m_simulator.now();
    const double period = static_cast<double>(fromSeconds(as.evaluationPeriodS));
    const double busyArea = pool.gauges.busy.areaAt(now);
    const double inFlightArea = busyArea + pool.gauges.queue.areaAt(now);
    const double serving = static_cast<double>(pool.serving.size());
    const double current = serving + pool.booting;
    double metric = 0;
    if (as.metric == ScalingMetric::Utilization) {
        const double capacity = std::max(1.0, serving) * pool.spec->workersPerReplica * period;
        metric = (busyArea - pool.busyAreaAtTick) / capacity;
    } else {
        metric = (inFlightArea - pool.inFlightAreaAtTick) / period / std::max(1.0, serving);
    }
    pool.busyAreaAtTick = busyArea;
    pool.inFlightAreaAtTick = inFlightArea;
    // Target tracking: the replica count that would bring the metric to its target.
    int desired = static_cast<int>(std::ceil(std::max(1.0, serving) * metric / as.target - 1e-9));
    desired = std::clamp(desired, as.minReplicas, as.maxReplicas);
    pool.recommendations.emplace_back(now, desired);
    const Time window = fromSeconds(as.scaleInStabilizationS);
    while (!pool.recommendations.empty() && pool.recommendations.front().first < now - window)
        pool.recommendations.pop_front();
    // Scale in only as far as the highest recommendation within the stabilization window allows.
    int stabilized = desired;
    for (const auto& [time, value] : pool.recommendations) stabilized = std::max(stabilized, value);
    const int currentCount = static_cast<int>(current);
    if (desired > currentCount) {
        for (int i = currentCount; i < desired; ++i) launchReplica(poolIndex, false);
    } else if (stabilized < currentCount) {
        int remove = currentCount - stabilized;
        // Drain the least busy serving replicas, newest first on ties.
        while (remove-- > 0 && pool.serving.size() > 1) {
            std::size_t pick = pool.serving.size() - 1;
            for (std::size_t i = pool.serving.size(); i-- > 0;) {
                const Replica& a = pool.replicas[pool.serving[i]];
                const Replica& b = pool.replicas[pool.serving[pick]];
                if (a.active + a.queue.size() < b.active + b.queue.size()) pick = i;
            }
            const std::uint32_t slot = pool.serving[pick];
            pool.serving.erase(pool.serving.begin() + static_cast<std::ptrdiff_t>(pick));
            Replica& replica = pool.replicas[slot];
            replica.state = Replica::State::Draining;
            if (replica.active == 0 && replica.queue.empty()) {
                replica.state = Replica::State::Stopped;
                --pool.alive;
                replica.caches.clear();
            }
        }
        updateServerGauges(pool);
        updateAlive();
    }
    m_simulator.scheduleIn(fromSeconds(as.evaluationPeriodS), this, kAutoscale, poolIndex);
}

void ArchitectureModelImpl::updateAlive() {
    std::uint64_t alive = 0;
    for (const auto& pool : m_functions) alive += static_cast<std::uint64_t>(pool.alive);
    for (const auto& pool : m_servers) alive += static_cast<std::uint64_t>(pool.alive);
    m_peakAlive = std::max(m_peakAlive, alive);
}

// ---------------------------------------------------------------------------------- events

void ArchitectureModelImpl::handleEvent(const Event& event) {
    switch (event.kind) {
        case kStepDone: completeStep(static_cast<std::uint32_t>(event.payload)); return;
        case kGatewayDone: {
            const auto id = static_cast<std::uint32_t>(event.payload);
            Request& r = m_requests[id];
            book(r, TimeCategory::Network);
            const ComponentRef next = m_gateways[r.gateway].next;
            if (next.kind == Kind::None)
                returnFrom(id);
            else
                enter(id, next);
            return;
        }
        case kInstanceReady: {
            const std::uint32_t poolIndex = unpackPool(event.payload);
            const std::uint32_t slot = unpackSlot(event.payload);
            FunctionPool& pool = m_functions[poolIndex];
            Instance& instance = pool.instances[slot];
            instance.state = Instance::State::Warm;
            const std::vector<std::uint32_t> waiting = std::move(instance.waiting);
            instance.waiting.clear();
            if (instance.active < pool.spec->concurrencyPerInstance) setAvailable(pool, slot, true);
            updateFunctionGauges(pool);
            for (const std::uint32_t id : waiting) grantInstance(id, poolIndex, slot);
            return;
        }
        case kKeepAlive: {
            const std::uint32_t poolIndex = unpackPool(event.payload);
            const std::uint32_t slot = unpackSlot(event.payload);
            FunctionPool& pool = m_functions[poolIndex];
            Instance& instance = pool.instances[slot];
            // An expiry of an earlier life of the slot, or one superseded by an earlier deadline.
            if ((instance.generation & 0xffffffu) != unpackGeneration(event.payload) ||
                event.time != instance.expiryAt)
                return;
            instance.expiryAt = kTimeInfinity;
            // In use: its release sets a new deadline and schedules the expiry again.
            if (instance.state != Instance::State::Warm || instance.active != 0 ||
                instance.provisioned)
                return;
            if (event.time < instance.idleDeadline) {
                // Used and released again since this was scheduled: wait for the new deadline.
                if (instance.idleDeadline != kTimeInfinity) {
                    instance.expiryAt = instance.idleDeadline;
                    m_simulator.schedule(instance.expiryAt, this, kKeepAlive, event.payload);
                }
                return;
            }
            setAvailable(pool, slot, false);
            instance.state = Instance::State::Free;
            instance.caches.clear();
            --pool.alive;
            pool.freeSlots.push_back(slot);
            updateFunctionGauges(pool);
            return;
        }
        case kScaleOutRetry: {
            const auto poolIndex = static_cast<std::uint32_t>(event.payload);
            FunctionPool& pool = m_functions[poolIndex];
            pool.retryScheduled = false;
            drainFunctionQueue(poolIndex);
            if (!pool.queue.empty() && !pool.retryScheduled && pool.alive < pool.spec->maxInstances) {
                pool.retryScheduled = true;
                m_simulator.scheduleIn(std::max<Time>(1, fromSeconds(1.0 / pool.spec->scaleOutPerS)),
                                       this, kScaleOutRetry, poolIndex);
            }
            return;
        }
        case kReplicaReady: {
            const std::uint32_t poolIndex = unpackPool(event.payload);
            const std::uint32_t slot = unpackSlot(event.payload);
            ServerPool& pool = m_servers[poolIndex];
            --pool.booting;
            pool.replicas[slot].state = Replica::State::Serving;
            pool.serving.insert(std::lower_bound(pool.serving.begin(), pool.serving.end(), slot),
                                slot);
            updateServerGauges(pool);
            return;
        }
        case kAutoscale: autoscale(static_cast<std::uint32_t>(event.payload)); return;
        case kTimeout: {
            const auto id = static_cast<std::uint32_t>(event.payload & 0xffffffffu);
            const auto generation = static_cast<std::uint32_t>(event.payload >> 32);
            if (id >= m_requests.size()) return;
            Request& r = m_requests[id];
            // Only if this very request is still in flight (the record may have been reused).
            if (!r.inFlight || r.generation != generation || r.timedOut) return;
            r.timedOut = true;
            countError(r, ErrorReason::TimedOut);
            notifyUser(r);  // the client gives up; the server goes on working on it
            return;
        }
        default: return;
    }
}

// ----------------------------------------------------------------------------------- figures

void ArchitectureModelImpl::beginMeasurement() {
    // Called with the clock at the end of the warm-up: the usage so far is what finish() subtracts.
    m_usageAtMeasurement = cumulativeUsage();
    m_measuring = true;
}

UsageTotals ArchitectureModelImpl::cumulativeUsage() const {
    UsageTotals u = m_usage;
    const Time now = m_simulator.now();
    u.simulatedSeconds = toSeconds(now);
    for (const auto& pool : m_servers) u.replicaSeconds += pool.replicaSeconds.integralSeconds(now);
    for (const auto& pool : m_functions)
        u.provisionedInstanceSeconds += pool.spec->provisioned * toSeconds(now);
    return u;
}

void ArchitectureModelImpl::fillWindow(WindowRow& row, Time start, Time end) {
    const double length = static_cast<double>(end - start);
    row.arrivals = m_arrivalsInWindow;
    row.errors = m_errorsInWindow;
    row.coldStarts = m_coldStartsInWindow;
    row.coldStartFraction = m_functionStartsInWindow
                                ? static_cast<double>(m_coldStartsInWindow) /
                                      static_cast<double>(m_functionStartsInWindow)
                                : 0.0;
    m_arrivalsInWindow = m_coldStartsInWindow = m_functionStartsInWindow = 0;
    m_errorsInWindow = {};

    const auto average = [&](Gauges& g, ComponentGauge& out) {
        const double busy = g.busy.areaAt(end), alive = g.alive.areaAt(end), queue = g.queue.areaAt(end);
        if (length > 0) {
            out.busy = (busy - g.busyAtWindow) / length;
            out.alive = (alive - g.aliveAtWindow) / length;
            out.queueLength = (queue - g.queueAtWindow) / length;
        }
        g.busyAtWindow = busy;
        g.aliveAtWindow = alive;
        g.queueAtWindow = queue;
        out.coldStarts = g.coldStartsInWindow;
        g.coldStartsInWindow = 0;
    };
    row.components.clear();
    for (auto& pool : m_functions) {
        ComponentGauge gauge;
        gauge.id = pool.spec->id;
        average(pool.gauges, gauge);
        const double capacity = gauge.alive * pool.spec->concurrencyPerInstance;
        gauge.utilization = capacity > 0 ? gauge.busy / capacity : 0;
        row.components.push_back(gauge);
    }
    for (auto& pool : m_servers) {
        ComponentGauge gauge;
        gauge.id = pool.spec->id;
        average(pool.gauges, gauge);
        const double capacity = gauge.alive * pool.spec->workersPerReplica;
        gauge.utilization = capacity > 0 ? gauge.busy / capacity : 0;
        row.components.push_back(gauge);
    }
    std::uint64_t hits = 0, lookups = 0;
    for (auto& cache : m_caches) {
        ComponentGauge gauge;
        gauge.id = cache.spec->id;
        const std::uint64_t n = cache.gauges.hitsInWindow + cache.gauges.missesInWindow;
        gauge.hitRatio = n ? static_cast<double>(cache.gauges.hitsInWindow) / static_cast<double>(n) : -1;
        hits += cache.gauges.hitsInWindow;
        lookups += n;
        cache.gauges.hitsInWindow = cache.gauges.missesInWindow = 0;
        row.components.push_back(gauge);
    }
    row.cacheHitRatio = lookups ? static_cast<double>(hits) / static_cast<double>(lookups) : -1;
    double connections = 0;
    for (auto& db : m_databases) {
        ComponentGauge gauge;
        gauge.id = db.spec->id;
        db.gauges.alive.set(end, db.spec->connections);
        average(db.gauges, gauge);
        gauge.alive = db.spec->connections;
        gauge.utilization = gauge.busy / db.spec->connections;
        connections += gauge.busy;
        row.components.push_back(gauge);
    }
    row.databaseConnectionsInUse = connections;
    // The headline gauges follow the first compute pool behind the entry.
    for (const auto& gauge : row.components) {
        const auto it = m_ids.find(gauge.id);
        if (it != m_ids.end() && it->second.kind == m_entryCompute.kind &&
            it->second.index == m_entryCompute.index) {
            row.utilization = gauge.utilization;
            row.meanQueueLength = gauge.queueLength;
        }
    }
}

void ArchitectureModelImpl::finish(RunResult& result) {
    result.measuredArrivals = m_measuredArrivals;
    result.errors = m_errors;
    result.coldStarts = m_measuredColdStarts;
    result.functionStarts = m_measuredFunctionStarts;
    result.breakdown = m_breakdown;
    result.cacheHits = m_measuredHits;
    result.cacheMisses = m_measuredMisses;
    result.peakInstances = m_peakAlive;
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
    result.usage = u;
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
std::uint64_t ArchitectureModel::arrivals() const { return m_impl->m_arrivals; }
bool ArchitectureModel::overloaded() const { return m_impl->m_overloaded; }
const std::string& ArchitectureModel::overloadReason() const { return m_impl->m_overloadReason; }
std::size_t ArchitectureModel::bytesPerRequest() {
    return sizeof(Request) + 2 * sizeof(std::uint32_t);
}
std::size_t ArchitectureModel::bytesPerEvent() { return sizeof(Event); }
std::size_t ArchitectureModel::requestsInFlight() const { return m_impl->m_inFlight; }

}  // namespace archsim
