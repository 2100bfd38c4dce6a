// SPDX-License-Identifier: GPL-3.0-or-later
// A trace workload read as its "trace" options say: the time column by name or position, its unit
// and time base (absolute instants become offsets from the first arrival), another delimiter, and
// payload and key columns whose values reach the model, each with its own row's arrival. Bad rows are reported with the file and the line.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"

using namespace archsim;
using nlohmann::json;

namespace {

/// A scenario replaying `csv` (written to `dir`) into one station, with `options` as "trace".
json traceScenario(const QTemporaryDir& dir, const std::string& csv, const json& options) {
    std::ofstream(dir.filePath("t.csv").toStdString()) << csv;
    json workload = {{"type", "trace"}, {"traceFile", "t.csv"}};
    if (!options.is_null()) workload["trace"] = options;
    return {{"formatVersion", 1},
            {"name", "trace"},
            {"run", {{"durationS", 10}, {"windowS", 1}}},
            {"workload", workload},
            {"topology",
             {{"entry", "queue"},
              {"stations", json::array({{{"id", "queue"}, {"servers", 1}, {"serviceMs", 1}}})}}}};
}

std::optional<Scenario> load(const QTemporaryDir& dir, const json& scenario, std::string& errors) {
    ValidationReport report;
    auto s = scenarioFromJson(scenario, report, dir.path().toStdString());
    errors.clear();
    for (const auto& issue : report.issues()) {
        if (!errors.empty()) errors += '\n';
        errors += issue.toString();
    }
    return s;
}

std::string traceName(const QTemporaryDir& dir) {
    return "workload.traceFile: trace file '" + dir.filePath("t.csv").toStdString() + "'";
}

}  // namespace

class TestTraceImport : public QObject {
    Q_OBJECT
private slots:
    void testEpochMillisecondsByNameBecomeOffsets() {
        QTemporaryDir dir;
        std::string errors;
        const auto s = load(dir,
                            traceScenario(dir,
                                          "path,ts,bytes\n/a,1700000000500,1024\n"
                                          "/b,1700000000000,3072\n/c,1700000002250,2048\n",
                                          {{"timeColumn", "ts"},
                                           {"unit", "ms"},
                                           {"timeBase", "epoch"},
                                           {"payloadColumn", "bytes"}}),
                            errors);
        QVERIFY2(s, errors.c_str());
        QCOMPARE(s->workload.traceTimesS, (std::vector<double>{0, 0.5, 2.25}));
        QCOMPARE(s->workload.traceColumns.unit, TraceTimeUnit::Milliseconds);
        // 1, 2 and 3 KB: the empirical distribution of the column, in KB.
        QVERIFY(s->workload.payloadKb);
        QCOMPARE(*s->workload.payloadKb->mean(), 2.0);
        QCOMPARE(*s->workload.payloadKb->cdf(1.0), 0.0);
        QCOMPARE(*s->workload.payloadKb->quantile(0.5), 2.0);
    }

    void testIsoTimesByPositionWithSemicolons() {
        QTemporaryDir dir;
        std::string errors;
        const auto s =
            load(dir,
                 traceScenario(dir,
                               "GET;2024-03-01T12:00:01.5Z\n"
                               "GET;2024-03-01 13:00:00+01:00\n",
                               {{"timeColumn", 2}, {"timeBase", "iso8601"}, {"delimiter", ";"}}),
                 errors);
        QVERIFY2(s, errors.c_str());
        QCOMPARE(s->workload.traceTimesS, (std::vector<double>{0, 1.5}));
        QVERIFY(!s->workload.payloadKb);
    }

    void testOptionsRoundTripAndPayloadIsNotCopied() {
        QTemporaryDir dir;
        std::string errors;
        const auto s =
            load(dir,
                 traceScenario(dir, "ts,kb\n0.5,1\n1,3\n",
                               {{"timeColumn", "ts"}, {"payloadColumn", 2}, {"payloadUnit", "KB"}}),
                 errors);
        QVERIFY2(s, errors.c_str());
        const std::string text = scenarioToText(*s);
        QVERIFY2(text.find("\"payloadKb\"") == std::string::npos, text.c_str());
        QCOMPARE(json::parse(text)["workload"]["trace"],
                 json::parse(R"({"timeColumn": "ts", "unit": "s", "timeBase": "offset",
                                 "delimiter": ",", "payloadColumn": 2, "payloadUnit": "KB"})"));
        ValidationReport report;
        const auto again = scenarioFromText(text, report, dir.path().toStdString());
        QVERIFY2(again, report.toString().c_str());
        QVERIFY(again->workload.traceColumns == s->workload.traceColumns);
        QCOMPARE(again->workload.traceTimesS, s->workload.traceTimesS);
        QCOMPARE(again->workload.payloadKb->toJson(), s->workload.payloadKb->toJson());
        QCOMPARE(scenarioToText(*again), text);

        // Without options the file keeps the form older builds read.
        const auto plain = load(dir, traceScenario(dir, "0.5\n1\n", nullptr), errors);
        QVERIFY2(plain, errors.c_str());
        QVERIFY(!json::parse(scenarioToText(*plain))["workload"].contains("trace"));
    }

