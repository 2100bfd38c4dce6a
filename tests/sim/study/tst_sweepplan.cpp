// SPDX-License-Identifier: GPL-3.0-or-later
// Running sweeps: every point checked before anything runs, common random numbers across points,
// shards that merge into exactly the unsharded result, crossovers between two scenarios, grids
// for two fields, and an interrupt that keeps what finished.
#include <QtTest>
#include <cmath>

#include "sim/study/sweepresult.h"
#include "studyfixture.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

/// The shard, through its file form (as merge reads it).
SweepShard reread(const SweepShard& shard) {
    std::string error;
    auto back = shardFromJson(nlohmann::json::parse(shardToJson(shard).dump()), error);
    if (!back) qFatal("%s", error.c_str());
    return *back;
}

std::string resultBytes(const SweepPlan& plan, unsigned shards) {
    std::vector<SweepShard> parts;
    std::vector<std::string> names;
    for (unsigned i = 1; i <= shards; ++i) {
        SweepRunOptions options;
        options.shardIndex = i;
        options.shardCount = shards;
        options.threads = 2;
        parts.push_back(reread(runSweepShard(plan, options)));
        names.push_back("shard" + std::to_string(i));
    }
    std::string error;
    const auto merged = mergeShards(parts, names, error);
    if (!merged) qFatal("%s", error.c_str());
    return sweepResultJson(*merged).dump(2);
}

}  // namespace

