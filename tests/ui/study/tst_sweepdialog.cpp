// SPDX-License-Identifier: GPL-3.0-or-later
// The sweep window: its fields come from the field descriptions, a sweep runs off the GUI thread
// to the same result as sim/study gives directly (curves, crossovers, the grid), the plot shows
// each scenario with its band or a heatmap, the sweep saves as a file sim/study reads back, bad
// input is named, and Cancel keeps the finished points.
#include <qcustomplot.h>

#include <QLineEdit>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "sim/scenario/scenariojson.h"
#include "sim/study/sweepablefield.h"
#include "sim/study/sweepplan.h"
#include "sim/study/sweepresult.h"
#include "ui/study/sweepdialog.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

std::string stationText(const std::string& name, double durationS, int servers, double serviceMs) {
    return R"({"formatVersion": 1, "name": ")" + name + R"(", "seed": 3,
      "run": {"durationS": )" +
           std::to_string(durationS) + R"(, "windowS": 10, "warmupS": 5},
      "workload": {"type": "poisson", "ratePerS": 20},
      "topology": {"entry": "q", "stations": [{"id": "q", "servers": )" +
           std::to_string(servers) + R"(, "serviceMs": {"type": "exponential", "mean": )" +
           std::to_string(serviceMs) + "}}]}}";
}

Scenario station(double durationS, int servers = 1, double serviceMs = 10,
                 const std::string& name = "station") {
    ValidationReport report;
    auto s = scenarioFromText(stationText(name, durationS, servers, serviceMs), report);
    if (!s) qFatal("%s", report.toString().c_str());
    return *s;
}

/// M/M/1 with a fast server against M/M/2 with slower ones: the single server is quicker at low
/// load and the pair at high load, so their mean latencies cross in between.
std::vector<StudyDocument> twoStations(const QTemporaryDir* dir = nullptr) {
    std::vector<StudyDocument> docs{
        {QStringLiteral("one fast"), {}, station(60, 1, 10, "one fast"), nullptr, true},
        {QStringLiteral("two slow"), {}, station(60, 2, 18, "two slow"), nullptr, true}};
    if (dir)
        for (StudyDocument& d : docs) {
            d.filePath = dir->filePath(d.name + QStringLiteral(".json"));
            std::ofstream(d.filePath.toStdString()) << scenarioToText(d.scenario);
        }
    return docs;
}

/// sim/study's own result for a sweep JSON over these documents, as labelled in the dialog.
nlohmann::json simResult(const nlohmann::json& sweep, const std::vector<StudyDocument>& docs) {
    ValidationReport report;
    SweepPlan plan;
    auto spec = sweepFromJson(sweep, {}, report);
    if (!spec) qFatal("%s", report.toString().c_str());
    plan.spec = *spec;
    for (const StudyDocument& d : docs)
        plan.scenarios.push_back(studyScenarioOf(d, d.name.toStdString()));
    plan.version = ARCHSIM_VERSION;
    if (!buildSweepPlan(plan, report)) qFatal("%s", report.toString().c_str());
    return sweepResultJson(runSweepShard(plan, {}));
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

    void testTwoScenariosCurvesAndCrossovers() {
        const auto docs = twoStations();
        SweepDialog dialog(docs, 0);
        QVERIFY(dialog.selectField("workload.ratePerS"));
        dialog.setValues(QStringLiteral("10, 30, 50, 70, 85"));
        dialog.setReplications(3);
        dialog.setFigure("meanMs");
        QSignalSpy ended(&dialog, &SweepDialog::sweepEnded);
        QVERIFY2(dialog.start(), qPrintable(dialog.statusText()));
        QVERIFY(ended.wait(60'000));
        const auto& result = dialog.result();
        QCOMPARE(result["scenarios"].size(), std::size_t{2});
        // Two curves, each with its band: six graphs, two of them named in the legend.
        QCOMPARE(dialog.plot()->graphCount(), 6);
        QCOMPARE(dialog.plot()->graph(2)->name(), QStringLiteral("one fast"));
        QCOMPARE(dialog.plot()->graph(5)->name(), QStringLiteral("two slow"));
        QCOMPARE(dialog.plot()->graph(5)->data()->size(), 5);

        // The same sweep through sim/study directly gives the same crossovers.
        const nlohmann::json sweep = {{"formatVersion", 1},
                                      {"name", result["name"]},
                                      {"scenarios", {"one fast", "two slow"}},
                                      {"replications", 3},
                                      {"seed", 3},
                                      {"figures", result["figures"]},
                                      {"fields",
                                       {{{"path", "workload.ratePerS"},
                                         {"values", {10.0, 30.0, 50.0, 70.0, 85.0}},
                                         {"scale", "linear"}}}}};
        const nlohmann::json direct = simResult(sweep, docs);
        QCOMPARE(result["crossovers"].dump(), direct["crossovers"].dump());
        std::vector<double> mean;
        for (const auto& c : direct["crossovers"])
            if (c["figure"] == "meanMs") mean.push_back(c["at"].get<double>());
        QVERIFY2(!mean.empty(), "the fast single server and the slow pair must cross");
        QTableWidget* table = dialog.crossoverTable();
        QCOMPARE(table->rowCount(), static_cast<int>(mean.size()));
        for (int row = 0; row < table->rowCount(); ++row)
            QCOMPARE(table->item(row, 2)->data(Qt::UserRole).toDouble(),
                     mean[static_cast<std::size_t>(row)]);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("one fast / two slow"));
        // A marked crossing on the plot: a line, its interval and its label per crossover.
        QCOMPARE(dialog.plot()->itemCount(), 3 * static_cast<int>(mean.size()));
    }

    void testTwoFieldHeatmap() {
        SweepDialog dialog(station(30), nullptr);
        QVERIFY(dialog.selectField("workload.ratePerS"));
        dialog.setValues(QStringLiteral("20 40 60"));
        QVERIFY(dialog.setSecondField("topology.stations[0].servers"));
        dialog.setSecondValues(QStringLiteral("1, 2"));
        dialog.setReplications(2);
        dialog.setFigure("meanMs");
        QSignalSpy ended(&dialog, &SweepDialog::sweepEnded);
        QVERIFY2(dialog.start(), qPrintable(dialog.statusText()));
        QVERIFY(ended.wait(60'000));
        QCPColorMap* map = dialog.colorMap();
        QVERIFY(map);
        QCOMPARE(map->data()->keySize(), 3);
        QCOMPARE(map->data()->valueSize(), 2);
        const auto& grid = dialog.result()["grid"];
        const nlohmann::json* mean = nullptr;
        for (const auto& g : grid)
            if (g["figure"] == "meanMs") mean = &g["mean"];
        QVERIFY(mean);
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 2; ++j)
                QCOMPARE(map->data()->cell(i, j), (*mean)[i][j].get<double>());
        // Two servers are faster than one at every rate.
        QVERIFY(map->data()->cell(2, 1) < map->data()->cell(2, 0));
        QVERIFY(map->colorScale());
        QVERIFY(dialog.cellText(2, 1).contains(QStringLiteral("Workload: Rate = 60")));
        QVERIFY(dialog.cellText(2, 1).contains(QStringLiteral(" ± ")));
        QVERIFY(dialog.cellText(5, 0).isEmpty());
    }

    void testSavedSweepFileRoundTrips() {
        QTemporaryDir dir;
        const auto docs = twoStations(&dir);
        SweepDialog dialog(docs, 0);
        QVERIFY(dialog.selectField("workload.ratePerS"));
        dialog.setRange(5, 80, 5, true);
        QVERIFY(dialog.setSecondField("topology.stations[0].servers"));
        dialog.setSecondValues(QStringLiteral("1, 2, 3"));
        dialog.setReplications(4);
        const QString path = dir.filePath(QStringLiteral("sweeps/study.json"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sweeps")));
        QCOMPARE(dialog.saveSweepFile(path), QString());
        ValidationReport report;
        const auto spec = loadSweepFile(path.toStdString(), report);
        QVERIFY2(spec, report.toString().c_str());
        QCOMPARE(spec->scenarioFiles.size(), std::size_t{2});
        QCOMPARE(spec->scenarioFiles[0], std::string("../one fast.json"));
        QCOMPARE(QFileInfo(QString::fromStdString(spec->scenarioPaths[1])).canonicalFilePath(),
                 QFileInfo(docs[1].filePath).canonicalFilePath());
        QCOMPARE(spec->replications, 4u);
        QCOMPARE(spec->seed, std::uint64_t{3});
        QCOMPARE(spec->fields.size(), std::size_t{2});
        QCOMPARE(spec->fields[0].target.path, std::string("workload.ratePerS"));
        QCOMPARE(spec->fields[0].scale, SweepScale::Log);
        QCOMPARE(spec->fields[0].values.size(), std::size_t{5});
        QCOMPARE(spec->fields[0].values.front().get<double>(), 5.0);
        QCOMPARE(spec->fields[0].values.back().get<double>(), 80.0);
        QCOMPARE(spec->fields[1].target.path, std::string("topology.stations[0].servers"));
        QCOMPARE(spec->fields[1].values, (std::vector<nlohmann::json>{1, 2, 3}));
        QVERIFY(!spec->figures.empty());

        // A scenario never saved cannot be named by a sweep file: said, nothing written.
        auto unsaved = docs;
        unsaved[1].filePath.clear();
        SweepDialog other(unsaved, 0);
        const QString second = dir.filePath(QStringLiteral("other.json"));
        QVERIFY(other.saveSweepFile(second).contains(QStringLiteral("two slow")));
        QVERIFY(!QFile::exists(second));
    }

    void testExportWritesTheResult() {
        SweepDialog dialog(station(30), nullptr);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("result.json"));
        QVERIFY(!dialog.exportResult(out).isEmpty());  // nothing yet
        dialog.setValues(QStringLiteral("10, 20"));
        dialog.setReplications(2);
        QSignalSpy ended(&dialog, &SweepDialog::sweepEnded);
        QVERIFY(dialog.start());
        QVERIFY(ended.wait(60'000));
        QCOMPARE(dialog.exportResult(out), QString());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto json = nlohmann::json::parse(file.readAll().toStdString());
        QCOMPARE(json["archsimSweepResult"], 1);
        QCOMPARE(json, dialog.result());
        const QString png = dir.filePath(QStringLiteral("plot.png"));
        QCOMPARE(dialog.exportPng(png), QString());
        QVERIFY(QImage(png).width() > 0);
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
        QCOMPARE(dialog.plot()->graph(2)->data()->size(), static_cast<int>(kept));
    }

    void testClosingMidRunIsSafe() {
        auto* dialog = new SweepDialog(station(20000), nullptr);
        dialog->setRange(10, 80, 20, false);
        QVERIFY(dialog->start());
        QVERIFY(dialog->running());
        delete dialog;  // cancels and joins; the queued results are dropped with it
        QTest::qWait(50);
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

    void testBadInputNamesTheField() {
        SweepDialog dialog(station(30), nullptr);
        QVERIFY(dialog.selectField("workload.ratePerS"));
        // From above To on a log range.
        dialog.setRange(50, 10, 4, true);
        QVERIFY(!dialog.start());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("Field 1")) &&
                     dialog.statusText().contains(QStringLiteral("From")),
                 qPrintable(dialog.statusText()));
        // An empty list, then a word in it: each named, the text left as typed.
        dialog.setValues(QStringLiteral("  ,  "));
        QVERIFY(!dialog.start());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("list is empty")),
                 qPrintable(dialog.statusText()));
        dialog.setValues(QStringLiteral("10, lots"));
        QVERIFY(!dialog.start());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("'lots' is not a number")),
                 qPrintable(dialog.statusText()));
        bool kept = false;
        for (QLineEdit* edit : dialog.findChildren<QLineEdit*>())
            kept = kept || edit->text() == QStringLiteral("10, lots");
        QVERIFY(kept);
        // The same field twice.
        dialog.setValues(QStringLiteral("10, 20"));
        QVERIFY(dialog.setSecondField("workload.ratePerS"));
        dialog.setSecondValues(QStringLiteral("1, 2"));
        QVERIFY(!dialog.start());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("Field 2")),
                 qPrintable(dialog.statusText()));
        // No scenario chosen.
        dialog.clearSecondField();
        dialog.setScenarioChosen(0, false);
        QVERIFY(!dialog.start());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("Scenarios")),
                 qPrintable(dialog.statusText()));
        QVERIFY(!dialog.running());
    }
};

QTEST_MAIN(TestSweepDialog)
#include "tst_sweepdialog.moc"
