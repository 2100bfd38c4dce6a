// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/core/randomstreams.h"

#include <array>
#include <random>

namespace archsim {

std::uint64_t stableHash(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return hash;
}

RandomEngine makeStream(std::uint64_t seed, std::uint64_t replication, std::string_view component,
                        std::string_view role) {
    const std::uint64_t componentHash = stableHash(component);
    const std::uint64_t roleHash = stableHash(role);
    // seed_seq consumes 32-bit words; split each 64-bit key part in two so no bit is lost.
    const auto lo = [](std::uint64_t v) { return static_cast<std::uint32_t>(v); };
    const auto hi = [](std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); };
    const std::array<std::uint32_t, 8> words{lo(seed),          hi(seed),          lo(replication),
                                             hi(replication),   lo(componentHash), hi(componentHash),
                                             lo(roleHash),      hi(roleHash)};
    std::seed_seq sequence(words.begin(), words.end());
    return RandomEngine(sequence);
}

}  // namespace archsim
