// SPDX-License-Identifier: GPL-3.0-or-later
// Run > Find Limit…: the window's search finds the same limit as sim/study's limit search for the
// same inputs, reports what broke first, runs off the GUI thread and cancels cleanly, and names
// the field of bad input.
#include <QTableWidget>
#include <QtTest>

#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"
#include "sim/study/limitsearch.h"
#include "ui/charts/chartstyle.h"
#include "ui/study/limitdialog.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

/// M/M/1 with mu = 100/s: the p99 of the time in system is ln(100) / (mu - lambda), 100 ms at
/// lambda of about 54/s.
StudyDocument station(double durationS) {
    ValidationReport report;
    const std::string text = R"({"formatVersion": 1, "name": "station", "seed": 7,
      "run": {"durationS": )" +
                             std::to_string(durationS) +
                             R"(, "windowS": 10, "warmupS": 10},
      "workload": {"type": "poisson", "ratePerS": 20},
      "topology": {"entry": "q", "stations": [{"id": "q", "servers": 1,
        "serviceMs": {"type": "exponential", "mean": 10}}]}})";
    auto s = scenarioFromText(text, report);
    if (!s) qFatal("%s", report.toString().c_str());
    return {QStringLiteral("station"), {}, *s, nullptr, true};
}

}  // namespace

class TestLimitDialog : public QObject {
    Q_OBJECT
private slots:
    void testSameLimitAsTheSearch() {
        const StudyDocument doc = station(150);
        LimitDialog dialog({doc}, 0);
        QVERIFY(dialog.selectField(QStringLiteral("workload.ratePerS")));
        dialog.setBounds(10, 95);
        dialog.setP99Target(100);
        dialog.setErrorRateTarget(std::nullopt);
        dialog.setReplications(3, 6);
        dialog.setTolerance(0.05);
        QSignalSpy ended(&dialog, &LimitDialog::searchEnded);
        QVERIFY2(dialog.start(), qPrintable(dialog.statusText()));
        QVERIFY(dialog.running());
        QVERIFY(ended.wait(120'000));
        QVERIFY(dialog.result());
        const LimitResult& got = *dialog.result();

        // sim/study directly, with the same spec and the runs archsim-cli makes.
        QString error;
        const auto json = dialog.sweepJson(error);
        QVERIFY(json);
        ValidationReport report;
        const auto spec = sweepFromJson(*json, {}, report);
        QVERIFY2(spec && spec->limit, report.toString().c_str());
        const StudyScenario study = studyScenarioOf(doc, "station");
        const LimitRunner run = [&](double value, unsigned first, unsigned count) {
            ScenarioOverride o = spec->limit->target;
            o.value = value;
            ValidationReport r;
            const auto scenario = studyPoint(study, {o}, r);
            std::vector<RunResult> runs;
            for (unsigned i = 0; i < count; ++i) {
                RunOptions options;
                options.seed = spec->seed;
                options.replication = first + i;
                runs.push_back(runScenario(*scenario, options));
            }
            return runs;
        };
        const LimitResult want = searchLimit(*spec->limit, spec->replications, run);
        QVERIFY(want.found);
        QCOMPARE(got.found, want.found);
        QCOMPARE(got.limit, want.limit);
        QCOMPARE(got.firstFailing, want.firstFailing);
        QCOMPARE(got.evaluations.size(), want.evaluations.size());
        // Near the M/M/1 answer, and said with its bracket and what broke.
        QVERIFY2(got.limit > 40 && got.limit < 65, qPrintable(QString::number(got.limit)));
        QVERIFY2(dialog.limitText().contains(archsim::ui::formatNumber(got.limit)),
                 qPrintable(dialog.limitText()));
        QVERIFY(got.broke);
        QVERIFY2(dialog.brokeText().contains(QString::fromStdString(got.broke->busiestComponent) +
                                             " busiest"),
                 qPrintable(dialog.brokeText()));
        QCOMPARE(dialog.evaluationTable()->rowCount(), static_cast<int>(got.evaluations.size()));
    }

    void testCancelStopsTheSearch() {
        LimitDialog dialog({station(200000)}, 0);
        dialog.setBounds(10, 95);
        dialog.setReplications(2, 4);
        QSignalSpy ended(&dialog, &LimitDialog::searchEnded);
        QVERIFY(dialog.start());
        QVERIFY(dialog.running());
        QTest::qWait(100);
        dialog.cancel();
        QVERIFY(ended.wait(60'000));
        QVERIFY(!dialog.running());
        QVERIFY(!dialog.result());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("Cancelled")),
                 qPrintable(dialog.statusText()));
        // And again, now closing the window mid-search.
        auto* other = new LimitDialog({station(200000)}, 0);
        other->setBounds(10, 95);
        QVERIFY(other->start());
        delete other;
    }

    void testBadInputNamesTheField() {
        LimitDialog dialog({station(30)}, 0);
        dialog.setP99Target(0);
        QVERIFY(!dialog.start());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("p99")) &&
                     dialog.statusText().contains(QStringLiteral("above 0")),
                 qPrintable(dialog.statusText()));
        dialog.setP99Target(50);
        dialog.setErrorRateTarget(0);
        QVERIFY(!dialog.start());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("error rate")),
                 qPrintable(dialog.statusText()));
        dialog.setErrorRateTarget(std::nullopt);
        dialog.setP99Target(std::nullopt);
        QVERIFY(!dialog.start());
        QVERIFY2(dialog.statusText().startsWith(QStringLiteral("Target")),
                 qPrintable(dialog.statusText()));
        dialog.setP99Target(50);
        dialog.setBounds(80, 20);
        QVERIFY(!dialog.start());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("Bounds")),
                 qPrintable(dialog.statusText()));
        QVERIFY(!dialog.running());
    }
};

QTEST_MAIN(TestLimitDialog)
#include "tst_limitdialog.moc"
