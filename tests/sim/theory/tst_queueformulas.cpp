// SPDX-License-Identifier: GPL-3.0-or-later
// Pollaczek-Khinchine, Allen-Cunneen and the cold-start formula against their special cases.
#include <QtTest>
#include <cmath>

#include "sim/theory/allencunneen.h"
#include "sim/theory/coldstart.h"
#include "sim/theory/mmcqueue.h"
#include "sim/theory/pollaczekkhinchine.h"

using namespace archsim::theory;

class TestQueueFormulas : public QObject {
    Q_OBJECT
private slots:
    void testPollaczekKhinchineSpecialCases() {
        for (const double rho : {0.2, 0.6, 0.9}) {
            const double meanS = 0.05, lambda = rho / meanS;
            // SCV 1 is M/M/1: Wq = rho / (mu - lambda).
            const double mm1 = MmcQueue(lambda, 1 / meanS, 1).meanWait();
            QVERIFY(std::abs(pollaczekKhinchineMeanWait(lambda, meanS, 1.0) - mm1) < 1e-12 * mm1);
            // SCV 0 is M/D/1: half of it.
            QVERIFY(std::abs(pollaczekKhinchineMeanWait(lambda, meanS, 0.0) - mm1 / 2) <
                    1e-12 * mm1);
        }
        // Hand-checked: lambda 0.5, E[S] 1, SCV 3: 0.5 * 1 * 4 / (2 * 0.5) = 2.
        QVERIFY(std::abs(pollaczekKhinchineMeanWait(0.5, 1.0, 3.0) - 2.0) < 1e-12);
        QVERIFY(std::isnan(pollaczekKhinchineMeanWait(2.0, 1.0, 1.0)));  // rho = 2
    }

    void testAllenCunneenReducesToExactCases() {
        // Poisson arrivals and exponential service: exactly Erlang C.
        const MmcQueue q(7.0, 1.0, 8);
        QVERIFY(std::abs(allenCunneenMeanWait(7.0, 1.0, 8, 1.0, 1.0) - q.meanWait()) < 1e-12);
        // One server, Poisson arrivals: exactly Pollaczek-Khinchine, whatever the service SCV.
        for (const double scv : {0.0, 0.5, 2.0})
            QVERIFY(std::abs(allenCunneenMeanWait(0.8, 1.0, 1, 1.0, scv) -
                             pollaczekKhinchineMeanWait(0.8, 1.0, scv)) < 1e-12);
        // Deterministic arrivals and service (D/D/c): no variability, no wait.
        QCOMPARE(allenCunneenMeanWait(3.0, 1.0, 4, 0.0, 0.0), 0.0);
    }

    void testColdStartFraction() {
        // Hand-checked: rate 0.01/s, keep-alive 60 s: exp(-0.6) = 0.548812.
        QVERIFY(std::abs(coldStartFraction(0.01, 60) - 0.548812) < 1e-6);
        QCOMPARE(coldStartFraction(0.0, 60), 1.0);    // no traffic: every request is cold
        QVERIFY(coldStartFormulaApplies(0.01, 0.5));  // overlap 0.005
        QVERIFY(!coldStartFormulaApplies(1.0, 0.5));  // overlap 0.5: requests overlap
        QVERIFY(!coldStartFormulaApplies(0.0, 0.5));
    }
};

QTEST_GUILESS_MAIN(TestQueueFormulas)
#include "tst_queueformulas.moc"
