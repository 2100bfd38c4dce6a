// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every chart of a run, one per tab: percentiles over time, the latency distribution, where the
// time goes, capacity, cache and database, cost, and the summary table. The panel fans each call
// out to all charts; a chart that does not show a kind of data ignores it, and charts on hidden
// tabs only replot when they are shown.
//
// Feeding it: addScenario() per run (key, name, colour), then appendWindows(), setHistogram() and
// setResult() as RunController delivers them, and setCostCurve() from a cost sweep. For a new run
// of the same scenarios call clear() and add them again: series only ever grow to the right.

#include <QColor>
#include <QString>
#include <QTabWidget>
#include <string_view>
#include <vector>

#include "sim/cost/costmodel.h"
#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"

namespace archsim::ui {

class BreakdownChart;
class TailChart;
class CacheDatabaseChart;
class CapacityChart;
class ChartWidget;
class CostChart;
class JobsChart;
class DistributionChart;
class PercentileChart;
class RunController;
class SummaryTable;

class ChartsPanel : public QTabWidget {
    Q_OBJECT

public:
    explicit ChartsPanel(QWidget* parent = nullptr);

    void clear();
    void addScenario(int key, const QString& name, const QColor& colour);
    /// Also tells the capacity chart which components are compute (instances, replicas).
    void addScenario(int key, const QString& name, const QColor& colour,
                     const archsim::TopologySpec& topology);
    /// The scenario `key` runs, for the summary's theory rows (after addScenario()).
    void setScenario(int key, const archsim::Scenario& scenario);
    void removeScenario(int key);
    /// The failures injected into `key`, marked on the charts over time (after addScenario()).
    void setFailures(int key, const std::vector<archsim::FailureSpec>& failures);
    void appendWindows(int key, const std::vector<archsim::WindowRow>& rows);
    void setHistogram(int key, const archsim::LatencyHistogram& histogram);
    void setResult(int key, const archsim::RunResult& result);
    void setCostCurve(int key, const std::vector<archsim::CostPoint>& curve);
    /// Every replication of `key`: bands on the percentile chart, intervals in the summary.
    void setReplicationResults(int key, const std::vector<archsim::RunResult>& results);
    /// The replications each run has (for the captions); set before a run starts.
    void setReplicationCount(int replications);
    /// The latency objective drawn on the latency charts (ms); 0 hides it.
    /// `percentile` names what the objective is about in the line's label ("SLO p99 50 ms").
    void setSloMs(double sloMs, double percentile = 99);
    double sloMs() const { return m_sloMs; }
    /// Re-applies chartLook() to every chart (after a theme or presenter change).
    void applyLook();
    /// Logarithmic latency axes (percentiles over time, percentile spectrum).
    void setLogScale(bool logarithmic);
    bool logScale() const { return m_logScale; }

    /// Feeds the panel from `controller`: windows, histograms, results and cost curves, by key.
    /// Adding scenarios (and clear() before a new run) stays with the caller.
    void follow(const RunController* controller);

    /// Writes the chart of the current tab to `path` (.png, .svg or .pdf, by suffix).
    bool exportCurrentChart(const QString& path, QString* error = nullptr);

    PercentileChart* percentileChart() const { return m_percentiles; }
    DistributionChart* distributionChart() const { return m_distribution; }
    BreakdownChart* breakdownChart() const { return m_breakdown; }
    TailChart* tailChart() const { return m_tail; }
    CapacityChart* capacityChart() const { return m_capacity; }
    CacheDatabaseChart* cacheDatabaseChart() const { return m_cacheDatabase; }
    CostChart* costChart() const { return m_cost; }
    JobsChart* jobsChart() const { return m_jobs; }
    SummaryTable* summaryTable() const { return m_summary; }
    /// Every chart, in tab order.
    const std::vector<ChartWidget*>& charts() const { return m_charts; }
    /// The chart a lesson names by id (lessonChartIds(): "percentiles", "tail", "capacity"...);
    /// nullptr for an id no chart has.
    ChartWidget* chartById(std::string_view id) const;

private:
    template <typename Chart>
    Chart* addChart(Chart* chart, const QString& tabName, std::string_view id);

    std::vector<ChartWidget*>
        m_charts;  ///< first: the members below are added to it as they are made
    std::vector<std::string_view> m_ids;  ///< each chart's id, beside m_charts
    PercentileChart* m_percentiles;
    DistributionChart* m_distribution;
    BreakdownChart* m_breakdown;
    TailChart* m_tail;
    CapacityChart* m_capacity;
    CacheDatabaseChart* m_cacheDatabase;
    CostChart* m_cost;
    SummaryTable* m_summary;
    JobsChart* m_jobs;
    double m_sloMs = 0;
    bool m_logScale = false;
};

}  // namespace archsim::ui
