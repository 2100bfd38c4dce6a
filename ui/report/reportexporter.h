// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// File > Export Report...: runs the report's simulations on worker threads, shows their progress,
// then draws and writes the document, so the window stays responsive throughout. Cancel stops the
// runs not yet started; nothing is written then.

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <atomic>
#include <memory>

#include "ui/report/reportbuilder.h"

class QProgressDialog;
class QWidget;

namespace archsim::ui {

class ReportExporter : public QObject {
    Q_OBJECT

public:
    ReportExporter(ReportRequest request, QString path, ReportPaper paper,
                   QObject* parent = nullptr);
    ~ReportExporter() override;

    /// Asks where to write (PDF on A4, PDF on Letter, or HTML; the dialog starts in the last
    /// directory used), then exports with a progress dialog on `parent`. Returns the exporter
    /// (it deletes itself when done), or nullptr if the user cancelled or there is nothing to
    /// report.
    static ReportExporter* exportInteractively(QWidget* parent, ReportRequest request);

    void start();
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    QString path() const { return m_path; }

signals:
    void progressChanged(int done, int total);
    /// The report was written (`ok`) or not; `message` says where or why.
    void finished(bool ok, const QString& message);

private:
    void runsFinished();

    ReportRequest m_request;
    QString m_path;
    ReportPaper m_paper;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QFutureWatcher<ReportRuns> m_watcher;
};

}  // namespace archsim::ui
