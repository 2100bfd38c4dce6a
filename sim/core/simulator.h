// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The discrete-event kernel: a clock, a pending-event set and a loop that pops and fires.
//
// The loop is deliberately tiny. step() pops the earliest event, advances the clock to it and calls
// its handler; runUntil() repeats that while the earliest event is not later than the horizon.
// Handlers schedule new events through schedule(); the sequence number stamped there is the only
// tie-breaker, so simultaneous events fire in the order they were scheduled, on every machine.
//
// Stopping: requestStop() may be called from any thread (the GUI's Stop button). The loop checks the
// flag before each event with a relaxed load, which costs one uncontended read; the event that is
// already firing always completes, so the model is never left half-updated. A runner can point the
// simulator at a flag it owns (useStopFlag), so a Stop from the GUI reaches the loop mid-slice.
//
// Stale events: a handler whose timers can be superseded (a keep-alive deadline moved earlier)
// leaves the old event pending, since finding it in the heap would cost more than letting it fire
// and do nothing. It says so (noteStale), and once such events are half the heap the simulator
// drops them in one pass, asking each event's handler (EventHandler::stillPending). A stale event
// does nothing when it fires, so dropping it changes no simulated figure, only eventsProcessed and
// the depth of the heap every other event pays for.

#include <atomic>
#include <cassert>
#include <cstdint>

#include "sim/core/event.h"
#include "sim/core/eventqueue.h"
#include "sim/core/time.h"

namespace archsim {

template <EventQueue Queue>
class BasicSimulator {
public:
    BasicSimulator() = default;
    BasicSimulator(const BasicSimulator&) = delete;
    BasicSimulator& operator=(const BasicSimulator&) = delete;

    /// The current simulated time: the time of the event firing, or the last horizon reached.
    Time now() const { return m_now; }

    /// Schedules `handler` to receive an event at absolute time `at` (clamped to now()).
    void schedule(Time at, EventHandler* handler, std::uint32_t kind = 0, std::uint64_t payload = 0) {
        assert(handler != nullptr);
        const Event e{at < m_now ? m_now : at, m_nextSequence++, handler, payload, kind};
        if (m_firingAtTop) {
            m_firingAtTop = false;
            m_queue.replaceTop(e);
        } else {
            m_queue.push(e);
        }
    }

    /// Schedules an event `delay` after now(); negative delays are treated as zero.
    void scheduleIn(Time delay, EventHandler* handler, std::uint32_t kind = 0,
                    std::uint64_t payload = 0) {
        const Time at = delay > kTimeInfinity - m_now ? kTimeInfinity : m_now + delay;
        schedule(at, handler, kind, payload);
    }

    /// Fires the earliest pending event. Returns false when nothing is pending.
    bool step() {
        if (m_queue.empty()) return false;
        // The event stays at the top while it fires: the first event its handler schedules takes
        // its place in one pass (replaceTop) instead of a pop and a push. Most events schedule a
        // follow-up (the next arrival, the end of a step), so most pay for one heap operation.
        const Event e = m_queue.top();
        m_now = e.time;
        ++m_eventsProcessed;
        m_firingAtTop = true;
        e.handler->handleEvent(e);
        if (m_firingAtTop) {
            m_firingAtTop = false;
            m_queue.pop();
        }
        return true;
    }

    /// Fires every event with time <= horizon, then sets now() to horizon. Returns false if it
    /// returned early because a stop was requested (now() is then the last event's time).
    bool runUntil(Time horizon) {
        while (!m_queue.empty() && m_queue.top().time <= horizon) {
            if (m_stop->load(std::memory_order_relaxed)) return false;
            step();
        }
        if (horizon > m_now) m_now = horizon;
        return !m_stop->load(std::memory_order_relaxed);
    }

    /// One of the caller's pending events has just become stale: it will do nothing when it fires.
    /// Once kDropStaleFrom events have been noted since the last drop and they are half of those
    /// pending, every stale event is dropped. Some of those noted may have fired meanwhile, so a
    /// drop may come early; it costs at most two steps per event noted, so it stays cheap.
    void noteStale() {
        if (++m_stale >= m_dropStaleFrom && 2 * m_stale >= pendingEvents()) dropStale();
    }
    /// Lets every stale event fire instead of dropping them (to show that dropping them changes
    /// nothing but eventsProcessed).
    void keepStaleEvents() { m_dropStaleFrom = static_cast<std::size_t>(-1); }
    /// Below this many stale events the heap is shallow and a pass over it would cost more than
    /// the levels it saves.
    static constexpr std::size_t kDropStaleFrom = 64;

    /// Asks the loop to return before the next event; safe to call from any thread.
    void requestStop() { m_stop->store(true, std::memory_order_relaxed); }
    bool stopRequested() const { return m_stop->load(std::memory_order_relaxed); }
    void clearStop() { m_stop->store(false, std::memory_order_relaxed); }
    /// Makes the loop watch `flag` (owned by the caller, outliving the simulator) instead of its own.
    void useStopFlag(std::atomic<bool>& flag) { m_stop = &flag; }

    /// Time of the earliest pending event, or kTimeInfinity when none is pending.
    Time nextEventTime() const {
        // Asked by a handler, the top is the event firing, which is not pending any more.
        const Event* next = m_firingAtTop ? m_queue.afterTop()
                                          : (m_queue.empty() ? nullptr : &m_queue.top());
        return next ? next->time : kTimeInfinity;
    }
    std::uint64_t eventsProcessed() const { return m_eventsProcessed; }
    std::size_t pendingEvents() const { return m_queue.size() - (m_firingAtTop ? 1 : 0); }

private:
    void dropStale() {
        if (m_firingAtTop) {  // the event firing is no longer pending, stale or not
            m_firingAtTop = false;
            m_queue.pop();
        }
        m_queue.removeIf([](const Event& e) { return !e.handler->stillPending(e); });
        m_stale = 0;
    }

    Queue m_queue;
    Time m_now = 0;
    std::uint64_t m_nextSequence = 0;
    std::uint64_t m_eventsProcessed = 0;
    bool m_firingAtTop = false;  // the event firing is still the queue's top (see step())
    std::size_t m_stale = 0;  // events noted stale since the last drop
    std::size_t m_dropStaleFrom = kDropStaleFrom;
    std::atomic<bool> m_ownStop{false};
    std::atomic<bool>* m_stop = &m_ownStop;
};

/// The engine every model uses.
using Simulator = BasicSimulator<QuaternaryHeap>;

}  // namespace archsim
