// SPDX-License-Identifier: GPL-3.0-or-later
// MSER-5 on series whose warm-up is known.
#include <QtTest>
#include <cmath>
#include <random>

#include "sim/stats/mser.h"

using namespace archsim;

namespace {

/// A level of 10 with standard normal noise, plus `amplitude` exp(-i / tau) on top.
std::vector<double> decaying(std::size_t n, double amplitude, double tau, unsigned seed) {
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> series;
    for (std::size_t i = 0; i < n; ++i)
        series.push_back(10.0 + amplitude * std::exp(-static_cast<double>(i) / tau) +
                         noise(engine));
    return series;
}

}  // namespace

class TestMser : public QObject {
    Q_OBJECT
private slots:
    void testTransientIsCutNearItsEnd() {
        // The transient 40 exp(-i/50) falls below the noise (sd 1) at i = 50 ln 40 ~ 184, and below
        // a tenth of it at ~300; MSER-5 should cut in that range, never in the stationary part.
        for (unsigned seed = 1; seed <= 5; ++seed) {
            const MserResult m = mser(decaying(2000, 40, 50, seed));
            QVERIFY2(m.truncation >= 120 && m.truncation <= 400,
                     qPrintable(QString("seed %1: truncation %2").arg(seed).arg(m.truncation)));
            QCOMPARE(m.truncation % kMserBatchSize, std::size_t{0});
            QVERIFY(m.reliable);
            QCOMPARE(m.batches, std::size_t{400});
        }
    }

    void testStationarySeriesIsCutNearTheStart() {
        for (unsigned seed = 1; seed <= 5; ++seed) {
            const MserResult m = mser(decaying(2000, 0, 1, seed));
            QVERIFY2(m.truncation <= 100,
                     qPrintable(QString("seed %1: truncation %2").arg(seed).arg(m.truncation)));
        }
    }

    void testTooShortOrEndlessTransient() {
        QCOMPARE(mser(std::vector<double>(49, 1.0)).batches, std::size_t{9});
        QVERIFY(!mser(std::vector<double>(49, 1.0)).reliable);
        // A series that only falls: the minimum sits at the last candidate (half the run).
        std::vector<double> falling;
        for (int i = 0; i < 500; ++i) falling.push_back(1000.0 - i);
        const MserResult m = mser(falling);
        QCOMPARE(m.truncation, std::size_t{250});
        QVERIFY(!m.reliable);
    }

    void testDetectWarmupOnWindows() {
        // Windows of 2 s; nothing completes in the first three; then a decaying mean latency.
        RunResult r;
        const auto series = decaying(600, 40, 20, 7);
        for (std::size_t i = 0; i < 603; ++i) {
            WindowRow w;
            w.latency.start = fromSeconds(2.0 * static_cast<double>(i));
            w.latency.end = fromSeconds(2.0 * static_cast<double>(i + 1));
            if (i >= 3) {
                w.latency.completed = 10;
                w.latency.meanNs = series[i - 3] * 1e6;
            }
            r.windows.push_back(w);
        }
        const DetectedWarmup d = detectWarmup(r);
        QVERIFY(d.available);
        QVERIFY2(d.windows >= 3 + 40 && d.windows <= 3 + 180,
                 qPrintable(QString::number(d.windows)));
        QCOMPARE(d.seconds, 2.0 * static_cast<double>(d.windows));
        QVERIFY(!detectWarmup(RunResult{}).available);
    }
};

QTEST_GUILESS_MAIN(TestMser)
#include "tst_mser.moc"
