// SPDX-License-Identifier: GPL-3.0-or-later
// The gateway on its own: its latency, its payload limit, its rate limit and its load shedding,
// each as a hand-checked log of how requests end.
#include "sim/model/components/gateway.h"

#include "sim/model/components/componentharness.h"
#include "sim/model/components/serverpool.h"

using namespace archsim;
using namespace archsim::testing;

class TestGateway : public QObject {
    Q_OBJECT
private slots:
    void testLatencyThenResponds() {
        ComponentHarness h;
        GatewaySpec spec;
        spec.id = "gw";
        spec.latencyMs = makeConstant(5);
        Gateway gateway(h.context, spec);
        gateway.connect([](const std::string&) -> Component* { return nullptr; });
        h.send(gateway, 0);
        h.send(gateway, 2);
        h.run();
        QCOMPARE(h.logList(), QStringList({"5 ms #0 done", "7 ms #1 done"}));
        QCOMPARE(h.counters.usage.gatewayRequests, std::uint64_t{2});
    }

    void testPayloadLimitRejectsAtOnce() {
        ComponentHarness h;
        GatewaySpec spec;
        spec.id = "gw";
        spec.latencyMs = makeConstant(5);
        spec.payloadLimitKb = 10;
        Gateway gateway(h.context, spec);
        h.send(gateway, 0, 20);
        h.send(gateway, 1, 10);
        h.run();
        QCOMPARE(h.logList(), QStringList({"0 ms #0 payload too large", "6 ms #1 done"}));
    }

    void testRateLimitShedsBeyondTheBurst() {
        // A bucket of 2 refilled at 10/s: three at 0 ms (the third is shed), one at 100 ms.
        ComponentHarness h;
        GatewaySpec spec;
        spec.id = "gw";
        spec.latencyMs = makeConstant(1);
        spec.rateLimit = RateLimitSpec{10, 2};
        Gateway gateway(h.context, spec);
        for (double t : {0.0, 0.0, 0.0, 100.0}) h.send(gateway, t);
        h.run();
        QCOMPARE(h.logList(),
                 QStringList({"0 ms #2 shed", "1 ms #0 done", "1 ms #1 done", "101 ms #3 done"}));
    }

    void testShedsWhileTheQueueBehindIsLong() {
        // One worker taking 10 ms and a queue: the gateway sheds while more than 1 waits.
        ComponentHarness h;
        ServerPoolSpec pool;
        pool.id = "api";
        pool.replicas = 1;
        pool.workersPerReplica = 1;
        pool.queueCapacity = 10;
        HandlerStep work;
        work.cpuMs = makeConstant(10);
        pool.handler = {work};
        ServerPool api(h.context, pool);
        GatewaySpec spec;
        spec.id = "gw";
        spec.latencyMs = makeConstant(0);
        spec.next = "api";
        spec.shedQueueAbove = 1;
        Gateway gateway(h.context, spec);
        const ComponentResolver resolve = [&](const std::string&) -> Component* { return &api; };
        gateway.connect(resolve);
        api.connect(resolve);
        api.start();
        for (double t : {0.0, 1.0, 2.0, 3.0}) h.send(gateway, t);
        h.run();
        // #0 serves, #1 and #2 queue (#2 finds 1 waiting, not more), #3 finds 2 and is shed.
        QCOMPARE(h.logList(), QStringList({"3 ms #3 shed", "10 ms #0 done", "20 ms #1 done",
                                           "30 ms #2 done"}));
    }
};

QTEST_GUILESS_MAIN(TestGateway)
#include "tst_gateway.moc"
