// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/capacitychart.h"

#include <qcustomplot.h>

#include <limits>

namespace archsim::ui {

CapacityChart::CapacityChart(QWidget* parent) : WindowSeriesChart(parent) {
    const auto errorsOf = [](const WindowRow& row, bool throttled) {
        std::uint64_t count = 0;
        for (std::size_t i = 0; i < kErrorReasonCount; ++i)
            if ((static_cast<ErrorReason>(i) == ErrorReason::Throttled) == throttled)
                count += row.errors[i];
        return static_cast<double>(count);
    };
    setUp(tr("Capacity: instances and replicas, cold starts, throttles and errors"),
          {{tr("instances or replicas"), 0, 1.3}, {tr("count per window"), 0, 1}},
          {
              {tr("alive"), 0, 2.0, 100, false, false,
               [this](int key, const WindowRow& row) { return capacity(key, row, false); }},
              {tr("busy"), 0, 1.0, 140, true, false,
               [this](int key, const WindowRow& row) { return capacity(key, row, true); }},
              {tr("cold starts"), 1, 1.6, 100, false, false,
               [](int, const WindowRow& row) { return static_cast<double>(row.coldStarts); }},
              // Throttles and errors come in bursts: impulses show each one without a line
              // wandering back and forth along zero.
              {tr("throttled (bars)"), 1, 2.0, 160, false, true,
               [errorsOf](int, const WindowRow& row) { return errorsOf(row, true); }},
              {tr("other errors (thin bars)"), 1, 1.0, 220, false, true,
               [errorsOf](int, const WindowRow& row) { return errorsOf(row, false); }},
          });
}

void CapacityChart::setTopology(int key, const TopologySpec& topology) {
    Compute compute;
    for (const auto& pool : topology.functions) compute.ids.insert(pool.id);
    for (const auto& pool : topology.servers) compute.ids.insert(pool.id);
    for (const auto& station : topology.stations) {
        compute.ids.insert(station.id);
        if (station.id == topology.entry) compute.entryStationServers = station.servers;
    }
    m_compute[key] = std::move(compute);
}

void CapacityChart::scenarioRemoved(int key) {
    m_compute.erase(key);
    WindowSeriesChart::scenarioRemoved(key);
}

double CapacityChart::capacity(int key, const WindowRow& row, bool busy) const {
    const auto found = m_compute.find(key);
    double total = 0;
    bool any = false;
    for (const auto& gauge : row.components) {
        const bool compute =
            found != m_compute.end() ? found->second.ids.count(gauge.id) > 0 : gauge.hitRatio < 0;
        if (!compute) continue;
        total += busy ? gauge.busy : gauge.alive;
        any = true;
    }
    if (!any && found != m_compute.end() && found->second.entryStationServers > 0) {
        // A station reports no gauges of its own: its servers are always up, and the entry's
        // utilisation says how many were busy.
        const double servers = found->second.entryStationServers;
        return busy ? row.utilization * servers : servers;
    }
    return any ? total : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace archsim::ui
