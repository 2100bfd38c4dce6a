// SPDX-License-Identifier: GPL-3.0-or-later
// Regions in a scenario file: what the reader takes, what it refuses (with the field's path and
// the reason), and that the writer gives back what was read.
#include <QtTest>
#include <nlohmann/json.hpp>

#include "sim/scenario/scenariojson.h"

using namespace archsim;
using nlohmann::json;

namespace {

json edgeScenario() {
    return json::parse(R"({
      "formatVersion": 1, "name": "edge", "seed": 3,
      "run": {"durationS": 10},
      "workload": {"type": "poisson", "ratePerS": 10},
      "topology": {
        "entry": "worker",
        "regions": [{"id": "us-east-1", "clientShare": 2}, {"id": "eu-west-1"},
                    {"id": "home", "clientShare": 0}],
        "roundTrips": [{"from": "home", "to": "us-east-1", "rttMs": 12},
                       {"from": "eu-west-1", "to": "home",
                        "rttMs": {"type": "lognormal", "median": 70, "p99": 120}}],
        "functions": [{"id": "worker", "region": "edge", "coldStartMs": 5, "keepAliveS": 60,
                       "handler": [{"call": "db"}]}],
        "databases": [{"id": "db", "region": "home", "queryMs": 2}],
        "caches": [{"id": "local", "placement": "in-process", "lookupMs": 0.1}],
        "queues": [{"id": "audit", "region": "home", "enqueueMs": 5}]
      }})");
}

/// The issues of reading `scenario`, one per line, and whether it was refused.
std::string issuesOf(const json& scenario) {
    ValidationReport report;
    const auto read = scenarioFromJson(scenario, report);
    return read ? std::string() : report.toString();
}

}  // namespace

class TestRegionsJson : public QObject {
    Q_OBJECT
private slots:
    void testReadsRegionsAndPlacements() {
        ValidationReport report;
        const auto s = scenarioFromJson(edgeScenario(), report);
        QVERIFY2(s, report.toString().c_str());
        const TopologySpec& t = s->topology;
        QCOMPARE(t.regions.size(), std::size_t{3});
        QCOMPARE(t.regions[0].clientShare, 2.0);
        QCOMPARE(t.regions[1].clientShare, 1.0);  // the default share
        QCOMPARE(t.roundTrips.size(), std::size_t{2});
        QCOMPARE(t.roundTrips[1].from, std::string("eu-west-1"));
        QCOMPARE(t.functions[0].region, std::string("edge"));
        QCOMPARE(t.databases[0].region, std::string("home"));
        QVERIFY(t.caches[0].region.empty());
        QCOMPARE(t.queues[0].region, std::string("home"));
    }

    void testRoundTrip() {
        ValidationReport report;
        const auto s = scenarioFromJson(edgeScenario(), report);
        QVERIFY(s);
        ValidationReport again;
        const auto back = scenarioFromText(scenarioToText(*s), again);
        QVERIFY2(back, again.toString().c_str());
        QCOMPARE(scenarioToText(*back), scenarioToText(*s));
        const json written = scenarioToJson(*s);
        QCOMPARE(written["topology"]["regions"][2]["id"], json("home"));
        QCOMPARE(written["topology"]["functions"][0]["region"], json("edge"));
        QCOMPARE(written["topology"]["queues"][0]["region"], json("home"));
        // An unplaced component writes no region (its file stays as it was before regions).
        QVERIFY(!written["topology"]["caches"][0].contains("region"));
    }

    void testRefusesBadRegions_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown region") << "/topology/databases/0/region"
                                        << R"("mars")"
                                        << "topology.databases[0].region: names 'mars', which is "
                                           "neither a region of topology.regions nor 'edge'";
        QTest::newRow("edge as a region") << "/topology/regions/2/id"
                                          << R"("edge")"
                                          << "topology.regions[2].id: 'edge' is a placement";
        QTest::newRow("duplicate region") << "/topology/regions/1/id"
                                          << R"("us-east-1")"
                                          << "topology.regions[1].id: duplicate region 'us-east-1'";
        QTest::newRow("negative share") << "/topology/regions/0/clientShare"
                                        << "-1"
                                        << "topology.regions[0].clientShare: must be";
        QTest::newRow("trip to itself") << "/topology/roundTrips/0/to"
                                        << R"("home")"
                                        << "topology.roundTrips[0].to: must differ from 'from'";
        QTest::newRow("trip to nowhere")
            << "/topology/roundTrips/0/to"
            << R"("venus")"
            << "topology.roundTrips[0].to: names 'venus', which is not a region";
        QTest::newRow("negative trip") << "/topology/roundTrips/0/rttMs"
                                       << "-5"
                                       << "topology.roundTrips[0].rttMs";
        QTest::newRow("missing pair") << "/topology/roundTrips/1/from"
                                      << R"("us-east-1")"
                                      << "topology.roundTrips: has no round trip between regions "
                                         "'eu-west-1' and 'home'";
        QTest::newRow("in-process cache placed")
            << "/topology/caches/0/region"
            << R"("home")"
            << "topology.caches[0].region: is given for an in-process cache";
        QTest::newRow("queue at the edge")
            << "/topology/queues/0/region"
            << R"("edge")"
            << "topology.queues[0].region: is 'edge', but a queue runs in one region";
    }
    void testRefusesBadRegions() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        json s = edgeScenario();
        s[json::json_pointer(pointer.toStdString())] = json::parse(value.toStdString());
        const std::string issues = issuesOf(s);
        QVERIFY2(issues.find(expected.toStdString()) != std::string::npos, issues.c_str());
    }

    void testAPlacementNeedsRegions() {
        json s = edgeScenario();
        s["topology"].erase("regions");
        s["topology"].erase("roundTrips");
        const std::string issues = issuesOf(s);
        QVERIFY2(issues.find("topology.functions[0].region: places the component in 'edge', but "
                             "topology.regions lists no regions") != std::string::npos,
                 issues.c_str());
    }

    void testSharesMustNotAllBeZero() {
        json s = edgeScenario();
        for (auto& region : s["topology"]["regions"]) region["clientShare"] = 0;
        const std::string issues = issuesOf(s);
        QVERIFY2(issues.find("topology.regions: has client shares that add up to 0") !=
                     std::string::npos,
                 issues.c_str());
    }

    void testBundledPairsNeedNoFigure() {
        json s = edgeScenario();
        s["topology"]["regions"] =
            json::parse(R"([{"id": "us-east-1"}, {"id": "ap-northeast-1"}])");
        s["topology"].erase("roundTrips");
        s["topology"]["databases"][0]["region"] = "us-east-1";
        s["topology"]["queues"][0]["region"] = "ap-northeast-1";
        QCOMPARE(issuesOf(s), std::string());
    }
};

QTEST_GUILESS_MAIN(TestRegionsJson)
#include "tst_regionsjson.moc"
