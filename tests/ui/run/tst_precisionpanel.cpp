// SPDX-License-Identifier: GPL-3.0-or-later
// The Run panel's "Replications: until precise": it stops where sim/study's precision stop stops
// (the target met, or the cap), runs off the GUI thread with progress, cancels keeping the
// replications that finished, and refuses a target of 0 by name.
#include <QCheckBox>
#include <QProgressBar>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "sim/study/precisionstop.h"
#include "ui/run/precisionpanel.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

StudyDocument station(double durationS) {
    ValidationReport report;
    const std::string text = R"({"formatVersion": 1, "name": "station", "seed": 5,
      "run": {"durationS": )" +
                             std::to_string(durationS) +
                             R"(, "windowS": 10, "warmupS": 5},
      "workload": {"type": "poisson", "ratePerS": 50},
      "topology": {"entry": "q", "stations": [{"id": "q", "servers": 1,
        "serviceMs": {"type": "exponential", "mean": 10}}]}})";
    auto s = scenarioFromText(text, report);
    if (!s) qFatal("%s", report.toString().c_str());
    return {QStringLiteral("station"), {}, *s, nullptr, true};
}

}  // namespace

class TestPrecisionPanel : public QObject {
    Q_OBJECT
private slots:
    void testOptionShowsItsFields() {
        PrecisionPanel panel([] { return std::optional<StudyDocument>(station(30)); });
        panel.show();
        QVERIFY(!panel.untilPrecise());
        QVERIFY(!panel.progressBar()->isVisible());
        panel.findChild<QCheckBox*>(QStringLiteral("untilPrecise"))->click();
        QVERIFY(panel.untilPrecise());
        QVERIFY(panel.progressBar()->isVisible());
    }

    void testStopsWhenTheTargetIsMet() {
        const StudyDocument doc = station(100);
        PrecisionPanel panel([doc] { return std::optional<StudyDocument>(doc); });
        panel.setUntilPrecise(true);
        panel.setFigure(QStringLiteral("meanMs"));
        panel.setTarget(0.05, 200);
        QSignalSpy ended(&panel, &PrecisionPanel::precisionEnded);
        QVERIFY2(panel.start(), qPrintable(panel.statusText()));
        QVERIFY(panel.running());
        QVERIFY(ended.wait(120'000));
        QVERIFY(panel.result());
        const PrecisionResult& got = *panel.result();
        // sim/study alone stops at the same count with the same half-width.
        PrecisionRequest request;
        request.figure = findStudyFigure("meanMs");
        request.relativeHalfWidth = 0.05;
        request.maxReplications = 200;
        request.seed = 5;
        const PrecisionResult want = runToPrecision(doc.scenario, request);
        QVERIFY(want.reached);
        QVERIFY(got.reached);
        QCOMPARE(got.runs.size(), want.runs.size());
        QCOMPARE(got.relativeHalfWidth, want.relativeHalfWidth);
        QVERIFY(got.relativeHalfWidth <= 0.05);
        QVERIFY(got.runs.size() < 200);
        QCOMPARE(panel.progressBar()->value(), static_cast<int>(got.runs.size()));
        QVERIFY2(panel.statusText().contains(QStringLiteral("reached")) &&
                     panel.statusText().contains(QString::number(got.runs.size())),
                 qPrintable(panel.statusText()));
    }

    void testStopsAtTheCapOtherwise() {
        PrecisionPanel panel([] { return std::optional<StudyDocument>(station(30)); });
        panel.setFigure(QStringLiteral("p999Ms"));
        panel.setTarget(0.0001, 5);
        QSignalSpy ended(&panel, &PrecisionPanel::precisionEnded);
        QVERIFY(panel.start());
        QVERIFY(ended.wait(120'000));
        QVERIFY(panel.result());
        QVERIFY(!panel.result()->reached);
        QCOMPARE(panel.result()->runs.size(), std::size_t{5});
        QVERIFY(panel.result()->relativeHalfWidth > 0.0001);
        QVERIFY2(panel.statusText().contains(QStringLiteral("cap came first")),
                 qPrintable(panel.statusText()));
    }

    void testCancelKeepsFinishedReplications() {
        PrecisionPanel panel([] { return std::optional<StudyDocument>(station(3000)); });
        panel.setFigure(QStringLiteral("p999Ms"));
        panel.setTarget(0.0001, 10000);
        QSignalSpy ended(&panel, &PrecisionPanel::precisionEnded);
        QVERIFY(panel.start());
        QTRY_VERIFY_WITH_TIMEOUT(panel.progressBar()->value() >= 3, 60'000);
        panel.cancel();
        QVERIFY(ended.wait(60'000));
        QVERIFY(!panel.running());
        QVERIFY(panel.result()->interrupted);
        QVERIFY(panel.result()->runs.size() >= 3);
        QVERIFY(panel.result()->runs.size() < 10000);
        QVERIFY2(panel.statusText().contains(QStringLiteral("Cancelled")),
                 qPrintable(panel.statusText()));
        // Closing mid-run is safe: the destructor cancels and waits.
        auto* other =
            new PrecisionPanel([] { return std::optional<StudyDocument>(station(3000)); });
        other->setTarget(0.0001, 10000);
        QVERIFY(other->start());
        delete other;
    }

    void testBadInputIsNamed() {
        PrecisionPanel panel([] { return std::optional<StudyDocument>(station(30)); });
        panel.setTarget(0, 10);
        QVERIFY(!panel.start());
        QVERIFY2(panel.statusText().contains(QStringLiteral("target")) &&
                     panel.statusText().contains(QStringLiteral("above 0")),
                 qPrintable(panel.statusText()));
        PrecisionPanel none([] { return std::optional<StudyDocument>(); });
        QVERIFY(!none.start());
        QVERIFY(none.statusText().contains(QStringLiteral("open a scenario")));
        QVERIFY(!panel.running() && !none.running());
    }
};

QTEST_MAIN(TestPrecisionPanel)
#include "tst_precisionpanel.moc"
