// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave: what a session writes is offered after it dies, never while it lives, and a clean exit
// leaves nothing to recover. A scenario with relative paths reads back from its own folder, and
// discarding one orphan never deletes another, nor an orphan that cannot be read back.

#include <algorithm>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "ui/document/autosavestore.h"
#include "ui/document/scenarioedits.h"

using namespace archsim;
using namespace archsim::ui;

namespace {
Scenario preset() {
    ValidationReport report;
    auto scenario = loadScenarioFile(ARCHSIM_RESOURCES_DIR "/presets/mmc-queue.json", report);
    if (!scenario) qFatal("mmc-queue.json does not load");
    scenario->seed = 0x7edcba9876543210ULL;  // past 2^53: a double would round it
    return *scenario;
}
}  // namespace

class TestAutosaveStore : public QObject {
    Q_OBJECT
private slots:
    void testLiveSessionIsNotAnOrphan();
    void testCrashedSessionIsRecoveredExactly();
    void testCleanExitLeavesNothing();
    void testRelativeTraceIsReadFromTheDocumentFolder();
    void testDiscardingOneOrphanKeepsTheOthers();
    void testAnOversizedAutosaveIsRefusedUnread();
};

void TestAutosaveStore::testLiveSessionIsNotAnOrphan() {
    QTemporaryDir dir;
    AutosaveStore first(dir.path());
    QVERIFY(first.write(1, preset(), {}, QStringLiteral("a"), {}).isEmpty());
    AutosaveStore second(dir.path());
    QVERIFY2(second.orphans().empty(), "a running session's work was offered for recovery");
}

void TestAutosaveStore::testCrashedSessionIsRecoveredExactly() {
    QTemporaryDir dir;
    const Scenario scenario = preset();
    {
        AutosaveStore crashed(dir.path());
        QVERIFY(crashed
                    .write(7, scenario, QStringLiteral("/tmp/a/a.json"), QStringLiteral("a.json"),
                           QStringLiteral("/tmp/a"))
                    .isEmpty());
        // Gone without clearSession(): its lock is released, its files stay.
    }
    AutosaveStore next(dir.path());
    const auto orphans = next.orphans();
    QCOMPARE(orphans.size(), std::size_t{1});
    QCOMPARE(canonicalText(orphans.front().scenario), canonicalText(scenario));
    QVERIFY(orphans.front().usable());
    QCOMPARE(orphans.front().originalPath, QStringLiteral("/tmp/a/a.json"));
    QCOMPARE(orphans.front().displayName, QStringLiteral("a.json"));
    QCOMPARE(orphans.front().baseDirectory, QStringLiteral("/tmp/a"));
    next.discardOrphan(orphans.front().file);
    QVERIFY(next.orphans().empty());
    // The dead session's folder and lock went with its last file: only the live lock is left.
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("session-*")}, QDir::AllEntries).size(), 1);
}

void TestAutosaveStore::testCleanExitLeavesNothing() {
    QTemporaryDir dir;
    {
        AutosaveStore store(dir.path());
        store.write(1, preset(), {}, {}, {});
        store.write(2, preset(), {}, {}, {});
        store.remove(2);
        store.clearSession();
    }
    AutosaveStore next(dir.path());
    QVERIFY(next.orphans().empty());
}

void TestAutosaveStore::testRelativeTraceIsReadFromTheDocumentFolder() {
    // A trace scenario in a folder that is not the working directory: its autosave must read back
    // with the trace found next to the scenario file, or it would not be offered at all.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    for (const char* name : {"trace.json", "arrivals.csv"})
        QVERIFY(QFile::copy(QStringLiteral(ARCHSIM_TEST_DATA_DIR "/scenarios/") + name,
                            folder.filePath(QString::fromLatin1(name))));
    QVERIFY(QDir::currentPath() != folder.path());
    ValidationReport report;
    auto scenario =
        loadScenarioFile(folder.filePath(QStringLiteral("trace.json")).toStdString(), report);
    QVERIFY2(scenario, report.toString().c_str());
    scenario->run.durationS = 7;  // the unsaved edit
    QTemporaryDir dir;
    {
        AutosaveStore crashed(dir.path());
        QVERIFY(crashed
                    .write(1, *scenario, folder.filePath(QStringLiteral("trace.json")),
                           QStringLiteral("trace.json"), folder.path())
                    .isEmpty());
        // An untitled copy whose relative paths were resolved against the same folder.
        QVERIFY(
            crashed.write(2, *scenario, {}, QStringLiteral("Untitled"), folder.path()).isEmpty());
    }
    AutosaveStore next(dir.path());
    const auto orphans = next.orphans();
    QCOMPARE(orphans.size(), std::size_t{2});
    for (const auto& orphan : orphans) {
        QVERIFY2(orphan.usable(), qPrintable(orphan.problems.join('\n')));
        QCOMPARE(canonicalText(orphan.scenario), canonicalText(*scenario));
        QCOMPARE(orphan.scenario.workload.traceTimesS, scenario->workload.traceTimesS);
        QCOMPARE(orphan.baseDirectory, folder.path());
    }
}

