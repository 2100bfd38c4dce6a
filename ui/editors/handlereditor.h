// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edits the handler of a function or server pool: the list of steps a request runs while it holds
// its instance or worker (CPU work, calls, cache lookups with their miss path, branches), as a tree
// with the selected step's fields below it.

#include <QList>
#include <QWidget>
#include <functional>
#include <vector>

#include "sim/scenario/scenario.h"
#include "ui/editors/applier.h"

class QComboBox;
class QLabel;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace archsim::ui {

class DistributionField;
class NumberField;

class HandlerEditor : public QWidget {
    Q_OBJECT
public:
    /// `access` finds the handler inside a scenario (the pool is looked up by id each time).
    using Access = std::function<std::vector<HandlerStep>*(Scenario&)>;
    HandlerEditor(Access access, QString ownerId, Applier apply, QWidget* parent = nullptr);

    /// Shows the handler as it is in `scenario`.
    void refresh(const Scenario& scenario);
    QTreeWidget* tree() { return m_tree; }

private:
    /// A step's place: [index, (list, index)...] where list 0 = a branch's steps, 1 = on miss.
    using Path = QList<int>;
    static std::vector<HandlerStep>* listAt(std::vector<HandlerStep>& root, const Path& path);
    static HandlerStep* stepAt(std::vector<HandlerStep>& root, const Path& path);
    void fill(QTreeWidgetItem* parent, const std::vector<HandlerStep>& steps, const Path& prefix,
              int list);
    Path selectedPath() const;
    void selectPath(const Path& path);
    void showStep();
    QString editStep(const std::function<void(HandlerStep&)>& change, const QString& text,
                     const QString& mergeKey = {}, int session = 0);
    void addStep(HandlerStep::Kind kind);
    void removeStep();
    void moveStep(int delta);
    QString describe(const HandlerStep& step) const;

    Access m_access;
    QString m_ownerId;
    Applier m_apply;
    Scenario m_scenario;
    QTreeWidget* m_tree;
    QStackedWidget* m_detail;
    DistributionField* m_cpu;
    QComboBox* m_callTarget;
    QComboBox* m_cacheTarget;
    NumberField* m_probability;
    QLabel* m_error;
    bool m_filling = false;
};

}  // namespace archsim::ui
