// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/topology/topologyexport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QMessageBox>
#include <QPainter>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <cmath>
#include <map>

#include "ui/charts/chartexportdialog.h"
#include "ui/topology/topologygraph.h"
#include "ui/topology/topologyview.h"

namespace archsim::ui {
namespace {

/// Draws the diagram of `scenario` with `draw(scene, source rectangle)`.
template <typename Draw>
void withDiagram(const Scenario& scenario, Draw&& draw) {
    TopologyView view;
    view.setScenario(scenario);
    // The view rebuilds on a queued call (never inside a caller's event handler); here nothing
    // is handling an event of the view, so the rebuild is delivered at once.
    QCoreApplication::sendPostedEvents(&view, QEvent::MetaCall);
    QGraphicsScene* scene = view.scene();
    QRectF source = scene->itemsBoundingRect().adjusted(-16, -16, 16, 16);
    if (source.isEmpty()) source = QRectF(0, 0, 400, 100);
    draw(*scene, source);
}

QSize diagramSize(const QRectF& source, int width) {
    const double scale = std::min(1.25, width / source.width());
    return {width, static_cast<int>(std::ceil(source.height() * scale))};
}

void render(QGraphicsScene& scene, const QRectF& source, QPainter& painter, const QSize& size) {
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    const double scale = std::min(1.25, size.width() / source.width());
    const double width = source.width() * scale;
    scene.render(&painter, QRectF((size.width() - width) / 2, 0, width, size.height()), source);
}

/// Mermaid labels are quoted strings; a quote or a line break inside would end them.
QString mermaidText(QString text) {
    text.replace(QLatin1Char('"'), QStringLiteral("#quot;"));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text;
}

QString refKey(const ComponentRef& ref) {
    return QString::number(static_cast<int>(ref.kind)) + QLatin1Char(':') + ref.id;
}

}  // namespace

QByteArray topologySvg(const Scenario& scenario, int width, QSize* size, const QString& title) {
    QByteArray svg;
    withDiagram(scenario, [&](QGraphicsScene& scene, const QRectF& source) {
        const QSize out = diagramSize(source, width);
        if (size) *size = out;
        QBuffer buffer(&svg);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(out);
        generator.setViewBox(QRect(QPoint(0, 0), out));
        generator.setTitle(title.isEmpty() ? QString::fromStdString(scenario.name) : title);
        QPainter painter;
        if (painter.begin(&generator)) {
            render(scene, source, painter, out);
            painter.end();
        }
    });
    return svg;
}

QString topologyMermaid(const Scenario& scenario) {
    const TopologyGraph graph = buildTopologyGraph(scenario);
    QStringList lines{QStringLiteral("flowchart LR")};
    if (!scenario.name.empty())
        lines << QStringLiteral("  %% %1").arg(mermaidText(QString::fromStdString(scenario.name)));
    // Component ids may hold characters Mermaid reads as syntax: nodes are named n0, n1... and
    // carry the id in their label.
    std::map<QString, QString> names;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const TopologyNode& node = graph.nodes[i];
        const QString name = QStringLiteral("n%1").arg(i);
        names[refKey(node.ref)] = name;
        QString label = mermaidText(node.title);
        if (!node.subtitle.isEmpty()) label += QStringLiteral("<br/>") + mermaidText(node.subtitle);
        // Databases as cylinders, the workload as a rounded box, everything else a rectangle.
        const bool database = node.ref.kind == ComponentKind::Database;
        const bool workload = node.ref.kind == ComponentKind::Workload;
        lines << QStringLiteral("  %1%2\"%3\"%4")
                     .arg(name,
                          database   ? QStringLiteral("[(")
                          : workload ? QStringLiteral("(")
                                     : QStringLiteral("["),
                          label,
                          database   ? QStringLiteral(")]")
                          : workload ? QStringLiteral(")")
                                     : QStringLiteral("]"));
    }
    for (const TopologyEdge& edge : graph.edges) {
        const auto from = names.find(refKey(edge.from));
        const auto to = names.find(refKey(edge.to));
        if (from == names.end() || to == names.end()) continue;
        const QString arrow = edge.conditional ? QStringLiteral("-.->") : QStringLiteral("-->");
        const QString label = edge.label.isEmpty()
                                  ? QString()
                                  : QStringLiteral("|\"%1\"|").arg(mermaidText(edge.label));
        lines << QStringLiteral("  %1 %2%3 %4").arg(from->second, arrow, label, to->second);
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool exportTopology(const Scenario& scenario, const QString& path, QString* error, double scale) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    const auto fail = [&](const QString& text) {
        if (error) *error = text;
        return false;
    };
    QFile file(path);
    if (suffix == QLatin1String("mmd") || suffix == QLatin1String("md")) {
        QString text = topologyMermaid(scenario);
        // In Markdown the diagram is a fenced block that renderers draw.
        if (suffix == QLatin1String("md"))
            text = QStringLiteral("```mermaid\n") + text + QStringLiteral("```\n");
        const QByteArray bytes = text.toUtf8();
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return fail(QCoreApplication::translate("archsim", "Could not write %1.").arg(path));
        return true;
    }
    constexpr int kWidth = 1200;
    if (suffix == QLatin1String("svg")) {
        const QByteArray svg = topologySvg(scenario, kWidth);
        if (svg.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(svg) != svg.size())
            return fail(QCoreApplication::translate("archsim", "Could not write %1.").arg(path));
        return true;
    }
    if (suffix == QLatin1String("png")) {
        if (!(scale > 0) || scale > 8)
            return fail(
                QCoreApplication::translate("archsim", "Scale %1 is out of range.").arg(scale));
        bool ok = false;
        withDiagram(scenario, [&](QGraphicsScene& scene, const QRectF& source) {
            const QSize size = diagramSize(source, kWidth);
            QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::white);
            QPainter painter(&image);
            painter.scale(scale, scale);
            render(scene, source, painter, size);
            painter.end();
            ok = image.save(path, "PNG");
        });
        if (!ok)
            return fail(QCoreApplication::translate("archsim", "Could not write %1.").arg(path));
        return true;
    }
    return fail(QCoreApplication::translate("archsim",
                                            "Unknown format \"%1\": use .svg, .png, .mmd or .md.")
                    .arg(suffix));
}

