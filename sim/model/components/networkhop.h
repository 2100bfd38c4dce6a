// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A call to another service over the network: its latency, booked as network time.

#include "sim/core/eventmethod.h"
#include "sim/model/component.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class NetworkHop final : public Component {
public:
    NetworkHop(ModelContext& context, const NetworkHopSpec& spec);
    void accept(std::uint32_t request) override;

private:
    void arrived(const Event& event);

    const NetworkHopSpec& m_spec;
    RandomEngine m_engine;
    EventMethod<NetworkHop, &NetworkHop::arrived> m_arrived{*this};
};

}  // namespace archsim
