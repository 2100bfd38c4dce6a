// SPDX-License-Identifier: GPL-3.0-or-later
// Tests sim/model/components/queue.h directly: sends at given times, a scripted consumer that
// receives messages one at a time and ends each job after a given time (finished or failed), and
// the log of what happened, worked out by hand: the senders' ends ("5 ms #0 done"), each receive
// ("5 ms receive m0") and each job's end ("15 ms m0 fails"). A message is told apart by its size:
// send k carries k KB, and a job's size is its messages'.
#include <QtTest>
#include <functional>
#include <map>
#include <sstream>

#include "sim/model/components/componentharness.h"
#include "sim/model/components/queue.h"
#include "sim/model/jobrecorder.h"
#include "sim/model/requestflow.h"

using namespace archsim;
using namespace archsim::testing;

namespace {

QueueSpec queueSpec(double enqueueMs) {
    QueueSpec spec;
    spec.id = std::string("q");
    spec.enqueueMs = makeConstant(enqueueMs);
    return spec;
}

/// Receives a message whenever it has a free slot; each job ends after what `script` says for
/// that message and receive (1 = the first): its length in ms and whether it finishes.
class ScriptedConsumer final : public QueueConsumer, public EventHandler {
public:
    using Script = std::function<std::pair<double, bool>(int message, int receive)>;
    ScriptedConsumer(ComponentHarness& h, Queue& queue, int capacity, Script script)
        : m_h(h), m_queue(queue), m_capacity(capacity), m_script(std::move(script)) {
        queue.addConsumer(*this);
    }
    void messagesAvailable() override {
        while (m_busy < m_capacity && m_queue.visible() > 0) {
            const std::uint32_t job = m_queue.receive(1, this);
            ++m_busy;
            const int message = static_cast<int>(m_h.requests[job].payloadKb);
            const int receive = ++m_receives[message];
            m_h.log.push_back(at() + "receive m" + std::to_string(message));
            const auto [ms, finishes] = m_script(message, receive);
            m_jobs.push_back({job, message, finishes});
            m_h.simulator.scheduleIn(fromMillis(ms), this, 0, m_jobs.size() - 1);
        }
    }
    void jobFinished() override {
        --m_busy;
        messagesAvailable();
    }
    void handleEvent(const Event& event) override {
        const Job job = m_jobs[event.payload];
        m_h.log.push_back(at() + "m" + std::to_string(job.message) +
                          (job.finishes ? " finishes" : " fails"));
        if (job.finishes)
            m_h.flow.resume(job.id);  // no frame: the job is done
        else
            m_h.flow.fail(job.id, ErrorReason::Failed);
    }

private:
    struct Job {
        std::uint32_t id;
        int message;
        bool finishes;
    };
    std::string at() const {
        std::ostringstream text;
        text << toMillis(m_h.simulator.now()) << " ms ";
        return text.str();
    }
    ComponentHarness& m_h;
    Queue& m_queue;
    int m_capacity;
    Script m_script;
    int m_busy = 0;
    std::map<int, int> m_receives;
    std::vector<Job> m_jobs;
};

const auto kResolveNothing = [](const std::string& id) -> Component* {
    throw std::invalid_argument("no component " + id);
};

}  // namespace

class TestQueue : public QObject {
    Q_OBJECT
private slots:
    void testEnqueueLatencyThenOneJobAtATime() {
        ComponentHarness h;
        JobRecorder jobs(fromSeconds(1));
        h.context.jobs = &jobs;
        const QueueSpec spec = queueSpec(5);
        Queue queue(h.context, spec);
        queue.connect(kResolveNothing);
        ScriptedConsumer consumer(h, queue, 1, [](int, int) { return std::pair{10.0, true}; });
        queue.beginMeasurement();
        h.send(queue, 0, 0);
        h.send(queue, 1, 1);
        h.send(queue, 2, 2);
        h.run();
        // Each send returns once the queue has taken it (5 ms); a message waits for the consumer.
        QCOMPARE(h.logList(),
                 QStringList({"5 ms receive m0", "5 ms #0 done", "6 ms #1 done", "7 ms #2 done",
                              "15 ms m0 finishes", "15 ms receive m1", "25 ms m1 finishes",
                              "25 ms receive m2", "35 ms m2 finishes"}));
        const JobFigures f = jobs.figures(1);
        QCOMPARE(f.enqueued, 3u);
        QCOMPARE(f.completed, 3u);
        // Taken at 5, 6, 7 ms; done at 15, 25, 35 ms: 10, 19 and 28 ms.
        QCOMPARE(f.latency.min(), fromMillis(10));
        QCOMPARE(f.latency.max(), fromMillis(28));
        QCOMPARE(f.latency.mean(), 19e6);
        // Waits to the first receive: 0, 9 and 18 ms.
        QCOMPARE(f.meanWaitS, 0.009);
        QCOMPARE(queue.held(), 0u);
    }

