// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editors/failureseditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "sim/scenario/scenariofields.h"
#include "ui/charts/failuremarkers.h"
#include "ui/document/scenarioedits.h"
#include "ui/editors/numberfield.h"
#include "ui/editors/propertieseditor.h"

namespace archsim::ui {
namespace {

QString fromView(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

constexpr FailureKind kKinds[] = {FailureKind::Down, FailureKind::Slow, FailureKind::Errors,
                                  FailureKind::CacheFlush, FailureKind::LoseReplicas};

/// The failure's own number (for its kind), or nullptr.
double FailureSpec::*ownValue(FailureKind kind) {
    switch (kind) {
        case FailureKind::Slow:
            return &FailureSpec::factor;
        case FailureKind::Errors:
            return &FailureSpec::probability;
        case FailureKind::LoseReplicas:
            return &FailureSpec::share;
        case FailureKind::Down:
        case FailureKind::CacheFlush:
            break;
    }
    return nullptr;
}

}  // namespace

FailuresEditor::FailuresEditor(Applier apply, QWidget* parent)
    : QWidget(parent),
      m_apply(std::move(apply)),
      m_list(new QListWidget(this)),
      m_remove(new QToolButton(this)),
      m_detail(new QWidget(this)),
      m_form(new QFormLayout(m_detail)),
      m_kind(new QComboBox(m_detail)),
      m_target(new QComboBox(m_detail)),
      m_label(new QLineEdit(m_detail)),
      m_error(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_list->setToolTip(tr("Failures injected during the run, marked on the charts over time"));
    m_list->setMinimumHeight(70);
    m_list->setMaximumHeight(120);
    layout->addWidget(m_list);

    auto* buttons = new QHBoxLayout;
    auto* add = new QToolButton(this);
    add->setText(tr("Add Failure"));
    add->setIcon(QIcon(QStringLiteral(":/icons/add.svg")));
    add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    add->setToolTip(tr("Inject a failure: a component down, slow, failing requests..."));
    connect(add, &QToolButton::clicked, this, &FailuresEditor::addFailure);
    buttons->addWidget(add);
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Remove the selected failure"));
    connect(m_remove, &QToolButton::clicked, this, &FailuresEditor::removeFailure);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    layout->addLayout(buttons);

    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    for (FailureKind kind : kKinds) m_kind->addItem(failureKindName(kind));
    m_kind->setToolTip(fromView(fields::failure::kind.tooltip));
    m_form->addRow(fromView(fields::failure::kind.label), m_kind);
    m_target->setToolTip(fromView(fields::failure::target.tooltip));
    m_form->addRow(fromView(fields::failure::target.label), m_target);
    const std::pair<const FieldDescription*, double FailureSpec::*> numbers[] = {
        {&fields::failure::startS, &FailureSpec::startS},
        {&fields::failure::endS, &FailureSpec::endS},
        {&fields::failure::factor, &FailureSpec::factor},
        {&fields::failure::probability, &FailureSpec::probability},
        {&fields::failure::share, &FailureSpec::share},
    };
    for (const auto& [field, member] : numbers) {
        auto* number = new NumberField(numberSpec(*field), m_detail);
        m_form->addRow(fromView(field->label), number);
        m_numbers[fromView(field->key)] = number;
        const QString text = tr("Edit failure %1").arg(fromView(field->label).toLower());
        const bool isEnd = field == &fields::failure::endS;
        connect(number, &NumberField::committed, this,
                [this, number, member, text, isEnd](std::optional<double> v) {
                    if (!v && !isEnd) return;  // a required field left empty keeps its value
                    const QString error = editFailure(
                        [&](FailureSpec& f) {
                            // No end: the failure lasts to the end of the run, as in a file.
                            f.*member = v ? *v : m_scenario.run.durationS;
                        },
                        text);
                    if (!error.isEmpty()) number->showError(error);
                });
    }
    m_label->setToolTip(fromView(fields::failure::label.tooltip));
    m_label->setPlaceholderText(tr("made from the kind and the component"));
    m_form->addRow(fromView(fields::failure::label.label), m_label);
    layout->addWidget(m_detail);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        if (!m_filling) showFailure();
    });
    connect(m_kind, &QComboBox::activated, this, [this](int index) {
        const FailureKind kind = kKinds[index];
        editFailure(
            [&](FailureSpec& f) {
                f.kind = kind;
                // A cache flush is instant; the other kinds need an end after their start.
                if (kind != FailureKind::CacheFlush && f.endS <= f.startS)
                    f.endS = m_scenario.run.durationS;
            },
            tr("Change failure kind"));
    });
    connect(m_target, &QComboBox::activated, this, [this] {
        const std::string target = m_target->currentText().toStdString();
        editFailure([&](FailureSpec& f) { f.target = target; }, tr("Change failing component"));
    });
    connect(m_label, &QLineEdit::editingFinished, this, [this] {
        const std::string label = m_label->text().trimmed().toStdString();
        const int row = m_list->currentRow();
        if (row < 0 || static_cast<std::size_t>(row) >= m_scenario.failures.size() ||
            m_scenario.failures[static_cast<std::size_t>(row)].label == label)
            return;
        editFailure([&](FailureSpec& f) { f.label = label; }, tr("Edit failure label"));
    });
}

