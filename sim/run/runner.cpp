// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/run/runner.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>

#include "sim/core/randomstreams.h"
#include "sim/core/simulator.h"
#include "sim/model/architecturemodel.h"
#include "sim/model/completionrecorder.h"
#include "sim/model/queuestation.h"
#include "sim/model/workload.h"

namespace archsim {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// What the run loop needs from a model; two models implement it: the queue station (the
/// validated fast path for a lone station) and the architecture model (everything else).
class RunModel {
public:
    virtual ~RunModel() = default;
    virtual void start() = 0;
    virtual void beginMeasurement() = 0;
    virtual void fillWindow(WindowRow& row, Time start, Time end) = 0;
    virtual void finish(RunResult& result) = 0;
    virtual std::uint64_t arrivals() const = 0;
    virtual bool overloaded() const = 0;
    virtual std::string overloadReason() const = 0;
    virtual UsageTotals cumulativeUsage() const { return {}; }
};

/// A lone station fed by the scenario's workload, whatever its type: the same Workload the
/// architecture model uses (same stream, same draws), so a Poisson workload gives exactly the
/// arrivals of a plain Poisson source and a closed loop's users wait for their responses here too.
class StationRunModel final : public RunModel, private ArrivalSink {
public:
    StationRunModel(Simulator& simulator, const Scenario& scenario, const StationSpec& spec,
                    const RunOptions& options, CompletionRecorder& recorder)
        : m_simulator(simulator),
          m_warmupEnd(fromSeconds(scenario.run.warmupS)),
          m_station(simulator, makeStream(options.seed, options.replication, spec.id, "service"),
                    spec.servers, spec.serviceMs, recorder, scenario.run.maxInFlight,
                    options.memoryBudgetBytes),
          m_source(simulator, scenario.workload,
                   makeStream(options.seed, options.replication, "workload", "arrivals"), *this) {
        m_windowStart = m_station.statistics();
        if (scenario.workload.type == WorkloadType::Closed)
            m_station.setOnDone([this](std::int64_t user) { m_source.requestDone(user); });
    }
    void start() override { m_source.start(); }
    void beginMeasurement() override {
        m_station.resetStatistics();
        m_windowStart = m_station.statistics();
    }
    void fillWindow(WindowRow& row, Time start, Time end) override {
        m_station.updateAreas();
        const auto& now = m_station.statistics();
        QueueStation::windowFigures(m_windowStart, now, end - start, m_station.servers(),
                                    row.meanQueueLength, row.utilization);
        row.arrivals = m_source.arrivals() - m_arrivalsAtWindowStart;
        m_windowStart = now;
        m_arrivalsAtWindowStart = m_source.arrivals();
    }
    void finish(RunResult& result) override {
        m_station.updateAreas();
        QueueStation::finishFigures(m_station.statistics(), m_station.servers(), result);
        result.measuredArrivals = m_measuredArrivals;
    }
    std::uint64_t arrivals() const override { return m_source.arrivals(); }
    bool overloaded() const override { return m_station.overloaded(); }
    std::string overloadReason() const override { return m_station.overloadReason(); }

private:
    void arrive(const Arrival& arrival) override {
        const Time now = m_simulator.now();
        if (now >= m_warmupEnd) ++m_measuredArrivals;
        m_station.accept(now, arrival.user);
    }

