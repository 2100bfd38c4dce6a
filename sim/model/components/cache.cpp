// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/cache.h"

#include <boost/random/uniform_01.hpp>

#include "sim/model/regionmap.h"
#include "sim/model/requestflow.h"

namespace archsim {

Cache::Cache(ModelContext& context, const CacheSpec& spec, std::uint32_t index)
    : Component(context, ComponentKind::Cache, spec.id),
      m_spec(spec),
      m_index(index),
      m_engine(context.stream(spec.id, "lookup")),
      m_shared(spec.placement == CachePlacement::Remote ? spec.capacity : 0) {
    if (!spec.hitRatio) m_zipf = std::make_unique<ZipfSampler>(spec.keys, spec.zipfExponent);
    // At the edge every region has a store of its own: a key cached for Frankfurt's clients is a
    // miss for Tokyo's.
    if (spec.placement == CachePlacement::Remote && spec.region == kEdgeRegion && context.regions &&
        context.regions->active())
        m_regional.assign(context.regions->count(), LruCache(spec.capacity));
}

LruCache& Cache::storeFor(const Request& r) {
    if (!m_regional.empty()) return m_regional[r.clientRegion];
    if (m_spec.placement == CachePlacement::Remote) return m_shared;
    const Frame& f = r.top();
    return f.pool->localCache(f.slot, m_index, m_spec.capacity);
}

void Cache::accept(std::uint32_t id) {
    Request& r = m_context.requests[id];
    if (!m_spec.hitRatio)
        r.cacheKeys[r.cacheDepth] = r.key >= 0 ? r.key : m_zipf->sample(m_engine);
    if (m_spec.placement == CachePlacement::Remote) ++m_context.counters.usage.remoteCacheReads;
    m_context.simulator.scheduleIn(fromMillis(m_spec.lookupMs->sample(m_engine) * slowdown()),
                                   &m_answered, 0, id);
}

void Cache::answered(const Event& event) {
    const auto id = static_cast<std::uint32_t>(event.payload);
    Request& r = m_context.requests[id];
    const Time now = m_context.now();
    r.book(TimeCategory::Cache, now);
    bool hit;
    if (down() || drawsError()) {
        hit = false;  // a cache that is down or failing answers nothing: the caller does the work
    } else if (m_spec.hitRatio) {
        boost::random::uniform_01<double> uniform;
        hit = uniform(m_engine) < *m_spec.hitRatio;
    } else {
        hit = storeFor(r).lookup(r.cacheKeys[r.cacheDepth], now);
    }
    ++(hit ? m_hitsInWindow : m_missesInWindow);
    m_context.counters.countLookup(r, hit);
    if (hit)
        m_context.flow.resumeAfterHit(id);
    else
        m_context.flow.resume(id);
}

void Cache::fill(std::uint32_t id) {
    const Request& r = m_context.requests[id];
    if (!m_spec.hitRatio) {
        const Time expires =
            m_spec.ttlS ? m_context.now() + fromSeconds(*m_spec.ttlS) : kTimeInfinity;
        storeFor(r).insert(r.cacheKeys[r.cacheDepth], expires);
    }
    if (m_spec.placement == CachePlacement::Remote) ++m_context.counters.usage.remoteCacheWrites;
}

void Cache::flush() {
    // Only the shared store can be flushed from outside; in-process stores live in each slot
    // (the validator refuses a flush of an in-process cache).
    m_shared.clear();
    for (LruCache& store : m_regional) store.clear();
}

bool Cache::fillGauge(ComponentGauge& gauge, WindowTotals& totals, Time, Time) {
    const std::uint64_t lookups = m_hitsInWindow + m_missesInWindow;
    gauge.hitRatio =
        lookups ? static_cast<double>(m_hitsInWindow) / static_cast<double>(lookups) : -1;
    totals.cacheHits += m_hitsInWindow;
    totals.cacheLookups += lookups;
    m_hitsInWindow = m_missesInWindow = 0;
    return true;
}

}  // namespace archsim
