// SPDX-License-Identifier: GPL-3.0-or-later
// The properties editor: every kind of selection builds a form, edits are validated and undoable,
// a slider drag is one undo step, a rename follows references, and every number field takes its
// range, unit and tooltip from the field description, so it accepts exactly what the file reader
// accepts.

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QTreeWidget>
#include <QtTest>

#include "sim/scenario/fieldedges.h"
#include "sim/scenario/scenariojson.h"
#include "ui/document/scenariodocument.h"
#include "ui/document/scenarioedits.h"
#include "ui/editors/handlereditor.h"
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
    void testLatencyObjectiveIsEditable();
    void testCostFieldsFollowThePlatform();
    void testLongTextReadsFromItsStart();
    void testEditorAndReaderAgreeAtTheEdges();
    void testCacheKeysHaveOneLimit();
    void testGatewayRateLimitAndShedding();
    void testSweepThisFieldNamesThePath();
    void testRegionsAndPlacementsAreEditable();
    void testObjectStoreEventAndClientStepsAreEditable();
};

void TestPropertiesEditor::testSweepThisFieldNamesThePath() {
    // Numeric fields of the run, the workload and each component offer "Sweep this field…" with
    // the scenario path a sweep file uses; fields a sweep cannot vary (the seed) offer nothing.
    ScenarioDocument document(1, load("auth-api-servers.json"));
    PropertiesEditor editor;
    editor.setDocument(&document);
    QSignalSpy spy(&editor, &PropertiesEditor::sweepRequested);
    NumberField* duration = editor.numberField(QStringLiteral("run.durationS"));
    QVERIFY(duration);
    QCOMPARE(duration->sweepPath(), QStringLiteral("run.durationS"));
    QVERIFY(editor.numberField(QStringLiteral("seed"))->sweepPath().isEmpty());
    QVERIFY(!editor.numberField(QStringLiteral("seed"))->sweepAction()->isVisible());

    editor.setSelection({ComponentKind::Database, QStringLiteral("users-db")});
    NumberField* connections = editor.numberField(QStringLiteral("databases.connections"));
    QVERIFY(connections);
    connections->sweepAction()->trigger();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.takeFirst().front().toString(),
             QStringLiteral("topology.databases[0].connections"));

    editor.setSelection({ComponentKind::Workload, {}});
    QVERIFY(editor.workloadEditor());
    editor.workloadEditor()->rateField()->sweepAction()->trigger();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.takeFirst().front().toString(), QStringLiteral("workload.ratePerS"));
}

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

