// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Scenarios workspace: every open scenario with its colour swatch and a "compare" checkbox.
// Ticking two or more compares them: they run side by side, each in its colour.

#include <QListWidget>
#include <QWidget>

namespace archsim::ui {

class ScenarioDocument;

class ScenarioList : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioList(QWidget* parent = nullptr);

    void addDocument(ScenarioDocument* document);
    void removeDocument(ScenarioDocument* document);
    void setCurrent(ScenarioDocument* document);
    QListWidget* list() { return m_list; }

signals:
    void currentChanged(archsim::ui::ScenarioDocument* document);
    void closeRequested(archsim::ui::ScenarioDocument* document);

private:
    void refresh(ScenarioDocument* document);
    QListWidgetItem* itemFor(ScenarioDocument* document) const;
    ScenarioDocument* documentFor(QListWidgetItem* item) const;
    void showMenu(const QPoint& position);

    QListWidget* m_list;
    bool m_updating = false;
};

}  // namespace archsim::ui
