// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/study/sweepdialog.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

#include "sim/scenario/scenariojson.h"
#include "sim/study/sweepplan.h"
#include "sim/study/sweepresult.h"
#include "ui/charts/chartstyle.h"

namespace archsim::ui {

SweepDialog::SweepDialog(const Scenario& scenario, std::shared_ptr<const PricingTable> pricing,
                         QWidget* parent)
    : QDialog(parent),
      m_scenario(scenario),
      m_scenarioJson(scenarioToJson(scenario)),
      m_pricing(std::move(pricing)),
      m_fields(sweepableFields(m_scenarioJson)) {
    setWindowTitle(tr("Sweep – %1").arg(QString::fromStdString(scenario.name)));
    setObjectName(QStringLiteral("sweepDialog"));

    m_field = new QComboBox(this);
    m_field->setObjectName(QStringLiteral("sweepField"));
    for (const SweepableField& f : m_fields)
        m_field->addItem(QString::fromStdString(f.label), QString::fromStdString(f.path));
    m_field->setToolTip(
        tr("The field to vary: every number of the run, the workload and the "
           "components, as the properties editor lists them"));
    m_from = new QDoubleSpinBox(this);
    m_to = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* box : {m_from, m_to}) {
        box->setDecimals(3);
        box->setRange(-1e12, 1e12);
    }
    m_steps = new QSpinBox(this);
    m_steps->setRange(2, 100);
    m_steps->setValue(8);
    m_log = new QCheckBox(tr("Logarithmic spacing"), this);
    m_replications = new QSpinBox(this);
    m_replications->setRange(1, 1000);
    m_replications->setValue(5);
    m_replications->setToolTip(
        tr("Independent replications per point; replication r of every "
           "point uses the same random streams (common random numbers)"));
    m_figure = new QComboBox(this);
    for (const StudyFigure& f : studyFigures()) {
        if (f.needsPricing && !(m_scenario.cost && m_pricing)) continue;
        if (f.needsJobs && m_scenario.topology.queues.empty()) continue;
        m_figure->addItem(QString::fromStdString(f.label), QString::fromStdString(f.key));
    }
    m_figure->setCurrentIndex(m_figure->findData(QStringLiteral("p99Ms")));

    auto* range = new QHBoxLayout;
    range->addWidget(m_from);
    range->addWidget(new QLabel(tr("to"), this));
    range->addWidget(m_to);
    range->addWidget(new QLabel(tr("in"), this));
    range->addWidget(m_steps);
    range->addWidget(new QLabel(tr("steps"), this));
    auto* form = new QFormLayout;
    form->addRow(tr("&Field"), m_field);
    form->addRow(tr("Range"), range);
    form->addRow(QString(), m_log);
    form->addRow(tr("&Replications"), m_replications);
    form->addRow(tr("F&igure"), m_figure);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(520, 300);
    m_plot->xAxis->setLabel(tr("swept value"));

    auto* buttons = new QDialogButtonBox(this);
    m_run = buttons->addButton(tr("&Run Sweep"), QDialogButtonBox::ActionRole);
    m_cancel = buttons->addButton(tr("&Cancel Sweep"), QDialogButtonBox::ActionRole);
    m_cancel->setToolTip(tr("Stop the sweep; the points whose replications all finished stay"));
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_run, &QPushButton::clicked, this, &SweepDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &SweepDialog::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_field, &QComboBox::currentIndexChanged, this, &SweepDialog::fieldChanged);
    connect(m_figure, &QComboBox::currentIndexChanged, this, &SweepDialog::replot);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_plot, 1);
    layout->addWidget(buttons);
    setBusy(false);
    const int rate = m_field->findData(QStringLiteral("workload.ratePerS"));
    m_field->setCurrentIndex(rate >= 0 ? rate : 0);
    fieldChanged();
}

SweepDialog::~SweepDialog() {
    m_interrupt = true;
    if (m_worker.joinable()) m_worker.join();
}

void SweepDialog::fieldChanged() {
    const int i = m_field->currentIndex();
    if (i < 0 || i >= static_cast<int>(m_fields.size())) return;
    const SweepableField& f = m_fields[static_cast<std::size_t>(i)];
    const bool integer = f.description->type == FieldType::Integer;
    for (QDoubleSpinBox* box : {m_from, m_to}) {
        box->setDecimals(integer ? 0 : 3);
        box->setRange(f.description->min, f.description->max);
        box->setSuffix(
            f.description->unit.empty()
                ? QString()
                : QStringLiteral(" ") +
                      QString::fromUtf8(f.description->unit.data(),
                                        static_cast<qsizetype>(f.description->unit.size())));
    }
    // From a quarter of the current value to twice it: the neighbourhood a review asks about.
    const double current = f.current;
    m_from->setValue(integer ? std::max(f.description->min, std::floor(current / 2)) : current / 4);
    m_to->setValue(integer ? std::max(current * 2, current + 1) : (current > 0 ? current * 2 : 1));
    m_plot->xAxis->setLabel(
        m_field->currentText() +
        (m_from->suffix().isEmpty() ? QString() : " (" + m_from->suffix().trimmed() + ")"));
}