    Simulator& m_simulator;
    Time m_warmupEnd;
    std::uint64_t m_measuredArrivals = 0;
    QueueStation m_station;
    Workload m_source;
    QueueStation::Statistics m_windowStart;
    std::uint64_t m_arrivalsAtWindowStart = 0;
};

class ArchitectureRunModel final : public RunModel {
public:
    ArchitectureRunModel(Simulator& simulator, const Scenario& scenario, const RunOptions& options,
                         CompletionRecorder& recorder)
        : m_model(simulator, scenario, options.seed, options.replication, recorder,
                  options.memoryBudgetBytes) {}
    void start() override { m_model.start(); }
    void beginMeasurement() override { m_model.beginMeasurement(); }
    void fillWindow(WindowRow& row, Time start, Time end) override {
        m_model.fillWindow(row, start, end);
    }
    void finish(RunResult& result) override { m_model.finish(result); }
    std::uint64_t arrivals() const override { return m_model.arrivals(); }
    bool overloaded() const override { return m_model.overloaded(); }
    std::string overloadReason() const override { return m_model.overloadReason(); }
    UsageTotals cumulativeUsage() const override { return m_model.cumulativeUsage(); }

private:
    ArchitectureModel m_model;
};

std::unique_ptr<RunModel> makeModel(Simulator& simulator, const Scenario& scenario,
                                    const RunOptions& options, CompletionRecorder& recorder) {
    for (const auto& station : scenario.topology.stations)
        if (options.stationFastPath && station.id == scenario.topology.entry)
            return std::make_unique<StationRunModel>(simulator, scenario, station, options, recorder);
    return std::make_unique<ArchitectureRunModel>(simulator, scenario, options, recorder);
}

/// Keeps simulated time in step with wall time at a given speed. Only the wall-clock moments at
/// which slices run depend on it, never the simulation itself.
class Pacer {
public:
    void restart(Time simulatedNow, double speed) {
        m_wallStart = Clock::now();
        m_simulatedStart = simulatedNow;
        m_speed = speed;
    }
    void wait(Time simulatedNow, double speed) {
        if (speed != m_speed) restart(simulatedNow, speed);  // a new speed starts a new baseline
        if (speed <= 0) return;
        const double due = toSeconds(simulatedNow - m_simulatedStart) / speed;
        const double ahead = due - secondsSince(m_wallStart);
        if (ahead > 0)  // capped so pause and stop stay responsive
            std::this_thread::sleep_for(std::chrono::duration<double>(std::min(ahead, 0.1)));
    }

private:
    Clock::time_point m_wallStart;
    Time m_simulatedStart = 0;
    double m_speed = 0;
};

RunResult runUnguarded(const Scenario& scenario, const RunOptions& options) {
    const auto wallStart = Clock::now();
    RunControl ownControl;
    RunControl& control = options.control ? *options.control : ownControl;
    NullRunObserver nullObserver;
    RunObserver& observer = options.observer ? *options.observer : nullObserver;
    const bool priced = scenario.cost && options.pricing;

    const Time horizon = fromSeconds(scenario.run.durationS);
    const Time warmupEnd = fromSeconds(scenario.run.warmupS);
    const Time windowLength = fromSeconds(scenario.run.windowS);

    Simulator simulator;
    simulator.useStopFlag(control.stopFlag());
    if (!options.dropStaleEvents) simulator.keepStaleEvents();
    CompletionRecorder recorder(simulator, windowLength, warmupEnd,
                                scenario.run.maxCompleted.value_or(0));
    const std::unique_ptr<RunModel> model = makeModel(simulator, scenario, options, recorder);
    model->start();

    RunResult result;
    result.scenarioName = scenario.name;
    result.seed = options.seed;
    result.replication = options.replication;

    const auto closeWindows = [&] {
        const auto& closed = recorder.windows().windows();
        const std::size_t first = result.windows.size();
        for (std::size_t i = first; i < closed.size(); ++i) {
            WindowRow row;
            row.latency = closed[i];
            model->fillWindow(row, closed[i].start, closed[i].end);
            if (priced)
                row.costAccrued =
                    computeCost(model->cumulativeUsage(), *scenario.cost, *options.pricing).total;
            result.windows.push_back(std::move(row));
        }
        if (result.windows.size() > first)
            observer.onWindows(std::span<const WindowRow>(result.windows).subspan(first));
    };

    bool warmupDone = warmupEnd == 0;
    if (warmupDone) model->beginMeasurement();
    bool stopped = false;
    Pacer pace;
    pace.restart(0, control.speed());
    auto lastHistogram = Clock::now();

    while (!stopped && simulator.now() < horizon) {
        if (control.paused() && !control.takeStep()) {
            while (control.paused() && !simulator.stopRequested() && !control.takeStep())
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            pace.restart(simulator.now(), control.speed());  // no burst to catch up after a pause
        }

        // A slice never crosses a window boundary or the end of the warm-up, and, when paced,
        // covers about 1/30 s of wall time so the charts move smoothly. Windows close exactly at
        // slice ends, so each window's gauges are read with the clock at its end.
        Time sliceEnd = std::min(horizon, (simulator.now() / windowLength + 1) * windowLength);
        if (!warmupDone) sliceEnd = std::min(sliceEnd, warmupEnd);
        const double speed = control.speed();
        if (speed > 0 && !control.paused())
            sliceEnd = std::min(sliceEnd, simulator.now() + std::max<Time>(1, fromSeconds(speed / 30)));

        stopped = !simulator.runUntil(sliceEnd);
        if (stopped) break;

        recorder.windows().advanceTo(simulator.now());
        closeWindows();
        if (!warmupDone && simulator.now() >= warmupEnd) {
            model->beginMeasurement();
            warmupDone = true;
        }

        RunProgress progress;
        progress.simulatedTime = simulator.now();
        progress.horizon = horizon;
        progress.completed = recorder.completed();
        progress.eventsProcessed = simulator.eventsProcessed();
        progress.eventsPending = simulator.pendingEvents();
        progress.wallSeconds = secondsSince(wallStart);
        observer.onProgress(progress);
        if (Clock::now() - lastHistogram > std::chrono::milliseconds(50)) {
            observer.onHistogram(recorder.histogram());
            lastHistogram = Clock::now();
        }
        pace.wait(simulator.now(), speed);
    }

    if (model->overloaded()) {
        result.status = RunStatus::Overloaded;
        result.statusMessage = "overloaded: " + model->overloadReason();
    } else if (stopped && !recorder.limitReached()) {
        result.status = RunStatus::Cancelled;
    } else {
        result.status = RunStatus::Completed;
    }

    // The last, possibly partial, window (a stop mid-window or a completion limit).
    recorder.windows().finish(simulator.now());
    closeWindows();

    result.simulatedTime = simulator.now();
    result.measuredTime = std::max<Time>(0, simulator.now() - warmupEnd);
    result.arrivals = model->arrivals();
    result.completed = recorder.completed();
    result.eventsProcessed = simulator.eventsProcessed();
    result.latency = recorder.histogram();
    result.tail = recorder.tail().summarize();
    model->finish(result);
    if (priced && result.usage.simulatedSeconds > 0)
        result.cost = computeCost(result.usage, *scenario.cost, *options.pricing);
    result.wallSeconds = secondsSince(wallStart);
    observer.onHistogram(result.latency);
    observer.onFinished(result);
    return result;
}

}  // namespace

RunResult runScenario(const Scenario& scenario, const RunOptions& options) {
    // Whatever goes wrong inside a run is reported in its result, never thrown: a run may be on a
    // worker thread (replications, the GUI's run thread), where an escaping exception ends the
    // program. The validator refuses what the engine cannot run, so this is a last line.
    const auto failed = [&](std::string message) {
        RunResult result;
        result.status = RunStatus::Failed;
        result.statusMessage = "failed: " + std::move(message);
        result.scenarioName = scenario.name;
        result.seed = options.seed;
        result.replication = options.replication;
        return result;
    };
    try {
        return runUnguarded(scenario, options);
    } catch (const std::bad_alloc&) {
        return failed("out of memory; lower the memory budget or run.maxInFlight");
    } catch (const std::exception& e) {
        return failed(e.what());
    } catch (...) {
        return failed("unknown error");
    }
}

}  // namespace archsim
