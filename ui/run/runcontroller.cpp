// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run/runcontroller.h"

#include <QFutureWatcher>
#include <QList>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <cmath>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "sim/run/replications.h"
#include "sim/run/runner.h"
#include "sim/run/runobserver.h"
#include "ui/run/trafficscaling.h"

namespace archsim::ui {

/// One run on its own thread. The observer half runs on that thread and only touches m_batch under
/// m_mutex; everything else belongs to the GUI thread.
class RunWorker final : public RunObserver {
public:
    /// What a worker has produced since the GUI last looked.
    struct Batch {
        std::vector<WindowRow> windows;
        std::shared_ptr<const LatencyHistogram> histogram;
        std::optional<RunProgress> progress;
        std::shared_ptr<const RunResult> result;  ///< set once, at the end
        /// Every replication, when more than one ran; set with result.
        std::shared_ptr<const std::vector<RunResult>> replications;
        std::optional<std::string> error;  ///< set instead of result if the run threw
        bool exited = false;               ///< the thread has nothing left to do
    };

    RunWorker(RunController* controller, int key, std::uint64_t generation)
        : m_controller(controller), m_key(key), m_generation(generation) {}
    RunWorker(const RunWorker&) = delete;
    RunWorker& operator=(const RunWorker&) = delete;
    /// Only reached once the run was cancelled or has exited, so the join is short.
    ~RunWorker() override {
        if (m_thread.joinable()) m_thread.join();
    }

    void launch(Scenario scenario, std::uint64_t seed, std::shared_ptr<const PricingTable> pricing,
                unsigned replications) {
        // Made before the thread starts and never resized, so cancel() may walk it any time.
        replications = std::clamp(replications, 1u, RunController::kMaxReplications);
        for (unsigned i = 1; i < replications; ++i)
            m_replicationControls.push_back(std::make_unique<RunControl>());
        m_thread =
            std::thread([this, scenario = std::move(scenario), seed, pricing = std::move(pricing)] {
                run(scenario, seed, pricing.get());
            });
    }

    /// Stops the live run and every replication beside it.
    void cancel() {
        m_control.cancel();
        for (auto& control : m_replicationControls) control->cancel();
    }

    /// GUI thread: takes everything produced so far; the next output posts a new notification.
    Batch take() {
        const std::lock_guard lock(m_mutex);
        Batch out = std::move(m_batch);
        m_batch = Batch{};
        m_notifyPending = false;
        return out;
    }

    int key() const { return m_key; }
    std::uint64_t generation() const { return m_generation; }
    RunControl& control() { return m_control; }

    // RunObserver, on the worker thread.
    void onWindows(std::span<const WindowRow> windows) override {
        publish([windows](Batch& batch) {
            batch.windows.insert(batch.windows.end(), windows.begin(), windows.end());
        });
    }
    void onProgress(const RunProgress& progress) override {
        publish([&progress](Batch& batch) { batch.progress = progress; });
    }
    void onHistogram(const LatencyHistogram& latency) override {
        // Copied before taking the lock so that the GUI never waits on a 60 kB copy.
        auto copy = std::make_shared<const LatencyHistogram>(latency);
        publish([&copy](Batch& batch) { batch.histogram = std::move(copy); });
    }

private:
    void run(const Scenario& scenario, std::uint64_t seed, const PricingTable* pricing) {
        std::shared_ptr<const RunResult> result;
        std::shared_ptr<const std::vector<RunResult>> all;
        std::optional<std::string> error;
        try {
            if (m_replicationControls.empty()) {
                result = std::make_shared<const RunResult>(runOne(scenario, seed, pricing, 0));
            } else {
                // Replication i is a pure function of (scenario, seed, i) stored at index i, so
                // the set is the same whichever core ran which; 0 is the live, paced one.
                auto results =
                    std::make_shared<std::vector<RunResult>>(m_replicationControls.size() + 1);
                parallelFor(results->size(), 0, [&](std::size_t i) {
                    (*results)[i] = runOne(scenario, seed, pricing, i);
                });
                result = std::make_shared<const RunResult>(results->front());
                all = std::move(results);
            }
            // An engine error ends the run with a status instead of an exception.
            if (result->status == RunStatus::Failed) {
                error = result->statusMessage;
                result.reset();
                all.reset();
            } else if (result->status == RunStatus::Cancelled) {
                all.reset();
            }
        } catch (const std::exception& e) {
            error = e.what();
        } catch (...) {
            error = "unknown error";
        }
        publish([&](Batch& batch) {
            batch.result = std::move(result);
            batch.replications = std::move(all);
            batch.error = std::move(error);
            batch.exited = true;
        });
    }

