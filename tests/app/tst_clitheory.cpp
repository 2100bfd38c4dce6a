// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli run prints theory beside simulation and the detected warm-up, in text and in JSON.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <cmath>

#include "sim/theory/mmcqueue.h"

#include "app/clitestsupport.h"

using namespace archsim::testing;

namespace {

QJsonObject checkOf(const QJsonObject& theory, const QString& figure) {
    for (const auto& value : theory["checks"].toArray())
        if (value.toObject()["figure"].toString() == figure) return value.toObject();
    return {};
}

}  // namespace

class TestCliTheory : public QObject {
    Q_OBJECT
private slots:
    void testRunPrintsTheoryBlock() {
        // The M/M/10 preset at 80% load instead of its own 90%.
        const CliResult r =
            runCli({"run", preset("mmc-queue.json"), "--set", "workload.ratePerS=8"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("theory beside simulation (one run)"), qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression(
                     "servers: mean wait in queue: simulated [0-9.]+ ms \\+- [0-9.]+, theory "
                     "[0-9.]+ ms \\[Erlang C \\(M/M/10\\), exact\\]: agrees")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains("Little's law (waiting line)"));
        QVERIFY2(r.out.contains(QRegularExpression(
                     "detected warm-up: [0-9.]+ s \\(scenario warm-up: 100 s\\)")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains("warm-up used: the scenario's (100 s)"));
    }

    void testJsonCarriesTheTheory() {
        const CliResult r =
            runCli({"run", preset("mmc-queue.json"), "--set", "workload.ratePerS=8", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject theory =
            QJsonDocument::fromJson(r.out.toUtf8()).object()["theory"].toObject();
        const QJsonObject wait = checkOf(theory, "meanWait");
        QCOMPARE(wait["applicability"].toString(), QString("exact"));
        // Erlang C for lambda 8, mu 1, c 10, in ms.
        const double expected = archsim::theory::MmcQueue(8, 1, 10).meanWait() * 1e3;
        QVERIFY(std::abs(wait["theory"].toDouble() - expected) < 1e-6 * expected);
        QVERIFY(wait["simulated"].toDouble() > 0);
        QCOMPARE(theory["warmup"].toObject()["scenarioS"].toDouble(), 100.0);
        QVERIFY(theory["warmup"].toObject().contains("detectedS"));
        QVERIFY(!theory["littlesLaw"].toArray().isEmpty());
    }

    void testTraceWorkloadIsNotApplicable() {
        const CliResult r =
            runCli({"run", QStringLiteral(ARCHSIM_TEST_DATA_DIR "/scenarios/trace.json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("queue: queueing formulas: not applicable (a replayed trace"),
                 qPrintable(r.out));
    }

    void testReplicationsCompareWithTheirInterval() {
        const CliResult r = runCli({"run", preset("mmc-queue.json"), "--set", "run.durationS=1200",
                                    "--replications", "4"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("theory beside simulation (99% CI over replications)"),
                 qPrintable(r.out));
        QVERIFY(r.out.contains("probability of waiting: simulated"));
    }
};

QTEST_GUILESS_MAIN(TestCliTheory)
#include "tst_clitheory.moc"
