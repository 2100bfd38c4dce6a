// SPDX-License-Identifier: GPL-3.0-or-later
// Every bundled preset runs, and the headline figures each one exists to teach stay inside the ranges
// docs/presets.md documents. These are examples and tests at once: if a model change moves a
// preset's story (the auth API's P99 no longer above 100 ms on Workers, say), this fails and the
// preset or the docs must be revisited.
#include <QtTest>
#include <QDir>
#include <algorithm>

#include "sim/cost/pricing.h"
#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"

using namespace archsim;

namespace {

const PricingTable& pricing() {
    static const PricingTable table = [] {
        auto loaded = loadPricingFile(defaultPricingFile(ARCHSIM_RESOURCES_DIR));
        if (!loaded.table) qFatal("default pricing: %s", loaded.report.toString().c_str());
        return *loaded.table;
    }();
    return table;
}

Scenario loadPreset(const QString& name) {
    ValidationReport report;
    const QString path = QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets/") + name;
    const auto scenario = loadScenarioFile(path.toStdString(), report);
    if (!scenario) qFatal("%s: %s", qPrintable(path), report.toString().c_str());
    return *scenario;
}

RunResult runScenarioPriced(const Scenario& scenario) {
    RunOptions options;
    options.seed = scenario.seed;
    options.pricing = &pricing();
    return runScenario(scenario, options);
}

RunResult runPreset(const QString& name) { return runScenarioPriced(loadPreset(name)); }

double ms(const RunResult& r, double q) { return toMillis(r.latency.quantile(q)); }

QByteArray figures(const RunResult& r) {
    return QString("p50 %1 ms, p95 %2 ms, p99 %3 ms, errors %4, cold %5, hit %6, monthly %7")
        .arg(ms(r, 0.5)).arg(ms(r, 0.95)).arg(ms(r, 0.99)).arg(r.errorRate())
        .arg(r.coldStartFraction()).arg(r.cacheHitRatio())
        .arg(r.cost ? r.cost->monthlyCost : -1)
        .toUtf8();
}

}  // namespace

class TestPresets : public QObject {
    Q_OBJECT
private slots:
    void testEveryPresetRunsToCompletion() {
        const QStringList presets =
            QDir(QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets")).entryList({"*.json"}, QDir::Files);
        QVERIFY(presets.size() >= 10);
        for (const QString& name : presets) {
            const RunResult r = runPreset(name);
            QVERIFY2(r.status == RunStatus::Completed, qPrintable(name + ": " + QString::fromStdString(toString(r.status))));
            QVERIFY2(r.latency.count() > 100, qPrintable(name));
        }
    }

    void testMotivatingCaseMatchesTheReport() {
        // The team reported P95 ~50 ms and P99 > 100 ms on Workers; P95 < 10 ms and P99 ~15 ms on
        // servers with the cache in memory.
        const RunResult workers = runPreset("auth-api-workers.json");
        QVERIFY2(ms(workers, 0.95) >= 40 && ms(workers, 0.95) <= 60, figures(workers));
        QVERIFY2(ms(workers, 0.99) > 100, figures(workers));
        const RunResult servers = runPreset("auth-api-servers.json");
        QVERIFY2(ms(servers, 0.95) < 10, figures(servers));
        QVERIFY2(ms(servers, 0.99) >= 12 && ms(servers, 0.99) <= 18, figures(servers));
        // The Cache API's lookups average about 14 ms (median 10, p99 70); memory 0.1 ms.
        QVERIFY2(workers.meanBreakdownMs(TimeCategory::Cache) > 10, figures(workers));
        QVERIFY2(servers.meanBreakdownMs(TimeCategory::Cache) < 0.2, figures(servers));
        // The Workers tail is the database round trip from far regions, not cold starts.
        QVERIFY2(workers.coldStartFraction() < 0.001, figures(workers));
        QVERIFY2(workers.meanBreakdownMs(TimeCategory::Network) > 1, figures(workers));
    }

    void testMotivatingCaseHoldsAtEveryRate_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<double>("rate");
        // The report's figures within 20% of a centre at every rate (docs/presets.md): Workers
        // P95 50 (40..60) and P99 120 (100..144); servers P95 9 but under 10 (8..10) and P99 15
        // (12..18).
        QTest::addColumn<double>("p95Low");
        QTest::addColumn<double>("p95High");
        QTest::addColumn<double>("p99Low");
        QTest::addColumn<double>("p99High");
        for (const double rate : {50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0}) {
            QTest::addRow("workers %g/s", rate) << QStringLiteral("auth-api-workers.json") << rate
                                                 << 40.0 << 60.0 << 100.0 << 144.0;
            QTest::addRow("servers %g/s", rate) << QStringLiteral("auth-api-servers.json") << rate
                                                 << 8.0 << 10.0 << 12.0 << 18.0;
        }
    }

