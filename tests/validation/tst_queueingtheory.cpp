// SPDX-License-Identifier: GPL-3.0-or-later
// The engine against queueing theory. For each model and load, R independent replications each give
// one estimate of the mean wait in queue (Wq); the analytic Wq must lie inside the 99% confidence
// interval of their mean.
//
// Why this tolerance: replications are independent (separate random streams), each long enough
// (tens of thousands of requests after a warm-up of many relaxation times) that its mean is close to
// normal, so the Student-t interval is valid and a correct engine falls outside it 1% of the time.
// The seeds are fixed, so the test is deterministic: it cannot flake, and a real bias of even a few
// percent (a wrong tie order, a lost event, a biased sampler) moves the estimate out of an interval
// whose half-width is about 2-4% of Wq here. A fixed percentage of a single run would be either too
// loose to catch that or too tight to pass (one run's Wq at rho=0.9 varies by several percent).
#include <QtTest>
#include <cmath>

#include "sim/run/runner.h"
#include "sim/stats/confidence.h"
#include "sim/theory/mmcqueue.h"
#include "sim/theory/pollaczekkhinchine.h"

using namespace archsim;

namespace {

struct Figures {
    ConfidenceInterval wq;
    ConfidenceInterval pWait;
    double worstLittleError = 0;
};

Figures replicate(const DistributionPtr& serviceMs, int servers, double lambda, double warmupS,
                  std::uint64_t completions, int replications) {
    Scenario s;
    s.name = "validation";
    s.run.durationS = 1e9;
    s.run.windowS = 1e6;
    s.run.warmupS = warmupS;
    s.run.maxCompleted = completions;
    s.run.maxInFlight = 10'000'000;
    s.workload.ratePerS = lambda;
    s.topology.entry = "station";
    s.topology.stations.push_back({"station", servers, serviceMs});
    std::vector<double> wq, pWait;
    Figures f;
    for (int r = 0; r < replications; ++r) {
        RunOptions options;
        options.seed = 2026;
        options.replication = static_cast<std::uint64_t>(r);
        const RunResult result = runScenario(s, options);
        wq.push_back(result.station.meanWaitS);
        pWait.push_back(result.station.probabilityOfWait);
        // Little's law on the sample path: time-average queue length = arrival rate x mean wait.
        // Measured rate (started requests over the observed time) avoids mixing in the sampling
        // error of lambda; the small remainder is edge effects at the ends of the period.
        const double observedS = toSeconds(result.simulatedTime) - warmupS;
        const double rate = static_cast<double>(result.latency.count()) / observedS;
        const double little = std::abs(result.station.meanQueueLength - rate * wq.back());
        f.worstLittleError = std::max(f.worstLittleError, little / result.station.meanQueueLength);
    }
    f.wq = meanConfidenceInterval(wq, 0.99);
    f.pWait = meanConfidenceInterval(pWait, 0.99);
    return f;
}

QString describe(const ConfidenceInterval& ci, double expected) {
    return QString("expected %1, 99% CI [%2, %3] from %4 replications")
        .arg(expected, 0, 'g', 6)
        .arg(ci.low(), 0, 'g', 6)
        .arg(ci.high(), 0, 'g', 6)
        .arg(ci.n);
}

nlohmann::json lognormalMs(double meanS, double sigma) {
    // E[S] = exp(mu + sigma^2/2): choose mu for the requested mean, in milliseconds.
    return {{"type", "lognormal"}, {"mu", std::log(meanS * 1000.0) - sigma * sigma / 2}, {"sigma", sigma}};
}

DistributionPtr fromJson(const nlohmann::json& j) {
    ValidationReport report;
    auto d = distributionFromJson(j, "service", report);
    if (!d) qFatal("%s", report.toString().c_str());
    return d;
}

}  // namespace

class TestQueueingTheory : public QObject {
    Q_OBJECT
private slots:
    void testMeanWaitMatchesTheory_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("rho");
        for (double rho : {0.5, 0.9}) {
            const QString load = QString::number(rho);
            QTest::newRow(qPrintable("M/M/1 rho=" + load)) << "M/M" << 1 << rho;
            QTest::newRow(qPrintable("M/M/10 rho=" + load)) << "M/M" << 10 << rho;
            QTest::newRow(qPrintable("M/D/1 rho=" + load)) << "M/D" << 1 << rho;
            QTest::newRow(qPrintable("M/G/1 lognormal rho=" + load)) << "M/G" << 1 << rho;
        }
    }

    void testMeanWaitMatchesTheory() {
        QFETCH(QString, model);
        QFETCH(int, servers);
        QFETCH(double, rho);
        const double meanServiceS = 1.0;  // mu = 1
        const double lambda = rho * servers / meanServiceS;
        const double sigma = 1.0;         // lognormal service: squared coefficient of variation e-1
        DistributionPtr service;
        double expectedWq = 0;
        double expectedPWait = -1;
        if (model == "M/M") {
            service = makeExponential(meanServiceS * 1000);
            const theory::MmcQueue queue(lambda, 1.0 / meanServiceS, servers);
            expectedPWait = queue.probabilityOfWait();
            expectedWq = queue.meanWait();
        } else if (model == "M/D") {
            service = makeConstant(meanServiceS * 1000);
            expectedWq = theory::pollaczekKhinchineMeanWait(lambda, meanServiceS, 0.0);
        } else {
            service = fromJson(lognormalMs(meanServiceS, sigma));
            // Lognormal: E[S^2] / E[S]^2 = exp(sigma^2), so the SCV is exp(sigma^2) - 1.
            expectedWq = theory::pollaczekKhinchineMeanWait(lambda, meanServiceS,
                                                            std::expm1(sigma * sigma));
        }
        // Heavier load relaxes more slowly and varies more: longer warm-up and runs.
        const double warmupS = rho > 0.8 ? 2000 : 200;
        const std::uint64_t completions = rho > 0.8 ? 400'000 : 200'000;
        const Figures f = replicate(service, servers, lambda, warmupS, completions, 30);
        QVERIFY2(f.wq.contains(expectedWq), qPrintable("Wq: " + describe(f.wq, expectedWq)));
        if (expectedPWait >= 0)
            QVERIFY2(f.pWait.contains(expectedPWait),
                     qPrintable("P(wait): " + describe(f.pWait, expectedPWait)));
        QVERIFY2(f.worstLittleError < 0.02,
                 qPrintable(QString("Little's law off by %1").arg(f.worstLittleError)));
    }
};

QTEST_GUILESS_MAIN(TestQueueingTheory)
#include "tst_queueingtheory.moc"
