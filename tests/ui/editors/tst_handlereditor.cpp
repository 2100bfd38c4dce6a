// SPDX-License-Identifier: GPL-3.0-or-later
// The handler editor's failure behaviour of a call step: a plain call keeps it folded, a guarded
// one opens with it; the timeout, retries and breaker are edited within their described ranges,
// each edit one undoable step, and the fields of a policy that is off are greyed out.

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "ui/document/scenariodocument.h"
#include "ui/editors/handlereditor.h"
#include "ui/editors/numberfield.h"
#include "ui/editors/propertieseditor.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

Scenario scenarioWithCall(const char* call) {
    const std::string text = std::string(R"({
        "formatVersion": 1,
        "workload": {"type": "poisson", "ratePerS": 1},
        "topology": {
            "entry": "s",
            "servers": [{"id": "s", "handler": [{"cpu": 1}, )") +
                             call + R"(]}],
            "databases": [{"id": "d", "queryMs": 1}]
        }
    })";
    ValidationReport report;
    auto scenario = scenarioFromJson(nlohmann::json::parse(text), report);
    if (!scenario) qFatal("%s", report.toString().c_str());
    return *scenario;
}

/// The editor with the server pool selected and its call step (the second) current.
HandlerEditor* selectCall(PropertiesEditor& editor) {
    editor.setSelection({ComponentKind::Server, QStringLiteral("s")});
    auto* handler = editor.findChild<HandlerEditor*>();
    if (!handler) return nullptr;
    handler->tree()->setCurrentItem(handler->tree()->topLevelItem(1));
    return handler;
}

bool commit(NumberField* field, const QString& text) {
    field->lineEdit()->setText(text);
    emit field->lineEdit()->editingFinished();
    return !field->hasError();
}

}  // namespace

class TestHandlerEditor : public QObject {
    Q_OBJECT
private slots:
    void testResilienceUnitsFitANarrowPanel() {
        // The properties panel at 1024x768 (larger still in presenter mode's bigger text): no
        // unit of a resilience field may run past the panel's right edge, which scrolls only
        // up and down.
        ScenarioDocument document(1, scenarioWithCall(R"({"call": "d", "timeoutMs": 200,
                "retry": {"attempts": 4, "backoffMs": 20}, "breaker": {"windowS": 30}})"));
        QScrollArea scroll;
        auto* editor = new PropertiesEditor;
        scroll.setWidget(editor);
        scroll.setWidgetResizable(true);
        scroll.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        editor->setDocument(&document);
        HandlerEditor* handler = selectCall(*editor);
        QVERIFY(handler);
        QVERIFY(handler->resilienceToggle()->isChecked());
        scroll.resize(300, 700);  // the dock's default width on a 1024x768 screen
        scroll.show();
        QVERIFY(QTest::qWaitForWindowExposed(&scroll));
        QApplication::processEvents();
        const int right = scroll.viewport()->width();
        int units = 0;
        for (const char* key : {"timeoutMs", "retry.backoffMs", "retry.maxBackoffMs",
                                "breaker.windowS", "breaker.openS"}) {
            NumberField* field = handler->resilienceField(key);
            QVERIFY2(field && field->isVisible(), key);
            for (QLabel* unit : field->findChildren<QLabel*>()) {
                if (!unit->isVisible() || unit->text().isEmpty()) continue;
                ++units;
                const QRect shown(unit->mapTo(scroll.viewport(), QPoint(0, 0)), unit->size());
                QVERIFY2(shown.right() < right,
                         qPrintable(QStringLiteral("%1: unit \"%2\" ends at %3, the panel at %4")
                                        .arg(key, unit->text())
                                        .arg(shown.right())
                                        .arg(right)));
                QVERIFY2(unit->width() >= unit->fontMetrics().horizontalAdvance(unit->text()),
                         qPrintable(unit->text()));
            }
        }
        QVERIFY(units >= 4);
    }

