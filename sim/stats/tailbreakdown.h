// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where the time goes for the slow requests, not the average one. A mean breakdown hides what a
// tail is made of: a serverless auth API's median request is CPU and a cache lookup while its p99
// request waited for a cold start, and only the second is what the SLO feels.
//
// Each finished request adds its breakdown to the bucket of its latency (16 buckets per power of
// two, so a bucket spans at most 1/16 of its lower bound). The requests at or above a percentile
// are the top buckets, the one the percentile falls in taken in proportion (its requests assumed
// alike); the median request is the bucket holding the median. Memory is fixed (about 60 KB) and
// independent of the number of requests: nothing is kept per request.

#include <array>
#include <cstdint>
#include <vector>

#include "sim/core/time.h"
#include "sim/run/runresult.h"

namespace archsim {

class TailBreakdownRecorder {
public:
    static constexpr int kSubBucketBits = 4;
    static constexpr std::size_t kBucketCount = static_cast<std::size_t>((63 - 3) * 16);

    TailBreakdownRecorder();

    /// One finished request: its end-to-end latency and the time it spent in each category.
    void record(Time latency, const std::array<Time, kTimeCategoryCount>& breakdown) {
        if (latency < 0) latency = 0;
        Bucket& b = m_buckets[bucketIndex(latency)];
        ++b.count;
        b.latency += latency;
        for (std::size_t c = 0; c < kTimeCategoryCount; ++c) b.breakdown[c] += breakdown[c];
        ++m_count;
    }
    void clear();
    std::uint64_t count() const { return m_count; }

    /// The median request's, and those at or above p99 and p99.9.
    TailBreakdowns summarize() const;
    /// The requests at or above the q-quantile (0 <= q < 1): at least one request when any.
    TailBreakdown atOrAbove(double q) const;
    /// The requests in the bucket holding the q-quantile.
    TailBreakdown near(double q) const;
    /// The time in each category summed over every request recorded, ns: the run's breakdown,
    /// read from the buckets so that no second sum is kept on the path of each request.
    TimeBreakdown total() const;

    static std::size_t bucketIndex(Time latency) {
        const auto v = static_cast<std::uint64_t>(latency);
        constexpr std::uint64_t kExact = std::uint64_t{1} << kSubBucketBits;
        if (v < kExact) return static_cast<std::size_t>(v);
        const int exponent = 63 - __builtin_clzll(v);
        const auto sub = static_cast<std::size_t>((v >> (exponent - kSubBucketBits)) & (kExact - 1));
        return static_cast<std::size_t>(exponent - kSubBucketBits + 1) * kExact + sub;
    }

private:
    // Sums are integer nanoseconds: exact (a double sum rounds past 2^53 ns, 104 days, which a
    // long run's total passes), order-independent, and an integer add on the path of each request.
    // A bucket's sum stays below 2^63 ns (292 years) for any run archsim can simulate.
    struct Bucket {
        std::uint64_t count = 0;
        Time latency = 0;  ///< ns, summed
        std::array<Time, kTimeCategoryCount> breakdown{};
    };
    /// The bucket holding the request of rank ceil(q * n) (1-based), or kBucketCount when empty.
    std::size_t bucketOfRank(double q) const;

    std::vector<Bucket> m_buckets;
    std::uint64_t m_count = 0;
};

}  // namespace archsim
