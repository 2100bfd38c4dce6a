// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A FIFO on a power-of-two ring buffer: waiting lines hold a few to a few million entries, and
// std::deque's block allocations show up in the engine's profile where this does not.

#include <cstddef>
#include <vector>

namespace archsim {

template <class T>
class RingQueue {
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }

    void push(const T& value) {
        if (m_size == m_buffer.size()) grow();
        m_buffer[(m_head + m_size) & (m_buffer.size() - 1)] = value;
        ++m_size;
    }
    /// Removes and returns the oldest entry. Precondition: !empty().
    T pop() {
        T value = m_buffer[m_head];
        m_head = (m_head + 1) & (m_buffer.size() - 1);
        --m_size;
        return value;
    }
    const T& front() const { return m_buffer[m_head]; }
    void clear() { m_head = m_size = 0; }

private:
    void grow() {
        std::vector<T> bigger(m_buffer.empty() ? 16 : m_buffer.size() * 2);
        for (std::size_t i = 0; i < m_size; ++i)
            bigger[i] = m_buffer[(m_head + i) & (m_buffer.size() - 1)];
        m_buffer.swap(bigger);
        m_head = 0;
    }

    std::vector<T> m_buffer;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
};

}  // namespace archsim
