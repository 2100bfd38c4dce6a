// SPDX-License-Identifier: GPL-3.0-or-later
// How smooth the charts stay during a long live run. Prints key=value lines.
//
//  1. Synthetic feed: a ChartsPanel (shown, 1280x800) gets 3600 one-second windows for two
//     scenarios in batches of --batch windows, each batch followed by the whole-run histograms, as
//     RunController delivers them. Reports the replot time of the visible chart (mean, max) and the
//     longest GUI-thread block per batch (appending + replot + paint); then a full replot of every
//     tab with the hour of data.
//  2. Live run: RunController runs the motivating case (auth API on Workers and on Go servers,
//     resources/presets/auth-api-*.json) at 1000 requests/s for one hour of simulated time, as fast
//     as the engine goes, feeding the panel; a 5 ms QTimer probe measures how late the GUI event
//     loop gets. --station uses an M/M/c station instead (the model every build has).
//
// Usage: bench_gui_replot [--batch N] [--duration S] [--rate R] [--station] [--no-live]

#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "sim/cost/pricing.h"
#include "sim/random/distribution.h"
#include "sim/scenario/scenariojson.h"
#include "tests/ui/charts/sampledata.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/chartwidget.h"
#include "ui/charts/percentilechart.h"
#include "ui/run/runcontroller.h"

#ifndef ARCHSIM_RESOURCES_DIR
#define ARCHSIM_RESOURCES_DIR "resources"
#endif

using namespace archsim;
using namespace archsim::ui;

namespace {

struct Options {
    std::size_t batch = 30;  // a fast hour-long run closes ~30 windows per 33 ms batch
    double durationS = 3600;
    double ratePerS = 1000;
    bool station = false;
    bool live = true;
};

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
    const auto index = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1));
    return values[index];
}

void print(const char* key, double value) {
    std::printf("%s=%.3f\n", key, value);
}
void print(const char* key, std::size_t value) {
    std::printf("%s=%zu\n", key, value);
}

/// Times every replot of one plot (QCustomPlot's own replotTime is in whole milliseconds).
class ReplotTimer {
public:
    explicit ReplotTimer(QCustomPlot* plot) {
        QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [this] { m_clock.start(); });
        QObject::connect(plot, &QCustomPlot::afterReplot, plot,
                         [this] { m_times.push_back(millisSince(m_clock)); });
    }
    const std::vector<double>& times() const { return m_times; }

private:
    QElapsedTimer m_clock;
    std::vector<double> m_times;
};