NumberField* FailuresEditor::numberField(const QString& key) const {
    const auto found = m_numbers.find(key);
    return found == m_numbers.end() ? nullptr : found->second;
}

QString FailuresEditor::describe(const FailureSpec& f) const {
    const QString when = f.kind == FailureKind::CacheFlush
                             ? tr("at %1 s").arg(f.startS)
                             : tr("%1–%2 s").arg(f.startS).arg(f.endS);
    return failureLabel(f) + QStringLiteral(" · ") + when;
}

void FailuresEditor::refresh(const Scenario& scenario) {
    m_scenario = scenario;
    const int row = m_list->currentRow();
    m_filling = true;
    m_list->clear();
    for (const FailureSpec& f : scenario.failures) m_list->addItem(describe(f));
    m_target->clear();
    for (const ComponentRef& ref : allComponents(scenario)) m_target->addItem(ref.id);
    const int count = m_list->count();
    m_list->setCurrentRow(count == 0 ? -1 : std::clamp(row < 0 ? 0 : row, 0, count - 1));
    m_filling = false;
    showFailure();
}

void FailuresEditor::showFailure() {
    m_error->hide();
    const int row = m_list->currentRow();
    const bool any = row >= 0 && static_cast<std::size_t>(row) < m_scenario.failures.size();
    m_detail->setVisible(any);
    m_remove->setEnabled(any);
    if (!any) return;
    const FailureSpec& f = m_scenario.failures[static_cast<std::size_t>(row)];
    m_filling = true;
    const auto kindIndex = std::find(std::begin(kKinds), std::end(kKinds), f.kind) - kKinds;
    m_kind->setCurrentIndex(static_cast<int>(kindIndex));
    m_target->setCurrentText(QString::fromStdString(f.target));
    m_label->setText(QString::fromStdString(f.label));
    const std::pair<QString, double FailureSpec::*> values[] = {
        {QStringLiteral("startS"), &FailureSpec::startS},
        {QStringLiteral("endS"), &FailureSpec::endS},
        {QStringLiteral("factor"), &FailureSpec::factor},
        {QStringLiteral("probability"), &FailureSpec::probability},
        {QStringLiteral("share"), &FailureSpec::share},
    };
    for (const auto& [key, member] : values) {
        NumberField* number = m_numbers.at(key);
        number->clearError();
        number->setValue(f.*member);
        const bool shown = key == QLatin1String("startS") ||
                           (key == QLatin1String("endS") && f.kind != FailureKind::CacheFlush) ||
                           member == ownValue(f.kind);
        m_form->setRowVisible(number, shown);
    }
    m_filling = false;
}

QString FailuresEditor::editFailure(const std::function<void(FailureSpec&)>& change,
                                    const QString& text) {
    const int row = m_list->currentRow();
    if (row < 0) return {};
    const QString error = m_apply(
        [&](Scenario& s) {
            if (static_cast<std::size_t>(row) < s.failures.size())
                change(s.failures[static_cast<std::size_t>(row)]);
        },
        text, {}, 0);
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        showFailure();  // back to the values the scenario still has
        m_error->show();
    }
    return error;
}

void FailuresEditor::addFailure() {
    const auto components = allComponents(m_scenario);
    if (components.empty()) {
        m_error->setText(tr("Add a component to the topology first."));
        m_error->show();
        return;
    }
    FailureSpec failure;
    failure.kind = FailureKind::Down;
    // The entry by default: the failure whose effect shows at once.
    failure.target = m_scenario.topology.entry.empty() ? components.front().id.toStdString()
                                                       : m_scenario.topology.entry;
    // The middle third of the run: a before, a during and an after on every chart.
    failure.startS = m_scenario.run.durationS / 3;
    failure.endS = 2 * m_scenario.run.durationS / 3;
    failure.factor = fields::failure::factor.defaultValue;
    failure.probability = fields::failure::probability.defaultValue;
    failure.share = fields::failure::share.defaultValue;
    const auto index = static_cast<int>(m_scenario.failures.size());
    const QString error =
        m_apply([&](Scenario& s) { s.failures.push_back(failure); }, tr("Add failure"), {}, 0);
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    if (index < m_list->count()) m_list->setCurrentRow(index);
}

void FailuresEditor::removeFailure() {
    const int row = m_list->currentRow();
    if (row < 0) return;
    const QString error = m_apply(
        [&](Scenario& s) {
            if (static_cast<std::size_t>(row) < s.failures.size())
                s.failures.erase(s.failures.begin() + row);
        },
        tr("Remove failure"), {}, 0);
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
    }
}

}  // namespace archsim::ui
