// SPDX-License-Identifier: GPL-3.0-or-later
// Tests the consumers of a queue (sim/model/components/queuetrigger.h, and a server pool that
// polls): a function pool invoked with batches (batch size, batch window, maximum concurrency)
// and a server pool whose idle workers each take a message. Each job's handler first calls a
// probe that logs when the job began and how many messages it holds (every message is 1 KB), then
// works 10 ms; the logs are worked out by hand.
#include <QtTest>
#include <sstream>

#include "sim/model/components/componentharness.h"
#include "sim/model/components/functionpool.h"
#include "sim/model/components/queue.h"
#include "sim/model/components/serverpool.h"
#include "sim/model/jobrecorder.h"
#include "sim/model/requestflow.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

/// Logs "<t> ms job of <n>" for each job that calls it ("<t> ms request" for a request), and
/// returns at once.
class JobProbe final : public Component {
public:
    JobProbe(ModelContext& context, std::vector<std::string>& log)
        : Component(context, ComponentKind::Hop, "probe"), m_log(log) {}
    void accept(std::uint32_t id) override {
        std::ostringstream line;
        const Request& r = m_context.requests[id];
        line << toMillis(m_context.now()) << " ms ";
        if (r.queue)
            line << "job of " << r.payloadKb;
        else
            line << "request";
        m_log.push_back(line.str());
        m_context.flow.resume(id);
    }

private:
    std::vector<std::string>& m_log;
};

std::vector<HandlerStep> probeThenWork() {
    HandlerStep call;
    call.kind = HandlerStep::Kind::Call;
    call.target = std::string("probe");
    HandlerStep cpu;
    cpu.kind = HandlerStep::Kind::Cpu;
    cpu.cpuMs = makeConstant(10);
    return {call, cpu};
}

QueueSpec instantQueue(double visibilityTimeoutS) {
    QueueSpec spec;
    spec.visibilityTimeoutS = visibilityTimeoutS;
    spec.id = std::string("q");
    spec.enqueueMs = makeConstant(0);
    return spec;
}

FunctionPoolSpec triggered(int batchSize, double windowS, std::optional<int> maxConcurrency) {
    FunctionPoolSpec f;
    f.id = std::string("fn");
    f.coldStartMs = makeConstant(0);
    f.keepAliveS = makeConstant(600);
    f.trigger = QueueTriggerSpec{};
    f.trigger->queue = std::string("q");
    f.trigger->batchSize = batchSize;
    f.trigger->batchWindowS = windowS;
    f.trigger->maxConcurrency = maxConcurrency;
    f.handler = probeThenWork();
    return f;
}

/// The queue, the probe and a consumer wired as the topology builder wires them.
struct Wiring {
    ComponentHarness h;
    JobRecorder jobs{fromSeconds(1)};
    QueueSpec queueSpec;
    Queue queue;
    JobProbe probe{h.context, h.log};
    explicit Wiring(double visibilityTimeoutS = 30)
        : queueSpec(instantQueue(visibilityTimeoutS)), queue(h.context, queueSpec) {
        h.context.jobs = &jobs;
    }
    ComponentResolver resolver() {
        return [this](const std::string& id) -> Component* {
            if (id == "q") return &queue;
            if (id == "probe") return &probe;
            throw std::invalid_argument(id);
        };
    }
};

}  // namespace

class TestQueueConsumers : public QObject {
    Q_OBJECT
private slots:
    void testBatchSizeAndWindow() {
        Wiring w;
        const FunctionPoolSpec spec = triggered(3, 0.05, 1);
        FunctionPool fn(w.h.context, spec);
        fn.connect(w.resolver());
        w.queue.beginMeasurement();
        for (int i = 0; i < 5; ++i) w.h.send(w.queue, i, 1);
        w.h.run();
        QStringList jobs;
        for (const QString& line : w.h.logList())
            if (line.contains("job of")) jobs << line;
        // m0 opens a 50 ms window; the third message fills the batch at 2 ms. The two left wait
        // for the invocation (one at a time) to end at 12 ms, then for a window of their own.
        QCOMPARE(jobs, QStringList({"2 ms job of 3", "62 ms job of 2"}));
        QCOMPARE(w.jobs.figures(1).completed, 5u);
    }

