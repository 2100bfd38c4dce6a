// SPDX-License-Identifier: GPL-3.0-or-later
#include <QPointF>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sim/cost/costmodel.h"
#include "testpricingtable.h"

using namespace archsim;

namespace {

PricingTable testTable() {
    ValidationReport report;
    auto table = parsePricing(testing::kTestPricingJson, report);
    if (!table) qFatal("test pricing table does not load:\n%s", report.toString().c_str());
    return *table;
}

/// Relative comparison: prices like 0.0000166667 make absolute tolerances meaningless.
bool near(double actual, double expected) {
    return std::fabs(actual - expected) <= 1e-9 * std::max(1.0, std::fabs(expected));
}

#define COMPARE_NEAR(actual, expected)                                              \
    QVERIFY2(near((actual), (expected)), qPrintable(QString("%1 = %2, expected %3") \
                                                        .arg(#actual)               \
                                                        .arg(actual, 0, 'g', 12)    \
                                                        .arg(expected, 0, 'g', 12)))

const CostLine* findLine(const CostBreakdown& breakdown, const std::string& item) {
    for (const CostLine& line : breakdown.lines) {
        if (line.item == item) return &line;
    }
    return nullptr;
}

double lineCost(const CostBreakdown& breakdown, const std::string& item) {
    const CostLine* line = findLine(breakdown, item);
    return line == nullptr ? -1.0 : line->cost;
}

/// A config pricing only compute: no gateway, cache, database, load balancer or egress.
CostConfig computeOnly(const std::string& platform) {
    CostConfig config;
    config.platform = platform;
    config.egress = "none";
    return config;
}

UsageTotals hourOfLambdaTraffic(double durationMs) {
    UsageTotals usage;
    usage.simulatedSeconds = 3600.0;
    usage.requests = 1'000'000;
    usage.functionInvocations = 1'000'000;
    usage.functionBilledSeconds = 1'000'000 * durationMs / 1000.0;
    return usage;
}

std::vector<CostPoint> toPoints(const QList<QPointF>& points) {
    std::vector<CostPoint> result;
    for (const QPointF& point : points) result.push_back({point.x(), point.y()});
    return result;
}

}  // namespace

class TestCostModel : public QObject {
    Q_OBJECT
private slots:
    void testLambdaByHand_data() {
        QTest::addColumn<QString>("platform");
        QTest::addColumn<double>("memoryMb");
        QTest::addColumn<double>("durationMs");
        QTest::addColumn<double>("requestsCost");
        QTest::addColumn<double>("durationCost");
        // 1M requests x 0.20 USD per million = 0.20 USD in every row.
        // 1M x 0.1 s = 100,000 s; at 128 MB = 0.125 GB that is 12,500 GB-s;
        // 12,500 x 0.0000166667 = 0.20833375 USD.
        QTest::newRow("x86 128 MB 100 ms") << "lambda-x86" << 128.0 << 100.0 << 0.20 << 0.20833375;
        // Same 12,500 GB-s at the arm price 0.0000133334 = 0.1666675 USD.
        QTest::newRow("arm 128 MB 100 ms") << "lambda-arm" << 128.0 << 100.0 << 0.20 << 0.1666675;
        // 100,000 s at 1 GB = 100,000 GB-s x 0.0000166667 = 1.66667 USD.
        QTest::newRow("x86 1024 MB 100 ms") << "lambda-x86" << 1024.0 << 100.0 << 0.20 << 1.66667;
        // 1M x 0.02 s = 20,000 s at 0.5 GB = 10,000 GB-s x 0.0000166667 = 0.166667 USD.
        QTest::newRow("x86 512 MB 20 ms") << "lambda-x86" << 512.0 << 20.0 << 0.20 << 0.166667;
    }
    void testLambdaByHand() {
        QFETCH(QString, platform);
        QFETCH(double, memoryMb);
        QFETCH(double, durationMs);
        QFETCH(double, requestsCost);
        QFETCH(double, durationCost);
        CostConfig config = computeOnly(platform.toStdString());
        config.functionMemoryMb = memoryMb;
        const CostBreakdown cost =
            computeCost(hourOfLambdaTraffic(durationMs), config, testTable());
        QCOMPARE(cost.lines.size(), std::size_t{2});
        COMPARE_NEAR(lineCost(cost, "lambda.requests"), requestsCost);
        COMPARE_NEAR(lineCost(cost, "lambda.duration"), durationCost);
        COMPARE_NEAR(cost.total, requestsCost + durationCost);
        QCOMPARE(findLine(cost, "lambda.duration")->unit, std::string("GB-s"));
        QCOMPARE(cost.currency, std::string("USD"));
    }

