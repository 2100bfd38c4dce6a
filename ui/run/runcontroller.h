// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs scenarios off the GUI thread and hands their output to the GUI in batches.
//
// Why this shape (STYLE.md, "live data crosses threads in batches"): every run gets its own worker
// thread. Its observer appends windows, progress and histograms to a buffer under a short lock and
// posts ONE queued notification only when none is pending, so however fast the engine publishes,
// the GUI event queue holds at most one notification per run. The GUI side coalesces those with a
// single-shot timer (kCoalesceMs, about 30 batches a second), swaps each buffer out under its lock
// and emits outside it. A generation counter, bumped by every start(), makes the output of a
// superseded run unreachable: its buffers are drained and dropped, never emitted.
//
// stop() only raises flags and returns; the engine polls them at every event, so a run ends within
// moments, and its thread is joined by the GUI only once it has said it is exiting (a join of a few
// microseconds). Only the destructor waits for running threads, after cancelling them.
//
// Determinism: the controller changes when a run's slices happen (pause, step, speed), never what
// they compute, so a run's result equals runScenario() with the same scenario and seed.

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "sim/cost/costmodel.h"
#include "sim/cost/pricing.h"
#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"

namespace archsim::ui {

/// One run to start: the caller's key (a scenario tab, "A" or "B"), what to run and the seed.
struct RunRequest {
    RunRequest() = default;
    RunRequest(int runKey, archsim::Scenario runScenario, std::uint64_t runSeed,
               std::shared_ptr<const archsim::PricingTable> runPricing = nullptr)
        : key(runKey),
          scenario(std::move(runScenario)),
          seed(runSeed),
          pricing(std::move(runPricing)) {}

    int key = 0;
    archsim::Scenario scenario;
    std::uint64_t seed = 1;
    /// Prices for the scenario's cost configuration; nullptr: the result has no cost figures.
    std::shared_ptr<const archsim::PricingTable> pricing;
    /// Independent replications (1..kMaxReplications). Replication 0 is the live run; with more,
    /// the others run beside it on every core and replicationsFinished() delivers all of them.
    unsigned replications = 1;
};

class RunWorker;
class CostSweep;

class RunController : public QObject {
    Q_OBJECT

public:
    /// Batches are delivered at most this often (ms): ~30 per second keeps charts fluid.
    static constexpr int kCoalesceMs = 33;
    /// requestRerun() restarts after this much quiet (ms).
    static constexpr int kRerunQuietMs = 300;
    /// The most replications one run may ask for.
    static constexpr unsigned kMaxReplications = 1000;

    explicit RunController(QObject* parent = nullptr);
    /// Cancels everything and waits for the worker threads (the only place that blocks).
    ~RunController() override;

    /// Stops whatever runs (dropping its pending output) and starts every request on its own
    /// thread. New runs start unpaused at the current speed. Give every request the same seed for
    /// common random numbers.
    void start(std::vector<RunRequest> runs);
    /// Starts `runs` once no other call to requestRerun() came for kRerunQuietMs (for what-ifs
    /// while a slider is dragged). start() and stop() cancel a pending re-run.
    void requestRerun(std::vector<RunRequest> runs);
    /// Cancels the current runs without waiting; they finish with status Cancelled (runFinished,
    /// then allFinished) within moments.
    void stop();

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// While paused, advances every current run by one window; does nothing otherwise.
    void step();
    /// Simulated seconds per wall-clock second for current and later runs; 0 = as fast as possible.
    void setSpeed(double simulatedSecondsPerSecond);
    double speed() const { return m_speed; }
    /// True from start() until allFinished().
    bool isRunning() const { return m_activeRuns > 0; }
    /// True while a re-run is waiting for its quiet period.
    bool isRerunPending() const { return m_rerunTimer.isActive(); }

    /// Monthly cost of `scenario` at each traffic level (requests/s), every level a run on the
    /// thread pool (all cores); see sweepLevelScenario() for how a level is made. A newer sweep
    /// with the same key replaces this one. Emits costCurveReady, or costSweepFailed when no level
    /// produced a cost (no cost configuration, no pricing table, an invalid scenario).
    void startCostSweep(int key, archsim::Scenario scenario, std::vector<double> ratesPerS,
                        std::uint64_t seed,
                        std::shared_ptr<const archsim::PricingTable> pricing = nullptr);
    void cancelCostSweeps();
    bool isSweeping() const;

signals:
    void runStarted(int key);
    /// Newly closed windows of run `key`, oldest first, continuing the previous batch.
    void windowsAvailable(int key, const std::vector<archsim::WindowRow>& rows);
    /// The run's whole latency histogram so far (after the warm-up); the last one is the final.
    void histogramAvailable(int key, std::shared_ptr<const archsim::LatencyHistogram> histogram);
    void progressChanged(int key, double fraction, double simulatedSeconds);
    void runFinished(int key, std::shared_ptr<const archsim::RunResult> result);
    /// Every replication of run `key` in replication order (the first is runFinished's result),
    /// emitted right after runFinished when the run asked for more than one.
    void replicationsFinished(int key,
                              std::shared_ptr<const std::vector<archsim::RunResult>> results);
    /// The run could not start or stopped with an error (an invalid scenario); it counts as done.
    void runFailed(int key, const QString& message);
    /// Every run of the latest start() has finished or failed.
    void allFinished();
    /// Points in increasing order of rate; levels without a cost are left out.
    void costCurveReady(int key, const std::vector<archsim::CostPoint>& curve);
    void costSweepFailed(int key, const QString& message);

private:
    friend class RunWorker;  // posts notify() from its thread

    /// Called (queued, on the GUI thread) when a worker has new output.
    void notify();
    /// Takes every worker's batch and emits the current generation's.
    void drain();
    void cancelWorkers();
    void onSweepFinished(int key, CostSweep* sweep);

    std::vector<std::unique_ptr<RunWorker>> m_workers;  ///< current and not yet exited stale ones
    std::uint64_t m_generation = 0;
    int m_activeRuns = 0;  ///< runs of the current generation whose end has not been emitted
    bool m_paused = false;
    double m_speed = 0;
    QTimer m_drainTimer;
    QTimer m_rerunTimer;
    std::vector<RunRequest> m_pendingRerun;
    /// The latest sweep per key. Sweeps are children of this object; a replaced one is cancelled
    /// and deletes itself once its levels have wound down.
    std::map<int, CostSweep*> m_sweeps;
};

}  // namespace archsim::ui

Q_DECLARE_METATYPE(std::vector<archsim::WindowRow>)
Q_DECLARE_METATYPE(std::shared_ptr<const archsim::LatencyHistogram>)
Q_DECLARE_METATYPE(std::shared_ptr<const archsim::RunResult>)
Q_DECLARE_METATYPE(std::vector<archsim::CostPoint>)
Q_DECLARE_METATYPE(std::shared_ptr<const std::vector<archsim::RunResult>>)
