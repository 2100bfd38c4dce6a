// SPDX-License-Identifier: GPL-3.0-or-later
// M/M/c in closed form against values worked out by hand.
#include <QtTest>
#include <cmath>

#include "sim/theory/mmcqueue.h"

using namespace archsim::theory;

class TestMmcQueue : public QObject {
    Q_OBJECT
private slots:
    void testErlangCTextbookValues() {
        // c = 1: C = rho.
        QVERIFY(std::abs(erlangC(1, 0.8) - 0.8) < 1e-12);
        // c = 2, a = 1: (a^2/2!)/(1 - 1/2) = 1; sum_{k<2} a^k/k! = 2; C = 1 / (2 + 1) = 1/3.
        QVERIFY(std::abs(erlangC(2, 1.0) - 1.0 / 3.0) < 1e-12);
        // c = 3, a = 2: (8/6)/(1 - 2/3) = 4; 1 + 2 + 2 = 5; C = 4/9.
        QVERIFY(std::abs(erlangC(3, 2.0) - 4.0 / 9.0) < 1e-12);
        // c = 5, a = 4: a^5/5! = 1024/120 = 8.5333, /(1 - 0.8) = 42.6667;
        // 1 + 4 + 8 + 10.6667 + 10.6667 = 34.3333; C = 42.6667 / 77 = 0.554113.
        QVERIFY(std::abs(erlangC(5, 4.0) - 0.554113) < 1e-6);
        // Hundreds of servers: a^c/c! overflows a double, the recursion does not.
        const double big = erlangC(500, 480.0);
        QVERIFY(big > 0 && big < 1);
        // Unstable or meaningless: NaN, never a number that looks like an answer.
        QVERIFY(std::isnan(erlangC(2, 2.0)));
        QVERIFY(std::isnan(erlangC(0, 0.5)));
    }

    void testMeanWaitAndResponse() {
        // M/M/2, lambda = 1, mu = 1: Wq = C / (c mu - lambda) = (1/3) / 1; W = Wq + 1.
        const MmcQueue q(1.0, 1.0, 2);
        QVERIFY(std::abs(q.meanWait() - 1.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(q.meanResponse() - 4.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(q.utilization() - 0.5) < 1e-12);
        // M/M/1 rho = 0.75, mu = 4: Wq = rho / (mu - lambda) = 0.75 / 1.
        const MmcQueue m1(3.0, 4.0, 1);
        QVERIFY(std::abs(m1.meanWait() - 0.75) < 1e-12);
    }

    void testMm1PercentilesAreExponential() {
        // The M/M/1 response time is exponential with rate mu - lambda: t_p = -ln(1 - p)/(mu -
        // lambda).
        for (const double rho : {0.3, 0.7, 0.95}) {
            const double mu = 2.0, lambda = rho * mu;
            const MmcQueue q(lambda, mu, 1);
            for (const double p : {0.5, 0.9, 0.99, 0.999}) {
                const double expected = -std::log(1 - p) / (mu - lambda);
                QVERIFY2(std::abs(q.responsePercentile(p) - expected) < 1e-9 * expected,
                         qPrintable(QString("rho %1 p %2").arg(rho).arg(p)));
                QVERIFY(std::abs(q.responseCdf(expected) - p) < 1e-12);
            }
        }
    }

    void testMmcPercentileInvertsTheCdf() {
        for (const int c : {2, 4, 16}) {
            for (const double rho : {0.5, 0.8, 0.9}) {
                const MmcQueue q(rho * c * 0.5, 0.5, c);
                double previous = 0;
                for (const double p : {0.5, 0.95, 0.99}) {
                    const double t = q.responsePercentile(p);
                    QVERIFY(std::abs(q.responseCdf(t) - p) < 1e-10);
                    QVERIFY(t > previous);  // percentiles rise with p
                    previous = t;
                }
            }
        }
    }

    void testCdfWhereWaitAndServiceRatesMeet() {
        // c mu - lambda = mu (theta = d + mu with d = 0): the closed form divides by d; the
        // limit is P(T > t | waits) = (1 + mu t) e^{-mu t}. c = 2, mu = 1, lambda = 1.
        const MmcQueue q(1.0, 1.0, 2);
        const double t = 1.7;
        const double c = 1.0 / 3.0;
        const double expected = 1 - ((1 - c) * std::exp(-t) + c * (1 + t) * std::exp(-t));
        QVERIFY(std::abs(q.responseCdf(t) - expected) < 1e-12);
        // And continuity next to it.
        const MmcQueue near(1.0 + 1e-9, 1.0, 2);
        QVERIFY(std::abs(near.responseCdf(t) - expected) < 1e-7);
    }

    void testMeanOfTheCdfIsTheMeanResponse() {
        // E[T] = integral of P(T > t): the CDF and the mean come from different formulas.
        const MmcQueue q(3.2, 1.0, 4);
        double integral = 0;
        const double step = 1e-3;
        for (double t = step / 2; t < 60; t += step) integral += (1 - q.responseCdf(t)) * step;
        QVERIFY(std::abs(integral - q.meanResponse()) < 1e-5);
    }
};

QTEST_GUILESS_MAIN(TestMmcQueue)
#include "tst_mmcqueue.moc"
