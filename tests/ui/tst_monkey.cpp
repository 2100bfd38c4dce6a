// SPDX-License-Identifier: GPL-3.0-or-later
// A monkey at the real window: with fixed seeds, random sequences of what a user does with mouse
// and keyboard (select a node, add every kind of component, remove, connect, type into a field and
// leave it with Tab or Enter, undo, redo, run, pause, stop, save, reopen, switch chart tab, tick a
// scenario for comparison, open a preset, close a document). After every step: nothing crashed,
// every open scenario passes the engine's validator, and saving it then reading it back gives the
// same scenario. Bounded (a few thousand steps in all) so it also runs under the sanitizers.
//
// Modal dialogs never block it: a guard timer answers file dialogs with a fresh path in a
// temporary folder and closes any other modal window, and the window's Asker answers questions.
// Every step is logged, so a failure (or a sanitizer report) shows the sequence that led to it.

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QGraphicsView>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>
#include <array>
#include <cstdio>
#include <functional>

#include "sim/scenario/scenariojson.h"
#include "ui/charts/chartspanel.h"
#include "ui/document/scenariodocument.h"
#include "ui/document/scenarioedits.h"
#include "ui/document/scenariolist.h"
#include "ui/editors/numberfield.h"
#include "ui/editors/propertieseditor.h"
#include "ui/mainwindow.h"
#include "ui/topology/nodeitem.h"
#include "ui/topology/topologyview.h"

using namespace archsim;
using namespace archsim::ui;

namespace {


constexpr std::array<quint32, 4> kSeeds{1, 2, 3, 4};
constexpr int kStepsPerSeed = 300;
constexpr int kStopTimeoutMs = 60'000;
constexpr std::size_t kMaxComponents = 12;

QString plain(QString text) {
    return text.remove(QLatin1Char('&'));
}

/// Finds the visible action whose text (without mnemonics) starts with `text`.
QAction* actionStartingWith(const QList<QAction*>& actions, const QString& text) {
    for (QAction* action : actions)
        if (action->isVisible() && plain(action->text()).startsWith(text)) return action;
    return nullptr;
}

}  // namespace

class TestMonkey : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void testRandomUserSessions_data();
    void testRandomUserSessions();

private:
    // Actions a user takes. Each returns a description for the log (empty: nothing to do).
    QString selectNode();
    QString addComponent();
    QString removeSelected();
    QString connectNodes();
    QString editField();
    QString undoOrRedo(bool undo);
    QString runAction(const QString& name);
    QString save();
    QString reopen();
    QString switchChartTab();
    QString toggleCompare();
    QString openPreset();
    QString newScenario();
    QString closeDocument();

    /// Clicks the toolbar button of `action` (the toolbar that shows it).
    bool clickAction(QToolBar* bar, QAction* action);
    /// Calls `trigger`; when the menu it opens is up, clicks the entries starting with `path`, one
    /// per level of submenu (a random entry when `path` is empty). Returns the last entry's text,
    /// or empty when there was nothing to choose.
    QString chooseFromMenu(const std::function<void()>& trigger, QStringList path);
    void clickNode(NodeItem* node);
    NodeItem* randomNode(bool componentsOnly);
    QToolBar* topologyBar() const;
    QToolBar* mainBar() const;
    void settle();
    static void log(const QString& line);
    void closeModals();
    void checkInvariants(const QString& context);

    QTemporaryDir m_autosave;
    QTemporaryDir m_files;
    MainWindow* m_window = nullptr;
    QRandomGenerator m_random;
    QTimer m_guard;
    QString m_nextOpenPath;  ///< what the guard picks in the next Open dialog
    int m_saveCount = 0;
    bool m_choosing = false;  ///< chooseFromMenu() is handling the open menu
    int m_popupTicks = 0;
    int m_dialogTicks = 0;
};

namespace {
QtMessageHandler g_previousHandler = nullptr;

/// The offscreen platform says so each time a window is raised or grabs the keyboard, thousands of
/// times over a session; Qt Test would stop printing anything after its first few thousand lines.
void dropPlatformNoise(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (type == QtWarningMsg && message.startsWith(QStringLiteral("This plugin does not support")))
        return;
    g_previousHandler(type, context, message);
}
}  // namespace

