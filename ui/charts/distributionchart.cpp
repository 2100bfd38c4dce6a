// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/distributionchart.h"

#include <qcustomplot.h>

#include <QHBoxLayout>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/charts/chartstyle.h"
#include "ui/charts/logticker.h"
#include "ui/charts/slomarker.h"

namespace archsim::ui {
namespace {

constexpr double kNinesStep = 0.02;  ///< 50 points per nine: smooth at any plot width

double binEdgeMs(int bin) {
    return std::pow(10.0, static_cast<double>(bin) / DistributionChart::kBinsPerDecade);
}

QCPRange merged(const QCPRange& a, const QCPRange& b, bool haveA) {
    return haveA ? QCPRange(std::min(a.lower, b.lower), std::max(a.upper, b.upper)) : b;
}

}  // namespace

DistributionChart::DistributionChart(QWidget* parent)
    : ChartWidget(parent),
      m_ninesTicker(new QCPAxisTickerText),
      m_linearTicker(new QCPAxisTicker),
      m_logTicker(new LogTicker) {
    auto* tools = new QHBoxLayout;
    tools->setContentsMargins(6, 4, 6, 0);
    auto addViewButton = [this, tools](const QString& text, View view) {
        auto* button = new QToolButton(this);
        button->setText(text);
        button->setCheckable(true);
        button->setAutoExclusive(true);
        button->setChecked(view == m_view);
        connect(button, &QToolButton::clicked, this, [this, view] { setView(view); });
        tools->addWidget(button);
        return button;
    };
    m_spectrumButton = addViewButton(tr("Percentile spectrum"), View::Spectrum);
    m_histogramButton = addViewButton(tr("Histogram and CDF"), View::HistogramCdf);
    tools->addStretch(1);
    chartLayout()->addLayout(tools);

    QCustomPlot* plot = createPlot();
    setTitle(tr("Latency distribution"));
    setExplanation(
        tr("How many requests took how long, over the whole run after the warm-up. Two humps mean two kinds of request (say, hits and misses, warm and cold); a long right tail is what p99 and p99.9 measure."));
    auto* nines = static_cast<QCPAxisTickerText*>(m_ninesTicker.data());
    nines->addTick(0, QStringLiteral("0%"));
    nines->addTick(std::log10(2.0), QStringLiteral("50%"));
    nines->addTick(1, QStringLiteral("90%"));
    nines->addTick(2, QStringLiteral("99%"));
    nines->addTick(3, QStringLiteral("99.9%"));
    nines->addTick(4, QStringLiteral("99.99%"));
    nines->addTick(5, QStringLiteral("99.999%"));
    nines->setSubTickCount(0);
    m_slo = std::make_unique<SloMarker>(plot, plot->axisRect());
    placeLegendBelow(plot->legend);
    applyView();
}

DistributionChart::~DistributionChart() = default;

double DistributionChart::ninesOf(double q) {
    return q >= 1 ? std::numeric_limits<double>::infinity() : -std::log10(1 - q);
}

std::vector<double> DistributionChart::quantilesMs(const LatencyHistogram& histogram,
                                                   const std::vector<double>& qs) {
    std::vector<double> out;
    out.reserve(qs.size());
    const std::uint64_t n = histogram.count();
    if (n == 0) {
        out.assign(qs.size(), std::numeric_limits<double>::quiet_NaN());
        return out;
    }
    const auto buckets = histogram.nonEmptyBuckets();
    std::size_t b = 0;
    std::uint64_t cumulative = buckets.front().count;
    for (double q : qs) {
        q = std::clamp(q, 0.0, 1.0);
        auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(n)));
        rank = std::clamp<std::uint64_t>(rank, 1, n);
        Time value = 0;
        if (rank == n) {
            value = histogram.max();
        } else if (rank == 1) {
            value = histogram.min();
        } else {
            while (cumulative < rank && b + 1 < buckets.size()) cumulative += buckets[++b].count;
            const Time lower = buckets[b].lower;
            const Time mid = lower + (buckets[b].upper - 1 - lower) / 2;
            value = std::clamp(mid, histogram.min(), histogram.max());
        }
        out.push_back(toMillis(value));
    }
    return out;
}

