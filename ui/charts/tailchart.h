// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Why the tail is what it is: for each scenario, three bars side by side (the median request, the
// requests at or above p99, those at or above p99.9), each split into the same categories as the
// breakdown chart. Bars show shares of their own latency, so a 3 ms median and a 300 ms tail are
// read alike; the latency itself is written above each bar. The figures come from the run's tail
// breakdown (RunResult::tail), which the engine records per latency bucket, not per request.

#include <array>
#include <map>
#include <vector>

#include "ui/charts/chartwidget.h"

class QCPBars;
class QCPItemText;

namespace archsim::ui {

class TailChart : public ChartWidget {
    Q_OBJECT

public:
    /// The groups of requests each scenario gets a bar for, left to right.
    enum class Group { Median, P99, P999 };
    static constexpr std::size_t kGroupCount = 3;

    explicit TailChart(QWidget* parent = nullptr);

    void setResult(int key, const archsim::RunResult& result) override;

    /// Share (0..100 %) of `category` in the group's latency for scenario `key`; NaN without it.
    double sharePercent(int key, Group group, archsim::TimeCategory category) const;
    /// The group's mean latency in ms for scenario `key`; NaN without a result.
    double latencyMs(int key, Group group) const;
    QCPBars* bars(archsim::TimeCategory category) const;
    /// The label written above each bar (latency), in bar order.
    const std::vector<QCPItemText*>& latencyLabels() const { return m_labels; }
    static QString groupName(Group group);

protected:
    void scenarioAdded(const ChartScenario& scenario) override;
    void scenarioRemoved(int key) override;
    void updateRanges() override;

private:
    std::array<archsim::TailBreakdown, kGroupCount> groupsOf(const archsim::RunResult& result);
    void rebuild();

    std::array<QCPBars*, archsim::kTimeCategoryCount> m_bars{};
    std::map<int, std::array<archsim::TailBreakdown, kGroupCount>> m_values;
    std::vector<QCPItemText*> m_labels;
};

}  // namespace archsim::ui
