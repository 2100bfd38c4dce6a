// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An object store (S3-like). A put step uploads the request's payload, a get step reads an object
// of that size: each takes the operation's base latency plus the size over a bandwidth drawn for
// the transfer (the step's own when the side moving the bytes is narrower, a client's uplink,
// else the store's). The store itself never queues: like S3 it scales with its callers.
//
// A completed PUT can raise an event: a message to a queue (an S3 event notification), or an
// asynchronous invocation of a function pool, which the platform makes through a queue of its
// own (here a private queue with a trigger: tried three times, a failure retried after
// kEventRetryS, as a visibility timeout). An upload the uploader stopped waiting for (a guarded
// put that timed out) stores nothing and raises no event: its connection was dropped.

#include <cstdint>
#include <memory>

#include "sim/core/eventmethod.h"
#include "sim/model/component.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class Queue;
class QueueTrigger;

class ObjectStore final : public Component {
public:
    /// A function invoked with a PUT's event that fails is invoked again this long after (the
    /// platform's own queue: its visibility timeout), three times in all.
    static constexpr double kEventRetryS = 900;
    static constexpr int kEventTries = 3;

    ObjectStore(ModelContext& context, const ObjectStoreSpec& spec);
    ~ObjectStore() override;

    void connect(const ComponentResolver& resolve) override;
    /// A put or get step (or an attempt of a guarded one) reaches the store.
    void accept(std::uint32_t request) override;
    void beginMeasurement() override;

    /// The queue PUT events go to (the one named, or the store's own in front of a function);
    /// nullptr without events.
    Queue* eventQueue() const { return m_events; }
    /// True when events go to the store's own queue (a function invoked), not a scenario's queue.
    bool ownsEventQueue() const { return m_ownQueue != nullptr; }

private:
    void transferred(const Event& event);  // a PUT (kind 1) or GET (kind 0) is done

    const ObjectStoreSpec& m_spec;
    RandomEngine m_latencyEngine, m_bandwidthEngine;
    Queue* m_events = nullptr;
    QueueSpec m_ownQueueSpec;
    std::unique_ptr<Queue> m_ownQueue;
    std::unique_ptr<QueueTrigger> m_trigger;
    EventMethod<ObjectStore, &ObjectStore::transferred> m_transferred{*this};
};

}  // namespace archsim
