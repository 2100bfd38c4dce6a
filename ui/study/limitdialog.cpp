// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/study/limitdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "sim/run/replications.h"
#include "sim/run/runner.h"
#include "sim/scenario/scenariojson.h"
#include "sim/study/sweepspec.h"
#include "ui/charts/chartstyle.h"

namespace archsim::ui {
namespace {

/// Thrown by the runner to leave the search when it is cancelled: the search keeps no state
/// worth finishing, and nothing in it needs unwinding beyond its own vectors.
struct SearchCancelled {};

QString intervalText(const ConfidenceInterval& ci) {
    return QStringLiteral("%1 (%2 – %3)")
        .arg(formatNumber(ci.mean), formatNumber(ci.low()), formatNumber(ci.high()));
}

}  // namespace

LimitDialog::LimitDialog(std::vector<StudyDocument> documents, int current, QWidget* parent)
    : QDialog(parent), m_documents(std::move(documents)) {
    if (m_documents.empty()) m_documents.push_back({tr("(no scenario)"), {}, Scenario{}, nullptr});
    setWindowTitle(tr("Find Limit"));
    setObjectName(QStringLiteral("limitDialog"));

    m_scenario = new QComboBox(this);
    for (const StudyDocument& d : m_documents) m_scenario->addItem(d.name);
    m_field = new QComboBox(this);
    m_field->setObjectName(QStringLiteral("limitField"));
    m_field->setToolTip(tr("The field searched; the arrival rate gives the capacity"));
    m_direction = new QComboBox(this);
    m_direction->addItems({tr("Highest value where the target holds (capacity)"),
                           tr("Lowest value where the target holds (smallest fleet)")});
    m_from = new QDoubleSpinBox(this);
    m_to = new QDoubleSpinBox(this);
    m_from->setAccessibleName(tr("Search from"));
    m_to->setAccessibleName(tr("Search to"));
    m_useP99 = new QCheckBox(tr("p&99 at most"), this);
    m_useP99->setChecked(true);
    m_p99 = new QDoubleSpinBox(this);
    m_p99->setRange(0, 1e9);
    m_p99->setDecimals(1);
    m_p99->setSuffix(tr(" ms"));
    m_p99->setValue(100);
    m_p99->setAccessibleName(tr("p99 target"));
    m_useErrors = new QCheckBox(tr("&Error rate at most"), this);
    m_useErrors->setChecked(true);
    m_errors = new QDoubleSpinBox(this);
    m_errors->setRange(0, 100);
    m_errors->setDecimals(3);
    m_errors->setSuffix(tr(" %"));
    m_errors->setValue(1);
    m_errors->setAccessibleName(tr("Error rate target"));
    connect(m_useP99, &QCheckBox::toggled, m_p99, &QWidget::setEnabled);
    connect(m_useErrors, &QCheckBox::toggled, m_errors, &QWidget::setEnabled);
    m_replications = new QSpinBox(this);
    m_replications->setRange(1, static_cast<int>(kMaxSweepReplications));
    m_replications->setValue(4);
    m_replications->setToolTip(tr("Replications at each value to begin with"));
    m_maxReplications = new QSpinBox(this);
    m_maxReplications->setRange(1, static_cast<int>(kMaxSweepReplications));
    m_maxReplications->setValue(16);
    m_maxReplications->setToolTip(
        tr("The most replications at one value whose interval straddles the target; still "
           "undecided there, the value counts as failing"));
    m_tolerance = new QDoubleSpinBox(this);
    m_tolerance->setRange(0.01, 100);
    m_tolerance->setDecimals(2);
    m_tolerance->setSuffix(tr(" %"));
    m_tolerance->setValue(1);
    m_tolerance->setToolTip(tr("Stop when the bracket is this narrow, relative to its value"));

    auto* bounds = new QHBoxLayout;
    bounds->addWidget(m_from, 1);
    bounds->addWidget(new QLabel(tr("to"), this));
    bounds->addWidget(m_to, 1);
    auto* p99 = new QHBoxLayout;
    p99->addWidget(m_useP99);
    p99->addWidget(m_p99, 1);
    p99->addSpacing(12);
    p99->addWidget(m_useErrors);
    p99->addWidget(m_errors, 1);
    auto* reps = new QHBoxLayout;
    reps->addWidget(m_replications);
    reps->addWidget(new QLabel(tr("up to"), this));
    reps->addWidget(m_maxReplications);
    reps->addSpacing(12);
    reps->addWidget(new QLabel(tr("Tolerance"), this));
    reps->addWidget(m_tolerance);
    reps->addStretch();
    auto* form = new QFormLayout;
    form->addRow(tr("&Scenario"), m_scenario);
    form->addRow(tr("&Field"), m_field);
    form->addRow(tr("&Looking for"), m_direction);
    // Rows of several widgets: the label's mnemonic goes to the first of them.
    const auto label = [this](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    form->addRow(label(tr("&Bounds"), m_from), bounds);
    form->addRow(tr("Target"), p99);
    form->addRow(label(tr("&Replications"), m_replications), reps);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("limitStatus"));
    m_status->setWordWrap(true);
    m_limit = new QLabel(this);
    m_limit->setObjectName(QStringLiteral("limitResult"));
    m_limit->setWordWrap(true);
    m_limit->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_limit->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    big.setBold(true);
    m_limit->setFont(big);
    m_broke = new QLabel(this);
    m_broke->setObjectName(QStringLiteral("limitBroke"));
    m_broke->setWordWrap(true);
    m_broke->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("limitEvaluations"));
    m_table->setAccessibleName(tr("Values tried"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setMinimumHeight(120);
    m_table->setHorizontalHeaderLabels({tr("Value"), tr("Replications"), tr("Result")});

    auto* buttons = new QDialogButtonBox(this);
    m_find = buttons->addButton(tr("&Find Limit"), QDialogButtonBox::ActionRole);
    m_find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_find->setToolTip(tr("Search (Ctrl+Return)"));
    m_cancel = buttons->addButton(tr("&Cancel Search"), QDialogButtonBox::ActionRole);
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_find, &QPushButton::clicked, this, &LimitDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &LimitDialog::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_scenario, &QComboBox::currentIndexChanged, this, &LimitDialog::scenarioChanged);
    connect(m_field, &QComboBox::currentIndexChanged, this, &LimitDialog::fieldChanged);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_limit);
    layout->addWidget(m_broke);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    m_scenario->setCurrentIndex(std::clamp(current, 0, static_cast<int>(m_documents.size()) - 1));
    // The scenario's own latency objective, when it has one, is the target to begin with.
    if (const auto& slo =
            m_documents[static_cast<std::size_t>(m_scenario->currentIndex())].scenario.slo;
        slo && slo->latencyMs > 0)
        m_p99->setValue(slo->latencyMs);
    scenarioChanged();
    setBusy(false);
    // As large as useful, never beyond the screen (1024x768 included).
    const QRect screen = this->screen()->availableGeometry();
    resize(std::min(720, screen.width() - 24), std::min(600, screen.height() - 24));
}

