// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Remote state over simulated time: the cache hit ratio (watch a fresh serverless instance's
// in-process cache start cold) and the database connections in use (watch a scale-out queue on
// the connection limit).

#include "ui/charts/windowserieschart.h"

namespace archsim::ui {

class CacheDatabaseChart : public WindowSeriesChart {
    Q_OBJECT

public:
    /// Index of each curve, for graph().
    enum Curve : std::size_t { HitRatio, ConnectionsInUse };

    explicit CacheDatabaseChart(QWidget* parent = nullptr);
};

}  // namespace archsim::ui
