// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run/precisionpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

#include "sim/study/sweepspec.h"
#include "ui/charts/chartstyle.h"

namespace archsim::ui {
namespace {

QString widthText(double relative) {
    return std::isfinite(relative) ? QStringLiteral("±%1").arg(formatPercent(100 * relative))
                                   : QStringLiteral("±∞");
}

}  // namespace

PrecisionPanel::PrecisionPanel(std::function<std::optional<StudyDocument>()> scenario,
                               QWidget* parent)
    : QWidget(parent), m_scenario(std::move(scenario)) {
    setObjectName(QStringLiteral("precisionPanel"));
    m_on = new QCheckBox(tr("Replications: &until precise"), this);
    m_on->setObjectName(QStringLiteral("untilPrecise"));
    m_on->setToolTip(
        tr("Run replications of the scenario on screen until a figure's 95% confidence interval "
           "is within a share of its mean, or until the cap"));
    m_details = new QWidget(this);
    m_figure = new QComboBox(m_details);
    m_figure->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_figure->setMinimumContentsLength(10);
    fillFigureBox(m_figure, true, QStringLiteral("p99Ms"));
    m_figure->setAccessibleName(tr("Precision figure"));
    m_target = new QDoubleSpinBox(m_details);
    m_target->setRange(0, 100);
    m_target->setDecimals(2);
    m_target->setPrefix(QStringLiteral("±"));
    m_target->setSuffix(tr(" %"));
    m_target->setValue(5);
    m_target->setAccessibleName(tr("Precision target"));
    m_target->setToolTip(
        tr("Stop when the 95% interval's half-width is at most this share of "
           "the mean"));
    m_cap = new QSpinBox(m_details);
    m_cap->setRange(static_cast<int>(kPrecisionMinReplications),
                    static_cast<int>(kMaxSweepReplications));
    m_cap->setValue(100);
    m_cap->setAccessibleName(tr("Most replications"));
    m_cap->setToolTip(tr("Stop here even if the target is not reached"));
    m_run = new QPushButton(tr("Run Until &Precise"), m_details);
    m_run->setObjectName(QStringLiteral("runUntilPrecise"));
    m_cancel = new QPushButton(tr("Cancel"), m_details);
    m_progress = new QProgressBar(m_details);
    m_progress->setRange(0, m_cap->value());
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of at most %m"));
    m_status = new QLabel(m_details);
    m_status->setObjectName(QStringLiteral("precisionStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Figure"), m_figure);
    form->addRow(tr("Target"), m_target);
    form->addRow(tr("At most"), m_cap);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run, 1);
    buttons->addWidget(m_cancel);
    auto* details = new QVBoxLayout(m_details);
    details->setContentsMargins(12, 0, 0, 0);
    details->addLayout(form);
    details->addLayout(buttons);
    details->addWidget(m_progress);
    details->addWidget(m_status);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_on);
    layout->addWidget(m_details);
    m_details->setVisible(false);
    connect(m_on, &QCheckBox::toggled, this, [this](bool on) {
        m_details->setVisible(on);
        emit untilPreciseChanged(on);
    });
    connect(m_run, &QPushButton::clicked, this, &PrecisionPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &PrecisionPanel::cancel);
    setBusy(false);
}

PrecisionPanel::~PrecisionPanel() {
    m_interrupt = true;
    if (m_worker.joinable()) m_worker.join();
}

bool PrecisionPanel::untilPrecise() const {
    return m_on->isChecked();
}

void PrecisionPanel::setUntilPrecise(bool on) {
    m_on->setChecked(on);
}

void PrecisionPanel::setFigure(const QString& key) {
    m_figure->setCurrentIndex(m_figure->findData(key));
}

void PrecisionPanel::setTarget(double relativeHalfWidth, int cap) {
    m_target->setValue(relativeHalfWidth * 100);
    m_cap->setValue(cap);
}

QString PrecisionPanel::statusText() const {
    return m_status->text();
}

void PrecisionPanel::setBusy(bool busy) {
    m_run->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    for (QWidget* w : std::initializer_list<QWidget*>{m_on, m_figure, m_target, m_cap})
        w->setEnabled(!busy);
}

