// SPDX-License-Identifier: GPL-3.0-or-later
// What animating the traffic costs the GUI thread. Prints key=value lines.
//
// A TopologyView (shown offscreen, 1280x420) draws a bundled preset while RunController runs it
// and feeds the view the windows' gauges as the window does. Two phases:
//  1. real time (1x) for --seconds of wall time: the frame timer animates the pulses; every paint
//     of the diagram is timed (mean, p99, max), frames are counted, and a 5 ms QTimer probe
//     measures how late the event loop gets (the longest GUI-thread block);
//  2. as fast as possible, the whole run: no animation is expected (frames must stay at zero);
//     paints and the probe are measured the same way.
//
// Usage: bench_topology_animation [--preset FILE] [--seconds S]

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "sim/scenario/scenariojson.h"
#include "ui/run/runcontroller.h"
#include "ui/topology/topologyview.h"
#include "ui/topology/trafficanimation.h"

#ifndef ARCHSIM_RESOURCES_DIR
#define ARCHSIM_RESOURCES_DIR "resources"
#endif

using namespace archsim;
using namespace archsim::ui;

namespace {

double millisSince(const QElapsedTimer& clock) {
    return static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

double mean(const std::vector<double>& values) {
    return values.empty() ? 0
                          : std::accumulate(values.begin(), values.end(), 0.0) /
                                static_cast<double>(values.size());
}

double percentile(std::vector<double> values, double q) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
}

double maximum(const std::vector<double>& values) {
    return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

/// Times every paint of a widget: the paint event is delivered from inside the filter.
class PaintTimer : public QObject {
public:
    explicit PaintTimer(QWidget* widget) : m_widget(widget) { widget->installEventFilter(this); }
    std::vector<double>& times() { return m_times; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched != m_widget || event->type() != QEvent::Paint || m_inside)
            return QObject::eventFilter(watched, event);
        m_inside = true;
        QElapsedTimer clock;
        clock.start();
        QCoreApplication::sendEvent(watched, event);
        m_times.push_back(millisSince(clock));
        m_inside = false;
        return true;
    }

private:
    QWidget* m_widget;
    std::vector<double> m_times;
    bool m_inside = false;
};

struct Phase {
    std::vector<double> lateness;
    std::size_t frames = 0;
    std::size_t windows = 0;
    int pulsesSeen = 0;
    double wallS = 0;
};

Phase runPhase(TopologyView& view, const Scenario& scenario, double speed, double wallLimitS,
               PaintTimer& paints) {
    Phase phase;
    paints.times().clear();
    RunController controller;
    controller.setSpeed(speed);
    QObject::connect(&controller, &RunController::windowsAvailable, &view,
                     [&](int, const std::vector<WindowRow>& rows) {
                         if (rows.empty()) return;
                         phase.windows += rows.size();
                         const WindowRow& last = rows.back();
                         view.setSimulatedTime(toSeconds(last.latency.end));
                         view.setGauges(last.components);
                         const double seconds = toSeconds(last.latency.end - last.latency.start);
                         if (seconds > 0)
                             view.setArrivalRate(static_cast<double>(last.arrivals) / seconds);
                         if (view.traffic())
                             phase.pulsesSeen =
                                 std::max(phase.pulsesSeen, view.traffic()->totalPulses());
                     });
    constexpr double kProbeMs = 5;
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(static_cast<int>(kProbeMs));
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        if (sinceTick.isValid())
            phase.lateness.push_back(std::max(0.0, millisSince(sinceTick) - kProbeMs));
        sinceTick.restart();
        if (view.isAnimating()) ++phase.frames;  // sampled: a frame timer running
    });
    QEventLoop loop;
    QObject::connect(&controller, &RunController::allFinished, &loop, &QEventLoop::quit);
    QTimer limit;
    limit.setSingleShot(true);
    QObject::connect(&limit, &QTimer::timeout, &loop, [&] {
        controller.stop();
        loop.quit();
    });
    QElapsedTimer wall;
    wall.start();
    view.setLive(speed, true);
    probe.start();
    if (wallLimitS > 0) limit.start(static_cast<int>(wallLimitS * 1000));
    controller.start({RunRequest(1, scenario, scenario.seed)});
    loop.exec();
    probe.stop();
    view.setLive(speed, false);
    phase.wallS = millisSince(wall) / 1000;
    return phase;
}

void print(const char* phase, const char* key, double value) {
    std::printf("%s_%s=%.3f\n", phase, key, value);
}

void report(const char* name, Phase& phase, PaintTimer& paints) {
    print(name, "wall_s", phase.wallS);
    print(name, "windows", static_cast<double>(phase.windows));
    print(name, "max_pulses", phase.pulsesSeen);
    print(name, "animating_probe_ticks", static_cast<double>(phase.frames));
    print(name, "paints", static_cast<double>(paints.times().size()));
    print(name, "paint_mean_ms", mean(paints.times()));
    print(name, "paint_p99_ms", percentile(paints.times(), 0.99));
    print(name, "paint_max_ms", maximum(paints.times()));
    print(name, "event_loop_latency_p50_ms", percentile(phase.lateness, 0.5));
    print(name, "event_loop_latency_p99_ms", percentile(phase.lateness, 0.99));
    print(name, "event_loop_latency_max_ms", maximum(phase.lateness));
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::string preset = ARCHSIM_RESOURCES_DIR "/presets/auth-api-workers.json";
    double seconds = 12;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--preset") == 0 && i + 1 < argc)
            preset = argv[++i];
        else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
            seconds = std::stod(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench_topology_animation [--preset FILE] [--seconds S]\n");
            return 2;
        }
    }
    QFile file(QString::fromStdString(preset));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_topology_animation: cannot read %s\n", preset.c_str());
        return 1;
    }
    ValidationReport report_;
    auto scenario = scenarioFromText(file.readAll().toStdString(), report_);
    if (!scenario) {
        std::fprintf(stderr, "bench_topology_animation: %s: %s\n", preset.c_str(),
                     report_.toString().c_str());
        return 1;
    }
    // Windows of one second, so the 1x phase sees several snapshots.
    scenario->run.windowS = 1;

    TopologyView view;
    view.resize(1280, 420);
    view.show();
    view.setScenario(*scenario);
    QCoreApplication::processEvents();
    PaintTimer paints(view.view()->viewport());

    std::printf("# %s, offscreen 1280x420, frame timer %d ms\n", preset.c_str(),
                TopologyView::kFrameIntervalMs);
    Phase realTime = runPhase(view, *scenario, 1, seconds, paints);
    report("realtime_1x", realTime, paints);
    Phase fast = runPhase(view, *scenario, 0, 0, paints);
    report("full_speed", fast, paints);
    return 0;
}
