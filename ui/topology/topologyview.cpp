// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/topology/topologyview.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QGraphicsScene>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <cmath>

#include "ui/charts/failuremarkers.h"
#include "ui/document/scenarioedits.h"
#include "ui/topology/diagramstyle.h"
#include "ui/topology/edgeitem.h"
#include "ui/topology/nodeitem.h"
#include "ui/topology/topologygraph.h"
#include "ui/topology/trafficanimation.h"

namespace archsim::ui {

namespace {
constexpr double kColumnGap = 70;
constexpr double kRowGap = 28;

QString keyOf(const ComponentRef& ref) {
    return QString::number(static_cast<int>(ref.kind)) + QLatin1Char('/') + ref.id;
}

// The items of a diagram that was replaced: out of the scene at once, destroyed only when control
// is back in the event loop (deleteLater), so a handler further up the stack that still holds one
// of them (a nested event loop, a scene still delivering an event) never touches freed memory.
class RetiredItems : public QObject {
public:
    RetiredItems(QList<QGraphicsItem*> items, QObject* parent)
        : QObject(parent), m_items(std::move(items)) {}
    ~RetiredItems() override { qDeleteAll(m_items); }

private:
    QList<QGraphicsItem*> m_items;
};
}  // namespace

TopologyView::TopologyView(QWidget* parent)
    : QWidget(parent),
      m_toolbar(new QToolBar(this)),
      m_view(new QGraphicsView(this)),
      m_scene(new QGraphicsScene(this)),
      m_hint(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_toolbar->setIconSize(QSize(18, 18));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* addButton = new QToolButton(m_toolbar);
    addButton->setText(tr("Add"));
    addButton->setIcon(QIcon(QStringLiteral(":/icons/add.svg")));
    addButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    addButton->setPopupMode(QToolButton::InstantPopup);
    addButton->setMenu(addMenu(addButton));
    addButton->setToolTip(tr("Add a component to the topology"));
    m_toolbar->addWidget(addButton);
    m_removeAction = m_toolbar->addAction(QIcon(QStringLiteral(":/icons/remove.svg")), tr("Remove"),
                                          this, [this] {
                                              if (m_selection.isComponent())
                                                  emit removeRequested(m_selection);
                                          });
    m_removeAction->setToolTip(tr("Remove the selected component and the calls to it"));
    m_connectAction = m_toolbar->addAction(QIcon(QStringLiteral(":/icons/connect.svg")),
                                           tr("Connect"), this, &TopologyView::startConnect);
    m_connectAction->setToolTip(
        tr("Connect the selected component to the next one you click: a "
           "gateway forwards to it, a pool's handler calls it"));
    m_toolbar
        ->addAction(tr("Fit"), this,
                    [this] {
                        m_userZoomed = false;
                        fitAll();
                    })
        ->setToolTip(tr("Show the whole diagram"));
    layout->addWidget(m_toolbar);
    // Its own text colour too: on the light note, the dark theme's light text would vanish.
    m_hint->setStyleSheet(QStringLiteral("background: #fff8e1; color: #202020; padding: 3px;"));
    m_hint->hide();
    layout->addWidget(m_hint);
    m_view->setScene(m_scene);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setDragMode(QGraphicsView::ScrollHandDrag);
    m_view->setBackgroundBrush(diagramStyle().background());
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->viewport()->installEventFilter(this);
    m_view->installEventFilter(this);
    m_view->setFocusPolicy(Qt::StrongFocus);
    m_view->setAccessibleName(tr("Topology diagram"));
    describeSelection();
    layout->addWidget(m_view, 1);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &TopologyView::sceneSelectionChanged);
    connect(m_view, &QWidget::customContextMenuRequested, this, &TopologyView::showContextMenu);
    m_removeAction->setEnabled(false);
    m_connectAction->setEnabled(false);
    m_frameTimer.setInterval(kFrameIntervalMs);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, &TopologyView::frame);
}

TopologyView::~TopologyView() {
    // QWidget deletes the scene's items before QObject would disconnect us: their removal must
    // not reach a half-destroyed view.
    disconnect(m_scene, nullptr, this, nullptr);
}

