// SPDX-License-Identifier: GPL-3.0-or-later
// RunController: runs stream their windows in order, give exactly the result of a direct
// runScenario() call whatever the UI does (pause, step, speed), stop at once, and a newer start()
// silences the runs it replaces.

#include <QElapsedTimer>
#include <QtTest>
#include <map>

#include "sim/cost/pricing.h"
#include "sim/random/distribution.h"
#include "sim/run/replications.h"
#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"
#include "ui/run/runcontroller.h"
#include "ui/run/trafficscaling.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

constexpr std::uint64_t kSeed = 42;

/// An M/M/2 station: the model every build has.
Scenario stationScenario(double ratePerS = 50, double durationS = 20, int servers = 2) {
    Scenario scenario;
    scenario.name = "station";
    scenario.workload.ratePerS = ratePerS;
    scenario.run.durationS = durationS;
    scenario.run.windowS = 1;
    scenario.topology.stations = {{"s", servers, makeExponential(10)}};
    // Copied from the station rather than assigned from "s": GCC 12 at -O3 warns wrongly
    // (-Wrestrict, GCC bug 105329) about a one-character literal assigned to a std::string.
    scenario.topology.entry = scenario.topology.stations.front().id;
    return scenario;
}

RunResult directRun(const Scenario& scenario, std::uint64_t seed = kSeed,
                    const PricingTable* pricing = nullptr) {
    RunOptions options;
    options.seed = seed;
    options.pricing = pricing;
    return runScenario(scenario, options);
}

/// Everything a controller emitted, by key.
struct Recorder {
    std::map<int, std::vector<WindowRow>> windows;
    std::map<int, std::shared_ptr<const RunResult>> results;
    std::map<int, std::shared_ptr<const LatencyHistogram>> histograms;
    std::map<int, double> simulatedSeconds;
    std::map<int, double> fraction;
    std::map<int, QString> failures;
    std::vector<int> started;
    int allFinished = 0;

    explicit Recorder(RunController& controller) {
        QObject::connect(&controller, &RunController::runStarted, &controller,
                         [this](int key) { started.push_back(key); });
        QObject::connect(&controller, &RunController::windowsAvailable, &controller,
                         [this](int key, const std::vector<WindowRow>& rows) {
                             auto& all = windows[key];
                             all.insert(all.end(), rows.begin(), rows.end());
                         });
        QObject::connect(&controller, &RunController::histogramAvailable, &controller,
                         [this](int key, std::shared_ptr<const LatencyHistogram> h) {
                             histograms[key] = std::move(h);
                         });
        QObject::connect(&controller, &RunController::progressChanged, &controller,
                         [this](int key, double f, double s) {
                             fraction[key] = f;
                             simulatedSeconds[key] = s;
                         });
        QObject::connect(
            &controller, &RunController::runFinished, &controller,
            [this](int key, std::shared_ptr<const RunResult> r) { results[key] = std::move(r); });
        QObject::connect(&controller, &RunController::runFailed, &controller,
                         [this](int key, const QString& message) { failures[key] = message; });
        QObject::connect(&controller, &RunController::allFinished, &controller,
                         [this] { ++allFinished; });
    }
    /// Forgets everything recorded so far (the connections stay).
    void reset() {
        windows.clear();
        results.clear();
        histograms.clear();
        simulatedSeconds.clear();
        fraction.clear();
        failures.clear();
        started.clear();
        allFinished = 0;
    }
};

std::optional<PricingTable> bundledPricing() {
    return loadPricingFile(defaultPricingFile(ARCHSIM_RESOURCES_DIR)).table;
}

}  // namespace