    void testMotivatingCaseHoldsAtEveryRate() {
        // The mechanisms do not depend on the rate (fixed miss ratios, cold starts of a few ms,
        // the database's round trip), so neither do the figures. Runs are shortened to about
        // 100,000 measured requests per point (50,000 at 50/s), which keeps the P99 estimate
        // within a few percent and the test fast under the sanitizers too.
        QFETCH(QString, preset);
        QFETCH(double, rate);
        QFETCH(double, p95Low);
        QFETCH(double, p95High);
        QFETCH(double, p99Low);
        QFETCH(double, p99High);
        Scenario s = loadPreset(preset);
        s.workload.ratePerS = rate;
        s.run.warmupS = 10;  // isolates start in 5 ms and the hit ratios are fixed: no long warm-up
        s.run.durationS = s.run.warmupS + std::clamp(100'000 / rate, 50.0, 1000.0);
        const RunResult r = runScenarioPriced(s);
        QVERIFY2(r.status == RunStatus::Completed, figures(r));
        QVERIFY2(r.errorRate() == 0, figures(r));
        QVERIFY2(ms(r, 0.95) >= p95Low && ms(r, 0.95) <= p95High, figures(r));
        QVERIFY2(ms(r, 0.99) >= p99Low && ms(r, 0.99) <= p99High, figures(r));
    }

    void testSporadicTrafficIsCheaperOnServerless() {
        const RunResult lambda = runPreset("webhooks-lambda.json");
        const RunResult servers = runPreset("webhooks-servers.json");
        QVERIFY(lambda.cost && servers.cost);
        QVERIFY2(lambda.cost->monthlyCost * 5 < servers.cost->monthlyCost, figures(lambda) + " vs " + figures(servers));
        QVERIFY2(ms(lambda, 0.99) < 500, figures(lambda));  // acceptable for a webhook sender
    }

    void testFlashSaleThrottlesLambdaAndQueuesContainers() {
        const RunResult lambda = runPreset("flash-sale-lambda.json");
        QVERIFY2(lambda.errors[static_cast<std::size_t>(ErrorReason::Throttled)] > 1000, figures(lambda));
        QCOMPARE(lambda.peakInstances, std::uint64_t{150});
        const RunResult containers = runPreset("flash-sale-containers.json");
        QVERIFY2(containers.peakInstances >= 6, figures(containers));  // the autoscaler reacted
        QVERIFY2(ms(containers, 0.99) > 1000, figures(containers));    // while replicas booted
    }

    void testDatabaseConnectionsBecomeTheBottleneck() {
        const RunResult r = runPreset("db-exhaustion-lambda.json");
        QVERIFY2(r.meanBreakdownMs(TimeCategory::Queueing) > 5, figures(r));
        double peakConnections = 0;
        for (const auto& w : r.windows) peakConnections = std::max(peakConnections, w.databaseConnectionsInUse);
        QVERIFY2(peakConnections > 95, qPrintable(QString::number(peakConnections)));
    }

    void testPerInstanceCachesFragment() {
        const RunResult lambda = runPreset("cache-fragmentation-lambda.json");
        const RunResult servers = runPreset("cache-fragmentation-servers.json");
        QVERIFY2(lambda.cacheHitRatio() + 0.15 < servers.cacheHitRatio(), figures(lambda) + " vs " + figures(servers));
        // The servers' hit ratio climbs as their caches warm.
        QVERIFY(servers.windows.front().cacheHitRatio < servers.windows.back().cacheHitRatio);
    }

    void testRetryStormIsMetastableWithoutABudget() {
        // The trigger (a 5x slowdown) lasts from 120 to 150 s. Without a budget the service never
        // recovers: after 180 s almost nothing completes. With a 10% retry budget it is back to
        // normal: nearly every request after 180 s completes, and fast.
        const RunResult storm = runPreset("retry-storm.json");
        const RunResult budget = runPreset("retry-storm-budget.json");
        const auto after = [](const RunResult& r, double fromS) {
            std::uint64_t arrivals = 0, completed = 0;
            for (const auto& w : r.windows)
                if (w.latency.start >= fromSeconds(fromS)) {
                    arrivals += w.arrivals;
                    completed += w.latency.completed;
                }
            return arrivals ? static_cast<double>(completed) / static_cast<double>(arrivals) : 0.0;
        };
        QVERIFY2(after(storm, 0) > 0 && after(storm, 180) < 0.05, figures(storm));
        QVERIFY2(after(budget, 180) > 0.99, figures(budget));
        QVERIFY2(storm.retries > 5 * budget.retries, figures(storm) + " vs " + figures(budget));
        // Before the trigger both are the same healthy system.
        QVERIFY2(static_cast<double>(storm.windows[10].latency.completed) >
                     0.99 * static_cast<double>(storm.windows[10].arrivals),
                 figures(storm));
    }

    void testZoneOutageRecoversOnlyWithAnAutoscaler() {
        const RunResult fixed = runPreset("zone-outage-fixed.json");
        const RunResult scaled = runPreset("zone-outage-autoscaled.json");
        QVERIFY2(fixed.errorRate() > 0.05, figures(fixed));
        QVERIFY2(scaled.errorRate() < 0.01, figures(scaled));
        QVERIFY2(scaled.peakInstances > 6, figures(scaled));  // replacements were launched
    }

    void testBreakerKeepsASlowDependencyFromTakingTheApiDown() {
        // The recommendations call has a fallback, so a failed call costs nothing but the
        // recommendations. Without a breaker each call holds an API worker for the whole timeout
        // and the API itself rejects requests; with one, calls fail fast and the API stays up.
        const RunResult timeout = runPreset("slow-dependency-timeout.json");
        const RunResult breaker = runPreset("slow-dependency-breaker.json");
        QVERIFY2(timeout.errors[static_cast<std::size_t>(ErrorReason::Rejected)] > 100,
                 figures(timeout));
        QVERIFY2(breaker.totalErrors() < timeout.totalErrors() / 10,
                 figures(breaker) + " vs " + figures(timeout));
        QVERIFY2(ms(breaker, 0.99) * 3 < ms(timeout, 0.99),
                 figures(breaker) + " vs " + figures(timeout));
    }

    void testQueueKeepsTheApiFastWhileJobsFail() {
        // The API answers once the order is queued: its latency ignores the failing payment
        // provider. The jobs' latency does not: failed jobs wait out the 60 s visibility timeout,
        // and orders failing three times end as dead letters.
        const RunResult r = runPreset("async-orders-queue.json");
        QVERIFY2(ms(r, 0.99) < 100, figures(r));
        QCOMPARE(r.totalErrors(), 0u);
        QVERIFY(r.jobs.has_value());
        const double jobP50 = toMillis(r.jobs->latency.quantile(0.5));
        const double jobP99 = toMillis(r.jobs->latency.quantile(0.99));
        QVERIFY2(jobP50 > 150 && jobP50 < 400, qPrintable(QString("job p50 %1 ms").arg(jobP50)));
        QVERIFY2(jobP99 > 60'000, qPrintable(QString("job p99 %1 ms").arg(jobP99)));
        QVERIFY2(r.jobs->deadLettered > 50 && r.jobs->deadLettered < 1000,
                 qPrintable(QString("dead letters %1").arg(r.jobs->deadLettered)));
        // Outside the failure the queue keeps up: no order waits a minute before 10 minutes.
        for (const WindowRow& w : r.windows)
            if (w.latency.end <= fromSeconds(600) && w.jobs)
                QVERIFY2(w.jobs->oldestAgeS < 5, qPrintable(QString::number(w.jobs->oldestAgeS)));
    }

    void testUploadsThroughAFunctionAgainstAPresignedUrl() {
        // The same uploads two ways (docs/presets.md, "Uploads: through a function or straight
        // to storage"). Through the gateway and a function, the 10 MB and 6 MB payload limits
        // turn away about a fifth of the uploads, and the function's 10 s timeout cuts off some
        // slow ones; with a presigned URL every upload is stored, and the largest take minutes.
        const RunResult through = runPreset("uploads-through-function.json");
        const RunResult presigned = runPreset("uploads-presigned.json");
        const auto share = [](const RunResult& r, ErrorReason reason) {
            return static_cast<double>(r.errors[static_cast<std::size_t>(reason)]) /
                   static_cast<double>(r.measuredArrivals);
        };
        const auto text = [&](const RunResult& r) {
            return figures(r) + QString(", payload %1, timed out %2, job p50 %3 ms")
                                    .arg(share(r, ErrorReason::Payload))
                                    .arg(share(r, ErrorReason::TimedOut))
                                    .arg(r.jobs ? toMillis(r.jobs->latency.quantile(0.5)) : -1)
                                    .toUtf8();
        };
        // Rejected: the share of the size mix over 6 MB (21%), all at the gateway or the function.
        QVERIFY2(share(through, ErrorReason::Payload) > 0.18 &&
                     share(through, ErrorReason::Payload) < 0.24,
                 text(through));
        QVERIFY2(share(through, ErrorReason::TimedOut) > 0.004 &&
                     share(through, ErrorReason::TimedOut) < 0.02,
                 text(through));
        QCOMPARE(presigned.totalErrors(), 0u);
        // What the user waits: the accepted uploads are small, so through the function the p99
        // stays under the 10 s timeout; presigned, the 400 MB files over slow uplinks take minutes.
        QVERIFY2(ms(through, 0.5) > 800 && ms(through, 0.5) < 1400, text(through));
        QVERIFY2(ms(through, 0.99) > 6000 && ms(through, 0.99) < 10'000, text(through));
        QVERIFY2(ms(presigned, 0.5) > 1200 && ms(presigned, 0.5) < 1900, text(presigned));
        QVERIFY2(ms(presigned, 0.99) > 90'000 && ms(presigned, 0.99) < 250'000, text(presigned));
        // The processing job, from the end of the upload: a GET at 80 MB/s and about 0.4 s of work.
        QVERIFY(through.jobs && presigned.jobs);
        for (const RunResult* r : {&through, &presigned}) {
            const double jobP50 = toMillis(r->jobs->latency.quantile(0.5));
            QVERIFY2(jobP50 > 350 && jobP50 < 700, text(*r));
            QCOMPARE(r->jobs->deadLettered, 0u);
        }
        // Every accepted upload that finished became a job; a cut-off one raised no event.
        QVERIFY2(through.jobs->enqueued < through.measuredArrivals * 4 / 5, text(through));
        // The bill: presigned stores every file, about six times the bytes, so storage dominates
        // it; through the function, the instances waiting on uploads cost more than the signing.
        QVERIFY(through.cost && presigned.cost);
        const auto line = [](const RunResult& r, const std::string& item) {
            for (const CostLine& l : r.cost->lines)
                if (l.item == item) return l.cost * r.cost->monthlyCost / r.cost->total;
            return -1.0;
        };
        QVERIFY2(through.cost->monthlyCost > 280 && through.cost->monthlyCost < 420, text(through));
        QVERIFY2(presigned.cost->monthlyCost > 950 && presigned.cost->monthlyCost < 1500,
                 text(presigned));
        QVERIFY2(line(presigned, "storage.stored") > 0.85 * presigned.cost->monthlyCost,
                 text(presigned));
        QVERIFY2(line(through, "lambda.duration") > 2 * line(presigned, "lambda.duration"),
                 text(through) + " vs " + text(presigned));
    }
};

QTEST_GUILESS_MAIN(TestPresets)
#include "tst_presets.moc"
