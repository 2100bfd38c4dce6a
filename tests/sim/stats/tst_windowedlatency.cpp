// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "sim/stats/windowedlatency.h"

using namespace archsim;

class TestWindowedLatency : public QObject {
    Q_OBJECT
private slots:
    void testCompletionsLandInTheirWindow() {
        WindowedLatency w(kNanosPerSecond);
        w.record(fromSeconds(0.2), fromMillis(10));
        w.record(fromSeconds(0.9), fromMillis(30));
        w.record(fromSeconds(1.0), fromMillis(50));  // exactly on the boundary: next window
        w.record(fromSeconds(3.5), fromMillis(70));
        w.finish(fromSeconds(4.0));
        QCOMPARE(w.windows().size(), std::size_t{4});
        QCOMPARE(w.windows()[0].completed, std::uint64_t{2});
        QCOMPARE(w.windows()[0].throughputPerS, 2.0);
        QCOMPARE(w.windows()[0].max, fromMillis(30));
        QCOMPARE(w.windows()[1].completed, std::uint64_t{1});
        QCOMPARE(w.windows()[2].completed, std::uint64_t{0});  // an empty window is still a row
        QCOMPARE(w.windows()[3].start, fromSeconds(3));
        QCOMPARE(w.windows()[3].p50, fromMillis(70));
    }
    void testPartialLastWindow() {
        WindowedLatency w(kNanosPerSecond);
        w.record(fromSeconds(0.1), 100);
        w.finish(fromSeconds(0.5));
        QCOMPARE(w.windows().size(), std::size_t{1});
        QCOMPARE(w.windows()[0].end, fromSeconds(0.5));
        QCOMPARE(w.windows()[0].throughputPerS, 2.0);
        w.finish(fromSeconds(0.5));  // finishing again adds nothing
        QCOMPARE(w.windows().size(), std::size_t{1});
    }
    void testPercentilesPerWindow() {
        WindowedLatency w(kNanosPerSecond);
        for (int i = 1; i <= 1000; ++i) w.record(fromSeconds(0.5), fromMillis(i));
        w.finish(kNanosPerSecond);
        const auto& row = w.windows()[0];
        QVERIFY(std::abs(toMillis(row.p50) - 500) / 500 < 0.01);
        QVERIFY(std::abs(toMillis(row.p99) - 990) / 990 < 0.01);
        QVERIFY(std::abs(toMillis(row.p999) - 999) / 999 < 0.01);
        QCOMPARE(row.max, fromMillis(1000));
    }
};

QTEST_GUILESS_MAIN(TestWindowedLatency)
#include "tst_windowedlatency.moc"
