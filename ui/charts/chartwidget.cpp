// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/chartwidget.h"

#include <qcustomplot.h>

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QVBoxLayout>
#include <algorithm>

namespace archsim::ui {
namespace {

QString suffixOf(const QString& path) {
    return QFileInfo(path).suffix().toLower();
}

void setError(QString* error, const QString& text) {
    if (error) *error = text;
}

}  // namespace

ChartWidget::ChartWidget(QWidget* parent) : QWidget(parent), m_layout(new QVBoxLayout(this)) {
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
}

ChartWidget::~ChartWidget() = default;

QCustomPlot* ChartWidget::createPlot() {
    m_plot = new QCustomPlot(this);
    m_layout->addWidget(m_plot, 1);
    m_plot->setBackground(Qt::white);
    m_plot->setNoAntialiasingOnDrag(true);
    // Live series have thousands of points; fast polylines draw them in one call.
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setMinimumSize(320, 220);

    // Following the data stops as soon as the user takes the view in hand.
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_followData = false; });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        if (event->buttons() != Qt::NoButton) m_followData = false;
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        m_followData = true;
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(m_plot, &QCustomPlot::beforeReplot, this, [this] {
        if (m_followData) updateRanges();
    });

    m_plot->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_plot, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& position) { showContextMenu(m_plot, position); });
    return m_plot;
}

void ChartWidget::placeLegendBelow(QCPLegend* legend) {
    legend->setVisible(true);
    for (QCPAxisRect* rect : m_plot->axisRects()) {
        QCPLayoutInset* inset = rect->insetLayout();
        for (int i = 0; i < inset->elementCount(); ++i)
            if (inset->elementAt(i) == legend) inset->take(legend);
    }
    QCPLayoutGrid* grid = m_plot->plotLayout();
    const int row = grid->rowCount();
    grid->addElement(row, 0, legend);
    grid->setRowStretchFactor(row, 0.001);  // as small as its items allow
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(6);
    legend->setBorderPen(Qt::NoPen);
    legend->setMargins(QMargins(6, 2, 6, 2));
    legend->setIconSize(28, 12);
}

void ChartWidget::setTitle(const QString& title) {
    if (!m_title) {
        m_plot->plotLayout()->insertRow(0);
        QFont font = m_plot->font();
        font.setPointSizeF(font.pointSizeF() + 1.5);
        font.setBold(true);
        m_title = new QCPTextElement(m_plot, title, font);
        m_plot->plotLayout()->addElement(0, 0, m_title);
    }
    m_title->setText(title);
    setWindowTitle(title);
}

QCPGraph* ChartWidget::addLegendKey(QCPAxisRect* rect, const QString& name, const QPen& pen) {
    auto* key = m_plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    key->setName(name);
    key->setPen(pen);
    key->setSelectable(QCP::stNone);
    return key;
}

void ChartWidget::addScenario(int key, const QString& name, const QColor& colour) {
    if (scenarioIndex(key) >= 0) removeScenario(key);
    m_scenarios.push_back({key, name, colour});
    scenarioAdded(m_scenarios.back());
    requestReplot();
}

void ChartWidget::removeScenario(int key) {
    const int index = scenarioIndex(key);
    if (index < 0) return;
    m_scenarios.erase(m_scenarios.begin() + index);
    scenarioRemoved(key);
    requestReplot();
}

void ChartWidget::clear() {
    while (!m_scenarios.empty()) removeScenario(m_scenarios.back().key);
}

int ChartWidget::scenarioIndex(int key) const {
    const auto found = std::find_if(m_scenarios.begin(), m_scenarios.end(),
                                    [key](const ChartScenario& s) { return s.key == key; });
    return found == m_scenarios.end() ? -1 : static_cast<int>(found - m_scenarios.begin());
}

void ChartWidget::updateDetail(int pointsPerSeries) {
    const bool detailed = pointsPerSeries <= kDetailedPointLimit;
    if (detailed == m_detailed || !m_plot) return;
    m_detailed = detailed;
    const QCP::AntialiasedElements series = QCP::aePlottables | QCP::aeFills;
    if (detailed)
        m_plot->setAntialiasedElements(m_plot->antialiasedElements() | series);
    else
        m_plot->setNotAntialiasedElements(m_plot->notAntialiasedElements() | series);
    detailChanged();
}

