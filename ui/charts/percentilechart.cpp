// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/percentilechart.h"

#include <qcustomplot.h>

#include <QVector>
#include <cmath>
#include <limits>

#include "sim/stats/mser.h"
#include "ui/charts/chartstyle.h"
#include "ui/charts/logticker.h"
#include "ui/charts/slomarker.h"

namespace archsim::ui {
namespace {

constexpr std::array<PercentileChart::Percentile, PercentileChart::kPercentileCount> kPercentiles{
    PercentileChart::Percentile::P50, PercentileChart::Percentile::P95,
    PercentileChart::Percentile::P99, PercentileChart::Percentile::P999};

/// Each percentile has its own dash pattern, width and marker, so the lines stay apart in a
/// black-and-white print and for readers who cannot tell the scenario colours apart; p99 is the
/// boldest line because the tail is what matters. Live views of long series draw the lines plain
/// (detailPen): dashes along an hour of jagged per-second values cost seconds per replot. Markers
/// stay, since there are only a few per line (scatter skip).
QPen percentilePen(PercentileChart::Percentile percentile, const QColor& colour) {
    switch (percentile) {
        case PercentileChart::Percentile::P50:
            return QPen(colour, 1.2, Qt::DotLine, Qt::FlatCap);
        case PercentileChart::Percentile::P95:
            return QPen(colour, 1.4, Qt::DashLine, Qt::FlatCap);
        case PercentileChart::Percentile::P99:
            return QPen(colour, 2.2, Qt::SolidLine, Qt::FlatCap);
        case PercentileChart::Percentile::P999:
            return QPen(colour, 1.4, Qt::DashDotLine, Qt::FlatCap);
    }
    return QPen(colour);
}

QCPScatterStyle percentileMarker(PercentileChart::Percentile percentile, const QColor& colour) {
    const QPen pen(colour, 1.3);
    switch (percentile) {
        case PercentileChart::Percentile::P50:
            return QCPScatterStyle(QCPScatterStyle::ssCircle, pen, Qt::white, 6);
        case PercentileChart::Percentile::P95:
            return QCPScatterStyle(QCPScatterStyle::ssSquare, pen, Qt::white, 6);
        case PercentileChart::Percentile::P99:
            return QCPScatterStyle(QCPScatterStyle::ssTriangle, pen, QBrush(colour), 7);
        case PercentileChart::Percentile::P999:
            return QCPScatterStyle(QCPScatterStyle::ssCross, pen, Qt::NoBrush, 7);
    }
    return {};
}

/// A percentile of a window with too few requests: the same line, faded, without markers.
QPen thinPen(PercentileChart::Percentile percentile, const QColor& colour) {
    QPen pen = percentilePen(percentile, translucent(colour, 80));
    pen.setWidthF(std::min(pen.widthF(), 1.2));
    return pen;
}

double quantileOf(PercentileChart::Percentile percentile) {
    switch (percentile) {
        case PercentileChart::Percentile::P50:
            return 0.5;
        case PercentileChart::Percentile::P95:
            return 0.95;
        case PercentileChart::Percentile::P99:
            return 0.99;
        case PercentileChart::Percentile::P999:
            return 0.999;
    }
    return 0.5;
}

/// About this many markers along each line: enough to identify it, few enough to stay cheap.
constexpr int kMarkersPerLine = 14;

Time percentileOf(const LatencyWindow& window, PercentileChart::Percentile percentile) {
    switch (percentile) {
        case PercentileChart::Percentile::P50:
            return window.p50;
        case PercentileChart::Percentile::P95:
            return window.p95;
        case PercentileChart::Percentile::P99:
            return window.p99;
        case PercentileChart::Percentile::P999:
            return window.p999;
    }
    return 0;
}

}  // namespace

PercentileChart::PercentileChart(QWidget* parent)
    : ChartWidget(parent), m_linearTicker(new QCPAxisTicker), m_logTicker(new LogTicker) {
    QCustomPlot* plot = createPlot();
    setTitle(tr("Latency percentiles per window"));
    setExplanation(
        tr("Each line is a percentile of the latency of the requests that finished in each window: p99 is the time 99 in 100 requests beat. A faded point rests on too few requests to trust; the dashed line is the SLO."));
    plot->xAxis->setLabel(tr("simulated time (s)"));
    plot->yAxis->setLabel(tr("latency (ms)"));
    plot->yAxis->setTicker(m_linearTicker);
    m_slo = std::make_unique<SloMarker>(plot, plot->axisRect());
    for (std::size_t i = 0; i < kPercentileCount; ++i) {
        m_percentileKeys[i] = addLegendKey(plot->axisRect(), percentileName(kPercentiles[i]),
                                           percentilePen(kPercentiles[i], legendKeyColour()));
        m_percentileKeys[i]->setScatterStyle(percentileMarker(kPercentiles[i], legendKeyColour()));
    }
    m_thinKey = addLegendKey(plot->axisRect(), tr("faded: too few requests"),
                             thinPen(PercentileChart::Percentile::P50, legendKeyColour()));
    placeLegendBelow(plot->legend);
    showFailuresOn({plot->axisRect()});
    plot->xAxis->setRange(0, 60);
    plot->yAxis->setRange(0, 100);
}

PercentileChart::~PercentileChart() = default;

QString PercentileChart::percentileName(Percentile percentile) {
    switch (percentile) {
        case Percentile::P50:
            return QStringLiteral("p50");
        case Percentile::P95:
            return QStringLiteral("p95");
        case Percentile::P99:
            return QStringLiteral("p99");
        case Percentile::P999:
            return QStringLiteral("p99.9");
    }
    return {};
}

void PercentileChart::scenarioAdded(const ChartScenario& scenario) {
    QCustomPlot* chart = plot();
    Series series;
    for (std::size_t i = 0; i < kPercentileCount; ++i) {
        QCPGraph* graph = chart->addGraph();
        graph->setName(scenario.name + QLatin1Char(' ') + percentileName(kPercentiles[i]));
        graph->setPen(detailPen(percentilePen(kPercentiles[i], scenario.colour)));
        graph->setScatterStyle(percentileMarker(kPercentiles[i], scenario.colour));
        graph->removeFromLegend();
        series.graphs[i] = graph;
        QCPGraph* thin = chart->addGraph();
        thin->setName(graph->name() + tr(" (too few requests)"));
        thin->setPen(detailPen(thinPen(kPercentiles[i], scenario.colour)));
        thin->removeFromLegend();
        series.thin[i] = thin;
    }
    series.legendKey = addLegendKey(chart->axisRect(), scenario.name, QPen(scenario.colour, 6));
    m_series[scenario.key] = series;
}

void PercentileChart::removeWarmupMarker(Series& series) {
    if (series.warmupLine) plot()->removeItem(series.warmupLine);
    if (series.warmupLabel) plot()->removeItem(series.warmupLabel);
    series.warmupLine = nullptr;
    series.warmupLabel = nullptr;
}

void PercentileChart::setResult(int key, const RunResult& result) {
    const auto found = m_series.find(key);
    if (found == m_series.end()) return;
    Series& series = found->second;
    removeWarmupMarker(series);
    const DetectedWarmup detected = detectWarmup(result);
    series.detectedWarmupS = detected.available ? detected.seconds : -1;
    if (!detected.available || detected.seconds <= 0) {
        requestReplot();
        return;
    }
    QColor colour = legendKeyColour();
    for (const auto& scenario : scenarios())
        if (scenario.key == key) colour = scenario.colour.darker(130);
    QCPAxisRect* rect = plot()->axisRect();
    auto* line = new QCPItemLine(plot());
    for (QCPItemPosition* end : {line->start, line->end}) {
        end->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        end->setTypeX(QCPItemPosition::ptPlotCoords);
        end->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    line->start->setCoords(detected.seconds, 0);
    line->end->setCoords(detected.seconds, 1);
    line->setPen(QPen(colour, 1.5, Qt::DashDotLine));
    line->setClipToAxisRect(true);
    auto* label = new QCPItemText(plot());
    label->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    // Stacked a line apart per scenario so two runs' labels do not overprint.
    int index = 0;
    for (const auto& scenario : scenarios()) {
        if (scenario.key == key) break;
        ++index;
    }
    label->position->setCoords(detected.seconds, 0.02 + 0.06 * index);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setPadding(QMargins(4, 1, 4, 1));
    label->setColor(colour);
    label->setBrush(QBrush(QColor(255, 255, 255, 200)));
    label->setClipToAxisRect(true);
    const double scenarioWarmupS = toSeconds(result.simulatedTime - result.measuredTime);
    label->setText(scenarioWarmupS > 0 ? tr("detected warm-up %1 s (the scenario's %2 s is used)")
                                             .arg(detected.seconds)
                                             .arg(scenarioWarmupS)
                                       : tr("detected warm-up %1 s").arg(detected.seconds));
    series.warmupLine = line;
    series.warmupLabel = label;
    requestReplot();
}

double PercentileChart::detectedWarmupS(int key) const {
    const auto found = m_series.find(key);
    return found == m_series.end() ? -1 : found->second.detectedWarmupS;
}

QCPItemLine* PercentileChart::warmupLine(int key) const {
    const auto found = m_series.find(key);
    return found == m_series.end() ? nullptr : found->second.warmupLine;
}

void PercentileChart::scenarioRemoved(int key) {
    const auto found = m_series.find(key);
    if (found == m_series.end()) return;
    removeWarmupMarker(found->second);
    for (QCPGraph* graph : found->second.graphs) plot()->removeGraph(graph);
    for (QCPGraph* graph : found->second.thin) plot()->removeGraph(graph);
    for (auto* band : {&found->second.bandLow, &found->second.bandHigh})
        for (QCPGraph* graph : *band)
            if (graph) plot()->removeGraph(graph);
    plot()->removeGraph(found->second.legendKey);
    m_series.erase(found);
    if (m_bandKey && bandCount() == 0) {
        plot()->removeGraph(m_bandKey);
        m_bandKey = nullptr;
    }
    updateDetail(longestSeries());
}

int PercentileChart::longestSeries() const {
    int longest = 0;
    for (const auto& [key, series] : m_series)
        longest = std::max(longest, series.graphs.front()->dataCount());
    return longest;
}

void PercentileChart::detailChanged() {
    for (auto& [key, series] : m_series) {
        const int index = scenarioIndex(key);
        if (index < 0) continue;
        const QColor colour = scenarios()[static_cast<std::size_t>(index)].colour;
        for (std::size_t i = 0; i < kPercentileCount; ++i) {
            series.graphs[i]->setPen(detailPen(percentilePen(kPercentiles[i], colour)));
            series.thin[i]->setPen(detailPen(thinPen(kPercentiles[i], colour)));
        }
    }
    m_thinKey->setPen(detailPen(thinPen(PercentileChart::Percentile::P50, legendKeyColour())));
    for (std::size_t i = 0; i < kPercentileCount; ++i)
        m_percentileKeys[i]->setPen(detailPen(percentilePen(kPercentiles[i], legendKeyColour())));
}

double PercentileChart::samplesNeeded(Percentile percentile) {
    return 10.0 / (1.0 - quantileOf(percentile));
}

QCPGraph* PercentileChart::thinGraph(int key, Percentile percentile) const {
    const auto found = m_series.find(key);
    return found == m_series.end() ? nullptr
                                   : found->second.thin[static_cast<std::size_t>(percentile)];
}

QCPGraph* PercentileChart::graph(int key, Percentile percentile) const {
    const auto found = m_series.find(key);
    return found == m_series.end() ? nullptr
                                   : found->second.graphs[static_cast<std::size_t>(percentile)];
}

QCPGraph* PercentileChart::bandGraph(int key, Percentile percentile, bool upper) const {
    const auto found = m_series.find(key);
    if (found == m_series.end()) return nullptr;
    const auto& band = upper ? found->second.bandHigh : found->second.bandLow;
    return band[static_cast<std::size_t>(percentile)];
}

int PercentileChart::bandCount() const {
    int count = 0;
    for (const auto& [key, series] : m_series)
        for (QCPGraph* graph : series.bandHigh) count += graph != nullptr;
    return count;
}

void PercentileChart::setReplicationResults(int key, const std::vector<RunResult>& results) {
    const auto found = m_series.find(key);
    const int index = scenarioIndex(key);
    if (found == m_series.end() || index < 0 || results.size() < 2) return;
    const QColor colour = scenarios()[static_cast<std::size_t>(index)].colour;
    QCustomPlot* chart = plot();
    std::size_t windows = 0;
    for (const RunResult& result : results) windows = std::max(windows, result.windows.size());
    for (std::size_t i = 0; i < kPercentileCount; ++i) {
        // Per window the lowest and highest value over the replications that have an estimate
        // there (enough requests); a window none of them estimates is a gap in the band.
        const double needed = samplesNeeded(kPercentiles[i]);
        QVector<double> keys, low, high;
        for (std::size_t w = 0; w < windows; ++w) {
            double lo = std::numeric_limits<double>::infinity();
            double hi = -lo;
            double at = 0;
            for (const RunResult& result : results) {
                if (w >= result.windows.size()) continue;
                const LatencyWindow& window = result.windows[w].latency;
                at = toSeconds(window.end);
                if (static_cast<double>(window.completed) < needed || window.completed == 0)
                    continue;
                const double value = toMillis(percentileOf(window, kPercentiles[i]));
                lo = std::min(lo, value);
                hi = std::max(hi, value);
            }
            keys.push_back(at);
            low.push_back(lo <= hi ? lo : std::numeric_limits<double>::quiet_NaN());
            high.push_back(lo <= hi ? hi : std::numeric_limits<double>::quiet_NaN());
        }
        Series& series = found->second;
        if (!series.bandLow[i]) {
            series.bandLow[i] = chart->addGraph();
            series.bandHigh[i] = chart->addGraph();
            for (QCPGraph* edge : {series.bandLow[i], series.bandHigh[i]}) {
                edge->setPen(Qt::NoPen);
                edge->removeFromLegend();
                edge->setSelectable(QCP::stNone);
                // Under the lines, over the grid.
                edge->setLayer(QStringLiteral("grid"));
            }
            series.bandHigh[i]->setBrush(translucent(colour, i == 2 ? 55 : 30));
            series.bandHigh[i]->setChannelFillGraph(series.bandLow[i]);
            series.bandHigh[i]->setName(scenarios()[static_cast<std::size_t>(index)].name +
                                        QLatin1Char(' ') + percentileName(kPercentiles[i]) +
                                        tr(" range"));
        }
        series.bandLow[i]->setData(keys, low, true);
        series.bandHigh[i]->setData(keys, high, true);
    }
    if (!m_bandKey) {
        m_bandKey = addLegendKey(chart->axisRect(), QString(), Qt::NoPen);
        m_bandKey->setBrush(translucent(legendKeyColour(), 70));
    }
    m_bandKey->setName(tr("shaded: lowest to highest of %1 replications").arg(results.size()));
    requestReplot();
}

void PercentileChart::appendWindows(int key, const std::vector<WindowRow>& rows) {
    const auto found = m_series.find(key);
    if (found == m_series.end() || rows.empty()) return;
    QVector<double> keys;
    keys.reserve(static_cast<qsizetype>(rows.size()));
    for (const auto& row : rows) keys.push_back(toSeconds(row.latency.end));
    constexpr double kGap = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < kPercentileCount; ++i) {
        // A window without completions has no percentiles: a gap, not a drop to zero. One with
        // fewer requests than the percentile needs goes to the faded curve instead, so a p99.9 of
        // 200 requests is not read as if it were exact.
        const double needed = samplesNeeded(kPercentiles[i]);
        QVector<double> values, thin;
        values.reserve(keys.size());
        thin.reserve(keys.size());
        const auto isThin = [&](std::size_t r) {
            return r < rows.size() && rows[r].latency.completed > 0 &&
                   static_cast<double>(rows[r].latency.completed) < needed;
        };
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const double value = toMillis(percentileOf(rows[r].latency, kPercentiles[i]));
            const bool empty = rows[r].latency.completed == 0;
            values.push_back(empty || isThin(r) ? kGap : value);
            // The faded curve also takes the neighbours of its windows, so it joins the line.
            const bool bridge = isThin(r) || (r > 0 && isThin(r - 1)) || isThin(r + 1);
            thin.push_back(empty || !bridge ? kGap : value);
        }
        found->second.graphs[i]->addData(keys, values, true);
        found->second.thin[i]->addData(keys, thin, true);
        const int skip = std::max(0, found->second.graphs[i]->dataCount() / kMarkersPerLine - 1);
        found->second.graphs[i]->setScatterSkip(skip);
    }
    updateDetail(longestSeries());
    requestReplot();
}

