// SPDX-License-Identifier: GPL-3.0-or-later
// The Azure Functions trace as a workload, on a small sample in the published layout
// (tests/data/azure): a function chosen by a hash prefix, an app's or the whole file's aggregate,
// counts replayed as a rate schedule that keeps each minute's count, service time through the
// duration percentiles, and errors that name the file and line.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <sstream>

#include "sim/run/runner.h"
#include "sim/scenario/azuretrace.h"
#include "sim/scenario/scenariojson.h"

using namespace archsim;

namespace {

const std::string kDir = ARCHSIM_TEST_DATA_DIR "/azure/";
const std::string kInvocations = kDir + "invocations_per_function_md.anon.d01.csv";
const std::string kDurations = kDir + "function_durations_percentiles.anon.d01.csv";

// The sample's counts per minute m (1-based), as the file was written.
double httpCount(int m) {
    return 30 + (7 * m) % 90;
}
double timerCount(int m) {
    return m % 5 == 0 ? 1 : 0;
}
double queueCount(int m) {
    return (13 * m) % 11;
}
double blobCount(int m) {
    return m % 60 < 3 ? 2 : 0;
}

AzureTraceRequest request(AzureSelection::Level level, std::string hash, int first = 1,
                          int minutes = 0) {
    AzureTraceRequest r;
    r.invocationsFile = kInvocations;
    r.durationsFile = kDurations;
    r.selection = {level, std::move(hash)};
    r.firstMinute = first;
    r.minutes = minutes;
    return r;
}

std::string readError(const AzureTraceRequest& r) {
    std::string error;
    const auto trace = readAzureTrace(r, error);
    return trace ? "(read fine)" : error;
}

/// Arrivals the schedule expects in [from, to): the integral of its piecewise-linear rate.
double expected(const std::vector<RatePoint>& points, double from, double to) {
    double sum = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double t0 = points[i].timeS;
        const double t1 = i + 1 < points.size() ? points[i + 1].timeS : 1e18;
        const double r0 = points[i].ratePerS;
        const double r1 = i + 1 < points.size() ? points[i + 1].ratePerS : r0;
        const double a = std::max(t0, from), b = std::min(t1, to);
        if (b <= a) continue;
        const auto rate = [&](double t) { return r0 + (r1 - r0) * (t - t0) / (t1 - t0); };
        sum += (rate(a) + rate(b)) / 2 * (b - a);
    }
    return sum;
}

/// The sample with one line's text replaced.
std::string copyWithLine(const QTemporaryDir& dir, const std::string& from, int lineNumber,
                         const std::function<std::string(std::string)>& edit) {
    std::ifstream in(from);
    const std::string path = dir.filePath("edited.csv").toStdString();
    std::ofstream out(path);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n)
        out << (n == lineNumber ? edit(line) : line) << '\n';
    return path;
}

}  // namespace

class TestAzureTrace : public QObject {
    Q_OBJECT
private slots:
    void testOneFunctionByHashPrefix() {
        std::string error;
        const auto trace =
            readAzureTrace(request(AzureSelection::Level::Function, "73751f", 3, 10), error);
        QVERIFY2(trace, error.c_str());
        QCOMPARE(trace->functions, std::size_t{1});
        QCOMPARE(trace->selectedHash.size(), std::size_t{64});
        QCOMPARE(trace->triggers, std::vector<std::string>{"http"});
        QCOMPARE(trace->invocationsPerMinute.size(), std::size_t{10});
        for (int i = 0; i < 10; ++i)
            QCOMPARE(trace->invocationsPerMinute[static_cast<std::size_t>(i)], httpCount(i + 3));
        // Service time: through the function's own percentiles, ms.
        QCOMPARE(*trace->durationMs->quantile(0.25), 60.0);
        QCOMPARE(*trace->durationMs->quantile(0.5), 100.0);
        QCOMPARE(*trace->durationMs->quantile(0.99), 900.0);
        QCOMPARE(*trace->durationMs->cdf(2400), 1.0);
    }

    void testScheduleKeepsEachMinutesCount() {
        std::string error;
        const auto trace =
            readAzureTrace(request(AzureSelection::Level::Function, "3ad7c1"), error);
        QVERIFY2(trace, error.c_str());
        const auto points = azureRateSchedule(trace->invocationsPerMinute);
        QCOMPARE(points.front().timeS, 0.0);
        for (std::size_t i = 1; i < points.size(); ++i)
            QVERIFY(points[i].timeS > points[i - 1].timeS);
        for (int m = 1; m <= 1440; ++m) {
            const double count = expected(points, 60.0 * (m - 1), 60.0 * m);
            QVERIFY2(std::abs(count - timerCount(m)) < 1e-3,
                     qPrintable(QStringLiteral("minute %1: %2").arg(m).arg(count)));
        }
        // Minutes of equal counts share their points: two per change, not per minute.
        const std::vector<RatePoint> flat = azureRateSchedule({60, 60, 60, 120});
        QCOMPARE(flat.size(), std::size_t{3});
        QCOMPARE(flat[1].ratePerS, 1.0);
        QCOMPARE(flat[2].timeS, 180.0);
        QCOMPARE(flat[2].ratePerS, 2.0);
    }

