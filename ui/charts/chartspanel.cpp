// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/chartspanel.h"

#include "ui/charts/breakdownchart.h"
#include "ui/charts/cachedatabasechart.h"
#include "ui/charts/capacitychart.h"
#include "ui/charts/costchart.h"
#include "ui/charts/distributionchart.h"
#include "ui/charts/jobschart.h"
#include "ui/charts/percentilechart.h"
#include "ui/charts/summarytable.h"
#include "ui/charts/tailchart.h"
#include "ui/run/runcontroller.h"

namespace archsim::ui {

template <typename Chart>
Chart* ChartsPanel::addChart(Chart* chart, const QString& tabName, std::string_view id) {
    addTab(chart, tabName);
    m_charts.push_back(chart);
    m_ids.push_back(id);
    return chart;
}

ChartWidget* ChartsPanel::chartById(std::string_view id) const {
    for (std::size_t i = 0; i < m_ids.size(); ++i)
        if (m_ids[i] == id) return m_charts[i];
    return nullptr;
}

ChartsPanel::ChartsPanel(QWidget* parent)
    : QTabWidget(parent),
      m_percentiles(addChart(new PercentileChart, tr("Percentiles"), "percentiles")),
      m_distribution(addChart(new DistributionChart, tr("Distribution"), "distribution")),
      m_breakdown(addChart(new BreakdownChart, tr("Breakdown"), "breakdown")),
      m_tail(addChart(new TailChart, tr("Tail"), "tail")),
      m_capacity(addChart(new CapacityChart, tr("Capacity"), "capacity")),
      m_cacheDatabase(addChart(new CacheDatabaseChart, tr("Cache && database"), "cache")),
      m_cost(addChart(new CostChart, tr("Cost"), "cost")),
      m_summary(addChart(new SummaryTable, tr("Summary"), "summary")),
      m_jobs(addChart(new JobsChart, tr("Jobs"), "jobs")) {
    setDocumentMode(true);
}

void ChartsPanel::clear() {
    for (ChartWidget* chart : m_charts) chart->clear();
}

void ChartsPanel::addScenario(int key, const QString& name, const QColor& colour) {
    for (ChartWidget* chart : m_charts) chart->addScenario(key, name, colour);
}

void ChartsPanel::addScenario(int key, const QString& name, const QColor& colour,
                              const TopologySpec& topology) {
    addScenario(key, name, colour);
    m_capacity->setTopology(key, topology);
}

void ChartsPanel::setFailures(int key, const std::vector<FailureSpec>& failures) {
    for (ChartWidget* chart : m_charts) chart->setFailures(key, failures);
}

void ChartsPanel::setScenario(int key, const Scenario& scenario) {
    m_summary->setScenario(key, scenario);
}

void ChartsPanel::removeScenario(int key) {
    for (ChartWidget* chart : m_charts) chart->removeScenario(key);
}

void ChartsPanel::appendWindows(int key, const std::vector<WindowRow>& rows) {
    for (ChartWidget* chart : m_charts) chart->appendWindows(key, rows);
}

void ChartsPanel::setHistogram(int key, const LatencyHistogram& histogram) {
    for (ChartWidget* chart : m_charts) chart->setHistogram(key, histogram);
}

void ChartsPanel::setResult(int key, const RunResult& result) {
    const double windowS =
        result.windows.empty()
            ? 0
            : toSeconds(result.windows.front().latency.end - result.windows.front().latency.start);
    for (ChartWidget* chart : m_charts) {
        chart->setRunFacts(key, result.seed, toSeconds(result.simulatedTime), windowS);
        chart->setResult(key, result);
    }
}

void ChartsPanel::setReplicationResults(int key, const std::vector<RunResult>& results) {
    for (ChartWidget* chart : m_charts) {
        chart->setReplications(static_cast<int>(results.size()));
        chart->setReplicationResults(key, results);
    }
}

void ChartsPanel::setReplicationCount(int replications) {
    for (ChartWidget* chart : m_charts) chart->setReplications(std::max(1, replications));
}

void ChartsPanel::setCostCurve(int key, const std::vector<CostPoint>& curve) {
    for (ChartWidget* chart : m_charts) chart->setCostCurve(key, curve);
}

void ChartsPanel::applyLook() {
    for (ChartWidget* chart : m_charts) chart->applyLook();
}

void ChartsPanel::setSloMs(double sloMs, double percentile) {
    m_sloMs = sloMs;
    for (ChartWidget* chart : m_charts) {
        chart->setSloPercentile(percentile);
        chart->setSloMs(sloMs);
        chart->setCaptionSloMs(sloMs);
    }
}

void ChartsPanel::setLogScale(bool logarithmic) {
    m_logScale = logarithmic;
    for (ChartWidget* chart : m_charts) chart->setLogScale(logarithmic);
}

void ChartsPanel::follow(const RunController* controller) {
    connect(controller, &RunController::windowsAvailable, this, &ChartsPanel::appendWindows);
    connect(controller, &RunController::histogramAvailable, this,
            [this](int key, const std::shared_ptr<const LatencyHistogram>& histogram) {
                if (histogram) setHistogram(key, *histogram);
            });
    connect(controller, &RunController::runFinished, this,
            [this](int key, const std::shared_ptr<const RunResult>& result) {
                if (result) setResult(key, *result);
            });
    connect(controller, &RunController::costCurveReady, this, &ChartsPanel::setCostCurve);
    connect(controller, &RunController::replicationsFinished, this,
            [this](int key, const std::shared_ptr<const std::vector<RunResult>>& results) {
                if (results) setReplicationResults(key, *results);
            });
}

bool ChartsPanel::exportCurrentChart(const QString& path, QString* error) {
    auto* chart = qobject_cast<ChartWidget*>(currentWidget());
    if (!chart) {
        if (error) *error = tr("There is no chart to export.");
        return false;
    }
    const QSize size = chart->defaultExportSize();
    return chart->exportTo(path, error, size.width(), size.height());
}

}  // namespace archsim::ui
