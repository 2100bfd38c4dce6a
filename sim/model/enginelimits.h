// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The limits the engine's data layout imposes on a topology, in one place: the architecture model
// relies on them and the scenario validator refuses what passes them, so whatever validates runs.
// A limit that changes here changes both; nothing else may restate these numbers.

#include <cstddef>
#include <cstdint>

namespace archsim {

/// Compute pools (function or server pools) a request can hold at once: a call from one pool into
/// another keeps the caller's slot, so a chain of calls holds one slot per pool on the way. Each
/// request record reserves room for this many frames.
inline constexpr std::size_t kMaxCallDepth = 8;

/// Cache steps nested inside each other's onMiss steps in one handler (each one remembers its key
/// until its fill). The validator's nesting limit for handler steps keeps within it.
inline constexpr std::size_t kMaxCacheNesting = 8;

/// Regions of a topology: a request's client region is one byte (Request::clientRegion).
inline constexpr std::size_t kMaxRegions = 64;

/// Function pools, and server pools, in one topology: timer events pack the pool's index into 16
/// bits next to the instance and its generation.
inline constexpr std::size_t kMaxPoolsPerKind = std::size_t{1} << 16;

/// Instances of one function pool, or replicas of one server pool, alive at once: the slot is
/// packed into 24 bits of the same timer payload.
inline constexpr std::size_t kMaxSlotsPerPool = std::size_t{1} << 24;

/// Requests in flight: a request record is addressed by a 32-bit index.
inline constexpr std::uint64_t kMaxRequestsInFlight = std::uint64_t{1} << 32;

/// The default memory budget of a run: the estimated bytes of requests in flight and pending
/// events a run may hold before it stops as overloaded (RunOptions::memoryBudgetBytes).
inline constexpr std::uint64_t kDefaultMemoryBudgetBytes = std::uint64_t{4} << 30;  // 4 GiB

}  // namespace archsim
