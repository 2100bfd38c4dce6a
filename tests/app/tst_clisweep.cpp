// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli sweep, merge and run --precision end to end: results, CSV, shards that merge into
// the unsharded bytes for several splits, and every bad input refused with exit 2, a message
// naming the file and the field, and nothing written.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "app/clitestsupport.h"

using namespace archsim::testing;

namespace {

/// M/M/1 with mean service 10 ms: tiny and fast.
QByteArray station(int servers = 1) {
    return QByteArray(R"({"formatVersion": 1, "name": "station", "seed": 1,
 "run": {"durationS": 60, "windowS": 10, "warmupS": 10},
 "workload": {"type": "poisson", "ratePerS": 20},
 "topology": {"entry": "q", "stations": [{"id": "q", "servers": )") +
           QByteArray::number(servers) +
           R"(, "serviceMs": {"type": "exponential", "mean": 10}}]}})";
}

const QByteArray kSweep =
    R"({"formatVersion": 1, "name": "two stations", "scenarios": ["a.json", "b.json"],
  "replications": 3, "seed": 4, "figures": ["p50Ms", "p99Ms", "errorRate"],
  "fields": [{"path": "workload.ratePerS", "range": {"from": 10, "to": 80, "steps": 4, "scale": "log"}}]})";

}  // namespace

class TestCliSweep : public QObject {
    Q_OBJECT
private slots:
    void testSweepWritesResultAndCsv() {
        QTemporaryDir dir;
        writeFile(dir, "a.json", station(1));
        writeFile(dir, "b.json", station(2));
        const QString sweep = writeFile(dir, "sweep.json", kSweep);
        const CliResult r = runCli({"sweep", sweep, "--out", dir.filePath("r.json"), "--csv",
                                    dir.filePath("r.csv"), "--threads", "2"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = QJsonDocument::fromJson(readFile(dir.filePath("r.json"))).object();
        QCOMPARE(j["complete"].toBool(), true);
        const QJsonArray scenarios = j["scenarios"].toArray();
        QCOMPARE(scenarios.size(), 2);
        const QJsonArray points = scenarios[0].toObject()["points"].toArray();
        QCOMPARE(points.size(), 4);
        const QJsonObject p99 = points[3].toObject()["figures"].toObject()["p99Ms"].toObject();
        QVERIFY(p99["low"].toDouble() < p99["mean"].toDouble() &&
                p99["mean"].toDouble() < p99["high"].toDouble());
        QCOMPARE(p99["replications"].toArray().size(), 3);
        // One server queues more than two at every rate: the p99 grows with the rate.
        QVERIFY(points[3].toObject()["figures"].toObject()["p99Ms"].toObject()["mean"].toDouble() >
                points[0].toObject()["figures"].toObject()["p99Ms"].toObject()["mean"].toDouble());
        QVERIFY(j.contains("crossovers"));
        const QList<QByteArray> csv = readFile(dir.filePath("r.csv")).trimmed().split('\n');
        QCOMPARE(csv.size(), 1 + 2 * 4);
        QVERIFY(
            csv[0].startsWith("scenario,point,workload.ratePerS,p50Ms_mean,p50Ms_low,p50Ms_high"));
        QVERIFY(csv[1].startsWith("a.json,0,10"));
    }

    void testShardSplitsMergeToTheSameBytes() {
        QTemporaryDir dir;
        writeFile(dir, "a.json", station(1));
        writeFile(dir, "b.json", station(2));
        const QString sweep = writeFile(dir, "sweep.json", kSweep);
        QCOMPARE(runCli({"sweep", sweep, "--out", dir.filePath("whole.json"), "--csv",
                         dir.filePath("whole.csv")})
                     .exitCode,
                 0);
        const QByteArray whole = readFile(dir.filePath("whole.json"));
        QVERIFY(!whole.isEmpty());
        for (const int n : {1, 2, 3, 7}) {
            QStringList shards;
            for (int i = 1; i <= n; ++i) {
                const QString out = dir.filePath(QString("shard-%1-%2.json").arg(n).arg(i));
                const CliResult r =
                    runCli({"sweep", sweep, "--shard", QString("%1/%2").arg(i).arg(n), "--out", out,
                            "--threads", "1"});
                QVERIFY2(r.exitCode == 0, qPrintable(r.err));
                shards << out;
            }
            const QString merged = dir.filePath(QString("merged-%1.json").arg(n));
            const QString csv = dir.filePath(QString("merged-%1.csv").arg(n));
            const CliResult m =
                runCli(QStringList{"merge"} + shards + QStringList{"--out", merged, "--csv", csv});
            QVERIFY2(m.exitCode == 0, qPrintable(m.err));
            QVERIFY2(readFile(merged) == whole, qPrintable(QString("split into %1").arg(n)));
            QCOMPARE(readFile(csv), readFile(dir.filePath("whole.csv")));
        }
    }

    void testMergeRefusals() {
        QTemporaryDir dir;
        writeFile(dir, "a.json", station(1));
        writeFile(dir, "b.json", station(2));
        const QString sweep = writeFile(dir, "sweep.json", kSweep);
        QByteArray other = kSweep;
        other.replace("\"seed\": 4", "\"seed\": 5");
        const QString sweep2 = writeFile(dir, "sweep2.json", other);
        const auto shard = [&](const QString& file, const QString& which, const QString& out) {
            const CliResult r =
                runCli({"sweep", file, "--shard", which, "--out", dir.filePath(out)});
            if (r.exitCode != 0) qWarning("%s", qPrintable(r.err));
            return dir.filePath(out);
        };
        const QString s1 = shard(sweep, "1/3", "s1.json");
        const QString s2 = shard(sweep, "2/3", "s2.json");
        const QString s3 = shard(sweep, "3/3", "s3.json");
        const QString t2 = shard(sweep2, "2/3", "t2.json");
        const QString out = dir.filePath("result.json");
        struct Case {
            QStringList files;
            QString message;
        };
        const QList<Case> cases{
            {{s1, s3}, "archsim-cli: merge: missing shard 2/3"},
            {{s1, s2, s2, s3}, "are both shard 2/3"},
            {{s1, t2, s3}, "t2.json belongs to a different sweep than " + s1},
            {{s1, sweep, s3}, sweep + ": is not an archsim sweep shard"},
            {{s1, dir.filePath("nothere.json")}, "nothere.json"},
        };
        for (const Case& c : cases) {
            const CliResult r = runCli(QStringList{"merge"} + c.files + QStringList{"--out", out});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(c.message), qPrintable(r.err));
            QVERIFY2(!QFile::exists(out), "nothing is written");
        }
        // A shard of another archsim version.
        QByteArray text = readFile(s2);
        text.replace("\"version\":\"", "\"version\":\"9.9.9-");
        const QString v2 = writeFile(dir, "v2.json", text);
        const CliResult r = runCli({"merge", s1, v2, s3, "--out", out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("v2.json was written by archsim 9.9.9-"), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }

    void testBadSweepInput_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("sweep");
        QTest::addColumn<QString>("message");
        const QByteArray head =
            R"({"formatVersion": 1, "scenarios": ["a.json"], "replications": 2, )";
        QTest::newRow("value out of range")
            << QStringList()
            << head + R"("fields": [{"path": "workload.ratePerS", "values": [10, -5]}]})"
            << "sweep.json: fields[0] sets workload.ratePerS to number -5: scenario 'a.json': "
               "workload.ratePerS: must be > 0";
        QTest::newRow("servers out of range")
            << QStringList()
            << head +
                   R"("fields": [{"path": "topology.stations[0].servers", "range": {"from": 0, "to": 4, "steps": 3, "integer": true}}]})"
            << "sweep.json: fields[0] sets topology.stations[0].servers to number 0";
        QTest::newRow("missing path")
            << QStringList()
            << head + R"("fields": [{"path": "workload.ratePerSecond", "values": [10]}]})"
            << "sweep.json: fields[0] sets workload.ratePerSecond to number 10: scenario 'a.json': "
               "workload.ratePerSecond: unknown field 'ratePerSecond'";
        QTest::newRow("missing array element")
            << QStringList()
            << head + R"("fields": [{"path": "topology.stations[2].servers", "values": [1]}]})"
            << "fields[0] topology.stations[2].servers: topology.stations has 1 element";
        QTest::newRow("missing scenario")
            << QStringList()
            << QByteArray(
                   R"({"formatVersion": 1, "scenarios": ["gone.json"], "fields": [{"path": "seed", "values": [1]}]})")
            << "sweep.json: cannot open scenario file";
        QTest::newRow("shard 3/2")
            << QStringList{"--shard", "3/2"}
            << head + R"("fields": [{"path": "seed", "values": [1]}]})"
            << "--shard 3/2: I must be from 1 to 2 (shards are counted from 1)";
        QTest::newRow("shard 0/2") << QStringList{"--shard", "0/2"}
                                   << head + R"("fields": [{"path": "seed", "values": [1]}]})"
                                   << "--shard 0/2: I must be from 1 to 2";
        QTest::newRow("shard garbage") << QStringList{"--shard", "two"}
                                       << head + R"("fields": [{"path": "seed", "values": [1]}]})"
                                       << "--shard must be I/N";
        QTest::newRow("sharded limit search")
            << QStringList{"--shard", "1/2"}
            << head + R"("limit": {"from": 1, "to": 50, "target": {"p99Ms": 100}}})"
            << "a limit search decides each point from the last, so it cannot be sharded";
        QTest::newRow("limit end out of range")
            << QStringList()
            << head + R"("limit": {"from": -1, "to": 50, "target": {"p99Ms": 100}}})"
            << "limit.path sets workload.ratePerS to number -1";
    }
    void testBadSweepInput() {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, sweep);
        QFETCH(QString, message);
        QTemporaryDir dir;
        writeFile(dir, "a.json", station(1));
        const QString file = writeFile(dir, "sweep.json", sweep);
        const QString out = dir.filePath("out.json");
        const CliResult r = runCli(QStringList{"sweep", file, "--out", out} + arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(!r.err.contains("terminate"), "fails cleanly");
        QVERIFY2(!QFile::exists(out), "nothing is written");
    }

    void testLimitSearch() {
        QTemporaryDir dir;
        writeFile(dir, "a.json", station(1));
        const QString file =
            writeFile(dir, "limit.json", R"({"formatVersion": 1, "scenarios": ["a.json"],
            "replications": 3, "limit": {"from": 5, "to": 99, "tolerance": 0.05, "target": {"p99Ms": 150}}})");
        const CliResult r = runCli({"sweep", file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject s =
            QJsonDocument::fromJson(r.out.toUtf8()).object()["scenarios"].toArray()[0].toObject();
        QVERIFY(s["found"].toBool());
        // M/M/1, mu = 100/s: p99 = ln(100)/(mu - rate) <= 0.15 s up to 69.3/s; short noisy runs.
        QVERIFY2(s["limit"].toDouble() > 55 && s["limit"].toDouble() < 75, qPrintable(r.out));
        QCOMPARE(s["brokeFirst"].toObject()["busiestComponent"].toString(), QString("entry"));
        QVERIFY2(r.err.contains("p99Ms <= 150 holds up to workload.ratePerS ="), qPrintable(r.err));
    }

    void testRunPrecision() {
        QTemporaryDir dir;
        const QString a = writeFile(dir, "a.json", station(1));
        CliResult r =
            runCli({"run", a, "--precision", "0.05", "--precision-figure", "p50", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonObject p = QJsonDocument::fromJson(r.out.toUtf8()).object()["precision"].toObject();
        QCOMPARE(p["reached"].toBool(), true);
        QVERIFY(p["relativeHalfWidth"].toDouble() <= 0.05);
        QVERIFY(p["replications"].toInt() >= 3);
        QCOMPARE(p["figure"].toString(), QString("p50Ms"));

        r = runCli({"run", a, "--precision", "0.0001", "--max-replications", "4"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("4 replications") && r.out.contains("NOT reached (cap 4)"),
                 qPrintable(r.out));

        for (const QStringList& bad :
             {QStringList{"--precision", "5"},
              QStringList{"--precision", "0.05", "--precision-figure", "p98"},
              QStringList{"--precision-figure", "p99"},
              QStringList{"--precision", "0.05", "--max-replications", "1"},
              QStringList{"--precision", "0.05", "--replications", "4"}}) {
            r = runCli(QStringList{"run", a} + bad);
            QVERIFY2(r.exitCode == 2, qPrintable(bad.join(' ')));
            QVERIFY2(r.err.contains("--precision") || r.err.contains("--max-replications"),
                     qPrintable(r.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliSweep)
#include "tst_clisweep.moc"
