// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Capacity over simulated time: function instances or server replicas alive and busy (the gap
// between the two is idle capacity being paid for), per window the cold starts, throttles and
// other errors that show where capacity ran short, and below them the requests lost to failure
// behaviour (retries exhausted, breaker open, shed, unavailable, injected errors), one series per
// reason with its own marker.

#include <map>
#include <set>
#include <string>

#include "sim/scenario/scenario.h"
#include "ui/charts/windowserieschart.h"

namespace archsim::ui {

class CapacityChart : public WindowSeriesChart {
    Q_OBJECT

public:
    /// Index of each curve, for graph().
    enum Curve : std::size_t {
        Alive,
        Busy,
        ColdStarts,
        Throttled,
        OtherErrors,  ///< rejected, timed out, payload too large
        RetriesExhausted,
        BreakerOpen,
        Shed,
        Unavailable,
        Failed,
    };

    explicit CapacityChart(QWidget* parent = nullptr);

    /// Which components of scenario `key` are compute (function pools, server pools, stations), so
    /// that caches and databases are not counted as instances. Without it, every component that
    /// never reported a cache hit ratio counts.
    void setTopology(int key, const archsim::TopologySpec& topology);

protected:
    void scenarioRemoved(int key) override;

private:
    struct Compute {
        std::set<std::string> ids;
        int entryStationServers = 0;  ///< the entry is a station with this many servers
    };
    /// Instances or replicas alive (busy when `busy`) in a window of scenario `key`.
    double capacity(int key, const archsim::WindowRow& row, bool busy) const;

    std::map<int, Compute> m_compute;
};

}  // namespace archsim::ui