bool SweepDialog::selectField(const QString& path) {
    const int i = m_field->findData(path);
    if (i >= 0) m_field->setCurrentIndex(i);
    return i >= 0;
}

void SweepDialog::setRange(double from, double to, int steps, bool log) {
    m_from->setValue(from);
    m_to->setValue(to);
    m_steps->setValue(steps);
    m_log->setChecked(log);
}

void SweepDialog::setReplications(int replications) {
    m_replications->setValue(replications);
}

void SweepDialog::setFigure(const QString& key) {
    m_figure->setCurrentIndex(m_figure->findData(key));
}

QString SweepDialog::statusText() const {
    return m_status->text();
}

void SweepDialog::setBusy(bool busy) {
    m_run->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_field, m_from, m_to, m_steps, m_log, m_replications})
        w->setEnabled(!busy);
}

bool SweepDialog::start() {
    if (running()) return false;
    if (m_worker.joinable()) m_worker.join();
    const int i = m_field->currentIndex();
    if (i < 0) return false;
    const SweepableField& f = m_fields[static_cast<std::size_t>(i)];
    const bool integer = f.description->type == FieldType::Integer;
    nlohmann::json figures = nlohmann::json::array();
    for (int k = 0; k < m_figure->count(); ++k)
        figures.push_back(m_figure->itemData(k).toString().toStdString());
    const nlohmann::json sweep = {{"formatVersion", 1},
                                  {"scenarios", {"current scenario"}},
                                  {"replications", m_replications->value()},
                                  {"seed", m_scenario.seed},
                                  {"figures", figures},
                                  {"fields",
                                   {{{"path", f.path},
                                     {"range",
                                      {{"from", m_from->value()},
                                       {"to", m_to->value()},
                                       {"steps", m_steps->value()},
                                       {"scale", m_log->isChecked() ? "log" : "linear"},
                                       {"integer", integer}}}}}}};
    ValidationReport report;
    auto plan = std::make_shared<SweepPlan>();
    if (auto spec = sweepFromJson(sweep, {}, report)) plan->spec = std::move(*spec);
    plan->scenarios.push_back({"current scenario", {}, m_scenarioJson, m_scenario, std::nullopt});
    if (m_scenario.cost && m_pricing) plan->scenarios.back().pricing = *m_pricing;
    plan->version = ARCHSIM_VERSION;
    if (!report.ok() || !buildSweepPlan(*plan, report)) {
        QString text;
        for (const ValidationIssue& issue : report.issues())
            text += QString::fromStdString(issue.toString()) + '\n';
        m_status->setText(text.trimmed());
        return false;
    }
    const int total = static_cast<int>(plan->unitCount());
    m_progress->setRange(0, total);
    m_progress->setValue(0);
    m_status->setText(tr("Running %1 runs…").arg(total));
    m_interrupt = false;
    m_finished = false;
    setBusy(true);
    // The simulation runs here, off the GUI thread; results come back as queued calls.
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
    setBusy(false);
    m_result = sweepResultJson(*shard);
    const auto points = m_result["scenarios"][0]["points"].size();
    const auto all = m_result["fields"][0]["values"].size();
    m_status->setText(
        shard->complete
            ? tr("%1 points, %2 replications each (95% confidence band)")
                  .arg(points)
                  .arg(m_result["replications"].get<int>())
            : tr("Cancelled: %1 of %2 points finished and are shown").arg(points).arg(all));
    replot();
    emit sweepEnded();
}

void SweepDialog::replot() {
    m_plot->clearGraphs();
    if (m_result.is_null()) {
        m_plot->replot();
        return;
    }
    const std::string key = m_figure->currentData().toString().toStdString();
    QVector<double> x, mean, low, high;
    for (const auto& p : m_result["scenarios"][0]["points"]) {
        if (!p["figures"].contains(key)) continue;
        const auto& ci = p["figures"][key];
        x.push_back(p["values"][0].get<double>());
        mean.push_back(ci["mean"].get<double>());
        low.push_back(ci["low"].get<double>());
        high.push_back(ci["high"].get<double>());
    }
    const QColor colour = scenarioColour(0);
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
    line->setPen(QPen(colour, 2));
    line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    line->setData(x, mean, true);
    const bool log = m_result["fields"][0]["scale"] == "log";
    m_plot->xAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    const StudyFigure* figure = findStudyFigure(key);
    m_plot->yAxis->setLabel(m_figure->currentText() +
                            (figure && !figure->unit.empty()
                                 ? " (" + QString::fromStdString(figure->unit) + ")"
                                 : QString()));
    m_plot->rescaleAxes();
    m_plot->yAxis->scaleRange(1.1, m_plot->yAxis->range().center());
    // A margin so the end points' markers are not cut by the axes.
    const QCPRange xs = m_plot->xAxis->range();
    if (log && xs.lower > 0)
        m_plot->xAxis->setRange(xs.lower / 1.08, xs.upper * 1.08);
    else
        m_plot->xAxis->setRange(xs.lower - 0.04 * xs.size(), xs.upper + 0.04 * xs.size());
    m_plot->replot();
}

}  // namespace archsim::ui
