// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/model/workload.h"

using namespace archsim;

namespace {

/// Records arrival times; for closed loop, answers each request after a fixed response time.
class RecordingSink final : public ArrivalSink, public EventHandler {
public:
    RecordingSink(Simulator& s, Time responseTime) : m_simulator(s), m_responseTime(responseTime) {}
    void arrive(const Arrival& arrival) override {
        const std::int64_t user = arrival.user;
        times.push_back(m_simulator.now());
        rows.push_back(arrival.traceRow);
        ++inFlight;
        maxInFlight = std::max(maxInFlight, inFlight);
        if (user >= 0) m_simulator.scheduleIn(m_responseTime, this, 0, static_cast<std::uint64_t>(user));
    }
    void handleEvent(const Event& e) override {
        --inFlight;
        workload->requestDone(static_cast<std::int64_t>(e.payload));
    }
    std::vector<Time> times;
    std::vector<std::int64_t> rows;  ///< each arrival's trace row (-1 when not a trace)
    int inFlight = 0, maxInFlight = 0;
    Workload* workload = nullptr;

private:
    Simulator& m_simulator;
    Time m_responseTime;
};

std::vector<Time> arrivals(const WorkloadSpec& spec, double untilS) {
    Simulator sim;
    RecordingSink sink(sim, 0);
    Workload workload(sim, spec, makeStream(1, 0, "workload", "arrivals"), sink);
    sink.workload = &workload;
    workload.start();
    sim.runUntil(fromSeconds(untilS));
    return sink.times;
}

std::size_t countBetween(const std::vector<Time>& times, double fromS, double toS) {
    std::size_t n = 0;
    for (const Time t : times) n += (t >= fromSeconds(fromS) && t < fromSeconds(toS)) ? 1 : 0;
    return n;
}

}  // namespace

class TestWorkload : public QObject {
    Q_OBJECT
private slots:
    void testPoissonCountMatchesRate() {
        WorkloadSpec w;
        w.ratePerS = 50;
        const auto t = arrivals(w, 2000);
        // 100,000 expected; Poisson standard deviation 316: allow 5 of them.
        QVERIFY2(std::abs(static_cast<double>(t.size()) - 100'000) < 5 * 316, qPrintable(QString::number(t.size())));
    }

    void testScheduleFollowsThePiecewiseLinearRate() {
        // 0 -> 100/s over the first 100 s, then 100/s held: expected counts are the areas under the
        // rate curve: 5,000 in [0,100) and 10,000 in [100,200). Poisson sd: 71 and 100.
        WorkloadSpec w;
        w.type = WorkloadType::Schedule;
        w.schedule = {{0, 0}, {100, 100}};
        const auto t = arrivals(w, 200);
        const double first = static_cast<double>(countBetween(t, 0, 100));
        const double second = static_cast<double>(countBetween(t, 100, 200));
        QVERIFY2(std::abs(first - 5000) < 5 * 71, qPrintable(QString::number(first)));
        QVERIFY2(std::abs(second - 10000) < 5 * 100, qPrintable(QString::number(second)));
        QVERIFY(countBetween(t, 0, 10) < countBetween(t, 90, 100));  // it ramps
    }

    void testOnOffHasQuietPeriods() {
        WorkloadSpec w;
        w.type = WorkloadType::OnOff;
        w.onRatePerS = 100;
        w.offRatePerS = 0;
        w.onDurationS = makeConstant(10);
        w.offDurationS = makeConstant(20);
        const auto t = arrivals(w, 90);
        QCOMPARE(countBetween(t, 10, 30), std::size_t{0});
        QCOMPARE(countBetween(t, 40, 60), std::size_t{0});
        QVERIFY(countBetween(t, 0, 10) > 800 && countBetween(t, 30, 40) > 800);
    }

    void testClosedLoopNeverExceedsUsers() {
        // 10 users, think 1 s, response 0.5 s: each user cycles every 1.5 s, so 100 s give about
        // 10 x 100 / 1.5 = 667 requests, and never more than 10 in flight.
        WorkloadSpec w;
        w.type = WorkloadType::Closed;
        w.users = 10;
        w.thinkTimeMs = makeConstant(1000);
        Simulator sim;
        RecordingSink sink(sim, fromMillis(500));
        Workload workload(sim, w, makeStream(1, 0, "workload", "arrivals"), sink);
        sink.workload = &workload;
        workload.start();
        sim.runUntil(fromSeconds(100));
        QCOMPARE(sink.maxInFlight, 10);
        QVERIFY2(std::abs(static_cast<double>(sink.times.size()) - 667) <= 10, qPrintable(QString::number(sink.times.size())));
    }

    void testTraceReplaysExactTimes() {
        WorkloadSpec w;
        w.type = WorkloadType::Trace;
        w.traceTimesS = {0.5, 1.25, 1.25, 7};
        const auto t = arrivals(w, 10);
        const std::vector<Time> expected{fromSeconds(0.5), fromSeconds(1.25), fromSeconds(1.25), fromSeconds(7)};
        QCOMPARE(t, expected);
    }

    void testEachTraceArrivalNamesItsRow() {
        // A row's payload and cache key travel with its arrival, so the sink must be told which.
        WorkloadSpec w;
        w.type = WorkloadType::Trace;
        w.traceTimesS = {0.5, 1.25, 1.25, 7};
        Simulator sim;
        RecordingSink sink(sim, 0);
        Workload workload(sim, w, makeStream(1, 0, "workload", "arrivals"), sink);
        workload.start();
        sim.runUntil(fromSeconds(10));
        QCOMPARE(sink.rows, (std::vector<std::int64_t>{0, 1, 2, 3}));

        WorkloadSpec poisson;
        Simulator sim2;
        RecordingSink open(sim2, 0);
        Workload openWorkload(sim2, poisson, makeStream(1, 0, "workload", "arrivals"), open);
        openWorkload.start();
        sim2.runUntil(fromSeconds(2));
        QVERIFY(!open.rows.empty());
        QVERIFY(std::all_of(open.rows.begin(), open.rows.end(), [](auto r) { return r == -1; }));
    }

    void testSameSeedSameArrivals() {
        WorkloadSpec w;
        w.ratePerS = 10;
        QCOMPARE(arrivals(w, 100), arrivals(w, 100));
    }
};

QTEST_GUILESS_MAIN(TestWorkload)
#include "tst_workload.moc"