    void testLambdaInitDurationIsOptional() {
        UsageTotals usage = hourOfLambdaTraffic(100.0);
        usage.functionInitSeconds = 800.0;  // e.g. 4,000 cold starts of 200 ms
        CostConfig config = computeOnly("lambda-x86");
        // 800 s x 0.125 GB = 100 GB-s x 0.0000166667 = 0.00166667 USD on top of 0.20833375.
        COMPARE_NEAR(lineCost(computeCost(usage, config, testTable()), "lambda.duration"),
                     0.20833375 + 0.00166667);
        config.billInitDuration = false;
        COMPARE_NEAR(lineCost(computeCost(usage, config, testTable()), "lambda.duration"),
                     0.20833375);
    }

    void testLambdaProvisionedConcurrency() {
        UsageTotals usage = hourOfLambdaTraffic(100.0);
        usage.provisionedInstanceSeconds = 10 * 3600.0;  // 10 instances kept warm for the hour
        usage.provisionedBilledSeconds = 1000.0;
        CostConfig config = computeOnly("lambda-x86");
        config.functionMemoryMb = 1024.0;
        const CostBreakdown cost = computeCost(usage, config, testTable());
        // 36,000 GB-s x 0.0000041667 = 0.1500012; 1,000 GB-s x 0.0000097222 = 0.0097222.
        COMPARE_NEAR(lineCost(cost, "lambda.provisioned"), 0.1500012);
        COMPARE_NEAR(lineCost(cost, "lambda.provisionedDuration"), 0.0097222);
        // Without provisioned usage those lines are absent rather than zero.
        QVERIFY(findLine(computeCost(hourOfLambdaTraffic(100.0), config, testTable()),
                         "lambda.provisioned") == nullptr);
    }

    void testWorkersBillsCpuNotWallTime_data() {
        QTest::addColumn<double>("wallSeconds");
        QTest::newRow("fast handler") << 1'000.0;
        QTest::newRow("waits 100 ms on the network") << 100'000.0;
        QTest::newRow("waits 10 s") << 10'000'000.0;
    }
    void testWorkersBillsCpuNotWallTime() {
        QFETCH(double, wallSeconds);
        UsageTotals usage;
        usage.simulatedSeconds = 3600.0;
        usage.requests = 1'000'000;
        usage.functionInvocations = 1'000'000;
        usage.functionBilledSeconds = wallSeconds;
        usage.functionCpuMs = 2'000'000.0;  // 2 ms of CPU per request
        const CostBreakdown cost = computeCost(usage, computeOnly("workers"), testTable());
        // 1M requests x 0.30 = 0.30; 2M CPU-ms x 0.02 per million = 0.04. Wall time: nothing.
        COMPARE_NEAR(lineCost(cost, "workers.requests"), 0.30);
        COMPARE_NEAR(lineCost(cost, "workers.cpu"), 0.04);
        COMPARE_NEAR(cost.total, 0.34);
        QVERIFY(findLine(cost, "workers.subscription") == nullptr);  // marginal view
    }

