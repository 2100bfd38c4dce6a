// SPDX-License-Identifier: GPL-3.0-or-later
// The function pool on its own: cold starts, warm reuse, the instance limit, keep-alive and a
// zone outage, each as a hand-checked log.
#include "sim/model/components/functionpool.h"

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
};

QTEST_GUILESS_MAIN(TestFunctionPool)
#include "tst_functionpool.moc"
