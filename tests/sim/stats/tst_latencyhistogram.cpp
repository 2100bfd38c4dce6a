// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "sim/stats/latencyhistogram.h"

using namespace archsim;

namespace {

Time exactQuantile(std::vector<Time> sorted, double q) {
    std::sort(sorted.begin(), sorted.end());
    auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

}  // namespace

class TestLatencyHistogram : public QObject {
    Q_OBJECT
private slots:
    void testQuantilesWithinOnePercentFromMicrosecondToHour_data() {
        QTest::addColumn<double>("lowS");
        QTest::addColumn<double>("highS");
        QTest::newRow("1us..10us") << 1e-6 << 1e-5;
        QTest::newRow("0.1ms..10ms") << 1e-4 << 1e-2;
        QTest::newRow("1s..1h") << 1.0 << 3600.0;
        QTest::newRow("1us..1h") << 1e-6 << 3600.0;
    }
    void testQuantilesWithinOnePercentFromMicrosecondToHour() {
        QFETCH(double, lowS);
        QFETCH(double, highS);
        std::mt19937_64 rng(123);
        std::uniform_real_distribution<double> logUniform(std::log(lowS), std::log(highS));
        LatencyHistogram h;
        std::vector<Time> values;
        for (int i = 0; i < 100'000; ++i) {
            const Time v = fromSeconds(std::exp(logUniform(rng)));
            values.push_back(v);
            h.record(v);
        }
        std::sort(values.begin(), values.end());
        for (double q : {0.0, 0.001, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0}) {
            const double exact = static_cast<double>(exactQuantile(values, q));
            const double got = static_cast<double>(h.quantile(q));
            const double error = std::abs(got - exact) / exact;
            QVERIFY2(error <= 0.01, qPrintable(QString("q=%1 exact=%2 got=%3 relative error %4")
                                                   .arg(q).arg(exact).arg(got).arg(error)));
        }
    }

    void testBatchQuantilesEqualSingleOnes() {
        std::mt19937_64 rng(9);
        std::lognormal_distribution<double> d(10, 2);
        LatencyHistogram h;
        for (int i = 0; i < 20'000; ++i) h.record(static_cast<Time>(d(rng)));
        const double levels[] = {0.0, 0.25, 0.5, 0.9, 0.99, 0.999, 1.0};
        Time batch[7];
        h.quantiles(levels, batch, 7);
        for (int i = 0; i < 7; ++i) QCOMPARE(batch[i], h.quantile(levels[i]));
        h.clear();
        QCOMPARE(h.count(), std::uint64_t{0});
        for (const auto c : h.counts()) QCOMPARE(c, std::uint64_t{0});  // clearing is complete
    }

    void testEveryBucketIsNarrowerThanOnePercent() {
        for (std::size_t i = LatencyHistogram::kSubBuckets; i < LatencyHistogram::kBucketCount; ++i) {
            const double lower = static_cast<double>(LatencyHistogram::bucketLower(i));
            const double upper = static_cast<double>(LatencyHistogram::bucketUpper(i));
            QVERIFY2((upper - lower) / lower <= 1.0 / 128 + 1e-12, qPrintable(QString::number(i)));
            QCOMPARE(LatencyHistogram::bucketIndex(LatencyHistogram::bucketLower(i)), i);
            if (upper < 9e18)
                QCOMPARE(LatencyHistogram::bucketIndex(static_cast<Time>(upper) - 1), i);
        }
    }

    void testMergeEqualsRecordingBoth() {
        std::mt19937_64 rng(5);
        std::exponential_distribution<double> exp(1.0);
        LatencyHistogram a, b, both;
        for (int i = 0; i < 50'000; ++i) {
            const Time v = fromMillis(exp(rng) * 20);
            (i % 3 ? a : b).record(v);
            both.record(v);
        }
        LatencyHistogram merged = a;
        merged.merge(b);
        QVERIFY(merged == both);
        LatencyHistogram reversed = b;
        reversed.merge(a);
        QVERIFY2(reversed == merged, "merge must not depend on order");
        QCOMPARE(merged.quantile(0.99), both.quantile(0.99));
    }

    void testRecordInAFoundBucketEqualsRecord() {
        // The completion recorder finds a latency's bucket once for two histograms.
        std::mt19937_64 rng(9);
        std::exponential_distribution<double> exp(1.0);
        LatencyHistogram byValue, byBucket;
        for (int i = 0; i < 20'000; ++i) {
            const Time v = i % 100 == 0 ? static_cast<Time>(i % 128) : fromMillis(exp(rng) * 50);
            byValue.record(v);
            byBucket.recordIn(LatencyHistogram::bucketIndex(v), v);
        }
        QVERIFY(byBucket == byValue);
        QCOMPARE(byBucket.sum(), byValue.sum());
        QCOMPARE(byBucket.min(), byValue.min());
        QCOMPARE(byBucket.max(), byValue.max());
    }

    void testMeanMinMaxAreExact() {
        LatencyHistogram h;
        for (Time v : {Time{1000}, Time{3000}, Time{5'000'000}}) h.record(v);
        QCOMPARE(h.count(), std::uint64_t{3});
        QCOMPARE(h.mean(), (1000.0 + 3000.0 + 5'000'000.0) / 3.0);
        QCOMPARE(h.min(), Time{1000});
        QCOMPARE(h.max(), Time{5'000'000});
        QCOMPARE(h.quantile(1.0), Time{5'000'000});
        QCOMPARE(h.quantile(0.0), Time{1000});
    }

    void testMemoryIsConstant() {
        LatencyHistogram h;
        const auto before = h.counts().size();
        for (int i = 0; i < 1'000'000; ++i) h.record(static_cast<Time>(i) * 7919);
        QCOMPARE(h.counts().size(), before);
    }

    void testEmptyAndNegativeValues() {
        LatencyHistogram h;
        QCOMPARE(h.quantile(0.5), Time{0});
        QCOMPARE(h.mean(), 0.0);
        h.record(-5);
        QCOMPARE(h.min(), Time{0});
        QCOMPARE(h.count(), std::uint64_t{1});
    }

    void testFractionAtOrBelow() {
        LatencyHistogram h;
        for (int i = 1; i <= 100; ++i) h.record(i);  // exact region: one bucket per value
        QCOMPARE(h.fractionAtOrBelow(50), 0.5);
        QCOMPARE(h.fractionAtOrBelow(1000), 1.0);
        QCOMPARE(h.nonEmptyBuckets().size(), std::size_t{100});
    }
};

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "tst_latencyhistogram.moc"
