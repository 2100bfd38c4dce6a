// SPDX-License-Identifier: GPL-3.0-or-later
// Theory beside simulation in the window: the Summary tab's theory rows after a run, and the
// detected warm-up on the percentile chart.
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "sim/model/handcheckedscenario.h"
#include "sim/run/runner.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/percentilechart.h"
#include "ui/charts/summarytable.h"
#include "ui/document/scenariodocument.h"
#include "ui/mainwindow.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

/// The row whose header starts with `prefix`, or -1.
int rowOf(const QTableWidget* table, const QString& prefix) {
    for (int row = 0; row < table->rowCount(); ++row)
        if (auto* item = table->verticalHeaderItem(row); item && item->text().startsWith(prefix))
            return row;
    return -1;
}

}  // namespace

class TestSummaryTheory : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_summarytheory"));
        QSettings().clear();
        QVERIFY(m_autosave.isValid());
    }

    void testWindowShowsTheoryAfterARun() {
        MainWindow window(m_autosave.path());
        window.setSpeedIndex(4);
        ScenarioDocument* document = window.openPreset(QStringLiteral("mmc-queue.json"));
        QVERIFY(document);
        Scenario scenario = document->scenario();
        scenario.run.durationS = 20000;
        scenario.workload.ratePerS = 7;  // rho 0.7 rather than the preset's 0.9
        document->edit(scenario, QStringLiteral("lighter"));
        QSignalSpy finished(&window, &MainWindow::runsFinished);
        window.startRun();
        QVERIFY(finished.wait(120'000));

        SummaryTable* summary = window.chartsPanel()->summaryTable();
        QVERIFY(summary->theoryRowCount() >= 8);  // 6 Erlang C figures, Little's law, warm-up
        const QTableWidget* table = summary->table();
        const int wait = rowOf(table, QStringLiteral("theory: servers: mean wait in queue"));
        QVERIFY(wait >= 0);
        const QString cell = table->item(wait, 0)->text();
        // "simulated ± half-width vs theory ✓"
        QVERIFY2(cell.contains(QRegularExpression(
                     QStringLiteral("^[0-9.]+ m?s ± [0-9.]+ m?s vs [0-9.]+ m?s ✓$"))),
                 qPrintable(cell));
        QVERIFY(table->item(wait, 0)->toolTip().contains(QStringLiteral("Agrees.")));
        QVERIFY(table->item(wait, 0)->toolTip().contains(QStringLiteral("Erlang C (M/M/10)")));
        const int little = rowOf(table, QStringLiteral("Little's law"));
        QVERIFY(little >= 0);
        QCOMPARE(table->item(little, 0)->text(), QStringLiteral("holds in 2 of 2 places"));
        const int warmup = rowOf(table, QStringLiteral("detected warm-up"));
        QVERIFY(warmup >= 0);
        QVERIFY2(table->item(warmup, 0)->text().contains(QStringLiteral("scenario's 100 s used")),
                 qPrintable(table->item(warmup, 0)->text()));
        const theory::TheoryComparison* comparison = summary->theory(document->key());
        QVERIFY(comparison);
        QVERIFY(!comparison->anyDisagreement());
        QVERIFY(window.chartsPanel()->percentileChart()->detectedWarmupS(document->key()) >= 0);
        window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::Discard;
        });
    }

    void testNotApplicableAndWarmupLine() {
        // A trace into a station: no formula applies, and the table says why in a tooltip.
        std::vector<double> arrivals;
        for (int i = 0; i < 4000; ++i) arrivals.push_back(0.05 * i);
        Scenario s = testing::traceScenario(arrivals, 200);
        s.topology.entry = "station";
        s.topology.stations.push_back({"station", 1, makeConstant(30)});
        ChartsPanel panel;
        panel.addScenario(1, QStringLiteral("trace"), Qt::blue);
        panel.setScenario(1, s);
        const RunResult r = runScenario(s, RunOptions{});
        panel.appendWindows(1, r.windows);
        panel.setResult(1, r);
        const QTableWidget* table = panel.summaryTable()->table();
        const int row = rowOf(table, QStringLiteral("theory: station: queueing formulas"));
        QVERIFY(row >= 0);
        QCOMPARE(table->item(row, 0)->text(), QStringLiteral("not applicable"));
        QVERIFY(table->item(row, 0)->toolTip().contains(QStringLiteral("replayed trace")));
        // Constant 30 ms service every 50 ms: no transient, so no line at a positive time.
        QVERIFY(panel.percentileChart()->detectedWarmupS(1) >= 0);
        panel.removeScenario(1);
        QCOMPARE(panel.summaryTable()->theoryRowCount(), 0);
    }

    void testWarmupLineMarksATransient() {
        // An overloaded start: 40 ms service at 30 requests/s for the first 300 s, then 10/s:
        // the backlog drains, and the warm-up line stands after the first windows.
        Scenario s;
        s.name = "transient";
        s.run.durationS = 3000;
        s.run.windowS = 10;
        s.workload.type = WorkloadType::Schedule;
        s.workload.schedule = {{0, 30}, {300, 30}, {301, 10}};
        s.topology.entry = "station";
        s.topology.stations.push_back({"station", 1, makeExponential(40)});
        PercentileChart chart;
        chart.addScenario(1, QStringLiteral("transient"), Qt::red);
        const RunResult r = runScenario(s, RunOptions{});
        chart.appendWindows(1, r.windows);
        chart.setResult(1, r);
        QVERIFY2(chart.detectedWarmupS(1) >= 300,
                 qPrintable(QString::number(chart.detectedWarmupS(1))));
        QVERIFY(chart.warmupLine(1));
        chart.removeScenario(1);
        QVERIFY(!chart.warmupLine(1));
    }

private:
    QTemporaryDir m_autosave;
};

QTEST_MAIN(TestSummaryTheory)
#include "tst_summarytheory.moc"