class TestRunController : public QObject {
    Q_OBJECT

private slots:
    void testWindowsArriveInOrderAndEqualADirectRun() {
        const Scenario scenario = stationScenario();
        RunController controller;
        Recorder record(controller);
        controller.start({{1, scenario, kSeed}});
        QVERIFY(controller.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(record.allFinished, 1, 20000);
        QVERIFY(!controller.isRunning());
        QCOMPARE(record.started, std::vector<int>{1});

        const RunResult expected = directRun(scenario);
        const auto& windows = record.windows[1];
        QCOMPARE(windows.size(), std::size_t{20});
        for (std::size_t i = 0; i < windows.size(); ++i) {
            QCOMPARE(windows[i].latency.start, fromSeconds(static_cast<double>(i)));
            QCOMPARE(windows[i].latency.end, fromSeconds(static_cast<double>(i + 1)));
        }
        QVERIFY2(windows == expected.windows, "the streamed windows are the run's windows");
        QVERIFY(record.results[1]);
        QVERIFY(record.results[1]->status == RunStatus::Completed);
        QCOMPARE(record.results[1]->fingerprint(), expected.fingerprint());
        QVERIFY2(record.histograms[1] && *record.histograms[1] == expected.latency,
                 "the last histogram is the final one");
        QCOMPARE(record.fraction[1], 1.0);
        QCOMPARE(record.simulatedSeconds[1], 20.0);
    }

    void testResultIsTheSameWhateverTheUiDoes() {
        const Scenario scenario = stationScenario();
        RunController controller;
        Recorder record(controller);
        controller.setSpeed(40);  // 20 simulated seconds in about half a second
        controller.start({{1, scenario, kSeed}});
        QTest::qWait(60);
        controller.setPaused(true);
        QTest::qWait(60);
        controller.step();
        QTest::qWait(60);
        controller.setSpeed(5);
        controller.setPaused(false);
        QTest::qWait(60);
        controller.setSpeed(0);
        QTRY_COMPARE_WITH_TIMEOUT(record.allFinished, 1, 20000);
        QCOMPARE(record.results[1]->fingerprint(), directRun(scenario).fingerprint());
    }

    void testPauseStopsProgress() {
        RunController controller;
        Recorder record(controller);
        controller.setSpeed(10);  // 20 simulated seconds in 2 s of wall time
        controller.start({{1, stationScenario(), kSeed}});
        QTRY_VERIFY_WITH_TIMEOUT(record.simulatedSeconds[1] > 2, 5000);
        controller.setPaused(true);
        QVERIFY(controller.isPaused());
        QTest::qWait(200);  // the slice in flight and the last batch land
        const double pausedAt = record.simulatedSeconds[1];
        const std::size_t windowsAtPause = record.windows[1].size();
        QTest::qWait(500);
        QCOMPARE(record.simulatedSeconds[1], pausedAt);
        QCOMPARE(record.windows[1].size(), windowsAtPause);
        QVERIFY(controller.isRunning());
        QVERIFY(pausedAt < 20);

        controller.setPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(record.simulatedSeconds[1] > pausedAt + 0.5, 5000);
        controller.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 2000);
    }