void DistributionChart::scenarioAdded(const ChartScenario& scenario) {
    QCustomPlot* chart = plot();
    Series series;
    series.spectrum = chart->addGraph(chart->xAxis, chart->yAxis);
    series.spectrum->setPen(QPen(scenario.colour, 2.2));
    series.histogram = chart->addGraph(chart->xAxis, chart->yAxis);
    series.histogram->setPen(QPen(scenario.colour, 1.4));
    series.histogram->setBrush(translucent(scenario.colour, 50));
    series.histogram->setLineStyle(QCPGraph::lsStepLeft);
    series.cdf = chart->addGraph(chart->xAxis, chart->yAxis2);
    series.cdf->setPen(QPen(scenario.colour, 1.8, Qt::DashLine));
    for (QCPGraph* graph : {series.spectrum, series.histogram, series.cdf}) {
        graph->setName(scenario.name);
        graph->removeFromLegend();
    }
    series.legendKey = addLegendKey(chart->axisRect(), scenario.name, QPen(scenario.colour, 6));
    m_series[scenario.key] = series;
    applyView();
}

void DistributionChart::scenarioRemoved(int key) {
    const auto found = m_series.find(key);
    if (found == m_series.end()) return;
    const Series& series = found->second;
    for (QCPGraph* graph : {series.spectrum, series.histogram, series.cdf, series.legendKey})
        plot()->removeGraph(graph);
    m_series.erase(found);
}

QCPGraph* DistributionChart::spectrumGraph(int key) const {
    const auto found = m_series.find(key);
    return found == m_series.end() ? nullptr : found->second.spectrum;
}

QCPGraph* DistributionChart::histogramGraph(int key) const {
    const auto found = m_series.find(key);
    return found == m_series.end() ? nullptr : found->second.histogram;
}

QCPGraph* DistributionChart::cdfGraph(int key) const {
    const auto found = m_series.find(key);
    return found == m_series.end() ? nullptr : found->second.cdf;
}

void DistributionChart::setHistogram(int key, const LatencyHistogram& histogram) {
    const auto found = m_series.find(key);
    if (found == m_series.end()) return;
    Series& series = found->second;
    series.latest = std::make_shared<const LatencyHistogram>(histogram);
    series.spectrumStale = true;
    series.histogramStale = true;
    refresh(series);
    requestReplot();
}

void DistributionChart::setResult(int key, const RunResult& result) {
    setHistogram(key, result.latency);
}

void DistributionChart::refresh(Series& series) {
    if (m_view == View::Spectrum && series.spectrumStale) fillSpectrum(series);
    if (m_view == View::HistogramCdf && series.histogramStale) fillHistogram(series);
}

void DistributionChart::fillSpectrum(Series& series) {
    series.spectrumStale = false;
    QVector<double> keys;
    std::vector<double> qs;
    const std::uint64_t n = series.latest ? series.latest->count() : 0;
    if (n > 0) {
        // Beyond log10(n) nines there is no sample left to tell the quantiles apart.
        const double last = std::min(kMaxNines, std::log10(static_cast<double>(n)));
        const int steps = static_cast<int>(std::ceil(last / kNinesStep));
        for (int i = 0; i <= steps; ++i) {
            const double x = std::min(last, i * kNinesStep);
            keys.push_back(x);
            qs.push_back(1 - std::pow(10.0, -x));
        }
    }
    const auto ms = n > 0 ? quantilesMs(*series.latest, qs) : std::vector<double>{};
    series.spectrum->setData(keys, QVector<double>(ms.begin(), ms.end()), true);
}

void DistributionChart::fillHistogram(Series& series) {
    series.histogramStale = false;
    QVector<double> binKeys;
    QVector<double> binValues;
    QVector<double> cdfKeys;
    QVector<double> cdfValues;
    const std::uint64_t n = series.latest ? series.latest->count() : 0;
    if (n > 0) {
        // Re-bin the fine log-linear buckets into kBinsPerDecade bins per decade of milliseconds.
        std::map<int, std::uint64_t> bins;
        for (const auto& bucket : series.latest->nonEmptyBuckets()) {
            const double midMs =
                std::max(1e-6, toMillis(bucket.lower + (bucket.upper - bucket.lower) / 2));
            bins[static_cast<int>(std::floor(std::log10(midMs) * kBinsPerDecade))] += bucket.count;
        }
        const int first = bins.begin()->first;
        const int last = bins.rbegin()->first;
        const double total = static_cast<double>(n);
        binKeys.push_back(binEdgeMs(first));
        binValues.push_back(0);
        cdfKeys.push_back(binEdgeMs(first));
        cdfValues.push_back(0);
        std::uint64_t cumulative = 0;
        for (int bin = first; bin <= last; ++bin) {
            const auto found = bins.find(bin);
            const std::uint64_t count = found == bins.end() ? 0 : found->second;
            cumulative += count;
            binKeys.push_back(binEdgeMs(bin));
            binValues.push_back(100.0 * static_cast<double>(count) / total);
            cdfKeys.push_back(binEdgeMs(bin + 1));
            cdfValues.push_back(100.0 * static_cast<double>(cumulative) / total);
        }
        binKeys.push_back(binEdgeMs(last + 1));  // close the last step down to zero
        binValues.push_back(0);
    }
    series.histogram->setData(binKeys, binValues, true);
    series.cdf->setData(cdfKeys, cdfValues, true);
}

