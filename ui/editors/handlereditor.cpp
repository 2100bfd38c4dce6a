// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editors/handlereditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "sim/scenario/scenariofields.h"
#include "ui/document/scenarioedits.h"
#include "ui/editors/distributionfield.h"
#include "ui/editors/numberfield.h"
#include "ui/editors/propertieseditor.h"

namespace archsim::ui {

namespace {
constexpr int kPathRole = Qt::UserRole + 1;
enum DetailPage { EmptyPage, CpuPage, CallPage, CachePage, BranchPage };

QString fromView(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}
}  // namespace

HandlerEditor::HandlerEditor(Access access, QString ownerId, Applier apply, QWidget* parent)
    : QWidget(parent),
      m_access(std::move(access)),
      m_ownerId(std::move(ownerId)),
      m_apply(std::move(apply)),
      m_tree(new QTreeWidget(this)),
      m_detail(new QStackedWidget(this)),
      m_cpu(new DistributionField(tr("CPU time"), QStringLiteral("ms"), false, this)),
      m_callTarget(new QComboBox(this)),
      m_cacheTarget(new QComboBox(this)),
      m_probability(new NumberField(
          NumberSpec::make(0, 1, true, false, false, QString(),
                           tr("Fraction of requests that run the branch's steps"), QString(), 0, 1),
          this)),
      m_error(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tree->setHeaderHidden(true);
    m_tree->setMinimumHeight(110);
    m_tree->setToolTip(tr("What a request does while it holds its instance or worker, in order"));
    layout->addWidget(m_tree);

    auto* buttons = new QHBoxLayout;
    auto* add = new QToolButton(this);
    add->setText(tr("Add Step"));
    add->setIcon(QIcon(QStringLiteral(":/icons/add.svg")));
    add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    add->setPopupMode(QToolButton::InstantPopup);
    add->setToolTip(
        tr("Add after the selected step; inside it if it is a branch or a cache "
           "lookup (the miss path)"));
    auto* menu = new QMenu(add);
    menu->addAction(tr("CPU Work"), this, [this] { addStep(HandlerStep::Kind::Cpu); });
    menu->addAction(tr("Call"), this, [this] { addStep(HandlerStep::Kind::Call); });
    menu->addAction(tr("Send to Queue"), this, [this] { addStep(HandlerStep::Kind::Send); });
    menu->addAction(tr("Upload (PUT)"), this, [this] { addStep(HandlerStep::Kind::Put); });
    menu->addAction(tr("Download (GET)"), this, [this] { addStep(HandlerStep::Kind::Get); });
    menu->addAction(tr("Cache Lookup"), this, [this] { addStep(HandlerStep::Kind::Cache); });
    menu->addAction(tr("Branch"), this, [this] { addStep(HandlerStep::Kind::Branch); });
    add->setMenu(menu);
    buttons->addWidget(add);
    auto tool = [this, buttons](const QString& text, const QString& tip, auto slot) {
        auto* button = new QToolButton(this);
        button->setText(text);
        button->setToolTip(tip);
        connect(button, &QToolButton::clicked, this, slot);
        buttons->addWidget(button);
    };
    tool(tr("Remove"), tr("Remove the selected step (and what it contains)"),
         [this] { removeStep(); });
    tool(QStringLiteral("▲"), tr("Move the step up"), [this] { moveStep(-1); });
    tool(QStringLiteral("▼"), tr("Move the step down"), [this] { moveStep(1); });
    buttons->addStretch();
    layout->addLayout(buttons);

    m_detail->addWidget(new QLabel(tr("Select a step to edit it."), this));
    auto page = [this](const QString& label, QWidget* field) {
        auto* widget = new QWidget(this);
        auto* form = new QFormLayout(widget);
        form->setContentsMargins(0, 0, 0, 0);
        form->addRow(label, field);
        m_detail->addWidget(widget);
    };
    page(tr("CPU time"), m_cpu);
    m_detail->addWidget(buildCallPage());
    page(tr("Cache"), m_cacheTarget);
    page(tr("Probability"), m_probability);
    m_callTarget->setToolTip(tr("The component this step calls (a database, a hop, a pool...)"));
    m_cacheTarget->setToolTip(tr("The cache looked up; on a miss the nested steps run"));
    layout->addWidget(m_detail);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] {
        if (!m_filling) showStep();
    });
    connect(m_cpu, &DistributionField::committed, this, [this](DistributionPtr d) {
        if (!d) return;
        const QString error = editStep([&](HandlerStep& s) { s.cpuMs = d; }, tr("Edit CPU time"));
        if (!error.isEmpty()) m_cpu->showError(error);
    });
    auto targetChanged = [this](QComboBox* box) {
        if (m_filling) return;
        const std::string target = box->currentText().toStdString();
        editStep([&](HandlerStep& s) { s.target = target; }, tr("Change call target"));
    };
    connect(m_callTarget, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling) return;
        // A queue is sent to, an object store put to (or got from), anything else called: the
        // step follows the target picked.
        const std::string target = m_callTarget->currentText().toStdString();
        const ComponentKind kind = kindOf(m_scenario, m_callTarget->currentText());
        editStep(
            [&](HandlerStep& s) {
                s.target = target;
                if (kind == ComponentKind::ObjectStore) {
                    if (s.kind != HandlerStep::Kind::Get) s.kind = HandlerStep::Kind::Put;
                } else {
                    s.kind = kind == ComponentKind::Queue ? HandlerStep::Kind::Send
                                                          : HandlerStep::Kind::Call;
                    s.bandwidthMbPerS = nullptr;
                }
            },
            tr("Change call target"));
    });
    connect(m_cacheTarget, &QComboBox::currentIndexChanged, this,
            [this, targetChanged] { targetChanged(m_cacheTarget); });
    connect(m_probability, &NumberField::committed, this,
            [this](std::optional<double> p, int session) {
                if (!p) return;
                const QString error =
                    editStep([&](HandlerStep& s) { s.probability = *p; },
                             tr("Edit branch probability"), QStringLiteral("probability"), session);
                if (!error.isEmpty()) m_probability->showError(error);
            });
}

