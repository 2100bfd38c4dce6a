// SPDX-License-Identifier: GPL-3.0-or-later
// The lesson reader: every bundled lesson loads against the bundled presets, every key a lesson
// uses is documented in docs/lessons.md, and a bad lesson is refused with every problem named by
// file, step and field.

#include <QDir>
#include <QtTest>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "sim/lesson/lessonjson.h"

using namespace archsim;

namespace {

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

PresetSource bundledPresets() {
    return [](const std::string& preset) -> std::optional<std::string> {
        const std::string path = ARCHSIM_RESOURCES_DIR "/presets/" + preset;
        if (preset.find('/') != std::string::npos || !QFile::exists(QString::fromStdString(path)))
            return std::nullopt;
        return readText(path);
    };
}

QStringList lessonFiles() {
    return QDir(QStringLiteral(ARCHSIM_RESOURCES_DIR "/lessons"))
        .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
}

/// Problems of a lesson made of one step (`step`, JSON) after a valid first step.
QStringList problemsOf(const std::string& secondStep) {
    const std::string text = R"({"formatVersion": 1, "title": "T", "steps": [
        {"title": "One", "text": "x", "scenarios": ["auth-api-workers.json", "auth-api-servers.json"]},
        )" + secondStep + "]}";
    std::vector<std::string> problems;
    const auto lesson = lessonFromText(text, "bad.json", bundledPresets(), problems);
    QStringList out;
    for (const auto& p : problems) out << QString::fromStdString(p);
    if (lesson && !problems.empty()) out << QStringLiteral("(a lesson was returned anyway)");
    return out;
}

void collectKeys(const nlohmann::json& value, std::set<std::string>& keys) {
    if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
            keys.insert(key);
            collectKeys(item, keys);
        }
    } else if (value.is_array()) {
        for (const auto& item : value) collectKeys(item, keys);
    }
}

}  // namespace

class TestLessonJson : public QObject {
    Q_OBJECT
private slots:
    void testEveryBundledLessonLoads();
    void testEveryKeyIsDocumented();
    void testScenariosAndEditsAreRead();
    void testBadLessonsNameFileStepAndField_data();
    void testBadLessonsNameFileStepAndField();
    void testMalformedJsonIsReported();
    void testChoicesTellWhichIsRight();
};

void TestLessonJson::testEveryBundledLessonLoads() {
    const QStringList files = lessonFiles();
    QVERIFY2(files.size() >= 6, qPrintable(files.join(',')));
    for (const QString& file : files) {
        std::vector<std::string> problems;
        const auto lesson =
            lessonFromText(readText(ARCHSIM_RESOURCES_DIR "/lessons/" + file.toStdString()),
                           file.toStdString(), bundledPresets(), problems);
        std::string all;
        for (const auto& p : problems) all += p + "\n";
        QVERIFY2(lesson, qPrintable(file + ":\n" + QString::fromStdString(all)));
        QVERIFY(!lesson->steps.empty());
        QCOMPARE(QString::fromStdString(lesson->id), QFileInfo(file).completeBaseName());
        // Every prediction says what the full run gives, so the suite can hold the text to it.
        for (const LessonStep& step : lesson->steps)
            if (step.predict)
                QVERIFY2(step.predict->expectChoice || step.predict->expectLow,
                         qPrintable(file + ": " + QString::fromStdString(step.title)));
    }
}

void TestLessonJson::testEveryKeyIsDocumented() {
    const std::string doc = readText(ARCHSIM_SOURCE_DIR "/docs/lessons.md");
    QVERIFY(!doc.empty());
    for (const QString& file : lessonFiles()) {
        std::set<std::string> keys;
        collectKeys(
            nlohmann::json::parse(readText(ARCHSIM_RESOURCES_DIR "/lessons/" + file.toStdString())),
            keys);
        for (const std::string& key : keys)
            QVERIFY2(doc.find("`" + key + "`") != std::string::npos,
                     qPrintable(file + ": key '" + QString::fromStdString(key) +
                                "' is not documented in docs/lessons.md"));
    }
}