    RunResult runOne(const Scenario& scenario, std::uint64_t seed, const PricingTable* pricing,
                     std::size_t replication) {
        RunOptions options;
        options.seed = seed;
        options.pricing = pricing;
        options.replication = replication;
        if (replication == 0) {
            options.observer = this;
            options.control = &m_control;
            return runScenario(scenario, options);
        }
        // The others are not paced or stepped, only cancelled, and keep no per-component gauges
        // (a thousand replications of an hour would hold them all).
        options.control = m_replicationControls[replication - 1].get();
        RunResult result = runScenario(scenario, options);
        for (WindowRow& row : result.windows) row.components.clear();
        return result;
    }

    /// Applies `change` under the lock and posts one notification unless one is already pending.
    template <typename Change>
    void publish(Change&& change) {
        bool post = false;
        {
            const std::lock_guard lock(m_mutex);
            change(m_batch);
            post = !m_notifyPending;
            m_notifyPending = true;
        }
        if (post) {
            RunController* controller = m_controller;
            QMetaObject::invokeMethod(
                controller, [controller] { controller->notify(); }, Qt::QueuedConnection);
        }
    }

    RunController* m_controller;
    const int m_key;
    const std::uint64_t m_generation;
    RunControl m_control;
    std::vector<std::unique_ptr<RunControl>> m_replicationControls;
    std::thread m_thread;
    std::mutex m_mutex;
    Batch m_batch;
    bool m_notifyPending = false;
};

/// One cost-vs-traffic sweep: every level is a run on the global thread pool.
class CostSweep final : public QObject {
public:
    struct Level {
        double ratePerS = 0;
        std::optional<double> monthlyCost;
        std::string error;
    };

    CostSweep(QObject* parent, Scenario scenario, std::vector<double> rates, std::uint64_t seed,
              std::shared_ptr<const PricingTable> pricing)
        : QObject(parent), m_shared(std::make_shared<Shared>()) {
        const QList<double> levels(rates.begin(), rates.end());
        auto shared = m_shared;
        m_watcher.setFuture(QtConcurrent::mapped(
            levels, [shared, scenario = std::move(scenario), seed, pricing](double rate) {
                return runLevel(*shared, scenario, rate, seed, pricing.get());
            }));
    }
    CostSweep(const CostSweep&) = delete;
    CostSweep& operator=(const CostSweep&) = delete;
    ~CostSweep() override {
        cancel();
        m_watcher.waitForFinished();
    }

    /// Skips levels not yet started and stops the running ones; safe from the GUI thread.
    void cancel() {
        m_watcher.cancel();
        const std::lock_guard lock(m_shared->mutex);
        m_shared->cancelled = true;
        for (RunControl* control : m_shared->active) control->cancel();
    }

    QFutureWatcher<Level>& watcher() { return m_watcher; }

private:
    struct Shared {
        std::mutex mutex;
        bool cancelled = false;
        std::vector<RunControl*> active;  ///< the levels running now, so cancel() reaches them
    };

    static Level runLevel(Shared& shared, const Scenario& base, double rate, std::uint64_t seed,
                          const PricingTable* pricing) {
        Level level;
        level.ratePerS = rate;
        if (!base.cost) {
            level.error = "the scenario has no cost configuration";
            return level;
        }
        if (!pricing) {
            level.error = "no pricing table";
            return level;
        }
        // A control per level: a run may raise its own stop flag (a completion limit), which
        // must not end the other levels.
        RunControl control;
        {
            const std::lock_guard lock(shared.mutex);
            if (shared.cancelled) return level;
            shared.active.push_back(&control);
        }
        try {
            RunOptions options;
            options.seed = seed;
            options.control = &control;
            options.pricing = pricing;
            const RunResult result = runScenario(sweepLevelScenario(base, rate), options);
            if (result.status == RunStatus::Cancelled)
                level.error = "cancelled";
            else if (result.status == RunStatus::Failed)
                level.error = result.statusMessage;
            else if (result.cost)
                level.monthlyCost = result.cost->monthlyCost;
            else
                level.error = "the run produced no cost figures";
        } catch (const std::exception& e) {
            level.error = e.what();
        }
        const std::lock_guard lock(shared.mutex);
        std::erase(shared.active, &control);
        return level;
    }

