// SPDX-License-Identifier: GPL-3.0-or-later
// The run loop around the models: the lone-station path honours every workload type, a run never
// throws (an engine error ends it with a "failed" status), and the memory budget stops a run that
// would outgrow it, with a status message saying so.
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "sim/model/architecturemodel.h"
#include "sim/run/runner.h"

using namespace archsim;

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

    // ---- a run never throws --------------------------------------------------------------------

    void testEngineErrorEndsTheRunAsFailed() {
        // A scenario built in code, past the validator: a gateway passing to a station. The run
        // used to end the program with an uncaught std::invalid_argument.
        Scenario s;
        s.topology.entry = "api";
        s.topology.gateways.push_back({"api", makeConstant(1), std::nullopt, "queue"});
        s.topology.stations.push_back({"queue", 1, makeConstant(5)});
        RunResult r;
        QVERIFY_THROWS_NO_EXCEPTION(r = run(s));
        QCOMPARE(toString(r.status), std::string("failed"));
        QCOMPARE(r.statusMessage, std::string("failed: the topology has no component 'queue'"));
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