bool PrecisionPanel::start() {
    if (running()) return false;
    if (m_worker.joinable()) m_worker.join();
    m_status->setStyleSheet(QString());
    const auto fail = [this](const QString& message) {
        m_status->setStyleSheet(QStringLiteral("color: #c62828;"));
        m_status->setText(message);
        return false;
    };
    if (!(m_target->value() > 0))
        return fail(tr("Until precise, target: must be above 0% (no interval is exact), got %1%")
                        .arg(formatNumber(m_target->value())));
    const StudyFigure* figure = findStudyFigure(m_figure->currentData().toString().toStdString());
    if (!figure) return fail(tr("Until precise, figure: choose a figure"));
    std::optional<StudyDocument> document = m_scenario ? m_scenario() : std::nullopt;
    if (!document) return fail(tr("Nothing to run: open a scenario"));
    if (figure->needsPricing && !(document->scenario.cost && document->pricing))
        return fail(tr("Until precise, figure: %1 needs a cost section in the scenario")
                        .arg(m_figure->currentText()));
    if (figure->needsJobs && document->scenario.topology.queues.empty())
        return fail(tr("Until precise, figure: %1 needs a queue in the scenario")
                        .arg(m_figure->currentText()));
    auto shared = std::make_shared<const StudyDocument>(std::move(*document));
    PrecisionRequest request;
    request.figure = figure;
    request.relativeHalfWidth = m_target->value() / 100;
    request.maxReplications = static_cast<unsigned>(m_cap->value());
    request.seed = shared->scenario.seed;
    request.pricing = shared->scenario.cost && shared->pricing ? shared->pricing.get() : nullptr;
    request.interrupt = &m_interrupt;
    request.progress = [this](unsigned n, double width) {
        QMetaObject::invokeMethod(
            this, [this, n, width] { progressed(n, width); }, Qt::QueuedConnection);
    };
    m_figureLabel = m_figure->currentText();
    m_figureUnit = QString::fromStdString(figure->unit);
    m_progress->setRange(0, m_cap->value());
    m_progress->setValue(0);
    m_status->setText(tr("Running replications of %1…").arg(shared->name));
    m_interrupt = false;
    m_finished = false;
    setBusy(true);
    // Off the GUI thread; the result comes back queued (dropped with the panel if it is gone:
    // the destructor cancels and joins first).
    m_worker = std::thread([this, shared, request] {
        auto result = std::make_shared<PrecisionResult>(runToPrecision(shared->scenario, request));
        QMetaObject::invokeMethod(
            this, [this, result] { ended(result); }, Qt::QueuedConnection);
    });
    return true;
}

void PrecisionPanel::cancel() {
    if (!running()) return;
    m_interrupt = true;
    m_status->setText(tr("Cancelling: the replications finished stay…"));
}

void PrecisionPanel::progressed(unsigned replications, double relativeHalfWidth) {
    if (!running()) return;
    m_progress->setValue(static_cast<int>(replications));
    m_status->setText(
        tr("%1 replications: %2 %3 (target ±%4)")
            .arg(replications)
            .arg(m_figureLabel, widthText(relativeHalfWidth), formatPercent(m_target->value())));
}

void PrecisionPanel::ended(std::shared_ptr<PrecisionResult> result) {
    if (m_worker.joinable()) m_worker.join();
    m_finished = true;
    setBusy(false);
    const PrecisionResult& r = *result;
    const int n = static_cast<int>(r.runs.size());
    m_progress->setValue(n);
    const QString figure =
        n > 0 ? tr("%1 = %2 %3")
                    .arg(m_figureLabel,
                         formatNumber(r.interval.mean) +
                             (m_figureUnit.isEmpty() ? QString() : QLatin1Char(' ') + m_figureUnit),
                         widthText(r.relativeHalfWidth))
              : m_figureLabel;
    if (r.reached)
        m_status->setText(tr("%1 after %2 replications: target ±%3 reached")
                              .arg(figure)
                              .arg(n)
                              .arg(formatPercent(m_target->value())));
    else if (r.interrupted)
        m_status->setText(tr("Cancelled after %1 replications: %2").arg(n).arg(figure));
    else
        m_status->setText(tr("%1 after %2 replications: the cap came first, target ±%3 not "
                             "reached")
                              .arg(figure)
                              .arg(n)
                              .arg(formatPercent(m_target->value())));
    m_result = r;
    emit precisionEnded();
}

}  // namespace archsim::ui