LimitDialog::~LimitDialog() {
    cancel();
    if (m_worker.joinable()) m_worker.join();
}

void LimitDialog::scenarioChanged() {
    const int s = std::max(0, m_scenario->currentIndex());
    const QString before = m_field->currentData().toString();
    m_fields = sweepableFields(scenarioToJson(m_documents[static_cast<std::size_t>(s)].scenario));
    {
        const QSignalBlocker block(m_field);
        m_field->clear();
        for (const SweepableField& f : m_fields)
            m_field->addItem(QString::fromStdString(f.label), QString::fromStdString(f.path));
    }
    int i = m_field->findData(before.isEmpty() ? QStringLiteral("workload.ratePerS") : before);
    if (i < 0) i = m_field->findData(QStringLiteral("workload.ratePerS"));
    m_field->setCurrentIndex(std::max(0, i));
    fieldChanged();
}

void LimitDialog::fieldChanged() {
    const int i = m_field->currentIndex();
    if (i < 0 || i >= static_cast<int>(m_fields.size())) return;
    const SweepableField& f = m_fields[static_cast<std::size_t>(i)];
    const bool integer = f.description->type == FieldType::Integer;
    const QString unit = QString::fromUtf8(f.description->unit.data(),
                                           static_cast<qsizetype>(f.description->unit.size()));
    for (QDoubleSpinBox* box : {m_from, m_to}) {
        box->setDecimals(integer ? 0 : 3);
        box->setRange(f.description->min, f.description->max);
        box->setSuffix(unit.isEmpty() ? QString() : QStringLiteral(" ") + unit);
    }
    // A wide interval around the current value: the search brackets it cheaply from one end.
    m_from->setValue(integer ? std::max(f.description->min, 1.0) : f.current / 10);
    m_to->setValue(integer ? std::max(f.current * 4, f.current + 4) : f.current * 10);
}

