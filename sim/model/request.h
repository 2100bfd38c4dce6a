// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The record of a request in flight, and the table that reuses records through a free list, so
// memory follows requests in flight, never requests simulated.
//
// A request that holds a compute slot (a function instance, a server worker) has a frame for it:
// which pool, which slot, where its handler program is (pc) and since when it holds the slot. A
// call from one pool into another pushes a frame; the top frame is the one running.

#include <array>
#include <cstdint>
#include <vector>

#include "sim/core/time.h"
#include "sim/model/enginelimits.h"
#include "sim/run/runresult.h"

namespace archsim {

class CallGuard;
class ComputePool;
class Queue;

inline constexpr std::uint32_t kNoRequest = 0xffffffffu;

struct Frame {
    ComputePool* pool = nullptr;
    std::uint32_t slot = 0;  ///< instance or replica
    std::uint32_t pc = 0;    ///< the operation of the pool's handler program being run
    Time start = 0;          ///< when the slot was granted (billing)
};

struct Request {
    Time arrival = 0;
    Time phaseStart = 0;  ///< start of the phase whose time is booked next (see book())
    std::int64_t user = -1;
    double payloadKb = 0;
    /// The key this request looks up in every cache on its path (a trace's key column); -1 =
    /// each cache draws one from its own key popularity.
    std::int64_t key = -1;
    std::array<Time, kTimeCategoryCount> breakdown{};
    std::array<Frame, kMaxCallDepth> frames{};
    std::array<std::int64_t, kMaxCacheNesting> cacheKeys{};
    std::uint32_t depth = 0;        ///< frames in use
    std::uint32_t generation = 0;   ///< one per use of the record, so stale timers are recognised
    std::uint8_t cacheDepth = 0;    ///< the cache step being looked up (its slot in cacheKeys)
    std::uint8_t clientRegion = 0;  ///< the region the client is in (sim/model/regionmap.h)
    bool measured = false;          ///< arrived after the warm-up
    bool inFlight = false;          ///< false once the record is back on the free list
    bool timedOut = false;          ///< the client gave up; the work goes on
    bool userNotified = false;      ///< the closed-loop user has been told it is done
    bool coldStarted = false;       ///< waiting for an instance that is starting
    // A guarded call (timeouts, retries, a breaker) runs each attempt as a request of its own, so
    // the caller can stop waiting for an attempt while the callee goes on working on it.
    std::uint16_t attempt = 0;               ///< caller: attempts made of its current guarded call
    CallGuard* guard = nullptr;              ///< attempt: the call it belongs to (else nullptr)
    std::uint32_t parent = kNoRequest;       ///< attempt: the caller (kNoRequest once abandoned)
    std::uint32_t parentGeneration = 0;
    std::uint32_t awaiting = kNoRequest;     ///< caller: the attempt it waits for
    std::uint32_t awaitingGeneration = 0;
    // A job (a batch of a queue's messages run by a consumer) is a request of its own: when it
    // ends, its queue deletes the messages or leaves them to be received again.
    Queue* queue = nullptr;   ///< job: the queue its messages are in (else nullptr)
    std::uint32_t batch = 0;  ///< job: its batch in that queue

    Frame& top() { return frames[depth - 1]; }
    const Frame& top() const { return frames[depth - 1]; }
    /// Books the time since the last booking to `category` and starts the next phase now.
    void book(TimeCategory category, Time now) {
        breakdown[static_cast<std::size_t>(category)] += now - phaseStart;
        phaseStart = now;
    }
};

class RequestTable {
public:
    /// A fresh record (reused when one is free); its generation differs from every earlier use.
    std::uint32_t allocate() {
        std::uint32_t id;
        if (!m_free.empty()) {
            id = m_free.back();
            m_free.pop_back();
            // Only what is read before it is written is reset: frames and cache keys are written
            // when pushed, so clearing their ~260 bytes per request would be wasted work.
            Request& r = m_requests[id];
            ++r.generation;
            r.breakdown = {};
            r.depth = 0;
            r.payloadKb = 0;
            r.key = -1;
            r.user = -1;
            r.clientRegion = 0;
            r.measured = r.timedOut = r.userNotified = r.coldStarted = false;
            r.attempt = 0;
            r.guard = nullptr;
            r.queue = nullptr;
            r.parent = r.awaiting = kNoRequest;
        } else {
            id = static_cast<std::uint32_t>(m_requests.size());
            m_requests.emplace_back();
        }
        m_requests[id].inFlight = true;
        ++m_inFlight;
        return id;
    }
    void release(std::uint32_t id) {
        m_requests[id].inFlight = false;
        m_free.push_back(id);
        --m_inFlight;
    }
    Request& operator[](std::uint32_t id) { return m_requests[id]; }
    const Request& operator[](std::uint32_t id) const { return m_requests[id]; }
    /// True if record `id` is in flight in its use `generation` (a timer of an earlier use is not).
    bool isLive(std::uint32_t id, std::uint32_t generation) const {
        return id < m_requests.size() && m_requests[id].inFlight &&
               m_requests[id].generation == generation;
    }
    std::size_t inFlight() const { return m_inFlight; }

    /// Bytes held per request in flight: its record and its free-list entry, plus the slot it
    /// takes in a waiting line (docs/benchmarks.md).
    static constexpr std::size_t bytesPerRequest() {
        return sizeof(Request) + 2 * sizeof(std::uint32_t);
    }

private:
    std::vector<Request> m_requests;
    std::vector<std::uint32_t> m_free;
    std::size_t m_inFlight = 0;
};

/// A request id and its generation in one event payload (timers that may outlive the request).
inline std::uint64_t packRequest(std::uint32_t id, std::uint32_t generation) {
    return (static_cast<std::uint64_t>(generation) << 32) | id;
}
inline std::uint32_t unpackRequestId(std::uint64_t payload) {
    return static_cast<std::uint32_t>(payload & 0xffffffffu);
}
inline std::uint32_t unpackRequestGeneration(std::uint64_t payload) {
    return static_cast<std::uint32_t>(payload >> 32);
}

}  // namespace archsim
