// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/stats/tailbreakdown.h"

#include <algorithm>
#include <cmath>

namespace archsim {

TailBreakdownRecorder::TailBreakdownRecorder() : m_buckets(kBucketCount) {}

void TailBreakdownRecorder::clear() {
    std::fill(m_buckets.begin(), m_buckets.end(), Bucket{});
    m_count = 0;
}

std::size_t TailBreakdownRecorder::bucketOfRank(double q) const {
    if (m_count == 0) return kBucketCount;
    const auto rank = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(std::clamp(q, 0.0, 1.0) *
                                                static_cast<double>(m_count))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < m_buckets.size(); ++i) {
        seen += m_buckets[i].count;
        if (seen >= rank) return i;
    }
    return m_buckets.size() - 1;
}

TailBreakdown TailBreakdownRecorder::near(double q) const {
    TailBreakdown out;
    const std::size_t i = bucketOfRank(q);
    if (i == kBucketCount) return out;
    const Bucket& b = m_buckets[i];
    const auto n = static_cast<double>(b.count);
    out.requests = static_cast<double>(b.count);
    out.meanLatencyMs = static_cast<double>(b.latency) / n / 1e6;
    for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
        out.meanMs[c] = static_cast<double>(b.breakdown[c]) / n / 1e6;
    return out;
}

TailBreakdown TailBreakdownRecorder::atOrAbove(double q) const {
    TailBreakdown out;
    if (m_count == 0) return out;
    // The slowest ceil((1 - q) n) requests, at least one: walk down from the slowest bucket and
    // take of the last one only the share still needed.
    // (1 - 0.99) * 1000 is 10.000000000000009 in doubles: the tolerance keeps it 10.
    const double wanted = std::max(
        1.0, std::ceil((1 - std::clamp(q, 0.0, 1.0)) * static_cast<double>(m_count) - 1e-9));
    double taken = 0, latency = 0;
    std::array<double, kTimeCategoryCount> sums{};
    for (std::size_t i = m_buckets.size(); i-- > 0 && taken < wanted;) {
        const Bucket& b = m_buckets[i];
        if (b.count == 0) continue;
        const auto n = static_cast<double>(b.count);
        const double share = std::min(1.0, (wanted - taken) / n);
        taken += n * share;
        latency += static_cast<double>(b.latency) * share;
        for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
            sums[c] += static_cast<double>(b.breakdown[c]) * share;
    }
    out.requests = taken;
    out.meanLatencyMs = latency / taken / 1e6;
    for (std::size_t c = 0; c < kTimeCategoryCount; ++c) out.meanMs[c] = sums[c] / taken / 1e6;
    return out;
}

TimeBreakdown TailBreakdownRecorder::total() const {
    std::array<Time, kTimeCategoryCount> sums{};
    for (const Bucket& b : m_buckets)
        for (std::size_t c = 0; c < kTimeCategoryCount; ++c) sums[c] += b.breakdown[c];
    TimeBreakdown out{};
    for (std::size_t c = 0; c < kTimeCategoryCount; ++c) out[c] = static_cast<double>(sums[c]);
    return out;
}

TailBreakdowns TailBreakdownRecorder::summarize() const {
    return {near(0.5), atOrAbove(0.99), atOrAbove(0.999)};
}

}  // namespace archsim
