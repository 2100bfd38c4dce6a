// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/report/reportdocument.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QRegularExpression>

namespace archsim::ui {
namespace {

QString escaped(const QString& text) {
    return text.toHtmlEscaped();
}

/// The SVG element of a complete SVG document: its XML prolog and doctype do not belong inside
/// HTML, and its fixed width and height give way to the style sheet's (the viewBox keeps the
/// shape).
QString inlineSvg(const QByteArray& svg) {
    QString text = QString::fromUtf8(svg);
    const qsizetype start = text.indexOf(QLatin1String("<svg"));
    if (start < 0) return {};
    text = text.mid(start);
    const qsizetype tagEnd = text.indexOf(QLatin1Char('>'));
    QString tag = text.left(tagEnd);
    tag.replace(QRegularExpression(QStringLiteral(R"(\s(width|height)="[^"]*")")), QString());
    return tag + text.mid(tagEnd);
}

// Black on white, greys for structure, weight and borders for emphasis: it must read as well on a
// black-and-white printer as on a screen. break-inside keeps figures and table rows whole.
constexpr const char* kStyle = R"(
@page { size: %1; margin: 16mm 15mm; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 10pt;
       color: #111; max-width: 60em; margin: 2em auto; padding: 0 1.5em; line-height: 1.35; }
h1 { font-size: 20pt; margin: 0 0 0.2em 0; }
p.subtitle { color: #333; margin: 0.1em 0; }
h2 { font-size: 14pt; margin: 1.4em 0 0.4em 0; border-bottom: 1.5px solid #222;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 1em 0 0.3em 0; break-after: avoid; page-break-after: avoid; }
p.warning { border: 1.5px solid #222; border-left-width: 6px; padding: 0.35em 0.6em;
            margin: 0.4em 0; break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.2em 0; font-size: 9pt; }
th, td { border: 1px solid #999; padding: 0.2em 0.45em; vertical-align: top; text-align: left; }
th { background: #e4e4e4; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.group td { background: #f0f0f0; font-weight: bold; }
thead { display: table-header-group; }
p.note { font-size: 8.5pt; color: #333; margin: 0.1em 0 0.8em 0; }
figure { margin: 0.8em 0 1.2em 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; border: 1px solid #bbb; }
figcaption { font-size: 8.5pt; color: #333; margin-top: 0.25em; }
figcaption b { color: #111; }
)";

}  // namespace

void ReportDocument::addTitle(const QString& text) {
    m_blocks.push_back({ReportBlock::Kind::Title, text, QStringLiteral("title"), {}, {}});
}
void ReportDocument::addSubtitle(const QString& text) {
    m_blocks.push_back({ReportBlock::Kind::Subtitle, text, {}, {}, {}});
}
void ReportDocument::addHeading(const QString& text, const QString& id) {
    m_blocks.push_back({ReportBlock::Kind::Heading, text, id, {}, {}});
}
void ReportDocument::addSubheading(const QString& text) {
    m_blocks.push_back({ReportBlock::Kind::Subheading, text, {}, {}, {}});
}
void ReportDocument::addParagraph(const QString& text) {
    m_blocks.push_back({ReportBlock::Kind::Paragraph, text, {}, {}, {}});
}
void ReportDocument::addWarning(const QString& text) {
    m_blocks.push_back({ReportBlock::Kind::Warning, text, {}, {}, {}});
}
void ReportDocument::addTable(ReportTable table) {
    ReportBlock block{ReportBlock::Kind::Table, {}, {}, std::move(table), {}};
    m_blocks.push_back(std::move(block));
}
void ReportDocument::addFigure(ReportFigure figure) {
    ReportBlock block{ReportBlock::Kind::Figure, {}, figure.id, {}, std::move(figure)};
    m_blocks.push_back(std::move(block));
}

QString ReportDocument::title() const {
    for (const ReportBlock& block : m_blocks)
        if (block.kind == ReportBlock::Kind::Title) return block.text;
    return {};
}

QByteArray ReportDocument::toHtml() const {
    QString html;
    html +=
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html += QStringLiteral("<meta name=\"generator\" content=\"archsim " ARCHSIM_VERSION "\">\n");
    html += QStringLiteral("<title>%1</title>\n").arg(escaped(title()));
    html += QStringLiteral("<style>%1</style>\n</head>\n<body>\n")
                .arg(QString::fromLatin1(kStyle).arg(QStringLiteral("A4")));
    for (const ReportBlock& block : m_blocks) {
        const QString id =
            block.id.isEmpty() ? QString() : QStringLiteral(" id=\"%1\"").arg(escaped(block.id));
        switch (block.kind) {
            case ReportBlock::Kind::Title:
                html += QStringLiteral("<h1%1>%2</h1>\n").arg(id, escaped(block.text));
                break;
            case ReportBlock::Kind::Subtitle:
                html += QStringLiteral("<p class=\"subtitle\">%1</p>\n").arg(escaped(block.text));
                break;
            case ReportBlock::Kind::Heading:
                html += QStringLiteral("<h2%1>%2</h2>\n").arg(id, escaped(block.text));
                break;
            case ReportBlock::Kind::Subheading:
                html += QStringLiteral("<h3>%1</h3>\n").arg(escaped(block.text));
                break;
            case ReportBlock::Kind::Paragraph:
                html += QStringLiteral("<p>%1</p>\n").arg(escaped(block.text));
                break;
            case ReportBlock::Kind::Warning:
                html += QStringLiteral("<p class=\"warning\"><b>Warning:</b> %1</p>\n")
                            .arg(escaped(block.text));
                break;
            case ReportBlock::Kind::Table: {
                const ReportTable& table = block.table;
                html += QStringLiteral("<table>\n<thead><tr>");
                for (const QString& cell : table.header)
                    html += QStringLiteral("<th>%1</th>").arg(escaped(cell));
                html += QStringLiteral("</tr></thead>\n<tbody>\n");
                for (std::size_t r = 0; r < table.rows.size(); ++r) {
                    const QStringList& row = table.rows[r];
                    if (r < table.groupRow.size() && table.groupRow[r]) {
                        html +=
                            QStringLiteral("<tr class=\"group\"><td colspan=\"%1\">%2</td></tr>\n")
                                .arg(table.header.size())
                                .arg(escaped(row.value(0)));
                        continue;
                    }
                    html += QStringLiteral("<tr>");
                    for (qsizetype c = 0; c < row.size(); ++c) {
                        const bool numeric = static_cast<std::size_t>(c) < table.numeric.size() &&
                                             table.numeric[static_cast<std::size_t>(c)];
                        html += (numeric ? QStringLiteral("<td class=\"num\">%1</td>")
                                         : QStringLiteral("<td>%1</td>"))
                                    .arg(escaped(row[c]));
                    }
                    html += QStringLiteral("</tr>\n");
                }
                html += QStringLiteral("</tbody>\n</table>\n");
                if (!table.note.isEmpty())
                    html += QStringLiteral("<p class=\"note\">%1</p>\n").arg(escaped(table.note));
                break;
            }
            case ReportBlock::Kind::Figure: {
                const ReportFigure& figure = block.figure;
                html += QStringLiteral("<figure%1>\n").arg(id);
                html += inlineSvg(figure.svg);
                html += QStringLiteral("\n<figcaption><b>%1.</b> %2</figcaption>\n</figure>\n")
                            .arg(escaped(figure.title), escaped(figure.caption));
                break;
            }
        }
    }
    html += QStringLiteral("</body>\n</html>\n");
    return html.toUtf8();
}

bool writeReport(const ReportDocument& document, const QString& path, ReportPaper paper,
                 QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf")) return writeReportPdf(document, path, paper, error);
    if (suffix != QLatin1String("html") && suffix != QLatin1String("htm")) {
        if (error)
            *error = QObject::tr("%1: a report is written as .pdf or .html, not \"%2\".")
                         .arg(path, suffix);
        return false;
    }
    QFile file(path);
    const QByteArray html = document.toHtml();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(html) != html.size()) {
        if (error) *error = QObject::tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

}  // namespace archsim::ui
