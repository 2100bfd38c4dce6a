// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The headless runner's commands. main.cpp parses the command line into these calls. A file
// named "-" is read from standard input.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/scenariooverride.h"

namespace archsim::cli {

/// Exit statuses: 0 success, 1 the run itself failed (overloaded), 2 bad usage or bad input.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRunFailed = 1;
inline constexpr int kExitBadInput = 2;

struct RunCommand {
    std::string file;
    std::optional<std::uint64_t> seed;  ///< overrides the scenario's seed
    bool json = false;
    std::string csvDirectory;           ///< "" = no CSV
    unsigned replications = 1;
    std::vector<ScenarioOverride> overrides;  ///< --set, applied before the scenario is checked
    unsigned threads = 0;                     ///< for replications; 0 = every core
};

struct CompareCommand {
    std::string first, second;
    std::optional<std::uint64_t> seed;  ///< overrides both scenarios' seeds (the first's by default)
    bool json = false;
    std::vector<double> trafficLevels;  ///< requests/s; non-empty: also the cost-vs-traffic curves
    std::vector<ScenarioOverride> overrides;  ///< --set, applied to both scenarios
    unsigned threads = 0;                     ///< 0 = every core
};

struct ValidateCommand {
    std::string file;
    bool json = false;  ///< the verdict and every problem as one JSON object
    std::vector<ScenarioOverride> overrides;
};

int runCommand(const RunCommand& command, std::ostream& out, std::ostream& err);
int compareCommand(const CompareCommand& command, std::ostream& out, std::ostream& err);
int validateCommand(const ValidateCommand& command, std::ostream& out, std::ostream& err);

}  // namespace archsim::cli
