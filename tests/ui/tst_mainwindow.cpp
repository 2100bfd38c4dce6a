// SPDX-License-Identifier: GPL-3.0-or-later
// The main window end to end, offscreen: open a preset, run it and see every chart fill, pause and
// stop, undo an edit exactly, refuse an invalid value, save and reopen, survive a broken file,
// recover autosaved work after a crash.

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "ui/charts/breakdownchart.h"
#include "ui/charts/cachedatabasechart.h"
#include "ui/charts/capacitychart.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/costchart.h"
#include "ui/charts/distributionchart.h"
#include "ui/charts/percentilechart.h"
#include "ui/charts/summarytable.h"
#include "ui/charts/windowserieschart.h"
#include "ui/document/scenariodocument.h"
#include "ui/document/scenarioedits.h"
#include "ui/editors/numberfield.h"
#include "ui/editors/propertieseditor.h"
#include "ui/editors/workloadeditor.h"
#include "ui/mainwindow.h"
#include "ui/run/runcontroller.h"
#include "ui/topology/nodeitem.h"
#include "ui/topology/topologyview.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

constexpr int kRunTimeoutMs = 120'000;

// Types text into a field and leaves it, as a user does.
void enter(NumberField* field, const QString& text) {
    QVERIFY(field);
    field->lineEdit()->setText(text);
    emit field->lineEdit()->editingFinished();
}

MainWindow::Asker answer(QMessageBox::StandardButton button) {
    return
        [button](const QString&, const QString&, QMessageBox::StandardButtons) { return button; };
}

QString presetWithCost() {
    // The motivating preset when bundled; any priced preset otherwise.
    const QStringList presets = MainWindow::presetPaths();
    if (presets.contains(QStringLiteral(":/presets/auth-api-workers.json")))
        return QStringLiteral(":/presets/auth-api-workers.json");
    return presets.value(0);
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void testPresetsAreBundled();
    void testRunFillsEveryChart();
    void testCompareRunsSideBySide();
    void testPauseAndStopTakeEffect();
    void testOverloadedRunSaysWhy();
    void testEditThenUndoRestoresExactly();
    void testTopologyEditsAreUndoable();
    void testInvalidValueIsRefusedWithMessage();
    void testSaveThenReopenGivesSameScenario();
    void testBrokenFileShowsErrorsAndKeepsWork();
    void testAutosaveRecoveryRestoresUnsavedEdits();
    void testRecoveringOneAutosaveKeepsTheOthers();
    void testTraceScenarioEditsAreAccepted();
    void testWhatIfRerunsAfterEdit();
    void testDropOpensFileAndRemembersIt();
    void testEveryEditOfEveryPresetUndoesCleanly();

private:
    QTemporaryDir m_autosave;
};

void TestMainWindow::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QVERIFY(m_autosave.isValid());
}

void TestMainWindow::init() {
    // Every test starts from default settings and an empty autosave folder.
    QSettings().clear();
    QDir(m_autosave.path()).removeRecursively();
    QDir().mkpath(m_autosave.path());
}

void TestMainWindow::testPresetsAreBundled() {
    const QStringList presets = MainWindow::presetPaths();
    QVERIFY2(presets.contains(QStringLiteral(":/presets/mmc-queue.json")),
             qPrintable(presets.join(QLatin1Char(','))));
    // Every bundled preset opens without a problem.
    MainWindow window(m_autosave.path());
    for (const QString& preset : presets) {
        QVERIFY2(window.openPreset(preset),
                 qPrintable(preset + ": " + window.lastLoadErrors().join('\n')));
    }
}