QWidget* HandlerEditor::buildCallPage() {
    auto* widget = new QWidget(this);
    auto* form = new QFormLayout(widget);
    form->setContentsMargins(0, 0, 0, 0);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(fromView(fields::call::target.label), m_callTarget);
    m_bandwidth = new DistributionField(fromView(fields::call::bandwidthMbPerS.label),
                                        fromView(fields::call::bandwidthMbPerS.unit), true, widget);
    m_bandwidth->setToolTip(fromView(fields::call::bandwidthMbPerS.tooltip));
    form->addRow(fromView(fields::call::bandwidthMbPerS.label), m_bandwidth);
    connect(m_bandwidth, &DistributionField::committed, this, [this](DistributionPtr d) {
        const QString error =
            editStep([&](HandlerStep& s) { s.bandwidthMbPerS = d; }, tr("Edit link bandwidth"));
        if (!error.isEmpty()) m_bandwidth->showError(error);
    });

    m_resilienceToggle = new QToolButton(widget);
    m_resilienceToggle->setText(tr("Resilience"));
    m_resilienceToggle->setToolTip(tr("Timeout, retries and circuit breaker of this call"));
    m_resilienceToggle->setCheckable(true);
    m_resilienceToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_resilienceToggle->setArrowType(Qt::RightArrow);
    m_resilienceToggle->setAutoRaise(true);
    form->addRow(m_resilienceToggle);
    m_resilience = new QWidget(widget);
    m_resilience->hide();
    auto* inner = new QFormLayout(m_resilience);
    inner->setContentsMargins(12, 0, 0, 0);
    // The labels are long ("Failure-rate threshold") and the panel narrow (1024x768, presenter
    // mode's larger text): a field that does not fit beside its label goes under it, instead of
    // pushing its unit past the panel's edge.
    inner->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(m_resilience);
    connect(m_resilienceToggle, &QToolButton::toggled, this, [this](bool open) {
        m_resilienceToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_resilience->setVisible(open);
    });

    // The timeout: optional, empty means waiting as long as it takes.
    auto* timeout = new NumberField(numberSpec(fields::call::timeoutMs), m_resilience);
    inner->addRow(fromView(fields::call::timeoutMs.label), timeout);
    m_policyFields[fromView(fields::call::timeoutMs.key)] = {
        timeout, [](const HandlerStep& s) { return s.timeoutMs; }, false};
    connect(timeout, &NumberField::committed, this, [this, timeout](std::optional<double> v) {
        const QString error =
            editStep([&](HandlerStep& s) { s.timeoutMs = v; }, tr("Edit call timeout"));
        if (!error.isEmpty()) timeout->showError(error);
    });

    // What the handler does when the call fails for good: fail the request, or go on without
    // the call's answer (a fallback, such as serving without the personalisation).
    m_onFailure = new QComboBox(m_resilience);
    m_onFailure->setObjectName(QStringLiteral("onFailure"));
    m_onFailure->addItem(tr("fail the request"), false);
    m_onFailure->addItem(tr("continue without it"), true);
    m_onFailure->setToolTip(fromView(fields::call::onFailure.tooltip));
    m_onFailure->setAccessibleName(fromView(fields::call::onFailure.label));
    inner->addRow(fromView(fields::call::onFailure.label), m_onFailure);
    connect(m_onFailure, &QComboBox::activated, this, [this] {
        const bool continueOnFailure = m_onFailure->currentData().toBool();
        editStep([&](HandlerStep& s) { s.continueOnFailure = continueOnFailure; },
                 tr("Edit when the call fails"));
    });

    const auto policySwitch = [this, inner](const FieldDescription& field, auto policy,
                                            const QString& text) {
        auto* check = new QCheckBox(fromView(field.label), m_resilience);
        check->setToolTip(fromView(field.tooltip));
        inner->addRow(check);
        connect(check, &QCheckBox::clicked, this, [this, check, policy, text](bool on) {
            const QString error = editStep(
                [&](HandlerStep& s) {
                    if (on)
                        (s.*policy).emplace();
                    else
                        (s.*policy).reset();
                },
                text);
            if (!error.isEmpty()) {
                const QSignalBlocker block(check);
                check->setChecked(!on);
            }
        });
        return check;
    };
    m_retryCheck = policySwitch(fields::call::retry, &HandlerStep::retry, tr("Switch retries"));
    const QString retry = QStringLiteral("retry.");
    addPolicyField(inner, retry, fields::retry::attempts, &HandlerStep::retry,
                   &RetryPolicy::attempts);
    addPolicyField(inner, retry, fields::retry::backoffMs, &HandlerStep::retry,
                   &RetryPolicy::backoffMs);
    addPolicyField(inner, retry, fields::retry::backoffMultiplier, &HandlerStep::retry,
                   &RetryPolicy::backoffMultiplier);
    addPolicyField(inner, retry, fields::retry::maxBackoffMs, &HandlerStep::retry,
                   &RetryPolicy::maxBackoffMs);
    addPolicyField(inner, retry, fields::retry::jitter, &HandlerStep::retry, &RetryPolicy::jitter);
    addPolicyField(inner, retry, fields::retry::budget, &HandlerStep::retry, &RetryPolicy::budget);
    m_breakerCheck =
        policySwitch(fields::call::breaker, &HandlerStep::breaker, tr("Switch circuit breaker"));
    const QString breaker = QStringLiteral("breaker.");
    addPolicyField(inner, breaker, fields::breaker::failureRateThreshold, &HandlerStep::breaker,
                   &CircuitBreakerSpec::failureRateThreshold);
    addPolicyField(inner, breaker, fields::breaker::windowS, &HandlerStep::breaker,
                   &CircuitBreakerSpec::windowS);
    addPolicyField(inner, breaker, fields::breaker::minimumCalls, &HandlerStep::breaker,
                   &CircuitBreakerSpec::minimumCalls);
    addPolicyField(inner, breaker, fields::breaker::openS, &HandlerStep::breaker,
                   &CircuitBreakerSpec::openS);
    addPolicyField(inner, breaker, fields::breaker::halfOpenProbes, &HandlerStep::breaker,
                   &CircuitBreakerSpec::halfOpenProbes);
    return widget;
}

