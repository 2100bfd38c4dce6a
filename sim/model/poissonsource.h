// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/random/exponential_distribution.hpp>
#include <cstdint>

#include "sim/core/randomstreams.h"
#include "sim/core/simulator.h"

namespace archsim {

/// Anything that takes in new requests (a queue station, a gateway, a server pool).
class RequestTarget {
public:
    /// A request arrives now; `arrival` is its arrival time (the simulator's now()).
    virtual void accept(Time arrival) = 0;

protected:
    ~RequestTarget() = default;
};

/// An open-loop Poisson arrival process at a constant rate.
class PoissonSource final : public EventHandler {
public:
    PoissonSource(Simulator& simulator, RandomEngine engine, double ratePerS, RequestTarget& target)
        : m_simulator(simulator), m_engine(engine), m_interarrival(ratePerS), m_target(target) {}

    /// Schedules the first arrival.
    void start() { m_simulator.scheduleIn(nextGap(), this); }

    void handleEvent(const Event&) override {
        ++m_arrivals;
        m_simulator.scheduleIn(nextGap(), this);
        m_target.accept(m_simulator.now());
    }

    std::uint64_t arrivals() const { return m_arrivals; }

private:
    Time nextGap() { return fromSeconds(m_interarrival(m_engine)); }

    Simulator& m_simulator;
    RandomEngine m_engine;
    boost::random::exponential_distribution<double> m_interarrival;
    RequestTarget& m_target;
    std::uint64_t m_arrivals = 0;
};

}  // namespace archsim
