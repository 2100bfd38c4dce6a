// SPDX-License-Identifier: GPL-3.0-or-later
// Timeouts, retries, circuit breakers, rate limits, load shedding and injected failures, on small
// cases whose outcome follows from the arithmetic in the comments: trace arrivals at fixed times
// and constant latencies.
#include <QtTest>

#include "sim/run/runner.h"
#include "sim/model/handcheckedscenario.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

RetryPolicy retries(int attempts, double backoffMs) {
    RetryPolicy r;
    r.attempts = attempts;
    r.backoffMs = backoffMs;
    r.backoffMultiplier = 2;
    r.maxBackoffMs = 10'000;
    r.jitter = 0;  // hand-checked: no randomness in the waits
    return r;
}



/// "api" (1 replica, 100 workers) calls "dep" with the given call step; "dep" runs `depCpuMs`.
Scenario callerAndDependency(std::vector<double> arrivalsS, HandlerStep callStep, int depWorkers,
                             double depCpuMs) {
    Scenario s = traceScenario(std::move(arrivalsS));
    s.topology.entry = "api";
    callStep.target = "dep";
    s.topology.servers.push_back(servers("api", 1, 100, 1000, {callStep}));
    s.topology.servers.push_back(servers("dep", 1, depWorkers, 1000, {cpu(depCpuMs)}));
    return s;
}

FailureSpec failure(FailureKind kind, const std::string& target, double startS, double endS) {
    FailureSpec f;
    f.kind = kind;
    f.target = target;
    f.startS = startS;
    f.endS = endS;
    return f;
}

std::uint64_t errors(const RunResult& r, ErrorReason reason) {
    return r.errors[static_cast<std::size_t>(reason)];
}

RunResult run(const Scenario& s) {
    RunOptions options;
    options.seed = 1;
    return runScenario(s, options);
}

/// The dependency's gauge in the window that starts at `startS`.
const ComponentGauge& gaugeAt(const RunResult& r, double startS, const std::string& id) {
    for (const WindowRow& w : r.windows)
        if (w.latency.start == fromSeconds(startS))
            for (const ComponentGauge& g : w.components)
                if (g.id == id) return g;
    static const ComponentGauge none;
    return none;
}

}  // namespace

class TestFailureBehaviour : public QObject {
    Q_OBJECT
private slots:
    void testTimedOutWorkGoesOnHoldingTheCallee() {
        // dep has one worker and takes 100 ms. Two calls with a 50 ms timeout, at 0 and 10 ms:
        // the first attempt holds the worker from 0 to 100 ms, the caller gives up at 50 ms; the
        // second waits in dep's queue, gives up at 60 ms, and its abandoned attempt still runs
        // from 100 to 200 ms. Both fail as timed out, yet dep was busy 200 ms of the first second.
        HandlerStep c = call("dep");
        c.timeoutMs = 50;
        const RunResult r = run(callerAndDependency({0, 0.010}, c, 1, 100));
        QCOMPARE(r.completed, std::uint64_t{0});
        QCOMPARE(errors(r, ErrorReason::TimedOut), std::uint64_t{2});
        QCOMPARE(r.totalErrors(), std::uint64_t{2});
        QCOMPARE(gaugeAt(r, 0, "dep").busy, 0.2);
    }

    void testFastCallsReturnBeforeTheTimeout() {
        // 10 ms of work under a 50 ms timeout: the attempt's time is the caller's, booked as CPU.
        HandlerStep c = call("dep");
        c.timeoutMs = 50;
        const RunResult r = run(callerAndDependency({0, 1}, c, 1, 10));
        QCOMPARE(r.completed, std::uint64_t{2});
        QCOMPARE(r.totalErrors(), std::uint64_t{0});
        QCOMPARE(r.latency.max(), fromMillis(10));
        QCOMPARE(r.meanBreakdownMs(TimeCategory::Cpu), 10.0);
        QCOMPARE(r.retries, std::uint64_t{0});
    }

