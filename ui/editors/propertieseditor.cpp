// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editors/propertieseditor.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "sim/cost/pricing.h"
#include "sim/scenario/scenariofields.h"
#include "sim/scenario/scenariojson.h"
#include "sim/study/sweepablefield.h"
#include "ui/document/scenariodocument.h"
#include "ui/document/scenarioedits.h"
#include "ui/editors/distributionfield.h"
#include "ui/editors/failureseditor.h"
#include "ui/editors/handlereditor.h"
#include "ui/editors/workloadeditor.h"

namespace archsim::ui {

namespace {

template <typename Spec>
Spec* findById(std::vector<Spec>& items, const std::string& id) {
    for (auto& item : items)
        if (item.id == id) return &item;
    return nullptr;
}

/// The bundled price list, for the cost choices (platforms, cache and database node types).
const PricingTable* bundledPricing() {
    static const std::optional<PricingTable> table = [] {
        QFile file(QStringLiteral(":/pricing/default.json"));
        if (!file.open(QIODevice::ReadOnly)) return std::optional<PricingTable>();
        ValidationReport report;
        return parsePricing(file.readAll().toStdString(), report);
    }();
    return table ? &*table : nullptr;
}

QStringList toStringList(const std::vector<std::string>& items) {
    QStringList list;
    for (const auto& item : items) list << QString::fromStdString(item);
    return list;
}

QString fromView(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString labelOf(const FieldDescription& field) {
    return fromView(field.label);
}

QString tooltipOf(const FieldDescription& field) {
    return fromView(field.tooltip);
}

/// "servers.": how the fields of a kind of component are named (objectName, numberField()).
QString fieldPrefix(ComponentKind kind) {
    return fromView(describe(kind).arrayKey) + QLatin1Char('.');
}

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

}  // namespace

NumberSpec numberSpec(const FieldDescription& field, double sliderMin, double sliderMax) {
    return NumberSpec::make(field.min, field.max, !field.minExclusive,
                            field.type == FieldType::Integer, field.presence == Presence::Optional,
                            fromView(field.unit), fromView(field.tooltip),
                            fromView(field.emptyMeaning), sliderMin, sliderMax);
}

PropertiesEditor::PropertiesEditor(QWidget* parent)
    : QWidget(parent), m_layout(new QVBoxLayout(this)), m_heading(new QLabel(this)) {
    m_heading->setTextFormat(Qt::RichText);
    m_layout->addWidget(m_heading);
    m_layout->addStretch();
    rebuild();
}

void PropertiesEditor::setDocument(ScenarioDocument* document) {
    if (m_document) disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_selection = {};
    if (m_document)
        connect(m_document, &ScenarioDocument::scenarioChanged, this, &PropertiesEditor::refresh);
    rebuild();
}

void PropertiesEditor::setSelection(const ComponentRef& ref) {
    if (ref == m_selection && m_body) return;
    m_selection = ref;
    rebuild();
}

NumberField* PropertiesEditor::numberField(const QString& key) const {
    const auto it = m_numbers.find(key);
    return it == m_numbers.end() ? nullptr : it->second;
}

DistributionField* PropertiesEditor::distributionField(const QString& key) const {
    const auto it = m_distributions.find(key);
    return it == m_distributions.end() ? nullptr : it->second;
}

QString PropertiesEditor::apply(const std::function<void(Scenario&)>& mutate, const QString& text,
                                const QString& mergeKey, int mergeSession) {
    if (!m_document) return tr("No scenario is open.");
    Scenario candidate = m_document->scenario();
    mutate(candidate);
    if (canonicalText(candidate) == canonicalText(m_document->scenario())) return {};
    const QStringList problems = m_document->validate(candidate);
    if (!problems.isEmpty()) {
        const QString message = problems.join(QLatin1Char('\n'));
        emit editRefused(message);
        return message;
    }
    m_document->edit(candidate, text, mergeKey, mergeSession);
    return {};
}

void PropertiesEditor::refresh() {
    if (!m_document) return;
    const Scenario& scenario = m_document->scenario();
    if (!exists(scenario, m_selection)) {
        m_selection = {};
        rebuild();
        return;
    }
    for (const auto& refresher : m_refreshers) refresher(scenario);
}

QFormLayout* PropertiesEditor::section(const QString& title) {
    auto* box = new QGroupBox(title, m_body);
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // On a narrow panel a long label goes above its field instead of squeezing it.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_body->layout()->addWidget(box);
    return form;
}

void PropertiesEditor::rebuild() {
    m_refreshers.clear();
    m_numbers.clear();
    m_distributions.clear();
    m_workload = nullptr;
    // Later, not now: the edit that triggered the rebuild may be running inside one of its widgets.
    if (m_body) {
        m_body->hide();
        m_body->deleteLater();
    }
    m_body = new QWidget(this);
    auto* bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    m_layout->insertWidget(1, m_body);
    if (!m_document) {
        m_heading->setText(tr("<i>No scenario open.</i>"));
        return;
    }
    const QString title =
        m_selection.kind == ComponentKind::None ? tr("Scenario")
        : m_selection.kind == ComponentKind::Workload
            ? tr("Workload")
            : QStringLiteral("%1 <span style='color:gray'>%2</span>")
                  .arg(m_selection.id.toHtmlEscaped(), kindLabel(m_selection.kind));
    m_heading->setText(QStringLiteral("<h3 style='margin:2px'>%1</h3>").arg(title));
    switch (m_selection.kind) {
        case ComponentKind::None:
            buildScenario();
            break;
        case ComponentKind::Workload: {
            m_workload = new WorkloadEditor(
                [this](const std::function<void(Scenario&)>& mutate, const QString& text,
                       const QString& key,
                       int session) { return apply(mutate, text, key, session); },
                m_body);
            m_workload->setBaseDirectory(
                [this] { return m_document ? m_document->baseDirectory() : QString(); });
            bodyLayout->addWidget(m_workload);
            connect(m_workload, &WorkloadEditor::sweepRequested, this,
                    &PropertiesEditor::sweepRequested);
            WorkloadEditor* editor = m_workload;
            m_refreshers.push_back([editor](const Scenario& s) { editor->refresh(s); });
            buildAfterResponse();
            break;
        }
        case ComponentKind::Gateway:
            buildGateway();
            break;
        case ComponentKind::Function:
            buildFunction();
            break;
        case ComponentKind::Server:
            buildServer();
            break;
        case ComponentKind::Cache:
            buildCache();
            break;
        case ComponentKind::Database:
            buildDatabase();
            break;
        case ComponentKind::Hop:
            buildHop();
            break;
        case ComponentKind::Station:
            buildStation();
            break;
        case ComponentKind::Queue:
            buildQueue();
            break;
        case ComponentKind::ObjectStore:
            buildObjectStore();
            break;
    }
    // Requests cannot arrive at an object store (the reader refuses it as the entry).
    if (m_selection.isComponent() && m_selection.kind != ComponentKind::ObjectStore) {
        auto* entry = new QPushButton(QIcon(QStringLiteral(":/icons/entry.svg")),
                                      tr("Make This the Entry"), m_body);
        entry->setToolTip(tr("Requests from the workload arrive at this component"));
        const ComponentRef ref = m_selection;
        connect(entry, &QPushButton::clicked, this,
                [this, ref] { apply([ref](Scenario& s) { setEntry(s, ref); }, tr("Set entry")); });
        bodyLayout->addWidget(entry);
        m_refreshers.push_back([entry, ref](const Scenario& s) {
            entry->setEnabled(s.topology.entry != ref.id.toStdString());
        });
    }
    refresh();
}

void PropertiesEditor::addNumber(QFormLayout* form, const QString& key, const QString& label,
                                 const NumberSpec& spec,
                                 std::function<std::optional<double>(const Scenario&)> get,
                                 std::function<void(Scenario&, std::optional<double>)> set) {
    auto* field = new NumberField(spec, m_body);
    field->setObjectName(key);
    auto* labelWidget = new QLabel(label, m_body);
    labelWidget->setToolTip(spec.tooltip);
    form->addRow(labelWidget, field);
    m_numbers[key] = field;
    connect(field, &NumberField::committed, this,
            [this, field, key, label, set](std::optional<double> value, int session) {
                const QString error = apply([&](Scenario& s) { set(s, value); },
                                            tr("Change %1").arg(label.toLower()), key, session);
                if (!error.isEmpty()) field->showError(error);
            });
    m_refreshers.push_back([field, get](const Scenario& s) { field->setValue(get(s)); });
    // The path is looked up again when chosen: an edit since may have moved the component.
    if (const QString path = sweepPathOf(key); !path.isEmpty()) {
        field->setSweepPath(path);
        connect(field, &NumberField::sweepRequested, this, [this, key] {
            if (const QString now = sweepPathOf(key); !now.isEmpty()) emit sweepRequested(now);
        });
    }
}

QString PropertiesEditor::sweepPathOf(const QString& key) const {
    if (!m_document) return {};
    const nlohmann::json json = scenarioToJson(m_document->scenario());
    std::string path;
    if (key.startsWith(QStringLiteral("run."))) {
        path = key.toStdString();
    } else if (m_selection.isComponent()) {
        const std::string array(describe(m_selection.kind).arrayKey);
        const QString prefix = QString::fromStdString(array) + QLatin1Char('.');
        if (!key.startsWith(prefix)) return {};
        const nlohmann::json list =
            json.value("topology", nlohmann::json::object()).value(array, nlohmann::json::array());
        for (std::size_t i = 0; i < list.size(); ++i)
            if (list[i].is_object() && list[i].value("id", "") == m_selection.id.toStdString())
                path =
                    indexPath("topology." + array, i) + '.' + key.mid(prefix.size()).toStdString();
    }
    if (path.empty()) return {};
    for (const SweepableField& f : sweepableFields(json))
        if (f.path == path) return QString::fromStdString(path);
    return {};
}

void PropertiesEditor::addDistribution(QFormLayout* form, const QString& key, const QString& label,
                                       const QString& unit, bool optional,
                                       std::function<DistributionPtr(const Scenario&)> get,
                                       std::function<void(Scenario&, DistributionPtr)> set) {
    auto* field = new DistributionField(label, unit, optional, m_body);
    field->setObjectName(key);
    form->addRow(label, field);
    m_distributions[key] = field;
    connect(field, &DistributionField::committed, this,
            [this, field, label, set](DistributionPtr distribution) {
                const QString error = apply([&](Scenario& s) { set(s, distribution); },
                                            tr("Edit %1").arg(label.toLower()));
                if (!error.isEmpty()) field->showError(error);
            });
    m_refreshers.push_back([field, get](const Scenario& s) { field->setDistribution(get(s)); });
}

template <typename At, typename Owner, typename T>
void PropertiesEditor::addMember(QFormLayout* form, const QString& prefix,
                                 const FieldDescription& field, At at, T Owner::*member,
                                 double sliderMin, double sliderMax) {
    addNumber(
        form, prefix + fromView(field.key), labelOf(field), numberSpec(field, sliderMin, sliderMax),
        [at, member](const Scenario& s) -> std::optional<double> {
            const Owner* owner = at(s);
            if (!owner) return std::nullopt;
            if constexpr (IsOptional<T>::value) {
                const T& value = owner->*member;
                return value ? std::optional<double>(static_cast<double>(*value)) : std::nullopt;
            } else {
                return static_cast<double>(owner->*member);
            }
        },
        [at, member](Scenario& s, std::optional<double> v) {
            Owner* owner = at(s);
            if (!owner) return;
            if constexpr (IsOptional<T>::value) {
                owner->*member = v ? T(static_cast<typename T::value_type>(*v)) : T();
            } else if (v) {
                owner->*member = static_cast<T>(*v);
            }
        });
}

template <typename At, typename Owner>
void PropertiesEditor::addMemberDistribution(QFormLayout* form, const QString& prefix,
                                             const FieldDescription& field, At at,
                                             DistributionPtr Owner::*member) {
    addDistribution(
        form, prefix + fromView(field.key), labelOf(field), fromView(field.unit),
        field.presence == Presence::Optional,
        [at, member](const Scenario& s) { return at(s) ? at(s)->*member : nullptr; },
        [at, member](Scenario& s, DistributionPtr d) {
            if (at(s)) at(s)->*member = d;
        });
}

template <typename At>
void PropertiesEditor::addRegionField(QFormLayout* form, At at, bool edge) {
    // The choices are the regions the scenario lists when the form is built: the regions are
    // edited in the scenario's form, and a component's form is built when it is selected.
    QStringList choices;
    std::vector<std::string> regions;
    if (m_document) {
        const auto& listed = m_document->scenario().topology.regions;
        choices << (listed.empty() ? tr("(no regions: list them under Regions)")
                                   : tr("%1 (the first region)")
                                         .arg(QString::fromStdString(listed.front().id)));
        for (const RegionSpec& region : listed) {
            choices << QString::fromStdString(region.id);
            regions.push_back(region.id);
        }
        if (!listed.empty() && edge) {
            choices << tr("edge (each client's own region)");
            regions.push_back(kEdgeRegion);
        }
    }
    addChoice(
        form, labelOf(fields::region), tooltipOf(fields::region), choices,
        [at, regions](const Scenario& s) {
            if (!at(s) || at(s)->region.empty()) return 0;
            const auto it = std::find(regions.begin(), regions.end(), at(s)->region);
            return it == regions.end() ? 0 : static_cast<int>(it - regions.begin()) + 1;
        },
        [at, regions](Scenario& s, int index) {
            if (!at(s)) return;
            at(s)->region = index <= 0 || index > static_cast<int>(regions.size())
                                ? std::string()
                                : regions[static_cast<std::size_t>(index - 1)];
        });
}

void PropertiesEditor::addChoice(QFormLayout* form, const QString& label, const QString& tooltip,
                                 const QStringList& choices,
                                 std::function<int(const Scenario&)> get,
                                 std::function<void(Scenario&, int)> set) {
    auto* box = new QComboBox(m_body);
    box->addItems(choices);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(8);
    box->setToolTip(tooltip);
    form->addRow(label, box);
    auto* error = new QLabel(m_body);
    error->setStyleSheet(QStringLiteral("color: #c62828;"));
    error->setWordWrap(true);
    error->hide();
    form->addRow(QString(), error);
    connect(box, &QComboBox::activated, this, [this, box, error, label, set](int index) {
        const QString message =
            apply([&](Scenario& s) { set(s, index); }, tr("Change %1").arg(label.toLower()));
        error->setText(message);
        error->setVisible(!message.isEmpty());
        if (!message.isEmpty() && m_document) {
            // Refused: show the value still in force.
            refresh();
            box->setFocus();
        }
    });
    m_refreshers.push_back([box, get](const Scenario& s) {
        const QSignalBlocker block(box);
        box->setCurrentIndex(get(s));
    });
}

void PropertiesEditor::addText(QFormLayout* form, const QString& label, const QString& tooltip,
                               std::function<QString(const Scenario&)> get,
                               std::function<QString(Scenario&, const QString&)> set) {
    auto* edit = new QLineEdit(m_body);
    edit->setToolTip(tooltip);
    edit->setMinimumWidth(60);
    form->addRow(label, edit);
    auto* error = new QLabel(m_body);
    error->setStyleSheet(QStringLiteral("color: #c62828;"));
    error->setWordWrap(true);
    error->hide();
    form->addRow(QString(), error);
    connect(edit, &QLineEdit::editingFinished, this, [this, edit, error, label, set] {
        QString problem;
        const QString text = edit->text();
        const QString message = apply([&](Scenario& s) { problem = set(s, text); },
                                      tr("Change %1").arg(label.toLower()));
        const QString shown = problem.isEmpty() ? message : problem;
        error->setText(shown);
        error->setVisible(!shown.isEmpty());
    });
    // Every refresher replaces the text even in the focused field: the form shows the scenario.
    m_refreshers.push_back([edit, error, get](const Scenario& s) {
        const QString text = get(s);
        if (edit->text() != text) {
            edit->setText(text);
            // A long name or description reads from its start, not its end.
            if (!edit->hasFocus()) edit->setCursorPosition(0);
        }
        error->hide();
    });
}

void PropertiesEditor::addCheck(QFormLayout* form, const QString& label, const QString& tooltip,
                                std::function<bool(const Scenario&)> get,
                                std::function<void(Scenario&, bool)> set) {
    auto* check = new QCheckBox(label, m_body);
    check->setToolTip(tooltip);
    form->addRow(QString(), check);
    connect(check, &QCheckBox::clicked, this, [this, check, label, set](bool on) {
        const QString message =
            apply([&](Scenario& s) { set(s, on); }, tr("Change %1").arg(label.toLower()));
        if (!message.isEmpty()) {
            check->setToolTip(message);
            refresh();
        }
    });
    m_refreshers.push_back([check, get](const Scenario& s) {
        const QSignalBlocker block(check);
        check->setChecked(get(s));
    });
}

void PropertiesEditor::addIdField(QFormLayout* form) {
    auto* edit = new QLineEdit(m_body);
    edit->setObjectName(QStringLiteral("id"));
    edit->setToolTip(
        tr("The component's name; calls and the entry refer to it and follow a rename"));
    form->addRow(tr("Id"), edit);
    auto* error = new QLabel(m_body);
    error->setStyleSheet(QStringLiteral("color: #c62828;"));
    error->setWordWrap(true);
    error->hide();
    form->addRow(QString(), error);
    connect(edit, &QLineEdit::editingFinished, this, [this, edit, error] {
        const ComponentRef before = m_selection;
        const QString newId = edit->text().trimmed();
        if (newId == before.id) return;
        QString problem;
        const QString message =
            apply([&](Scenario& s) { renameComponent(s, before, newId, &problem); },
                  tr("Rename %1").arg(before.id));
        const QString shown = problem.isEmpty() ? message : problem;
        error->setText(shown);
        error->setVisible(!shown.isEmpty());
        if (shown.isEmpty()) {
            m_selection.id = newId;
            emit selectionRenamed(m_selection);
            rebuild();
        }
    });
    const QString id = m_selection.id;
    m_refreshers.push_back([edit, error, id](const Scenario&) {
        if (edit->text() != id) edit->setText(id);
        error->hide();
    });
}

void PropertiesEditor::addHandler(QFormLayout* form) {
    const ComponentRef ref = m_selection;
    auto* editor = new HandlerEditor(
        [ref](Scenario& s) { return handlerOf(s, ref); }, ref.id,
        [this](const std::function<void(Scenario&)>& mutate, const QString& text,
               const QString& key, int session) { return apply(mutate, text, key, session); },
        m_body);
    form->addRow(editor);
    m_refreshers.push_back([editor](const Scenario& s) { editor->refresh(s); });
}

// --- Per-kind forms. Each getter finds its component by id in the scenario it is given, because
// undo replaces the whole scenario and no pointer into an old value may survive that.

void PropertiesEditor::buildScenario() {
    QFormLayout* general = section(tr("Scenario"));
    addText(
        general, tr("Name"), tr("Shown in the window, the charts and the legend"),
        [](const Scenario& s) { return QString::fromStdString(s.name); },
        [](Scenario& s, const QString& t) {
            s.name = t.toStdString();
            return QString();
        });
    addText(
        general, tr("Description"), tr("What the scenario shows, for whoever opens it next"),
        [](const Scenario& s) { return QString::fromStdString(s.description); },
        [](Scenario& s, const QString& t) {
            s.description = t.toStdString();
            return QString();
        });
    addNumber(
        general, QStringLiteral("seed"), tr("Seed"),
        NumberSpec::make(
            0, 9.007e15, true, true, false, QString(),
            tr("Random seed: the same scenario and seed give the same results, bit for bit. "
               "Compared scenarios run with their own seeds; give them the same seed for "
               "common random numbers")),
        [](const Scenario& s) { return static_cast<double>(s.seed); },
        [](Scenario& s, std::optional<double> v) {
            if (v) s.seed = static_cast<std::uint64_t>(*v);
        });

    QFormLayout* placement = section(tr("Regions"));
    addText(
        placement, tr("Regions"),
        tr("Where the clients are, as region ids with their client shares: "
           "\"us-east-1 0.4, eu-west-1 0.35, ap-northeast-1 0.25\". AWS region ids come with "
           "bundled round trips; other pairs need roundTrips in the file. Empty: one place"),
        [](const Scenario& s) {
            QStringList parts;
            for (const RegionSpec& r : s.topology.regions)
                parts << QStringLiteral("%1 %2").arg(QString::fromStdString(r.id),
                                                      QString::number(r.clientShare));
            return parts.join(QStringLiteral(", "));
        },
        [](Scenario& s, const QString& text) {
            std::vector<RegionSpec> regions;
            for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
                const QStringList words = part.simplified().split(u' ');
                if (words.isEmpty() || words.front().isEmpty()) continue;
                RegionSpec region;
                region.id = words.front().toStdString();
                if (words.size() > 2)
                    return tr("\"%1\": write a region id and its share, e.g. \"eu-west-1 0.3\"")
                        .arg(part.trimmed());
                if (words.size() == 2) {
                    bool ok = false;
                    region.clientShare = words[1].toDouble(&ok);
                    if (!ok || region.clientShare < 0)
                        return tr("\"%1\": the share must be a number >= 0").arg(words[1]);
                }
                regions.push_back(std::move(region));
            }
            s.topology.regions = std::move(regions);
            return QString();
        });

