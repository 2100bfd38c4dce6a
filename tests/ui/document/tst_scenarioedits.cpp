// SPDX-License-Identifier: GPL-3.0-or-later
// Structural edits keep a scenario's references consistent: removing a component removes the calls
// to it, renaming renames every reference, connecting adds the right kind of step.

#include <QDir>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "ui/document/scenarioedits.h"

using namespace archsim;
using namespace archsim::ui;

namespace {
// A gateway in front of a function pool whose handler looks up a cache and, on a miss, queries a
// database: the motivating case's shape, built in code so the test does not depend on a preset.
Scenario authApi() {
    Scenario s;
    s.name = "auth";
    const ComponentRef gateway = addComponent(s, ComponentKind::Gateway);
    const ComponentRef functions = addComponent(s, ComponentKind::Function);
    const ComponentRef cache = addComponent(s, ComponentKind::Cache);
    const ComponentRef database = addComponent(s, ComponentKind::Database);
    connectComponents(s, gateway, functions, nullptr);
    connectComponents(s, functions, cache, nullptr);
    s.topology.functions.front().handler.back().onMiss.push_back(
        {HandlerStep::Kind::Call, nullptr, database.id.toStdString(), 1, {}, {}, {}, {}, {}, {}});
    return s;
}
}  // namespace

class TestScenarioEdits : public QObject {
    Q_OBJECT
private slots:
    void testAddGivesUniqueIdsAndFirstIsEntry();
    void testRemoveDropsReferences();
    void testRemoveCacheKeepsMissPath();
    void testRenameFollowsReferences();
    void testRenameRefusesTakenId();
    void testConnect();
    void testValidateScenarioReportsProblems();
    void testValidationReadsRelativePathsFromBaseDirectory();
};

void TestScenarioEdits::testAddGivesUniqueIdsAndFirstIsEntry() {
    Scenario s;
    const ComponentRef a = addComponent(s, ComponentKind::Database);
    const ComponentRef b = addComponent(s, ComponentKind::Database);
    QCOMPARE(a.id, QStringLiteral("database"));
    QCOMPARE(b.id, QStringLiteral("database-2"));
    QCOMPARE(QString::fromStdString(s.topology.entry), a.id);
    QCOMPARE(kindOf(s, b.id), ComponentKind::Database);
    QCOMPARE(allComponents(s).size(), std::size_t{2});
}

void TestScenarioEdits::testRemoveDropsReferences() {
    Scenario s = authApi();
    QVERIFY(removeComponent(s, {ComponentKind::Function, QStringLiteral("functions")}));
    QVERIFY(s.topology.gateways.front().next.empty());
    QCOMPARE(kindOf(s, QStringLiteral("functions")), ComponentKind::None);
    // Removing the entry hands it to a remaining component.
    QVERIFY(removeComponent(s, {ComponentKind::Gateway, QStringLiteral("gateway")}));
    QVERIFY(!s.topology.entry.empty());
    QVERIFY(kindOf(s, QString::fromStdString(s.topology.entry)) != ComponentKind::None);
}

void TestScenarioEdits::testRemoveCacheKeepsMissPath() {
    Scenario s = authApi();
    QVERIFY(removeComponent(s, {ComponentKind::Cache, QStringLiteral("cache")}));
    const auto& handler = s.topology.functions.front().handler;
    // Without the cache, every request takes what was the miss path: the database call.
    QVERIFY(std::any_of(handler.begin(), handler.end(), [](const HandlerStep& step) {
        return step.kind == HandlerStep::Kind::Call && step.target == "database";
    }));
    QVERIFY(std::none_of(handler.begin(), handler.end(), [](const HandlerStep& step) {
        return step.kind == HandlerStep::Kind::Cache;
    }));
}

void TestScenarioEdits::testRenameFollowsReferences() {
    Scenario s = authApi();
    QString error;
    QVERIFY(renameComponent(s, {ComponentKind::Database, QStringLiteral("database")},
                            QStringLiteral("users-db"), &error));
    QCOMPARE(s.topology.databases.front().id, std::string("users-db"));
    QCOMPARE(s.topology.functions.front().handler.back().onMiss.front().target,
             std::string("users-db"));
    QVERIFY(renameComponent(s, {ComponentKind::Gateway, QStringLiteral("gateway")},
                            QStringLiteral("edge"), &error));
    QCOMPARE(s.topology.entry, std::string("edge"));
}

void TestScenarioEdits::testRenameRefusesTakenId() {
    Scenario s = authApi();
    QString error;
    QVERIFY(!renameComponent(s, {ComponentKind::Database, QStringLiteral("database")},
                             QStringLiteral("cache"), &error));
    QVERIFY(error.contains(QStringLiteral("already")));
    QVERIFY(!renameComponent(s, {ComponentKind::Database, QStringLiteral("database")},
                             QStringLiteral("  "), &error));
}

void TestScenarioEdits::testConnect() {
    Scenario s = authApi();
    const ComponentRef hop = addComponent(s, ComponentKind::Hop);
    QString error;
    QVERIFY(
        connectComponents(s, {ComponentKind::Function, QStringLiteral("functions")}, hop, &error));
    QCOMPARE(s.topology.functions.front().handler.back().kind, HandlerStep::Kind::Call);
    QCOMPARE(s.topology.functions.front().handler.back().target, std::string("network"));
    // A database makes no calls.
    QVERIFY(
        !connectComponents(s, {ComponentKind::Database, QStringLiteral("database")}, hop, &error));
    QVERIFY(!error.isEmpty());
    // From the workload: sets the entry.
    QVERIFY(connectComponents(s, {ComponentKind::Workload, {}}, hop, &error));
    QCOMPARE(s.topology.entry, std::string("network"));
}

void TestScenarioEdits::testValidateScenarioReportsProblems() {
    ValidationReport report;
    auto scenario = loadScenarioFile(ARCHSIM_RESOURCES_DIR "/presets/mmc-queue.json", report);
    QVERIFY(scenario);
    const QString presets = QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets");
    QVERIFY(validateScenario(*scenario, presets).isEmpty());
    scenario->run.warmupS = scenario->run.durationS * 2;
    const QStringList problems = validateScenario(*scenario, presets);
    QVERIFY(!problems.isEmpty());
    QVERIFY2(problems.join('\n').contains(QStringLiteral("warmupS")),
             qPrintable(problems.join('\n')));
}

void TestScenarioEdits::testValidationReadsRelativePathsFromBaseDirectory() {
    // A trace scenario names its CSV relative to its own folder, which is not the working
    // directory: validated against its folder it is fine, against another one it is not.
    const QString folder = QStringLiteral(ARCHSIM_TEST_DATA_DIR "/scenarios");
    ValidationReport report;
    auto scenario =
        loadScenarioFile((folder + QStringLiteral("/trace.json")).toStdString(), report);
    QVERIFY2(scenario, report.toString().c_str());
    QVERIFY(QDir::currentPath() != QDir(folder).absolutePath());
    QCOMPARE(validateScenario(*scenario, folder), QStringList());
    const QStringList elsewhere = validateScenario(*scenario, QDir::currentPath());
    QVERIFY2(elsewhere.join('\n').contains(QStringLiteral("cannot open trace file")),
             qPrintable(elsewhere.join('\n')));
}

QTEST_GUILESS_MAIN(TestScenarioEdits)
#include "tst_scenarioedits.moc"
