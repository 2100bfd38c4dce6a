// SPDX-License-Identifier: GPL-3.0-or-later
// The architecture model on small cases whose outcome can be worked out by hand: trace arrivals at
// fixed times and constant latencies, so every figure below follows from the arithmetic in the
// comments.
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "sim/core/simulator.h"
#include "sim/run/runner.h"
#include "sim/model/handcheckedscenario.h"
#include "sim/stats/confidence.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

RunResult run(const Scenario& s, std::uint64_t seed = 1, std::uint64_t replication = 0) {
    RunOptions options;
    options.seed = seed;
    options.replication = replication;
    return runScenario(s, options);
}

}  // namespace

class TestArchitectureModel : public QObject {
    Q_OBJECT
private slots:
    void testColdThenWarmThroughGateway() {
        // gateway 5 ms -> function (cold start 100 ms, cpu 5 ms). At t=0: 5+100+5 = 110 ms.
        // At t=1 s the instance is warm (keep-alive 10 s): 5+5 = 10 ms. At t=20 s it was
        // reclaimed at 10.11 s: cold again, 110 ms.
        Scenario s = traceScenario({0, 1, 20});
        s.topology.entry = "gw";
        s.topology.gateways.push_back(gateway("gw", makeConstant(5), std::nullopt, "fn"));
        s.topology.functions.push_back(function("fn", {cpu(5)}));
        const RunResult r = run(s);
        QCOMPARE(r.completed, std::uint64_t{3});
        QCOMPARE(r.coldStarts, std::uint64_t{2});
        QCOMPARE(r.functionStarts, std::uint64_t{3});
        QCOMPARE(r.latency.min(), fromMillis(10));
        QCOMPARE(r.latency.max(), fromMillis(110));
        QCOMPARE(r.meanBreakdownMs(TimeCategory::ColdStart), 200.0 / 3);
        QCOMPARE(r.meanBreakdownMs(TimeCategory::Network), 5.0);
        QCOMPARE(r.meanBreakdownMs(TimeCategory::Cpu), 5.0);
        QCOMPARE(r.usage.gatewayRequests, std::uint64_t{3});
        QCOMPARE(r.usage.functionInvocations, std::uint64_t{3});
    }

    void testTailBreakdownShowsWhatTheMeanHides() {
        // 20 bursts of 50 requests, 150 ms apart (one instance serves them all), bursts 22.5 s
        // apart: the keep-alive (10 s) lapses between bursts, so each burst's first request
        // starts cold. Gateway 1 ms, cpu 2 ms, cold start 100 ms: 980 requests take 3 ms, 20
        // take 103 ms. The mean cold start is 2 ms; the slowest 1% (10 requests) and 0.1% (1
        // request) are all cold start.
        std::vector<double> arrivals;
        for (int burst = 0; burst < 20; ++burst)
            for (int i = 0; i < 50; ++i) arrivals.push_back(burst * 22.5 + i * 0.15);
        Scenario s = traceScenario(arrivals, 500);
        s.topology.entry = "gw";
        s.topology.gateways.push_back(gateway("gw", makeConstant(1), std::nullopt, "fn"));
        s.topology.functions.push_back(function("fn", {cpu(2)}));
        const RunResult r = run(s);
        QCOMPARE(r.completed, std::uint64_t{1000});
        QCOMPARE(r.coldStarts, std::uint64_t{20});
        QCOMPARE(r.meanBreakdownMs(TimeCategory::ColdStart), 2.0);
        const auto ms = [](const TailBreakdown& t, TimeCategory c) {
            return t.meanMs[static_cast<std::size_t>(c)];
        };
        QCOMPARE(r.tail.median.meanLatencyMs, 3.0);
        QCOMPARE(ms(r.tail.median, TimeCategory::ColdStart), 0.0);
        QCOMPARE(ms(r.tail.median, TimeCategory::Cpu), 2.0);
        QCOMPARE(ms(r.tail.median, TimeCategory::Network), 1.0);
        QCOMPARE(r.tail.p99.requests, 10.0);
        QCOMPARE(r.tail.p99.meanLatencyMs, 103.0);
        QCOMPARE(ms(r.tail.p99, TimeCategory::ColdStart), 100.0);
        QCOMPARE(ms(r.tail.p99, TimeCategory::Cpu), 2.0);
        QCOMPARE(ms(r.tail.p99, TimeCategory::Network), 1.0);
        QCOMPARE(r.tail.p999.requests, 1.0);
        QCOMPARE(ms(r.tail.p999, TimeCategory::ColdStart), 100.0);
    }

