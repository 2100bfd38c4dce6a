// SPDX-License-Identifier: GPL-3.0-or-later
// One suite for every pending-event set: each must pop events in (time, sequence) order.
#include <QtTest>
#include <algorithm>
#include <random>
#include <vector>

#include "sim/core/eventqueue.h"

using namespace archsim;

class TestEventQueue : public QObject {
    Q_OBJECT

    template <EventQueue Q>
    static void checkOrdersByTimeThenSequence() {
        Q queue;
        std::mt19937_64 rng(42);
        std::vector<Event> pushed;
        // Few distinct times so that ties are common and the sequence must break them.
        for (std::uint64_t seq = 0; seq < 20'000; ++seq) {
            Event e;
            e.time = static_cast<Time>(rng() % 50);
            e.sequence = seq;
            pushed.push_back(e);
            queue.push(e);
        }
        QCOMPARE(queue.size(), pushed.size());
        std::stable_sort(pushed.begin(), pushed.end(), firesBefore);
        for (const Event& expected : pushed) {
            QVERIFY(!queue.empty());
            QCOMPARE(queue.top().time, expected.time);
            const Event e = queue.pop();
            QCOMPARE(e.time, expected.time);
            QCOMPARE(e.sequence, expected.sequence);
        }
        QVERIFY(queue.empty());
    }

    template <EventQueue Q>
    static void checkInterleavedPushPop() {
        // The engine's real pattern: pop one, push one or two later events. Compare against a
        // sorted-vector model after every operation.
        Q queue;
        std::vector<Event> model;
        std::mt19937_64 rng(7);
        std::uint64_t seq = 0;
        Time now = 0;
        for (int i = 0; i < 5'000; ++i) {
            const int pushes = static_cast<int>(rng() % 3);
            for (int k = 0; k < pushes; ++k) {
                Event e;
                e.time = now + static_cast<Time>(rng() % 100);
                e.sequence = seq++;
                queue.push(e);
                model.push_back(e);
            }
            if (!model.empty() && rng() % 2) {
                const Event e = queue.pop();
                QCOMPARE(e.sequence, takeEarliest(model).sequence);
                now = e.time;
            }
            QCOMPARE(queue.size(), model.size());
        }
    }

    /// Removes and returns the earliest event of a model of the heap.
    static Event takeEarliest(std::vector<Event>& model) {
        const auto it = std::min_element(model.begin(), model.end(), firesBefore);
        const Event e = *it;
        model.erase(it);
        return e;
    }

