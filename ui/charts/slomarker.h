// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The service-level objective drawn across a latency chart: a dashed red line and its label, so a
// reader sees at once which curve breaks the budget.

#include <QString>

class QCPAxisRect;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;

namespace archsim::ui {

class SloMarker {
public:
    SloMarker(QCustomPlot* plot, QCPAxisRect* rect);

    /// Shows the objective `sloMs` as a horizontal line (latency on the y axis) or, with
    /// `vertical`, as a vertical one (latency on the x axis); 0 or less hides it.
    void set(double sloMs, bool vertical = false);
    /// The percentile the objective is about (99: "SLO p99 50 ms"); kept across set().
    void setPercentile(double percentile);
    double percentile() const { return m_percentile; }
    double sloMs() const { return m_sloMs; }
    bool isVisible() const { return m_sloMs > 0; }
    QCPItemStraightLine* line() const { return m_line; }
    QCPItemText* label() const { return m_label; }

private:
    QCPItemStraightLine* m_line;
    QCPItemText* m_label;
    double m_sloMs = 0;
    double m_percentile = 99;
    bool m_vertical = false;
};

/// "12 ms", "0.25 ms", "1.5 s": a latency in milliseconds for labels.
QString formatMillis(double ms);

}  // namespace archsim::ui
