// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editors/undokeyfilter.h"

#include <QAction>
#include <QDockWidget>
#include <QKeyEvent>
#include <QWidget>

namespace archsim::ui {

UndoKeyFilter::UndoKeyFilter(QWidget* window, QAction* undo, QAction* redo)
    : QObject(window), m_window(window), m_undo(undo), m_redo(redo) {}

bool UndoKeyFilter::inWindow(QObject* object) const {
    auto* widget = qobject_cast<QWidget*>(object);
    for (; widget; widget = widget->parentWidget()) {
        if (widget == m_window) return true;
        // A dialog's fields keep their own undo (the window's actions do not reach them), but a
        // floating dock is still part of the window.
        if (widget->isWindow() && !qobject_cast<QDockWidget*>(widget)) return false;
    }
    return false;
}

bool UndoKeyFilter::isUndoOrRedo(const QKeyEvent* event) const {
    const QKeySequence pressed(event->keyCombination().toCombined() & ~Qt::KeypadModifier);
    for (const QAction* action : {m_undo.data(), m_redo.data()}) {
        if (!action) continue;
        for (const QKeySequence& shortcut : action->shortcuts())
            if (shortcut.matches(pressed) == QKeySequence::ExactMatch) return true;
    }
    return false;
}

bool UndoKeyFilter::eventFilter(QObject* watched, QEvent* event) {
    const QEvent::Type type = event->type();
    if (type != QEvent::ShortcutOverride && type != QEvent::KeyPress) return false;
    if (!isUndoOrRedo(static_cast<QKeyEvent*>(event)) || !inWindow(watched)) return false;
    // Left unaccepted, a ShortcutOverride lets the shortcut (the window's action) have the key.
    // The key press itself only arrives when the action is disabled (nothing to undo): then it
    // must not reach the field either.
    event->ignore();
    return true;
}

}  // namespace archsim::ui
