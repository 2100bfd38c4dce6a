// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/serverpool.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <boost/random/uniform_int_distribution.hpp>

#include "sim/model/requestflow.h"

namespace archsim {

ServerPool::ServerPool(ModelContext& context, const ServerPoolSpec& spec)
    : ComputePool(context, ComponentKind::Server, spec.id, context.stream(spec.id, "handler"),
                  false),
      m_spec(spec),
      m_balancerEngine(context.stream(spec.id, "balancer")) {
    if (spec.autoscaler)
        m_autoscaler = std::make_unique<Autoscaler>(context.simulator, *spec.autoscaler,
                                                    static_cast<ScalableFleet&>(*this));
}

void ServerPool::connect(const ComponentResolver& resolve) {
    m_program.compile(m_spec.handler, m_spec.id, resolve, m_context);
    if (!m_spec.polls.empty()) {
        Component* polled = resolve(m_spec.polls);
        if (polled->kind() != ComponentKind::Queue)
            throw std::invalid_argument(m_spec.id + ": '" + m_spec.polls + "' is not a queue");
        m_polled = static_cast<Queue*>(polled);
        m_polled->addConsumer(*this);
    }
}

void ServerPool::start() {
    for (int i = 0; i < m_spec.replicas; ++i) launch(true);
    if (m_autoscaler) m_autoscaler->start();
}

LruCache& ServerPool::localCache(std::uint32_t slot, std::uint32_t cacheIndex,
                                 std::int64_t capacity) {
    return m_replicas[slot].caches.try_emplace(cacheIndex, capacity).first->second;
}

void ServerPool::launch(bool immediately) {
    // Reuse a stopped replica's record so memory tracks replicas alive, not replicas ever launched.
    std::uint32_t slot = static_cast<std::uint32_t>(m_replicas.size());
    for (std::uint32_t i = 0; i < m_replicas.size(); ++i)
        if (m_replicas[i].state == Replica::State::Stopped) {
            slot = i;
            break;
        }
    if (slot == m_replicas.size()) m_replicas.emplace_back();
    Replica& replica = m_replicas[slot];
    replica.active = 0;
    replica.queue.clear();
    ++m_alive;
    replica.caches.clear();
    if (immediately) {
        replica.state = Replica::State::Serving;
        m_serving.insert(std::lower_bound(m_serving.begin(), m_serving.end(), slot), slot);
    } else {
        replica.state = Replica::State::Booting;
        ++m_booting;
        const double boot = m_spec.autoscaler ? m_spec.autoscaler->bootDelayS : 0.0;
        m_context.simulator.scheduleIn(fromSeconds(boot), &m_replicaReady, 0, slot);
    }
    updateGauges();
    m_context.counters.addAlive(1);
}

void ServerPool::replicaReady(const Event& event) {
    const auto slot = static_cast<std::uint32_t>(event.payload);
    --m_booting;
    m_replicas[slot].state = Replica::State::Serving;
    m_serving.insert(std::lower_bound(m_serving.begin(), m_serving.end(), slot), slot);
    updateGauges();
}

std::uint32_t ServerPool::pickReplica() {
    const auto outstanding = [&](std::uint32_t slot) {
        return m_replicas[slot].active + static_cast<int>(m_replicas[slot].queue.size());
    };
    std::uint32_t slot = m_serving.front();
    switch (m_spec.balancer) {
        case BalancerPolicy::RoundRobin:
            // One replica needs no rotation (and no division on every request).
            if (m_serving.size() > 1) slot = m_serving[m_roundRobin % m_serving.size()];
            ++m_roundRobin;
            break;
        case BalancerPolicy::Random: {
            boost::random::uniform_int_distribution<std::size_t> any(0, m_serving.size() - 1);
            slot = m_serving[any(m_balancerEngine)];
            break;
        }
        case BalancerPolicy::LeastOutstanding:
            for (const std::uint32_t candidate : m_serving)
                if (outstanding(candidate) < outstanding(slot)) slot = candidate;
            break;
        case BalancerPolicy::PowerOfTwoChoices: {
            boost::random::uniform_int_distribution<std::size_t> any(0, m_serving.size() - 1);
            const std::uint32_t a = m_serving[any(m_balancerEngine)];
            const std::uint32_t b = m_serving[any(m_balancerEngine)];
            slot = outstanding(b) < outstanding(a) ? b : a;
            break;
        }
    }
    return slot;
}

void ServerPool::accept(std::uint32_t id) {
    if (refuses(id)) return;
    if (m_serving.empty()) {
        m_context.flow.fail(id, ErrorReason::Rejected);
        return;
    }
    const std::uint32_t slot = pickReplica();
    Replica& replica = m_replicas[slot];
    Request& r = m_context.requests[id];
    // The pool's timeout is the end client's: it applies to requests from the workload, not to
    // attempts of a guarded call (those have their own timeout).
    if (m_spec.timeoutMs && r.depth == 0 && !r.timedOut && !r.guard) {
        const Time deadline = r.arrival + fromMillis(*m_spec.timeoutMs);
        m_context.simulator.schedule(deadline, &m_timedOut, 0, packRequest(id, r.generation));
    }
    if (replica.active < m_spec.workersPerReplica) {
        ++replica.active;
        ++m_busy;
        m_gauges.busy.set(m_context.now(), m_busy);  // the one level that changed
        r.book(TimeCategory::Queueing, m_context.now());
        m_context.flow.enterSlot(id, *this, slot);
    } else if (static_cast<int>(replica.queue.size()) < m_spec.queueCapacity) {
        replica.queue.push(id);
        ++m_queued;
        m_gauges.queue.set(m_context.now(), m_queued);
    } else {
        m_context.flow.fail(id, ErrorReason::Rejected);
    }
}

void ServerPool::timedOut(const Event& event) {
    m_context.flow.abandon(event.payload, ErrorReason::TimedOut);
}

void ServerPool::release(const Frame& frame) {
    // The next request in the replica's queue takes the worker, and may finish at once and release
    // it again: nested, that would recurse as deep as the queue is long and overflow the stack. A
    // release during a release is counted and handed on here, one after the other.
    const std::uint32_t slot = frame.slot;
    if (m_replicas[slot].releasing) {
        ++m_replicas[slot].moreReleases;
        return;
    }
    releaseWorkers(slot, [this, slot] { handOnWorker(slot); });
}

template <typename Start>
void ServerPool::releaseWorkers(std::uint32_t slot, Start start) {
    m_replicas[slot].releasing = true;
    start();
    while (m_replicas[slot].moreReleases > 0) {
        --m_replicas[slot].moreReleases;
        handOnWorker(slot);
    }
    m_replicas[slot].releasing = false;
}

void ServerPool::handOnWorker(std::uint32_t slot) {
    Replica& replica = m_replicas[slot];
    if (!replica.queue.empty()) {
        const std::uint32_t next = replica.queue.pop();
        --m_queued;
        m_gauges.queue.set(m_context.now(), m_queued);  // the worker stays busy
        m_context.requests[next].book(TimeCategory::Queueing, m_context.now());
        m_context.flow.enterSlot(next, *this, slot);
        return;
    }
    if (m_polled && m_polled->visible() > 0 && replica.state == Replica::State::Serving) {
        startPolledJob(slot);
        return;
    }
    --replica.active;
    --m_busy;
    if (replica.state == Replica::State::Draining && replica.active == 0) {
        replica.state = Replica::State::Stopped;
        --m_alive;
        m_context.counters.addAlive(-1);
        replica.caches.clear();
    }
    updateGauges();
}

void ServerPool::startPolledJob(std::uint32_t slot) {
    const std::uint32_t job = m_polled->receive(1);
    // A worker in another region than the queue waits the round trip of its receive.
    const Time trip = m_context.flow.roundTrip(job, m_polled->placement(), placement());
    if (trip > 0)
        m_context.flow.enterSlotAfter(job, *this, slot, trip);
    else
        m_context.flow.enterSlot(job, *this, slot);
}

void ServerPool::messagesAvailable() {
    // Each replica's release loop (release()) keeps a job that ends at once from nesting.
    for (std::size_t i = 0; i < m_serving.size() && m_polled->visible() > 0; ++i) {
        const std::uint32_t slot = m_serving[i];
        if (m_replicas[slot].releasing) continue;
        while (m_polled->visible() > 0 && m_replicas[slot].active < m_spec.workersPerReplica) {
            ++m_replicas[slot].active;
            ++m_busy;
            updateGauges();
            releaseWorkers(slot, [this, slot] { startPolledJob(slot); });
        }
    }
}

void ServerPool::retireReplicas(int count) {
    // Drain the least busy serving replicas, newest first on ties.
    while (count-- > 0 && m_serving.size() > 1) {
        std::size_t pick = m_serving.size() - 1;
        for (std::size_t i = m_serving.size(); i-- > 0;) {
            const Replica& a = m_replicas[m_serving[i]];
            const Replica& b = m_replicas[m_serving[pick]];
            if (a.active + a.queue.size() < b.active + b.queue.size()) pick = i;
        }
        const std::uint32_t slot = m_serving[pick];
        m_serving.erase(m_serving.begin() + static_cast<std::ptrdiff_t>(pick));
        Replica& replica = m_replicas[slot];
        replica.state = Replica::State::Draining;
        if (replica.active == 0 && replica.queue.empty()) {
            replica.state = Replica::State::Stopped;
            --m_alive;
            m_context.counters.addAlive(-1);
            replica.caches.clear();
        }
    }
    updateGauges();
}

void ServerPool::loseCapacity(double share) {
    // A zone outage: that share of the serving replicas is gone at once. Their queues are lost
    // (each request waiting there fails as unavailable); work already running on them finishes.
    auto toLose = static_cast<int>(std::ceil(share * static_cast<double>(m_serving.size()) - 1e-9));
    std::vector<std::uint32_t> failed;
    while (toLose-- > 0 && !m_serving.empty()) {
        const std::uint32_t slot = m_serving.back();
        m_serving.pop_back();
        Replica& replica = m_replicas[slot];
        while (!replica.queue.empty()) {
            failed.push_back(replica.queue.pop());
            --m_queued;
        }
        replica.caches.clear();
        if (replica.active == 0) {
            replica.state = Replica::State::Stopped;
            --m_alive;
            m_context.counters.addAlive(-1);
        } else {
            replica.state = Replica::State::Draining;
        }
        ++m_lost;
    }
    updateGauges();
    for (const std::uint32_t id : failed) m_context.flow.fail(id, ErrorReason::Unavailable);
}

void ServerPool::restoreCapacity(double) {
    // Without an autoscaler the platform brings the lost replicas back when the outage ends;
    // with one, replacing them is the autoscaler's job (it has seen the capacity go).
    if (!m_autoscaler)
        for (; m_lost > 0; --m_lost) launch(false);
    m_lost = 0;
}

bool ServerPool::fillGauge(ComponentGauge& gauge, WindowTotals&, Time start, Time end) {
    m_gauges.averageInto(gauge, start, end);
    const double capacity = gauge.alive * m_spec.workersPerReplica;
    gauge.utilization = capacity > 0 ? gauge.busy / capacity : 0;
    return true;
}

void ServerPool::addUsage(UsageTotals& usage, Time now) const {
    // Replica-seconds are the area under the replicas-alive level (replica x ns, exact in
    // integers for any realistic run), converted once.
    usage.replicaSeconds += m_gauges.alive.areaAt(now) * 1e-9;
}

}  // namespace archsim