    std::shared_ptr<Shared> m_shared;
    QFutureWatcher<Level> m_watcher;
};

RunController::RunController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::vector<archsim::WindowRow>>();
    qRegisterMetaType<std::shared_ptr<const archsim::LatencyHistogram>>();
    qRegisterMetaType<std::shared_ptr<const archsim::RunResult>>();
    qRegisterMetaType<std::vector<archsim::CostPoint>>();
    qRegisterMetaType<std::shared_ptr<const std::vector<archsim::RunResult>>>();

    m_drainTimer.setSingleShot(true);
    m_drainTimer.setInterval(kCoalesceMs);
    connect(&m_drainTimer, &QTimer::timeout, this, &RunController::drain);

    m_rerunTimer.setSingleShot(true);
    m_rerunTimer.setInterval(kRerunQuietMs);
    connect(&m_rerunTimer, &QTimer::timeout, this, [this] {
        auto runs = std::move(m_pendingRerun);
        m_pendingRerun.clear();
        start(std::move(runs));
    });
}

RunController::~RunController() {
    m_drainTimer.stop();
    cancelWorkers();
    m_workers.clear();  // joins: every run was cancelled and ends at its next event
    cancelCostSweeps();
}

void RunController::start(std::vector<RunRequest> runs) {
    m_rerunTimer.stop();
    m_pendingRerun.clear();
    cancelWorkers();  // they become stale below; drain() joins them once they have exited
    ++m_generation;
    m_paused = false;
    m_activeRuns = static_cast<int>(runs.size());

    std::vector<int> keys;
    for (auto& request : runs) {
        auto worker = std::make_unique<RunWorker>(this, request.key, m_generation);
        worker->control().setSpeed(m_speed);
        worker->launch(std::move(request.scenario), request.seed, std::move(request.pricing),
                       request.replications);
        keys.push_back(request.key);
        m_workers.push_back(std::move(worker));
    }
    const std::uint64_t generation = m_generation;
    for (int key : keys) {
        if (generation != m_generation) break;  // a slot started something newer
        emit runStarted(key);
    }
}

void RunController::requestRerun(std::vector<RunRequest> runs) {
    m_pendingRerun = std::move(runs);
    m_rerunTimer.start();  // restarts the quiet period
}

void RunController::stop() {
    m_rerunTimer.stop();
    m_pendingRerun.clear();
    for (auto& worker : m_workers)
        if (worker->generation() == m_generation) worker->cancel();
}

void RunController::setPaused(bool paused) {
    m_paused = paused;
    for (auto& worker : m_workers)
        if (worker->generation() == m_generation) worker->control().setPaused(paused);
}

void RunController::step() {
    if (!m_paused) return;
    for (auto& worker : m_workers)
        if (worker->generation() == m_generation) worker->control().requestStep();
}

void RunController::setSpeed(double simulatedSecondsPerSecond) {
    m_speed = std::max(0.0, simulatedSecondsPerSecond);
    for (auto& worker : m_workers)
        if (worker->generation() == m_generation) worker->control().setSpeed(m_speed);
}

void RunController::cancelWorkers() {
    for (auto& worker : m_workers) worker->cancel();
}

void RunController::notify() {
    if (!m_drainTimer.isActive()) m_drainTimer.start();
}

