// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An event handler that forwards to one member function of its owner. A component with several
// kinds of timer (an instance becoming ready, a keep-alive expiring) holds one of these per kind,
// so the engine calls the right function directly and nothing dispatches a second time on a code.

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

}  // namespace archsim
