// SPDX-License-Identifier: GPL-3.0-or-later
// The traffic drawn over the diagram from the windows' snapshots: after a snapshot, pulses run on
// every arrow with traffic, as many as its share of the requests (a cache's misses only on the
// miss path); instances starting cold and reclaimed, a filling queue and a failure in force are
// marked; nothing is drawn and no frame timer runs when the run is idle, paused or at full speed.

#include <QStandardPaths>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "ui/document/scenarioedits.h"
#include "ui/topology/nodeitem.h"
#include "ui/topology/topologygraph.h"
#include "ui/topology/topologyview.h"
#include "ui/topology/trafficanimation.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

// Requests into a function pool; each looks up a cache and calls the database on a miss. A
// server pool sits unconnected, for the queue mark.
Scenario cachedScenario() {
    const char* text = R"({
        "formatVersion": 1,
        "workload": {"type": "poisson", "ratePerS": 100},
        "run": {"durationS": 120},
        "topology": {
            "entry": "fn",
            "functions": [{"id": "fn", "coldStartMs": 100, "keepAliveS": 10,
                           "handler": [{"cache": "c", "onMiss": [{"call": "db"}]}, {"cpu": 1}]}],
            "caches": [{"id": "c", "lookupMs": 1, "hitRatio": 0.8}],
            "databases": [{"id": "db", "queryMs": 5}]
        },
        "failures": [{"kind": "down", "target": "db", "startS": 60, "endS": 90}]
    })";
    ValidationReport report;
    auto scenario = scenarioFromJson(nlohmann::json::parse(text), report);
    if (!scenario) qFatal("%s", report.toString().c_str());
    return *scenario;
}

std::vector<ComponentGauge> gauges(double hitRatio, double alive, std::uint64_t coldStarts) {
    ComponentGauge function;
    function.id = "fn";
    function.alive = alive;
    function.busy = alive / 2;
    function.utilization = 0.5;
    function.coldStarts = coldStarts;
    ComponentGauge cache;
    cache.id = "c";
    cache.hitRatio = hitRatio;
    ComponentGauge database;
    database.id = "db";
    database.alive = 10;
    database.busy = 10;
    database.queueLength = 10;
    database.utilization = 1;
    return {function, cache, database};
}

/// The index of the overlay path for the edge from `from` to `to`.
std::size_t pathOf(const Scenario& scenario, const QString& from, const QString& to) {
    const TopologyGraph graph = buildTopologyGraph(scenario);
    std::size_t index = 0;
    for (const auto& edge : graph.edges) {
        if (edge.from.id == from && edge.to.id == to) return index;
        ++index;
    }
    return std::size_t(-1);
}

}  // namespace

class TestTrafficAnimation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void testPulsesFollowTheThroughputAfterASnapshot() {
        const Scenario scenario = cachedScenario();
        TopologyView view;
        view.resize(900, 400);
        view.show();
        view.setScenario(scenario);
        QTRY_VERIFY(!view.rebuildPending());
        QVERIFY(view.traffic());
        view.setLive(1, true);
        QCOMPARE(view.traffic()->totalPulses(), 0);  // no snapshot yet
        QVERIFY(!view.isAnimating());

        view.setSimulatedTime(30);
        view.setGauges(gauges(0.8, 12, 0));
        view.setArrivalRate(100);
        const TrafficAnimation* traffic = view.traffic();
        const std::size_t entry = pathOf(scenario, QString(), QStringLiteral("fn"));
        const std::size_t lookup = pathOf(scenario, QStringLiteral("fn"), QStringLiteral("c"));
        const std::size_t miss = pathOf(scenario, QStringLiteral("fn"), QStringLiteral("db"));
        QCOMPARE(traffic->pulseCount(entry), TrafficAnimation::kMaxPulses);
        QCOMPARE(traffic->pulseCount(lookup), TrafficAnimation::kMaxPulses);
        // A fifth of the requests miss: a fifth of the pulses, rounded.
        QCOMPARE(traffic->pulseCount(miss), 2);
        QVERIFY(view.isAnimating());
        const double phase = traffic->phase();
        QTRY_VERIFY(traffic->phase() != phase);  // the timer moves them

