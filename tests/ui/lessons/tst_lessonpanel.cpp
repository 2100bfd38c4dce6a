// SPDX-License-Identifier: GPL-3.0-or-later
// The lesson panel drives the window: every bundled lesson is stepped through end to end (runs
// shortened), and at each step the window shows what the step says (its scenarios, ticked for
// comparison, the scenario on screen, the chart tab, the speed), predictions are checked against
// the run and revealed; Next, Back, Restart and their keys; edited documents survive a step.

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/charts/chartspanel.h"
#include "ui/charts/chartwidget.h"
#include "ui/document/scenariodocument.h"
#include "ui/lessons/lessonpanel.h"
#include "ui/mainwindow.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

constexpr int kRunTimeoutMs = 120'000;

/// Short runs: the lesson's logic, not its figures, is under test here (tst_lessonclaims checks
/// the figures at full length).
void shorten(Scenario& s) {
    s.run.durationS = std::min(s.run.durationS, s.run.warmupS + 20);
    s.run.windowS = std::min(s.run.windowS, 5.0);
}

QString name(const ScenarioDocument* document) {
    return QString::fromStdString(document->scenario().name);
}

}  // namespace

class TestLessonPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void testEveryLessonLoads();
    void testEveryLessonStepsEndToEnd_data();
    void testEveryLessonStepsEndToEnd();
    void testNextBackRestartAndKeys();
    void testWrongGuessIsRevealedAsWrong();
    void testEditedDocumentSurvivesTheNextStep();
    void testLessonReplacesBundledPresetsOnly();
    void testHelpMenuOpensThePanel();

private:
    QTemporaryDir m_autosave;
};

void TestLessonPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_lessonpanel"));
    QVERIFY(m_autosave.isValid());
}

void TestLessonPanel::init() {
    QSettings().clear();
}

void TestLessonPanel::testEveryLessonLoads() {
    MainWindow window(m_autosave.path());
    LessonPanel* panel = window.lessonPanel();
    QVERIFY(panel);
    QVERIFY2(panel->problems().isEmpty(), qPrintable(panel->problems().join('\n')));
    QVERIFY(panel->lessons().size() >= 6);
}

void TestLessonPanel::testEveryLessonStepsEndToEnd_data() {
    QTest::addColumn<QString>("id");
    MainWindow window(m_autosave.path());
    for (const Lesson& lesson : window.lessonPanel()->lessons())
        QTest::newRow(lesson.id.c_str()) << QString::fromStdString(lesson.id);
}

