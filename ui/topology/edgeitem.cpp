// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/topology/edgeitem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QtMath>

#include "ui/topology/diagramstyle.h"
#include "ui/topology/nodeitem.h"

namespace archsim::ui {

EdgeItem::EdgeItem(const QRectF& from, const QRectF& to, const QString& label, bool conditional,
                   QGraphicsItem* parent)
    : QGraphicsPathItem(parent), m_label(label) {
    QPointF start, end;
    QPainterPath path;
    const bool skipsAColumn = to.left() - from.right() > from.width();
    const bool sameRow = std::abs(to.center().y() - from.center().y()) < from.height() / 2;
    if (skipsAColumn && sameRow) {
        // Forward past boxes in the columns between (the client's upload after the response goes
        // from the workload to a store far right): loop round above them rather than behind them.
        start = QPointF(from.center().x(), from.top());
        end = QPointF(to.center().x(), to.top());
        path.moveTo(start);
        const double rise = 40 + std::abs(start.x() - end.x()) * 0.05;
        path.cubicTo(start - QPointF(0, rise), end - QPointF(0, rise), end);
    } else if (to.left() > from.right()) {
        // Forward: right side to left side, an S-curve that stays readable when rows differ.
        start = QPointF(from.right(), from.center().y());
        end = QPointF(to.left(), to.center().y());
        const double dx = (end.x() - start.x()) / 2;
        path.moveTo(start);
        path.cubicTo(start + QPointF(dx, 0), end - QPointF(dx, 0), end);
    } else {
        // Backward or within a column: loop round below.
        start = QPointF(from.center().x(), from.bottom());
        end = QPointF(to.center().x(), to.bottom());
        path.moveTo(start);
        const double drop = 40 + std::abs(start.x() - end.x()) * 0.1;
        path.cubicTo(start + QPointF(0, drop), end + QPointF(0, drop), end);
    }
    setPath(path);
    setPen(QPen(diagramStyle().edge(), 1.6, conditional ? Qt::DashLine : Qt::SolidLine));
    setZValue(-1);
    const double angle = std::atan2(end.y() - path.pointAtPercent(0.97).y(),
                                    end.x() - path.pointAtPercent(0.97).x());
    const double size = 9;
    m_head << end << end - QPointF(std::cos(angle - 0.4) * size, std::sin(angle - 0.4) * size)
           << end - QPointF(std::cos(angle + 0.4) * size, std::sin(angle + 0.4) * size);
    m_labelAt = path.pointAtPercent(0.5);
}

QRectF EdgeItem::boundingRect() const {
    return QGraphicsPathItem::boundingRect()
        .united(m_head.boundingRect())
        .adjusted(-60, -20, 60, 20);
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) {
    painter->setRenderHint(QPainter::Antialiasing);
    QGraphicsPathItem::paint(painter, option, widget);
    painter->setPen(Qt::NoPen);
    painter->setBrush(pen().color());
    painter->drawPolygon(m_head);
    if (m_label.isEmpty()) return;
    QFont font = painter->font();
    const DiagramStyle& style = diagramStyle();
    font.setPointSizeF(NodeItem::kSmallPointSize * style.textScale);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    QRectF box = metrics.boundingRect(m_label).adjusted(-3, -1, 3, 1);
    box.moveCenter(m_labelAt);
    painter->setBrush(style.labelBox());
    painter->drawRoundedRect(box, 3, 3);
    painter->setPen(style.edgeLabel());
    painter->drawText(box, Qt::AlignCenter, m_label);
}

}  // namespace archsim::ui
