// SPDX-License-Identifier: GPL-3.0-or-later
// The run loop around the models: the lone-station path honours every workload type, a run never
// throws (an engine error ends it with a "failed" status), and the memory budget stops a run that
// would outgrow it, with a status message saying so.
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "sim/model/architecturemodel.h"
#include "sim/run/runner.h"
#include "sim/model/handcheckedscenario.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

/// One station of `servers` servers with a constant service time, as the entry.
Scenario stationScenario(int servers, double serviceMs, double durationS = 100) {
    Scenario s;
    s.name = "station";
    s.run.durationS = durationS;
    s.run.windowS = 1;
    s.topology.entry = "queue";
    s.topology.stations.push_back({"queue", servers, makeConstant(serviceMs)});
    return s;
}

RunResult run(const Scenario& s, std::uint64_t memoryBudgetBytes = kDefaultMemoryBudgetBytes) {
    RunOptions options;
    options.seed = 3;
    options.memoryBudgetBytes = memoryBudgetBytes;
    return runScenario(s, options);
}

/// Arrivals in the windows that start in [fromS, toS).
std::uint64_t arrivalsBetween(const RunResult& r, double fromS, double toS) {
    std::uint64_t n = 0;
    for (const auto& w : r.windows)
        if (w.latency.start >= fromSeconds(fromS) && w.latency.start < fromSeconds(toS))
            n += w.arrivals;
    return n;
}

/// Within `sigmas` standard deviations of a Poisson count with mean `mean`.
bool poissonNear(std::uint64_t count, double mean, double sigmas = 5) {
    return std::abs(static_cast<double>(count) - mean) <= sigmas * std::sqrt(mean);
}

QByteArray counts(std::uint64_t got, double expected) {
    return QByteArray::number(static_cast<qulonglong>(got)) + " arrivals, expected about " +
           QByteArray::number(expected);
}

}  // namespace

class TestRunner : public QObject {
    Q_OBJECT
private slots:
    // ---- the lone-station path runs the scenario's workload, whatever its type ----------------
    // It used to read workload.ratePerS whatever the type: 10 requests/s, the field's default.

    void testStationHonoursScheduleRateChanges() {
        // 20 requests/s for 50 s, then a step to 200 requests/s (a ramp over 10 ms).
        Scenario s = stationScenario(50, 1);
        s.workload.type = WorkloadType::Schedule;
        s.workload.schedule = {{0, 20}, {50, 20}, {50.01, 200}};
        const RunResult r = run(s);
        QCOMPARE(toString(r.status), std::string("completed"));
        const std::uint64_t before = arrivalsBetween(r, 0, 50);
        const std::uint64_t after = arrivalsBetween(r, 51, 100);
        QVERIFY2(poissonNear(before, 20 * 50), counts(before, 20 * 50));
        QVERIFY2(poissonNear(after, 200 * 49), counts(after, 200 * 49));
        QVERIFY2(poissonNear(r.arrivals, 20 * 50 + 200 * 50, 6), counts(r.arrivals, 11000));
    }

    void testStationHonoursOnOffPeriods() {
        // On for 10 s at 100 requests/s, off for 10 s with no traffic, from t = 0.
        Scenario s = stationScenario(50, 1);
        s.workload.type = WorkloadType::OnOff;
        s.workload.onRatePerS = 100;
        s.workload.offRatePerS = 0;
        s.workload.onDurationS = makeConstant(10);
        s.workload.offDurationS = makeConstant(10);
        const RunResult r = run(s);
        for (int period = 0; period < 5; ++period) {
            const double on = 20.0 * period;
            QVERIFY2(poissonNear(arrivalsBetween(r, on, on + 10), 1000),
                     counts(arrivalsBetween(r, on, on + 10), 1000));
            QCOMPARE(arrivalsBetween(r, on + 10, on + 20), std::uint64_t{0});
        }
    }

