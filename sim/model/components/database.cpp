// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/database.h"

#include "sim/model/requestflow.h"

namespace archsim {

Database::Database(ModelContext& context, const DatabaseSpec& spec)
    : Component(context, ComponentKind::Database, spec.id),
      m_spec(spec),
      m_engine(context.stream(spec.id, "query")) {}

void Database::accept(std::uint32_t id) {
    if (refuses(id)) return;
    if (m_inUse < m_spec.connections) {
        startQuery(id);
    } else {
        m_waiting.push(id);  // the request's phase started now: the wait is booked as queueing
        m_gauges.queue.set(m_context.now(), static_cast<double>(m_waiting.size()));
    }
}

void Database::startQuery(std::uint32_t id) {
    ++m_inUse;
    m_gauges.busy.set(m_context.now(), m_inUse);
    m_context.simulator.scheduleIn(fromMillis(m_spec.queryMs->sample(m_engine) * slowdown()),
                                   &m_answered, 0, id);
}

void Database::answered(const Event& event) {
    const auto id = static_cast<std::uint32_t>(event.payload);
    const Time now = m_context.now();
    m_context.requests[id].book(TimeCategory::Database, now);
    --m_inUse;
    if (!m_waiting.empty()) {
        const std::uint32_t next = m_waiting.pop();
        m_gauges.queue.set(now, static_cast<double>(m_waiting.size()));
        m_context.requests[next].book(TimeCategory::Queueing, now);
        startQuery(next);
    } else {
        m_gauges.busy.set(now, m_inUse);
    }
    m_context.flow.resume(id);
}

bool Database::fillGauge(ComponentGauge& gauge, WindowTotals& totals, Time start, Time end) {
    m_gauges.alive.set(end, m_spec.connections);
    m_gauges.averageInto(gauge, start, end);
    gauge.alive = m_spec.connections;
    gauge.utilization = gauge.busy / m_spec.connections;
    totals.connectionsInUse += gauge.busy;
    return true;
}

}  // namespace archsim