QMenu* TopologyView::addMenu(QWidget* parent) {
    auto* menu = new QMenu(parent);
    for (ComponentKind kind : {ComponentKind::Gateway, ComponentKind::Function,
                               ComponentKind::Server, ComponentKind::Cache, ComponentKind::Database,
                               ComponentKind::Hop, ComponentKind::Station, ComponentKind::Queue,
                               ComponentKind::ObjectStore}) {
        menu->addAction(QIcon(kindIconPath(kind)), kindLabel(kind), this,
                        [this, kind] { emit addRequested(kind); });
    }
    return menu;
}

void TopologyView::setScenario(const Scenario& scenario) {
    m_scenario = scenario;
    if (!exists(m_scenario, m_selection)) {
        m_selection = {};
        // The component a connection would start from is gone.
        endConnect();
    }
    updateActions();
    scheduleRebuild();
}

void TopologyView::scheduleRebuild() {
    if (m_rebuildPending) return;
    m_rebuildPending = true;
    queueRebuild();
}

void TopologyView::queueRebuild() {
    QMetaObject::invokeMethod(
        this,
        [this] {
            // Not between a press and its release either: the release would find its item gone,
            // count as a click on the empty background, and clear the selection.
            if (m_buttonsDown) {
                m_rebuildAfterRelease = true;
                return;
            }
            m_rebuildPending = false;
            rebuild();
        },
        Qt::QueuedConnection);
}

void TopologyView::updateActions() {
    m_removeAction->setEnabled(m_selection.isComponent());
    m_connectAction->setEnabled(m_selection.kind != ComponentKind::None);
}

NodeItem* TopologyView::nodeItem(const ComponentRef& ref) const {
    const auto it = m_nodes.find(keyOf(ref));
    return it == m_nodes.end() ? nullptr : it->second;
}

void TopologyView::rebuild() {
    m_rebuilding = true;
    QList<QGraphicsItem*> old;
    for (QGraphicsItem* item : m_scene->items())
        if (!item->parentItem()) old.append(item);
    for (QGraphicsItem* item : old) m_scene->removeItem(item);
    (new RetiredItems(std::move(old), this))->deleteLater();
    m_nodes.clear();
    m_traffic = nullptr;  // retired with the rest
    m_edgeOfPath.clear();
    m_graph = buildTopologyGraph(m_scenario);
    const TopologyGraph& graph = m_graph;
    std::map<int, int> rowsPerColumn;
    for (const auto& node : graph.nodes)
        rowsPerColumn[node.column] = std::max(rowsPerColumn[node.column], node.row + 1);
    int tallest = 1;
    for (const auto& [column, rows] : rowsPerColumn) tallest = std::max(tallest, rows);
    for (const auto& node : graph.nodes) {
        auto* item = new NodeItem(node);
        // Columns are centred vertically on the tallest one, so a chain reads as a straight line.
        const double offset =
            (tallest - rowsPerColumn[node.column]) * (NodeItem::kHeight + kRowGap) / 2;
        item->setPos(node.column * (NodeItem::kWidth + kColumnGap),
                     offset + node.row * (NodeItem::kHeight + kRowGap));
        m_scene->addItem(item);
        m_nodes[keyOf(node.ref)] = item;
        if (node.ref == m_selection) item->setSelected(true);
    }
    std::vector<QPainterPath> paths;
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const TopologyEdge& edge = graph.edges[i];
        NodeItem* from = nodeItem(edge.from);
        NodeItem* to = nodeItem(edge.to);
        if (!from || !to) continue;
        auto* item = new EdgeItem(from->sceneBoundingRect().adjusted(3, 3, -3, -3),
                                  to->sceneBoundingRect().adjusted(3, 3, -3, -3), edge.label,
                                  edge.conditional);
        m_scene->addItem(item);
        paths.push_back(item->path());
        m_edgeOfPath.push_back(i);
    }
    m_traffic = new TrafficAnimation;
    m_scene->addItem(m_traffic);
    m_traffic->setPaths(std::move(paths));
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-30, -30, 30, 60));
    m_rebuilding = false;
    applyGauges();
    setArrivalRate(m_arrivalRate);
    if (NodeItem* target = nodeItem(m_connectTarget)) target->setTargeted(m_connecting);
    if (!m_userZoomed) fitAll();
    updateActions();
}

