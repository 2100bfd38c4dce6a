// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/windowserieschart.h"

#include <qcustomplot.h>

#include <QVector>
#include <cmath>

#include "ui/charts/chartstyle.h"

namespace archsim::ui {
namespace {

QCPScatterStyle markerOf(int marker, int darker, const QColor& colour) {
    return QCPScatterStyle(static_cast<QCPScatterStyle::ScatterShape>(marker),
                           colour.darker(darker), Qt::white, 7);
}

}  // namespace

WindowSeriesChart::WindowSeriesChart(QWidget* parent) : ChartWidget(parent) {}

void WindowSeriesChart::setUp(const QString& title, std::vector<Panel> panels,
                              std::vector<Measure> measures) {
    m_panelSpecs = std::move(panels);
    m_measures = std::move(measures);
    QCustomPlot* chart = createPlot();
    setTitle(title);

    // The first panel is the plot's own axis rect; the others stack below it, with their left and
    // right margins aligned and their time axes moving together.
    auto* margins = new QCPMarginGroup(chart);
    QCPAxisRect* top = chart->axisRect();
    for (std::size_t i = 0; i < m_panelSpecs.size(); ++i) {
        QCPAxisRect* rect = top;
        if (i > 0) {
            rect = new QCPAxisRect(chart);
            chart->plotLayout()->addElement(chart->plotLayout()->rowCount(), 0, rect);
            connect(top->axis(QCPAxis::atBottom),
                    qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
                    rect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
        }
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        rect->axis(QCPAxis::atLeft)->setLabel(m_panelSpecs[i].valueLabel);
        // Only the bottom panel names the shared time axis.
        rect->axis(QCPAxis::atBottom)
            ->setLabel(i + 1 == m_panelSpecs.size() ? tr("simulated time (s)") : QString());
        chart->plotLayout()->setRowStretchFactor(chart->plotLayout()->rowCount() - 1,
                                                 m_panelSpecs[i].stretch);
        m_panels.push_back(rect);
    }
    for (const auto& measure : m_measures) {
        QCPGraph* key = nullptr;
        if (!measure.name.isEmpty()) {
            key = addLegendKey(m_panels[measure.panel], measure.name,
                               measurePen(measure, legendKeyColour()));
            if (measure.filled) key->setBrush(translucent(legendKeyColour(), 70));
            if (measure.marker)
                key->setScatterStyle(markerOf(measure.marker, measure.darker, legendKeyColour()));
        }
        if (key && measure.keyWhenSeen) key->removeFromLegend();
        m_measureKeys.push_back(key);
    }
    placeLegendBelow(chart->legend);
    showFailuresOn(m_panels);
    updateRanges();
}

void WindowSeriesChart::scenarioAdded(const ChartScenario& scenario) {
    QCustomPlot* chart = plot();
    Series series;
    for (const auto& measure : m_measures) {
        QCPAxisRect* rect = m_panels[measure.panel];
        QCPGraph* graph =
            chart->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        graph->setName(scenario.name + QLatin1Char(' ') + measure.name);
        graph->setPen(detailPen(measurePen(measure, scenario.colour)));
        if (measure.filled && detailed()) graph->setBrush(translucent(scenario.colour, 45));
        if (measure.impulses) graph->setLineStyle(QCPGraph::lsImpulse);
        if (measure.marker)
            graph->setScatterStyle(markerOf(measure.marker, measure.darker, scenario.colour));
        graph->removeFromLegend();
        series.graphs.push_back(graph);
    }
    series.legendKey = addLegendKey(m_panels.front(), scenario.name, QPen(scenario.colour, 6));
    m_series[scenario.key] = std::move(series);
}

void WindowSeriesChart::scenarioRemoved(int key) {
    const auto found = m_series.find(key);
    if (found == m_series.end()) return;
    for (QCPGraph* graph : found->second.graphs) plot()->removeGraph(graph);
    plot()->removeGraph(found->second.legendKey);
    m_series.erase(found);
    if (m_series.empty())  // a new run shows the keys of what it loses, not of the last run
        for (std::size_t m = 0; m < m_measures.size(); ++m)
            if (m_measures[m].keyWhenSeen && m_measureKeys[m]) m_measureKeys[m]->removeFromLegend();
    updateDetail(longestSeries());
}

QPen WindowSeriesChart::measurePen(const Measure& measure, const QColor& colour) const {
    return QPen(colour.darker(measure.darker), measure.width);
}

int WindowSeriesChart::longestSeries() const {
    int longest = 0;
    for (const auto& [key, series] : m_series)
        if (!series.graphs.empty()) longest = std::max(longest, series.graphs.front()->dataCount());
    return longest;
}

void WindowSeriesChart::detailChanged() {
    for (auto& [key, series] : m_series) {
        const int index = scenarioIndex(key);
        if (index < 0) continue;
        const QColor colour = scenarios()[static_cast<std::size_t>(index)].colour;
        for (std::size_t m = 0; m < m_measures.size(); ++m) {
            series.graphs[m]->setPen(detailPen(measurePen(m_measures[m], colour)));
            // A filled area under an hour of values costs more than all the lines together.
            if (m_measures[m].filled)
                series.graphs[m]->setBrush(detailed() ? QBrush(translucent(colour, 45))
                                                      : QBrush(Qt::NoBrush));
        }
    }
    for (std::size_t m = 0; m < m_measures.size(); ++m)
        if (m_measureKeys[m]) {
            m_measureKeys[m]->setPen(detailPen(measurePen(m_measures[m], legendKeyColour())));
            if (m_measures[m].filled)
                m_measureKeys[m]->setBrush(detailed() ? QBrush(translucent(legendKeyColour(), 70))
                                                      : QBrush(Qt::NoBrush));
        }
}

QCPGraph* WindowSeriesChart::graph(int key, std::size_t measure) const {
    const auto found = m_series.find(key);
    return found == m_series.end() || measure >= found->second.graphs.size()
               ? nullptr
               : found->second.graphs[measure];
}

void WindowSeriesChart::appendWindows(int key, const std::vector<WindowRow>& rows) {
    const auto found = m_series.find(key);
    if (found == m_series.end() || rows.empty()) return;
    QVector<double> keys;
    keys.reserve(static_cast<qsizetype>(rows.size()));
    for (const auto& row : rows) keys.push_back(toSeconds(row.latency.end));
    QVector<double> values(keys.size());
    for (std::size_t m = 0; m < m_measures.size(); ++m) {
        bool seen = false;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            values[static_cast<qsizetype>(i)] = m_measures[m].value(key, rows[i]);
            seen = seen || std::isfinite(values[static_cast<qsizetype>(i)]);
        }
        found->second.graphs[m]->addData(keys, values, true);
        if (seen && m_measures[m].keyWhenSeen && m_measureKeys[m]) m_measureKeys[m]->addToLegend();
    }
    updateDetail(longestSeries());
    requestReplot();
}

void WindowSeriesChart::updateRanges() {
    double lastTime = 0;
    std::vector<double> tops(m_panels.size(), 0.0);
    for (const auto& [key, series] : m_series) {
        for (std::size_t m = 0; m < series.graphs.size(); ++m) {
            bool found = false;
            const QCPRange k = series.graphs[m]->getKeyRange(found);
            if (found) lastTime = std::max(lastTime, k.upper);
            const QCPRange v = series.graphs[m]->getValueRange(found);
            if (found) tops[m_measures[m].panel] = std::max(tops[m_measures[m].panel], v.upper);
        }
    }
    m_panels.front()->axis(QCPAxis::atBottom)->setRange(0, lastTime > 0 ? lastTime : 60);
    for (std::size_t i = 0; i < m_panels.size(); ++i) {
        QCPAxis* axis = m_panels[i]->axis(QCPAxis::atLeft);
        if (m_panelSpecs[i].fixedTop > 0)
            axis->setRange(0, m_panelSpecs[i].fixedTop);
        else
            axis->setRange(0, tops[i] > 0 ? tops[i] * 1.12 : 1);
    }
}

}  // namespace archsim::ui