template <typename Spec, typename T>
void HandlerEditor::addPolicyField(QFormLayout* form, const QString& prefix,
                                   const FieldDescription& field,
                                   std::optional<Spec> HandlerStep::*policy, T Spec::*member) {
    auto* number = new NumberField(numberSpec(field), m_resilience);
    form->addRow(fromView(field.label), number);
    const auto get = [policy, member](const HandlerStep& s) -> std::optional<double> {
        const std::optional<Spec>& spec = s.*policy;
        if (!spec) return std::nullopt;
        if constexpr (std::is_same_v<T, std::optional<double>>)
            return (*spec).*member;
        else
            return static_cast<double>((*spec).*member);
    };
    m_policyFields[prefix + fromView(field.key)] = {number, get, true};
    const QString text = tr("Edit %1").arg(fromView(field.label).toLower());
    connect(number, &NumberField::committed, this,
            [this, number, policy, member, text](std::optional<double> v) {
                if constexpr (!std::is_same_v<T, std::optional<double>>)
                    if (!v) return;  // a required field left empty keeps its value
                const QString error = editStep(
                    [&](HandlerStep& s) {
                        std::optional<Spec>& spec = s.*policy;
                        if (!spec) return;
                        if constexpr (std::is_same_v<T, std::optional<double>>)
                            (*spec).*member = v;
                        else
                            (*spec).*member = static_cast<T>(*v);
                    },
                    text);
                if (!error.isEmpty()) number->showError(error);
            });
}