    void testConcurrencyLimitThrottles() {
        // One instance at most, one request at a time: the second of two simultaneous requests
        // is throttled; with the queue policy it waits instead (105 + 5 = ... see below).
        Scenario s = traceScenario({0, 0});
        s.topology.entry = "fn";
        FunctionPoolSpec f = function("fn", {cpu(50)});
        f.maxInstances = 1;
        s.topology.functions.push_back(f);
        const RunResult throttled = run(s);
        QCOMPARE(throttled.completed, std::uint64_t{1});
        QCOMPARE(throttled.errors[static_cast<std::size_t>(ErrorReason::Throttled)], std::uint64_t{1});

        s.topology.functions[0].onLimit = OverflowPolicy::Queue;
        const RunResult queued = run(s);
        // First: 100 cold + 50 cpu = 150 ms. Second waits until 150 ms, then runs 50: 200 ms.
        QCOMPARE(queued.completed, std::uint64_t{2});
        QCOMPARE(queued.totalErrors(), std::uint64_t{0});
        QCOMPARE(queued.latency.max(), fromMillis(200));
        QCOMPARE(queued.meanBreakdownMs(TimeCategory::Queueing), 75.0);  // (0 + 150) / 2
    }

    void testConcurrentInstanceServesManyAtOnce() {
        // Workers-style: one instance takes 4 requests at once; 3 simultaneous requests share one
        // cold start (one instance, one cold start counted).
        Scenario s = traceScenario({0, 0, 0});
        s.topology.entry = "fn";
        FunctionPoolSpec f = function("fn", {cpu(10)});
        f.concurrencyPerInstance = 4;
        s.topology.functions.push_back(f);
        const RunResult r = run(s);
        QCOMPARE(r.completed, std::uint64_t{3});
        QCOMPARE(r.coldStarts, std::uint64_t{1});
        QCOMPARE(r.peakInstances, std::uint64_t{1});
        QCOMPARE(r.latency.max(), fromMillis(110));
    }

    void testProvisionedInstancesAreWarm() {
        Scenario s = traceScenario({0, 50});
        s.topology.entry = "fn";
        FunctionPoolSpec f = function("fn", {cpu(10)});
        f.provisioned = 1;
        s.topology.functions.push_back(f);
        const RunResult r = run(s);
        QCOMPARE(r.coldStarts, std::uint64_t{0});
        QCOMPARE(r.latency.max(), fromMillis(10));
        QVERIFY(r.usage.provisionedBilledSeconds > 0);
        QCOMPARE(r.usage.functionBilledSeconds, 0.0);
    }

    void testServerQueueRejectsWhenFull() {
        // 1 replica x 1 worker, queue of 1: of 3 simultaneous requests one runs, one waits, one
        // is rejected. Latencies 20 and 40 ms.
        Scenario s = traceScenario({0, 0, 0});
        s.topology.entry = "srv";
        s.topology.servers.push_back(servers("srv", 1, 1, 1, {cpu(20)}));
        const RunResult r = run(s);
        QCOMPARE(r.completed, std::uint64_t{2});
        QCOMPARE(r.errors[static_cast<std::size_t>(ErrorReason::Rejected)], std::uint64_t{1});
        QCOMPARE(r.latency.max(), fromMillis(40));
        QCOMPARE(r.latency.min(), fromMillis(20));
    }