void syntheticFeed(const Options& options) {
    ChartsPanel panel;
    panel.resize(1280, 800);
    panel.show();
    panel.addScenario(1, "serverless", QColor(230, 120, 30));
    panel.addScenario(2, "stateful", QColor(40, 110, 190));
    panel.setSloMs(10);
    QCoreApplication::processEvents();
    ReplotTimer replots(panel.percentileChart()->plot());

    const auto windows = static_cast<std::size_t>(options.durationS);
    // Made up front so that the timing covers the GUI's work only.
    const auto serverless = test::sampleWindows(test::SampleKind::Serverless, 0, windows, 1, 50);
    const auto stateful = test::sampleWindows(test::SampleKind::Stateful, 0, windows, 1, 50);
    const auto histogramA = test::sampleHistogram(test::SampleKind::Serverless, 100000);
    const auto histogramB = test::sampleHistogram(test::SampleKind::Stateful, 100000);

    std::vector<double> blocks;
    std::vector<double> appends;
    for (std::size_t first = 0; first < windows; first += options.batch) {
        const std::size_t last = std::min(windows, first + options.batch);
        const std::vector<WindowRow> batchA(serverless.begin() + static_cast<long>(first),
                                            serverless.begin() + static_cast<long>(last));
        const std::vector<WindowRow> batchB(stateful.begin() + static_cast<long>(first),
                                            stateful.begin() + static_cast<long>(last));
        QElapsedTimer clock;
        clock.start();
        panel.appendWindows(1, batchA);
        panel.appendWindows(2, batchB);
        panel.setHistogram(1, histogramA);
        panel.setHistogram(2, histogramB);
        appends.push_back(millisSince(clock));
        // The queued replot and the paint it triggers run here, as they would in the event loop.
        QCoreApplication::processEvents();
        blocks.push_back(millisSince(clock));
    }
    std::printf("# synthetic feed: %zu windows x 2 scenarios in batches of %zu\n", windows,
                options.batch);
    print("feed_batches", blocks.size());
    print("feed_replots", replots.times().size());
    print("feed_replot_mean_ms", mean(replots.times()));
    print("feed_replot_max_ms", replots.times().empty() ? 0.0
                                                        : *std::max_element(replots.times().begin(),
                                                                            replots.times().end()));
    print("feed_append_mean_ms", mean(appends));
    print("feed_gui_block_mean_ms", mean(blocks));
    print("feed_gui_block_max_ms", *std::max_element(blocks.begin(), blocks.end()));

    // Every tab with the full hour, as when the user flips through them after a run.
    panel.setResult(1, test::sampleResult(test::SampleKind::Serverless, 120));
    panel.setResult(2, test::sampleResult(test::SampleKind::Stateful, 120));
    panel.setCostCurve(1, test::sampleCostCurve(test::SampleKind::Serverless));
    panel.setCostCurve(2, test::sampleCostCurve(test::SampleKind::Stateful));
    const char* names[] = {"percentiles", "distribution",   "breakdown",
                           "capacity",    "cache_database", "cost"};
    for (std::size_t tab = 0; tab < 6; ++tab) {
        panel.setCurrentIndex(static_cast<int>(tab));
        QCoreApplication::processEvents();
        QCustomPlot* plot = panel.charts()[tab]->plot();
        std::vector<double> times;
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer clock;
            clock.start();
            plot->replot(QCustomPlot::rpImmediateRefresh);
            times.push_back(millisSince(clock));
        }
        const std::string key = std::string("full_replot_") + names[tab] + "_ms";
        print(key.c_str(), mean(times));
    }
}

/// The two scenarios of the live run, at `ratePerS` for `durationS` with one-second windows.
std::vector<RunRequest> liveRuns(const Options& options, std::string& description) {
    std::vector<RunRequest> runs;
    if (!options.station) {
        auto pricing = loadPricingFile(defaultPricingFile(ARCHSIM_RESOURCES_DIR)).table;
        const std::shared_ptr<const PricingTable> table =
            pricing ? std::make_shared<const PricingTable>(*pricing) : nullptr;
        int key = 1;
        for (const char* preset : {"auth-api-workers", "auth-api-servers"}) {
            ValidationReport report;
            auto scenario = loadScenarioFile(
                std::string(ARCHSIM_RESOURCES_DIR) + "/presets/" + preset + ".json", report);
            if (!scenario) break;
            scenario->workload.type = WorkloadType::Poisson;
            scenario->workload.ratePerS = options.ratePerS;
            scenario->run.durationS = options.durationS;
            scenario->run.windowS = 1;
            runs.emplace_back(key++, *scenario, 1, table);
        }
        if (runs.size() == 2) {
            description = "auth-api-workers vs auth-api-servers presets";
            // At 1000 requests/s the three Go servers of the preset would be overloaded.
            for (auto& pool : runs[1].scenario.topology.servers)
                pool.replicas =
                    std::max(pool.replicas, static_cast<int>(std::ceil(options.ratePerS / 60)));
            return runs;
        }
        runs.clear();
    }
    description = "M/M/c station, 12 vs 16 servers";
    for (int servers : {12, 16}) {
        Scenario scenario;
        scenario.name = "station";
        scenario.workload.ratePerS = options.ratePerS;
        scenario.run.durationS = options.durationS;
        scenario.run.windowS = 1;
        scenario.topology.stations = {{"station", servers, makeExponential(10)}};
        scenario.topology.entry = scenario.topology.stations.front().id;
        runs.emplace_back(servers, scenario, 1);
    }
    return runs;
}