bool LimitDialog::selectField(const QString& path) {
    const int i = m_field->findData(path);
    if (i >= 0) m_field->setCurrentIndex(i);
    return i >= 0;
}

void LimitDialog::setBounds(double from, double to) {
    m_from->setValue(from);
    m_to->setValue(to);
}

void LimitDialog::setLowest(bool lowest) {
    m_direction->setCurrentIndex(lowest ? 1 : 0);
}

void LimitDialog::setP99Target(std::optional<double> ms) {
    m_useP99->setChecked(ms.has_value());
    if (ms) m_p99->setValue(*ms);
}

void LimitDialog::setErrorRateTarget(std::optional<double> fraction) {
    m_useErrors->setChecked(fraction.has_value());
    if (fraction) m_errors->setValue(*fraction * 100);
}

void LimitDialog::setReplications(int replications, int maxReplications) {
    m_replications->setValue(replications);
    m_maxReplications->setValue(maxReplications);
}

void LimitDialog::setTolerance(double fraction) {
    m_tolerance->setValue(fraction * 100);
}

QString LimitDialog::statusText() const {
    return m_status->text();
}

QString LimitDialog::limitText() const {
    return m_limit->text();
}

QString LimitDialog::brokeText() const {
    return m_broke->text();
}

void LimitDialog::setBusy(bool busy) {
    m_find->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    for (QWidget* w : std::initializer_list<QWidget*>{m_scenario, m_field, m_direction, m_from,
                                                      m_to, m_useP99, m_useErrors, m_replications,
                                                      m_maxReplications, m_tolerance})
        w->setEnabled(!busy);
    m_p99->setEnabled(!busy && m_useP99->isChecked());
    m_errors->setEnabled(!busy && m_useErrors->isChecked());
}

void LimitDialog::showProblem(const QString& message) {
    m_status->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_status->setText(message);
}

std::optional<nlohmann::json> LimitDialog::sweepJson(QString& error) const {
    const int i = m_field->currentIndex();
    if (i < 0 || i >= static_cast<int>(m_fields.size())) {
        error = tr("Field: choose the field to search");
        return std::nullopt;
    }
    const SweepableField& f = m_fields[static_cast<std::size_t>(i)];
    if (!m_useP99->isChecked() && !m_useErrors->isChecked()) {
        error = tr("Target: tick p99 and/or error rate, with the most each may be");
        return std::nullopt;
    }
    nlohmann::json target = nlohmann::json::object();
    if (m_useP99->isChecked()) {
        if (!(m_p99->value() > 0)) {
            error = tr("Target, p99: must be above 0 ms (no latency is 0), got %1")
                        .arg(formatNumber(m_p99->value()));
            return std::nullopt;
        }
        target["p99Ms"] = m_p99->value();
    }
    if (m_useErrors->isChecked()) {
        if (!(m_errors->value() > 0)) {
            error = tr("Target, error rate: must be above 0% (a search cannot prove no error "
                       "at all), got %1%")
                        .arg(formatNumber(m_errors->value()));
            return std::nullopt;
        }
        target["errorRate"] = m_errors->value() / 100;
    }
    if (!(m_from->value() < m_to->value())) {
        error = tr("Bounds: From (%1) must be less than To (%2)")
                    .arg(formatNumber(m_from->value()), formatNumber(m_to->value()));
        return std::nullopt;
    }
    if (m_maxReplications->value() < m_replications->value()) {
        error = tr("Replications: 'up to' (%1) must be at least the replications per value (%2)")
                    .arg(m_maxReplications->value())
                    .arg(m_replications->value());
        return std::nullopt;
    }
    const StudyDocument& d = m_documents[static_cast<std::size_t>(m_scenario->currentIndex())];
    return nlohmann::json{{"formatVersion", kSweepFormatVersion},
                          {"name", tr("Limit of %1").arg(m_field->currentText()).toStdString()},
                          {"scenarios", {d.name.isEmpty() ? "scenario" : d.name.toStdString()}},
                          {"replications", m_replications->value()},
                          {"seed", d.scenario.seed},
                          {"limit",
                           {{"path", f.path},
                            {"from", m_from->value()},
                            {"to", m_to->value()},
                            {"direction", m_direction->currentIndex() == 1 ? "lowest" : "highest"},
                            {"integer", f.description->type == FieldType::Integer},
                            {"tolerance", m_tolerance->value() / 100},
                            {"maxReplications", m_maxReplications->value()},
                            {"target", target}}}};
}