void TopologyView::fitAll() {
    const QRectF rect = m_scene->sceneRect();
    m_view->resetTransform();
    const QSize viewport = m_view->viewport()->size();
    // Fit, but magnify little (large boxes look clumsy) and never shrink below legibility.
    double scale = std::min(viewport.width() / rect.width(), viewport.height() / rect.height());
    double smallest = 0.45;
    if (m_presenting) {
        // The room at the back must read every label: below this the diagram scrolls instead.
        const double pixelsAtOne = NodeItem::smallestPointSize() * m_view->logicalDpiY() / 72.0;
        smallest = std::max(smallest, kPresenterTextPixels / pixelsAtOne);
    }
    scale = std::clamp(scale, smallest, std::max(smallest, 1.25));
    m_view->scale(scale, scale);
    // A diagram wider than the view starts where requests do: at the workload, on the left.
    QPointF centre = rect.center();
    if (rect.width() * scale > viewport.width())
        centre.setX(rect.left() + viewport.width() / (2 * scale));
    m_view->centerOn(centre);
}

void TopologyView::setPresenting(bool presenting) {
    m_presenting = presenting;
    // Editing is for the desk, not the room: the diagram gets the toolbar's height.
    m_toolbar->setVisible(!presenting);
    DiagramStyle style = diagramStyle();
    style.textScale = presenting ? kPresenterTextScale : 1;
    setDiagramStyle(style);
    m_userZoomed = false;
    fitAll();
    m_scene->update();
}

void TopologyView::setDark(bool dark) {
    DiagramStyle style = diagramStyle();
    style.dark = dark;
    setDiagramStyle(style);
    m_view->setBackgroundBrush(style.background());
    scheduleRebuild();  // the arrows take their colour when they are made
}

double TopologyView::smallestTextPixels() const {
    return NodeItem::smallestPointSize() * m_view->logicalDpiY() / 72.0 * m_view->transform().m11();
}

void TopologyView::setSelection(const ComponentRef& ref) {
    if (ref == m_selection) return;
    m_selection = ref;
    describeSelection();
    m_rebuilding = true;
    m_scene->clearSelection();
    // A component added a moment ago has no item until the queued rebuild, which selects it.
    if (NodeItem* item = nodeItem(ref)) item->setSelected(true);
    m_rebuilding = false;
    updateActions();
}

void TopologyView::sceneSelectionChanged() {
    if (m_rebuilding) return;
    ComponentRef selected;
    const auto items = m_scene->selectedItems();
    if (!items.isEmpty())
        if (auto* node = dynamic_cast<NodeItem*>(items.front())) selected = node->ref();
    if (m_connecting) {
        endConnect();
        const ComponentRef from = m_selection;
        if (selected.kind != ComponentKind::None && !(selected == from)) {
            // The clicked node only marked the target: the selection stays on `from`, which the
            // queued redraw shows again (also when the connection is refused and nothing changes).
            emit connectRequested(from, selected);
            scheduleRebuild();
            return;
        }
    }
    if (selected == m_selection) return;
    m_selection = selected;
    describeSelection();
    updateActions();
    emit selectionChanged(m_selection);
}

void TopologyView::startConnect() {
    if (m_selection.kind == ComponentKind::None) return;
    m_connecting = true;
    m_hint->setText(tr("Click the component that %1 should call, or choose it with the arrow keys "
                       "and press Enter (Esc to cancel).")
                        .arg(m_selection.kind == ComponentKind::Workload ? tr("the workload")
                                                                         : m_selection.id));
    m_hint->show();
    // A first target to move from: the next component to the right, else any other.
    ComponentRef target = neighbour(m_selection, 1, 0);
    for (const auto& direction : {std::pair{0, 1}, std::pair{0, -1}, std::pair{-1, 0}})
        if (target == m_selection)
            target = neighbour(m_selection, direction.first, direction.second);
    setConnectTarget(target == m_selection ? ComponentRef{} : target);
}

void TopologyView::endConnect() {
    m_connecting = false;
    m_hint->hide();
    setConnectTarget({});
}

void TopologyView::setConnectTarget(const ComponentRef& ref) {
    if (NodeItem* old = nodeItem(m_connectTarget)) old->setTargeted(false);
    m_connectTarget = ref;
    if (NodeItem* item = nodeItem(ref)) {
        item->setTargeted(true);
        m_view->ensureVisible(item);
    }
    describeSelection();
}