void TestMonkey::initTestCase() {
    g_previousHandler = qInstallMessageHandler(dropPlatformNoise);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_monkey"));
    QVERIFY(m_autosave.isValid());
    QVERIFY(m_files.isValid());
    m_guard.setInterval(20);
    connect(&m_guard, &QTimer::timeout, this, &TestMonkey::closeModals);
}

void TestMonkey::closeModals() {
    // A menu nobody is choosing from (opened by a stray click) would hold its event loop forever.
    if (QWidget* popup = QApplication::activePopupWidget(); popup && !m_choosing) {
        if (++m_popupTicks > 50) {
            log(QStringLiteral("  (closed a stray menu)"));
            popup->close();
        }
    } else {
        m_popupTicks = 0;
    }
    QWidget* modal = QApplication::activeModalWidget();
    if (!modal) return;
    if (auto* files = qobject_cast<QFileDialog*>(modal)) {
        // Wait until it has read its folder: it selects its suggested name once that is done.
        if (++m_dialogTicks < 3) return;
        m_dialogTicks = 0;
        QString path;
        if (files->acceptMode() == QFileDialog::AcceptSave) {
            // A new name each time: an existing one would bring up an overwrite question.
            path = m_files.filePath(QStringLiteral("saved-%1.json").arg(++m_saveCount));
        } else {
            path = m_nextOpenPath;
            m_nextOpenPath.clear();
        }
        if (path.isEmpty()) {
            files->reject();
            return;
        }
        files->selectFile(path);
        if (auto* name = files->findChild<QLineEdit*>(QStringLiteral("fileNameEdit")))
            name->setText(path);
        // Queued: accepting may ask a question in a loop of its own, which this timer (still
        // inside its own slot) could then never answer.
        QMetaObject::invokeMethod(files, "accept", Qt::QueuedConnection);
        return;
    }
    log(QStringLiteral("  (closed a modal window: %1 %2)")
            .arg(modal->windowTitle(), modal->metaObject()->className()));
    if (auto* dialog = qobject_cast<QDialog*>(modal))
        dialog->reject();
    else
        modal->close();
}

void TestMonkey::log(const QString& line) {
    // Straight to stderr: Qt Test stops printing messages after a few thousand, and after a crash
    // this is what tells which sequence caused it (ctest shows it when the test fails).
    std::fprintf(stderr, "%s\n", qPrintable(line));
    std::fflush(stderr);
}

void TestMonkey::settle() {
    // Let deferred deletions, queued signals and the views' repaints happen, as between clicks.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    QTest::qWait(1);
}

QToolBar* TestMonkey::topologyBar() const {
    return m_window->topologyView()->findChild<QToolBar*>();
}

QToolBar* TestMonkey::mainBar() const {
    return m_window->findChild<QToolBar*>(QStringLiteral("mainToolbar"));
}

bool TestMonkey::clickAction(QToolBar* bar, QAction* action) {
    if (!bar || !action) return false;
    QWidget* button = bar->widgetForAction(action);
    if (!button || !button->isVisible()) return false;
    if (!action->isEnabled()) return false;
    QTest::mouseClick(button, Qt::LeftButton, {}, button->rect().center());
    return true;
}

QString TestMonkey::chooseFromMenu(const std::function<void()>& trigger, QStringList path) {
    QString chosen;
    bool done = false;
    QMenu* previous = nullptr;
    m_choosing = true;
    // The menu runs its own event loop once shown: pick the entries from inside that loop, one
    // level of submenu at a time.
    auto* poll = new QTimer(this);
    poll->setInterval(5);
    int waited = 0;
    connect(poll, &QTimer::timeout, this, [&, poll] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (!menu || menu == previous) {
            if (++waited > 200) {
                poll->stop();
                if (menu) menu->close();
            }
            return;
        }
        waited = 0;
        QList<QAction*> candidates;
        for (QAction* action : menu->actions())
            if (action->isVisible() && action->isEnabled() && !action->isSeparator() &&
                (!action->menu() || !path.isEmpty()))
                candidates << action;
        QAction* action = nullptr;
        if (path.isEmpty()) {
            if (!candidates.isEmpty())
                action = candidates.at(m_random.bounded(static_cast<int>(candidates.size())));
        } else {
            action = actionStartingWith(candidates, path.takeFirst());
        }
        if (!action) {
            poll->stop();
            menu->close();
            return;
        }
        if (action->menu()) {
            // Hovering a submenu entry opens it; the next tick picks from it.
            previous = menu;
            QTest::mouseMove(menu, menu->actionGeometry(action).center());
            menu->setActiveAction(action);
            return;
        }
        poll->stop();
        done = true;
        chosen = plain(action->text());
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
    });
    poll->start();
    trigger();
    // A menu opened without its own loop (InstantPopup buttons return at once in some styles).
    for (int i = 0; i < 200 && poll->isActive(); ++i) QTest::qWait(5);
    poll->stop();
    poll->deleteLater();
    m_choosing = false;
    if (!done)
        while (QWidget* popup = QApplication::activePopupWidget()) popup->close();
    return chosen;
}

