// SPDX-License-Identifier: GPL-3.0-or-later
// The topology diagram without a mouse: arrows move the selection between components, Enter asks
// to edit the selected one, C then arrows then Enter connects, Esc cancels; the view tells a
// screen reader what is selected.
#include <QGraphicsView>
#include <QSignalSpy>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "ui/topology/nodeitem.h"
#include "ui/topology/topologyview.h"

using namespace archsim;
using namespace archsim::ui;

namespace {
Scenario load(const char* name) {
    ValidationReport report;
    auto scenario = loadScenarioFile(std::string(ARCHSIM_RESOURCES_DIR "/presets/") + name, report);
    if (!scenario) qFatal("%s does not load: %s", name, report.toString().c_str());
    return *scenario;
}
}  // namespace

class TestTopologyKeyboard : public QObject {
    Q_OBJECT
private slots:
    void testArrowsEnterAndConnect() {
        TopologyView topology;
        topology.resize(1200, 500);
        topology.setScenario(load("auth-api-workers.json"));
        topology.show();
        QVERIFY(QTest::qWaitForWindowExposed(&topology));
        QTRY_VERIFY(!topology.rebuildPending());
        QGraphicsView* view = topology.view();
        QCOMPARE(view->focusPolicy(), Qt::StrongFocus);
        view->setFocus();
        QSignalSpy selections(&topology, &TopologyView::selectionChanged);
        QSignalSpy edits(&topology, &TopologyView::editRequested);
        QSignalSpy connects(&topology, &TopologyView::connectRequested);

        // The first arrow selects the workload, the next one what it sends requests to.
        QTest::keyClick(view, Qt::Key_Right);
        QCOMPARE(topology.selection().kind, ComponentKind::Workload);
        QVERIFY(view->accessibleDescription().startsWith("Selected: the workload."));
        QTest::keyClick(view, Qt::Key_Right);
        const ComponentRef entry = topology.selection();
        QVERIFY(entry.isComponent());
        const QPointF workloadAt =
            topology.nodeItem({ComponentKind::Workload, {}})->sceneBoundingRect().center();
        QVERIFY(topology.nodeItem(entry)->sceneBoundingRect().center().x() > workloadAt.x());
        QCOMPARE(selections.size(), 2);
        QTest::keyClick(view, Qt::Key_Left);
        QCOMPARE(topology.selection().kind, ComponentKind::Workload);
        QTest::keyClick(view, Qt::Key_Left);  // nothing further left: stays
        QCOMPARE(topology.selection().kind, ComponentKind::Workload);
        QTest::keyClick(view, Qt::Key_Right);
        QCOMPARE(topology.selection(), entry);

        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(edits.size(), 1);
        QCOMPARE(edits.at(0).at(0).value<ComponentRef>(), entry);

        // C, an arrow to choose, Enter: one connection from the selection to the target.
        QTest::keyClick(view, Qt::Key_C);
        const auto targeted = [&] {
            for (QGraphicsItem* item : topology.scene()->items())
                if (auto* node = dynamic_cast<NodeItem*>(item); node && node->isTargeted())
                    return node->ref();
            return ComponentRef{};
        };
        ComponentRef target = targeted();
        QVERIFY(target.kind != ComponentKind::None && !(target == entry));
        QVERIFY(view->accessibleDescription().contains("Connect to:"));
        QTest::keyClick(view, Qt::Key_Down);
        target = targeted();
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(connects.size(), 1);
        QCOMPARE(connects.at(0).at(0).value<ComponentRef>(), entry);
        QCOMPARE(connects.at(0).at(1).value<ComponentRef>(), target);
        QCOMPARE(targeted().kind, ComponentKind::None);
        QCOMPARE(topology.selection(), entry);  // connecting keeps the selection

        // Esc cancels: nothing connects, Enter edits again.
        QTest::keyClick(view, Qt::Key_C);
        QTest::keyClick(view, Qt::Key_Escape);
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(connects.size(), 1);
        QCOMPARE(edits.size(), 2);
    }
};

QTEST_MAIN(TestTopologyKeyboard)
#include "tst_topologykeyboard.moc"