void TestLessonPanel::testEveryLessonStepsEndToEnd() {
    QFETCH(QString, id);
    MainWindow window(m_autosave.path());
    window.resize(1280, 800);
    window.show();
    LessonPanel* panel = window.lessonPanel();
    panel->setScenarioAdjust(shorten);
    window.showLessons();
    QVERIFY(window.lessonDock()->isVisible());
    QSignalSpy revealed(panel, &LessonPanel::revealed);
    QSignalSpy finished(&window, &MainWindow::runsFinished);
    QVERIFY(panel->startLesson(id));
    const Lesson& lesson = *panel->lesson();
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        const LessonStep& step = lesson.steps[i];
        const QString where = QStringLiteral("%1 step %2").arg(id).arg(i + 1);
        QCOMPARE(panel->stepIndex(), static_cast<int>(i));
        QVERIFY2(panel->progressText().startsWith(
                     QStringLiteral("Step %1 of %2").arg(i + 1).arg(lesson.steps.size())),
                 qPrintable(panel->progressText()));

        // The window shows the step's scenarios, ticked when two or more, the right one current.
        const LessonStep* shown = lesson.scenarioStep(i);
        const auto documents = panel->stepDocuments();
        QCOMPARE(documents.size(), shown->scenarios.size());
        for (std::size_t d = 0; d < documents.size(); ++d) {
            const LessonScenario& item = shown->scenarios[d];
            if (!item.name.empty()) QCOMPARE(name(documents[d]), QString::fromStdString(item.name));
            QCOMPARE(documents[d]->presetSource(),
                     QStringLiteral(":/presets/") + QString::fromStdString(item.preset));
            QCOMPARE(documents[d]->isCompared(), documents.size() >= 2);
        }
        QCOMPARE(window.currentDocument(), documents[std::min(step.current, documents.size() - 1)]);
        // Only the lesson's documents are open: earlier steps' were closed.
        QCOMPARE(window.documents().size(), documents.size());
        if (!step.chart.empty()) {
            ChartWidget* chart = window.chartsPanel()->chartById(step.chart);
            QVERIFY2(chart, step.chart.c_str());
            QCOMPARE(window.chartsPanel()->currentWidget(), chart);
        }
        // A step's own replications, else the reader's (1 here).
        QCOMPARE(window.replications(), step.replications > 0 ? step.replications : 1);

        if (step.predict) {
            QVERIFY(window.findChild<QWidget*>(QStringLiteral("lessonPrediction"))->isVisible());
            QCOMPARE(panel->runButton()->text(), QStringLiteral("Run and check"));
            if (step.predict->choices.empty())
                panel->guess(1);
            else
                panel->choose(0);
            window.setSpeedIndex(4);
            revealed.clear();
            panel->runStep();
            QVERIFY2(revealed.wait(kRunTimeoutMs) || !revealed.isEmpty(), qPrintable(where));
            QVERIFY(panel->verdict() != LessonPanel::Verdict::None);
            QCOMPARE(revealed.front().front().toBool(),
                     panel->verdict() == LessonPanel::Verdict::Right);
            QVERIFY2(std::isfinite(panel->measured()), qPrintable(where));
            if (!step.predict->choices.empty()) {
                // The answer is the choice the measured figure falls in, and it is said.
                QVERIFY(panel->rightChoice() >= 0);
                QVERIFY(
                    step.predict->choices[static_cast<std::size_t>(panel->rightChoice())].contains(
                        panel->measured()));
                QCOMPARE(panel->verdict() == LessonPanel::Verdict::Right,
                         panel->rightChoice() == 0);
            }
            auto* reveal = window.findChild<QLabel*>(QStringLiteral("lessonReveal"));
            QVERIFY(reveal->isVisible());
            QVERIFY2(reveal->text().contains(QStringLiteral("The run measured")),
                     qPrintable(reveal->text()));
        } else if (step.run) {
            // The step ran on its own; wait for it before going on.
            QVERIFY2(window.isRunning() || !finished.isEmpty(), qPrintable(where));
            if (window.isRunning()) QVERIFY2(finished.wait(kRunTimeoutMs), qPrintable(where));
        }
        auto* takeaway = window.findChild<QLabel*>(QStringLiteral("lessonTakeaway"));
        QCOMPARE(takeaway->isVisible(), !step.takeaway.empty());
        finished.clear();
        if (i + 1 < lesson.steps.size()) {
            QVERIFY(panel->nextButton()->isEnabled());
            panel->nextButton()->click();
        } else {
            QVERIFY(!panel->nextButton()->isEnabled());
        }
    }
    window.stop();
}

