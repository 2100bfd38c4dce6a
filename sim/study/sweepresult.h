// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The result of a sweep, computed from its merged data alone (so a merge of shards and the
// unsharded run write the same bytes): each figure at each point as the mean and 95% confidence
// interval over replications, the latency percentiles of all replications pooled, where two
// scenarios cross along a one-field sweep, and a grid for two fields.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/study/sweepshard.h"

namespace archsim {

/// Where the difference (second - first) of a figure between two scenarios changes sign between
/// two neighbouring values of the swept field.
struct SweepCrossover {
    std::string figure;
    std::size_t first = 0, second = 0;  ///< scenario indexes
    double below = 0, above = 0;        ///< the neighbouring swept values
    double at = 0;                      ///< interpolated crossing
    double low = 0, high = 0;           ///< crossings of the difference's CI bounds (clamped)
    bool settled = false;  ///< both neighbours' intervals exclude zero: the sign change is real
    bool firstLowerBelow = false;  ///< below the crossing the first scenario's figure is lower
};

/// Crossovers along a one-field sweep (of numbers) for every pair of scenarios and every figure.
/// `differences[k]` holds, per point, the per-replication differences (paired by replication,
/// which common random numbers make much tighter than two separate intervals).
std::vector<SweepCrossover> findSweepCrossovers(
    const std::vector<double>& values, bool logScale, const std::string& figure, std::size_t first,
    std::size_t second, const std::vector<std::vector<double>>& differences);

/// The result document. A shard that is not complete (an interrupted run) gives the points whose
/// replications all finished, with "complete": false.
nlohmann::json sweepResultJson(const SweepShard& merged);
/// One row per scenario and point: the swept values, each figure's mean, low and high.
std::string sweepResultCsv(const nlohmann::json& result);

}  // namespace archsim
