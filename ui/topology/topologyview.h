// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The topology panel: the scenario drawn as a diagram (QGraphicsScene), live badges from the run,
// and the structural edits: add, remove and connect components, set the entry. The view only
// asks for edits (signals); the main window applies them to the document, so they are undoable.
//
// The keyboard reaches everything the mouse does: with the diagram focused, the arrow keys move
// the selection to the nearest component in that direction, Enter asks to edit it (the window
// focuses the properties editor), C starts Connect (the arrows then choose the target, Enter
// connects, Esc cancels) and Delete removes it.
//
// An edit is usually asked for from inside the scene's own event handling (a click on a node
// while connecting), and Qt keeps using the clicked item after the signal returns. So the diagram
// is never rebuilt synchronously: setScenario() queues the rebuild for the next turn of the event
// loop (and, while a mouse button is held on the diagram, until after its release), the old items
// are destroyed later still, and the selection is kept as a component id, never as an item
// pointer.

#include <QElapsedTimer>
#include <QGraphicsView>
#include <QTimer>
#include <QWidget>
#include <map>

#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"
#include "ui/document/componentref.h"
#include "ui/topology/topologygraph.h"

class QAction;
class QKeyEvent;
class QToolBar;
class QLabel;

namespace archsim::ui {

class NodeItem;
class TrafficAnimation;

class TopologyView : public QWidget {
    Q_OBJECT
public:
    explicit TopologyView(QWidget* parent = nullptr);
    ~TopologyView() override;

    /// Redraws the diagram for `scenario` on the next turn of the event loop (never inside the
    /// caller's event handler), keeping the selection when it still exists.
    void setScenario(const Scenario& scenario);
    /// True while a redraw asked for by setScenario() has not happened yet.
    bool rebuildPending() const { return m_rebuildPending; }
    void setSelection(const ComponentRef& ref);
    ComponentRef selection() const { return m_selection; }
    /// Live state of the components over the latest window.
    void setGauges(const std::vector<ComponentGauge>& gauges);
    void clearGauges();
    /// The arrival rate measured over the latest window (req/s); negative clears it.
    void setArrivalRate(double ratePerS);
    /// The simulated time at the end of the latest window (marks the failures in force).
    void setSimulatedTime(double seconds);
    /// How the run goes: `speed` simulated seconds per wall second (0: as fast as possible),
    /// `running` false when idle or paused. Traffic is animated only from 1x to 10x while
    /// running; otherwise the frame timer stops and nothing moves.
    void setLive(double speed, bool running);
    /// Whether the speed and state call for animation (kMaxAnimatedSpeed at most).
    bool animationEnabled() const;
    /// True while the frame timer runs.
    bool isAnimating() const { return m_frameTimer.isActive(); }
    const TrafficAnimation* traffic() const { return m_traffic; }
    static constexpr double kMaxAnimatedSpeed = 10;
    static constexpr int kFrameIntervalMs = 33;  ///< about 30 frames a second

    QGraphicsView* view() { return m_view; }
    QGraphicsScene* scene() { return m_scene; }
    NodeItem* nodeItem(const ComponentRef& ref) const;
    /// The id of the component marked as the bottleneck in the latest window ("" when none).
    QString bottleneck() const { return m_bottleneck; }
    /// The component with the longest queue (at least half a request waiting on average), else
    /// the busiest (at least 5% utilised); nullptr when neither.
    static const ComponentGauge* bottleneckOf(const std::vector<ComponentGauge>& gauges);
    /// Fits the whole diagram into the view (in presenter mode, as far as its text stays at
    /// least kPresenterTextPixels high; the rest scrolls).
    void fitAll();
    /// Presenter mode: larger text, never drawn smaller than kPresenterTextPixels on screen.
    void setPresenting(bool presenting);
    bool isPresenting() const { return m_presenting; }
    /// The dark theme's colours for the diagram.
    void setDark(bool dark);
    /// The height in screen pixels of the diagram's smallest text at the current zoom.
    double smallestTextPixels() const;
    static constexpr double kPresenterTextPixels = 12;
    static constexpr double kPresenterTextScale = 1.25;
    /// The diagram's keys and what they do, for the Keyboard Shortcuts list.
    static QList<QPair<QString, QString>> keyboardKeys();

signals:
    void selectionChanged(const archsim::ui::ComponentRef& ref);
    void addRequested(archsim::ComponentKind kind);
    void removeRequested(const archsim::ui::ComponentRef& ref);
    void connectRequested(const archsim::ui::ComponentRef& from,
                          const archsim::ui::ComponentRef& to);
    void entryRequested(const archsim::ui::ComponentRef& ref);
    /// Enter on a selected component: the user wants to edit its properties.
    void editRequested(const archsim::ui::ComponentRef& ref);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void scheduleRebuild();
    void queueRebuild();
    void rebuild();
    void updateActions();
    void sceneSelectionChanged();
    void showContextMenu(const QPoint& position);
    QMenu* addMenu(QWidget* parent);
    void startConnect();
    void endConnect();
    /// The keys of the focused diagram; true when the key was used.
    bool handleKey(const QKeyEvent* event);
    /// The component nearest to `from` in direction (dx, dy); `from` itself when there is none.
    ComponentRef neighbour(const ComponentRef& from, int dx, int dy) const;
    void setConnectTarget(const ComponentRef& ref);
    void describeSelection();
    /// Hands the latest gauges and rates to the traffic overlay, and starts or stops the timer.
    void updateTraffic();
    /// Puts m_gauges on the boxes (a new snapshot, or the same one after a redraw).
    void applyGauges();
    void frame();

    QToolBar* m_toolbar;
    QGraphicsView* m_view;
    QGraphicsScene* m_scene;
    QLabel* m_hint;
    QAction* m_removeAction;
    QAction* m_connectAction;
    Scenario m_scenario;
    ComponentRef m_selection;
    ComponentRef m_connectTarget;          ///< while connecting from the keyboard
    std::map<QString, NodeItem*> m_nodes;  ///< by "kind/id"
    std::vector<ComponentGauge> m_gauges;
    QString m_bottleneck;
    double m_arrivalRate = -1;
    bool m_connecting = false;
    bool m_rebuilding = false;
    bool m_rebuildPending = false;
    bool m_buttonsDown = false;          ///< a mouse button is held on the diagram
    bool m_rebuildAfterRelease = false;  ///< a rebuild waits for the release
    bool m_userZoomed = false;
    bool m_presenting = false;

    TopologyGraph m_graph;                  ///< as last drawn
    std::vector<std::size_t> m_edgeOfPath;  ///< graph edge of each overlay path
    TrafficAnimation* m_traffic = nullptr;
    QTimer m_frameTimer;
    QElapsedTimer m_frameClock;
    std::map<QString, double> m_previousAlive;  ///< by component id, the window before
    std::map<QString, double> m_reclaimed;      ///< by component id, in the latest window
    double m_simulatedS = -1;
    double m_liveSpeed = 0;
    bool m_liveRunning = false;
};

}  // namespace archsim::ui
