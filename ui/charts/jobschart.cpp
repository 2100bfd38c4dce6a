// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/jobschart.h"

#include <qcustomplot.h>

#include <limits>

namespace archsim::ui {
namespace {

/// A window's job figure, or a gap: without queues, or without a job finished in the window.
double jobLatencyMs(const WindowRow& row, Time LatencyWindow::*percentile) {
    if (!row.jobs || row.jobs->latency.completed == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return toMillis(row.jobs->latency.*percentile);
}

}  // namespace

JobsChart::JobsChart(QWidget* parent) : WindowSeriesChart(parent) {
    setUp(
        tr("Jobs: latency, queue depth and oldest message"),
        {{tr("job latency (ms)"), 0, 1}, {tr("messages waiting / oldest (s)"), 0, 1}},
        {
            {tr("job p50"), 0, 1.2, 100, false, false,
             [](int, const WindowRow& row) { return jobLatencyMs(row, &LatencyWindow::p50); }},
            {tr("job p99"), 0, 2.0, 140, false, false,
             [](int, const WindowRow& row) { return jobLatencyMs(row, &LatencyWindow::p99); }},
            {tr("queue depth (messages)"), 1, 1.8, 100, true, false,
             [](int, const WindowRow& row) {
                 return row.jobs ? row.jobs->queueDepth : std::numeric_limits<double>::quiet_NaN();
             }},
            {tr("oldest message (s)"), 1, 1.2, 160, false, false,
             [](int, const WindowRow& row) {
                 return row.jobs ? row.jobs->oldestAgeS : std::numeric_limits<double>::quiet_NaN();
             },
             QCPScatterStyle::ssCircle},
        });
    setExplanation(
        tr("For scenarios with queues: the latency of the jobs finished in each window, from the "
           "queue taking the message to the end of its job, above; the messages waiting to be "
           "received (time-averaged) and the age of the oldest at the window's end, below. A job "
           "that fails waits out its visibility timeout before it runs again, so failures show as "
           "a p99 that jumps by that timeout while the requests' latency stays where it was."));
}

}  // namespace archsim::ui
