// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Help menu's documentation entries: User Guide (F1), Scenario Format and Keyboard Shortcuts.

class QMainWindow;
class QMenu;

namespace archsim::ui {

/// Adds the entries to `help`; they open their windows over `window`.
void addHelpEntries(QMenu* help, QMainWindow* window);

}  // namespace archsim::ui