    void testStandaloneAccountAllowances_data() {
        QTest::addColumn<QString>("platform");
        QTest::addColumn<double>("requests");
        QTest::addColumn<double>("expectedMarginal");
        QTest::addColumn<double>("expectedStandalone");
        // A 30-day run. Workers: 1M requests, 1 ms CPU each.
        //   marginal 0.30 + 0.02 = 0.32; standalone: both inside 10M / 30M included -> fee 5.00.
        QTest::newRow("workers within allowance") << "workers" << 1e6 << 0.32 << 5.0;
        // 20M requests: marginal 20 x 0.30 + 20 x 0.02 = 6.40;
        //   standalone 5.00 + (20 - 10) x 0.30 + 0 (20M CPU-ms < 30M) = 8.00.
        QTest::newRow("workers over allowance") << "workers" << 2e7 << 6.4 << 8.0;
        // Lambda, 2M requests of 100 ms at 128 MB = 25,000 GB-s:
        //   marginal 2 x 0.20 + 25,000 x 0.0000166667 = 0.4 + 0.4166675 = 0.8166675;
        //   standalone (2 - 1) x 0.20 + 0 (25,000 < 400,000 GB-s) = 0.20.
        QTest::newRow("lambda free tier") << "lambda-x86" << 2e6 << 0.8166675 << 0.20;
    }
    void testStandaloneAccountAllowances() {
        QFETCH(QString, platform);
        QFETCH(double, requests);
        QFETCH(double, expectedMarginal);
        QFETCH(double, expectedStandalone);
        UsageTotals usage;
        usage.simulatedSeconds = kSecondsPerMonth;
        usage.requests = static_cast<std::uint64_t>(requests);
        usage.functionInvocations = usage.requests;
        usage.functionBilledSeconds = requests * 0.1;
        usage.functionCpuMs = requests * 1.0;
        CostConfig config = computeOnly(platform.toStdString());
        COMPARE_NEAR(computeCost(usage, config, testTable()).total, expectedMarginal);
        config.standaloneAccount = true;
        const CostBreakdown standalone = computeCost(usage, config, testTable());
        COMPARE_NEAR(standalone.total, expectedStandalone);
        COMPARE_NEAR(standalone.monthlyCost, expectedStandalone);
    }

    void testAllowancesAreProrated() {
        // Three days of the standalone Workers account: fee and allowances are a tenth of a month,
        // so the monthly extrapolation equals the month priced directly (8.00, row above).
        UsageTotals usage;
        usage.simulatedSeconds = 259'200.0;
        usage.requests = 2'000'000;
        usage.functionInvocations = usage.requests;
        usage.functionCpuMs = static_cast<double>(usage.requests);
        CostConfig config = computeOnly("workers");
        config.standaloneAccount = true;
        const CostBreakdown cost = computeCost(usage, config, testTable());
        COMPARE_NEAR(cost.monthlyCost, 8.0);
        COMPARE_NEAR(findLine(cost, "workers.subscription")->quantity, 0.1);
        COMPARE_NEAR(findLine(cost, "workers.requests")->includedQuantity, 1.0);  // million
    }

