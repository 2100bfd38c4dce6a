// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The live traffic drawn over the topology diagram while a run goes at 1x to 10x: pulses along
// each arrow, as many as its share of the requests (estimated from the latest window), and marks
// on the components: instances starting cold or reclaimed, the queue filling, an injected failure
// in force.
//
// Everything here comes from the batched window snapshots the run panel already receives (the
// view hands them over); nothing is asked of the engine. The item only draws: the view's single
// frame timer advances it, and stops when there is nothing to animate.

#include <QGraphicsObject>
#include <QPainterPath>
#include <QString>
#include <vector>

namespace archsim::ui {

class TrafficAnimation : public QGraphicsObject {
    Q_OBJECT
public:
    /// What a component shows in the latest window.
    struct Mark {
        QRectF box;             ///< the node, in scene coordinates
        double coldStarts = 0;  ///< instances started cold in the window
        double reclaimed = 0;   ///< instances fewer than in the window before
        double queueFill = -1;  ///< 0..1 of the queue gauge; -1: none
        QString failure;        ///< the injected failure in force ("" when none)
    };

    /// Pulses an edge carries at most; the busiest edge has this many.
    static constexpr int kMaxPulses = 8;

    explicit TrafficAnimation(QGraphicsItem* parent = nullptr);

    /// The arrows' paths, in scene coordinates (the diagram was rebuilt).
    void setPaths(std::vector<QPainterPath> paths);
    /// Requests per second along each path; the pulses follow at once.
    void setRates(const std::vector<double>& rates);
    void setMarks(std::vector<Mark> marks);
    const std::vector<Mark>& marks() const { return m_marks; }
    /// Moves the pulses on by `seconds` of wall time.
    void advance(double seconds);
    /// Pulses on path `index` now (0 without traffic).
    int pulseCount(std::size_t index) const;
    int totalPulses() const;
    /// Whether anything moves: pulses, or a mark that blinks.
    bool hasMotion() const;
    double phase() const { return m_phase; }

    QRectF boundingRect() const override;
    /// Empty: clicks, the context menu and itemAt() reach the boxes under the overlay.
    QPainterPath shape() const override { return {}; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::vector<QPainterPath> m_paths;
    std::vector<int> m_pulses;
    std::vector<Mark> m_marks;
    QRectF m_bounds;
    double m_phase = 0;  ///< 0..1, where the first pulse of every path is
};

}  // namespace archsim::ui
