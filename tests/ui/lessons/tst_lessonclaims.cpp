// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled lessons tell the truth: each prediction's scenarios run for their full length (as
// the lesson panel runs them, with the bundled prices), and the measured figure gives the answer
// the lesson's text was written for (its `expect`). A change to the engine or a preset that moves
// a figure across a choice's bound fails here, naming the lesson and the step.

#include <QtTest>
#include <cmath>
#include <map>

#include "sim/cost/pricing.h"
#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"
#include "ui/lessons/lessonlibrary.h"
#include "ui/report/summaryfigures.h"

using namespace archsim;
using namespace archsim::ui;

class TestLessonClaims : public QObject {
    Q_OBJECT
private slots:
    void testEveryPredictionHoldsForTheFullRun();
};

void TestLessonClaims::testEveryPredictionHoldsForTheFullRun() {
    const LessonLibrary library = LessonLibrary::bundled();
    QVERIFY2(library.problems.isEmpty(), qPrintable(library.problems.join('\n')));
    QVERIFY(library.lessons.size() >= 6);
    PricingLoadResult pricing = loadPricingFile(ARCHSIM_RESOURCES_DIR "/pricing/default.json");
    QVERIFY(pricing.table);
    const PresetSource presets = LessonLibrary::presetSource();
    // A scenario shown by several steps runs once.
    std::map<std::string, RunResult> runs;
    const auto resultOf = [&](const LessonScenario& item) -> const RunResult& {
        const std::string key = nlohmann::json{item.preset, item.set}.dump();
        auto it = runs.find(key);
        if (it != runs.end()) return it->second;
        nlohmann::json json;
        const std::string error = lessonScenarioJson(item, presets, json);
        ValidationReport report;
        const auto scenario = error.empty() ? scenarioFromJson(json, report) : std::nullopt;
        RunOptions options;
        options.seed = scenario ? scenario->seed : 1;
        options.pricing = &*pricing.table;
        return runs.emplace(key, scenario ? runScenario(*scenario, options) : RunResult{})
            .first->second;
    };
    int checked = 0;
    for (const Lesson& lesson : library.lessons) {
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            const LessonStep& step = lesson.steps[i];
            if (!step.predict) continue;
            const LessonPrediction& p = *step.predict;
            const LessonStep* shown = lesson.scenarioStep(i);
            QVERIFY(shown);
            const SummaryFigure* figure = summaryFigure(QString::fromStdString(p.figure));
            QVERIFY2(figure, p.figure.c_str());
            double measured = figure->value(resultOf(shown->scenarios.at(p.scenario)));
            if (p.relativeTo)
                measured /= figure->value(resultOf(shown->scenarios.at(*p.relativeTo)));
            const QString where =
                QStringLiteral("%1, step %2 (%3): %4 = %5")
                    .arg(QString::fromStdString(lesson.id))
                    .arg(i + 1)
                    .arg(QString::fromStdString(step.title), QString::fromStdString(p.figure))
                    .arg(measured, 0, 'g', 6);
            QVERIFY2(std::isfinite(measured), qPrintable(where));
            if (p.expectChoice) {
                QVERIFY2(p.choices.at(*p.expectChoice).contains(measured), qPrintable(where));
            } else {
                QVERIFY2(p.expectLow && p.expectHigh, qPrintable(where + ": no expect"));
                QVERIFY2(measured >= *p.expectLow && measured <= *p.expectHigh, qPrintable(where));
            }
            ++checked;
        }
    }
    QVERIFY(checked >= 12);
}

QTEST_GUILESS_MAIN(TestLessonClaims)
#include "tst_lessonclaims.moc"
