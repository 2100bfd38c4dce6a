// SPDX-License-Identifier: GPL-3.0-or-later
// Regions: where components run, what a call between regions costs, and what an edge component
// keeps per region. Constant latencies and round trips, so every figure follows by hand.
#include <QtTest>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/core/randomstreams.h"
#include "sim/model/handcheckedscenario.h"
#include "sim/model/regionmap.h"
#include "sim/run/runner.h"
#include "sim/scenario/bundledroundtrips.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

TopologySpec threeRegions() {
    TopologySpec t;
    t.regions = {{"us-east-1", 0.5}, {"eu-west-1", 0.3}, {"home", 0.2}};
    t.roundTrips = {{"us-east-1", "home", makeConstant(10)},
                    {"eu-west-1", "home", makeConstant(70)}};
    return t;
}

RegionMap regionsOf(const TopologySpec& t) {
    return RegionMap(t, makeStream(1, 0, "regions", "clients"),
                     makeStream(1, 0, "regions", "round-trips"));
}

RunResult run(const Scenario& s) {
    RunOptions options;
    options.seed = s.seed;
    return runScenario(s, options);
}

/// Clients in three regions; an edge function (5 ms of CPU) calls a database (2 ms) at `home`.
Scenario edgeToHome(std::size_t requests, double spacingS = 0.01) {
    std::vector<double> arrivals;
    for (std::size_t i = 0; i < requests; ++i)
        arrivals.push_back(spacingS * static_cast<double>(i));
    Scenario s = traceScenario(arrivals, spacingS * static_cast<double>(requests) + 10);
    s.topology.regions = threeRegions().regions;
    s.topology.roundTrips = threeRegions().roundTrips;
    s.topology.entry = "fn";
    FunctionPoolSpec fn = function("fn", {call("db"), cpu(5)});
    fn.region = kEdgeRegion;
    fn.concurrencyPerInstance = 1000;
    fn.coldStartMs = makeConstant(0);
    fn.keepAliveS = makeConstant(1000);
    s.topology.functions.push_back(fn);
    DatabaseSpec db;
    db.id = "db";
    db.region = "home";
    db.queryMs = makeConstant(2);
    db.connections = 1000;
    s.topology.databases.push_back(db);
    return s;
}

}  // namespace

