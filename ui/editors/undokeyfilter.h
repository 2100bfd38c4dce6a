// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Makes the undo and redo keys mean the scenario's undo and redo everywhere in a window, also
// while a line edit or spin box has focus. Qt lets a focused text field claim Ctrl+Z for its own
// text history (ShortcutOverride); that history is invisible to the scenario, so a field could be
// put back to an old text that the next Tab then committed as a new edit. Installed on the
// application, the filter refuses those claims for every widget of the window, present or future,
// so the window's Undo and Redo actions receive the keys.

#include <QObject>
#include <QPointer>

class QAction;
class QKeyEvent;
class QWidget;

namespace archsim::ui {

class UndoKeyFilter : public QObject {
    Q_OBJECT
public:
    /// `window`: the widgets it applies to (its children, and its floating docks; not its dialogs).
    UndoKeyFilter(QWidget* window, QAction* undo, QAction* redo);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool inWindow(QObject* object) const;
    bool isUndoOrRedo(const QKeyEvent* event) const;

    QPointer<QWidget> m_window;
    QPointer<QAction> m_undo;
    QPointer<QAction> m_redo;
};

}  // namespace archsim::ui
