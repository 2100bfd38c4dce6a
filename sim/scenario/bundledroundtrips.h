// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Round trips between well-known cloud regions, so a scenario can name its regions and leave the
// figures out. They are average round-trip times measured between AWS regions with ping (one
// published measurement, 2017; docs/scenario-format.md gives the source and the table); a scenario
// that needs today's figures, or a tail, writes its own `roundTrips`.
#include <optional>
#include <span>
#include <string_view>

namespace archsim {

struct BundledRoundTrip {
    std::string_view a;
    std::string_view b;
    double rttMs;
};

/// Every bundled pair, each once (the figure holds both ways).
std::span<const BundledRoundTrip> bundledRoundTrips();

/// The bundled round trip between two region ids, in ms; nullopt for a pair that has none.
/// A region to itself is 0: a call within a region pays only its component's own latency.
std::optional<double> bundledRoundTripMs(std::string_view a, std::string_view b);

}  // namespace archsim
