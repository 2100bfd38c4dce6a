// SPDX-License-Identifier: GPL-3.0-or-later
// The PDF writer of ReportDocument: a small page layout over QPdfWriter and QPainter. It runs
// twice over the blocks, first only measuring (to know the page count for "page N of M"), then
// painting; both passes share one placement routine so they cannot disagree.
//
// A unit (a paragraph, a table row, a figure with its caption) is placed whole: if it does not
// fit in what is left of the page, it starts the next one. A table repeats its header on every page
// it spans, and a heading moves with the first unit after it.

#include <QFile>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <algorithm>
#include <cmath>

#include "ui/report/reportdocument.h"

namespace archsim::ui {
namespace {

constexpr double kPad = 3.0;        // points of padding inside a table cell
constexpr double kFooter = 18.0;    // points kept free at the bottom of each page
const QColor kRule(150, 150, 150);  // table lines: visible in print, quieter than the text

QFont reportFont(double points, bool bold = false) {
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif);
    font.setPointSizeF(points);
    font.setBold(bold);
    return font;
}

class PdfLayout {
public:
    PdfLayout(QPdfWriter& writer, const ReportDocument& document)
        : m_writer(writer),
          m_document(document),
          m_width(writer.width()),
          m_height(writer.height() - kFooter) {}

