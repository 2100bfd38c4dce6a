// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/functionpool.h"

#include <algorithm>
#include <cmath>
#include <boost/random/uniform_int_distribution.hpp>

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
      m_tokens(std::max(1.0, spec.scaleOutPerS)),
      m_coldStartEngine(context.stream(spec.id, "cold-start")),
      m_keepAliveEngine(context.stream(spec.id, "keep-alive")),
      m_pickEngine(context.stream(spec.id, "pick")) {}

void FunctionPool::connect(const ComponentResolver& resolve) {
    m_program.compile(m_spec.handler, m_spec.id, resolve, m_context);
    if (m_spec.trigger)
        m_trigger = std::make_unique<QueueTrigger>(m_context, *m_spec.trigger,
                                                   *resolve(m_spec.trigger->queue), *this,
                                                   m_spec.maxInstances);
}

void FunctionPool::start() {
    for (int i = 0; i < m_spec.provisioned; ++i) {
        const std::uint32_t slot = startInstance(true);
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
    if (instance.available) {
        // Searched from the back: the most recently used instances are the ones moved most often.
        const auto it = std::find(m_available.rbegin(), m_available.rend(), slot);
        m_available.erase(std::next(it).base());
        instance.available = false;
    }
    if (available) {
        m_available.push_back(slot);  // the back is the most recently used
        instance.available = true;
    }
}

bool FunctionPool::takeScaleOutToken() {
    const double rate = m_spec.scaleOutPerS;
    if (rate <= 0) return true;
    const Time now = m_context.now();
    m_tokens = std::min(std::max(1.0, rate), m_tokens + toSeconds(now - m_tokensAt) * rate);
    m_tokensAt = now;
    if (m_tokens < 1.0) return false;
    m_tokens -= 1.0;
    return true;
}

std::uint32_t FunctionPool::startInstance(bool provisioned) {
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
    instance.idleDeadline = kTimeInfinity;
    instance.expiryAt = kTimeInfinity;  // an expiry of the slot's previous life is now stale
    ++instance.generation;
    ++m_alive;
    m_context.counters.addAlive(1);
    return slot;
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
    if (!m_available.empty()) {
        std::uint32_t slot;
        if (m_spec.pick == InstancePick::MostRecentlyUsed || m_available.size() == 1) {
            slot = m_available.back();
        } else {
            boost::random::uniform_int_distribution<std::size_t> any(0, m_available.size() - 1);
            slot = m_available[any(m_pickEngine)];
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
            if (instance.state == Instance::State::Starting &&
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
    if (m_alive < m_spec.maxInstances && takeScaleOutToken()) {
        const std::uint32_t slot = startInstance(false);
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
    m_queue.push(id);
    updateGauges();
    if (m_alive < m_spec.maxInstances && !m_retryScheduled) {
        // Held back by the scale-out rate: try again when the next token is due.
        const double wait = (1.0 - m_tokens) / m_spec.scaleOutPerS;
        m_retryScheduled = true;
        m_context.simulator.scheduleIn(std::max<Time>(1, fromSeconds(wait)), &m_scaleOut);
    }
}

void FunctionPool::drainQueue() {
    // A request placed here may finish at once (a handler with nothing that takes time) and
    // release its instance, which drains the queue again: nested, that recursion would go as
    // deep as the queue is long and overflow the stack. The nested call only notes the release;
    // this loop then offers the queue again.
    if (m_draining) {
        m_drainAgain = true;
        return;
    }
    m_draining = true;
    do {
        m_drainAgain = false;
        // Re-offer queued requests in order until one cannot be placed right away (at most once
        // each per pass).
        for (std::size_t offers = m_queue.size(); offers > 0 && !m_queue.empty(); --offers) {
            const bool canPlace =
                !m_available.empty() ||
                (m_alive < m_spec.maxInstances &&
                 (m_spec.scaleOutPerS <= 0 || m_tokens >= 1.0 ||
                  toSeconds(m_context.now() - m_tokensAt) * m_spec.scaleOutPerS + m_tokens >=
                      1.0));
            if (!canPlace) break;
            place(m_queue.pop());
        }
    } while (m_drainAgain && !m_queue.empty());
    m_draining = false;
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
    if (!m_queue.empty()) {
        drainQueue();
        return;
    }
    if (instance.active == 0 && !instance.provisioned) {
        // One pending expiry per instance, not one per request: an instance reused thousands of
        // times within a long keep-alive would otherwise leave one stale event per use in the
        // queue until its time came (a 31-day keep-alive at 10,000 requests/s: 2.6 GB an hour).
        // The deadline moves with every release; a pending expiry that fires early finds the
        // later deadline and reschedules itself there. Only a deadline earlier than the pending
        // expiry (a random keep-alive drawing a shorter one) needs an event of its own, and the
        // superseded one is recognised by its time when it fires.
        const Time keepAlive = fromSeconds(m_spec.keepAliveS->sample(m_keepAliveEngine));
        const Time now = m_context.now();
        instance.idleDeadline = keepAlive > kTimeInfinity - now ? kTimeInfinity : now + keepAlive;
        if (instance.idleDeadline < instance.expiryAt) {
            instance.expiryAt = instance.idleDeadline;
            m_context.simulator.schedule(instance.expiryAt, &m_keepAlive, 0,
                                         packInstance(slot, instance.generation));
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

void FunctionPool::keepAliveExpired(const Event& event) {
    const std::uint32_t slot = unpackSlot(event.payload);
    Instance& instance = m_instances[slot];
    // An expiry of an earlier life of the slot, or one superseded by an earlier deadline.
    if (instance.generation != unpackGeneration(event.payload) || event.time != instance.expiryAt)
        return;
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
    setAvailable(slot, false);
    instance.state = Instance::State::Free;
    instance.caches.clear();
    --m_alive;
    m_context.counters.addAlive(-1);
    m_freeSlots.push_back(slot);
    updateGauges();
}

void FunctionPool::scaleOutDue(const Event&) {
    m_retryScheduled = false;
    drainQueue();
    if (!m_queue.empty() && !m_retryScheduled && m_alive < m_spec.maxInstances) {
        m_retryScheduled = true;
        m_context.simulator.scheduleIn(std::max<Time>(1, fromSeconds(1.0 / m_spec.scaleOutPerS)),
                                       &m_scaleOut);
    }
}

void FunctionPool::loseCapacity(double share) {
    // A zone outage: that share of the instances alive is gone. Idle ones are reclaimed at once;
    // work already running on an instance finishes (the platform has handed it its request).
    auto toLose = static_cast<int>(std::ceil(share * m_alive - 1e-9));
    for (std::uint32_t slot = 0; slot < m_instances.size() && toLose > 0; ++slot) {
        Instance& instance = m_instances[slot];
        if (instance.state != Instance::State::Warm || instance.active != 0) continue;
        setAvailable(slot, false);
        instance.state = Instance::State::Free;
        instance.caches.clear();
        instance.expiryAt = kTimeInfinity;
        ++instance.generation;  // its pending keep-alive expiry is stale now
        --m_alive;
        m_context.counters.addAlive(-1);
        m_freeSlots.push_back(slot);
        --toLose;
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
    usage.provisionedInstanceSeconds += m_spec.provisioned * toSeconds(now);
}

}  // namespace archsim