void TestLessonJson::testScenariosAndEditsAreRead() {
    const std::string text = R"({"formatVersion": 1, "title": "T", "summary": "S", "minutes": 5,
      "steps": [
        {"title": "A", "text": ["line 1", "line 2"],
         "scenarios": ["auth-api-workers.json",
                       {"preset": "auth-api-workers.json", "name": "Slow", "set": ["workload.ratePerS=20"]}],
         "current": 1, "chart": "cost", "speed": "10x", "replications": 3, "run": true,
         "takeaway": "T"},
        {"title": "B", "text": "x",
         "predict": {"question": "Q", "figure": "p99", "scenario": 1, "relativeTo": 0,
                     "choices": [{"text": "low", "below": 1}, {"text": "high", "from": 1}],
                     "expect": 1, "unit": "x"}}]})";
    std::vector<std::string> problems;
    const auto lesson = lessonFromText(text, "dir/x.json", bundledPresets(), problems);
    QVERIFY2(lesson, problems.empty() ? "" : problems.front().c_str());
    QCOMPARE(QString::fromStdString(lesson->id), QStringLiteral("x"));
    QCOMPARE(lesson->minutes, 5);
    const LessonStep& a = lesson->steps[0];
    QCOMPARE(QString::fromStdString(a.text), QStringLiteral("line 1\nline 2"));
    QCOMPARE(a.scenarios.size(), std::size_t{2});
    QCOMPARE(QString::fromStdString(a.scenarios[1].set.front()),
             QStringLiteral("workload.ratePerS=20"));
    QCOMPARE(a.current, std::size_t{1});
    QCOMPARE(QString::fromStdString(a.chart), QStringLiteral("cost"));
    QCOMPARE(QString::fromStdString(a.speed), QStringLiteral("10x"));
    QCOMPARE(a.replications, 3);
    QVERIFY(a.run);
    // The second step keeps the first one's scenarios.
    QVERIFY(!lesson->steps[1].hasScenarios);
    QCOMPARE(lesson->scenarioStep(1), &lesson->steps[0]);
    const LessonPrediction& p = *lesson->steps[1].predict;
    QCOMPARE(p.relativeTo.value_or(9), std::size_t{0});
    QCOMPARE(p.expectChoice.value_or(9), std::size_t{1});

    // The edit reaches the scenario JSON with the CLI's path syntax.
    nlohmann::json json;
    QCOMPARE(QString::fromStdString(lessonScenarioJson(a.scenarios[1], bundledPresets(), json)),
             QString());
    QCOMPARE(json["workload"]["ratePerS"].get<double>(), 20.0);
    QCOMPARE(json["name"].get<std::string>(), std::string("Slow"));
}