ComponentRef TopologyView::neighbour(const ComponentRef& from, int dx, int dy) const {
    const NodeItem* origin = nodeItem(from);
    if (!origin) {
        // Nothing selected yet: start at the workload, where requests come from.
        const NodeItem* workload = nodeItem({ComponentKind::Workload, {}});
        return workload ? workload->ref() : from;
    }
    const QPointF centre = origin->sceneBoundingRect().center();
    ComponentRef best = from;
    double bestScore = 0;
    for (const auto& [key, item] : m_nodes) {
        if (item == origin) continue;
        const QPointF d = item->sceneBoundingRect().center() - centre;
        const double along = d.x() * dx + d.y() * dy;
        const double across = std::abs(d.x() * dy - d.y() * dx);
        if (along <= 0) continue;
        // Straight ahead beats diagonal: sideways distance counts double.
        const double score = along + 2 * across;
        if (best == from || score < bestScore) {
            best = item->ref();
            bestScore = score;
        }
    }
    return best;
}

bool TopologyView::handleKey(const QKeyEvent* event) {
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    int dx = 0, dy = 0;
    switch (event->key()) {
        case Qt::Key_Left:
            dx = -1;
            break;
        case Qt::Key_Right:
            dx = 1;
            break;
        case Qt::Key_Up:
            dy = -1;
            break;
        case Qt::Key_Down:
            dy = 1;
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (m_connecting) {
                const ComponentRef from = m_selection, to = m_connectTarget;
                endConnect();
                if (to.kind != ComponentKind::None && !(to == from)) {
                    emit connectRequested(from, to);
                    scheduleRebuild();
                }
            } else if (m_selection.kind != ComponentKind::None) {
                emit editRequested(m_selection);
            }
            return true;
        case Qt::Key_C:
            if (m_connecting || m_selection.kind == ComponentKind::None) return false;
            startConnect();
            return true;
        case Qt::Key_Escape:
            if (!m_connecting) return false;
            endConnect();
            return true;
        default:
            return false;
    }
    if (m_connecting) {
        const ComponentRef from =
            m_connectTarget.kind == ComponentKind::None ? m_selection : m_connectTarget;
        const ComponentRef next = neighbour(from, dx, dy);
        if (!(next == m_selection)) setConnectTarget(next);
        return true;
    }
    const ComponentRef next = neighbour(m_selection, dx, dy);
    if (next == m_selection) return true;
    setSelection(next);
    if (NodeItem* item = nodeItem(next)) m_view->ensureVisible(item);
    emit selectionChanged(m_selection);
    return true;
}

QList<QPair<QString, QString>> TopologyView::keyboardKeys() {
    return {{tr("Move to the nearest component that way"), tr("Arrow keys")},
            {tr("Edit the selected component in Properties"), tr("Enter")},
            {tr("Connect the selected component (arrows choose, Enter connects)"), tr("C")},
            {tr("Cancel Connect"), tr("Esc")},
            {tr("Remove the selected component"), tr("Delete")},
            {tr("Zoom"), tr("Ctrl+mouse wheel")}};
}

void TopologyView::describeSelection() {
    // A screen reader cannot see the boxes: the view's description says what is selected.
    const auto name = [](const ComponentRef& ref) {
        return ref.kind == ComponentKind::Workload
                   ? tr("the workload")
                   : QStringLiteral("%1 %2").arg(kindLabel(ref.kind), ref.id);
    };
    QString text = m_selection.kind == ComponentKind::None
                       ? tr("Nothing selected.")
                       : tr("Selected: %1.").arg(name(m_selection));
    if (m_connecting && m_connectTarget.kind != ComponentKind::None)
        text += QLatin1Char(' ') + tr("Connect to: %1.").arg(name(m_connectTarget));
    text += QLatin1Char(' ') + tr("Arrow keys move between components, Enter edits the selected "
                                  "one, C connects it, Delete removes it.");
    m_view->setAccessibleDescription(text);
}

const ComponentGauge* TopologyView::bottleneckOf(const std::vector<ComponentGauge>& gauges) {
    // A queue that builds is the clearest sign of the limit; without one, the busiest component.
    // Caches have no utilisation (their gauge says so with 0) and never win on it.
    constexpr double kQueueWorthNaming = 0.5;     // requests waiting, on average
    constexpr double kBusyWorthNaming = 0.05;     // an idle system has no bottleneck
    const ComponentGauge* longestQueue = nullptr;
    const ComponentGauge* busiest = nullptr;
    for (const auto& gauge : gauges) {
        if (gauge.queueLength >= kQueueWorthNaming &&
            (!longestQueue || gauge.queueLength > longestQueue->queueLength))
            longestQueue = &gauge;
        if (gauge.utilization >= kBusyWorthNaming &&
            (!busiest || gauge.utilization > busiest->utilization))
            busiest = &gauge;
    }
    return longestQueue ? longestQueue : busiest;
}

