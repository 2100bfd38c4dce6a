// SPDX-License-Identifier: GPL-3.0-or-later
// What the window does with a run's results, through its own menu actions: Export Chart… through
// the export dialog for every tab (the summary table included); the topology diagram and the data
// behind the charts exported; replications drawn as bands and intervals; a baseline kept across an
// edit and a re-run; a scenario duplicated into a document of its own.

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QImage>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sim/scenario/scenariojson.h"
#include "ui/charts/chartexportdialog.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/chartwidget.h"
#include "ui/charts/percentilechart.h"
#include "ui/charts/summarytable.h"
#include "ui/document/scenariodocument.h"
#include "ui/mainwindow.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

constexpr int kRunTimeoutMs = 120'000;

QAction* action(MainWindow& window, const char* name) {
    return window.findChild<QAction*>(QLatin1String(name));
}

/// A short M/M/c run: a minute of simulated time in ten-second windows.
ScenarioDocument* openShortQueue(MainWindow& window) {
    ScenarioDocument* document = window.openPreset(QStringLiteral("mmc-queue.json"));
    if (!document) return nullptr;
    Scenario scenario = document->scenario();
    scenario.run.durationS = 60;
    scenario.run.warmupS = 0;
    scenario.seed = 77;
    document->edit(scenario, QStringLiteral("shorter"));
    return document;
}

/// Answers the next file dialog with `path` (a modal dialog: a queued call sees it once open).
void answerFileDialog(const QString& path) {
    QTimer::singleShot(0, [path] {
        QTRY_VERIFY(qobject_cast<QFileDialog*>(QApplication::activeModalWidget()));
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        dialog->selectFile(path);
        QMetaObject::invokeMethod(dialog, "accept");
    });
}

bool runAndWait(MainWindow& window) {
    QSignalSpy finished(&window, &MainWindow::runsFinished);
    window.startRun();
    return finished.wait(kRunTimeoutMs);
}

}  // namespace

