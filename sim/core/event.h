// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include "sim/core/time.h"

namespace archsim {

struct Event;

/// Something that reacts to events: a workload source, a component, a timer owner.
/// Handlers are owned by the model and outlive every event that names them.
class EventHandler {
public:
    /// Fires one event addressed to this handler; `event.time` is the simulator's now().
    virtual void handleEvent(const Event& event) = 0;
    /// False if `event`, still pending, would do nothing when it fired: a timer superseded since it
    /// was scheduled. The simulator asks only when a handler has said some of its events went
    /// stale (BasicSimulator::noteStale), and drops those that answer false; it must never answer
    /// false for an event whose firing would change anything.
    virtual bool stillPending(const Event& event) const {
        (void)event;
        return true;
    }

protected:
    ~EventHandler() = default;
};

/// One scheduled event: a small POD so the event set moves it with plain copies.
/// `kind` and `payload` mean whatever the handler says they mean (typically an action code and a
/// request slot index); the engine never looks at them.
struct Event {
    Time time = 0;
    std::uint64_t sequence = 0;  ///< insertion order; breaks ties between equal times
    EventHandler* handler = nullptr;
    std::uint64_t payload = 0;
    std::uint32_t kind = 0;
};

/// The one ordering key of the engine: earlier time first, then earlier insertion. Because the
/// sequence number is unique, no two events compare equal and every run orders them identically.
inline bool firesBefore(const Event& a, const Event& b) {
    return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
}

}  // namespace archsim
