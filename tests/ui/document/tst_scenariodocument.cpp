// SPDX-License-Identifier: GPL-3.0-or-later
// ScenarioDocument and its undo history: undo restores the exact previous scenario, one drag is one
// step, saving marks the document clean, edits are validated against the document's own folder.

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "ui/document/scenariodocument.h"
#include "ui/document/scenarioedits.h"

using namespace archsim;
using namespace archsim::ui;

namespace {
Scenario preset() {
    ValidationReport report;
    auto scenario = loadScenarioFile(ARCHSIM_RESOURCES_DIR "/presets/mmc-queue.json", report);
    if (!scenario) qFatal("mmc-queue.json does not load: %s", report.toString().c_str());
    return *scenario;
}
}  // namespace

class TestScenarioDocument : public QObject {
    Q_OBJECT
private slots:
    void testEditAndUndoRestoreExactly();
    void testDragMergesIntoOneStep();
    void testSeparateDragsStaySeparate();
    void testSavedStateIsClean();
    void testRecoveredDocumentIsModified();
    void testTraceScenarioEditsValidateAgainstItsFolder();
    void testDestroyingModifiedDocumentIsSilent();
};

void TestScenarioDocument::testEditAndUndoRestoreExactly() {
    ScenarioDocument document(1, preset());
    const QString before = canonicalText(document.scenario());
    QSignalSpy changed(&document, &ScenarioDocument::scenarioChanged);
    Scenario edited = document.scenario();
    edited.workload.ratePerS = 5;
    edited.topology.stations.front().serviceMs = makeLognormalFromMedianP99(100, 900);
    document.edit(edited, QStringLiteral("edit"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(document.scenario().workload.ratePerS, 5.0);
    QVERIFY(document.isModified());
    document.undoStack()->undo();
    QCOMPARE(canonicalText(document.scenario()), before);
    QVERIFY(!document.isModified());
    document.undoStack()->redo();
    QCOMPARE(canonicalText(document.scenario()), canonicalText(edited));
}

void TestScenarioDocument::testDragMergesIntoOneStep() {
    ScenarioDocument document(1, preset());
    const QString before = canonicalText(document.scenario());
    for (double rate : {1.0, 2.0, 3.0, 4.0}) {
        Scenario edited = document.scenario();
        edited.workload.ratePerS = rate;
        document.edit(edited, QStringLiteral("rate"), QStringLiteral("workload/rate"), 42);
    }
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(document.scenario().workload.ratePerS, 4.0);
    document.undoStack()->undo();
    QCOMPARE(canonicalText(document.scenario()), before);
}

void TestScenarioDocument::testSeparateDragsStaySeparate() {
    ScenarioDocument document(1, preset());
    for (int session : {1, 2}) {
        Scenario edited = document.scenario();
        edited.workload.ratePerS = session;
        document.edit(edited, QStringLiteral("rate"), QStringLiteral("workload/rate"), session);
    }
    // Typed edits (session 0) never merge, not even with each other.
    for (double rate : {7.0, 8.0}) {
        Scenario edited = document.scenario();
        edited.workload.ratePerS = rate;
        document.edit(edited, QStringLiteral("rate"), QStringLiteral("workload/rate"), 0);
    }
    QCOMPARE(document.undoStack()->count(), 4);
}

void TestScenarioDocument::testSavedStateIsClean() {
    ScenarioDocument document(1, preset());
    QSignalSpy modified(&document, &ScenarioDocument::modifiedChanged);
    Scenario edited = document.scenario();
    edited.run.durationS = 10;
    document.edit(edited, QStringLiteral("duration"));
    QVERIFY(document.isModified());
    document.markSaved();
    QVERIFY(!document.isModified());
    document.undoStack()->undo();
    QVERIFY2(document.isModified(), "undoing past the save point must count as a change");
    QVERIFY(modified.count() >= 3);
}

void TestScenarioDocument::testRecoveredDocumentIsModified() {
    ScenarioDocument document(3, preset());
    document.setFilePath(QStringLiteral("/tmp/x/scenario.json"));
    QCOMPARE(document.displayName(), QStringLiteral("scenario.json"));
    document.markModified();
    QVERIFY(document.isModified());
    document.markSaved();
    QVERIFY(!document.isModified());
}

void TestScenarioDocument::testTraceScenarioEditsValidateAgainstItsFolder() {
    // The document's file is in a folder that is not the working directory; an edit of its trace
    // scenario must be judged with the trace file found next to it.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    for (const char* name : {"trace.json", "arrivals.csv"})
        QVERIFY(QFile::copy(QStringLiteral(ARCHSIM_TEST_DATA_DIR "/scenarios/") + name,
                            folder.filePath(QString::fromLatin1(name))));
    QVERIFY(QDir::currentPath() != folder.path());
    const QString path = folder.filePath(QStringLiteral("trace.json"));
    ValidationReport report;
    auto scenario = loadScenarioFile(path.toStdString(), report);
    QVERIFY2(scenario, report.toString().c_str());
    ScenarioDocument document(4, *scenario);
    document.setFilePath(path);
    QCOMPARE(QDir(document.baseDirectory()).absolutePath(), QDir(folder.path()).absolutePath());
    Scenario edited = document.scenario();
    edited.run.durationS = 5;
    QCOMPARE(document.validate(edited), QStringList());

    // An untitled document resolves against the folder it was given (a recovered autosave's).
    ScenarioDocument untitled(5, *scenario);
    untitled.setBaseDirectory(folder.path());
    QCOMPARE(untitled.validate(edited), QStringList());
    untitled.setBaseDirectory(QDir::tempPath());
    QVERIFY(!untitled.validate(edited).isEmpty());
}

void TestScenarioDocument::testDestroyingModifiedDocumentIsSilent() {
    // A window deletes its documents while it is itself being destroyed: a document with unsaved
    // changes must not report anything on its way out.
    QObject listener;
    int reports = 0;
    auto* document = new ScenarioDocument(6, preset());
    connect(document, &ScenarioDocument::modifiedChanged, &listener, [&reports] { ++reports; });
    Scenario edited = document->scenario();
    edited.workload.ratePerS = 3;
    document->edit(edited, QStringLiteral("Rate"));
    QVERIFY(document->isModified());
    reports = 0;
    delete document;
    QCOMPARE(reports, 0);
}

QTEST_GUILESS_MAIN(TestScenarioDocument)
#include "tst_scenariodocument.moc"
