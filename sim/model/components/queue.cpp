// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/queue.h"

#include <stdexcept>
#include <string>

#include "sim/model/jobrecorder.h"
#include "sim/model/requestflow.h"

namespace archsim {
namespace {

// Message timers carry (message, receipt): one of an earlier receive, or of an earlier message
// in the same record, finds another receipt and is ignored.
std::uint64_t packMessage(std::uint32_t message, std::uint32_t receipt) {
    return (static_cast<std::uint64_t>(message) << 32) | receipt;
}
std::uint32_t unpackMessage(std::uint64_t payload) {
    return static_cast<std::uint32_t>(payload >> 32);
}
std::uint32_t unpackReceipt(std::uint64_t payload) {
    return static_cast<std::uint32_t>(payload & 0xffffffffu);
}

}  // namespace

Queue::Queue(ModelContext& context, const QueueSpec& spec)
    : Component(context, ComponentKind::Queue, spec.id),
      m_spec(spec),
      m_engine(context.stream(spec.id, "enqueue")),
      m_visibility(fromSeconds(spec.visibilityTimeoutS)),
      m_delay(fromSeconds(spec.deliveryDelayS)) {}

void Queue::connect(const ComponentResolver& resolve) {
    if (m_spec.deadLetter.empty()) return;
    Component* target = resolve(m_spec.deadLetter);
    if (target->kind() != ComponentKind::Queue || target == this)
        throw std::invalid_argument(m_spec.id + ": the dead-letter queue must be another queue");
    m_deadLetter = static_cast<Queue*>(target);
    m_deadLetter->m_receivesDeadLetters = true;
}

void Queue::updateGauges() {
    m_gauges.update(m_context.now(), static_cast<double>(m_inFlight), static_cast<double>(m_held),
                    static_cast<double>(m_visibleCount));
}

void Queue::accept(std::uint32_t id) {
    if (refuses(id)) return;
    // A send in progress has its place reserved, so a full queue refuses at once.
    if (m_spec.maxDepth && static_cast<std::int64_t>(m_held + m_sending) >= *m_spec.maxDepth) {
        m_context.flow.fail(id, ErrorReason::QueueFull);
        return;
    }
    ++m_sending;
    const Time latency = fromMillis(m_spec.enqueueMs->sample(m_engine) * slowdown());
    m_context.simulator.scheduleIn(latency, &m_taken, 0, id);
}

void Queue::taken(const Event& event) {
    const auto id = static_cast<std::uint32_t>(event.payload);
    const Time now = m_context.now();
    --m_sending;
    Request& r = m_context.requests[id];
    r.book(TimeCategory::Network, now);
    // Copied before storing: a consumer may start a job at once, and a new record can move the
    // table.
    const bool measured = r.measured;
    const double payloadKb = r.payloadKb;
    const std::int64_t key = r.key;
    store(now, measured, payloadKb, key);
    m_context.flow.resume(id);
}

void Queue::takeDeadLetter(Time enqueuedAt, bool measured, double payloadKb, std::int64_t key) {
    // Moved by the platform, not sent: no enqueue latency, and a full queue drops it.
    store(enqueuedAt, measured, payloadKb, key);
}

bool Queue::store(Time enqueuedAt, bool measured, double payloadKb, std::int64_t key) {
    if (m_spec.maxDepth && static_cast<std::int64_t>(m_held + m_sending) >= *m_spec.maxDepth)
        return false;
    std::uint32_t id;
    if (!m_freeMessages.empty()) {
        id = m_freeMessages.back();
        m_freeMessages.pop_back();
    } else {
        id = static_cast<std::uint32_t>(m_messages.size());
        m_messages.emplace_back();
    }
    Message& m = m_messages[id];
    m.enqueuedAt = enqueuedAt;
    m.payloadKb = payloadKb;
    m.key = key;
    m.measured = measured;
    m.sequence = m_nextSequence++;
    m.receives = 0;
    ++m.receipt;
    ++m_held;
    if (m_context.jobs) m_context.jobs->enqueued(measured);
    // Messages are not requests in flight, but an unstable queue grows just as surely: the same
    // limit stops it.
    if (m_held > m_context.flow.maxInFlight())
        m_context.flow.overload("messages held in queue '" + Component::id() +
                                "' passed run.maxInFlight (" +
                                std::to_string(m_context.flow.maxInFlight()) + ")");
    if (m_delay > 0) {
        m.state = State::Delayed;
        m_context.simulator.scheduleIn(m_delay, &m_delayOver, 0, packMessage(id, m.receipt));
        updateGauges();
    } else {
        makeVisible(id);
    }
    return true;
}

void Queue::delayOver(const Event& event) {
    const std::uint32_t id = unpackMessage(event.payload);
    const Message& m = m_messages[id];
    if (m.state != State::Delayed || m.receipt != unpackReceipt(event.payload)) return;
    makeVisible(id);
}

void Queue::makeVisible(std::uint32_t id) {
    Message& m = m_messages[id];
    m.state = State::Visible;
    if (m_spec.order == QueueOrder::Fifo)
        m_visibleHeap.emplace(m.sequence, id);
    else
        m_visibleRing.push(id);
    m_oldest.insert(m.enqueuedAt);
    ++m_visibleCount;
    updateGauges();
    notifyConsumers();
}

std::uint32_t Queue::popVisible() {
    std::uint32_t id;
    if (m_spec.order == QueueOrder::Fifo) {
        id = m_visibleHeap.top().second;
        m_visibleHeap.pop();
    } else {
        id = m_visibleRing.pop();
    }
    m_oldest.erase(m_oldest.find(m_messages[id].enqueuedAt));
    --m_visibleCount;
    return id;
}

void Queue::notifyConsumers() {
    // A consumer's job may end at once (a handler that takes no time) and take the next message,
    // which would nest as deep as the queue is long: a notification during one is noted and
    // handled by this loop instead.
    if (m_notifying) {
        m_notifyAgain = true;
        return;
    }
    m_notifying = true;
    do {
        m_notifyAgain = false;
        for (QueueConsumer* consumer : m_consumers) {
            if (m_visibleCount == 0) break;
            consumer->messagesAvailable();
        }
    } while (m_notifyAgain && m_visibleCount > 0);
    m_notifying = false;
}

std::uint32_t Queue::receive(std::size_t maxMessages, QueueConsumer* consumer) {
    if (m_visibleCount == 0 || maxMessages == 0) return kNoRequest;
    std::uint32_t batchId;
    if (!m_freeBatches.empty()) {
        batchId = m_freeBatches.back();
        m_freeBatches.pop_back();
    } else {
        batchId = static_cast<std::uint32_t>(m_batches.size());
        m_batches.emplace_back();
    }
    Batch& batch = m_batches[batchId];
    batch.messages.clear();
    batch.consumer = consumer;
    const Time now = m_context.now();
    double payloadKb = 0;
    while (batch.messages.size() < maxMessages && m_visibleCount > 0) {
        const std::uint32_t id = popVisible();
        Message& m = m_messages[id];
        m.state = State::Received;
        ++m.receipt;
        ++m.receives;
        ++m_inFlight;
        if (m.receives == 1 && m_context.jobs)
            m_context.jobs->firstReceived(now - m.enqueuedAt, m.measured);
        m_context.simulator.scheduleIn(m_visibility, &m_expired, 0, packMessage(id, m.receipt));
        batch.messages.emplace_back(id, m.receipt);
        payloadKb += m.payloadKb;
    }
    updateGauges();
    const Message& first = m_messages[batch.messages.front().first];
    const bool measured = first.measured;
    const std::int64_t key = first.key;
    const std::uint32_t job = m_context.requests.allocate();
    Request& r = m_context.requests[job];
    r.arrival = r.phaseStart = now;
    r.measured = measured;
    r.payloadKb = payloadKb;
    r.key = key;
    r.queue = this;
    r.batch = batchId;
    // A job's "client" is its queue: an edge consumer runs it in the queue's region.
    if (placement() >= 0) r.clientRegion = static_cast<std::uint8_t>(placement());
    m_context.flow.checkLimits();
    return job;
}

void Queue::remove(std::uint32_t id) {
    Message& m = m_messages[id];
    m.state = State::Free;
    ++m.receipt;  // a timer still pending for it is stale now
    --m_held;
    m_freeMessages.push_back(id);
}

void Queue::jobEnded(std::uint32_t batchId, bool succeeded) {
    const Time now = m_context.now();
    Batch& batch = m_batches[batchId];
    QueueConsumer* consumer = batch.consumer;
    if (succeeded) {
        for (const auto& [id, receipt] : batch.messages) {
            Message& m = m_messages[id];
            // Past its visibility timeout the receipt is stale: the message is someone else's.
            if (m.state != State::Received || m.receipt != receipt) continue;
            if (m_context.jobs) m_context.jobs->done(now, m.enqueuedAt, m.measured);
            --m_inFlight;
            remove(id);
        }
        updateGauges();
    }
    // A failed job deletes nothing: its messages become visible when their timeout passes.
    m_freeBatches.push_back(batchId);
    if (consumer) consumer->jobFinished();
}

void Queue::visibilityExpired(const Event& event) {
    const std::uint32_t id = unpackMessage(event.payload);
    Message& m = m_messages[id];
    if (m.state != State::Received || m.receipt != unpackReceipt(event.payload)) return;
    // Received and not deleted in time: the job failed, or is still running and loses its
    // receipt now.
    --m_inFlight;
    if (m_context.jobs) m_context.jobs->failedReceive(m.measured);
    if (m_spec.maxReceives && static_cast<int>(m.receives) >= *m_spec.maxReceives) {
        if (m_context.jobs) m_context.jobs->deadLettered(m.measured);
        const Message dead = m;
        remove(id);
        updateGauges();
        if (m_deadLetter)
            m_deadLetter->takeDeadLetter(dead.enqueuedAt, dead.measured, dead.payloadKb, dead.key);
        return;
    }
    ++m.receipt;
    makeVisible(id);
}

bool Queue::fillGauge(ComponentGauge& gauge, WindowTotals&, Time start, Time end) {
    m_gauges.averageInto(gauge, start, end);
    gauge.utilization = 0;
    return true;
}

void Queue::beginMeasurement() {
    const Time now = m_context.now();
    m_measuring = true;
    m_measuredSince = now;
    m_heldAreaAtStart = m_gauges.alive.areaAt(now);
}

double Queue::meanHeld(Time now) const {
    const double period = static_cast<double>(now - m_measuredSince);
    if (!m_measuring || period <= 0) return 0;
    return (m_gauges.alive.areaAt(now) - m_heldAreaAtStart) / period;
}

}  // namespace archsim
