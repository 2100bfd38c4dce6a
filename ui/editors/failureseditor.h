// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edits the scenario's injected failures: a list (add, remove) and the selected failure's fields
// below it, each from its description. Only the field of the failure's kind is shown (the slowdown
// of a slow component, the error probability, the share of replicas lost), and a cache flush has
// no end. Every edit goes through the properties editor's applier: validated and undoable.

#include <QWidget>
#include <map>

#include "sim/scenario/scenario.h"
#include "ui/editors/applier.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QToolButton;

namespace archsim::ui {

class NumberField;

class FailuresEditor : public QWidget {
    Q_OBJECT
public:
    explicit FailuresEditor(Applier apply, QWidget* parent = nullptr);

    /// Shows the failures as they are in `scenario`.
    void refresh(const Scenario& scenario);

    QListWidget* list() const { return m_list; }
    QComboBox* kindBox() const { return m_kind; }
    QComboBox* targetBox() const { return m_target; }
    QLineEdit* labelEdit() const { return m_label; }
    /// The number fields by key: "startS", "endS", "factor", "probability", "share".
    NumberField* numberField(const QString& key) const;
    void addFailure();
    void removeFailure();

private:
    void showFailure();
    QString editFailure(const std::function<void(FailureSpec&)>& change, const QString& text);
    QString describe(const FailureSpec& failure) const;

    Applier m_apply;
    Scenario m_scenario;
    QListWidget* m_list;
    QToolButton* m_remove;
    QWidget* m_detail;
    QFormLayout* m_form;
    QComboBox* m_kind;
    QComboBox* m_target;
    QLineEdit* m_label;
    std::map<QString, NumberField*> m_numbers;
    QLabel* m_error;
    bool m_filling = false;
};

}  // namespace archsim::ui
