// SPDX-License-Identifier: GPL-3.0-or-later
// The topology diagram is derived from what requests do: entry, gateway next, handler calls,
// cache lookups with their miss path; chains read left to right; the view selects and badges.

#include <QSignalSpy>
#include <QtTest>

#include "ui/document/scenarioedits.h"
#include "ui/topology/nodeitem.h"
#include "ui/topology/topologygraph.h"
#include "ui/topology/topologyview.h"

using namespace archsim;
using namespace archsim::ui;

namespace {
Scenario authApi() {
    Scenario s;
    const ComponentRef gateway = addComponent(s, ComponentKind::Gateway);
    const ComponentRef functions = addComponent(s, ComponentKind::Function);
    const ComponentRef cache = addComponent(s, ComponentKind::Cache);
    const ComponentRef database = addComponent(s, ComponentKind::Database);
    connectComponents(s, gateway, functions, nullptr);
    connectComponents(s, functions, cache, nullptr);
    s.topology.functions.front().handler.back().onMiss.push_back(
        {HandlerStep::Kind::Call, nullptr, database.id.toStdString(), 1, {}, {}, {}, {}, {}, {}});
    addComponent(s, ComponentKind::Hop);  // not connected to anything
    return s;
}

const TopologyEdge* edge(const TopologyGraph& graph, const QString& from, const QString& to) {
    for (const auto& e : graph.edges)
        if (e.from.id == from && e.to.id == to) return &e;
    return nullptr;
}
}  // namespace

class TestTopologyGraph : public QObject {
    Q_OBJECT
private slots:
    void testEdgeRatesFollowTheRequests() {
        // Gateway -> functions -> cache, and the database on a miss (hit ratio 0.75 measured).
        const Scenario s = authApi();
        const TopologyGraph graph = buildTopologyGraph(s);
        ComponentGauge cache;
        cache.id = s.topology.caches.front().id;
        cache.hitRatio = 0.75;
        const std::vector<double> rates = edgeRates(graph, 40, {cache});
        QCOMPARE(rates.size(), graph.edges.size());
        const auto rateOf = [&](const QString& from, const QString& to) {
            for (std::size_t i = 0; i < graph.edges.size(); ++i)
                if (graph.edges[i].from.id == from && graph.edges[i].to.id == to) return rates[i];
            return -1.0;
        };
        const QString gateway = QString::fromStdString(s.topology.gateways.front().id);
        const QString functions = QString::fromStdString(s.topology.functions.front().id);
        const QString database = QString::fromStdString(s.topology.databases.front().id);
        QCOMPARE(rateOf(QString(), gateway), 40.0);
        QCOMPARE(rateOf(gateway, functions), 40.0);
        QCOMPARE(rateOf(functions, cache.id.c_str()), 40.0);
        QCOMPARE(rateOf(functions, database), 10.0);
        // Without traffic, none anywhere.
        for (double rate : edgeRates(graph, 0, {cache})) QCOMPARE(rate, 0.0);
    }

    void testEveryPlacedComponentShowsItsRegion() {
        // Each component's tag names where it runs: its own region, the first region when it
        // names none, "edge"; a queue too (it was left untagged).
        Scenario s = authApi();
        const ComponentRef queue = addComponent(s, ComponentKind::Queue);
        s.topology.regions = {{"us-east-1", 1}, {"home", 1}};
        s.topology.functions.front().region = kEdgeRegion;
        s.topology.databases.front().region = "home";
        for (QueueSpec& q : s.topology.queues)
            if (q.id == queue.id.toStdString()) q.region = "home";
        const TopologyGraph graph = buildTopologyGraph(s);
        const auto regionOf = [&](const std::string& id) {
            for (const TopologyNode& node : graph.nodes)
                if (node.ref.id == QString::fromStdString(id)) return node.region;
            return QStringLiteral("(no node)");
        };
        QCOMPARE(regionOf(s.topology.functions.front().id), QStringLiteral("edge"));
        QCOMPARE(regionOf(s.topology.databases.front().id), QStringLiteral("home"));
        QCOMPARE(regionOf(s.topology.gateways.front().id), QStringLiteral("us-east-1"));
        QCOMPARE(regionOf(queue.id.toStdString()), QStringLiteral("home"));
    }

    void testEdgesFollowRequests();
    void testEdgeFunctionsShowTheirLimitPerRegion();
    void testColumnsReadLeftToRight();
    void testViewSelectsAndShowsBadges();
    void testDatabaseRimClearsTheTitle();
    void testBottleneckIsTheLongestQueueElseTheBusiest();
    void testUploadsDrawTheirPutsAndEvents();
};

