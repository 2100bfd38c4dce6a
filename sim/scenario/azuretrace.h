// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Azure Functions public trace (2019) as a workload. Its invocation files count, per function
// and per minute of one day, how often the function ran:
//     HashOwner,HashApp,HashFunction,Trigger,1,2,...,1440
// and its duration files give, per function, percentiles of its execution time in milliseconds:
//     HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,percentile_Average_0,
//     percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,
//     percentile_Average_99,percentile_Average_100
// One function (or all of an app's, an owner's, or the whole file's) becomes a scenario: its
// counts replayed as a rate schedule, its percentiles as the handler's service time (an empirical
// distribution through them; for several functions, the count-weighted mixture of theirs).
//
// The duration percentiles are of per-interval averages, so the real tail is longer than the one
// these give: the scenario's description says so.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace archsim {

/// Which functions of the trace to replay.
struct AzureSelection {
    enum class Level { All, Owner, App, Function };
    Level level = Level::All;
    std::string hash;  ///< the hash, or a prefix of it that names exactly one (at least 6 chars)
};

struct AzureTraceRequest {
    std::string invocationsFile;
    std::string durationsFile;
    AzureSelection selection;
    int firstMinute = 1;  ///< 1..1440
    int minutes = 0;      ///< 0 = to the end of the day
};

struct AzureTrace {
    std::vector<double> invocationsPerMinute;  ///< summed over the selected functions
    DistributionPtr durationMs;                ///< service time of one invocation
    std::size_t functions = 0;                 ///< rows of the invocations file selected
    std::string selectedHash;                  ///< the full hash a prefix named ("" for all)
    std::vector<std::string> triggers;         ///< distinct triggers of the selected functions
};

/// Reads and selects; nullopt with `error` naming the file and line (or the selection) otherwise.
std::optional<AzureTrace> readAzureTrace(const AzureTraceRequest& request, std::string& error);

/// Counts per minute as a rate schedule that keeps each minute's count: the rate holds through
/// its minute and steps to the next within a millisecond, so the expected arrivals in minute i
/// are its count.
std::vector<RatePoint> azureRateSchedule(const std::vector<double>& invocationsPerMinute);

/// A scenario replaying the trace into one function pool whose handler takes the trace's service
/// time; cold start, keep-alive and the instance limit are stated assumptions to edit.
Scenario azureFunctionsScenario(const AzureTrace& trace, const AzureTraceRequest& request);

}  // namespace archsim
