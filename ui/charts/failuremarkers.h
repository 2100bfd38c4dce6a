// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The injected failures of the scenarios shown, drawn on every time chart: each interval a light
// band from its start to its end with a dashed outline (so it reads in black and white), a cache
// flush a dashed vertical line, each with its label at the top. Bands sit behind the curves, labels
// above them, so a reader sees at once which spike lines up with which failure.

#include <QString>
#include <vector>

#include "sim/scenario/scenario.h"

class QCPAbstractItem;
class QCPAxisRect;
class QCPItemLine;
class QCPItemRect;
class QCPItemText;
class QCustomPlot;

namespace archsim::ui {

/// What a failure is called on the charts: its label, or "<kind> <target>" without one.
QString failureLabel(const archsim::FailureSpec& failure);
/// "down", "slow", "errors", "cache flush", "lose replicas".
QString failureKindName(archsim::FailureKind kind);

class FailureMarkers {
public:
    /// Marks failures on every panel in `rects` (stacked panels share the time axis); labels go
    /// on the first.
    FailureMarkers(QCustomPlot* plot, std::vector<QCPAxisRect*> rects);
    ~FailureMarkers();
    FailureMarkers(const FailureMarkers&) = delete;
    FailureMarkers& operator=(const FailureMarkers&) = delete;

    /// Replaces the marked failures.
    void set(const std::vector<archsim::FailureSpec>& failures);

    /// Stacks labels that would overlap at the current layout and time range (call once the plot
    /// is laid out, before it draws).
    void layOutLabels();

    /// One band per interval failure and panel, in the order set() got them.
    const std::vector<QCPItemRect*>& bands() const { return m_bands; }
    /// One line per cache flush and panel.
    const std::vector<QCPItemLine*>& lines() const { return m_lines; }
    /// One label per failure, in the order set() got them.
    const std::vector<QCPItemText*>& labels() const { return m_labels; }

private:
    void removeItems();

    QCustomPlot* m_plot;
    std::vector<QCPAxisRect*> m_rects;
    std::vector<QCPItemRect*> m_bands;
    std::vector<QCPItemLine*> m_lines;
    std::vector<QCPItemText*> m_labels;
    std::vector<double> m_starts;  ///< per label, its failure's start (s)
};

}  // namespace archsim::ui
