// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Jobs over simulated time, for scenarios with queues: the job latency (from the queue taking a
// message to its job's end) per window, and the queues' depth and the age of their oldest waiting
// message. A scenario without queues draws nothing here.

#include "ui/charts/windowserieschart.h"

namespace archsim::ui {

class JobsChart : public WindowSeriesChart {
    Q_OBJECT

public:
    /// Index of each curve, for graph().
    enum Curve : std::size_t { JobP50, JobP99, QueueDepth, OldestAge };

    explicit JobsChart(QWidget* parent = nullptr);
};

}  // namespace archsim::ui
