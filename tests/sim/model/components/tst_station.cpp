// SPDX-License-Identifier: GPL-3.0-or-later
// The station component on its own: c servers, one FIFO line, and its queueing figures.
#include "sim/model/components/station.h"

#include "sim/model/components/componentharness.h"

using namespace archsim;
using namespace archsim::testing;

class TestStation : public QObject {
    Q_OBJECT
private slots:
    void testFifoLineAndFigures() {
        // One server, 10 ms: three at 0 ms finish at 10, 20 and 30 ms; two of three waited, for
        // 10 and 20 ms.
        ComponentHarness h;
        StationSpec spec{"queue", 1, makeConstant(10)};
        Station station(h.context, spec);
        for (int i = 0; i < 3; ++i) h.send(station, 0);
        h.run();
        QCOMPARE(h.logList(), QStringList({"10 ms #0 done", "20 ms #1 done", "30 ms #2 done"}));
        RunResult result;
        result.simulatedTime = fromMillis(30);
        station.finish(result);
        QCOMPARE(result.station.probabilityOfWait, 2.0 / 3);
        QCOMPARE(result.station.meanWaitS, 0.010);
        QCOMPARE(result.station.utilization, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestStation)
#include "tst_station.moc"
