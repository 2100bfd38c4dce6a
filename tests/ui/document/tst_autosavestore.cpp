// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave: what a session writes is offered after it dies, never while it lives, and a clean exit
// leaves nothing to recover.

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
};

void TestAutosaveStore::testLiveSessionIsNotAnOrphan() {
    QTemporaryDir dir;
    AutosaveStore first(dir.path());
    QVERIFY(first.write(1, preset(), {}, QStringLiteral("a")).isEmpty());
    AutosaveStore second(dir.path());
    QVERIFY2(second.orphans().empty(), "a running session's work was offered for recovery");
}

void TestAutosaveStore::testCrashedSessionIsRecoveredExactly() {
    QTemporaryDir dir;
    const Scenario scenario = preset();
    {
        AutosaveStore crashed(dir.path());
        QVERIFY(crashed.write(7, scenario, QStringLiteral("/work/a.json"), QStringLiteral("a.json"))
                    .isEmpty());
        // Gone without clearSession(): its lock is released, its files stay.
    }
    AutosaveStore next(dir.path());
    const auto orphans = next.orphans();
    QCOMPARE(orphans.size(), std::size_t{1});
    QCOMPARE(canonicalText(orphans.front().scenario), canonicalText(scenario));
    QCOMPARE(orphans.front().originalPath, QStringLiteral("/work/a.json"));
    QCOMPARE(orphans.front().displayName, QStringLiteral("a.json"));
    next.discardOrphans();
    QVERIFY(next.orphans().empty());
}

void TestAutosaveStore::testCleanExitLeavesNothing() {
    QTemporaryDir dir;
    {
        AutosaveStore store(dir.path());
        store.write(1, preset(), {}, {});
        store.write(2, preset(), {}, {});
        store.remove(2);
        store.clearSession();
    }
    AutosaveStore next(dir.path());
    QVERIFY(next.orphans().empty());
}

QTEST_GUILESS_MAIN(TestAutosaveStore)
#include "tst_autosavestore.moc"
