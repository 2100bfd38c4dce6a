// SPDX-License-Identifier: GPL-3.0-or-later
// Replications in the window's run controller: with R > 1 every replication runs off the GUI
// thread and is delivered in order, each one bit-identical to the engine's own replications of
// the same scenario and seed, the same on every run; with R = 1 nothing changes; Stop ends them
// all.

#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include "sim/random/distribution.h"
#include "sim/run/replications.h"
#include "ui/run/runcontroller.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

constexpr std::uint64_t kSeed = 42;
constexpr int kTimeoutMs = 120'000;

Scenario stationScenario(double durationS = 20) {
    Scenario scenario;
    scenario.name = "station";
    scenario.workload.ratePerS = 50;
    scenario.run.durationS = durationS;
    scenario.run.windowS = 1;
    scenario.topology.stations = {{"s", 2, makeExponential(10)}};
    scenario.topology.entry = scenario.topology.stations.front().id;
    return scenario;
}

/// Runs `replications` of the scenario through a controller; the results it delivered.
std::vector<RunResult> viaController(const Scenario& scenario, unsigned replications,
                                     Qt::HANDLE* resultThread = nullptr) {
    RunController controller;
    std::vector<RunResult> delivered;
    QObject::connect(&controller, &RunController::replicationsFinished, &controller,
                     [&](int, const std::shared_ptr<const std::vector<RunResult>>& results) {
                         if (resultThread) *resultThread = QThread::currentThreadId();
                         delivered = *results;
                     });
    QSignalSpy finished(&controller, &RunController::allFinished);
    RunRequest request(1, scenario, kSeed);
    request.replications = replications;
    controller.start({request});
    if (!finished.wait(kTimeoutMs)) return {};
    return delivered;
}

}  // namespace

class TestRunReplications : public QObject {
    Q_OBJECT
private slots:
    void testReplicationsAreTheEnginesOwn() {
        const Scenario scenario = stationScenario();
        const std::vector<RunResult> delivered = viaController(scenario, 4);
        QCOMPARE(delivered.size(), std::size_t(4));
        std::vector<RunResult> expected = runReplications(scenario, kSeed, 4, nullptr, 1);
        // Replications after the first carry no per-component gauges (memory); the rest is equal.
        for (std::size_t i = 1; i < expected.size(); ++i)
            for (WindowRow& row : expected[i].windows) row.components.clear();
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(delivered[i].replication, std::uint64_t(i));
            QCOMPARE(delivered[i].fingerprint(), expected[i].fingerprint());
        }
        // Independent: different replications, different numbers.
        QVERIFY(delivered[0].fingerprint() != delivered[1].fingerprint());
    }

    void testSameSeedSameReplications() {
        const Scenario scenario = stationScenario();
        const auto first = viaController(scenario, 3);
        const auto second = viaController(scenario, 3);
        QCOMPARE(first.size(), std::size_t(3));
        QCOMPARE(second.size(), std::size_t(3));
        for (std::size_t i = 0; i < first.size(); ++i)
            QCOMPARE(first[i].fingerprint(), second[i].fingerprint());
    }

    void testDeliveredOnTheGuiThread() {
        Qt::HANDLE thread = nullptr;
        const auto delivered = viaController(stationScenario(), 2, &thread);
        QCOMPARE(delivered.size(), std::size_t(2));
        QCOMPARE(thread, QThread::currentThreadId());
    }

    void testOneReplicationIsAPlainRun() {
        RunController controller;
        QSignalSpy replications(&controller, &RunController::replicationsFinished);
        QSignalSpy finished(&controller, &RunController::allFinished);
        controller.start({RunRequest(1, stationScenario(), kSeed)});
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(replications.count(), 0);
    }

    void testStopEndsEveryReplication() {
        RunController controller;
        QSignalSpy replications(&controller, &RunController::replicationsFinished);
        QSignalSpy results(&controller, &RunController::runFinished);
        QSignalSpy finished(&controller, &RunController::allFinished);
        // Long enough that it cannot finish before Stop.
        RunRequest request(1, stationScenario(1e6), kSeed);
        request.replications = 8;
        controller.start({request});
        QTest::qWait(100);
        controller.stop();
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(results.count(), 1);
        const auto result = results.front().at(1).value<std::shared_ptr<const RunResult>>();
        QVERIFY(result->status == RunStatus::Cancelled);
        QCOMPARE(replications.count(), 0);  // a cancelled run has no replications to show
    }
};

QTEST_MAIN(TestRunReplications)
#include "tst_runreplications.moc"
