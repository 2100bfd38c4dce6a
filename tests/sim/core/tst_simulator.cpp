// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>
#include <thread>
#include <vector>

#include "sim/core/simulator.h"

using namespace archsim;

namespace {

// Logs (time, kind) of every event it receives and can schedule follow-ups.
template <class Sim>
struct LoggingHandler final : EventHandler {
    explicit LoggingHandler(Sim& s) : sim(s) {}
    void handleEvent(const Event& e) override {
        log.emplace_back(sim.now(), e.kind);
        if (e.kind == 99) sim.scheduleIn(10, this, 100);  // a follow-up 10 ns later
        if (e.kind == 7) sim.scheduleIn(1, this, 7);      // an endless chain, to test stopping
    }
    Sim& sim;
    std::vector<std::pair<Time, std::uint32_t>> log;
};

}  // namespace

class TestSimulator : public QObject {
    Q_OBJECT

    template <class Sim>
    static void checkEqualTimesFireInInsertionOrder() {
        Sim sim;
        LoggingHandler<Sim> h(sim);
        sim.schedule(50, &h, 3);
        sim.schedule(20, &h, 1);
        sim.schedule(50, &h, 4);
        sim.schedule(20, &h, 2);
        sim.schedule(50, &h, 5);
        while (sim.step()) {
        }
        const std::vector<std::pair<Time, std::uint32_t>> expected{
            {20, 1}, {20, 2}, {50, 3}, {50, 4}, {50, 5}};
        QCOMPARE(h.log, expected);
        QCOMPARE(sim.eventsProcessed(), std::uint64_t{5});
    }

private slots:
    void testEqualTimesFireInInsertionOrder() {
        checkEqualTimesFireInInsertionOrder<BasicSimulator<QuaternaryHeap>>();
        checkEqualTimesFireInInsertionOrder<BasicSimulator<BinaryHeap>>();
    }

    void testRunUntilStopsAtHorizonAndAdvancesClock() {
        Simulator sim;
        LoggingHandler<Simulator> h(sim);
        sim.schedule(10, &h, 1);
        sim.schedule(30, &h, 2);
        sim.schedule(31, &h, 3);
        QVERIFY(sim.runUntil(30));  // inclusive horizon
        QCOMPARE(h.log.size(), std::size_t{2});
        QCOMPARE(sim.now(), Time{30});
        QCOMPARE(sim.nextEventTime(), Time{31});
        QVERIFY(sim.runUntil(100));
        QCOMPARE(sim.now(), Time{100});
        QCOMPARE(sim.pendingEvents(), std::size_t{0});
    }

    void testHandlersScheduleRelativeToNow() {
        Simulator sim;
        LoggingHandler<Simulator> h(sim);
        sim.schedule(5, &h, 99);
        sim.runUntil(1000);
        QCOMPARE(h.log.size(), std::size_t{2});
        QCOMPARE(h.log[1], (std::pair<Time, std::uint32_t>{15, 100}));
    }

    void testSchedulingInThePastIsClampedToNow() {
        Simulator sim;
        LoggingHandler<Simulator> h(sim);
        sim.runUntil(100);
        sim.schedule(40, &h, 1);
        sim.step();
        QCOMPARE(h.log.front().first, Time{100});
    }

    void testStopFromAnotherThreadEndsRun() {
        Simulator sim;
        LoggingHandler<Simulator> h(sim);
        sim.schedule(0, &h, 7);  // never ends by itself
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            sim.requestStop();
        });
        const bool finished = sim.runUntil(kTimeInfinity - 1);
        stopper.join();
        QVERIFY2(!finished, "runUntil must report that it was stopped");
        QVERIFY(sim.stopRequested());
        QVERIFY(sim.eventsProcessed() > 0);
    }

    void testExternalStopFlagIsWatched() {
        std::atomic<bool> flag{false};
        Simulator sim;
        sim.useStopFlag(flag);
        LoggingHandler<Simulator> h(sim);
        sim.schedule(0, &h, 7);
        flag = true;
        QVERIFY(!sim.runUntil(1000));
        QCOMPARE(sim.eventsProcessed(), std::uint64_t{0});
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