void DistributionChart::setView(View view) {
    m_view = view;
    m_spectrumButton->setChecked(view == View::Spectrum);
    m_histogramButton->setChecked(view == View::HistogramCdf);
    for (auto& [key, series] : m_series) refresh(series);
    applyView();
    rescale();
    requestReplot();
}

void DistributionChart::applyView() {
    QCustomPlot* chart = plot();
    const bool spectrum = m_view == View::Spectrum;
    for (auto& [key, series] : m_series) {
        series.spectrum->setVisible(spectrum);
        series.histogram->setVisible(!spectrum);
        series.cdf->setVisible(!spectrum);
    }
    if (spectrum) {
        chart->xAxis->setScaleType(QCPAxis::stLinear);
        chart->xAxis->setTicker(m_ninesTicker);
        chart->xAxis->setLabel(tr("percentile (nines scale)"));
        chart->yAxis->setScaleType(m_logScale ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        chart->yAxis->setTicker(m_logScale ? m_logTicker : m_linearTicker);
        chart->yAxis->setLabel(tr("latency (ms)"));
        chart->yAxis2->setVisible(false);
    } else {
        chart->xAxis->setScaleType(QCPAxis::stLogarithmic);
        chart->xAxis->setTicker(m_logTicker);
        chart->xAxis->setLabel(tr("latency (ms)"));
        chart->yAxis->setScaleType(QCPAxis::stLinear);
        chart->yAxis->setTicker(m_linearTicker);
        chart->yAxis->setLabel(
            tr("share of requests per bin (%, %1 bins per decade)").arg(kBinsPerDecade));
        chart->yAxis2->setVisible(true);
        chart->yAxis2->setLabel(tr("cumulative share (%)"));
        chart->yAxis2->setRange(0, 102);
    }
    chart->xAxis->setNumberFormat(spectrum ? QStringLiteral("g") : QStringLiteral("gb"));
    m_slo->set(m_slo->sloMs(), !spectrum);
}

void DistributionChart::setSloPercentile(double percentile) {
    m_slo->setPercentile(percentile);
    requestReplot();
}

void DistributionChart::setSloMs(double sloMs) {
    m_slo->set(sloMs, m_view == View::HistogramCdf);
    requestReplot();
}

void DistributionChart::setLogScale(bool logarithmic) {
    m_logScale = logarithmic;
    applyView();
    rescale();
    requestReplot();
}

void DistributionChart::updateRanges() {
    QCustomPlot* chart = plot();
    const bool spectrum = m_view == View::Spectrum;
    const bool logValues = spectrum && m_logScale;
    QCPRange keys;
    QCPRange values;
    bool haveKeys = false;
    bool haveValues = false;
    for (const auto& [key, series] : m_series) {
        QCPGraph* graph = spectrum ? series.spectrum : series.histogram;
        bool found = false;
        const QCPRange k = graph->getKeyRange(found, spectrum ? QCP::sdBoth : QCP::sdPositive);
        if (found) keys = merged(keys, k, haveKeys);
        haveKeys = haveKeys || found;
        const QCPRange v = graph->getValueRange(found, logValues ? QCP::sdPositive : QCP::sdBoth);
        if (found) values = merged(values, v, haveValues);
        haveValues = haveValues || found;
    }
    const double slo = m_slo->isVisible() ? m_slo->sloMs() : 0;
    if (spectrum) {
        chart->xAxis->setRange(-0.05, std::max(2.0, haveKeys ? keys.upper : 0) + 0.1);
        double top = std::max(haveValues ? values.upper : 100, slo);
        if (logValues) {
            double bottom = haveValues ? values.lower : 1;
            if (slo > 0) bottom = std::min(bottom, slo);
            chart->yAxis->setRange(bottom / 1.5, top * 1.5);
        } else {
            chart->yAxis->setRange(0, top * 1.08);
        }
    } else {
        double lower = haveKeys ? keys.lower : 0.1;
        double upper = haveKeys ? keys.upper : 1000;
        if (slo > 0) {
            lower = std::min(lower, slo);
            upper = std::max(upper, slo);
        }
        chart->xAxis->setRange(lower / 1.3, upper * 1.3);
        chart->yAxis->setRange(0, (haveValues ? values.upper : 10) * 1.1);
    }
}

}  // namespace archsim::ui
