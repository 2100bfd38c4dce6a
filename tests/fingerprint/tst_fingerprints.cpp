// SPDX-License-Identifier: GPL-3.0-or-later
// Reproducibility is tested, not hoped for: each row names a bundled scenario, a seed and the
// fingerprint (a hash of every simulated figure) that run must produce. The same run repeated, and
// several copies run at once on different threads, must give the identical fingerprint.
//
// When a change alters results on purpose (a new sampling method, a model fix), update the
// expected value here and say in the commit and in the row's comment why it changed.
#include <QtTest>
#include <thread>
#include <vector>

#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"

using namespace archsim;

namespace {

Scenario loadPreset(const QString& name) {
    ValidationReport report;
    const auto path = QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets/") + name;
    auto scenario = loadScenarioFile(path.toStdString(), report);
    if (!scenario) qFatal("%s: %s", qPrintable(path), report.toString().c_str());
    return *scenario;
}

std::uint64_t fingerprintOf(const Scenario& scenario, std::uint64_t seed) {
    RunOptions options;
    options.seed = seed;
    return runScenario(scenario, options).fingerprint();
}

}  // namespace

class TestFingerprints : public QObject {
    Q_OBJECT
private slots:
    void testPresetFingerprints_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<quint64>("seed");
        QTest::addColumn<quint64>("expected");
        // History: first set when the engine was validated (event order by (time, sequence),
        // streams by seed_seq over (seed, replication, component, role), mt19937_64, Boost
        // samplers); changed once when the fingerprint grew to cover errors, cold starts, the
        // time breakdown, component gauges and cost, and again when the queue station began to
        // report where its time goes (queueing vs service); the simulated numbers did not change.
        // The architecture presets' rows were added with the architecture model. The rows of
        // presets with function pools changed when each instance began to keep one pending
        // keep-alive expiry instead of one per request served: the stale timers no longer fire,
        // so eventsProcessed (part of the fingerprint) fell; every simulated figure (latencies,
        // windows, cold starts, errors, usage, cost) is identical. The rows of presets with server
        // pools changed when replica-seconds became the exact area under the replicas-alive level
        // (integer replica x ns, converted once) instead of a sum of per-change pieces in
        // seconds: the cost accrued per window moved in its last bits; every other figure, and
        // the summary as printed, is identical. The two auth-api rows changed when the motivating
        // pair was rebuilt with regions (edge isolates serving many requests, the Cache API per
        // region, the database in us-east-1): new scenarios, so new figures; no other row moved.
        // The auth-api-workers, cache-fragmentation-lambda and both uploads rows changed when
        // superseded keep-alive expiries began to be dropped from the event set in bulk instead
        // of firing to do nothing: eventsProcessed fell, and with every stale event kept each row
        // gives its earlier value (testDroppingStaleEventsChangesNoSimulatedFigure compares the
        // two ways on these presets).
        QTest::newRow("mmc-queue seed 1") << "mmc-queue.json" << quint64(1) << quint64(0x0d843525aba2f465);
        QTest::newRow("mmc-queue seed 2") << "mmc-queue.json" << quint64(2) << quint64(0x897afb32f6e1a0ab);
        QTest::newRow("auth-api-workers seed 1") << "auth-api-workers.json" << quint64(1) << quint64(0xf2248734f48d91dd);
        QTest::newRow("auth-api-servers seed 1") << "auth-api-servers.json" << quint64(1) << quint64(0xe8a077474e694508);
        QTest::newRow("flash-sale-containers seed 1") << "flash-sale-containers.json" << quint64(1) << quint64(0x03bcb09bf7461730);
        QTest::newRow("cache-fragmentation-lambda seed 1") << "cache-fragmentation-lambda.json" << quint64(1) << quint64(0x87e077b2ffb7d0e8);
        // Added with queues. Job figures are hashed only for runs that have queues, so every row
        // above kept its value when they came.
        QTest::newRow("async-orders-queue seed 1") << "async-orders-queue.json" << quint64(1) << quint64(0x9f3510034602f0ae);
        // Added with object stores and the client's steps after the response: new rows only.
        QTest::newRow("uploads-through-function seed 1") << "uploads-through-function.json" << quint64(1) << quint64(0x8d753e44fd732c2f);
        QTest::newRow("uploads-presigned seed 1") << "uploads-presigned.json" << quint64(1) << quint64(0xc5ff4d2c46b6a509);
    }
    void testPresetFingerprints() {
        QFETCH(QString, preset);
        QFETCH(quint64, seed);
        QFETCH(quint64, expected);
        const Scenario scenario = loadPreset(preset);
        const std::uint64_t got = fingerprintOf(scenario, seed);
        QVERIFY2(got == expected, qPrintable(QString("fingerprint %1, expected %2")
                                                 .arg(got, 16, 16, QChar('0'))
                                                 .arg(expected, 16, 16, QChar('0'))));
    }

    void testDroppingStaleEventsChangesNoSimulatedFigure_data() {
        QTest::addColumn<QString>("preset");
        // The presets whose function pools supersede keep-alive expiries (a random keep-alive).
        QTest::newRow("auth-api-workers") << "auth-api-workers.json";
        QTest::newRow("cache-fragmentation-lambda") << "cache-fragmentation-lambda.json";
        QTest::newRow("uploads-through-function") << "uploads-through-function.json";
        QTest::newRow("uploads-presigned") << "uploads-presigned.json";
    }
    void testDroppingStaleEventsChangesNoSimulatedFigure() {
        // A superseded expiry does nothing when it fires, so dropping it from the event set must
        // leave every simulated figure as it was; only the events processed fall.
        QFETCH(QString, preset);
        const Scenario scenario = loadPreset(preset);
        RunOptions options;
        const RunResult dropped = runScenario(scenario, options);
        options.dropStaleEvents = false;
        RunResult kept = runScenario(scenario, options);
        QVERIFY(dropped.eventsProcessed < kept.eventsProcessed);
        kept.eventsProcessed = dropped.eventsProcessed;
        QCOMPARE(kept.fingerprint(), dropped.fingerprint());
        QVERIFY(kept.latency == dropped.latency);
        QVERIFY(kept.windows == dropped.windows);
    }

    void testRepeatedRunIsIdentical() {
        const Scenario scenario = loadPreset("mmc-queue.json");
        RunOptions options;
        options.seed = 11;
        const RunResult a = runScenario(scenario, options);
        const RunResult b = runScenario(scenario, options);
        QCOMPARE(a.fingerprint(), b.fingerprint());
        QVERIFY(a.latency == b.latency);
        QVERIFY(a.windows == b.windows);
    }

    void testConcurrentRunsAreIdentical_data() {
        QTest::addColumn<QString>("preset");
        QTest::newRow("queue station") << "mmc-queue.json";
        QTest::newRow("architecture model") << "auth-api-workers.json";
        QTest::newRow("queues and jobs") << "async-orders-queue.json";
        QTest::newRow("object store and PUT events") << "uploads-presigned.json";
    }
    void testConcurrentRunsAreIdentical() {
        QFETCH(QString, preset);
        const Scenario scenario = loadPreset(preset);
        const std::uint64_t reference = fingerprintOf(scenario, 3);
        std::vector<std::uint64_t> results(4, 0);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < results.size(); ++i)
            threads.emplace_back([&, i] { results[i] = fingerprintOf(scenario, 3); });
        for (auto& t : threads) t.join();
        for (const auto r : results) QCOMPARE(r, reference);
    }

    void testRepeatedQueueRunIsIdentical() {
        // Jobs, redeliveries and dead letters: the same seed gives the same run, figure for figure.
        const Scenario scenario = loadPreset("async-orders-queue.json");
        RunOptions options;
        options.seed = 5;
        const RunResult a = runScenario(scenario, options);
        const RunResult b = runScenario(scenario, options);
        QCOMPARE(a.fingerprint(), b.fingerprint());
        QVERIFY(a.jobs.has_value());
        QVERIFY(a.jobs == b.jobs);
        QVERIFY(a.windows == b.windows);
        options.seed = 6;
        QVERIFY(runScenario(scenario, options).fingerprint() != a.fingerprint());
    }

    void testDifferentSeedsDiffer() {
        const Scenario scenario = loadPreset("mmc-queue.json");
        QVERIFY(fingerprintOf(scenario, 1) != fingerprintOf(scenario, 2));
    }
};

QTEST_GUILESS_MAIN(TestFingerprints)
#include "tst_fingerprints.moc"
