// SPDX-License-Identifier: GPL-3.0-or-later
// The workload editor's trace page: a new file or new column options are read at once, so the
// document replays the arrivals the fields describe; a size column replaces the size field.

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <fstream>

#include "sim/scenario/scenariojson.h"
#include "ui/document/scenariodocument.h"
#include "ui/editors/distributionfield.h"
#include "ui/editors/propertieseditor.h"
#include "ui/editors/workloadeditor.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

void typeInto(QLineEdit* edit, const QString& text) {
    edit->setText(text);
    emit edit->editingFinished();
}

void choose(QComboBox* box, int data) {
    const int index = box->findData(data);
    QVERIFY(index >= 0);
    box->setCurrentIndex(index);
    emit box->activated(index);
}

}  // namespace

class TestWorkloadEditor : public QObject {
    Q_OBJECT
private slots:
    void testTraceEditsReadTheFileAgain() {
        QTemporaryDir dir;
        const auto write = [&](const char* name, const char* text) {
            std::ofstream(dir.filePath(name).toStdString()) << text;
        };
        write("a.csv", "0.5\n1\n");
        write("b.csv",
              "host,ts,bytes\nx,1700000001000,2048\ny,1700000000000,1024\n"
              "z,1700000000250,3072\n");
        ValidationReport report;
        const nlohmann::json json = {
            {"formatVersion", 1},
            {"run", {{"durationS", 10}}},
            {"workload", {{"type", "trace"}, {"traceFile", "a.csv"}}},
            {"topology",
             {{"entry", "q"},
              {"stations",
               nlohmann::json::array({{{"id", "q"}, {"servers", 1}, {"serviceMs", 1}}})}}}};
        const auto scenario = scenarioFromJson(json, report, dir.path().toStdString());
        QVERIFY2(scenario, report.toString().c_str());
        ScenarioDocument document(1, *scenario);
        document.setBaseDirectory(dir.path());
        PropertiesEditor properties;
        properties.setDocument(&document);
        properties.setSelection({ComponentKind::Workload, {}});
        WorkloadEditor* editor = properties.workloadEditor();
        QVERIFY(editor);
        const auto& w = [&]() -> const WorkloadSpec& { return document.scenario().workload; };
        QCOMPARE(w().traceTimesS, (std::vector<double>{0.5, 1}));

        // Another file whose first column is text: refused, the document keeps a.csv, the field
        // keeps what was typed, and the next field edit applies both.
        typeInto(editor->traceFileEdit(), QStringLiteral("b.csv"));
        QCOMPARE(w().traceFile, std::string("a.csv"));
        QVERIFY2(editor->traceInfo()->text().contains(QStringLiteral("b.csv")),
                 qPrintable(editor->traceInfo()->text()));
        QCOMPARE(editor->traceFileEdit()->text(), QStringLiteral("b.csv"));
        typeInto(editor->timeColumnEdit(), QStringLiteral("ts"));  // 1.7e12 s: past 31 days
        QCOMPARE(w().traceFile, std::string("a.csv"));
        choose(editor->timeUnitBox(), int(TraceTimeUnit::Milliseconds));  // still 54 years
        QCOMPARE(w().traceFile, std::string("a.csv"));
        choose(editor->timeBaseBox(), int(TraceTimeBase::Epoch));  // Unix milliseconds: fine
        QCOMPARE(w().traceFile, std::string("b.csv"));
        QCOMPARE(w().traceColumns.timeColumn, std::string("ts"));
        QCOMPARE(w().traceTimesS, (std::vector<double>{0, 0.25, 1}));
        QVERIFY(!w().payloadKb);
        QVERIFY(editor->payloadField()->isEnabled());

        // A size column by position: the sizes reach the workload and the size field is theirs.
        typeInto(editor->payloadColumnEdit(), QStringLiteral("3"));
        QCOMPARE(w().traceColumns.payloadColumnIndex, std::optional<std::size_t>(2));
        QVERIFY(w().payloadKb);
        QCOMPARE(*w().payloadKb->mean(), 2.0);
        QVERIFY(!editor->payloadField()->isEnabled());
        QVERIFY(editor->traceInfo()->text().contains(QStringLiteral("3 arrivals")));
        // Each row's own size, in arrival order (y at 0 s, z at 0.25 s, x at 1 s).
        QCOMPARE(w().tracePayloadKb, (std::vector<double>{1, 3, 2}));

        // A key column by name: the hosts become keys in arrival order.
        typeInto(editor->keyColumnEdit(), QStringLiteral("host"));
        QCOMPARE(w().traceColumns.keyColumn, std::string("host"));
        QCOMPARE(w().traceKeys, (std::vector<std::int64_t>{0, 1, 2}));
        document.undoStack()->undo();
        QVERIFY(w().traceColumns.keyColumn.empty());
        QVERIFY(w().traceKeys.empty());

        // Undo walks back through the same states, arrivals included.
        document.undoStack()->undo();
        QVERIFY(!w().payloadKb);
        QVERIFY(editor->payloadField()->isEnabled());
        while (document.undoStack()->canUndo()) document.undoStack()->undo();
        QCOMPARE(w().traceFile, std::string("a.csv"));
        QCOMPARE(w().traceTimesS, (std::vector<double>{0.5, 1}));
    }
};

QTEST_MAIN(TestWorkloadEditor)
#include "tst_workloadeditor.moc"
