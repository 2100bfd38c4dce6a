// SPDX-License-Identifier: GPL-3.0-or-later
// The limit search against an answer known in closed form, and its noise rules on hand-made runs.
#include <QtTest>
#include <cmath>

#include "sim/run/replications.h"
#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"
#include "sim/study/limitsearch.h"
#include "studyfixture.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

LimitSpec rateSpec(double from, double to, double p99Ms) {
    LimitSpec spec;
    parseOverridePath("workload.ratePerS", "limit.path", spec.target);
    spec.from = from;
    spec.to = to;
    spec.tolerance = 0.005;
    spec.maxReplications = 24;
    spec.targets = {{findStudyFigure("p99Ms"), p99Ms}};
    return spec;
}

}  // namespace

class TestLimitSearch : public QObject {
    Q_OBJECT
private slots:
    void testMM1RateAtWhichP99MeetsTarget() {
        // The sojourn time of M/M/1 is exponential with rate mu - lambda, so its p99 is
        // ln(100) / (mu - lambda): p99 <= X holds up to lambda = mu - ln(100) / X. With a mean
        // service of 10 ms (mu = 100/s) and X = 200 ms that is 76.97/s.
        ValidationReport report;
        const auto base = scenarioFromText(stationJson(50, 10, 1, 2000), report);
        QVERIFY2(base, report.toString().c_str());
        const double expected = 100 - std::log(100.0) / 0.2;
        const LimitRunner run = [&](double rate, unsigned first, unsigned count) {
            Scenario s = *base;
            s.workload.ratePerS = rate;
            std::vector<RunResult> runs(count);
            parallelFor(count, 2, [&](std::size_t i) {
                RunOptions options;
                options.seed = 11;
                options.replication = first + i;
                runs[i] = runScenario(s, options);
            });
            return runs;
        };
        const LimitResult r = searchLimit(rateSpec(10, 99, 200), 6, run);
        QVERIFY2(r.found && !r.wholeRange, r.message.c_str());
        QVERIFY2(std::abs(r.limit - expected) / expected < 0.03,
                 (std::to_string(r.limit) + " vs " + std::to_string(expected)).c_str());
        QVERIFY(r.firstFailing && *r.firstFailing > r.limit);
        // What broke: the only component, nearly saturated, with a waiting line.
        QVERIFY(r.broke);
        QCOMPARE(r.broke->busiestComponent, std::string("entry"));
        QVERIFY(r.broke->busiestUtilization > 0.7);
        QVERIFY(r.broke->longestQueue > 1);
    }

    void testNoiseRules() {
        // A fake system whose p99 is exactly `value` ms plus noise of +-`spread` by replication
        // parity: the search must treat values within the noise of the bound as failing.
        LimitSpec spec = rateSpec(1, 100, 50);
        spec.tolerance = 0.001;
        spec.maxReplications = 8;
        const double spread = 4;
        std::vector<double> asked;
        const LimitRunner run = [&](double value, unsigned first, unsigned count) {
            asked.push_back(value);
            std::vector<RunResult> runs(count);
            for (unsigned i = 0; i < count; ++i) {
                const double ms = value + ((first + i) % 2 ? spread : -spread);
                runs[i].latency.record(static_cast<Time>(ms * 1e6));
            }
            return runs;
        };
        const LimitResult r = searchLimit(spec, 4, run);
        QVERIFY(r.found);
        // Conservative: the limit is below 50 by at least the noise's reach at 8 replications.
        QVERIFY2(r.limit < 50 - 1 && r.limit > 40, std::to_string(r.limit).c_str());
        bool straddled = false;
        for (const LimitEvaluation& e : r.evaluations) {
            QVERIFY(e.replications == 4 || e.replications == 8);
            if (!e.decided) {
                straddled = true;
                QVERIFY(!e.passed);  // undecided at the cap counts as failing
                QCOMPARE(e.replications, 8u);
            }
        }
        QVERIFY(straddled);
    }

    void testTargetNeverOrAlwaysHolds() {
        const LimitRunner constant = [](double, unsigned, unsigned count) {
            std::vector<RunResult> runs(count);
            for (auto& r : runs) r.latency.record(static_cast<Time>(30e6));
            return runs;
        };
        const LimitResult never = searchLimit(rateSpec(1, 100, 20), 3, constant);
        QVERIFY(!never.found);
        QCOMPARE(never.evaluations.size(), std::size_t{1});
        QVERIFY2(
            never.message.find("does not hold even at workload.ratePerS = 1") != std::string::npos,
            never.message.c_str());
        const LimitResult always = searchLimit(rateSpec(1, 100, 40), 3, constant);
        QVERIFY(always.found && always.wholeRange);
        QCOMPARE(always.limit, 100.0);
    }

    void testLowestReplicaCount() {
        // The fewest servers (whole numbers) at which a fake p99 of 100 / servers ms is <= 12.
        LimitSpec spec = rateSpec(1, 64, 12);
        parseOverridePath("topology.stations[0].servers", "limit.path", spec.target);
        spec.direction = LimitDirection::Lowest;
        spec.integer = true;
        const LimitRunner run = [](double servers, unsigned, unsigned count) {
            std::vector<RunResult> runs(count);
            for (auto& r : runs) r.latency.record(static_cast<Time>(100e6 / servers));
            return runs;
        };
        const LimitResult r = searchLimit(spec, 2, run);
        QVERIFY2(r.found, r.message.c_str());
        QCOMPARE(r.limit, 9.0);  // 100/9 = 11.1 <= 12 < 12.5 = 100/8
        QCOMPARE(*r.firstFailing, 8.0);
    }
};

QTEST_GUILESS_MAIN(TestLimitSearch)
#include "tst_limitsearch.moc"
