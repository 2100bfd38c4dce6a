// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Simulated time.
//
// Why integer nanoseconds rather than double seconds: event ordering must be exact and the same on
// every machine and in every thread. With int64 nanoseconds two events scheduled "at the same time"
// compare equal exactly, sums of delays never drift with the magnitude of the clock (a double loses
// sub-microsecond resolution after about 10^9 s and rounds differently depending on the order of
// additions), and the latency histogram buckets integers without any floating-point classification.
// The range, +-292 years, is far beyond any scenario; the resolution, 1 ns, is 100x finer than the
// fastest latency archsim models (a 0.1 ms in-process cache hit is 100,000 ns).
// Distributions sample doubles in the unit of their field (milliseconds for latencies); the model
// converts once, at the point where a delay is scheduled.

#include <cmath>
#include <cstdint>
#include <limits>

namespace archsim {

/// A point in simulated time or a duration, in nanoseconds.
using Time = std::int64_t;

inline constexpr Time kNanosPerMicro = 1'000;
inline constexpr Time kNanosPerMilli = 1'000'000;
inline constexpr Time kNanosPerSecond = 1'000'000'000;
inline constexpr Time kTimeInfinity = std::numeric_limits<Time>::max();

/// Converts a non-negative duration in seconds to nanoseconds, rounding to nearest and saturating.
inline Time fromSeconds(double seconds) {
    const double ns = seconds * 1e9;
    if (!(ns < 9.2e18)) return ns != ns ? 0 : kTimeInfinity;  // NaN -> 0, huge -> infinity
    if (ns <= 0.0) return 0;
    // Round half away from zero, exactly as std::llround, but inline: this runs for every delay
    // scheduled, and the library call was a tenth of an event's cost. ns is positive and below
    // 2^63, so the truncation is exact and ns - truncated is the exact fractional part.
    const auto truncated = static_cast<Time>(ns);
    return ns - static_cast<double>(truncated) >= 0.5 ? truncated + 1 : truncated;
}

/// Converts a non-negative duration in milliseconds to nanoseconds (rounded, saturating).
inline Time fromMillis(double millis) { return fromSeconds(millis * 1e-3); }

inline double toSeconds(Time t) { return static_cast<double>(t) * 1e-9; }
inline double toMillis(Time t) { return static_cast<double>(t) * 1e-6; }

}  // namespace archsim