    void testPlainCallKeepsResilienceFolded() {
        ScenarioDocument document(1, scenarioWithCall(R"({"call": "d"})"));
        PropertiesEditor editor;
        editor.setDocument(&document);
        HandlerEditor* handler = selectCall(editor);
        QVERIFY(handler);
        QVERIFY(!handler->resilienceToggle()->isChecked());
        QVERIFY(!handler->retryCheck()->isChecked());
        QVERIFY(!handler->resilienceField("retry.attempts")->isEnabled());
        QVERIFY(!handler->resilienceField("breaker.windowS")->isEnabled());
        QVERIFY(handler->resilienceField("timeoutMs")->isEnabled());
        QVERIFY(!handler->resilienceField("timeoutMs")->value());
    }

    void testGuardedCallShowsItsPolicies() {
        ScenarioDocument document(
            1, scenarioWithCall(R"({"call": "d", "timeoutMs": 200,
                "retry": {"attempts": 4, "backoffMs": 20, "budget": 0.1},
                "breaker": {"windowS": 30}})"));
        PropertiesEditor editor;
        editor.setDocument(&document);
        HandlerEditor* handler = selectCall(editor);
        QVERIFY(handler);
        QVERIFY(handler->resilienceToggle()->isChecked());
        QVERIFY(handler->tree()->topLevelItem(1)->text(0).contains("4 attempts"));
        QCOMPARE(handler->resilienceField("timeoutMs")->value(), std::optional<double>(200));
        QCOMPARE(handler->resilienceField("retry.attempts")->value(), std::optional<double>(4));
        QCOMPARE(handler->resilienceField("retry.budget")->value(), std::optional<double>(0.1));
        QCOMPARE(handler->resilienceField("breaker.windowS")->value(), std::optional<double>(30));
        QCOMPARE(handler->resilienceField("breaker.halfOpenProbes")->value(),
                 std::optional<double>(CircuitBreakerSpec{}.halfOpenProbes));
    }

    void testEditsAreValidatedAndUndoable() {
        ScenarioDocument document(1, scenarioWithCall(R"({"call": "d"})"));
        PropertiesEditor editor;
        editor.setDocument(&document);
        HandlerEditor* handler = selectCall(editor);
        QVERIFY(handler);
        const auto step = [&document] {
            return document.scenario().topology.servers.front().handler.at(1);
        };
        QVERIFY(commit(handler->resilienceField("timeoutMs"), "150"));
        QCOMPARE(step().timeoutMs, std::optional<double>(150));
        handler = selectCall(editor);
        handler->retryCheck()->click();
        QVERIFY(step().retry.has_value());
        handler = selectCall(editor);
        QVERIFY(handler->resilienceField("retry.attempts")->isEnabled());
        QVERIFY(commit(handler->resilienceField("retry.attempts"), "5"));
        QCOMPARE(step().retry->attempts, 5);
        // Out of the described range (at least 2 attempts): refused, nothing changes.
        handler = selectCall(editor);
        QVERIFY(!commit(handler->resilienceField("retry.attempts"), "1"));
        QCOMPARE(step().retry->attempts, 5);
        handler = selectCall(editor);
        handler->breakerCheck()->click();
        QVERIFY(step().breaker.has_value());
        handler = selectCall(editor);
        QVERIFY(commit(handler->resilienceField("breaker.openS"), "12"));
        QCOMPARE(step().breaker->openS, 12.0);
        // Emptying the timeout would leave retries that can never happen: refused, and said why.
        handler = selectCall(editor);
        NumberField* timeout = handler->resilienceField("timeoutMs");
        QVERIFY(!commit(timeout, ""));
        QVERIFY(timeout->errorText().contains("timeoutMs"));
        QCOMPARE(step().timeoutMs, std::optional<double>(150));
        // When the call fails for good, the handler may go on without it (a fallback).
        handler = selectCall(editor);
        QCOMPARE(handler->onFailureBox()->currentIndex(), 0);
        handler->onFailureBox()->setCurrentIndex(1);
        emit handler->onFailureBox()->activated(1);
        QVERIFY(step().continueOnFailure);
        handler = selectCall(editor);
        QCOMPARE(handler->onFailureBox()->currentIndex(), 1);
        QCOMPARE(document.undoStack()->count(), 6);
        for (int i = 0; i < 6; ++i) document.undoStack()->undo();
        QVERIFY(!step().guarded());
    }
};

QTEST_MAIN(TestHandlerEditor)
#include "tst_handlereditor.moc"
