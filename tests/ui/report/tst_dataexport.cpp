// SPDX-License-Identifier: GPL-3.0-or-later
// The data export keeps every digit: each number in the CSV and the JSON reads back to exactly the
// double it came from, and the summary holds the same means and intervals as the report.

#include <QtTest>
#include <bit>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sim/random/distribution.h"
#include "sim/run/replications.h"
#include "ui/report/dataexport.h"
#include "ui/report/summaryfigures.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

double parse(const QByteArray& text) {
    double value = std::nan("");
    std::from_chars(text.constData(), text.constData() + text.size(), value);
    return value;
}

bool sameBits(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

std::vector<DataRun> sampleRuns() {
    Scenario scenario;
    scenario.name = "queue, \"two servers\"";
    scenario.workload.ratePerS = 40;
    scenario.run.durationS = 30;
    scenario.run.windowS = 1.5;
    scenario.topology.stations = {{"s", 2, makeExponential(10)}};
    scenario.topology.entry = scenario.topology.stations.front().id;
    return {
        {QString::fromStdString(scenario.name), 9, runReplications(scenario, 9, 3, nullptr, 1)}};
}

QList<QByteArray> splitCsvLine(const QByteArray& line) {
    // Enough for these files: only the scenario name is ever quoted.
    QList<QByteArray> fields;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields << field;
            field.clear();
        } else {
            field += c;
        }
    }
    fields << field;
    return fields;
}

}  // namespace

class TestDataExport : public QObject {
    Q_OBJECT
private slots:
    void testNumbersReadBackBitIdentical_data() {
        QTest::addColumn<double>("value");
        QTest::addRow("tenth") << 0.1;
        QTest::addRow("third") << 1.0 / 3.0;
        QTest::addRow("pi") << M_PI;
        QTest::addRow("max") << DBL_MAX;
        QTest::addRow("min normal") << DBL_MIN;
        QTest::addRow("subnormal") << 5e-324;
        QTest::addRow("negative") << -123456789.123456789;
        QTest::addRow("near one") << std::nextafter(1.0, 2.0);
        QTest::addRow("latency") << 12.345678901234567;
    }

    void testNumbersReadBackBitIdentical() {
        QFETCH(double, value);
        const QString text = exactNumber(value);
        QVERIFY(!text.isEmpty());
        QVERIFY2(sameBits(parse(text.toLatin1()), value), qPrintable(text));
        // And through the JSON writer and reader.
        const nlohmann::json json = nlohmann::json::parse(nlohmann::json{{"v", value}}.dump());
        QVERIFY(sameBits(json["v"].get<double>(), value));
        QVERIFY(exactNumber(std::nan("")).isEmpty());
    }

    void testTimeSeriesCsvKeepsEveryDigit() {
        const auto runs = sampleRuns();
        const QList<QByteArray> lines = timeSeriesCsv(runs).split('\n');
        const QList<QByteArray> header = splitCsvLine(lines.front());
        const auto p99 = header.indexOf("p99_ms");
        const auto mean = header.indexOf("mean_ms");
        const auto end = header.indexOf("window_end_s");
        QVERIFY(p99 > 0 && mean > 0 && end > 0);
        qsizetype line = 1;
        for (std::size_t r = 0; r < runs.front().replications.size(); ++r) {
            for (const WindowRow& window : runs.front().replications[r].windows) {
                const QList<QByteArray> fields = splitCsvLine(lines[line++]);
                QCOMPARE(fields.size(), header.size());
                QCOMPARE(QString::fromUtf8(fields[0]), runs.front().scenario);
                QCOMPARE(fields[2].toULongLong(), qulonglong(r));
                QVERIFY(sameBits(parse(fields[p99]), toMillis(window.latency.p99)));
                QVERIFY(sameBits(parse(fields[mean]), window.latency.meanNs * 1e-6));
                QVERIFY(sameBits(parse(fields[end]), toSeconds(window.latency.end)));
            }
        }
        QVERIFY(line > 40);  // three replications of twenty windows
    }

    void testTimeSeriesJsonKeepsEveryDigit() {
        const auto runs = sampleRuns();
        const auto json = nlohmann::json::parse(timeSeriesJson(runs).toStdString());
        const auto& replications = json["scenarios"][0]["replications"];
        QCOMPARE(replications.size(), std::size_t(3));
        for (std::size_t r = 0; r < 3; ++r) {
            const auto& windows = runs.front().replications[r].windows;
            QCOMPARE(replications[r].size(), windows.size());
            for (std::size_t w = 0; w < windows.size(); ++w) {
                QVERIFY(sameBits(replications[r][w]["p95_ms"].get<double>(),
                                 toMillis(windows[w].latency.p95)));
                QVERIFY(sameBits(replications[r][w]["utilization"].get<double>(),
                                 windows[w].utilization));
            }
        }
    }

    void testSummaryHoldsMeansAndIntervals() {
        const auto runs = sampleRuns();
        const SummaryFigure* p99 = summaryFigure(QStringLiteral("p99"));
        QVERIFY(p99);
        const ConfidenceInterval ci = summaryInterval(*p99, runs.front().replications);
        QCOMPARE(ci.n, 3);
        QVERIFY(ci.halfWidth > 0);

        bool found = false;
        for (const QByteArray& line : summaryCsv(runs).split('\n')) {
            const QList<QByteArray> fields = splitCsvLine(line);
            if (fields.size() < 7 || fields[2] != "p99") continue;
            found = true;
            QVERIFY(sameBits(parse(fields[4]), ci.mean));
            QVERIFY(sameBits(parse(fields[5]), ci.halfWidth));
            QCOMPARE(fields[6].toInt(), 3);
        }
        QVERIFY(found);

        const auto json = nlohmann::json::parse(summaryJson(runs).toStdString());
        const auto& figure = json["scenarios"][0]["figures"]["p99"];
        QVERIFY(sameBits(figure["mean"].get<double>(), ci.mean));
        QVERIFY(sameBits(figure["ci95HalfWidth"].get<double>(), ci.halfWidth));
        QCOMPARE(json["scenarios"][0]["seed"].get<int>(), 9);
    }

    void testBadSuffixIsRefused() {
        QString error;
        QVERIFY(!exportData(QStringLiteral("/nonexistent/x.xlsx"), DataKind::Summary, sampleRuns(),
                            &error));
        QVERIFY2(error.contains(QStringLiteral("xlsx")), qPrintable(error));
    }
};

QTEST_MAIN(TestDataExport)
#include "tst_dataexport.moc"