void TestLessonJson::testBadLessonsNameFileStepAndField_data() {
    QTest::addColumn<QString>("step");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("unknown figure")
        << R"({"title": "B", "text": "x", "predict": {"question": "Q", "figure": "p98", "choices": [{"text": "a", "below": 1}, {"text": "b", "from": 1}]}})"
        << QStringList{
               "bad.json: step 2: steps[1].predict.figure: must be one of 'mean', 'p50', "
               "'p95', 'p99', 'p999', 'throughput', 'errorRate', 'coldStartFraction', "
               "'cacheHitRatio', 'peakInstances', 'monthlyCost', 'costPerMillion', got "
               "'p98' (did you mean 'p95'?)"};
    QTest::newRow("missing preset")
        << R"({"title": "B", "text": "x", "scenarios": ["auth-api-lambda.json"]})"
        << QStringList{
               "bad.json: step 2: steps[1].scenarios[0]: there is no bundled preset "
               "'auth-api-lambda.json'"};
    QTest::newRow("bad edit value")
        << R"({"title": "B", "text": "x", "scenarios": [{"preset": "auth-api-workers.json", "set": ["workload.ratePerS=-5"]}]})"
        << QStringList{
               "bad.json: step 2: steps[1].scenarios[0]: preset 'auth-api-workers.json' "
               "with its changes: workload.ratePerS: must be > 0 requests/s, got -5"};
    QTest::newRow("bad edit path")
        << R"({"title": "B", "text": "x", "scenarios": [{"preset": "auth-api-workers.json", "set": ["topology.functions[3].provisioned=1"]}]})"
        << QStringList{
               "bad.json: step 2: steps[1].scenarios[0]: set "
               "topology.functions[3].provisioned: topology.functions has 1 element, so "
               "there is no topology.functions[3]"};
    QTest::newRow("overlapping choices")
        << R"({"title": "B", "text": "x", "predict": {"question": "Q", "figure": "p99", "choices": [{"text": "a", "below": 10}, {"text": "b", "from": 5}]}})"
        << QStringList{
               "bad.json: step 2: steps[1].predict.choices: answers 0 and 1 overlap; one "
               "measured figure must make exactly one answer right"};
    QTest::newRow("scenario out of range")
        << R"({"title": "B", "text": "x", "predict": {"question": "Q", "figure": "p99", "scenario": 2, "tolerance": 0.1}})"
        << QStringList{
               "bad.json: step 2: steps[1].predict.scenario: is 2, but the step shows 2 "
               "scenario(s) (counted from 0)"};
    QTest::newRow("unknown chart")
        << R"({"title": "B", "text": "x", "chart": "costs"})"
        << QStringList{
               "bad.json: step 2: steps[1].chart: must be one of 'percentiles', "
               "'distribution', 'breakdown', 'tail', 'capacity', 'cache', 'cost', 'summary', "
               "'jobs', got 'costs' (did you mean 'cost'?)"};
    QTest::newRow("misspelt key")
        << R"({"title": "B", "text": "x", "takeway": "y"})"
        << QStringList{
               "bad.json: step 2: steps[1].takeway: unknown field 'takeway' (did you mean "
               "'takeaway'?)"};
    QTest::newRow("missing text and bad expect")
        << R"({"title": "B", "predict": {"question": "Q", "figure": "p99", "expect": 3}})"
        << QStringList{"bad.json: step 2: steps[1].text: is required but missing",
                       "bad.json: step 2: steps[1].predict.expect: must be [low, high], the range "
                       "the measured figure falls in, got number 3"};
}

void TestLessonJson::testBadLessonsNameFileStepAndField() {
    QFETCH(QString, step);
    QFETCH(QStringList, expected);
    QCOMPARE(problemsOf(step.toStdString()).join('\n'), expected.join('\n'));
}

void TestLessonJson::testMalformedJsonIsReported() {
    std::vector<std::string> problems;
    QVERIFY(!lessonFromText("{\"title\": \"x\",\n \"steps\": [}", "broken.json", bundledPresets(),
                            problems));
    QCOMPARE(problems.size(), std::size_t{1});
    QVERIFY2(problems.front().rfind("broken.json: ", 0) == 0, problems.front().c_str());
    QVERIFY2(problems.front().find("line 2") != std::string::npos, problems.front().c_str());
    problems.clear();
    QVERIFY(!lessonFromText(R"({"formatVersion": 1, "title": "x"})", "empty.json", bundledPresets(),
                            problems));
    QCOMPARE(QString::fromStdString(problems.front()),
             QStringLiteral("empty.json: steps: is required but missing"));
}

void TestLessonJson::testChoicesTellWhichIsRight() {
    const LessonChoice low{"low", std::nullopt, 10.0};
    const LessonChoice mid{"mid", 10.0, 100.0};
    const LessonChoice high{"high", 100.0, std::nullopt};
    QVERIFY(low.contains(9.99) && !low.contains(10));
    QVERIFY(mid.contains(10) && mid.contains(99.9) && !mid.contains(100));
    QVERIFY(high.contains(100) && !high.contains(99));
}

QTEST_GUILESS_MAIN(TestLessonJson)
#include "tst_lessonjson.moc"
