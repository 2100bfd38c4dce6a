// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/study/sweepdialog.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScreen>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <set>

#include "sim/scenario/scenariojson.h"
#include "sim/study/sweepplan.h"
#include "sim/study/sweepresult.h"
#include "ui/charts/chartstyle.h"

namespace archsim::ui {
namespace {

QString unitText(const FieldDescription* d) {
    return d->unit.empty()
               ? QString()
               : QString::fromUtf8(d->unit.data(), static_cast<qsizetype>(d->unit.size()));
}

/// A swept value as the axes and lists show it.
QString valueText(const nlohmann::json& v) {
    if (v.is_number_integer()) return QString::number(v.get<long long>());
    if (v.is_number()) return formatNumber(v.get<double>());
    if (v.is_string()) return QString::fromStdString(v.get<std::string>());
    return QString::fromStdString(v.dump());
}

QString writeText(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    file.write(bytes);
    if (!file.commit()) return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

}  // namespace

SweepDialog::SweepDialog(std::vector<StudyDocument> documents, int current, QWidget* parent)
    : QDialog(parent), m_documents(std::move(documents)) {
    if (m_documents.empty()) m_documents.push_back({tr("(no scenario)"), {}, Scenario{}, nullptr});
    current = std::clamp(current, 0, static_cast<int>(m_documents.size()) - 1);
    m_documents[static_cast<std::size_t>(current)].ticked =
        m_documents[static_cast<std::size_t>(current)].ticked ||
        std::none_of(m_documents.begin(), m_documents.end(),
                     [](const StudyDocument& d) { return d.ticked; });
    build(current);
}

SweepDialog::SweepDialog(const Scenario& scenario, std::shared_ptr<const PricingTable> pricing,
                         QWidget* parent)
    : SweepDialog(
          {StudyDocument{
              QString::fromStdString(scenario.name), {}, scenario, std::move(pricing), true}},
          0, parent) {}

SweepDialog::~SweepDialog() {
    m_interrupt = true;
    if (m_worker.joinable()) m_worker.join();
}

SweepDialog::FieldBox SweepDialog::makeFieldBox(const QString& title) {
    FieldBox b;
    auto* group = new QGroupBox(title, this);
    b.box = group;
    b.field = new QComboBox(group);
    for (const SweepableField& f : m_fields)
        b.field->addItem(QString::fromStdString(f.label), QString::fromStdString(f.path));
    b.field->setToolTip(
        tr("The field to vary: every number of the run, the workload and the components, as the "
           "properties editor lists them"));
    b.field->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    b.field->setMinimumContentsLength(18);
    b.mode = new QComboBox(group);
    b.mode->addItems({tr("Range"), tr("List")});
    b.mode->setToolTip(tr("Evenly spaced values from one end to the other, or values you list"));
    b.from = new QDoubleSpinBox(group);
    b.to = new QDoubleSpinBox(group);
    for (QDoubleSpinBox* box : {b.from, b.to}) {
        box->setDecimals(3);
        box->setRange(-1e12, 1e12);
        box->setKeyboardTracking(false);
    }
    b.from->setAccessibleName(title + tr(" from"));
    b.to->setAccessibleName(title + tr(" to"));
    b.steps = new QSpinBox(group);
    b.steps->setRange(2, static_cast<int>(kMaxSweepValues));
    b.steps->setValue(6);
    b.steps->setAccessibleName(title + tr(" steps"));
    b.log = new QCheckBox(tr("Log scale"), group);
    b.log->setToolTip(
        tr("Space a range evenly on a logarithmic scale (and interpolate crossovers in log "
           "space); needs values above 0"));
    b.values = new QLineEdit(group);
    b.values->setPlaceholderText(tr("e.g. 10, 20, 50, 100"));
    b.values->setAccessibleName(title + tr(" values"));
    b.values->setToolTip(tr("The values to run, separated by commas or spaces"));

    auto* rangePage = new QWidget(group);
    auto* range = new QHBoxLayout(rangePage);
    range->setContentsMargins(0, 0, 0, 0);
    range->addWidget(b.from, 1);
    range->addWidget(new QLabel(tr("to"), rangePage));
    range->addWidget(b.to, 1);
    range->addWidget(new QLabel(tr("in"), rangePage));
    range->addWidget(b.steps);
    range->addWidget(new QLabel(tr("steps"), rangePage));
    b.pages = new QStackedWidget(group);
    b.pages->addWidget(rangePage);
    b.pages->addWidget(b.values);
    b.pages->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    auto* top = new QHBoxLayout;
    top->addWidget(b.field, 1);
    top->addWidget(b.mode);
    top->addWidget(b.log);
    auto* layout = new QVBoxLayout(group);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(top);
    layout->addWidget(b.pages);
    connect(b.mode, &QComboBox::currentIndexChanged, b.pages, &QStackedWidget::setCurrentIndex);
    return b;
}

void SweepDialog::build(int current) {
    const StudyDocument& doc = m_documents[static_cast<std::size_t>(current)];
    m_fields = sweepableFields(scenarioToJson(doc.scenario));
    setWindowTitle(tr("Sweep – %1").arg(doc.name));
    setObjectName(QStringLiteral("sweepDialog"));

    m_scenarios = new QListWidget(this);
    m_scenarios->setObjectName(QStringLiteral("sweepScenarios"));
    m_scenarios->setAccessibleName(tr("Scenarios to sweep"));
    m_scenarios->setToolTip(
        tr("Each ticked scenario runs at every point, on the same random numbers, and gets its "
           "own curve; crossovers are found between every two"));
    bool withCost = false;
    bool withJobs = false;
    for (std::size_t i = 0; i < m_documents.size(); ++i) {
        auto* item = new QListWidgetItem(m_documents[i].name, m_scenarios);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(m_documents[i].ticked ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(m_documents[i].filePath.isEmpty() ? tr("Not saved yet")
                                                           : m_documents[i].filePath);
        withCost = withCost || (m_documents[i].scenario.cost && m_documents[i].pricing);
        withJobs = withJobs || !m_documents[i].scenario.topology.queues.empty();
    }
    m_scenarios->setMaximumHeight(m_scenarios->sizeHintForRow(0) *
                                      std::min<int>(4, static_cast<int>(m_documents.size())) +
                                  2 * m_scenarios->frameWidth() + 4);
    m_scenarios->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    m_first = makeFieldBox(tr("Field 1"));
    m_second = makeFieldBox(tr("Field 2"));
    m_useSecond = new QCheckBox(tr("Sweep a &second field (heatmap)"), this);
    m_useSecond->setToolTip(
        tr("Every combination of the two fields' values; the result is a heatmap per scenario"));
    m_second.box->setEnabled(false);
    connect(m_useSecond, &QCheckBox::toggled, m_second.box, &QWidget::setEnabled);

    m_replications = new QSpinBox(this);
    m_replications->setRange(1, static_cast<int>(kMaxSweepReplications));
    m_replications->setValue(3);
    m_replications->setToolTip(
        tr("Independent replications per point; replication r of every point and every scenario "
           "uses the same random streams (common random numbers)"));
    m_figure = new QComboBox(this);
    m_figure->setObjectName(QStringLiteral("sweepFigure"));
    fillFigureBox(m_figure, withCost, QStringLiteral("p99Ms"), withJobs);
    m_figure->setToolTip(tr("The figure plotted; every figure is kept, so changing it re-draws"));
    m_heatmapScenario = new QComboBox(this);
    m_heatmapScenario->setToolTip(tr("The scenario the heatmap shows"));
    m_heatmapScenario->setEnabled(false);

    auto* settings = new QHBoxLayout;
    auto* repLabel = new QLabel(tr("&Replications"), this);
    repLabel->setBuddy(m_replications);
    auto* figLabel = new QLabel(tr("F&igure"), this);
    figLabel->setBuddy(m_figure);
    auto* heatLabel = new QLabel(tr("&Heatmap of"), this);
    heatLabel->setBuddy(m_heatmapScenario);
    settings->addWidget(repLabel);
    settings->addWidget(m_replications);
    settings->addSpacing(12);
    settings->addWidget(figLabel);
    settings->addWidget(m_figure, 1);
    settings->addSpacing(12);
    settings->addWidget(heatLabel);
    settings->addWidget(m_heatmapScenario, 1);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("sweepStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(320, 180);
    m_plot->setAccessibleName(tr("Sweep plot"));
    m_hover = new QLabel(this);
    m_hover->setObjectName(QStringLiteral("sweepHover"));
    m_crossovers = new QTableWidget(0, 5, this);
    m_crossovers->setObjectName(QStringLiteral("sweepCrossovers"));
    m_crossovers->setAccessibleName(tr("Crossovers"));
    m_crossovers->setHorizontalHeaderLabels(
        {tr("Scenarios"), tr("Between"), tr("Crossing at"), tr("95% interval"), tr("Lower below")});
    m_crossovers->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_crossovers->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_crossovers->setWordWrap(false);
    m_crossovers->verticalHeader()->hide();
    m_crossovers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_crossovers->setMinimumHeight(60);
    m_crossovers->setToolTip(
        tr("Where the figure of one scenario overtakes the other's between two swept values: "
           "interpolated, with the interval where the paired difference's 95% bounds cross. "
           "Settled: both neighbours' intervals exclude zero"));

    auto* buttons = new QDialogButtonBox(this);
    m_run = buttons->addButton(tr("&Run Sweep"), QDialogButtonBox::ActionRole);
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_run->setToolTip(tr("Run the sweep (Ctrl+Return)"));
    m_cancel = buttons->addButton(tr("&Cancel Sweep"), QDialogButtonBox::ActionRole);
    m_cancel->setToolTip(tr("Stop the sweep; the points whose replications all finished stay"));
    m_save = buttons->addButton(tr("&Save Sweep File…"), QDialogButtonBox::ActionRole);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save this sweep as a file archsim-cli sweep runs (Ctrl+S)"));
    m_exportJson = buttons->addButton(tr("&Export Result…"), QDialogButtonBox::ActionRole);
    m_exportJson->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportJson->setToolTip(
        tr("The result as JSON, as archsim-cli sweep --out writes it (Ctrl+E)"));
    m_exportPng = buttons->addButton(tr("Export &PNG…"), QDialogButtonBox::ActionRole);
    m_exportPng->setToolTip(tr("The plot as a PNG image"));
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_run, &QPushButton::clicked, this, &SweepDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &SweepDialog::cancel);
    connect(m_save, &QPushButton::clicked, this, &SweepDialog::chooseAndSaveSweep);
    connect(m_exportJson, &QPushButton::clicked, this, &SweepDialog::chooseAndExportResult);
    connect(m_exportPng, &QPushButton::clicked, this, &SweepDialog::chooseAndExportPng);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_first.field, &QComboBox::currentIndexChanged, this,
            [this] { fieldChanged(m_first); });
    connect(m_second.field, &QComboBox::currentIndexChanged, this,
            [this] { fieldChanged(m_second); });
    connect(m_figure, &QComboBox::currentIndexChanged, this, &SweepDialog::replot);
    connect(m_heatmapScenario, &QComboBox::currentIndexChanged, this, &SweepDialog::replot);
    connect(m_plot, &QCustomPlot::mouseMove, this, &SweepDialog::hover);

    auto* form = new QWidget(this);
    auto* formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    auto* scenariosLabel = new QLabel(tr("S&cenarios (each ticked one is swept):"), form);
    scenariosLabel->setBuddy(m_scenarios);
    formLayout->addWidget(scenariosLabel);
    formLayout->addWidget(m_scenarios);
    formLayout->addWidget(m_first.box);
    formLayout->addWidget(m_useSecond);
    formLayout->addWidget(m_second.box);
    formLayout->addLayout(settings);

    auto* results = new QSplitter(Qt::Vertical, this);
    auto* plotArea = new QWidget(results);
    auto* plotLayout = new QVBoxLayout(plotArea);
    plotLayout->setContentsMargins(0, 0, 0, 0);
    plotLayout->addWidget(m_plot, 1);
    plotLayout->addWidget(m_hover);
    results->addWidget(plotArea);
    results->addWidget(m_crossovers);
    results->setStretchFactor(0, 4);
    results->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(results, 1);
    layout->addWidget(buttons);
    setBusy(false);
    const int rate = m_first.field->findData(QStringLiteral("workload.ratePerS"));
    m_first.field->setCurrentIndex(rate >= 0 ? rate : 0);
    fieldChanged(m_first);
    // A component's field as the second by default: "this much traffic against that much
    // capacity" is the usual question.
    int second = std::min(1, m_second.field->count() - 1);
    for (int i = 0; i < static_cast<int>(m_fields.size()); ++i)
        if (m_fields[static_cast<std::size_t>(i)].path.starts_with("topology.") &&
            m_fields[static_cast<std::size_t>(i)].description->type == FieldType::Integer) {
            second = i;
            break;
        }
    m_second.field->setCurrentIndex(second);
    fieldChanged(m_second);
    // As large as useful, never beyond the screen (1024x768 included).
    const QRect screen = this->screen()->availableGeometry();
    resize(std::min(900, screen.width() - 24), std::min(760, screen.height() - 24));
}

void SweepDialog::fieldChanged(FieldBox& b) {
    const int i = b.field->currentIndex();
    if (i < 0 || i >= static_cast<int>(m_fields.size())) return;
    const SweepableField& f = m_fields[static_cast<std::size_t>(i)];
    const bool integer = f.description->type == FieldType::Integer;
    const QString unit = unitText(f.description);
    for (QDoubleSpinBox* box : {b.from, b.to}) {
        box->setDecimals(integer ? 0 : 3);
        box->setRange(f.description->min, f.description->max);
        box->setSuffix(unit.isEmpty() ? QString() : QStringLiteral(" ") + unit);
    }
    // From a quarter of the current value to twice it: the neighbourhood a review asks about.
    const double current = f.current;
    b.from->setValue(integer ? std::max(f.description->min, std::floor(current / 2)) : current / 4);
    b.to->setValue(integer ? std::max(current * 2, current + 1) : (current > 0 ? current * 2 : 1));
}

bool SweepDialog::selectField(const QString& path) {
    const int i = m_first.field->findData(path);
    if (i >= 0) m_first.field->setCurrentIndex(i);
    return i >= 0;
}

QString SweepDialog::selectedField() const {
    return m_first.field->currentData().toString();
}

void SweepDialog::setRange(double from, double to, int steps, bool log) {
    m_first.mode->setCurrentIndex(0);
    m_first.from->setValue(from);
    m_first.to->setValue(to);
    m_first.steps->setValue(steps);
    m_first.log->setChecked(log);
}

void SweepDialog::setValues(const QString& values) {
    m_first.mode->setCurrentIndex(1);
    m_first.values->setText(values);
}

bool SweepDialog::setSecondField(const QString& path) {
    const int i = m_second.field->findData(path);
    if (i < 0) return false;
    m_second.field->setCurrentIndex(i);
    m_useSecond->setChecked(true);
    return true;
}

void SweepDialog::clearSecondField() {
    m_useSecond->setChecked(false);
}

void SweepDialog::setSecondRange(double from, double to, int steps, bool log) {
    m_second.mode->setCurrentIndex(0);
    m_second.from->setValue(from);
    m_second.to->setValue(to);
    m_second.steps->setValue(steps);
    m_second.log->setChecked(log);
}

void SweepDialog::setSecondValues(const QString& values) {
    m_second.mode->setCurrentIndex(1);
    m_second.values->setText(values);
}

void SweepDialog::setReplications(int replications) {
    m_replications->setValue(replications);
}

void SweepDialog::setFigure(const QString& key) {
    m_figure->setCurrentIndex(m_figure->findData(key));
}

void SweepDialog::setScenarioChosen(int index, bool chosen) {
    if (QListWidgetItem* item = m_scenarios->item(index))
        item->setCheckState(chosen ? Qt::Checked : Qt::Unchecked);
}

void SweepDialog::setHeatmapScenario(int index) {
    m_heatmapScenario->setCurrentIndex(index);
}

QString SweepDialog::statusText() const {
    return m_status->text();
}

void SweepDialog::setBusy(bool busy) {
    m_run->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    for (QWidget* w : std::initializer_list<QWidget*>{m_scenarios, m_first.box, m_useSecond,
                                                      m_replications, m_save})
        w->setEnabled(!busy);
    m_second.box->setEnabled(!busy && m_useSecond->isChecked());
    m_exportJson->setEnabled(!busy && !m_result.is_null());
    m_exportPng->setEnabled(!busy && !m_result.is_null());
}

void SweepDialog::showProblem(const QString& message) {
    m_status->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_status->setText(message);
}

std::vector<int> SweepDialog::chosenScenarios() const {
    std::vector<int> chosen;
    for (int i = 0; i < m_scenarios->count(); ++i)
        if (m_scenarios->item(i)->checkState() == Qt::Checked) chosen.push_back(i);
    return chosen;
}

std::optional<nlohmann::json> SweepDialog::fieldJson(const FieldBox& b, const QString& name,
                                                     QString& error) const {
    const int i = b.field->currentIndex();
    if (i < 0 || i >= static_cast<int>(m_fields.size())) {
        error = tr("%1: choose a field to sweep").arg(name);
        return std::nullopt;
    }
    const SweepableField& f = m_fields[static_cast<std::size_t>(i)];
    const QString label = QStringLiteral("%1 (%2)").arg(name, QString::fromStdString(f.label));
    const bool integer = f.description->type == FieldType::Integer;
    const bool log = b.log->isChecked();
    nlohmann::json field = {{"path", f.path}};
    if (b.mode->currentIndex() == 1) {
        const QStringList tokens = b.values->text().split(
            QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
        if (tokens.isEmpty()) {
            error = tr("%1, values: the list is empty; give values separated by commas, e.g. "
                       "10, 20, 50")
                        .arg(label);
            return std::nullopt;
        }
        nlohmann::json values = nlohmann::json::array();
        for (const QString& token : tokens) {
            bool ok = false;
            const double v = token.toDouble(&ok);
            if (!ok || !std::isfinite(v)) {
                error = tr("%1, values: '%2' is not a number").arg(label, token);
                return std::nullopt;
            }
            if (log && !(v > 0)) {
                error =
                    tr("%1, values: a log scale needs values above 0, got %2").arg(label, token);
                return std::nullopt;
            }
            values.push_back(integer && v == std::round(v) ? nlohmann::json(std::llround(v))
                                                           : nlohmann::json(v));
        }
        field["values"] = values;
        field["scale"] = log ? "log" : "linear";
        return field;
    }
    const double from = b.from->value(), to = b.to->value();
    if (log && !(from > 0)) {
        error =
            tr("%1, from: a log range needs From above 0, got %2").arg(label, formatNumber(from));
        return std::nullopt;
    }
    if (!(from < to)) {
        error = tr("%1, range: From (%2) must be less than To (%3)")
                    .arg(label, formatNumber(from), formatNumber(to));
        return std::nullopt;
    }
    field["range"] = {{"from", from},
                      {"to", to},
                      {"steps", b.steps->value()},
                      {"scale", log ? "log" : "linear"},
                      {"integer", integer}};
    return field;
}

std::optional<nlohmann::json> SweepDialog::sweepJson(const nlohmann::json& scenarios,
                                                     QString& error) const {
    nlohmann::json fields = nlohmann::json::array();
    const auto first = fieldJson(m_first, tr("Field 1"), error);
    if (!first) return std::nullopt;
    fields.push_back(*first);
    if (m_useSecond->isChecked()) {
        const auto second = fieldJson(m_second, tr("Field 2"), error);
        if (!second) return std::nullopt;
        if ((*second)["path"] == (*first)["path"]) {
            error =
                tr("Field 2: is the same field as Field 1; choose another, or untick the "
                   "second field");
            return std::nullopt;
        }
        if (second->contains("values") && (*second)["values"].size() < 2) {
            error = tr("Field 2, values: a heatmap needs at least 2 values");
            return std::nullopt;
        }
        fields.push_back(*second);
    }
    nlohmann::json figures = nlohmann::json::array();
    for (int k = 0; k < m_figure->count(); ++k)
        figures.push_back(m_figure->itemData(k).toString().toStdString());
    QString name = m_first.field->currentText();
    if (m_useSecond->isChecked()) name += tr(" and ") + m_second.field->currentText();
    const std::vector<int> chosen = chosenScenarios();
    const std::uint64_t seed =
        chosen.empty() ? 1 : m_documents[static_cast<std::size_t>(chosen.front())].scenario.seed;
    return nlohmann::json{{"formatVersion", kSweepFormatVersion},
                          {"name", tr("Sweep of %1").arg(name).toStdString()},
                          {"scenarios", scenarios},
                          {"replications", m_replications->value()},
                          {"seed", seed},
                          {"figures", figures},
                          {"fields", fields}};
}

std::optional<nlohmann::json> SweepDialog::sweepFileJson(const QString& directory,
                                                         QString& error) const {
    const std::vector<int> chosen = chosenScenarios();
    if (chosen.empty()) {
        error = tr("Scenarios: tick at least one scenario to sweep");
        return std::nullopt;
    }
    nlohmann::json files = nlohmann::json::array();
    for (const int i : chosen) {
        const StudyDocument& d = m_documents[static_cast<std::size_t>(i)];
        if (d.filePath.isEmpty()) {
            error = tr("Scenarios: '%1' has never been saved; save it (File > Save) so that the "
                       "sweep file can name its file")
                        .arg(d.name);
            return std::nullopt;
        }
        files.push_back(QDir(directory).relativeFilePath(d.filePath).toStdString());
    }
    return sweepJson(files, error);
}

bool SweepDialog::start() {
    if (running()) return false;
    if (m_worker.joinable()) m_worker.join();
    m_status->setStyleSheet(QString());
    const std::vector<int> chosen = chosenScenarios();
    if (chosen.empty()) {
        showProblem(tr("Scenarios: tick at least one scenario to sweep"));
        return false;
    }
    // Each scenario's name in the result (and in crossovers): its own, made unique.
    nlohmann::json labels = nlohmann::json::array();
    std::set<std::string> used;
    for (const int i : chosen) {
        std::string label = m_documents[static_cast<std::size_t>(i)].name.toStdString();
        if (label.empty()) label = "scenario";
        for (int n = 2; used.count(label); ++n)
            label = m_documents[static_cast<std::size_t>(i)].name.toStdString() + " (" +
                    std::to_string(n) + ")";
        used.insert(label);
        labels.push_back(label);
    }
    QString error;
    const auto sweep = sweepJson(labels, error);
    if (!sweep) {
        showProblem(error);
        return false;
    }
    ValidationReport report;
    auto plan = std::make_shared<SweepPlan>();
    if (auto spec = sweepFromJson(*sweep, {}, report)) plan->spec = std::move(*spec);
    for (std::size_t k = 0; k < chosen.size(); ++k)
        plan->scenarios.push_back(studyScenarioOf(m_documents[static_cast<std::size_t>(chosen[k])],
                                                  labels[k].get<std::string>()));
    plan->version = ARCHSIM_VERSION;
    if (!report.ok() || !buildSweepPlan(*plan, report)) {
        showProblem(issuesText(report));
        return false;
    }
    const int total = static_cast<int>(plan->unitCount());
    m_progress->setRange(0, total);
    m_progress->setValue(0);
    m_status->setText(tr("Running %1 runs…").arg(total));
    m_interrupt = false;
    m_finished = false;
    setBusy(true);
    // The simulation runs here, off the GUI thread; results come back as queued calls (dropped
    // if the window is gone: the destructor cancels and joins first).
    m_worker = std::thread([this, plan] {
        SweepRunOptions options;
        options.interrupt = &m_interrupt;
        options.progress = [this](std::size_t done, std::size_t all) {
            QMetaObject::invokeMethod(
                this,
                [this, done, all] { progressed(static_cast<int>(done), static_cast<int>(all)); },
                Qt::QueuedConnection);
        };
        auto shard = std::make_shared<SweepShard>(runSweepShard(*plan, options));
        QMetaObject::invokeMethod(
            this, [this, shard] { ended(shard); }, Qt::QueuedConnection);
    });
    return true;
}

void SweepDialog::cancel() {
    if (!running()) return;
    m_interrupt = true;
    m_status->setText(tr("Cancelling: the runs under way stop, the finished points stay…"));
}

void SweepDialog::progressed(int done, int total) {
    m_progress->setRange(0, total);
    m_progress->setValue(done);
}

void SweepDialog::ended(std::shared_ptr<SweepShard> shard) {
    if (m_worker.joinable()) m_worker.join();
    m_finished = true;
    // Through the shard file's form and the merge, as archsim-cli does, so that the exported
    // result is the same document the command line writes for this sweep.
    std::string error;
    auto reread = shardFromJson(nlohmann::json::parse(shardToJson(*shard).dump()), error);
    std::optional<SweepShard> merged;
    if (reread && reread->complete)
        merged = mergeShards({*reread}, {"the sweep"}, error);
    else
        merged = std::move(reread);
    m_result = sweepResultJson(merged ? *merged : *shard);
    setBusy(false);
    std::size_t points = 0;
    for (const auto& s : m_result["scenarios"]) points = std::max(points, s["points"].size());
    const std::size_t all =
        m_result["scenarios"].empty() ? 0 : shard->sweep.value("points", std::size_t{0});
    m_status->setStyleSheet(QString());
    m_status->setText(
        shard->complete
            ? tr("%1 points, %2 replications each, %3 scenario(s); bands are 95% confidence "
                 "intervals")
                  .arg(points)
                  .arg(m_result["replications"].get<int>())
                  .arg(m_result["scenarios"].size())
            : tr("Cancelled: %1 of %2 points finished and are shown").arg(points).arg(all));
    {
        const QSignalBlocker block(m_heatmapScenario);
        m_heatmapScenario->clear();
        for (const auto& s : m_result["scenarios"])
            m_heatmapScenario->addItem(QString::fromStdString(s["file"].get<std::string>()));
        m_heatmapScenario->setEnabled(m_result["fields"].size() == 2);
    }
    replot();
    emit sweepEnded();
}

void SweepDialog::replot() {
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_colorMap = nullptr;
    if (m_colorScale) {
        m_plot->plotLayout()->remove(m_colorScale);
        m_plot->plotLayout()->simplify();
        m_colorScale = nullptr;
    }
    m_crossovers->setRowCount(0);
    m_hover->clear();
    m_plot->legend->setVisible(false);
    if (m_result.is_null()) {
        m_plot->replot();
        return;
    }
    const std::string key = m_figure->currentData().toString().toStdString();
    if (m_result["fields"].size() == 2)
        plotHeatmap(key);
    else
        plotCurves(key);
    m_crossovers->setVisible(m_result["fields"].size() == 1);
    m_plot->replot();
}

void SweepDialog::plotCurves(const std::string& key) {
    const auto& field = m_result["fields"][0];
    const bool log = field["scale"] == "log";
    double lowest = 0;
    bool any = false;
    for (std::size_t s = 0; s < m_result["scenarios"].size(); ++s) {
        const auto& scenario = m_result["scenarios"][s];
        QVector<double> x, mean, low, high;
        for (const auto& p : scenario["points"]) {
            if (!p["figures"].contains(key) || !p["values"][0].is_number()) continue;
            const auto& ci = p["figures"][key];
            x.push_back(p["values"][0].get<double>());
            mean.push_back(ci["mean"].get<double>());
            low.push_back(ci["low"].get<double>());
            high.push_back(ci["high"].get<double>());
            lowest = any ? std::min(lowest, low.back()) : low.back();
            any = true;
        }
        const QColor colour = scenarioColour(static_cast<int>(s));
        QCPGraph* lower = m_plot->addGraph();
        QCPGraph* upper = m_plot->addGraph();
        for (QCPGraph* band : {lower, upper}) {
            band->setPen(QPen(translucent(colour, 90), 1));
            band->removeFromLegend();
        }
        upper->setBrush(translucent(colour, 45));
        upper->setChannelFillGraph(lower);
        lower->setData(x, low, true);
        upper->setData(x, high, true);
        QCPGraph* line = m_plot->addGraph();
        line->setName(QString::fromStdString(scenario["file"].get<std::string>()));
        line->setPen(QPen(colour, 2));
        line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
        line->setData(x, mean, true);
    }
    m_plot->legend->setVisible(m_result["scenarios"].size() > 1);
    // The legend in the top corner the curves leave free: the left one when they rise.
    double firstMax = 0, lastMax = 0;
    for (int g = 2; g < m_plot->graphCount(); g += 3) {
        const auto points = m_plot->graph(g)->data();
        if (points->isEmpty()) continue;
        firstMax = std::max(firstMax, points->begin()->value);
        lastMax = std::max(lastMax, (points->end() - 1)->value);
    }
    m_plot->axisRect()->insetLayout()->setInsetAlignment(
        0, Qt::AlignTop | (lastMax > firstMax ? Qt::AlignLeft : Qt::AlignRight));
    m_plot->xAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    const int index = m_first.field->findData(QString::fromStdString(field["path"]));
    const QString unit =
        index >= 0 ? unitText(m_fields[static_cast<std::size_t>(index)].description) : QString();
    m_plot->xAxis->setLabel(
        (index >= 0 ? m_first.field->itemText(index) : QString::fromStdString(field["path"])) +
        (unit.isEmpty() ? QString() : " (" + unit + ")"));
    const StudyFigure* figure = findStudyFigure(key);
    m_plot->yAxis->setLabel(m_figure->currentText() +
                            (figure && !figure->unit.empty()
                                 ? " (" + QString::fromStdString(figure->unit) + ")"
                                 : QString()));
    m_plot->yAxis->setScaleType(QCPAxis::stLinear);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_plot->rescaleAxes();
    // Room above for the legend and the crossing labels, a little below.
    const QCPRange ys = m_plot->yAxis->range();
    m_plot->yAxis->setRange(ys.lower - 0.05 * ys.size(), ys.upper + 0.15 * ys.size());
    if (any && lowest >= 0 && m_plot->yAxis->range().lower < 0)
        m_plot->yAxis->setRangeLower(0);  // figures that cannot go below zero start at it
    // A margin so the end points' markers are not cut by the axes.
    const QCPRange xs = m_plot->xAxis->range();
    if (log && xs.lower > 0)
        m_plot->xAxis->setRange(xs.lower / 1.08, xs.upper * 1.08);
    else
        m_plot->xAxis->setRange(xs.lower - 0.04 * xs.size(), xs.upper + 0.04 * xs.size());
    listCrossovers(key);
}

void SweepDialog::listCrossovers(const std::string& key) {
    if (!m_result.contains("crossovers")) return;
    for (const auto& c : m_result["crossovers"]) {
        if (c["figure"] != key) continue;
        const double at = c["at"].get<double>();
        const double low = c["interval"][0].get<double>(), high = c["interval"][1].get<double>();
        // The interval as a shaded strip over the whole height, the crossing as a dashed line.
        auto* strip = new QCPItemRect(m_plot);
        strip->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        strip->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        strip->topLeft->setCoords(low, 0);
        strip->bottomRight->setCoords(high, 1);
        strip->setPen(Qt::NoPen);
        strip->setBrush(QColor(120, 120, 120, 40));
        strip->setLayer(QStringLiteral("background"));
        auto* line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(at, 0);
        line->point2->setCoords(at, 1);
        QPen pen(QColor(60, 60, 60), 1, Qt::DashLine);
        line->setPen(pen);
        auto* label = new QCPItemText(m_plot);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(at, 0.02);
        label->setPositionAlignment(Qt::AlignTop | Qt::AlignHCenter);
        label->setText(formatNumber(at));
        label->setColor(QColor(60, 60, 60));
        label->setBrush(QColor(255, 255, 255, 200));

        const int row = m_crossovers->rowCount();
        m_crossovers->insertRow(row);
        const QString first = QString::fromStdString(c["first"].get<std::string>());
        const QString second = QString::fromStdString(c["second"].get<std::string>());
        const QStringList cells{
            first + QStringLiteral(" / ") + second,
            formatNumber(c["between"][0].get<double>()) + QStringLiteral(" – ") +
                formatNumber(c["between"][1].get<double>()),
            formatNumber(at) + (c["settled"].get<bool>() ? QString() : tr(" (not settled)")),
            formatNumber(low) + QStringLiteral(" – ") + formatNumber(high),
            QString::fromStdString(c["lowerBelow"].get<std::string>())};
        for (int k = 0; k < cells.size(); ++k)
            m_crossovers->setItem(row, k, new QTableWidgetItem(cells[k]));
        m_crossovers->item(row, 2)->setData(Qt::UserRole, at);
    }
    if (m_crossovers->rowCount() == 0 && m_result["scenarios"].size() >= 2) {
        m_crossovers->insertRow(0);
        auto* none = new QTableWidgetItem(m_result.contains("crossovers")
                                              ? tr("No crossover of this figure in the range")
                                              : tr("Crossovers need every point (not cancelled)"));
        none->setFlags(Qt::ItemIsEnabled);
        m_crossovers->setItem(0, 0, none);
        m_crossovers->setSpan(0, 0, 1, m_crossovers->columnCount());
    }
}

void SweepDialog::plotHeatmap(const std::string& key) {
    const auto& rows = m_result["fields"][0]["values"];
    const auto& columns = m_result["fields"][1]["values"];
    const int s = std::max(0, m_heatmapScenario->currentIndex());
    if (s >= static_cast<int>(m_result["scenarios"].size())) return;
    const auto& scenario = m_result["scenarios"][static_cast<std::size_t>(s)];
    // Cells by index, the axes labelled with the values: a list or a log range is not evenly
    // spaced, and a cell per value reads better than a stretched one.
    m_colorMap = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    const int nx = static_cast<int>(rows.size()), ny = static_cast<int>(columns.size());
    m_colorMap->data()->setSize(nx, ny);
    m_colorMap->data()->setRange(QCPRange(0, std::max(1, nx - 1)),
                                 QCPRange(0, std::max(1, ny - 1)));
    for (int i = 0; i < nx; ++i)
        for (int j = 0; j < ny; ++j) m_colorMap->data()->setCell(i, j, std::nan(""));
    for (const auto& p : scenario["points"]) {
        const auto point = p["point"].get<std::size_t>();
        if (!p["figures"].contains(key)) continue;
        m_colorMap->data()->setCell(static_cast<int>(point) / ny, static_cast<int>(point) % ny,
                                    p["figures"][key]["mean"].get<double>());
    }
    m_colorScale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_colorScale);
    m_colorScale->setType(QCPAxis::atRight);
    m_colorMap->setColorScale(m_colorScale);
    QCPColorGradient gradient(QCPColorGradient::gpThermal);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    m_colorMap->setGradient(gradient);
    m_colorMap->setInterpolate(false);
    m_colorMap->rescaleDataRange(true);
    const StudyFigure* figure = findStudyFigure(key);
    m_colorScale->axis()->setLabel(m_figure->currentText() +
                                   (figure && !figure->unit.empty()
                                        ? " (" + QString::fromStdString(figure->unit) + ")"
                                        : QString()));
    auto* group = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_colorScale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    const auto ticks = [](const nlohmann::json& values) {
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        // At most about ten labels, so long lists stay legible.
        const std::size_t every = std::max<std::size_t>(1, (values.size() + 9) / 10);
        for (std::size_t i = 0; i < values.size(); i += every)
            ticker->addTick(static_cast<double>(i), valueText(values[i]));
        return ticker;
    };
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) axis->setScaleType(QCPAxis::stLinear);
    m_plot->xAxis->setTicker(ticks(rows));
    m_plot->yAxis->setTicker(ticks(columns));
    const auto axisLabel = [this](const nlohmann::json& field) {
        const int index = m_first.field->findData(QString::fromStdString(field["path"]));
        const QString unit = index >= 0
                                 ? unitText(m_fields[static_cast<std::size_t>(index)].description)
                                 : QString();
        return (index >= 0 ? m_first.field->itemText(index)
                           : QString::fromStdString(field["path"])) +
               (unit.isEmpty() ? QString() : " (" + unit + ")");
    };
    m_plot->xAxis->setLabel(axisLabel(m_result["fields"][0]));
    m_plot->yAxis->setLabel(axisLabel(m_result["fields"][1]));
    m_plot->xAxis->setRange(-0.5, nx - 0.5);
    m_plot->yAxis->setRange(-0.5, ny - 0.5);
    m_hover->setText(tr("%1: move the mouse over a cell for its value")
                         .arg(QString::fromStdString(scenario["file"].get<std::string>())));
}

QString SweepDialog::cellText(int row, int column) const {
    if (m_result.is_null() || m_result["fields"].size() != 2) return {};
    const auto& rows = m_result["fields"][0]["values"];
    const auto& columns = m_result["fields"][1]["values"];
    if (row < 0 || column < 0 || row >= static_cast<int>(rows.size()) ||
        column >= static_cast<int>(columns.size()))
        return {};
    const int s = std::max(0, m_heatmapScenario->currentIndex());
    const auto& scenario = m_result["scenarios"][static_cast<std::size_t>(s)];
    const std::string key = m_figure->currentData().toString().toStdString();
    const std::size_t point =
        static_cast<std::size_t>(row) * columns.size() + static_cast<std::size_t>(column);
    // The fields by their labels, as the axes name them.
    const auto name = [this](const nlohmann::json& field) {
        const int index = m_first.field->findData(QString::fromStdString(field["path"]));
        return index >= 0 ? m_first.field->itemText(index) : QString::fromStdString(field["path"]);
    };
    const QString where =
        QStringLiteral("%1 = %2, %3 = %4")
            .arg(name(m_result["fields"][0]), valueText(rows[static_cast<std::size_t>(row)]),
                 name(m_result["fields"][1]), valueText(columns[static_cast<std::size_t>(column)]));
    for (const auto& p : scenario["points"])
        if (p["point"].get<std::size_t>() == point && p["figures"].contains(key)) {
            const auto& ci = p["figures"][key];
            return tr("%1: %2 %3 ± %4")
                .arg(where, m_figure->currentText(), formatNumber(ci["mean"].get<double>()),
                     formatNumber(ci["halfWidth"].get<double>()));
        }
    return tr("%1: not run (cancelled)").arg(where);
}

void SweepDialog::hover(QMouseEvent* event) {
    if (!m_colorMap) return;
    const int row = static_cast<int>(std::lround(m_plot->xAxis->pixelToCoord(event->pos().x())));
    const int column = static_cast<int>(std::lround(m_plot->yAxis->pixelToCoord(event->pos().y())));
    const QString text = cellText(row, column);
    if (!text.isEmpty()) m_hover->setText(text);
}

QString SweepDialog::saveSweepFile(const QString& path) {
    QString error;
    const auto json = sweepFileJson(QFileInfo(path).absolutePath(), error);
    if (!json) return error;
    return writeText(path, QByteArray::fromStdString(json->dump(2) + '\n'));
}

QString SweepDialog::exportResult(const QString& path) {
    if (m_result.is_null()) return tr("Nothing to export: run the sweep first");
    return writeText(path, QByteArray::fromStdString(m_result.dump(2) + '\n'));
}

QString SweepDialog::exportPng(const QString& path) {
    if (!m_plot->savePng(path, m_plot->width(), m_plot->height()))
        return tr("Cannot write %1").arg(path);
    return {};
}

void SweepDialog::chooseAndSaveSweep() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Sweep File"), QString(),
                                                      tr("Sweep files (*.json)"));
    if (path.isEmpty()) return;
    const QString error = saveSweepFile(path);
    if (error.isEmpty())
        m_status->setText(tr("Saved %1: run it with archsim-cli sweep %2")
                              .arg(QDir::toNativeSeparators(path), QFileInfo(path).fileName()));
    else
        showProblem(error);
}

void SweepDialog::chooseAndExportResult() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Sweep Result"), QString(),
                                                      tr("JSON (*.json)"));
    if (path.isEmpty()) return;
    const QString error = exportResult(path);
    if (error.isEmpty())
        m_status->setText(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
    else
        showProblem(error);
}

void SweepDialog::chooseAndExportPng() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Plot"), QString(), tr("PNG image (*.png)"));
    if (path.isEmpty()) return;
    const QString error = exportPng(path);
    if (error.isEmpty())
        m_status->setText(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
    else
        showProblem(error);
}

}  // namespace archsim::ui