    void testTimeoutCountsAnError() {
        Scenario s = traceScenario({0});
        s.topology.entry = "srv";
        ServerPoolSpec p = servers("srv", 1, 1, 10, {cpu(100)});
        p.timeoutMs = 50;
        s.topology.servers.push_back(p);
        const RunResult r = run(s);
        QCOMPARE(r.errors[static_cast<std::size_t>(ErrorReason::TimedOut)], std::uint64_t{1});
        QCOMPARE(r.latency.count(), std::uint64_t{0});
    }

    void testPayloadLimitRejectsLargeRequests() {
        Scenario s = traceScenario({0, 1});
        s.workload.payloadKb = makeConstant(12000);  // 12 MB against a 10 MB limit
        s.topology.entry = "gw";
        s.topology.gateways.push_back(gateway("gw", makeConstant(1), 10240.0, "srv"));
        s.topology.servers.push_back(servers("srv", 1, 1, 1, {cpu(1)}));
        const RunResult r = run(s);
        QCOMPARE(r.errors[static_cast<std::size_t>(ErrorReason::Payload)], std::uint64_t{2});
        QCOMPARE(r.completed, std::uint64_t{0});
    }

    void testDatabaseConnectionsQueue() {
        // One connection, 10 ms queries: the second of two simultaneous requests waits 10 ms.
        Scenario s = traceScenario({0, 0});
        s.topology.entry = "srv";
        s.topology.servers.push_back(servers("srv", 1, 8, 8, {call("db")}));
        s.topology.databases.push_back({"db", makeConstant(10), 1});
        const RunResult r = run(s);
        QCOMPARE(r.latency.max(), fromMillis(20));
        QCOMPARE(r.meanBreakdownMs(TimeCategory::Queueing), 5.0);
        QCOMPARE(r.meanBreakdownMs(TimeCategory::Database), 10.0);
    }

    void testFixedHitRatioSkipsDatabaseOnHit() {
        Scenario s = traceScenario({0, 1, 2, 3});
        s.topology.entry = "srv";
        s.topology.servers.push_back(servers("srv", 1, 1, 1, {cacheStep("c", {call("db")})}));
        CacheSpec c;
        c.id = "c";
        c.lookupMs = makeConstant(30);
        c.hitRatio = 1.0;
        s.topology.caches.push_back(c);
        s.topology.databases.push_back({"db", makeConstant(20), 10});
        RunResult r = run(s);
        QCOMPARE(r.latency.max(), fromMillis(30));
        QCOMPARE(r.cacheHits, std::uint64_t{4});
        s.topology.caches[0].hitRatio = 0.0;
        r = run(s);
        QCOMPARE(r.latency.min(), fromMillis(50));
        QCOMPARE(r.cacheMisses, std::uint64_t{4});
        QCOMPARE(r.usage.remoteCacheWrites, std::uint64_t{4});
    }

    void testInProcessCacheWarmsPerInstance() {
        // One key: each new instance misses once, then hits. Two instances (two simultaneous
        // requests) -> 2 misses; three later requests on warm instances -> 3 hits.
        Scenario s = traceScenario({0, 0, 1, 2, 3});
        s.topology.entry = "fn";
        s.topology.functions.push_back(function("fn", {cacheStep("mem", {call("db")})}));
        CacheSpec c;
        c.id = "mem";
        c.placement = CachePlacement::InProcess;
        c.lookupMs = makeConstant(0.1);
        c.keys = 1;
        c.capacity = 10;
        s.topology.caches.push_back(c);
        s.topology.databases.push_back({"db", makeConstant(20), 10});
        const RunResult r = run(s);
        QCOMPARE(r.cacheMisses, std::uint64_t{2});
        QCOMPARE(r.cacheHits, std::uint64_t{3});
        QCOMPARE(r.usage.remoteCacheReads, std::uint64_t{0});
    }

