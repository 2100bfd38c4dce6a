// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The pending-event set.
//
// The simulator is a template over this concept rather than a virtual interface: the queue is on the
// hottest path (one push and one pop per event), and a virtual call there costs more than the rest of
// the engine loop together. Every implementation runs through the same test suite
// (tests/sim/core/tst_eventqueue.cpp), so one can be swapped for another by changing the alias
// `Simulator` in simulator.h.
//
// QuaternaryHeap is the default. A 4-ary heap halves the depth of a binary heap and keeps the four
// children of a node in one or two cache lines; for the few hundred to few thousand pending events of
// archsim's models it beats std::priority_queue by about 1.3x and a calendar queue needs no tuning.
// BinaryHeap (std::push_heap/pop_heap) is kept as the simple, obviously correct reference.

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <vector>

#include "sim/core/event.h"

namespace archsim {

template <class Q>
concept EventQueue = requires(Q q, const Q cq, const Event& e) {
    q.push(e);
    { q.pop() } -> std::same_as<Event>;
    { cq.top() } -> std::same_as<const Event&>;
    { cq.empty() } -> std::same_as<bool>;
    { cq.size() } -> std::same_as<std::size_t>;
    q.clear();
    q.replaceTop(e);
    { cq.afterTop() } -> std::same_as<const Event*>;
    q.removeIf([](const Event&) { return false; });
};

/// A 4-ary min-heap of events ordered by firesBefore().
class QuaternaryHeap {
public:
    void push(const Event& e) {
        m_heap.push_back(e);
        climb(m_heap.size() - 1, e);
    }

    /// Removes and returns the earliest event. Precondition: !empty().
    ///
    /// Bottom-up (Wegener): the hole left by the top goes down along the earliest children to the
    /// bottom without comparing against the last event at each level, and the last event then
    /// climbs from there. In a simulation the last event is nearly always among the latest, so it
    /// climbs little, and each level costs the three comparisons of a tournament among four
    /// children instead of four. The order popped is the same as any heap's: keys are unique.
    Event pop() {
        const Event top = m_heap.front();
        const std::size_t n = m_heap.size() - 1;  // the events left once the top is gone
        placeFromRoot(m_heap[n], n);
        m_heap.pop_back();
        return top;
    }

    /// Removes the earliest event and adds `e`, in one pass: what an event that schedules a
    /// follow-up does, for the cost of one pop. Precondition: !empty().
    void replaceTop(const Event& e) { placeFromRoot(e, m_heap.size()); }

    /// Below this many events the heap is two or three levels deep, the last event's climb back
    /// would cost about what the descent saves, and the classic sift-down is kept.
    static constexpr std::size_t kBottomUpFrom = 64;

    const Event& top() const { return m_heap.front(); }
    /// The earliest event but the top (a child of the root), or nullptr when there is none.
    const Event* afterTop() const {
        const std::size_t best = earliestChild(m_heap.data(), 1, m_heap.size());
        return best < m_heap.size() ? &m_heap[best] : nullptr;
    }
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    void clear() { m_heap.clear(); }

    /// Removes every event for which `drop` is true and rebuilds the heap, in O(size()). The
    /// events left pop in the same order as before: the order is the keys', not the layout's.
    template <class Predicate>
    void removeIf(Predicate drop) {
        std::erase_if(m_heap, drop);
        // Floyd's heapify: sift each parent down, the last parent first.
        const std::size_t n = m_heap.size();
        for (std::size_t i = n > 1 ? (n - 2) / 4 + 1 : 0; i-- > 0;) siftDown(i, n, m_heap[i]);
    }

private:
    /// The earliest of the children starting at slot `first`, among the first `n` slots; `n` if
    /// there is none.
    static std::size_t earliestChild(const Event* heap, std::size_t first, std::size_t n) {
        if (first + 4 <= n) {
            // A tournament with conditional moves: which child is earliest is a coin toss, so
            // branches on it would be mispredicted half the time, and a loop costs its counter.
            const std::size_t a = firesBefore(heap[first + 1], heap[first]) ? first + 1 : first;
            const std::size_t b = firesBefore(heap[first + 3], heap[first + 2]) ? first + 3 : first + 2;
            return firesBefore(heap[b], heap[a]) ? b : a;
        }
        if (first >= n) return n;
        std::size_t best = first;
        for (std::size_t c = first + 1; c < n; ++c)
            if (firesBefore(heap[c], heap[best])) best = c;
        return best;
    }

    /// Moves `e` from slot `hole` up past every parent that fires after it, and stores it there
    /// (a push from the new last slot; a bottom-up pop from where the hole reached the bottom).
    void climb(std::size_t hole, Event e) {
        Event* const heap = m_heap.data();
        while (hole > 0) {
            const std::size_t parent = (hole - 1) / 4;
            if (!firesBefore(e, heap[parent])) break;
            heap[hole] = heap[parent];
            hole = parent;
        }
        heap[hole] = e;
    }

    /// Stores `e` where the root was, among the first `n` slots (the root's event is gone).
    void placeFromRoot(const Event e, std::size_t n) {
        if (n < kBottomUpFrom) {
            siftDown(0, n, e);
            return;
        }
        Event* const heap = m_heap.data();
        std::size_t hole = 0;
        for (;;) {
            const std::size_t best = earliestChild(heap, 4 * hole + 1, n);
            if (best == n) break;
            heap[hole] = heap[best];
            hole = best;
        }
        climb(hole, e);
    }

    /// Stores `e` in slot `i` or below it: down past every child that fires before it, among the
    /// first `n` slots.
    void siftDown(std::size_t i, std::size_t n, const Event e) {
        Event* const heap = m_heap.data();
        for (;;) {
            const std::size_t first = 4 * i + 1;
            const std::size_t best = earliestChild(heap, first, n);
            if (best == n || !firesBefore(heap[best], e)) break;
            heap[i] = heap[best];
            i = best;
        }
        heap[i] = e;
    }

    std::vector<Event> m_heap;
};

/// A binary heap on std::push_heap/pop_heap: the reference implementation.
class BinaryHeap {
public:
    void push(const Event& e) {
        m_heap.push_back(e);
        std::push_heap(m_heap.begin(), m_heap.end(), later);
    }
    Event pop() {
        std::pop_heap(m_heap.begin(), m_heap.end(), later);
        const Event e = m_heap.back();
        m_heap.pop_back();
        return e;
    }
    void replaceTop(const Event& e) {
        pop();
        push(e);
    }
    const Event& top() const { return m_heap.front(); }
    const Event* afterTop() const {
        if (m_heap.size() < 2) return nullptr;
        if (m_heap.size() == 2 || later(m_heap[2], m_heap[1])) return &m_heap[1];
        return &m_heap[2];
    }
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    void clear() { m_heap.clear(); }
    template <class Predicate>
    void removeIf(Predicate drop) {
        std::erase_if(m_heap, drop);
        std::make_heap(m_heap.begin(), m_heap.end(), later);
    }

private:
    static bool later(const Event& a, const Event& b) { return firesBefore(b, a); }
    std::vector<Event> m_heap;
};

static_assert(EventQueue<QuaternaryHeap>);
static_assert(EventQueue<BinaryHeap>);

}  // namespace archsim
