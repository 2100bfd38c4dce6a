// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/chartwidget.h"

#include <QLabel>

#include <qcustomplot.h>

#include <QBuffer>
#include <QClipboard>
#include <QDate>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/charts/chartexportdialog.h"
#include "ui/charts/chartstyle.h"
#include "ui/charts/failuremarkers.h"

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
    styleAxesAndLegend();

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
        scaleLines();
        fitLegend(m_plot->width());
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

void ChartWidget::fitLegend(int width) {
    // As many columns as the widest entry allows: a fixed count lets long entries ("faded: too
    // few requests in the window", scenario names) run into each other on a narrow plot.
    QCPLegend* legend = m_plot->legend;
    if (!legend || !legend->visible() || legend->itemCount() == 0 || legend->wrap() == 0) return;
    std::vector<int> widths;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = legend->item(i))
            widths.push_back(item->minimumOuterSizeHint().width());
    const int available = width - legend->margins().left() - legend->margins().right();
    // The most columns (up to six) whose widest entries, column by column, fit side by side.
    int columns = 1;
    for (int candidate = std::min<int>(6, static_cast<int>(widths.size())); candidate > 1;
         --candidate) {
        std::vector<int> column(static_cast<std::size_t>(candidate), 0);
        for (std::size_t i = 0; i < widths.size(); ++i)
            column[i % column.size()] = std::max(column[i % column.size()], widths[i]);
        int total = legend->columnSpacing() * (candidate - 1);
        for (int w : column) total += w;
        if (total <= available) {
            columns = candidate;
            break;
        }
    }
    if (columns == legend->wrap()) return;
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

namespace {

// A font as the chart made it, times the look's scale: the size it was made with is kept on the
// object, so scaling twice (or back to 1) never compounds.
QFont scaledFont(QObject* owner, const char* name, const QFont& current, double scale) {
    QVariant base = owner->property(name);
    if (!base.isValid()) {
        base = current.pointSizeF();
        owner->setProperty(name, base);
    }
    QFont font = current;
    font.setPointSizeF(base.toDouble() * scale);
    return font;
}

}  // namespace

void ChartWidget::applyLook() {
    if (!m_plot) return;
    styleAxesAndLegend();
    detailChanged();  // legend keys take the look's grey
    scaleLines();
    requestReplot();
}

void ChartWidget::styleAxesAndLegend() {
    const ChartLook& look = chartLook();
    m_plot->setBackground(look.background);
    const QPen axisPen(look.foreground, std::max(1.0, look.lineScale));
    for (QCPAxisRect* rect : m_plot->axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(axisPen);
            axis->setTickPen(axisPen);
            axis->setSubTickPen(axisPen);
            axis->setTickLabelColor(look.foreground);
            axis->setLabelColor(look.foreground);
            axis->setTickLabelFont(
                scaledFont(axis, "lookTickFont", axis->tickLabelFont(), look.fontScale));
            axis->setLabelFont(
                scaledFont(axis, "lookLabelFont", axis->labelFont(), look.fontScale));
            axis->grid()->setPen(QPen(look.grid, 1, Qt::DotLine));
            axis->grid()->setSubGridPen(QPen(look.subGrid, 1, Qt::DotLine));
            axis->grid()->setZeroLinePen(Qt::NoPen);
        }
    }
    if (QCPLegend* legend = m_plot->legend) {
        legend->setBrush(look.background);
        legend->setTextColor(look.foreground);
        legend->setFont(scaledFont(legend, "lookFont", legend->font(), look.fontScale));
        const double icon = look.fontScale;
        legend->setIconSize(static_cast<int>(28 * icon), static_cast<int>(12 * icon));
    }
    if (m_title) {
        m_title->setTextColor(look.foreground);
        m_title->setFont(scaledFont(m_title, "lookFont", m_title->font(), look.fontScale));
    }
}

