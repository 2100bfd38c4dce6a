// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An event handler that forwards to one member function of its owner. A component with several
// kinds of timer (an instance becoming ready, a keep-alive expiring) holds one of these per kind,
// so the engine calls the right function directly and nothing dispatches a second time on a code.
// A timer that can be superseded also names the test that one of its events is still pending
// (EventHandler::stillPending), so the simulator can drop the stale ones in bulk.

#include "sim/core/event.h"

namespace archsim {

template <class Owner, void (Owner::*Method)(const Event&)>
class EventMethod final : public EventHandler {
public:
    explicit EventMethod(Owner& owner) : m_owner(&owner) {}
    void handleEvent(const Event& event) override { (m_owner->*Method)(event); }

private:
    Owner* m_owner;
};

/// An EventMethod for a timer that can be superseded: `Pending` tells whether one of its events
/// is still pending. (A class of its own rather than an optional third argument of EventMethod:
/// a member pointer compared with nullptr is not a constant expression under UBSan.)
template <class Owner, void (Owner::*Method)(const Event&),
          bool (Owner::*Pending)(const Event&) const>
class SupersedableEventMethod final : public EventHandler {
public:
    explicit SupersedableEventMethod(Owner& owner) : m_owner(&owner) {}
    void handleEvent(const Event& event) override { (m_owner->*Method)(event); }
    bool stillPending(const Event& event) const override { return (m_owner->*Pending)(event); }

private:
    Owner* m_owner;
};

}  // namespace archsim