void RunController::drain() {
    struct Taken {
        int key;
        std::uint64_t generation;
        RunWorker::Batch batch;
    };
    // Take every batch and retire exited workers before emitting anything: a slot may start new
    // runs or even spin a nested event loop, so nothing below may hold on to a worker.
    std::vector<Taken> taken;
    taken.reserve(m_workers.size());
    std::vector<const RunWorker*> exited;
    for (auto& worker : m_workers) {
        taken.push_back({worker->key(), worker->generation(), worker->take()});
        if (taken.back().batch.exited) exited.push_back(worker.get());
    }
    std::erase_if(m_workers, [&exited](const std::unique_ptr<RunWorker>& worker) {
        return std::find(exited.begin(), exited.end(), worker.get()) != exited.end();
    });

    for (auto& [key, generation, batch] : taken) {
        const auto current = [this, generation = generation] { return generation == m_generation; };
        if (!current()) continue;  // superseded: its output is dropped unseen
        if (!batch.windows.empty()) emit windowsAvailable(key, batch.windows);
        // At the end the result's own histogram is emitted below instead, saving a copy.
        if (current() && batch.histogram && !batch.result)
            emit histogramAvailable(key, batch.histogram);
        if (current() && batch.progress)
            emit progressChanged(key, batch.progress->fraction(),
                                 toSeconds(batch.progress->simulatedTime));
        if (!current() || !batch.exited) continue;

        --m_activeRuns;
        const bool last = m_activeRuns == 0;
        if (batch.result) {
            // The final histogram, shared with the result rather than copied.
            emit histogramAvailable(
                key, std::shared_ptr<const LatencyHistogram>(batch.result, &batch.result->latency));
            if (current()) emit runFinished(key, batch.result);
            if (current() && batch.replications) emit replicationsFinished(key, batch.replications);
        } else {
            emit runFailed(key, QString::fromStdString(batch.error.value_or("unknown error")));
        }
        if (last && current()) emit allFinished();
    }
}

void RunController::startCostSweep(int key, Scenario scenario, std::vector<double> ratesPerS,
                                   std::uint64_t seed,
                                   std::shared_ptr<const PricingTable> pricing) {
    if (auto found = m_sweeps.find(key); found != m_sweeps.end()) {
        CostSweep* old = found->second;
        m_sweeps.erase(found);
        old->cancel();
        // Deleted once its running levels have noticed the cancel, never blocking here.
        connect(&old->watcher(), &QFutureWatcherBase::finished, old, &QObject::deleteLater);
        if (old->watcher().isFinished()) old->deleteLater();
    }
    std::erase_if(ratesPerS, [](double rate) { return !(rate > 0) || !std::isfinite(rate); });
    std::sort(ratesPerS.begin(), ratesPerS.end());
    ratesPerS.erase(std::unique(ratesPerS.begin(), ratesPerS.end()), ratesPerS.end());
    auto* sweep =
        new CostSweep(this, std::move(scenario), std::move(ratesPerS), seed, std::move(pricing));
    m_sweeps[key] = sweep;
    connect(&sweep->watcher(), &QFutureWatcherBase::finished, this,
            [this, key, sweep] { onSweepFinished(key, sweep); });
}

void RunController::onSweepFinished(int key, CostSweep* sweep) {
    const auto found = m_sweeps.find(key);
    if (found == m_sweeps.end() || found->second != sweep) return;  // replaced or cancelled
    m_sweeps.erase(found);
    sweep->deleteLater();
    if (sweep->watcher().isCanceled()) return;

    std::vector<CostPoint> curve;
    std::string firstError;
    for (const auto& level : sweep->watcher().future().results()) {
        if (level.monthlyCost)
            curve.push_back({level.ratePerS, *level.monthlyCost});
        else if (firstError.empty())
            firstError = level.error;
    }
    if (curve.empty())
        emit costSweepFailed(
            key,
            QString::fromStdString(firstError.empty() ? "no traffic levels to sweep" : firstError));
    else
        emit costCurveReady(key, curve);
}

void RunController::cancelCostSweeps() {
    for (auto& [key, sweep] : m_sweeps) {
        sweep->cancel();
        connect(&sweep->watcher(), &QFutureWatcherBase::finished, sweep, &QObject::deleteLater);
        if (sweep->watcher().isFinished()) sweep->deleteLater();
    }
    m_sweeps.clear();
}

bool RunController::isSweeping() const {
    return !m_sweeps.empty();
}

}  // namespace archsim::ui
