// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/report/dataexport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <charconv>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>

#include "ui/charts/chartexportdialog.h"
#include "ui/report/summaryfigures.h"

namespace archsim::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("archsim", text);
}

/// One column of the time series: its name and how a window gives its value.
struct Column {
    const char* name;
    std::function<double(const WindowRow&)> value;
};

const std::vector<Column>& columns() {
    static const std::vector<Column> list{
        {"window_start_s", [](const WindowRow& w) { return toSeconds(w.latency.start); }},
        {"window_end_s", [](const WindowRow& w) { return toSeconds(w.latency.end); }},
        {"arrivals", [](const WindowRow& w) { return static_cast<double>(w.arrivals); }},
        {"completed", [](const WindowRow& w) { return static_cast<double>(w.latency.completed); }},
        {"throughput_per_s", [](const WindowRow& w) { return w.latency.throughputPerS; }},
        {"mean_ms", [](const WindowRow& w) { return w.latency.meanNs * 1e-6; }},
        {"p50_ms", [](const WindowRow& w) { return toMillis(w.latency.p50); }},
        {"p90_ms", [](const WindowRow& w) { return toMillis(w.latency.p90); }},
        {"p95_ms", [](const WindowRow& w) { return toMillis(w.latency.p95); }},
        {"p99_ms", [](const WindowRow& w) { return toMillis(w.latency.p99); }},
        {"p999_ms", [](const WindowRow& w) { return toMillis(w.latency.p999); }},
        {"max_ms", [](const WindowRow& w) { return toMillis(w.latency.max); }},
        {"errors_throttled", [](const WindowRow& w) { return static_cast<double>(w.errors[0]); }},
        {"errors_rejected", [](const WindowRow& w) { return static_cast<double>(w.errors[1]); }},
        {"errors_timed_out", [](const WindowRow& w) { return static_cast<double>(w.errors[2]); }},
        {"errors_payload", [](const WindowRow& w) { return static_cast<double>(w.errors[3]); }},
        {"cold_starts", [](const WindowRow& w) { return static_cast<double>(w.coldStarts); }},
        {"cold_start_fraction", [](const WindowRow& w) { return w.coldStartFraction; }},
        {"mean_queue_length", [](const WindowRow& w) { return w.meanQueueLength; }},
        {"utilization", [](const WindowRow& w) { return w.utilization; }},
        // -1 in the engine means "no lookups"; a data file says so with an empty cell.
        {"cache_hit_ratio",
         [](const WindowRow& w) { return w.cacheHitRatio < 0 ? std::nan("") : w.cacheHitRatio; }},
        {"database_connections_in_use",
         [](const WindowRow& w) { return w.databaseConnectionsInUse; }},
        {"cost_accrued", [](const WindowRow& w) { return w.costAccrued; }},
    };
    return list;
}

QByteArray csvField(const QString& text) {
    if (!text.contains(QRegularExpression(QStringLiteral("[\",\r\n]")))) return text.toUtf8();
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return (QLatin1Char('"') + quoted + QLatin1Char('"')).toUtf8();
}

nlohmann::json jsonNumber(double value) {
    // JSON has no NaN: a figure that does not apply is null.
    return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

}  // namespace

QString exactNumber(double value) {
    if (!std::isfinite(value)) return {};
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc()) return {};
    return QString::fromLatin1(buffer, static_cast<qsizetype>(end - buffer));
}

QByteArray timeSeriesCsv(const std::vector<DataRun>& runs) {
    QByteArray out = "scenario,seed,replication";
    for (const Column& column : columns()) out += ',' + QByteArray(column.name);
    out += '\n';
    for (const DataRun& run : runs) {
        for (std::size_t r = 0; r < run.replications.size(); ++r) {
            for (const WindowRow& window : run.replications[r].windows) {
                out += csvField(run.scenario) + ',' + QByteArray::number(run.seed) + ',' +
                       QByteArray::number(static_cast<qulonglong>(r));
                for (const Column& column : columns())
                    out += ',' + exactNumber(column.value(window)).toLatin1();
                out += '\n';
            }
        }
    }
    return out;
}