class TestRegionMap : public QObject {
    Q_OBJECT
private slots:
    void testPlacements() {
        const RegionMap none = regionsOf(TopologySpec{});
        QVERIFY(!none.active());
        QCOMPARE(none.placementOf(""), RegionMap::kNowhere);
        const RegionMap map = regionsOf(threeRegions());
        QVERIFY(map.active());
        QCOMPARE(map.placementOf(""), 0);  // the first region is home to unplaced components
        QCOMPARE(map.placementOf("home"), 2);
        QCOMPARE(map.placementOf("edge"), RegionMap::kEdge);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)map.placementOf("mars"));
    }

    void testRoundTripsFollowPlacementAndClient() {
        RegionMap map = regionsOf(threeRegions());
        // Written figures hold both ways; the AWS pair takes its bundled figure.
        QCOMPARE(map.roundTrip(0, 2, 0), fromMillis(10));
        QCOMPARE(map.roundTrip(2, 1, 0), fromMillis(70));
        QCOMPARE(map.roundTrip(0, 1, 0), fromMillis(*bundledRoundTripMs("us-east-1", "eu-west-1")));
        QCOMPARE(map.roundTrip(1, 1, 0), Time{0});
        // The edge is the client's region: a call from the edge to the client's own region is
        // free, to another region pays that region's trip.
        QCOMPARE(map.roundTrip(RegionMap::kEdge, 1, 1), Time{0});
        QCOMPARE(map.roundTrip(RegionMap::kEdge, 2, 1), fromMillis(70));
        QCOMPARE(map.roundTrip(2, RegionMap::kEdge, 0), fromMillis(10));
        QCOMPARE(map.roundTrip(RegionMap::kEdge, RegionMap::kEdge, 2), Time{0});
        QCOMPARE(map.roundTrip(RegionMap::kNowhere, 2, 0), Time{0});
    }

    void testAPairWithoutAFigureIsRefused() {
        TopologySpec t;
        t.regions = {{"home", 1}, {"away", 1}};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)regionsOf(t));
    }

    void testClientsFollowTheirShares() {
        RegionMap map = regionsOf(threeRegions());
        std::map<int, int> counts;
        const int n = 100'000;
        for (int i = 0; i < n; ++i) ++counts[map.drawClientRegion()];
        const double shares[] = {0.5, 0.3, 0.2};
        for (int region = 0; region < 3; ++region) {
            const double p = shares[region];
            const double sigma = std::sqrt(p * (1 - p) / n);
            QVERIFY2(std::abs(counts[region] / double(n) - p) < 5 * sigma,
                     qPrintable(QString::number(counts[region])));
        }
    }

    void testEdgeCallsPayTheirClientsRoundTrip() {
        // us-east-1 clients: 10 + 2 + 5 = 17 ms; eu-west-1: 70 + 2 + 5 = 77 ms; home: 7 ms.
        const Scenario s = edgeToHome(20'000);
        const RunResult r = run(s);
        QVERIFY(r.status == RunStatus::Completed);
        QCOMPARE(r.completed, std::uint64_t{20'000});
        QCOMPARE(r.latency.min(), fromMillis(7));
        QCOMPARE(r.latency.max(), fromMillis(77));
        QVERIFY(std::abs(toMillis(r.latency.quantile(0.6)) - 17) < 0.2);
        // Network time is the mean round trip: 0.5 x 10 + 0.3 x 70 = 26 ms (sampling noise of
        // the shares: sigma about 0.3 ms at 20,000 requests).
        QVERIFY2(std::abs(r.meanBreakdownMs(TimeCategory::Network) - 26) < 1.5,
                 qPrintable(QString::number(r.meanBreakdownMs(TimeCategory::Network))));
        QCOMPARE(r.meanBreakdownMs(TimeCategory::Database), 2.0);
        QCOMPARE(r.meanBreakdownMs(TimeCategory::Cpu), 5.0);
    }

    void testEachRetryPaysTheRoundTripAgain() {
        // From us-east-1 clients only: the call to home takes 10 + 2 = 12 ms, beyond a 5 ms
        // timeout, so every attempt times out; three attempts are made per request.
        Scenario s = edgeToHome(100);
        s.topology.regions = {{"us-east-1", 1}, {"eu-west-1", 0}, {"home", 0}};
        HandlerStep& guarded = s.topology.functions[0].handler[0];
        guarded.timeoutMs = 5;
        guarded.retry = RetryPolicy{};
        guarded.retry->attempts = 3;
        guarded.retry->backoffMs = 0;
        guarded.retry->jitter = 0;
        const RunResult r = run(s);
        QCOMPARE(r.completed, std::uint64_t{0});
        QCOMPARE(r.errors[static_cast<std::size_t>(ErrorReason::RetriesExhausted)],
                 std::uint64_t{100});
        QCOMPARE(r.retries, std::uint64_t{200});
    }

    void testAnEdgeCacheKeepsContentsPerRegion() {
        // One key, never evicted, requests 1 s apart (each fill is done before the next lookup):
        // a shared cache misses once; at the edge each region misses once.
        Scenario s = edgeToHome(300, 1.0);
        CacheSpec cache;
        cache.id = "kv";
        cache.placement = CachePlacement::Remote;
        cache.lookupMs = makeConstant(1);
        cache.keys = 1;
        cache.capacity = 10;
        s.topology.caches.push_back(cache);
        s.topology.functions[0].handler = {cacheStep("kv", {call("db")}), cpu(5)};
        s.topology.caches[0].region = "home";
        const RunResult shared = run(s);
        QCOMPARE(shared.cacheMisses, std::uint64_t{1});
        s.topology.caches[0].region = kEdgeRegion;
        const RunResult edge = run(s);
        QCOMPARE(edge.cacheMisses, std::uint64_t{3});
        // At the edge the lookup pays no round trip; a miss still goes home for the database.
        QVERIFY(edge.latency.quantile(0.5) < shared.latency.quantile(0.5));
    }

    void testAQueueElsewhereIsReachedAcrossTheRoundTrip_data() {
        QTest::addColumn<QString>("queueRegion");
        QTest::addColumn<bool>("polled");
        QTest::addColumn<double>("requestMs");
        QTest::addColumn<double>("jobMs");
        // The API (us-east-1, where every client is) sends, then 1 ms of CPU; the job is 3 ms of
        // CPU in a consumer in us-east-1: a function the queue invokes, or a server that polls.
        // A queue at home is 10 ms away both for the send and for the consumer's receive.
        QTest::newRow("queue beside both, invoked") << "us-east-1" << false << 1.0 << 3.0;
        QTest::newRow("queue at home, invoked") << "home" << false << 11.0 << 13.0;
        QTest::newRow("queue beside both, polled") << "us-east-1" << true << 1.0 << 3.0;
        QTest::newRow("queue at home, polled") << "home" << true << 11.0 << 13.0;
    }
    void testAQueueElsewhereIsReachedAcrossTheRoundTrip() {
        QFETCH(QString, queueRegion);
        QFETCH(bool, polled);
        QFETCH(double, requestMs);
        QFETCH(double, jobMs);
        std::vector<double> arrivals;
        for (int i = 0; i < 200; ++i) arrivals.push_back(0.05 * i);
        Scenario s = traceScenario(arrivals, 20);
        s.topology.regions = {{"us-east-1", 1}, {"eu-west-1", 0}, {"home", 0}};
        s.topology.roundTrips = threeRegions().roundTrips;
        s.topology.entry = "api";
        HandlerStep send = call("orders");
        send.kind = HandlerStep::Kind::Send;
        FunctionPoolSpec api = function("api", {send, cpu(1)});
        api.coldStartMs = makeConstant(0);
        s.topology.functions.push_back(api);
        QueueSpec queue;
        queue.id = "orders";
        queue.region = queueRegion.toStdString();
        queue.enqueueMs = makeConstant(0);
        s.topology.queues.push_back(queue);
        if (polled) {
            ServerPoolSpec workers = servers("workers", 1, 10, 100, {cpu(3)});
            workers.polls = "orders";
            s.topology.servers.push_back(workers);
        } else {
            FunctionPoolSpec worker = function("worker", {cpu(3)});
            worker.coldStartMs = makeConstant(0);
            worker.trigger = QueueTriggerSpec{};
            worker.trigger->queue = "orders";
            worker.trigger->batchSize = 1;
            worker.trigger->batchWindowS = 0;
            s.topology.functions.push_back(worker);
        }
        const RunResult r = run(s);
        QVERIFY(r.status == RunStatus::Completed);
        QCOMPARE(r.completed, std::uint64_t{200});
        QCOMPARE(r.latency.min(), fromMillis(requestMs));
        QCOMPARE(r.latency.max(), fromMillis(requestMs));
        QVERIFY(r.jobs);
        QCOMPARE(r.jobs->completed, std::uint64_t{200});
        QCOMPARE(r.jobs->latency.min(), fromMillis(jobMs));
        QCOMPARE(r.jobs->latency.max(), fromMillis(jobMs));
    }

    void testDocumentedTableIsTheBundledOne() {
        // docs/scenario-format.md prints the bundled round trips as a table: row region, column
        // region, figure. Each bundled pair must be there with its figure, and nothing else.
        std::ifstream in(std::string(ARCHSIM_SOURCE_DIR) + "/docs/scenario-format.md");
        QVERIFY(in);
        std::string line;
        std::vector<std::string> columns;
        std::size_t cells = 0;
        while (std::getline(in, line)) {
            const auto split = [](const std::string& row) {
                std::vector<std::string> out;
                std::stringstream ss(row);
                std::string cell;
                while (std::getline(ss, cell, '|')) {
                    const auto a = cell.find_first_not_of(' ');
                    out.push_back(a == std::string::npos
                                      ? ""
                                      : cell.substr(a, cell.find_last_not_of(' ') - a + 1));
                }
                return out;
            };
            if (line.rfind("| | us-west-2 |", 0) == 0) {
                columns = split(line);
                continue;
            }
            if (columns.empty() || line.rfind("|---", 0) == 0) continue;
            if (line.rfind("| ", 0) != 0) break;
            const auto row = split(line);
            for (std::size_t c = 2; c < row.size() && c < columns.size(); ++c) {
                if (row[c].empty()) continue;
                const auto bundled = bundledRoundTripMs(row[1], columns[c]);
                QVERIFY2(bundled, (row[1] + " - " + columns[c]).c_str());
                QCOMPARE(std::stod(row[c]), *bundled);
                ++cells;
            }
        }
        QCOMPARE(cells, bundledRoundTrips().size());
    }

    void testNoRegionsMeansNoChange() {
        // The same scenario without regions draws nothing for them: same events, same latencies.
        Scenario s = edgeToHome(500);
        s.topology.regions.clear();
        s.topology.roundTrips.clear();
        s.topology.functions[0].region.clear();
        s.topology.databases[0].region.clear();
        const RunResult r = run(s);
        QCOMPARE(r.latency.min(), fromMillis(7));
        QCOMPARE(r.latency.max(), fromMillis(7));
        QCOMPARE(r.meanBreakdownMs(TimeCategory::Network), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestRegionMap)
#include "tst_regionmap.moc"
