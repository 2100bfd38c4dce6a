// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli end to end: the real executable, its exit statuses, its messages and its outputs.
#include <QtTest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <sys/stat.h>

namespace {

struct CliResult {
    int exitCode = -1;
    QString out, err;
};

/// Runs archsim-cli; `standardOutput` names a file to send its standard output to instead.
CliResult runCli(const QStringList& arguments, const QString& standardOutput = {}) {
    QProcess process;
    if (!standardOutput.isEmpty()) process.setStandardOutputFile(standardOutput);
    process.start(QStringLiteral(ARCHSIM_CLI_PATH), arguments);
    process.waitForFinished(120'000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString preset(const char* name) { return QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets/") + name; }

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    file.write(text);
    return path;
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
        QVERIFY(j["breakdownMs"].toObject()["cache"].toDouble() > 20);
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
            const CliResult r = runCli(arguments, "/dev/full");
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
        QVERIFY2(table.out.contains("status                     overloaded: memory budget of 1 MiB "
                                    "would be exceeded ("),
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
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