void TestMainWindow::testRunFillsEveryChart() {
    MainWindow window(m_autosave.path());
    window.setSpeedIndex(4);
    ScenarioDocument* document = window.openPreset(presetWithCost());
    QVERIFY(document);
    const int key = document->key();
    QSignalSpy finished(&window, &MainWindow::runsFinished);
    QSignalSpy windows(window.runController(), &RunController::windowsAvailable);
    QSignalSpy results(window.runController(), &RunController::runFinished);
    window.startRun();
    QVERIFY(window.isRunning());
    QVERIFY2(finished.wait(kRunTimeoutMs), "the run did not finish");
    QVERIFY(!window.isRunning());
    QVERIFY(windows.count() > 0);
    QCOMPARE(window.progressBar()->value(), window.progressBar()->maximum());

    ChartsPanel* charts = window.chartsPanel();
    QCPGraph* p99 = charts->percentileChart()->graph(key, PercentileChart::Percentile::P99);
    QVERIFY2(p99 && p99->dataCount() > 0, "no percentiles over time");
    QVERIFY2(charts->distributionChart()->spectrumGraph(key)->dataCount() > 0,
             "no latency distribution");
    double breakdown = 0;
    for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
        breakdown += charts->breakdownChart()->valueMs(key, static_cast<TimeCategory>(c));
    QVERIFY2(breakdown > 0, "no time breakdown");
    QVERIFY2(charts->capacityChart()->graph(key, 0)->dataCount() > 0, "no capacity series");
    QVERIFY2(charts->cacheDatabaseChart()->graph(key, 0)->dataCount() > 0,
             "no cache/database series");
    QVERIFY2(charts->summaryTable()->value(key, SummaryTable::Row::P99) > 0, "no summary");
    // The cost bars, when the run was priced (the controller supplies the price list).
    QCOMPARE(results.count(), 1);
    const auto result = results.front().at(1).value<std::shared_ptr<const RunResult>>();
    QVERIFY(result);
    if (result->cost) {
        charts->setCurrentWidget(charts->costChart());
        charts->costChart()->plot()->replot();
        QVERIFY2(charts->costChart()->monthlyBars(key)->data()->size() > 0, "no cost bars");
    }
    // Live badges on the topology come from the component gauges.
    bool badge = false;
    for (const ComponentRef& ref : allComponents(document->scenario()))
        if (NodeItem* node = window.topologyView()->nodeItem(ref))
            badge = badge || !node->badgeText().isEmpty();
    QVERIFY2(badge, "no live badge on any topology node");
}

void TestMainWindow::testCompareRunsSideBySide() {
    MainWindow window(m_autosave.path());
    window.setSpeedIndex(4);
    ScenarioDocument* a = window.openPreset(QStringLiteral("mmc-queue.json"));
    ScenarioDocument* b = window.openPreset(QStringLiteral("mmc-queue.json"));
    QVERIFY(a && b);
    a->setCompared(true);
    b->setCompared(true);
    QCOMPARE(window.documentsToRun().size(), std::size_t{2});
    QSignalSpy finished(&window, &MainWindow::runsFinished);
    window.startRun();
    QVERIFY(finished.wait(kRunTimeoutMs));
    for (ScenarioDocument* document : {a, b}) {
        QCPGraph* graph = window.chartsPanel()->percentileChart()->graph(
            document->key(), PercentileChart::Percentile::P99);
        QVERIFY(graph && graph->dataCount() > 0);
    }
    // Same scenario, same seed: the comparison is exact.
    QCOMPARE(window.chartsPanel()->summaryTable()->value(a->key(), SummaryTable::Row::P99),
             window.chartsPanel()->summaryTable()->value(b->key(), SummaryTable::Row::P99));
}

void TestMainWindow::testOverloadedRunSaysWhy() {
    // One worker of 1 s against 1,000 requests/s passes maxInFlight within a simulated second.
    // The window once said only "overloaded", leaving the user to guess which limit was hit.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("overload.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"formatVersion": 1, "name": "overload",
        "run": {"durationS": 600, "windowS": 10, "maxInFlight": 500},
        "workload": {"type": "poisson", "ratePerS": 1000},
        "topology": {"entry": "srv", "servers": [{"id": "srv", "replicas": 1,
            "workersPerReplica": 1, "queueCapacity": 100000, "handler": [{"cpu": 1000}]}]}})");
    file.close();
    MainWindow window(m_autosave.path());
    window.setSpeedIndex(4);
    QVERIFY2(window.openFile(path), qPrintable(window.lastLoadErrors().join('\n')));
    QSignalSpy finished(&window, &MainWindow::runsFinished);
    window.startRun();
    QVERIFY2(finished.wait(kRunTimeoutMs), "the run did not finish");
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("overloaded: ")) &&
                 message.contains(QStringLiteral("maxInFlight")),
             qPrintable(message));
}

