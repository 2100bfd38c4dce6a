// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/capacitychart.h"

#include <qcustomplot.h>

#include <algorithm>
#include <iterator>
#include <limits>

namespace archsim::ui {

CapacityChart::CapacityChart(QWidget* parent) : WindowSeriesChart(parent) {
    // The reasons that have a series of their own; the rest are "other errors".
    static constexpr ErrorReason kOwnSeries[] = {
        ErrorReason::Throttled, ErrorReason::RetriesExhausted, ErrorReason::BreakerOpen,
        ErrorReason::Shed,      ErrorReason::Unavailable,      ErrorReason::Failed};
    const auto otherErrors = [](int, const WindowRow& row) {
        std::uint64_t count = 0;
        for (std::size_t i = 0; i < kErrorReasonCount; ++i)
            if (std::find(std::begin(kOwnSeries), std::end(kOwnSeries),
                          static_cast<ErrorReason>(i)) == std::end(kOwnSeries))
                count += row.errors[i];
        return static_cast<double>(count);
    };
    std::vector<Measure> measures = {
        {tr("alive"), 0, 2.0, 100, false, false,
         [this](int key, const WindowRow& row) { return capacity(key, row, false); }},
        {tr("busy"), 0, 1.0, 140, true, false,
         [this](int key, const WindowRow& row) { return capacity(key, row, true); }},
        {tr("cold starts"), 1, 1.6, 100, false, false,
         [](int, const WindowRow& row) { return static_cast<double>(row.coldStarts); }},
        // Throttles and errors come in bursts: impulses show each one without a line
        // wandering back and forth along zero (the legend keys show the bars; their names stay
        // short, so the legend leaves the chart its room on a small screen).
        {tr("throttled"), 1, 2.0, 160, false, true,
         [](int, const WindowRow& row) {
             return static_cast<double>(
                 row.errors[static_cast<std::size_t>(ErrorReason::Throttled)]);
         }},
        {tr("other errors"), 1, 1.0, 220, false, true, otherErrors},
    };
    // Failure behaviour: a bar with a marker per reason, and nothing in a window without any, so
    // the markers stand only where requests were lost (a zero would put a row of them on the axis).
    const std::pair<ErrorReason, QCPScatterStyle::ScatterShape> failureSeries[] = {
        {ErrorReason::RetriesExhausted, QCPScatterStyle::ssCircle},
        {ErrorReason::BreakerOpen, QCPScatterStyle::ssSquare},
        {ErrorReason::Shed, QCPScatterStyle::ssTriangle},
        {ErrorReason::Unavailable, QCPScatterStyle::ssCross},
        {ErrorReason::Failed, QCPScatterStyle::ssDiamond},
    };
    for (const auto& [reason, marker] : failureSeries) {
        Measure measure{QString::fromStdString(toString(reason)),
                        2,
                        1.2,
                        150,
                        false,
                        true,
                        [reason](int, const WindowRow& row) {
                            const auto count = row.errors[static_cast<std::size_t>(reason)];
                            return count > 0 ? static_cast<double>(count)
                                             : std::numeric_limits<double>::quiet_NaN();
                        }};
        measure.marker = marker;
        measure.keyWhenSeen = true;
        measures.push_back(std::move(measure));
    }
    setUp(tr("Capacity, cold starts and errors"),
          {{tr("instances or replicas"), 0, 1.3},
           {tr("count per window"), 0, 1},
           {tr("failed per window"), 0, 0.9}},
          std::move(measures));
    setExplanation(
        tr("Instances or replicas alive and busy, cold starts, and requests refused, per window. "
           "Busy close to alive means the pool is saturated: requests queue or are throttled."));
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