void TestTopologyGraph::testUploadsDrawTheirPutsAndEvents() {
    // A function's put, the client's put after the response and the store's event each draw an
    // arrow; a rename follows all three, and removing the queue drops the event.
    Scenario s;
    const ComponentRef gateway = addComponent(s, ComponentKind::Gateway);
    const ComponentRef function = addComponent(s, ComponentKind::Function);
    const ComponentRef store = addComponent(s, ComponentKind::ObjectStore);
    const ComponentRef queue = addComponent(s, ComponentKind::Queue);
    QCOMPARE(s.topology.entry, gateway.id.toStdString());  // a store never becomes the entry
    connectComponents(s, gateway, function, nullptr);
    QVERIFY(connectComponents(s, function, store, nullptr));
    QCOMPARE(s.topology.functions.front().handler.back().kind, HandlerStep::Kind::Put);
    HandlerStep upload;
    upload.kind = HandlerStep::Kind::Put;
    upload.target = store.id.toStdString();
    s.workload.afterResponse.push_back(upload);
    s.topology.objectStores.front().onPut =
        StoreEventSpec{.queue = queue.id.toStdString(), .function = ""};
    TopologyGraph graph = buildTopologyGraph(s);
    const TopologyEdge* put = edge(graph, function.id, store.id);
    QVERIFY(put);
    QCOMPARE(put->label, QStringLiteral("PUT"));
    const TopologyEdge* client = edge(graph, {}, store.id);
    QVERIFY(client);
    QCOMPARE(client->label, QStringLiteral("after the response"));
    const TopologyEdge* event = edge(graph, store.id, queue.id);
    QVERIFY(event);
    QCOMPARE(event->label, QStringLiteral("on PUT"));

    QVERIFY(renameComponent(s, store, QStringLiteral("uploads"), nullptr));
    QCOMPARE(s.workload.afterResponse.front().target, std::string("uploads"));
    QCOMPARE(s.topology.functions.front().handler.back().target, std::string("uploads"));
    QVERIFY(removeComponent(s, queue));
    QVERIFY(!s.topology.objectStores.front().onPut);
    QVERIFY(removeComponent(s, {ComponentKind::ObjectStore, QStringLiteral("uploads")}));
    QVERIFY(s.workload.afterResponse.empty());
    for (const HandlerStep& step : s.topology.functions.front().handler)
        QVERIFY(step.kind != HandlerStep::Kind::Put);
}

void TestTopologyGraph::testEdgesFollowRequests() {
    const TopologyGraph graph = buildTopologyGraph(authApi());
    QCOMPARE(graph.nodes.size(), std::size_t{6});  // workload + 5 components
    QVERIFY(edge(graph, {}, QStringLiteral("gateway")));
    QVERIFY(edge(graph, QStringLiteral("gateway"), QStringLiteral("functions")));
    const TopologyEdge* lookup = edge(graph, QStringLiteral("functions"), QStringLiteral("cache"));
    QVERIFY(lookup);
    QCOMPARE(lookup->label, QStringLiteral("lookup"));
    QVERIFY(!lookup->conditional);
    const TopologyEdge* miss = edge(graph, QStringLiteral("functions"), QStringLiteral("database"));
    QVERIFY(miss);
    QCOMPARE(miss->label, QStringLiteral("on miss"));
    QVERIFY(miss->conditional);
    QVERIFY(graph.find({ComponentKind::Gateway, QStringLiteral("gateway")})->entry);
}

void TestTopologyGraph::testEdgeFunctionsShowTheirLimitPerRegion() {
    // An edge pool keeps instances, and its instance limit, per client region: its tile says so.
    Scenario s = authApi();
    const ComponentRef functions{ComponentKind::Function, QStringLiteral("functions")};
    const auto subtitle = [&] { return buildTopologyGraph(s).find(functions)->subtitle; };
    QVERIFY2(subtitle().startsWith(QStringLiteral("1/instance · ≤1000 inst\n")),
             qPrintable(subtitle()));
    s.topology.functions.front().region = kEdgeRegion;
    s.topology.regions = {{"us-east-1", 1}, {"eu-west-1", 1}};
    QVERIFY2(subtitle().startsWith(QStringLiteral("1/instance · ≤1000/region\n")),
             qPrintable(subtitle()));
    s.topology.functions.front().region = "eu-west-1";
    QVERIFY2(subtitle().startsWith(QStringLiteral("1/instance · ≤1000 inst\n")),
             qPrintable(subtitle()));
}

