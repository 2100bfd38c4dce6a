// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A log-linear latency histogram: constant memory, O(1) record, exact merge.
//
// Buckets follow the binary representation of the latency in nanoseconds: values below 128 ns each
// have their own bucket; above, every power of two [2^e, 2^(e+1)) is split into 128 equal
// sub-buckets. A bucket is therefore at most 1/128 of its lower bound wide, and reporting its
// midpoint is within 1/256 = 0.39% of any value in it: comfortably inside the 1% promised for every
// quantile from 1 us to 1 h (and beyond: the range is the whole non-negative int64). Counts are
// integers, so merging histograms (replications, shards, windows) is exact and order-independent;
// percentiles are always read from merged counts, never averaged.

#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "sim/core/time.h"

namespace archsim {

// 128-bit sum of nanoseconds: 1e7 latencies of an hour each would overflow 64 bits.
__extension__ using Uint128 = unsigned __int128;

class LatencyHistogram {
public:
    static constexpr int kSubBucketBits = 7;
    static constexpr std::int64_t kSubBuckets = std::int64_t{1} << kSubBucketBits;
    /// Buckets for exponents 7..62 plus the exact region below 128 ns.
    static constexpr std::size_t kBucketCount = static_cast<std::size_t>((63 - 7 + 1) * 128);

    LatencyHistogram();

    /// Records one latency (negative values count as 0).
    void record(Time latency) {
        if (latency < 0) latency = 0;
        recordIn(bucketIndex(latency), latency);
    }
    /// As record, for a latency >= 0 whose bucket (bucketIndex) the caller has found already: a
    /// completion goes into two histograms of the same buckets, and the index is found once.
    void recordIn(std::size_t bucket, Time latency) {
        ++m_counts[bucket];
        ++m_count;
        m_sum += static_cast<Uint128>(latency);
        if (latency < m_min) m_min = latency;
        if (latency > m_max) m_max = latency;
    }

    /// Adds every count of `other`; the result equals having recorded both streams into one.
    void merge(const LatencyHistogram& other);
    void clear();

    std::uint64_t count() const { return m_count; }
    /// Exact mean of the recorded values, in ns (0 when empty).
    double mean() const;
    Time min() const { return m_count ? m_min : 0; }
    Time max() const { return m_count ? m_max : 0; }
    /// The q-quantile (0 <= q <= 1): the value of rank ceil(q*n), within 0.39%; 0 when empty.
    Time quantile(double q) const;
    /// Several quantiles in one pass over the buckets; `qs` must be non-decreasing.
    void quantiles(const double* qs, Time* out, std::size_t n) const;
    /// The fraction of recorded values <= value (bucket resolution).
    double fractionAtOrBelow(Time value) const;

    struct Bucket {
        Time lower;  ///< inclusive
        Time upper;  ///< exclusive
        std::uint64_t count;
    };
    /// The non-empty buckets in increasing order, for plotting a distribution.
    std::vector<Bucket> nonEmptyBuckets() const;

    bool operator==(const LatencyHistogram& other) const;

    static std::size_t bucketIndex(Time value) {
        const auto v = static_cast<std::uint64_t>(value);
        if (v < static_cast<std::uint64_t>(kSubBuckets)) return static_cast<std::size_t>(v);
        const int exponent = 63 - __builtin_clzll(v);
        const int shift = exponent - kSubBucketBits;
        const std::uint64_t sub = (v >> shift) & static_cast<std::uint64_t>(kSubBuckets - 1);
        return static_cast<std::size_t>(shift + 1) * static_cast<std::size_t>(kSubBuckets) +
               static_cast<std::size_t>(sub);
    }
    static Time bucketLower(std::size_t index);
    static Time bucketUpper(std::size_t index);

    /// A histogram from its saved raw state (non-empty buckets as index and count, the exact sum,
    /// the extremes), as a sweep shard stores it; nullopt when the state is not one a histogram can
    /// have (an index out of range, extremes outside their buckets), so a damaged file is refused.
    static std::optional<LatencyHistogram> fromState(
        const std::vector<std::pair<std::size_t, std::uint64_t>>& buckets, Uint128 sum, Time min,
        Time max);

    /// Raw state, for fingerprints and exact comparisons.
    const std::vector<std::uint64_t>& counts() const { return m_counts; }
    Uint128 sum() const { return m_sum; }

private:
    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_count = 0;
    Uint128 m_sum = 0;
    Time m_min = kTimeInfinity;
    Time m_max = 0;
};

}  // namespace archsim
