// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A report as a flat list of blocks (headings, paragraphs, warnings, tables, figures), written
// out by two writers that share it: toHtml() (one self-contained file, figures as inline SVG) and
// writeReportPdf() (paginated with QPainter). Keeping the content in one neutral form is what makes
// the PDF and the HTML say the same thing.
//
// A table row and a figure are the units of pagination: neither is ever cut by a page break, and
// a heading stays with what follows it.

#include <QByteArray>
#include <QDateTime>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <vector>

namespace archsim::ui {

struct ReportTable {
    QStringList header;
    std::vector<QStringList> rows;
    /// Per column: true aligns right (numbers). Missing entries align left.
    std::vector<bool> numeric;
    /// Rows (by index) drawn as group headings spanning the table ("function worker").
    std::vector<bool> groupRow;
    QString note;  ///< a line under the table
};

struct ReportFigure {
    QString id;  ///< stable anchor, e.g. "percentiles"
    QString title;
    QString caption;  ///< the line that makes the figure stand on its own
    QSizeF size;      ///< the SVG's own size (its aspect ratio is kept)
    QByteArray svg;   ///< a complete SVG document
};

struct ReportBlock {
    enum class Kind { Title, Subtitle, Heading, Subheading, Paragraph, Warning, Table, Figure };
    Kind kind = Kind::Paragraph;
    QString text;
    QString id;  ///< anchor for headings
    ReportTable table;
    ReportFigure figure;
};

class ReportDocument {
public:
    void addTitle(const QString& text);
    void addSubtitle(const QString& text);
    void addHeading(const QString& text, const QString& id = {});
    void addSubheading(const QString& text);
    void addParagraph(const QString& text);
    void addWarning(const QString& text);
    void addTable(ReportTable table);
    void addFigure(ReportFigure figure);

    const std::vector<ReportBlock>& blocks() const { return m_blocks; }
    QString title() const;
    /// When the report was made: its date line, and the PDF's creation date.
    void setDate(const QDateTime& date) { m_date = date; }
    QDateTime date() const { return m_date; }

    /// One HTML5 file with its style sheet and every figure inline: it opens anywhere, mails as
    /// one attachment, and prints with the same page-break rules as the PDF.
    QByteArray toHtml() const;

private:
    std::vector<ReportBlock> m_blocks;
    QDateTime m_date;
};

/// Page sizes a report is written on.
enum class ReportPaper { A4, Letter };

/// Writes the report as a PDF; false with `error` set (naming the file) on failure.
bool writeReportPdf(const ReportDocument& document, const QString& path, ReportPaper paper,
                    QString* error = nullptr);

/// Writes .pdf or .html by the suffix of `path`.
bool writeReport(const ReportDocument& document, const QString& path, ReportPaper paper,
                 QString* error = nullptr);

}  // namespace archsim::ui