QPen ChartWidget::detailPen(QPen pen) const {
    if (!m_detailed) pen.setWidthF(0);  // cosmetic: one pixel, the raster engine's fast path
    return pen;
}

void ChartWidget::detailChanged() {}

void ChartWidget::appendWindows(int, const std::vector<WindowRow>&) {}
void ChartWidget::setHistogram(int, const LatencyHistogram&) {}
void ChartWidget::setResult(int, const RunResult&) {}
void ChartWidget::setCostCurve(int, const std::vector<CostPoint>&) {}
void ChartWidget::setSloMs(double) {}
void ChartWidget::setLogScale(bool) {}
void ChartWidget::scenarioAdded(const ChartScenario&) {}
void ChartWidget::scenarioRemoved(int) {}
void ChartWidget::updateRanges() {}

void ChartWidget::rescale() {
    updateRanges();
}

void ChartWidget::requestReplot() {
    if (!m_plot) return;
    if (!isVisible()) {
        m_stale = true;  // replotted when shown: a hidden tab costs nothing
        return;
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ChartWidget::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_stale && m_plot) {
        m_stale = false;
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

bool ChartWidget::exportTo(const QString& path, QString* error, int width, int height) {
    if (!m_plot) return exportWidgetTo(this, path, error);
    if (m_followData) updateRanges();  // exports do not go through beforeReplot
    const QString suffix = suffixOf(path);
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = m_plot->savePng(path, width, height, 1.0);
    } else if (suffix == QLatin1String("pdf")) {
        ok = m_plot->savePdf(path, width, height, QCP::epNoCosmetic, QStringLiteral("archsim"),
                             windowTitle());
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(QSize(width, height));
        generator.setViewBox(QRect(0, 0, width, height));
        generator.setTitle(windowTitle());
        generator.setDescription(QStringLiteral("archsim chart"));
        QCPPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            m_plot->toPainter(&painter, width, height);
            ok = painter.end();
        }
    } else {
        setError(error, tr("Unknown image format \"%1\": use .png, .svg or .pdf.").arg(suffix));
        return false;
    }
    if (!ok) setError(error, tr("Could not write %1.").arg(path));
    return ok;
}

bool exportWidgetTo(QWidget* widget, const QString& path, QString* error) {
    const QString suffix = suffixOf(path);
    const QSize size = widget->size().expandedTo(QSize(200, 100));
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = widget->grab().save(path, "PNG");
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        QPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            widget->render(&painter);
            ok = painter.end();
        }
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(path);
        writer.setResolution(96);  // one widget pixel per PDF pixel at screen density
        writer.setPageSize(
            QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        ok = painter.begin(&writer);
        if (ok) {
            const QRect page = painter.viewport();
            const double scale = std::min(page.width() / static_cast<double>(size.width()),
                                          page.height() / static_cast<double>(size.height()));
            painter.scale(scale, scale);
            widget->render(&painter);
            ok = painter.end();
        }
    } else {
        setError(error,
                 ChartWidget::tr("Unknown format \"%1\": use .png, .svg or .pdf.").arg(suffix));
        return false;
    }
    if (!ok) setError(error, ChartWidget::tr("Could not write %1.").arg(path));
    return ok;
}

void ChartWidget::showContextMenu(QWidget* source, const QPoint& position) {
    QMenu menu(this);
    menu.addAction(tr("Export…"), this, [this] {
        QString filter;
        QString path = QFileDialog::getSaveFileName(
            this, tr("Export chart"), QString(),
            tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"), &filter);
        if (path.isEmpty()) return;
        if (QFileInfo(path).suffix().isEmpty())
            path += filter.contains(QLatin1String("svg"))   ? QStringLiteral(".svg")
                    : filter.contains(QLatin1String("pdf")) ? QStringLiteral(".pdf")
                                                            : QStringLiteral(".png");
        QString error;
        if (!exportTo(path, &error)) QMessageBox::warning(this, tr("Export chart"), error);
    });
    if (m_plot) {
        menu.addAction(tr("Fit to data"), this, [this] {
            m_followData = true;
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        });
    }
    menu.exec(source->mapToGlobal(position));
}

}  // namespace archsim::ui
