// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The common ground of every chart in the charts panel.
//
// The panel hands each chart the same stream (scenarios added and removed, window batches,
// histograms, final results, cost curves); a chart overrides the hooks it cares about and ignores
// the rest, so the panel never needs to know which chart shows what. The base also owns what every
// plot shares: the scenario list (name, colour, order), export to PNG/SVG/PDF, the "Export…"
// context menu, and replot scheduling.
//
// Replots are cheap only if they are rare and never redundant: requestReplot() queues one
// (rpQueuedReplot merges every request of one event-loop turn), a hidden chart (another tab) only
// remembers that it is stale and replots when shown, and axis ranges are recomputed once per
// replot (beforeReplot), not per batch. The ranges follow the data until the user zooms or drags;
// a double click returns to following.

#include <QColor>
#include <QPen>
#include <QSize>
#include <QString>
#include <QWidget>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "sim/cost/costmodel.h"
#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/latencyhistogram.h"

class QCPAxisRect;
class QCPGraph;
class QCPLegend;
class QCPTextElement;
class QCustomPlot;
class QPainter;
class QLabel;
class QVBoxLayout;

namespace archsim::ui {

class FailureMarkers;

/// A scenario as the charts show it.
struct ChartScenario {
    int key = 0;
    QString name;
    QColor colour;
};

class ChartWidget : public QWidget {
    Q_OBJECT

public:
    /// Exported images are this size (pixels; PDF points) unless the caller says otherwise:
    /// legible on a slide and in a document.
    static constexpr int kExportWidth = 1280;
    static constexpr int kExportHeight = 760;

    explicit ChartWidget(QWidget* parent = nullptr);
    ~ChartWidget() override;

    /// A negative key is a baseline: the frozen results of an earlier run, drawn dashed.
    void addScenario(int key, const QString& name, const QColor& colour);
    static bool isBaselineKey(int key) { return key < 0; }
    void removeScenario(int key);
    /// Removes every scenario and all data.
    void clear();
    const std::vector<ChartScenario>& scenarios() const { return m_scenarios; }
    /// Position of `key` in scenarios(), or -1.
    int scenarioIndex(int key) const;

    /// Data hooks; the default does nothing, so each chart overrides only what it shows.
    virtual void appendWindows(int key, const std::vector<archsim::WindowRow>& rows);
    virtual void setHistogram(int key, const archsim::LatencyHistogram& histogram);
    virtual void setResult(int key, const archsim::RunResult& result);
    virtual void setCostCurve(int key, const std::vector<archsim::CostPoint>& curve);
    /// Every replication of scenario `key` (the first is the result setResult() had), when more
    /// than one ran: for bands and confidence intervals.
    virtual void setReplicationResults(int key, const std::vector<archsim::RunResult>& results);
    virtual void setSloMs(double sloMs);
    /// The percentile the objective is about (99 unless a scenario's own objective says).
    virtual void setSloPercentile(double percentile);
    virtual void setLogScale(bool logarithmic);
    /// The failures injected into scenario `key`, marked on a chart over simulated time (others
    /// ignore them). A failure several shown scenarios share is marked once. Set after
    /// addScenario(): adding a key again forgets its failures.
    void setFailures(int key, const std::vector<archsim::FailureSpec>& failures);
    /// The marks of the failures, or nullptr on a chart that is not over simulated time.
    const FailureMarkers* failureMarkers() const { return m_failureMarkers.get(); }

    /// The plot, or nullptr for a chart that is not a QCustomPlot (the summary table).
    QCustomPlot* plot() const { return m_plot; }
    /// The explanation shown under the chart ("" when none).
    QString explanation() const;
    /// Writes the chart to `path`; the format follows the suffix: .png, .svg or .pdf. SVG and PDF
    /// stay vector; a PNG is `scale` device pixels per pixel (2 or 3 for print and slides). The
    /// caption, when set, is drawn under the chart so the image explains itself.
    virtual bool exportTo(const QString& path, QString* error = nullptr, int width = kExportWidth,
                          int height = kExportHeight, double scale = 1.0);
    /// The chart as an SVG document of `width` x `height`, with the caption under it unless a
    /// document that prints the caption itself asks for none.
    QByteArray toSvg(int width, int height, bool withCaption = true);
    /// Draws the chart (and its caption) into `painter` over (0, 0, width, height).
    void paint(QPainter* painter, int width, int height, bool withCaption = true);
    /// Copies the chart (PNG at twice the export size's density, with caption) to the clipboard.
    void copyToClipboard();

