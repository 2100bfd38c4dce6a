// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "sim/stats/confidence.h"

using namespace archsim;

class TestConfidence : public QObject {
    Q_OBJECT
private slots:
    void testHandComputedInterval() {
        // mean 3, sample sd sqrt(2.5), t(0.975, 4) = 2.776445: half width = 2.776445*1.581139/sqrt(5)
        const auto ci = meanConfidenceInterval({1, 2, 3, 4, 5}, 0.95);
        QCOMPARE(ci.mean, 3.0);
        QVERIFY(std::abs(ci.halfWidth - 1.963243) < 1e-5);
        QVERIFY(ci.contains(4.9) && !ci.contains(5.0));
    }
    void testDegenerateInputs() {
        QCOMPARE(meanConfidenceInterval({}, 0.95).n, 0);
        const auto one = meanConfidenceInterval({7}, 0.95);
        QCOMPARE(one.mean, 7.0);
        QCOMPARE(one.halfWidth, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestConfidence)
#include "tst_confidence.moc"
