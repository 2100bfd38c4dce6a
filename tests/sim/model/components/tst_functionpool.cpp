// SPDX-License-Identifier: GPL-3.0-or-later
// The function pool on its own: cold starts, warm reuse, the instance limit, keep-alive, a zone
// outage and instances kept per client region at the edge, each as a hand-checked log.
#include "sim/model/components/functionpool.h"

#include "sim/core/randomstreams.h"
#include "sim/model/regionmap.h"

#include "sim/model/components/componentharness.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

FunctionPoolSpec pool(int maxInstances, OverflowPolicy onLimit) {
    FunctionPoolSpec f;
    f.id = "fn";
    f.coldStartMs = makeConstant(100);
    f.keepAliveS = makeConstant(1);
    f.maxInstances = maxInstances;
    f.onLimit = onLimit;
    HandlerStep work;
    work.cpuMs = makeConstant(5);
    f.handler = {work};
    return f;
}

}  // namespace

class TestFunctionPool : public QObject {
    Q_OBJECT
private slots:
    void testColdWarmThrottledAndReclaimed() {
        // #0 starts an instance: 100 + 5 ms. #1 at 50 ms finds the only instance starting and the
        // limit reached: throttled. #2 at 500 ms reuses the warm instance: 5 ms. The instance is
        // reclaimed 1 s after its last use (at 1.505 s), so #3 at 2 s is cold again.
        ComponentHarness h;
        const FunctionPoolSpec spec = pool(1, OverflowPolicy::Throttle);
        FunctionPool fn(h.context, spec);
        fn.connect([](const std::string&) -> Component* { return nullptr; });
        fn.start();
        for (double t : {0.0, 50.0, 500.0, 2000.0}) h.send(fn, t);
        h.run();
        QCOMPARE(h.logList(), QStringList({"50 ms #1 throttled", "105 ms #0 done", "505 ms #2 done",
                                           "2105 ms #3 done"}));
        QCOMPARE(h.counters.coldStarts, std::uint64_t{2});
        QCOMPARE(h.counters.functionStarts, std::uint64_t{3});
        QCOMPARE(h.counters.usage.functionInvocations, std::uint64_t{3});
        QCOMPARE(fn.alive(), 0);  // reclaimed at the end
    }

    void testQueueAtTheLimit() {
        // With the queue policy #1 waits for the instance: it runs from 105 to 110 ms.
        ComponentHarness h;
        const FunctionPoolSpec spec = pool(1, OverflowPolicy::Queue);
        FunctionPool fn(h.context, spec);
        fn.connect([](const std::string&) -> Component* { return nullptr; });
        fn.start();
        h.send(fn, 0);
        h.send(fn, 50);
        h.run();
        QCOMPARE(h.logList(), QStringList({"105 ms #0 done", "110 ms #1 done"}));
    }

    void testZoneOutageReclaimsIdleInstances() {
        // Four warm instances; losing half of them leaves two, so of four simultaneous requests
        // two are warm (5 ms) and two start cold (105 ms).
        ComponentHarness h;
        FunctionPoolSpec spec = pool(10, OverflowPolicy::Throttle);
        spec.keepAliveS = makeConstant(1000);
        FunctionPool fn(h.context, spec);
        fn.connect([](const std::string&) -> Component* { return nullptr; });
        fn.start();
        for (int i = 0; i < 4; ++i) h.send(fn, 0);
        h.runUntil(500);
        QCOMPARE(fn.alive(), 4);
        FailureSpec outage;
        outage.kind = FailureKind::LoseReplicas;
        outage.share = 0.5;
        fn.beginFailure(outage);
        QCOMPARE(fn.alive(), 2);
        for (int i = 0; i < 4; ++i) h.send(fn, 1000);
        h.runUntil(2000);
        QCOMPARE(h.logList().mid(4), QStringList({"1005 ms #4 done", "1005 ms #5 done",
                                                  "1105 ms #6 done", "1105 ms #7 done"}));
    }

    void testEdgeKeepsInstancesPerClientRegion_data() {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QStringList>("log");
        QTest::addColumn<int>("coldStarts");
        // One instance at most, 100 ms cold start, 5 ms of work, 1 s keep-alive. Sends: #0 from
        // region a at 0, #1 from b at 10, #2 from a at 200, #3 from b at 300, #4 from b at 302,
        // #5 from a at 1250.
        // At the edge: #0 and #1 each start their region's instance (105, 115 ms); #2 and #3
        // reuse them (205, 305 ms); #4 finds b's one instance busy and b at its limit, throttled
        // although a's instance is idle; a's instance was reclaimed at 1205 ms (1 s after #2),
        // so #5 starts a new one: 1355 ms. Three cold starts.
        QTest::newRow("edge") << QStringLiteral("edge")
                              << QStringList({"105 ms #0 done", "115 ms #1 done", "205 ms #2 done",
                                              "302 ms #4 throttled", "305 ms #3 done",
                                              "1355 ms #5 done"})
                              << 3;
        // In one region the pool is one set: #1 finds the only instance starting and the limit
        // reached (throttled); #2 and #3 reuse it, #4 finds it busy (throttled); it was released
        // at 305 ms, so #5 at 1250 ms is still warm. One cold start.
        QTest::newRow("one region")
            << QStringLiteral("a")
            << QStringList({"10 ms #1 throttled", "105 ms #0 done", "205 ms #2 done",
                            "302 ms #4 throttled", "305 ms #3 done", "1255 ms #5 done"})
            << 1;
    }

    void testEdgeKeepsInstancesPerClientRegion() {
        QFETCH(QString, region);
        QFETCH(QStringList, log);
        QFETCH(int, coldStarts);
        ComponentHarness h;
        TopologySpec topology;
        topology.regions = {{"a", 1}, {"b", 1}};
        topology.roundTrips = {{"a", "b", makeConstant(50)}};
        RegionMap regions(topology, makeStream(1, 0, "regions", "clients"),
                          makeStream(1, 0, "regions", "round-trips"));
        h.context.regions = &regions;
        FunctionPoolSpec spec = pool(1, OverflowPolicy::Throttle);
        spec.region = region.toStdString();
        FunctionPool fn(h.context, spec);
        fn.connect([](const std::string&) -> Component* { return nullptr; });
        fn.start();
        const std::pair<double, std::uint8_t> sends[] = {{0, 0},   {10, 1},  {200, 0},
                                                         {300, 1}, {302, 1}, {1250, 0}};
        for (const auto& [at, client] : sends) h.send(fn, at, 0, client);
        h.runUntil(1280);
        if (region == "edge") {
            QCOMPARE(fn.alive(0), 1);  // #5's, starting (the first was reclaimed at 1205 ms)
            QCOMPARE(fn.alive(1), 1);  // released at 305 ms, reclaimed at 1305 ms
        }
        h.run();
        QCOMPARE(h.logList(), log);
        QCOMPARE(h.counters.coldStarts, std::uint64_t(coldStarts));
        QCOMPARE(fn.alive(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFunctionPool)
#include "tst_functionpool.moc"