    void testBadRowsNameFileAndLine() {
        QTemporaryDir dir;
        std::string errors;
        QVERIFY(!load(dir,
                      traceScenario(dir, "ts,bytes\n1,100\n2,lots\n3,-4\n",
                                    {{"timeColumn", "ts"}, {"payloadColumn", "bytes"}}),
                      errors));
        const std::string name = traceName(dir);
        QCOMPARE(QString::fromStdString(errors),
                 QString::fromStdString(
                     name +
                     " line 3: column 2 ('bytes'): 'lots' is not a request size in B (a "
                     "number >= 0)\n" +
                     name +
                     " line 4: column 2 ('bytes'): '-4' is not a request size in B (a "
                     "number >= 0)"));

        QVERIFY(
            !load(dir, traceScenario(dir, "when,what\n1,a\n", {{"timeColumn", "time"}}), errors));
        QCOMPARE(QString::fromStdString(errors),
                 QString::fromStdString(name + " line 1: the header has no column 'time' (its "
                                               "columns: 'when', 'what')"));

        QVERIFY(!load(dir, traceScenario(dir, "1700000000\n1800000000\n", {{"timeBase", "epoch"}}),
                      errors));
        QCOMPARE(QString::fromStdString(errors),
                 QString::fromStdString(name + " spans 100000000 s from line 1 to line 2, past "
                                               "the limit of 2678400 s (31 days)"));
    }

    void testContradictoryOptionsAreRefused() {
        QTemporaryDir dir;
        std::string errors;
        json both = traceScenario(dir, "1,5\n", {{"payloadColumn", 2}});
        both["workload"]["payloadKb"] = 4;
        QVERIFY(!load(dir, both, errors));
        QCOMPARE(QString::fromStdString(errors),
                 QStringLiteral("workload.payloadKb: must not be given with trace.payloadColumn: "
                                "the request sizes come from the trace's column"));
        QVERIFY(!load(
            dir,
            traceScenario(dir, "2024-03-01T12:00:00Z\n", {{"timeBase", "iso8601"}, {"unit", "ms"}}),
            errors));
        QCOMPARE(QString::fromStdString(errors),
                 QStringLiteral("workload.trace.unit: does not apply to iso8601 times, which "
                                "spell out their own"));
        QVERIFY(!load(dir, traceScenario(dir, "1\n", {{"payloadUnit", "MB"}}), errors));
        QCOMPARE(QString::fromStdString(errors),
                 QStringLiteral("workload.trace.payloadUnit: needs payloadColumn: it is the unit "
                                "of that column"));
        QVERIFY(!load(dir, traceScenario(dir, "1\n", {{"timeColumn", 0}}), errors));
        QVERIFY2(QString::fromStdString(errors).startsWith("workload.trace.timeColumn: "),
                 errors.c_str());
        QVERIFY(!load(dir, traceScenario(dir, "1\n", {{"timeColumn", true}}), errors));
        QVERIFY2(QString::fromStdString(errors).startsWith("workload.trace.timeColumn: must be a "
                                                           "header name"),
                 errors.c_str());
    }

    /// A gateway taking at most 2 KB in front of one server, fed by `csv` with `options`.
    static json gatewayScenario(const QTemporaryDir& dir, const std::string& csv,
                                const json& options) {
        json scenario = traceScenario(dir, csv, options);
        scenario["topology"]["entry"] = "edge";
        scenario["topology"]["gateways"] = json::array(
            {{{"id", "edge"}, {"latencyMs", 1}, {"payloadLimitKb", 2}, {"next", "app"}}});
        scenario["topology"]["stations"] = json::array();
        scenario["topology"]["servers"] = json::array({{{"id", "app"},
                                                        {"replicas", 1},
                                                        {"workersPerReplica", 100},
                                                        {"handler", json::array({{{"cpu", 1}}})}}});
        return scenario;
    }