NodeItem* TestMonkey::randomNode(bool componentsOnly) {
    QList<NodeItem*> nodes;
    for (QGraphicsItem* item : m_window->topologyView()->scene()->items())
        if (auto* node = dynamic_cast<NodeItem*>(item))
            if (!componentsOnly || node->ref().isComponent()) nodes << node;
    if (nodes.isEmpty()) return nullptr;
    return nodes.at(m_random.bounded(static_cast<int>(nodes.size())));
}

void TestMonkey::clickNode(NodeItem* node) {
    QGraphicsView* view = m_window->topologyView()->view();
    view->ensureVisible(node, 4, 4);
    const QPoint at = view->mapFromScene(node->sceneBoundingRect().center());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
}

QString TestMonkey::selectNode() {
    if (m_random.bounded(8) == 0) {
        // A click on empty canvas clears the selection (the scenario's own settings show).
        QGraphicsView* view = m_window->topologyView()->view();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(3, 3));
        return QStringLiteral("click empty canvas");
    }
    NodeItem* node = randomNode(false);
    if (!node) return {};
    const QString id = node->ref().id;
    clickNode(node);
    return QStringLiteral("select node '%1'").arg(id);
}

QString TestMonkey::addComponent() {
    QToolBar* bar = topologyBar();
    if (!bar || !m_window->currentDocument()) return {};
    // A diagram the size of a real one; beyond it the steps only get slower, not more telling.
    if (allComponents(m_window->currentDocument()->scenario()).size() >= kMaxComponents) return {};
    QToolButton* add = nullptr;
    for (auto* button : bar->findChildren<QToolButton*>())
        if (plain(button->text()) == QStringLiteral("Add")) add = button;
    if (!add) return {};
    const QString chosen = chooseFromMenu(
        [add] { QTest::mouseClick(add, Qt::LeftButton, {}, add->rect().center()); }, {});
    return chosen.isEmpty() ? QString() : QStringLiteral("add %1").arg(chosen);
}

QString TestMonkey::removeSelected() {
    QToolBar* bar = topologyBar();
    if (!bar) return {};
    const QString id = m_window->topologyView()->selection().id;
    if (!clickAction(bar, actionStartingWith(bar->actions(), QStringLiteral("Remove")))) return {};
    return QStringLiteral("remove '%1'").arg(id);
}

QString TestMonkey::connectNodes() {
    QToolBar* bar = topologyBar();
    NodeItem* from = randomNode(false);
    if (!bar || !from) return {};
    const ComponentRef source = from->ref();
    if (m_random.bounded(2) == 0) {
        // The other way a user connects: the node's "Connect To" menu. Half the connections take
        // it; the other half press Connect and click the target, the sequence that once crashed
        // the window when the diagram was rebuilt under the click.
        NodeItem* to = randomNode(true);
        if (!to || to == from) return {};
        const QString target = to->ref().id;
        QGraphicsView* view = m_window->topologyView()->view();
        view->ensureVisible(from, 4, 4);
        const QPoint at = view->mapFromScene(from->sceneBoundingRect().center());
        log(QStringLiteral("  right-click '%1', Connect To '%2'").arg(source.id, target));
        const QString chosen = chooseFromMenu(
            [view, at] {
                QContextMenuEvent event(QContextMenuEvent::Mouse, at,
                                        view->viewport()->mapToGlobal(at));
                QApplication::sendEvent(view->viewport(), &event);
            },
            QStringList{QStringLiteral("Connect To"), target});
        return chosen.isEmpty()
                   ? QString()
                   : QStringLiteral("Connect To menu '%1' -> '%2'").arg(source.id, target);
    }
    // Logged before the clicks, so a crash in the middle still shows what was being done.
    log(QStringLiteral("  connect from '%1' (%2)").arg(source.id, kindLabel(source.kind)));
    clickNode(from);
    settle();
    if (!clickAction(bar, actionStartingWith(bar->actions(), QStringLiteral("Connect")))) return {};
    settle();
    NodeItem* to = randomNode(true);
    if (!to) return QStringLiteral("connect '%1' to nothing").arg(source.id);
    const QString target = to->ref().id;
    log(QStringLiteral("  ... to '%1' (%2)").arg(target, kindLabel(to->ref().kind)));
    clickNode(to);
    return QStringLiteral("connect '%1' -> '%2'").arg(source.id, target);
}

