// SPDX-License-Identifier: GPL-3.0-or-later
// The server pool on its own: workers, the per-replica queue, rejection, the client timeout and a
// zone outage, each as a hand-checked log.
#include "sim/model/components/serverpool.h"

#include "sim/model/components/componentharness.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

ServerPoolSpec pool(int replicas, int workers, int queue, double cpuMs) {
    ServerPoolSpec p;
    p.id = "api";
    p.replicas = replicas;
    p.workersPerReplica = workers;
    p.queueCapacity = queue;
    HandlerStep work;
    work.cpuMs = makeConstant(cpuMs);
    p.handler = {work};
    return p;
}

}  // namespace

class TestServerPool : public QObject {
    Q_OBJECT
private slots:
    void testWorkersQueueThenReject() {
        // One worker, a queue of one, 10 ms each: of three at 0 ms, one runs, one waits, one is
        // rejected.
        ComponentHarness h;
        const ServerPoolSpec spec = pool(1, 1, 1, 10);
        ServerPool api(h.context, spec);
        api.connect([](const std::string&) -> Component* { return nullptr; });
        api.start();
        for (int i = 0; i < 3; ++i) h.send(api, 0);
        h.run();
        QCOMPARE(h.logList(), QStringList({"0 ms #2 rejected", "10 ms #0 done", "20 ms #1 done"}));
        ComponentGauge gauge;
        WindowTotals totals;
        QVERIFY(api.fillGauge(gauge, totals, 0, fromMillis(20)));
        QCOMPARE(gauge.busy, 1.0);
        QCOMPARE(gauge.queueLength, 0.5);
        QCOMPARE(gauge.alive, 1.0);
    }

    void testTimeoutCountsButTheWorkGoesOn() {
        // A 15 ms client timeout: #1 waits 10 ms and runs 10 more, so its client gives up at
        // 15 ms; the pool still finishes it at 20 ms (and it is not counted as completed).
        ComponentHarness h;
        ServerPoolSpec spec = pool(1, 1, 1, 10);
        spec.timeoutMs = 15;
        ServerPool api(h.context, spec);
        api.connect([](const std::string&) -> Component* { return nullptr; });
        api.start();
        h.send(api, 0);
        h.send(api, 0);
        h.run();
        QCOMPARE(h.counters.errors[static_cast<std::size_t>(ErrorReason::TimedOut)],
                 std::uint64_t{1});
        QCOMPARE(h.recorder.completed(), std::uint64_t{1});
        QCOMPARE(h.logList(), QStringList({"10 ms #0 done", "20 ms #1 done"}));
    }

    void testRoundRobinAcrossReplicasAndOutage() {
        // Two replicas of one worker, no queue: two at 0 ms both run. After half the replicas are
        // lost, of two at 100 ms one runs and one is rejected.
        ComponentHarness h;
        const ServerPoolSpec spec = pool(2, 1, 0, 10);
        ServerPool api(h.context, spec);
        api.connect([](const std::string&) -> Component* { return nullptr; });
        api.start();
        h.send(api, 0);
        h.send(api, 0);
        h.run();
        FailureSpec outage;
        outage.kind = FailureKind::LoseReplicas;
        outage.share = 0.5;
        api.beginFailure(outage);
        QCOMPARE(api.alive(), 1);
        h.send(api, 100);
        h.send(api, 100);
        h.run();
        QCOMPARE(h.logList(), QStringList({"10 ms #0 done", "10 ms #1 done", "100 ms #3 rejected",
                                           "110 ms #2 done"}));
        api.endFailure(outage);  // no autoscaler: the lost replica comes back
        h.run();
        QCOMPARE(api.alive(), 2);
    }
};

QTEST_GUILESS_MAIN(TestServerPool)
#include "tst_serverpool.moc"
