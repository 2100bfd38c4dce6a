// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A message queue (SQS-like) between a request and the work it leaves behind ("202 Accepted,
// then a job"). A send (a handler's send step, or a request arriving at the queue) waits the
// enqueue latency; then the queue holds the message and the sender goes on. After the delivery
// delay the message is visible, and a consumer (a function pool's trigger, a server pool's idle
// workers) receives it as a job: a request of its own that runs the consumer's handler.
//
// A received message is invisible for the visibility timeout. A job that finishes within it
// deletes its messages; one that fails leaves them to become visible again when it passes, and so
// does one still running then: its receipt is no longer valid, so finishing later deletes
// nothing and the message is received again (at-least-once delivery). A message received
// maxReceives times without a finished job is dead-lettered: counted, and moved to the
// dead-letter queue if there is one (keeping the time it was first taken).
//
// Order: best-effort delivers messages as they become visible (one visible again goes last);
// fifo delivers them in the order their queue took them (one visible again goes first).

#include <cstdint>
#include <queue>
#include <set>
#include <vector>

#include "sim/core/eventmethod.h"
#include "sim/core/ringqueue.h"
#include "sim/model/component.h"
#include "sim/model/timeaverage.h"
#include "sim/scenario/scenario.h"

namespace archsim {

/// What takes a queue's messages: told when messages become visible, and when a job it started
/// has ended.
class QueueConsumer {
public:
    virtual ~QueueConsumer() = default;
    /// Messages are visible: receive them now if there is room.
    virtual void messagesAvailable() = 0;
    /// A job this consumer started (receive(..., this)) has ended.
    virtual void jobFinished() {}
};

class Queue final : public Component {
public:
    Queue(ModelContext& context, const QueueSpec& spec);

    void connect(const ComponentResolver& resolve) override;
    /// A send: the request goes on once the queue has taken the message (or fails if it is full).
    void accept(std::uint32_t request) override;
    bool fillGauge(ComponentGauge& gauge, WindowTotals& totals, Time start, Time end) override;
    void beginMeasurement() override;
    std::size_t waiting() const override { return m_visibleCount; }

    void addConsumer(QueueConsumer& consumer) { m_consumers.push_back(&consumer); }
    /// Receives up to `maxMessages` visible messages as one job and returns the job's request
    /// (not yet handed on), or kNoRequest when none is visible. `consumer` is told when it ends.
    std::uint32_t receive(std::size_t maxMessages, QueueConsumer* consumer = nullptr);
    /// The job of `batch` has ended (its record is already released).
    void jobEnded(std::uint32_t batch, bool succeeded);
    /// A message published by the platform (an object store's event) arrives now: no enqueue
    /// latency; dropped when the queue is full.
    void publish(Time now, bool measured, double payloadKb, std::int64_t key) {
        store(now, measured, payloadKb, key);
    }
    /// A message dead-lettered by another queue arrives, with the time it was first taken.
    void takeDeadLetter(Time enqueuedAt, bool measured, double payloadKb, std::int64_t key);

    std::size_t visible() const { return m_visibleCount; }
    /// Messages held: delayed, visible or received and not yet deleted.
    std::size_t held() const { return m_held; }
    /// When the oldest visible message was first taken; kTimeInfinity when none is visible.
    Time oldestVisibleSince() const { return m_oldest.empty() ? kTimeInfinity : *m_oldest.begin(); }
    /// Time-average of messages held over the measured period up to `now` (for Little's law).
    double meanHeld(Time now) const;
    /// A dead-letter queue nothing consumes: where dead letters are parked. Its messages are
    /// counted as dead-lettered, not as waiting jobs.
    bool parksDeadLetters() const { return m_receivesDeadLetters && m_consumers.empty(); }

private:
    enum class State : std::uint8_t { Free, Delayed, Visible, Received };
    struct Message {
        Time enqueuedAt = 0;  ///< when a queue first took it
        double payloadKb = 0;
        std::int64_t key = -1;
        std::uint64_t sequence = 0;  ///< order taken (fifo)
        std::uint32_t receipt = 0;   ///< changes whenever the message changes hands
        std::uint32_t receives = 0;
        bool measured = false;
        State state = State::Free;
    };
    struct Batch {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> messages;  ///< (message, receipt)
        QueueConsumer* consumer = nullptr;
    };

    /// Stores a message taken now; false (nothing stored) if the queue is full.
    bool store(Time enqueuedAt, bool measured, double payloadKb, std::int64_t key);
    void makeVisible(std::uint32_t message);
    std::uint32_t popVisible();
    void remove(std::uint32_t message);
    void notifyConsumers();
    void updateGauges();

    void taken(const Event& event);
    void delayOver(const Event& event);
    void visibilityExpired(const Event& event);

    const QueueSpec& m_spec;
    Queue* m_deadLetter = nullptr;
    bool m_receivesDeadLetters = false;  // another queue's dead-letter queue
    RandomEngine m_engine;
    Time m_visibility;
    Time m_delay;
    std::vector<Message> m_messages;
    std::vector<std::uint32_t> m_freeMessages;
    std::vector<Batch> m_batches;
    std::vector<std::uint32_t> m_freeBatches;
    // Visible messages: in the order they became visible (best-effort) or taken (fifo).
    RingQueue<std::uint32_t> m_visibleRing;
    using Sequenced = std::pair<std::uint64_t, std::uint32_t>;
    std::priority_queue<Sequenced, std::vector<Sequenced>, std::greater<>> m_visibleHeap;
    std::multiset<Time> m_oldest;  ///< enqueuedAt of the visible messages
    std::size_t m_visibleCount = 0;
    std::size_t m_inFlight = 0;  ///< received, not yet deleted or visible again
    std::size_t m_held = 0;
    std::size_t m_sending = 0;  ///< sends waiting for their enqueue latency (they count as held)
    std::uint64_t m_nextSequence = 0;
    std::vector<QueueConsumer*> m_consumers;
    bool m_notifying = false;
    bool m_notifyAgain = false;
    GaugeLevels m_gauges;  ///< busy: received; alive: held; queue: visible
    bool m_measuring = false;
    Time m_measuredSince = 0;
    double m_heldAreaAtStart = 0;
    EventMethod<Queue, &Queue::taken> m_taken{*this};
    EventMethod<Queue, &Queue::delayOver> m_delayOver{*this};
    EventMethod<Queue, &Queue::visibilityExpired> m_expired{*this};
};

}  // namespace archsim