void PercentileChart::setSloPercentile(double percentile) {
    m_slo->setPercentile(percentile);
    requestReplot();
}

void PercentileChart::setSloMs(double sloMs) {
    m_slo->set(sloMs);
    requestReplot();
}

void PercentileChart::setLogScale(bool logarithmic) {
    m_logScale = logarithmic;
    QCPAxis* axis = plot()->yAxis;
    axis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    axis->setTicker(logarithmic ? m_logTicker : m_linearTicker);
    axis->setNumberFormat(logarithmic ? QStringLiteral("gb") : QStringLiteral("g"));
    rescale();
    requestReplot();
}

void PercentileChart::updateRanges() {
    QCPRange keys;
    QCPRange values;
    bool anyKeys = false;
    bool anyValues = false;
    const QCP::SignDomain domain = m_logScale ? QCP::sdPositive : QCP::sdBoth;
    for (const auto& [key, series] : m_series) {
        std::vector<QCPGraph*> curves(series.graphs.begin(), series.graphs.end());
        curves.insert(curves.end(), series.thin.begin(), series.thin.end());
        for (QCPGraph* graph : series.bandHigh)
            if (graph) curves.push_back(graph);
        for (QCPGraph* graph : curves) {
            bool found = false;
            const QCPRange k = graph->getKeyRange(found, QCP::sdBoth);
            if (found)
                keys = anyKeys
                           ? QCPRange(std::min(keys.lower, k.lower), std::max(keys.upper, k.upper))
                           : k;
            anyKeys = anyKeys || found;
            const QCPRange v = graph->getValueRange(found, domain);
            if (found)
                values = anyValues ? QCPRange(std::min(values.lower, v.lower),
                                              std::max(values.upper, v.upper))
                                   : v;
            anyValues = anyValues || found;
        }
    }
    QCustomPlot* chart = plot();
    chart->xAxis->setRange(0, anyKeys && keys.upper > 0 ? keys.upper : 60);

    double top = anyValues ? values.upper : 100;
    if (m_slo->isVisible()) top = std::max(top, m_slo->sloMs());
    if (m_logScale) {
        double bottom = anyValues ? values.lower : 1;
        if (m_slo->isVisible()) bottom = std::min(bottom, m_slo->sloMs());
        chart->yAxis->setRange(bottom / 1.5, top * 1.5);
    } else {
        chart->yAxis->setRange(0, top * 1.08);
    }
}

}  // namespace archsim::ui