    void testReplicaHoursIntegrate() {
        // Autoscaling: 2 replicas for the first half hour, 4 for the second, 3 from 3600 s on.
        StepIntegral replicas(0, 2.0);
        replicas.set(1800 * kNanosPerSecond, 4.0);
        COMPARE_NEAR(replicas.integralSeconds(3600 * kNanosPerSecond), 2 * 1800.0 + 4 * 1800.0);
        replicas.set(3600 * kNanosPerSecond, 3.0);
        replicas.set(1000 * kNanosPerSecond, 3.0);  // late report: never subtracts area
        COMPARE_NEAR(replicas.integralSeconds(7200 * kNanosPerSecond), 10'800.0 + 3 * 3600.0);
        QCOMPARE(replicas.level(), 3.0);

        UsageTotals usage;
        usage.simulatedSeconds = 3600.0;
        usage.requests = 100'000;
        usage.replicaSeconds = replicas.integralSeconds(3600 * kNanosPerSecond);
        const CostBreakdown cost = computeCost(usage, computeOnly("ec2:c7g.large"), testTable());
        // 10,800 replica-seconds = 3 instance-hours x 0.0725 = 0.2175 USD.
        COMPARE_NEAR(findLine(cost, "servers.instances")->quantity, 3.0);
        COMPARE_NEAR(cost.total, 0.2175);
    }

    void testFargateBillsVcpuAndMemory() {
        UsageTotals usage;
        usage.simulatedSeconds = 3600.0;
        usage.replicaSeconds = 7200.0;  // two tasks for the hour
        CostConfig config = computeOnly("fargate-arm");
        config.fargateVcpu = 1.0;
        config.fargateMemoryGb = 2.0;
        const CostBreakdown cost = computeCost(usage, config, testTable());
        // 2 task-hours x 1 vCPU x 0.03238 = 0.06476; 2 x 2 GB x 0.00356 = 0.01424.
        COMPARE_NEAR(lineCost(cost, "servers.vcpu"), 0.06476);
        COMPARE_NEAR(lineCost(cost, "servers.memory"), 0.01424);
        COMPARE_NEAR(cost.total, 0.079);
    }

    void testMonthlyScaling_data() {
        QTest::addColumn<double>("simulatedSeconds");
        QTest::newRow("one minute") << 60.0;
        QTest::newRow("one hour") << 3600.0;
        QTest::newRow("one day") << 86'400.0;
    }
    void testMonthlyScaling() {
        // 1,000 requests per second of 100 ms Lambda at 128 MB, measured over different periods,
        // must extrapolate to the same month: 2.592e9 requests x 0.20 / 1e6 = 518.4 USD plus
        // 2.592e9 x 0.1 s x 0.125 GB = 32.4e6 GB-s x 0.0000166667 = 540.00108 USD: 1058.40108.
        QFETCH(double, simulatedSeconds);
        UsageTotals usage;
        usage.simulatedSeconds = simulatedSeconds;
        usage.requests = static_cast<std::uint64_t>(1000.0 * simulatedSeconds);
        usage.functionInvocations = usage.requests;
        usage.functionBilledSeconds = static_cast<double>(usage.requests) * 0.1;
        const CostBreakdown cost = computeCost(usage, computeOnly("lambda-x86"), testTable());
        COMPARE_NEAR(cost.monthlyCost, 1058.40108);
        COMPARE_NEAR(cost.monthlyCost, cost.total * kSecondsPerMonth / simulatedSeconds);
        // Per million requests: 0.20 + 1e6 x 0.1 x 0.125 x 0.0000166667 = 0.40833375.
        QVERIFY(cost.costPerMillionRequests.has_value());
        COMPARE_NEAR(*cost.costPerMillionRequests, 0.40833375);
    }

    void testFixedResourcesScaleWithTime() {
        UsageTotals usage;
        usage.simulatedSeconds = 3600.0;
        CostConfig config = computeOnly("ec2:t3.small");
        config.loadBalancer = true;
        config.remoteCache = "elasticache:cache.t4g.small";
        config.cacheNodes = 2;
        config.database = "rds:db.t4g.medium";
        const CostBreakdown cost = computeCost(usage, config, testTable());
        COMPARE_NEAR(lineCost(cost, "loadBalancer.hours"), 0.0225);
        COMPARE_NEAR(lineCost(cost, "loadBalancer.lcu"), 0.0);
        COMPARE_NEAR(lineCost(cost, "cache.nodes"), 2 * 0.032);
        COMPARE_NEAR(lineCost(cost, "database.nodes"), 0.065);
        // An idle hour: 0.0225 + 0.064 + 0.065 = 0.1515; a 30-day month is 720 times that.
        COMPARE_NEAR(cost.monthlyCost, 0.1515 * 720.0);
        QVERIFY(!cost.costPerMillionRequests.has_value());  // no requests, no per-request cost
    }

    void testLoadBalancerCapacityUnits_data() {
        QTest::addColumn<double>("requestsPerConnection");
        QTest::addColumn<double>("egressGb");
        QTest::addColumn<double>("expectedLcuHours");
        // 180,000 requests in an hour = 50 new connections/s = 2 LCU (25 per LCU) for an hour.
        QTest::newRow("connection bound") << 1.0 << 0.5 << 2.0;
        // With 10 requests per connection: 0.2 LCU by connections, 0.5 GB/h -> 0.5 LCU by bytes.
        QTest::newRow("byte bound") << 10.0 << 0.5 << 0.5;
    }
    void testLoadBalancerCapacityUnits() {
        QFETCH(double, requestsPerConnection);
        QFETCH(double, egressGb);
        QFETCH(double, expectedLcuHours);
        UsageTotals usage;
        usage.simulatedSeconds = 3600.0;
        usage.requests = 180'000;
        usage.egressGb = egressGb;
        CostConfig config = computeOnly("ec2:t3.small");
        config.loadBalancer = true;
        config.requestsPerConnection = requestsPerConnection;
        const CostBreakdown cost = computeCost(usage, config, testTable());
        COMPARE_NEAR(findLine(cost, "loadBalancer.lcu")->quantity, expectedLcuHours);
        COMPARE_NEAR(lineCost(cost, "loadBalancer.lcu"), expectedLcuHours * 0.008);
    }

    void testGatewayCacheAndEgress() {
        UsageTotals usage;
        usage.simulatedSeconds = 3600.0;
        usage.requests = 2'000'000;
        usage.functionInvocations = 2'000'000;
        usage.gatewayRequests = 2'000'000;
        usage.remoteCacheReads = 3'000'000;
        usage.remoteCacheWrites = 100'000;
        usage.egressGb = 10.0;
        CostConfig config = computeOnly("lambda-arm");
        config.gateway = "rest";
        config.remoteCache = "workers-kv";
        config.egress = "auto";
        const CostBreakdown cost = computeCost(usage, config, testTable());
        COMPARE_NEAR(lineCost(cost, "gateway.requests"), 2 * 3.5);
        COMPARE_NEAR(lineCost(cost, "cache.reads"), 3 * 0.5);
        COMPARE_NEAR(lineCost(cost, "cache.writes"), 0.1 * 5.0);
        COMPARE_NEAR(lineCost(cost, "egress"), 10 * 0.09);  // auto: Lambda egresses from AWS
        config.platform = "workers";
        COMPARE_NEAR(lineCost(computeCost(usage, config, testTable()), "egress"), 0.0);
    }

    void testObjectStorageByHand() {
        // S3 Standard list prices: 0.005 per 1,000 PUTs, 0.0004 per 1,000 GETs, 0.023 per
        // GB-month, 0.09 per GB out. Transfer in is free: nothing bills the uploads' bytes.
        PricingTable table = testTable();
        table.s3 = ObjectStoragePricing{{"S3", "2026-12-01", "us-east-1", ""}, 0.005, 0.0004,
                                        0.023, 0.09};
        UsageTotals usage;
        usage.simulatedSeconds = 3600.0;
        usage.storagePuts = 2000;
        usage.storageGets = 5000;
        usage.storageGbMonths = 100.0;
        usage.storageEgressGb = 10.0;
        CostConfig config = computeOnly("lambda-arm");
        config.objectStorage = "s3";
        const CostBreakdown cost = computeCost(usage, config, table);
        COMPARE_NEAR(lineCost(cost, "storage.puts"), 2 * 0.005);
        COMPARE_NEAR(lineCost(cost, "storage.gets"), 5 * 0.0004);
        COMPARE_NEAR(lineCost(cost, "storage.stored"), 100 * 0.023);
        COMPARE_NEAR(lineCost(cost, "storage.transferOut"), 10 * 0.09);
        COMPARE_NEAR(cost.total, 0.01 + 0.002 + 2.3 + 0.9);
        QVERIFY(cost.notes.empty());
        // Without objectStorage the same usage is noted as unpriced, not silently free.
        const CostBreakdown unpriced = computeCost(usage, computeOnly("lambda-arm"), table);
        QCOMPARE(lineCost(unpriced, "storage.puts"), -1.0);
        QCOMPARE(unpriced.notes.size(), std::size_t{1});
        QVERIFY(unpriced.notes[0].find("object storage") != std::string::npos);
    }

    void testUnpricedUsageIsNoted() {
        UsageTotals usage = hourOfLambdaTraffic(100.0);
        usage.replicaSeconds = 3600.0;
        usage.gatewayRequests = 10;
        const CostBreakdown cost = computeCost(usage, computeOnly("lambda-x86"), testTable());
        QCOMPARE(cost.notes.size(), std::size_t{2});
        QVERIFY(cost.notes[0].find("replica-seconds") != std::string::npos);
        QVERIFY(cost.notes[1].find("gateway") != std::string::npos);
    }

    void testBilledSecondsRoundsUp() {
        QCOMPARE(billedSeconds(0), 0.0);
        COMPARE_NEAR(billedSeconds(1), 0.001);  // 1 ns bills a whole millisecond
        COMPARE_NEAR(billedSeconds(kNanosPerMilli), 0.001);
        COMPARE_NEAR(billedSeconds(kNanosPerMilli + 1), 0.002);
        COMPARE_NEAR(billedSeconds(1234, 1), 1.234e-6);
    }

    void testConfigProblemsNameTheField_data() {
        QTest::addColumn<QString>("configJson");
        QTest::addColumn<QString>("expectedPath");
        QTest::addColumn<QString>("expectedMessage");
        QTest::newRow("unknown instance type") << R"({"platform": "ec2:m9.huge"})"
                                               << "cost.platform"
                                               << "unknown EC2 instance type 'm9.huge'";
        QTest::newRow("unknown platform") << R"({"platform": "azure-functions"})"
                                          << "cost.platform"
                                          << "unknown platform";
        QTest::newRow("empty platform") << R"({"platform": "", "egress": "none"})"
                                        << "cost.platform"
                                        << "must not be empty";
        QTest::newRow("unknown architecture") << R"({"platform": "lambda-riscv"})"
                                              << "cost.platform"
                                              << "unknown Lambda architecture 'riscv'";
        QTest::newRow("lambda memory") << R"({"platform": "lambda-x86", "functionMemoryMb": 64})"
                                       << "cost.functionMemoryMb"
                                       << "between 128 and 10240";
        QTest::newRow("fargate vcpu")
            << R"({"platform": "fargate-x86", "fargateVcpu": 3, "fargateMemoryGb": 6})"
            << "cost.fargateVcpu"
            << "must be one of 0.25";
        QTest::newRow("fargate memory")
            << R"({"platform": "fargate-x86", "fargateVcpu": 1, "fargateMemoryGb": 10})"
            << "cost.fargateMemoryGb"
            << "2 to 8 GB";
        QTest::newRow("unknown gateway") << R"({"platform": "lambda-x86", "gateway": "graphql"})"
                                         << "cost.gateway"
                                         << "unknown API Gateway type 'graphql'";
        QTest::newRow("unknown cache node")
            << R"({"platform": "ec2:t3.small", "remoteCache": "elasticache:cache.m9.large"})"
            << "cost.remoteCache"
            << "unknown ElastiCache node type 'cache.m9.large'";
        QTest::newRow("unknown cache kind")
            << R"({"platform": "ec2:t3.small", "remoteCache": "memcached"})"
            << "cost.remoteCache"
            << "unknown remote cache 'memcached'";
        QTest::newRow("no cache nodes")
            << R"({"platform": "ec2:t3.small", "remoteCache": "elasticache:cache.t4g.small",
                   "cacheNodes": 0})"
            << "cost.cacheNodes"
            << "at least 1";
        QTest::newRow("unknown database") << R"({"platform": "ec2:t3.small", "database": "rds:x"})"
                                          << "cost.database"
                                          << "unknown RDS instance type 'x'";
        QTest::newRow("unknown egress") << R"({"platform": "ec2:t3.small", "egress": "azure"})"
                                        << "cost.egress"
                                        << "provider 'azure'";
        QTest::newRow("unknown object storage")
            << R"({"platform": "lambda-x86", "objectStorage": "gcs"})"
            << "cost.objectStorage"
            << "unknown object storage 'gcs'";
        QTest::newRow("object storage without its section")
            << R"({"platform": "lambda-x86", "objectStorage": "s3"})"
            << "cost.objectStorage"
            << "'s3' section";
        QTest::newRow("connection reuse")
            << R"({"platform": "ec2:t3.small", "loadBalancer": true, "requestsPerConnection": 0.5})"
            << "cost.requestsPerConnection"
            << ">= 1";
        QTest::newRow("json unknown field") << R"({"platform": "lambda-x86", "memoryMb": 256})"
                                            << "cost.memoryMb"
                                            << "unknown field";
        QTest::newRow("json wrong type") << R"({"platform": "ec2:t3.small", "loadBalancer": "yes"})"
                                         << "cost.loadBalancer"
                                         << "must be true or false";
        QTest::newRow("json fractional count")
            << R"({"platform": "ec2:t3.small", "cacheNodes": 1.5})"
            << "cost.cacheNodes"
            << "whole number";
        QTest::newRow("json missing platform") << R"({"gateway": "http"})"
                                               << "cost.platform"
                                               << "is required but missing";
        QTest::newRow("json not an object") << R"("lambda-x86")"
                                            << "cost"
                                            << "must be an object";
    }
    void testConfigProblemsNameTheField() {
        QFETCH(QString, configJson);
        QFETCH(QString, expectedPath);
        QFETCH(QString, expectedMessage);
        ValidationReport report;
        const auto config =
            costConfigFromJson(nlohmann::json::parse(configJson.toStdString()), report);
        if (config) validateCostConfig(*config, testTable(), report);
        QVERIFY2(report.issues().size() == 1, report.toString().c_str());
        const ValidationIssue& issue = report.issues().front();
        QCOMPARE(QString::fromStdString(issue.path), expectedPath);
        QVERIFY2(QString::fromStdString(issue.message).contains(expectedMessage),
                 issue.message.c_str());
    }