    void testDeliveryDelay() {
        ComponentHarness h;
        QueueSpec spec = queueSpec(5);
        spec.deliveryDelayS = 0.1;
        Queue queue(h.context, spec);
        ScriptedConsumer consumer(h, queue, 1, [](int, int) { return std::pair{10.0, true}; });
        h.send(queue, 0, 0);
        h.run();
        QCOMPARE(h.logList(),
                 QStringList({"5 ms #0 done", "105 ms receive m0", "115 ms m0 finishes"}));
    }

    void testFailedJobIsReceivedAgainAfterTheVisibilityTimeout() {
        ComponentHarness h;
        JobRecorder jobs(fromSeconds(1));
        h.context.jobs = &jobs;
        QueueSpec spec = queueSpec(5);
        spec.visibilityTimeoutS = 0.05;
        Queue queue(h.context, spec);
        ScriptedConsumer consumer(h, queue, 1, [](int, int receive) {
            return std::pair{10.0, receive > 1};
        });
        queue.beginMeasurement();
        h.send(queue, 0, 0);
        h.run();
        // Received at 5 ms, its job fails at 15; invisible until 5 + 50 = 55 ms.
        QCOMPARE(h.logList(), QStringList({"5 ms receive m0", "5 ms #0 done", "15 ms m0 fails",
                                           "55 ms receive m0", "65 ms m0 finishes"}));
        const JobFigures f = jobs.figures(1);
        QCOMPARE(f.failedReceives, 1u);
        QCOMPARE(f.completed, 1u);
        QCOMPARE(f.latency.max(), fromMillis(60));  // from the first take at 5 ms
    }

    void testJobOutlivingItsVisibilityLosesTheMessage() {
        ComponentHarness h;
        JobRecorder jobs(fromSeconds(1));
        h.context.jobs = &jobs;
        QueueSpec spec = queueSpec(5);
        spec.visibilityTimeoutS = 0.05;
        Queue queue(h.context, spec);
        ScriptedConsumer consumer(h, queue, 2, [](int, int receive) {
            return std::pair{receive == 1 ? 80.0 : 10.0, true};
        });
        queue.beginMeasurement();
        h.send(queue, 0, 0);
        h.run();
        // At 55 ms the first job is still running: the message is visible again and received by
        // the other slot. The first job's late finish deletes nothing; the second one's does.
        QCOMPARE(h.logList(), QStringList({"5 ms receive m0", "5 ms #0 done", "55 ms receive m0",
                                           "65 ms m0 finishes", "85 ms m0 finishes"}));
        const JobFigures f = jobs.figures(1);
        QCOMPARE(f.failedReceives, 1u);
        QCOMPARE(f.completed, 1u);
        QCOMPARE(f.latency.max(), fromMillis(60));
        QCOMPARE(queue.held(), 0u);
    }

