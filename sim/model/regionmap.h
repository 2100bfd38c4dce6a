// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where components run and what it costs to call across regions.
//
// A scenario may list regions with the share of its clients in each. Every component is placed in
// one of them (the first, unless it says otherwise) or at the edge, which means in the region of
// the client each request comes from (as Workers and CDN caches run). Each request draws its
// client's region when it arrives; a call whose two ends are in different regions pays the round
// trip between them before the callee sees it, booked as network time. A scenario without regions
// draws nothing and schedules nothing more: its results are what they were before regions.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/randomstreams.h"
#include "sim/core/time.h"
#include "sim/random/distribution.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class RegionMap {
public:
    /// A placement: a region's index, or one of these.
    static constexpr int kNowhere = -1;  ///< the scenario has no regions (or an in-process cache)
    static constexpr int kEdge = -2;     ///< in the region of each request's client

    RegionMap() = default;
    /// Throws std::invalid_argument for a pair with no round trip (the validator refuses it first).
    RegionMap(const TopologySpec& topology, RandomEngine clientEngine, RandomEngine tripEngine);

    bool active() const { return !m_ids.empty(); }
    std::size_t count() const { return m_ids.size(); }
    const std::string& id(std::size_t region) const { return m_ids[region]; }

    /// The placement a component's `region` field names ("" = the first region).
    int placementOf(const std::string& region) const;
    /// The region of the client of a request arriving now, drawn by the regions' client shares.
    std::uint8_t drawClientRegion();
    /// The round trip of a call from `from` to `to` (placements) for a client in `clientRegion`;
    /// 0 when both ends are in the same region or either is nowhere.
    Time roundTrip(int from, int to, std::uint8_t clientRegion);

private:
    std::vector<std::string> m_ids;
    std::vector<double> m_cumulativeShare;  // normalised, the last is 1
    std::vector<DistributionPtr> m_trips;   // count x count, none on the diagonal
    RandomEngine m_clientEngine;
    RandomEngine m_tripEngine;
};

}  // namespace archsim
