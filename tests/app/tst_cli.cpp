// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli end to end: the real executable, its exit statuses, its messages and its outputs.
#include <QRegularExpression>
#include <QtTest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <sys/stat.h>

#include "app/clitestsupport.h"

using namespace archsim::testing;

namespace {

/// The lines of standard error that report a problem (not the pointer to --help).
QStringList problemLines(const QString& err) {
    QStringList lines = err.split('\n', Qt::SkipEmptyParts);
    lines.removeIf([](const QString& line) { return line.contains("--help'"); });
    return lines;
}

QJsonObject parseJson(const QString& text) {
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) qWarning("%s", qPrintable(text.left(500)));
    return doc.object();
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void testRunPrintsSummary() {
        const CliResult r = runCli({"run", preset("mmc-queue.json")});
        QCOMPARE(r.exitCode, 0);
        for (const char* label : {"latency p50", "latency p99.9", "completed", "events/s", "wall"})
            QVERIFY2(r.out.contains(label), qPrintable(r.out));
    }

    void testRunJsonIsOneObjectWithEveryFigure() {
        const CliResult r = runCli({"run", preset("auth-api-workers.json"), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parseJson(r.out);
        const QJsonObject latency = j["latencyMs"].toObject();
        for (const char* key : {"mean", "p50", "p90", "p95", "p99", "p999"})
            QVERIFY2(latency.contains(key), key);
        QVERIFY(latency["p99"].toDouble() > latency["p50"].toDouble());
        QVERIFY(j["completed"].toDouble() > 0);
        QVERIFY(j["eventsPerSecond"].toDouble() > 0);
        QVERIFY(j["cost"].toObject()["monthly"].toDouble() > 0);
        QVERIFY(j["breakdownMs"].toObject()["cache"].toDouble() > 10);  // the Cache API: ~14 ms
        // The tail's breakdown beside the median request's: on Workers the slowest requests
        // are cache misses that crossed to the database's region, which the median request
        // never does.
        const QJsonObject tail = j["tail"].toObject();
        const QJsonObject median = tail["median"].toObject();
        const QJsonObject p99 = tail["p99"].toObject();
        QVERIFY(tail["p999"].toObject()["requests"].toDouble() >= 1);
        QVERIFY(p99["latencyMs"].toDouble() > median["latencyMs"].toDouble());
        QVERIFY(median["breakdownMs"].toObject()["network"].toDouble() < 1);
        QVERIFY(p99["breakdownMs"].toObject()["network"].toDouble() >
                p99["latencyMs"].toDouble() / 2);
    }

    void testRunPrintsTheTailBesideTheMedian() {
        const CliResult r = runCli({"run", preset("auth-api-workers.json")});
        QCOMPARE(r.exitCode, 0);
        for (const char* label : {"median request (ms)", "p99 and slower (ms)", "p99.9 and slower"})
            QVERIFY2(r.out.contains(label), qPrintable(r.out));
        const QString p99 = r.out.section(QStringLiteral("p99 and slower (ms)"), 1).section('\n', 0, 0);
        // The Workers tail is the round trip of far regions' cache misses to the database.
        QVERIFY2(p99.contains(QStringLiteral("network")), qPrintable(p99));
    }

    void testEveryLabelStandsApartFromItsValue() {
        // The table's first column once cut "highest component utilisation" to 27 characters
        // and ran it into its value ("utilisati0.0133"). Each line is a label, at least one
        // space, and the value, with the values in one column.
        const CliResult r = runCli({"run", preset("auth-api-workers.json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("highest component utilisation ")), qPrintable(r.out));
        qsizetype valueColumn = -1;
        // The table runs from the scenario's line to the wall time; notes follow it.
        const QString table = r.out.section(QStringLiteral("\nwall "), 0, 0);
        QVERIFY(table.size() < r.out.size());
        for (const QString& line : table.split('\n', Qt::SkipEmptyParts)) {
            const qsizetype gap = line.indexOf(QStringLiteral("  "));
            QVERIFY2(gap > 0, qPrintable(line));
            qsizetype value = gap;
            while (value < line.size() && line[value] == ' ') ++value;
            if (valueColumn < 0) valueColumn = value;
            QVERIFY2(value == valueColumn, qPrintable(line));
        }
    }

    void testSeedDecidesTheResult() {
        const auto fingerprint = [](const char* seed) {
            return parseJson(runCli({"run", preset("mmc-queue.json"), "--json", "--seed", seed}).out)["fingerprint"].toDouble();
        };
        QCOMPARE(fingerprint("7"), fingerprint("7"));
        QVERIFY(fingerprint("7") != fingerprint("8"));
    }

    void testBadFilesExitTwoNamingFileAndField_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("malformed JSON") << QByteArray("{\"formatVersion\": 1,\n  \"name\": }") << "line 2";
        QTest::newRow("number beyond double") << QByteArray("{\"formatVersion\": 1e999}") << "number overflow";
        QTest::newRow("negative rate")
            << QByteArray(R"({"formatVersion":1,"workload":{"type":"poisson","ratePerS":-5},
                "topology":{"entry":"s","stations":[{"id":"s","servers":1,"serviceMs":1}]}})")
            << "workload.ratePerS";
        QTest::newRow("unknown field")
            << QByteArray(R"({"formatVersion":1,"workload":{"type":"poisson","ratePerS":5},"colour":1,
                "topology":{"entry":"s","stations":[{"id":"s","servers":1,"serviceMs":1}]}})")
            << "colour";
        QTest::newRow("absurd rate")
            << QByteArray(R"({"formatVersion":1,"workload":{"type":"poisson","ratePerS":1e15},
                "topology":{"entry":"s","stations":[{"id":"s","servers":1,"serviceMs":1}]}})")
            << "workload.ratePerS";
    }
    void testBadFilesExitTwoNamingFileAndField() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir, "bad.json", content);
        const CliResult r = runCli({"run", path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(path) && r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(!r.err.contains("terminate"), "must fail cleanly, not crash");
        const CliResult v = runCli({"validate", path});
        QCOMPARE(v.exitCode, 2);
    }

    void testMissingFileExitsTwo() {
        const CliResult r = runCli({"run", "/nonexistent/scenario.json"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("/nonexistent/scenario.json") && r.err.contains("no such file"), qPrintable(r.err));
    }

    void testUsageErrorsExitTwo() {
        QCOMPARE(runCli({}).exitCode, 2);
        QCOMPARE(runCli({"frobnicate"}).exitCode, 2);
        QCOMPARE(runCli({"run", preset("mmc-queue.json"), "--seed", "abc"}).exitCode, 2);
        QCOMPARE(runCli({"run", preset("mmc-queue.json"), "--bogus"}).exitCode, 2);
        QCOMPARE(runCli({"compare", preset("mmc-queue.json")}).exitCode, 2);
    }

    void testValidateAcceptsEveryPreset() {
        const QStringList presets =
            QDir(QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets")).entryList({"*.json"}, QDir::Files);
        for (const QString& name : presets) {
            const CliResult r = runCli({"validate", preset("") + name});
            QVERIFY2(r.exitCode == 0 && r.out.contains("valid"), qPrintable(name + ": " + r.err));
        }
    }

    void testCsvWritesSeriesAndSummary() {
        QTemporaryDir dir;
        const CliResult r = runCli({"run", preset("auth-api-servers.json"), "--csv", dir.path()});
        QCOMPARE(r.exitCode, 0);
        QFile windows(dir.filePath("windows.csv"));
        QVERIFY(windows.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(windows.readAll()).split('\n', Qt::SkipEmptyParts);
        QVERIFY(lines.first().startsWith("start_s,end_s,arrivals,completed"));
        QCOMPARE(lines.size(), 1 + 120);  // 600 s in 5 s windows
        QFile summary(dir.filePath("summary.csv"));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        QVERIFY(summary.readAll().contains("p99Ms,"));
    }

    void testCsvHasJobColumnsOnlyWithQueues() {
        QTemporaryDir dir;
        const CliResult r = runCli({"run", preset("async-orders-queue.json"), "--csv", dir.path(),
                                    "--set", "run.durationS=1000"});
        QCOMPARE(r.exitCode, 0);
        QFile windows(dir.filePath("windows.csv"));
        QVERIFY(windows.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(windows.readAll()).split('\n', Qt::SkipEmptyParts);
        const QStringList header = lines.first().split(',');
        const QStringList jobColumns{"jobs_completed", "job_mean_ms",          "job_p50_ms",
                                     "job_p99_ms",     "job_max_ms",           "queue_depth",
                                     "oldest_message_age_s", "jobs_dead_lettered"};
        QCOMPARE(header.mid(header.size() - jobColumns.size()), jobColumns);
        const int completed = static_cast<int>(header.indexOf("jobs_completed"));
        const int p50 = static_cast<int>(header.indexOf("job_p50_ms"));
        const int p99 = static_cast<int>(header.indexOf("job_p99_ms"));
        double jobs = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QStringList cells = lines[i].split(',');
            QCOMPARE(cells.size(), header.size());
            jobs += cells[completed].toDouble();
            if (cells[completed].toDouble() > 0)
                QVERIFY2(cells[p50].toDouble() > 0 && cells[p99].toDouble() >= cells[p50].toDouble(),
                         qPrintable(lines[i]));
        }
        QVERIFY2(jobs > 1000, qPrintable(QString::number(jobs)));  // about 30 jobs/s for 1000 s

        QTemporaryDir plain;
        QCOMPARE(runCli({"run", preset("mmc-queue.json"), "--csv", plain.path()}).exitCode, 0);
        QFile noJobs(plain.filePath("windows.csv"));
        QVERIFY(noJobs.open(QIODevice::ReadOnly));
        QVERIFY(!noJobs.readLine().contains("job"));
    }

    void testCsvOnAFullDiskFails_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("windows") << "windows.csv";
        QTest::newRow("summary") << "summary.csv";
    }
    void testCsvOnAFullDiskFails() {
        // /dev/full fails every write as a full disk does. The CSV files came out truncated or
        // empty, and the run still exited with 0.
        QFETCH(QString, file);
        QTemporaryDir dir;
        QVERIFY(QFile::link("/dev/full", dir.filePath(file)));
        const CliResult r = runCli({"run", preset("mmc-queue.json"), "--csv", dir.path()});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.err, "archsim-cli: cannot write '" + dir.filePath(file) +
                            "': No space left on device\n");
    }

    void testCsvDirectoryIsCheckedBeforeTheRun() {
        QTemporaryDir dir;
        const QString notADirectory = writeFile(dir, "results", "x");
        for (const QString& target : {notADirectory, notADirectory + "/sub"}) {
            const CliResult r = runCli({"run", preset("mmc-queue.json"), "--csv", target});
            QCOMPARE(r.exitCode, 3);
            QVERIFY2(r.out.isEmpty(), "nothing must run when its output cannot be written");
            QVERIFY2(r.err.contains("'" + target + "'") && r.err.contains("not a directory", Qt::CaseInsensitive),
                     qPrintable(r.err));
        }
        // A directory that does not exist yet is created.
        const QString fresh = dir.filePath("new/results");
        QCOMPARE(runCli({"run", preset("mmc-queue.json"), "--csv", fresh}).exitCode, 0);
        QVERIFY(QFile::exists(fresh + "/summary.csv"));
    }

    void testFullStandardOutputFails() {
        for (const QStringList& arguments :
             {QStringList{"run", preset("mmc-queue.json")}, QStringList{"validate", preset("mmc-queue.json")},
              QStringList{"--help"}}) {
            const CliResult r = runCli(arguments, {}, {}, "/dev/full");
            QCOMPARE(r.exitCode, 3);
            QCOMPARE(r.err, QString("archsim-cli: cannot write standard output: No space left on device\n"));
        }
    }

    void testSpecialFilesAreRefused() {
        // Read before the fix, /dev/zero filled the memory and a FIFO hung the run for good.
        QTemporaryDir dir;
        const QString fifo = dir.filePath("fifo");
        QCOMPARE(::mkfifo(qPrintable(fifo), 0600), 0);
        for (const QString& path : {QString("/dev/zero"), fifo}) {
            const CliResult r = runCli({"validate", path});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("'" + path + "' is not a regular file"), qPrintable(r.err));
        }
    }

    void testReplicationsGiveConfidenceIntervals() {
        const CliResult r = runCli({"run", preset("mmc-queue.json"), "--replications", "4", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject p99 = parseJson(r.out)["figures"].toObject()["p99Ms"].toObject();
        QVERIFY(p99["halfWidth"].toDouble() > 0);
        QVERIFY(p99["low"].toDouble() < p99["mean"].toDouble());
    }

    void testCompareUsesCommonRandomNumbers() {
        const CliResult r = runCli({"compare", preset("auth-api-workers.json"),
                                    preset("auth-api-servers.json"), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parseJson(r.out);
        const QJsonObject a = j["first"].toObject(), b = j["second"].toObject();
        QVERIFY(a["latencyMs"].toObject()["p99"].toDouble() > 5 * b["latencyMs"].toObject()["p99"].toDouble());
        const CliResult table = runCli({"compare", preset("auth-api-workers.json"), preset("auth-api-servers.json")});
        QVERIFY2(table.out.contains("difference") && table.out.contains("latency p99"), qPrintable(table.out));
    }

    void testTrafficSweepFindsTheCostCrossover() {
        // Workers bill per request, the servers per hour: cheap at low traffic, dear at high.
        const CliResult r = runCli({"compare", preset("auth-api-workers.json"), preset("auth-api-servers.json"),
                                    "--traffic", "1,10,100,500", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parseJson(r.out);
        QCOMPARE(j["costCurve"].toArray().size(), 4);
        const QJsonObject crossover = j["crossover"].toObject();
        QVERIFY2(crossover["ratePerS"].toDouble() > 10 && crossover["ratePerS"].toDouble() < 500, qPrintable(r.out.right(400)));
        QVERIFY(crossover["firstCheaperBelow"].toBool());
        QCOMPARE(runCli({"compare", preset("auth-api-workers.json"), preset("auth-api-servers.json"),
                         "--traffic", "1,x"}).exitCode, 2);
    }

    void testMemoryBudgetStopsAnOverloadedRun() {
        // One worker of 1 s against 1,000 requests/s: the queue grows until the 1 MiB budget
        // would be passed, long before maxInFlight's 1e8.
        QTemporaryDir dir;
        const QString path = writeFile(dir, "overload.json", R"({
            "formatVersion": 1, "name": "overload",
            "run": {"durationS": 600, "windowS": 10, "maxInFlight": 100000000},
            "workload": {"type": "poisson", "ratePerS": 1000},
            "topology": {"entry": "srv", "servers": [{"id": "srv", "replicas": 1,
                "workersPerReplica": 1, "queueCapacity": 10000000, "handler": [{"cpu": 1000}]}]}})");
        const CliResult table = runCli({"run", path, "--memory-budget-mb", "1"});
        QCOMPARE(table.exitCode, 1);
        QVERIFY2(table.out.contains(QRegularExpression(
                     "status +overloaded: memory budget of 1 MiB would be exceeded \\(")),
                 qPrintable(table.out));
        QVERIFY2(table.err.contains(path + ": run overloaded: memory budget of 1 MiB would be "
                                           "exceeded ("),
                 qPrintable(table.err));
        const CliResult json = runCli({"run", path, "--memory-budget-mb", "1", "--json"});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject j = parseJson(json.out);
        QCOMPARE(j["status"].toString(), QString("overloaded"));
        QVERIFY(j["statusMessage"].toString().contains("requests in flight)"));
        QVERIFY(j["simulatedSeconds"].toDouble() < 60);
        // A budget must be a positive whole number of MiB.
        QCOMPARE(runCli({"run", path, "--memory-budget-mb", "0"}).exitCode, 2);
        QCOMPARE(runCli({"run", path, "--memory-budget-mb", "lots"}).exitCode, 2);
    }

    // ---- the command line as scripts expect it --------------------------------------------------

    void testOptionEqualsValueIsTheSameOption() {
        const auto fingerprint = [](const QStringList& args) {
            return parseJson(runCli(QStringList{"run", preset("mmc-queue.json"), "--json"} + args).out)["fingerprint"].toDouble();
        };
        QCOMPARE(fingerprint({"--seed=7"}), fingerprint({"--seed", "7"}));
        QVERIFY(fingerprint({"--seed=7"}) != fingerprint({"--seed=8"}));
        const CliResult r = runCli({"run", preset("mmc-queue.json"), "--replications=3", "--threads=1", "--json"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(parseJson(r.out)["replications"].toInt(), 3);
    }

    void testAzureTraceBecomesAScenario() {
        // One function of the sample trace, minutes 10 to 39: written with --out, it validates
        // and runs, its schedule starting at minute 10's count (30 + 70 % 90 = 100 per minute).
        QTemporaryDir dir;
        const QString data = QStringLiteral(ARCHSIM_TEST_DATA_DIR "/azure/");
        const QString out = dir.filePath("http.archsim.json");
        const CliResult made =
            runCli({"azure", data + "invocations_per_function_md.anon.d01.csv", "--durations",
                    data + "function_durations_percentiles.anon.d01.csv", "--function=73751f",
                    "--from", "10", "--minutes", "30", "--out", out});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        const QJsonObject scenario = parseJson(QString::fromUtf8(readFile(out)));
        QCOMPARE(scenario["run"].toObject()["durationS"].toDouble(), 1800.0);
        const QJsonArray schedule = scenario["workload"].toObject()["schedule"].toArray();
        QCOMPARE(schedule.at(0).toObject()["ratePerS"].toDouble(), 100.0 / 60);
        QCOMPARE(runCli({"validate", out}).exitCode, 0);
        const CliResult ran = runCli({"run", out, "--json"});
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.err));
        QVERIFY(parseJson(ran.out)["completed"].toDouble() > 1000);

        // Problems name what is wrong, and nothing is written.
        const QString missing = dir.filePath("missing.archsim.json");
        const CliResult ambiguous =
            runCli({"azure", data + "invocations_per_function_md.anon.d01.csv", "--durations",
                    data + "function_durations_percentiles.anon.d01.csv", "--function", "3fa85f",
                    "--out", missing});
        QCOMPARE(ambiguous.exitCode, 2);
        QVERIFY2(ambiguous.err.contains("starts 2 function hashes"), qPrintable(ambiguous.err));
        QVERIFY(!QFile::exists(missing));
        const CliResult usage = runCli({"azure", data + "invocations_per_function_md.anon.d01.csv",
                                        "--app", "5eb7e7", "--owner", "15321b", "--from", "0"});
        QCOMPARE(usage.exitCode, 2);
        QCOMPARE(problemLines(usage.err),
                 (QStringList{"archsim-cli: azure needs --durations FILE for the service time",
                              "archsim-cli: give at most one of --function, --app and --owner",
                              "archsim-cli: --from must be a minute from 1 to 1440, got '0'"}));
    }

    void testVersion() {
        const CliResult r = runCli({"--version"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression(R"(^archsim-cli \d+\.\d+\.\d+\n$)").match(r.out).hasMatch(), qPrintable(r.out));
    }

    void testHelpPerCommand_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("mentions");
        QTest::addColumn<QStringList>("omits");
        QTest::newRow("top level") << QStringList{"--help"} << QStringList{"run", "compare", "validate", "--version"} << QStringList{};
        QTest::newRow("run") << QStringList{"run", "--help"}
                             << QStringList{"--seed", "--json", "--csv", "--replications", "--threads", "--set", "--out", "standard input"}
                             << QStringList{"--traffic"};
        QTest::newRow("help run") << QStringList{"help", "run"} << QStringList{"--replications"} << QStringList{"--traffic"};
        QTest::newRow("compare") << QStringList{"compare", "-h"}
                                 << QStringList{"--seed", "--json", "--traffic", "--threads", "--set", "--out"}
                                 << QStringList{"--csv", "--replications"};
        QTest::newRow("validate") << QStringList{"validate", "--help"} << QStringList{"--json", "--set", "--out"}
                                  << QStringList{"--seed", "--traffic"};
    }
    void testHelpPerCommand() {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, mentions);
        QFETCH(QStringList, omits);
        const CliResult r = runCli(arguments);
        QCOMPARE(r.exitCode, 0);
        for (const QString& word : mentions) QVERIFY2(r.out.contains(word), qPrintable(word + " in\n" + r.out));
        for (const QString& word : omits) QVERIFY2(!r.out.contains(word), qPrintable(word + " in\n" + r.out));
    }

    void testDashReadsStandardInput() {
        const QByteArray scenario = readFile(preset("mmc-queue.json"));
        const CliResult fromStdin = runCli({"run", "-", "--json"}, scenario);
        QCOMPARE(fromStdin.exitCode, 0);
        const CliResult fromFile = runCli({"run", preset("mmc-queue.json"), "--json"});
        QCOMPARE(parseJson(fromStdin.out)["fingerprint"].toDouble(), parseJson(fromFile.out)["fingerprint"].toDouble());
        const CliResult valid = runCli({"validate", "-"}, scenario);
        QCOMPARE(valid.exitCode, 0);
        QVERIFY2(valid.out.contains("<stdin>: valid"), qPrintable(valid.out));
        const CliResult compared = runCli({"compare", "-", preset("mmc-queue.json"), "--json"}, scenario);
        QCOMPARE(compared.exitCode, 0);
        QCOMPARE(parseJson(compared.out)["first"].toObject()["fingerprint"].toDouble(),
                 parseJson(compared.out)["second"].toObject()["fingerprint"].toDouble());
    }

    void testDashErrorsNameStandardInput() {
        const CliResult r = runCli({"run", "-"}, "{\"formatVersion\": 1,\n \"name\": }");
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("<stdin>") && r.err.contains("line 2"), qPrintable(r.err));
        const CliResult twice = runCli({"compare", "-", "-"});
        QCOMPARE(twice.exitCode, 2);
        QVERIFY2(twice.err.contains("standard input"), qPrintable(twice.err));
    }

    void testOutWritesAnyResultToAFile_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("run table") << QStringList{"run", preset("mmc-queue.json")} << "latency p99";
        QTest::newRow("run json") << QStringList{"run", preset("mmc-queue.json"), "--json"} << "\"fingerprint\"";
        QTest::newRow("replications") << QStringList{"run", preset("mmc-queue.json"), "--replications", "2"} << "+-";
        QTest::newRow("compare") << QStringList{"compare", preset("mmc-queue.json"), preset("mmc-queue.json")} << "difference";
        QTest::newRow("validate") << QStringList{"validate", preset("mmc-queue.json")} << "valid";
        QTest::newRow("validate json") << QStringList{"validate", preset("mmc-queue.json"), "--json"} << "\"valid\": true";
    }
    void testOutWritesAnyResultToAFile() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath("result.txt");
        const CliResult r = runCli(arguments + QStringList{"--out", path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        QVERIFY2(QString::fromUtf8(readFile(path)).contains(expected), readFile(path).constData());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"result.txt"});  // no temporary left
        const CliResult equals = runCli(arguments + QStringList{"--out=" + path});
        QCOMPARE(equals.exitCode, 0);
    }

    void testOutErrors() {
        QTemporaryDir dir;
        const CliResult missingDir = runCli({"run", preset("mmc-queue.json"), "--out", dir.filePath("no/such/result.txt")});
        QCOMPARE(missingDir.exitCode, 2);
        QVERIFY2(missingDir.err.contains(dir.filePath("no/such")), qPrintable(missingDir.err));
        QCOMPARE(problemLines(missingDir.err).size(), 1);
        const CliResult isDir = runCli({"validate", preset("mmc-queue.json"), "--out", dir.path()});
        QCOMPARE(isDir.exitCode, 2);
        QVERIFY2(isDir.err.contains("is a directory"), qPrintable(isDir.err));
        // A refused input leaves an earlier result as it was.
        const QString path = writeFile(dir, "kept.json", "earlier");
        const QString bad = writeFile(dir, "bad.json", "{");
        QCOMPARE(runCli({"run", bad, "--out", path}).exitCode, 2);
        QCOMPARE(readFile(path), QByteArray("earlier"));
    }

    void testWriteFailureOnStandardOutputExitsNonZero() {
        QProcess process;
        process.setStandardOutputFile(QStringLiteral("/dev/full"));
        process.start(QStringLiteral(ARCHSIM_CLI_PATH), {"validate", preset("mmc-queue.json")});
        QVERIFY(process.waitForFinished(60'000));
        QCOMPARE(process.exitCode(), 3);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains("cannot write standard output"));
    }

    void testOutDoesNotFollowAPlantedLink() {
        // --out once wrote through the fixed name FILE.writing, following a link planted there.
        QTemporaryDir dir;
        const QString victim = dir.filePath("victim");
        QVERIFY(QFile::link(victim, dir.filePath("result.txt.writing")));
        const CliResult r = runCli({"validate", preset("mmc-queue.json"), "--out", dir.filePath("result.txt")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!QFile::exists(victim));
        QVERIFY(readFile(dir.filePath("result.txt")).contains("valid"));
    }

    void testStandardInputIsCappedLikeAFile() {
        // Read without a cap, `cat /dev/zero | archsim-cli run -` filled the memory.
        const CliResult r = runCli({"validate", "-"}, QByteArray(17 * 1024 * 1024, ' '));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("larger than 16 MiB"), qPrintable(r.err));
    }

    void testThreadsDoNotChangeTheAnswer() {
        const auto figures = [](const char* threads) {
            const CliResult r = runCli({"run", preset("mmc-queue.json"), "--replications", "3", "--threads", threads, "--json"});
            return r.exitCode == 0 ? parseJson(r.out)["figures"].toObject() : QJsonObject();
        };
        const QJsonObject one = figures("1");
        QVERIFY(!one.isEmpty());
        QCOMPARE(one, figures("3"));
        const CliResult compared = runCli({"compare", preset("auth-api-workers.json"), preset("auth-api-servers.json"),
                                           "--traffic", "1,100", "--threads", "1", "--json"});
        QCOMPARE(compared.exitCode, 0);
        QCOMPARE(parseJson(compared.out)["costCurve"].toArray().size(), 2);
    }

    void testValidateJson() {
        const CliResult ok = runCli({"validate", preset("auth-api-workers.json"), "--json"});
        QCOMPARE(ok.exitCode, 0);
        const QJsonObject verdict = parseJson(ok.out);
        QVERIFY(verdict["valid"].toBool());
        QVERIFY(verdict["problems"].toArray().isEmpty());
        QCOMPARE(verdict["file"].toString(), preset("auth-api-workers.json"));

        QTemporaryDir dir;
        const QString path = writeFile(dir, "bad.json", R"({"formatVersion":1,"workload":{"type":"poisson","ratePerS":-5},
            "colour":1,"topology":{"entry":"s","stations":[{"id":"s","servers":1,"serviceMs":1}]}})");
        const CliResult bad = runCli({"validate", path, "--json"});
        QCOMPARE(bad.exitCode, 2);
        const QJsonObject refused = parseJson(bad.out);
        QVERIFY(!refused["valid"].toBool());
        const QJsonArray problems = refused["problems"].toArray();
        QStringList paths;
        for (const auto& p : problems) {
            QCOMPARE(p.toObject()["file"].toString(), path);
            QVERIFY(!p.toObject()["message"].toString().isEmpty());
            paths << p.toObject()["path"].toString();
        }
        QVERIFY2(paths.contains("workload.ratePerS") && paths.contains("colour"), qPrintable(paths.join(' ')));
        QCOMPARE(problemLines(bad.err).size(), problems.size());  // still one line per problem
    }

    void testSetOverridesAFieldWithoutEditingTheFile() {
        const auto run = [](const QStringList& sets) {
            QStringList args{"run", preset("mmc-queue.json"), "--json"};
            for (const QString& set : sets) args << "--set" << set;
            const CliResult r = runCli(args);
            return r.exitCode == 0 ? parseJson(r.out) : QJsonObject{{"error", r.err}};
        };
        const QJsonObject base = run({});
        const QJsonObject slower = run({"workload.ratePerS=4.5"});
        QVERIFY2(slower.contains("throughputPerS"), qPrintable(slower["error"].toString()));
        QVERIFY(slower["throughputPerS"].toDouble() < 0.6 * base["throughputPerS"].toDouble());
        QVERIFY(slower["latencyMs"].toObject()["p99"].toDouble() < base["latencyMs"].toObject()["p99"].toDouble());
        // Arrays by index, text without quotes, objects as JSON, several at once, and --set=.
        const QJsonObject edited = run({"topology.stations[0].servers=20", "name=renamed", "run.durationS=600",
                                        "topology.stations[0].serviceMs={\"type\":\"constant\",\"value\":100}"});
        QCOMPARE(edited["scenario"].toString(), QStringLiteral("renamed"));
        QCOMPARE(edited["simulatedSeconds"].toDouble(), 600.0);
        QVERIFY(std::abs(edited["latencyMs"].toObject()["p99"].toDouble() - 100) < 1);
        const CliResult equals = runCli({"run", preset("mmc-queue.json"), "--json", "--set=seed=3"});
        QCOMPARE(parseJson(equals.out)["seed"].toInt(), 3);
        // The file itself is untouched, and validate and compare take --set as well.
        QVERIFY(readFile(preset("mmc-queue.json")).contains("\"ratePerS\": 9"));
        QCOMPARE(runCli({"validate", preset("mmc-queue.json"), "--set", "workload.ratePerS=4"}).exitCode, 0);
        const CliResult compared = runCli({"compare", preset("mmc-queue.json"), preset("mmc-queue.json"),
                                           "--set", "name=both", "--json"});
        QCOMPARE(parseJson(compared.out)["second"].toObject()["scenario"].toString(), QStringLiteral("both"));
    }

    void testSetErrorsNameThePath_data() {
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("out of range") << "workload.ratePerS=-5" << QStringList{"workload.ratePerS", "from --set"};
        QTest::newRow("wrong type") << "workload.ratePerS=fast" << QStringList{"workload.ratePerS", "fast"};
        QTest::newRow("misspelt field") << "workload.ratePers=5" << QStringList{"ratePers", "ratePerS"};
        QTest::newRow("bad keyword") << "workload.type=poison" << QStringList{"workload.type", "poison"};
        QTest::newRow("no such element") << "topology.stations[3].servers=2" << QStringList{"topology.stations", "1 element", "[3]"};
        QTest::newRow("not an object") << "workload.ratePerS.x=1" << QStringList{"workload.ratePerS", "not an object"};
        QTest::newRow("not an array") << "workload[0]=1" << QStringList{"workload", "not an array"};
        QTest::newRow("no equals sign") << "workload.ratePerS" << QStringList{"PATH=VALUE"};
        QTest::newRow("empty path") << "=5" << QStringList{"path", "empty"};
        QTest::newRow("bad index") << "topology.stations[x].servers=2" << QStringList{"stations[x]", "whole number"};
        QTest::newRow("double dot") << "workload..ratePerS=2" << QStringList{"workload..ratePerS", "field name"};
    }
    void testSetErrorsNameThePath() {
        QFETCH(QString, assignment);
        QFETCH(QStringList, expected);
        for (const char* command : {"run", "validate"}) {
            const CliResult r = runCli({command, preset("mmc-queue.json"), "--set", assignment});
            QCOMPARE(r.exitCode, 2);
            for (const QString& word : expected) QVERIFY2(r.err.contains(word), qPrintable(word + " in: " + r.err));
            QCOMPARE(problemLines(r.err).size(), 1);
            QVERIFY2(!r.err.contains("terminate"), "must fail cleanly, not crash");
        }
    }

    void testEachUsageErrorIsOneLine_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        const QString mmc = preset("mmc-queue.json");
        QTest::newRow("no command") << QStringList{} << "no command";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "frobnicate";
        QTest::newRow("unknown option") << QStringList{"run", mmc, "--bogus"} << "--bogus";
        QTest::newRow("unknown option=value") << QStringList{"run", mmc, "--bogus=1"} << "--bogus";
        QTest::newRow("option of another command") << QStringList{"validate", mmc, "--seed", "1"} << "--seed";
        QTest::newRow("seed not a number") << QStringList{"run", mmc, "--seed=abc"} << "--seed";
        QTest::newRow("negative seed") << QStringList{"run", mmc, "--seed=-1"} << "--seed";
        QTest::newRow("seed without value") << QStringList{"run", mmc, "--seed"} << "--seed";
        QTest::newRow("replications 0") << QStringList{"run", mmc, "--replications", "0"} << "--replications";
        QTest::newRow("threads 0") << QStringList{"run", mmc, "--threads", "0"} << "--threads";
        QTest::newRow("threads not a number") << QStringList{"compare", mmc, mmc, "--threads=many"} << "--threads";
        QTest::newRow("csv with replications") << QStringList{"run", mmc, "--csv", "/tmp/x", "--replications", "2"} << "--csv";
        QTest::newRow("traffic bad rate") << QStringList{"compare", mmc, mmc, "--traffic=1,-2"} << "--traffic";
        QTest::newRow("run two files") << QStringList{"run", mmc, mmc} << "exactly one";
        QTest::newRow("run no file") << QStringList{"run"} << "exactly one";
        QTest::newRow("compare one file") << QStringList{"compare", mmc} << "exactly two";
        QTest::newRow("validate no file") << QStringList{"validate", "--json"} << "exactly one";
    }
    void testEachUsageErrorIsOneLine() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CliResult r = runCli(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        const QStringList lines = problemLines(r.err);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].startsWith("archsim-cli: ") && lines[0].contains(expected), qPrintable(r.err));
    }

    void testSeveralUsageErrorsOneLineEach() {
        const CliResult r = runCli({"run", preset("mmc-queue.json"), "--seed", "x", "--threads", "0", "--set", "a"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(problemLines(r.err).size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
