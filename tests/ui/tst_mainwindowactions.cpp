// SPDX-License-Identifier: GPL-3.0-or-later
// The window's run and edit actions as a user meets them: Run starts the scenario on screen (a
// scenario just opened, created or picked from the presets is never passed over for an older
// comparison) and says what it will run; the toolbar buttons stay where they are while the
// undo text and the Run/Compare label change.

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "ui/document/scenariodocument.h"
#include "ui/editors/propertieseditor.h"
#include "ui/mainwindow.h"
#include "ui/run/runcontroller.h"
#include "ui/study/sweepdialog.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

constexpr int kRunTimeoutMs = 120'000;

std::vector<int> keys(const std::vector<ScenarioDocument*>& documents) {
    std::vector<int> result;
    for (const ScenarioDocument* document : documents) result.push_back(document->key());
    return result;
}

QWidget* runButton(MainWindow& window) {
    auto* bar = window.findChild<QToolBar*>(QStringLiteral("mainToolbar"));
    if (!bar) return nullptr;
    for (QAction* action : bar->actions())
        if (action == window.runAction() || action->text().remove(QLatin1Char('&')) == "Run")
            return bar->widgetForAction(action);
    return nullptr;
}

// The Pause button of the Run panel (its buttons show the actions' own, changing, text).
QWidget* panelPauseButton(MainWindow& window) {
    for (QToolButton* tool : window.findChildren<QToolButton*>())
        if (tool->defaultAction() == window.pauseAction()) return tool;
    return nullptr;
}

void settle() {
    // Toolbars lay out on a posted LayoutRequest.
    for (int i = 0; i < 3; ++i) QCoreApplication::processEvents();
}

}  // namespace

class TestMainWindowActions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void testRunTakesTheScenarioOnScreen();
    void testToolbarStaysStillAfterEdits();
    void testWindowFitsTheScreen();
    void testSweepThisFieldOpensTheSweep();

private:
    QTemporaryDir m_autosave;
};

void TestMainWindowActions::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindowactions"));
    QSettings().clear();
    QVERIFY(m_autosave.isValid());
}

void TestMainWindowActions::testRunTakesTheScenarioOnScreen() {
    MainWindow window(m_autosave.path());
    window.setSpeedIndex(4);
    // As at start-up: two ticked scenarios compared.
    ScenarioDocument* a = window.openPreset(QStringLiteral("mmc-queue.json"));
    ScenarioDocument* b = window.openPreset(QStringLiteral("mmc-queue.json"));
    QVERIFY(a && b);
    a->setCompared(true);
    b->setCompared(true);
    window.setCurrentDocument(a);
    QCOMPARE(keys(window.documentsToRun()), keys({a, b}));
    QVERIFY(window.runAction()->toolTip().contains(QStringLiteral("compares")));

    // A preset opened now is what Run runs, and the Run action says so.
    ScenarioDocument* preset = window.openPreset(QStringLiteral("mmc-queue.json"));
    QVERIFY(preset);
    QVERIFY(!preset->isCompared());
    QCOMPARE(keys(window.documentsToRun()), keys({preset}));
    const QString name = QString::fromStdString(preset->scenario().name);
    QVERIFY2(window.runAction()->toolTip().contains(name),
             qPrintable(window.runAction()->toolTip()));
    QVERIFY(!window.runAction()->toolTip().contains(QStringLiteral("compares")));
    auto* target = window.findChild<QLabel*>(QStringLiteral("runTarget"));
    QVERIFY(target);
    QCOMPARE(target->text(), window.runTargetText());

    QSignalSpy started(window.runController(), &RunController::runStarted);
    QSignalSpy finished(&window, &MainWindow::runsFinished);
    window.runAction()->trigger();
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.front().front().toInt(), preset->key());

    // The same for a new scenario and for a file opened from disk.
    ScenarioDocument* created = window.newScenario();
    QCOMPARE(keys(window.documentsToRun()), keys({created}));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    QVERIFY(saveScenarioFile(a->scenario(), path.toStdString()).empty());
    ScenarioDocument* opened = window.openFile(path);
    QVERIFY(opened);
    QCOMPARE(keys(window.documentsToRun()), keys({opened}));

    // Ticking the one on screen adds it to the comparison; back on a compared one, Run compares.
    opened->setCompared(true);
    QCOMPARE(keys(window.documentsToRun()), keys({a, b, opened}));
    window.setCurrentDocument(preset);
    QCOMPARE(keys(window.documentsToRun()), keys({preset}));
    window.setCurrentDocument(b);
    QCOMPARE(keys(window.documentsToRun()), keys({a, b, opened}));
    window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
        return QMessageBox::Discard;
    });
}

