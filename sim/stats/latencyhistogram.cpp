// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/stats/latencyhistogram.h"

#include <algorithm>
#include <cmath>

namespace archsim {

LatencyHistogram::LatencyHistogram() : m_counts(kBucketCount, 0) {}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    for (std::size_t i = 0; i < kBucketCount; ++i) m_counts[i] += other.m_counts[i];
    m_count += other.m_count;
    m_sum += other.m_sum;
    m_min = std::min(m_min, other.m_min);
    m_max = std::max(m_max, other.m_max);
}

void LatencyHistogram::clear() {
    std::fill(m_counts.begin(), m_counts.end(), 0);
    m_count = 0;
    m_sum = 0;
    m_min = kTimeInfinity;
    m_max = 0;
}

double LatencyHistogram::mean() const {
    return m_count ? static_cast<double>(m_sum) / static_cast<double>(m_count) : 0.0;
}

Time LatencyHistogram::bucketLower(std::size_t index) {
    const auto sub = static_cast<std::int64_t>(index % kSubBuckets);
    const auto block = static_cast<int>(index / kSubBuckets);
    if (block == 0) return sub;
    return (kSubBuckets + sub) << (block - 1);
}

Time LatencyHistogram::bucketUpper(std::size_t index) {
    const auto block = static_cast<int>(index / kSubBuckets);
    if (block == 0) return bucketLower(index) + 1;
    const Time lower = bucketLower(index);
    const Time width = Time{1} << (block - 1);
    return lower > kTimeInfinity - width ? kTimeInfinity : lower + width;
}

Time LatencyHistogram::quantile(double q) const {
    if (m_count == 0) return 0;
    q = std::clamp(q, 0.0, 1.0);
    auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(m_count)));
    rank = std::clamp<std::uint64_t>(rank, 1, m_count);
    if (rank == m_count) return m_max;  // the extremes are known exactly
    if (rank == 1) return m_min;
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBucketCount; ++i) {
        cumulative += m_counts[i];
        if (cumulative >= rank) {
            const Time lower = bucketLower(i);
            const Time upper = bucketUpper(i);
            // The midpoint halves the worst-case error; the observed extremes are exact, so never
            // report a value outside them (p0 is the minimum, p100 the maximum).
            const Time mid = lower + (upper - 1 - lower) / 2;
            return std::clamp(mid, m_min, m_max);
        }
    }
    return m_max;
}

double LatencyHistogram::fractionAtOrBelow(Time value) const {
    if (m_count == 0) return 0.0;
    if (value < 0) return 0.0;
    const std::size_t last = bucketIndex(value);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= last; ++i) cumulative += m_counts[i];
    return static_cast<double>(cumulative) / static_cast<double>(m_count);
}

std::vector<LatencyHistogram::Bucket> LatencyHistogram::nonEmptyBuckets() const {
    std::vector<Bucket> buckets;
    for (std::size_t i = 0; i < kBucketCount; ++i)
        if (m_counts[i] != 0) buckets.push_back({bucketLower(i), bucketUpper(i), m_counts[i]});
    return buckets;
}

bool LatencyHistogram::operator==(const LatencyHistogram& other) const {
    return m_count == other.m_count && m_sum == other.m_sum && min() == other.min() &&
           max() == other.max() && m_counts == other.m_counts;
}

}  // namespace archsim
