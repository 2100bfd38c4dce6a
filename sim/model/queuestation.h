// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A station of c identical servers in front of one FIFO waiting line (G/G/c): the model the engine
// is validated on against queueing theory, and the simplest building block of a topology.

#include <cstdint>

#include "sim/core/randomstreams.h"
#include "sim/core/ringqueue.h"
#include "sim/core/simulator.h"
#include "sim/model/completionrecorder.h"
#include "sim/model/poissonsource.h"
#include "sim/random/distribution.h"

namespace archsim {

class QueueStation final : public EventHandler, public RequestTarget {
public:
    struct Statistics {
        Time since = 0;               ///< start of the observation period
        std::uint64_t started = 0;    ///< requests that began service in the period
        std::uint64_t waited = 0;     ///< of those, requests that found every server busy
        Time totalWait = 0;           ///< summed time in the waiting line of started requests
        double queueArea = 0;         ///< integral of the waiting-line length over time (ns)
        double busyArea = 0;          ///< integral of busy servers over time (ns)
    };

    /// `serviceMs` samples service times in milliseconds. `inFlightCap` bounds requests in the
    /// station (waiting + in service); passing it marks the run overloaded and stops it.
    QueueStation(Simulator& simulator, RandomEngine engine, int servers, DistributionPtr serviceMs,
                 CompletionRecorder& recorder, std::uint64_t inFlightCap);

    void accept(Time arrival) override;
    void handleEvent(const Event& event) override;  // a departure

    /// Starts a new observation period at now() (used to drop the warm-up transient).
    void resetStatistics();
    /// Brings the time integrals up to now() before they are read.
    void updateAreas();

    const Statistics& statistics() const { return m_stats; }
    int servers() const { return m_servers; }
    int busy() const { return m_busy; }
    std::size_t queueLength() const { return m_waiting.size(); }
    bool overloaded() const { return m_overloaded; }

private:
    void startService(Time arrival);

    Simulator& m_simulator;
    RandomEngine m_engine;
    int m_servers;
    DistributionPtr m_service;
    CompletionRecorder& m_recorder;
    std::uint64_t m_inFlightCap;
    int m_busy = 0;
    RingQueue<Time> m_waiting;  // arrival times, oldest first
    Statistics m_stats;
    Time m_lastChange = 0;
    bool m_overloaded = false;
};

}  // namespace archsim