void HandlerEditor::showResilience(const HandlerStep& step) {
    // A guarded call opens with its failure behaviour in view; a plain one keeps it folded.
    if (step.guarded() && !m_resilienceToggle->isChecked()) m_resilienceToggle->setChecked(true);
    m_retryCheck->setChecked(step.retry.has_value());
    m_breakerCheck->setChecked(step.breaker.has_value());
    m_onFailure->setCurrentIndex(step.continueOnFailure ? 1 : 0);
    for (auto& [key, policyField] : m_policyFields) {
        policyField.field->clearError();
        policyField.field->setValue(policyField.get(step));
        const bool on = key.startsWith(QLatin1String("retry.")) ? step.retry.has_value()
                                                                : step.breaker.has_value();
        policyField.field->setEnabled(!policyField.needsPolicy || on);
    }
}

NumberField* HandlerEditor::resilienceField(const QString& key) const {
    const auto found = m_policyFields.find(key);
    return found == m_policyFields.end() ? nullptr : found->second.field;
}

std::vector<HandlerStep>* HandlerEditor::listAt(std::vector<HandlerStep>& root, const Path& path) {
    std::vector<HandlerStep>* list = &root;
    for (int i = 0; i + 2 < path.size(); i += 2) {
        const auto index = static_cast<std::size_t>(path[i]);
        if (index >= list->size()) return nullptr;
        HandlerStep& step = (*list)[index];
        list = path[i + 1] == 1 ? &step.onMiss : &step.steps;
    }
    return list;
}

HandlerStep* HandlerEditor::stepAt(std::vector<HandlerStep>& root, const Path& path) {
    if (path.isEmpty()) return nullptr;
    std::vector<HandlerStep>* list = listAt(root, path);
    const auto index = static_cast<std::size_t>(path.back());
    return list && index < list->size() ? &(*list)[index] : nullptr;
}

QString HandlerEditor::describe(const HandlerStep& step) const {
    switch (step.kind) {
        case HandlerStep::Kind::Cpu:
            return tr("CPU: %1 ms")
                .arg(step.cpuMs ? QString::fromStdString(step.cpuMs->describe())
                                : QStringLiteral("?"));
        case HandlerStep::Kind::Call: {
            QString text = tr("Call %1").arg(QString::fromStdString(step.target));
            // The failure behaviour in a word each, so a guarded call shows in the tree.
            if (step.timeoutMs) text += tr(" · timeout %1 ms").arg(*step.timeoutMs);
            if (step.retry) text += tr(" · %1 attempts").arg(step.retry->attempts);
            if (step.breaker) text += tr(" · breaker");
            if (step.continueOnFailure) text += tr(" · continues on failure");
            return text;
        }
        case HandlerStep::Kind::Send: {
            QString text = tr("Send to %1").arg(QString::fromStdString(step.target));
            if (step.retry) text += tr(" · %1 attempts").arg(step.retry->attempts);
            if (step.continueOnFailure) text += tr(" · continues on failure");
            return text;
        }
        case HandlerStep::Kind::Put:
        case HandlerStep::Kind::Get: {
            QString text =
                step.kind == HandlerStep::Kind::Put
                    ? tr("Upload (PUT) to %1").arg(QString::fromStdString(step.target))
                    : tr("Download (GET) from %1").arg(QString::fromStdString(step.target));
            if (step.bandwidthMbPerS)
                text +=
                    tr(" · %1 MB/s").arg(QString::fromStdString(step.bandwidthMbPerS->describe()));
            if (step.timeoutMs) text += tr(" · timeout %1 ms").arg(*step.timeoutMs);
            return text;
        }
        case HandlerStep::Kind::Cache:
            return tr("Cache lookup in %1").arg(QString::fromStdString(step.target));
        case HandlerStep::Kind::Branch:
            return tr("With probability %1:").arg(step.probability);
    }
    return {};
}