    void testColdStartFractionMatchesKeepAliveTheory() {
        // Poisson arrivals at rate 0.1/s to one function with concurrency 1 and keep-alive 10 s,
        // with near-zero service: an arrival is cold exactly when the previous gap exceeded the
        // keep-alive, so P(cold) = exp(-rate x keepAlive) = exp(-1) = 0.3679. Replications give a
        // 99% confidence interval (see tests/validation for why intervals, not fixed tolerances).
        Scenario s;
        s.run.durationS = 20'000;
        s.run.windowS = 100;
        s.workload.ratePerS = 0.1;
        s.topology.entry = "fn";
        FunctionPoolSpec f = function("fn", {cpu(0.001)});
        f.coldStartMs = makeConstant(0.001);
        s.topology.functions.push_back(f);
        std::vector<double> fractions;
        for (std::uint64_t rep = 0; rep < 20; ++rep) fractions.push_back(run(s, 5, rep).coldStartFraction());
        const auto ci = meanConfidenceInterval(fractions, 0.99);
        const double expected = std::exp(-1.0);
        QVERIFY2(ci.contains(expected), qPrintable(QString("expected %1, 99% CI [%2, %3]")
                                                       .arg(expected).arg(ci.low()).arg(ci.high())));
    }

    void testKeepAliveTimersStayOnePerInstance_data() {
        QTest::addColumn<QString>("keepAlive");
        QTest::addColumn<double>("durationS");
        QTest::newRow("31 days, fixed") << "fixed" << 60.0;
        // A random keep-alive can draw a deadline earlier than the pending expiry: that one needs
        // an event of its own, but the superseded ones stay few.
        QTest::newRow("1 to 31 days, uniform") << "uniform" << 60.0;
        // An exponential one (an edge isolate's idle eviction) undercuts the pending expiry
        // often: without stale events being dropped, thousands would be pending after 10 minutes.
        QTest::newRow("mean 300 s, exponential") << "exponential" << 600.0;
    }