    QFormLayout* run = section(tr("Run"));
    const auto settings = [](const Scenario& s) { return &const_cast<Scenario&>(s).run; };
    const QString runPrefix = QStringLiteral("run.");
    addMember(run, runPrefix, fields::run::durationS, settings, &RunSettings::durationS);
    addMember(run, runPrefix, fields::run::windowS, settings, &RunSettings::windowS);
    addMember(run, runPrefix, fields::run::warmupS, settings, &RunSettings::warmupS);
    addMember(run, runPrefix, fields::run::maxCompleted, settings, &RunSettings::maxCompleted);
    addMember(run, runPrefix, fields::run::maxInFlight, settings, &RunSettings::maxInFlight);

    // The scenario's own latency objective: empty means none, and the Run panel's setting
    // applies. The percentile keeps its default until an objective is set.
    QFormLayout* objective = section(tr("Latency objective"));
    NumberSpec latency = numberSpec(fields::slo::latencyMs);
    latency.optional = true;
    latency.emptyMeaning = tr("none (the Run panel's SLO)");
    addNumber(
        objective, QStringLiteral("slo.latencyMs"), labelOf(fields::slo::latencyMs), latency,
        [](const Scenario& s) -> std::optional<double> {
            return s.slo ? std::optional<double>(s.slo->latencyMs) : std::nullopt;
        },
        [](Scenario& s, std::optional<double> v) {
            if (!v) {
                s.slo.reset();
                return;
            }
            if (!s.slo) s.slo = SloSpec{};
            s.slo->latencyMs = *v;
        });
    addNumber(
        objective, QStringLiteral("slo.percentile"), labelOf(fields::slo::percentile),
        numberSpec(fields::slo::percentile),
        [](const Scenario& s) -> std::optional<double> {
            return s.slo ? s.slo->percentile : fields::slo::percentile.defaultValue;
        },
        [](Scenario& s, std::optional<double> v) {
            if (s.slo && v) s.slo->percentile = *v;
        });
    NumberField* percentile = m_numbers[QStringLiteral("slo.percentile")];
    m_refreshers.push_back(
        [percentile](const Scenario& s) { percentile->setEnabled(s.slo.has_value()); });

