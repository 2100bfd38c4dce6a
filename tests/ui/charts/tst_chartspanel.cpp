// SPDX-License-Identifier: GPL-3.0-or-later
// The charts panel fed like a live run: every chart shows its data, the toggles change what they
// say they change, and every chart exports to PNG, SVG and PDF.
//
// Set ARCHSIM_CHART_SNAPSHOTS=<dir> to also save a screenshot of every tab there, to look at.

#include <qcustomplot.h>

#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>

#include "sim/lesson/lesson.h"
#include "sim/random/distribution.h"
#include "ui/charts/breakdownchart.h"
#include "ui/charts/cachedatabasechart.h"
#include "ui/charts/capacitychart.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/costchart.h"
#include "ui/charts/distributionchart.h"
#include "ui/charts/percentilechart.h"
#include "ui/charts/sampledata.h"
#include "ui/charts/slomarker.h"
#include "ui/charts/summarytable.h"
#include "ui/run/runcontroller.h"

using namespace archsim;
using namespace archsim::ui;
using archsim::test::SampleKind;

namespace {

constexpr int kServerless = 1;
constexpr int kStateful = 2;
constexpr std::size_t kWindows = 120;
constexpr std::size_t kBatch = 7;  // odd-sized batches, as a live run delivers them

}  // namespace

class TestChartsPanel : public QObject {
    Q_OBJECT

private:
    /// Adds both scenarios and feeds them like a run: window batches and histograms interleaved,
    /// then the results and cost curves.
    static void feed(ChartsPanel& panel, bool withResults = true) {
        TopologySpec serverlessTopology;
        serverlessTopology.functions.push_back(FunctionPoolSpec{});
        serverlessTopology.functions.back().id = "fn";
        serverlessTopology.caches.push_back(CacheSpec{});
        serverlessTopology.caches.back().id = "kv";
        TopologySpec statefulTopology;
        statefulTopology.servers.push_back(ServerPoolSpec{});
        statefulTopology.servers.back().id = "srv";
        panel.addScenario(kServerless, "serverless", QColor(230, 120, 30), serverlessTopology);
        panel.addScenario(kStateful, "stateful", QColor(40, 110, 190), statefulTopology);
        panel.setSloMs(10);
        for (std::size_t first = 0; first < kWindows; first += kBatch) {
            const std::size_t count = std::min(kBatch, kWindows - first);
            panel.appendWindows(kServerless,
                                test::sampleWindows(SampleKind::Serverless, first, count));
            panel.appendWindows(kStateful, test::sampleWindows(SampleKind::Stateful, first, count));
            const int sofar = static_cast<int>((first + count) * 200);
            panel.setHistogram(kServerless, test::sampleHistogram(SampleKind::Serverless, sofar));
            panel.setHistogram(kStateful, test::sampleHistogram(SampleKind::Stateful, sofar));
        }
        if (!withResults) return;
        panel.setResult(kServerless, test::sampleResult(SampleKind::Serverless));
        panel.setResult(kStateful, test::sampleResult(SampleKind::Stateful));
        panel.setCostCurve(kServerless, test::sampleCostCurve(SampleKind::Serverless));
        panel.setCostCurve(kStateful, test::sampleCostCurve(SampleKind::Stateful));
    }

private slots:
    void testEveryLessonChartIdNamesItsOwnTab() {
        // Lessons once picked the tab by the id's position in the list: with the Tail tab added
        // fourth, "capacity" opened Tail and "cache" opened Capacity.
        ChartsPanel panel;
        const std::map<std::string_view, QString> titles = {
            {"percentiles", "Percentiles"}, {"distribution", "Distribution"},
            {"breakdown", "Breakdown"},     {"tail", "Tail"},
            {"capacity", "Capacity"},       {"cache", "Cache && database"},
            {"cost", "Cost"},               {"summary", "Summary"},
            {"jobs", "Jobs"}};
        for (const std::string_view id : lessonChartIds()) {
            ChartWidget* chart = panel.chartById(id);
            QVERIFY2(chart, std::string(id).c_str());
            QCOMPARE(panel.tabText(panel.indexOf(chart)), titles.at(id));
        }
        QCOMPARE(lessonChartIds().size(), titles.size());
        QCOMPARE(panel.chartById("nothing"), static_cast<ChartWidget*>(nullptr));
    }