void HandlerEditor::fill(QTreeWidgetItem* parent, const std::vector<HandlerStep>& steps,
                         const Path& prefix, int list) {
    for (std::size_t i = 0; i < steps.size(); ++i) {
        Path path = prefix;
        if (!prefix.isEmpty()) path << list;
        path << static_cast<int>(i);
        auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
        item->setText(0, describe(steps[i]));
        item->setToolTip(0, item->text(0));  // a guarded call's line may not fit the panel
        item->setData(0, kPathRole, QVariant::fromValue(path));
        if (steps[i].kind == HandlerStep::Kind::Branch) fill(item, steps[i].steps, path, 0);
        if (steps[i].kind == HandlerStep::Kind::Cache) {
            if (!steps[i].onMiss.empty()) {
                auto* miss = new QTreeWidgetItem(item);
                miss->setText(0, tr("on miss:"));
                miss->setForeground(0, QColor(0x80, 0x80, 0x80));
                miss->setData(0, kPathRole, QVariant::fromValue(path));
                fill(miss, steps[i].onMiss, path, 1);
            }
        }
    }
}

void HandlerEditor::refresh(const Scenario& scenario) {
    m_scenario = scenario;
    const Path selected = selectedPath();
    m_filling = true;
    m_tree->clear();
    if (const auto* handler = m_access(m_scenario)) fill(nullptr, *handler, {}, 0);
    m_tree->expandAll();
    QStringList targets;
    for (const auto& ref : allComponents(scenario))
        if (ref.id != m_ownerId && ref.kind != ComponentKind::Cache) targets << ref.id;
    m_callTarget->clear();
    m_callTarget->addItems(targets);
    m_cacheTarget->clear();
    m_cacheTarget->addItems(idsOfKinds(scenario, {ComponentKind::Cache}));
    m_filling = false;
    selectPath(selected);
    showStep();
}

HandlerEditor::Path HandlerEditor::selectedPath() const {
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item ? item->data(0, kPathRole).value<Path>() : Path{};
}

void HandlerEditor::selectPath(const Path& path) {
    if (path.isEmpty()) return;
    m_filling = true;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(0, kPathRole).value<Path>() == path &&
            !(*it)->text(0).startsWith(tr("on miss"))) {
            m_tree->setCurrentItem(*it);
            break;
        }
    }
    m_filling = false;
}

void HandlerEditor::showStep() {
    m_error->hide();
    HandlerStep* step = stepAt(*m_access(m_scenario), selectedPath());
    if (!step) {
        m_detail->setCurrentIndex(EmptyPage);
        return;
    }
    m_filling = true;
    switch (step->kind) {
        case HandlerStep::Kind::Cpu:
            m_cpu->setDistribution(step->cpuMs);
            m_detail->setCurrentIndex(CpuPage);
            break;
        case HandlerStep::Kind::Call:
        case HandlerStep::Kind::Send:
        case HandlerStep::Kind::Put:
        case HandlerStep::Kind::Get:
            m_callTarget->setCurrentText(QString::fromStdString(step->target));
            m_bandwidth->setDistribution(step->bandwidthMbPerS);
            // Only a put or get moves bytes: the bandwidth has nothing to say for a call.
            m_bandwidth->setEnabled(step->kind == HandlerStep::Kind::Put ||
                                    step->kind == HandlerStep::Kind::Get);
            showResilience(*step);
            m_detail->setCurrentIndex(CallPage);
            break;
        case HandlerStep::Kind::Cache:
            m_cacheTarget->setCurrentText(QString::fromStdString(step->target));
            m_detail->setCurrentIndex(CachePage);
            break;
        case HandlerStep::Kind::Branch:
            m_probability->setValue(step->probability);
            m_detail->setCurrentIndex(BranchPage);
            break;
    }
    m_filling = false;
}

QString HandlerEditor::editStep(const std::function<void(HandlerStep&)>& change,
                                const QString& text, const QString& mergeKey, int session) {
    const Path path = selectedPath();
    const QString error = m_apply(
        [&](Scenario& s) {
            if (auto* handler = m_access(s))
                if (HandlerStep* step = stepAt(*handler, path)) change(*step);
        },
        text, mergeKey.isEmpty() ? QString() : m_ownerId + QLatin1Char('/') + mergeKey, session);
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
    }
    return error;
}

