// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What one share of a sweep produced, in a form that merges exactly: the figures of each
// (scenario, point, replication) run by its index, and the latency histogram counts of each
// (scenario, point) summed over the replications run here. Shards of one sweep merge, in any
// order, into exactly the data of the unsharded run, because placing by index and adding integer
// counts do not depend on who ran what.

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/run/runresult.h"
#include "sim/stats/latencyhistogram.h"

namespace archsim {

/// One run: unit = (scenario * points + point) * replications + replication.
struct SweepUnit {
    std::size_t unit = 0;
    RunStatus status = RunStatus::Completed;
    std::vector<double> figures;  ///< in the order of the sweep's figures
};

struct SweepShard {
    std::string sweepId;   ///< identity of the sweep (its file, its scenarios, archsim's version)
    std::string version;   ///< archsim's version
    nlohmann::json sweep;  ///< what the result needs to describe the sweep (sweepDescription)
    unsigned index = 1;    ///< 1-based
    unsigned count = 1;
    std::size_t unitCount = 0;     ///< units in the whole sweep
    bool complete = true;          ///< false: interrupted, holds only the units that finished
    std::vector<SweepUnit> units;  ///< increasing unit
    std::map<std::size_t, LatencyHistogram> histograms;  ///< by scenario * points + point
};

/// Which units shard `index` of `count` runs: every count-th, starting at index - 1, so each
/// shard gets a like share of every point and every scenario.
inline bool unitInShard(std::size_t unit, unsigned index, unsigned count) {
    return unit % count == index - 1;
}

nlohmann::json shardToJson(const SweepShard& shard);
/// Reads a shard file's JSON; nullopt with the reason in `error` ("" on success).
std::optional<SweepShard> shardFromJson(const nlohmann::json& json, std::string& error);

/// Combines the shards of one sweep into the whole; refuses (nullopt, `error` naming the files)
/// shards of different sweeps or versions, a shard given twice, a missing or interrupted shard.
/// `names` name the shards in messages (their files).
std::optional<SweepShard> mergeShards(const std::vector<SweepShard>& shards,
                                      const std::vector<std::string>& names, std::string& error);

}  // namespace archsim
