// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/report/reportexporter.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QtConcurrent>

namespace archsim::ui {

ReportExporter::ReportExporter(ReportRequest request, QString path, ReportPaper paper,
                               QObject* parent)
    : QObject(parent), m_request(std::move(request)), m_path(std::move(path)), m_paper(paper) {
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ReportExporter::runsFinished);
}

ReportExporter::~ReportExporter() {
    cancel();
    m_watcher.waitForFinished();
}

void ReportExporter::start() {
    if (!m_request.date.isValid()) m_request.date = QDateTime::currentDateTimeUtc();
    QPointer<ReportExporter> self(this);
    const auto cancelFlag = m_cancel;
    const ReportProgress progress = [self](int done, int total) {
        // From a worker thread: hand the figures to the exporter's thread.
        QMetaObject::invokeMethod(
            qApp,
            [self, done, total] {
                if (self) emit self->progressChanged(done, total);
            },
            Qt::QueuedConnection);
    };
    m_watcher.setFuture(QtConcurrent::run([request = m_request, progress, cancelFlag] {
        return runReport(request, progress, cancelFlag.get());
    }));
}

void ReportExporter::cancel() {
    m_cancel->store(true);
}

void ReportExporter::runsFinished() {
    const ReportRuns runs = m_watcher.result();
    if (runs.cancelled) {
        emit finished(false, QString());  // the user knows: they pressed Cancel
        return;
    }
    const ReportDocument document = buildReport(m_request, runs);
    QString error;
    if (writeReport(document, m_path, m_paper, &error))
        emit finished(true, tr("Report written to %1").arg(m_path));
    else
        emit finished(false, error);
}

ReportExporter* ReportExporter::exportInteractively(QWidget* parent, ReportRequest request) {
    if (request.scenarios.empty()) {
        QMessageBox::information(parent, tr("Export Report"),
                                 tr("Open a scenario (or tick several to compare) first."));
        return nullptr;
    }
    QSettings settings;
    const QString key = QStringLiteral("report/lastDirectory");
    QString directory = settings.value(key).toString();
    if (directory.isEmpty() || !QDir(directory).exists())
        directory = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QStringList names;
    for (const ReportScenario& scenario : request.scenarios)
        names << QString::fromStdString(scenario.scenario.name);
    QString base = (names.join(QStringLiteral("-vs-")) + QStringLiteral("-report")).toLower();
    base.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    const QString pdfA4 = tr("PDF, A4 (*.pdf)");
    const QString pdfLetter = tr("PDF, US Letter (*.pdf)");
    const QString html = tr("HTML, one self-contained file (*.html)");
    QString filter = pdfA4;
    QString path = QFileDialog::getSaveFileName(
        parent, tr("Export Report"), QDir(directory).filePath(base + QStringLiteral(".pdf")),
        QStringList{pdfA4, pdfLetter, html}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty()) return nullptr;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == html ? QStringLiteral(".html") : QStringLiteral(".pdf");
    settings.setValue(key, QFileInfo(path).absolutePath());

    auto* exporter =
        new ReportExporter(std::move(request), path,
                           filter == pdfLetter ? ReportPaper::Letter : ReportPaper::A4, parent);
    auto* dialog = new QProgressDialog(tr("Simulating the scenarios for the report…"), tr("Cancel"),
                                       0, 0, parent);
    dialog->setWindowTitle(tr("Export Report"));
    dialog->setMinimumDuration(300);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(exporter, &ReportExporter::progressChanged, dialog, [dialog](int done, int total) {
        dialog->setMaximum(total);
        dialog->setValue(done);
        if (done == total) dialog->setLabelText(tr("Drawing the charts and writing the report…"));
    });
    connect(dialog, &QProgressDialog::canceled, exporter, &ReportExporter::cancel);
    connect(exporter, &ReportExporter::finished, parent,
            [parent, dialog, exporter](bool ok, const QString& message) {
                dialog->close();
                exporter->deleteLater();
                if (!ok && !message.isEmpty())
                    QMessageBox::warning(parent, tr("Export Report"), message);
                if (auto* window = qobject_cast<QMainWindow*>(parent); window && ok)
                    window->statusBar()->showMessage(message, 8000);
            });
    exporter->start();
    return exporter;
}

}  // namespace archsim::ui
