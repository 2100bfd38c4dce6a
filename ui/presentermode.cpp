// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presentermode.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScreen>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include "ui/appsettings.h"
#include "ui/lessons/lessonpanel.h"
#include "ui/mainwindow.h"
#include "ui/run/runcontroller.h"
#include "ui/theme.h"

namespace archsim::ui {

namespace {
constexpr double kScales[] = {1.5, 1.75, 2.0};
// The clock is read from across the room: this much larger than the (already larger) text.
constexpr double kClockScale = 1.7;
// How long a window manager gets to make the window full screen before archsim does it.
constexpr int kFullScreenGraceMs = 400;
}  // namespace

PresenterMode::PresenterMode(MainWindow* window)
    : QObject(window),
      m_window(window),
      m_toggle(new QAction(tr("&Presenter Mode"), window)),
      m_scaleMenu(new QMenu(tr("Presenter &Scale"), window)),
      m_bar(new QToolBar(tr("Presenter"), window)),
      m_clock(new QLabel(m_bar)),
      m_state(new QLabel(m_bar)),
      m_hint(new QLabel(m_bar)),
      m_scale(AppSettings::presenterScale()) {
    m_toggle->setObjectName(QStringLiteral("presenterModeAction"));
    m_toggle->setCheckable(true);
    m_toggle->setShortcut(Qt::Key_F11);
    m_toggle->setToolTip(
        tr("Full screen, large text, projector colours and a keyboard-only workshop (F11)"));
    // On the window itself, so F11 works while the menu bar is hidden.
    window->addAction(m_toggle);
    connect(m_toggle, &QAction::toggled, this, &PresenterMode::setActive);

    m_scaleMenu->setObjectName(QStringLiteral("presenterScaleMenu"));
    auto* group = new QActionGroup(m_scaleMenu);
    for (double scale : kScales) {
        QAction* action = m_scaleMenu->addAction(QStringLiteral("%1×").arg(scale));
        action->setCheckable(true);
        action->setChecked(scale == m_scale);
        action->setData(scale);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, scale] { setScale(scale); });
    }

    m_bar->setObjectName(QStringLiteral("presenterBar"));
    m_bar->setMovable(false);
    m_bar->setFloatable(false);
    m_bar->toggleViewAction()->setVisible(false);
    auto* row = new QWidget(m_bar);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(8, 2, 8, 2);
    layout->setSpacing(16);
    m_clock->setObjectName(QStringLiteral("presenterClock"));
    m_clock->setAccessibleName(tr("Simulated time"));
    m_clock->setToolTip(tr("Simulated time of the run"));
    m_state->setObjectName(QStringLiteral("presenterState"));
    m_hint->setObjectName(QStringLiteral("presenterHint"));
    m_hint->setText(tr("Space run/pause · ←/→ step · Esc leave"));
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_clock);
    layout->addWidget(m_state);
    layout->addStretch(1);
    layout->addWidget(m_hint);
    m_bar->addWidget(row);
    window->addToolBar(Qt::TopToolBarArea, m_bar);
    m_bar->hide();

    m_clock->setText(window->clockLabel()->text());
    connect(window, &MainWindow::clockChanged, m_clock, &QLabel::setText);
    connect(window->runController(), &RunController::runStarted, this, &PresenterMode::updateState);
    connect(window->runController(), &RunController::allFinished, this,
            &PresenterMode::updateState);
    connect(window->pauseAction(), &QAction::changed, this, &PresenterMode::updateState);
    updateState();
}

PresenterMode::~PresenterMode() {
    qApp->removeEventFilter(this);
}

QList<QPair<QString, QString>> PresenterMode::keyboardKeys() {
    return {{tr("Presenter mode on or off"), tr("F11")},
            {tr("Run or pause (presenter mode)"), tr("Space")},
            {tr("Next lesson step (presenter mode)"), tr("Right, Page Down")},
            {tr("Previous lesson step (presenter mode)"), tr("Left, Page Up")},
            {tr("Leave presenter mode"), tr("Esc")}};
}

void PresenterMode::setActive(bool active) {
    if (active == m_active) return;
    if (active)
        enter();
    else
        leave();
    const QSignalBlocker block(m_toggle);
    m_toggle->setChecked(m_active);
    emit activeChanged(m_active);
}

void PresenterMode::setScale(double scale) {
    scale = std::clamp(scale, AppSettings::kPresenterScaleMin, AppSettings::kPresenterScaleMax);
    AppSettings::setPresenterScale(scale);
    m_scale = scale;
    for (QAction* action : m_scaleMenu->actions()) action->setChecked(action->data() == scale);
    if (!m_active) return;
    applyScale();
    m_window->applyAppearance();
    layOut();
}