void TestMainWindow::testPauseAndStopTakeEffect() {
    MainWindow window(m_autosave.path());
    ScenarioDocument* document = window.openPreset(QStringLiteral("mmc-queue.json"));
    QVERIFY(document);
    window.setSpeedIndex(2);  // 100x: an hour of simulated time takes 36 s, time enough to pause
    QSignalSpy progress(window.runController(), &RunController::progressChanged);
    window.startRun();
    QVERIFY(progress.wait(10'000));
    window.setPaused(true);
    QVERIFY(window.runController()->isPaused());
    QVERIFY(window.pauseAction()->isChecked());
    // Batches published before the pause may still arrive; wait until the run falls silent.
    for (int quiet = 0; quiet < 20; ++quiet) {
        progress.clear();
        QTest::qWait(300);
        if (progress.isEmpty()) break;
    }
    QVERIFY2(progress.isEmpty(), "a paused run kept reporting progress");
    const QString clock = window.clockLabel()->text();
    const int value = window.progressBar()->value();
    QTest::qWait(700);
    QCOMPARE(window.clockLabel()->text(), clock);
    QCOMPARE(window.progressBar()->value(), value);

    // Step advances a paused run by one window.
    window.step();
    // Generous: a loaded machine (tests run in parallel) may take seconds to deliver the step.
    QTRY_VERIFY_WITH_TIMEOUT(window.clockLabel()->text() != clock, 30000);
    QVERIFY(window.runController()->isPaused());

    QSignalSpy finished(&window, &MainWindow::runsFinished);
    window.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 10'000);
    QCOMPARE(window.progressBar()->value(), 0);
}

void TestMainWindow::testEditThenUndoRestoresExactly() {
    MainWindow window(m_autosave.path());
    ScenarioDocument* document = window.openPreset(QStringLiteral("mmc-queue.json"));
    QVERIFY(document);
    const QString before = canonicalText(document->scenario());
    QVERIFY(!document->isModified());

    PropertiesEditor* editor = window.propertiesEditor();
    editor->setSelection({});
    enter(editor->numberField(QStringLiteral("run.durationS")), QStringLiteral("1800"));
    QCOMPARE(document->scenario().run.durationS, 1800.0);
    QVERIFY(document->isModified());
    QVERIFY(window.isWindowModified());

    window.undoGroup()->undo();
    QCOMPARE(canonicalText(document->scenario()), before);
    QVERIFY(!document->isModified());
    window.undoGroup()->redo();
    QCOMPARE(document->scenario().run.durationS, 1800.0);
}

void TestMainWindow::testTopologyEditsAreUndoable() {
    MainWindow window(m_autosave.path());
    ScenarioDocument* document = window.openPreset(presetWithCost());
    QVERIFY(document);
    const QString before = canonicalText(document->scenario());
    const auto components = allComponents(document->scenario());
    QVERIFY(!components.empty());
    // Remove the last component (its calls go with it), then undo.
    emit window.topologyView()->removeRequested(components.back());
    QVERIFY(!exists(document->scenario(), components.back()));
    window.undoGroup()->undo();
    QCOMPARE(canonicalText(document->scenario()), before);
    // Add a database, then undo.
    emit window.topologyView()->addRequested(ComponentKind::Database);
    if (canonicalText(document->scenario()) != before) {
        window.undoGroup()->undo();
        QCOMPARE(canonicalText(document->scenario()), before);
    }
}

void TestMainWindow::testInvalidValueIsRefusedWithMessage() {
    MainWindow window(m_autosave.path());
    ScenarioDocument* document = window.openPreset(QStringLiteral("mmc-queue.json"));
    QVERIFY(document);
    const QString before = canonicalText(document->scenario());
    PropertiesEditor* editor = window.propertiesEditor();
    editor->setSelection({});
    NumberField* duration = editor->numberField(QStringLiteral("run.durationS"));
    enter(duration, QStringLiteral("-5"));
    QVERIFY(duration->hasError());
    QVERIFY2(duration->errorText().contains(QStringLiteral("more than")),
             qPrintable(duration->errorText()));
    enter(duration, QStringLiteral("soon"));
    QVERIFY(duration->errorText().contains(QStringLiteral("not a number")));
    QCOMPARE(canonicalText(document->scenario()), before);
    QVERIFY(!document->isModified());

    // A value in range that the engine's validator refuses in context: a warm-up past the end.
    NumberField* warmup = editor->numberField(QStringLiteral("run.warmupS"));
    enter(warmup, QStringLiteral("100000"));
    QVERIFY2(warmup->hasError(), "a warm-up longer than the run was accepted");
    QCOMPARE(canonicalText(document->scenario()), before);

    // A valid value clears the message.
    enter(duration, QStringLiteral("600"));
    QVERIFY(!duration->hasError());
    QCOMPARE(document->scenario().run.durationS, 600.0);
}

void TestMainWindow::testSaveThenReopenGivesSameScenario() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("saved.json"));
    QString saved;
    {
        MainWindow window(m_autosave.path());
        ScenarioDocument* document = window.openPreset(presetWithCost());
        QVERIFY(document);
        window.propertiesEditor()->setSelection({});
        enter(window.propertiesEditor()->numberField(QStringLiteral("run.durationS")),
              QStringLiteral("300"));
        QVERIFY(window.saveAs(path));
        QVERIFY(!document->isModified());
        QCOMPARE(document->filePath(), QFileInfo(path).absoluteFilePath());
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("saved.json")));
        saved = canonicalText(document->scenario());
    }
    MainWindow window(m_autosave.path());
    ScenarioDocument* reopened = window.openFile(path);
    QVERIFY2(reopened, qPrintable(window.lastLoadErrors().join('\n')));
    QCOMPARE(canonicalText(reopened->scenario()), saved);
}

