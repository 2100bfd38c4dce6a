// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/topology/nodeitem.h"

#include <QFontMetricsF>
#include <QIcon>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>

#include "ui/topology/diagramstyle.h"

namespace archsim::ui {

NodeItem::NodeItem(const TopologyNode& node, QGraphicsItem* parent)
    : QGraphicsObject(parent), m_node(node) {
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
    setToolTip(
        QStringLiteral("<b>%1</b> (%2)<br>%3%4")
            .arg(node.title.toHtmlEscaped(), kindLabel(node.ref.kind),
                 node.subtitle.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")),
                 node.entry ? QStringLiteral("<br><i>Requests enter here.</i>") : QString()));
}

QColor NodeItem::accent() const {
    switch (m_node.ref.kind) {
        case ComponentKind::Workload:
            return QColor(0x55, 0x60, 0x6e);
        case ComponentKind::Gateway:
            return QColor(0x8e, 0x7c, 0xc3);
        case ComponentKind::Function:
            return QColor(0xf0, 0x9a, 0x1a);
        case ComponentKind::Server:
            return QColor(0x3f, 0x86, 0xd0);
        case ComponentKind::Cache:
            return QColor(0xe0, 0x4a, 0x5e);
        case ComponentKind::Database:
            return QColor(0x4c, 0xa8, 0x4c);
        case ComponentKind::Hop:
            return QColor(0x7d, 0x93, 0xab);
        case ComponentKind::Station:
            return QColor(0x70, 0x70, 0x70);
        case ComponentKind::Queue:
            return QColor(0xc9, 0xa3, 0x3a);
        case ComponentKind::ObjectStore:
            return QColor(0x2a, 0x9d, 0x8f);
        case ComponentKind::None:
            break;
    }
    return Qt::gray;
}

double NodeItem::smallestPointSize() {
    return kSmallPointSize * diagramStyle().textScale;
}

QRectF NodeItem::titleRect() {
    return QRectF(46, 4, kWidth - 50, 18);
}

QRectF NodeItem::lidRect() {
    // Only the lower half of this ellipse is drawn (the cylinder's rim), from y = 1 to y = 4:
    // above the title, which it used to strike through.
    return QRectF(4, -2, kWidth - 8, 6);
}

void NodeItem::setTargeted(bool targeted) {
    if (targeted == m_targeted) return;
    m_targeted = targeted;
    update();
}

namespace {
// The bottleneck tag sits above the node's top edge, at its right.
const QRectF kBottleneckTag(NodeItem::kWidth - 84, -17, 80, 15);
// Where the component runs, above its top-left corner (scenarios with regions only).
const QRectF kRegionTag(4, -17, 108, 15);
}  // namespace

QRectF NodeItem::boundingRect() const {
    return QRectF(-3, -3, kWidth + 6, kHeight + 6)
        .united(kBottleneckTag.adjusted(-1, -1, 1, 1))
        .united(kRegionTag.adjusted(-1, -1, 1, 1));
}

void NodeItem::setBottleneck(bool bottleneck) {
    if (bottleneck == m_bottleneck) return;
    m_bottleneck = bottleneck;
    setToolTip(bottleneck ? tr("The bottleneck: the busiest component, or the one with the "
                               "longest queue, in the latest window")
                          : QString());
    update();
}

void NodeItem::setBadge(const QString& text, double load) {
    if (text == m_badge && load == m_load) return;
    m_badge = text;
    m_load = load;
    update();
}

void NodeItem::setGauge(const ComponentGauge* gauge) {
    QString text;
    m_load = -1;
    if (gauge) {
        QStringList parts;
        switch (m_node.ref.kind) {
            case ComponentKind::Cache:
                parts << (gauge->hitRatio >= 0
                              ? QStringLiteral("hit %1%").arg(gauge->hitRatio * 100, 0, 'f', 1)
                              : QStringLiteral("no lookups"));
                break;
            case ComponentKind::Function:
                parts << QStringLiteral("%1 alive").arg(gauge->alive, 0, 'f', 1)
                      << QStringLiteral("%1 busy").arg(gauge->busy, 0, 'f', 1);
                if (gauge->coldStarts) parts << QStringLiteral("%1 cold").arg(gauge->coldStarts);
                m_load = gauge->utilization;
                break;
            default:
                parts << (gauge->busy < 0.05
                              ? QStringLiteral("idle")
                              : QStringLiteral("%1 busy").arg(gauge->busy, 0, 'f', 1));
                if (gauge->queueLength >= 0.05)
                    parts << QStringLiteral("queue %1").arg(gauge->queueLength, 0, 'f', 1);
                parts << QStringLiteral("%1%").arg(gauge->utilization * 100, 0, 'f', 0);
                m_load = gauge->utilization;
                break;
        }
        text = parts.join(QStringLiteral(" · "));
    }
    if (text == m_badge) return;
    m_badge = text;
    update();
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF box(0, 0, kWidth, kHeight);
    const QColor color = accent();
    const bool selected = isSelected();
    QPainterPath shape;
    // Shapes tell the kinds apart at a glance even without reading: a database is a cylinder,
    // a network hop a cloud-like pill, the workload a rounded tag, everything else a card.
    switch (m_node.ref.kind) {
        case ComponentKind::Hop:
            shape.addRoundedRect(box, kHeight / 2, kHeight / 2);
            break;
        case ComponentKind::Database: {
            shape.addRoundedRect(box, 10, 10);
            break;
        }
        default:
            shape.addRoundedRect(box, 8, 8);
            break;
    }
    painter->setPen(
        QPen(selected ? QColor(0x1e, 0x88, 0xe5) : color.darker(130), selected ? 3.0 : 1.5));
    painter->setBrush(QColor(color.red(), color.green(), color.blue(), 28).lighter(105));
    const DiagramStyle& style = diagramStyle();
    painter->fillPath(shape, style.card());
    painter->drawPath(shape);
    if (m_targeted) {
        painter->save();
        painter->setPen(QPen(QColor(0xe6, 0x51, 0x00), 2.5, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(-2, -2, kWidth + 4, kHeight + 4), 10, 10);
        painter->restore();
    }
    if (m_node.ref.kind == ComponentKind::Database) {
        painter->setPen(QPen(color.darker(130), 1.2));
        painter->drawArc(lidRect(), 180 * 16, 180 * 16);
    }
    // Kind stripe on the left with the icon.
    QPainterPath stripe;
    stripe.addRoundedRect(QRectF(0, 0, 40, kHeight), 8, 8);
    painter->save();
    painter->setClipPath(shape);
    painter->fillRect(QRectF(0, 0, 40, kHeight),
                      QColor(color.red(), color.green(), color.blue(), 50));
    painter->restore();
    QIcon(kindIconPath(m_node.ref.kind)).paint(painter, QRect(8, 10, 24, 24));

    QFont font = painter->font();
    font.setBold(true);
    font.setPointSizeF(kTitlePointSize * style.textScale);
    painter->setFont(font);
    painter->setPen(style.text());
    const QRectF titleRect = NodeItem::titleRect();
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      painter->fontMetrics().elidedText(m_node.title, Qt::ElideRight,
                                                        static_cast<int>(titleRect.width())));
    font.setBold(false);
    font.setPointSizeF(kSmallPointSize * style.textScale);
    painter->setFont(font);
    painter->setPen(style.secondaryText());
    const QFontMetricsF small(font);
    // Larger text (presenter mode) has the same box: each line is shortened rather than run
    // over the edge.
    const auto fitted = [&small](const QString& line) {
        return small.elidedText(line, Qt::ElideRight, kWidth - 52);
    };
    const double lineHeight = small.height();
    painter->drawText(QRectF(46, 22 - lineHeight / 2 + 5, kWidth - 50, lineHeight),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      fitted(kindLabel(m_node.ref.kind) +
                             (m_node.entry ? QStringLiteral("  ▶ entry") : QString())));
    QStringList lines;
    for (const QString& line : m_node.subtitle.split(QLatin1Char('\n'))) lines << fitted(line);
    painter->drawText(QRectF(46, 22 + lineHeight / 2 + 5, kWidth - 50, 2 * lineHeight + 2),
                      Qt::AlignLeft | Qt::AlignTop, lines.join(QLatin1Char('\n')));

    if (!m_node.region.isEmpty()) {
        // The edge in teal, regions in slate: a call between two tags of different text pays a
        // round trip.
        painter->save();
        const bool edge = m_node.region == QLatin1String(kEdgeRegion);
        QFont tagFont = painter->font();
        tagFont.setPointSizeF(7.5);
        painter->setFont(tagFont);
        const QString text = edge ? tr("edge") : m_node.region;
        const QRectF tag(kRegionTag.left(), kRegionTag.top(),
                         std::min(kRegionTag.width(),
                                  QFontMetricsF(tagFont).horizontalAdvance(text) + 12),
                         kRegionTag.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(edge ? QColor(0x00, 0x79, 0x6b) : QColor(0x45, 0x5a, 0x64));
        painter->drawRoundedRect(tag, 4, 4);
        painter->setPen(Qt::white);
        painter->drawText(tag, Qt::AlignCenter,
                          QFontMetricsF(tagFont).elidedText(text, Qt::ElideRight, tag.width() - 8));
        painter->restore();
    }
    if (m_bottleneck) {
        painter->save();
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xc6, 0x28, 0x28));
        painter->drawRoundedRect(kBottleneckTag, 4, 4);
        QFont tagFont = painter->font();
        tagFont.setBold(true);
        tagFont.setPointSizeF(kSmallPointSize * style.textScale);
        painter->setFont(tagFont);
        painter->setPen(Qt::white);
        painter->drawText(kBottleneckTag, Qt::AlignCenter, tr("bottleneck"));
        painter->restore();
    }
    if (!m_badge.isEmpty()) {
        const QRectF badge(6, kHeight - 24, kWidth - 12, 18);
        QColor fill(0xe8, 0xf5, 0xe9);
        if (m_load >= 0.9)
            fill = QColor(0xff, 0xeb, 0xee);
        else if (m_load >= 0.7)
            fill = QColor(0xff, 0xf3, 0xe0);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(badge, 4, 4);
        if (m_load >= 0) {
            QColor bar = m_load >= 0.9   ? QColor(0xe5, 0x39, 0x35)
                         : m_load >= 0.7 ? QColor(0xfb, 0x8c, 0x00)
                                         : QColor(0x43, 0xa0, 0x47);
            painter->setBrush(bar);
            painter->drawRoundedRect(QRectF(badge.left(), badge.bottom() - 3,
                                            badge.width() * std::clamp(m_load, 0.0, 1.0), 3),
                                     1.5, 1.5);
        }
        painter->setPen(QColor(0x20, 0x20, 0x20));  // on the badge's light fill in both themes
        painter->drawText(badge.adjusted(4, 0, -4, -2), Qt::AlignCenter,
                          painter->fontMetrics().elidedText(m_badge, Qt::ElideRight,
                                                            static_cast<int>(badge.width() - 8)));
    }
}

}  // namespace archsim::ui
