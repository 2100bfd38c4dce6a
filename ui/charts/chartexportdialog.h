// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Export of one chart to a file, the same from the window's File > Export Chart… and from a
// chart's context menu: where (starting in the folder of the last export, with a file name made of
// the scenario names and the chart's title), which format (PNG, or SVG and PDF which stay vector),
// the size, the PNG scale (1x screen, 2x slides and print, 3x large print) and the caption printed
// under the chart, so the image still says what it shows once it is pasted into a document.

#include <QDialog>
#include <QString>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace archsim::ui {

class ChartWidget;

class ChartExportDialog : public QDialog {
    Q_OBJECT

public:
    /// Where the folder of the last export is remembered (QSettings).
    static constexpr const char* kDirectoryKey = "charts/lastExportDirectory";

    explicit ChartExportDialog(ChartWidget* chart, QWidget* parent = nullptr);

    /// Shows the dialog without blocking; once accepted, exports and reports a failure in a
    /// message box. The dialog deletes itself when closed.
    static ChartExportDialog* exportInteractively(ChartWidget* chart, QWidget* parent = nullptr);

    /// The file to write; its suffix chooses the format.
    QString path() const;
    void setPath(const QString& path);
    /// 1, 2 or 3 (PNG only; vector formats have no pixels to scale).
    int scale() const;
    void setScale(int scale);
    QSize exportSize() const;
    void setExportSize(const QSize& size);
    QString captionText() const;
    void setCaptionText(const QString& caption);

    QLineEdit* pathField() const { return m_path; }
    QComboBox* formatBox() const { return m_format; }
    QComboBox* scaleBox() const { return m_scale; }

    /// Writes the chart with the choices made, remembers its folder; false with `error` set.
    bool exportChart(QString* error = nullptr);

private:
    void browse();
    void formatChosen(int index);
    void pathEdited();

    ChartWidget* m_chart;
    QLineEdit* m_path;
    QComboBox* m_format;
    QComboBox* m_scale;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QLineEdit* m_caption;
    QString m_automaticCaption;
};

}  // namespace archsim::ui
