// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A chart of per-window measures over simulated time, in one or more panels stacked above a shared
// time axis: the common machinery of the capacity and the cache/database charts. A subclass lists
// its panels and its measures (what to read from a WindowRow, in which panel, drawn how); every
// scenario then gets one curve per measure in its own colour, and the legend explains colours
// (scenarios) and line styles (measures) once each. Measures differ by width, shade, fill and
// impulses rather than by dash pattern, which costs seconds to stroke along a long jagged series.

#include <QPen>
#include <functional>
#include <map>
#include <vector>

#include "ui/charts/chartwidget.h"

namespace archsim::ui {

class WindowSeriesChart : public ChartWidget {
    Q_OBJECT

public:
    void appendWindows(int key, const std::vector<archsim::WindowRow>& rows) override;

    /// The curve of measure `measure` (its index in the subclass's list) for scenario `key`.
    QCPGraph* graph(int key, std::size_t measure) const;
    QCPAxisRect* panel(std::size_t index) const { return m_panels.at(index); }
    std::size_t panelCount() const { return m_panels.size(); }
    std::size_t measureCount() const { return m_measures.size(); }

protected:
    struct Panel {
        QString valueLabel;   ///< y axis label, with its unit
        double fixedTop = 0;  ///< > 0: the axis is fixed at 0..fixedTop
        double stretch = 1;   ///< relative height
    };
    struct Measure {
        QString name;  ///< legend key for the line style
        std::size_t panel = 0;
        double width = 1.8;
        int darker = 100;       ///< QColor::darker factor for the scenario colour
        bool filled = false;    ///< a translucent area down to zero
        bool impulses = false;  ///< a vertical line per window (sparse counts)
        /// The value plotted for a window of scenario `key`; NaN leaves a gap.
        std::function<double(int key, const archsim::WindowRow& row)> value;
        /// A QCPScatterStyle::ScatterShape at each point (0: none): tells apart measures that
        /// share a panel and a width, also in black and white.
        int marker = 0;
        /// The legend key only appears once a value has been plotted: measures that are rare
        /// (requests lost for a given reason) would otherwise fill the legend with keys for
        /// nothing on screen, and on a small screen take half the chart's height.
        bool keyWhenSeen = false;
    };

    explicit WindowSeriesChart(QWidget* parent = nullptr);
    /// Builds the panels and legend (call once from the subclass constructor).
    void setUp(const QString& title, std::vector<Panel> panels, std::vector<Measure> measures);

    void scenarioAdded(const ChartScenario& scenario) override;
    void scenarioRemoved(int key) override;
    void updateRanges() override;
    void detailChanged() override;

private:
    QPen measurePen(const Measure& measure, const QColor& colour) const;
    int longestSeries() const;

    struct Series {
        std::vector<QCPGraph*> graphs;  ///< one per measure
        QCPGraph* legendKey = nullptr;
    };

    std::vector<Panel> m_panelSpecs;
    std::vector<Measure> m_measures;
    std::vector<QCPAxisRect*> m_panels;
    std::map<int, Series> m_series;
    std::vector<QCPGraph*> m_measureKeys;  ///< legend keys, one per named measure (or nullptr)
};

}  // namespace archsim::ui
