// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A sweep made ready to run: every point of every scenario built and checked before anything
// runs (a value out of a field's range stops the sweep with nothing written), and the runs of any
// share of it executed on every core.
//
// Common random numbers: replication r of every point and every scenario runs with the sweep's
// seed and replication index r, so all of them see the same random streams (the same arrivals
// where the workload allows), and differences between points come from the model, not the dice.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/model/enginelimits.h"
#include "sim/study/studyscenario.h"
#include "sim/study/sweepshard.h"
#include "sim/study/sweepspec.h"

namespace archsim {

struct SweepPlan {
    SweepSpec spec;
    std::vector<StudyScenario> scenarios;
    std::vector<std::vector<Scenario>> points;  ///< [scenario][point], each checked
    std::string sweepId;
    std::string version;

    std::size_t unitCount() const {
        return scenarios.size() * spec.pointCount() * spec.replications;
    }
};

/// Builds every point of every scenario; false with every problem in `report`. Identity: a hash
/// of the sweep file's canonical content, each scenario file's content, and `version`.
bool buildSweepPlan(SweepPlan& plan, ValidationReport& report);

/// The description of the sweep a result needs (names, fields, values, figures); shards carry it.
nlohmann::json sweepDescription(const SweepPlan& plan);

/// 64-bit FNV-1a of text, as 16 hex digits: identities of sweeps.
std::string hashText(const std::string& text);

struct SweepRunOptions {
    unsigned shardIndex = 1;  ///< 1-based
    unsigned shardCount = 1;
    unsigned threads = 0;  ///< 0 = every core
    std::uint64_t memoryBudgetBytes = kDefaultMemoryBudgetBytes;
    /// Set from another thread (a signal handler) to stop: runs not yet started are skipped and
    /// runs under way are cancelled; the shard then holds what finished and is marked incomplete.
    const std::atomic<bool>* interrupt = nullptr;
    /// Called (from worker threads, serialised) after each run with runs done and runs in total.
    std::function<void(std::size_t, std::size_t)> progress;
};

/// Runs this shard's share of the plan.
SweepShard runSweepShard(const SweepPlan& plan, const SweepRunOptions& options);

}  // namespace archsim
