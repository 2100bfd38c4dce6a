// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/costchart.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ui/charts/chartstyle.h"
#include "ui/charts/logticker.h"

namespace archsim::ui {
namespace {

constexpr double kBarWidth = 0.6;

void setUpBarRect(QCPAxisRect* rect, const QString& label) {
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    x->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    x->grid()->setVisible(false);
    rect->axis(QCPAxis::atLeft)->setLabel(label);
}

void setUpLogAxis(QCPAxis* axis, const QString& label) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new LogTicker));
    axis->setNumberFormat(QStringLiteral("gb"));
    axis->setLabel(label);
    axis->grid()->setSubGridVisible(true);
    axis->grid()->setSubGridPen(QPen(QColor(232, 232, 232), 0, Qt::DotLine));
}

}  // namespace

CostChart::CostChart(QWidget* parent) : ChartWidget(parent) {
    QCustomPlot* chart = createPlot();
    // Two bar panels side by side above the cost-vs-traffic curves.
    m_monthlyRect = chart->axisRect();
    chart->plotLayout()->take(m_monthlyRect);
    chart->plotLayout()->simplify();
    auto* bars = new QCPLayoutGrid;
    chart->plotLayout()->addElement(0, 0, bars);
    bars->addElement(0, 0, m_monthlyRect);
    m_perMillionRect = new QCPAxisRect(chart);
    bars->addElement(0, 1, m_perMillionRect);
    m_curveRect = new QCPAxisRect(chart);
    chart->plotLayout()->addElement(1, 0, m_curveRect);
    chart->plotLayout()->setRowStretchFactor(0, 1);
    chart->plotLayout()->setRowStretchFactor(1, 1.4);
    setTitle(tr("Cost"));
    setExplanation(
        tr("The monthly cost of each scenario, by line item, and against traffic once the run ends: where two curves cross, the cheaper architecture changes."));

    setUpBarRect(m_monthlyRect, tr("monthly cost (USD)"));
    setUpBarRect(m_perMillionRect, tr("cost per million requests (USD)"));
    setUpLogAxis(m_curveRect->axis(QCPAxis::atBottom), tr("traffic (requests/s)"));
    setUpLogAxis(m_curveRect->axis(QCPAxis::atLeft), tr("monthly cost (USD)"));

    m_crossoverMarks =
        chart->addGraph(m_curveRect->axis(QCPAxis::atBottom), m_curveRect->axis(QCPAxis::atLeft));
    m_crossoverMarks->setLineStyle(QCPGraph::lsNone);
    m_crossoverMarks->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), Qt::white, 11));
    m_crossoverMarks->setName(tr("crossover"));
    placeLegendBelow(chart->legend);
    updateRanges();
}

void CostChart::scenarioAdded(const ChartScenario& scenario) {
    QCustomPlot* chart = plot();
    Series series;
    series.monthly =
        new QCPBars(m_monthlyRect->axis(QCPAxis::atBottom), m_monthlyRect->axis(QCPAxis::atLeft));
    series.perMillion = new QCPBars(m_perMillionRect->axis(QCPAxis::atBottom),
                                    m_perMillionRect->axis(QCPAxis::atLeft));
    for (QCPBars* bars : {series.monthly, series.perMillion}) {
        bars->setName(scenario.name);
        bars->setBrush(scenario.colour);
        bars->setPen(QPen(scenario.colour.darker(130)));
        bars->setWidth(kBarWidth);
        bars->removeFromLegend();
    }
    series.curve =
        chart->addGraph(m_curveRect->axis(QCPAxis::atBottom), m_curveRect->axis(QCPAxis::atLeft));
    series.curve->setName(scenario.name);
    series.curve->setPen(QPen(scenario.colour, 2.2));
    series.curve->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, scenario.colour, scenario.colour, 6));
    series.curve->removeFromLegend();
    series.legendKey = addLegendKey(m_curveRect, scenario.name, QPen(scenario.colour, 6));
    m_series[scenario.key] = series;
    // The crossover key stays last in the legend.
    m_crossoverMarks->removeFromLegend();
    m_crossoverMarks->addToLegend();
    rebuildBars();
}

void CostChart::scenarioRemoved(int key) {
    const auto found = m_series.find(key);
    if (found == m_series.end()) return;
    plot()->removePlottable(found->second.monthly);
    plot()->removePlottable(found->second.perMillion);
    plot()->removeGraph(found->second.curve);
    plot()->removeGraph(found->second.legendKey);
    m_series.erase(found);
    rebuildBars();
    rebuildCrossovers();
}