    void testNoWindowSendsWhatIsThere() {
        Wiring w;
        const FunctionPoolSpec spec = triggered(10, 0, 1);
        FunctionPool fn(w.h.context, spec);
        fn.connect(w.resolver());
        for (int i = 0; i < 4; ++i) w.h.send(w.queue, i * 4, 1);
        w.h.run();
        QStringList jobs;
        for (const QString& line : w.h.logList())
            if (line.contains("job of")) jobs << line;
        // Without a window a message goes at once; those arriving meanwhile make the next batch.
        QCOMPARE(jobs, QStringList({"0 ms job of 1", "10 ms job of 2", "20 ms job of 1"}));
    }

    void testMaximumConcurrency() {
        Wiring w;
        const FunctionPoolSpec spec = triggered(1, 0, 2);
        FunctionPool fn(w.h.context, spec);
        fn.connect(w.resolver());
        for (int i = 0; i < 5; ++i) w.h.send(w.queue, 0, 1);
        w.h.runUntil(1000);  // before the instances' keep-alive ends
        QStringList jobs;
        for (const QString& line : w.h.logList())
            if (line.contains("job of")) jobs << line;
        QCOMPARE(jobs, QStringList({"0 ms job of 1", "0 ms job of 1", "10 ms job of 1",
                                    "10 ms job of 1", "20 ms job of 1"}));
        QCOMPARE(fn.alive(), 2);
    }

    void testThrottledBatchIsReceivedAgain() {
        // One instance at most, while the trigger allows two invocations: the second is
        // throttled, and its message comes back after the visibility timeout.
        Wiring w(0.1);
        FunctionPoolSpec spec = triggered(1, 0, 2);
        spec.maxInstances = 1;
        FunctionPool fn(w.h.context, spec);
        fn.connect(w.resolver());
        w.queue.beginMeasurement();
        w.h.send(w.queue, 0, 1);
        w.h.send(w.queue, 0, 1);
        w.h.run();
        QStringList jobs;
        for (const QString& line : w.h.logList())
            if (line.contains("job of")) jobs << line;
        QCOMPARE(jobs, QStringList({"0 ms job of 1", "100 ms job of 1"}));
        const JobFigures f = w.jobs.figures(1);
        QCOMPARE(f.failedReceives, 1u);
        QCOMPARE(f.completed, 2u);
        // Throttled jobs are not request errors.
        QCOMPARE(w.h.counters.errors[static_cast<std::size_t>(ErrorReason::Throttled)], 0u);
    }

    void testPollingWorkers() {
        Wiring w;
        ServerPoolSpec spec;
        spec.id = std::string("workers");
        spec.replicas = 1;
        spec.workersPerReplica = 2;
        spec.polls = std::string("q");
        spec.handler = probeThenWork();
        ServerPool pool(w.h.context, spec);
        pool.connect(w.resolver());
        pool.start();
        for (int i = 0; i < 3; ++i) w.h.send(w.queue, 0, 1);
        w.h.send(pool, 5);  // a request waits for a worker, and goes before the message left
        w.h.run();
        QCOMPARE(w.h.logList(),
                 QStringList({"0 ms job of 1", "0 ms #0 done", "0 ms job of 1", "0 ms #1 done",
                              "0 ms #2 done", "10 ms request", "10 ms job of 1", "20 ms #3 done"}));
        QCOMPARE(pool.busy(), 0);
        QCOMPARE(w.jobs.figures(1).completed, 3u);
    }
};

QTEST_GUILESS_MAIN(TestQueueConsumers)
#include "tst_queueconsumers.moc"
