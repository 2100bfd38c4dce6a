// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Arrival processes: open loop (Poisson, a piecewise-linear rate schedule, on/off bursts, trace
// replay) and closed loop (N users who wait for each response, then think). Each draws from its own
// random stream keyed by "workload", so two scenarios with the same workload see the same arrivals
// (common random numbers) whatever their topologies do with them.

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cstdint>

#include "sim/core/randomstreams.h"
#include "sim/core/simulator.h"
#include "sim/scenario/scenario.h"

namespace archsim {

/// Who sent a request, and for a trace, which row (its attributes travel with it).
struct Arrival {
    std::int64_t user = -1;      ///< the closed-loop user who sent it; -1 for open loop
    std::int64_t traceRow = -1;  ///< index into the trace's arrival-ordered rows; -1 otherwise
};

/// Receives the requests a workload generates.
class ArrivalSink {
public:
    /// A request arrives now.
    virtual void arrive(const Arrival& arrival) = 0;

protected:
    ~ArrivalSink() = default;
};

class Workload final : public EventHandler {
public:
    Workload(Simulator& simulator, const WorkloadSpec& spec, RandomEngine engine, ArrivalSink& sink);

    /// Schedules the first arrivals (all users' first think time, for closed loop).
    void start();
    /// Closed loop: the user's request finished (completed or failed); the user thinks again.
    void requestDone(std::int64_t user);
    void handleEvent(const Event& event) override;

    /// The open-loop rate at simulated time t (schedules: linear between points).
    double rateAt(Time t) const;
    std::uint64_t arrivals() const { return m_arrivals; }

private:
    enum Kind : std::uint32_t { kArrival, kPeriodSwitch, kUserReady };
    void scheduleNextOpenArrival();
    Time exponentialGap(double ratePerS);

    Simulator& m_simulator;
    const WorkloadSpec& m_spec;
    RandomEngine m_engine;
    ArrivalSink& m_sink;
    boost::random::uniform_01<double> m_uniform;
    std::uint64_t m_arrivals = 0;
    double m_maxRate = 0;        // schedule: thinning bound
    bool m_on = true;            // on/off: current period
    Time m_periodEnd = 0;        // on/off: end of the current period
    std::uint64_t m_periodGeneration = 0;
    std::size_t m_traceNext = 0;
};

}  // namespace archsim
