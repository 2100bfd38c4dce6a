// SPDX-License-Identifier: GPL-3.0-or-later
// Crossovers on hand-made differences: where the sign changes, the interpolated crossing, the
// interval from the neighbours' confidence intervals, and on a log scale.
#include <QtTest>
#include <cmath>

#include "sim/study/sweepresult.h"

using namespace archsim;

class TestSweepResult : public QObject {
    Q_OBJECT
private slots:
    void testCrossingInterpolated() {
        // Differences of about -2, -1, +1, +2: the sign changes between 2 and 3, halfway.
        const std::vector<std::vector<double>> d{
            {-2.1, -1.9, -2.0}, {-1.1, -0.9, -1.0}, {0.9, 1.1, 1.0}, {1.9, 2.1, 2.0}};
        const auto found = findSweepCrossovers({1, 2, 3, 4}, false, "p99Ms", 0, 1, d);
        QCOMPARE(found.size(), std::size_t{1});
        const SweepCrossover& c = found[0];
        QCOMPARE(c.below, 2.0);
        QCOMPARE(c.above, 3.0);
        QVERIFY(std::abs(c.at - 2.5) < 1e-12);
        // Each neighbour: mean -+1, half width t(0.975, 2) * 0.1 / sqrt(3) = 0.2484.
        const double h = 4.302653 * 0.1 / std::sqrt(3.0);
        QVERIFY(std::abs(c.low - (2 + (1 - h) / 2)) < 1e-5);
        QVERIFY(std::abs(c.high - (2 + (1 + h) / 2)) < 1e-5);
        QVERIFY(c.settled);
        QVERIFY(!c.firstLowerBelow);  // second - first < 0 below: the second is lower there
    }

    void testNoCrossingAndUnsettled() {
        QVERIFY(findSweepCrossovers({1, 2}, false, "f", 0, 1, {{1, 1}, {2, 2}}).empty());
        // Noise around zero: a crossing, but not a settled one.
        const auto c = findSweepCrossovers({1, 2}, false, "f", 0, 1, {{-1, 0.5}, {1, -0.5}});
        QCOMPARE(c.size(), std::size_t{1});
        QVERIFY(!c[0].settled);
        QVERIFY(c[0].low >= 1 && c[0].high <= 2);  // clamped to the neighbours
    }

    void testLogScaleInterpolatesInLog() {
        const auto c = findSweepCrossovers({10, 1000}, true, "f", 0, 1, {{-1, -1}, {1, 1}});
        QCOMPARE(c.size(), std::size_t{1});
        QVERIFY(std::abs(c[0].at - 100) < 1e-9);  // halfway in log10: 10^2
        QVERIFY(!c[0].firstLowerBelow);
    }
};

QTEST_GUILESS_MAIN(TestSweepResult)
#include "tst_sweepresult.moc"
