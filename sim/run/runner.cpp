// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/run/runner.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "sim/core/randomstreams.h"
#include "sim/core/simulator.h"
#include "sim/model/completionrecorder.h"
#include "sim/model/poissonsource.h"
#include "sim/model/queuestation.h"

namespace archsim {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

const StationSpec& entryStation(const Scenario& scenario) {
    for (const auto& station : scenario.topology.stations)
        if (station.id == scenario.topology.entry) return station;
    throw std::invalid_argument("topology.entry names no station");
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

}  // namespace

RunResult runScenario(const Scenario& scenario, const RunOptions& options) {
    const auto wallStart = Clock::now();
    RunControl ownControl;
    RunControl& control = options.control ? *options.control : ownControl;
    NullRunObserver nullObserver;
    RunObserver& observer = options.observer ? *options.observer : nullObserver;

    const StationSpec& stationSpec = entryStation(scenario);
    const Time horizon = fromSeconds(scenario.run.durationS);
    const Time warmupEnd = fromSeconds(scenario.run.warmupS);
    const Time windowLength = fromSeconds(scenario.run.windowS);

    Simulator simulator;
    simulator.useStopFlag(control.stopFlag());
    CompletionRecorder recorder(simulator, windowLength, warmupEnd,
                                scenario.run.maxCompleted.value_or(0));
    const std::uint64_t seed = options.seed;
    QueueStation station(simulator, makeStream(seed, options.replication, stationSpec.id, "service"),
                         stationSpec.servers, stationSpec.serviceMs, recorder,
                         scenario.run.maxInFlight);
    PoissonSource source(simulator, makeStream(seed, options.replication, "workload", "arrivals"),
                         scenario.workload.ratePerS, station);
    source.start();

    RunResult result;
    result.scenarioName = scenario.name;
    result.seed = seed;
    result.replication = options.replication;

    // Per-window station figures come from differences of the station's running integrals.
    QueueStation::Statistics windowStart = station.statistics();
    std::uint64_t arrivalsAtWindowStart = 0;
    std::size_t windowsPublished = 0;
    bool warmupDone = warmupEnd == 0;
    bool stopped = false;
    Pacer pace;
    pace.restart(0, control.speed());

    while (!stopped && simulator.now() < horizon) {
        if (control.paused()) {
            while (control.paused() && !simulator.stopRequested())
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            pace.restart(simulator.now(), control.speed());  // no burst to catch up after a pause
        }

        // A slice never crosses a window boundary or the end of the warm-up, and, when paced,
        // covers about 1/30 s of wall time so the charts move smoothly.
        Time sliceEnd = std::min(horizon, (simulator.now() / windowLength + 1) * windowLength);
        if (!warmupDone) sliceEnd = std::min(sliceEnd, warmupEnd);
        const double speed = control.speed();
        if (speed > 0)
            sliceEnd = std::min(sliceEnd, simulator.now() + std::max<Time>(1, fromSeconds(speed / 30)));

        stopped = !simulator.runUntil(sliceEnd);

        if (!warmupDone && simulator.now() >= warmupEnd && !stopped) {
            station.resetStatistics();
            windowStart = station.statistics();
            warmupDone = true;
        }
        recorder.windows().advanceTo(simulator.now());
        const auto& closed = recorder.windows().windows();
        if (closed.size() > windowsPublished) {
            station.updateAreas();
            const auto& now = station.statistics();
            const std::size_t first = result.windows.size();
            for (std::size_t i = windowsPublished; i < closed.size(); ++i) {
                WindowRow row;
                row.latency = closed[i];
                const auto span = static_cast<double>(closed[i].end - closed[i].start);
                // Several windows can close in one slice only when they were empty of events,
                // so the integrals' difference belongs to the last one.
                if (i + 1 == closed.size() && span > 0) {
                    const double elapsed = static_cast<double>(closed[i].end - closed[i].start);
                    row.meanQueueLength = (now.queueArea - windowStart.queueArea) / elapsed;
                    row.utilization = (now.busyArea - windowStart.busyArea) / elapsed /
                                      static_cast<double>(station.servers());
                    row.arrivals = source.arrivals() - arrivalsAtWindowStart;
                }
                result.windows.push_back(row);
            }
            windowStart = now;
            arrivalsAtWindowStart = source.arrivals();
            windowsPublished = closed.size();
            observer.onWindows(std::span<const WindowRow>(result.windows).subspan(first));
        }

        RunProgress progress;
        progress.simulatedTime = simulator.now();
        progress.horizon = horizon;
        progress.completed = recorder.completed();
        progress.eventsProcessed = simulator.eventsProcessed();
        progress.wallSeconds = secondsSince(wallStart);
        observer.onProgress(progress);

        if (!stopped) pace.wait(simulator.now(), speed);
    }

    if (station.overloaded())
        result.status = RunStatus::Overloaded;
    else if (stopped && !recorder.limitReached())
        result.status = RunStatus::Cancelled;
    else
        result.status = RunStatus::Completed;

    station.updateAreas();
    recorder.windows().finish(simulator.now());
    const std::size_t firstUnpublished = result.windows.size();
    for (std::size_t i = windowsPublished; i < recorder.windows().windows().size(); ++i) {
        WindowRow row;
        row.latency = recorder.windows().windows()[i];
        result.windows.push_back(row);
    }
    if (result.windows.size() > firstUnpublished)
        observer.onWindows(std::span<const WindowRow>(result.windows).subspan(firstUnpublished));

    result.simulatedTime = simulator.now();
    result.measuredTime = std::max<Time>(0, simulator.now() - warmupEnd);
    result.arrivals = source.arrivals();
    result.completed = recorder.completed();
    result.eventsProcessed = simulator.eventsProcessed();
    result.latency = recorder.histogram();
    const auto& stats = station.statistics();
    const double observed = static_cast<double>(simulator.now() - stats.since);
    if (stats.started > 0) {
        result.station.meanWaitS = toSeconds(stats.totalWait) / static_cast<double>(stats.started);
        result.station.probabilityOfWait =
            static_cast<double>(stats.waited) / static_cast<double>(stats.started);
    }
    if (observed > 0) {
        result.station.meanQueueLength = stats.queueArea / observed;
        result.station.utilization =
            stats.busyArea / observed / static_cast<double>(station.servers());
    }
    result.wallSeconds = secondsSince(wallStart);
    observer.onFinished(result);
    return result;
}

}  // namespace archsim
