// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Presenter mode (View > Presenter Mode, F11): the window as a room with a projector needs it.
// Full screen; text and chart lines larger by an adjustable factor; the projector palette; a
// large clock; only the charts, the diagram and the lesson (when one is open) on screen, laid out
// to stay legible at 1024x768; and the keyboard alone drives it: Space runs or pauses, Right/Left
// and PageDown/PageUp move through the lesson's steps, F11 or Escape leaves.
//
// Leaving puts back exactly what was there: geometry and window state, the docks' layout, the
// window's own font and palette (or their absence), the bars that were shown.

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPalette>
#include <vector>

class QAction;
class QLabel;
class QMenu;
class QToolBar;
class QWidget;

namespace archsim::ui {

class MainWindow;

class PresenterMode : public QObject {
    Q_OBJECT
public:
    explicit PresenterMode(MainWindow* window);
    ~PresenterMode() override;

    bool isActive() const { return m_active; }
    void setActive(bool active);
    /// Text and line scale while presenting (AppSettings keeps it; clamped to its range).
    double scale() const { return m_scale; }
    void setScale(double scale);

    /// View > Presenter Mode (checkable, F11).
    QAction* toggleAction() const { return m_toggle; }
    /// View > Presenter Scale.
    QMenu* scaleMenu() const { return m_scaleMenu; }
    /// The bar with the large clock, shown while presenting.
    QToolBar* bar() const { return m_bar; }
    QLabel* clock() const { return m_clock; }
    /// The keys and what they do, for the Keyboard Shortcuts list and the bar's hint.
    static QList<QPair<QString, QString>> keyboardKeys();

signals:
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void enter();
    void leave();
    void applyScale();
    void layOut();
    void updateState();
    /// True when the key was one of presenter mode's and was handled.
    bool handleKey(int key);

    struct Saved {
        QByteArray geometry;
        QByteArray dockState;
        Qt::WindowStates windowState;
        QFont font;
        bool ownFont = false;
        QPalette palette;
        bool ownPalette = false;
        bool menuBarVisible = true;
        bool statusBarVisible = true;
        std::vector<std::pair<QToolBar*, bool>> toolBars;
    };

    MainWindow* m_window;
    QAction* m_toggle;
    QMenu* m_scaleMenu;
    QToolBar* m_bar;
    QLabel* m_clock;
    QLabel* m_state;
    QLabel* m_hint;
    Saved m_saved;
    double m_scale;
    bool m_active = false;
};

}  // namespace archsim::ui