    void testRetriesBackOffThenGiveUp() {
        // dep fails every request in [0, 10) s. A call at 1 s with 3 attempts and a 10 ms
        // backoff doubling: attempts at 1.000, 1.010 and 1.030 s all fail, so the call fails as
        // retries exhausted after two retries. The call at 12 s succeeds on its first attempt.
        HandlerStep c = call("dep");
        c.retry = retries(3, 10);
        Scenario s = callerAndDependency({1, 12}, c, 1, 5);
        FailureSpec f = failure(FailureKind::Errors, "dep", 0, 10);
        f.probability = 1;
        s.failures.push_back(f);
        const RunResult r = run(s);
        QCOMPARE(errors(r, ErrorReason::RetriesExhausted), std::uint64_t{1});
        QCOMPARE(r.totalErrors(), std::uint64_t{1});
        QCOMPARE(r.retries, std::uint64_t{2});
        QCOMPARE(r.completed, std::uint64_t{1});
        QCOMPARE(r.latency.max(), fromMillis(5));
        std::uint64_t retriesInWindows = 0;
        for (const WindowRow& w : r.windows) retriesInWindows += w.retries;
        QCOMPARE(retriesInWindows, std::uint64_t{2});
    }

    void testARetryAfterATimeoutSucceeds() {
        // dep is slowed 10x in [0, 1.5) s: 10 ms of work takes 100 ms. A call at 1.45 s with a
        // 50 ms timeout gives up at 1.50 s; the retry after a 20 ms backoff (1.52 s) finds dep
        // healthy and returns at 1.53 s: 80 ms in all, 70 of them lost to the timeout and the
        // backoff, 10 of CPU.
        HandlerStep c = call("dep");
        c.timeoutMs = 50;
        c.retry = retries(2, 20);
        Scenario s = callerAndDependency({1.45}, c, 4, 10);
        FailureSpec slow = failure(FailureKind::Slow, "dep", 0, 1.5);
        slow.factor = 10;
        s.failures.push_back(slow);
        const RunResult r = run(s);
        QCOMPARE(r.completed, std::uint64_t{1});
        QCOMPARE(r.totalErrors(), std::uint64_t{0});
        QCOMPARE(r.retries, std::uint64_t{1});
        QCOMPARE(r.latency.max(), fromMillis(80));
        QCOMPARE(r.meanBreakdownMs(TimeCategory::Retry), 70.0);
        QCOMPARE(r.meanBreakdownMs(TimeCategory::Cpu), 10.0);
    }

    void testRetryBudgetCapsRetries() {
        // dep always fails. With no budget each of 100 calls retries twice: 200 retries. With a
        // budget of 0.5 (10 tokens in hand, 0.5 earned per call, 1 spent per retry): calls 1-6
        // retry twice (12), call 7 once, then every second call once (calls 8, 10, ..., 100:
        // 47), 60 retries in all.
        HandlerStep c = call("dep");
        c.retry = retries(3, 1);
        std::vector<double> times;
        for (int i = 0; i < 100; ++i) times.push_back(0.1 * i);
        Scenario s = callerAndDependency(times, c, 1, 1);
        FailureSpec f = failure(FailureKind::Errors, "dep", 0, 30);
        f.probability = 1;
        s.failures.push_back(f);
        const RunResult unlimited = run(s);
        QCOMPARE(unlimited.retries, std::uint64_t{200});
        s.topology.servers[0].handler[0].retry->budget = 0.5;
        const RunResult budgeted = run(s);
        QCOMPARE(budgeted.retries, std::uint64_t{60});
        QCOMPARE(errors(budgeted, ErrorReason::RetriesExhausted), std::uint64_t{100});
    }

    void testBreakerOpensFailsFastAndCloses() {
        // dep is down in [0, 5) s. Calls every 100 ms from 0 to 9.9 s through a breaker (at
        // least 5 calls, threshold 0.5, open 2 s, one probe). The first 5 calls reach dep and
        // fail as unavailable; the breaker opens at 0.4 s and fails calls at once until 2.4 s;
        // the probe then fails (dep still down) and it opens again until 4.4 s, and once more
        // until 6.4 s, when the probe finds dep back and it closes: from there every call works.
        HandlerStep c = call("dep");
        CircuitBreakerSpec b;
        b.minimumCalls = 5;
        b.failureRateThreshold = 0.5;
        b.openS = 2;
        b.halfOpenProbes = 1;
        b.windowS = 10;
        c.breaker = b;
        std::vector<double> times;
        for (int i = 0; i < 100; ++i) times.push_back(0.1 * i);
        Scenario s = callerAndDependency(times, c, 10, 1);
        s.failures.push_back(failure(FailureKind::Down, "dep", 0, 5));
        const RunResult r = run(s);
        QCOMPARE(errors(r, ErrorReason::Unavailable), std::uint64_t{5 + 2});  // 5 calls, 2 probes
        QCOMPARE(errors(r, ErrorReason::BreakerOpen), std::uint64_t{64 - 7});  // 0.5 .. 6.3 s
        QCOMPARE(r.completed, std::uint64_t{100 - 64});
        for (const WindowRow& w : r.windows)
            if (w.latency.start >= fromSeconds(7)) QCOMPARE(w.errors, ErrorCounts{});
    }

