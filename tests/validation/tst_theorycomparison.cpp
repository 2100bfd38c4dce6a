// SPDX-License-Identifier: GPL-3.0-or-later
// Theory beside simulation on runs: the comparison agrees where the theory holds and the engine is
// right, and says "disagrees" where it should. The parameters differ from those of
// docs/validation.md on purpose, so nothing here was tuned to one setting.
#include <QtTest>
#include <cmath>

#include "sim/model/handcheckedscenario.h"
#include "sim/run/replications.h"
#include "sim/run/runner.h"
#include "sim/stats/confidence.h"
#include "sim/theory/coldstart.h"
#include "sim/theory/theorycomparison.h"

using namespace archsim;
using namespace archsim::theory;

namespace {

Scenario stationScenario(DistributionPtr serviceMs, int servers, double ratePerS,
                         double durationS) {
    Scenario s;
    s.name = "station";
    s.run.durationS = durationS;
    s.run.windowS = 10;
    s.run.warmupS = 200;
    s.run.maxInFlight = 10'000'000;
    s.workload.ratePerS = ratePerS;
    s.topology.entry = "station";
    s.topology.stations.push_back({"station", servers, std::move(serviceMs)});
    return s;
}

std::vector<RunResult> replicate(const Scenario& s, int replications, std::uint64_t seed) {
    return runReplications(s, seed, replications, nullptr, 2, kDefaultMemoryBudgetBytes);
}

QString describe(const TheoryCheck& c) {
    return QString("%1 %2: simulated %3 +- %4 (%5), theory %6")
        .arg(QString::fromStdString(c.prediction.component),
             QString::fromStdString(c.prediction.figure))
        .arg(c.simulated)
        .arg(c.halfWidth)
        .arg(QString::fromStdString(c.interval))
        .arg(c.prediction.value);
}

}  // namespace

class TestTheoryComparison : public QObject {
    Q_OBJECT
private slots:
    void testMmcAgreesOverReplications() {
        // M/M/3, service 40 ms, rho = 0.75.
        const Scenario s = stationScenario(makeExponential(40), 3, 56.25, 2200);
        const auto comparison = compareTheory(s, replicate(s, 12, 77));
        QCOMPARE(comparison.replications, 12);
        int compared = 0;
        for (const TheoryCheck& c : comparison.checks) {
            if (c.agreement == Agreement::NotCompared) continue;
            ++compared;
            QVERIFY2(c.agreement == Agreement::Agrees, qPrintable(describe(c)));
            QVERIFY(c.interval.find("replications") != std::string::npos);
        }
        QCOMPARE(compared, 6);  // P(wait), Wq, W, p50, p95, p99
        QVERIFY(!comparison.anyDisagreement());
    }

    void testSingleRunUsesBatchMeans() {
        // M/G/1 with gamma service (shape 2: SCV 0.5), rho = 0.6, one long run.
        const Scenario s = stationScenario(makeGamma(2, 12.5), 1, 24, 20200);
        RunOptions options;
        options.seed = 5;
        const auto comparison = compareTheory(s, {runScenario(s, options)});
        bool sawWait = false;
        for (const TheoryCheck& c : comparison.checks) {
            if (c.prediction.figure != "meanWait") continue;
            sawWait = true;
            QVERIFY(c.interval.find("batch means") != std::string::npos);
            QVERIFY2(c.agreement == Agreement::Agrees, qPrintable(describe(c)));
        }
        QVERIFY(sawWait);
    }

    void testWrongTheoryDisagrees() {
        // Runs at rho = 0.85 compared with the theory for rho = 0.75: the wait differs by ~2x.
        const Scenario fast = stationScenario(makeExponential(40), 3, 56.25, 2200);
        Scenario slow = fast;
        slow.workload.ratePerS = 63.75;
        const auto comparison = compareTheory(fast, replicate(slow, 8, 91));
        bool disagreed = false;
        for (const TheoryCheck& c : comparison.checks)
            if (c.prediction.figure == "meanWait") disagreed = c.agreement == Agreement::Disagrees;
        QVERIFY(disagreed);
        QVERIFY(comparison.anyDisagreement());
    }