    template <EventQueue Q>
    static void checkReplaceTopEqualsPopThenPush() {
        // The simulator's pattern when an event schedules a follow-up: the top goes and a later
        // event comes in one operation. The heap grows past the bottom-up threshold for 2,000
        // operations and drains for the next 2,000, five times over, each operation checked
        // against a sorted-vector model.
        Q queue;
        std::vector<Event> model;
        std::mt19937_64 rng(11);
        std::uint64_t seq = 0;
        Time now = 0;
        std::size_t largest = 0;
        for (int i = 0; i < 20'000; ++i) {
            const bool growing = (i / 2'000) % 2 == 0;
            const auto op = rng() % 8;  // growing: 4 in 8 replace, 1 pops, 3 push; draining: pops
            if (!model.empty() && op < 4) {
                QCOMPARE(queue.top().sequence, takeEarliest(model).sequence);
                now = queue.top().time;
                const Event e{now + static_cast<Time>(rng() % 500), seq++, nullptr, 0, 0};
                queue.replaceTop(e);
                model.push_back(e);
            } else if (!model.empty() && (op == 4 || !growing)) {
                const Event e = queue.pop();
                QCOMPARE(e.sequence, takeEarliest(model).sequence);
                now = e.time;
            } else {
                const Event e{now + static_cast<Time>(rng() % 500), seq++, nullptr, 0, 0};
                queue.push(e);
                model.push_back(e);
            }
            QCOMPARE(queue.size(), model.size());
            largest = std::max(largest, model.size());
            // afterTop: the earliest event but the top, as the model has it.
            std::vector<Event> rest = model;
            if (!rest.empty()) takeEarliest(rest);
            if (rest.empty())
                QVERIFY(queue.afterTop() == nullptr);
            else
                QCOMPARE(queue.afterTop()->sequence, takeEarliest(rest).sequence);
        }
        QVERIFY(largest > 2 * QuaternaryHeap::kBottomUpFrom);
    }

    template <EventQueue Q>
    static void checkRemoveIfKeepsTheOrderOfTheRest() {
        // Drop a third of the events from heaps of every size up to a few hundred, then go on
        // pushing and popping: what is left must pop exactly as a sorted model of it does.
        for (const std::size_t size : {0, 1, 2, 3, 5, 6, 17, 64, 65, 300}) {
            Q queue;
            std::vector<Event> model;
            std::mt19937_64 rng(size + 1);
            std::uint64_t seq = 0;
            for (std::size_t i = 0; i < size; ++i) {
                Event e;
                e.time = static_cast<Time>(rng() % 1000);
                e.sequence = seq++;
                e.payload = rng() % 3;
                queue.push(e);
                model.push_back(e);
            }
            const auto dropped = [](const Event& e) { return e.payload == 0; };
            queue.removeIf(dropped);
            std::erase_if(model, dropped);
            QCOMPARE(queue.size(), model.size());
            for (int i = 0; i < 200; ++i) {
                Event e;
                e.time = static_cast<Time>(rng() % 1000);
                e.sequence = seq++;
                queue.push(e);
                model.push_back(e);
            }
            std::sort(model.begin(), model.end(), firesBefore);
            for (const Event& expected : model) {
                QVERIFY(!queue.empty());
                const Event e = queue.pop();
                QCOMPARE(e.sequence, expected.sequence);
            }
            QVERIFY(queue.empty());
        }
    }

private slots:
    void testQuaternaryHeapReplaceTopEqualsPopThenPush() {
        checkReplaceTopEqualsPopThenPush<QuaternaryHeap>();
    }
    void testBinaryHeapReplaceTopEqualsPopThenPush() { checkReplaceTopEqualsPopThenPush<BinaryHeap>(); }
    void testQuaternaryHeapRemoveIfKeepsTheOrderOfTheRest() {
        checkRemoveIfKeepsTheOrderOfTheRest<QuaternaryHeap>();
    }
    void testBinaryHeapRemoveIfKeepsTheOrderOfTheRest() {
        checkRemoveIfKeepsTheOrderOfTheRest<BinaryHeap>();
    }
    void testQuaternaryHeapOrdersByTimeThenSequence() {
        checkOrdersByTimeThenSequence<QuaternaryHeap>();
    }
    void testBinaryHeapOrdersByTimeThenSequence() { checkOrdersByTimeThenSequence<BinaryHeap>(); }
    void testQuaternaryHeapInterleavedPushPop() { checkInterleavedPushPop<QuaternaryHeap>(); }
    void testBinaryHeapInterleavedPushPop() { checkInterleavedPushPop<BinaryHeap>(); }
    void testPopsAcrossTheBottomUpThreshold() {
        // Deep heaps pop bottom-up, shallow ones sift down: draining a heap from well above
        // kBottomUpFrom to empty, with the last event often early (so it must climb back), must
        // pop in order on both sides of the threshold.
        for (const std::size_t size : {QuaternaryHeap::kBottomUpFrom - 1, QuaternaryHeap::kBottomUpFrom,
                                       QuaternaryHeap::kBottomUpFrom + 1, 4 * QuaternaryHeap::kBottomUpFrom + 3}) {
            QuaternaryHeap queue;
            std::vector<Event> pushed;
            for (std::uint64_t seq = 0; seq < size; ++seq) {
                Event e;
                // Decreasing times: each new event is the earliest yet and ends at the bottom.
                e.time = static_cast<Time>(size - seq) * 3 + static_cast<Time>(seq % 2);
                e.sequence = seq;
                pushed.push_back(e);
                queue.push(e);
            }
            std::stable_sort(pushed.begin(), pushed.end(), firesBefore);
            for (const Event& expected : pushed) {
                const Event e = queue.pop();
                QCOMPARE(e.time, expected.time);
                QCOMPARE(e.sequence, expected.sequence);
                // Push one early event back in now and then: it lands at the bottom and climbs.
                if (e.sequence % 7 == 0) {
                    Event again = e;
                    again.sequence += 1'000'000;
                    queue.push(again);
                    QCOMPARE(queue.pop().sequence, again.sequence);
                }
            }
            QVERIFY(queue.empty());
        }
    }

    void testClearEmpties() {
        QuaternaryHeap q;
        q.push(Event{5, 0, nullptr, 0, 0});
        q.clear();
        QVERIFY(q.empty());
        QCOMPARE(q.size(), std::size_t{0});
    }
};

QTEST_GUILESS_MAIN(TestEventQueue)
#include "tst_eventqueue.moc"