void liveRun(const Options& options) {
    ChartsPanel panel;
    panel.resize(1280, 800);
    panel.show();
    std::string description;
    auto runs = liveRuns(options, description);
    const QColor colours[] = {QColor(230, 120, 30), QColor(40, 110, 190)};
    for (std::size_t i = 0; i < runs.size(); ++i)
        panel.addScenario(runs[i].key, QString::fromStdString(runs[i].scenario.name), colours[i],
                          runs[i].scenario.topology);
    panel.setSloMs(10);
    ReplotTimer replots(panel.percentileChart()->plot());

    RunController controller;
    std::size_t batches = 0;
    std::size_t windows = 0;
    std::uint64_t events = 0;
    QObject::connect(&controller, &RunController::windowsAvailable, &panel,
                     [&](int key, const std::vector<WindowRow>& rows) {
                         ++batches;
                         windows += rows.size();
                         panel.appendWindows(key, rows);
                     });
    QObject::connect(&controller, &RunController::histogramAvailable, &panel,
                     [&](int key, std::shared_ptr<const LatencyHistogram> histogram) {
                         panel.setHistogram(key, *histogram);
                     });
    QObject::connect(&controller, &RunController::runFinished, &panel,
                     [&](int key, std::shared_ptr<const RunResult> result) {
                         events += result->eventsProcessed;
                         panel.setResult(key, *result);
                     });

    // The probe: a 5 ms timer whose lateness is the event loop's latency.
    constexpr double kProbeMs = 5;
    std::vector<double> lateness;
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(static_cast<int>(kProbeMs));
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        if (sinceTick.isValid())
            lateness.push_back(std::max(0.0, millisSince(sinceTick) - kProbeMs));
        sinceTick.restart();
    });

    QEventLoop loop;
    QObject::connect(&controller, &RunController::allFinished, &loop, &QEventLoop::quit);
    QElapsedTimer wall;
    wall.start();
    probe.start();
    controller.start(std::move(runs));
    loop.exec();
    probe.stop();
    const double wallS = millisSince(wall) / 1000;

    std::printf("# live run: %s, %.0f requests/s for %.0f simulated s, max speed\n",
                description.c_str(), options.ratePerS, options.durationS);
    print("live_wall_s", wallS);
    print("live_events_per_s", static_cast<double>(events) / wallS);
    print("live_batches", batches);
    print("live_windows", windows);
    print("live_replots", replots.times().size());
    print("live_replot_mean_ms", mean(replots.times()));
    print("live_replot_max_ms", replots.times().empty() ? 0.0
                                                        : *std::max_element(replots.times().begin(),
                                                                            replots.times().end()));
    print("live_probe_ticks", lateness.size());
    print("live_event_loop_latency_p50_ms", percentile(lateness, 0.5));
    print("live_event_loop_latency_p99_ms", percentile(lateness, 0.99));
    print("live_event_loop_latency_max_ms",
          lateness.empty() ? 0.0 : *std::max_element(lateness.begin(), lateness.end()));
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Options options;
    for (int i = 1; i < argc; ++i) {
        const auto arg = [&](const char* name) { return std::strcmp(argv[i], name) == 0; };
        if (arg("--batch") && i + 1 < argc)
            options.batch = std::max<std::size_t>(1, std::stoul(argv[++i]));
        else if (arg("--duration") && i + 1 < argc)
            options.durationS = std::stod(argv[++i]);
        else if (arg("--rate") && i + 1 < argc)
            options.ratePerS = std::stod(argv[++i]);
        else if (arg("--station"))
            options.station = true;
        else if (arg("--no-live"))
            options.live = false;
        else {
            std::fprintf(stderr,
                         "usage: bench_gui_replot [--batch N] [--duration S] [--rate R] "
                         "[--station] [--no-live]\n");
            return 2;
        }
    }
    syntheticFeed(options);
    if (options.live) liveRun(options);
    return 0;
}
