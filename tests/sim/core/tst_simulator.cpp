// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>
#include <algorithm>
#include <map>
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

// Timers that can be superseded, as a keep-alive is: each event's payload names a timer, and
// only the timer's latest event is live. Logs what fires; a superseded event does nothing.
struct SupersededTimers final : EventHandler {
    explicit SupersededTimers(Simulator& s) : sim(s) {}
    void set(std::uint64_t timer, Time at) {
        const bool supersedes = latest.count(timer) > 0;
        latest[timer] = at;
        sim.schedule(at, this, 0, timer);
        if (supersedes) sim.noteStale();
    }
    bool stillPending(const Event& e) const override {
        const auto it = latest.find(e.payload);
        return it != latest.end() && it->second == e.time;
    }
    void handleEvent(const Event& e) override {
        if (!stillPending(e)) {
            ++staleFired;
            return;
        }
        latest.erase(e.payload);
        log.emplace_back(e.time, e.payload);
    }
    Simulator& sim;
    std::map<std::uint64_t, Time> latest;
    std::vector<std::pair<Time, std::uint64_t>> log;
    int staleFired = 0;
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

    void testAFiringEventIsNoLongerPending() {
        // The event firing stays in the heap until its handler schedules (see step()): what a
        // handler is told must not count it, before and after it schedules.
        Simulator simulator;
        struct Probe final : EventHandler {
            explicit Probe(Simulator& s) : sim(s) {}
            void handleEvent(const Event& e) override {
                seen.push_back({sim.pendingEvents(), sim.nextEventTime()});
                if (e.kind == 1) {
                    sim.scheduleIn(100, this, 2);
                    seen.push_back({sim.pendingEvents(), sim.nextEventTime()});
                }
            }
            Simulator& sim;
            std::vector<std::pair<std::size_t, Time>> seen;
        } probe(simulator);
        simulator.schedule(10, &probe, 1);
        simulator.schedule(20, &probe, 0);
        while (simulator.step()) {
        }
        const std::vector<std::pair<std::size_t, Time>> expected{
            {1, 20}, {2, 20}, {1, 110}, {0, kTimeInfinity}};
        QCOMPARE(probe.seen, expected);
        QCOMPARE(simulator.pendingEvents(), std::size_t{0});
    }

    void testStaleEventsAreDroppedOnceTheyAreHalfTheHeap() {
        // Ten timers, each moved earlier 100 times: 990 superseded events. Without dropping them
        // the heap would hold 1,000 events; with it, it never holds more than about twice the
        // live ones plus kDropStaleFrom. What fires is exactly each timer's last setting, in order.
        Simulator sim;
        SupersededTimers timers(sim);
        std::size_t peak = 0;
        for (int round = 0; round < 100; ++round)
            for (std::uint64_t timer = 0; timer < 10; ++timer) {
                timers.set(timer, 1'000'000 - round * 1000 - static_cast<Time>(timer));
                peak = std::max(peak, sim.pendingEvents());
            }
        QVERIFY2(peak <= 2 * (10 + Simulator::kDropStaleFrom), qPrintable(QString::number(peak)));
        while (sim.step()) {
        }
        QCOMPARE(timers.log.size(), std::size_t{10});
        for (std::uint64_t timer = 0; timer < 10; ++timer) {
            // Earliest first: the highest timer number was set earliest in the last round.
            const auto& [time, which] = timers.log[timer];
            QCOMPARE(which, 9 - timer);
            QCOMPARE(time, 1'000'000 - 99 * 1000 - static_cast<Time>(9 - timer));
        }
        // Every stale event either was dropped or fired and did nothing: none was live.
        QCOMPARE(sim.eventsProcessed(), std::uint64_t{10} + static_cast<std::uint64_t>(timers.staleFired));
        QVERIFY(timers.staleFired < 2 * static_cast<int>(Simulator::kDropStaleFrom));
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
