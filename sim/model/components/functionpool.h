// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Serverless functions: instances started on demand, each paying a cold start, serving up to
// `concurrencyPerInstance` requests at once, and reclaimed after an idle keep-alive. At the
// instance limit (or the scale-out rate) requests are throttled or queued, as the pool says.
//
// Billing follows the platforms: every slot held is billed from grant to release (rounded as the
// cost model says), CPU steps as CPU time, a cold start as init time.
//
// A pool placed at the edge (in each client's region, as Workers run) keeps one set of instances
// per client region: a request is served only by an instance of its client's region, so each
// region pays its own cold starts, keeps its own instances alive and queues at its own limit
// (`maxInstances` and `provisioned` count per region). Elsewhere the pool is one set.

#include <map>
#include <memory>
#include <vector>

#include "sim/core/eventmethod.h"
#include "sim/core/ringqueue.h"
#include "sim/model/component.h"
#include "sim/model/components/queuetrigger.h"
#include "sim/model/handlerprogram.h"
#include "sim/model/lrucache.h"
#include "sim/model/timeaverage.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class FunctionPool final : public ComputePool {
public:
    FunctionPool(ModelContext& context, const FunctionPoolSpec& spec);

    void connect(const ComponentResolver& resolve) override;
    void accept(std::uint32_t request) override;
    void release(const Frame& frame) override;
    void start() override;
    bool fillGauge(ComponentGauge& gauge, WindowTotals& totals, Time start, Time end) override;
    void addUsage(UsageTotals& usage, Time now) const override;
    std::size_t waiting() const override { return m_queued; }

    LruCache& localCache(std::uint32_t slot, std::uint32_t cacheIndex,
                         std::int64_t capacity) override;

    int alive() const { return m_alive; }
    /// Instances alive for one client region (the pool's only set unless it is at the edge).
    int alive(std::size_t region) const { return m_sets[region].alive; }
    int maxInstances() const { return m_spec.maxInstances; }
    int busy() const { return m_busy; }
    std::size_t queued() const { return m_queued; }

private:
    struct Instance {
        enum class State : std::uint8_t { Free, Starting, Warm };
        State state = State::Free;
        int active = 0;
        std::uint32_t generation = 0;  // one per life of the slot (startInstance)
        // Keep-alive: reclaimed at idleDeadline if nothing used it since it went idle
        // (kTimeInfinity while in use). At most one expiry event is live per instance, at
        // expiryAt (kTimeInfinity: none); see release().
        Time idleDeadline = kTimeInfinity;
        Time expiryAt = kTimeInfinity;
        bool provisioned = false;
        bool available = false;                    // in its set's available list
        std::uint8_t set = 0;                      // the set (client region) it serves
        std::vector<std::uint32_t> waiting;        // requests waiting for it to start
        std::map<std::uint32_t, LruCache> caches;  // in-process caches, by cache index
    };

    // The instances serving one client region (or every client, away from the edge): each set
    // has its own warm instances, queue, limit and scale-out budget.
    struct InstanceSet {
        std::vector<std::uint32_t> available;  // warm, with spare concurrency; back = most recent
        RingQueue<std::uint32_t> queue;        // requests waiting at the concurrency limit
        int alive = 0;
        double tokens = 0;
        Time tokensAt = 0;
        bool retryScheduled = false;
        bool draining = false;    // drainQueue is running
        bool drainAgain = false;  // an instance was released meanwhile: offer the queue again
    };

    std::uint8_t setOf(std::uint32_t request) const;
    void place(std::uint32_t id);
    void loseCapacity(double share) override;
    bool takeScaleOutToken(InstanceSet& set);
    std::uint32_t startInstance(std::uint8_t set, bool provisioned);
    void retire(std::uint32_t slot);
    void grant(std::uint32_t id, std::uint32_t slot);
    void releaseSlot(std::uint32_t slot);
    void setAvailable(std::uint32_t slot, bool available);
    void enqueue(std::uint8_t set, std::uint32_t id);
    void drainQueue(std::uint8_t set);
    void updateGauges() {
        m_gauges.update(m_context.now(), m_busy, m_alive, static_cast<double>(m_queued));
    }

    void instanceReady(const Event& event);
    void keepAliveExpired(const Event& event);
    /// False for an expiry superseded since it was scheduled (keepAliveExpired would ignore it).
    bool expiryStillPending(const Event& event) const;
    void scaleOutDue(const Event& event);

    const FunctionPoolSpec& m_spec;
    std::vector<Instance> m_instances;
    std::vector<std::uint32_t> m_freeSlots;
    std::vector<InstanceSet> m_sets;  // one, or one per client region at the edge
    int m_alive = 0;                  // over every set
    int m_busy = 0;                   // requests holding or waiting for an instance
    std::size_t m_queued = 0;         // over every set
    RandomEngine m_coldStartEngine, m_keepAliveEngine, m_pickEngine;
    GaugeLevels m_gauges;
    std::uint64_t m_coldStartsInWindow = 0;
    EventMethod<FunctionPool, &FunctionPool::instanceReady> m_instanceReady{*this};
    SupersedableEventMethod<FunctionPool, &FunctionPool::keepAliveExpired,
                            &FunctionPool::expiryStillPending>
        m_keepAlive{*this};
    EventMethod<FunctionPool, &FunctionPool::scaleOutDue> m_scaleOut{*this};
    std::unique_ptr<QueueTrigger> m_trigger;  // invoked with a queue's messages (or not)
};

}  // namespace archsim
