// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One component in the topology diagram: an icon and shape per kind, its id and key parameters,
// and a live badge (busy, queue, utilization, hit ratio) fed from the run's component gauges.

#include <QGraphicsObject>

#include "sim/run/runresult.h"
#include "ui/topology/topologygraph.h"

namespace archsim::ui {

class NodeItem : public QGraphicsObject {
    Q_OBJECT
public:
    static constexpr double kWidth = 200;
    static constexpr double kHeight = 92;
    /// Text sizes at a text scale of 1 (DiagramStyle::textScale multiplies them).
    static constexpr double kTitlePointSize = 9.5;
    static constexpr double kSmallPointSize = 7.5;
    /// The smallest text the diagram draws now, in points at a view scale of 1.
    static double smallestPointSize();

    explicit NodeItem(const TopologyNode& node, QGraphicsItem* parent = nullptr);

    const ComponentRef& ref() const { return m_node.ref; }
    /// Shows the component's state over the latest window; nullptr clears the badge.
    void setGauge(const ComponentGauge* gauge);
    /// Sets the badge directly (the workload's measured arrival rate).
    void setBadge(const QString& text, double load = -1);
    QString badgeText() const { return m_badge; }
    /// Marks the component that limits the run (a red tag above the node).
    void setBottleneck(bool bottleneck);
    bool isBottleneck() const { return m_bottleneck; }
    /// Marks the node a keyboard Connect would go to (a dashed outline).
    void setTargeted(bool targeted);
    bool isTargeted() const { return m_targeted; }

    /// Where the title is written, and the ellipse whose lower half draws a database's rim.
    static QRectF titleRect();
    static QRectF lidRect();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QColor accent() const;

    TopologyNode m_node;
    QString m_badge;
    double m_load = -1;  ///< utilization 0..1 for the bar, -1 = none
    bool m_targeted = false;
    bool m_bottleneck = false;
};

}  // namespace archsim::ui