QCPBars* CostChart::monthlyBars(int key) const {
    const auto found = m_series.find(key);
    return found == m_series.end() ? nullptr : found->second.monthly;
}

QCPBars* CostChart::perMillionBars(int key) const {
    const auto found = m_series.find(key);
    return found == m_series.end() ? nullptr : found->second.perMillion;
}

QCPGraph* CostChart::curveGraph(int key) const {
    const auto found = m_series.find(key);
    return found == m_series.end() ? nullptr : found->second.curve;
}

void CostChart::setResult(int key, const RunResult& result) {
    const auto found = m_series.find(key);
    if (found == m_series.end()) return;
    Series& series = found->second;
    series.monthlyCost.reset();
    series.costPerMillion.reset();
    if (result.cost) {
        series.monthlyCost = result.cost->monthlyCost;
        series.costPerMillion = result.cost->costPerMillionRequests;
        if (!result.cost->currency.empty()) {
            m_currency = QString::fromStdString(result.cost->currency);
            m_monthlyRect->axis(QCPAxis::atLeft)->setLabel(tr("monthly cost (%1)").arg(m_currency));
            m_perMillionRect->axis(QCPAxis::atLeft)
                ->setLabel(tr("cost per million requests (%1)").arg(m_currency));
            m_curveRect->axis(QCPAxis::atLeft)->setLabel(tr("monthly cost (%1)").arg(m_currency));
        }
    }
    rebuildBars();
    requestReplot();
}

void CostChart::setCostCurve(int key, const std::vector<CostPoint>& curve) {
    const auto found = m_series.find(key);
    if (found == m_series.end()) return;
    Series& series = found->second;
    series.points = curve;
    std::sort(series.points.begin(), series.points.end(),
              [](const CostPoint& a, const CostPoint& b) { return a.ratePerS < b.ratePerS; });
    QVector<double> rates;
    QVector<double> costs;
    for (const auto& point : series.points) {
        if (!(point.ratePerS > 0) || !(point.monthlyCost > 0)) continue;  // not on log axes
        rates.push_back(point.ratePerS);
        costs.push_back(point.monthlyCost);
    }
    series.curve->setData(rates, costs, true);
    rebuildCrossovers();
    requestReplot();
}

void CostChart::rebuildBars() {
    QCustomPlot* chart = plot();
    for (QCPItemText* label : m_barLabels) chart->removeItem(label);
    m_barLabels.clear();
    QMap<double, QString> ticks;
    int index = 0;
    for (const auto& scenario : scenarios()) {
        const double position = index++;
        ticks.insert(position, scenario.name);
        const auto found = m_series.find(scenario.key);
        if (found == m_series.end()) continue;
        Series& series = found->second;
        const auto place = [&](QCPBars* bars, const std::optional<double>& value) {
            bars->data()->clear();
            if (!value) return;
            bars->addData(position, *value);
            auto* label = new QCPItemText(chart);
            label->setClipAxisRect(bars->keyAxis()->axisRect());
            label->position->setAxes(bars->keyAxis(), bars->valueAxis());
            label->position->setCoords(position, *value);
            label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
            label->setText(formatMoney(*value, m_currency));
            label->setColor(scenario.colour.darker(120));
            label->setSelectable(false);
            m_barLabels.push_back(label);
        };
        place(series.monthly, series.monthlyCost);
        place(series.perMillion, series.costPerMillion);
    }
    for (QCPAxisRect* rect : {m_monthlyRect, m_perMillionRect})
        static_cast<QCPAxisTickerText*>(rect->axis(QCPAxis::atBottom)->ticker().data())
            ->setTicks(ticks);
}

