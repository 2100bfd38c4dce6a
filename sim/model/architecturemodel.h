// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The architecture model: requests flowing through the components a scenario's topology wires
// (sim/model/components/), fed by its workload.
//
// The facade only admits arrivals, keeps memory bounded and gathers each window's figures; how a
// request moves is the request flow's (sim/model/requestflow.h) and each component's own.
//
// Memory is proportional to requests in flight (a table of request records reused through a free
// list), instances alive and cache capacity, never to requests simulated. A run stops as
// overloaded when requests in flight pass run.maxInFlight or when the estimated bytes of requests
// in flight and pending events would pass its memory budget.

#include <cstdint>
#include <memory>
#include <string>

#include "sim/core/simulator.h"
#include "sim/cost/costmodel.h"
#include "sim/model/completionrecorder.h"
#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class ArchitectureModelImpl;

class ArchitectureModel {
public:
    ArchitectureModel(Simulator& simulator, const Scenario& scenario, std::uint64_t seed,
                      std::uint64_t replication, CompletionRecorder& recorder,
                      std::uint64_t memoryBudgetBytes);
    ~ArchitectureModel();
    ArchitectureModel(const ArchitectureModel&) = delete;
    ArchitectureModel& operator=(const ArchitectureModel&) = delete;

    /// Schedules the workload's first arrivals and the components' timers.
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
