// SPDX-License-Identifier: GPL-3.0-or-later
#include <sys/stat.h>

#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/cost/pricing.h"
#include "testpricingtable.h"

using namespace archsim;

namespace {

PricingTable testTable() {
    ValidationReport report;
    auto table = parsePricing(testing::kTestPricingJson, report);
    if (!table) qFatal("test pricing table does not load:\n%s", report.toString().c_str());
    return *table;
}

/// The test table with one change: `pointer` set to the JSON `value`, or removed for "<remove>".
nlohmann::json mutatedTable(const QString& pointer, const QString& value) {
    nlohmann::json json = nlohmann::json::parse(testing::kTestPricingJson);
    const nlohmann::json::json_pointer where(pointer.toStdString());
    if (value == "<remove>") {
        json[where.parent_pointer()].erase(where.back());
    } else {
        json[where] = nlohmann::json::parse(value.toStdString());
    }
    return json;
}

void writeFile(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

}  // namespace

class TestPricing : public QObject {
    Q_OBJECT
private slots:
    void testTestTableLoads() {
        ValidationReport report;
        const auto table = parsePricing(testing::kTestPricingJson, report);
        QVERIFY2(table.has_value(), report.toString().c_str());
        QCOMPARE(table->currency, std::string("USD"));
        QCOMPARE(table->lambda->architectures.at("x86").perGbSecond, 0.0000166667);
        QCOMPARE(table->ec2->types.at("c7g.large").hourly, 0.0725);
        QCOMPARE(table->ec2->types.at("c7g.large").vcpu, 2.0);
    }

    void testShippedTablesLoad() {
        // Every file shipped in resources/pricing must load cleanly: a broken edit to a price file
        // fails here, not in front of a user.
        const std::filesystem::path dir = std::filesystem::path(ARCHSIM_RESOURCES_DIR) / "pricing";
        QVERIFY2(std::filesystem::is_directory(dir), dir.string().c_str());
        int files = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            if (entry.path().extension() != ".json") continue;
            ++files;
            const PricingLoadResult result = loadPricingFile(entry.path());
            const std::string context = entry.path().string() + ":\n" + result.report.toString();
            QVERIFY2(result.report.ok(), context.c_str());
            QVERIFY2(result.table.has_value(), context.c_str());
            QVERIFY(!result.table->source.empty());
            QCOMPARE(result.table->currency, std::string("USD"));
        }
        QVERIFY(files >= 1);
    }

    void testDefaultTableCoversTheBrief() {
        const PricingLoadResult result = loadPricingFile(defaultPricingFile(ARCHSIM_RESOURCES_DIR));
        QVERIFY2(result.table.has_value(), result.report.toString().c_str());
        const PricingTable& table = *result.table;
        QVERIFY(table.lambda && table.lambda->architectures.count("x86") &&
                table.lambda->architectures.count("arm"));
        QVERIFY(table.apiGateway && table.apiGateway->apis.count("http") &&
                table.apiGateway->apis.count("rest"));
        QVERIFY(table.workers && table.workers->perMillionCpuMs > 0.0);
        QVERIFY(table.workersKv && table.workersKv->perMillionReads > 0.0);
        QVERIFY(table.ec2);
        for (const char* type :
             {"t3.small", "t3.medium", "c6g.large", "c7g.large", "m6i.large", "c6i.xlarge"}) {
            QVERIFY2(table.ec2->types.count(type), type);
        }
        QVERIFY(table.fargate && table.fargate->architectures.count("x86") &&
                table.fargate->architectures.count("arm"));
        QVERIFY(table.loadBalancer && table.loadBalancer->perLcuHour > 0.0);
        QVERIFY(table.elastiCache && table.elastiCache->types.count("cache.t4g.small") &&
                table.elastiCache->types.count("cache.r7g.large"));
        QVERIFY(table.dataTransfer && table.dataTransfer->providers.count("aws"));
        // S3 Standard, us-east-1, as listed on its pricing page (first tiers).
        QVERIFY(table.s3);
        QCOMPARE(table.s3->perThousandPuts, 0.005);
        QCOMPARE(table.s3->perThousandGets, 0.0004);
        QCOMPARE(table.s3->perGbMonth, 0.023);
        QCOMPARE(table.s3->transferOutPerGb, 0.09);
        QVERIFY(!table.s3->source.source.empty() && !table.s3->source.date.empty());
        // Every section says where its prices come from and when.
        QVERIFY(!table.lambda->source.source.empty() && !table.lambda->source.date.empty());
        QVERIFY(!table.workers->source.source.empty() && !table.workers->source.date.empty());
    }