class TestSweepPlan : public QObject {
    Q_OBJECT
private slots:
    void testCommonRandomNumbers() {
        // The description does not change the model: with common random numbers every point
        // gives identical figures, replication by replication.
        QTemporaryDir dir;
        writeText(dir, "mm1.json", stationJson(40, 10, 1, 100));
        const auto path =
            writeText(dir, "sweep.json", R"({"formatVersion": 1, "scenarios": ["mm1.json"],
            "replications": 3, "seed": 5, "figures": ["p99Ms", "meanMs"],
            "fields": [{"path": "description", "values": ["a", "b", "c"]}]})");
        const auto plan = loadPlan(path);
        QVERIFY(plan);
        SweepRunOptions options;
        const nlohmann::json result = sweepResultJson(runSweepShard(*plan, options));
        const auto& points = result["scenarios"][0]["points"];
        QCOMPARE(points.size(), std::size_t{3});
        const auto first = points[0]["figures"]["p99Ms"]["replications"];
        // Replications differ from each other (independent streams) ...
        QVERIFY(first[0] != first[1]);
        // ... but replication r is the same at every point.
        for (const auto& p : points) {
            QCOMPARE(p["figures"]["p99Ms"]["replications"], first);
            QCOMPARE(p["figures"]["meanMs"], points[0]["figures"]["meanMs"]);
            QCOMPARE(p["pooledLatency"], points[0]["pooledLatency"]);
        }
    }

    void testShardsMergeToTheSameBytes() {
        QTemporaryDir dir;
        writeText(dir, "a.json", stationJson(30, 10, 1, 60));
        writeText(dir, "b.json", stationJson(30, 14, 40, 60, true));
        const auto path = writeText(dir, "sweep.json", R"({"formatVersion": 1,
            "scenarios": ["a.json", "b.json"], "replications": 3, "seed": 2,
            "fields": [{"path": "workload.ratePerS", "range": {"from": 10, "to": 60, "steps": 4, "scale": "log"}}]})");
        const auto plan = loadPlan(path);
        QVERIFY(plan);
        const std::string whole = resultBytes(*plan, 1);
        for (const unsigned shards : {2u, 3u, 7u, 30u}) QCOMPARE(resultBytes(*plan, shards), whole);
    }

    void testMergeRefusesBadSets() {
        QTemporaryDir dir;
        writeText(dir, "a.json", stationJson(30, 10, 1, 30));
        const auto path =
            writeText(dir, "sweep.json", R"({"formatVersion": 1, "scenarios": ["a.json"],
            "replications": 2, "fields": [{"path": "workload.ratePerS", "values": [10, 20]}]})");
        auto plan = loadPlan(path);
        QVERIFY(plan);
        const auto shard = [&](unsigned i, unsigned n) {
            SweepRunOptions options;
            options.shardIndex = i;
            options.shardCount = n;
            return reread(runSweepShard(*plan, options));
        };
        std::string error;
        QVERIFY(!mergeShards({shard(1, 3), shard(3, 3)}, {"x1", "x3"}, error));
        QCOMPARE(error, std::string("missing shard 2/3"));
        QVERIFY(!mergeShards({shard(1, 2), shard(1, 2)}, {"x1", "y1"}, error));
        QCOMPARE(error, std::string("y1 and x1 are both shard 1/2"));
        QVERIFY(!mergeShards({shard(1, 2), shard(2, 3)}, {"x1", "y2"}, error));
        QVERIFY2(error.find("all shards must be of one split") != std::string::npos, error.c_str());
        SweepShard other = shard(2, 2);
        other.sweepId = "0000000000000000";
        QVERIFY(!mergeShards({shard(1, 2), other}, {"x1", "x2"}, error));
        QVERIFY2(error.find("x2 belongs to a different sweep than x1") != std::string::npos,
                 error.c_str());
        SweepShard older = shard(2, 2);
        older.version = "0.0.1";
        QVERIFY(!mergeShards({shard(1, 2), older}, {"x1", "x2"}, error));
        QVERIFY2(error.find("x2 was written by archsim 0.0.1") != std::string::npos, error.c_str());
        // A different sweep file gives a different identity.
        const auto path2 =
            writeText(dir, "sweep2.json", R"({"formatVersion": 1, "scenarios": ["a.json"],
            "replications": 2, "fields": [{"path": "workload.ratePerS", "values": [10, 21]}]})");
        const auto plan2 = loadPlan(path2);
        QVERIFY(plan2 && plan2->sweepId != plan->sweepId);
    }

    void testInterruptKeepsFinishedRuns() {
        QTemporaryDir dir;
        writeText(dir, "a.json", stationJson(30, 10, 1, 30));
        const auto path =
            writeText(dir, "sweep.json", R"({"formatVersion": 1, "scenarios": ["a.json"],
            "replications": 2, "fields": [{"path": "workload.ratePerS", "values": [10, 20, 30]}]})");
        const auto plan = loadPlan(path);
        QVERIFY(plan);
        std::atomic<bool> interrupt{false};
        SweepRunOptions options;
        options.threads = 1;
        options.interrupt = &interrupt;
        // Interrupted after the third run: the first point is whole, the second half done.
        options.progress = [&](std::size_t done, std::size_t) {
            if (done == 3) interrupt = true;
        };
        const SweepShard shard = runSweepShard(*plan, options);
        QVERIFY(!shard.complete);
        QCOMPARE(shard.units.size(), std::size_t{3});
        const nlohmann::json result = sweepResultJson(reread(shard));
        QCOMPARE(result["complete"], false);
        QCOMPARE(result["scenarios"][0]["points"].size(), std::size_t{1});
        std::string error;
        QVERIFY(!mergeShards({reread(shard)}, {"part.json"}, error));
        QVERIFY2(error.find("part.json (shard 1/1) was interrupted") != std::string::npos,
                 error.c_str());
    }

    void testCrossoverOfTwoScenarios() {
        // M/M/1 with mean service 10 ms has mean latency 1 / (100/s - rate); a pool of 50 servers
        // of a constant 14 ms never queues. They cross where 1 / (100 - rate) = 0.014 s, at
        // rate = 100 - 1000/14 = 28.57/s, between the swept rates 25 and 30.
        QTemporaryDir dir;
        writeText(dir, "mm1.json", stationJson(20, 10, 1, 2000));
        writeText(dir, "delay.json", stationJson(20, 14, 50, 2000, true));
        const auto path = writeText(dir, "sweep.json", R"({"formatVersion": 1,
            "scenarios": ["mm1.json", "delay.json"], "replications": 4, "figures": ["meanMs"],
            "fields": [{"path": "workload.ratePerS", "range": {"from": 10, "to": 50, "steps": 9}}]})");
        const auto plan = loadPlan(path);
        QVERIFY(plan);
        SweepRunOptions options;
        const nlohmann::json result = sweepResultJson(runSweepShard(*plan, options));
        const auto& crossovers = result["crossovers"];
        QCOMPARE(crossovers.size(), std::size_t{1});
        const auto& c = crossovers[0];
        QCOMPARE(c["between"], nlohmann::json({25.0, 30.0}));
        const double at = c["at"].get<double>();
        QVERIFY2(std::abs(at - 28.57) < 1.0, std::to_string(at).c_str());
        QVERIFY(c["interval"][0].get<double>() <= at && at <= c["interval"][1].get<double>());
        QCOMPARE(c["lowerBelow"], "mm1.json");
        QCOMPARE(c["settled"], true);
    }

    void testGridForTwoFields() {
        QTemporaryDir dir;
        writeText(dir, "a.json", stationJson(30, 10, 1, 30));
        const auto path =
            writeText(dir, "sweep.json", R"({"formatVersion": 1, "scenarios": ["a.json"],
            "replications": 2, "figures": ["utilization"],
            "fields": [{"path": "workload.ratePerS", "values": [10, 50]},
                       {"path": "topology.stations[0].servers", "values": [1, 2, 4]}]})");
        const auto plan = loadPlan(path);
        QVERIFY(plan);
        SweepRunOptions options;
        const nlohmann::json result = sweepResultJson(runSweepShard(*plan, options));
        QCOMPARE(result["grid"].size(), std::size_t{1});
        const auto& mean = result["grid"][0]["mean"];
        QCOMPARE(mean.size(), std::size_t{2});
        QCOMPARE(mean[0].size(), std::size_t{3});
        // Utilisation = rate * 10 ms / servers: rows by rate, columns by servers.
        QVERIFY(std::abs(mean[1][0].get<double>() - 0.5) < 0.05);
        QVERIFY(std::abs(mean[1][2].get<double>() - 0.125) < 0.02);
        QVERIFY(std::abs(mean[0][1].get<double>() - 0.05) < 0.01);
    }

    void testOutOfRangePointIsRefusedBeforeAnyRun() {
        QTemporaryDir dir;
        writeText(dir, "a.json", stationJson(30, 10, 1, 30));
        const auto path =
            writeText(dir, "sweep.json", R"({"formatVersion": 1, "scenarios": ["a.json"],
            "fields": [{"path": "topology.stations[0].servers", "values": [1, 0]}]})");
        ValidationReport report;
        SweepPlan plan;
        plan.spec = *loadSweepFile(path, report);
        plan.scenarios.push_back(*loadStudyScenario("a.json", plan.spec.scenarioPaths[0], report));
        QVERIFY(!buildSweepPlan(plan, report));
        QCOMPARE(report.issues().size(), std::size_t{1});
        const std::string message = report.issues()[0].toString();
        QVERIFY2(message.starts_with("fields[0] sets topology.stations[0].servers to number 0: "
                                     "scenario 'a.json': topology.stations[0].servers: must be"),
                 message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSweepPlan)
#include "tst_sweepplan.moc"
