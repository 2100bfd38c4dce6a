// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A cache in front of slower work: a lookup takes its latency, then hits or misses. With a fixed
// hit ratio a hit is a coin toss; otherwise keys are drawn from a Zipf popularity and hits emerge
// from an LRU of the given capacity (and TTL). A remote cache is one shared store reached over the
// network; an in-process cache lives in each instance or replica (the pool holds it), so a new
// instance starts cold.

#include <memory>
#include <vector>

#include "sim/core/eventmethod.h"
#include "sim/model/component.h"
#include "sim/model/lrucache.h"
#include "sim/model/zipf.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class Cache final : public Component {
public:
    /// `index` tells this cache's in-process stores apart in a pool's slots.
    Cache(ModelContext& context, const CacheSpec& spec, std::uint32_t index);

    /// Looks up the key of the request's current cache step (Request::cacheDepth).
    void accept(std::uint32_t request) override;
    /// Stores the key of the request's current cache step, after its miss steps ran.
    void fill(std::uint32_t request);
    bool fillGauge(ComponentGauge& gauge, WindowTotals& totals, Time start, Time end) override;

private:
    void flush() override;
    void answered(const Event& event);
    LruCache& storeFor(const Request& r);

    const CacheSpec& m_spec;
    std::uint32_t m_index;
    std::unique_ptr<ZipfSampler> m_zipf;
    RandomEngine m_engine;
    LruCache m_shared{0};  // remote placement: the one shared store
    std::vector<LruCache> m_regional;  // remote at the edge: one store per client region
    std::uint64_t m_hitsInWindow = 0, m_missesInWindow = 0;
    EventMethod<Cache, &Cache::answered> m_answered{*this};
};

}  // namespace archsim