bool LimitDialog::start() {
    if (running()) return false;
    if (m_worker.joinable()) m_worker.join();
    m_status->setStyleSheet(QString());
    QString error;
    const auto json = sweepJson(error);
    if (!json) {
        showProblem(error);
        return false;
    }
    ValidationReport report;
    const auto spec = sweepFromJson(*json, {}, report);
    if (!spec || !spec->limit) {
        showProblem(issuesText(report));
        return false;
    }
    const StudyDocument& d = m_documents[static_cast<std::size_t>(m_scenario->currentIndex())];
    auto study = std::make_shared<const StudyScenario>(
        studyScenarioOf(d, (*json)["scenarios"][0].get<std::string>()));
    const LimitSpec limit = *spec->limit;
    // Both ends are checked first, as archsim-cli does: every value the search tries lies
    // between them, so none of its points can be refused half-way.
    for (const double end : {limit.from, limit.to}) {
        ScenarioOverride o = limit.target;
        o.value = limit.integer ? nlohmann::json(std::llround(end)) : nlohmann::json(end);
        if (!studyPoint(*study, {o}, report)) {
            showProblem(issuesText(report));
            return false;
        }
    }
    m_spec = limit;
    m_result.reset();
    m_table->setRowCount(0);
    m_limit->clear();
    m_broke->clear();
    m_progress->setRange(0, 0);  // a search does not know its length: busy
    m_status->setText(tr("Searching…"));
    m_interrupt = false;
    m_finished = false;
    setBusy(true);
    const unsigned replications = spec->replications;
    const std::uint64_t seed = spec->seed;
    m_worker = std::thread([this, study, limit, replications, seed] {
        int evaluations = 0;
        double last = std::nan("");
        const LimitRunner run = [&](double value, unsigned first, unsigned count) {
            if (m_interrupt) throw SearchCancelled{};
            if (value != last) {
                last = value;
                ++evaluations;
                QMetaObject::invokeMethod(
                    this, [this, value, evaluations] { evaluating(value, evaluations); },
                    Qt::QueuedConnection);
            }
            ScenarioOverride o = limit.target;
            o.value = limit.integer ? nlohmann::json(std::llround(value)) : nlohmann::json(value);
            ValidationReport problems;
            const auto scenario = studyPoint(*study, {o}, problems);
            std::vector<RunResult> runs(count);
            if (!scenario) return runs;  // cannot happen: both ends were checked
            parallelFor(count, 0, [&](std::size_t i) {
                if (m_interrupt) return;
                RunControl control;
                {
                    const std::lock_guard lock(m_mutex);
                    m_active.push_back(&control);
                }
                RunOptions options;
                options.seed = seed;
                options.replication = first + i;
                options.pricing = study->pricing ? &*study->pricing : nullptr;
                options.control = &control;
                runs[i] = runScenario(*scenario, options);
                const std::lock_guard lock(m_mutex);
                std::erase(m_active, &control);
            });
            if (m_interrupt) throw SearchCancelled{};
            return runs;
        };
        std::optional<LimitResult> result;
        try {
            result = searchLimit(limit, replications, run);
        } catch (const SearchCancelled&) {
        }
        QMetaObject::invokeMethod(
            this, [this, result, evaluations] { ended(result, evaluations); },
            Qt::QueuedConnection);
    });
    return true;
}