    void testRateLimitLetsTheBurstThrough() {
        // A bucket of 5 tokens refilled at 1/s: of 10 requests at t = 0, 5 pass and 5 are shed;
        // 10 more at t = 2 s find 2 tokens.
        std::vector<double> times(10, 0.0);
        times.insert(times.end(), 10, 2.0);
        Scenario s = traceScenario(times);
        s.topology.entry = "gw";
        GatewaySpec g;
        g.id = "gw";
        g.latencyMs = makeConstant(1);
        g.next = "api";
        g.rateLimit = RateLimitSpec{1, 5};
        s.topology.gateways.push_back(g);
        s.topology.servers.push_back(servers("api", 1, 100, 100, {cpu(1)}));
        const RunResult r = run(s);
        QCOMPARE(errors(r, ErrorReason::Shed), std::uint64_t{5 + 8});
        QCOMPARE(r.completed, std::uint64_t{5 + 2});
    }

    void testSheddingOnTheQueueBehind() {
        // One worker taking 1 s, requests 1 ms apart at a gateway that sheds while more than 2
        // wait behind it: the first is served, the next three queue (the third finds 2 waiting,
        // not more), the remaining six are shed.
        std::vector<double> times;
        for (int i = 0; i < 10; ++i) times.push_back(0.001 * i);
        Scenario s = traceScenario(times);
        s.topology.entry = "gw";
        GatewaySpec g;
        g.id = "gw";
        g.latencyMs = makeConstant(0);
        g.next = "api";
        g.shedQueueAbove = 2;
        s.topology.gateways.push_back(g);
        s.topology.servers.push_back(servers("api", 1, 1, 100, {cpu(1000)}));
        const RunResult r = run(s);
        QCOMPARE(errors(r, ErrorReason::Shed), std::uint64_t{6});
        QCOMPARE(r.completed, std::uint64_t{4});
    }

    void testDownAndErrorsOnlyInTheirInterval() {
        // One request a second for 30 s; the pool is down in [5, 10) and fails half its requests
        // in [20, 30) (a coin per request, so between 1 and 9 of those 10).
        std::vector<double> times;
        for (int i = 0; i < 30; ++i) times.push_back(i + 0.5);
        Scenario s = traceScenario(times);
        s.topology.entry = "api";
        s.topology.servers.push_back(servers("api", 1, 10, 10, {cpu(1)}));
        s.failures.push_back(failure(FailureKind::Down, "api", 5, 10));
        FailureSpec e = failure(FailureKind::Errors, "api", 20, 30);
        e.probability = 0.5;
        s.failures.push_back(e);
        const RunResult r = run(s);
        QCOMPARE(errors(r, ErrorReason::Unavailable), std::uint64_t{5});
        const std::uint64_t failed = errors(r, ErrorReason::Failed);
        QVERIFY2(failed >= 1 && failed <= 9, QByteArray::number(static_cast<qulonglong>(failed)));
        for (const WindowRow& w : r.windows) {
            const bool inDown = w.latency.start >= fromSeconds(5) && w.latency.start < fromSeconds(10);
            QCOMPARE(w.errors[static_cast<std::size_t>(ErrorReason::Unavailable)],
                     std::uint64_t{inDown ? 1u : 0u});
            if (w.latency.start < fromSeconds(20))
                QCOMPARE(w.errors[static_cast<std::size_t>(ErrorReason::Failed)], std::uint64_t{0});
        }
    }