        // Every request hits now: nothing on the miss path.
        view.setGauges(gauges(1.0, 12, 0));
        QCOMPARE(traffic->pulseCount(miss), 0);
        QCOMPARE(traffic->pulseCount(lookup), TrafficAnimation::kMaxPulses);
    }

    void testNothingMovesWhenIdlePausedOrAtFullSpeed() {
        TopologyView view;
        view.show();
        view.setScenario(cachedScenario());
        QTRY_VERIFY(!view.rebuildPending());
        view.setGauges(gauges(0.8, 12, 0));
        view.setArrivalRate(100);
        // Idle: a snapshot alone draws nothing.
        QCOMPARE(view.traffic()->totalPulses(), 0);
        QVERIFY(!view.isAnimating());
        view.setLive(10, true);
        QVERIFY(view.traffic()->totalPulses() > 0);
        QVERIFY(view.isAnimating());
        view.setLive(0, true);  // as fast as possible
        QCOMPARE(view.traffic()->totalPulses(), 0);
        QVERIFY(view.traffic()->marks().empty());
        QVERIFY(!view.isAnimating());
        view.setLive(100, true);
        QVERIFY(!view.isAnimating());
        view.setLive(1, true);
        QVERIFY(view.isAnimating());
        view.setLive(1, false);  // paused or finished
        QCOMPARE(view.traffic()->totalPulses(), 0);
        QVERIFY(!view.isAnimating());
    }

    void testComponentsAreMarked() {
        TopologyView view;
        view.show();
        view.setScenario(cachedScenario());
        QTRY_VERIFY(!view.rebuildPending());
        view.setLive(1, true);
        view.setSimulatedTime(30);
        view.setGauges(gauges(0.8, 12, 3));
        view.setArrivalRate(100);
        const auto markOf = [&view](const QString& id) -> const TrafficAnimation::Mark* {
            const QRectF box = view.nodeItem({kindOf(cachedScenario(), id), id})
                                   ->sceneBoundingRect()
                                   .adjusted(3, 3, -3, -3);
            for (const auto& mark : view.traffic()->marks())
                if (mark.box == box) return &mark;
            return nullptr;
        };
        const TrafficAnimation::Mark* function = markOf(QStringLiteral("fn"));
        QVERIFY(function);
        QCOMPARE(function->coldStarts, 3.0);
        QCOMPARE(function->reclaimed, 0.0);
        const TrafficAnimation::Mark* database = markOf(QStringLiteral("db"));
        QVERIFY(database);
        QVERIFY(database->queueFill > 0.5 && database->queueFill < 1);
        QVERIFY(database->failure.isEmpty());  // not yet: the failure starts at 60 s

        // The next window: four instances fewer, and the database down.
        view.setSimulatedTime(65);
        view.setGauges(gauges(0.8, 8, 0));
        function = markOf(QStringLiteral("fn"));
        QVERIFY(function);
        QCOMPARE(function->reclaimed, 4.0);
        QCOMPARE(function->coldStarts, 0.0);
        database = markOf(QStringLiteral("db"));
        QVERIFY(database);
        QCOMPARE(database->failure, QStringLiteral("down"));
        view.setSimulatedTime(95);
        view.setGauges(gauges(0.8, 8, 0));
        QVERIFY(markOf(QStringLiteral("db"))->failure.isEmpty());
    }

    void testTheOverlayNeverTakesClicks() {
        TopologyView view;
        view.resize(900, 400);
        view.show();
        view.setScenario(cachedScenario());
        QTRY_VERIFY(!view.rebuildPending());
        view.setLive(1, true);
        view.setGauges(gauges(0.8, 12, 3));
        view.setArrivalRate(100);
        auto* node = view.nodeItem({ComponentKind::Function, QStringLiteral("fn")});
        const QPoint at = view.view()->mapFromScene(node->sceneBoundingRect().center());
        QCOMPARE(view.view()->itemAt(at), static_cast<QGraphicsItem*>(node));
    }
};

QTEST_MAIN(TestTrafficAnimation)
#include "tst_trafficanimation.moc"
