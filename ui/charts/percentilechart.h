// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Latency percentiles (p50, p95, p99, p99.9) per window over simulated time, one colour per
// scenario and one line style per percentile, with the SLO drawn across. This is the chart that
// shows a tail moving while the median stays put.

#include <array>
#include <map>
#include <memory>

#include "ui/charts/chartwidget.h"

class QCPAxisTicker;
class QCPAxisTickerLog;
class QCPItemLine;
class QCPItemText;

namespace archsim::ui {

class SloMarker;

class PercentileChart : public ChartWidget {
    Q_OBJECT

public:
    enum class Percentile { P50, P95, P99, P999 };
    static constexpr std::size_t kPercentileCount = 4;

    explicit PercentileChart(QWidget* parent = nullptr);
    ~PercentileChart() override;

    void appendWindows(int key, const std::vector<archsim::WindowRow>& rows) override;
    void setSloMs(double sloMs) override;
    void setSloPercentile(double percentile) override;
    void setLogScale(bool logarithmic) override;
    /// A shaded band around each line: per window, the lowest to the highest value of that
    /// percentile over the replications.
    void setReplicationResults(int key, const std::vector<archsim::RunResult>& results) override;
    /// Marks the warm-up MSER-5 detects in the run (a dashed vertical line, labelled).
    void setResult(int key, const archsim::RunResult& result) override;
    /// The detected warm-up of `key` in seconds; negative before a result (or when the run had
    /// too few windows to say).
    double detectedWarmupS(int key) const;
    /// The line marking it (nullptr when there is none, or it is at 0).
    QCPItemLine* warmupLine(int key) const;
    bool logScale() const { return m_logScale; }

    /// The curve of one percentile of one scenario (nullptr for an unknown key). Windows with too
    /// few requests to estimate the percentile are gaps in it; they are drawn faded on thinGraph().
    QCPGraph* graph(int key, Percentile percentile) const;
    QCPGraph* thinGraph(int key, Percentile percentile) const;
    /// The band's lower and upper edge (the upper one is filled down to the lower), or nullptr
    /// before replications arrived.
    QCPGraph* bandGraph(int key, Percentile percentile, bool upper) const;
    /// Scenarios x percentiles that have a band.
    int bandCount() const;
    /// Requests a window needs before its q-quantile is an estimate: about 10 / (1 - q).
    static double samplesNeeded(Percentile percentile);
    const SloMarker& slo() const { return *m_slo; }
    static QString percentileName(Percentile percentile);

protected:
    void scenarioAdded(const ChartScenario& scenario) override;
    void scenarioRemoved(int key) override;
    void updateRanges() override;
    void detailChanged() override;

private:
    int longestSeries() const;

    struct Series {
        std::array<QCPGraph*, kPercentileCount> graphs{};
        std::array<QCPGraph*, kPercentileCount> thin{};
        QCPGraph* legendKey = nullptr;
        std::array<QCPGraph*, kPercentileCount> bandLow{};
        std::array<QCPGraph*, kPercentileCount> bandHigh{};
        double detectedWarmupS = -1;
        QCPItemLine* warmupLine = nullptr;
        QCPItemText* warmupLabel = nullptr;
    };
    void removeWarmupMarker(Series& series);

    std::map<int, Series> m_series;
    std::array<QCPGraph*, kPercentileCount> m_percentileKeys{};
    QCPGraph* m_thinKey = nullptr;
    QCPGraph* m_bandKey = nullptr;
    std::unique_ptr<SloMarker> m_slo;
    QSharedPointer<QCPAxisTicker> m_linearTicker;
    QSharedPointer<QCPAxisTicker> m_logTicker;
    bool m_logScale = false;
};

}  // namespace archsim::ui