    void testKeepAliveTimersStayOnePerInstance() {
        // 1000 requests/s, 5 ms each, on a handful of instances that never expire within the
        // run. Each release used to schedule its own keep-alive event, so 60,000 of them were
        // pending after a minute; now each instance has about one, whatever the traffic.
        QFETCH(QString, keepAlive);
        QFETCH(double, durationS);
        Scenario s;
        s.run.durationS = durationS;
        s.workload.ratePerS = 1000;
        s.topology.entry = "fn";
        FunctionPoolSpec f = function("fn", {cpu(5)});
        f.keepAliveS = keepAlive == "uniform"       ? makeUniform(86'400, 31 * 86'400)
                       : keepAlive == "exponential" ? makeExponential(300)
                                                    : makeConstant(31 * 86'400);
        s.topology.functions.push_back(f);

        struct PendingEvents final : RunObserver {
            std::size_t most = 0;
            void onProgress(const RunProgress& p) override {
                most = std::max(most, p.eventsPending);
            }
        } pending;
        RunOptions options;
        options.observer = &pending;
        const RunResult r = runScenario(s, options);
        QCOMPARE(toString(r.status), std::string("completed"));
        QVERIFY(static_cast<double>(r.completed) > 55'000 * durationS / 60);
        // About one per instance alive (a few more with the random keep-alive: see
        // FunctionPool::releaseSlot), plus the next arrival and the requests in service, and at
        // most Simulator::kDropStaleFrom stale ones before they are dropped.
        const std::size_t bound = 4 * r.peakInstances + 20 + Simulator::kDropStaleFrom;
        QVERIFY2(pending.most <= bound, qPrintable(QString("%1 events pending, %2 instances")
                                                       .arg(pending.most)
                                                       .arg(r.peakInstances)));
    }

    void testLongQueueOfInstantRequestsDrainsWithoutRecursion_data() {
        QTest::addColumn<bool>("serverInFront");
        QTest::newRow("function pool queue") << false;
        QTest::newRow("server pool queue") << true;
    }

    void testLongQueueOfInstantRequestsDrainsWithoutRecursion() {
        // 100,000 requests queue behind one instance's 500 ms cold start (or behind one server
        // worker waiting on it); once it is up, each takes no time at all, so each release hands
        // the instance or worker straight to the next. That used to nest one call per request
        // queued and overflow the stack.
        QFETCH(bool, serverInFront);
        Scenario s;
        s.run.durationS = 1;
        s.workload.ratePerS = 200'000;
        FunctionPoolSpec f = function("fn", {});
        f.coldStartMs = makeConstant(500);
        f.maxInstances = 1;
        f.onLimit = OverflowPolicy::Queue;
        s.topology.functions.push_back(f);
        s.topology.entry = "fn";
        if (serverInFront) {
            s.topology.servers.push_back(servers("srv", 1, 1, 10'000'000, {call("fn")}));
            s.topology.entry = "srv";
        }
        const RunResult r = run(s);
        QCOMPARE(toString(r.status), std::string("completed"));
        QVERIFY(r.completed > 190'000);
        QCOMPARE(r.coldStarts, std::uint64_t{1});
    }

    void testAutoscalerAddsReplicasUnderLoad() {
        // 200 req/s x 50 ms = 10 busy workers needed; 1 replica x 4 workers cannot keep up. Target
        // utilization 0.5 -> about 5 replicas once booted.
        Scenario s;
        s.run.durationS = 600;
        s.run.windowS = 10;
        s.workload.ratePerS = 200;
        s.topology.entry = "srv";
        ServerPoolSpec p = servers("srv", 1, 4, 1000, {cpu(50)});
        AutoscalerSpec as;
        as.target = 0.5;
        as.evaluationPeriodS = 15;
        as.bootDelayS = 30;
        as.scaleInStabilizationS = 120;
        as.minReplicas = 1;
        as.maxReplicas = 20;
        p.autoscaler = as;
        s.topology.servers.push_back(p);
        const RunResult r = run(s);
        const auto& last = r.windows.back().components.front();
        QVERIFY2(last.alive >= 4 && last.alive <= 8,
                 qPrintable(QString("replicas at the end: %1").arg(last.alive)));
        QVERIFY(r.windows.front().components.front().alive < 2);
        QVERIFY2(r.usage.replicaSeconds > 600, qPrintable(QString::number(r.usage.replicaSeconds)));
    }

    void testCommonRandomNumbersShareArrivals() {
        // Two different topologies see exactly the same arrivals with the same seed.
        Scenario a;
        a.run.durationS = 50;
        a.workload.ratePerS = 20;
        a.topology.entry = "fn";
        a.topology.functions.push_back(function("fn", {cpu(5)}));
        Scenario b = a;
        b.topology.functions.clear();
        b.topology.entry = "srv";
        b.topology.servers.push_back(servers("srv", 2, 4, 100, {cpu(1)}));
        QCOMPARE(run(a).arrivals, run(b).arrivals);
    }

    void testMemoryTracksRequestsInFlightNotSimulated() {
        // Overload is detected and reported instead of growing without bound.
        Scenario s;
        s.run.durationS = 1000;
        s.run.maxInFlight = 1000;
        s.workload.ratePerS = 100;
        s.topology.entry = "srv";
        s.topology.servers.push_back(servers("srv", 1, 1, 1'000'000, {cpu(100)}));
        const RunResult r = run(s);
        QCOMPARE(toString(r.status), std::string("overloaded"));
        QVERIFY(r.simulatedTime < fromSeconds(1000));
    }
};

QTEST_GUILESS_MAIN(TestArchitectureModel)
#include "tst_architecturemodel.moc"