void TopologyView::setGauges(const std::vector<ComponentGauge>& gauges) {
    // Instances reclaimed: fewer alive than in the window before (a snapshot is all there is).
    m_reclaimed.clear();
    for (const auto& gauge : gauges) {
        const QString id = QString::fromStdString(gauge.id);
        const auto before = m_previousAlive.find(id);
        if (before != m_previousAlive.end() && before->second > gauge.alive)
            m_reclaimed[id] = before->second - gauge.alive;
        m_previousAlive[id] = gauge.alive;
    }
    m_gauges = gauges;
    applyGauges();
    updateTraffic();
}

void TopologyView::applyGauges() {
    const ComponentGauge* bottleneck = bottleneckOf(m_gauges);
    m_bottleneck = bottleneck ? QString::fromStdString(bottleneck->id) : QString();
    for (auto& [key, item] : m_nodes) {
        const ComponentGauge* found = nullptr;
        for (const auto& gauge : m_gauges)
            if (QString::fromStdString(gauge.id) == item->ref().id && item->ref().isComponent())
                found = &gauge;
        item->setGauge(found);
        item->setBottleneck(found && found == bottleneck);
    }
}

void TopologyView::clearGauges() {
    m_previousAlive.clear();
    setGauges({});
    m_simulatedS = -1;
    setArrivalRate(-1);
}

void TopologyView::setArrivalRate(double ratePerS) {
    m_arrivalRate = ratePerS;
    if (NodeItem* item = nodeItem({ComponentKind::Workload, {}}))
        item->setBadge(ratePerS < 0
                           ? QString()
                           : tr("%1 req/s arriving").arg(ratePerS, 0, 'f', ratePerS < 10 ? 2 : 0));
    updateTraffic();
}

void TopologyView::setSimulatedTime(double seconds) {
    m_simulatedS = seconds;
}

void TopologyView::setLive(double speed, bool running) {
    m_liveSpeed = speed;
    m_liveRunning = running;
    updateTraffic();
}

bool TopologyView::animationEnabled() const {
    return m_liveRunning && m_liveSpeed > 0 && m_liveSpeed <= kMaxAnimatedSpeed;
}

void TopologyView::updateTraffic() {
    if (m_rebuilding || !m_traffic) return;
    if (!animationEnabled() || m_arrivalRate < 0) {
        // Idle, paused or at full speed: nothing drawn and no timer.
        m_frameTimer.stop();
        m_traffic->setRates({});
        m_traffic->setMarks({});
        return;
    }
    const std::vector<double> rates = edgeRates(m_graph, m_arrivalRate, m_gauges);
    std::vector<double> pathRates;
    pathRates.reserve(m_edgeOfPath.size());
    for (std::size_t edge : m_edgeOfPath) pathRates.push_back(rates[edge]);
    m_traffic->setRates(pathRates);

    std::vector<TrafficAnimation::Mark> marks;
    for (const auto& [key, item] : m_nodes) {
        if (!item->ref().isComponent()) continue;
        TrafficAnimation::Mark mark;
        mark.box = item->sceneBoundingRect().adjusted(3, 3, -3, -3);
        const std::string id = item->ref().id.toStdString();
        for (const auto& gauge : m_gauges) {
            if (gauge.id != id) continue;
            if (item->ref().kind == ComponentKind::Function) {
                mark.coldStarts = static_cast<double>(gauge.coldStarts);
                const auto reclaimed = m_reclaimed.find(item->ref().id);
                if (reclaimed != m_reclaimed.end()) mark.reclaimed = reclaimed->second;
            }
            if (item->ref().kind == ComponentKind::Server && m_reclaimed.count(item->ref().id))
                mark.reclaimed = m_reclaimed.at(item->ref().id);
            // Saturating: a queue as long as the pool is wide fills about two thirds.
            if (gauge.queueLength >= 0.05)
                mark.queueFill = 1 - std::exp(-gauge.queueLength / std::max(1.0, gauge.alive));
        }
        for (const FailureSpec& failure : m_scenario.failures)
            if (failure.target == id && m_simulatedS >= failure.startS &&
                m_simulatedS < failure.endS)
                mark.failure = failureKindName(failure.kind);
        if (mark.coldStarts > 0 || mark.reclaimed >= 0.5 || mark.queueFill >= 0 ||
            !mark.failure.isEmpty())
            marks.push_back(mark);
    }
    m_traffic->setMarks(std::move(marks));
    if (m_traffic->hasMotion() && !m_frameTimer.isActive()) {
        m_frameClock.start();
        m_frameTimer.start();
    } else if (!m_traffic->hasMotion()) {
        m_frameTimer.stop();
    }
}

