// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An arrow of the topology diagram: a call from one component to another, labelled with what the
// call is ("lookup", "on miss", "p 0.3"); calls only some requests make are dashed.

#include <QGraphicsPathItem>

namespace archsim::ui {

class EdgeItem : public QGraphicsPathItem {
public:
    EdgeItem(const QRectF& from, const QRectF& to, const QString& label, bool conditional,
             QGraphicsItem* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    QRectF boundingRect() const override;

private:
    QString m_label;
    QPointF m_labelAt;
    QPolygonF m_head;
};

}  // namespace archsim::ui
