// SPDX-License-Identifier: GPL-3.0-or-later
// The properties editor: every kind of selection builds a form, edits are validated and undoable,
// a slider drag is one undo step, a rename follows references.

#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "ui/document/scenariodocument.h"
#include "ui/document/scenarioedits.h"
#include "ui/editors/propertieseditor.h"
#include "ui/editors/workloadeditor.h"

using namespace archsim;
using namespace archsim::ui;

namespace {
Scenario load(const char* name) {
    ValidationReport report;
    auto scenario = loadScenarioFile(std::string(ARCHSIM_RESOURCES_DIR "/presets/") + name, report);
    if (!scenario) qFatal("%s does not load: %s", name, report.toString().c_str());
    return *scenario;
}
}  // namespace

class TestPropertiesEditor : public QObject {
    Q_OBJECT
private slots:
    void testEverySelectionBuildsAForm();
    void testSliderDragIsOneUndoStep();
    void testRenameFollowsReferences();
    void testUndoRefreshesTheForm();
    void testCostFieldsFollowThePlatform();
    void testLongTextReadsFromItsStart();
};

void TestPropertiesEditor::testCostFieldsFollowThePlatform() {
    // A Workers scenario bills neither Lambda memory nor a Fargate task size: those fields hide,
    // and come back when the platform changes to one that bills them.
    ScenarioDocument document(1, load("auth-api-workers.json"));
    PropertiesEditor editor;
    editor.setDocument(&document);
    editor.show();
    QVERIFY(editor.numberField(QStringLiteral("cost.fargateVcpu")));
    QVERIFY(!editor.numberField(QStringLiteral("cost.fargateVcpu"))->isVisible());
    QVERIFY(!editor.numberField(QStringLiteral("cost.functionMemoryMb"))->isVisible());
    Scenario fargate = document.scenario();
    fargate.cost->platform = "fargate-arm";
    document.edit(fargate, QStringLiteral("Change platform"));
    QVERIFY(editor.numberField(QStringLiteral("cost.fargateVcpu"))->isVisible());
    QVERIFY(!editor.numberField(QStringLiteral("cost.functionMemoryMb"))->isVisible());
    document.undoStack()->undo();
    QVERIFY(!editor.numberField(QStringLiteral("cost.fargateVcpu"))->isVisible());
}

void TestPropertiesEditor::testEverySelectionBuildsAForm() {
    for (const char* name : {"mmc-queue.json", "auth-api-workers.json", "auth-api-servers.json"}) {
        if (!QFile::exists(QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets/") + name)) continue;
        ScenarioDocument document(1, load(name));
        PropertiesEditor editor;
        editor.setDocument(&document);
        QVERIFY(editor.numberField(QStringLiteral("run.durationS")));
        editor.setSelection({ComponentKind::Workload, {}});
        QVERIFY(editor.workloadEditor());
        for (const ComponentRef& ref : allComponents(document.scenario())) {
            editor.setSelection(ref);
            QVERIFY2(editor.findChild<QLineEdit*>(QStringLiteral("id")), qPrintable(ref.id));
        }
    }
}

void TestPropertiesEditor::testSliderDragIsOneUndoStep() {
    ScenarioDocument document(1, load("mmc-queue.json"));
    const QString before = canonicalText(document.scenario());
    PropertiesEditor editor;
    editor.setDocument(&document);
    editor.setSelection({ComponentKind::Workload, {}});
    QSlider* slider = editor.workloadEditor()->rateField()->slider();
    QVERIFY(slider);
    slider->setSliderDown(true);
    emit slider->sliderPressed();
    for (int position : {100, 200, 300, 400}) slider->setValue(position);
    slider->setSliderDown(false);
    emit slider->sliderReleased();
    QCOMPARE(document.undoStack()->count(), 1);
    QVERIFY(document.scenario().workload.ratePerS > 100);
    document.undoStack()->undo();
    QCOMPARE(canonicalText(document.scenario()), before);
}

void TestPropertiesEditor::testRenameFollowsReferences() {
    ScenarioDocument document(1, load("mmc-queue.json"));
    PropertiesEditor editor;
    editor.setDocument(&document);
    const ComponentRef station = allComponents(document.scenario()).front();
    editor.setSelection(station);
    QSignalSpy renamed(&editor, &PropertiesEditor::selectionRenamed);
    auto* id = editor.findChild<QLineEdit*>(QStringLiteral("id"));
    id->setText(QStringLiteral("pool"));
    emit id->editingFinished();
    QCOMPARE(renamed.count(), 1);
    QCOMPARE(document.scenario().topology.entry, std::string("pool"));
    QCOMPARE(editor.selection().id, QStringLiteral("pool"));
}

void TestPropertiesEditor::testUndoRefreshesTheForm() {
    ScenarioDocument document(1, load("mmc-queue.json"));
    PropertiesEditor editor;
    editor.setDocument(&document);
    NumberField* duration = editor.numberField(QStringLiteral("run.durationS"));
    const QString original = duration->lineEdit()->text();
    duration->lineEdit()->setText(QStringLiteral("120"));
    emit duration->lineEdit()->editingFinished();
    QCOMPARE(document.scenario().run.durationS, 120.0);
    document.undoStack()->undo();
    QCOMPARE(editor.numberField(QStringLiteral("run.durationS"))->lineEdit()->text(), original);
}

void TestPropertiesEditor::testLongTextReadsFromItsStart() {
    // A description longer than its field shows its first words, not its last.
    ScenarioDocument document(1, load("auth-api-workers.json"));
    PropertiesEditor editor;
    editor.setDocument(&document);
    const QString description = QString::fromStdString(document.scenario().description);
    QVERIFY(description.size() > 40);
    QLineEdit* field = nullptr;
    for (QLineEdit* edit : editor.findChildren<QLineEdit*>())
        if (edit->text() == description) field = edit;
    QVERIFY(field);
    QCOMPARE(field->cursorPosition(), 0);
}

QTEST_MAIN(TestPropertiesEditor)
#include "tst_propertieseditor.moc"