    void testStationHonoursClosedPopulation() {
        // 5 users, each thinking 1 s then waiting 1 s for its response: with servers to spare
        // every user sends at t = 1, 3, 5, ..., 99: exactly 50 requests each.
        Scenario s = stationScenario(10, 1000);
        s.workload.type = WorkloadType::Closed;
        s.workload.users = 5;
        s.workload.thinkTimeMs = makeConstant(1000);
        const RunResult spare = run(s);
        QCOMPARE(spare.arrivals, std::uint64_t{250});
        QCOMPARE(spare.completed, std::uint64_t{250});
        QCOMPARE(spare.station.probabilityOfWait, 0.0);

        // One server: the population, not a rate, bounds the line. The server is never idle once
        // the first request arrived (throughput 1/s), so each user's 5 s cycle is 1 s thinking,
        // 1 s in service and 3 s waiting: 3 users wait on average (a little less over the run,
        // which starts with the first second empty).
        s.topology.stations[0].servers = 1;
        const RunResult busy = run(s);
        QVERIFY2(busy.station.meanQueueLength <= 3.0 && busy.station.meanQueueLength > 2.8,
                 QByteArray::number(busy.station.meanQueueLength));
        QVERIFY(busy.completed >= 98 && busy.completed <= 99);
        QVERIFY(busy.arrivals <= busy.completed + 5);
    }

    void testStationReplaysTrace() {
        Scenario s = stationScenario(1, 100, 10);
        s.workload.type = WorkloadType::Trace;
        s.workload.traceTimesS = {0.5, 0.5, 2, 7.25};
        const RunResult r = run(s);
        QCOMPARE(r.arrivals, std::uint64_t{4});
        QCOMPARE(r.completed, std::uint64_t{4});
        QCOMPARE(r.latency.max(), fromMillis(200));  // the second of the two at 0.5 s waits 100 ms
    }

    void testStationPoissonRateIsHonoured() {
        Scenario s = stationScenario(50, 1);
        s.workload.ratePerS = 300;
        const RunResult r = run(s);
        QVERIFY2(poissonNear(r.arrivals, 300 * 100), counts(r.arrivals, 300 * 100));
    }

    // ---- the fast path is the general model, only faster -----------------------------------------

    void testStationFastPathAgreesWithTheGeneralModel_data() {
        QTest::addColumn<int>("type");
        QTest::newRow("poisson") << static_cast<int>(WorkloadType::Poisson);
        QTest::newRow("schedule") << static_cast<int>(WorkloadType::Schedule);
        QTest::newRow("on-off") << static_cast<int>(WorkloadType::OnOff);
        QTest::newRow("closed") << static_cast<int>(WorkloadType::Closed);
        QTest::newRow("trace") << static_cast<int>(WorkloadType::Trace);
    }

    void testStationFastPathAgreesWithTheGeneralModel() {
        // The same lone station, once on the record-free fast path and once as a Station
        // component of the general model: every simulated figure must be identical, window by
        // window, so the fast path is an optimisation and never a second model. A warm-up and
        // random service times make the comparison cover the measured period's boundary.
        QFETCH(int, type);
        Scenario s = stationScenario(3, 0);
        s.run.durationS = 60;
        s.run.warmupS = 5;
        s.topology.stations[0].serviceMs = makeExponential(25);
        s.workload.type = static_cast<WorkloadType>(type);
        s.workload.ratePerS = 80;
        s.workload.schedule = {{0, 20}, {30, 110}, {60, 40}};
        s.workload.onRatePerS = 150;
        s.workload.offRatePerS = 10;
        s.workload.onDurationS = makeConstant(4);
        s.workload.offDurationS = makeExponential(6);
        s.workload.users = 40;
        s.workload.thinkTimeMs = makeExponential(300);
        for (double t = 0; t < 60; t += 0.013) s.workload.traceTimesS.push_back(t);

        RunOptions fast;
        fast.seed = 11;
        RunOptions general = fast;
        general.stationFastPath = false;
        const RunResult a = runScenario(s, fast);
        const RunResult b = runScenario(s, general);
        QCOMPARE(toString(a.status), std::string("completed"));
        QCOMPARE(toString(b.status), std::string("completed"));
        QVERIFY(a.completed > 1000);
        QCOMPARE(b.arrivals, a.arrivals);
        QCOMPARE(b.measuredArrivals, a.measuredArrivals);
        QCOMPARE(b.completed, a.completed);
        QCOMPARE(b.eventsProcessed, a.eventsProcessed);
        QVERIFY(b.latency == a.latency);
        QCOMPARE(b.windows.size(), a.windows.size());
        for (std::size_t i = 0; i < a.windows.size(); ++i)
            QVERIFY2(b.windows[i] == a.windows[i], QByteArray::number(static_cast<qulonglong>(i)));
        QVERIFY(b.station == a.station);
        QVERIFY(b.breakdown == a.breakdown);
        QVERIFY(b.tail == a.tail);
        QVERIFY(a.tail.p99.requests > 0);
        QVERIFY(a.station.utilization > 0.1);
    }

