// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Long-lived servers behind a load balancer: replicas of `workersPerReplica` workers, each
// replica with a bounded FIFO queue (a full queue rejects), picked by the balancer's policy.
// Replicas are billed while alive, busy or not; an optional autoscaler changes their number, and
// an optional timeout counts requests slower than it as errors (the work itself goes on).

#include <map>
#include <memory>
#include <vector>

#include "sim/core/eventmethod.h"
#include "sim/core/ringqueue.h"
#include "sim/cost/costmodel.h"
#include "sim/model/component.h"
#include "sim/model/components/autoscaler.h"
#include "sim/model/components/queue.h"
#include "sim/model/handlerprogram.h"
#include "sim/model/lrucache.h"
#include "sim/model/timeaverage.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class ServerPool final : public ComputePool, private ScalableFleet, private QueueConsumer {
public:
    ServerPool(ModelContext& context, const ServerPoolSpec& spec);

    void connect(const ComponentResolver& resolve) override;
    void accept(std::uint32_t request) override;
    void release(const Frame& frame) override;
    void start() override;
    bool fillGauge(ComponentGauge& gauge, WindowTotals& totals, Time start, Time end) override;
    void addUsage(UsageTotals& usage, Time now) const override;
    std::size_t waiting() const override { return static_cast<std::size_t>(m_queued); }

    LruCache& localCache(std::uint32_t slot, std::uint32_t cacheIndex,
                         std::int64_t capacity) override;

    int alive() const { return m_alive; }
    int busy() const { return m_busy; }
    int queued() const { return m_queued; }

private:
    struct Replica {
        enum class State : std::uint8_t { Booting, Serving, Draining, Stopped };
        State state = State::Booting;
        int active = 0;
        RingQueue<std::uint32_t> queue;
        std::map<std::uint32_t, LruCache> caches;
        bool releasing = false;          // releaseWorker is running for this replica
        std::uint32_t moreReleases = 0;  // workers released meanwhile, handed on once it returns
    };

    std::uint32_t pickReplica();
    void loseCapacity(double share) override;
    void restoreCapacity(double share) override;
    void launch(bool immediately);
    void handOnWorker(std::uint32_t slot);
    /// Runs `start` (which hands the replica's worker on), then every release made meanwhile, one
    /// after the other: a job or request that ends at once never nests a release in a release.
    template <typename Start>
    void releaseWorkers(std::uint32_t slot, Start start);
    void updateGauges() { m_gauges.update(m_context.now(), m_busy, m_alive, m_queued); }

    void replicaReady(const Event& event);
    void timedOut(const Event& event);

    // ScalableFleet, for the autoscaler.
    std::size_t servingReplicas() const override { return m_serving.size(); }
    int bootingReplicas() const override { return m_booting; }
    int workersPerReplica() const override { return m_spec.workersPerReplica; }
    double busyAreaAt(Time now) const override { return m_gauges.busy.areaAt(now); }
    double queuedAreaAt(Time now) const override { return m_gauges.queue.areaAt(now); }
    void launchReplica() override { launch(false); }
    void retireReplicas(int count) override;

    // QueueConsumer: idle workers of serving replicas take the polled queue's messages.
    void messagesAvailable() override;
    /// A worker of replica `slot`, already counted busy, runs the next message as a job.
    void startPolledJob(std::uint32_t slot);

    const ServerPoolSpec& m_spec;
    std::vector<Replica> m_replicas;
    std::vector<std::uint32_t> m_serving;  // replicas accepting traffic, ascending
    std::size_t m_roundRobin = 0;
    int m_booting = 0;
    // Running totals over replicas, kept at every change so gauges cost O(1) per request.
    int m_alive = 0;   // replicas not stopped (booting, serving, draining)
    int m_busy = 0;    // workers serving a request
    int m_queued = 0;  // requests waiting in replica queues
    int m_lost = 0;    // replicas lost to an outage that has not ended
    RandomEngine m_balancerEngine;
    GaugeLevels m_gauges;
    std::unique_ptr<Autoscaler> m_autoscaler;
    Queue* m_polled = nullptr;  // the queue whose messages idle workers take (or none)
    EventMethod<ServerPool, &ServerPool::replicaReady> m_replicaReady{*this};
    EventMethod<ServerPool, &ServerPool::timedOut> m_timedOut{*this};
};

}  // namespace archsim