    void testEveryChartExplainsItself() {
        // Under every chart on screen, what it shows and how to read it, also as its accessible
        // description.
        ChartsPanel panel;
        for (ChartWidget* chart : panel.charts()) {
            QVERIFY2(chart->explanation().size() > 60, qPrintable(chart->windowTitle()));
            QCOMPARE(chart->accessibleDescription(), chart->explanation());
        }
    }

    void testPercentileChartHasEveryWindow() {
        ChartsPanel panel;
        feed(panel);
        const PercentileChart* chart = panel.percentileChart();
        for (int key : {kServerless, kStateful}) {
            for (auto p : {PercentileChart::Percentile::P50, PercentileChart::Percentile::P95,
                           PercentileChart::Percentile::P99, PercentileChart::Percentile::P999}) {
                QCPGraph* graph = chart->graph(key, p);
                QVERIFY2(graph, "every scenario has a curve per percentile");
                QCOMPARE(graph->dataCount(), static_cast<int>(kWindows));
            }
        }
        // The 10th window's p50 lands at the window's end, in ms.
        const auto rows = test::sampleWindows(SampleKind::Serverless, 9, 1);
        const auto point =
            chart->graph(kServerless, PercentileChart::Percentile::P50)->data()->at(9);
        QCOMPARE(point->key, 10.0);
        QCOMPARE(point->value, toMillis(rows.front().latency.p50));
    }

    void testPercentileOfTooFewRequestsIsDrawnFaded() {
        // 200 requests a window: enough for p50 and p95 (10 / (1 - q) = 20 and 200), too few for
        // p99 (1,000) and p99.9 (10,000), which move to the faded curves.
        ChartsPanel panel;
        feed(panel);
        const PercentileChart* chart = panel.percentileChart();
        const auto rows = test::sampleWindows(SampleKind::Serverless, 9, 1);
        using P = PercentileChart::Percentile;
        for (const P p : {P::P50, P::P95}) {
            QVERIFY(std::isfinite(chart->graph(kServerless, p)->data()->at(9)->value));
            QVERIFY(std::isnan(chart->thinGraph(kServerless, p)->data()->at(9)->value));
        }
        for (const P p : {P::P99, P::P999}) {
            QVERIFY(std::isnan(chart->graph(kServerless, p)->data()->at(9)->value));
            QVERIFY(std::isfinite(chart->thinGraph(kServerless, p)->data()->at(9)->value));
        }
        QCOMPARE(chart->thinGraph(kServerless, P::P999)->data()->at(9)->value,
                 toMillis(rows.front().latency.p999));
        QCOMPARE(PercentileChart::samplesNeeded(P::P999), 10.0 / (1.0 - 0.999));
        // The legend explains the faded lines.
        bool explained = false;
        for (int i = 0; i < chart->plot()->legend->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(chart->plot()->legend->item(i)))
                explained = explained || item->plottable()->name().contains("too few requests");
        QVERIFY(explained);
    }

    void testEmptyWindowIsAGapNotAZero() {
        ChartsPanel panel;
        panel.addScenario(kServerless, "serverless", Qt::red);
        auto rows = test::sampleWindows(SampleKind::Serverless, 0, 3);
        rows[1].latency =
            summarizeWindow(LatencyHistogram{}, rows[1].latency.start, rows[1].latency.end);
        panel.appendWindows(kServerless, rows);
        const auto* graph =
            panel.percentileChart()->graph(kServerless, PercentileChart::Percentile::P50);
        QCOMPARE(graph->dataCount(), 3);
        QVERIFY2(std::isnan(graph->data()->at(1)->value), "a window without completions is NaN");
        QVERIFY(!std::isnan(graph->data()->at(2)->value));
    }