void LimitDialog::cancel() {
    m_interrupt = true;
    const std::lock_guard lock(m_mutex);
    for (RunControl* c : m_active) c->cancel();
    if (running()) m_status->setText(tr("Cancelling…"));
}

void LimitDialog::evaluating(double value, int evaluation) {
    if (!running()) return;
    m_status->setText(tr("Trying %1 = %2 (value %3)…")
                          .arg(m_field->currentText(), formatNumber(value))
                          .arg(evaluation));
}

void LimitDialog::ended(std::optional<LimitResult> result, int evaluations) {
    if (m_worker.joinable()) m_worker.join();
    m_finished = true;
    m_progress->setRange(0, 1);
    m_progress->setValue(result ? 1 : 0);
    setBusy(false);
    m_result = std::move(result);
    if (!m_result) {
        m_status->setText(tr("Cancelled after %1 value(s); no limit found yet").arg(evaluations));
        emit searchEnded();
        return;
    }
    const LimitResult& r = *m_result;
    const QString field = m_field->currentText();
    m_status->setText(QString::fromStdString(r.message));
    if (r.wholeRange)
        m_limit->setText(tr("The target holds over the whole range: the limit is beyond %1")
                             .arg(formatNumber(r.limit)));
    else if (r.found)
        m_limit->setText(tr("Limit: %1 = %2 (the target holds there; it fails at %3, so the limit "
                            "lies between the two)")
                             .arg(field, formatNumber(r.limit),
                                  r.firstFailing ? formatNumber(*r.firstFailing) : tr("?")));
    else
        m_limit->setText(tr("No limit: the target fails already at %1")
                             .arg(r.firstFailing ? formatNumber(*r.firstFailing) : QString()));
    if (r.broke) {
        const LimitBreak& b = *r.broke;
        QString text =
            tr("What broke first (at %1): %2 busiest at %3 utilisation; the longest waiting line "
               "at %4 (%5 waiting on average)")
                .arg(r.firstFailing ? formatNumber(*r.firstFailing) : QString(),
                     QString::fromStdString(b.busiestComponent),
                     formatPercent(100 * b.busiestUtilization),
                     QString::fromStdString(b.longestQueueComponent), formatNumber(b.longestQueue));
        if (!b.errorReason.empty())
            text += tr("; the error that grew most: %1 (+%2 of arrivals)")
                        .arg(QString::fromStdString(b.errorReason),
                             formatPercent(100 * b.errorRateGrowth));
        m_broke->setText(text + QLatin1Char('.'));
    }
    fillTable();
    emit searchEnded();
}

void LimitDialog::fillTable() {
    if (!m_result || !m_spec) return;
    QStringList headers{tr("Value"), tr("Replications"), tr("Result")};
    for (const LimitTarget& t : m_spec->targets)
        headers << tr("%1 ≤ %2").arg(QString::fromStdString(t.figure->label), formatNumber(t.max));
    m_table->setColumnCount(static_cast<int>(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    for (int k = 3; k < m_table->columnCount(); ++k)
        m_table->horizontalHeaderItem(k)->setToolTip(tr("Mean (95% confidence interval)"));
    for (int k = 0; k < 3; ++k)
        m_table->horizontalHeader()->setSectionResizeMode(k, QHeaderView::ResizeToContents);
    m_table->setRowCount(static_cast<int>(m_result->evaluations.size()));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const LimitEvaluation& e = m_result->evaluations[static_cast<std::size_t>(row)];
        QStringList cells{formatNumber(e.value), QString::number(e.replications),
                          e.passed    ? tr("holds")
                          : e.decided ? tr("fails")
                                      : tr("undecided at the cap (counted as failing)")};
        for (const ConfidenceInterval& ci : e.targets) cells << intervalText(ci);
        for (int k = 0; k < cells.size(); ++k) {
            auto* item = new QTableWidgetItem(cells[k]);
            if (k == 2)
                item->setForeground(e.passed ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
            m_table->setItem(row, k, item);
        }
    }
}

}  // namespace archsim::ui
