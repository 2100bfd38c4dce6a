// SPDX-License-Identifier: GPL-3.0-or-later
// The Summary tab's job rows over replications: each is the mean of the replications with its 95%
// interval, as the request rows are, and the figures behind them are the report's and the data
// export's (ui/report/summaryfigures.h).
#include <QTableWidget>
#include <QtTest>
#include <cmath>

#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"
#include "sim/stats/confidence.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/summarytable.h"
#include "ui/report/summaryfigures.h"

using namespace archsim;
using namespace archsim::ui;

class TestSummaryJobs : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        ValidationReport report;
        auto scenario =
            loadScenarioFile(ARCHSIM_RESOURCES_DIR "/presets/async-orders-queue.json", report);
        QVERIFY2(scenario, report.toString().c_str());
        scenario->run.durationS = 1000;  // past the preset's failure, and jobs in every replication
        for (std::uint64_t replication = 0; replication < 4; ++replication) {
            RunOptions options;
            options.seed = scenario->seed;
            options.replication = replication;
            m_runs.push_back(runScenario(*scenario, options));
            QVERIFY(m_runs.back().jobs);
            QVERIFY(m_runs.back().jobs->latency.count() > 100);
        }
    }

    void testJobRowsShowTheMeanAndIntervalOfTheReplications() {
        ChartsPanel panel;
        panel.addScenario(1, QStringLiteral("orders"), Qt::blue);
        panel.setResult(1, m_runs.front());
        panel.setReplicationResults(1, m_runs);
        const SummaryTable* summary = panel.summaryTable();

        struct Expected {
            SummaryTable::Row row;
            double (*value)(const RunResult&);
        };
        const Expected rows[] = {
            {SummaryTable::JobP50,
             [](const RunResult& r) { return toMillis(r.jobs->latency.quantile(0.50)); }},
            {SummaryTable::JobP99,
             [](const RunResult& r) { return toMillis(r.jobs->latency.quantile(0.99)); }},
            {SummaryTable::JobsDeadLettered,
             [](const RunResult& r) { return static_cast<double>(r.jobs->deadLettered); }},
        };
        for (const Expected& expected : rows) {
            std::vector<double> values;
            for (const RunResult& run : m_runs) values.push_back(expected.value(run));
            const ConfidenceInterval want = meanConfidenceInterval(values, 0.95);
            const ConfidenceInterval got = summary->interval(1, expected.row);
            QCOMPARE(got.n, 4);
            QCOMPARE(got.mean, want.mean);
            QCOMPARE(got.halfWidth, want.halfWidth);
            QCOMPARE(summary->value(1, expected.row), want.mean);
        }
        // The replications differ, so the job p50 has a real interval, and the cell shows it.
        QVERIFY(summary->interval(1, SummaryTable::JobP50).halfWidth > 0);
        const QTableWidget* table = summary->table();
        const int row = static_cast<int>(SummaryTable::JobP50);
        QVERIFY2(table->item(row, 0)->text().contains(QStringLiteral(" ± ")),
                 qPrintable(table->item(row, 0)->text()));
    }

    void testJobFiguresApplyOnlyToRunsWithQueues() {
        RunResult withoutQueues;
        for (const char* id : {"jobP50", "jobP99", "jobsDeadLettered"}) {
            const SummaryFigure* figure = summaryFigure(QLatin1String(id));
            QVERIFY2(figure, id);
            QVERIFY(std::isnan(figure->value(withoutQueues)));
            QVERIFY(std::isfinite(figure->value(m_runs.front())));
        }
    }

private:
    std::vector<RunResult> m_runs;
};

QTEST_MAIN(TestSummaryJobs)
#include "tst_summaryjobs.moc"
