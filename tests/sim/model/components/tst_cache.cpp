// SPDX-License-Identifier: GPL-3.0-or-later
// The cache on its own, called from a probe handler: a miss runs the miss steps and fills, a hit
// skips them, a flush empties it, a cache that is down answers with misses.
#include "sim/model/components/cache.h"

#include "sim/model/components/componentharness.h"
#include "sim/model/components/networkhop.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

struct CacheBench {
    CacheBench() {
        spec.id = "cache";
        spec.lookupMs = makeConstant(1);
        spec.keys = 1;  // one key: after the first fill every lookup hits
        spec.capacity = 10;
        HandlerStep lookup;
        lookup.kind = HandlerStep::Kind::Cache;
        lookup.target = "cache";
        HandlerStep miss;
        miss.kind = HandlerStep::Kind::Call;
        miss.target = "origin";
        lookup.onMiss = {miss};
        cache = std::make_unique<Cache>(h.context, spec, 0);
        origin = std::make_unique<NetworkHop>(h.context, originSpec);
        probe = std::make_unique<ProbePool>(h.context, std::vector<HandlerStep>{lookup});
        probe->connect([this](const std::string& id) -> Component* {
            return id == "cache" ? static_cast<Component*>(cache.get()) : origin.get();
        });
    }
    ComponentHarness h;
    CacheSpec spec;
    NetworkHopSpec originSpec{"origin", makeConstant(10)};
    std::unique_ptr<Cache> cache;
    std::unique_ptr<NetworkHop> origin;
    std::unique_ptr<ProbePool> probe;
};

}  // namespace

class TestCache : public QObject {
    Q_OBJECT
private slots:
    void testMissFillsThenHits() {
        CacheBench b;
        b.h.send(*b.probe, 0);
        b.h.send(*b.probe, 20);
        b.h.run();
        // Miss: 1 ms lookup + 10 ms origin. Hit: 1 ms.
        QCOMPARE(b.h.logList(), QStringList({"11 ms #0 done", "21 ms #1 done"}));
        QCOMPARE(b.h.counters.hits, std::uint64_t{1});
        QCOMPARE(b.h.counters.misses, std::uint64_t{1});
        QCOMPARE(b.h.counters.usage.remoteCacheReads, std::uint64_t{2});
        QCOMPARE(b.h.counters.usage.remoteCacheWrites, std::uint64_t{1});
        ComponentGauge gauge;
        WindowTotals totals;
        QVERIFY(b.cache->fillGauge(gauge, totals, 0, fromSeconds(1)));
        QCOMPARE(gauge.hitRatio, 0.5);
        QCOMPARE(totals.cacheLookups, std::uint64_t{2});
    }

    void testFlushAndDownMakeMisses() {
        CacheBench b;
        b.h.send(*b.probe, 0);
        b.h.run();
        FailureSpec flush;
        flush.kind = FailureKind::CacheFlush;
        b.cache->beginFailure(flush);
        b.h.send(*b.probe, 20);  // the flush emptied it: a miss, filled again
        b.h.run();
        FailureSpec down;
        down.kind = FailureKind::Down;
        b.cache->beginFailure(down);
        b.h.send(*b.probe, 40);  // down: a miss although the key is there
        b.h.run();
        b.cache->endFailure(down);
        b.h.send(*b.probe, 60);  // back: a hit
        b.h.run();
        QCOMPARE(b.h.logList(), QStringList({"11 ms #0 done", "31 ms #1 done", "51 ms #2 done",
                                             "61 ms #3 done"}));
        QCOMPARE(b.h.counters.misses, std::uint64_t{3});
        QCOMPARE(b.h.counters.hits, std::uint64_t{1});
    }
};

QTEST_GUILESS_MAIN(TestCache)
#include "tst_cache.moc"
