// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/slomarker.h"

#include <qcustomplot.h>

#include <cmath>

namespace archsim::ui {
namespace {
const QColor kSloColour(200, 30, 30);
}

SloMarker::SloMarker(QCustomPlot* plot, QCPAxisRect* rect)
    : m_line(new QCPItemStraightLine(plot)), m_label(new QCPItemText(plot)) {
    // On a layer above the curves, so that the objective and its label are never hidden.
    const QString layerName = QStringLiteral("annotations");
    if (!plot->layer(layerName)) plot->addLayer(layerName, plot->layer(QStringLiteral("main")));
    m_line->setLayer(layerName);
    m_label->setLayer(layerName);
    QPen pen(kSloColour, 1.6, Qt::DashLine);
    m_line->setPen(pen);
    m_line->setClipAxisRect(rect);
    m_line->setSelectable(false);
    for (auto* position : {m_line->point1, m_line->point2})
        position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    m_label->setClipAxisRect(rect);
    m_label->setColor(kSloColour);
    m_label->setSelectable(false);
    m_label->setBrush(QColor(255, 255, 255, 210));
    m_label->setPadding(QMargins(3, 1, 3, 1));
    m_label->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    m_label->position->setAxisRect(rect);
    set(0);
}

void SloMarker::set(double sloMs, bool vertical) {
    m_sloMs = sloMs;
    m_vertical = vertical;
    const bool visible = sloMs > 0;
    m_line->setVisible(visible);
    m_label->setVisible(visible);
    if (!visible) return;
    // Which percentile the budget is for: "SLO 50 ms" alone reads as a limit on every request.
    m_label->setText(QStringLiteral("SLO p%1 %2")
                         .arg(QString::number(m_percentile, 'g', 6), formatMillis(sloMs)));
    if (vertical) {
        m_line->point1->setCoords(sloMs, 0);
        m_line->point2->setCoords(sloMs, 1);
        // Near the top of the plot, just right of the line.
        m_label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        m_label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        m_label->position->setCoords(sloMs, 0.02);
        m_label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    } else {
        m_line->point1->setCoords(0, sloMs);
        m_line->point2->setCoords(1, sloMs);
        // At the right end, just above the line.
        m_label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        m_label->position->setTypeY(QCPItemPosition::ptPlotCoords);
        m_label->position->setCoords(0.99, sloMs);
        m_label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    }
}

void SloMarker::setPercentile(double percentile) {
    if (!(percentile > 0 && percentile < 100)) percentile = 99;
    m_percentile = percentile;
    set(m_sloMs, m_vertical);
}

QString formatMillis(double ms) {
    const double magnitude = std::fabs(ms);
    if (magnitude >= 1000) return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 2);
    if (magnitude >= 100) return QStringLiteral("%1 ms").arg(ms, 0, 'f', 0);
    return QStringLiteral("%1 ms").arg(ms, 0, 'g', 3);
}

}  // namespace archsim::ui
