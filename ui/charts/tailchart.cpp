// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/tailchart.h"

#include <qcustomplot.h>

#include <cmath>
#include <limits>

#include "ui/charts/breakdownchart.h"
#include "ui/charts/chartstyle.h"
#include "ui/charts/slomarker.h"

namespace archsim::ui {
namespace {

constexpr double kBarWidth = 0.8;
// Three bars per scenario and a gap before the next scenario's.
constexpr double kSlotsPerScenario = TailChart::kGroupCount + 1;

double position(int scenarioIndex, std::size_t group) {
    return scenarioIndex * kSlotsPerScenario + static_cast<double>(group);
}

}  // namespace

TailChart::TailChart(QWidget* parent) : ChartWidget(parent) {
    QCustomPlot* plot = createPlot();
    setTitle(tr("Where the tail's time goes (share of latency)"));
    setExplanation(
        tr("Three bars per scenario: the median request, the requests at or above p99, and those at or above p99.9, each split by where its time went (shares of its latency, written above). What fills the p99 bar is what to fix to meet a p99 SLO."));
    plot->yAxis->setLabel(tr("share of the latency (%)"));
    plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    plot->xAxis->grid()->setVisible(false);
    m_bars = BreakdownChart::addCategoryBars(plot, kBarWidth);
    placeLegendBelow(plot->legend);
    plot->yAxis->setRange(0, 112);
}

QString TailChart::groupName(Group group) {
    switch (group) {
        case Group::Median:
            return tr("median");
        case Group::P99:
            return tr("≥ p99");
        case Group::P999:
            return tr("≥ p99.9");
    }
    return {};
}

QCPBars* TailChart::bars(TimeCategory category) const {
    return m_bars[static_cast<std::size_t>(category)];
}

std::array<TailBreakdown, TailChart::kGroupCount> TailChart::groupsOf(const RunResult& result) {
    return {result.tail.median, result.tail.p99, result.tail.p999};
}

double TailChart::latencyMs(int key, Group group) const {
    const auto found = m_values.find(key);
    if (found == m_values.end()) return std::numeric_limits<double>::quiet_NaN();
    const TailBreakdown& t = found->second[static_cast<std::size_t>(group)];
    return t.requests > 0 ? t.meanLatencyMs : std::numeric_limits<double>::quiet_NaN();
}

double TailChart::sharePercent(int key, Group group, TimeCategory category) const {
    const auto found = m_values.find(key);
    if (found == m_values.end()) return std::numeric_limits<double>::quiet_NaN();
    const TailBreakdown& t = found->second[static_cast<std::size_t>(group)];
    if (t.requests <= 0 || t.meanLatencyMs <= 0) return std::numeric_limits<double>::quiet_NaN();
    return 100 * t.meanMs[static_cast<std::size_t>(category)] / t.meanLatencyMs;
}

void TailChart::scenarioAdded(const ChartScenario&) {
    rebuild();
}

void TailChart::scenarioRemoved(int key) {
    m_values.erase(key);
    rebuild();
}

void TailChart::setResult(int key, const RunResult& result) {
    if (scenarioIndex(key) < 0) return;
    m_values[key] = groupsOf(result);
    rebuild();
    requestReplot();
}

void TailChart::rebuild() {
    QCustomPlot* chart = plot();
    for (QCPItemText* label : m_labels) chart->removeItem(label);
    m_labels.clear();

    std::array<QVector<double>, kTimeCategoryCount> values;
    QVector<double> positions;
    QMap<double, QString> ticks;
    int index = 0;
    for (const auto& scenario : scenarios()) {
        const int at = index++;
        for (std::size_t g = 0; g < kGroupCount; ++g) {
            // The scenario's name under its middle bar; every bar names its group.
            QString tick = groupName(static_cast<Group>(g));
            if (g == 1) tick += QLatin1Char('\n') + scenario.name;
            ticks.insert(position(at, g), tick);
        }
        const auto found = m_values.find(scenario.key);
        if (found == m_values.end()) continue;
        for (std::size_t g = 0; g < kGroupCount; ++g) {
            const TailBreakdown& t = found->second[g];
            if (t.requests <= 0 || t.meanLatencyMs <= 0) continue;
            positions.push_back(position(at, g));
            for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
                values[c].push_back(100 * t.meanMs[c] / t.meanLatencyMs);
            m_labels.push_back(BreakdownChart::addBarLabel(chart, position(at, g), 100,
                                                           formatMillis(t.meanLatencyMs),
                                                           scenario.colour.darker(110)));
        }
    }
    for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
        m_bars[c]->setData(positions, values[c], true);
    static_cast<QCPAxisTickerText*>(chart->xAxis->ticker().data())->setTicks(ticks);
}

void TailChart::updateRanges() {
    const auto count = static_cast<double>(std::max<std::size_t>(1, scenarios().size()));
    plot()->xAxis->setRange(-0.7, count * kSlotsPerScenario - 1.3);
    // Room for the latency written above each bar, as large as the look draws it.
    plot()->yAxis->setRange(0, 100 + 12 * chartLook().fontScale);
}

}  // namespace archsim::ui