    void testColdStartFractionMatchesSimulation() {
        // One function pool behind a gateway at a low rate: rate 0.04/s, keep-alive 25 s,
        // cold start 50 ms, handler 10 ms: overlap 0.04 x 0.06 = 0.0024.
        Scenario s;
        s.name = "low rate";
        s.run.durationS = 60'000;
        s.run.windowS = 60;
        s.workload.ratePerS = 0.04;
        s.topology.entry = "api";
        s.topology.gateways.push_back(testing::gateway("api", makeConstant(1), std::nullopt, "fn"));
        FunctionPoolSpec fn = testing::function("fn", {testing::cpu(10)});
        fn.coldStartMs = makeConstant(50);
        fn.keepAliveS = makeConstant(25);
        s.topology.functions.push_back(fn);
        const auto runs = replicate(s, 10, 1234);
        std::vector<double> fractions;
        for (const auto& r : runs) fractions.push_back(r.coldStartFraction());
        const ConfidenceInterval ci = meanConfidenceInterval(fractions, 0.99);
        const double theory = coldStartFraction(0.04, 25);  // exp(-1) = 0.3679
        QVERIFY2(
            ci.contains(theory),
            qPrintable(QString("CI [%1, %2], theory %3").arg(ci.low()).arg(ci.high()).arg(theory)));
        const auto comparison = compareTheory(s, runs);
        QCOMPARE(comparison.checks.size(), std::size_t{1});
        QCOMPARE(toString(comparison.checks[0].agreement), toString(Agreement::Agrees));
    }

    void testLittlesLawHoldsOnEveryPool() {
        // A function pool calling a server pool, Poisson arrivals, lognormal times: Little's law
        // needs none of the assumptions of the formulas.
        Scenario s;
        s.name = "two pools";
        s.run.durationS = 3000;
        s.run.windowS = 10;
        s.run.warmupS = 100;
        s.workload.ratePerS = 40;
        s.topology.entry = "function";
        HandlerStep slow = testing::cpu(0);
        slow.cpuMs = makeLognormalFromMedianP99(15, 60);
        s.topology.functions.push_back(
            testing::function("function", {testing::cpu(3), testing::call("service")}));
        s.topology.servers.push_back(testing::servers("service", 2, 4, 1000, {slow}));
        RunOptions options;
        options.seed = 3;
        const RunResult r = runScenario(s, options);
        const auto checks = littlesLawChecks(r, "", 0);
        QCOMPARE(checks.size(), std::size_t{2});
        for (const auto& c : checks) {
            QVERIFY2(c.relativeError() < kLittleTolerance,
                     qPrintable(QString("%1: L %2, lambda W %3")
                                    .arg(QString::fromStdString(c.component))
                                    .arg(c.timeAverage)
                                    .arg(c.ratePerS * c.meanTimeS)));
            QVERIFY(c.timeAverage > 0.1);  // something to check
        }
        // The function's frame holds its slot through the call: it is the longer of the two.
        QVERIFY(checks[0].meanTimeS > checks[1].meanTimeS);
    }

    void testLittlesLawOnTheStationBothPaths() {
        const Scenario s = stationScenario(makeUniform(5, 45), 2, 36, 4200);
        for (const bool fastPath : {true, false}) {
            RunOptions options;
            options.seed = 8;
            options.stationFastPath = fastPath;
            const auto checks = littlesLawChecks(runScenario(s, options), "station", 2);
            QCOMPARE(checks.size(), std::size_t{2});
            for (const auto& c : checks)
                QVERIFY2(c.relativeError() < kLittleTolerance,
                         qPrintable(QString::fromStdString(c.place)));
        }
    }

    void testWarmupIsReported() {
        // No warm-up set and a system that starts empty at rho 0.95: MSER-5 finds a warm-up,
        // and the comparison says the scenario's own (none) was used.
        Scenario s = stationScenario(makeExponential(40), 1, 23.75, 20000);
        s.run.warmupS = 0;
        RunOptions options;
        options.seed = 11;
        const auto comparison = compareTheory(s, {runScenario(s, options)});
        QVERIFY(comparison.detectedWarmup.available);
        QVERIFY(comparison.warmupUsed.find("none") != std::string::npos);
        Scenario set = s;
        set.run.warmupS = 300;
        const auto withWarmup = compareTheory(set, {runScenario(set, options)});
        QVERIFY(withWarmup.warmupUsed.find("scenario's (300 s)") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestTheoryComparison)
#include "tst_theorycomparison.moc"
