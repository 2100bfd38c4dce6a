// SPDX-License-Identifier: GPL-3.0-or-later
// Replications until a figure is precise enough: stops at the first count that meets the target,
// the same on any number of threads, and says so when the cap came first.
#include <QtTest>
#include <atomic>
#include <cmath>

#include "sim/scenario/scenariojson.h"
#include "sim/study/precisionstop.h"
#include "studyfixture.h"

using namespace archsim;
using namespace archsim::testing;

class TestPrecisionStop : public QObject {
    Q_OBJECT
private slots:
    void testStopsAtFirstCountMeetingTheTarget() {
        ValidationReport report;
        const auto s = scenarioFromText(stationJson(50, 10, 1, 100), report);
        QVERIFY(s);
        PrecisionRequest request;
        request.figure = findStudyFigure("p99");
        request.relativeHalfWidth = 0.03;
        request.maxReplications = 200;
        request.threads = 3;
        const PrecisionResult r = runToPrecision(*s, request);
        QVERIFY(r.reached);
        QVERIFY(r.relativeHalfWidth <= 0.03);
        const std::size_t n = r.runs.size();
        QVERIFY(n >= kPrecisionMinReplications && n < 200);
        // With one replication fewer the target was not met (else it would have stopped there).
        std::vector<double> fewer;
        for (std::size_t i = 0; i + 1 < n; ++i) fewer.push_back(request.figure->value(r.runs[i]));
        if (fewer.size() >= kPrecisionMinReplications)
            QVERIFY(relativeHalfWidth(meanConfidenceInterval(fewer, 0.95)) > 0.03);
        // Replication i is replication i: the same runs on one thread.
        request.threads = 1;
        const PrecisionResult one = runToPrecision(*s, request);
        QCOMPARE(one.runs.size(), n);
        for (std::size_t i = 0; i < n; ++i)
            QCOMPARE(one.runs[i].fingerprint(), r.runs[i].fingerprint());
    }

    void testCapComesFirst() {
        ValidationReport report;
        const auto s = scenarioFromText(stationJson(50, 10, 1, 30), report);
        QVERIFY(s);
        PrecisionRequest request;
        request.figure = findStudyFigure("p99.9");
        request.relativeHalfWidth = 0.0001;
        request.maxReplications = 5;
        const PrecisionResult r = runToPrecision(*s, request);
        QVERIFY(!r.reached);
        QCOMPARE(r.runs.size(), std::size_t{5});
        QVERIFY(r.relativeHalfWidth > 0.0001);
    }

    void testProgressAndInterrupt() {
        // Progress after each replication the rule looks at, in order; an interrupt keeps the
        // replications that finished and stops before the target or the cap.
        ValidationReport report;
        const auto s = scenarioFromText(stationJson(50, 10, 1, 30), report);
        QVERIFY(s);
        std::atomic<bool> interrupt{false};
        std::vector<unsigned> counts;
        PrecisionRequest request;
        request.figure = findStudyFigure("p99.9");
        request.relativeHalfWidth = 0.0001;
        request.maxReplications = 50;
        request.threads = 1;
        request.interrupt = &interrupt;
        request.progress = [&](unsigned n, double width) {
            counts.push_back(n);
            QVERIFY(n < kPrecisionMinReplications ? std::isinf(width) : width > 0);
            if (n == 4) interrupt = true;
        };
        const PrecisionResult r = runToPrecision(*s, request);
        QVERIFY(r.interrupted);
        QVERIFY(!r.reached);
        QCOMPARE(r.runs.size(), std::size_t{4});
        QCOMPARE(counts, (std::vector<unsigned>{1, 2, 3, 4}));
        QVERIFY(r.relativeHalfWidth > 0);
        // Without the interrupt the same request runs to its cap, and is not marked interrupted.
        request.interrupt = nullptr;
        request.maxReplications = 6;
        request.progress = {};
        const PrecisionResult whole = runToPrecision(*s, request);
        QVERIFY(!whole.interrupted);
        QCOMPARE(whole.runs.size(), std::size_t{6});
        QCOMPARE(whole.runs[3].fingerprint(), r.runs[3].fingerprint());
    }
};

QTEST_GUILESS_MAIN(TestPrecisionStop)
#include "tst_precisionstop.moc"
