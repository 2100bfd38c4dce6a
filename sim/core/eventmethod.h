// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An event handler that forwards to one member function of its owner. A component with several
// kinds of timer (an instance becoming ready, a keep-alive expiring) holds one of these per kind,
// so the engine calls the right function directly and nothing dispatches a second time on a code.
// A timer that can be superseded names a second member, the test that one of its events is still
// pending (EventHandler::stillPending), so the simulator can drop the stale ones in bulk.

#include "sim/core/event.h"

namespace archsim {

template <class Owner, void (Owner::*Method)(const Event&),
          bool (Owner::*Pending)(const Event&) const = nullptr>
class EventMethod final : public EventHandler {
public:
    explicit EventMethod(Owner& owner) : m_owner(&owner) {}
    void handleEvent(const Event& event) override { (m_owner->*Method)(event); }
    bool stillPending(const Event& event) const override {
        if constexpr (Pending != nullptr)
            return (m_owner->*Pending)(event);
        else
            return EventHandler::stillPending(event);
    }

private:
    Owner* m_owner;
};

}  // namespace archsim
