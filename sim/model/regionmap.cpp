// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/regionmap.h"

#include <boost/random/uniform_01.hpp>
#include <stdexcept>

#include "sim/scenario/bundledroundtrips.h"

namespace archsim {

RegionMap::RegionMap(const TopologySpec& topology, RandomEngine clientEngine,
                     RandomEngine tripEngine)
    : m_clientEngine(clientEngine), m_tripEngine(tripEngine) {
    const std::size_t n = topology.regions.size();
    double total = 0;
    for (const RegionSpec& region : topology.regions) {
        m_ids.push_back(region.id);
        total += region.clientShare;
        m_cumulativeShare.push_back(total);
    }
    for (double& share : m_cumulativeShare) share = total > 0 ? share / total : 1.0;
    if (n > 0) m_cumulativeShare.back() = 1.0;
    m_trips.assign(n * n, nullptr);
    for (const RoundTripSpec& trip : topology.roundTrips) {
        const int from = placementOf(trip.from), to = placementOf(trip.to);
        if (from < 0 || to < 0 || from == to) continue;  // the validator refuses these
        m_trips[static_cast<std::size_t>(from) * n + static_cast<std::size_t>(to)] = trip.rttMs;
        m_trips[static_cast<std::size_t>(to) * n + static_cast<std::size_t>(from)] = trip.rttMs;
    }
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) {
            if (a == b || m_trips[a * n + b]) continue;
            const auto bundled = bundledRoundTripMs(m_ids[a], m_ids[b]);
            if (!bundled)
                throw std::invalid_argument("no round trip between regions '" + m_ids[a] +
                                            "' and '" + m_ids[b] + "'");
            m_trips[a * n + b] = makeConstant(*bundled);
        }
}

int RegionMap::placementOf(const std::string& region) const {
    if (m_ids.empty()) return kNowhere;
    if (region.empty()) return 0;
    if (region == kEdgeRegion) return kEdge;
    for (std::size_t i = 0; i < m_ids.size(); ++i)
        if (m_ids[i] == region) return static_cast<int>(i);
    throw std::invalid_argument("no region '" + region + "'");
}

std::uint8_t RegionMap::drawClientRegion() {
    if (m_ids.size() <= 1) return 0;
    boost::random::uniform_01<double> uniform;
    const double u = uniform(m_clientEngine);
    std::size_t region = 0;
    while (region + 1 < m_cumulativeShare.size() && u >= m_cumulativeShare[region]) ++region;
    return static_cast<std::uint8_t>(region);
}

Time RegionMap::roundTrip(int from, int to, std::uint8_t clientRegion) {
    if (from == kEdge) from = clientRegion;
    if (to == kEdge) to = clientRegion;
    if (from < 0 || to < 0 || from == to) return 0;
    const std::size_t n = m_ids.size();
    const Distribution& trip =
        *m_trips[static_cast<std::size_t>(from) * n + static_cast<std::size_t>(to)];
    return fromMillis(trip.sample(m_tripEngine));
}

}  // namespace archsim
