// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `archsim-cli sweep` and `archsim-cli merge`: a sweep file run whole or as one shard of N, and
// shards merged into the result (docs/sweeps.md). The commands produce their output as text;
// main.cpp writes it (whole or not at all), so bad input leaves nothing behind.

#include <atomic>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenariooverride.h"

namespace archsim::cli {

struct SweepCommand {
    std::string file;
    unsigned shardIndex = 0;  ///< 1-based; 0 = no --shard
    unsigned shardCount = 0;
    bool wantCsv = false;  ///< also produce the CSV table
    unsigned threads = 0;  ///< 0 = every core
    std::optional<std::uint64_t> memoryBudgetMb;
    const std::atomic<bool>* interrupt = nullptr;  ///< set on SIGINT
    /// --set, applied to every scenario of the sweep before its own fields (part of its identity).
    std::vector<ScenarioOverride> overrides;
};

struct MergeCommand {
    std::vector<std::string> files;
    bool wantCsv = false;
};

/// The exit status when a sweep was interrupted (as a shell reports SIGINT).
inline constexpr int kExitInterrupted = 130;

/// Runs the sweep (or its shard); `result` gets the JSON (a shard file with --shard), `csv` the
/// table when asked and when there is a result. Problems go to `err`.
int sweepCommand(const SweepCommand& command, std::string& result, std::string& csv,
                 std::ostream& err);
int mergeCommand(const MergeCommand& command, std::string& result, std::string& csv,
                 std::ostream& err);

/// Reads "I/N" (1 <= I <= N <= 100000); an error message, "" on success.
std::string parseShard(const std::string& text, unsigned& index, unsigned& count);

}  // namespace archsim::cli
