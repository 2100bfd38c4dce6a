// SPDX-License-Identifier: GPL-3.0-or-later
// Tests sim/model/components/objectstore.h directly, and the two pieces the upload story needs
// around it: a function pool's payload limit and the client's steps after the response
// (sim/model/components/client.h). A probe pool runs one put or get step per request; the store's
// PUT takes 10 ms and a GET 5 ms besides the bytes, which move at 20 MB/s unless the step says
// otherwise; sizes are decimal (1000 KB = 1 MB), so 2000 KB takes 100 ms. The logs of how each
// request ended ("110 ms #0 done") and when each job began ("110 ms job of 1000") are worked out
// by hand.
#include <QtTest>
#include <sstream>

#include "sim/model/components/client.h"
#include "sim/model/components/componentharness.h"
#include "sim/model/components/functionpool.h"
#include "sim/model/components/objectstore.h"
#include "sim/model/components/queue.h"
#include "sim/model/jobrecorder.h"
#include "sim/model/requestflow.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

ObjectStoreSpec storeSpec() {
    ObjectStoreSpec spec;
    spec.id = std::string("uploads");
    spec.putMs = makeConstant(10);
    spec.getMs = makeConstant(5);
    spec.bandwidthMbPerS = makeConstant(20);
    spec.retentionDays = 15;
    return spec;
}

HandlerStep storeStep(HandlerStep::Kind kind, DistributionPtr bandwidth = nullptr,
                      std::optional<double> timeoutMs = std::nullopt) {
    HandlerStep step;
    step.kind = kind;
    step.target = std::string("uploads");
    step.bandwidthMbPerS = std::move(bandwidth);
    step.timeoutMs = timeoutMs;
    return step;
}

/// Logs "<t> ms job of <KB>" for each job that calls it, and returns at once.
class JobProbe final : public Component {
public:
    JobProbe(ModelContext& context, std::vector<std::string>& log)
        : Component(context, ComponentKind::Hop, "probe"), m_log(log) {}
    void accept(std::uint32_t id) override {
        std::ostringstream line;
        line << toMillis(m_context.now()) << " ms job of " << m_context.requests[id].payloadKb;
        m_log.push_back(line.str());
        m_context.flow.resume(id);
    }

private:
    std::vector<std::string>& m_log;
};

/// The store, a queue, a probe and a function pool, resolved by id as the topology builder does.
struct Wiring {
    ComponentHarness h;
    JobRecorder jobs{fromSeconds(1)};
    ObjectStoreSpec spec = storeSpec();
    QueueSpec queueSpec;
    std::unique_ptr<ObjectStore> store;
    std::unique_ptr<Queue> queue;
    JobProbe probe{h.context, h.log};
    std::vector<std::unique_ptr<Component>> others;

    Wiring() {
        h.context.jobs = &jobs;
        queueSpec.id = std::string("jobs");
        queueSpec.enqueueMs = makeConstant(0);
        queue = std::make_unique<Queue>(h.context, queueSpec);
    }
    ComponentResolver resolver() {
        return [this](const std::string& id) -> Component* {
            if (id == "uploads") return store.get();
            if (id == "jobs") return queue.get();
            if (id == "probe") return &probe;
            for (const auto& c : others)
                if (c->id() == id) return c.get();
            throw std::invalid_argument(id);
        };
    }
    /// Builds the store (after `spec` is set) and connects it.
    void build() {
        store = std::make_unique<ObjectStore>(h.context, spec);
        store->connect(resolver());
    }
    /// A pool running `steps` for each request it is handed.
    ProbePool& pool(std::vector<HandlerStep> steps) {
        auto p = std::make_unique<ProbePool>(h.context, std::move(steps));
        p->connect(resolver());
        auto& ref = *p;
        pools.push_back(std::move(p));
        return ref;
    }
    std::vector<std::unique_ptr<ProbePool>> pools;
};

