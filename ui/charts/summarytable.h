// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The headline figures side by side: one column per scenario and, with two or more, one column per
// scenario after the first saying how it differs from the first (absolute and relative, green when
// better, red when worse). Live while the run goes on (percentiles from the whole-run histogram,
// rates from the windows), exact once the run's result arrives.

#include <array>
#include <limits>
#include <map>
#include <memory>
#include <optional>

#include "sim/scenario/scenario.h"
#include "sim/stats/confidence.h"
#include "sim/theory/theorycomparison.h"
#include "ui/charts/chartwidget.h"

class QLabel;
class QTableWidget;

namespace archsim::ui {

class SummaryTable : public ChartWidget {
    Q_OBJECT

public:
    enum Row : std::size_t {
        P50,
        P95,
        P99,
        P999,
        Throughput,
        ErrorRate,
        ColdStartFraction,
        MonthlyCost,
        CostPerMillion,
        // Jobs (scenarios with queues; "—" for the others): from the queue taking a message to
        // the end of its job.
        JobP50,
        JobP99,
        JobsDeadLettered,
    };
    static constexpr std::size_t kRowCount = 12;

    explicit SummaryTable(QWidget* parent = nullptr);

    void appendWindows(int key, const std::vector<archsim::WindowRow>& rows) override;
    void setHistogram(int key, const archsim::LatencyHistogram& histogram) override;
    void setResult(int key, const archsim::RunResult& result) override;
    /// Each figure becomes the mean over the replications with its 95% interval, and a
    /// difference the intervals do not support is marked †.
    void setReplicationResults(int key, const std::vector<archsim::RunResult>& results) override;
    /// The scenario `key` runs: the theory rows compare its results with the formulas that apply
    /// to it (sim/theory), and show the warm-up MSER-5 detects.
    void setScenario(int key, const archsim::Scenario& scenario);
    /// The theory comparison of `key`'s last result or replications (nullptr before one).
    const archsim::theory::TheoryComparison* theory(int key) const;
    /// Rows after the headline figures: one per theory figure, Little's law, detected warm-up.
    int theoryRowCount() const;
    /// Its rows at a width that fits every column, the title above and the caption below.
    QSize defaultExportSize() const override;

    QTableWidget* table() const { return m_table; }
    /// The figure in `row` for scenario `key` (ms, req/s, fraction 0..1, currency), NaN if unknown.
    double value(int key, Row row) const;
    /// The 95% interval of `row` over the replications of `key` (n = 0 without replications).
    archsim::ConfidenceInterval interval(int key, Row row) const;
    /// True when the difference of `key` against the first scenario in `row` is marked as not
    /// supported by the intervals.
    bool differenceUnsupported(int key, Row row) const;
    static QString rowName(Row row);

protected:
    void scenarioAdded(const ChartScenario& scenario) override;
    void scenarioRemoved(int key) override;
    void renderContent(QPainter* painter, const QRectF& area) override;

private:
    struct Figures {
        std::array<double, kRowCount> values;
        bool final = false;  ///< from the run's result; live updates no longer apply
        // Running sums over the windows, for live rates.
        double completed = 0;
        double seconds = 0;
        double errors = 0;
        double arrivals = 0;
        QString currency;
        std::array<archsim::ConfidenceInterval, kRowCount> intervals{};  ///< n = 0: none
        std::optional<archsim::theory::TheoryComparison> theory;
        Figures() { values.fill(std::numeric_limits<double>::quiet_NaN()); }
    };

    void rebuild();
    void rebuildTheory(int firstRow);
    void compareWithTheory(int key, const std::vector<archsim::RunResult>& runs);
    std::unique_ptr<QTableWidget> exportCopy(int width) const;
    QString format(Row row, double value, const QString& currency) const;
    QString formatDifference(Row row, double first, double other) const;

    QTableWidget* m_table;
    QLabel* m_note;
    std::map<int, Figures> m_figures;
    std::map<int, archsim::Scenario> m_scenarios;  ///< for the theory rows (traces left out)
};

}  // namespace archsim::ui
