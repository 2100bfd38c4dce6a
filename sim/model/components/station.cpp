// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/station.h"

#include <algorithm>

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
    const Time arrival = m_context.requests[id].arrival;
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
    m_context.flow.resume(static_cast<std::uint32_t>(event.payload));
}

bool Station::fillGauge(ComponentGauge& gauge, WindowTotals&, Time start, Time end) {
    updateAreas();
    const auto elapsed = static_cast<double>(end - start);
    if (elapsed > 0) {
        gauge.queueLength = (m_stats.queueArea - m_windowStart.queueArea) / elapsed;
        gauge.busy = (m_stats.busyArea - m_windowStart.busyArea) / elapsed;
        gauge.utilization = gauge.busy / static_cast<double>(m_spec.servers);
    }
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
    const double observed = static_cast<double>(result.simulatedTime - m_stats.since);
    if (m_stats.started > 0) {
        result.station.meanWaitS =
            toSeconds(m_stats.totalWait) / static_cast<double>(m_stats.started);
        result.station.probabilityOfWait =
            static_cast<double>(m_stats.waited) / static_cast<double>(m_stats.started);
    }
    if (observed > 0) {
        result.station.meanQueueLength = m_stats.queueArea / observed;
        result.station.utilization =
            m_stats.busyArea / observed / static_cast<double>(m_spec.servers);
    }
    // Where the time went: waiting in line, then service (booked as CPU), from the station's own
    // figures, as the fast path reports it.
    result.breakdown[static_cast<std::size_t>(TimeCategory::Queueing)] =
        static_cast<double>(m_stats.totalWait);
    result.breakdown[static_cast<std::size_t>(TimeCategory::Cpu)] = std::max(
        0.0, static_cast<double>(result.latency.sum()) - static_cast<double>(m_stats.totalWait));
}

}  // namespace archsim
