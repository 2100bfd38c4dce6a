// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// MSER-5 warm-up detection (White, 1997): the series (here one value per window, usually the mean
// latency) is cut into batches of 5 and averaged; for each candidate truncation d (in batches) the
// statistic
//   MSER(d) = sum_{j > d} (Z_j - mean_{j > d} Z)^2 / (k - d)^2
// weighs the spread of what is kept against how much is kept; the truncation point is the d that
// minimises it. Only the first half of the batches are candidates: past it the statistic rests on
// too few batches and tends to fall again by chance, which the usual rule guards against. A
// minimum at the last candidate means the run was too short to see the transient end.

#include <cstddef>
#include <vector>

#include "sim/run/runresult.h"

namespace archsim {

struct MserResult {
    std::size_t truncation = 0;  ///< points of the series to drop (a multiple of the batch size)
    std::size_t batches = 0;     ///< full batches in the series
    double statistic = 0;        ///< MSER at the truncation point
    /// False when there were too few batches to decide, or the minimum lay at the end of the
    /// candidates (the transient may last longer than half the run).
    bool reliable = false;
};

inline constexpr std::size_t kMserBatchSize = 5;
/// Fewer full batches than this and no truncation point is offered.
inline constexpr std::size_t kMserMinBatches = 10;

/// MSER with batches of `batchSize` points (5: MSER-5). A trailing partial batch is ignored.
MserResult mser(const std::vector<double>& series, std::size_t batchSize = kMserBatchSize);

/// The warm-up MSER-5 detects in a run, from the mean latency of each window (windows without a
/// completion carry the previous window's mean, so time stays evenly spaced).
struct DetectedWarmup {
    double seconds = 0;  ///< end of the truncated windows, simulated seconds from the start
    std::size_t windows = 0;
    bool reliable = false;
    bool available = false;  ///< false: too few windows with completions to say
};
DetectedWarmup detectWarmup(const RunResult& result);

}  // namespace archsim