void TopologyView::frame() {
    if (!m_traffic || !isVisible()) return;  // a hidden diagram costs nothing
    // Wall time, not frame counts: a late frame moves the pulses as far as time went.
    const double seconds = std::min(0.1, static_cast<double>(m_frameClock.restart()) / 1000.0);
    m_traffic->advance(seconds);
}

bool TopologyView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view->viewport() && event->type() == QEvent::Wheel) {
        auto* wheel = static_cast<QWheelEvent*>(event);
        if (wheel->modifiers() & Qt::ControlModifier) {
            const double factor = wheel->angleDelta().y() > 0 ? 1.15 : 1 / 1.15;
            m_view->scale(factor, factor);
            m_userZoomed = true;
            return true;
        }
    }
    if (watched == m_view->viewport() && event->type() == QEvent::Resize && !m_userZoomed) fitAll();
    if (watched == m_view->viewport()) {
        switch (event->type()) {
            case QEvent::MouseButtonPress:
            case QEvent::MouseButtonDblClick:
            case QEvent::MouseButtonRelease:
                m_buttonsDown = static_cast<QMouseEvent*>(event)->buttons() != Qt::NoButton;
                break;
            case QEvent::ContextMenu:  // the menu takes the release
            case QEvent::Hide:
                m_buttonsDown = false;
                break;
            default:
                break;
        }
        if (!m_buttonsDown && m_rebuildAfterRelease) {
            m_rebuildAfterRelease = false;
            queueRebuild();  // after this event has been handled
        }
    }
    if (watched == m_view && event->type() == QEvent::KeyPress &&
        handleKey(static_cast<QKeyEvent*>(event)))
        return true;
    if (event->type() == QEvent::KeyPress && m_connecting &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape)
        endConnect();
    return QWidget::eventFilter(watched, event);
}

void TopologyView::showContextMenu(const QPoint& position) {
    QMenu menu(this);
    ComponentRef target;
    if (auto* node = dynamic_cast<NodeItem*>(m_view->itemAt(position))) target = node->ref();
    if (target.kind != ComponentKind::None) {
        setSelection(target);
        emit selectionChanged(target);
        // Requests cannot arrive at an object store: the reader refuses it as the entry.
        if (target.isComponent() && target.kind != ComponentKind::ObjectStore) {
            menu.addAction(QIcon(QStringLiteral(":/icons/entry.svg")), tr("Set as Entry"), this,
                           [this, target] { emit entryRequested(target); });
        }
        QMenu* connectMenu = menu.addMenu(
            QIcon(QStringLiteral(":/icons/connect.svg")),
            target.kind == ComponentKind::Workload ? tr("Send Requests To") : tr("Connect To"));
        for (const ComponentRef& other : allComponents(m_scenario)) {
            if (other == target) continue;
            connectMenu->addAction(QIcon(kindIconPath(other.kind)), other.id, this,
                                   [this, target, other] { emit connectRequested(target, other); });
        }
        connectMenu->setEnabled(!connectMenu->isEmpty());
        if (target.isComponent()) {
            menu.addSeparator();
            menu.addAction(QIcon(QStringLiteral(":/icons/remove.svg")), tr("Remove"), this,
                           [this, target] { emit removeRequested(target); });
        }
        menu.addSeparator();
    }
    QMenu* add = addMenu(&menu);
    add->setTitle(tr("Add Component"));
    add->setIcon(QIcon(QStringLiteral(":/icons/add.svg")));
    menu.addMenu(add);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

}  // namespace archsim::ui
