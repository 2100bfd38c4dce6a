// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/gateway.h"

#include "sim/model/requestflow.h"

namespace archsim {

Gateway::Gateway(ModelContext& context, const GatewaySpec& spec)
    : Component(context, ComponentKind::Gateway, spec.id),
      m_spec(spec),
      m_engine(context.stream(spec.id, "latency")) {}

void Gateway::connect(const ComponentResolver& resolve) {
    m_next = m_spec.next.empty() ? nullptr : resolve(m_spec.next);
}

void Gateway::accept(std::uint32_t id) {
    ++m_context.counters.usage.gatewayRequests;
    if (m_spec.payloadLimitKb && m_context.requests[id].payloadKb > *m_spec.payloadLimitKb) {
        m_context.flow.fail(id, ErrorReason::Payload);
        return;
    }
    const Time latency = fromMillis(m_spec.latencyMs->sample(m_engine));
    m_context.simulator.scheduleIn(latency, &m_crossed, 0, id);
}

void Gateway::crossed(const Event& event) {
    const auto id = static_cast<std::uint32_t>(event.payload);
    m_context.requests[id].book(TimeCategory::Network, m_context.now());
    if (m_next)
        m_next->accept(id);
    else
        m_context.flow.resume(id);
}

}  // namespace archsim