    void testMaxReceivesThenDeadLetter() {
        ComponentHarness h;
        JobRecorder jobs(fromSeconds(1));
        h.context.jobs = &jobs;
        QueueSpec spec = queueSpec(5);
        spec.visibilityTimeoutS = 0.05;
        spec.maxReceives = 2;
        spec.deadLetter = std::string("dlq");
        const QueueSpec dlqSpec = queueSpec(1);
        QueueSpec dlqNamed = dlqSpec;
        dlqNamed.id = std::string("dlq");
        Queue queue(h.context, spec);
        Queue dlq(h.context, dlqNamed);
        queue.connect([&](const std::string& id) -> Component* {
            if (id == "dlq") return &dlq;
            throw std::invalid_argument(id);
        });
        ScriptedConsumer consumer(h, queue, 1, [](int, int) { return std::pair{10.0, false}; });
        queue.beginMeasurement();
        h.send(queue, 0, 0);
        h.run();
        // Two receives fail; at the second one's timeout (55 + 50 = 105 ms) it is dead-lettered.
        QCOMPARE(h.logList(), QStringList({"5 ms receive m0", "5 ms #0 done", "15 ms m0 fails",
                                           "55 ms receive m0", "65 ms m0 fails"}));
        const JobFigures f = jobs.figures(1);
        QCOMPARE(f.failedReceives, 2u);
        QCOMPARE(f.deadLettered, 1u);
        QCOMPARE(f.completed, 0u);
        QCOMPARE(queue.held(), 0u);
        // Moved without an enqueue latency, keeping the time it was first taken.
        QCOMPARE(dlq.visible(), 1u);
        QCOMPARE(dlq.oldestVisibleSince(), fromMillis(5));
        QCOMPARE(h.simulator.now(), fromMillis(105));
    }

    void testDepthBoundRefusesSendsBeyondIt() {
        ComponentHarness h;
        QueueSpec spec = queueSpec(5);
        spec.maxDepth = 2;
        Queue queue(h.context, spec);
        h.send(queue, 0, 0);
        h.send(queue, 1, 1);
        h.send(queue, 2, 2);  // two held (one being taken still counts): full
        h.send(queue, 10, 3);
        h.run();
        QCOMPARE(h.logList(), QStringList({"2 ms #2 queue full", "5 ms #0 done", "6 ms #1 done",
                                           "10 ms #3 queue full"}));
        QCOMPARE(queue.held(), 2u);
        QCOMPARE(h.counters.errors[static_cast<std::size_t>(ErrorReason::QueueFull)], 2u);
    }

    void testOrderOfAMessageVisibleAgain_data() {
        QTest::addColumn<bool>("fifo");
        QTest::addColumn<QStringList>("expected");
        // m0's job fails at 10 ms; m0 is visible again at 5 + 20 = 25 ms, behind m2 (visible
        // since 7 ms). When m1's job ends at 28 ms, best-effort takes m2 (visible first), fifo m0
        // (taken first).
        const QStringList start{"5 ms receive m0",  "5 ms #0 done",   "6 ms #1 done",
                                "7 ms #2 done",     "10 ms m0 fails", "10 ms receive m1",
                                "28 ms m1 finishes"};
        QTest::newRow("best-effort")
            << false
            << start + QStringList{"28 ms receive m2", "33 ms m2 finishes", "33 ms receive m0",
                                   "38 ms m0 finishes"};
        QTest::newRow("fifo") << true
                              << start + QStringList{"28 ms receive m0", "33 ms m0 finishes",
                                                     "33 ms receive m2", "38 ms m2 finishes"};
    }
    void testOrderOfAMessageVisibleAgain() {
        QFETCH(bool, fifo);
        QFETCH(QStringList, expected);
        ComponentHarness h;
        QueueSpec spec = queueSpec(5);
        spec.visibilityTimeoutS = 0.02;
        spec.order = fifo ? QueueOrder::Fifo : QueueOrder::BestEffort;
        Queue queue(h.context, spec);
        ScriptedConsumer consumer(h, queue, 1, [](int message, int receive) {
            if (message == 0 && receive == 1) return std::pair{5.0, false};
            return std::pair{message == 1 ? 18.0 : 5.0, true};
        });
        h.send(queue, 0, 0);
        h.send(queue, 1, 1);
        h.send(queue, 2, 2);
        h.run();
        QCOMPARE(h.logList(), expected);
    }

    void testDownQueueRefusesSends() {
        ComponentHarness h;
        const QueueSpec spec = queueSpec(5);
        Queue queue(h.context, spec);
        FailureSpec down;
        down.kind = FailureKind::Down;
        queue.beginFailure(down);
        h.send(queue, 0, 0);
        h.run();
        QCOMPARE(h.logList(), QStringList({"0 ms #0 unavailable"}));
        QCOMPARE(queue.held(), 0u);
    }
};

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
