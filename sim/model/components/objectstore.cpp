// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/objectstore.h"

#include <algorithm>
#include <stdexcept>

#include "sim/model/callguard.h"
#include "sim/model/components/functionpool.h"
#include "sim/model/components/queue.h"
#include "sim/model/components/queuetrigger.h"
#include "sim/model/requestflow.h"

namespace archsim {
namespace {

/// The step that brought request `r` here: a guarded attempt's call, else the caller's current
/// operation. nullptr when it came some other way (a test handing it over directly).
const HandlerStep* stepOf(const Request& r) {
    if (r.guard) return &r.guard->step();
    if (r.depth == 0) return nullptr;
    const Frame& frame = r.top();
    return frame.pool->program()[frame.pc].step;
}

constexpr double kKbPerMb = 1000;  // sizes and rates are decimal, as the providers bill them
constexpr double kKbPerGb = 1e6;

}  // namespace

ObjectStore::ObjectStore(ModelContext& context, const ObjectStoreSpec& spec)
    : Component(context, ComponentKind::ObjectStore, spec.id),
      m_spec(spec),
      m_latencyEngine(context.stream(spec.id, "latency")),
      m_bandwidthEngine(context.stream(spec.id, "bandwidth")) {}

ObjectStore::~ObjectStore() = default;

void ObjectStore::connect(const ComponentResolver& resolve) {
    if (!m_spec.onPut) return;
    if (!m_spec.onPut->queue.empty()) {
        Component* target = resolve(m_spec.onPut->queue);
        if (target->kind() != ComponentKind::Queue)
            throw std::invalid_argument(m_spec.id + ": onPut.queue must name a queue");
        m_events = static_cast<Queue*>(target);
    } else if (!m_spec.onPut->function.empty()) {
        Component* target = resolve(m_spec.onPut->function);
        if (target->kind() != ComponentKind::Function)
            throw std::invalid_argument(m_spec.id + ": onPut.function must name a function pool");
        m_ownQueueSpec.id = m_spec.id + " events";
        m_ownQueueSpec.enqueueMs = makeConstant(0);
        m_ownQueueSpec.visibilityTimeoutS = kEventRetryS;
        m_ownQueueSpec.maxReceives = kEventTries;
        m_ownQueue = std::make_unique<Queue>(m_context, m_ownQueueSpec);
        m_ownQueue->setPlacement(placement());
        m_events = m_ownQueue.get();
        // One event per invocation, as the platform invokes a function per S3 event; as many at
        // once as the pool allows.
        static const QueueTriggerSpec single{
            .queue = "", .batchSize = 1, .batchWindowS = 0, .maxConcurrency = std::nullopt};
        m_trigger = std::make_unique<QueueTrigger>(
            m_context, single, *m_ownQueue, *target,
            static_cast<const FunctionPool*>(target)->maxInstances());
    }
}

void ObjectStore::beginMeasurement() {
    if (m_ownQueue) m_ownQueue->beginMeasurement();
}

void ObjectStore::accept(std::uint32_t id) {
    if (refuses(id)) return;
    const Request& r = m_context.requests[id];
    const HandlerStep* step = stepOf(r);
    const bool get = step && step->kind == HandlerStep::Kind::Get;
    const Distribution& base = get ? *m_spec.getMs : *m_spec.putMs;
    const Distribution& bandwidth =
        step && step->bandwidthMbPerS ? *step->bandwidthMbPerS : *m_spec.bandwidthMbPerS;
    const double ms = base.sample(m_latencyEngine);
    // A rate drawn as 0 would take forever: the smallest positive rate a file can state stands in.
    const double mbPerS = std::max(bandwidth.sample(m_bandwidthEngine), 1e-9);
    const double transferMs = r.payloadKb / kKbPerMb / mbPerS * 1000.0;
    const Time latency = fromMillis((ms + transferMs) * slowdown());
    m_context.simulator.scheduleIn(latency, &m_transferred, get ? 0 : 1, id);
}

void ObjectStore::transferred(const Event& event) {
    const auto id = static_cast<std::uint32_t>(event.payload);
    Request& r = m_context.requests[id];
    r.book(TimeCategory::Network, m_context.now());
    UsageTotals& usage = m_context.counters.usage;
    const double gb = r.payloadKb / kKbPerGb;
    // A client's GET leaves the provider for the internet; a pool's stays in the region.
    const Request& caller = r.guard && r.parent != kNoRequest ? m_context.requests[r.parent] : r;
    const bool fromClient =
        caller.depth > 0 && caller.top().pool->kind() == ComponentKind::Workload;
    if (event.kind == 0) {
        ++usage.storageGets;
        if (fromClient) usage.storageEgressGb += gb;
    } else {
        // An attempt nobody waits for any more was cut off: no object, no event.
        const bool cutOff = r.guard && r.parent == kNoRequest;
        if (!cutOff) {
            ++usage.storagePuts;
            usage.storageGbMonths += gb * m_spec.retentionDays / 30.0;
            if (m_events) {
                // Copied first: publishing can start a job, and a new record can move the table.
                const bool measured = r.measured;
                const double payloadKb = r.payloadKb;
                const std::int64_t key = r.key;
                m_events->publish(m_context.now(), measured, payloadKb, key);
            }
        }
    }
    m_context.flow.resume(id);
}

}  // namespace archsim
