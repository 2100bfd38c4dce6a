// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scenario: everything a run needs besides the seed: what traffic arrives, what it flows
// through, and how long to watch. It is plain data; scenariojson.h reads and writes it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/random/distribution.h"

namespace archsim {

/// The scenario file format version this build writes and reads.
inline constexpr int kScenarioFormatVersion = 1;

struct RunSettings {
    double durationS = 60;        ///< simulated time to run
    double windowS = 1;           ///< width of one window of the time series
    double warmupS = 0;           ///< requests arriving earlier are left out of the run's totals
    std::optional<std::uint64_t> maxCompleted;  ///< stop after this many completions
    std::uint64_t maxInFlight = 1'000'000;      ///< past this many requests in flight: overloaded
    bool operator==(const RunSettings&) const = default;
};

struct WorkloadSpec {
    std::string type = "poisson";
    double ratePerS = 10;  ///< mean arrivals per second
    bool operator==(const WorkloadSpec&) const = default;
};

/// c servers behind one FIFO line (see sim/model/queuestation.h).
struct StationSpec {
    std::string id;
    int servers = 1;
    DistributionPtr serviceMs;
};

struct TopologySpec {
    std::string entry;  ///< id of the component requests arrive at
    std::vector<StationSpec> stations;
};

struct Scenario {
    std::string name;
    std::string description;
    std::uint64_t seed = 1;
    RunSettings run;
    WorkloadSpec workload;
    TopologySpec topology;
};

}  // namespace archsim
