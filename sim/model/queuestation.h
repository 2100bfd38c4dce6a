// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A station of c identical servers in front of one FIFO waiting line (G/G/c): the model the engine
// is validated on against queueing theory, and the simplest building block of a topology.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/core/randomstreams.h"
#include "sim/core/ringqueue.h"
#include "sim/core/simulator.h"
#include "sim/model/completionrecorder.h"
#include "sim/model/poissonsource.h"
#include "sim/random/distribution.h"

namespace archsim {

struct RunResult;

class QueueStation final : public EventHandler, public RequestTarget {
public:
    struct Statistics {
        Time since = 0;             ///< start of the observation period
        std::uint64_t started = 0;  ///< requests that began service in the period
        std::uint64_t waited = 0;   ///< of those, requests that found every server busy
        Time totalWait = 0;         ///< summed time in the waiting line of started requests
        double queueArea = 0;       ///< integral of the waiting-line length over time (ns)
        double busyArea = 0;        ///< integral of busy servers over time (ns)
    };

    /// `serviceMs` samples service times in milliseconds. `inFlightCap` bounds requests in the
    /// station (waiting + in service), `memoryBudgetBytes` the estimated bytes they and the
    /// pending events take; passing either marks the run overloaded and stops it.
    QueueStation(Simulator& simulator, RandomEngine engine, int servers, DistributionPtr serviceMs,
                 CompletionRecorder& recorder, std::uint64_t inFlightCap,
                 std::uint64_t memoryBudgetBytes);

    void accept(Time arrival) override { accept(arrival, -1); }
    /// A request of closed-loop user `user` (-1: open loop) arrives now.
    void accept(Time arrival, std::int64_t user);
    /// Called with the user of each request that completes (closed loop: the user thinks again).
    void setOnDone(std::function<void(std::int64_t user)> onDone) { m_onDone = std::move(onDone); }
    void handleEvent(const Event& event) override;  // a departure

    /// Starts a new observation period at now() (used to drop the warm-up transient).
    void resetStatistics();
    /// Brings the time integrals up to now() before they are read.
    void updateAreas();

    const Statistics& statistics() const { return m_stats; }
    /// The time-averages over a window: requests waiting and the busy share of `servers`, from the
    /// statistics at the window's start and end.
    static void windowFigures(const Statistics& start, const Statistics& end, Time length,
                              int servers, double& queueLength, double& utilization);
    /// The run's queueing figures and where the time went (waiting, then service booked as CPU),
    /// from the statistics of the measured period, into `result` (whose simulatedTime and
    /// latency are set).
    static void finishFigures(const Statistics& stats, int servers, RunResult& result);
    int servers() const { return m_servers; }
    int busy() const { return m_busy; }
    std::size_t queueLength() const { return m_waiting.size(); }
    bool overloaded() const { return m_overloaded; }
    const std::string& overloadReason() const { return m_overloadReason; }

    /// Estimated bytes per request waiting in the line (its entry) and per pending event.
    static constexpr std::size_t bytesPerWaitingRequest() { return sizeof(Waiting); }

private:
    struct Waiting {
        Time arrival;
        std::int64_t user;
    };
    /// What a server is doing, kept for its departure: the latency and the split of it into
    /// queueing and service, for the tail breakdown.
    struct InService {
        Time arrival = 0;
        Time start = 0;
    };
    void startService(const Waiting& request, std::uint32_t server);
    void overload(std::string reason);

    Simulator& m_simulator;
    RandomEngine m_engine;
    int m_servers;
    DistributionPtr m_service;
    CompletionRecorder& m_recorder;
    std::uint64_t m_inFlightCap;
    std::uint64_t m_memoryBudget;
    std::function<void(std::int64_t)> m_onDone;
    int m_busy = 0;
    RingQueue<Waiting> m_waiting;  // oldest first
    std::vector<InService> m_inService;       // by server
    std::vector<std::uint32_t> m_idleServers;  // the servers not serving
    Statistics m_stats;
    Time m_lastChange = 0;
    bool m_overloaded = false;
    std::string m_overloadReason;
};

}  // namespace archsim
