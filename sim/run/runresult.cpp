// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/run/runresult.h"

#include <bit>
#include <cstring>

namespace archsim {
namespace {

class Fnv1a {
public:
    void add(std::uint64_t value) {
        for (int i = 0; i < 8; ++i) {
            m_hash ^= (value >> (8 * i)) & 0xffu;
            m_hash *= 1099511628211ull;
        }
    }
    void add(std::int64_t value) { add(static_cast<std::uint64_t>(value)); }
    void add(double value) { add(std::bit_cast<std::uint64_t>(value)); }
    std::uint64_t value() const { return m_hash; }

private:
    std::uint64_t m_hash = 14695981039346656037ull;
};

}  // namespace

std::string toString(RunStatus status) {
    switch (status) {
        case RunStatus::Completed: return "completed";
        case RunStatus::Cancelled: return "cancelled";
        case RunStatus::Overloaded: return "overloaded";
    }
    return "unknown";
}

std::uint64_t RunResult::fingerprint() const {
    Fnv1a h;
    h.add(static_cast<std::uint64_t>(status));
    h.add(simulatedTime);
    h.add(arrivals);
    h.add(completed);
    h.add(eventsProcessed);
    h.add(latency.count());
    h.add(static_cast<std::uint64_t>(latency.sum()));
    h.add(static_cast<std::uint64_t>(latency.sum() >> 64));
    h.add(latency.min());
    h.add(latency.max());
    for (std::size_t i = 0; i < latency.counts().size(); ++i)
        if (latency.counts()[i]) {
            h.add(static_cast<std::uint64_t>(i));
            h.add(latency.counts()[i]);
        }
    for (const WindowRow& w : windows) {
        h.add(w.latency.start);
        h.add(w.latency.completed);
        h.add(w.latency.p50);
        h.add(w.latency.p99);
        h.add(w.latency.max);
        h.add(w.arrivals);
        h.add(w.meanQueueLength);
        h.add(w.utilization);
    }
    h.add(station.meanWaitS);
    h.add(station.probabilityOfWait);
    h.add(station.meanQueueLength);
    h.add(station.utilization);
    return h.value();
}

}  // namespace archsim