void HandlerEditor::addStep(HandlerStep::Kind kind) {
    HandlerStep step;
    step.kind = kind;
    switch (kind) {
        case HandlerStep::Kind::Cpu:
            step.cpuMs = makeLognormalFromMedianP99(2, 6);
            break;
        case HandlerStep::Kind::Call:
            if (m_callTarget->count() == 0) {
                m_error->setText(tr("Add a component to call first (a database, a hop...)."));
                m_error->show();
                return;
            }
            step.target = m_callTarget->itemText(0).toStdString();
            if (kindOf(m_scenario, m_callTarget->itemText(0)) == ComponentKind::Queue)
                step.kind = HandlerStep::Kind::Send;
            if (kindOf(m_scenario, m_callTarget->itemText(0)) == ComponentKind::ObjectStore)
                step.kind = HandlerStep::Kind::Put;
            break;
        case HandlerStep::Kind::Send: {
            const QStringList queues = idsOfKinds(m_scenario, {ComponentKind::Queue});
            if (queues.isEmpty()) {
                m_error->setText(tr("Add a queue to the topology first."));
                m_error->show();
                return;
            }
            step.target = queues.front().toStdString();
            break;
        }
        case HandlerStep::Kind::Put:
        case HandlerStep::Kind::Get: {
            const QStringList stores = idsOfKinds(m_scenario, {ComponentKind::ObjectStore});
            if (stores.isEmpty()) {
                m_error->setText(tr("Add an object store to the topology first."));
                m_error->show();
                return;
            }
            step.target = stores.front().toStdString();
            break;
        }
        case HandlerStep::Kind::Cache:
            if (m_cacheTarget->count() == 0) {
                m_error->setText(tr("Add a cache to the topology first."));
                m_error->show();
                return;
            }
            step.target = m_cacheTarget->itemText(0).toStdString();
            break;
        case HandlerStep::Kind::Branch: {
            step.probability = 0.5;
            HandlerStep inner;
            inner.cpuMs = makeLognormalFromMedianP99(2, 6);
            step.steps.push_back(inner);
            break;
        }
    }
    const Path selected = selectedPath();
    Path inserted;
    const QString error = m_apply(
        [&](Scenario& s) {
            auto* handler = m_access(s);
            if (!handler) return;
            HandlerStep* current = stepAt(*handler, selected);
            if (current && current->kind == HandlerStep::Kind::Branch) {
                current->steps.push_back(step);
                inserted = selected;
                inserted << 0 << static_cast<int>(current->steps.size() - 1);
            } else if (current && current->kind == HandlerStep::Kind::Cache) {
                current->onMiss.push_back(step);
                inserted = selected;
                inserted << 1 << static_cast<int>(current->onMiss.size() - 1);
            } else if (current) {
                auto* list = listAt(*handler, selected);
                list->insert(list->begin() + selected.back() + 1, step);
                inserted = selected;
                inserted.back() += 1;
            } else {
                handler->push_back(step);
                inserted = {static_cast<int>(handler->size() - 1)};
            }
        },
        tr("Add handler step"), {}, 0);
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    selectPath(inserted);
    showStep();
}

void HandlerEditor::removeStep() {
    const Path path = selectedPath();
    if (path.isEmpty()) return;
    const QString error = m_apply(
        [&](Scenario& s) {
            auto* handler = m_access(s);
            if (!handler) return;
            if (auto* list = listAt(*handler, path);
                list && static_cast<std::size_t>(path.back()) < list->size())
                list->erase(list->begin() + path.back());
        },
        tr("Remove handler step"), {}, 0);
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
    }
}

void HandlerEditor::moveStep(int delta) {
    Path path = selectedPath();
    if (path.isEmpty()) return;
    const int to = path.back() + delta;
    const QString error = m_apply(
        [&](Scenario& s) {
            auto* handler = m_access(s);
            auto* list = handler ? listAt(*handler, path) : nullptr;
            if (!list || to < 0 || static_cast<std::size_t>(to) >= list->size()) return;
            std::swap((*list)[static_cast<std::size_t>(path.back())],
                      (*list)[static_cast<std::size_t>(to)]);
        },
        tr("Move handler step"), {}, 0);
    if (error.isEmpty() && to >= 0) {
        path.back() = to;
        selectPath(path);
        showStep();
    }
}

}  // namespace archsim::ui
