// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/failuremarkers.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <algorithm>

namespace archsim::ui {
namespace {

const QColor kBandFill(214, 96, 77, 34);  // a light warm wash behind the curves
const QColor kOutline(150, 50, 40, 200);  // dashed edges: the band without colour
const QColor kLabelColour(120, 35, 28);
const QString kBandLayer = QStringLiteral("failures");
const QString kLabelLayer = QStringLiteral("annotations");

void onAxes(QCPItemPosition* position, QCPAxisRect* rect, double x, double yRatio) {
    position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    position->setAxisRect(rect);
    position->setTypeX(QCPItemPosition::ptPlotCoords);
    position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    position->setCoords(x, yRatio);
}

}  // namespace

QString failureKindName(FailureKind kind) {
    switch (kind) {
        case FailureKind::Down:
            return QCoreApplication::translate("archsim", "down");
        case FailureKind::Slow:
            return QCoreApplication::translate("archsim", "slow");
        case FailureKind::Errors:
            return QCoreApplication::translate("archsim", "errors");
        case FailureKind::CacheFlush:
            return QCoreApplication::translate("archsim", "cache flush");
        case FailureKind::LoseReplicas:
            return QCoreApplication::translate("archsim", "lose replicas");
    }
    return {};
}

QString failureLabel(const FailureSpec& failure) {
    if (!failure.label.empty()) return QString::fromStdString(failure.label);
    return failureKindName(failure.kind) + QLatin1Char(' ') +
           QString::fromStdString(failure.target);
}

FailureMarkers::FailureMarkers(QCustomPlot* plot, std::vector<QCPAxisRect*> rects)
    : m_plot(plot), m_rects(std::move(rects)) {
    // Bands just under the curves (above the grid), labels on the layer above them.
    if (!plot->layer(kBandLayer))
        plot->addLayer(kBandLayer, plot->layer(QStringLiteral("main")), QCustomPlot::limBelow);
    if (!plot->layer(kLabelLayer)) plot->addLayer(kLabelLayer, plot->layer(QStringLiteral("main")));
}

FailureMarkers::~FailureMarkers() = default;

void FailureMarkers::removeItems() {
    // The plot owns the items; it may already have deleted them with itself.
    for (QCPItemRect* item : m_bands) m_plot->removeItem(item);
    for (QCPItemLine* item : m_lines) m_plot->removeItem(item);
    for (QCPItemText* item : m_labels) m_plot->removeItem(item);
    m_bands.clear();
    m_lines.clear();
    m_labels.clear();
    m_starts.clear();
}

void FailureMarkers::set(const std::vector<FailureSpec>& failures) {
    removeItems();
    if (m_rects.empty()) return;
    for (std::size_t i = 0; i < failures.size(); ++i) {
        const FailureSpec& f = failures[i];
        const bool instant = f.kind == FailureKind::CacheFlush || f.endS <= f.startS;
        QCPItemPosition* anchor = nullptr;
        for (QCPAxisRect* rect : m_rects) {
            if (instant) {
                auto* line = new QCPItemLine(m_plot);
                line->setLayer(kBandLayer);
                line->setClipAxisRect(rect);
                line->setSelectable(false);
                line->setPen(QPen(kOutline, 1.6, Qt::DashLine));
                onAxes(line->start, rect, f.startS, 0);
                onAxes(line->end, rect, f.startS, 1);
                m_lines.push_back(line);
                if (!anchor) anchor = line->start;
            } else {
                auto* band = new QCPItemRect(m_plot);
                band->setLayer(kBandLayer);
                band->setClipAxisRect(rect);
                band->setSelectable(false);
                band->setBrush(kBandFill);
                band->setPen(QPen(kOutline, 1.0, Qt::DashLine));
                onAxes(band->topLeft, rect, f.startS, 0);
                onAxes(band->bottomRight, rect, f.endS, 1);
                m_bands.push_back(band);
                if (!anchor) anchor = band->topLeft;
            }
        }
        auto* label = new QCPItemText(m_plot);
        label->setLayer(kLabelLayer);
        label->setClipAxisRect(m_rects.front());
        label->setSelectable(false);
        label->setText(failureLabel(f));
        label->setColor(kLabelColour);
        label->setBrush(QColor(255, 255, 255, 215));
        label->setPadding(QMargins(3, 1, 3, 1));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        // Pixels from the band's top-left corner: rows keep their spacing at every plot height.
        label->position->setParentAnchor(anchor);
        label->position->setType(QCPItemPosition::ptAbsolute);
        label->position->setCoords(3, 2);
        m_labels.push_back(label);
        m_starts.push_back(f.startS);
    }
    layOutLabels();
}

void FailureMarkers::layOutLabels() {
    if (m_labels.empty()) return;
    // In pixels at the current range: a label goes on the first row where it clears the labels
    // already there, so failures close together stack their labels instead of writing over each
    // other (however short the band, its label is as wide as its text).
    QCPAxis* time = m_rects.front()->axis(QCPAxis::atBottom);
    const QFontMetricsF metrics(m_labels.front()->font());
    const double rowHeight = metrics.height() + 4;
    std::vector<std::size_t> order(m_labels.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [this](std::size_t a, std::size_t b) { return m_starts[a] < m_starts[b]; });
    std::vector<double> rowEnds;  // right edge of the last label on each row, in pixels
    for (const std::size_t i : order) {
        const double left = time->coordToPixel(m_starts[i]);
        const double right = left + 3 + metrics.horizontalAdvance(m_labels[i]->text()) + 10;
        std::size_t row = 0;
        while (row < rowEnds.size() && rowEnds[row] > left) ++row;
        if (row == rowEnds.size()) rowEnds.push_back(right);
        rowEnds[row] = right;
        m_labels[i]->position->setCoords(3, 2 + static_cast<double>(row) * rowHeight);
    }
}

}  // namespace archsim::ui
