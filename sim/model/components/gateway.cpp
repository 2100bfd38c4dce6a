// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/gateway.h"

#include <algorithm>

#include "sim/model/requestflow.h"

namespace archsim {

Gateway::Gateway(ModelContext& context, const GatewaySpec& spec)
    : Component(context, ComponentKind::Gateway, spec.id),
      m_spec(spec),
      m_engine(context.stream(spec.id, "latency")),
      m_sheds(spec.rateLimit || spec.shedQueueAbove || spec.shedInFlightAbove),
      m_tokens(spec.rateLimit ? spec.rateLimit->burst : 0) {}

void Gateway::connect(const ComponentResolver& resolve) {
    m_next = m_spec.next.empty() ? nullptr : resolve(m_spec.next);
}

bool Gateway::sheds() {
    if (m_spec.rateLimit) {
        // A token bucket, refilled continuously at the rate, holding at most `burst` tokens.
        const Time now = m_context.now();
        m_tokens = std::min(m_spec.rateLimit->burst,
                            m_tokens + toSeconds(now - m_tokensAt) * m_spec.rateLimit->ratePerS);
        m_tokensAt = now;
        if (m_tokens < 1) return true;
        m_tokens -= 1;
    }
    if (m_spec.shedQueueAbove && m_next &&
        static_cast<std::int64_t>(m_next->waiting()) > *m_spec.shedQueueAbove)
        return true;
    if (m_spec.shedInFlightAbove &&
        static_cast<std::int64_t>(m_context.requests.inFlight()) > *m_spec.shedInFlightAbove)
        return true;
    return false;
}

void Gateway::accept(std::uint32_t id) {
    ++m_context.counters.usage.gatewayRequests;
    if (refuses(id)) return;
    if (m_spec.payloadLimitKb && m_context.requests[id].payloadKb > *m_spec.payloadLimitKb) {
        m_context.flow.fail(id, ErrorReason::Payload);
        return;
    }
    if (m_sheds && sheds()) {
        m_context.flow.fail(id, ErrorReason::Shed);
        return;
    }
    const Time latency = fromMillis(m_spec.latencyMs->sample(m_engine) * slowdown());
    m_context.simulator.scheduleIn(latency, &m_crossed, 0, id);
}

void Gateway::crossed(const Event& event) {
    const auto id = static_cast<std::uint32_t>(event.payload);
    m_context.requests[id].book(TimeCategory::Network, m_context.now());
    if (m_next)
        m_context.flow.handOver(id, *m_next, placement());
    else
        m_context.flow.resume(id);
}

}  // namespace archsim
