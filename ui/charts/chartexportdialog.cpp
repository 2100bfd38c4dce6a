// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/chartexportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>

#include "ui/charts/chartwidget.h"

namespace archsim::ui {
namespace {

const char* const kSuffixes[] = {"png", "svg", "pdf"};

int formatIndex(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (int i = 0; i < 3; ++i)
        if (suffix == QLatin1String(kSuffixes[i])) return i;
    return -1;
}

}  // namespace

ChartExportDialog::ChartExportDialog(ChartWidget* chart, QWidget* parent)
    : QDialog(parent),
      m_chart(chart),
      m_path(new QLineEdit(this)),
      m_format(new QComboBox(this)),
      m_scale(new QComboBox(this)),
      m_width(new QSpinBox(this)),
      m_height(new QSpinBox(this)),
      m_caption(new QLineEdit(this)) {
    setObjectName(QStringLiteral("chartExportDialog"));
    setWindowTitle(tr("Export Chart: %1").arg(chart->windowTitle()));
    auto* form = new QFormLayout(this);

    QString directory = QSettings().value(QLatin1String(kDirectoryKey)).toString();
    if (directory.isEmpty() || !QDir(directory).exists())
        directory = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (directory.isEmpty()) directory = QDir::homePath();
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setText(QDir(directory).filePath(chart->suggestedFileName(QStringLiteral("png"))));
    m_path->setMinimumWidth(420);
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    form->addRow(tr("File:"), pathRow);

    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItems({tr("PNG image"), tr("SVG image (vector)"), tr("PDF document (vector)")});
    form->addRow(tr("Format:"), m_format);
    m_scale->setObjectName(QStringLiteral("exportScale"));
    m_scale->addItems({tr("1x (screen)"), tr("2x (slides, print)"), tr("3x (large print)")});
    m_scale->setCurrentIndex(1);
    m_scale->setToolTip(tr("Pixels per chart pixel of a PNG; SVG and PDF stay vector"));
    form->addRow(tr("Scale:"), m_scale);
    const QSize size = chart->defaultExportSize();
    m_width->setObjectName(QStringLiteral("exportWidth"));
    m_width->setRange(320, 6000);
    m_width->setValue(size.width());
    m_width->setSuffix(tr(" px"));
    m_height->setObjectName(QStringLiteral("exportHeight"));
    m_height->setRange(200, 6000);
    m_height->setValue(size.height());
    m_height->setSuffix(tr(" px"));
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_height);
    sizeRow->addStretch(1);
    form->addRow(tr("Size:"), sizeRow);
    m_automaticCaption = chart->caption();
    m_caption->setObjectName(QStringLiteral("exportCaption"));
    m_caption->setText(m_automaticCaption);
    m_caption->setCursorPosition(0);
    m_caption->setToolTip(tr("Printed under the chart; empty: the scenarios, seed and settings"));
    form->addRow(tr("Caption:"), m_caption);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ChartExportDialog::browse);
    connect(m_format, &QComboBox::activated, this, &ChartExportDialog::formatChosen);
    connect(m_path, &QLineEdit::textEdited, this, &ChartExportDialog::pathEdited);
    pathEdited();
}

ChartExportDialog* ChartExportDialog::exportInteractively(ChartWidget* chart, QWidget* parent) {
    auto* dialog = new ChartExportDialog(chart, parent ? parent : chart);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, dialog, [dialog] {
        QString error;
        if (!dialog->exportChart(&error))
            QMessageBox::warning(dialog->parentWidget(), tr("Export chart"), error);
    });
    // Not exec(): the window (and a test driving it) carries on while the dialog is open.
    dialog->open();
    return dialog;
}

QString ChartExportDialog::path() const {
    return m_path->text().trimmed();
}

void ChartExportDialog::setPath(const QString& path) {
    m_path->setText(path);
    pathEdited();
}

int ChartExportDialog::scale() const {
    return m_scale->currentIndex() + 1;
}

void ChartExportDialog::setScale(int scale) {
    m_scale->setCurrentIndex(std::clamp(scale, 1, 3) - 1);
}

QSize ChartExportDialog::exportSize() const {
    return {m_width->value(), m_height->value()};
}

void ChartExportDialog::setExportSize(const QSize& size) {
    m_width->setValue(size.width());
    m_height->setValue(size.height());
}

QString ChartExportDialog::captionText() const {
    return m_caption->text();
}

void ChartExportDialog::setCaptionText(const QString& caption) {
    m_caption->setText(caption);
}

void ChartExportDialog::browse() {
    static const QString filters[] = {tr("PNG image (*.png)"), tr("SVG image (*.svg)"),
                                      tr("PDF document (*.pdf)")};
    QString filter = filters[std::max(0, m_format->currentIndex())];
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export chart"), path(),
        QStringList{filters[0], filters[1], filters[2]}.join(QStringLiteral(";;")), &filter);
    if (chosen.isEmpty()) return;
    QString withSuffix = chosen;
    if (QFileInfo(chosen).suffix().isEmpty())
        for (int i = 0; i < 3; ++i)
            if (filter == filters[i]) withSuffix += QLatin1Char('.') + QLatin1String(kSuffixes[i]);
    setPath(withSuffix);
}

void ChartExportDialog::formatChosen(int index) {
    // The format and the file name's suffix always agree: changing one changes the other.
    QFileInfo info(path());
    const QString base = info.suffix().isEmpty() || formatIndex(path()) < 0
                             ? info.fileName()
                             : info.completeBaseName();
    m_path->setText(info.dir().filePath(base + QLatin1Char('.') + QLatin1String(kSuffixes[index])));
    m_scale->setEnabled(index == 0);
}

void ChartExportDialog::pathEdited() {
    const int index = formatIndex(path());
    if (index >= 0) m_format->setCurrentIndex(index);
    m_scale->setEnabled(m_format->currentIndex() == 0);
}

bool ChartExportDialog::exportChart(QString* error) {
    QString target = path();
    if (target.isEmpty()) {
        if (error) *error = tr("Choose a file to export to.");
        return false;
    }
    if (QFileInfo(target).suffix().isEmpty())
        target +=
            QLatin1Char('.') + QLatin1String(kSuffixes[std::max(0, m_format->currentIndex())]);
    const bool png = formatIndex(target) == 0;
    // An edited caption is used for this export only; the chart's own keeps following its runs.
    const QString previous = m_chart->explicitCaption();
    const QString caption = captionText().trimmed();
    if (!caption.isEmpty() && caption != m_automaticCaption) m_chart->setCaption(caption);
    const bool ok =
        m_chart->exportTo(target, error, m_width->value(), m_height->value(), png ? scale() : 1.0);
    m_chart->setCaption(previous);
    if (ok)
        QSettings().setValue(QLatin1String(kDirectoryKey),
                             QFileInfo(target).absoluteDir().absolutePath());
    return ok;
}

}  // namespace archsim::ui