    void testAppAndWholeFileAggregate() {
        std::string error;
        const auto app =
            readAzureTrace(request(AzureSelection::Level::App, "5eb7e7", 1, 60), error);
        QVERIFY2(app, error.c_str());
        QCOMPARE(app->functions, std::size_t{2});
        QCOMPARE(app->triggers, (std::vector<std::string>{"http", "timer"}));
        for (int m = 1; m <= 60; ++m)
            QCOMPARE(app->invocationsPerMinute[static_cast<std::size_t>(m - 1)],
                     httpCount(m) + timerCount(m));
        // The mixture weighted by executions: 86400 of http (median 100 ms) to 288 of the timer
        // (all above 1200 ms) puts the median a third of a millisecond above http's, and the
        // maximum at the timer's.
        const double median = *app->durationMs->quantile(0.5);
        QVERIFY2(median > 100.2 && median < 100.5, qPrintable(QString::number(median)));
        QCOMPARE(app->durationMs->toJson()["points"].back()[1].get<double>(), 9000.0);

        const auto all = readAzureTrace(request(AzureSelection::Level::All, ""), error);
        QVERIFY2(all, error.c_str());
        QCOMPARE(all->functions, std::size_t{4});
        QCOMPARE(all->invocationsPerMinute.size(), std::size_t{1440});
        for (int m : {1, 2, 60, 61, 1440})
            QCOMPARE(all->invocationsPerMinute[static_cast<std::size_t>(m - 1)],
                     httpCount(m) + timerCount(m) + queueCount(m) + blobCount(m));
    }

    void testSelectionErrors() {
        const QString ambiguous =
            QString::fromStdString(readError(request(AzureSelection::Level::Function, "3fa85f")));
        QVERIFY2(ambiguous.startsWith("'3fa85f' starts 2 function hashes ('3fa85f64") &&
                     ambiguous.contains("', '3fa85f99") && ambiguous.endsWith("); give more of it"),
                 qPrintable(ambiguous));
        QCOMPARE(readError(request(AzureSelection::Level::App, "ffffff")),
                 std::string("the invocations file has no app whose hash starts with 'ffffff'"));
        QCOMPARE(readError(request(AzureSelection::Level::Function, "3fa85f99")),
                 std::string("the durations file has no executions of the selected function"));
        QCOMPARE(readError(request(AzureSelection::Level::Owner, "3fa")),
                 std::string("the owner hash must be given with at least 6 characters, got "
                             "'3fa'"));
        QCOMPARE(readError(request(AzureSelection::Level::All, "", 1400, 60)),
                 std::string("minutes 1400 to 1459 are not within the day's 1440"));
    }

    void testFileErrorsNameFileAndLine() {
        QTemporaryDir dir;
        AzureTraceRequest r = request(AzureSelection::Level::All, "");
        r.invocationsFile = copyWithLine(dir, kInvocations, 3, [](std::string line) {
            // Minute 5 of the second function: the ninth field.
            std::stringstream fields(line);
            std::string field, out;
            for (int i = 1; std::getline(fields, field, ','); ++i) {
                if (i > 1) out += ',';
                out += i == 9 ? std::string("x") : field;
            }
            return out;
        });
        QCOMPARE(readError(r), "invocations file '" + r.invocationsFile +
                                   "' line 3: column 9 (minute 5): 'x' is not a count of "
                                   "invocations");
        r.invocationsFile = copyWithLine(dir, kInvocations, 1, [](std::string line) {
            return line.replace(line.find("Trigger"), 7, "Kind");
        });
        QCOMPARE(readError(r), "invocations file '" + r.invocationsFile +
                                   "' line 1: the header has no column 'Trigger'; is this the "
                                   "trace's published layout?");
        r.invocationsFile = kInvocations;
        r.durationsFile = copyWithLine(dir, kDurations, 2, [](std::string line) {
            return line.replace(line.rfind(",900,"), 5, ",90,");
        });
        QCOMPARE(readError(r), "durations file '" + r.durationsFile +
                                   "' line 2: percentile_Average_99 (90 ms) is below the "
                                   "percentile before it (150 ms)");
        r.durationsFile = dir.filePath("missing.csv").toStdString();
        QVERIFY2(QString::fromStdString(readError(r)).startsWith("cannot open durations file"),
                 readError(r).c_str());
    }

    void testScenarioRunsTheTrace() {
        const AzureTraceRequest r = request(AzureSelection::Level::Function, "73751f", 1, 5);
        std::string error;
        const auto trace = readAzureTrace(r, error);
        QVERIFY2(trace, error.c_str());
        const Scenario built = azureFunctionsScenario(*trace, r);
        QCOMPARE(built.run.durationS, 300.0);
        // What the CLI writes reads back as a valid scenario, schedule and service time intact.
        ValidationReport report;
        const auto scenario = scenarioFromText(scenarioToText(built), report);
        QVERIFY2(scenario, report.toString().c_str());
        QCOMPARE(scenario->workload.schedule, built.workload.schedule);
        QCOMPARE(scenario->topology.functions.at(0).handler.at(0).cpuMs->toJson(),
                 trace->durationMs->toJson());
        RunOptions options;
        options.seed = 11;
        const RunResult result = runScenario(*scenario, options);
        double total = 0;
        for (int m = 1; m <= 5; ++m) total += httpCount(m);  // 220
        QVERIFY2(std::abs(static_cast<double>(result.arrivals) - total) < 60,
                 std::to_string(result.arrivals).c_str());
        QVERIFY(result.completed > 0);
    }
};

QTEST_GUILESS_MAIN(TestAzureTrace)
#include "tst_azuretrace.moc"
