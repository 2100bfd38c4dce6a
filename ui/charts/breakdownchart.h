// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where a request's time goes: one stacked bar per scenario, split into cold start, queueing, CPU,
// cache, database and network (mean milliseconds per completed request, from the run's result).
// Categories keep the same colour across scenarios, so the eye compares like with like; the total
// above each bar is written in the scenario's colour.

#include <array>
#include <map>
#include <vector>

#include "ui/charts/chartwidget.h"

class QCPBars;
class QCustomPlot;
class QCPItemText;

namespace archsim::ui {

class BreakdownChart : public ChartWidget {
    Q_OBJECT

public:
    explicit BreakdownChart(QWidget* parent = nullptr);

    void setResult(int key, const archsim::RunResult& result) override;

    /// The bars of one category (one data point per scenario, at its index in scenarios()).
    QCPBars* bars(archsim::TimeCategory category) const;
    /// Mean ms per request of `category` for scenario `key`, or NaN without a result.
    double valueMs(int key, archsim::TimeCategory category) const;
    static QString categoryName(archsim::TimeCategory category);
    static QColor categoryColour(archsim::TimeCategory category);
    /// One bar series per category on `plot`, stacked in category order, each in its colour and
    /// named for the legend (the tail chart stacks the same way).
    static std::array<QCPBars*, archsim::kTimeCategoryCount> addCategoryBars(QCustomPlot* plot,
                                                                             double width);
    /// A bold figure written just above (key, value), in `colour`.
    static QCPItemText* addBarLabel(QCustomPlot* plot, double key, double value,
                                    const QString& text, const QColor& colour);

protected:
    void scenarioAdded(const ChartScenario& scenario) override;
    void scenarioRemoved(int key) override;
    void updateRanges() override;

private:
    using Values = std::array<double, archsim::kTimeCategoryCount>;

    /// Rebuilds the bars and labels from m_values (a handful of points: cheaper than bookkeeping).
    void rebuild();

    std::array<QCPBars*, archsim::kTimeCategoryCount> m_bars{};
    std::map<int, Values> m_values;
    std::vector<QCPItemText*> m_totals;
    double m_maxTotal = 0;
};

}  // namespace archsim::ui
