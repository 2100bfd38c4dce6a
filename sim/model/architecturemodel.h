// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The architecture model: requests flowing through gateways, serverless function pools, server
// pools, caches, databases and network hops, as a scenario's topology wires them.
//
// How a request moves. The model is the one event handler for all of it. A request enters at the
// topology's entry component; a compute pool grants it a slot (an instance or a worker: at once, after
// a cold start, after queueing, or not at all: throttled or rejected) and runs its handler, compiled
// into a small program of operations (cpu, call, cache lookup, fill, branch). Each operation either
// completes at once or schedules one StepDone event; the slot stays held across calls, as a thread or
// an instance is. A call into another pool pushes a frame, so a request can cross several services and
// release every held slot if it fails on the way. Where each nanosecond goes is booked to one category
// (cold start, queueing, cpu, cache, database, network) when its phase ends.
//
// Memory is proportional to requests in flight (a pool of request records reused through a free
// list), instances alive and cache capacity, never to requests simulated. Each function instance
// has at most one pending keep-alive expiry however often it is reused. A run stops as overloaded
// when requests in flight pass run.maxInFlight or when the estimated bytes of requests in flight
// and pending events would pass its memory budget (estimatedBytes()).

#include <cstdint>
#include <memory>
#include <string>

#include "sim/core/simulator.h"
#include "sim/cost/costmodel.h"
#include "sim/model/completionrecorder.h"
#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"

namespace archsim {

/// A level that changes at events, integrated over simulated time (for time-averages).
class TimeAverage {
public:
    void set(Time now, double level) {
        m_area += m_level * static_cast<double>(now - m_last);
        m_level = level;
        m_last = now;
    }
    void add(Time now, double delta) { set(now, m_level + delta); }
    double level() const { return m_level; }
    /// Area (level x ns) from time 0 up to `now`.
    double areaAt(Time now) const { return m_area + m_level * static_cast<double>(now - m_last); }

private:
    double m_level = 0;
    double m_area = 0;
    Time m_last = 0;
};

class ArchitectureModelImpl;

class ArchitectureModel {
public:
    ArchitectureModel(Simulator& simulator, const Scenario& scenario, std::uint64_t seed,
                      std::uint64_t replication, CompletionRecorder& recorder,
                      std::uint64_t memoryBudgetBytes);
    ~ArchitectureModel();
    ArchitectureModel(const ArchitectureModel&) = delete;
    ArchitectureModel& operator=(const ArchitectureModel&) = delete;

    /// Schedules the workload's first arrivals and the pools' timers.
    void start();
    /// Starts the measured period: totals from here on are what the run reports.
    void beginMeasurement();
    /// Fills the model's figures of the window [start, end) (called once per window, in order,
    /// when the clock is at `end`).
    void fillWindow(WindowRow& row, Time start, Time end);
    /// Fills the whole-run totals at the end of the run.
    void finish(RunResult& result);
    /// Usage from time 0 until now (for the cost accrued so far).
    UsageTotals cumulativeUsage() const;

    std::uint64_t arrivals() const;
    bool overloaded() const;
    /// Why the run was stopped as overloaded ("" if it was not), for the run's status message.
    const std::string& overloadReason() const;
    std::size_t requestsInFlight() const;

    /// Bytes the model holds per request in flight: its record, its free-list entry and the slot
    /// it takes in a waiting line (sizeof estimates; docs/benchmarks.md).
    static std::size_t bytesPerRequest();
    /// Bytes the model holds per pending event (the event set's entry).
    static std::size_t bytesPerEvent();

private:
    std::unique_ptr<ArchitectureModelImpl> m_impl;
};

}  // namespace archsim
