// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Running one scenario: build the model, drive the engine in slices, report through the observer.
//
// The run advances in slices of simulated time (at most one window). After each slice it publishes
// closed windows and progress, honours pause, and, when a speed is set, sleeps so that simulated time
// keeps pace with wall time ("real time" for workshops is speed 1). Pacing only decides when slices
// run, never what happens in them, so a paced run gives bit-identical results to a fast one.

#include <atomic>
#include <cstdint>

#include "sim/model/enginelimits.h"
#include "sim/run/runobserver.h"
#include "sim/run/runresult.h"
#include "sim/cost/pricing.h"
#include "sim/scenario/scenario.h"

namespace archsim {

/// Controls a run from another thread (the GUI). One RunControl serves one run.
class RunControl {
public:
    void cancel() { m_stop.store(true, std::memory_order_relaxed); }
    void setPaused(bool paused) { m_paused.store(paused, std::memory_order_relaxed); }
    /// While paused: lets the run advance by one window, then pause again.
    void requestStep() { m_steps.fetch_add(1, std::memory_order_relaxed); }
    /// Consumes one step request if there is one (called by the run).
    bool takeStep() {
        int pending = m_steps.load(std::memory_order_relaxed);
        while (pending > 0)
            if (m_steps.compare_exchange_weak(pending, pending - 1, std::memory_order_relaxed))
                return true;
        return false;
    }
    /// Simulated seconds per wall-clock second; 0 runs as fast as possible.
    void setSpeed(double speed) { m_speed.store(speed < 0 ? 0 : speed, std::memory_order_relaxed); }

    bool paused() const { return m_paused.load(std::memory_order_relaxed); }
    double speed() const { return m_speed.load(std::memory_order_relaxed); }
    /// The flag the engine loop watches; set by cancel() and by the run itself when it must end.
    std::atomic<bool>& stopFlag() { return m_stop; }

private:
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_paused{false};
    std::atomic<int> m_steps{0};
    std::atomic<double> m_speed{0};
};

struct RunOptions {
    std::uint64_t seed = 1;
    std::uint64_t replication = 0;
    RunObserver* observer = nullptr;  ///< nullptr: nobody listens
    RunControl* control = nullptr;    ///< nullptr: runs to the end at full speed
    /// Prices for the scenario's cost configuration; nullptr (or no configuration): no cost.
    const PricingTable* pricing = nullptr;
    /// The estimated bytes of requests in flight and pending events the run may hold; past it the
    /// run stops as overloaded (docs/benchmarks.md gives the bytes per request).
    std::uint64_t memoryBudgetBytes = kDefaultMemoryBudgetBytes;
    /// A lone station runs on the record-free fast path; false runs it through the general model
    /// instead (the two agree exactly; tests compare them).
    bool stationFastPath = true;
    /// Superseded timers are dropped from the event set in bulk (Simulator::noteStale); false
    /// lets each fire and do nothing instead. Only eventsProcessed may differ; tests compare them.
    bool dropStaleEvents = true;
};

/// Runs a validated scenario to its end (duration, completion limit, overload or cancel). Never
/// throws: an error inside the run ends it with RunStatus::Failed and the error in statusMessage.
RunResult runScenario(const Scenario& scenario, const RunOptions& options);

}  // namespace archsim
