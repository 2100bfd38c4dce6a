// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The whole latency distribution of each scenario, from its histogram, in one of two views:
//  - the percentile spectrum: latency against percentile on a "nines" axis, x = -log10(1 - q), so
//    50%, 90%, 99%, 99.9% and 99.99% are evenly spaced and the tail gets the room it deserves;
//  - a histogram (share of requests per bin, bins evenly spaced on a log latency axis) with the
//    cumulative distribution on a second axis.
// Only the latest histogram of a scenario is kept; the visible view is computed from it (one pass
// over the buckets), the other when the user switches to it.

#include <map>
#include <memory>
#include <vector>

#include "ui/charts/chartwidget.h"

class QAbstractButton;
class QCPAxisTicker;

namespace archsim::ui {

class SloMarker;

class DistributionChart : public ChartWidget {
    Q_OBJECT

public:
    enum class View { Spectrum, HistogramCdf };
    /// The spectrum is drawn up to this many nines at most (99.999%).
    static constexpr double kMaxNines = 5;
    /// Histogram bins per decade of latency.
    static constexpr int kBinsPerDecade = 20;

    explicit DistributionChart(QWidget* parent = nullptr);
    ~DistributionChart() override;

    void setHistogram(int key, const archsim::LatencyHistogram& histogram) override;
    /// Shows the result's final histogram.
    void setResult(int key, const archsim::RunResult& result) override;
    void setSloMs(double sloMs) override;
    void setSloPercentile(double percentile) override;
    void setLogScale(bool logarithmic) override;
    void setView(View view);
    View view() const { return m_view; }

    QCPGraph* spectrumGraph(int key) const;
    QCPGraph* histogramGraph(int key) const;
    QCPGraph* cdfGraph(int key) const;
    const SloMarker& slo() const { return *m_slo; }

    /// Position of quantile q on the nines axis: -log10(1 - q).
    static double ninesOf(double q);
    /// Latency (ms) at each quantile of `qs` (ascending), with LatencyHistogram::quantile's
    /// convention (rank ceil(q n), bucket midpoint, exact extremes), in one pass over the buckets.
    static std::vector<double> quantilesMs(const archsim::LatencyHistogram& histogram,
                                           const std::vector<double>& qs);

protected:
    void scenarioAdded(const ChartScenario& scenario) override;
    void scenarioRemoved(int key) override;
    void updateRanges() override;

private:
    struct Series {
        QCPGraph* spectrum = nullptr;
        QCPGraph* histogram = nullptr;
        QCPGraph* cdf = nullptr;
        QCPGraph* legendKey = nullptr;
        std::shared_ptr<const archsim::LatencyHistogram> latest;
        bool spectrumStale = false;
        bool histogramStale = false;
    };

    void refresh(Series& series);
    void fillSpectrum(Series& series);
    void fillHistogram(Series& series);
    void applyView();

    std::map<int, Series> m_series;
    std::unique_ptr<SloMarker> m_slo;
    QSharedPointer<QCPAxisTicker> m_ninesTicker;
    QSharedPointer<QCPAxisTicker> m_linearTicker;
    QSharedPointer<QCPAxisTicker> m_logTicker;
    QAbstractButton* m_spectrumButton = nullptr;
    QAbstractButton* m_histogramButton = nullptr;
    View m_view = View::Spectrum;
    bool m_logScale = false;
};

}  // namespace archsim::ui
