// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The contents of one cache: keys with an expiry time, least recently used evicted first.
// Memory is bounded by the capacity, never by the number of lookups.

#include <cstdint>
#include <list>
#include <unordered_map>

#include "sim/core/time.h"

namespace archsim {

class LruCache {
public:
    explicit LruCache(std::int64_t capacity) : m_capacity(capacity) {}

    /// True if `key` is present and fresh at `now`; a hit becomes the most recently used entry.
    /// (The map is only probed, never iterated, so its ordering cannot reach any result.)
    bool lookup(std::int64_t key, Time now) {
        const auto it = m_index.find(key);
        if (it == m_index.end()) return false;
        if (it->second->expiresAt <= now) {
            m_entries.erase(it->second);
            m_index.erase(it);
            return false;
        }
        m_entries.splice(m_entries.begin(), m_entries, it->second);
        return true;
    }

    /// Stores `key` until `expiresAt`, evicting the least recently used entry when full.
    void insert(std::int64_t key, Time expiresAt) {
        if (m_capacity <= 0) return;
        const auto it = m_index.find(key);
        if (it != m_index.end()) {
            it->second->expiresAt = expiresAt;
            m_entries.splice(m_entries.begin(), m_entries, it->second);
            return;
        }
        if (static_cast<std::int64_t>(m_entries.size()) >= m_capacity) {
            m_index.erase(m_entries.back().key);
            m_entries.pop_back();
        }
        m_entries.push_front({key, expiresAt});
        m_index.emplace(key, m_entries.begin());
    }

    std::size_t size() const { return m_entries.size(); }
    void clear() {
        m_entries.clear();
        m_index.clear();
    }

private:
    struct Entry {
        std::int64_t key;
        Time expiresAt;
    };
    std::int64_t m_capacity;
    std::list<Entry> m_entries;  // most recently used first
    std::unordered_map<std::int64_t, std::list<Entry>::iterator> m_index;
};

}  // namespace archsim
