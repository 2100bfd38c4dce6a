// SPDX-License-Identifier: GPL-3.0-or-later
// Whatever validates runs: every workload type on every kind of entry either runs to completion or
// is refused by the validator, and every limit of the engine (sim/model/enginelimits.h) is checked
// when the file is read, with a message naming the field, instead of surfacing mid-run.
#include <QtTest>
#include <string>

#include "sim/model/enginelimits.h"
#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"

using namespace archsim;
using nlohmann::json;

namespace {

QStringList issueList(const ValidationReport& report) {
    QStringList list;
    for (const auto& issue : report.issues()) list << QString::fromStdString(issue.toString());
    return list;
}

json function(const std::string& id, json handler = json::array()) {
    return {{"id", id},
            {"coldStartMs", 50},
            {"keepAliveS", 60},
            {"handler", handler.empty() ? json::array({{{"cpu", 2}}}) : handler}};
}

json callStep(const std::string& target) {
    return {{"call", target}};
}

/// "f3" from ("f", 3); appended rather than concatenated, which GCC 12 warns about at -O3.
std::string numbered(const char* prefix, std::size_t i) {
    std::string id(prefix);
    id.append(std::to_string(i));
    return id;
}

json document(json topology, json workload = {{"type", "poisson"}, {"ratePerS", 20}}) {
    return {{"formatVersion", 1},
            {"name", "limits"},
            {"run", {{"durationS", 20}, {"windowS", 1}}},
            {"workload", workload},
            {"topology", topology}};
}

/// A chain of `pools` function pools, each calling the next, behind a gateway.
json chainOfPools(std::size_t pools) {
    json functions = json::array();
    for (std::size_t i = 1; i <= pools; ++i) {
        const std::string id = numbered("f", i);
        functions.push_back(i < pools ? function(id, {{{"cpu", 1}}, callStep(numbered("f", i + 1))})
                                      : function(id));
    }
    return {{"entry", "api"},
            {"gateways", {{{"id", "api"}, {"latencyMs", 1}, {"next", "f1"}}}},
            {"functions", functions}};
}

}  // namespace

class TestValidatedRuns : public QObject {
    Q_OBJECT
private slots:
    void testGatewayToStationIsRefused() {
        // A gateway passing requests to a station used to validate and then abort the run.
        const json topology = {{"entry", "api"},
                               {"gateways", {{{"id", "api"}, {"latencyMs", 1}, {"next", "queue"}}}},
                               {"stations", {{{"id", "queue"}, {"servers", 1}, {"serviceMs", 5}}}}};
        ValidationReport report;
        QVERIFY(!scenarioFromJson(document(topology), report));
        QCOMPARE(issueList(report).join('\n'),
                 QString("topology.gateways[0].next: names station 'queue', but a gateway can only "
                         "pass requests to a gateway, function pool, server pool or queue (a "
                         "station runs only as the topology's entry)"));
    }

    void testCallChainAtTheLimitRuns() {
        ValidationReport report;
        const auto scenario = scenarioFromJson(document(chainOfPools(kMaxCallDepth)), report);
        QVERIFY2(scenario, report.toString().c_str());
        const RunResult r = runScenario(*scenario, {});
        QCOMPARE(toString(r.status), std::string("completed"));
        QVERIFY(r.completed > 0);
        QCOMPARE(r.totalErrors(), std::uint64_t{0});
    }

    void testCallChainPastTheLimitIsRefused() {
        // Nine pools calling each other validated, then aborted the run ("calls nested more than
        // 8 deep"). The message names the chain and the call that takes it past the limit.
        ValidationReport report;
        QVERIFY(!scenarioFromJson(document(chainOfPools(kMaxCallDepth + 1)), report));
        QCOMPARE(issueList(report).join('\n'),
                 QString("topology.functions[7].handler[1].call: requests from the entry can pass "
                         "through 9 nested pools (api -> f1 -> f2 -> f3 -> f4 -> f5 -> f6 -> f7 "
                         "-> f8 -> f9), more than the 8 the engine supports: each call holds the "
                         "caller's instance or worker until it returns; shorten the chain of "
                         "calls"));
    }