void CostChart::rebuildCrossovers() {
    QCustomPlot* chart = plot();
    for (QCPItemLine* arrow : m_crossoverArrows) chart->removeItem(arrow);  // before their anchors
    for (QCPItemText* label : m_crossoverLabels) chart->removeItem(label);
    m_crossoverLabels.clear();
    m_crossoverArrows.clear();
    m_crossovers.clear();
    QVector<double> rates;
    QVector<double> costs;
    const auto& list = scenarios();
    for (std::size_t i = 0; i < list.size(); ++i) {
        for (std::size_t j = i + 1; j < list.size(); ++j) {
            const auto a = m_series.find(list[i].key);
            const auto b = m_series.find(list[j].key);
            if (a == m_series.end() || b == m_series.end()) continue;
            const auto crossover = findCrossover(a->second.points, b->second.points);
            if (!crossover) continue;
            m_crossovers.push_back({list[i].key, list[j].key, *crossover});
            rates.push_back(crossover->ratePerS);
            costs.push_back(crossover->monthlyCost);
            const QString& cheaperBelow =
                crossover->firstCheaperBelow ? list[i].name : list[j].name;
            // A callout in the upper left corner with an arrow to the point, so the text never
            // sits on the curves it explains.
            auto* label = new QCPItemText(chart);
            label->setClipAxisRect(m_curveRect);
            label->position->setAxisRect(m_curveRect);
            label->position->setType(QCPItemPosition::ptAxisRectRatio);
            label->position->setCoords(0.02,
                                       0.04 + 0.17 * static_cast<double>(m_crossoverLabels.size()));
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            label->setTextAlignment(Qt::AlignLeft);
            label->setPadding(QMargins(5, 3, 5, 3));
            label->setBrush(QColor(255, 255, 255, 230));
            label->setPen(QPen(QColor(150, 150, 150)));
            label->setText(tr("crossover at %1 req/s, %2/month\n%3 is cheaper below, %4 above")
                               .arg(formatNumber(crossover->ratePerS),
                                    formatMoney(crossover->monthlyCost, m_currency), cheaperBelow,
                                    crossover->firstCheaperBelow ? list[j].name : list[i].name));
            label->setSelectable(false);
            auto* arrow = new QCPItemLine(chart);
            arrow->setClipAxisRect(m_curveRect);
            arrow->start->setParentAnchor(label->bottom);
            arrow->end->setAxes(m_curveRect->axis(QCPAxis::atBottom),
                                m_curveRect->axis(QCPAxis::atLeft));
            arrow->end->setCoords(crossover->ratePerS, crossover->monthlyCost);
            arrow->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 9, 11));
            arrow->setPen(QPen(QColor(90, 90, 90), 1.2));
            arrow->setSelectable(false);
            m_crossoverArrows.push_back(arrow);
            m_crossoverLabels.push_back(label);
        }
    }
    // Sorted by rate: a graph's data must be.
    QVector<int> order(rates.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&rates](int x, int y) { return rates[x] < rates[y]; });
    QVector<double> sortedRates;
    QVector<double> sortedCosts;
    for (int k : order) {
        sortedRates.push_back(rates[k]);
        sortedCosts.push_back(costs[k]);
    }
    m_crossoverMarks->setData(sortedRates, sortedCosts, true);
}

void CostChart::updateRanges() {
    const auto count = static_cast<double>(std::max<std::size_t>(1, scenarios().size()));
    double monthlyTop = 0;
    double perMillionTop = 0;
    QCPRange rates;
    QCPRange costs;
    bool haveCurve = false;
    for (const auto& [key, series] : m_series) {
        monthlyTop = std::max(monthlyTop, series.monthlyCost.value_or(0));
        perMillionTop = std::max(perMillionTop, series.costPerMillion.value_or(0));
        bool found = false;
        const QCPRange r = series.curve->getKeyRange(found, QCP::sdPositive);
        if (!found) continue;
        const QCPRange c = series.curve->getValueRange(found, QCP::sdPositive);
        rates = haveCurve ? QCPRange(std::min(rates.lower, r.lower), std::max(rates.upper, r.upper))
                          : r;
        costs = haveCurve ? QCPRange(std::min(costs.lower, c.lower), std::max(costs.upper, c.upper))
                          : c;
        haveCurve = true;
    }
    for (QCPAxisRect* rect : {m_monthlyRect, m_perMillionRect})
        rect->axis(QCPAxis::atBottom)->setRange(-0.6, count - 0.4);
    m_monthlyRect->axis(QCPAxis::atLeft)->setRange(0, monthlyTop > 0 ? monthlyTop * 1.2 : 1);
    m_perMillionRect->axis(QCPAxis::atLeft)
        ->setRange(0, perMillionTop > 0 ? perMillionTop * 1.2 : 1);
    if (haveCurve) {
        m_curveRect->axis(QCPAxis::atBottom)->setRange(rates.lower / 1.5, rates.upper * 1.5);
        m_curveRect->axis(QCPAxis::atLeft)->setRange(costs.lower / 2, costs.upper * 2);
    } else {
        m_curveRect->axis(QCPAxis::atBottom)->setRange(1, 10000);
        m_curveRect->axis(QCPAxis::atLeft)->setRange(1, 10000);
    }
}

}  // namespace archsim::ui
