// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/queuestation.h"

#include <algorithm>
#include <array>

#include "sim/run/runresult.h"

namespace archsim {

QueueStation::QueueStation(Simulator& simulator, RandomEngine engine, int servers,
                           DistributionPtr serviceMs, CompletionRecorder& recorder,
                           std::uint64_t inFlightCap, std::uint64_t memoryBudgetBytes)
    : m_simulator(simulator),
      m_engine(engine),
      m_servers(servers),
      m_service(std::move(serviceMs)),
      m_recorder(recorder),
      m_inFlightCap(inFlightCap),
      m_memoryBudget(memoryBudgetBytes),
      m_inService(static_cast<std::size_t>(std::max(servers, 0))) {
    // Highest first, so the first request takes server 0 (which server serves changes nothing
    // simulated: servers are alike).
    for (int i = servers; i-- > 0;) m_idleServers.push_back(static_cast<std::uint32_t>(i));
}

void QueueStation::windowFigures(const Statistics& start, const Statistics& end, Time length,
                                 int servers, double& queueLength, double& utilization) {
    const auto elapsed = static_cast<double>(length);
    if (elapsed <= 0) return;
    queueLength = (end.queueArea - start.queueArea) / elapsed;
    utilization = (end.busyArea - start.busyArea) / elapsed / static_cast<double>(servers);
}

void QueueStation::finishFigures(const Statistics& stats, int servers, RunResult& result) {
    const double observed = static_cast<double>(result.simulatedTime - stats.since);
    if (stats.started > 0) {
        result.station.meanWaitS = toSeconds(stats.totalWait) / static_cast<double>(stats.started);
        result.station.probabilityOfWait =
            static_cast<double>(stats.waited) / static_cast<double>(stats.started);
    }
    if (observed > 0) {
        result.station.meanQueueLength = stats.queueArea / observed;
        result.station.utilization = stats.busyArea / observed / static_cast<double>(servers);
    }
    result.breakdown[static_cast<std::size_t>(TimeCategory::Queueing)] =
        static_cast<double>(stats.totalWait);
    result.breakdown[static_cast<std::size_t>(TimeCategory::Cpu)] = std::max(
        0.0, static_cast<double>(result.latency.sum()) - static_cast<double>(stats.totalWait));
}

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

void QueueStation::startService(const Waiting& request, std::uint32_t server) {
    const Time now = m_simulator.now();
    ++m_stats.started;
    if (now > request.arrival) {
        ++m_stats.waited;
        m_stats.totalWait += now - request.arrival;
    }
    const Time service = fromMillis(m_service->sample(m_engine));
    m_inService[server] = {request.arrival, now};
    // The departure carries the server in its payload and the closed-loop user, plus one, in its
    // kind (0: open loop). Users are far fewer than 2^32 (the validator's limit).
    m_simulator.scheduleIn(service, this, static_cast<std::uint32_t>(request.user + 1), server);
}

void QueueStation::overload(std::string reason) {
    if (!m_overloaded) m_overloadReason = std::move(reason);
    m_overloaded = true;
    m_simulator.requestStop();
}

void QueueStation::accept(Time arrival, std::int64_t user) {
    updateAreas();
    if (m_busy < m_servers) {
        ++m_busy;
        const std::uint32_t server = m_idleServers.back();
        m_idleServers.pop_back();
        startService({arrival, user}, server);
        return;
    }
    m_waiting.push({arrival, user});
    // Memory must stay bounded by requests in flight: an unstable queue is reported, not
    // allowed to grow until the machine runs out.
    const std::size_t inFlight = m_waiting.size() + static_cast<std::size_t>(m_busy);
    const std::uint64_t bytes =
        m_waiting.size() * bytesPerWaitingRequest() + m_simulator.pendingEvents() * sizeof(Event);
    if (inFlight > m_inFlightCap)
        overload("requests in flight passed run.maxInFlight (" + std::to_string(m_inFlightCap) +
                 ")");
    else if (bytes > m_memoryBudget)
        overload("memory budget of " + std::to_string(m_memoryBudget >> 20) +
                 " MiB would be exceeded (" + std::to_string(inFlight) + " requests in flight)");
}

void QueueStation::handleEvent(const Event& event) {
    updateAreas();
    const auto server = static_cast<std::uint32_t>(event.payload);
    const InService done = m_inService[server];
    std::array<Time, kTimeCategoryCount> breakdown{};
    breakdown[static_cast<std::size_t>(TimeCategory::Queueing)] = done.start - done.arrival;
    breakdown[static_cast<std::size_t>(TimeCategory::Cpu)] = m_simulator.now() - done.start;
    m_recorder.complete(done.arrival, breakdown);
    if (!m_waiting.empty()) {
        startService(m_waiting.pop(), server);
    } else {
        --m_busy;
        m_idleServers.push_back(server);
    }
    if (event.kind > 0 && m_onDone) m_onDone(static_cast<std::int64_t>(event.kind) - 1);
}

}  // namespace archsim
