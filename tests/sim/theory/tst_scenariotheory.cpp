// SPDX-License-Identifier: GPL-3.0-or-later
// Which formulas theoryForScenario() offers, and when it refuses them.
#include <QtTest>
#include <cmath>

#include "sim/model/handcheckedscenario.h"
#include "sim/theory/mmcqueue.h"
#include "sim/theory/pollaczekkhinchine.h"
#include "sim/theory/scenariotheory.h"

using namespace archsim;
using namespace archsim::theory;

namespace {

Scenario stationScenario(DistributionPtr serviceMs, int servers, double ratePerS) {
    Scenario s;
    s.name = "station";
    s.workload.ratePerS = ratePerS;
    s.topology.entry = "station";
    s.topology.stations.push_back({"station", servers, std::move(serviceMs)});
    return s;
}

const TheoryPrediction* find(const ScenarioTheory& t, const std::string& figure) {
    for (const auto& p : t.predictions)
        if (p.figure == figure) return &p;
    return nullptr;
}

Scenario lowRateFunction(double ratePerS) {
    Scenario s;
    s.workload.ratePerS = ratePerS;
    s.topology.entry = "api";
    s.topology.gateways.push_back(testing::gateway("api", makeConstant(1), std::nullopt, "fn"));
    s.topology.functions.push_back(testing::function("fn", {testing::cpu(20)}));
    return s;
}

}  // namespace

class TestScenarioTheory : public QObject {
    Q_OBJECT
private slots:
    void testExponentialStationIsExactErlangC() {
        const auto t = theoryForScenario(stationScenario(makeExponential(40), 3, 60));
        const auto* wait = find(t, "meanWait");
        QVERIFY(wait);
        QCOMPARE(toString(wait->applicability), toString(Applicability::Exact));
        QVERIFY(wait->formula.find("Erlang C") != std::string::npos);
        const MmcQueue q(60, 25, 3);
        QVERIFY(std::abs(wait->value - q.meanWait() * 1e3) < 1e-9);
        QVERIFY(find(t, "responseP99"));
        QCOMPARE(toString(find(t, "probabilityOfWait")->applicability),
                 toString(Applicability::Exact));
    }

    void testGeneralServiceOneServerIsPollaczekKhinchine() {
        const auto t = theoryForScenario(stationScenario(makeUniform(10, 30), 1, 30));
        const auto* wait = find(t, "meanWait");
        QVERIFY(wait);
        QCOMPARE(toString(wait->applicability), toString(Applicability::Exact));
        // uniform(10, 30) ms: mean 20 ms, variance 400/12, SCV (400/12)/400 = 1/12.
        const double expected = pollaczekKhinchineMeanWait(30, 0.020, 1.0 / 12) * 1e3;
        QVERIFY(std::abs(wait->value - expected) < 1e-9);
        QCOMPARE(find(t, "probabilityOfWait")->value, 30 * 0.020);
        QCOMPARE(toString(find(t, "responsePercentiles")->applicability),
                 toString(Applicability::NotApplicable));
    }

    void testGeneralServiceManyServersIsApproximate() {
        const auto t = theoryForScenario(stationScenario(makeConstant(50), 4, 60));
        const auto* wait = find(t, "meanWait");
        QVERIFY(wait);
        QCOMPARE(toString(wait->applicability), toString(Applicability::Approximate));
        QVERIFY(wait->formula.find("Allen-Cunneen") != std::string::npos);
        QCOMPARE(wait->modelTolerance, kAllenCunneenTolerance);
        // Half the M/M/4 wait: (ca^2 + cs^2) / 2 = (1 + 0) / 2.
        QVERIFY(std::abs(wait->value - MmcQueue(60, 20, 4).meanWait() * 1e3 / 2) < 1e-9);
    }

    void testArrivalsThatAreNotPoissonAreNotApplicable_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("reason");
        QTest::newRow("trace") << static_cast<int>(WorkloadType::Trace) << "trace";
        QTest::newRow("schedule") << static_cast<int>(WorkloadType::Schedule) << "schedule";
        QTest::newRow("on/off") << static_cast<int>(WorkloadType::OnOff) << "on/off";
        QTest::newRow("closed") << static_cast<int>(WorkloadType::Closed) << "closed loop";
    }
    void testArrivalsThatAreNotPoissonAreNotApplicable() {
        QFETCH(int, type);
        QFETCH(QString, reason);
        Scenario s = stationScenario(makeExponential(40), 3, 60);
        s.workload.type = static_cast<WorkloadType>(type);
        const auto t = theoryForScenario(s);
        QCOMPARE(t.predictions.size(), std::size_t{1});
        QCOMPARE(toString(t.predictions[0].applicability), toString(Applicability::NotApplicable));
        QVERIFY2(QString::fromStdString(t.predictions[0].reason).contains(reason),
                 t.predictions[0].reason.c_str());
    }

    void testUnstableStationIsNotApplicable() {
        const auto t = theoryForScenario(stationScenario(makeExponential(100), 2, 25));
        QCOMPARE(t.predictions.size(), std::size_t{1});
        QVERIFY(t.predictions[0].reason.find("unstable") != std::string::npos);
    }

    void testColdStartAtLowRate() {
        const auto t = theoryForScenario(lowRateFunction(0.02));
        const auto* cold = find(t, "coldStartFraction");
        QVERIFY(cold);
        QCOMPARE(toString(cold->applicability), toString(Applicability::Approximate));
        QVERIFY(std::abs(cold->value - std::exp(-0.02 * 10)) < 1e-12);  // keep-alive 10 s
        // (100 ms cold start + 20 ms handler) x 0.02/s, absolute: relative to the prediction.
        QVERIFY(std::abs(cold->modelTolerance * cold->value - 0.02 * 0.120) < 1e-12);
    }

    void testColdStartRefusals() {
        // Too much traffic: 50/s x 0.12 s = 6 requests in flight.
        QCOMPARE(
            toString(
                find(theoryForScenario(lowRateFunction(50)), "coldStartFraction")->applicability),
            toString(Applicability::NotApplicable));
        Scenario many = lowRateFunction(0.02);
        many.topology.functions[0].concurrencyPerInstance = 8;
        QVERIFY(find(theoryForScenario(many), "coldStartFraction")->reason.find("at once") !=
                std::string::npos);
        Scenario limited = lowRateFunction(0.02);
        limited.topology.gateways[0].rateLimit = RateLimitSpec{};
        QCOMPARE(toString(find(theoryForScenario(limited), "coldStartFraction")->applicability),
                 toString(Applicability::NotApplicable));
        Scenario variable = lowRateFunction(0.02);
        variable.topology.functions[0].keepAliveS = makeExponential(10);
        QVERIFY(find(theoryForScenario(variable), "coldStartFraction")->reason.find("not fixed") !=
                std::string::npos);
        Scenario traced = lowRateFunction(0.02);
        traced.workload.type = WorkloadType::Trace;
        QVERIFY(find(theoryForScenario(traced), "coldStartFraction")->reason.find("trace") !=
                std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestScenarioTheory)
#include "tst_scenariotheory.moc"