    void testSlowdownMultipliesLatency() {
        // A 10 ms hop slowed 3x in [5, 10): requests then take 30 ms, before and after 10 ms.
        Scenario s = traceScenario({1, 6, 12});
        s.topology.entry = "api";
        s.topology.servers.push_back(servers("api", 1, 10, 10, {call("hop")}));
        s.topology.hops.push_back({"hop", makeConstant(10)});
        FailureSpec slow = failure(FailureKind::Slow, "hop", 5, 10);
        slow.factor = 3;
        s.failures.push_back(slow);
        const RunResult r = run(s);
        QCOMPARE(r.completed, std::uint64_t{3});
        QCOMPARE(r.latency.min(), fromMillis(10));
        QCOMPARE(r.latency.max(), fromMillis(30));
        QCOMPARE(static_cast<double>(r.latency.sum()), static_cast<double>(fromMillis(50)));
    }

    void testCacheFlushEmptiesTheCache() {
        // One key, so every lookup after the first hits; a flush at 5 s makes the next one miss.
        std::vector<double> times;
        for (int i = 0; i < 10; ++i) times.push_back(i + 0.5);
        Scenario s = traceScenario(times);
        s.topology.entry = "api";
        HandlerStep lookup;
        lookup.kind = HandlerStep::Kind::Cache;
        lookup.target = "cache";
        s.topology.servers.push_back(servers("api", 1, 10, 10, {lookup}));
        CacheSpec cache;
        cache.id = "cache";
        cache.lookupMs = makeConstant(1);
        cache.keys = 1;
        cache.capacity = 10;
        s.topology.caches.push_back(cache);
        FailureSpec flush = failure(FailureKind::CacheFlush, "cache", 5, 5);
        s.failures.push_back(flush);
        const RunResult r = run(s);
        QCOMPARE(r.cacheMisses, std::uint64_t{2});  // at 0.5 s and at 5.5 s
        QCOMPARE(r.cacheHits, std::uint64_t{8});
    }

    void testZoneOutageTakesReplicasAndGivesThemBack() {
        // 4 replicas of 1 worker, no queue, 1 s of work. 4 requests at 0.1 s are all served; at
        // 2 s half the replicas are lost; 4 requests at 3 s: 2 served, 2 rejected; at 5 s the
        // outage ends and the lost replicas come back; 4 requests at 6 s are all served again.
        Scenario s = traceScenario({0.1, 0.1, 0.1, 0.1, 3, 3, 3, 3, 6, 6, 6, 6});
        s.topology.entry = "api";
        s.topology.servers.push_back(servers("api", 4, 1, 0, {cpu(1000)}));
        FailureSpec outage = failure(FailureKind::LoseReplicas, "api", 2, 5);
        outage.share = 0.5;
        s.failures.push_back(outage);
        const RunResult r = run(s);
        QCOMPARE(errors(r, ErrorReason::Rejected), std::uint64_t{2});
        QCOMPARE(r.completed, std::uint64_t{10});
        QCOMPARE(gaugeAt(r, 3, "api").alive, 2.0);
        QCOMPARE(gaugeAt(r, 6, "api").alive, 4.0);
    }

    void testRetryStormStopsAtMaxInFlight() {
        // Every call times out (dep takes 1 s, the timeout is 10 ms) and is retried at once, and
        // the abandoned attempts pile up at dep: the run must stop at maxInFlight, not grow.
        HandlerStep c = call("dep");
        c.timeoutMs = 10;
        c.retry = retries(100, 0);
        Scenario s;
        s.run.durationS = 60;
        s.run.maxInFlight = 20'000;
        s.workload.ratePerS = 1000;
        s.topology.entry = "api";
        c.target = "dep";
        s.topology.servers.push_back(servers("api", 1, 100'000, 100'000, {c}));
        s.topology.servers.push_back(servers("dep", 1, 10, 10'000'000, {cpu(1000)}));
        const RunResult r = run(s);
        QCOMPARE(toString(r.status), std::string("overloaded"));
        QVERIFY2(r.statusMessage.find("run.maxInFlight (20000)") != std::string::npos,
                 r.statusMessage.c_str());
        QVERIFY(r.simulatedTime < fromSeconds(60));
    }
};

QTEST_GUILESS_MAIN(TestFailureBehaviour)
#include "tst_failurebehaviour.moc"
