// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The model-wide counters every component adds to: usage for billing, errors by reason, cold
// starts, cache hits, where the time went. Each is kept cumulative, per window (reset when the
// window is read) and for the measured period (requests that arrived after the warm-up).

#include <algorithm>
#include <cstdint>

#include "sim/cost/costmodel.h"
#include "sim/model/request.h"
#include "sim/run/runresult.h"

namespace archsim {

struct ModelCounters {
    UsageTotals usage;
    ErrorCounts errors{};          ///< measured requests
    ErrorCounts errorsInWindow{};  ///< every request, this window
    std::uint64_t arrivals = 0, arrivalsInWindow = 0, measuredArrivals = 0;
    std::uint64_t coldStarts = 0, coldStartsInWindow = 0, measuredColdStarts = 0;
    std::uint64_t functionStarts = 0, functionStartsInWindow = 0, measuredFunctionStarts = 0;
    std::uint64_t hits = 0, misses = 0, measuredHits = 0, measuredMisses = 0;
    std::uint64_t retries = 0, retriesInWindow = 0, measuredRetries = 0;
    std::uint64_t alive = 0;      ///< function instances and server replicas alive now
    std::uint64_t peakAlive = 0;

    void countError(const Request& r, ErrorReason reason) {
        const auto i = static_cast<std::size_t>(reason);
        ++errorsInWindow[i];
        if (r.measured) ++errors[i];
    }
    void countFunctionStart(const Request& r) {
        ++functionStarts;
        ++functionStartsInWindow;
        if (r.measured) ++measuredFunctionStarts;
    }
    void countColdStart(const Request& r) {
        ++coldStarts;
        ++coldStartsInWindow;
        if (r.measured) ++measuredColdStarts;
    }
    void countLookup(const Request& r, bool hit) {
        ++(hit ? hits : misses);
        if (r.measured) ++(hit ? measuredHits : measuredMisses);
    }
    void countRetry(const Request& r) {
        ++retries;
        ++retriesInWindow;
        if (r.measured) ++measuredRetries;
    }
    void addAlive(std::int64_t delta) {
        alive = static_cast<std::uint64_t>(static_cast<std::int64_t>(alive) + delta);
        peakAlive = std::max(peakAlive, alive);
    }
};

}  // namespace archsim
