// SPDX-License-Identifier: GPL-3.0-or-later
// Jobs from a queue against queueing theory. Poisson arrivals at a queue whose messages c polling
// workers take, each job exponential: that is M/M/c with the queue as its waiting line, so the
// mean wait to the first receive is Erlang C's Wq and the mean job latency (queue taking the
// message to job done) is W = Wq + 1/mu. R independent replications each give one estimate; the
// theory must lie inside the 99% confidence interval of their mean (the reasoning of
// tst_queueingtheory.cpp: the seeds are fixed, so the test is deterministic). Little's law is
// checked on each run's sample path: mean messages held = job throughput x mean job latency.
#include <QtTest>
#include <cmath>

#include "sim/run/runner.h"
#include "sim/scenario/scenariofields.h"
#include "sim/stats/confidence.h"
#include "sim/theory/mmcqueue.h"

using namespace archsim;

namespace {

Scenario queueWithWorkers(int workers, double lambda, double meanServiceMs, double durationS,
                          double warmupS) {
    Scenario s;
    s.name = "queue validation";
    s.run.durationS = durationS;
    s.run.windowS = 100;
    s.run.warmupS = warmupS;
    s.run.maxInFlight = 10'000'000;
    s.workload.ratePerS = lambda;
    s.topology.entry = "jobs";
    QueueSpec queue;
    queue.id = std::string("jobs");
    queue.enqueueMs = makeConstant(0);  // taken at the arrival: the arrivals stay Poisson
    queue.visibilityTimeoutS = kMaxVisibilityTimeoutS;  // no job outlives it: no redelivery
    queue.order = QueueOrder::Fifo;
    s.topology.queues.push_back(queue);
    ServerPoolSpec pool;
    pool.id = std::string("workers");
    pool.replicas = 1;
    pool.workersPerReplica = workers;
    pool.polls = std::string("jobs");
    HandlerStep work;
    work.cpuMs = makeExponential(meanServiceMs);
    pool.handler = {work};
    s.topology.servers.push_back(pool);
    return s;
}

QString describe(const ConfidenceInterval& ci, double expected) {
    return QString("expected %1, 99% CI [%2, %3] from %4 replications")
        .arg(expected, 0, 'g', 6)
        .arg(ci.low(), 0, 'g', 6)
        .arg(ci.high(), 0, 'g', 6)
        .arg(ci.n);
}

}  // namespace

class TestQueueJobs : public QObject {
    Q_OBJECT
private slots:
    void testPollingWorkersAreMmc_data() {
        QTest::addColumn<int>("workers");
        QTest::addColumn<double>("rho");
        QTest::newRow("M/M/1 rho=0.5") << 1 << 0.5;
        QTest::newRow("M/M/4 rho=0.7") << 4 << 0.7;
        QTest::newRow("M/M/4 rho=0.9") << 4 << 0.9;
    }
    void testPollingWorkersAreMmc() {
        QFETCH(int, workers);
        QFETCH(double, rho);
        const double meanServiceS = 0.1;
        const double lambda = rho * workers / meanServiceS;
        const theory::MmcQueue mmc(lambda, 1.0 / meanServiceS, workers);
        // Heavier load relaxes more slowly and varies more: a longer warm-up and run.
        const double warmupS = rho > 0.8 ? 500 : 100;
        const double durationS = warmupS + (rho > 0.8 ? 8000 : 4000);
        const Scenario s =
            queueWithWorkers(workers, lambda, meanServiceS * 1000, durationS, warmupS);
        std::vector<double> waits, latencies;
        double worstLittle = 0;
        for (int r = 0; r < 20; ++r) {
            RunOptions options;
            options.seed = 2026;
            options.replication = static_cast<std::uint64_t>(r);
            const RunResult result = runScenario(s, options);
            QVERIFY(result.status == RunStatus::Completed);
            QVERIFY(result.jobs.has_value());
            const JobFigures& jobs = *result.jobs;
            QCOMPARE(jobs.deadLettered, 0u);
            QCOMPARE(jobs.failedReceives, 0u);
            waits.push_back(jobs.meanWaitS);
            const double latencyS = jobs.latency.mean() * 1e-9;
            latencies.push_back(latencyS);
            // Little's law on the sample path, with the measured throughput; what remains is
            // edge effects at the ends of the measured period.
            const double little = std::abs(jobs.meanHeld - jobs.throughputPerS * latencyS);
            worstLittle = std::max(worstLittle, little / jobs.meanHeld);
        }
        const ConfidenceInterval wq = meanConfidenceInterval(waits, 0.99);
        const ConfidenceInterval w = meanConfidenceInterval(latencies, 0.99);
        QVERIFY2(wq.contains(mmc.meanWait()), qPrintable("Wq: " + describe(wq, mmc.meanWait())));
        QVERIFY2(w.contains(mmc.meanResponse()),
                 qPrintable("W: " + describe(w, mmc.meanResponse())));
        QVERIFY2(worstLittle < 0.01,
                 qPrintable(QString("Little's law off by %1").arg(worstLittle)));
    }

    void testFunctionTriggerLittlesLaw() {
        // Batches of up to 5 with a window, on a function pool: no formula for the latency, but
        // Little's law holds for any queue: messages held = throughput x time held.
        Scenario s = queueWithWorkers(1, 50, 10, 2100, 100);
        s.topology.servers.clear();
        FunctionPoolSpec fn;
        fn.id = std::string("fn");
        fn.coldStartMs = makeConstant(200);
        fn.keepAliveS = makeConstant(60);
        fn.trigger = QueueTriggerSpec{};
        fn.trigger->queue = std::string("jobs");
        fn.trigger->batchSize = 5;
        fn.trigger->batchWindowS = 0.05;
        fn.trigger->maxConcurrency = 3;
        HandlerStep work;
        work.cpuMs = makeExponential(40);
        fn.handler = {work};
        s.topology.functions.push_back(fn);
        RunOptions options;
        options.seed = 7;
        const RunResult result = runScenario(s, options);
        QVERIFY(result.jobs.has_value());
        const JobFigures& jobs = *result.jobs;
        QVERIFY(jobs.completed > 90'000);
        const double latencyS = jobs.latency.mean() * 1e-9;
        const double little = std::abs(jobs.meanHeld - jobs.throughputPerS * latencyS);
        QVERIFY2(little / jobs.meanHeld < 0.01,
                 qPrintable(QString("L %1, lambda x W %2")
                                .arg(jobs.meanHeld)
                                .arg(jobs.throughputPerS * latencyS)));
    }
};

QTEST_GUILESS_MAIN(TestQueueJobs)
#include "tst_queuejobs.moc"