FunctionPoolSpec functionSpec(const std::string& id, std::vector<HandlerStep> handler) {
    FunctionPoolSpec f;
    f.id = id;
    f.coldStartMs = makeConstant(0);
    f.keepAliveS = makeConstant(600);
    f.handler = std::move(handler);
    return f;
}

HandlerStep cpu(double ms) {
    HandlerStep step;
    step.kind = HandlerStep::Kind::Cpu;
    step.cpuMs = makeConstant(ms);
    return step;
}

HandlerStep callProbe() {
    HandlerStep step;
    step.kind = HandlerStep::Kind::Call;
    step.target = std::string("probe");
    return step;
}

}  // namespace

class TestObjectStore : public QObject {
    Q_OBJECT
private slots:
    void testPutAndGetTakeBaseLatencyPlusSizeOverBandwidth() {
        Wiring w;
        w.build();
        ProbePool& putter = w.pool({storeStep(HandlerStep::Kind::Put)});
        ProbePool& getter = w.pool({storeStep(HandlerStep::Kind::Get)});
        ProbePool& slowPutter = w.pool({storeStep(HandlerStep::Kind::Put, makeConstant(4))});
        w.h.send(putter, 0, 2000);      // 10 + 2 MB / 20 MB/s = 110 ms
        w.h.send(getter, 0, 2000);      // 5 + 100 = 105 ms
        w.h.send(slowPutter, 0, 2000);  // the step's 4 MB/s: 10 + 500 = 510 ms
        w.h.send(putter, 20, 0);        // an empty object: the base latency only
        w.h.run();
        QCOMPARE(w.h.logList(), QStringList({"30 ms #3 done", "105 ms #1 done", "110 ms #0 done",
                                             "510 ms #2 done"}));
        const UsageTotals& u = w.h.counters.usage;
        QCOMPARE(u.storagePuts, 3u);
        QCOMPARE(u.storageGets, 1u);
        // 4 MB uploaded, kept 15 days: 0.004 GB x 15 / 30 = 0.002 GB-months.
        QCOMPARE(u.storageGbMonths, 0.002);
        QCOMPARE(u.storageEgressGb, 0.0);  // a pool's GET stays in the region
    }

    void testPutEventQueuesAMessage() {
        Wiring w;
        w.spec.onPut = StoreEventSpec{.queue = "jobs", .function = ""};
        w.build();
        ProbePool& putter = w.pool({storeStep(HandlerStep::Kind::Put)});
        ProbePool& getter = w.pool({storeStep(HandlerStep::Kind::Get)});
        w.h.send(putter, 0, 1000);  // 60 ms
        w.h.send(putter, 5, 3000);  // 5 + 160 = 165 ms
        w.h.send(getter, 0, 1000);  // a GET raises nothing
        w.h.run();
        QCOMPARE(w.h.logList(), QStringList({"55 ms #2 done", "60 ms #0 done", "165 ms #1 done"}));
        QCOMPARE(w.queue->visible(), 2u);
        QCOMPARE(w.jobs.figures(1).enqueued, 2u);
        QCOMPARE(w.store->eventQueue(), w.queue.get());
        QVERIFY(!w.store->ownsEventQueue());
    }

    void testPutEventInvokesAFunction() {
        Wiring w;
        const FunctionPoolSpec fnSpec = functionSpec("thumbs", {callProbe(), cpu(10)});
        w.others.push_back(std::make_unique<FunctionPool>(w.h.context, fnSpec));
        w.others.back()->connect(w.resolver());
        w.spec.onPut = StoreEventSpec{.queue = "", .function = "thumbs"};
        w.build();
        QVERIFY(w.store->ownsEventQueue());
        w.store->beginMeasurement();
        ProbePool& putter = w.pool({storeStep(HandlerStep::Kind::Put)});
        w.h.send(putter, 0, 1000);  // stored at 60 ms: the job starts then, works 10 ms
        w.h.runUntil(1000);
        QCOMPARE(w.h.logList(), QStringList({"60 ms #0 done", "60 ms job of 1000"}));
        const JobFigures f = w.jobs.figures(1);
        QCOMPARE(f.enqueued, 1u);
        QCOMPARE(f.completed, 1u);
        QCOMPARE(f.latency.max(), fromMillis(10));
    }