void ChartWidget::scaleLines() {
    const ChartLook& look = chartLook();
    // Labels come and go with the data (a failure's, a bar's figure): each is sized and boxed
    // for the look when it is first drawn.
    for (int i = 0; i < m_plot->itemCount(); ++i) {
        auto* text = qobject_cast<QCPItemText*>(m_plot->item(i));
        if (!text) continue;
        text->setFont(scaledFont(text, "lookFont", text->font(), look.fontScale));
        // Labels on a light box (the SLO's, a failure's) keep the box, in the background colour.
        if (text->brush().style() != Qt::NoBrush) {
            QColor box = look.background;
            box.setAlpha(text->brush().color().alpha());
            if (text->brush().color() != box) text->setBrush(box);
        }
    }
    // A chart sets a curve's pen whenever it likes (a new scenario, another level of detail); the
    // width it set is remembered, and the width drawn is that times the look's scale.
    const double scale = look.lineScale;
    for (int i = 0; i < m_plot->plottableCount(); ++i) {
        QCPAbstractPlottable* plottable = m_plot->plottable(i);
        QPen pen = plottable->pen();
        if (pen.style() == Qt::NoPen) continue;
        const QVariant applied = plottable->property("lookAppliedWidth");
        double base = pen.widthF();
        if (applied.isValid() && applied.toDouble() == pen.widthF())
            base = plottable->property("lookBaseWidth").toDouble();
        const double width = base * scale;
        plottable->setProperty("lookBaseWidth", base);
        plottable->setProperty("lookAppliedWidth", width);
        if (pen.widthF() == width) continue;
        pen.setWidthF(width);
        plottable->setPen(pen);
    }
}

void ChartWidget::setExplanation(const QString& text) {
    if (!m_explanation) {
        m_explanation = new QLabel(this);
        m_explanation->setObjectName(QStringLiteral("chartExplanation"));
        m_explanation->setWordWrap(true);
        m_explanation->setContentsMargins(8, 0, 8, 4);
        // The palette's placeholder colour reads as secondary text in light and dark palettes.
        m_explanation->setForegroundRole(QPalette::PlaceholderText);
        m_layout->addWidget(m_explanation);
    }
    m_explanation->setText(text);
    m_explanation->setAccessibleName(tr("About this chart"));
    setAccessibleDescription(text);
}

QString ChartWidget::explanation() const {
    return m_explanation ? m_explanation->text() : QString();
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
    // What a screen reader says for the chart; the Summary tab holds the same figures as text.
    m_plot->setAccessibleName(tr("%1 chart").arg(title));
    m_plot->setAccessibleDescription(
        tr("%1, drawn for each scenario run. The Summary tab lists the figures as text; the "
           "context menu exports or copies the chart.")
            .arg(title));
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
    updateFailureMarkers();
    const int before = m_plot ? m_plot->plottableCount() : 0;
    scenarioAdded(m_scenarios.back());
    if (m_plot && isBaselineKey(key)) {
        // Whatever the chart drew for the scenario: solid lines become long dashes, so the
        // baseline reads as a reference behind the live lines also in black and white.
        for (int i = before; i < m_plot->plottableCount(); ++i) {
            QCPAbstractPlottable* plottable = m_plot->plottable(i);
            QPen pen = plottable->pen();
            if (pen.style() == Qt::SolidLine) {
                pen.setDashPattern({6, 3});
                plottable->setPen(pen);
            }
        }
    }
    requestReplot();
}

void ChartWidget::removeScenario(int key) {
    const int index = scenarioIndex(key);
    if (index < 0) return;
    m_scenarios.erase(m_scenarios.begin() + index);
    if (m_failures.erase(key) > 0) updateFailureMarkers();
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
    if (!m_detailed) {
        pen.setWidthF(0);  // cosmetic: one pixel, the raster engine's fast path
        pen.setStyle(Qt::SolidLine);
    }
    return pen;
}

void ChartWidget::detailChanged() {}

void ChartWidget::showFailuresOn(std::vector<QCPAxisRect*> rects) {
    m_failureMarkers = std::make_unique<FailureMarkers>(m_plot, std::move(rects));
    // Labels are stacked in pixels, so once the plot is laid out at the size it is drawn at: on
    // screen and in an export alike.
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] { m_failureMarkers->layOutLabels(); });
    updateFailureMarkers();
}

void ChartWidget::setFailures(int key, const std::vector<FailureSpec>& failures) {
    if (failures.empty())
        m_failures.erase(key);
    else
        m_failures[key] = failures;
    updateFailureMarkers();
    requestReplot();
}

void ChartWidget::updateFailureMarkers() {
    if (!m_failureMarkers) return;
    // In the order of the scenarios, each distinct failure once: a baseline and its live run
    // usually inject the same ones.
    std::vector<FailureSpec> shown;
    for (const ChartScenario& scenario : m_scenarios) {
        const auto found = m_failures.find(scenario.key);
        if (found == m_failures.end()) continue;
        for (const FailureSpec& f : found->second) {
            const bool seen = std::any_of(shown.begin(), shown.end(), [&f](const FailureSpec& s) {
                return s.kind == f.kind && s.target == f.target && s.startS == f.startS &&
                       s.endS == f.endS && failureLabel(s) == failureLabel(f);
            });
            if (!seen) shown.push_back(f);
        }
    }
    m_failureMarkers->set(shown);
}