    void testEachRowKeepsItsOwnPayload() {
        // The first 4 s bring 1 KB requests, the next 4 s 3 KB ones, written in reverse time
        // order: a gateway that takes at most 2 KB must reject exactly the second half, and none
        // of the first 4 windows. Sizes drawn from the column's distribution would reject about
        // half in every window.
        QTemporaryDir dir;
        std::string csv = "t,size\n";
        for (int i = 1999; i >= 0; --i)
            csv += std::to_string(0.002 + i * 0.004) + "," + (i >= 1000 ? "3" : "1") + "\n";
        std::string errors;
        const auto s = load(
            dir,
            gatewayScenario(dir, csv,
                            {{"payloadColumn", "size"}, {"payloadUnit", "KB"}, {"timeColumn", "t"}}),
            errors);
        QVERIFY2(s, errors.c_str());
        QCOMPARE(s->workload.tracePayloadKb.size(), std::size_t{2000});
        QCOMPARE(s->workload.tracePayloadKb.front(), 1.0);
        QCOMPARE(s->workload.tracePayloadKb.back(), 3.0);
        RunOptions options;
        options.seed = 5;
        const RunResult result = runScenario(*s, options);
        const auto payload = static_cast<std::size_t>(ErrorReason::Payload);
        QCOMPARE(result.arrivals, std::uint64_t{2000});
        QCOMPARE(result.errors[payload], std::uint64_t{1000});
        QVERIFY(result.windows.size() >= 8);
        for (std::size_t w = 0; w < 4; ++w) QCOMPARE(result.windows[w].errors[payload], 0u);
        for (std::size_t w = 4; w < 8; ++w) QCOMPARE(result.windows[w].errors[payload], 250u);
    }

    void testKeyColumnDecidesCacheHits() {
        // Every request asks for one of two keys, so a cache of two entries misses only on each
        // key's first request; with a key per row it never hits. The cache's own Zipf popularity
        // over 1e6 keys would hit almost never in either case.
        QTemporaryDir dir;
        const auto run = [&](bool repeated) {
            std::string csv = "t;user\n";
            for (int i = 0; i < 1000; ++i) {
                csv += std::to_string(i * 0.005);
                csv += repeated ? (i % 2 ? ";alice" : ";bob") : ";u";
                if (!repeated) csv += std::to_string(i);
                csv += '\n';
            }
            json scenario = traceScenario(dir, csv,
                                          {{"timeColumn", "t"}, {"delimiter", ";"},
                                           {"keyColumn", "user"}});
            scenario["topology"]["stations"] = json::array();
            scenario["topology"]["entry"] = "app";
            scenario["topology"]["caches"] =
                json::array({{{"id", "tokens"}, {"placement", "remote"}, {"lookupMs", 1},
                              {"keys", 1000000}, {"capacity", 2}}});
            scenario["topology"]["servers"] = json::array(
                {{{"id", "app"},
                  {"replicas", 1},
                  {"workersPerReplica", 100},
                  {"handler", json::array({{{"cache", "tokens"},
                                            {"onMiss", json::array({{{"cpu", 1}}})}}})}}});
            std::string errors;
            const auto s = load(dir, scenario, errors);
            if (!s) qFatal("%s", errors.c_str());
            RunOptions options;
            options.seed = 3;
            return runScenario(*s, options);
        };
        const RunResult repeated = run(true);
        QCOMPARE(repeated.cacheHits + repeated.cacheMisses, std::uint64_t{1000});
        QCOMPARE(repeated.cacheHits, std::uint64_t{998});
        const RunResult distinct = run(false);
        QCOMPARE(distinct.cacheHits + distinct.cacheMisses, std::uint64_t{1000});
        QCOMPARE(distinct.cacheHits, std::uint64_t{0});
    }

    void testKeysAreNumberedInArrivalOrder() {
        QTemporaryDir dir;
        std::string errors;
        const auto s = load(dir,
                            traceScenario(dir, "3,x\n1,y\n2,x\n1,z\n",
                                          {{"keyColumn", 2}}),
                            errors);
        QVERIFY2(s, errors.c_str());
        // Arrival order: 1 y, 1 z (same instant: file order), 2 x, 3 x.
        QCOMPARE(s->workload.traceKeys, (std::vector<std::int64_t>{0, 1, 2, 2}));
        const std::string text = scenarioToText(*s);
        QCOMPARE(json::parse(text)["workload"]["trace"]["keyColumn"], json(2));
        ValidationReport report;
        const auto again = scenarioFromText(text, report, dir.path().toStdString());
        QVERIFY2(again, report.toString().c_str());
        QCOMPARE(again->workload.traceKeys, s->workload.traceKeys);

        QVERIFY(!load(dir, traceScenario(dir, "t,k\n1,a\n2,\n", {{"keyColumn", "k"}}), errors));
        QCOMPARE(QString::fromStdString(errors),
                 QString::fromStdString(traceName(dir) +
                                        " line 3: column 2 ('k') (the cache key) is empty"));
        QVERIFY(!load(dir, traceScenario(dir, "t,k\n1,a\n", {{"keyColumn", "key"}}), errors));
        QCOMPARE(QString::fromStdString(errors),
                 QString::fromStdString(traceName(dir) +
                                        " line 1: the header has no column 'key' (its columns: "
                                        "'t', 'k')"));
    }
};

QTEST_GUILESS_MAIN(TestTraceImport)
#include "tst_traceimport.moc"