void TestMainWindow::testBrokenFileShowsErrorsAndKeepsWork() {
    MainWindow window(m_autosave.path());
    ScenarioDocument* document = window.openPreset(QStringLiteral("mmc-queue.json"));
    QVERIFY(document);
    window.propertiesEditor()->setSelection({});
    enter(window.propertiesEditor()->numberField(QStringLiteral("run.durationS")),
          QStringLiteral("900"));
    const QString work = canonicalText(document->scenario());

    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"formatVersion": 1, "run": {"durationS": -1}, "workload": {"type": "poisson",
        "ratePerS": "fast"}, "topology": {"entry": "nowhere", "stations": []}})");
    file.close();

    QVERIFY(!window.openFile(broken));
    QVERIFY2(window.lastLoadErrors().size() >= 2, qPrintable(window.lastLoadErrors().join('\n')));
    QDialog* dialog = window.loadErrorDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    auto* problems = dialog->findChild<QListWidget*>(QStringLiteral("problems"));
    QVERIFY(problems);
    QCOMPARE(problems->count(), window.lastLoadErrors().size());
    QVERIFY(window.lastLoadErrors().join('\n').contains(QStringLiteral("durationS")));
    // The current work is untouched.
    QCOMPARE(window.documents().size(), std::size_t{1});
    QCOMPARE(window.currentDocument(), document);
    QCOMPARE(canonicalText(document->scenario()), work);
    QVERIFY(document->isModified());

    QVERIFY(!window.openFile(dir.filePath(QStringLiteral("missing.json"))));
    QVERIFY(!window.lastLoadErrors().isEmpty());
}

void TestMainWindow::testAutosaveRecoveryRestoresUnsavedEdits() {
    QString edited;
    {
        auto window = std::make_unique<MainWindow>(m_autosave.path());
        ScenarioDocument* document = window->openPreset(QStringLiteral("mmc-queue.json"));
        QVERIFY(document);
        window->propertiesEditor()->setSelection({});
        enter(window->propertiesEditor()->numberField(QStringLiteral("run.durationS")),
              QStringLiteral("1234"));
        edited = canonicalText(document->scenario());
        window->autosaveNow();
        // A crash: the window goes away without closing, so its autosave stays behind.
    }
    MainWindow window(m_autosave.path());
    window.setAsker(answer(QMessageBox::Yes));
    QCOMPARE(window.recoverAutosaves(), 1);
    QCOMPARE(window.documents().size(), std::size_t{1});
    ScenarioDocument* recovered = window.documents().front();
    QCOMPARE(canonicalText(recovered->scenario()), edited);
    QVERIFY(recovered->isModified());
    // Offered once: a second look finds nothing.
    MainWindow again(m_autosave.path());
    again.setAsker(answer(QMessageBox::Yes));
    QCOMPARE(again.recoverAutosaves(), 0);
}

