// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The numbers behind the charts, for a spreadsheet or a notebook: the time series (one row per
// window, per scenario and replication) and the summary (each figure's mean, 95% interval and
// replication count, per scenario), as CSV or JSON. Every number keeps all its digits (the
// shortest text that reads back to the same double), so nothing is lost on the way out.

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <vector>

#include "sim/run/runresult.h"

class QWidget;

namespace archsim::ui {

struct DataRun {
    QString scenario;
    std::uint64_t seed = 0;
    std::vector<archsim::RunResult> replications;  ///< at least one, in replication order
};

enum class DataKind { TimeSeries, Summary };

/// The shortest decimal text that parses back to exactly `value`; "" for NaN and infinities.
QString exactNumber(double value);

QByteArray timeSeriesCsv(const std::vector<DataRun>& runs);
QByteArray timeSeriesJson(const std::vector<DataRun>& runs);
QByteArray summaryCsv(const std::vector<DataRun>& runs);
QByteArray summaryJson(const std::vector<DataRun>& runs);

/// Writes `kind` to `path` as CSV or JSON, by suffix; false with `error` naming the problem.
bool exportData(const QString& path, DataKind kind, const std::vector<DataRun>& runs,
                QString* error = nullptr);

/// Asks where (in the folder of the last export, named after the scenarios) and writes.
void exportDataInteractively(QWidget* parent, DataKind kind, const std::vector<DataRun>& runs);

}  // namespace archsim::ui