QString TestMonkey::editField() {
    PropertiesEditor* editor = m_window->propertiesEditor();
    QList<QLineEdit*> edits;
    for (QLineEdit* edit : editor->findChildren<QLineEdit*>())
        if (edit->isVisibleTo(editor) && edit->isEnabled() && !edit->isReadOnly()) edits << edit;
    if (edits.isEmpty()) return {};
    QPointer<QLineEdit> edit = edits.at(m_random.bounded(static_cast<int>(edits.size())));
    const bool number = qobject_cast<NumberField*>(edit->parentWidget()) != nullptr;
    QString text;
    if (number) {
        bool ok = false;
        const double current = edit->text().toDouble(&ok);
        const QStringList odd{QStringLiteral("abc"),
                              QStringLiteral("-1"),
                              QStringLiteral("0"),
                              QStringLiteral("1e13"),
                              QString(),
                              QStringLiteral("3")};
        switch (m_random.bounded(4)) {
            case 0:
                text = odd.at(m_random.bounded(static_cast<int>(odd.size())));
                break;
            case 1:
                text = QString::number(ok ? current * 2 : 2);
                break;
            case 2:
                text = QString::number(ok ? current / 2 : 0.5);
                break;
            default:
                text = QString::number(m_random.bounded(1, 200));
                break;
        }
    } else {
        text =
            m_random.bounded(5) == 0 ? QString() : QStringLiteral("m%1").arg(m_random.bounded(50));
    }
    const QString name = !edit->objectName().isEmpty() ? edit->objectName()
                         : number                      ? edit->parentWidget()->objectName()
                                                       : edit->placeholderText();
    QTest::mouseClick(edit, Qt::LeftButton, {}, edit->rect().center());
    if (!edit) return QStringLiteral("click field '%1'").arg(name);
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    if (!text.isEmpty()) QTest::keyClicks(edit, text);
    const bool tab = m_random.bounded(2) == 0;
    if (edit) QTest::keyClick(edit, tab ? Qt::Key_Tab : Qt::Key_Return);
    return QStringLiteral("type '%1' into %2 + %3")
        .arg(text, name.isEmpty() ? QStringLiteral("a field") : name,
             tab ? QStringLiteral("Tab") : QStringLiteral("Enter"));
}

QString TestMonkey::undoOrRedo(bool undo) {
    QToolBar* bar = mainBar();
    const QString name = undo ? QStringLiteral("Undo") : QStringLiteral("Redo");
    if (!clickAction(bar, actionStartingWith(bar->actions(), name))) return {};
    return name;
}

QString TestMonkey::runAction(const QString& name) {
    QAction* action = name == QStringLiteral("Run")     ? m_window->runAction()
                      : name == QStringLiteral("Pause") ? m_window->pauseAction()
                                                        : m_window->stopAction();
    if (!clickAction(mainBar(), action)) return {};
    return name;
}

QString TestMonkey::save() {
    ScenarioDocument* document = m_window->currentDocument();
    if (!document) return {};
    QPointer<ScenarioDocument> guard(document);
    if (!clickAction(mainBar(), actionStartingWith(mainBar()->actions(), QStringLiteral("Save"))))
        return {};
    settle();
    if (!guard) return QStringLiteral("Save (document gone)");
    if (document->isModified() || document->filePath().isEmpty())
        return QStringLiteral("Save (not saved)");
    // What is on disk is what is on screen.
    ValidationReport report;
    const auto reread = loadScenarioFile(document->filePath().toStdString(), report);
    [&] {
        QVERIFY2(reread, qPrintable(QString::fromStdString(report.toString())));
        QCOMPARE(canonicalText(*reread), canonicalText(document->scenario()));
    }();
    return QStringLiteral("Save to %1").arg(QFileInfo(document->filePath()).fileName());
}

