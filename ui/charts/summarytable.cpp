// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/summarytable.h"

#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <memory>

#include "sim/cost/costmodel.h"
#include "ui/charts/chartstyle.h"
#include "ui/charts/slomarker.h"
#include "ui/report/summaryfigures.h"

namespace archsim::ui {
namespace {

bool isLatency(SummaryTable::Row row) {
    return row <= SummaryTable::P999 || row == SummaryTable::JobP50 || row == SummaryTable::JobP99;
}
bool isCount(SummaryTable::Row row) {
    return row == SummaryTable::JobsDeadLettered;
}
bool isFraction(SummaryTable::Row row) {
    return row == SummaryTable::ErrorRate || row == SummaryTable::ColdStartFraction;
}
bool isMoney(SummaryTable::Row row) {
    return row == SummaryTable::MonthlyCost || row == SummaryTable::CostPerMillion;
}
/// Throughput follows the offered load, so more is neither better nor worse.
bool lowerIsBetter(SummaryTable::Row row) {
    return row != SummaryTable::Throughput;
}

/// A long name on two lines, broken at the space nearest its middle: headers share the width
/// equally and do not wrap by themselves, so one long line would be cut off at both ends.
QString twoLines(const QString& name) {
    if (name.size() <= 18) return name;
    const qsizetype middle = name.size() / 2;
    qsizetype best = -1;
    for (qsizetype i = 0; i < name.size(); ++i)
        if (name[i] == QLatin1Char(' ') &&
            (best < 0 || std::abs(i - middle) < std::abs(best - middle)))
            best = i;
    if (best < 0) return name;
    return name.left(best) + QLatin1Char('\n') + name.mid(best + 1);
}

const QColor kBetter(30, 130, 60);
const QColor kWorse(190, 40, 40);

}  // namespace

SummaryTable::SummaryTable(QWidget* parent)
    : ChartWidget(parent), m_table(new QTableWidget(this)), m_note(new QLabel(this)) {
    setWindowTitle(tr("Summary"));
    setExplanation(tr("Every figure of each scenario after its warm-up. The difference columns "
                      "compare each scenario with the first: green is better, red worse, grey † a "
                      "difference the replications' intervals do not support."));
    chartLayout()->addWidget(m_table, 1);
    m_note->setObjectName(QStringLiteral("summaryNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    chartLayout()->addWidget(m_note);
    m_table->setRowCount(static_cast<int>(kRowCount));
    for (std::size_t row = 0; row < kRowCount; ++row)
        m_table->setVerticalHeaderItem(static_cast<int>(row),
                                       new QTableWidgetItem(rowName(static_cast<Row>(row))));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionMode(QAbstractItemView::ContiguousSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& position) { showContextMenu(m_table->viewport(), position); });
}

QString SummaryTable::rowName(Row row) {
    switch (row) {
        case P50:
            return tr("p50 latency");
        case P95:
            return tr("p95 latency");
        case P99:
            return tr("p99 latency");
        case P999:
            return tr("p99.9 latency");
        case Throughput:
            return tr("throughput");
        case ErrorRate:
            return tr("error rate");
        case ColdStartFraction:
            return tr("cold-start fraction");
        case MonthlyCost:
            return tr("monthly cost");
        case CostPerMillion:
            return tr("cost per million requests");
        case JobP50:
            return tr("p50 job latency");
        case JobP99:
            return tr("p99 job latency");
        case JobsDeadLettered:
            return tr("jobs dead-lettered");
    }
    return {};
}

void SummaryTable::scenarioAdded(const ChartScenario& scenario) {
    m_figures[scenario.key] = Figures{};
    rebuild();
}

void SummaryTable::scenarioRemoved(int key) {
    m_figures.erase(key);
    m_scenarios.erase(key);
    rebuild();
}

void SummaryTable::setScenario(int key, const Scenario& scenario) {
    Scenario kept = scenario;
    kept.workload.traceTimesS.clear();  // theory never needs a trace's arrivals, only its type
    m_scenarios[key] = std::move(kept);
}

int SummaryTable::theoryRowCount() const {
    return m_table->rowCount() - static_cast<int>(kRowCount);
}

const theory::TheoryComparison* SummaryTable::theory(int key) const {
    const auto found = m_figures.find(key);
    return found == m_figures.end() || !found->second.theory ? nullptr : &*found->second.theory;
}

void SummaryTable::compareWithTheory(int key, const std::vector<RunResult>& runs) {
    const auto scenario = m_scenarios.find(key);
    const auto figures = m_figures.find(key);
    if (scenario == m_scenarios.end() || figures == m_figures.end()) return;
    figures->second.theory = theory::compareTheory(scenario->second, runs);
}

double SummaryTable::value(int key, Row row) const {
    const auto found = m_figures.find(key);
    return found == m_figures.end() ? std::numeric_limits<double>::quiet_NaN()
                                    : found->second.values[row];
}

void SummaryTable::appendWindows(int key, const std::vector<WindowRow>& rows) {
    const auto found = m_figures.find(key);
    if (found == m_figures.end() || found->second.final || rows.empty()) return;
    Figures& figures = found->second;
    for (const auto& row : rows) {
        figures.completed += static_cast<double>(row.latency.completed);
        figures.seconds += toSeconds(row.latency.end - row.latency.start);
        for (auto count : row.errors) figures.errors += static_cast<double>(count);
        figures.arrivals += static_cast<double>(row.arrivals);
    }
    auto& v = figures.values;
    if (figures.seconds > 0) v[Throughput] = figures.completed / figures.seconds;
    if (figures.arrivals > 0) v[ErrorRate] = figures.errors / figures.arrivals;
    // The cost so far, extrapolated like the final figure (costAccrued is cumulative).
    const double accrued = rows.back().costAccrued;
    const double elapsed = toSeconds(rows.back().latency.end);
    if (accrued > 0 && elapsed > 0) {
        v[MonthlyCost] = accrued / elapsed * kSecondsPerMonth;
        if (figures.arrivals > 0) v[CostPerMillion] = accrued / figures.arrivals * 1e6;
    }
    rebuild();
}

void SummaryTable::setHistogram(int key, const LatencyHistogram& histogram) {
    const auto found = m_figures.find(key);
    if (found == m_figures.end() || found->second.final || histogram.count() == 0) return;
    auto& v = found->second.values;
    v[P50] = toMillis(histogram.quantile(0.50));
    v[P95] = toMillis(histogram.quantile(0.95));
    v[P99] = toMillis(histogram.quantile(0.99));
    v[P999] = toMillis(histogram.quantile(0.999));
    rebuild();
}

void SummaryTable::setResult(int key, const RunResult& result) {
    const auto found = m_figures.find(key);
    if (found == m_figures.end()) return;
    Figures& figures = found->second;
    figures.final = true;
    figures.intervals = {};  // a new result: replications, if any, follow it
    auto& v = figures.values;
    v.fill(std::numeric_limits<double>::quiet_NaN());
    const LatencyHistogram& latency = result.latency;
    if (latency.count() > 0) {
        v[P50] = toMillis(latency.quantile(0.50));
        v[P95] = toMillis(latency.quantile(0.95));
        v[P99] = toMillis(latency.quantile(0.99));
        v[P999] = toMillis(latency.quantile(0.999));
    }
    const double measured = toSeconds(result.measuredTime);
    if (measured > 0) v[Throughput] = static_cast<double>(latency.count()) / measured;
    if (result.measuredArrivals > 0) v[ErrorRate] = result.errorRate();
    if (result.functionStarts > 0) v[ColdStartFraction] = result.coldStartFraction();
    if (result.cost) {
        v[MonthlyCost] = result.cost->monthlyCost;
        if (result.cost->costPerMillionRequests)
            v[CostPerMillion] = *result.cost->costPerMillionRequests;
        figures.currency = QString::fromStdString(result.cost->currency);
    }
    if (result.jobs) {
        if (result.jobs->latency.count() > 0) {
            v[JobP50] = toMillis(result.jobs->latency.quantile(0.50));
            v[JobP99] = toMillis(result.jobs->latency.quantile(0.99));
        }
        v[JobsDeadLettered] = static_cast<double>(result.jobs->deadLettered);
    }
    compareWithTheory(key, {result});
    rebuild();
}

namespace {

/// The shared figure behind each row, and the factor from its unit to the row's.
std::pair<const SummaryFigure*, double> figureOf(SummaryTable::Row row) {
    static const char* const ids[] = {"p50",
                                      "p95",
                                      "p99",
                                      "p999",
                                      "throughput",
                                      "errorRate",
                                      "coldStartFraction",
                                      "monthlyCost",
                                      "costPerMillion",
                                      "jobP50",
                                      "jobP99",
                                      "jobsDeadLettered"};
    static_assert(std::size(ids) == SummaryTable::kRowCount, "a shared figure for every row");
    const bool percent = isFraction(row);
    return {summaryFigure(QLatin1String(ids[row])), percent ? 0.01 : 1.0};
}

}  // namespace

void SummaryTable::setReplicationResults(int key, const std::vector<RunResult>& results) {
    const auto found = m_figures.find(key);
    if (found == m_figures.end() || results.size() < 2) return;
    Figures& figures = found->second;
    figures.final = true;
    for (std::size_t r = 0; r < kRowCount; ++r) {
        const auto [figure, factor] = figureOf(static_cast<Row>(r));
        if (!figure) continue;
        ConfidenceInterval ci = summaryInterval(*figure, results);
        ci.mean *= factor;
        ci.halfWidth *= factor;
        figures.intervals[r] = ci;
        figures.values[r] = ci.n > 0 ? ci.mean : std::numeric_limits<double>::quiet_NaN();
    }
    compareWithTheory(key, results);
    rebuild();
}

ConfidenceInterval SummaryTable::interval(int key, Row row) const {
    const auto found = m_figures.find(key);
    return found == m_figures.end() ? ConfidenceInterval{} : found->second.intervals[row];
}

bool SummaryTable::differenceUnsupported(int key, Row row) const {
    const auto& list = scenarios();
    if (list.size() < 2 || list.front().key == key) return false;
    const ConfidenceInterval first = interval(list.front().key, row);
    const ConfidenceInterval other = interval(key, row);
    return first.n >= 2 && other.n >= 2 && std::isfinite(value(key, row)) &&
           std::isfinite(value(list.front().key, row)) && !intervalsSupportDifference(first, other);
}

QString SummaryTable::format(Row row, double value, const QString& currency) const {
    if (!std::isfinite(value)) return QStringLiteral("—");
    if (isLatency(row)) return formatMillis(value);
    if (isFraction(row)) return formatPercent(100 * value);
    if (isMoney(row)) return formatMoney(value, currency);
    if (isCount(row)) return formatNumber(value);
    return tr("%1 req/s").arg(formatNumber(value));
}

QString SummaryTable::formatDifference(Row row, double first, double other) const {
    if (!std::isfinite(first) || !std::isfinite(other)) return QStringLiteral("—");
    const double delta = other - first;
    const QString sign = delta > 0 ? QStringLiteral("+") : QString();
    QString absolute;
    if (isLatency(row))
        absolute = sign + formatMillis(delta);
    else if (isFraction(row))
        absolute = sign + formatNumber(100 * delta) + tr(" pp");  // percentage points, not %
    else if (isMoney(row))
        absolute = sign + formatMoney(delta, QString());
    else if (isCount(row))
        absolute = sign + formatNumber(delta);
    else
        absolute = sign + tr("%1 req/s").arg(formatNumber(delta));
    if (first == 0) return absolute;
    const double relative = 100 * delta / std::fabs(first);
    return QStringLiteral("%1 (%2%3)")
        .arg(absolute, relative > 0 ? QStringLiteral("+") : QString(), formatPercent(relative));
}

void SummaryTable::rebuild() {
    const auto& list = scenarios();
    const int scenarioColumns = static_cast<int>(list.size());
    const int differenceColumns = std::max(0, scenarioColumns - 1);
    m_table->setColumnCount(scenarioColumns + differenceColumns);
    rebuildTheory(static_cast<int>(kRowCount));
    for (int c = 0; c < scenarioColumns; ++c) {
        auto* header = new QTableWidgetItem(twoLines(list[static_cast<std::size_t>(c)].name));
        header->setToolTip(list[static_cast<std::size_t>(c)].name);
        header->setForeground(list[static_cast<std::size_t>(c)].colour.darker(115));
        QFont bold = header->font();
        bold.setBold(true);
        header->setFont(bold);
        m_table->setHorizontalHeaderItem(c, header);
    }
    for (int d = 0; d < differenceColumns; ++d)
        m_table->setHorizontalHeaderItem(
            scenarioColumns + d,
            new QTableWidgetItem(
                // Two lines: scenario names are long and the column shares the width equally.
                tr("difference: %1\nagainst %2")
                    .arg(twoLines(list[static_cast<std::size_t>(d + 1)].name),
                         twoLines(list.front().name))));
    for (int d = 0; d < differenceColumns; ++d)
        m_table->horizontalHeaderItem(scenarioColumns + d)
            ->setToolTip(tr("difference: %1 against %2")
                             .arg(list[static_cast<std::size_t>(d + 1)].name, list.front().name));

    const auto figuresOf = [this](int key) -> const Figures* {
        const auto found = m_figures.find(key);
        return found == m_figures.end() ? nullptr : &found->second;
    };
    bool anyInterval = false;
    bool anyUnsupported = false;
    for (std::size_t r = 0; r < kRowCount; ++r) {
        const auto row = static_cast<Row>(r);
        const int tableRow = static_cast<int>(r);
        for (int c = 0; c < scenarioColumns; ++c) {
            const Figures* figures = figuresOf(list[static_cast<std::size_t>(c)].key);
            const double v =
                figures ? figures->values[r] : std::numeric_limits<double>::quiet_NaN();
            QString text = format(row, v, figures ? figures->currency : QString());
            if (figures && figures->intervals[r].n >= 2 && std::isfinite(v)) {
                // The half-width in the row's own unit: "12.3 ms ± 0.4 ms".
                const double half = figures->intervals[r].halfWidth;
                text += QStringLiteral(" ± ") + (isFraction(row)
                                                     ? formatPercent(100 * half)
                                                     : format(row, half, figures->currency));
                anyInterval = true;
            }
            auto* item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (figures && !figures->final) item->setForeground(QColor(110, 110, 110));  // live
            m_table->setItem(tableRow, c, item);
        }
        const Figures* first = list.empty() ? nullptr : figuresOf(list.front().key);
        for (int d = 0; d < differenceColumns; ++d) {
            const Figures* other = figuresOf(list[static_cast<std::size_t>(d + 1)].key);
            const double a = first ? first->values[r] : std::numeric_limits<double>::quiet_NaN();
            const double b = other ? other->values[r] : std::numeric_limits<double>::quiet_NaN();
            const bool unsupported =
                differenceUnsupported(list[static_cast<std::size_t>(d + 1)].key, row);
            auto* item = new QTableWidgetItem(formatDifference(row, a, b) +
                                              (unsupported ? QStringLiteral(" †") : QString()));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (unsupported) {
                // Not coloured as better or worse: the replications do not say it is either.
                item->setForeground(QColor(110, 110, 110));
                item->setToolTip(
                    tr("The 95% intervals overlap: the replications do not support "
                       "this difference."));
                anyUnsupported = true;
            } else if (std::isfinite(a) && std::isfinite(b) && a != b && lowerIsBetter(row)) {
                item->setForeground((b < a) ? kBetter : kWorse);
            }
            m_table->setItem(tableRow, scenarioColumns + d, item);
        }
    }
    int replications = 0;
    for (const auto& [key, figures] : m_figures)
        for (const auto& ci : figures.intervals) replications = std::max(replications, ci.n);
    const bool anyTheory = theoryRowCount() > 0;
    m_note->setVisible(anyInterval || anyTheory);
    m_note->setText(
        (anyTheory ? tr("Theory rows: simulated ± its interval vs the theory; ✓ agrees, ✗ "
                        "disagrees beyond the interval (hover a cell for the formula and its "
                        "assumptions). ")
                   : QString()) +
        (anyInterval ? tr("Each figure is the mean of %1 replications ± the half-width of its "
                          "95% confidence interval.")
                           .arg(replications)
                     : QString()) +
        (anyUnsupported ? tr(" † the intervals overlap: the replications do not support this "
                             "difference.")
                        : QString()));
}

namespace {

/// In the unit of the headline rows: latencies as formatMillis does, fractions as percentages.
QString theoryNumber(double value, const std::string& unit) {
    return unit == "ms" ? formatMillis(value) : formatPercent(100 * value);
}

/// One theory cell: the simulated figure with its interval, the theory, and the verdict.
QString theoryCell(const theory::TheoryCheck& c, QString& tooltip, QColor& colour) {
    const theory::TheoryPrediction& p = c.prediction;
    const QString formula = QString::fromStdString(p.formula);
    tooltip = QObject::tr("%1, %2.\nAssumes: %3.")
                  .arg(formula, QString::fromStdString(theory::toString(p.applicability)),
                       QString::fromStdString(p.assumptions));
    if (!p.reason.empty()) tooltip += QLatin1Char('\n') + QString::fromStdString(p.reason);
    if (p.applicability == theory::Applicability::NotApplicable) {
        colour = QColor(110, 110, 110);
        return QObject::tr("not applicable");
    }
    if (c.agreement == theory::Agreement::NotCompared) {
        colour = QColor(110, 110, 110);
        tooltip += QLatin1Char('\n') + QString::fromStdString(c.note);
        return QObject::tr("theory %1").arg(theoryNumber(p.value, p.unit));
    }
    tooltip += QObject::tr("\nSimulated: %1 ± %2 (%3).")
                   .arg(theoryNumber(c.simulated, p.unit), theoryNumber(c.halfWidth, p.unit),
                        QString::fromStdString(c.interval));
    const bool agrees = c.agreement == theory::Agreement::Agrees;
    colour = agrees ? kBetter : kWorse;
    // Short enough for one line in a 1024-pixel window: the verdict is a mark, the words are in
    // the note under the table and in the tooltip.
    tooltip += agrees ? QObject::tr("\nAgrees.") : QObject::tr("\nDisagrees beyond the interval.");
    return QObject::tr("%1 ± %2 vs %3 %4")
        .arg(theoryNumber(c.simulated, p.unit), theoryNumber(c.halfWidth, p.unit),
             theoryNumber(p.value, p.unit), agrees ? QStringLiteral("✓") : QStringLiteral("✗"));
}

}  // namespace

void SummaryTable::rebuildTheory(int firstRow) {
    // Rows: every theory figure any scenario has (in the order they come), Little's law, warm-up.
    std::vector<std::string> keys;
    bool any = false;
    for (const auto& [key, figures] : m_figures) {
        if (!figures.theory) continue;
        any = true;
        for (const auto& check : figures.theory->checks) {
            const std::string name = check.prediction.component + ": " + check.prediction.label;
            if (std::find(keys.begin(), keys.end(), name) == keys.end()) keys.push_back(name);
        }
    }
    const int rows = any ? static_cast<int>(keys.size()) + 2 : 0;
    m_table->setRowCount(firstRow + rows);
    if (!any) return;
    const auto& list = scenarios();
    const auto header = [&](int row, const QString& text, const QString& tip) {
        auto* item = new QTableWidgetItem(text);
        item->setToolTip(tip);
        m_table->setVerticalHeaderItem(firstRow + row, item);
    };
    for (std::size_t k = 0; k < keys.size(); ++k)
        header(static_cast<int>(k), tr("theory: %1").arg(QString::fromStdString(keys[k])),
               tr("Queueing theory beside the simulated figure: the simulated value ± the "
                  "half-width of its interval, the theory's, and whether they agree."));
    header(static_cast<int>(keys.size()), tr("Little's law (L = λW)"),
           tr("Time-average requests in each place against rate × mean time there, from the run."));
    header(static_cast<int>(keys.size()) + 1, tr("detected warm-up (MSER-5)"),
           tr("Where MSER-5 puts the end of the start-up transient in the windows' mean latency; "
              "the scenario's own warm-up is used when it sets one."));
    for (int column = 0; column < m_table->columnCount(); ++column) {
        const Figures* figures = nullptr;
        if (column < static_cast<int>(list.size())) {
            const auto found = m_figures.find(list[static_cast<std::size_t>(column)].key);
            if (found != m_figures.end() && found->second.theory) figures = &found->second;
        }
        for (int row = 0; row < rows; ++row) {
            QString text, tip;
            QColor colour(110, 110, 110);
            if (figures) {
                const theory::TheoryComparison& t = *figures->theory;
                if (row < static_cast<int>(keys.size())) {
                    text = QStringLiteral("—");
                    for (const auto& check : t.checks)
                        if (check.prediction.component + ": " + check.prediction.label ==
                            keys[static_cast<std::size_t>(row)])
                            text = theoryCell(check, tip, colour);
                } else if (row == static_cast<int>(keys.size())) {
                    int holds = 0;
                    for (const auto& l : t.little) {
                        holds += l.relativeError() <= theory::kLittleTolerance;
                        tip +=
                            tr("%1 (%2): L %3, λW %4\n")
                                .arg(QString::fromStdString(l.component),
                                     QString::fromStdString(l.place), formatNumber(l.timeAverage),
                                     formatNumber(l.ratePerS * l.meanTimeS));
                    }
                    const int all = static_cast<int>(t.little.size());
                    text = all == 0 ? QStringLiteral("—")
                                    : tr("holds in %1 of %2 places").arg(holds).arg(all);
                    if (all > 0) colour = holds == all ? kBetter : kWorse;
                } else {
                    const auto& d = t.detectedWarmup;
                    text = d.available ? tr("%1 s").arg(QString::number(d.seconds, 'g', 6))
                                       : tr("too few windows");
                    text += t.scenarioWarmupS > 0
                                ? tr(" (scenario's %1 s used)")
                                      .arg(QString::number(t.scenarioWarmupS, 'g', 6))
                                : tr(" (none used)");
                    tip = QString::fromStdString("Warm-up used: " + t.warmupUsed);
                    colour = palette().color(QPalette::Text);
                }
            }
            auto* item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setForeground(colour);
            if (!tip.isEmpty()) item->setToolTip(tip.trimmed());
            m_table->setItem(firstRow + row, column, item);
        }
    }
}

std::unique_ptr<QTableWidget> SummaryTable::exportCopy(int width) const {
    // A standalone copy sized to its rows: the table on screen may be hidden (another tab), laid
    // out with empty space below the rows or scrolled, none of which belongs in an export.
    auto copy = std::make_unique<QTableWidget>(m_table->rowCount(), m_table->columnCount());
    copy->setFont(m_table->font());
    copy->setAlternatingRowColors(true);
    copy->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    copy->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (auto* item = m_table->verticalHeaderItem(row))
            copy->setVerticalHeaderItem(row, item->clone());
        for (int column = 0; column < m_table->columnCount(); ++column)
            if (auto* item = m_table->item(row, column)) copy->setItem(row, column, item->clone());
    }
    for (int column = 0; column < m_table->columnCount(); ++column)
        if (auto* item = m_table->horizontalHeaderItem(column))
            copy->setHorizontalHeaderItem(column, item->clone());
    copy->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    copy->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    copy->ensurePolished();
    int height = copy->horizontalHeader()->sizeHint().height() + 2 * copy->frameWidth();
    for (int row = 0; row < copy->rowCount(); ++row)
        height += copy->verticalHeader()->sectionSizeHint(row);
    copy->resize(width, height);
    return copy;
}

QSize SummaryTable::defaultExportSize() const {
    const int width = std::max(kExportWidth * 3 / 4, 200 + 180 * m_table->columnCount());
    // The rows, and room for the title above and the caption below them.
    const int lines = QFontMetrics(font()).height() * 2 + 24;
    return {width, std::max(200, exportCopy(width)->height() + lines)};
}

void SummaryTable::renderContent(QPainter* painter, const QRectF& area) {
    const auto copy = exportCopy(static_cast<int>(area.width()));
    painter->save();
    const double scale = std::min(1.0, area.height() / std::max(1, copy->height()));
    painter->translate(area.topLeft());
    painter->scale(scale, scale);
    copy->render(painter);
    painter->restore();
}

}  // namespace archsim::ui