    void testDistributionSpectrumFollowsTheHistogram() {
        ChartsPanel panel;
        feed(panel);
        DistributionChart* chart = panel.distributionChart();
        QCOMPARE(chart->view(), DistributionChart::View::Spectrum);
        const auto result = test::sampleResult(SampleKind::Serverless);
        QCPGraph* spectrum = chart->spectrumGraph(kServerless);
        QVERIFY(spectrum->dataCount() > 100);
        // The last histogram given was the result's; its spectrum ends at log10(n) nines.
        const double n = static_cast<double>(result.latency.count());
        QCOMPARE(spectrum->data()->at(0)->key, 0.0);
        QVERIFY(std::abs((spectrum->data()->end() - 1)->key - std::log10(n)) < 1e-9);
        QVERIFY((spectrum->data()->end() - 1)->value <= toMillis(result.latency.max()));
        QVERIFY((spectrum->data()->end() - 1)->value >= toMillis(result.latency.quantile(0.999)));
        for (int i = 1; i < spectrum->dataCount(); ++i)
            QVERIFY2(spectrum->data()->at(i)->value >= spectrum->data()->at(i - 1)->value,
                     "a percentile spectrum never decreases");
        // The one-pass quantiles agree with LatencyHistogram::quantile everywhere.
        const std::vector<double> qs{0, 0.001, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999, 1};
        const auto ms = DistributionChart::quantilesMs(result.latency, qs);
        for (std::size_t i = 0; i < qs.size(); ++i)
            QCOMPARE(ms[i], toMillis(result.latency.quantile(qs[i])));
        QCOMPARE(DistributionChart::ninesOf(0.99), 2.0);

        chart->setView(DistributionChart::View::HistogramCdf);
        QVERIFY(chart->histogramGraph(kServerless)->dataCount() > 10);
        QCPGraph* cdf = chart->cdfGraph(kStateful);
        QVERIFY(cdf->dataCount() > 10);
        QVERIFY2(std::abs((cdf->data()->end() - 1)->value - 100) < 1e-9, "the CDF ends at 100%");
        QVERIFY(!chart->spectrumGraph(kServerless)->visible());
        QVERIFY(chart->histogramGraph(kServerless)->visible());
        QCOMPARE(chart->plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
        // The SLO stands on the latency axis in both views.
        QCOMPARE(chart->slo().line()->point1->coords().x(), 10.0);
    }

    void testBreakdownBarsAreMeanMillisecondsPerRequest() {
        ChartsPanel panel;
        feed(panel);
        const BreakdownChart* chart = panel.breakdownChart();
        const auto result = test::sampleResult(SampleKind::Stateful);
        for (std::size_t i = 0; i < kTimeCategoryCount; ++i) {
            const auto category = static_cast<TimeCategory>(i);
            QCPBars* bars = chart->bars(category);
            QCOMPARE(bars->dataCount(), 2);
            QCOMPARE(bars->data()->at(1)->key, 1.0);  // the second scenario's position
            QCOMPARE(bars->data()->at(1)->value, result.meanBreakdownMs(category));
        }
        QVERIFY(std::abs(chart->valueMs(kServerless, TimeCategory::Cache) - 30.2) < 1e-9);
    }

    void testCapacityCountsComputeComponentsOnly() {
        ChartsPanel panel;
        feed(panel);
        const CapacityChart* chart = panel.capacityChart();
        const auto rows = test::sampleWindows(SampleKind::Serverless, 0, 1);
        QCPGraph* alive = chart->graph(kServerless, CapacityChart::Alive);
        QCOMPARE(alive->dataCount(), static_cast<int>(kWindows));
        // The remote cache "kv" is not an instance.
        QCOMPARE(alive->data()->at(0)->value, rows.front().components.front().alive);
        QCOMPARE(chart->graph(kServerless, CapacityChart::Busy)->data()->at(0)->value,
                 rows.front().components.front().busy);
        QCOMPARE(chart->graph(kServerless, CapacityChart::ColdStarts)->data()->at(0)->value,
                 static_cast<double>(rows.front().coldStarts));
        QCOMPARE(chart->graph(kServerless, CapacityChart::Throttled)->data()->at(0)->value, 4.0);
        QCOMPARE(chart->graph(kStateful, CapacityChart::Alive)->data()->at(0)->value, 4.0);
        // Instances, counts, and the requests lost to failure behaviour.
        QCOMPARE(chart->panelCount(), std::size_t{3});
    }

    void testCapacityShowsEachFailureReasonOnItsOwn() {
        ChartsPanel panel;
        panel.addScenario(kServerless, "one", Qt::blue);
        auto rows = test::sampleWindows(SampleKind::Serverless, 0, 3);
        const auto at = [](ErrorReason reason) { return static_cast<std::size_t>(reason); };
        for (WindowRow& row : rows) row.errors = {};
        rows[0].errors[at(ErrorReason::RetriesExhausted)] = 3;
        rows[0].errors[at(ErrorReason::Rejected)] = 2;
        rows[0].errors[at(ErrorReason::TimedOut)] = 1;
        rows[1].errors[at(ErrorReason::BreakerOpen)] = 5;
        rows[1].errors[at(ErrorReason::Shed)] = 6;
        rows[2].errors[at(ErrorReason::Unavailable)] = 7;
        rows[2].errors[at(ErrorReason::Failed)] = 8;
        panel.appendWindows(kServerless, rows);
        const CapacityChart* chart = panel.capacityChart();
        const auto value = [chart](CapacityChart::Curve curve, int window) {
            return chart->graph(kServerless, curve)->data()->at(window)->value;
        };
        QCOMPARE(value(CapacityChart::RetriesExhausted, 0), 3.0);
        QCOMPARE(value(CapacityChart::BreakerOpen, 1), 5.0);
        QCOMPARE(value(CapacityChart::Shed, 1), 6.0);
        QCOMPARE(value(CapacityChart::Unavailable, 2), 7.0);
        QCOMPARE(value(CapacityChart::Failed, 2), 8.0);
        // Not counted twice: "other errors" are the reasons without a series of their own.
        QCOMPARE(value(CapacityChart::OtherErrors, 0), 3.0);
        QCOMPARE(value(CapacityChart::OtherErrors, 1), 0.0);
        QCOMPARE(value(CapacityChart::Throttled, 0), 0.0);
        // A window without such errors is a gap, not a marker on the axis.
        QVERIFY(std::isnan(value(CapacityChart::RetriesExhausted, 1)));
        // The series sit in the bottom panel, each with its own marker, named by its reason.
        QSet<int> shapes;
        for (auto curve : {CapacityChart::RetriesExhausted, CapacityChart::BreakerOpen,
                           CapacityChart::Shed, CapacityChart::Unavailable, CapacityChart::Failed}) {
            QCPGraph* graph = chart->graph(kServerless, curve);
            QCOMPARE(graph->valueAxis()->axisRect(), chart->panel(2));
            shapes.insert(graph->scatterStyle().shape());
        }
        QCOMPARE(shapes.size(), 5);
        QStringList legend;
        for (int i = 0; i < chart->plot()->legend->itemCount(); ++i)
            if (auto* item =
                    qobject_cast<QCPPlottableLegendItem*>(chart->plot()->legend->item(i)))
                legend << item->plottable()->name();
        for (const char* reason :
             {"retries exhausted", "breaker open", "shed", "unavailable", "failed"})
            QVERIFY2(legend.contains(reason), reason);
    }

    void testCacheAndDatabaseSeries() {
        ChartsPanel panel;
        feed(panel);
        const CacheDatabaseChart* chart = panel.cacheDatabaseChart();
        QCPGraph* hits = chart->graph(kStateful, CacheDatabaseChart::HitRatio);
        QCOMPARE(hits->dataCount(), static_cast<int>(kWindows));
        QCOMPARE(hits->data()->at(5)->value, 93.0);  // a percentage
        QCOMPARE(chart->graph(kServerless, CacheDatabaseChart::ConnectionsInUse)->dataCount(),
                 static_cast<int>(kWindows));

        auto rows = test::sampleWindows(SampleKind::Stateful, kWindows, 1);
        rows.front().cacheHitRatio = -1;  // no lookups
        panel.appendWindows(kStateful, rows);
        QVERIFY(std::isnan((hits->data()->end() - 1)->value));
    }

    void testCostBarsCurvesAndCrossover() {
        ChartsPanel panel;
        feed(panel);
        const CostChart* chart = panel.costChart();
        QCOMPARE(chart->monthlyBars(kServerless)->dataCount(), 1);
        QCOMPARE(chart->monthlyBars(kServerless)->data()->at(0)->value, 455.0);
        QCOMPARE(chart->monthlyBars(kStateful)->data()->at(0)->key, 1.0);
        const auto stateful = test::sampleResult(SampleKind::Stateful);
        QCOMPARE(chart->perMillionBars(kStateful)->data()->at(0)->value,
                 *stateful.cost->costPerMillionRequests);
        QCOMPARE(chart->curveGraph(kServerless)->dataCount(), 8);
        QCOMPARE(chart->crossovers().size(), std::size_t{1});
        const auto& marked = chart->crossovers().front();
        QCOMPARE(marked.firstKey, kServerless);
        QVERIFY2(std::abs(marked.crossover.ratePerS - 120) < 1e-9, "2.5 x rate meets $300 at 120");
        QVERIFY(marked.crossover.firstCheaperBelow);
        QCOMPARE(chart->crossoverLabels().size(), std::size_t{1});
        QVERIFY(chart->crossoverLabels().front()->text().contains("120 req/s"));
        QVERIFY(chart->crossoverLabels().front()->text().contains("serverless is cheaper below"));
    }

    void testSummaryTableHasColumnsAndDifference() {
        ChartsPanel panel;
        feed(panel);
        const SummaryTable* summary = panel.summaryTable();
        QTableWidget* table = summary->table();
        QCOMPARE(table->rowCount(), static_cast<int>(SummaryTable::kRowCount));
        QCOMPARE(table->columnCount(), 3);  // serverless, stateful, their difference
        QCOMPARE(table->horizontalHeaderItem(2)->text(), QString("difference: stateful\nagainst serverless"));
        const auto serverless = test::sampleResult(SampleKind::Serverless);
        const auto stateful = test::sampleResult(SampleKind::Stateful);
        QCOMPARE(summary->value(kServerless, SummaryTable::P99),
                 toMillis(serverless.latency.quantile(0.99)));
        QCOMPARE(summary->value(kStateful, SummaryTable::MonthlyCost), 312.5);
        QCOMPARE(table->item(SummaryTable::MonthlyCost, 1)->text(), QString("$312.50"));
        QCOMPARE(table->item(SummaryTable::MonthlyCost, 2)->text(), QString("-$142.50 (-31.3%)"));
        QVERIFY2(table->item(SummaryTable::P99, 2)->text().startsWith('-'),
                 "the stateful tail is shorter");
        QVERIFY(table->item(SummaryTable::P99, 2)->text().endsWith("%)"));
        QCOMPARE(table->item(SummaryTable::ColdStartFraction, 1)->text(), QString("—"));
        QVERIFY(std::abs(summary->value(kServerless, SummaryTable::Throughput) - 200) < 1e-6);
    }

    void testSummaryIsLiveBeforeTheResult() {
        ChartsPanel panel;
        feed(panel, false);
        const SummaryTable* summary = panel.summaryTable();
        QVERIFY(std::isfinite(summary->value(kServerless, SummaryTable::P95)));
        QVERIFY(std::abs(summary->value(kStateful, SummaryTable::Throughput) - 200) < 1e-6);
        QVERIFY(summary->value(kServerless, SummaryTable::MonthlyCost) > 0);
    }

    void testLogScaleToggle() {
        ChartsPanel panel;
        feed(panel);
        QCustomPlot* percentiles = panel.percentileChart()->plot();
        QCOMPARE(percentiles->yAxis->scaleType(), QCPAxis::stLinear);
        panel.setLogScale(true);
        QVERIFY(panel.logScale());
        QCOMPARE(percentiles->yAxis->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY2(percentiles->yAxis->range().lower > 0, "a log axis starts above zero");
        QCOMPARE(panel.distributionChart()->plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        panel.setLogScale(false);
        QCOMPARE(percentiles->yAxis->scaleType(), QCPAxis::stLinear);
    }

    void testSloLineSitsAtTheObjective() {
        ChartsPanel panel;
        feed(panel);
        panel.setSloMs(25);
        const SloMarker& slo = panel.percentileChart()->slo();
        QVERIFY(slo.line()->visible());
        QCOMPARE(slo.line()->point1->coords().y(), 25.0);
        QCOMPARE(slo.line()->point2->coords().y(), 25.0);
        QCOMPARE(slo.label()->position->coords().y(), 25.0);
        QCOMPARE(slo.label()->text(), QString("SLO p99 25 ms"));
        panel.percentileChart()->rescale();
        QVERIFY2(panel.percentileChart()->plot()->yAxis->range().contains(25),
                 "the objective is always in view");
        QCOMPARE(panel.distributionChart()->slo().line()->point1->coords().y(), 25.0);
        panel.setSloMs(0);
        QVERIFY(!slo.line()->visible());
    }

    void testRemoveAndClear() {
        ChartsPanel panel;
        feed(panel);
        const int graphsBefore = panel.percentileChart()->plot()->graphCount();
        panel.removeScenario(kServerless);
        QVERIFY(!panel.percentileChart()->graph(kServerless, PercentileChart::Percentile::P50));
        // Four curves, four faded curves and the legend key of the scenario.
        QCOMPARE(panel.percentileChart()->plot()->graphCount(), graphsBefore - 9);
        QCOMPARE(panel.percentileChart()
                     ->graph(kStateful, PercentileChart::Percentile::P50)
                     ->dataCount(),
                 static_cast<int>(kWindows));
        // The remaining scenario moves to the first bar position.
        QCOMPARE(panel.breakdownChart()->bars(TimeCategory::Cpu)->data()->at(0)->key, 0.0);
        QCOMPARE(panel.summaryTable()->table()->columnCount(), 1);
        QVERIFY(panel.costChart()->crossovers().empty());
        panel.clear();
        for (const ChartWidget* chart : panel.charts()) QVERIFY(chart->scenarios().empty());
        QCOMPARE(panel.percentileChart()->plot()->graphCount(), graphsBefore - 18);
    }

    void testExport_data() {
        QTest::addColumn<int>("tab");
        QTest::addColumn<QString>("suffix");
        for (int tab = 0; tab < 7; ++tab)
            for (const char* suffix : {"png", "svg", "pdf"})
                QTest::addRow("tab%d.%s", tab, suffix) << tab << QString(suffix);
    }

    void testExport() {
        QFETCH(int, tab);
        QFETCH(QString, suffix);
        ChartsPanel panel;
        panel.resize(1000, 700);
        feed(panel);
        panel.setCurrentIndex(tab);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = qEnvironmentVariableIsSet("ARCHSIM_CHART_SNAPSHOTS")
                                 ? QString("%1/export%2.%3")
                                       .arg(qEnvironmentVariable("ARCHSIM_CHART_SNAPSHOTS"))
                                       .arg(tab)
                                       .arg(suffix)
                                 : dir.filePath("chart." + suffix);
        QString error;
        QVERIFY2(panel.exportCurrentChart(path, &error), qPrintable(error));
        QVERIFY2(
            QFileInfo(path).size() > 1000,
            qPrintable(QString("the export is not empty: %1 bytes").arg(QFileInfo(path).size())));
        if (suffix == "png" && panel.charts()[static_cast<std::size_t>(tab)]->plot()) {
            const QImage image(path);
            QCOMPARE(image.size(), QSize(ChartWidget::kExportWidth, ChartWidget::kExportHeight));
        }
        QVERIFY(!panel.exportCurrentChart(dir.filePath("chart.bmp"), &error));
        QVERIFY(!error.isEmpty());
    }

    void testFollowsARunController() {
        Scenario scenario;
        scenario.workload.ratePerS = 50;
        scenario.run.durationS = 20;
        scenario.run.windowS = 1;
        scenario.topology.stations = {{"station", 2, makeExponential(10)}};
        scenario.topology.entry = scenario.topology.stations.front().id;
        ChartsPanel panel;
        RunController controller;
        panel.follow(&controller);
        panel.addScenario(1, "station", Qt::darkGreen, scenario.topology);
        QSignalSpy finished(&controller, &RunController::allFinished);
        controller.start({{1, scenario, 3}});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(panel.percentileChart()->graph(1, PercentileChart::Percentile::P99)->dataCount(),
                 20);
        QVERIFY(panel.distributionChart()->spectrumGraph(1)->dataCount() > 0);
        QVERIFY(std::isfinite(panel.summaryTable()->value(1, SummaryTable::P999)));
        // The station's two servers are its capacity.
        QCOMPARE(panel.capacityChart()->graph(1, CapacityChart::Alive)->data()->at(0)->value, 2.0);
    }

    void testSnapshots() {
        const QByteArray dir = qgetenv("ARCHSIM_CHART_SNAPSHOTS");
        if (dir.isEmpty()) QSKIP("set ARCHSIM_CHART_SNAPSHOTS=<dir> to save screenshots");
        ChartsPanel panel;
        panel.resize(1100, 720);
        feed(panel);
        panel.show();
        for (int tab = 0; tab < panel.count(); ++tab) {
            panel.setCurrentIndex(tab);
            QCoreApplication::processEvents();
            QTest::qWait(50);
            panel.grab().save(QString("%1/tab%2.png").arg(QString(dir)).arg(tab));
        }
        panel.distributionChart()->setView(DistributionChart::View::HistogramCdf);
        panel.setCurrentIndex(1);
        QTest::qWait(50);
        panel.grab().save(QString("%1/tab1-histogram.png").arg(QString(dir)));
        panel.setLogScale(true);
        panel.setCurrentIndex(0);
        QTest::qWait(50);
        panel.grab().save(QString("%1/tab0-log.png").arg(QString(dir)));
    }
};

QTEST_MAIN(TestChartsPanel)
#include "tst_chartspanel.moc"
