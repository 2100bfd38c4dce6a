// SPDX-License-Identifier: GPL-3.0-or-later
// The network hop on its own: a pure latency, booked as network time, slowed by a failure.
#include "sim/model/components/networkhop.h"

#include "sim/model/components/componentharness.h"

using namespace archsim;
using namespace archsim::testing;

class TestNetworkHop : public QObject {
    Q_OBJECT
private slots:
    void testEveryRequestTakesTheLatency() {
        ComponentHarness h;
        NetworkHopSpec spec{"hop", makeConstant(10)};
        NetworkHop hop(h.context, spec);
        for (double t : {0.0, 1.0, 2.0}) h.send(hop, t);
        h.run();
        QCOMPARE(h.logList(), QStringList({"10 ms #0 done", "11 ms #1 done", "12 ms #2 done"}));
    }

    void testDownThenSlowed() {
        ComponentHarness h;
        NetworkHopSpec spec{"hop", makeConstant(10)};
        NetworkHop hop(h.context, spec);
        FailureSpec down;
        down.kind = FailureKind::Down;
        FailureSpec slow;
        slow.kind = FailureKind::Slow;
        slow.factor = 4;
        hop.beginFailure(down);
        h.send(hop, 0);
        h.run();
        hop.endFailure(down);
        hop.beginFailure(slow);
        h.send(hop, 1);
        h.run();
        hop.endFailure(slow);
        h.send(hop, 100);
        h.run();
        QCOMPARE(h.logList(), QStringList({"0 ms #0 unavailable", "41 ms #1 done",
                                           "110 ms #2 done"}));
        QCOMPARE(hop.slowdown(), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestNetworkHop)
#include "tst_networkhop.moc"
