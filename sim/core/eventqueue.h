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
};

/// A 4-ary min-heap of events ordered by firesBefore().
class QuaternaryHeap {
public:
    void push(const Event& e) {
        std::size_t i = m_heap.size();
        m_heap.push_back(e);
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
            if (!firesBefore(e, m_heap[parent])) break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        m_heap[i] = e;
    }

    /// Removes and returns the earliest event. Precondition: !empty().
    Event pop() {
        const Event top = m_heap.front();
        const Event last = m_heap.back();
        m_heap.pop_back();
        const std::size_t n = m_heap.size();
        if (n == 0) return top;
        std::size_t i = 0;
        for (;;) {
            const std::size_t first = 4 * i + 1;
            if (first >= n) break;
            const std::size_t end = std::min(first + 4, n);
            std::size_t best = first;
            for (std::size_t c = first + 1; c < end; ++c)
                if (firesBefore(m_heap[c], m_heap[best])) best = c;
            if (!firesBefore(m_heap[best], last)) break;
            m_heap[i] = m_heap[best];
            i = best;
        }
        m_heap[i] = last;
        return top;
    }

    const Event& top() const { return m_heap.front(); }
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    void clear() { m_heap.clear(); }

private:
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
    const Event& top() const { return m_heap.front(); }
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    void clear() { m_heap.clear(); }

private:
    static bool later(const Event& a, const Event& b) { return firesBefore(b, a); }
    std::vector<Event> m_heap;
};

static_assert(EventQueue<QuaternaryHeap>);
static_assert(EventQueue<BinaryHeap>);

}  // namespace archsim
