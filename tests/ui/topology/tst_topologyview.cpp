// SPDX-License-Identifier: GPL-3.0-or-later
// The topology view driven with the real mouse: connecting by clicking a node must not pull the
// clicked item out from under Qt's own event handling (the diagram is redrawn later, never inside
// the click), and the selection survives redraws as a component id.

#include <QAction>
#include <QGraphicsView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

#include "ui/document/scenariodocument.h"
#include "ui/document/scenarioedits.h"
#include "ui/editors/propertieseditor.h"
#include "ui/mainwindow.h"
#include "ui/topology/nodeitem.h"
#include "ui/topology/topologygraph.h"
#include "ui/topology/topologyview.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

// Clicks a node of the diagram where a user would: at its centre, on the view's viewport. Qt goes
// on using the items under the mouse after the handlers it calls return, so no item of the
// diagram may be destroyed while the click is being delivered. A release build often survives
// that use of freed memory by luck; watching the items' destruction catches it every time.
void clickNode(TopologyView* topology, const ComponentRef& ref) {
    QTRY_VERIFY(!topology->rebuildPending());
    NodeItem* item = topology->nodeItem(ref);
    QVERIFY2(item, qPrintable(ref.id));
    QGraphicsView* view = topology->view();
    view->centerOn(item);
    const QPoint at = view->mapFromScene(item->sceneBoundingRect().center());
    QVERIFY(view->viewport()->rect().contains(at));
    bool delivering = true;
    int destroyedDuringClick = 0;
    QObject guard;  // disconnects the watchers when this function returns
    for (QGraphicsItem* each : topology->scene()->items())
        if (auto* node = dynamic_cast<NodeItem*>(each))
            QObject::connect(node, &QObject::destroyed, &guard, [&] {
                if (delivering) ++destroyedDuringClick;
            });
    // Press and release arrive as two events with a turn of the event loop between them, as
    // from a real mouse: whatever the press queued runs before the release is delivered.
    QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    delivering = false;
    QCoreApplication::processEvents();
    delivering = true;
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    delivering = false;
    QVERIFY2(destroyedDuringClick == 0,
             "diagram items were destroyed while Qt was still delivering the click to them");
}

QToolButton* toolButton(TopologyView* topology, const QString& text) {
    for (QToolBar* bar : topology->findChildren<QToolBar*>())
        for (QAction* action : bar->actions())
            if (action->text() == text)
                return qobject_cast<QToolButton*>(bar->widgetForAction(action));
    return nullptr;
}

bool calls(const Scenario& scenario, const ComponentRef& from, const ComponentRef& to) {
    for (const TopologyEdge& edge : buildTopologyGraph(scenario).edges)
        if (edge.from == from && edge.to == to) return true;
    return false;
}

ComponentRef firstOfKind(const Scenario& scenario, ComponentKind kind) {
    for (const ComponentRef& ref : allComponents(scenario))
        if (ref.kind == kind) return ref;
    return {};
}

}  // namespace

class TestTopologyView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void testConnectByClickingANode();
    void testSelectionSurvivesRedraw();

private:
    QTemporaryDir m_autosave;
};

void TestTopologyView::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_topologyview"));
    QSettings().clear();
    QVERIFY(m_autosave.isValid());
}

void TestTopologyView::testConnectByClickingANode() {
    // The reported sequence: the Go servers preset, a database the pool calls, a hop left alone;
    // select the pool, press Connect, click the hop.
    MainWindow window(m_autosave.path());
    window.resize(1600, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ScenarioDocument* document = window.openPreset(QStringLiteral("auth-api-servers.json"));
    QVERIFY(document);
    TopologyView* topology = window.topologyView();
    const ComponentRef pool{ComponentKind::Server, QStringLiteral("go-servers")};
    QVERIFY(exists(document->scenario(), pool));

    clickNode(topology, pool);
    QCOMPARE(topology->selection(), pool);
    const auto databasesBefore = document->scenario().topology.databases.size();
    emit topology->addRequested(ComponentKind::Database);
    QCOMPARE(document->scenario().topology.databases.size(), databasesBefore + 1);
    const ComponentRef database{
        ComponentKind::Database,
        QString::fromStdString(document->scenario().topology.databases.back().id)};
    QVERIFY2(calls(document->scenario(), pool, database), "the selected pool calls the database");
    emit topology->addRequested(ComponentKind::Hop);
    const ComponentRef hop = firstOfKind(document->scenario(), ComponentKind::Hop);
    QVERIFY(hop.isComponent());
    QVERIFY(!calls(document->scenario(), pool, hop));

    clickNode(topology, pool);
    QCOMPARE(topology->selection(), pool);
    QToolButton* connect = toolButton(topology, QStringLiteral("Connect"));
    QVERIFY(connect);
    QVERIFY(connect->isEnabled());
    QTest::mouseClick(connect, Qt::LeftButton);
    clickNode(topology, hop);  // crashed here when the diagram was rebuilt inside the click
    QVERIFY2(calls(document->scenario(), pool, hop),
             "the click did not connect the pool to the hop");
    // The selection stays on the component the connection started from, in the view and in the
    // redrawn scene.
    QTRY_VERIFY(!topology->rebuildPending());
    QCOMPARE(topology->selection(), pool);
    QVERIFY(topology->nodeItem(pool)->isSelected());
    QVERIFY(!topology->nodeItem(hop)->isSelected());
    // And the diagram goes on answering clicks.
    clickNode(topology, hop);
    QCOMPARE(topology->selection(), hop);
    QCOMPARE(window.propertiesEditor()->selection(), hop);
}

void TestTopologyView::testSelectionSurvivesRedraw() {
    MainWindow window(m_autosave.path());
    window.resize(1600, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ScenarioDocument* document = window.openPreset(QStringLiteral("auth-api-servers.json"));
    QVERIFY(document);
    TopologyView* topology = window.topologyView();
    const ComponentRef cache{ComponentKind::Cache, QStringLiteral("memory")};
    clickNode(topology, cache);
    QCOMPARE(topology->selection(), cache);
    // An edit redraws the diagram; the new item of the same component is the selected one.
    NodeItem* before = topology->nodeItem(cache);
    Scenario edited = document->scenario();
    edited.topology.caches.front().keys = 2000;
    document->edit(edited, QStringLiteral("Change keys"));
    QTRY_VERIFY(!topology->rebuildPending());
    NodeItem* after = topology->nodeItem(cache);
    QVERIFY(after);
    QVERIFY(after != before);
    QVERIFY(after->isSelected());
    QCOMPARE(topology->selection(), cache);
}

QTEST_MAIN(TestTopologyView)
#include "tst_topologyview.moc"