    void testDeepestBranchOfTheCallGraphIsFound() {
        // entry -> a, which calls a short chain (b) and, through a gateway, a long one (c1..c8):
        // the deepest path, not the first one, decides. Pools not reachable from the entry never
        // run and are not counted.
        json functions = json::array();
        functions.push_back(function("a", {callStep("b"), callStep("gw")}));
        functions.push_back(function("b"));
        for (std::size_t i = 1; i <= 8; ++i)
            functions.push_back(i < 8 ? function(numbered("c", i), {callStep(numbered("c", i + 1))})
                                      : function("c8"));
        json topology = {{"entry", "a"},
                         {"gateways", {{{"id", "gw"}, {"latencyMs", 1}, {"next", "c1"}}}},
                         {"functions", functions}};
        ValidationReport report;
        QVERIFY(!scenarioFromJson(document(topology), report));
        QCOMPARE(report.issues().size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(report.issues()[0].path),
                 QString("topology.functions[8].handler[0].call"));
        QVERIFY(QString::fromStdString(report.issues()[0].message)
                    .contains("9 nested pools (a -> gw -> c1 -> c2 -> c3 -> c4 -> c5 -> c6 -> c7 "
                              "-> c8)"));

        // The same chain with the entry below it: 8 pools deep, valid.
        topology["entry"] = "c1";
        ValidationReport fine;
        QVERIFY2(scenarioFromJson(document(topology), fine), fine.toString().c_str());
    }

    void testTooManyPoolsAreRefused() {
        // Pool indices travel in 16 bits of a timer's payload: one pool more used to crash a run.
        json functions = json::array();
        for (std::size_t i = 0; i <= kMaxPoolsPerKind; ++i)
            functions.push_back({{"id", numbered("f", i)}, {"coldStartMs", 1}, {"keepAliveS", 1}});
        const json topology = {{"entry", "f0"}, {"functions", functions}};
        ValidationReport report;
        QVERIFY(!scenarioFromJson(document(topology), report));
        QCOMPARE(issueList(report).join('\n'),
                 QString("topology.functions: has 65537 function pools; the engine supports at "
                         "most 65536 in one topology"));
    }

    void testEveryWorkloadRunsOnEveryEntry_data() {
        QTest::addColumn<QString>("workload");
        QTest::addColumn<QString>("entry");
        const std::vector<std::pair<const char*, json>> workloads = {
            {"poisson", {{"type", "poisson"}, {"ratePerS", 20}}},
            {"schedule",
             {{"type", "schedule"},
              {"schedule", {{{"timeS", 0}, {"ratePerS", 5}}, {{"timeS", 10}, {"ratePerS", 30}}}}}},
            {"on-off",
             {{"type", "on-off"}, {"onRatePerS", 40}, {"onDurationS", 2}, {"offDurationS", 3}}},
            {"closed", {{"type", "closed"}, {"users", 4}, {"thinkTimeMs", 200}}},
        };
        for (const auto& [name, workload] : workloads)
            for (const char* entry : {"gateway", "function", "servers", "station"})
                QTest::newRow(qPrintable(QString("%1 at %2").arg(name, entry)))
                    << QString::fromStdString(workload.dump()) << QString(entry);
    }

    void testEveryWorkloadRunsOnEveryEntry() {
        QFETCH(QString, workload);
        QFETCH(QString, entry);
        const json topology = {
            {"entry", entry.toStdString()},
            {"gateways", {{{"id", "gateway"}, {"latencyMs", 1}, {"next", "function"}}}},
            {"functions", {function("function")}},
            {"servers", {{{"id", "servers"}, {"handler", {{{"cpu", 2}}}}}}},
            {"stations", {{{"id", "station"}, {"servers", 2}, {"serviceMs", 2}}}}};
        ValidationReport report;
        const auto scenario =
            scenarioFromJson(document(topology, json::parse(workload.toStdString())), report);
        QVERIFY2(scenario, report.toString().c_str());
        const RunResult r = runScenario(*scenario, {});
        QCOMPARE(toString(r.status), std::string("completed"));
        QVERIFY(r.arrivals > 0);
        QVERIFY(r.completed > 0);
    }
};

QTEST_GUILESS_MAIN(TestValidatedRuns)
#include "tst_validatedruns.moc"
