// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/functionpool.h"

#include <algorithm>
#include <cmath>
#include <boost/random/uniform_int_distribution.hpp>

#include "sim/model/regionmap.h"
#include "sim/model/requestflow.h"

namespace archsim {
namespace {

// Instance timers carry (slot, generation) in one payload, so a timer of an earlier life of the
// slot is recognised.
std::uint64_t packInstance(std::uint32_t slot, std::uint32_t generation) {
    return (static_cast<std::uint64_t>(slot) << 32) | generation;
}
std::uint32_t unpackSlot(std::uint64_t payload) { return static_cast<std::uint32_t>(payload >> 32); }
std::uint32_t unpackGeneration(std::uint64_t payload) {
    return static_cast<std::uint32_t>(payload & 0xffffffffu);
}

}  // namespace

FunctionPool::FunctionPool(ModelContext& context, const FunctionPoolSpec& spec)
    : ComputePool(context, ComponentKind::Function, spec.id, context.stream(spec.id, "handler"),
                  true),
      m_spec(spec),
      m_coldStartEngine(context.stream(spec.id, "cold-start")),
      m_keepAliveEngine(context.stream(spec.id, "keep-alive")),
      m_pickEngine(context.stream(spec.id, "pick")) {
    // At the edge each client region has instances of its own: an isolate started for Tokyo's
    // clients does not serve Frankfurt's.
    const bool edge = spec.region == kEdgeRegion && context.regions && context.regions->active();
    m_sets.resize(edge ? context.regions->count() : 1);
    for (InstanceSet& set : m_sets) set.tokens = std::max(1.0, spec.scaleOutPerS);
}

std::uint8_t FunctionPool::setOf(std::uint32_t request) const {
    return m_sets.size() == 1 ? 0 : m_context.requests[request].clientRegion;
}

void FunctionPool::connect(const ComponentResolver& resolve) {
    m_program.compile(m_spec.handler, m_spec.id, resolve, m_context);
    if (m_spec.trigger)
        m_trigger = std::make_unique<QueueTrigger>(m_context, *m_spec.trigger,
                                                   *resolve(m_spec.trigger->queue), *this,
                                                   m_spec.maxInstances);
}

void FunctionPool::start() {
    for (std::size_t set = 0; set < m_sets.size(); ++set)
        for (int i = 0; i < m_spec.provisioned; ++i) {
            const std::uint32_t slot = startInstance(static_cast<std::uint8_t>(set), true);
            m_instances[slot].state = Instance::State::Warm;
            setAvailable(slot, true);
            updateGauges();
        }
}

LruCache& FunctionPool::localCache(std::uint32_t slot, std::uint32_t cacheIndex,
                                   std::int64_t capacity) {
    return m_instances[slot].caches.try_emplace(cacheIndex, capacity).first->second;
}

void FunctionPool::setAvailable(std::uint32_t slot, bool available) {
    Instance& instance = m_instances[slot];
    std::vector<std::uint32_t>& list = m_sets[instance.set].available;
    if (instance.available) {
        // Searched from the back: the most recently used instances are the ones moved most often.
        const auto it = std::find(list.rbegin(), list.rend(), slot);
        list.erase(std::next(it).base());
        instance.available = false;
    }
    if (available) {
        list.push_back(slot);  // the back is the most recently used
        instance.available = true;
    }
}

bool FunctionPool::takeScaleOutToken(InstanceSet& set) {
    const double rate = m_spec.scaleOutPerS;
    if (rate <= 0) return true;
    const Time now = m_context.now();
    set.tokens = std::min(std::max(1.0, rate), set.tokens + toSeconds(now - set.tokensAt) * rate);
    set.tokensAt = now;
    if (set.tokens < 1.0) return false;
    set.tokens -= 1.0;
    return true;
}

std::uint32_t FunctionPool::startInstance(std::uint8_t set, bool provisioned) {
    std::uint32_t slot;
    if (!m_freeSlots.empty()) {
        slot = m_freeSlots.back();
        m_freeSlots.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(m_instances.size());
        m_instances.emplace_back();
    }
    Instance& instance = m_instances[slot];
    instance.state = Instance::State::Starting;
    instance.active = 0;
    instance.provisioned = provisioned;
    instance.set = set;
    instance.idleDeadline = kTimeInfinity;
    instance.expiryAt = kTimeInfinity;  // an expiry of the slot's previous life is now stale
    ++instance.generation;
    ++m_alive;
    ++m_sets[set].alive;
    m_context.counters.addAlive(1);
    return slot;
}

void FunctionPool::retire(std::uint32_t slot) {
    Instance& instance = m_instances[slot];
    setAvailable(slot, false);
    instance.state = Instance::State::Free;
    instance.caches.clear();
    --m_alive;
    --m_sets[instance.set].alive;
    m_context.counters.addAlive(-1);
    m_freeSlots.push_back(slot);
}

void FunctionPool::grant(std::uint32_t id, std::uint32_t slot) {
    Request& r = m_context.requests[id];
    r.book(r.coldStarted ? TimeCategory::ColdStart : TimeCategory::Queueing, m_context.now());
    r.coldStarted = false;
    m_context.counters.countFunctionStart(r);
    m_context.flow.enterSlot(id, *this, slot);
}

void FunctionPool::accept(std::uint32_t id) {
    if (refuses(id)) return;
    if (m_spec.payloadLimitKb && m_context.requests[id].payloadKb > *m_spec.payloadLimitKb) {
        m_context.flow.fail(id, ErrorReason::Payload);
        return;
    }
    place(id);
}

void FunctionPool::place(std::uint32_t id) {
    const std::uint8_t setIndex = setOf(id);
    InstanceSet& set = m_sets[setIndex];
    if (!set.available.empty()) {
        std::uint32_t slot;
        if (m_spec.pick == InstancePick::MostRecentlyUsed || set.available.size() == 1) {
            slot = set.available.back();
        } else {
            boost::random::uniform_int_distribution<std::size_t> any(0, set.available.size() - 1);
            slot = set.available[any(m_pickEngine)];
        }
        Instance& instance = m_instances[slot];
        instance.idleDeadline = kTimeInfinity;  // in use: a pending expiry finds it busy
        ++m_busy;
        if (++instance.active >= m_spec.concurrencyPerInstance) setAvailable(slot, false);
        updateGauges();
        grant(id, slot);
        return;
    }
    // A starting instance with spare concurrency takes the request once it is up.
    if (m_spec.concurrencyPerInstance > 1) {
        for (std::uint32_t slot = 0; slot < m_instances.size(); ++slot) {
            Instance& instance = m_instances[slot];
            if (instance.state == Instance::State::Starting && instance.set == setIndex &&
                instance.active < m_spec.concurrencyPerInstance) {
                ++instance.active;
                ++m_busy;
                instance.waiting.push_back(id);
                m_context.requests[id].coldStarted = true;
                updateGauges();
                return;
            }
        }
    }
    if (set.alive < m_spec.maxInstances && takeScaleOutToken(set)) {
        const std::uint32_t slot = startInstance(setIndex, false);
        Instance& instance = m_instances[slot];
        instance.active = 1;
        ++m_busy;
        instance.waiting.push_back(id);
        Request& r = m_context.requests[id];
        r.coldStarted = true;
        m_context.counters.countColdStart(r);
        ++m_coldStartsInWindow;
        const Time coldStart =
            fromMillis(m_spec.coldStartMs->sample(m_coldStartEngine) * slowdown());
        m_context.counters.usage.functionInitSeconds += toSeconds(coldStart);
        m_context.simulator.scheduleIn(coldStart, &m_instanceReady,
                                       0, packInstance(slot, instance.generation));
        updateGauges();
        return;
    }
    if (m_spec.onLimit == OverflowPolicy::Throttle) {
        m_context.flow.fail(id, ErrorReason::Throttled);
        return;
    }
    enqueue(setIndex, id);
    updateGauges();
    if (set.alive < m_spec.maxInstances && !set.retryScheduled) {
        // Held back by the scale-out rate: try again when the next token is due.
        const double wait = (1.0 - set.tokens) / m_spec.scaleOutPerS;
        set.retryScheduled = true;
        m_context.simulator.scheduleIn(std::max<Time>(1, fromSeconds(wait)), &m_scaleOut, 0,
                                       setIndex);
    }
}

void FunctionPool::enqueue(std::uint8_t set, std::uint32_t id) {
    m_sets[set].queue.push(id);
    ++m_queued;
}

void FunctionPool::drainQueue(std::uint8_t setIndex) {
    // A request placed here may finish at once (a handler with nothing that takes time) and
    // release its instance, which drains the queue again: nested, that recursion would go as
    // deep as the queue is long and overflow the stack. The nested call only notes the release;
    // this loop then offers the queue again.
    // Each set drains its own queue (an instance serves only its set's requests).
    InstanceSet& set = m_sets[setIndex];
    if (set.draining) {
        set.drainAgain = true;
        return;
    }
    set.draining = true;
    do {
        set.drainAgain = false;
        // Re-offer queued requests in order until one cannot be placed right away (at most once
        // each per pass).
        for (std::size_t offers = set.queue.size(); offers > 0 && !set.queue.empty(); --offers) {
            const bool canPlace =
                !set.available.empty() ||
                (set.alive < m_spec.maxInstances &&
                 (m_spec.scaleOutPerS <= 0 || set.tokens >= 1.0 ||
                  toSeconds(m_context.now() - set.tokensAt) * m_spec.scaleOutPerS + set.tokens >=
                      1.0));
            if (!canPlace) break;
            --m_queued;
            place(set.queue.pop());
        }
    } while (set.drainAgain && !set.queue.empty());
    set.draining = false;
    updateGauges();
}

void FunctionPool::release(const Frame& frame) {
    const double billed = billedSeconds(m_context.now() - frame.start);
    UsageTotals& usage = m_context.counters.usage;
    if (m_instances[frame.slot].provisioned)
        usage.provisionedBilledSeconds += billed;
    else
        usage.functionBilledSeconds += billed;
    ++usage.functionInvocations;
    releaseSlot(frame.slot);
}

void FunctionPool::releaseSlot(std::uint32_t slot) {
    Instance& instance = m_instances[slot];
    --instance.active;
    --m_busy;
    setAvailable(slot, true);  // most recently used now
    if (!m_sets[instance.set].queue.empty()) {
        drainQueue(instance.set);
        return;
    }
    if (instance.active == 0 && !instance.provisioned) {
        // One pending expiry per instance, not one per request: an instance reused thousands of
        // times within a long keep-alive would otherwise leave one stale event per use in the
        // queue until its time came (a 31-day keep-alive at 10,000 requests/s: 2.6 GB an hour).
        // The deadline moves with every release; a pending expiry that fires early finds the
        // later deadline and reschedules itself there. Only a deadline earlier than the pending
        // expiry (a random keep-alive drawing a shorter one) needs an event of its own, and the
        // superseded one is recognised by its time when it fires, or dropped with the other
        // stale events once they are many (Simulator::noteStale).
        const Time keepAlive = fromSeconds(m_spec.keepAliveS->sample(m_keepAliveEngine));
        const Time now = m_context.now();
        instance.idleDeadline = keepAlive > kTimeInfinity - now ? kTimeInfinity : now + keepAlive;
        if (instance.idleDeadline < instance.expiryAt) {
            const bool supersedes = instance.expiryAt != kTimeInfinity;
            instance.expiryAt = instance.idleDeadline;
            m_context.simulator.schedule(instance.expiryAt, &m_keepAlive, 0,
                                         packInstance(slot, instance.generation));
            if (supersedes) m_context.simulator.noteStale();
        }
    }
    updateGauges();
}

void FunctionPool::instanceReady(const Event& event) {
    const std::uint32_t slot = unpackSlot(event.payload);
    Instance& instance = m_instances[slot];
    instance.state = Instance::State::Warm;
    const std::vector<std::uint32_t> waiting = std::move(instance.waiting);
    instance.waiting.clear();
    if (instance.active < m_spec.concurrencyPerInstance) setAvailable(slot, true);
    updateGauges();
    for (const std::uint32_t id : waiting) grant(id, slot);
}

bool FunctionPool::expiryStillPending(const Event& event) const {
    // Not an expiry of an earlier life of the slot, nor one superseded by an earlier deadline.
    const Instance& instance = m_instances[unpackSlot(event.payload)];
    return instance.generation == unpackGeneration(event.payload) &&
           event.time == instance.expiryAt;
}

void FunctionPool::keepAliveExpired(const Event& event) {
    const std::uint32_t slot = unpackSlot(event.payload);
    Instance& instance = m_instances[slot];
    if (!expiryStillPending(event)) return;
    instance.expiryAt = kTimeInfinity;
    // In use: its release sets a new deadline and schedules the expiry again.
    if (instance.state != Instance::State::Warm || instance.active != 0 || instance.provisioned)
        return;
    if (event.time < instance.idleDeadline) {
        // Used and released again since this was scheduled: wait for the new deadline.
        if (instance.idleDeadline != kTimeInfinity) {
            instance.expiryAt = instance.idleDeadline;
            m_context.simulator.schedule(instance.expiryAt, &m_keepAlive, 0, event.payload);
        }
        return;
    }
    retire(slot);
    updateGauges();
}

void FunctionPool::scaleOutDue(const Event& event) {
    const auto setIndex = static_cast<std::uint8_t>(event.payload);
    InstanceSet& set = m_sets[setIndex];
    set.retryScheduled = false;
    drainQueue(setIndex);
    if (!set.queue.empty() && !set.retryScheduled && set.alive < m_spec.maxInstances) {
        set.retryScheduled = true;
        m_context.simulator.scheduleIn(std::max<Time>(1, fromSeconds(1.0 / m_spec.scaleOutPerS)),
                                       &m_scaleOut, 0, setIndex);
    }
}

void FunctionPool::loseCapacity(double share) {
    // A zone outage: that share of the instances alive is gone (in each set). Idle ones are
    // reclaimed at once; work already running on an instance finishes (the platform has handed
    // it its request).
    std::vector<int> toLose;
    for (const InstanceSet& set : m_sets)
        toLose.push_back(static_cast<int>(std::ceil(share * set.alive - 1e-9)));
    for (std::uint32_t slot = 0; slot < m_instances.size(); ++slot) {
        Instance& instance = m_instances[slot];
        if (instance.state != Instance::State::Warm || instance.active != 0 ||
            toLose[instance.set] <= 0)
            continue;
        const bool expiryPending = instance.expiryAt != kTimeInfinity;
        instance.expiryAt = kTimeInfinity;
        ++instance.generation;  // its pending keep-alive expiry is stale now
        if (expiryPending) m_context.simulator.noteStale();
        retire(slot);
        --toLose[instance.set];
    }
    updateGauges();
}

bool FunctionPool::fillGauge(ComponentGauge& gauge, WindowTotals&, Time start, Time end) {
    m_gauges.averageInto(gauge, start, end);
    gauge.coldStarts = m_coldStartsInWindow;
    m_coldStartsInWindow = 0;
    const double capacity = gauge.alive * m_spec.concurrencyPerInstance;
    gauge.utilization = capacity > 0 ? gauge.busy / capacity : 0;
    return true;
}

void FunctionPool::addUsage(UsageTotals& usage, Time now) const {
    // At the edge every client region keeps its own provisioned instances.
    usage.provisionedInstanceSeconds +=
        m_spec.provisioned * static_cast<double>(m_sets.size()) * toSeconds(now);
}

}  // namespace archsim
