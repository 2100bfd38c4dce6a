// SPDX-License-Identifier: GPL-3.0-or-later
// The latency objective a scenario carries (`slo`): the charts draw it for that scenario, the Run
// panel's SLO setting applies to scenarios without one, and the Run panel says which one is drawn.

#include <qcustomplot.h>

#include <QDoubleSpinBox>
#include <QLabel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/distributionchart.h"
#include "ui/charts/percentilechart.h"
#include "ui/charts/slomarker.h"
#include "ui/document/scenariodocument.h"
#include "ui/mainwindow.h"

using namespace archsim;
using namespace archsim::ui;

class TestScenarioSlo : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void testEveryPresetHasAnObjective();
    void testChartsDrawTheScenariosObjective();
    void testSettingAppliesWithoutOne();
    void testEditingTheObjectiveRedrawsIt();
    void testObjectiveNeverChangesTheRun();

private:
    QTemporaryDir m_autosave;
};

void TestScenarioSlo::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_scenarioslo"));
    QSettings().clear();
    QVERIFY(m_autosave.isValid());
}

void TestScenarioSlo::testEveryPresetHasAnObjective() {
    // Each bundled preset says what it promises, so its charts are read against that.
    MainWindow window(m_autosave.path());
    for (const QString& preset : MainWindow::presetPaths()) {
        ScenarioDocument* document = window.openPreset(preset);
        QVERIFY2(document, qPrintable(preset));
        QVERIFY2(document->scenario().slo.has_value(), qPrintable(preset));
        QVERIFY(document->scenario().slo->latencyMs > 0);
    }
}

void TestScenarioSlo::testChartsDrawTheScenariosObjective() {
    MainWindow window(m_autosave.path());
    ScenarioDocument* workers = window.openPreset(QStringLiteral("auth-api-workers.json"));
    QVERIFY(workers);
    QCOMPARE(workers->scenario().slo->latencyMs, 50.0);
    QCOMPARE(window.sloMs(), 50.0);
    QCOMPARE(window.chartsPanel()->sloMs(), 50.0);
    auto* chart = window.chartsPanel()->findChild<PercentileChart*>();
    QVERIFY(chart);
    QCOMPARE(chart->slo().sloMs(), 50.0);
    auto* source = window.findChild<QLabel*>(QStringLiteral("sloSource"));
    QVERIFY(source);
    QVERIFY2(source->text().contains(QStringLiteral("Auth API on Cloudflare Workers")),
             qPrintable(source->text()));
    QVERIFY(!source->isHidden());

    // Another preset with its own objective: the current scenario's is drawn.
    ScenarioDocument* slow = window.openPreset(QStringLiteral("slow-dependency-timeout.json"));
    QVERIFY(slow);
    QCOMPARE(window.chartsPanel()->sloMs(), 250.0);
    window.setCurrentDocument(workers);
    QCOMPARE(window.chartsPanel()->sloMs(), 50.0);
}

void TestScenarioSlo::testSettingAppliesWithoutOne() {
    MainWindow window(m_autosave.path());
    auto* setting = window.findChild<QDoubleSpinBox*>();
    QVERIFY(setting);
    ScenarioDocument* untitled = window.newScenario();
    QVERIFY(!untitled->scenario().slo);
    setting->setValue(42);
    QCOMPARE(window.chartsPanel()->sloMs(), 42.0);
    auto* source = window.findChild<QLabel*>(QStringLiteral("sloSource"));
    QVERIFY(source->isHidden());
    // The setting never overrides a scenario that carries its own.
    window.openPreset(QStringLiteral("auth-api-servers.json"));
    QCOMPARE(window.chartsPanel()->sloMs(), 50.0);
    QCOMPARE(setting->value(), 42.0);
}

void TestScenarioSlo::testEditingTheObjectiveRedrawsIt() {
    MainWindow window(m_autosave.path());
    ScenarioDocument* document = window.openPreset(QStringLiteral("auth-api-workers.json"));
    Scenario edited = document->scenario();
    edited.slo = SloSpec{120, 99.9};
    document->edit(edited, QStringLiteral("Set objective"));
    QCOMPARE(window.chartsPanel()->sloMs(), 120.0);
    // The line's label names the percentile the objective is about, on both latency charts.
    QCOMPARE(window.chartsPanel()->percentileChart()->slo().label()->text(),
             QStringLiteral("SLO p99.9 120 ms"));
    QCOMPARE(window.chartsPanel()->distributionChart()->slo().label()->text(),
             QStringLiteral("SLO p99.9 120 ms"));
    // Written and read back with the scenario.
    ValidationReport report;
    const auto reloaded = scenarioFromText(scenarioToText(document->scenario()), report, ".");
    QVERIFY2(reloaded, report.toString().c_str());
    QVERIFY(reloaded->slo == (SloSpec{120, 99.9}));
    edited.slo.reset();
    document->edit(edited, QStringLiteral("Remove objective"));
    QCOMPARE(window.chartsPanel()->sloMs(), window.findChild<QDoubleSpinBox*>()->value());
    // The Run panel's setting is a p99 objective.
    QVERIFY2(window.chartsPanel()->percentileChart()->slo().label()->text().startsWith(
                 QStringLiteral("SLO p99 ")),
             qPrintable(window.chartsPanel()->percentileChart()->slo().label()->text()));
}

void TestScenarioSlo::testObjectiveNeverChangesTheRun() {
    // The objective is drawn and measured against, never simulated: a run with and without it is
    // bit for bit the same.
    ValidationReport report;
    auto with = loadScenarioFile(ARCHSIM_RESOURCES_DIR "/presets/auth-api-workers.json", report);
    QVERIFY2(with, report.toString().c_str());
    QVERIFY(with->slo);
    with->run.durationS = 150;
    Scenario without = *with;
    without.slo.reset();
    RunOptions options;
    options.seed = with->seed;
    const RunResult a = runScenario(*with, options);
    const RunResult b = runScenario(without, options);
    QVERIFY(a.completed > 0);
    QCOMPARE(a.fingerprint(), b.fingerprint());
}

QTEST_MAIN(TestScenarioSlo)
#include "tst_scenarioslo.moc"
