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
    // Counts exist only between the extremes' buckets (the windowed series clears once a window).
    if (m_count != 0)
        std::fill(m_counts.begin() + static_cast<std::ptrdiff_t>(bucketIndex(m_min)),
                  m_counts.begin() + static_cast<std::ptrdiff_t>(bucketIndex(m_max)) + 1, 0);
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
    Time value = 0;
    quantiles(&q, &value, 1);
    return value;
}

void LatencyHistogram::quantiles(const double* qs, Time* out, std::size_t n) const {
    if (m_count == 0) {
        std::fill(out, out + n, Time{0});
        return;
    }
    // Only the buckets between the observed extremes can hold counts: a window with a few hundred
    // requests scans a few hundred buckets, not all 7,296.
    const std::size_t first = bucketIndex(m_min);
    const std::size_t last = bucketIndex(m_max);
    std::uint64_t cumulative = 0;
    std::size_t i = first;
    for (std::size_t k = 0; k < n; ++k) {
        const double q = std::clamp(qs[k], 0.0, 1.0);
        auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(m_count)));
        rank = std::clamp<std::uint64_t>(rank, 1, m_count);
        if (rank == m_count) {  // the extremes are known exactly
            out[k] = m_max;
            continue;
        }
        if (rank == 1) {
            out[k] = m_min;
            continue;
        }
        while (i <= last && cumulative + m_counts[i] < rank) cumulative += m_counts[i++];
        const Time lower = bucketLower(i);
        const Time upper = bucketUpper(i);
        // The midpoint halves the worst-case error; never report a value outside the extremes.
        const Time mid = lower + (upper - 1 - lower) / 2;
        out[k] = std::clamp(mid, m_min, m_max);
    }
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

std::optional<LatencyHistogram> LatencyHistogram::fromState(
    const std::vector<std::pair<std::size_t, std::uint64_t>>& buckets, Uint128 sum, Time min,
    Time max) {
    LatencyHistogram h;
    for (const auto& [index, count] : buckets) {
        if (index >= kBucketCount || count == 0 || h.m_count + count < h.m_count)
            return std::nullopt;
        h.m_counts[index] += count;
        h.m_count += count;
    }
    if (h.m_count == 0) return sum == 0 ? std::optional(h) : std::nullopt;
    if (min < 0 || max < min || h.m_counts[bucketIndex(min)] == 0 ||
        h.m_counts[bucketIndex(max)] == 0)
        return std::nullopt;
    h.m_sum = sum;
    h.m_min = min;
    h.m_max = max;
    return h;
}

bool LatencyHistogram::operator==(const LatencyHistogram& other) const {
    return m_count == other.m_count && m_sum == other.m_sum && min() == other.min() &&
           max() == other.max() && m_counts == other.m_counts;
}

}  // namespace archsim
