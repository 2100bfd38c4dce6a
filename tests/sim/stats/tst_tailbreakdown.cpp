// SPDX-License-Identifier: GPL-3.0-or-later
// The tail breakdown recorder on hand-made latencies: the slowest share is taken from the top
// buckets (the boundary bucket in proportion), the median from its bucket, nothing per request.
#include <QtTest>
#include <limits>

#include "sim/stats/tailbreakdown.h"

using namespace archsim;

namespace {

constexpr auto kQueueing = static_cast<std::size_t>(TimeCategory::Queueing);
constexpr auto kCpu = static_cast<std::size_t>(TimeCategory::Cpu);

void record(TailBreakdownRecorder& recorder, int count, double queueingMs, double cpuMs) {
    std::array<Time, kTimeCategoryCount> breakdown{};
    breakdown[kQueueing] = fromMillis(queueingMs);
    breakdown[kCpu] = fromMillis(cpuMs);
    for (int i = 0; i < count; ++i)
        recorder.record(fromMillis(queueingMs + cpuMs), breakdown);
}

}  // namespace

class TestTailBreakdown : public QObject {
    Q_OBJECT
private slots:
    void testTheTailIsTheSlowestShare() {
        TailBreakdownRecorder recorder;
        record(recorder, 990, 0, 1);
        record(recorder, 10, 99, 1);
        const TailBreakdown p99 = recorder.atOrAbove(0.99);
        QCOMPARE(p99.requests, 10.0);
        QCOMPARE(p99.meanLatencyMs, 100.0);
        QCOMPARE(p99.meanMs[kQueueing], 99.0);
        QCOMPARE(p99.meanMs[kCpu], 1.0);
        const TailBreakdown p995 = recorder.atOrAbove(0.995);
        QCOMPARE(p995.requests, 5.0);
        QCOMPARE(p995.meanMs[kQueueing], 99.0);
        const TailBreakdown median = recorder.near(0.5);
        QCOMPARE(median.requests, 990.0);
        QCOMPARE(median.meanLatencyMs, 1.0);
        QCOMPARE(median.meanMs[kQueueing], 0.0);
        const TailBreakdowns all = recorder.summarize();
        QVERIFY(all.p99 == p99);
        QVERIFY(all.median == median);
        QCOMPARE(all.p999.requests, 1.0);  // ceil(0.001 * 1000): the slowest request
        QCOMPARE(all.p999.meanMs[kQueueing], 99.0);
    }

    void testTheBoundaryBucketCountsInProportion() {
        // The slowest 5% of 1000 are the 20 slow requests and 30 of the fast ones.
        TailBreakdownRecorder recorder;
        record(recorder, 980, 0, 1);
        record(recorder, 20, 49, 1);
        const TailBreakdown top = recorder.atOrAbove(0.95);
        QCOMPARE(top.requests, 50.0);
        QCOMPARE(top.meanLatencyMs, (20 * 50.0 + 30 * 1.0) / 50);
        QCOMPARE(top.meanMs[kQueueing], 20 * 49.0 / 50);
        QCOMPARE(top.meanMs[kCpu], 1.0);
    }

    void testEmptyAndExtremeLatencies() {
        TailBreakdownRecorder recorder;
        QCOMPARE(recorder.atOrAbove(0.99).requests, 0.0);
        QCOMPARE(recorder.near(0.5).requests, 0.0);
        // Every latency has a bucket, in order, inside the fixed array.
        std::size_t last = 0;
        for (Time t : {Time{0}, Time{1}, Time{15}, Time{16}, Time{17}, Time{1000}, Time{1} << 40,
                       std::numeric_limits<Time>::max()}) {
            const std::size_t index = TailBreakdownRecorder::bucketIndex(t);
            QVERIFY(index < TailBreakdownRecorder::kBucketCount);
            QVERIFY(index >= last);
            last = index;
        }
        std::array<Time, kTimeCategoryCount> none{};
        recorder.record(std::numeric_limits<Time>::max(), none);
        recorder.record(-5, none);  // counts as 0
        QCOMPARE(recorder.count(), std::uint64_t{2});
        QCOMPARE(recorder.near(0.5).meanLatencyMs, 0.0);
        recorder.clear();
        QCOMPARE(recorder.count(), std::uint64_t{0});
        QCOMPARE(recorder.atOrAbove(0.5).requests, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestTailBreakdown)
#include "tst_tailbreakdown.moc"
