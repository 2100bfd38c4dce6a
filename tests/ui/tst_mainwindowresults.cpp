// SPDX-License-Identifier: GPL-3.0-or-later
// What the window does with a run's results, through its own menu actions: Export Chart… through
// the export dialog for every tab (the summary table included).

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QImage>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "ui/charts/chartexportdialog.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/chartwidget.h"
#include "ui/document/scenariodocument.h"
#include "ui/mainwindow.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

constexpr int kRunTimeoutMs = 120'000;

QAction* action(MainWindow& window, const char* name) {
    return window.findChild<QAction*>(QLatin1String(name));
}

/// A short M/M/c run: a minute of simulated time in ten-second windows.
ScenarioDocument* openShortQueue(MainWindow& window) {
    ScenarioDocument* document = window.openPreset(QStringLiteral("mmc-queue.json"));
    if (!document) return nullptr;
    Scenario scenario = document->scenario();
    scenario.run.durationS = 60;
    scenario.run.warmupS = 0;
    scenario.seed = 77;
    document->edit(scenario, QStringLiteral("shorter"));
    return document;
}

/// Answers the next file dialog with `path` (a modal dialog: a queued call sees it once open).
void answerFileDialog(const QString& path) {
    QTimer::singleShot(0, [path] {
        QTRY_VERIFY(qobject_cast<QFileDialog*>(QApplication::activeModalWidget()));
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        dialog->selectFile(path);
        QMetaObject::invokeMethod(dialog, "accept");
    });
}

bool runAndWait(MainWindow& window) {
    QSignalSpy finished(&window, &MainWindow::runsFinished);
    window.startRun();
    return finished.wait(kRunTimeoutMs);
}

}  // namespace

class TestMainWindowResults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindowresults"));
        QSettings().clear();
        QVERIFY(m_autosave.isValid());
    }

    void cleanup() { QSettings().clear(); }

    void testExportChartUsesTheDialog() {
        MainWindow window(m_autosave.path());
        window.setSpeedIndex(4);
        ScenarioDocument* document = openShortQueue(window);
        QVERIFY(document);
        QVERIFY(runAndWait(window));
        QTemporaryDir dir;
        QSettings().setValue(QLatin1String(ChartExportDialog::kDirectoryKey), dir.path());
        QAction* exportChart = action(window, "exportChartAction");
        QVERIFY(exportChart);
        const QString name = QString::fromStdString(document->scenario().name);
        for (int tab = 0; tab < window.chartsPanel()->count(); ++tab) {
            window.chartsPanel()->setCurrentIndex(tab);
            auto* chart = qobject_cast<ChartWidget*>(window.chartsPanel()->currentWidget());
            QVERIFY(chart);
            exportChart->trigger();
            auto* dialog = window.findChild<ChartExportDialog*>();
            QVERIFY2(dialog && dialog->isVisible(), "Export Chart… opens the export dialog");
            QCOMPARE(QFileInfo(dialog->path()).absolutePath(), QDir(dir.path()).absolutePath());
            QCOMPARE(QFileInfo(dialog->path()).fileName(),
                     chart->suggestedFileName(QStringLiteral("png")));
            QVERIFY2(dialog->captionText().contains(name), qPrintable(dialog->captionText()));
            QVERIFY2(dialog->captionText().contains(QStringLiteral("seed 77")),
                     qPrintable(dialog->captionText()));
            QVERIFY2(dialog->captionText().contains(QStringLiteral("60 s simulated")),
                     qPrintable(dialog->captionText()));
            QCOMPARE(dialog->scale(), 2);
            const QSize size = dialog->exportSize();
            const QString path = dir.filePath(QStringLiteral("tab%1.png").arg(tab));
            dialog->setPath(path);
            dialog->accept();
            QTRY_VERIFY(!window.findChild<ChartExportDialog*>());  // closed and deleted
            const QImage image(path);
            QCOMPARE(image.size(), size * 2);
        }
        window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::Discard;
        });
    }

    void testExportTopology() {
        MainWindow window(m_autosave.path());
        ScenarioDocument* document = openShortQueue(window);
        QVERIFY(document);
        QAction* exportTopology = action(window, "exportTopologyAction");
        QVERIFY(exportTopology);
        QVERIFY(window.findChild<QMenu*>(QStringLiteral("exportMenu"))
                    ->actions()
                    .contains(exportTopology));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("diagram.mmd"));
        answerFileDialog(path);
        exportTopology->trigger();
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), "the Mermaid file is written");
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(QStringLiteral("flowchart LR")));
        QVERIFY(text.contains(QString::fromStdString(document->scenario().topology.entry)));
        window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::Discard;
        });
    }

private:
    QTemporaryDir m_autosave;
};

QTEST_MAIN(TestMainWindowResults)
#include "tst_mainwindowresults.moc"
