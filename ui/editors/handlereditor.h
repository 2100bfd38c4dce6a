// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edits the handler of a function or server pool: the list of steps a request runs while it holds
// its instance or worker (CPU work, calls, cache lookups with their miss path, branches), as a tree
// with the selected step's fields below it. A call step also has its failure behaviour (timeout,
// retries, circuit breaker) behind a "Resilience" toggle, so the usual case stays compact.

#include <QList>
#include <QWidget>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "sim/scenario/fielddescription.h"
#include "sim/scenario/scenario.h"
#include "ui/editors/applier.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QStackedWidget;
class QTreeWidget;
class QToolButton;
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
    /// The call step's failure-behaviour fields by key ("timeoutMs", "retry.attempts",
    /// "breaker.windowS"...), the switches of the optional policies and the toggle showing them.
    NumberField* resilienceField(const QString& key) const;
    QCheckBox* retryCheck() const { return m_retryCheck; }
    QCheckBox* breakerCheck() const { return m_breakerCheck; }
    QComboBox* onFailureBox() const { return m_onFailure; }
    QToolButton* resilienceToggle() const { return m_resilienceToggle; }

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
    QWidget* buildCallPage();
    /// A described field of the step's `policy` (retry or breaker), edited only while it is set.
    template <typename Spec, typename T>
    void addPolicyField(QFormLayout* form, const QString& prefix, const FieldDescription& field,
                        std::optional<Spec> HandlerStep::*policy, T Spec::*member);
    void showResilience(const HandlerStep& step);

    struct PolicyField {
        NumberField* field;
        std::function<std::optional<double>(const HandlerStep&)> get;
        bool needsPolicy;  ///< greyed out while its retry or breaker is off
    };

    Access m_access;
    QString m_ownerId;
    Applier m_apply;
    Scenario m_scenario;
    QTreeWidget* m_tree;
    QStackedWidget* m_detail;
    DistributionField* m_cpu;
    QComboBox* m_callTarget;
    DistributionField* m_bandwidth = nullptr;  // put and get: the link's bandwidth, optional
    QComboBox* m_cacheTarget;
    NumberField* m_probability;
    QToolButton* m_resilienceToggle = nullptr;
    QWidget* m_resilience = nullptr;
    QCheckBox* m_retryCheck = nullptr;
    QCheckBox* m_breakerCheck = nullptr;
    QComboBox* m_onFailure = nullptr;
    std::map<QString, PolicyField> m_policyFields;
    QLabel* m_error;
    bool m_filling = false;
};

}  // namespace archsim::ui
