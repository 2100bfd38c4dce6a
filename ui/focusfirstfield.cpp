// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/focusfirstfield.h"

#include <QWidget>

namespace archsim::ui {

bool focusFirstField(QWidget* container) {
    if (!container) return false;
    // The focus chain is the Tab order, so the first stop inside the container is the field a
    // user tabbing through it would reach first.
    for (QWidget* w = container->nextInFocusChain(); w && w != container;
         w = w->nextInFocusChain()) {
        if (!container->isAncestorOf(w) || !w->isVisible() || !w->isEnabled()) continue;
        if (!(w->focusPolicy() & Qt::TabFocus)) continue;
        w->setFocus(Qt::TabFocusReason);
        return true;
    }
    return false;
}

}  // namespace archsim::ui
