// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An API gateway or load balancer in front of a component: adds its latency on the way in,
// rejects requests over its payload limit, then hands the request to the component behind it
// (or, with none, responds).

#include "sim/core/eventmethod.h"
#include "sim/model/component.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class Gateway final : public Component {
public:
    Gateway(ModelContext& context, const GatewaySpec& spec);

    /// Finds the component behind the gateway (none: the gateway responds itself).
    void connect(const ComponentResolver& resolve) override;
    void accept(std::uint32_t request) override;

private:
    void crossed(const Event& event);
    /// True if the rate limit or the load shedding turns the request away.
    bool sheds();

    const GatewaySpec& m_spec;
    Component* m_next = nullptr;
    RandomEngine m_engine;
    bool m_sheds;
    double m_tokens;
    Time m_tokensAt = 0;
    EventMethod<Gateway, &Gateway::crossed> m_crossed{*this};
};

}  // namespace archsim
