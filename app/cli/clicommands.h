// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The headless runner's commands. main.cpp parses the command line into these calls. A file
// named "-" is read from standard input.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "sim/cost/pricing.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/scenariooverride.h"

namespace archsim::cli {

/// Exit statuses: 0 success, 1 the run itself failed (overloaded, or an engine error), 2 bad usage
/// or bad input, 3 an output (standard output, a CSV file) could not be written.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRunFailed = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitWriteFailed = 3;

struct RunCommand {
    std::string file;
    std::optional<std::uint64_t> seed;  ///< overrides the scenario's seed
    bool json = false;
    std::string csvDirectory;           ///< "" = no CSV
    unsigned replications = 1;
    std::optional<std::uint64_t> memoryBudgetMb;  ///< overrides the default memory budget of a run
    std::vector<ScenarioOverride> overrides;  ///< --set, applied before the scenario is checked
    unsigned threads = 0;                     ///< for replications; 0 = every core
    /// Replications until the 95% interval of precisionFigure is at most this fraction of its
    /// mean (sim/study/precisionstop.h), at most maxReplications.
    std::optional<double> precision;
    std::string precisionFigure = "p99";
    unsigned maxReplications = 100;
};

/// Whether --precision-figure knows the name, and the names it knows (for messages).
bool knownPrecisionFigure(const std::string& name);
std::string precisionFigureNames();

struct CompareCommand {
    std::string first, second;
    std::optional<std::uint64_t> seed;  ///< overrides both scenarios' seeds (the first's by default)
    bool json = false;
    std::vector<double> trafficLevels;  ///< requests/s; non-empty: also the cost-vs-traffic curves
    std::optional<std::uint64_t> memoryBudgetMb;  ///< overrides the default memory budget of a run
    std::vector<ScenarioOverride> overrides;  ///< --set, applied to both scenarios
    unsigned threads = 0;                     ///< 0 = every core
};

struct ValidateCommand {
    std::string file;
    bool json = false;  ///< the verdict and every problem as one JSON object
    std::vector<ScenarioOverride> overrides;
};

/// Loads a scenario file, printing every problem to `err` (naming the file); nullopt on failure.
std::optional<archsim::Scenario> loadScenario(const std::string& file, std::ostream& err);
/// The pricing table a scenario names (relative to its file), or the bundled default; nullopt
/// (after printing why) when it has no cost section or the table cannot be read or used.
std::optional<archsim::PricingTable> loadPricing(const archsim::Scenario& scenario,
                                                 const std::string& scenarioFile,
                                                 std::ostream& err);

int runCommand(const RunCommand& command, std::ostream& out, std::ostream& err);
int compareCommand(const CompareCommand& command, std::ostream& out, std::ostream& err);
int validateCommand(const ValidateCommand& command, std::ostream& out, std::ostream& err);

}  // namespace archsim::cli