    void testUnknownInstanceTypeListsTheKnownOnes() {
        ValidationReport report;
        validateCostConfig(computeOnly("ec2:m9.huge"), testTable(), report);
        QVERIFY(report.toString().find("c7g.large, t3.small") != std::string::npos);
    }

    void testMissingSectionIsNamed() {
        PricingTable table = testTable();
        table.workers.reset();
        ValidationReport report;
        validateCostConfig(computeOnly("workers"), table, report);
        QCOMPARE(report.issues().size(), std::size_t{1});
        QCOMPARE(report.issues().front().path, std::string("cost.platform"));
        QVERIFY(report.issues().front().message.find("'workers' section") != std::string::npos);
    }

    void testConfigJsonRoundTrip() {
        CostConfig config;
        config.platform = "fargate-arm";
        config.fargateVcpu = 2.0;
        config.fargateMemoryGb = 8.0;
        config.gateway = "http";
        config.remoteCache = "elasticache:cache.r7g.large";
        config.cacheNodes = 3;
        config.loadBalancer = true;
        config.requestsPerConnection = 20.0;
        config.standaloneAccount = true;
        config.objectStorage = "s3";
        ValidationReport report;
        const auto again = costConfigFromJson(toJson(config), report);
        QVERIFY2(again.has_value(), report.toString().c_str());
        QVERIFY(*again == config);
        config.objectStorage = "none";  // (the test table prices no object storage)
        validateCostConfig(config, testTable(), report);
        QVERIFY2(report.ok(), report.toString().c_str());
    }

