// SPDX-License-Identifier: GPL-3.0-or-later
// The sweep dialog: its fields come from the field descriptions, a sweep runs off the GUI thread
// to the same result as the engine gives directly, the plot shows the mean and its band, and
// Cancel keeps the finished points.
#include <qcustomplot.h>

#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "sim/study/sweepablefield.h"
#include "ui/study/sweepdialog.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

Scenario station(double durationS) {
    ValidationReport report;
    const std::string text = R"({"formatVersion": 1, "name": "station", "seed": 3,
      "run": {"durationS": )" +
                             std::to_string(durationS) +
                             R"(, "windowS": 10, "warmupS": 5},
      "workload": {"type": "poisson", "ratePerS": 20},
      "topology": {"entry": "q", "stations": [{"id": "q", "servers": 1,
        "serviceMs": {"type": "exponential", "mean": 10}}]}})";
    auto s = scenarioFromText(text, report);
    if (!s) qFatal("%s", report.toString().c_str());
    return *s;
}

}  // namespace

class TestSweepDialog : public QObject {
    Q_OBJECT
private slots:
    void testFieldsFromTheDescriptions() {
        const auto fields = sweepableFields(scenarioToJson(station(30)));
        const auto find = [&](const std::string& path) {
            for (const auto& f : fields)
                if (f.path == path) return &f;
            return static_cast<const SweepableField*>(nullptr);
        };
        const SweepableField* rate = find("workload.ratePerS");
        QVERIFY(rate);
        QCOMPARE(rate->current, 20.0);
        QCOMPARE(rate->label, std::string("Workload: ") + std::string(rate->description->label));
        const SweepableField* servers = find("topology.stations[0].servers");
        QVERIFY(servers);
        QCOMPARE(servers->description->type, FieldType::Integer);
        QVERIFY(servers->label.starts_with("q: "));
        QVERIFY(find("run.durationS"));
    }

    void testSweepRunsAndPlotsWithBand() {
        SweepDialog dialog(station(60), nullptr);
        QVERIFY(dialog.selectField("workload.ratePerS"));
        dialog.setRange(10, 80, 4, false);
        dialog.setReplications(3);
        dialog.setFigure("meanMs");
        QSignalSpy ended(&dialog, &SweepDialog::sweepEnded);
        QVERIFY(dialog.start());
        QVERIFY(ended.wait(60'000));
        const auto& result = dialog.result();
        QCOMPARE(result["complete"], true);
        const auto& points = result["scenarios"][0]["points"];
        QCOMPARE(points.size(), std::size_t{4});
        // M/M/1 with mu = 100/s: the mean grows with the rate.
        QVERIFY(points[3]["figures"]["meanMs"]["mean"].get<double>() >
                points[0]["figures"]["meanMs"]["mean"].get<double>());
        // Three graphs: the band's two edges and the mean, each with a point per swept value.
        QCOMPARE(dialog.plot()->graphCount(), 3);
        QCOMPARE(dialog.plot()->graph(2)->data()->size(), 4);
        QVERIFY(dialog.plot()->graph(1)->data()->at(3)->value >
                dialog.plot()->graph(0)->data()->at(3)->value);
    }

    void testCancelKeepsFinishedPoints() {
        SweepDialog dialog(station(20000), nullptr);
        QVERIFY(dialog.selectField("workload.ratePerS"));
        dialog.setRange(10, 80, 40, false);
        dialog.setReplications(2);
        QSignalSpy ended(&dialog, &SweepDialog::sweepEnded);
        QVERIFY(dialog.start());
        QVERIFY(dialog.running());
        // Let some points finish, then cancel: they stay, the rest are dropped.
        QTRY_VERIFY_WITH_TIMEOUT(dialog.findChild<QProgressBar*>()->value() >= 4, 60'000);
        dialog.cancel();
        QVERIFY(ended.wait(60'000));
        QVERIFY(!dialog.running());
        const auto& result = dialog.result();
        QCOMPARE(result["complete"], false);
        const auto kept = result["scenarios"][0]["points"].size();
        QVERIFY(kept >= 2 && kept < 40);
        QVERIFY2(dialog.statusText().contains("Cancelled"), qPrintable(dialog.statusText()));
    }

    void testBadRangeIsShownNotRun() {
        SweepDialog dialog(station(30), nullptr);
        QVERIFY(dialog.selectField("run.durationS"));
        // A warm-up of 5 s needs a longer run: 1 s is refused before anything runs.
        dialog.setRange(1, 2, 2, false);
        QVERIFY(!dialog.start());
        QVERIFY(!dialog.running());
        QVERIFY2(dialog.statusText().contains("run."), qPrintable(dialog.statusText()));
    }
};

QTEST_MAIN(TestSweepDialog)
#include "tst_sweepdialog.moc"
