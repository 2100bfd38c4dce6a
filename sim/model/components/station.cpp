// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/station.h"

#include "sim/model/requestflow.h"

namespace archsim {

Station::Station(ModelContext& context, const StationSpec& spec)
    : Component(context, ComponentKind::Station, spec.id),
      m_spec(spec),
      m_engine(context.stream(spec.id, "service")) {}

void Station::updateAreas() {
    const Time now = m_context.now();
    const auto dt = static_cast<double>(now - m_lastChange);
    m_stats.queueArea += static_cast<double>(m_waiting.size()) * dt;
    m_stats.busyArea += static_cast<double>(m_busy) * dt;
    m_lastChange = now;
}

void Station::accept(std::uint32_t id) {
    if (refuses(id)) return;
    updateAreas();
    if (m_busy < m_spec.servers) {
        ++m_busy;
        startService(id);
        return;
    }
    m_waiting.push(id);
}

void Station::startService(std::uint32_t id) {
    const Time now = m_context.now();
    Request& r = m_context.requests[id];
    const Time arrival = r.arrival;
    r.book(TimeCategory::Queueing, now);
    ++m_stats.started;
    if (now > arrival) {
        ++m_stats.waited;
        m_stats.totalWait += now - arrival;
    }
    m_context.simulator.scheduleIn(fromMillis(m_spec.serviceMs->sample(m_engine) * slowdown()),
                                   this, 0, id);
}

void Station::handleEvent(const Event& event) {
    updateAreas();
    // The next request starts before this one is handed on, as on the fast path, so both draw
    // and schedule in the same order.
    if (!m_waiting.empty())
        startService(m_waiting.pop());
    else
        --m_busy;
    const auto id = static_cast<std::uint32_t>(event.payload);
    m_context.requests[id].book(TimeCategory::Cpu, m_context.now());
    m_context.flow.resume(id);
}

bool Station::fillGauge(ComponentGauge& gauge, WindowTotals&, Time start, Time end) {
    updateAreas();
    QueueStation::windowFigures(m_windowStart, m_stats, end - start, m_spec.servers,
                                gauge.queueLength, gauge.utilization);
    gauge.alive = m_spec.servers;
    m_windowStart = m_stats;
    return false;
}

void Station::beginMeasurement() {
    updateAreas();
    m_stats = QueueStation::Statistics{};
    m_stats.since = m_context.now();
    m_windowStart = m_stats;
}

void Station::finish(RunResult& result) {
    updateAreas();
    QueueStation::finishFigures(m_stats, m_spec.servers, result);
}

}  // namespace archsim