void TestTopologyGraph::testColumnsReadLeftToRight() {
    const TopologyGraph graph = buildTopologyGraph(authApi());
    auto column = [&](ComponentKind kind, const QString& id) {
        return graph.find({kind, id})->column;
    };
    QCOMPARE(column(ComponentKind::Workload, {}), 0);
    QCOMPARE(column(ComponentKind::Gateway, QStringLiteral("gateway")), 1);
    QCOMPARE(column(ComponentKind::Function, QStringLiteral("functions")), 2);
    QCOMPARE(column(ComponentKind::Cache, QStringLiteral("cache")), 3);
    QCOMPARE(column(ComponentKind::Database, QStringLiteral("database")), 3);
    // Unconnected components wait in a column of their own, right of everything.
    QCOMPARE(column(ComponentKind::Hop, QStringLiteral("network")), 4);
}

void TestTopologyGraph::testViewSelectsAndShowsBadges() {
    TopologyView view;
    view.resize(900, 400);
    view.setScenario(authApi());
    QTRY_VERIFY(!view.rebuildPending());  // the diagram is drawn on the next turn of the loop
    QSignalSpy selected(&view, &TopologyView::selectionChanged);
    NodeItem* cache = view.nodeItem({ComponentKind::Cache, QStringLiteral("cache")});
    QVERIFY(cache);
    cache->setSelected(true);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(view.selection().id, QStringLiteral("cache"));

    ComponentGauge gauge;
    gauge.id = "cache";
    gauge.hitRatio = 0.925;
    ComponentGauge pool;
    pool.id = "functions";
    pool.alive = 12;
    pool.busy = 6.5;
    pool.utilization = 0.54;
    view.setGauges({gauge, pool});
    QCOMPARE(cache->badgeText(), QStringLiteral("hit 92.5%"));
    QVERIFY(view.nodeItem({ComponentKind::Function, QStringLiteral("functions")})
                ->badgeText()
                .contains(QStringLiteral("12.0 alive")));
    // A rebuild (after an edit) keeps the selection and the badges.
    view.setScenario(authApi());
    QTRY_VERIFY(!view.rebuildPending());
    QCOMPARE(view.selection().id, QStringLiteral("cache"));
    QCOMPARE(view.nodeItem({ComponentKind::Cache, QStringLiteral("cache")})->badgeText(),
             QStringLiteral("hit 92.5%"));
    // The busiest component is the bottleneck; the cache has no utilisation to compete with.
    QCOMPARE(view.bottleneck(), QStringLiteral("functions"));
    QVERIFY(view.nodeItem({ComponentKind::Function, QStringLiteral("functions")})->isBottleneck());
    QVERIFY(!view.nodeItem({ComponentKind::Cache, QStringLiteral("cache")})->isBottleneck());
    view.clearGauges();
    QCOMPARE(view.bottleneck(), QString());
    QVERIFY(!view.nodeItem({ComponentKind::Function, QStringLiteral("functions")})->isBottleneck());
}

void TestTopologyGraph::testBottleneckIsTheLongestQueueElseTheBusiest() {
    const auto gauge = [](const char* id, double utilization, double queue) {
        ComponentGauge g;
        g.id = id;
        g.utilization = utilization;
        g.queueLength = queue;
        return g;
    };
    // A building queue outranks a busier component without one.
    const std::vector<ComponentGauge> queued{gauge("busy", 0.95, 0), gauge("queued", 0.6, 3),
                                             gauge("short", 0.7, 0.6)};
    QCOMPARE(TopologyView::bottleneckOf(queued)->id, std::string("queued"));
    const std::vector<ComponentGauge> noQueue{gauge("a", 0.4, 0.1), gauge("b", 0.8, 0)};
    QCOMPARE(TopologyView::bottleneckOf(noQueue)->id, std::string("b"));
    // Nothing is a bottleneck in an idle system.
    const std::vector<ComponentGauge> idle{gauge("a", 0.01, 0), gauge("b", 0, 0.2)};
    QVERIFY(!TopologyView::bottleneckOf(idle));
    QVERIFY(!TopologyView::bottleneckOf({}));
}

void TestTopologyGraph::testDatabaseRimClearsTheTitle() {
    // The rim drawn across the top of a database (the lower half of lidRect) stays above the
    // title instead of striking through the component's name.
    QVERIFY(NodeItem::lidRect().bottom() <= NodeItem::titleRect().top());
    QVERIFY(NodeItem::lidRect().center().y() >= 0);  // and inside the box
}

QTEST_MAIN(TestTopologyGraph)
#include "tst_topologygraph.moc"
