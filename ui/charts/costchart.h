// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What each scenario costs: monthly cost and cost per million requests at the simulated traffic
// (bars, from the run's result), and monthly cost against traffic level (from a cost sweep) with
// the crossover points marked, where the cheaper architecture changes. Log-log axes for the curves:
// traffic levels span decades, and a pay-per-use line and a flat server bill both stay readable.

#include <QString>
#include <map>
#include <optional>
#include <vector>

#include "ui/charts/chartwidget.h"

class QCPBars;
class QCPItemLine;
class QCPItemText;

namespace archsim::ui {

class CostChart : public ChartWidget {
    Q_OBJECT

public:
    /// A crossover between two scenarios' cost curves.
    struct MarkedCrossover {
        int firstKey = 0;
        int secondKey = 0;
        archsim::Crossover crossover;
    };

    explicit CostChart(QWidget* parent = nullptr);

    void setResult(int key, const archsim::RunResult& result) override;
    void setCostCurve(int key, const std::vector<archsim::CostPoint>& curve) override;

    QCPBars* monthlyBars(int key) const;
    QCPBars* perMillionBars(int key) const;
    QCPGraph* curveGraph(int key) const;
    /// Every crossover currently marked, one per pair of scenarios whose curves cross.
    const std::vector<MarkedCrossover>& crossovers() const { return m_crossovers; }
    const std::vector<QCPItemText*>& crossoverLabels() const { return m_crossoverLabels; }

protected:
    void scenarioAdded(const ChartScenario& scenario) override;
    void scenarioRemoved(int key) override;
    void updateRanges() override;

private:
    struct Series {
        QCPBars* monthly = nullptr;
        QCPBars* perMillion = nullptr;
        QCPGraph* curve = nullptr;
        QCPGraph* legendKey = nullptr;
        std::optional<double> monthlyCost;
        std::optional<double> costPerMillion;
        std::vector<archsim::CostPoint> points;
    };

    /// Re-places the bars (positions follow scenario order) and their value labels.
    void rebuildBars();
    /// Recomputes and re-marks every pairwise crossover.
    void rebuildCrossovers();

    QCPAxisRect* m_monthlyRect = nullptr;
    QCPAxisRect* m_perMillionRect = nullptr;
    QCPAxisRect* m_curveRect = nullptr;
    QCPGraph* m_crossoverMarks = nullptr;
    std::map<int, Series> m_series;
    std::vector<QCPItemText*> m_barLabels;
    std::vector<MarkedCrossover> m_crossovers;
    std::vector<QCPItemText*> m_crossoverLabels;
    std::vector<QCPItemLine*> m_crossoverArrows;
    QString m_currency = QStringLiteral("USD");
};

}  // namespace archsim::ui