    void testRoundTripIsExact() {
        const PricingTable table = testTable();
        ValidationReport report;
        const auto again = parsePricing(toJsonText(table), report);
        QVERIFY2(again.has_value(), report.toString().c_str());
        QVERIFY(*again == table);
        // Whole numbers are written as integers, so a saved file stays readable.
        QVERIFY(toJson(table)["ec2"]["instanceTypes"]["c7g.large"]["vcpu"].is_number_integer());
    }

    void testSaveAndLoadFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path = dir.filePath("saved.json").toStdString();
        const PricingTable table = testTable();
        std::string error;
        QVERIFY2(savePricingFile(table, path, error), error.c_str());
        const PricingLoadResult result = loadPricingFile(path);
        QVERIFY2(result.table.has_value(), result.report.toString().c_str());
        QVERIFY(*result.table == table);
    }

    void testSaveToUnwritablePathNamesTheFile() {
        std::string error;
        const std::filesystem::path path = "/nonexistent-archsim-dir/prices.json";
        QVERIFY(!savePricingFile(testTable(), path, error));
        QVERIFY2(error.find(path.string()) != std::string::npos, error.c_str());
    }

    void testBadValueIsReportedAtItsPath_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expectedPath");
        QTest::addColumn<QString>("expectedMessage");
        QTest::newRow("wrong type") << "/lambda/architectures/x86/perGbSecond"
                                    << "\"cheap\""
                                    << "lambda.architectures.x86.perGbSecond"
                                    << "must be a number, got string \"cheap\"";
        QTest::newRow("boolean for a number") << "/workersKv/perMillionReads"
                                              << "true"
                                              << "workersKv.perMillionReads"
                                              << "must be a number, got boolean true";
        QTest::newRow("null price") << "/apiGateway/apis/http/perMillionRequests"
                                    << "null"
                                    << "apiGateway.apis.http.perMillionRequests"
                                    << "must be a number, got null";
        QTest::newRow("negative price") << "/ec2/instanceTypes/t3.small/hourly"
                                        << "-0.02"
                                        << "ec2.instanceTypes[\"t3.small\"].hourly"
                                        << "must be >= 0, got -0.02";
        QTest::newRow("negative LCU price") << "/loadBalancer/perLcuHour"
                                            << "-1"
                                            << "loadBalancer.perLcuHour"
                                            << "must be >= 0, got -1";
        QTest::newRow("negative egress") << "/dataTransfer/providers/aws/perGb"
                                         << "-0.09"
                                         << "dataTransfer.providers.aws.perGb"
                                         << "must be >= 0, got -0.09";
        QTest::newRow("zero vcpu") << "/ec2/instanceTypes/c7g.large/vcpu"
                                   << "0"
                                   << "ec2.instanceTypes[\"c7g.large\"].vcpu"
                                   << "must be > 0, got 0";
        QTest::newRow("unknown field") << "/workers/perMillionCpuMillis"
                                       << "0.02"
                                       << "workers.perMillionCpuMillis"
                                       << "unknown field";
        QTest::newRow("unknown field in a named entry")
            << "/elastiCache/nodeTypes/cache.t4g.small/memoryGB"
            << "1.37"
            << "elastiCache.nodeTypes[\"cache.t4g.small\"].memoryGB"
            << "unknown field";
        QTest::newRow("unknown section") << "/lamda"
                                         << "{}"
                                         << "lamda"
                                         << "unknown field";
        QTest::newRow("missing field") << "/workers/perMillionCpuMs"
                                       << "<remove>"
                                       << "workers.perMillionCpuMs"
                                       << "is required but missing";
        QTest::newRow("missing date") << "/fargate/date"
                                      << "<remove>"
                                      << "fargate.date"
                                      << "is required but missing";
        QTest::newRow("impossible date") << "/date"
                                         << "\"2025-02-30\""
                                         << "date"
                                         << "YYYY-MM-DD";
        QTest::newRow("bad currency") << "/currency"
                                      << "\"usd\""
                                      << "currency"
                                      << "three-letter currency code";
        QTest::newRow("empty source") << "/lambda/source"
                                      << "\"\""
                                      << "lambda.source"
                                      << "must not be empty";
        QTest::newRow("section not an object") << "/fargate"
                                               << "[]"
                                               << "fargate"
                                               << "must be an object, got an array";
        QTest::newRow("catalogue not an object") << "/lambda/architectures"
                                                 << "[1]"
                                                 << "lambda.architectures"
                                                 << "must be an object mapping each architecture";
        QTest::newRow("empty catalogue") << "/rds/instanceTypes"
                                         << "{}"
                                         << "rds.instanceTypes"
                                         << "at least one instance type";
        QTest::newRow("entry not an object") << "/apiGateway/apis/rest"
                                             << "3.5"
                                             << "apiGateway.apis.rest"
                                             << "must be an object, got number 3.5";
        QTest::newRow("future schema") << "/schemaVersion"
                                       << "2"
                                       << "schemaVersion"
                                       << "unsupported version 2";
        QTest::newRow("fractional schema") << "/schemaVersion"
                                           << "1.5"
                                           << "schemaVersion"
                                           << "must be a whole number";
    }
    void testBadValueIsReportedAtItsPath() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, expectedPath);
        QFETCH(QString, expectedMessage);
        ValidationReport report;
        const auto table = pricingFromJson(mutatedTable(pointer, value), report);
        QVERIFY(!table.has_value());
        // Exactly one issue: one mistake must not cascade into unrelated complaints.
        QVERIFY2(report.issues().size() == 1, report.toString().c_str());
        const ValidationIssue& issue = report.issues().front();
        QCOMPARE(QString::fromStdString(issue.path), expectedPath);
        QVERIFY2(QString::fromStdString(issue.message).contains(expectedMessage),
                 issue.message.c_str());
    }

    void testEveryProblemIsReportedInOnePass() {
        nlohmann::json json = mutatedTable("/workers/monthlyFee", "-5");
        json["ec2"]["instanceTypes"]["t3.small"]["hourly"] = "0.02";
        json["fargate"]["architectures"]["arm"]["perGbHourr"] = 0.0035;
        ValidationReport report;
        QVERIFY(!pricingFromJson(json, report).has_value());
        QCOMPARE(report.issues().size(), std::size_t{3});
        std::vector<std::string> paths;
        for (const auto& issue : report.issues()) paths.push_back(issue.path);
        std::sort(paths.begin(), paths.end());
        QCOMPARE(paths, (std::vector<std::string>{"ec2.instanceTypes[\"t3.small\"].hourly",
                                                  "fargate.architectures.arm.perGbHourr",
                                                  "workers.monthlyFee"}));
    }

    void testUnknownFieldListsTheKnownOnes() {
        // A near miss names the field it was probably meant to be...
        ValidationReport report;
        pricingFromJson(mutatedTable("/workers/perMillionCpuMillis", "0.02"), report);
        QVERIFY2(report.toString().find("(did you mean 'perMillionCpuMs'?)") != std::string::npos,
                 report.toString().c_str());
        // ...any other unknown field lists the fields the object may hold.
        ValidationReport farReport;
        pricingFromJson(mutatedTable("/workers/colour", "1"), farReport);
        QVERIFY2(farReport.toString().find("known fields here: source, date, region, note, "
                                           "monthlyFee, perMillionRequests, perMillionCpuMs") !=
                     std::string::npos,
                 farReport.toString().c_str());
    }

    void testKeyGivenTwiceIsReported() {
        // A JSON parser keeps one of the two values without a word; the user meant one of them.
        std::string text = testing::kTestPricingJson;
        const std::string hourly = "\"hourly\": ";
        const auto at = text.find(hourly);
        QVERIFY(at != std::string::npos);
        text.insert(at, hourly + "1.5, ");
        ValidationReport report;
        QVERIFY(!parsePricing(text, report).has_value());
        QCOMPARE(report.issues().size(), std::size_t{1});
        QVERIFY2(report.issues().front().message.find("more than once") != std::string::npos,
                 report.toString().c_str());
        QCOMPARE(report.issues().front().path,
                 std::string("ec2.instanceTypes[\"c7g.large\"].hourly"));
    }

    void testMalformedText_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expectedMessage");
        QTest::newRow("trailing comma") << "{\"schemaVersion\": 1,}"
                                        << "not valid JSON at line 1, column 21";
        QTest::newRow("line reported") << "{\n  \"schemaVersion\": 1\n  \"date\": 2\n}"
                                       << "line 3";
        QTest::newRow("empty") << ""
                               << "not valid JSON";
        QTest::newRow("array at top") << "[1, 2]"
                                      << "must be a JSON object, got an array";
        QTest::newRow("no sections")
            << R"({"schemaVersion": 1, "source": "s", "date": "2025-01-01", "currency": "USD"})"
            << "prices nothing";
    }
    void testMalformedText() {
        QFETCH(QString, text);
        QFETCH(QString, expectedMessage);
        ValidationReport report;
        QVERIFY(!parsePricing(text.toStdString(), report).has_value());
        QCOMPARE(report.issues().size(), std::size_t{1});
        QCOMPARE(report.issues().front().path, std::string());
        QVERIFY2(report.toString().find(expectedMessage.toStdString()) != std::string::npos,
                 report.toString().c_str());
    }

    void testMissingFileNamesTheFile() {
        const std::filesystem::path path = "/nonexistent-archsim-dir/prices.json";
        const PricingLoadResult result = loadPricingFile(path);
        QVERIFY(!result.table.has_value());
        QCOMPARE(result.report.issues().size(), std::size_t{1});
        const std::string message = result.report.issues().front().message;
        QVERIFY2(message.find(path.string()) != std::string::npos, message.c_str());
        QVERIFY2(message.find("no such file") != std::string::npos, message.c_str());
    }

    void testMalformedFileNamesTheFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path = dir.filePath("broken.json").toStdString();
        writeFile(path, "{\n    \"schemaVersion\": 1,\n    \"source\": oops\n}\n");
        const PricingLoadResult result = loadPricingFile(path);
        QVERIFY(!result.table.has_value());
        QCOMPARE(result.report.issues().size(), std::size_t{1});
        const std::string message = result.report.issues().front().message;
        QVERIFY2(message.find(path.string()) != std::string::npos, message.c_str());
        QVERIFY2(message.find("not valid JSON") != std::string::npos, message.c_str());
        QVERIFY2(message.find("line 3") != std::string::npos, message.c_str());
    }

    void testOnlyARegularFileIsRead() {
        // Read before the fix, /dev/zero filled the memory and a FIFO hung the program for good.
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("fifo").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        for (const std::string& path : {std::string("/dev/zero"), fifo}) {
            const PricingLoadResult result = loadPricingFile(path);
            QVERIFY(!result.table.has_value());
            QCOMPARE(result.report.toString(),
                     std::string(1, '\'') + path +
                         "' is not a regular file (a device, pipe or socket cannot be a pricing "
                         "file)\n");
        }
    }

    void testFileSizeIsCapped() {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath("huge.json").toStdString();
        writeFile(path, "");
        std::filesystem::resize_file(path, 17 * 1024 * 1024);  // sparse: costs no disk
        const PricingLoadResult result = loadPricingFile(path);
        QVERIFY(!result.table.has_value());
        QCOMPARE(result.report.toString(),
                 "pricing file '" + path.string() +
                     "' is larger than the limit of 16 MiB (it is 17 MiB)\n");
    }

    void testAnotherFileIsNotQuotedAtLength() {
        // A pricing file pointed at some other file (here a token file) must not copy its text
        // into the message, which ends up in CI logs.
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath("token.json").toStdString();
        const std::string secret = "ghp_" + std::string(36, 'Q') + "SECRETEND";
        writeFile(path, "{\"token\": \"" + secret + "\n\"}\n");
        const PricingLoadResult result = loadPricingFile(path);
        QVERIFY(!result.table.has_value());
        const std::string message = result.report.toString();
        QVERIFY2(message.find("not valid JSON") != std::string::npos, message.c_str());
        QVERIFY2(message.find("ghp_QQQ") != std::string::npos, message.c_str());
        QVERIFY2(message.find("SECRETEND") == std::string::npos, message.c_str());
    }

    void testDirectoryIsNotAFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const PricingLoadResult result = loadPricingFile(dir.path().toStdString());
        QVERIFY(!result.table.has_value());
        QVERIFY(result.report.toString().find("is a directory") != std::string::npos);
    }

    void testInvalidFileKeepsPathsOfItsIssues() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path = dir.filePath("negative.json").toStdString();
        writeFile(path, mutatedTable("/lambda/architectures/arm/perGbSecond", "-1").dump(4));
        const PricingLoadResult result = loadPricingFile(path);
        QVERIFY(!result.table.has_value());
        QCOMPARE(result.report.issues().size(), std::size_t{1});
        QCOMPARE(result.report.issues().front().path,
                 std::string("lambda.architectures.arm.perGbSecond"));
    }
};

QTEST_GUILESS_MAIN(TestPricing)
#include "tst_pricing.moc"
