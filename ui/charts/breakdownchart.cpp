// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/breakdownchart.h"

#include <qcustomplot.h>

#include <cmath>
#include <limits>
#include <numeric>

#include "ui/charts/chartstyle.h"
#include "ui/charts/slomarker.h"

namespace archsim::ui {
namespace {

constexpr double kBarWidth = 0.55;

std::size_t indexOf(TimeCategory category) {
    return static_cast<std::size_t>(category);
}

}  // namespace

BreakdownChart::BreakdownChart(QWidget* parent) : ChartWidget(parent) {
    QCustomPlot* plot = createPlot();
    setTitle(tr("Where the time goes (mean per completed request)"));
    setExplanation(
        tr("The average request's time, split by where it was spent. An average hides the slow few: the Tail tab shows the same split for the requests at or above p99."));
    plot->yAxis->setLabel(tr("mean time per request (ms)"));
    plot->xAxis->setLabel(tr("scenario"));
    plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    plot->xAxis->grid()->setVisible(false);
    m_bars = addCategoryBars(plot, kBarWidth);
    placeLegendBelow(plot->legend);
    plot->yAxis->setRange(0, 10);
}

QString BreakdownChart::categoryName(TimeCategory category) {
    switch (category) {
        case TimeCategory::ColdStart:
            return tr("cold start");
        case TimeCategory::Queueing:
            return tr("queueing");
        case TimeCategory::Cpu:
            return tr("CPU");
        case TimeCategory::Cache:
            return tr("cache");
        case TimeCategory::Database:
            return tr("database");
        case TimeCategory::Network:
            return tr("network");
        case TimeCategory::Retry:
            return tr("timeouts and retries");
    }
    return {};
}

QColor BreakdownChart::categoryColour(TimeCategory category) {
    switch (category) {
        case TimeCategory::ColdStart:
            return {228, 87, 86};
        case TimeCategory::Queueing:
            return {242, 183, 64};
        case TimeCategory::Cpu:
            return {76, 120, 168};
        case TimeCategory::Cache:
            return {114, 183, 178};
        case TimeCategory::Database:
            return {178, 121, 162};
        case TimeCategory::Network:
            return {157, 117, 93};
        case TimeCategory::Retry:
            return {110, 110, 110};
    }
    return Qt::gray;
}

std::array<QCPBars*, kTimeCategoryCount> BreakdownChart::addCategoryBars(QCustomPlot* plot,
                                                                         double width) {
    std::array<QCPBars*, kTimeCategoryCount> all{};
    QCPBars* below = nullptr;
    for (std::size_t i = 0; i < kTimeCategoryCount; ++i) {
        const auto category = static_cast<TimeCategory>(i);
        auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
        bars->setName(categoryName(category));
        bars->setBrush(categoryColour(category));
        bars->setPen(QPen(categoryColour(category).darker(130)));
        bars->setWidth(width);
        bars->setStackingGap(0);
        if (below) bars->moveAbove(below);
        below = bars;
        all[i] = bars;
    }
    return all;
}

QCPItemText* BreakdownChart::addBarLabel(QCustomPlot* plot, double key, double value,
                                         const QString& text, const QColor& colour) {
    auto* label = new QCPItemText(plot);
    label->position->setCoords(key, value);
    label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    label->setText(text);
    label->setColor(colour);
    QFont font = plot->font();
    font.setBold(true);
    label->setFont(font);
    label->setSelectable(false);
    return label;
}

QCPBars* BreakdownChart::bars(TimeCategory category) const {
    return m_bars[indexOf(category)];
}

double BreakdownChart::valueMs(int key, TimeCategory category) const {
    const auto found = m_values.find(key);
    return found == m_values.end() ? std::numeric_limits<double>::quiet_NaN()
                                   : found->second[indexOf(category)];
}

void BreakdownChart::scenarioAdded(const ChartScenario&) {
    rebuild();
}

void BreakdownChart::scenarioRemoved(int key) {
    m_values.erase(key);
    rebuild();
}

void BreakdownChart::setResult(int key, const RunResult& result) {
    if (scenarioIndex(key) < 0) return;
    Values values{};
    for (std::size_t i = 0; i < kTimeCategoryCount; ++i)
        values[i] = result.meanBreakdownMs(static_cast<TimeCategory>(i));
    m_values[key] = values;
    rebuild();
    requestReplot();
}

void BreakdownChart::rebuild() {
    QCustomPlot* chart = plot();
    for (QCPItemText* label : m_totals) chart->removeItem(label);
    m_totals.clear();
    m_maxTotal = 0;

    std::array<QVector<double>, kTimeCategoryCount> values;
    QVector<double> positions;
    QMap<double, QString> ticks;
    int index = 0;
    for (const auto& scenario : scenarios()) {
        const auto found = m_values.find(scenario.key);
        const double position = index++;
        ticks.insert(position, scenario.name);
        if (found == m_values.end()) continue;
        positions.push_back(position);
        for (std::size_t i = 0; i < kTimeCategoryCount; ++i) values[i].push_back(found->second[i]);
        const double total = std::accumulate(found->second.begin(), found->second.end(), 0.0);
        m_maxTotal = std::max(m_maxTotal, total);

        m_totals.push_back(addBarLabel(chart, position, total, formatMillis(total),
                                       scenario.colour.darker(110)));
    }
    for (std::size_t i = 0; i < kTimeCategoryCount; ++i)
        m_bars[i]->setData(positions, values[i], true);
    static_cast<QCPAxisTickerText*>(chart->xAxis->ticker().data())->setTicks(ticks);
}

void BreakdownChart::updateRanges() {
    const auto count = static_cast<double>(std::max<std::size_t>(1, scenarios().size()));
    plot()->xAxis->setRange(-0.6, count - 0.4);
    plot()->yAxis->setRange(0, m_maxTotal > 0 ? m_maxTotal * 1.15 : 10);
}

}  // namespace archsim::ui
