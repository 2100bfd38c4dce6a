// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Help > Keyboard Shortcuts: every action of the window that has a shortcut, under the menu that
// holds it, read from the actions themselves (so the list cannot go stale), and the keys of the
// topology diagram.

#include <QDialog>

class QMainWindow;
class QTableWidget;

namespace archsim::ui {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QMainWindow* window);

    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table;
};

}  // namespace archsim::ui
