// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/help/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/presentermode.h"
#include "ui/topology/topologyview.h"

namespace archsim::ui {
namespace {

QString plainText(QString text) {
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("…"), QString());
    text.replace(QStringLiteral("..."), QString());
    return text.trimmed();
}

QString keysOf(const QAction* action) {
    QStringList keys;
    for (const QKeySequence& key : action->shortcuts())
        keys << key.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

}  // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow* window)
    : QDialog(window), m_table(new QTableWidget(0, 3, this)) {
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto* layout = new QVBoxLayout(this);
    m_table->setHorizontalHeaderLabels({tr("Where"), tr("Action"), tr("Keys")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setAccessibleDescription(
        tr("One row per action: where it is, what it does, its keys"));
    const auto addRow = [this](const QString& where, const QString& what, const QString& keys) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(where));
        m_table->setItem(row, 1, new QTableWidgetItem(what));
        m_table->setItem(row, 2, new QTableWidgetItem(keys));
    };

    // Menu by menu, in the order the menu bar shows them; then actions that live elsewhere (on a
    // panel), so that every shortcut of the window is listed once.
    QSet<const QAction*> listed;
    std::function<void(QMenu*, const QString&)> walk = [&](QMenu* menu, const QString& path) {
        for (QAction* action : menu->actions()) {
            if (action->menu()) {
                walk(action->menu(), path + QStringLiteral(" > ") + plainText(action->text()));
                continue;
            }
            if (action->shortcuts().isEmpty() || listed.contains(action)) continue;
            listed.insert(action);
            addRow(path, plainText(action->text()), keysOf(action));
        }
    };
    for (QAction* top : window->menuBar()->actions())
        if (top->menu()) walk(top->menu(), plainText(top->text()));
    for (QAction* action : window->findChildren<QAction*>()) {
        if (action->shortcuts().isEmpty() || listed.contains(action)) continue;
        listed.insert(action);
        addRow(tr("Window"), plainText(action->text()), keysOf(action));
    }
    for (const auto& [what, keys] : TopologyView::keyboardKeys())
        addRow(tr("Topology"), what, keys);
    for (const auto& [what, keys] : PresenterMode::keyboardKeys())
        addRow(tr("Presenter mode"), what, keys);

    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 560);
}

}  // namespace archsim::ui