void TestMainWindow::testRecoveringOneAutosaveKeepsTheOthers() {
    // Three documents die with a session: one recovered, one left for later, one whose trace file
    // has gone. Only the recovered one's old autosave may go; the others are offered next time.
    QTemporaryDir folder;
    QVERIFY(QFile::copy(QStringLiteral(ARCHSIM_TEST_DATA_DIR "/scenarios/trace.json"),
                        folder.filePath(QStringLiteral("trace.json"))));
    QVERIFY(QFile::copy(QStringLiteral(ARCHSIM_TEST_DATA_DIR "/scenarios/arrivals.csv"),
                        folder.filePath(QStringLiteral("arrivals.csv"))));
    {
        auto window = std::make_unique<MainWindow>(m_autosave.path());
        for (const char* name : {"first", "second"}) {
            ScenarioDocument* document = window->openPreset(QStringLiteral("mmc-queue.json"));
            QVERIFY(document);
            window->propertiesEditor()->setSelection({});
            QVERIFY(window->propertiesEditor()
                        ->apply([name](Scenario& s) { s.name = name; }, QStringLiteral("Rename"))
                        .isEmpty());
        }
        ScenarioDocument* trace = window->openFile(folder.filePath(QStringLiteral("trace.json")));
        QVERIFY2(trace, qPrintable(window->lastLoadErrors().join('\n')));
        window->propertiesEditor()->setSelection({});
        QVERIFY(window->propertiesEditor()
                    ->apply([](Scenario& s) { s.name = "third"; }, QStringLiteral("Rename"))
                    .isEmpty());
        window->autosaveNow();
    }
    QVERIFY(QFile::remove(folder.filePath(QStringLiteral("arrivals.csv"))));
    QStringList asked;
    {
        MainWindow window(m_autosave.path());
        window.setAsker(
            [&asked](const QString&, const QString& text, QMessageBox::StandardButtons) {
                asked << text;
                return text.contains(QStringLiteral("first")) ? QMessageBox::Yes : QMessageBox::No;
            });
        QCOMPARE(window.recoverAutosaves(), 1);
        QCOMPARE(asked.size(), 2);  // the unreadable one is reported, not asked about
        QCOMPARE(window.documents().size(), std::size_t{1});
        QCOMPARE(window.documents().front()->scenario().name, std::string("first"));
        QVERIFY2(window.lastLoadErrors().join('\n').contains(QStringLiteral("arrivals.csv")),
                 qPrintable(window.lastLoadErrors().join('\n')));
        window.close();  // a clean exit: "first" is this session's, and saved or not it is gone
    }
    // Next start: the two that were not recovered are still there; discarding one keeps the other.
    QVERIFY(QFile::copy(QStringLiteral(ARCHSIM_TEST_DATA_DIR "/scenarios/arrivals.csv"),
                        folder.filePath(QStringLiteral("arrivals.csv"))));
    asked.clear();
    {
        MainWindow window(m_autosave.path());
        window.setAsker([&asked](const QString&, const QString& text,
                                 QMessageBox::StandardButtons) {
            asked << text;
            return text.contains(QStringLiteral("second")) ? QMessageBox::Discard : QMessageBox::No;
        });
        QCOMPARE(window.recoverAutosaves(), 0);
        QCOMPARE(asked.size(), 2);
        QVERIFY(window.lastLoadErrors().isEmpty());
    }
    MainWindow window(m_autosave.path());
    window.setAsker(answer(QMessageBox::Yes));
    QCOMPARE(window.recoverAutosaves(), 1);
    ScenarioDocument* third = window.documents().front();
    QCOMPARE(third->scenario().name, std::string("third"));
    QCOMPARE(third->filePath(),
             QFileInfo(folder.filePath(QStringLiteral("trace.json"))).absoluteFilePath());
}