void TestAutosaveStore::testAnOversizedAutosaveIsRefusedUnread() {
    // Read whole with QFile, any file planted in the autosave folder went into memory at start-up.
    // Autosaves are read as every scenario file is: regular files, within the scenario cap.
    QTemporaryDir dir;
    {
        AutosaveStore crashed(dir.path());
        QVERIFY(crashed.write(1, preset(), {}, QStringLiteral("first"), {}).isEmpty());
    }
    const QStringList sessions =
        QDir(dir.path()).entryList({QStringLiteral("session-*")}, QDir::Dirs);
    QCOMPARE(sessions.size(), 1);
    const QString huge = QDir(dir.filePath(sessions.front())).filePath("document-9.json");
    QFile file(huge);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(qint64{200} << 20));  // sparse: no disk used
    file.close();
    AutosaveStore next(dir.path());
    const auto orphans = next.orphans();
    QCOMPARE(orphans.size(), std::size_t{2});
    const auto refused = std::find_if(orphans.begin(), orphans.end(),
                                      [&](const auto& orphan) { return orphan.file == huge; });
    QVERIFY(refused != orphans.end());
    QVERIFY(!refused->usable());
    QVERIFY2(refused->problems.join(' ').contains("larger than the limit of 16 MiB"),
             qPrintable(refused->problems.join(' ')));
}

void TestAutosaveStore::testDiscardingOneOrphanKeepsTheOthers() {
    QTemporaryDir dir;
    QTemporaryDir folder;
    {
        AutosaveStore crashed(dir.path());
        QVERIFY(crashed.write(1, preset(), {}, QStringLiteral("first"), {}).isEmpty());
        QVERIFY(crashed.write(2, preset(), {}, QStringLiteral("second"), {}).isEmpty());
        // Work that cannot be read back any more: its trace file has gone since.
        QVERIFY(QFile::copy(QStringLiteral(ARCHSIM_TEST_DATA_DIR "/scenarios/arrivals.csv"),
                            folder.filePath(QStringLiteral("arrivals.csv"))));
        ValidationReport report;
        auto trace = loadScenarioFile(ARCHSIM_TEST_DATA_DIR "/scenarios/trace.json", report);
        QVERIFY(trace);
        QVERIFY(crashed.write(3, *trace, {}, QStringLiteral("third"), folder.path()).isEmpty());
        QVERIFY(QFile::remove(folder.filePath(QStringLiteral("arrivals.csv"))));
    }
    AutosaveStore next(dir.path());
    auto orphans = next.orphans();
    QCOMPARE(orphans.size(), std::size_t{3});
    QCOMPARE(orphans.at(0).displayName, QStringLiteral("first"));
    QVERIFY(orphans.at(0).usable() && orphans.at(1).usable());
    QCOMPARE(orphans.at(2).displayName, QStringLiteral("third"));
    QVERIFY(!orphans.at(2).usable());
    QVERIFY2(orphans.at(2).problems.join('\n').contains(QStringLiteral("arrivals.csv")),
             qPrintable(orphans.at(2).problems.join('\n')));

    next.discardOrphan(orphans.at(0).file);
    orphans = next.orphans();
    QCOMPARE(orphans.size(), std::size_t{2});
    QCOMPARE(orphans.at(0).displayName, QStringLiteral("second"));
    QCOMPARE(orphans.at(1).displayName, QStringLiteral("third"));
    // A file of a live session is never an orphan's, so it cannot be discarded as one.
    QVERIFY(next.write(9, preset(), {}, QStringLiteral("mine"), {}).isEmpty());
    AutosaveStore third(dir.path());
    QCOMPARE(third.orphans().size(), std::size_t{2});
}

QTEST_GUILESS_MAIN(TestAutosaveStore)
#include "tst_autosavestore.moc"