void TestLessonPanel::testNextBackRestartAndKeys() {
    MainWindow window(m_autosave.path());
    window.show();
    LessonPanel* panel = window.lessonPanel();
    panel->setScenarioAdjust(shorten);
    window.showLessons();
    QVERIFY(panel->startLesson(QStringLiteral("01-motivating-migration")));
    QVERIFY(!panel->backButton()->isEnabled());
    QCOMPARE(panel->stepIndex(), 0);
    panel->next();
    QCOMPARE(panel->stepIndex(), 1);
    QCOMPARE(panel->stepDocuments().size(), std::size_t{1});
    QCOMPARE(window.documents().size(), std::size_t{1});
    panel->back();
    QCOMPARE(panel->stepIndex(), 0);
    QCOMPARE(panel->stepDocuments().size(), std::size_t{2});

    // The keys work wherever the focus is in the window.
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.chartsPanel()->setFocus();
    QTest::keyClick(&window, Qt::Key_PageDown);
    QCOMPARE(panel->stepIndex(), 1);
    QTest::keyClick(&window, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(panel->stepIndex(), 2);
    QTest::keyClick(&window, Qt::Key_PageUp);
    QCOMPARE(panel->stepIndex(), 1);
    QTest::keyClick(&window, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(panel->stepIndex(), 0);

    panel->goToStep(4);
    ScenarioDocument* before = panel->stepDocuments().front();
    panel->restartButton()->click();
    QCOMPARE(panel->stepIndex(), 0);
    QCOMPARE(window.documents().size(), std::size_t{2});
    QVERIFY(!window.documents().empty() && window.documents().front() != before);
    // The last step has no Next.
    panel->goToStep(static_cast<int>(panel->lesson()->steps.size()) - 1);
    QVERIFY(!panel->nextButton()->isEnabled());
    QVERIFY(!panel->nextAction()->isEnabled());
    window.stop();
}

void TestLessonPanel::testWrongGuessIsRevealedAsWrong() {
    MainWindow window(m_autosave.path());
    LessonPanel* panel = window.lessonPanel();
    panel->setScenarioAdjust(shorten);
    QVERIFY(panel->startLesson(QStringLiteral("03-cold-starts")));
    const int numeric = 1;  // the cold-start fraction at 20 requests/s: a number to guess
    panel->goToStep(numeric);
    QVERIFY(panel->step()->predict && panel->step()->predict->choices.empty());
    panel->guess(90);
    QSignalSpy revealed(panel, &LessonPanel::revealed);
    window.setSpeedIndex(4);
    panel->runStep();
    QVERIFY(revealed.wait(kRunTimeoutMs));
    QCOMPARE(revealed.front().front().toBool(), false);
    QCOMPARE(panel->verdict(), LessonPanel::Verdict::Wrong);
    QVERIFY2(panel->revealText().startsWith(QStringLiteral("**Not quite.**")),
             qPrintable(panel->revealText()));
    // A guess within the tolerance of what was measured counts as right.
    panel->goToStep(numeric);
    QVERIFY(std::isnan(panel->measured()));
    panel->guess(1);
    revealed.clear();
    panel->runStep();
    QVERIFY(revealed.wait(kRunTimeoutMs));
    const double measured = panel->measured();
    panel->goToStep(numeric);
    panel->guess(measured * 1.1);
    revealed.clear();
    panel->runStep();
    QVERIFY(revealed.wait(kRunTimeoutMs));
    QCOMPARE(panel->verdict(), LessonPanel::Verdict::Right);
}

void TestLessonPanel::testEditedDocumentSurvivesTheNextStep() {
    MainWindow window(m_autosave.path());
    LessonPanel* panel = window.lessonPanel();
    QVERIFY(panel->startLesson(QStringLiteral("01-motivating-migration")));
    ScenarioDocument* edited = panel->stepDocuments().front();
    Scenario changed = edited->scenario();
    changed.workload.ratePerS = 50;
    edited->edit(changed, QStringLiteral("Rate"));
    panel->next();
    // Still open, no longer ticked, and not one of the step's documents.
    const auto& open = window.documents();
    QVERIFY(std::find(open.begin(), open.end(), edited) != open.end());
    QVERIFY(!edited->isCompared());
    QCOMPARE(edited->scenario().workload.ratePerS, 50.0);
    QCOMPARE(panel->stepDocuments().size(), std::size_t{1});
    QVERIFY(panel->stepDocuments().front() != edited);
}

void TestLessonPanel::testLessonReplacesBundledPresetsOnly() {
    MainWindow window(m_autosave.path());
    ScenarioDocument* bundled = window.openPreset(QStringLiteral("mmc-queue.json"));
    ScenarioDocument* mine = window.newScenario();
    mine->setCompared(true);
    QPointer<ScenarioDocument> gone(bundled);
    QVERIFY(window.lessonPanel()->startLesson(QStringLiteral("03-cold-starts")));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    // The unedited preset went; the user's own scenario stayed, unticked.
    QVERIFY(!gone);
    const auto& open = window.documents();
    QVERIFY(std::find(open.begin(), open.end(), mine) != open.end());
    QVERIFY(!mine->isCompared());
    QCOMPARE(open.size(), std::size_t{2});
}

void TestLessonPanel::testHelpMenuOpensThePanel() {
    MainWindow window(m_autosave.path());
    window.show();
    QVERIFY(!window.lessonDock()->isVisible());
    auto* action = window.findChild<QAction*>(QStringLiteral("lessonsAction"));
    QVERIFY(action);
    action->trigger();
    QVERIFY(window.lessonDock()->isVisible());
}

QTEST_MAIN(TestLessonPanel)
#include "tst_lessonpanel.moc"