void ChartWidget::appendWindows(int, const std::vector<WindowRow>&) {}
void ChartWidget::setHistogram(int, const LatencyHistogram&) {}
void ChartWidget::setResult(int, const RunResult&) {}
void ChartWidget::setCostCurve(int, const std::vector<CostPoint>&) {}
void ChartWidget::setReplicationResults(int, const std::vector<RunResult>&) {}
void ChartWidget::setSloMs(double) {}
void ChartWidget::setSloPercentile(double) {}
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

void ChartWidget::setRunFacts(int key, std::uint64_t seed, double simulatedS, double windowS) {
    m_runFacts[key] = {seed, simulatedS, windowS};
}

QString ChartWidget::caption() const {
    if (!m_caption.isEmpty()) return m_caption;
    QStringList names;
    QStringList seeds;
    double simulatedS = 0;
    double windowS = 0;
    for (const ChartScenario& scenario : m_scenarios) {
        names << scenario.name;
        const auto facts = m_runFacts.find(scenario.key);
        if (facts == m_runFacts.end()) continue;
        const QString seed = QString::number(facts->second.seed);
        if (!seeds.contains(seed)) seeds << seed;
        simulatedS = std::max(simulatedS, facts->second.simulatedS);
        windowS = std::max(windowS, facts->second.windowS);
    }
    QStringList parts;
    if (!names.isEmpty()) parts << names.join(QStringLiteral(" vs "));
    if (!seeds.isEmpty())
        parts << (seeds.size() == 1 ? tr("seed %1") : tr("seeds %1")).arg(seeds.join(", "));
    if (simulatedS > 0) parts << tr("%1 s simulated").arg(QString::number(simulatedS, 'g', 10));
    if (windowS > 0) parts << tr("%1 s windows").arg(QString::number(windowS, 'g', 10));
    if (m_captionSloMs > 0) parts << tr("SLO %1 ms").arg(QString::number(m_captionSloMs, 'g', 10));
    parts << (m_replications == 1 ? tr("1 replication")
                                  : tr("%1 replications").arg(m_replications));
    parts << QDate::currentDate().toString(Qt::ISODate);
    parts << QStringLiteral("archsim " ARCHSIM_VERSION);
    return parts.join(QStringLiteral(" · "));
}

QString ChartWidget::suggestedFileName(const QString& suffix) const {
    QStringList words;
    for (const ChartScenario& scenario : m_scenarios) words << scenario.name;
    words << windowTitle();
    QString name = words.join(QLatin1Char('-')).toLower();
    // Letters, digits and single dashes only: safe on every file system and in a URL.
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    name.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    if (name.size() > 80) name.truncate(80);
    if (name.isEmpty()) name = QStringLiteral("chart");
    return name + QLatin1Char('.') + suffix;
}

void ChartWidget::paint(QPainter* painter, int width, int height, bool withCaption) {
    const QString text = withCaption ? caption() : QString();
    QFont font = m_plot ? m_plot->font() : this->font();
    font.setPointSizeF(std::max(7.0, font.pointSizeF() - 0.5));
    const double lineHeight = QFontMetricsF(font).height();
    const int captionHeight = text.isEmpty() ? 0 : static_cast<int>(std::ceil(lineHeight + 8));
    if (m_plot) {
        // Exports are for reading, not for speed: every line keeps its dashes and markers.
        const bool wasDetailed = m_detailed;
        if (!wasDetailed) updateDetail(0);
        if (m_followData) updateRanges();  // exports do not go through beforeReplot
        fitLegend(width);
        auto* qcp = static_cast<QCPPainter*>(painter);
        m_plot->toPainter(qcp, width, height - captionHeight);
        if (!wasDetailed) updateDetail(kDetailedPointLimit + 1);
    } else {
        // A table has no title of its own: the export names what it shows above it.
        QFont titleFont = font;
        titleFont.setPointSizeF(font.pointSizeF() + 2);
        titleFont.setBold(true);
        const double titleHeight = std::ceil(QFontMetricsF(titleFont).height() + 8);
        painter->save();
        painter->setFont(titleFont);
        painter->setPen(Qt::black);
        painter->drawText(QRectF(8, 0, width - 16, titleHeight),
                          Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, windowTitle());
        painter->restore();
        renderContent(painter, QRectF(0, titleHeight, width, height - captionHeight - titleHeight));
    }
    if (captionHeight > 0) {
        painter->save();
        painter->setFont(font);
        painter->setPen(QColor(60, 60, 60));
        painter->drawText(QRectF(8, height - captionHeight, width - 16, captionHeight),
                          Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                          QFontMetricsF(font).elidedText(text, Qt::ElideRight, width - 16));
        painter->restore();
    }
}