void TestMainWindowActions::testSweepThisFieldOpensTheSweep() {
    // "Sweep this field…" on a server pool's replicas opens the sweep with that path chosen, and
    // the scenarios ticked for comparison chosen in it.
    MainWindow window(m_autosave.path());
    ScenarioDocument* servers = window.openPreset(QStringLiteral("auth-api-servers.json"));
    ScenarioDocument* workers = window.openPreset(QStringLiteral("auth-api-workers.json"));
    QVERIFY(servers && workers);
    servers->setCompared(true);
    workers->setCompared(true);
    window.setCurrentDocument(servers);
    window.propertiesEditor()->setSelection({ComponentKind::Server, QStringLiteral("go-servers")});
    NumberField* replicas =
        window.propertiesEditor()->numberField(QStringLiteral("servers.replicas"));
    QVERIFY(replicas);
    QVERIFY(replicas->sweepAction()->isVisible());
    replicas->sweepAction()->trigger();
    auto* dialog = window.findChild<SweepDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->selectedField(), QStringLiteral("topology.servers[0].replicas"));
    auto* list = dialog->findChild<QListWidget*>(QStringLiteral("sweepScenarios"));
    QVERIFY(list);
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->checkState(), Qt::Checked);
    QCOMPARE(list->item(1)->checkState(), Qt::Checked);
    window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
        return QMessageBox::Discard;
    });
}

void TestMainWindowActions::testToolbarStaysStillAfterEdits() {
    MainWindow window(m_autosave.path());
    window.resize(1600, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ScenarioDocument* a = window.openPreset(QStringLiteral("mmc-queue.json"));
    QVERIFY(a);
    settle();
    QWidget* run = runButton(window);
    QVERIFY(run);
    const QRect before = run->geometry();
    QWidget* pause = panelPauseButton(window);
    QVERIFY(pause);
    const QRect pauseBefore = pause->geometry();

    // An edit with a long description: the undo text becomes "Undo Change ...".
    Scenario edited = a->scenario();
    edited.run.durationS += 10;
    a->edit(edited, QStringLiteral("Change the simulated duration of the whole run"));
    settle();
    QVERIFY(window.undoAction()->text().contains(QStringLiteral("duration")));
    QCOMPARE(run->geometry(), before);
    // The toolbar keeps its short text; the full one is in the tooltip (and the Edit menu).
    auto* bar = window.findChild<QToolBar*>(QStringLiteral("mainToolbar"));
    QAction* undo = nullptr;
    for (QAction* action : bar->actions())
        if (action->toolTip().contains(QStringLiteral("duration"))) undo = action;
    QVERIFY(undo);
    QCOMPARE(undo->text(), QStringLiteral("Undo"));
    // Undo: now Redo has the long text.
    window.undoAction()->trigger();
    settle();
    QCOMPARE(run->geometry(), before);

    // Run turns into Compare when two compared scenarios are on screen.
    ScenarioDocument* b = window.openPreset(QStringLiteral("mmc-queue.json"));
    QVERIFY(b);
    a->setCompared(true);
    b->setCompared(true);
    settle();
    QVERIFY(window.runAction()->text().contains(QStringLiteral("Compare")));
    QCOMPARE(run->geometry(), before);
    QCOMPARE(pause->geometry(), pauseBefore);
    window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
        return QMessageBox::Discard;
    });
}

void TestMainWindowActions::testWindowFitsTheScreen() {
    // On a small screen the first window is no larger than the screen, so the default dock
    // sizes are computed for the size it is shown at.
    QCOMPARE(MainWindow::defaultSize(QSize(1024, 768)), QSize(1024, 768));
    QCOMPARE(MainWindow::defaultSize(QSize(1280, 720)), QSize(1280, 720));
    QCOMPARE(MainWindow::defaultSize(QSize(2560, 1440)), QSize(1600, 950));
    MainWindow window(m_autosave.path());
    const QSize available = window.screen()->availableGeometry().size();
    QVERIFY(window.width() <= available.width() && window.height() <= available.height());
}

QTEST_MAIN(TestMainWindowActions)
#include "tst_mainwindowactions.moc"
