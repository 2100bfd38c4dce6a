// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/queuestation.h"

namespace archsim {

QueueStation::QueueStation(Simulator& simulator, RandomEngine engine, int servers,
                           DistributionPtr serviceMs, CompletionRecorder& recorder,
                           std::uint64_t inFlightCap)
    : m_simulator(simulator),
      m_engine(engine),
      m_servers(servers),
      m_service(std::move(serviceMs)),
      m_recorder(recorder),
      m_inFlightCap(inFlightCap) {}

void QueueStation::updateAreas() {
    const Time now = m_simulator.now();
    const auto dt = static_cast<double>(now - m_lastChange);
    m_stats.queueArea += static_cast<double>(m_waiting.size()) * dt;
    m_stats.busyArea += static_cast<double>(m_busy) * dt;
    m_lastChange = now;
}

void QueueStation::resetStatistics() {
    updateAreas();
    m_stats = Statistics{};
    m_stats.since = m_simulator.now();
}

void QueueStation::startService(Time arrival) {
    const Time now = m_simulator.now();
    ++m_stats.started;
    if (now > arrival) {
        ++m_stats.waited;
        m_stats.totalWait += now - arrival;
    }
    const Time service = fromMillis(m_service->sample(m_engine));
    m_simulator.scheduleIn(service, this, 0, static_cast<std::uint64_t>(arrival));
}

void QueueStation::accept(Time arrival) {
    updateAreas();
    if (m_busy < m_servers) {
        ++m_busy;
        startService(arrival);
        return;
    }
    m_waiting.push(arrival);
    if (m_waiting.size() + static_cast<std::size_t>(m_busy) > m_inFlightCap) {
        // Memory must stay bounded by requests in flight: an unstable queue is reported, not
        // allowed to grow until the machine runs out.
        m_overloaded = true;
        m_simulator.requestStop();
    }
}

void QueueStation::handleEvent(const Event& event) {
    updateAreas();
    m_recorder.complete(static_cast<Time>(event.payload));
    if (!m_waiting.empty()) {
        startService(m_waiting.pop());
    } else {
        --m_busy;
    }
}

}  // namespace archsim