QString TestMonkey::closeDocument() {
    ScenarioDocument* document = m_window->currentDocument();
    if (!document) return {};
    QListWidget* list = m_window->scenarioList()->list();
    QListWidgetItem* item = list->currentItem();
    if (!item) return {};
    const QPoint at = list->visualItemRect(item).center();
    const QString name = document->displayName();
    const QString chosen = chooseFromMenu(
        [list, at] {
            // What a right click on the row delivers (QTest's mouse clicks make no such event).
            QContextMenuEvent event(QContextMenuEvent::Mouse, at,
                                    list->viewport()->mapToGlobal(at));
            QApplication::sendEvent(list->viewport(), &event);
        },
        QStringList{QStringLiteral("Close")});
    return chosen.isEmpty() ? QString() : QStringLiteral("close '%1'").arg(name);
}

QString TestMonkey::reopen() {
    ScenarioDocument* document = m_window->currentDocument();
    if (!document || document->isModified() || document->filePath().isEmpty()) return {};
    const QString path = document->filePath();
    const QString before = canonicalText(document->scenario());
    if (closeDocument().isEmpty()) return {};
    settle();
    m_nextOpenPath = path;
    if (!clickAction(mainBar(), actionStartingWith(mainBar()->actions(), QStringLiteral("Open"))))
        return {};
    settle();
    ScenarioDocument* reopened = m_window->currentDocument();
    [&] {
        QVERIFY2(reopened && reopened->filePath() == QFileInfo(path).absoluteFilePath(),
                 qPrintable(QStringLiteral("%1 did not reopen: %2")
                                .arg(path, m_window->lastLoadErrors().join('\n'))));
        QCOMPARE(canonicalText(reopened->scenario()), before);
    }();
    return QStringLiteral("reopen %1").arg(QFileInfo(path).fileName());
}

QString TestMonkey::switchChartTab() {
    QTabBar* tabs = m_window->chartsPanel()->tabBar();
    if (tabs->count() == 0) return {};
    const int index = m_random.bounded(tabs->count());
    QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(index).center());
    return QStringLiteral("chart tab %1").arg(plain(tabs->tabText(index)));
}

QString TestMonkey::toggleCompare() {
    QListWidget* list = m_window->scenarioList()->list();
    if (list->count() == 0) return {};
    QListWidgetItem* item = list->item(m_random.bounded(list->count()));
    // Click the row (it becomes the current scenario), then Space ticks or unticks it.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());
    settle();
    QTest::keyClick(list, Qt::Key_Space);
    return QStringLiteral("tick/untick '%1'").arg(item->text());
}

QString TestMonkey::openPreset() {
    if (m_window->documents().size() >= 5) return {};
    QToolBar* bar = mainBar();
    QToolButton* presets = nullptr;
    for (auto* button : bar->findChildren<QToolButton*>())
        if (plain(button->text()) == QStringLiteral("Presets")) presets = button;
    if (!presets) return {};
    const QString chosen = chooseFromMenu(
        [presets] { QTest::mouseClick(presets, Qt::LeftButton, {}, presets->rect().center()); },
        {});
    return chosen.isEmpty() ? QString() : QStringLiteral("open preset %1").arg(chosen);
}

QString TestMonkey::newScenario() {
    if (m_window->documents().size() >= 5) return {};
    if (!clickAction(mainBar(), actionStartingWith(mainBar()->actions(), QStringLiteral("New"))))
        return {};
    return QStringLiteral("New");
}

void TestMonkey::checkInvariants(const QString& context) {
    for (ScenarioDocument* document : m_window->documents()) {
        const Scenario& scenario = document->scenario();
        const QStringList problems = document->validate(scenario);
        QVERIFY2(problems.isEmpty(), qPrintable(context + QStringLiteral(": invalid scenario: ") +
                                                problems.join('\n')));
        // Save then read back (against the document's folder, as its file would be read).
        const std::string text = scenarioToText(scenario);
        ValidationReport report;
        const auto reread = scenarioFromText(text, report, document->baseDirectory().toStdString());
        QVERIFY2(reread, qPrintable(context + QStringLiteral(": saved text does not load: ") +
                                    QString::fromStdString(report.toString())));
        QVERIFY2(canonicalText(*reread) == canonicalText(scenario),
                 qPrintable(context + QStringLiteral(": reload differs")));
        QCOMPARE(scenarioToText(*reread), text);
    }
    // The diagram shows the current scenario: every component has its node.
    if (ScenarioDocument* current = m_window->currentDocument())
        for (const ComponentRef& ref : allComponents(current->scenario()))
            QVERIFY2(m_window->topologyView()->nodeItem(ref),
                     qPrintable(context + QStringLiteral(": no node for ") + ref.id));
}