    /// One line under every exported chart: scenarios, seed, duration, window, replications,
    /// date and version. An explicit caption replaces the one built from the results.
    void setCaption(const QString& caption) { m_caption = caption; }
    /// The caption set with setCaption(), "" when the caption follows the results.
    const QString& explicitCaption() const { return m_caption; }
    /// The caption exports carry: the explicit one, else one built from the latest results.
    QString caption() const;
    /// The latency objective the caption names (ms); 0: none.
    void setCaptionSloMs(double sloMs) { m_captionSloMs = sloMs; }
    /// The size an export has unless the user chooses another (a table: its rows, no more).
    virtual QSize defaultExportSize() const { return {kExportWidth, kExportHeight}; }
    /// The file name an export dialog proposes: scenario names and the chart's title.
    QString suggestedFileName(const QString& suffix) const;
    /// What the caption says of one scenario's run (ChartsPanel::setResult feeds it).
    void setRunFacts(int key, std::uint64_t seed, double simulatedS, double windowS);
    /// Independent replications behind the figures, for the caption.
    void setReplications(int replications) { m_replications = replications; }
    /// Recomputes the axis ranges from the data now (also done before every replot while the
    /// chart follows its data).
    void rescale();
    /// True until the user zooms or drags; a double click restores it.
    bool followsData() const { return m_followData; }
    /// Re-applies chartLook() (theme colours, presenter text and line sizes) to the plot: its
    /// background, axes, grid, legend, title and labels, and every curve's line width. New curves
    /// get the line width at their first replot.
    virtual void applyLook();

protected:
    /// Creates the plot with the shared look (call once, from the subclass constructor).
    QCustomPlot* createPlot();
    /// The layout the plot sits in; a chart may put a tool row above it.
    QVBoxLayout* chartLayout() const { return m_layout; }
    /// Queues one replot, or marks the chart stale while hidden.
    void requestReplot();
    /// Series longer than this many points are drawn with plain one-pixel lines, without
    /// antialiasing or filled areas: a wide antialiased stroke of an hour of jagged per-second
    /// percentiles costs tens of milliseconds per replot (measured by bench_gui_replot), a plain
    /// line a few.
    static constexpr int kDetailedPointLimit = 1000;
    /// Switches the level of detail for series of `pointsPerSeries` points (the longest one).
    void updateDetail(int pointsPerSeries);
    bool detailed() const { return m_detailed; }
    /// `pen` as drawn at the current level of detail.
    QPen detailPen(QPen pen) const;
    /// Re-applies pens after the level of detail changed.
    virtual void detailChanged();

    /// Marks the scenarios' failures on `rects` (panels over simulated time; call once).
    void showFailuresOn(std::vector<QCPAxisRect*> rects);

    /// Moves the legend under the plot, laid out in rows, so it never hides data.
    void placeLegendBelow(QCPLegend* legend);
    /// Lays the legend out in as many columns as fit `width` pixels.
    void fitLegend(int width);
    /// Puts a title above the plot, so an exported image explains itself.
    void setTitle(const QString& title);
    /// A sentence or two under the chart on screen: what it shows and how to read it (exports
    /// carry a caption instead).
    void setExplanation(const QString& text);
    /// An empty graph on `rect` that only shows `name` drawn with `pen` in the legend: a key for
    /// a scenario's colour or a line style, instead of one legend entry per curve.
    QCPGraph* addLegendKey(QCPAxisRect* rect, const QString& name, const QPen& pen);
    /// The context menu of the chart ("Export…", "Fit to data") at `position` in `source`.
    void showContextMenu(QWidget* source, const QPoint& position);
    /// Draws a chart that is not a plot into `area` of an export; the default renders the widget
    /// as shown, scaled to fit.
    virtual void renderContent(QPainter* painter, const QRectF& area);

    virtual void scenarioAdded(const ChartScenario& scenario);
    /// Called once the scenario has left scenarios().
    virtual void scenarioRemoved(int key);
    /// Fits the axes to the data (only called while the chart follows its data).
    virtual void updateRanges();

    void showEvent(QShowEvent* event) override;

private:
    /// What the caption says about one scenario's run, learnt from its result.
    struct RunFacts {
        std::uint64_t seed = 0;
        double simulatedS = 0;
        double windowS = 0;
    };
    bool writeImage(const QString& path, int width, int height, double scale);
    /// Multiplies every curve's own line width by the look's line scale (once per pen a chart
    /// sets, however often it replots).
    void scaleLines();
    void styleAxesAndLegend();
    void updateFailureMarkers();

    std::vector<ChartScenario> m_scenarios;
    std::map<int, RunFacts> m_runFacts;
    std::map<int, std::vector<archsim::FailureSpec>> m_failures;
    std::unique_ptr<FailureMarkers> m_failureMarkers;
    QString m_caption;
    int m_replications = 1;
    double m_captionSloMs = 0;
    QVBoxLayout* m_layout = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPTextElement* m_title = nullptr;
    QLabel* m_explanation = nullptr;
    bool m_stale = false;
    bool m_detailed = true;
    bool m_followData = true;
};

}  // namespace archsim::ui
