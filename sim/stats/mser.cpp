// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/stats/mser.h"

#include <algorithm>
#include <limits>

namespace archsim {

MserResult mser(const std::vector<double>& series, std::size_t batchSize) {
    MserResult result;
    if (batchSize == 0) return result;
    const std::size_t k = series.size() / batchSize;
    result.batches = k;
    if (k < kMserMinBatches) return result;
    std::vector<double> z(k);
    for (std::size_t j = 0; j < k; ++j) {
        double sum = 0;
        for (std::size_t i = 0; i < batchSize; ++i) sum += series[j * batchSize + i];
        z[j] = sum / static_cast<double>(batchSize);
    }
    // Suffix sums of Z and Z^2 give every candidate's statistic in O(1): sum (Z - m)^2 =
    // sum Z^2 - (sum Z)^2 / n. Computed about a reference value (the last batch) so the
    // subtraction does not cancel for latencies of a large magnitude and small spread.
    const double reference = z.back();
    std::vector<double> suffix(k + 1, 0.0), suffixSquares(k + 1, 0.0);
    for (std::size_t j = k; j-- > 0;) {
        const double v = z[j] - reference;
        suffix[j] = suffix[j + 1] + v;
        suffixSquares[j] = suffixSquares[j + 1] + v * v;
    }
    double best = std::numeric_limits<double>::infinity();
    std::size_t bestD = 0;
    const std::size_t lastCandidate = k / 2;
    for (std::size_t d = 0; d <= lastCandidate; ++d) {
        const double n = static_cast<double>(k - d);
        const double squares = std::max(0.0, suffixSquares[d] - suffix[d] * suffix[d] / n);
        const double statistic = squares / (n * n);
        if (statistic < best) {
            best = statistic;
            bestD = d;
        }
    }
    result.truncation = bestD * batchSize;
    result.statistic = best;
    result.reliable = bestD < lastCandidate;
    return result;
}

DetectedWarmup detectWarmup(const RunResult& result) {
    DetectedWarmup detected;
    std::vector<double> series;
    series.reserve(result.windows.size());
    double last = std::numeric_limits<double>::quiet_NaN();
    std::size_t leadingEmpty = 0;
    for (const WindowRow& w : result.windows) {
        if (w.latency.completed > 0) last = w.latency.meanNs * 1e-6;
        if (last != last) {  // nothing completed yet: the series starts at the first completion
            ++leadingEmpty;
            continue;
        }
        series.push_back(last);
    }
    const MserResult m = mser(series);
    if (m.batches < kMserMinBatches) return detected;
    detected.available = true;
    detected.reliable = m.reliable;
    detected.windows = leadingEmpty + m.truncation;
    if (detected.windows > 0 && detected.windows <= result.windows.size())
        detected.seconds = toSeconds(result.windows[detected.windows - 1].latency.end);
    return detected;
}

}  // namespace archsim