void ChartWidget::renderContent(QPainter* painter, const QRectF& area) {
    const QSize size = this->size().expandedTo(QSize(200, 100));
    painter->save();
    const double scale = std::min(area.width() / size.width(), area.height() / size.height());
    painter->translate(area.topLeft());
    painter->scale(scale, scale);
    render(painter);
    painter->restore();
}

QByteArray ChartWidget::toSvg(int width, int height, bool withCaption) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(QSize(width, height));
    generator.setViewBox(QRect(0, 0, width, height));
    generator.setTitle(windowTitle());
    generator.setDescription(caption());
    QCPPainter painter;
    if (!painter.begin(&generator)) return {};
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    paint(&painter, width, height, withCaption);
    painter.end();
    return buffer.data();
}

bool ChartWidget::writeImage(const QString& path, int width, int height, double scale) {
    const QString suffix = suffixOf(path);
    if (suffix == QLatin1String("png")) {
        QImage image(QSize(static_cast<int>(std::lround(width * scale)),
                           static_cast<int>(std::lround(height * scale))),
                     QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        image.setDotsPerMeterX(static_cast<int>(std::lround(3780 * scale)));  // 96 dpi x scale
        image.setDotsPerMeterY(image.dotsPerMeterX());
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.scale(scale, scale);
        paint(&painter, width, height);
        painter.end();
        return image.save(path, "PNG");
    }
    if (suffix == QLatin1String("svg")) {
        const QByteArray svg = toSvg(width, height);
        QFile file(path);
        return !svg.isEmpty() && file.open(QIODevice::WriteOnly) && file.write(svg) == svg.size();
    }
    // PDF: one page the size of the chart, one chart unit per point, vector throughout.
    QPdfWriter writer(path);
    writer.setCreator(QStringLiteral("archsim " ARCHSIM_VERSION));
    writer.setTitle(windowTitle());
    writer.setResolution(72);
    writer.setPageSize(
        QPageSize(QSizeF(width, height), QPageSize::Point, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QCPPainter painter;
    if (!painter.begin(&writer)) return false;
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setMode(QCPPainter::pmNonCosmetic);
    painter.setWindow(0, 0, width, height);
    paint(&painter, width, height);
    return painter.end();
}

bool ChartWidget::exportTo(const QString& path, QString* error, int width, int height,
                           double scale) {
    const QString suffix = suffixOf(path);
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") &&
        suffix != QLatin1String("pdf")) {
        setError(error, tr("Unknown image format \"%1\": use .png, .svg or .pdf.").arg(suffix));
        return false;
    }
    if (width < 16 || height < 16 || width > 20000 || height > 20000 || !(scale > 0) || scale > 8) {
        setError(
            error,
            tr("Export size %1 x %2 at %3x is out of range.").arg(width).arg(height).arg(scale));
        return false;
    }
    const bool ok = writeImage(path, width, height, scale);
    if (!ok) setError(error, tr("Could not write %1.").arg(path));
    return ok;
}

void ChartWidget::copyToClipboard() {
    QImage image(QSize(kExportWidth * 2, kExportHeight * 2), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QCPPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(2, 2);
    paint(&painter, kExportWidth, kExportHeight);
    painter.end();
    QGuiApplication::clipboard()->setImage(image);
}

void ChartWidget::showContextMenu(QWidget* source, const QPoint& position) {
    QMenu menu(this);
    menu.addAction(tr("Export…"), this, [this] { ChartExportDialog::exportInteractively(this); });
    menu.addAction(tr("Copy to Clipboard"), this, &ChartWidget::copyToClipboard);
    if (m_plot) {
        menu.addAction(tr("Fit to data"), this, [this] {
            m_followData = true;
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        });
    }
    menu.exec(source->mapToGlobal(position));
}

}  // namespace archsim::ui