    /// Places every block; paints when `painter` is set. Returns the number of pages.
    int run(QPainter* painter, int pageCount) {
        m_painter = painter;
        m_pageCount = pageCount;
        m_page = 1;
        m_y = 0;
        const auto& blocks = m_document.blocks();
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            const ReportBlock& block = blocks[i];
            if (block.kind == ReportBlock::Kind::Heading ||
                block.kind == ReportBlock::Kind::Subheading) {
                // A heading never ends a page: it needs room for itself and what comes next.
                const double next = i + 1 < blocks.size() ? firstUnitHeight(blocks[i + 1]) : 0;
                const double before =
                    m_y > 0 ? (block.kind == ReportBlock::Kind::Heading ? 14 : 8) : 0;
                if (m_y + before + headingHeight(block) + next > m_height)
                    newPage();
                else
                    m_y += before;
                paintHeading(block);
                continue;
            }
            placeBlock(block);
        }
        footer();
        return m_page;
    }

private:
    double textHeight(const QFont& font, const QString& text, double width) const {
        const QFontMetricsF metrics(font, &m_writer);
        return metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text).height();
    }

    double headingHeight(const ReportBlock& block) const {
        const bool top = block.kind == ReportBlock::Kind::Heading;
        return textHeight(reportFont(top ? 14 : 11.5, true), block.text, m_width) + (top ? 7 : 4);
    }

    void newPage() {
        footer();
        if (m_painter) m_writer.newPage();
        ++m_page;
        m_y = 0;
    }

    void footer() {
        if (!m_painter) return;
        m_painter->save();
        m_painter->setFont(reportFont(7.5));
        m_painter->setPen(QColor(70, 70, 70));
        const QRectF line(0, m_height + 6, m_width, kFooter - 6);
        m_painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, m_document.title());
        m_painter->drawText(line, Qt::AlignRight | Qt::AlignVCenter,
                            QStringLiteral("page %1 of %2").arg(m_page).arg(m_pageCount));
        m_painter->restore();
    }

    /// Room for a unit of `height`: a new page when it does not fit (unless the page is empty,
    /// where nothing would be gained).
    void ensureRoom(double height) {
        if (m_y > 0 && m_y + height > m_height) newPage();
    }

    void paintHeading(const ReportBlock& block) {
        const bool top = block.kind == ReportBlock::Kind::Heading;
        const QFont font = reportFont(top ? 14 : 11.5, true);
        const double h = textHeight(font, block.text, m_width);
        if (m_painter) {
            m_painter->setFont(font);
            m_painter->setPen(Qt::black);
            m_painter->drawText(QRectF(0, m_y, m_width, h), Qt::TextWordWrap, block.text);
            if (top) {
                m_painter->setPen(QPen(QColor(30, 30, 30), 1.2));
                m_painter->drawLine(QPointF(0, m_y + h + 2), QPointF(m_width, m_y + h + 2));
            }
        }
        m_y += h + (top ? 7 : 4);
    }

    void paintText(const QFont& font, const QString& text, double after, const QColor& colour) {
        const double h = textHeight(font, text, m_width);
        ensureRoom(h);
        if (m_painter) {
            m_painter->setFont(font);
            m_painter->setPen(colour);
            m_painter->drawText(QRectF(0, m_y, m_width, h), Qt::TextWordWrap, text);
        }
        m_y += h + after;
    }

    void paintWarning(const QString& text) {
        const QString full = QStringLiteral("Warning: ") + text;
        const QFont font = reportFont(9);
        const double inner = m_width - 18;
        const double h = textHeight(font, full, inner) + 8;
        ensureRoom(h);
        if (m_painter) {
            const QRectF box(0, m_y, m_width, h);
            m_painter->setPen(QPen(QColor(30, 30, 30), 1));
            m_painter->setBrush(Qt::NoBrush);
            m_painter->drawRect(box);
            m_painter->fillRect(QRectF(0, m_y, 5, h), QColor(30, 30, 30));
            m_painter->setFont(font);
            m_painter->setPen(Qt::black);
            m_painter->drawText(QRectF(12, m_y + 4, inner, h - 8), Qt::TextWordWrap, full);
        }
        m_y += h + 5;
    }

    // --- tables ---------------------------------------------------------------------------------

    std::vector<double> columnWidths(const ReportTable& table) const {
        const qsizetype columns = table.header.size();
        std::vector<double> natural(static_cast<std::size_t>(columns), 20);
        std::vector<double> minimum(static_cast<std::size_t>(columns), 20);
        const QFontMetricsF body(reportFont(8), &m_writer);
        const QFontMetricsF bold(reportFont(8, true), &m_writer);
        for (qsizetype c = 0; c < columns; ++c) {
            auto& width = natural[static_cast<std::size_t>(c)];
            // A header may wrap at its spaces; its longest word must fit.
            auto& least = minimum[static_cast<std::size_t>(c)];
            for (const QString& word : table.header[c].split(QLatin1Char(' ')))
                least = std::max(least, bold.horizontalAdvance(word) + 2 * kPad + 1);
            width = std::max(least, bold.horizontalAdvance(table.header[c]) * 0.6);
            for (std::size_t r = 0; r < table.rows.size(); ++r) {
                if (r < table.groupRow.size() && table.groupRow[r]) continue;
                const QString cell = table.rows[r].value(c);
                width = std::max(width, body.horizontalAdvance(cell) + 2 * kPad + 1);
                for (const QString& word : cell.split(QLatin1Char(' ')))
                    least = std::max(least, body.horizontalAdvance(word) + 2 * kPad + 1);
            }
            width = std::max(width, least);
        }
        double total = 0;
        for (double w : natural) total += w;
        std::vector<double> widths = natural;
        if (total <= m_width) {
            // Spread the spare width over the columns in proportion, so tables span the page.
            for (double& w : widths) w *= m_width / total;
            return widths;
        }
        // Too wide: a column that fits in a fair share of what is left keeps its natural width;
        // the rest share the remainder in proportion to their natural width, and wrap (never
        // narrower than their longest word).
        std::vector<bool> fixed(widths.size(), false);
        double available = m_width;
        std::size_t flexible = widths.size();
        for (bool changed = true; changed && flexible > 0;) {
            changed = false;
            const double fair = available / static_cast<double>(flexible);
            for (std::size_t c = 0; c < widths.size(); ++c) {
                if (fixed[c] || natural[c] > fair) continue;
                fixed[c] = true;
                available -= natural[c];
                --flexible;
                changed = true;
            }
        }
        double flexibleNatural = 0;
        for (std::size_t c = 0; c < widths.size(); ++c)
            if (!fixed[c]) flexibleNatural += natural[c];
        for (std::size_t c = 0; c < widths.size(); ++c)
            if (!fixed[c])
                widths[c] = std::max(minimum[c], available * natural[c] / flexibleNatural);
        return widths;
    }

    double rowHeight(const QStringList& cells, const std::vector<double>& widths, bool bold) const {
        const QFont font = reportFont(8, bold);
        double h = 0;
        for (std::size_t c = 0; c < widths.size(); ++c)
            h = std::max(
                h, textHeight(font, cells.value(static_cast<qsizetype>(c)), widths[c] - 2 * kPad));
        return h + 2 * kPad;
    }

    void paintRow(const ReportTable& table, const QStringList& cells,
                  const std::vector<double>& widths, double h, bool header, bool group,
                  bool shade) {
        if (!m_painter) return;
        const QFont font = reportFont(8, header || group);
        m_painter->setFont(font);
        double x = 0;
        if (group) {
            const QRectF cell(0, m_y, m_width, h);
            m_painter->fillRect(cell, QColor(232, 232, 232));
            m_painter->setPen(QPen(kRule, 0.6));
            m_painter->drawRect(cell);
            m_painter->setPen(Qt::black);
            m_painter->drawText(cell.adjusted(kPad, kPad, -kPad, -kPad), Qt::TextWordWrap,
                                cells.value(0));
            return;
        }
        for (std::size_t c = 0; c < widths.size(); ++c) {
            const QRectF cell(x, m_y, widths[c], h);
            if (header)
                m_painter->fillRect(cell, QColor(218, 218, 218));
            else if (shade)
                m_painter->fillRect(cell, QColor(244, 244, 244));
            m_painter->setPen(QPen(kRule, 0.6));
            m_painter->drawRect(cell);
            m_painter->setPen(Qt::black);
            const bool numeric = !header && c < table.numeric.size() && table.numeric[c];
            m_painter->drawText(
                cell.adjusted(kPad, kPad, -kPad, -kPad),
                (numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop | Qt::TextWordWrap,
                cells.value(static_cast<qsizetype>(c)));
            x += widths[c];
        }
    }

    void placeTable(const ReportTable& table) {
        const std::vector<double> widths = columnWidths(table);
        const double headerHeight = rowHeight(table.header, widths, true);
        bool needHeader = true;
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const bool group = r < table.groupRow.size() && table.groupRow[r];
            const double h = group ? rowHeight({table.rows[r].value(0)}, {m_width}, true)
                                   : rowHeight(table.rows[r], widths, false);
            // A group heading takes its first row with it, as a heading does.
            double keep = h;
            if (group && r + 1 < table.rows.size())
                keep += rowHeight(table.rows[r + 1], widths, false);
            if (m_y > 0 && m_y + keep + (needHeader ? headerHeight : 0) > m_height) {
                newPage();
                needHeader = true;
            }
            if (needHeader) {
                paintRow(table, table.header, widths, headerHeight, true, false, false);
                m_y += headerHeight;
                needHeader = false;
            }
            paintRow(table, table.rows[r], widths, h, false, group, r % 2 == 1);
            m_y += h;
        }
        m_y += 4;
        if (!table.note.isEmpty()) paintText(reportFont(7.5), table.note, 4, QColor(50, 50, 50));
        m_y += 6;
    }

    // --- figures --------------------------------------------------------------------------------

    struct FigureGeometry {
        double titleHeight, imageWidth, imageHeight, captionHeight;
        double total() const { return titleHeight + imageHeight + captionHeight + 14; }
    };

    FigureGeometry figureGeometry(const ReportFigure& figure) const {
        FigureGeometry g{};
        g.titleHeight = textHeight(reportFont(9.5, true), figure.title, m_width) + 3;
        g.captionHeight = textHeight(reportFont(7.5), figure.caption, m_width) + 3;
        const double aspect =
            figure.size.width() > 0 ? figure.size.height() / figure.size.width() : 0.6;
        g.imageWidth = m_width;
        g.imageHeight = m_width * aspect;
        // A figure taller than a page is shrunk to fit one page rather than cut.
        const double room = m_height - g.titleHeight - g.captionHeight - 14;
        if (g.imageHeight > room) {
            g.imageHeight = room;
            g.imageWidth = room / aspect;
        }
        return g;
    }

    void placeFigure(const ReportFigure& figure) {
        const FigureGeometry g = figureGeometry(figure);
        ensureRoom(g.total());
        if (m_painter) {
            m_painter->setFont(reportFont(9.5, true));
            m_painter->setPen(Qt::black);
            m_painter->drawText(QRectF(0, m_y, m_width, g.titleHeight), Qt::TextWordWrap,
                                figure.title);
            const QRectF image((m_width - g.imageWidth) / 2, m_y + g.titleHeight, g.imageWidth,
                               g.imageHeight);
            QSvgRenderer renderer(figure.svg);
            m_painter->save();
            m_painter->setClipRect(image);
            renderer.render(m_painter, image);
            m_painter->restore();
            m_painter->setPen(QPen(QColor(180, 180, 180), 0.6));
            m_painter->setBrush(Qt::NoBrush);
            m_painter->drawRect(image);
            m_painter->setFont(reportFont(7.5));
            m_painter->setPen(QColor(50, 50, 50));
            m_painter->drawText(QRectF(0, image.bottom() + 3, m_width, g.captionHeight),
                                Qt::TextWordWrap, figure.caption);
        }
        m_y += g.total();
    }

    double firstUnitHeight(const ReportBlock& block) const {
        switch (block.kind) {
            case ReportBlock::Kind::Figure:
                return figureGeometry(block.figure).total();
            case ReportBlock::Kind::Table: {
                if (block.table.rows.empty()) return 0;
                const auto widths = columnWidths(block.table);
                return rowHeight(block.table.header, widths, true) +
                       rowHeight(block.table.rows.front(), widths, false) * 2;
            }
            case ReportBlock::Kind::Heading:
            case ReportBlock::Kind::Subheading:
                return headingHeight(block);
            default:
                return textHeight(reportFont(9), block.text, m_width) + 8;
        }
    }

    void placeBlock(const ReportBlock& block) {
        switch (block.kind) {
            case ReportBlock::Kind::Title:
                paintText(reportFont(20, true), block.text, 4, Qt::black);
                break;
            case ReportBlock::Kind::Subtitle:
                paintText(reportFont(9.5), block.text, 2, QColor(40, 40, 40));
                break;
            case ReportBlock::Kind::Paragraph:
                paintText(reportFont(9), block.text, 6, Qt::black);
                break;
            case ReportBlock::Kind::Warning:
                paintWarning(block.text);
                break;
            case ReportBlock::Kind::Table:
                placeTable(block.table);
                break;
            case ReportBlock::Kind::Figure:
                placeFigure(block.figure);
                break;
            case ReportBlock::Kind::Heading:
            case ReportBlock::Kind::Subheading:
                paintHeading(block);
                break;
        }
    }

    QPdfWriter& m_writer;
    const ReportDocument& m_document;
    QPainter* m_painter = nullptr;
    double m_width;
    double m_height;
    double m_y = 0;
    int m_page = 1;
    int m_pageCount = 1;
};

