// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Moves the keyboard focus into a panel: to its first field a Tab press would reach.

class QWidget;

namespace archsim::ui {

/// Focuses the first visible, enabled widget inside `container` that takes Tab focus; false when
/// it has none.
bool focusFirstField(QWidget* container);

}  // namespace archsim::ui