void TestPropertiesEditor::testLatencyObjectiveIsEditable() {
    // mmc-queue carries an objective; clearing it hands the SLO back to the Run panel, and typing
    // one (and its percentile) sets it, each an undoable step.
    ScenarioDocument document(1, load("mmc-queue.json"));
    PropertiesEditor editor;
    editor.setDocument(&document);
    QVERIFY(document.scenario().slo);
    NumberField* latency = editor.numberField(QStringLiteral("slo.latencyMs"));
    NumberField* percentile = editor.numberField(QStringLiteral("slo.percentile"));
    QVERIFY(latency && percentile);
    QVERIFY(percentile->isEnabled());
    latency->lineEdit()->setText(QString());
    emit latency->lineEdit()->editingFinished();
    QVERIFY(!document.scenario().slo);
    QVERIFY(!percentile->isEnabled());
    latency->lineEdit()->setText(QStringLiteral("250"));
    emit latency->lineEdit()->editingFinished();
    QVERIFY(document.scenario().slo);
    QCOMPARE(document.scenario().slo->latencyMs, 250.0);
    QCOMPARE(document.scenario().slo->percentile, 99.0);
    percentile->lineEdit()->setText(QStringLiteral("99.9"));
    emit percentile->lineEdit()->editingFinished();
    QCOMPARE(document.scenario().slo->percentile, 99.9);
    // Past the field's range: refused with the field's message, the objective kept.
    percentile->lineEdit()->setText(QStringLiteral("40"));
    emit percentile->lineEdit()->editingFinished();
    QCOMPARE(document.scenario().slo->percentile, 99.9);
    document.undoStack()->undo();
    QCOMPARE(document.scenario().slo->percentile, 99.0);
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

namespace {
/// The editor showing the base scenario of the field-edge cases, with `kind` selected.
ComponentRef firstOfKind(const Scenario& scenario, ComponentKind kind) {
    if (!isTopologyComponent(kind)) return {kind, {}};
    for (const ComponentRef& ref : allComponents(scenario))
        if (ref.kind == kind) return ref;
    return {};
}

bool editorAccepts(NumberField* field, double value) {
    QString error;
    const auto parsed = field->parse(QString::number(value, 'g', 17), &error);
    return parsed.has_value() && error.isEmpty();
}
}  // namespace

void TestPropertiesEditor::testEditorAndReaderAgreeAtTheEdges() {
    // Every described number, on both sides of both ends of its range: the editor's field and the
    // file reader accept and refuse the same values, and those the description allows. The field
    // also shows the described unit and tooltip.
    ValidationReport report;
    const auto scenario = scenarioFromJson(testing::baseScenario(), report);
    QVERIFY2(scenario, report.toString().c_str());
    ScenarioDocument document(1, *scenario);
    PropertiesEditor editor;
    editor.setDocument(&document);
    int tried = 0;
    for (const testing::FieldCase& c : testing::numericFieldCases()) {
        const ComponentRef ref = firstOfKind(document.scenario(), c.selection);
        QCOMPARE(ref.kind, c.selection);
        editor.setSelection(ref);
        NumberField* field = editor.numberField(QString::fromStdString(c.editorKey));
        QVERIFY2(field, ("no editor field " + c.editorKey).c_str());
        const QString tooltip = QString::fromUtf8(c.field->tooltip.data(),
                                                  static_cast<qsizetype>(c.field->tooltip.size()));
        QVERIFY2(field->lineEdit()->toolTip().startsWith(tooltip), c.editorKey.c_str());
        for (const double value : testing::edgeValues(*c.field)) {
            // warmupS must also be shorter than the run, which is at most its own maximum.
            if (c.field == &fields::run::warmupS && value == c.field->max) continue;
            const std::string what = c.editorKey + " = " + formatNumber(value);
            std::string others;
            const bool reader = testing::readerAccepts(c, value, others);
            QVERIFY2(others.empty(), (what + ": " + others).c_str());
            const bool editorSays = editorAccepts(field, value);
            QVERIFY2(editorSays == reader,
                     (what + (editorSays ? ": the editor accepts it, the reader not"
                                         : ": the reader accepts it, the editor not"))
                         .c_str());
            QVERIFY2(editorSays == c.field->accepts(value), what.c_str());
            ++tried;
        }
    }
    QVERIFY(tried > 100);
}

void TestPropertiesEditor::testCacheKeysHaveOneLimit() {
    // The key space once went to 1e12 in the editor and to 1e8 in the file reader, so a value the
    // editor took was then refused on validation. Both now stop at kMaxKeys.
    ValidationReport report;
    const auto scenario = scenarioFromJson(testing::baseScenario(), report);
    QVERIFY2(scenario, report.toString().c_str());
    ScenarioDocument document(1, *scenario);
    PropertiesEditor editor;
    editor.setDocument(&document);
    editor.setSelection(firstOfKind(document.scenario(), ComponentKind::Cache));
    NumberField* keys = editor.numberField(QStringLiteral("caches.keys"));
    QVERIFY(keys);
    const testing::FieldCase c{&fields::cache::keys, ComponentKind::Cache, "topology.caches[0]",
                               "caches.keys"};
    std::string others;
    QVERIFY(editorAccepts(keys, 100'000'000));
    QVERIFY(testing::readerAccepts(c, 100'000'000, others));
    QVERIFY(!editorAccepts(keys, 100'000'001));
    QVERIFY(!testing::readerAccepts(c, 100'000'001, others));
    QVERIFY(!editorAccepts(keys, 1e12));
    QCOMPARE(QString::fromStdString(others), QString());
    // Typed and committed, the edge value is stored.
    keys->lineEdit()->setText(QStringLiteral("100000000"));
    emit keys->lineEdit()->editingFinished();
    QVERIFY(!keys->hasError());
    QCOMPARE(document.scenario().topology.caches.front().keys, std::int64_t{100'000'000});
}

void TestPropertiesEditor::testObjectStoreEventAndClientStepsAreEditable() {
    // The store's event on each PUT is one choice over the queues and the function pools; each
    // pick is one undo step. The workload's properties hold the client's steps after the response.
    ScenarioDocument document(1, load("uploads-presigned.json"));
    PropertiesEditor editor;
    editor.setDocument(&document);
    const auto store = [&] { return document.scenario().topology.objectStores.front(); };
    editor.setSelection({ComponentKind::ObjectStore, QStringLiteral("uploads")});
    QVERIFY(editor.numberField(QStringLiteral("objectStores.retentionDays")));
    QComboBox* event = nullptr;
    for (QComboBox* box : editor.findChildren<QComboBox*>())
        if (box->toolTip().startsWith(QStringLiteral("An event on each completed PUT")))
            event = box;
    QVERIFY(event);
    // (none), the queue, the two function pools.
    QCOMPARE(event->count(), 4);
    QCOMPARE(event->currentIndex(), 1);
    QCOMPARE(event->itemText(3), QStringLiteral("Invoke process"));
    event->setCurrentIndex(3);
    emit event->activated(3);
    QVERIFY(store().onPut);
    QCOMPARE(store().onPut->function, std::string("process"));
    QVERIFY(store().onPut->queue.empty());
    event->setCurrentIndex(0);
    emit event->activated(0);
    QVERIFY(!store().onPut);
    document.undoStack()->undo();
    QCOMPARE(store().onPut->function, std::string("process"));
    document.undoStack()->undo();
    QCOMPARE(store().onPut->queue, std::string("process-jobs"));

    editor.setSelection({ComponentKind::Workload, QString()});
    auto* steps = editor.findChild<HandlerEditor*>(QStringLiteral("afterResponseEditor"));
    QVERIFY(steps);
    QCOMPARE(steps->tree()->topLevelItemCount(), 1);
    QVERIFY(steps->tree()->topLevelItem(0)->text(0).startsWith(
        QStringLiteral("Upload (PUT) to uploads")));
}

QTEST_MAIN(TestPropertiesEditor)
#include "tst_propertieseditor.moc"

void TestPropertiesEditor::testGatewayRateLimitAndShedding() {
    // The rate limit is an optional group: its fields are greyed out until it is switched on;
    // switching, editing and shedding thresholds are each one undoable step.
    ValidationReport report;
    const auto scenario = scenarioFromJson(testing::baseScenario(), report);
    QVERIFY2(scenario, report.toString().c_str());
    ScenarioDocument document(1, *scenario);
    PropertiesEditor editor;
    editor.setDocument(&document);
    editor.setSelection(firstOfKind(document.scenario(), ComponentKind::Gateway));
    const auto gateway = [&document] { return document.scenario().topology.gateways.front(); };
    NumberField* rate = editor.numberField(QStringLiteral("gateways.rateLimit.ratePerS"));
    NumberField* burst = editor.numberField(QStringLiteral("gateways.rateLimit.burst"));
    NumberField* queued = editor.numberField(QStringLiteral("gateways.shedQueueAbove"));
    NumberField* inFlight = editor.numberField(QStringLiteral("gateways.shedInFlightAbove"));
    QVERIFY(rate && burst && queued && inFlight);
    QVERIFY(!rate->isEnabled());
    QVERIFY(!burst->isEnabled());
    QCheckBox* limit = nullptr;
    for (QCheckBox* check : editor.findChildren<QCheckBox*>())
        if (check->text() == QStringLiteral("Rate limit")) limit = check;
    QVERIFY(limit);
    QVERIFY(!limit->isChecked());
    limit->click();
    QVERIFY(gateway().rateLimit.has_value());
    rate = editor.numberField(QStringLiteral("gateways.rateLimit.ratePerS"));
    QVERIFY(rate->isEnabled());
    rate->lineEdit()->setText(QStringLiteral("250"));
    emit rate->lineEdit()->editingFinished();
    QCOMPARE(gateway().rateLimit->ratePerS, 250.0);
    // Out of range: refused with a message, the scenario unchanged.
    burst = editor.numberField(QStringLiteral("gateways.rateLimit.burst"));
    burst->lineEdit()->setText(QStringLiteral("0"));
    emit burst->lineEdit()->editingFinished();
    QCOMPARE(gateway().rateLimit->burst, RateLimitSpec{}.burst);
    queued = editor.numberField(QStringLiteral("gateways.shedQueueAbove"));
    queued->lineEdit()->setText(QStringLiteral("40"));
    emit queued->lineEdit()->editingFinished();
    QCOMPARE(gateway().shedQueueAbove, std::optional<std::int64_t>(40));
    QCOMPARE(document.undoStack()->count(), 3);
    document.undoStack()->undo();
    QVERIFY(!gateway().shedQueueAbove);
    document.undoStack()->undo();
    QCOMPARE(gateway().rateLimit->ratePerS, RateLimitSpec{}.ratePerS);
    document.undoStack()->undo();
    QVERIFY(!gateway().rateLimit);
    QVERIFY(!editor.numberField(QStringLiteral("gateways.rateLimit.ratePerS"))->isEnabled());
}

void TestPropertiesEditor::testRegionsAndPlacementsAreEditable() {
    // The scenario's Regions field lists ids and shares; each component's Region choice then
    // offers them and the edge; each edit is one undo step, and a bad list is refused.
    ScenarioDocument document(1, load("auth-api-servers.json"));
    PropertiesEditor editor;
    editor.setDocument(&document);
    QLineEdit* regions = nullptr;
    for (QLineEdit* edit : editor.findChildren<QLineEdit*>())
        if (edit->toolTip().startsWith(QStringLiteral("Where the clients are"))) regions = edit;
    QVERIFY(regions);
    regions->setText(QStringLiteral("us-east-1 0.4, eu-west-1 0.6"));
    emit regions->editingFinished();
    QCOMPARE(document.scenario().topology.regions.size(), std::size_t{2});
    QCOMPARE(document.scenario().topology.regions[1].clientShare, 0.6);
    regions->setText(QStringLiteral("us-east-1 lots"));
    emit regions->editingFinished();
    QCOMPARE(document.scenario().topology.regions.size(), std::size_t{2});  // refused, kept

    editor.setSelection({ComponentKind::Database, QStringLiteral("users-db")});
    QComboBox* region = nullptr;
    for (QComboBox* box : editor.findChildren<QComboBox*>())
        if (box->toolTip().startsWith(QStringLiteral("Where the component runs"))) region = box;
    QVERIFY(region);
    QCOMPARE(region->count(), 4);  // the first region, the two listed, the edge
    QCOMPARE(region->itemText(2), QStringLiteral("eu-west-1"));
    region->setCurrentIndex(3);
    emit region->activated(3);
    QCOMPARE(document.scenario().topology.databases[0].region, std::string("edge"));
    document.undoStack()->undo();
    QCOMPARE(document.scenario().topology.databases[0].region, std::string("us-east-1"));

    // A queue runs in one region: its choice has no edge.
    Scenario withQueue = document.scenario();
    QueueSpec queue;
    queue.id = "audit";
    queue.enqueueMs = makeConstant(5);
    withQueue.topology.queues.push_back(queue);
    document.edit(withQueue, QStringLiteral("Add queue"));
    editor.setSelection({ComponentKind::Queue, QStringLiteral("audit")});
    QComboBox* queueRegion = nullptr;
    for (QComboBox* box : editor.findChildren<QComboBox*>())
        if (box->isVisibleTo(&editor) &&
            box->toolTip().startsWith(QStringLiteral("Where the component runs")))
            queueRegion = box;
    QVERIFY(queueRegion);
    QCOMPARE(queueRegion->count(), 3);  // the first region and the two listed
    queueRegion->setCurrentIndex(2);
    emit queueRegion->activated(2);
    QCOMPARE(document.scenario().topology.queues[0].region, std::string("eu-west-1"));
}