class TestMainWindowResults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindowresults"));
        QSettings().clear();
        QVERIFY(m_autosave.isValid());
    }

    void cleanup() { QSettings().clear(); }

    void testExportChartUsesTheDialog() {
        MainWindow window(m_autosave.path());
        window.setSpeedIndex(4);
        ScenarioDocument* document = openShortQueue(window);
        QVERIFY(document);
        QVERIFY(runAndWait(window));
        QTemporaryDir dir;
        QSettings().setValue(QLatin1String(ChartExportDialog::kDirectoryKey), dir.path());
        QAction* exportChart = action(window, "exportChartAction");
        QVERIFY(exportChart);
        const QString name = QString::fromStdString(document->scenario().name);
        for (int tab = 0; tab < window.chartsPanel()->count(); ++tab) {
            window.chartsPanel()->setCurrentIndex(tab);
            auto* chart = qobject_cast<ChartWidget*>(window.chartsPanel()->currentWidget());
            QVERIFY(chart);
            exportChart->trigger();
            auto* dialog = window.findChild<ChartExportDialog*>();
            QVERIFY2(dialog && dialog->isVisible(), "Export Chart… opens the export dialog");
            QCOMPARE(QFileInfo(dialog->path()).absolutePath(), QDir(dir.path()).absolutePath());
            QCOMPARE(QFileInfo(dialog->path()).fileName(),
                     chart->suggestedFileName(QStringLiteral("png")));
            QVERIFY2(dialog->captionText().contains(name), qPrintable(dialog->captionText()));
            QVERIFY2(dialog->captionText().contains(QStringLiteral("seed 77")),
                     qPrintable(dialog->captionText()));
            QVERIFY2(dialog->captionText().contains(QStringLiteral("60 s simulated")),
                     qPrintable(dialog->captionText()));
            QCOMPARE(dialog->scale(), 2);
            const QSize size = dialog->exportSize();
            const QString path = dir.filePath(QStringLiteral("tab%1.png").arg(tab));
            dialog->setPath(path);
            dialog->accept();
            QTRY_VERIFY(!window.findChild<ChartExportDialog*>());  // closed and deleted
            const QImage image(path);
            QCOMPARE(image.size(), size * 2);
        }
        window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::Discard;
        });
    }

    void testExportTopology() {
        MainWindow window(m_autosave.path());
        ScenarioDocument* document = openShortQueue(window);
        QVERIFY(document);
        QAction* exportTopology = action(window, "exportTopologyAction");
        QVERIFY(exportTopology);
        QVERIFY(window.findChild<QMenu*>(QStringLiteral("exportMenu"))
                    ->actions()
                    .contains(exportTopology));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("diagram.mmd"));
        answerFileDialog(path);
        exportTopology->trigger();
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), "the Mermaid file is written");
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(QStringLiteral("flowchart LR")));
        QVERIFY(text.contains(QString::fromStdString(document->scenario().topology.entry)));
        window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::Discard;
        });
    }

    void testReplicationsReachTheCharts() {
        MainWindow window(m_autosave.path());
        window.setSpeedIndex(4);
        ScenarioDocument* document = openShortQueue(window);
        QVERIFY(document);
        auto* spin = window.findChild<QSpinBox*>(QStringLiteral("replications"));
        QVERIFY(spin);
        QCOMPARE(spin->value(), 1);
        QCOMPARE(spin->minimum(), 1);
        QCOMPARE(spin->maximum(), 1000);
        PercentileChart* percentiles = window.chartsPanel()->percentileChart();
        QVERIFY(runAndWait(window));
        QCOMPARE(percentiles->bandCount(), 0);
        const int plainGraphs = percentiles->plot()->graphCount();
        SummaryTable* summary = window.chartsPanel()->summaryTable();
        QCOMPARE(summary->interval(document->key(), SummaryTable::P99).n, 0);

        spin->setValue(3);
        QVERIFY(runAndWait(window));
        const int key = document->key();
        // A band for each of the four lines: two edges each, and one legend key for them.
        QCOMPARE(percentiles->bandCount(), 4);
        QCOMPARE(percentiles->plot()->graphCount(), plainGraphs + 4 * 2 + 1);
        QCPGraph* upper = percentiles->bandGraph(key, PercentileChart::Percentile::P99, true);
        QCPGraph* lower = percentiles->bandGraph(key, PercentileChart::Percentile::P99, false);
        QVERIFY(upper && lower);
        QCOMPARE(upper->channelFillGraph(), lower);
        QVERIFY(upper->dataCount() > 0);
        bool wider = false;
        for (auto percentile :
             {PercentileChart::Percentile::P50, PercentileChart::Percentile::P95,
              PercentileChart::Percentile::P99, PercentileChart::Percentile::P999}) {
            QCPGraph* high = percentiles->bandGraph(key, percentile, true);
            QCPGraph* low = percentiles->bandGraph(key, percentile, false);
            for (int i = 0; i < high->dataCount(); ++i) {
                const double hi = high->data()->at(i)->value, lo = low->data()->at(i)->value;
                if (std::isnan(hi)) continue;
                QVERIFY(hi >= lo);
                wider = wider || hi > lo;
            }
        }
        QVERIFY2(wider, "independent replications differ somewhere");
        // The summary: every figure with its 95% interval over the three replications.
        const ConfidenceInterval p99 = summary->interval(key, SummaryTable::P99);
        QCOMPARE(p99.n, 3);
        QVERIFY(p99.halfWidth > 0);
        QCOMPARE(summary->value(key, SummaryTable::P99), p99.mean);
        QVERIFY(summary->table()->item(SummaryTable::P99, 0)->text().contains(QStringLiteral("±")));
        QVERIFY(percentiles->caption().contains(QStringLiteral("3 replications")));
        QVERIFY(percentiles->caption().contains(QStringLiteral("seed 77")));

        // Deterministic: the same seed gives bit-identical replications.
        const double mean = p99.mean, half = p99.halfWidth;
        QVERIFY(runAndWait(window));
        QCOMPARE(summary->interval(key, SummaryTable::P99).mean, mean);
        QCOMPARE(summary->interval(key, SummaryTable::P99).halfWidth, half);
        window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::Discard;
        });
    }

    void testBaselineAgainstAnEdit() {
        MainWindow window(m_autosave.path());
        window.setSpeedIndex(4);
        ScenarioDocument* document = openShortQueue(window);
        QVERIFY(document);
        const int key = document->key();
        const int baselineKey = -key;
        // Nothing to keep before a run.
        QVERIFY(!window.keepBaseline());
        QVERIFY(runAndWait(window));
        PercentileChart* percentiles = window.chartsPanel()->percentileChart();
        const int before = percentiles->plot()->graphCount();
        const double p99Before =
            window.chartsPanel()->summaryTable()->value(key, SummaryTable::P99);
        QAction* keep = action(window, "keepBaselineAction");
        QVERIFY(keep);
        keep->trigger();
        // On every chart, labelled, faded.
        for (const ChartWidget* chart : window.chartsPanel()->charts()) {
            QCOMPARE(chart->scenarioIndex(baselineKey), 0);
            const ChartScenario& baseline = chart->scenarios().front();
            QVERIFY(baseline.name.endsWith(QStringLiteral("(baseline)")));
            QVERIFY(baseline.colour.alpha() < 255);
            QVERIFY(chart->scenarioIndex(key) >= 0);
        }
        QVERIFY(percentiles->plot()->graphCount() > before);
        QCPGraph* frozen = percentiles->graph(baselineKey, PercentileChart::Percentile::P99);
        QVERIFY(frozen);
        const int frozenPoints = frozen->dataCount();
        QVERIFY(frozenPoints > 0);
        QCOMPARE(frozen->pen().style(), Qt::CustomDashLine);  // solid lines become dashed
        QCOMPARE(window.chartsPanel()->summaryTable()->value(baselineKey, SummaryTable::P99),
                 p99Before);

        // An edit re-runs what is shown; the baseline stays as it was, next to the new run.
        QSignalSpy finished(&window, &MainWindow::runsFinished);
        Scenario edited = document->scenario();
        edited.workload.ratePerS *= 1.5;
        document->edit(edited, QStringLiteral("more traffic"));
        QVERIFY(finished.wait(kRunTimeoutMs));
        frozen = percentiles->graph(baselineKey, PercentileChart::Percentile::P99);
        QVERIFY(frozen);
        QCOMPARE(frozen->dataCount(), frozenPoints);
        QCOMPARE(window.chartsPanel()->summaryTable()->value(baselineKey, SummaryTable::P99),
                 p99Before);
        QVERIFY(window.chartsPanel()->summaryTable()->value(key, SummaryTable::P99) != p99Before);

        action(window, "clearBaselineAction")->trigger();
        for (const ChartWidget* chart : window.chartsPanel()->charts())
            QCOMPARE(chart->scenarioIndex(baselineKey), -1);
        QVERIFY(percentiles->graph(key, PercentileChart::Percentile::P99)->dataCount() > 0);
        window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::Discard;
        });
    }

    void testDuplicateScenario() {
        MainWindow window(m_autosave.path());
        ScenarioDocument* original = openShortQueue(window);
        QVERIFY(original);
        const std::string name = original->scenario().name;
        action(window, "duplicateScenarioAction")->trigger();
        QCOMPARE(window.documents().size(), std::size_t(2));
        ScenarioDocument* copy = window.currentDocument();
        QVERIFY(copy != original);
        QCOMPARE(copy->scenario().name, name + " (copy)");
        QVERIFY(copy->isModified());
        QVERIFY(copy->filePath().isEmpty());
        QVERIFY(!copy->isPreset());
        Scenario expected = original->scenario();
        expected.name = copy->scenario().name;
        QCOMPARE(scenarioToText(copy->scenario()), scenarioToText(expected));
        // Its own document: editing the copy leaves the original alone.
        Scenario edited = copy->scenario();
        edited.run.durationS = 30;
        copy->edit(edited, QStringLiteral("shorter"));
        QCOMPARE(original->scenario().run.durationS, 60.0);
        QVERIFY(copy->undoStack() != original->undoStack());
        window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::Discard;
        });
    }

    void testExportData() {
        MainWindow window(m_autosave.path());
        window.setSpeedIndex(4);
        QVERIFY(openShortQueue(window));
        window.setReplications(2);
        QVERIFY(runAndWait(window));
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("series.csv"));
        answerFileDialog(csv);
        action(window, "exportTimeSeriesAction")->trigger();
        QFile series(csv);
        QVERIFY2(series.open(QIODevice::ReadOnly), "the time series is written");
        const QList<QByteArray> lines = series.readAll().split('\n');
        QVERIFY(lines.front().startsWith("scenario,seed,replication,window_start_s"));
        // Two replications of six ten-second windows, a header and the final newline.
        QCOMPARE(lines.size(), 1 + 2 * 6 + 1);
        const QString json = dir.filePath(QStringLiteral("summary.json"));
        answerFileDialog(json);
        action(window, "exportSummaryAction")->trigger();
        QFile summary(json);
        QVERIFY2(summary.open(QIODevice::ReadOnly), "the summary is written");
        const auto parsed = nlohmann::json::parse(summary.readAll().toStdString());
        QCOMPARE(parsed["scenarios"][0]["seed"].get<int>(), 77);
        QCOMPARE(parsed["scenarios"][0]["figures"]["p99"]["replications"].get<int>(), 2);
        window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::Discard;
        });
    }

private:
    QTemporaryDir m_autosave;
};

QTEST_MAIN(TestMainWindowResults)
#include "tst_mainwindowresults.moc"