    void testBadUsageIsRejected() {
        UsageTotals usage = hourOfLambdaTraffic(100.0);
        usage.replicaSeconds = -1.0;
        usage.simulatedSeconds = 0.0;
        ValidationReport report;
        validateUsage(usage, report);
        QCOMPARE(report.issues().size(), std::size_t{2});
        QCOMPARE(report.issues()[0].path, std::string("usage.simulatedSeconds"));
        QCOMPARE(report.issues()[1].path, std::string("usage.replicaSeconds"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 computeCost(usage, computeOnly("lambda-x86"), testTable()));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            computeCost(hourOfLambdaTraffic(100.0), computeOnly("ec2:m9.huge"), testTable()));
    }

    void testChoicesComeFromTheTable() {
        const PricingTable table = testTable();
        QCOMPARE(platformChoices(table),
                 (std::vector<std::string>{"ec2:c7g.large", "ec2:t3.small", "fargate-arm",
                                           "fargate-x86", "lambda-arm", "lambda-x86", "workers"}));
        QCOMPARE(gatewayChoices(table), (std::vector<std::string>{"none", "http", "rest"}));
        QCOMPARE(remoteCacheChoices(table),
                 (std::vector<std::string>{"none", "workers-kv", "elasticache:cache.r7g.large",
                                           "elasticache:cache.t4g.small"}));
        QCOMPARE(databaseChoices(table), (std::vector<std::string>{"none", "rds:db.t4g.medium"}));
    }