QByteArray timeSeriesJson(const std::vector<DataRun>& runs) {
    nlohmann::json scenarios = nlohmann::json::array();
    for (const DataRun& run : runs) {
        nlohmann::json replications = nlohmann::json::array();
        for (const RunResult& result : run.replications) {
            nlohmann::json windows = nlohmann::json::array();
            for (const WindowRow& window : result.windows) {
                nlohmann::json row = nlohmann::json::object();
                for (const Column& column : columns())
                    row[column.name] = jsonNumber(column.value(window));
                windows.push_back(std::move(row));
            }
            replications.push_back(std::move(windows));
        }
        scenarios.push_back({{"scenario", run.scenario.toStdString()},
                             {"seed", run.seed},
                             {"replications", std::move(replications)}});
    }
    nlohmann::json root{{"archsim", ARCHSIM_VERSION}, {"scenarios", std::move(scenarios)}};
    return QByteArray::fromStdString(root.dump(2)) + '\n';
}

QByteArray summaryCsv(const std::vector<DataRun>& runs) {
    QByteArray out = "scenario,seed,figure,unit,mean,ci95_half_width,replications\n";
    for (const DataRun& run : runs) {
        for (const SummaryFigure& figure : summaryFigures()) {
            const ConfidenceInterval ci = summaryInterval(figure, run.replications);
            if (ci.n == 0) continue;
            out += csvField(run.scenario) + ',' + QByteArray::number(run.seed) + ',' +
                   figure.id.toUtf8() + ',' + csvField(figure.unit) + ',' +
                   exactNumber(ci.mean).toLatin1() + ',' +
                   (ci.n > 1 ? exactNumber(ci.halfWidth).toLatin1() : QByteArray()) + ',' +
                   QByteArray::number(ci.n) + '\n';
        }
    }
    return out;
}

QByteArray summaryJson(const std::vector<DataRun>& runs) {
    nlohmann::json scenarios = nlohmann::json::array();
    for (const DataRun& run : runs) {
        nlohmann::json figures = nlohmann::json::object();
        for (const SummaryFigure& figure : summaryFigures()) {
            const ConfidenceInterval ci = summaryInterval(figure, run.replications);
            if (ci.n == 0) continue;
            figures[figure.id.toStdString()] = {
                {"unit", figure.unit.toStdString()},
                {"mean", jsonNumber(ci.mean)},
                {"ci95HalfWidth", ci.n > 1 ? jsonNumber(ci.halfWidth) : nlohmann::json(nullptr)},
                {"replications", ci.n}};
        }
        scenarios.push_back({{"scenario", run.scenario.toStdString()},
                             {"seed", run.seed},
                             {"replications", run.replications.size()},
                             {"figures", std::move(figures)}});
    }
    nlohmann::json root{{"archsim", ARCHSIM_VERSION}, {"scenarios", std::move(scenarios)}};
    return QByteArray::fromStdString(root.dump(2)) + '\n';
}

bool exportData(const QString& path, DataKind kind, const std::vector<DataRun>& runs,
                QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("csv"))
        bytes = kind == DataKind::TimeSeries ? timeSeriesCsv(runs) : summaryCsv(runs);
    else if (suffix == QLatin1String("json"))
        bytes = kind == DataKind::TimeSeries ? timeSeriesJson(runs) : summaryJson(runs);
    else {
        if (error) *error = tr("Unknown format \"%1\": use .csv or .json.").arg(suffix);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error) *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void exportDataInteractively(QWidget* parent, DataKind kind, const std::vector<DataRun>& runs) {
    const QString title =
        kind == DataKind::TimeSeries ? tr("Export Time Series") : tr("Export Summary");
    if (runs.empty()) {
        QMessageBox::information(parent, title, tr("Run a scenario first: there are no results."));
        return;
    }
    QSettings settings;
    QString directory = settings.value(QLatin1String(ChartExportDialog::kDirectoryKey)).toString();
    if (directory.isEmpty() || !QDir(directory).exists())
        directory = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QStringList words;
    for (const DataRun& run : runs) words << run.scenario;
    words << (kind == DataKind::TimeSeries ? QStringLiteral("time-series")
                                           : QStringLiteral("summary"));
    QString name = words.join(QLatin1Char('-')).toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    name.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    const QStringList filters{tr("CSV table (*.csv)"), tr("JSON (*.json)")};
    QString filter = filters.front();
    QString path =
        QFileDialog::getSaveFileName(parent, title, QDir(directory).filePath(name + ".csv"),
                                     filters.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == filters.back() ? QStringLiteral(".json") : QStringLiteral(".csv");
    QString error;
    if (exportData(path, kind, runs, &error))
        settings.setValue(QLatin1String(ChartExportDialog::kDirectoryKey),
                          QFileInfo(path).absoluteDir().absolutePath());
    else
        QMessageBox::warning(parent, title, error);
}

}  // namespace archsim::ui