    void testStepAdvancesOneWindowWhilePaused() {
        RunController controller;
        Recorder record(controller);
        controller.setSpeed(5);
        controller.start({{1, stationScenario(), kSeed}});
        QTRY_VERIFY_WITH_TIMEOUT(record.windows[1].size() >= 2, 5000);
        controller.setPaused(true);
        QTest::qWait(300);
        const std::size_t before = record.windows[1].size();
        const double pausedAt = record.simulatedSeconds[1];

        controller.step();
        QTRY_VERIFY_WITH_TIMEOUT(record.windows[1].size() > before, 3000);
        QTest::qWait(300);
        QCOMPARE(record.windows[1].size(), before + 1);
        QVERIFY2(
            record.simulatedSeconds[1] > pausedAt && record.simulatedSeconds[1] <= pausedAt + 1,
            "a step is at most one window");
        const double stepped = record.simulatedSeconds[1];
        QTest::qWait(300);
        QCOMPARE(record.simulatedSeconds[1], stepped);  // and then it is paused again

        controller.step();
        QTRY_COMPARE_WITH_TIMEOUT(record.windows[1].size(), before + 2, 3000);
        controller.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 2000);
    }

    void testStopEndsQuickly_data() {
        QTest::addColumn<bool>("paused");
        QTest::newRow("running") << false;
        QTest::newRow("paused") << true;
    }

    void testStopEndsQuickly() {
        QFETCH(bool, paused);
        RunController controller;
        Recorder record(controller);
        controller.setSpeed(1);  // would take 20 s
        controller.start({{1, stationScenario(), kSeed}, {2, stationScenario(50, 20, 3), kSeed}});
        QTRY_VERIFY_WITH_TIMEOUT(record.simulatedSeconds[1] > 0 && record.simulatedSeconds[2] > 0,
                                 5000);
        if (paused) controller.setPaused(true);
        QElapsedTimer clock;
        clock.start();
        controller.stop();
        QVERIFY2(clock.elapsed() < 50, "stop() returns at once");
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 1000);
        QVERIFY2(clock.elapsed() < 1000, "the runs end within moments");
        QCOMPARE(record.allFinished, 1);
        for (int key : {1, 2}) {
            QVERIFY(record.results[key]);
            QVERIFY2(record.results[key]->status == RunStatus::Cancelled, "a stopped run says so");
        }
    }

    void testSecondStartDiscardsTheFirstRun() {
        RunController controller;
        Recorder record(controller);
        controller.setSpeed(5);
        controller.start({{1, stationScenario(50), kSeed}});
        QTRY_VERIFY_WITH_TIMEOUT(!record.windows[1].empty(), 5000);

        // The same key, another scenario: nothing of the first run may follow.
        record.reset();
        controller.setSpeed(0);
        const Scenario second = stationScenario(80);
        controller.start({{1, second, kSeed}});
        QTRY_COMPARE_WITH_TIMEOUT(record.allFinished, 1, 20000);
        const RunResult expected = directRun(second);
        QVERIFY2(record.windows[1] == expected.windows,
                 "only the second run's windows, from its first one");
        QCOMPARE(record.results[1]->fingerprint(), expected.fingerprint());
        QCOMPARE(record.results.size(), std::size_t{1});

        // Another key: the replaced run never reports again.
        controller.setSpeed(5);
        controller.start({{1, stationScenario(50), kSeed}});
        QTRY_VERIFY_WITH_TIMEOUT(!record.windows[1].empty(), 5000);
        record.reset();
        controller.setSpeed(0);
        controller.start({{2, stationScenario(60), kSeed}});
        QTRY_COMPARE_WITH_TIMEOUT(record.allFinished, 1, 20000);
        QTest::qWait(100);
        QVERIFY(record.windows.count(1) == 0 || record.windows[1].empty());
        QCOMPARE(record.results.count(1), std::size_t{0});
        QCOMPARE(record.results.count(2), std::size_t{1});
    }

    void testRunsShareTheSeedForCommonRandomNumbers() {
        RunController controller;
        Recorder record(controller);
        const Scenario two = stationScenario(150, 20, 2);
        const Scenario three = stationScenario(150, 20, 3);
        controller.start({{1, two, kSeed}, {2, three, kSeed}});
        QTRY_COMPARE_WITH_TIMEOUT(record.allFinished, 1, 20000);
        QCOMPARE(record.results[1]->fingerprint(), directRun(two).fingerprint());
        QCOMPARE(record.results[2]->fingerprint(), directRun(three).fingerprint());
        QVERIFY2(record.results[1]->arrivals == record.results[2]->arrivals,
                 "both architectures see the same arrivals");
        QVERIFY(record.results[1]->latency.quantile(0.99) >
                record.results[2]->latency.quantile(0.99));
    }

    void testRerunWaitsForQuiet() {
        RunController controller;
        Recorder record(controller);
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 5; ++i) {
            controller.requestRerun({{1, stationScenario(40 + i), kSeed}});
            QVERIFY(controller.isRerunPending());
            QTest::qWait(60);
        }
        QVERIFY2(record.started.empty(), "no run while the slider still moves");
        QTRY_COMPARE_WITH_TIMEOUT(record.started.size(), std::size_t{1}, 2000);
        QVERIFY(clock.elapsed() >= 4 * 60 + RunController::kRerunQuietMs);
        QTRY_COMPARE_WITH_TIMEOUT(record.allFinished, 1, 20000);
        QCOMPARE(record.results[1]->fingerprint(), directRun(stationScenario(44)).fingerprint());

        controller.requestRerun({{1, stationScenario(), kSeed}});
        controller.stop();  // a stop also cancels a pending re-run
        QTest::qWait(RunController::kRerunQuietMs + 100);
        QCOMPARE(record.started.size(), std::size_t{1});
    }

    void testInvalidScenarioFails() {
        RunController controller;
        Recorder record(controller);
        Scenario broken = stationScenario();
        broken.topology.entry = "nowhere";
        controller.start({{7, broken, kSeed}});
        QTRY_COMPARE_WITH_TIMEOUT(record.allFinished, 1, 5000);
        QVERIFY(record.failures.count(7));
        QVERIFY(!record.failures[7].isEmpty());
        QVERIFY(!controller.isRunning());
    }

    void testDestroyingARunningControllerDoesNotHang() {
        QElapsedTimer clock;
        clock.start();
        {
            RunController controller;
            controller.setSpeed(1);
            controller.start({{1, stationScenario(), kSeed}, {2, stationScenario(), kSeed}});
            controller.setPaused(true);
            QTest::qWait(50);
        }
        QVERIFY2(clock.elapsed() < 2000, "the destructor cancels before it joins");
    }

    void testSweepLevelScenario() {
        Scenario scenario = stationScenario(50, 7200);
        scenario.run.warmupS = 60;
        const Scenario level = sweepLevelScenario(scenario, 10000);
        QCOMPARE(level.workload.ratePerS, 10000.0);
        QCOMPARE(level.run.durationS, 60 + kSweepRequestsPerLevel / 10000);
        const Scenario slow = sweepLevelScenario(scenario, 1);
        QCOMPARE(slow.run.durationS, 7200.0);  // 2e6 requests at 1/s would take longer
        const Scenario shortRun = sweepLevelScenario(stationScenario(50, 20), 500);
        QCOMPARE(shortRun.run.durationS, 20.0);

        Scenario schedule = stationScenario(50, 7200);
        schedule.workload.type = WorkloadType::Schedule;
        schedule.workload.schedule = {{0, 10}, {3600, 30}, {7200, 10}};
        const Scenario scaled = sweepLevelScenario(schedule, 40);
        QCOMPARE(scaled.run.durationS, 7200.0);  // a schedule keeps its whole curve
        QVERIFY(std::abs(meanRate(scaled) - 40) < 1e-9);
    }

    void testCostSweepMatchesTheEngine() {
        const auto pricing = bundledPricing();
        QVERIFY2(pricing, "the bundled pricing table loads");
        ValidationReport report;
        auto scenario =
            loadScenarioFile(ARCHSIM_RESOURCES_DIR "/presets/auth-api-workers.json", report);
        QVERIFY2(scenario, report.ok() ? "" : report.issues().front().toString().c_str());
        scenario->run.durationS = 40;
        scenario->run.warmupS = 10;
        const std::vector<double> rates{200, 20, 2000};

        RunController controller;
        QSignalSpy ready(&controller, &RunController::costCurveReady);
        QSignalSpy failed(&controller, &RunController::costSweepFailed);
        controller.startCostSweep(3, *scenario, rates, kSeed,
                                  std::make_shared<const PricingTable>(*pricing));
        QVERIFY(controller.isSweeping());
        QTRY_COMPARE_WITH_TIMEOUT(ready.count() + failed.count(), 1, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][1].toString()));
        QCOMPARE(ready[0][0].toInt(), 3);
        const auto curve = ready[0][1].value<std::vector<CostPoint>>();
        const auto expected = costVersusTraffic(*scenario, {20, 200, 2000}, kSeed, *pricing);
        QCOMPARE(curve.size(), expected.size());
        for (std::size_t i = 0; i < curve.size(); ++i) {
            QCOMPARE(curve[i].ratePerS, expected[i].ratePerS);
            QCOMPARE(curve[i].monthlyCost, expected[i].monthlyCost);
        }
        QVERIFY2(curve[2].monthlyCost > curve[0].monthlyCost, "more traffic costs more");
        QVERIFY(!controller.isSweeping());
    }

    void testCostSweepWithoutCostConfigurationFails() {
        RunController controller;
        QSignalSpy failed(&controller, &RunController::costSweepFailed);
        controller.startCostSweep(4, stationScenario(), {10, 20}, kSeed);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QVERIFY(failed[0][1].toString().contains("cost"));
    }

    void testANewerSweepReplacesTheOlder() {
        const auto pricing = bundledPricing();
        QVERIFY(pricing);
        ValidationReport report;
        auto scenario =
            loadScenarioFile(ARCHSIM_RESOURCES_DIR "/presets/auth-api-servers.json", report);
        QVERIFY(scenario);
        scenario->run.durationS = 30;
        scenario->run.warmupS = 5;
        const auto table = std::make_shared<const PricingTable>(*pricing);
        RunController controller;
        QSignalSpy ready(&controller, &RunController::costCurveReady);
        controller.startCostSweep(5, *scenario, {100, 1000, 3000, 5000}, kSeed, table);
        controller.startCostSweep(5, *scenario, {50, 500}, kSeed, table);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
        QTest::qWait(200);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(ready[0][1].value<std::vector<CostPoint>>().size(), std::size_t{2});
    }
};

QTEST_MAIN(TestRunController)
#include "tst_runcontroller.moc"
