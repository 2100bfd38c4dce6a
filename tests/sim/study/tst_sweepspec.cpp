// SPDX-License-Identifier: GPL-3.0-or-later
// Sweep files: lists and ranges (linear, log, whole numbers), the points they make, and every bad
// input reported with its path in the sweep file.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "sim/study/sweepspec.h"

using namespace archsim;

namespace {

std::optional<SweepSpec> read(const std::string& text, ValidationReport& report) {
    return sweepFromJson(nlohmann::json::parse(text), "/base", report);
}

std::string problems(const std::string& text) {
    ValidationReport report;
    const auto spec = read(text, report);
    return spec ? std::string("(accepted)") : report.toString();
}

}  // namespace

class TestSweepSpec : public QObject {
    Q_OBJECT
private slots:
    void testListAndDefaults() {
        ValidationReport report;
        const auto spec = read(R"({"formatVersion": 1, "scenarios": ["a.json", "/abs/b.json"],
            "fields": [{"path": "workload.ratePerS", "values": [5, 10, 20]}]})",
                               report);
        QVERIFY2(spec, report.toString().c_str());
        QCOMPARE(spec->scenarioPaths[0], std::string("/base/a.json"));
        QCOMPARE(spec->scenarioPaths[1], std::string("/abs/b.json"));
        QCOMPARE(spec->replications, 10u);
        QCOMPARE(spec->figures.size(), std::size_t{3});
        QCOMPARE(spec->pointCount(), std::size_t{3});
        QCOMPARE(spec->pointValues(2)[0].get<double>(), 20.0);
        QCOMPARE(spec->fields[0].target.steps.size(), std::size_t{2});
    }

    void testLinearAndLogRanges() {
        const auto linear = rangeValues(10, 50, 5, SweepScale::Linear, false);
        QCOMPARE(linear, (std::vector<double>{10, 20, 30, 40, 50}));
        const auto log = rangeValues(1, 1000, 4, SweepScale::Log, false);
        QCOMPARE(log.size(), std::size_t{4});
        QVERIFY(std::abs(log[1] - 10) < 1e-9 && std::abs(log[2] - 100) < 1e-9);
        QCOMPARE(log[3], 1000.0);  // the end exactly
        // Whole numbers: 1, 1.58, 2.5, 3.97, 6.3, 10 round to 1, 2, 3 (2.5 rounds away), 4, 6, 10.
        QCOMPARE(rangeValues(1, 10, 6, SweepScale::Log, true),
                 (std::vector<double>{1, 2, 3, 4, 6, 10}));
        QCOMPARE(rangeValues(1, 3, 5, SweepScale::Linear, true), (std::vector<double>{1, 2, 3}));

        ValidationReport report;
        const auto spec = read(R"({"formatVersion": 1, "scenarios": ["a.json"],
            "fields": [{"path": "workload.ratePerS", "range": {"from": 1, "to": 100, "steps": 3, "scale": "log"}},
                       {"path": "topology.stations[0].servers", "range": {"from": 1, "to": 4, "steps": 4, "integer": true}}]})",
                               report);
        QVERIFY2(spec, report.toString().c_str());
        QCOMPARE(spec->fields[0].scale, SweepScale::Log);
        QCOMPARE(spec->pointCount(), std::size_t{12});
        // The last field varies fastest; whole numbers stay whole in the JSON.
        const auto p = spec->pointValues(5);
        QVERIFY(std::abs(p[0].get<double>() - 10) < 1e-9);
        QVERIFY(p[1].is_number_integer());
        QCOMPARE(p[1].get<int>(), 2);
    }

    void testLimitSection() {
        ValidationReport report;
        const auto spec = read(R"({"formatVersion": 1, "scenarios": ["a.json"], "replications": 4,
            "limit": {"from": 1, "to": 100, "target": {"p99": 50, "errorRate": 0.01}}})",
                               report);
        QVERIFY2(spec, report.toString().c_str());
        QVERIFY(spec->limit);
        QCOMPARE(spec->limit->target.path, std::string("workload.ratePerS"));  // the default
        QCOMPARE(spec->limit->direction, LimitDirection::Highest);
        QCOMPARE(spec->limit->maxReplications, 16u);
        QCOMPARE(spec->limit->targets.size(), std::size_t{2});
        QCOMPARE(spec->pointCount(), std::size_t{0});
    }

    void testShippedSweepsAndSchemaAgreeWithTheReader() {
        // Every shipped example reads without a problem.
        int examples = 0;
        for (const auto& entry :
             std::filesystem::directory_iterator(ARCHSIM_RESOURCES_DIR "/sweeps")) {
            ValidationReport report;
            QVERIFY2(loadSweepFile(entry.path().string(), report), report.toString().c_str());
            ++examples;
        }
        QVERIFY(examples >= 2);
        // The schema lists the fields the reader knows, and every figure.
        std::ifstream in(ARCHSIM_RESOURCES_DIR "/sweep.schema.json");
        const nlohmann::json schema = nlohmann::json::parse(in);
        std::set<std::string> keys;
        for (const auto& [key, value] : schema.at("properties").items()) keys.insert(key);
        QCOMPARE(keys, (std::set<std::string>{"formatVersion", "name", "scenarios", "replications",
                                              "seed", "figures", "fields", "limit"}));
        const auto figures =
            schema.at("$defs").at("figure").at("enum").get<std::vector<std::string>>();
        for (const std::string& name : studyFigureNames())
            QVERIFY2(std::find(figures.begin(), figures.end(), name) != figures.end(),
                     name.c_str());
        for (const std::string& name : figures) QVERIFY2(findStudyFigure(name), name.c_str());
        // A misspelt top-level field is refused (the schema says additionalProperties: false).
        QVERIFY(problems(R"({"formatVersion": 1, "scenarios": ["a.json"], "colour": 1,
            "fields": [{"path": "a", "values": [1]}]})")
                    .find("unknown field 'colour'") != std::string::npos);
    }

    void testBadInput_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        const QString head = R"({"formatVersion": 1, "scenarios": ["a.json"], )";
        QTest::newRow("no fields nor limit") << head + R"("seed": 1})"
                                             << "either \"fields\"";
        QTest::newRow("both values and range")
            << head +
                   R"("fields": [{"path": "x", "values": [1], "range": {"from": 1, "to": 2, "steps": 2}}]})"
            << "fields[0]: give either \"values\"";
        QTest::newRow("bad path")
            << head + R"("fields": [{"path": "workload..ratePerS", "values": [1]}]})"
            << "fields[0].path workload..ratePerS: a missing field name at character 10";
        QTest::newRow("three fields")
            << head +
                   R"("fields": [{"path": "a", "values": [1]}, {"path": "b", "values": [1]}, {"path": "c", "values": [1]}]})"
            << "fields: must list 1 or 2 swept fields";
        QTest::newRow("one step")
            << head + R"("fields": [{"path": "a", "range": {"from": 1, "to": 2, "steps": 1}}]})"
            << "fields[0].range.steps: must be between 2 and 1000, got 1";
        QTest::newRow("log from zero")
            << head +
                   R"("fields": [{"path": "a", "range": {"from": 0, "to": 2, "steps": 3, "scale": "log"}}]})"
            << "fields[0].range.from: a log range needs from and to > 0";
        QTest::newRow("unknown figure")
            << head + R"("figures": ["p98"], "fields": [{"path": "a", "values": [1]}]})"
            << "figures[0]: unknown figure string \"p98\"";
        QTest::newRow("replications 0")
            << head + R"("replications": 0, "fields": [{"path": "a", "values": [1]}]})"
            << "replications: must be";
        QTest::newRow("typo") << head + R"("feilds": [{"path": "a", "values": [1]}]})"
                              << "unknown field 'feilds'";
        QTest::newRow("limit to below from")
            << head + R"("limit": {"from": 5, "to": 2, "target": {"p99Ms": 1}}})"
            << "limit.to: must be greater than from (5), got 2";
        QTest::newRow("limit unknown target")
            << head + R"("limit": {"from": 1, "to": 2, "target": {"p98": 1}}})"
            << "limit.target.p98: unknown figure";
        QTest::newRow("no scenarios")
            << R"({"formatVersion": 1, "scenarios": [], "fields": [{"path": "a", "values": [1]}]})"
            << "scenarios: must list from 1 to 16";
    }
    void testBadInput() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const QString found = QString::fromStdString(problems(text.toStdString()));
        QVERIFY2(found.contains(message), qPrintable(found));
    }
};

QTEST_GUILESS_MAIN(TestSweepSpec)
#include "tst_sweepspec.moc"