void exportTopologyInteractively(QWidget* parent, const Scenario& scenario) {
    const QString title = QCoreApplication::translate("archsim", "Export Topology Diagram");
    // The folder charts are exported to: a design document gathers both.
    QSettings settings;
    QString directory = settings.value(QLatin1String(ChartExportDialog::kDirectoryKey)).toString();
    if (directory.isEmpty() || !QDir(directory).exists())
        directory = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    QString name = QString::fromStdString(scenario.name).toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    name.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    name = (name.isEmpty() ? QStringLiteral("scenario") : name) + QStringLiteral("-topology.svg");
    const QStringList filters{
        QCoreApplication::translate("archsim", "SVG image (*.svg)"),
        QCoreApplication::translate("archsim", "PNG image (*.png)"),
        QCoreApplication::translate("archsim", "Mermaid flowchart (*.mmd)"),
        QCoreApplication::translate("archsim", "Markdown with a Mermaid block (*.md)")};
    QString filter = filters.front();
    QString path = QFileDialog::getSaveFileName(parent, title, QDir(directory).filePath(name),
                                                filters.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) {
        static const char* const suffixes[] = {".svg", ".png", ".mmd", ".md"};
        path += QLatin1String(suffixes[std::max<qsizetype>(0, filters.indexOf(filter))]);
    }
    QString error;
    if (exportTopology(scenario, path, &error))
        settings.setValue(QLatin1String(ChartExportDialog::kDirectoryKey),
                          QFileInfo(path).absoluteDir().absolutePath());
    else
        QMessageBox::warning(parent, title, error);
}

}  // namespace archsim::ui