/// Qt stamps a PDF with the time it was written. The report's own date replaces it (same length,
/// so the cross-reference offsets stay valid): the same inputs then give the same bytes.
void stampCreationDate(const QString& path, const QDateTime& date) {
    QFile file(path);
    if (!date.isValid() || !file.open(QIODevice::ReadWrite)) return;
    QByteArray bytes = file.readAll();
    static const QRegularExpression stamp(QStringLiteral(R"(/CreationDate \(D:(\d{14}))"));
    const QString text = QString::fromLatin1(bytes);
    const QRegularExpressionMatch match = stamp.match(text);
    if (!match.hasMatch()) return;
    const QByteArray digits = date.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1();
    bytes.replace(match.capturedStart(1), digits.size(), digits);
    // The time-zone suffix Qt wrote after the digits is left as it is: only the digits vary.
    file.seek(0);
    file.write(bytes);
}

}  // namespace

bool writeReportPdf(const ReportDocument& document, const QString& path, ReportPaper paper,
                    QString* error) {
    {
        QPdfWriter writer(path);
        writer.setCreator(QStringLiteral("archsim " ARCHSIM_VERSION));
        writer.setTitle(document.title());
        writer.setResolution(72);  // one unit per point: fonts and lines in print sizes
        writer.setPageSize(
            QPageSize(paper == ReportPaper::Letter ? QPageSize::Letter : QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 14, 15, 12), QPageLayout::Millimeter);
        PdfLayout layout(writer, document);
        const int pages = layout.run(nullptr, 0);
        QPainter painter;
        if (!painter.begin(&writer)) {
            if (error) *error = QObject::tr("Could not write %1.").arg(path);
            return false;
        }
        painter.setRenderHint(QPainter::Antialiasing);
        layout.run(&painter, pages);
        if (!painter.end()) {
            if (error) *error = QObject::tr("Could not write %1.").arg(path);
            return false;
        }
    }
    stampCreationDate(path, document.date());
    return true;
}

}  // namespace archsim::ui
