// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/topology/trafficanimation.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/topology/diagramstyle.h"
#include "ui/topology/nodeitem.h"

namespace archsim::ui {

namespace {
// A pulse crosses an arrow in this much wall time, whatever the speed: the eye follows it, and
// the count of pulses (not their speed) tells the traffic.
constexpr double kCrossingS = 1.6;
}  // namespace

TrafficAnimation::TrafficAnimation(QGraphicsItem* parent) : QGraphicsObject(parent) {
    setZValue(5);  // over the arrows and the boxes
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void TrafficAnimation::setPaths(std::vector<QPainterPath> paths) {
    prepareGeometryChange();
    m_paths = std::move(paths);
    m_pulses.assign(m_paths.size(), 0);
    m_bounds = {};
    for (const QPainterPath& path : m_paths) m_bounds |= path.boundingRect();
    for (const Mark& mark : m_marks) m_bounds |= mark.box;
    m_bounds.adjust(-24, -24, 24, 24);
    update();
}

void TrafficAnimation::setRates(const std::vector<double>& rates) {
    double busiest = 0;
    for (double rate : rates) busiest = std::max(busiest, rate);
    m_pulses.assign(m_paths.size(), 0);
    for (std::size_t i = 0; i < m_paths.size() && i < rates.size(); ++i) {
        if (!(rates[i] > 0) || !(busiest > 0)) continue;
        // In proportion to the busiest arrow, and at least one on any arrow with traffic.
        m_pulses[i] = std::clamp(static_cast<int>(std::lround(kMaxPulses * rates[i] / busiest)), 1,
                                 kMaxPulses);
    }
    update();
}

void TrafficAnimation::setMarks(std::vector<Mark> marks) {
    prepareGeometryChange();
    m_marks = std::move(marks);
    for (const Mark& mark : m_marks) m_bounds |= mark.box.adjusted(-24, -24, 24, 24);
    update();
}

void TrafficAnimation::advance(double seconds) {
    m_phase = std::fmod(m_phase + seconds / kCrossingS, 1.0);
    update();
}

int TrafficAnimation::pulseCount(std::size_t index) const {
    return index < m_pulses.size() ? m_pulses[index] : 0;
}

int TrafficAnimation::totalPulses() const {
    int total = 0;
    for (int pulses : m_pulses) total += pulses;
    return total;
}

bool TrafficAnimation::hasMotion() const {
    if (totalPulses() > 0) return true;
    return std::any_of(m_marks.begin(), m_marks.end(), [](const Mark& mark) {
        return mark.coldStarts > 0 || !mark.failure.isEmpty();
    });
}

QRectF TrafficAnimation::boundingRect() const {
    return m_bounds;
}

void TrafficAnimation::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const DiagramStyle& style = diagramStyle();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor pulse = style.dark ? QColor(0x6c, 0xc4, 0xff) : QColor(0x15, 0x65, 0xc0);
    const double radius = 3.5 * std::max(1.0, style.textScale);
    painter->setPen(Qt::NoPen);
    painter->setBrush(pulse);
    for (std::size_t i = 0; i < m_paths.size(); ++i) {
        const int count = m_pulses[i];
        for (int k = 0; k < count; ++k) {
            const double at = std::fmod(m_phase + static_cast<double>(k) / count, 1.0);
            painter->drawEllipse(m_paths[i].pointAtPercent(at), radius, radius);
        }
    }
    // Blinking marks: on for the first half of each crossing.
    const bool blinkOn = m_phase < 0.5;
    QFont font = painter->font();
    font.setBold(true);
    font.setPointSizeF(NodeItem::kSmallPointSize * style.textScale);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    for (const Mark& mark : m_marks) {
        const QRectF& box = mark.box;
        if (mark.queueFill >= 0) {
            // A gauge along the node's right edge, filling from the bottom.
            const QRectF well(box.right() - 9, box.top() + 6, 5, box.height() - 12);
            painter->setPen(QPen(style.secondaryText(), 0.8));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(well);
            const double fill = std::clamp(mark.queueFill, 0.0, 1.0);
            QRectF level = well;
            level.setTop(well.bottom() - well.height() * fill);
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill >= 0.7 ? QColor(0xe5, 0x39, 0x35) : QColor(0xfb, 0x8c, 0x00));
            painter->drawRect(level);
        }
        QPointF tagAt(box.left() + 2, box.top() - 2);
        const auto tag = [&](const QString& text, const QColor& fill) {
            QRectF r = metrics.boundingRect(text).adjusted(-4, -1, 4, 1);
            r.moveBottomLeft(tagAt);
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill);
            painter->drawRoundedRect(r, 3, 3);
            painter->setPen(Qt::white);
            painter->drawText(r, Qt::AlignCenter, text);
            tagAt.setX(r.right() + 4);
        };
        if (!mark.failure.isEmpty()) {
            painter->setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 3, Qt::DashLine));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(box.adjusted(-4, -4, 4, 4), 10, 10);
            tag(mark.failure, QColor(0xc6, 0x28, 0x28));
        }
        if (mark.coldStarts > 0 && blinkOn)
            tag(tr("+%1 cold").arg(std::lround(mark.coldStarts)), QColor(0x02, 0x77, 0xbd));
        else if (mark.coldStarts > 0)
            tagAt.setX(tagAt.x() +
                       metrics.horizontalAdvance(tr("+%1 cold").arg(std::lround(mark.coldStarts))) +
                       12);
        if (mark.reclaimed >= 0.5)
            tag(tr("−%1 reclaimed").arg(std::lround(mark.reclaimed)), QColor(0x61, 0x61, 0x61));
    }
}

}  // namespace archsim::ui
