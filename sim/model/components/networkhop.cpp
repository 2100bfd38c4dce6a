// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/networkhop.h"

#include "sim/model/requestflow.h"

namespace archsim {

NetworkHop::NetworkHop(ModelContext& context, const NetworkHopSpec& spec)
    : Component(context, ComponentKind::Hop, spec.id),
      m_spec(spec),
      m_engine(context.stream(spec.id, "latency")) {}

void NetworkHop::accept(std::uint32_t id) {
    if (refuses(id)) return;
    m_context.simulator.scheduleIn(fromMillis(m_spec.latencyMs->sample(m_engine) * slowdown()),
                                   &m_arrived, 0, id);
}

void NetworkHop::arrived(const Event& event) {
    const auto id = static_cast<std::uint32_t>(event.payload);
    m_context.requests[id].book(TimeCategory::Network, m_context.now());
    m_context.flow.resume(id);
}

}  // namespace archsim