    void testStationCountsArrivalsAfterTheWarmupNotCompletions() {
        // Ten requests arrive after the warm-up; the ones still in service at the end have not
        // completed, and measured arrivals must still count them (the error rate divides by it).
        Scenario s = stationScenario(1, 1500, 12);
        s.run.warmupS = 1;
        s.workload.type = WorkloadType::Trace;
        s.workload.traceTimesS = {0.5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        const RunResult r = run(s);
        QCOMPARE(r.arrivals, std::uint64_t{11});
        QCOMPARE(r.measuredArrivals, std::uint64_t{10});
        QVERIFY(r.latency.count() < r.measuredArrivals);
    }

    // ---- a run never throws --------------------------------------------------------------------

    void testEngineErrorEndsTheRunAsFailed() {
        // A scenario built in code, past the validator: a gateway passing to a component that does
        // not exist. The run used to end the program with an uncaught std::invalid_argument.
        Scenario s;
        s.topology.entry = "api";
        s.topology.gateways.push_back(gateway("api", makeConstant(1), std::nullopt, "nowhere"));
        s.topology.stations.push_back({"queue", 1, makeConstant(5)});
        RunResult r;
        QVERIFY_THROWS_NO_EXCEPTION(r = run(s));
        QCOMPARE(toString(r.status), std::string("failed"));
        QCOMPARE(r.statusMessage, std::string("failed: the topology has no component 'nowhere'"));
    }

    // ---- the memory budget ----------------------------------------------------------------------

    void testMemoryBudgetStopsAnOverloadedRun() {
        // maxInFlight allows 1e8 requests (about 40 GB); a server pool that can never keep up
        // fills its huge queue until the 1 MiB budget would be passed.
        Scenario s;
        s.run.durationS = 600;
        s.run.maxInFlight = 100'000'000;
        s.workload.ratePerS = 1000;
        s.topology.entry = "srv";
        ServerPoolSpec pool;
        pool.id = "srv";
        pool.replicas = 1;
        pool.workersPerReplica = 1;
        pool.queueCapacity = 10'000'000;
        HandlerStep slow;
        slow.kind = HandlerStep::Kind::Cpu;
        slow.cpuMs = makeConstant(1000);
        pool.handler = {slow};
        s.topology.servers.push_back(pool);
        const std::uint64_t budget = std::uint64_t{1} << 20;
        const RunResult r = run(s, budget);
        QCOMPARE(toString(r.status), std::string("overloaded"));
        QVERIFY(r.simulatedTime < fromSeconds(60));
        // Stopped at the first arrival that took the estimate past the budget.
        const std::uint64_t inFlight = r.arrivals - r.completed;
        const std::uint64_t perRequest = ArchitectureModel::bytesPerRequest();
        QVERIFY(inFlight * perRequest <= budget + perRequest);
        QVERIFY(inFlight * (perRequest + ArchitectureModel::bytesPerEvent()) > budget / 2);
        QCOMPARE(r.statusMessage, "overloaded: memory budget of 1 MiB would be exceeded (" +
                                      std::to_string(inFlight) + " requests in flight)");

        // The same with the default budget stops at maxInFlight's smaller cap instead.
        s.run.maxInFlight = 2000;
        const RunResult capped = run(s);
        QCOMPARE(capped.statusMessage,
                 std::string("overloaded: requests in flight passed run.maxInFlight (2000)"));
    }

    void testMemoryBudgetStopsAnOverloadedStation() {
        Scenario s = stationScenario(1, 1000, 600);
        s.run.maxInFlight = 100'000'000;
        s.workload.ratePerS = 1000;
        const RunResult r = run(s, std::uint64_t{1} << 20);
        QCOMPARE(toString(r.status), std::string("overloaded"));
        QVERIFY(r.simulatedTime < fromSeconds(300));
        QVERIFY(
            r.statusMessage.starts_with("overloaded: memory budget of 1 MiB would be exceeded ("));
    }
};

QTEST_GUILESS_MAIN(TestRunner)
#include "tst_runner.moc"
