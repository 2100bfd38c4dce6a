// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/cachedatabasechart.h"

#include <qcustomplot.h>

#include <limits>

namespace archsim::ui {

CacheDatabaseChart::CacheDatabaseChart(QWidget* parent) : WindowSeriesChart(parent) {
    setUp(tr("Cache hit ratio and database connections"),
          {{tr("cache hit ratio (%)"), 102, 1}, {tr("database connections in use"), 0, 1}},
          {
              {tr("cache hit ratio"), 0, 1.8, 100, false, false,
               [](int, const WindowRow& row) {
                   // -1: no lookups in the window, a gap rather than a 0% hit ratio.
                   return row.cacheHitRatio < 0 ? std::numeric_limits<double>::quiet_NaN()
                                                : 100 * row.cacheHitRatio;
               }},
              {tr("connections in use"), 1, 1.8, 100, false, false,
               [](int, const WindowRow& row) { return row.databaseConnectionsInUse; }},
          });
    setExplanation(
        tr("The share of cache lookups that hit, and the database connections in use, per window. "
           "A falling hit ratio sends more requests to the database; connections at their limit "
           "make calls wait."));
}

}  // namespace archsim::ui
