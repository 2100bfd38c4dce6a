// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How a request moves: the interpreter of handler programs and the one place a request's life
// ends. Components hand requests back here and nowhere else:
//   enterSlot  a pool has granted a slot: push a frame and run the pool's handler from the start
//   resume     the step or call the request was on is done: run the next operation, or, with no
//              frame left, the request is complete
//   fail       the request cannot go on: every slot it holds up the call chain is given back and
//              the error is counted by reason
// Each operation either completes at once or leaves the request with a component until that
// component resumes it, so a request is always in exactly one place.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/model/enginelimits.h"

#include "sim/core/simulator.h"
#include "sim/model/completionrecorder.h"
#include "sim/model/modelcounters.h"
#include "sim/model/request.h"
#include "sim/run/runresult.h"

namespace archsim {

class CallGuard;
class Component;
class ComputePool;
class RegionMap;
struct Topology;
class Workload;

class RequestFlow final : public EventHandler {
public:
    RequestFlow(Simulator& simulator, RequestTable& requests, ModelCounters& counters,
                CompletionRecorder& recorder);

    /// The closed-loop workload whose users are told when their request is done (none: open loop).
    void setWorkload(Workload* workload) { m_workload = workload; }
    /// Past `maxInFlight` requests in flight, or past `memoryBudgetBytes` of estimated memory for
    /// them and the pending events, the run stops as overloaded (checked where records are made).
    void setLimits(std::uint64_t maxInFlight, std::uint64_t memoryBudgetBytes) {
        m_maxInFlight = maxInFlight;
        m_memoryBudget = memoryBudgetBytes;
    }
    /// The components crossings can name, and the regions that price them (before the run).
    void setTopology(const Topology& topology, RegionMap& regions);
    /// Hands request `id` from a component placed at `from` to `target`: at once when both are in
    /// the same region, else after the round trip between them (booked as network time).
    void handOver(std::uint32_t id, Component& target, int from);
    /// The round trip request `id` pays between placements `from` and `to` (0 without regions).
    Time roundTrip(std::uint32_t id, int from, int to);
    /// Checks the limits after a record was allocated; stops the run if one is passed. Inline and
    /// without a string in sight: it runs for every arrival, and only a run being stopped needs
    /// the message.
    void checkLimits() {
        const std::size_t inFlight = m_requests.inFlight();
        if (inFlight > m_maxInFlight ||
            inFlight * RequestTable::bytesPerRequest() + m_simulator.pendingEvents() * sizeof(Event) >
                m_memoryBudget)
            limitPassed();
    }
    bool overloaded() const { return m_overloaded; }
    /// Stops the run as overloaded for what grows outside the request records (the messages a
    /// queue holds), keeping the first reason given.
    void overload(std::string reason);
    std::uint64_t maxInFlight() const { return m_maxInFlight; }
    const std::string& overloadReason() const { return m_overloadReason; }

    /// Called when a request from the workload ends: completed, or failed with a reason (for
    /// tests that follow requests one by one; runs leave it unset).
    using EndObserver = std::function<void(std::uint32_t id, bool completed, ErrorReason reason)>;
    void setEndObserver(EndObserver observer) { m_onEnd = std::move(observer); }

    /// A new attempt of `caller`'s guarded call, as a request of its own (not yet handed on).
    std::uint32_t spawnAttempt(std::uint32_t caller, CallGuard& guard);

    void enterSlot(std::uint32_t id, ComputePool& pool, std::uint32_t slot) {
        pushFrame(id, pool, slot);
        advance(id);
    }
    /// As enterSlot, with the handler starting `delay` later: the slot is held meanwhile and the
    /// time is booked as network (a server's worker receiving from a queue in another region).
    void enterSlotAfter(std::uint32_t id, ComputePool& pool, std::uint32_t slot, Time delay) {
        pushFrame(id, pool, slot);
        m_simulator.scheduleIn(delay, this, kHandlerStarts, id);
    }
    void resume(std::uint32_t id) {
        Request& r = m_requests[id];
        if (r.depth == 0) {
            finish(id);
            return;
        }
        ++r.top().pc;
        advance(id);
    }
    /// As resume, after a cache hit: the miss steps and their fill are skipped.
    void resumeAfterHit(std::uint32_t id);
    void fail(std::uint32_t id, ErrorReason reason);
    /// The client stops waiting for the request `payload` names (packRequest): the error is
    /// counted and a closed-loop user moves on, while the work goes on where it is. A timer of a
    /// request already finished is ignored.
    void abandon(std::uint64_t payload, ErrorReason reason);

    /// A CPU step is done (kind 0), a request has crossed to another region (kind: 1 + the
    /// index of the component it goes to), or a delayed handler starts (kHandlerStarts).
    void handleEvent(const Event& event) override;

private:
    static constexpr std::uint32_t kHandlerStarts = 0xffffffffu;
    [[noreturn]] static void callsTooDeep();
    /// Gives request `id` a frame on `pool`'s `slot`, its program at the start.
    void pushFrame(std::uint32_t id, ComputePool& pool, std::uint32_t slot) {
        Request& r = m_requests[id];
        // The validator refuses deeper call chains (checkCallDepth); this guards the array.
        if (r.depth >= kMaxCallDepth) callsTooDeep();
        r.frames[r.depth++] = Frame{&pool, slot, 0, m_simulator.now()};
        frameBegins(pool);
    }
    /// Stops the run with the limit checkLimits() found passed, saying which.
    void limitPassed();
    /// Tells `pool` a frame began now (out of line: ComputePool is incomplete here).
    void frameBegins(ComputePool& pool);
    /// An attempt has ended; its caller is told if it still waits for it.
    void endAttempt(std::uint32_t id, bool succeeded, ErrorReason reason);
    /// A job has ended; its queue is told.
    void endJob(std::uint32_t id, bool succeeded);
    void advance(std::uint32_t id);
    void finish(std::uint32_t id);
    void notifyUser(Request& r);

    Simulator& m_simulator;
    RequestTable& m_requests;
    ModelCounters& m_counters;
    CompletionRecorder& m_recorder;
    Workload* m_workload = nullptr;
    RegionMap* m_regions = nullptr;  // set only when the scenario has regions
    std::vector<Component*> m_components;
    std::uint64_t m_maxInFlight = ~std::uint64_t{0};
    std::uint64_t m_memoryBudget = ~std::uint64_t{0};
    bool m_overloaded = false;
    std::string m_overloadReason;
    EndObserver m_onEnd;
};

}  // namespace archsim