    void testCrossover_data() {
        QTest::addColumn<QList<QPointF>>("first");
        QTest::addColumn<QList<QPointF>>("second");
        QTest::addColumn<bool>("crosses");
        QTest::addColumn<double>("expectedRate");
        QTest::addColumn<double>("expectedCost");
        QTest::addColumn<bool>("firstCheaperBelow");
        // first = 2r, second = 50 + r: difference r - 50 is -50, -10, +30 at 0, 40, 80;
        // interpolating between 40 and 80: 40 + 40 x 10 / 40 = 50, where both cost 100.
        QTest::newRow("cross between levels")
            << QList<QPointF>{{0, 0}, {40, 80}, {80, 160}}
            << QList<QPointF>{{0, 50}, {40, 90}, {80, 130}} << true << 50.0 << 100.0 << true;
        QTest::newRow("same, unsorted")
            << QList<QPointF>{{80, 160}, {0, 0}, {40, 80}}
            << QList<QPointF>{{40, 90}, {80, 130}, {0, 50}} << true << 50.0 << 100.0 << true;
        // A flat server bill of 100 against a serverless bill through (0,0), (30,60), (90,120):
        // evaluated at 0, 30, 90 the difference is 100, 40, -20, so the crossing is at
        // 30 + 60 x 40 / 60 = 70 (the serverless curve is 60 + (r - 30) = 100 there).
        QTest::newRow("different grids")
            << QList<QPointF>{{0, 100}, {100, 100}} << QList<QPointF>{{0, 0}, {30, 60}, {90, 120}}
            << true << 70.0 << 100.0 << false;
        QTest::newRow("equal at a level, then crossing")
            << QList<QPointF>{{0, 0}, {50, 50}, {100, 100}}
            << QList<QPointF>{{0, 50}, {50, 50}, {100, 50}} << true << 50.0 << 50.0 << true;
        QTest::newRow("first of two crossings")
            << QList<QPointF>{{0, 0}, {10, 20}, {20, 0}, {30, 20}}
            << QList<QPointF>{{0, 10}, {30, 10}} << true << 5.0 << 10.0 << true;
        QTest::newRow("parallel lines")
            << QList<QPointF>{{0, 10}, {100, 110}} << QList<QPointF>{{0, 20}, {100, 120}} << false
            << 0.0 << 0.0 << false;
        QTest::newRow("touch without crossing")
            << QList<QPointF>{{0, 10}, {50, 0}, {100, 10}} << QList<QPointF>{{0, 0}, {100, 0}}
            << false << 0.0 << 0.0 << false;
        QTest::newRow("identical")
            << QList<QPointF>{{0, 1}, {10, 2}} << QList<QPointF>{{0, 1}, {10, 2}} << false << 0.0
            << 0.0 << false;
        QTest::newRow("ranges do not overlap")
            << QList<QPointF>{{0, 0}, {10, 10}} << QList<QPointF>{{20, 0}, {30, 100}} << false
            << 0.0 << 0.0 << false;
        QTest::newRow("empty") << QList<QPointF>{} << QList<QPointF>{{0, 1}, {1, 2}} << false << 0.0
                               << 0.0 << false;
    }
    void testCrossover() {
        QFETCH(QList<QPointF>, first);
        QFETCH(QList<QPointF>, second);
        QFETCH(bool, crosses);
        QFETCH(double, expectedRate);
        QFETCH(double, expectedCost);
        QFETCH(bool, firstCheaperBelow);
        const auto crossover = findCrossover(toPoints(first), toPoints(second));
        QCOMPARE(crossover.has_value(), crosses);
        if (!crossover) return;
        COMPARE_NEAR(crossover->ratePerS, expectedRate);
        COMPARE_NEAR(crossover->monthlyCost, expectedCost);
        QCOMPARE(crossover->firstCheaperBelow, firstCheaperBelow);
    }

