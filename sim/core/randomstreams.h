// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Independent random streams keyed by (seed, replication, component, role).
//
// Every consumer of randomness (a workload's inter-arrival times, a function pool's cold starts, a
// cache's key choices...) gets its own engine, seeded from the four-part key through std::seed_seq.
// Adding a component therefore never shifts the numbers another component sees, and two scenarios
// that share a workload see the same arrivals (common random numbers) because the workload's key is
// the same in both. Names are hashed with FNV-1a, a fixed function, never std::hash, whose values
// may differ between standard libraries.

#include <boost/random/mersenne_twister.hpp>
#include <cstdint>
#include <string_view>

namespace archsim {

/// The pseudo-random engine of every stream: 64-bit Mersenne Twister (fast, long period, and
/// produces the same sequence on every platform, as boost::random guarantees).
using RandomEngine = boost::random::mt19937_64;

/// A 64-bit FNV-1a hash of a name; stable across compilers and runs.
std::uint64_t stableHash(std::string_view text);

/// Derives the engine for one stream.
RandomEngine makeStream(std::uint64_t seed, std::uint64_t replication, std::string_view component,
                        std::string_view role);

}  // namespace archsim