    void testUploadCutOffByATimeoutStoresNothing() {
        Wiring w;
        w.spec.onPut = StoreEventSpec{.queue = "jobs", .function = ""};
        w.build();
        // The uploader gives up after 50 ms; the 2 MB would take 110 ms.
        ProbePool& putter = w.pool({storeStep(HandlerStep::Kind::Put, nullptr, 50.0)});
        w.h.send(putter, 0, 2000);
        w.h.send(putter, 0, 500);  // 35 ms: in time
        w.h.run();
        QCOMPARE(w.h.logList(), QStringList({"35 ms #1 done", "50 ms #0 timed out"}));
        QCOMPARE(w.h.counters.usage.storagePuts, 1u);
        QCOMPARE(w.queue->visible(), 1u);  // only the upload that finished raised an event
    }

    void testFunctionPayloadLimitRejectsBeforeAnInstanceIsTaken() {
        Wiring w;
        FunctionPoolSpec spec = functionSpec("api", {cpu(5)});
        spec.payloadLimitKb = 6000;
        FunctionPool fn(w.h.context, spec);
        fn.connect(w.resolver());
        w.h.send(fn, 0, 7000);
        w.h.send(fn, 1, 6000);  // at the limit: served
        w.h.runUntil(1000);     // before the instance's keep-alive ends
        QCOMPARE(w.h.logList(), QStringList({"0 ms #0 payload too large", "6 ms #1 done"}));
        QCOMPARE(fn.alive(), 1);  // one instance, started for the request that fitted
    }

    void testClientUploadsAfterTheResponseHoldingNoInstance() {
        Wiring w;
        w.build();
        // The entry signs a URL in 5 ms; then the client uploads 2 MB over its 4 MB/s uplink.
        const FunctionPoolSpec spec = functionSpec("api", {cpu(5)});
        auto fn = std::make_unique<FunctionPool>(w.h.context, spec);
        FunctionPool& api = *fn;
        w.others.push_back(std::move(fn));
        api.connect(w.resolver());
        const std::vector<HandlerStep> after{storeStep(HandlerStep::Kind::Put, makeConstant(4))};
        Client client(w.h.context, api, after, w.resolver());
        w.h.send(client, 0, 2000);
        w.h.runUntil(100);
        QCOMPARE(api.busy(), 0);  // the instance was given back at 5 ms
        w.h.run();
        // 5 ms in the function, then 10 + 500 ms of upload: the user waits for both.
        QCOMPARE(w.h.logList(), QStringList({"515 ms #0 done"}));
        QCOMPARE(w.h.counters.usage.functionBilledSeconds, 0.005);
        QCOMPARE(w.h.counters.usage.storagePuts, 1u);
    }

    void testClientGetLeavesForTheInternet() {
        Wiring w;
        w.build();
        const FunctionPoolSpec spec = functionSpec("api", {cpu(1)});
        w.others.push_back(std::make_unique<FunctionPool>(w.h.context, spec));
        Component& api = *w.others.back();
        api.connect(w.resolver());
        Client client(w.h.context, api, {storeStep(HandlerStep::Kind::Get)}, w.resolver());
        w.h.send(client, 0, 500);
        w.h.run();
        QCOMPARE(w.h.logList(), QStringList({"31 ms #0 done"}));  // 1 + 5 + 25 ms
        QCOMPARE(w.h.counters.usage.storageEgressGb, 0.0005);
    }
};

QTEST_APPLESS_MAIN(TestObjectStore)
#include "tst_objectstore.moc"