void TestMainWindow::testTraceScenarioEditsAreAccepted() {
    // The working directory is not the scenario's folder: edits must still find its trace file.
    QTemporaryDir folder;
    for (const char* name : {"trace.json", "arrivals.csv"})
        QVERIFY(QFile::copy(QStringLiteral(ARCHSIM_TEST_DATA_DIR "/scenarios/") + name,
                            folder.filePath(QString::fromLatin1(name))));
    QVERIFY(QDir::currentPath() != folder.path());
    MainWindow window(m_autosave.path());
    ScenarioDocument* document = window.openFile(folder.filePath(QStringLiteral("trace.json")));
    QVERIFY2(document, qPrintable(window.lastLoadErrors().join('\n')));
    window.propertiesEditor()->setSelection({});
    NumberField* duration = window.propertiesEditor()->numberField(QStringLiteral("run.durationS"));
    enter(duration, QStringLiteral("5"));
    QVERIFY2(!duration->hasError(), qPrintable(duration->errorText()));
    QCOMPARE(document->scenario().run.durationS, 5.0);
}

void TestMainWindow::testWhatIfRerunsAfterEdit() {
    MainWindow window(m_autosave.path());
    window.setSpeedIndex(4);
    ScenarioDocument* document = window.openPreset(QStringLiteral("mmc-queue.json"));
    QVERIFY(document);
    QSignalSpy finished(&window, &MainWindow::runsFinished);
    window.startRun();
    QVERIFY(finished.wait(kRunTimeoutMs));
    QSignalSpy started(window.runController(), &RunController::runStarted);
    window.propertiesEditor()->setSelection({});
    enter(window.propertiesEditor()->numberField(QStringLiteral("run.durationS")),
          QStringLiteral("600"));
    QVERIFY2(started.wait(5000), "an edit did not re-run the scenario");
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCPGraph* p99 = window.chartsPanel()->percentileChart()->graph(
        document->key(), PercentileChart::Percentile::P99);
    QVERIFY(p99 && p99->dataCount() > 0);
    QVERIFY(p99->data()->at(p99->dataCount() - 1)->key <= 600.0 + 1e-9);
}

void TestMainWindow::testDropOpensFileAndRemembersIt() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dropped.json"));
    QVERIFY(QFile::copy(QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets/mmc-queue.json"), path));
    MainWindow window(m_autosave.path());
    auto* mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QCOMPARE(window.documents().size(), std::size_t{1});
    QCOMPARE(window.currentDocument()->filePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("dropped.json")));
    QVERIFY(QSettings()
                .value(QStringLiteral("recentFiles"))
                .toStringList()
                .contains(QFileInfo(path).absoluteFilePath()));
    // Opening the same file again selects it rather than opening a copy.
    QCOMPARE(window.openFile(path), window.currentDocument());
    QCOMPARE(window.documents().size(), std::size_t{1});
    delete mime;
}

void TestMainWindow::testEveryEditOfEveryPresetUndoesCleanly() {
    // Nothing crashes and everything undoes, whatever is clicked in whatever order.
    MainWindow window(m_autosave.path());
    window.resize(1280, 720);
    for (const QString& preset : MainWindow::presetPaths()) {
        ScenarioDocument* document = window.openPreset(preset);
        QVERIFY(document);
        const QString original = canonicalText(document->scenario());
        PropertiesEditor* editor = window.propertiesEditor();
        TopologyView* topology = window.topologyView();
        for (const ComponentRef& ref : allComponents(document->scenario())) {
            topology->setSelection(ref);
            editor->setSelection(ref);
            for (ComponentKind kind : {ComponentKind::Cache, ComponentKind::Database,
                                       ComponentKind::Hop, ComponentKind::Gateway})
                emit topology->addRequested(kind);
            for (const ComponentRef& other : allComponents(document->scenario()))
                emit topology->connectRequested(ref, other);
            emit topology->entryRequested(ref);
            emit topology->removeRequested(ref);
        }
        editor->setSelection({ComponentKind::Workload, {}});
        QComboBox* type = editor->workloadEditor()->typeBox();
        for (int i = 0; i < type->count(); ++i) {
            type->setCurrentIndex(i);
            editor->setSelection({ComponentKind::Workload, {}});
            type = editor->workloadEditor()->typeBox();
        }
        editor->setSelection({});
        QUndoStack* undo = document->undoStack();
        while (undo->canUndo()) undo->undo();
        QCOMPARE(canonicalText(document->scenario()), original);
        QVERIFY(document->validate(document->scenario()).isEmpty());
        window.setAsker(answer(QMessageBox::Discard));
        QVERIFY(window.closeDocument(document));
    }
    QVERIFY(window.documents().empty());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