    void testCrossoverOfComputedCosts() {
        // End to end: Lambda (x86, 128 MB, 100 ms) against one always-on c7g.large. The server
        // costs 0.0725 x 720 = 52.2 a month; Lambda costs 1058.40108 / 1000 = 1.05840108 a month
        // per request/s (testMonthlyScaling), so they cross at 52.2 / 1.05840108 = 49.32 req/s.
        const PricingTable table = testTable();
        std::vector<CostPoint> lambda, server;
        for (double rate : {1.0, 10.0, 100.0, 1000.0}) {
            UsageTotals usage;
            usage.simulatedSeconds = 3600.0;
            usage.requests = static_cast<std::uint64_t>(rate * 3600.0);
            usage.functionInvocations = usage.requests;
            usage.functionBilledSeconds = static_cast<double>(usage.requests) * 0.1;
            lambda.push_back(
                {rate, computeCost(usage, computeOnly("lambda-x86"), table).monthlyCost});
            UsageTotals serverUsage;
            serverUsage.simulatedSeconds = 3600.0;
            serverUsage.requests = usage.requests;
            serverUsage.replicaSeconds = 3600.0;
            server.push_back(
                {rate, computeCost(serverUsage, computeOnly("ec2:c7g.large"), table).monthlyCost});
        }
        const auto crossover = findCrossover(lambda, server);
        QVERIFY(crossover.has_value());
        COMPARE_NEAR(crossover->ratePerS, 52.2 / 1.05840108);
        QVERIFY(crossover->firstCheaperBelow);
    }
};

QTEST_GUILESS_MAIN(TestCostModel)
#include "tst_costmodel.moc"
