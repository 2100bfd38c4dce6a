// SPDX-License-Identifier: GPL-3.0-or-later
// The scenario's failures in the properties editor (nothing selected): add, edit and remove are
// each one undoable step, the component is chosen from the topology's ids, a kind shows only its
// own field, and an invalid edit is refused with the reader's message.

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "ui/document/scenariodocument.h"
#include "ui/editors/failureseditor.h"
#include "ui/editors/numberfield.h"
#include "ui/editors/propertieseditor.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

Scenario smallScenario() {
    ValidationReport report;
    auto scenario = scenarioFromJson(nlohmann::json::parse(R"({
        "formatVersion": 1,
        "run": {"durationS": 90},
        "workload": {"type": "poisson", "ratePerS": 1},
        "topology": {
            "entry": "s",
            "servers": [{"id": "s", "handler": [{"cpu": 1}, {"cache": "c"}]}],
            "caches": [{"id": "c", "lookupMs": 1}]
        }
    })"),
                                     report);
    if (!scenario) qFatal("%s", report.toString().c_str());
    return *scenario;
}

bool commit(NumberField* field, const QString& text) {
    field->lineEdit()->setText(text);
    emit field->lineEdit()->editingFinished();
    return !field->hasError();
}

}  // namespace

class TestFailuresEditor : public QObject {
    Q_OBJECT
private slots:
    void testAddEditRemoveUndo() {
        ScenarioDocument document(1, smallScenario());
        PropertiesEditor editor;
        editor.setDocument(&document);
        editor.show();
        auto* failures = editor.findChild<FailuresEditor*>();
        QVERIFY(failures);
        QCOMPARE(failures->list()->count(), 0);
        const auto failure = [&document] { return document.scenario().failures.at(0); };

        failures->addFailure();
        failures = editor.findChild<FailuresEditor*>();
        QCOMPARE(document.scenario().failures.size(), std::size_t{1});
        QCOMPARE(failure().kind, FailureKind::Down);
        QCOMPARE(failure().target, std::string("s"));
        QCOMPARE(failure().startS, 30.0);
        QCOMPARE(failure().endS, 60.0);
        QCOMPARE(failures->list()->count(), 1);
        QCOMPARE(failures->list()->currentRow(), 0);
        // The components to choose from are the topology's.
        QStringList ids;
        for (int i = 0; i < failures->targetBox()->count(); ++i)
            ids << failures->targetBox()->itemText(i);
        QCOMPARE(ids, (QStringList{"s", "c"}));

        // Down has no field of its own; slow shows its slowdown only.
        QVERIFY(!failures->numberField("factor")->isVisible());
        failures->kindBox()->setCurrentIndex(1);
        emit failures->kindBox()->activated(1);
        failures = editor.findChild<FailuresEditor*>();
        QCOMPARE(failure().kind, FailureKind::Slow);
        QVERIFY(failures->numberField("factor")->isVisible());
        QVERIFY(!failures->numberField("probability")->isVisible());
        QVERIFY(commit(failures->numberField("factor"), "4"));
        QCOMPARE(failure().factor, 4.0);

        // An end before the start is refused with a message; the scenario keeps its end.
        failures = editor.findChild<FailuresEditor*>();
        QVERIFY(!commit(failures->numberField("endS"), "10"));
        QCOMPARE(failure().endS, 60.0);

        // A cache flush: on the cache, no end.
        failures = editor.findChild<FailuresEditor*>();
        failures->targetBox()->setCurrentIndex(1);
        emit failures->targetBox()->activated(1);
        failures = editor.findChild<FailuresEditor*>();
        failures->kindBox()->setCurrentIndex(3);
        emit failures->kindBox()->activated(3);
        failures = editor.findChild<FailuresEditor*>();
        QCOMPARE(failure().kind, FailureKind::CacheFlush);
        QCOMPARE(failure().target, std::string("c"));
        QVERIFY(!failures->numberField("endS")->isVisible());
        failures->labelEdit()->setText("Redis restart");
        emit failures->labelEdit()->editingFinished();
        QCOMPARE(failure().label, std::string("Redis restart"));
        failures = editor.findChild<FailuresEditor*>();
        QVERIFY(failures->list()->item(0)->text().startsWith("Redis restart"));

        failures->removeFailure();
        QVERIFY(document.scenario().failures.empty());
        // add, kind, factor, target, kind, label, remove
        QCOMPARE(document.undoStack()->count(), 7);
        document.undoStack()->undo();
        QCOMPARE(failure().label, std::string("Redis restart"));
        for (int i = 0; i < 6; ++i) document.undoStack()->undo();
        QVERIFY(document.scenario().failures.empty());
    }
};

QTEST_MAIN(TestFailuresEditor)
#include "tst_failureseditor.moc"