void TestMonkey::testRandomUserSessions_data() {
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : kSeeds)
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
}

void TestMonkey::testRandomUserSessions() {
    QFETCH(quint32, seed);
    m_random.seed(seed);
    QSettings().clear();
    // File dialogs start in the temporary folder, so even a suggested name lands there.
    QSettings().setValue(QStringLiteral("lastDirectory"), m_files.path());
    MainWindow window(m_autosave.path());
    m_window = &window;
    // Questions (unsaved changes, recovery) get an answer that never blocks and loses nothing
    // the monkey needs: unsaved changes are discarded when it closes a document.
    window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons buttons) {
        return buttons.testFlag(QMessageBox::Discard) ? QMessageBox::Discard : QMessageBox::No;
    });
    // 1000x: runs still finish now and then (and re-run after edits), but a paced run leaves the
    // window the CPU a user's machine would; as fast as possible they starve it on a busy host.
    window.setSpeedIndex(3);
    window.resize(1280, 800);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    m_guard.start();
    QVERIFY(window.openPreset(QStringLiteral("mmc-queue.json")));

    using Action = std::function<QString()>;
    // Weights: the structural edits and field typing most often, files and closing less.
    const std::vector<std::pair<int, Action>> actions{
        {8, [this] { return selectNode(); }},
        {5, [this] { return addComponent(); }},
        {3, [this] { return removeSelected(); }},
        {5, [this] { return connectNodes(); }},
        {10, [this] { return editField(); }},
        {4, [this] { return undoOrRedo(true); }},
        {2, [this] { return undoOrRedo(false); }},
        {2, [this] { return runAction(QStringLiteral("Run")); }},
        {1, [this] { return runAction(QStringLiteral("Pause")); }},
        {2, [this] { return runAction(QStringLiteral("Stop")); }},
        {1, [this] { return save(); }},
        {1, [this] { return reopen(); }},
        {2, [this] { return switchChartTab(); }},
        {2, [this] { return toggleCompare(); }},
        {1, [this] { return openPreset(); }},
        {1, [this] { return newScenario(); }},
        {1, [this] { return closeDocument(); }},
    };
    int total = 0;
    for (const auto& [weight, action] : actions) total += weight;

    QElapsedTimer stepTimer;
    stepTimer.start();
    std::pair<qint64, QString> slowest{0, {}};
    QElapsedTimer seedTimer;
    seedTimer.start();
    for (int step = 0; step < kStepsPerSeed; ++step) {
        if (window.documents().empty())
            QVERIFY(window.openPreset(QStringLiteral("mmc-queue.json")));
        int pick = m_random.bounded(total);
        const Action* chosen = nullptr;
        for (const auto& [weight, action] : actions) {
            if (pick < weight) {
                chosen = &action;
                break;
            }
            pick -= weight;
        }
        const QString done = (*chosen)();
        if (QTest::currentTestFailed()) break;
        settle();
        if (done.isEmpty()) continue;
        const QString context =
            QStringLiteral("seed %1 step %2 (%3)").arg(seed).arg(step).arg(done);
        log(context);
        const qint64 took = stepTimer.restart();
        if (took > slowest.first) slowest = {took, context};
        checkInvariants(context);
        if (QTest::currentTestFailed()) break;
    }
    std::fprintf(stderr, "seed %u: %d steps in %lld ms, slowest %lld ms: %s\n", seed, kStepsPerSeed,
                 static_cast<long long>(seedTimer.elapsed()), static_cast<long long>(slowest.first),
                 qPrintable(slowest.second));

    // Wind down: stop what runs, then close everything without a question left open.
    window.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), kStopTimeoutMs);
    for (ScenarioDocument* document : std::vector<ScenarioDocument*>(window.documents()))
        QVERIFY(window.closeDocument(document));
    m_guard.stop();
    m_window = nullptr;
}

QTEST_MAIN(TestMonkey)
#include "tst_monkey.moc"