    QFormLayout* failures = section(tr("Failures"));
    auto* failuresEditor = new FailuresEditor(
        [this](const std::function<void(Scenario&)>& mutate, const QString& text,
               const QString& key, int session) { return apply(mutate, text, key, session); },
        m_body);
    failuresEditor->setObjectName(QStringLiteral("failures"));
    failures->addRow(failuresEditor);
    m_refreshers.push_back([failuresEditor](const Scenario& s) { failuresEditor->refresh(s); });

    QFormLayout* cost = section(tr("Cost"));
    const PricingTable* pricing = bundledPricing();
    addCheck(
        cost, tr("Estimate the cost"),
        tr("Price the run with the bundled price list (monthly cost, cost per million)"),
        [](const Scenario& s) { return s.cost.has_value(); },
        [pricing](Scenario& s, bool on) {
            if (!on) {
                s.cost.reset();
                return;
            }
            CostConfig config;
            const auto platforms = pricing ? platformChoices(*pricing) : std::vector<std::string>{};
            config.platform = s.topology.functions.empty() ? "ec2:c7g.large" : "lambda-arm";
            if (!platforms.empty() &&
                std::find(platforms.begin(), platforms.end(), config.platform) == platforms.end())
                config.platform = platforms.front();
            s.cost = config;
        });
    if (!pricing) return;
    auto choice = [&](const QString& label, const QString& tip, std::vector<std::string> options,
                      std::string CostConfig::*member) {
        const QStringList list = toStringList(options);
        addChoice(
            cost, label, tip, list,
            [list, member](const Scenario& s) {
                return s.cost ? list.indexOf(QString::fromStdString((*s.cost).*member)) : -1;
            },
            [options, member](Scenario& s, int index) {
                if (s.cost && index >= 0)
                    (*s.cost).*member = options[static_cast<std::size_t>(index)];
            });
    };
    choice(tr("Platform"), tr("Where the compute runs and how it is billed"),
           platformChoices(*pricing), &CostConfig::platform);
    choice(tr("API gateway"), tr("A priced API gateway in front"), gatewayChoices(*pricing),
           &CostConfig::gateway);
    choice(tr("Remote cache"), tr("How the remote cache is billed"), remoteCacheChoices(*pricing),
           &CostConfig::remoteCache);
    choice(tr("Database"), tr("The database instance type"), databaseChoices(*pricing),
           &CostConfig::database);
    auto costNumber = [&](const QString& key, const QString& label, const NumberSpec& spec,
                          auto member) {
        addNumber(
            cost, key, label, spec,
            [member](const Scenario& s) {
                return s.cost ? std::optional<double>(static_cast<double>((*s.cost).*member))
                              : std::nullopt;
            },
            [member](Scenario& s, std::optional<double> v) {
                using T = std::remove_reference_t<decltype((*s.cost).*member)>;
                if (s.cost && v) (*s.cost).*member = static_cast<T>(*v);
            });
    };
    // Fields a platform does not bill are hidden, not just ignored: a Fargate task size next to a
    // Workers platform reads as if it mattered. `from` is the first row of the fields added since.
    const auto showRowsWhen = [this, cost](int from,
                                           std::function<bool(const CostConfig&)> visible) {
        const int to = cost->rowCount();
        m_refreshers.push_back([cost, from, to, visible](const Scenario& s) {
            const bool show = s.cost && visible(*s.cost);
            for (int row = from; row < to; ++row) cost->setRowVisible(row, show);
        });
    };
    const auto startsWith = [](const std::string& text, const char* prefix) {
        return text.rfind(prefix, 0) == 0;
    };
    int firstRow = cost->rowCount();
    costNumber(QStringLiteral("cost.functionMemoryMb"), tr("Function memory"),
               NumberSpec::make(128, 10240, true, false, false, tr("MB"),
                                tr("Lambda memory size (GB-s billing)")),
               &CostConfig::functionMemoryMb);
    showRowsWhen(firstRow,
                 [startsWith](const CostConfig& c) { return startsWith(c.platform, "lambda"); });
    firstRow = cost->rowCount();
    costNumber(QStringLiteral("cost.cacheNodes"), tr("Cache nodes"),
               NumberSpec::make(1, 1000, true, true, false, tr("nodes"),
                                tr("ElastiCache nodes, replicas included")),
               &CostConfig::cacheNodes);
    showRowsWhen(firstRow, [startsWith](const CostConfig& c) {
        return startsWith(c.remoteCache, "elasticache");
    });
    firstRow = cost->rowCount();
    costNumber(QStringLiteral("cost.databaseNodes"), tr("Database nodes"),
               NumberSpec::make(1, 1000, true, true, false, tr("nodes"), tr("Database instances")),
               &CostConfig::databaseNodes);
    showRowsWhen(firstRow, [](const CostConfig& c) { return c.database != "none"; });
    costNumber(QStringLiteral("cost.requestsPerConnection"), tr("Requests per connection"),
               NumberSpec::make(1, 1e6, true, false, false, QString(),
                                tr("Client keep-alive reuse; 1 = a new connection "
                                   "per request")),
               &CostConfig::requestsPerConnection);
    firstRow = cost->rowCount();
    costNumber(QStringLiteral("cost.fargateVcpu"), tr("Fargate vCPU"),
               NumberSpec::make(0.25, 16, true, false, false, tr("vCPU"),
                                tr("Per task: 0.25, 0.5, 1, 2, 4, 8 or 16 (Fargate platforms)")),
               &CostConfig::fargateVcpu);
    costNumber(QStringLiteral("cost.fargateMemoryGb"), tr("Fargate memory"),
               NumberSpec::make(0.5, 120, true, false, false, tr("GB"),
                                tr("Per task, within Fargate's range for the vCPU count")),
               &CostConfig::fargateMemoryGb);
    showRowsWhen(firstRow,
                 [startsWith](const CostConfig& c) { return startsWith(c.platform, "fargate"); });
    addText(
        cost, tr("Egress"),
        tr("Who bills response bytes leaving for the internet: \"auto\" (the platform's "
           "provider), \"none\", or a provider of the price list"),
        [](const Scenario& s) {
            return s.cost ? QString::fromStdString(s.cost->egress) : QString();
        },
        [](Scenario& s, const QString& text) {
            if (!s.cost) return tr("Tick \"Estimate the cost\" first.");
            s.cost->egress = text.trimmed().toStdString();
            return QString();
        });
    addCheck(
        cost, tr("Load balancer"), tr("An Application Load Balancer in front of the servers"),
        [](const Scenario& s) { return s.cost && s.cost->loadBalancer; },
        [](Scenario& s, bool on) {
            if (s.cost) s.cost->loadBalancer = on;
        });
    firstRow = cost->rowCount();
    addCheck(
        cost, tr("Bill cold-start init time"), tr("Lambda bills INIT duration"),
        [](const Scenario& s) { return s.cost && s.cost->billInitDuration; },
        [](Scenario& s, bool on) {
            if (s.cost) s.cost->billInitDuration = on;
        });
    showRowsWhen(firstRow,
                 [startsWith](const CostConfig& c) { return startsWith(c.platform, "lambda"); });
    addCheck(
        cost, tr("Standalone account"),
        tr("Charge plan fees and deduct free allowances, as for an account running only "
           "this workload"),
        [](const Scenario& s) { return s.cost && s.cost->standaloneAccount; },
        [](Scenario& s, bool on) {
            if (s.cost) s.cost->standaloneAccount = on;
        });
}

void PropertiesEditor::buildGateway() {
    const std::string id = m_selection.id.toStdString();
    auto at = [id](const Scenario& s) {
        return findById(const_cast<Scenario&>(s).topology.gateways, id);
    };
    const QString prefix = fieldPrefix(ComponentKind::Gateway);
    QFormLayout* form = section(tr("Gateway"));
    addIdField(form);
    addRegionField(form, at);
    addMemberDistribution(form, prefix, fields::gateway::latencyMs, at, &GatewaySpec::latencyMs);
    addMember(form, prefix, fields::gateway::payloadLimitKb, at, &GatewaySpec::payloadLimitKb);
    const QString self = m_selection.id;
    QStringList targets{tr("(respond)")};
    if (m_document)
        for (const auto& ref : allComponents(m_document->scenario()))
            if (ref.id != self) targets << ref.id;
    addChoice(
        form, labelOf(fields::gateway::next), tooltipOf(fields::gateway::next), targets,
        [at, targets](const Scenario& s) {
            if (!at(s) || at(s)->next.empty()) return 0;
            return static_cast<int>(targets.indexOf(QString::fromStdString(at(s)->next)));
        },
        [at, targets](Scenario& s, int index) {
            if (at(s)) at(s)->next = index <= 0 ? std::string() : targets[index].toStdString();
        });

    // Failure behaviour: what the gateway turns away before it reaches the service.
    QFormLayout* protection = section(tr("Rate limit and load shedding"));
    addCheck(
        protection, labelOf(fields::gateway::rateLimit), tooltipOf(fields::gateway::rateLimit),
        [at](const Scenario& s) { return at(s) && at(s)->rateLimit.has_value(); },
        [at](Scenario& s, bool on) {
            if (!at(s)) return;
            if (on)
                at(s)->rateLimit = RateLimitSpec{};
            else
                at(s)->rateLimit.reset();
        });
    auto limit = [at](const Scenario& s) -> RateLimitSpec* {
        GatewaySpec* gateway = at(s);
        return gateway && gateway->rateLimit ? &*gateway->rateLimit : nullptr;
    };
    const QString limitPrefix = prefix + fromView(fields::gateway::rateLimit.key) + '.';
    addMember(protection, limitPrefix, fields::rateLimit::ratePerS, limit,
              &RateLimitSpec::ratePerS);
    addMember(protection, limitPrefix, fields::rateLimit::burst, limit, &RateLimitSpec::burst);
    // Without a rate limit its fields have nothing to edit: greyed out until it is switched on.
    for (const auto* field : {&fields::rateLimit::ratePerS, &fields::rateLimit::burst}) {
        NumberField* number = m_numbers[limitPrefix + fromView(field->key)];
        m_refreshers.push_back(
            [number, limit](const Scenario& s) { number->setEnabled(limit(s) != nullptr); });
    }
    addMember(protection, prefix, fields::gateway::shedQueueAbove, at,
              &GatewaySpec::shedQueueAbove);
    addMember(protection, prefix, fields::gateway::shedInFlightAbove, at,
              &GatewaySpec::shedInFlightAbove);
}

void PropertiesEditor::buildFunction() {
    const std::string id = m_selection.id.toStdString();
    auto at = [id](const Scenario& s) {
        return findById(const_cast<Scenario&>(s).topology.functions, id);
    };
    const QString prefix = fieldPrefix(ComponentKind::Function);
    QFormLayout* form = section(tr("Function pool (serverless)"));
    addIdField(form);
    addRegionField(form, at);
    addMember(form, prefix, fields::function::concurrencyPerInstance, at,
              &FunctionPoolSpec::concurrencyPerInstance, 1, 100);
    addMemberDistribution(form, prefix, fields::function::coldStartMs, at,
                          &FunctionPoolSpec::coldStartMs);
    addMemberDistribution(form, prefix, fields::function::keepAliveS, at,
                          &FunctionPoolSpec::keepAliveS);
    addMember(form, prefix, fields::function::provisioned, at, &FunctionPoolSpec::provisioned);
    addMember(form, prefix, fields::function::maxInstances, at, &FunctionPoolSpec::maxInstances);
    addMember(form, prefix, fields::function::scaleOutPerS, at, &FunctionPoolSpec::scaleOutPerS);
    addMember(form, prefix, fields::function::payloadLimitKb, at,
              &FunctionPoolSpec::payloadLimitKb);
    addChoice(
        form, labelOf(fields::function::onLimit), tooltipOf(fields::function::onLimit),
        {tr("Throttle (error)"), tr("Queue")},
        [at](const Scenario& s) { return at(s) ? static_cast<int>(at(s)->onLimit) : 0; },
        [at](Scenario& s, int i) {
            if (at(s)) at(s)->onLimit = static_cast<OverflowPolicy>(i);
        });
    addChoice(
        form, labelOf(fields::function::pick), tooltipOf(fields::function::pick),
        {tr("Most recently used"), tr("Any")},
        [at](const Scenario& s) { return at(s) ? static_cast<int>(at(s)->pick) : 0; },
        [at](Scenario& s, int i) {
            if (at(s)) at(s)->pick = static_cast<InstancePick>(i);
        });

    // Jobs: a queue's messages invoking the function in batches.
    QFormLayout* jobs = section(tr("Queue trigger"));
    const QStringList queues = queueChoices(QString());
    addChoice(
        jobs, labelOf(fields::function::trigger), tooltipOf(fields::function::trigger), queues,
        [at, queues](const Scenario& s) {
            if (!at(s) || !at(s)->trigger) return 0;
            return static_cast<int>(queues.indexOf(QString::fromStdString(at(s)->trigger->queue)));
        },
        [at, queues](Scenario& s, int index) {
            if (!at(s)) return;
            if (index <= 0) {
                at(s)->trigger.reset();
                return;
            }
            if (!at(s)->trigger) at(s)->trigger = QueueTriggerSpec{};
            at(s)->trigger->queue = queues[index].toStdString();
        });
    auto trigger = [at](const Scenario& s) -> QueueTriggerSpec* {
        FunctionPoolSpec* pool = at(s);
        return pool && pool->trigger ? &*pool->trigger : nullptr;
    };
    const QString triggerPrefix = prefix + fromView(fields::function::trigger.key) + '.';
    addMember(jobs, triggerPrefix, fields::trigger::batchSize, trigger,
              &QueueTriggerSpec::batchSize, 1, 100);
    addMember(jobs, triggerPrefix, fields::trigger::batchWindowS, trigger,
              &QueueTriggerSpec::batchWindowS, 0, 20);
    addMember(jobs, triggerPrefix, fields::trigger::maxConcurrency, trigger,
              &QueueTriggerSpec::maxConcurrency);
    // Without a trigger its fields have nothing to edit: greyed out until a queue is picked.
    for (const auto* field : {&fields::trigger::batchSize, &fields::trigger::batchWindowS,
                              &fields::trigger::maxConcurrency}) {
        NumberField* number = m_numbers[triggerPrefix + fromView(field->key)];
        m_refreshers.push_back(
            [number, trigger](const Scenario& s) { number->setEnabled(trigger(s) != nullptr); });
    }
    addHandler(section(tr("Handler: what each request does")));
}

QStringList PropertiesEditor::queueChoices(const QString& except) const {
    QStringList choices{tr("(none)")};
    if (m_document)
        for (const QString& id : idsOfKinds(m_document->scenario(), {ComponentKind::Queue}))
            if (id != except) choices << id;
    return choices;
}

void PropertiesEditor::buildQueue() {
    const std::string id = m_selection.id.toStdString();
    auto at = [id](const Scenario& s) {
        return findById(const_cast<Scenario&>(s).topology.queues, id);
    };
    const QString prefix = fieldPrefix(ComponentKind::Queue);
    QFormLayout* form = section(tr("Message queue"));
    addIdField(form);
    addRegionField(form, at, false);
    addMemberDistribution(form, prefix, fields::queue::enqueueMs, at, &QueueSpec::enqueueMs);
    addMember(form, prefix, fields::queue::deliveryDelayS, at, &QueueSpec::deliveryDelayS, 0, 60);
    addMember(form, prefix, fields::queue::visibilityTimeoutS, at, &QueueSpec::visibilityTimeoutS,
              1, 300);
    addMember(form, prefix, fields::queue::maxReceives, at, &QueueSpec::maxReceives, 1, 10);
    const QStringList others = queueChoices(m_selection.id);
    addChoice(
        form, labelOf(fields::queue::deadLetter), tooltipOf(fields::queue::deadLetter), others,
        [at, others](const Scenario& s) {
            if (!at(s) || at(s)->deadLetter.empty()) return 0;
            return static_cast<int>(others.indexOf(QString::fromStdString(at(s)->deadLetter)));
        },
        [at, others](Scenario& s, int index) {
            if (at(s)) at(s)->deadLetter = index <= 0 ? std::string() : others[index].toStdString();
        });
    addChoice(
        form, labelOf(fields::queue::order), tooltipOf(fields::queue::order),
        {tr("Best effort"), tr("FIFO")},
        [at](const Scenario& s) { return at(s) ? static_cast<int>(at(s)->order) : 0; },
        [at](Scenario& s, int i) {
            if (at(s)) at(s)->order = static_cast<QueueOrder>(i);
        });
    addMember(form, prefix, fields::queue::maxDepth, at, &QueueSpec::maxDepth);
}

void PropertiesEditor::buildObjectStore() {
    const std::string id = m_selection.id.toStdString();
    auto at = [id](const Scenario& s) {
        return findById(const_cast<Scenario&>(s).topology.objectStores, id);
    };
    const QString prefix = fieldPrefix(ComponentKind::ObjectStore);
    QFormLayout* form = section(tr("Object store"));
    addIdField(form);
    addRegionField(form, at);
    addMemberDistribution(form, prefix, fields::objectStore::putMs, at, &ObjectStoreSpec::putMs);
    addMemberDistribution(form, prefix, fields::objectStore::getMs, at, &ObjectStoreSpec::getMs);
    addMemberDistribution(form, prefix, fields::objectStore::bandwidthMbPerS, at,
                          &ObjectStoreSpec::bandwidthMbPerS);
    addMember(form, prefix, fields::objectStore::retentionDays, at, &ObjectStoreSpec::retentionDays,
              1, 365);

    // The event on each PUT: one choice over the queues and the function pools it can go to.
    QFormLayout* events = section(tr("Event on each PUT"));
    QStringList targets{tr("(none)")};
    QStringList kinds{QString()};
    if (m_document) {
        for (const QString& queue : idsOfKinds(m_document->scenario(), {ComponentKind::Queue})) {
            targets << tr("Queue %1").arg(queue);
            kinds << queue;
        }
        for (const QString& fn : idsOfKinds(m_document->scenario(), {ComponentKind::Function})) {
            targets << tr("Invoke %1").arg(fn);
            kinds << fn;
        }
    }
    const int queueCount =
        m_document
            ? static_cast<int>(idsOfKinds(m_document->scenario(), {ComponentKind::Queue}).size())
            : 0;
    addChoice(
        events, labelOf(fields::objectStore::onPut), tooltipOf(fields::objectStore::onPut), targets,
        [at, kinds](const Scenario& s) {
            const ObjectStoreSpec* store = at(s);
            if (!store || !store->onPut) return 0;
            const std::string& target =
                store->onPut->queue.empty() ? store->onPut->function : store->onPut->queue;
            return std::max(0, static_cast<int>(kinds.indexOf(QString::fromStdString(target))));
        },
        [at, kinds, queueCount](Scenario& s, int index) {
            ObjectStoreSpec* store = at(s);
            if (!store) return;
            if (index <= 0) {
                store->onPut.reset();
                return;
            }
            StoreEventSpec event;
            (index <= queueCount ? event.queue : event.function) = kinds[index].toStdString();
            store->onPut = event;
        });
}

void PropertiesEditor::buildAfterResponse() {
    // The client's steps after the entry's answer, edited as a handler is.
    // The description goes in the tooltip: a wrapped label here widened the narrow panel
    // (1024x768) past its edge.
    QFormLayout* form = section(labelOf(fields::workload::afterResponse));
    auto* editor = new HandlerEditor(
        [](Scenario& s) { return &s.workload.afterResponse; }, QStringLiteral("workload"),
        [this](const std::function<void(Scenario&)>& mutate, const QString& text,
               const QString& key, int session) { return apply(mutate, text, key, session); },
        m_body);
    editor->setObjectName(QStringLiteral("afterResponseEditor"));
    editor->setToolTip(tooltipOf(fields::workload::afterResponse));
    form->addRow(editor);
    m_refreshers.push_back([editor](const Scenario& s) { editor->refresh(s); });
}

void PropertiesEditor::buildServer() {
    const std::string id = m_selection.id.toStdString();
    auto at = [id](const Scenario& s) {
        return findById(const_cast<Scenario&>(s).topology.servers, id);
    };
    const QString prefix = fieldPrefix(ComponentKind::Server);
    QFormLayout* form = section(tr("Server pool (stateful)"));
    addIdField(form);
    addRegionField(form, at);
    addMember(form, prefix, fields::server::replicas, at, &ServerPoolSpec::replicas, 1, 50);
    addMember(form, prefix, fields::server::workersPerReplica, at,
              &ServerPoolSpec::workersPerReplica, 1, 256);
    addMember(form, prefix, fields::server::queueCapacity, at, &ServerPoolSpec::queueCapacity);
    addChoice(
        form, labelOf(fields::server::balancer), tooltipOf(fields::server::balancer),
        {tr("Round robin"), tr("Random"), tr("Least outstanding"), tr("Power of two choices")},
        [at](const Scenario& s) { return at(s) ? static_cast<int>(at(s)->balancer) : 0; },
        [at](Scenario& s, int i) {
            if (at(s)) at(s)->balancer = static_cast<BalancerPolicy>(i);
        });
    addMember(form, prefix, fields::server::timeoutMs, at, &ServerPoolSpec::timeoutMs);
    QFormLayout* scaling = section(tr("Autoscaling"));
    addCheck(
        scaling, labelOf(fields::server::autoscaler), tooltipOf(fields::server::autoscaler),
        [at](const Scenario& s) { return at(s) && at(s)->autoscaler.has_value(); },
        [at](Scenario& s, bool on) {
            if (!at(s)) return;
            if (on) {
                AutoscalerSpec spec;
                spec.minReplicas = std::max(1, std::min(at(s)->replicas, spec.maxReplicas));
                spec.maxReplicas = std::max(spec.maxReplicas, at(s)->replicas);
                at(s)->autoscaler = spec;
            } else {
                at(s)->autoscaler.reset();
            }
        });
    auto scaler = [at](const Scenario& s) -> AutoscalerSpec* {
        ServerPoolSpec* pool = at(s);
        return pool && pool->autoscaler ? &*pool->autoscaler : nullptr;
    };
    const QString scalerPrefix = prefix + QStringLiteral("autoscaler.");
    addChoice(
        scaling, labelOf(fields::autoscaler::metric), tooltipOf(fields::autoscaler::metric),
        {tr("Utilization"), tr("In-flight per replica")},
        [scaler](const Scenario& s) { return scaler(s) ? static_cast<int>(scaler(s)->metric) : 0; },
        [scaler](Scenario& s, int i) {
            if (scaler(s)) scaler(s)->metric = static_cast<ScalingMetric>(i);
        });
    addMember(scaling, scalerPrefix, fields::autoscaler::target, scaler, &AutoscalerSpec::target);
    addMember(scaling, scalerPrefix, fields::autoscaler::evaluationPeriodS, scaler,
              &AutoscalerSpec::evaluationPeriodS);
    addMember(scaling, scalerPrefix, fields::autoscaler::bootDelayS, scaler,
              &AutoscalerSpec::bootDelayS);
    addMember(scaling, scalerPrefix, fields::autoscaler::scaleInStabilizationS, scaler,
              &AutoscalerSpec::scaleInStabilizationS);
    addMember(scaling, scalerPrefix, fields::autoscaler::minReplicas, scaler,
              &AutoscalerSpec::minReplicas);
    addMember(scaling, scalerPrefix, fields::autoscaler::maxReplicas, scaler,
              &AutoscalerSpec::maxReplicas);
    QFormLayout* jobs = section(tr("Jobs"));
    const QStringList queues = queueChoices(QString());
    addChoice(
        jobs, labelOf(fields::server::polls), tooltipOf(fields::server::polls), queues,
        [at, queues](const Scenario& s) {
            if (!at(s) || at(s)->polls.empty()) return 0;
            return static_cast<int>(queues.indexOf(QString::fromStdString(at(s)->polls)));
        },
        [at, queues](Scenario& s, int index) {
            if (at(s)) at(s)->polls = index <= 0 ? std::string() : queues[index].toStdString();
        });
    addHandler(section(tr("Handler: what each request does")));
}

void PropertiesEditor::buildCache() {
    const std::string id = m_selection.id.toStdString();
    auto at = [id](const Scenario& s) {
        return findById(const_cast<Scenario&>(s).topology.caches, id);
    };
    const QString prefix = fieldPrefix(ComponentKind::Cache);
    QFormLayout* form = section(tr("Cache"));
    addIdField(form);
    addRegionField(form, at);
    addChoice(
        form, labelOf(fields::cache::placement), tooltipOf(fields::cache::placement),
        {tr("In-process"), tr("Remote")},
        [at](const Scenario& s) { return at(s) ? static_cast<int>(at(s)->placement) : 0; },
        [at](Scenario& s, int i) {
            if (at(s)) at(s)->placement = static_cast<CachePlacement>(i);
        });
    addMemberDistribution(form, prefix, fields::cache::lookupMs, at, &CacheSpec::lookupMs);
    addMember(form, prefix, fields::cache::hitRatio, at, &CacheSpec::hitRatio, 0, 1);
    addMember(form, prefix, fields::cache::keys, at, &CacheSpec::keys);
    addMember(form, prefix, fields::cache::zipfExponent, at, &CacheSpec::zipfExponent);
    addMember(form, prefix, fields::cache::capacity, at, &CacheSpec::capacity);
    addMember(form, prefix, fields::cache::ttlS, at, &CacheSpec::ttlS);
}

void PropertiesEditor::buildDatabase() {
    const std::string id = m_selection.id.toStdString();
    auto at = [id](const Scenario& s) {
        return findById(const_cast<Scenario&>(s).topology.databases, id);
    };
    const QString prefix = fieldPrefix(ComponentKind::Database);
    QFormLayout* form = section(tr("Database"));
    addIdField(form);
    addRegionField(form, at);
    addMemberDistribution(form, prefix, fields::database::queryMs, at, &DatabaseSpec::queryMs);
    addMember(form, prefix, fields::database::connections, at, &DatabaseSpec::connections, 1, 500);
}

void PropertiesEditor::buildHop() {
    const std::string id = m_selection.id.toStdString();
    auto at = [id](const Scenario& s) {
        return findById(const_cast<Scenario&>(s).topology.hops, id);
    };
    QFormLayout* form = section(tr("Network hop"));
    addIdField(form);
    addRegionField(form, at);
    addMemberDistribution(form, fieldPrefix(ComponentKind::Hop), fields::hop::latencyMs, at,
                          &NetworkHopSpec::latencyMs);
}

void PropertiesEditor::buildStation() {
    const std::string id = m_selection.id.toStdString();
    auto at = [id](const Scenario& s) {
        return findById(const_cast<Scenario&>(s).topology.stations, id);
    };
    const QString prefix = fieldPrefix(ComponentKind::Station);
    QFormLayout* form = section(tr("Queue station"));
    addIdField(form);
    addMember(form, prefix, fields::station::servers, at, &StationSpec::servers, 1, 100);
    addMemberDistribution(form, prefix, fields::station::serviceMs, at, &StationSpec::serviceMs);
}

}  // namespace archsim::ui
