// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editors/workloadeditor.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "sim/scenario/scenariojson.h"
#include "ui/editors/distributionfield.h"
#include "ui/editors/numberfield.h"

namespace archsim::ui {

namespace {
constexpr double kMaxRate = 10'000'000;

std::optional<double> cellNumber(const QTableWidgetItem* item) {
    if (!item) return std::nullopt;
    bool ok = false;
    double value = QLocale().toDouble(item->text().trimmed(), &ok);
    if (!ok) value = QLocale::c().toDouble(item->text().trimmed(), &ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

/// A column as typed: a whole number is a position (1 = the first column), anything else a
/// header name; "" keeps neither.
void setColumn(const QString& text, std::string& name, std::optional<std::size_t>& index) {
    const QString trimmed = text.trimmed();
    bool isNumber = false;
    const uint position = trimmed.toUInt(&isNumber);
    name.clear();
    index.reset();
    if (trimmed.isEmpty()) return;
    if (isNumber) {
        index = position == 0 ? std::size_t{0} : position - 1;
    } else {
        name = trimmed.toStdString();
    }
}

QString columnText(const std::string& name, std::optional<std::size_t> index) {
    if (!name.empty()) return QString::fromStdString(name);
    return index ? QString::number(*index + 1) : QString();
}
}  // namespace

WorkloadEditor::WorkloadEditor(Applier applier, QWidget* parent)
    : QWidget(parent),
      m_apply(std::move(applier)),
      m_type(new QComboBox(this)),
      m_pages(new QStackedWidget(this)),
      m_schedule(new QTableWidget(0, 2, this)),
      m_chart(new QCustomPlot(this)),
      m_scheduleError(new QLabel(this)),
      m_trace(new QLineEdit(this)),
      m_timeColumn(new QLineEdit(this)),
      m_timeUnit(new QComboBox(this)),
      m_timeBase(new QComboBox(this)),
      m_delimiter(new QComboBox(this)),
      m_payloadColumn(new QLineEdit(this)),
      m_payloadUnit(new QComboBox(this)),
      m_keyColumn(new QLineEdit(this)),
      m_traceInfo(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QFormLayout;
    m_type->addItems({tr("Poisson (constant rate)"), tr("Rate schedule"), tr("On/off bursts"),
                      tr("Closed loop (users)"), tr("Trace replay")});
    m_type->setToolTip(
        tr("How requests arrive: open loop at a rate (constant, scheduled or "
           "bursty), or a fixed number of users who wait and think"));
    top->addRow(tr("Type"), m_type);
    layout->addLayout(top);

    // Poisson.
    {
        auto* page = new QWidget(this);
        auto* form = new QFormLayout(page);
        form->setContentsMargins(0, 0, 0, 0);
        m_rate =
            number(NumberSpec::make(0, kMaxRate, false, false, false, tr("req/s"),
                                    tr("Mean arrivals per second"), QString(), 0, 1000),
                   tr("Change arrival rate"), [](WorkloadSpec& w, double v) { w.ratePerS = v; });
        form->addRow(tr("Rate"), m_rate);
        m_pages->addWidget(page);
    }
    // Schedule.
    {
        auto* page = new QWidget(this);
        auto* column = new QVBoxLayout(page);
        column->setContentsMargins(0, 0, 0, 0);
        column->addWidget(new QLabel(tr("Rate points (linear in between; the last rate holds "
                                        "to the end):"),
                                     page));
        m_schedule->setHorizontalHeaderLabels({tr("Time (s)"), tr("Rate (req/s)")});
        m_schedule->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        m_schedule->verticalHeader()->hide();
        m_schedule->setMinimumHeight(120);
        m_schedule->setToolTip(tr("Edit a cell to change a point; times must rise"));
        column->addWidget(m_schedule);
        auto* buttons = new QHBoxLayout;
        auto* add = new QPushButton(tr("Add Point"), page);
        auto* remove = new QPushButton(tr("Remove Point"), page);
        buttons->addWidget(add);
        buttons->addWidget(remove);
        buttons->addStretch();
        column->addLayout(buttons);
        m_scheduleError->setStyleSheet(QStringLiteral("color: #c62828;"));
        m_scheduleError->setWordWrap(true);
        m_scheduleError->hide();
        column->addWidget(m_scheduleError);
        m_chart->setMinimumHeight(220);
        m_chart->setAccessibleName(tr("Rate schedule chart"));
        m_chart->setAccessibleDescription(
            tr("The arrival rate over the run, as the table of rate points above gives it"));
        m_chart->addGraph();
        m_chart->graph(0)->setPen(QPen(QColor(0x2a, 0x7a, 0xb8), 2));
        m_chart->graph(0)->setBrush(QColor(0x2a, 0x7a, 0xb8, 40));
        m_chart->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
        m_chart->xAxis->setLabel(tr("time (s)"));
        m_chart->yAxis->setLabel(tr("req/s"));
        column->addWidget(m_chart, 1);
        connect(m_schedule, &QTableWidget::cellChanged, this, [this] {
            if (!m_filling) scheduleEdited();
        });
        connect(add, &QPushButton::clicked, this, [this] {
            apply(
                [](WorkloadSpec& w) {
                    RatePoint point;
                    if (!w.schedule.empty()) {
                        point = w.schedule.back();
                        point.timeS += 60;
                    }
                    w.schedule.push_back(point);
                },
                tr("Add schedule point"));
        });
        connect(remove, &QPushButton::clicked, this, [this] {
            const int row = m_schedule->currentRow() >= 0 ? m_schedule->currentRow()
                                                          : m_schedule->rowCount() - 1;
            apply(
                [row](WorkloadSpec& w) {
                    if (row >= 0 && static_cast<std::size_t>(row) < w.schedule.size())
                        w.schedule.erase(w.schedule.begin() + row);
                },
                tr("Remove schedule point"));
        });
        m_pages->addWidget(page);
    }
    // On/off.
    {
        auto* page = new QWidget(this);
        auto* form = new QFormLayout(page);
        form->setContentsMargins(0, 0, 0, 0);
        m_onRate =
            number(NumberSpec::make(0, kMaxRate, true, false, false, tr("req/s"),
                                    tr("Arrival rate during an on period"), QString(), 0, 1000),
                   tr("Change burst rate"), [](WorkloadSpec& w, double v) { w.onRatePerS = v; });
        m_offRate =
            number(NumberSpec::make(0, kMaxRate, true, false, false, tr("req/s"),
                                    tr("Arrival rate between bursts"), QString(), 0, 100),
                   tr("Change idle rate"), [](WorkloadSpec& w, double v) { w.offRatePerS = v; });
        m_onDuration = distribution(tr("Burst length"), tr("s"), false,
                                    [](WorkloadSpec& w, DistributionPtr d) { w.onDurationS = d; });
        m_offDuration =
            distribution(tr("Pause length"), tr("s"), false,
                         [](WorkloadSpec& w, DistributionPtr d) { w.offDurationS = d; });
        form->addRow(tr("On rate"), m_onRate);
        form->addRow(tr("Off rate"), m_offRate);
        form->addRow(tr("On duration"), m_onDuration);
        form->addRow(tr("Off duration"), m_offDuration);
        m_pages->addWidget(page);
    }
    // Closed loop.
    {
        auto* page = new QWidget(this);
        auto* form = new QFormLayout(page);
        form->setContentsMargins(0, 0, 0, 0);
        m_users = number(
            NumberSpec::make(1, 1'000'000, true, true, false, tr("users"),
                             tr("Users, each sending a request, waiting for it, then thinking"),
                             QString(), 1, 1000),
            tr("Change users"), [](WorkloadSpec& w, double v) { w.users = static_cast<int>(v); });
        m_think = distribution(tr("Think time"), tr("ms"), false,
                               [](WorkloadSpec& w, DistributionPtr d) { w.thinkTimeMs = d; });
        form->addRow(tr("Users"), m_users);
        form->addRow(tr("Think time"), m_think);
        // The workload's numbers, by their scenario paths, for Run > Sweep.
        for (const auto& [field, path] :
             {std::pair{m_rate, "workload.ratePerS"}, std::pair{m_onRate, "workload.onRatePerS"},
              std::pair{m_offRate, "workload.offRatePerS"}, std::pair{m_users, "workload.users"}}) {
            field->setSweepPath(QString::fromLatin1(path));
            connect(field, &NumberField::sweepRequested, this, &WorkloadEditor::sweepRequested);
        }
        m_pages->addWidget(page);
    }
    buildTracePage();
    layout->addWidget(m_pages);
    auto* bottom = new QFormLayout;
    m_payload = distribution(tr("Request size"), tr("KB"), true,
                             [](WorkloadSpec& w, DistributionPtr d) { w.payloadKb = d; });
    m_payload->setToolTip(
        tr("Size of each request; gateways with a payload limit reject larger "
           "ones. None: small requests"));
    bottom->addRow(tr("Request size"), m_payload);
    layout->addLayout(bottom);

    connect(m_type, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_filling) return;
        const auto type = static_cast<WorkloadType>(index);
        const QString error = apply(
            [type](WorkloadSpec& w) {
                w.type = type;
                // Give the new type workable values so the switch itself is a valid scenario.
                if (type == WorkloadType::Schedule && w.schedule.empty())
                    w.schedule = {{0, w.ratePerS}, {60, w.ratePerS * 2}};
                if (type == WorkloadType::OnOff) {
                    if (w.onRatePerS <= 0) w.onRatePerS = std::max(1.0, w.ratePerS * 5);
                    if (!w.onDurationS) w.onDurationS = makeExponential(10);
                    if (!w.offDurationS) w.offDurationS = makeExponential(50);
                }
                if (type == WorkloadType::Closed) {
                    if (w.users <= 0) w.users = 10;
                    if (!w.thinkTimeMs) w.thinkTimeMs = makeExponential(1000);
                }
            },
            tr("Change workload type"));
        if (!error.isEmpty()) {
            m_scheduleError->setText(error);
            m_pages->setCurrentIndex(index);
        }
    });
}

void WorkloadEditor::buildTracePage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    m_trace->setToolTip(tr("CSV file of arrival times, relative to the scenario file's folder"));
    auto* browse = new QPushButton(tr("Browse..."), page);
    browse->setAccessibleName(tr("Browse for trace file"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_trace, 1);
    fileRow->addWidget(browse);
    form->addRow(tr("Trace file"), fileRow);

    m_timeColumn->setPlaceholderText(tr("1"));
    m_timeColumn->setToolTip(
        tr("The column holding the arrival time: its header name, or its "
           "position (1 = the first column)"));
    form->addRow(tr("Time column"), m_timeColumn);
    m_timeBase->addItem(tr("Offset from the start"), int(TraceTimeBase::Offset));
    m_timeBase->addItem(tr("Unix epoch"), int(TraceTimeBase::Epoch));
    m_timeBase->addItem(tr("ISO 8601 date and time"), int(TraceTimeBase::Iso8601));
    m_timeBase->setToolTip(
        tr("How times are written; absolute times replay from the first "
           "arrival, which arrives at 0 s"));
    form->addRow(tr("Times are"), m_timeBase);
    for (const TraceTimeUnit unit : {TraceTimeUnit::Seconds, TraceTimeUnit::Milliseconds,
                                     TraceTimeUnit::Microseconds, TraceTimeUnit::Nanoseconds})
        m_timeUnit->addItem(QString::fromUtf8(toKeyword(unit).data(),
                                              static_cast<qsizetype>(toKeyword(unit).size())),
                            int(unit));
    m_timeUnit->setToolTip(tr("Unit of offsets and epoch times"));
    form->addRow(tr("Time unit"), m_timeUnit);
    m_delimiter->addItem(tr("Comma (,)"), int(','));
    m_delimiter->addItem(tr("Semicolon (;)"), int(';'));
    m_delimiter->addItem(tr("Tab"), int('\t'));
    m_delimiter->addItem(tr("Bar (|)"), int('|'));
    m_delimiter->setToolTip(tr("The character between the fields of a row"));
    form->addRow(tr("Delimiter"), m_delimiter);
    m_payloadColumn->setPlaceholderText(tr("none"));
    m_payloadColumn->setToolTip(
        tr("A column holding each request's size (header name or "
           "position); requests draw their sizes from it"));
    m_payloadUnit->addItem(tr("bytes"), int(TracePayloadUnit::Bytes));
    m_payloadUnit->addItem(tr("KB"), int(TracePayloadUnit::Kilobytes));
    m_payloadUnit->addItem(tr("MB"), int(TracePayloadUnit::Megabytes));
    m_payloadUnit->setToolTip(tr("Unit of the size column (KB = 1024 bytes)"));
    auto* payloadRow = new QHBoxLayout;
    payloadRow->addWidget(m_payloadColumn, 1);
    payloadRow->addWidget(m_payloadUnit);
    form->addRow(tr("Size column"), payloadRow);
    m_keyColumn->setPlaceholderText(tr("none"));
    m_keyColumn->setToolTip(
        tr("A column holding each request's cache key (header name or position): a user, a "
           "token, an object name. Caches look up the row's key instead of drawing one"));
    m_keyColumn->setAccessibleName(tr("Cache key column"));
    form->addRow(tr("Key column"), m_keyColumn);
    m_traceInfo->setWordWrap(true);
    form->addRow(QString(), m_traceInfo);

    // Every field edit applies all of the page's fields at once: a new file often needs new
    // column options too, and neither alone may be readable.
    connect(m_trace, &QLineEdit::editingFinished, this, [this] {
        if (m_trace->text().trimmed().toStdString() != m_scenario.workload.traceFile)
            applyTrace(tr("Change trace file"));
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString base = m_baseDirectory ? m_baseDirectory() : QString();
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Trace File"), base, tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
        if (path.isEmpty()) return;
        // Inside the scenario's folder the path is kept relative, so the two move together.
        QString shown = path;
        if (!base.isEmpty()) {
            const QString relative = QDir(base).relativeFilePath(path);
            if (!relative.startsWith(QLatin1String(".."))) shown = relative;
        }
        m_trace->setText(shown);
        applyTrace(tr("Change trace file"));
    });
    connect(m_timeColumn, &QLineEdit::editingFinished, this,
            [this] { applyTrace(tr("Change time column")); });
    connect(m_timeBase, &QComboBox::activated, this, [this] {
        m_timeUnit->setEnabled(m_timeBase->currentData().toInt() != int(TraceTimeBase::Iso8601));
        applyTrace(tr("Change trace time base"));
    });
    connect(m_timeUnit, &QComboBox::activated, this,
            [this] { applyTrace(tr("Change trace time unit")); });
    connect(m_delimiter, &QComboBox::activated, this,
            [this] { applyTrace(tr("Change trace delimiter")); });
    connect(m_payloadColumn, &QLineEdit::editingFinished, this, [this] {
        m_payloadUnit->setEnabled(!m_payloadColumn->text().trimmed().isEmpty());
        applyTrace(tr("Change size column"));
    });
    connect(m_payloadUnit, &QComboBox::activated, this,
            [this] { applyTrace(tr("Change size unit")); });
    connect(m_keyColumn, &QLineEdit::editingFinished, this,
            [this] { applyTrace(tr("Change key column")); });
    m_pages->addWidget(page);
}

void WorkloadEditor::setBaseDirectory(std::function<QString()> baseDirectory) {
    m_baseDirectory = std::move(baseDirectory);
}

void WorkloadEditor::readTraceFields(WorkloadSpec& w) const {
    w.traceFile = m_trace->text().trimmed().toStdString();
    TraceColumns c;
    std::optional<std::size_t> timeIndex;
    setColumn(m_timeColumn->text(), c.timeColumn, timeIndex);
    c.timeColumnIndex = timeIndex.value_or(0);
    c.base = static_cast<TraceTimeBase>(m_timeBase->currentData().toInt());
    // ISO 8601 times spell out their own unit.
    if (c.base != TraceTimeBase::Iso8601)
        c.unit = static_cast<TraceTimeUnit>(m_timeUnit->currentData().toInt());
    c.delimiter = static_cast<char>(m_delimiter->currentData().toInt());
    setColumn(m_payloadColumn->text(), c.payloadColumn, c.payloadColumnIndex);
    if (c.hasPayload())
        c.payloadUnit = static_cast<TracePayloadUnit>(m_payloadUnit->currentData().toInt());
    setColumn(m_keyColumn->text(), c.keyColumn, c.keyColumnIndex);
    // Sizes that came from a column go with it; a size distribution of the user's own stays.
    if (w.traceColumns.hasPayload() && !c.hasPayload()) w.payloadKb = nullptr;
    w.traceColumns = c;
}

void WorkloadEditor::applyTrace(const QString& text) {
    const QString base = m_baseDirectory ? m_baseDirectory() : QDir::currentPath();
    const QString error = apply(
        [&](WorkloadSpec& w) {
            readTraceFields(w);
            if (w.traceColumns.hasPayload()) w.payloadKb = nullptr;
            // The reader holds the arrivals (and sizes) the fields now describe; without this the
            // document would keep replaying the previous file's.
            Scenario probe = m_scenario;
            probe.workload = w;
            ValidationReport report;
            if (const auto read =
                    scenarioFromJson(scenarioToJson(probe), report, base.toStdString())) {
                w.traceTimesS = read->workload.traceTimesS;
                w.tracePayloadKb = read->workload.tracePayloadKb;
                w.traceKeys = read->workload.traceKeys;
                if (w.traceColumns.hasPayload()) w.payloadKb = read->workload.payloadKb;
            }
        },
        text);
    if (!error.isEmpty()) {
        m_traceInfo->setText(error);
        m_traceInfo->setStyleSheet(QStringLiteral("color: #c62828;"));
    }
}

NumberField* WorkloadEditor::number(const NumberSpec& spec, const QString& text,
                                    std::function<void(WorkloadSpec&, double)> set) {
    auto* field = new NumberField(spec, this);
    connect(field, &NumberField::committed, this,
            [this, field, text, set](std::optional<double> value, int session) {
                if (!value) return;
                const QString error =
                    apply([&](WorkloadSpec& w) { set(w, *value); }, text, text, session);
                if (!error.isEmpty()) field->showError(error);
            });
    return field;
}

DistributionField* WorkloadEditor::distribution(
    const QString& title, const QString& unit, bool optional,
    std::function<void(WorkloadSpec&, DistributionPtr)> set) {
    auto* field = new DistributionField(title, unit, optional, this);
    connect(field, &DistributionField::committed, this,
            [this, field, title, set](DistributionPtr d) {
                const QString error =
                    apply([&](WorkloadSpec& w) { set(w, d); }, tr("Edit %1").arg(title));
                if (!error.isEmpty()) field->showError(error);
            });
    return field;
}

QString WorkloadEditor::apply(const std::function<void(WorkloadSpec&)>& change, const QString& text,
                              const QString& mergeKey, int session) {
    return m_apply([&](Scenario& s) { change(s.workload); }, text,
                   mergeKey.isEmpty() ? QString() : QStringLiteral("workload/") + mergeKey,
                   session);
}

void WorkloadEditor::scheduleEdited() {
    std::vector<RatePoint> points;
    for (int row = 0; row < m_schedule->rowCount(); ++row) {
        const auto time = cellNumber(m_schedule->item(row, 0));
        const auto rate = cellNumber(m_schedule->item(row, 1));
        if (!time || !rate) {
            m_scheduleError->setText(tr("Row %1 needs a time and a rate (numbers).").arg(row + 1));
            m_scheduleError->show();
            return;
        }
        points.push_back({*time, *rate});
    }
    const QString error =
        apply([&](WorkloadSpec& w) { w.schedule = points; }, tr("Edit rate schedule"));
    if (!error.isEmpty()) {
        m_scheduleError->setText(error);
        m_scheduleError->show();
    } else {
        m_scheduleError->hide();
    }
}

void WorkloadEditor::drawSchedule() {
    const auto& schedule = m_scenario.workload.schedule;
    QVector<double> xs, ys;
    for (const auto& point : schedule) {
        xs << point.timeS;
        ys << point.ratePerS;
    }
    // The rate holds after the last point: draw it to the end of the run.
    const double end = std::max(m_scenario.run.durationS, xs.isEmpty() ? 0.0 : xs.back());
    if (!xs.isEmpty() && end > xs.back()) {
        xs << end;
        ys << ys.back();
    }
    m_chart->graph(0)->setData(xs, ys, true);
    const double top = ys.isEmpty() ? 1 : *std::max_element(ys.begin(), ys.end());
    m_chart->xAxis->setRange(0, std::max(1.0, end));
    m_chart->yAxis->setRange(0, std::max(1.0, top * 1.15));
    m_chart->replot(QCustomPlot::rpQueuedReplot);
}

void WorkloadEditor::refresh(const Scenario& scenario) {
    m_scenario = scenario;
    const WorkloadSpec& w = scenario.workload;
    m_filling = true;
    m_type->setCurrentIndex(static_cast<int>(w.type));
    m_pages->setCurrentIndex(static_cast<int>(w.type));
    m_rate->setValue(w.ratePerS);
    {
        m_schedule->setRowCount(static_cast<int>(w.schedule.size()));
        for (std::size_t i = 0; i < w.schedule.size(); ++i) {
            const int row = static_cast<int>(i);
            m_schedule->setItem(row, 0,
                                new QTableWidgetItem(NumberField::format(w.schedule[i].timeS)));
            m_schedule->setItem(row, 1,
                                new QTableWidgetItem(NumberField::format(w.schedule[i].ratePerS)));
        }
    }
    drawSchedule();
    m_onRate->setValue(w.onRatePerS);
    m_offRate->setValue(w.offRatePerS);
    m_onDuration->setDistribution(w.onDurationS);
    m_offDuration->setDistribution(w.offDurationS);
    m_users->setValue(w.users);
    m_think->setDistribution(w.thinkTimeMs);
    const QString trace = QString::fromStdString(w.traceFile);
    if (m_trace->text() != trace) m_trace->setText(trace);
    const TraceColumns& c = w.traceColumns;
    m_timeColumn->setText(c.timeColumn.empty() && c.timeColumnIndex == 0
                              ? QString()
                              : columnText(c.timeColumn, c.timeColumnIndex));
    m_timeBase->setCurrentIndex(m_timeBase->findData(int(c.base)));
    m_timeUnit->setCurrentIndex(m_timeUnit->findData(int(c.unit)));
    m_timeUnit->setEnabled(c.base != TraceTimeBase::Iso8601);
    m_delimiter->setCurrentIndex(std::max(0, m_delimiter->findData(int(c.delimiter))));
    m_payloadColumn->setText(columnText(c.payloadColumn, c.payloadColumnIndex));
    m_payloadUnit->setCurrentIndex(m_payloadUnit->findData(int(c.payloadUnit)));
    m_payloadUnit->setEnabled(c.hasPayload());
    m_keyColumn->setText(columnText(c.keyColumn, c.keyColumnIndex));
    if (w.type == WorkloadType::Trace) {
        const double span = w.traceTimesS.empty() ? 0 : w.traceTimesS.back();
        QString info = tr("%1 arrivals loaded over %2 s")
                           .arg(w.traceTimesS.size())
                           .arg(NumberField::format(span));
        if (c.hasPayload() && w.payloadKb)
            info += QLatin1Char('\n') + tr("Request sizes from the trace: %1 KB")
                                            .arg(QString::fromStdString(w.payloadKb->describe()));
        m_traceInfo->setText(info);
        m_traceInfo->setStyleSheet(QString());
    }
    // Sizes read from a trace column are not the user's to edit here.
    const bool sizesFromTrace = w.type == WorkloadType::Trace && c.hasPayload();
    m_payload->setEnabled(!sizesFromTrace);
    m_payload->setToolTip(sizesFromTrace ? tr("Read from the trace's size column")
                                         : tr("Size of each request; gateways with a payload "
                                              "limit reject larger ones. None: small requests"));
    m_payload->setDistribution(w.payloadKb);
    m_filling = false;
}

}  // namespace archsim::ui