void PresenterMode::enter() {
    MainWindow* w = m_window;
    m_saved = {};
    m_saved.geometry = w->saveGeometry();
    m_saved.dockState = w->saveState();
    m_saved.windowState = w->windowState();
    m_saved.font = w->font();
    m_saved.ownFont = w->testAttribute(Qt::WA_SetFont);
    m_saved.palette = w->palette();
    m_saved.ownPalette = w->testAttribute(Qt::WA_SetPalette);
    m_saved.menuBarVisible = !w->menuBar()->isHidden();
    m_saved.statusBarVisible = !w->statusBar()->isHidden();
    for (QToolBar* bar : w->findChildren<QToolBar*>(Qt::FindDirectChildrenOnly))
        if (bar != m_bar) m_saved.toolBars.emplace_back(bar, !bar->isHidden());
    m_active = true;

    // Only what the room looks at: the charts, the diagram, the lesson when one is open, and the
    // bar with the clock. The rest is a keyboard away once presenter mode is left.
    w->menuBar()->hide();
    for (const auto& [bar, visible] : m_saved.toolBars) bar->hide();
    for (QDockWidget* dock : w->findChildren<QDockWidget*>()) {
        const QString name = dock->objectName();
        dock->setFloating(false);
        if (name == QLatin1String("topologyDock"))
            dock->show();
        else if (name == QLatin1String("lessonDock"))
            dock->setVisible(w->lessonPanel()->lesson() != nullptr);
        else
            dock->hide();
    }
    if (w->lessonPanel()->lesson()) w->lessonDock()->raise();
    m_bar->show();
    w->setPalette(projectorPalette(themeIsDark(w->theme())));
    applyScale();
    w->applyAppearance();
    updateState();
    w->showFullScreen();
    layOut();
    // Once more when the window has its full-screen size (a window manager answers later).
    QTimer::singleShot(0, this, [this] {
        if (m_active) layOut();
    });
    // Without a window manager to honour the full-screen state (a kiosk, a bare X server), the
    // window is made as large as its screen itself, once the state had its chance.
    QTimer::singleShot(kFullScreenGraceMs, this, [this] {
        QWidget* window = m_window;
        if (!m_active || !window->screen() ||
            window->geometry().size() == window->screen()->geometry().size())
            return;
        window->setGeometry(window->screen()->geometry());
        layOut();
    });
    qApp->installEventFilter(this);
    w->activateWindow();
}

void PresenterMode::leave() {
    MainWindow* w = m_window;
    qApp->removeEventFilter(this);
    m_active = false;
    m_bar->hide();
    w->setFont(m_saved.ownFont ? m_saved.font : QFont());
    w->setPalette(m_saved.ownPalette ? m_saved.palette : QPalette());
    w->menuBar()->setVisible(m_saved.menuBarVisible);
    w->statusBar()->setVisible(m_saved.statusBarVisible);
    for (const auto& [bar, visible] : m_saved.toolBars) bar->setVisible(visible);
    w->applyAppearance();
    w->setWindowState(m_saved.windowState & ~Qt::WindowFullScreen);
    if (!(m_saved.windowState & (Qt::WindowFullScreen | Qt::WindowMaximized))) w->showNormal();
    w->restoreGeometry(m_saved.geometry);
    w->restoreState(m_saved.dockState);
    if (m_saved.windowState & Qt::WindowFullScreen) w->showFullScreen();
}

void PresenterMode::applyScale() {
    QFont font = QApplication::font();
    font.setPointSizeF(font.pointSizeF() * m_scale);
    m_window->setFont(font);
    QFont clock = font;
    clock.setPointSizeF(font.pointSizeF() * kClockScale);
    clock.setBold(true);
    m_clock->setFont(clock);
}

void PresenterMode::layOut() {
    MainWindow* w = m_window;
    const int width = std::max(w->width(), 640);
    const int height = std::max(w->height(), 480);
    // The lesson's text needs a column of its own; the charts keep the larger part.
    if (w->lessonDock()->isVisible())
        w->resizeDocks({w->lessonDock()}, {width * 36 / 100}, Qt::Horizontal);
    if (QDockWidget* topology = w->findChild<QDockWidget*>(QStringLiteral("topologyDock")))
        w->resizeDocks({topology}, {height * 30 / 100}, Qt::Vertical);
}

void PresenterMode::updateState() {
    const RunController* runs = m_window->runController();
    QString state = tr("Ready");
    if (runs->isRunning()) state = runs->isPaused() ? tr("Paused") : tr("Running");
    m_state->setText(state);
}

bool PresenterMode::handleKey(int key) {
    LessonPanel* lesson = m_window->lessonPanel();
    const bool inLesson = lesson->lesson() != nullptr;
    switch (key) {
        case Qt::Key_Space:
            m_window->toggleRun();
            return true;
        case Qt::Key_Right:
        case Qt::Key_PageDown:
            if (!inLesson) return false;
            if (lesson->nextButton()->isEnabled()) lesson->next();
            return true;
        case Qt::Key_Left:
        case Qt::Key_PageUp:
            if (!inLesson) return false;
            if (lesson->backButton()->isEnabled()) lesson->back();
            return true;
        case Qt::Key_Escape:
        case Qt::Key_F11:
            // Queued: the key's own delivery must not meet a window being rearranged.
            QTimer::singleShot(0, this, [this] { setActive(false); });
            return true;
        default:
            return false;
    }
}

bool PresenterMode::eventFilter(QObject* watched, QEvent* event) {
    if (!m_active ||
        (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride))
        return QObject::eventFilter(watched, event);
    // Keys for the window only: a menu, a dialog or an open drop-down list keeps its own.
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || widget->window() != m_window || QApplication::activePopupWidget() ||
        QApplication::activeModalWidget())
        return QObject::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return QObject::eventFilter(watched, event);
    const int code = key->key();
    const bool lessonKey = code == Qt::Key_Right || code == Qt::Key_Left ||
                           code == Qt::Key_PageDown || code == Qt::Key_PageUp;
    const bool ours = code == Qt::Key_Space || code == Qt::Key_Escape || code == Qt::Key_F11 ||
                      (lessonKey && m_window->lessonPanel()->lesson() != nullptr);
    if (!ours) return QObject::eventFilter(watched, event);
    if (event->type() == QEvent::ShortcutOverride) {
        // Taken from the shortcuts (PageDown is the lesson's own, F11 the toggle's), so the key
        // arrives here once as a key press.
        event->accept();
        return true;
    }
    if (key->isAutoRepeat()) return true;  // a held Space must not run and pause in turn
    return handleKey(code);
}

}  // namespace archsim::ui
