// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/requestflow.h"

#include <boost/random/uniform_01.hpp>
#include <stdexcept>
#include <string>

#include "sim/model/callguard.h"
#include "sim/model/component.h"
#include "sim/model/components/cache.h"
#include "sim/model/components/queue.h"
#include "sim/model/handlerprogram.h"
#include "sim/model/regionmap.h"
#include "sim/model/topologybuilder.h"
#include "sim/model/workload.h"

namespace archsim {

RequestFlow::RequestFlow(Simulator& simulator, RequestTable& requests, ModelCounters& counters,
                         CompletionRecorder& recorder)
    : m_simulator(simulator), m_requests(requests), m_counters(counters), m_recorder(recorder) {}

void RequestFlow::callsTooDeep() {
    throw std::runtime_error("calls nested more than " + std::to_string(kMaxCallDepth) + " deep");
}

void RequestFlow::resumeAfterHit(std::uint32_t id) {
    Frame& f = m_requests[id].top();
    f.pc = f.pool->program()[f.pc].jump;
    advance(id);
}

void RequestFlow::handleEvent(const Event& event) {
    const auto id = static_cast<std::uint32_t>(event.payload);
    if (event.kind == kHandlerStarts) {
        m_requests[id].book(TimeCategory::Network, m_simulator.now());
        advance(id);
        return;
    }
    if (event.kind != 0) {
        m_requests[id].book(TimeCategory::Network, m_simulator.now());
        m_components[event.kind - 1]->accept(id);
        return;
    }
    m_requests[id].book(TimeCategory::Cpu, m_simulator.now());
    resume(id);
}

void RequestFlow::setTopology(const Topology& topology, RegionMap& regions) {
    m_regions = regions.active() ? &regions : nullptr;
    m_components.clear();
    for (const auto& component : topology.components) m_components.push_back(component.get());
}

Time RequestFlow::roundTrip(std::uint32_t id, int from, int to) {
    return m_regions ? m_regions->roundTrip(from, to, m_requests[id].clientRegion) : 0;
}

void RequestFlow::handOver(std::uint32_t id, Component& target, int from) {
    const Time trip = roundTrip(id, from, target.placement());
    if (trip > 0)
        m_simulator.scheduleIn(trip, this, target.index() + 1, id);
    else
        target.accept(id);
}

void RequestFlow::advance(std::uint32_t id) {
    using OpCode = HandlerProgram::OpCode;
    for (;;) {
        Request& r = m_requests[id];
        Frame& f = r.top();
        const HandlerProgram::Op& op = f.pool->program()[f.pc];
        switch (op.code) {
            case OpCode::Cpu: {
                const double ms = op.cpuMs->sample(f.pool->handlerEngine()) * f.pool->slowdown();
                if (f.pool->billsCpu()) m_counters.usage.functionCpuMs += ms;
                m_simulator.scheduleIn(fromMillis(ms), this, 0, id);
                return;
            }
            case OpCode::Call:
                if (op.guard)
                    op.guard->call(id);
                else
                    handOver(id, *op.target, f.pool->placement());
                return;
            case OpCode::Cache:
                r.cacheDepth = op.cacheDepth;
                handOver(id, *op.target, f.pool->placement());
                return;
            case OpCode::Fill:
                r.cacheDepth = op.cacheDepth;
                static_cast<Cache*>(op.target)->fill(id);
                ++f.pc;
                continue;
            case OpCode::Branch: {
                boost::random::uniform_01<double> uniform;
                f.pc = uniform(f.pool->handlerEngine()) < op.probability ? f.pc + 1 : op.jump;
                continue;
            }
            case OpCode::End: {
                const Frame done = f;
                --r.depth;
                done.pool->noteFrameEnds(m_simulator.now(), done.start);
                done.pool->release(done);
                resume(id);
                return;
            }
        }
    }
}

void RequestFlow::frameBegins(ComputePool& pool) {
    pool.noteFrameBegins(m_simulator.now());
}

void RequestFlow::notifyUser(Request& r) {
    if (r.userNotified) return;
    r.userNotified = true;
    if (r.user >= 0 && m_workload) m_workload->requestDone(r.user);
}

void RequestFlow::finish(std::uint32_t id) {
    Request& r = m_requests[id];
    if (r.guard) {
        endAttempt(id, true, ErrorReason::Failed);
        return;
    }
    if (r.queue) {
        endJob(id, true);
        return;
    }
    // The run's breakdown is the tail recorder's total (it records the same measured requests).
    if (!r.timedOut) m_recorder.complete(r.arrival, r.breakdown);
    notifyUser(r);
    if (m_onEnd) m_onEnd(id, true, ErrorReason::Failed);
    m_requests.release(id);
}

void RequestFlow::fail(std::uint32_t id, ErrorReason reason) {
    Request& r = m_requests[id];
    while (r.depth > 0) {
        const Frame frame = r.frames[--r.depth];
        frame.pool->noteFrameEnds(m_simulator.now(), frame.start);
        frame.pool->release(frame);
    }
    Request& after = m_requests[id];
    if (after.guard) {
        endAttempt(id, false, reason);
        return;
    }
    if (after.queue) {
        endJob(id, false);
        return;
    }
    if (!after.timedOut) m_counters.countError(after, reason);
    notifyUser(after);
    if (m_onEnd) m_onEnd(id, false, reason);
    m_requests.release(id);
}

std::uint32_t RequestFlow::spawnAttempt(std::uint32_t caller, CallGuard& guard) {
    const std::uint32_t id = m_requests.allocate();
    Request& a = m_requests[id];
    const Request& c = m_requests[caller];
    a.arrival = a.phaseStart = m_simulator.now();
    a.measured = c.measured;
    a.payloadKb = c.payloadKb;
    a.key = c.key;
    a.clientRegion = c.clientRegion;
    a.guard = &guard;
    a.parent = caller;
    a.parentGeneration = c.generation;
    checkLimits();
    return id;
}

void RequestFlow::endAttempt(std::uint32_t id, bool succeeded, ErrorReason reason) {
    const Request& a = m_requests[id];
    CallGuard* guard = a.guard;
    const std::uint32_t caller = a.parent;
    const std::uint32_t callerGeneration = a.parentGeneration;
    const std::uint32_t generation = a.generation;
    const auto breakdown = a.breakdown;
    m_requests.release(id);
    if (caller == kNoRequest || !m_requests.isLive(caller, callerGeneration)) return;
    const Request& c = m_requests[caller];
    if (c.awaiting != id || c.awaitingGeneration != generation) return;
    guard->attemptEnded(caller, succeeded, reason, breakdown);
}

void RequestFlow::endJob(std::uint32_t id, bool succeeded) {
    // The record goes back first: the queue may start the next job on it at once.
    Queue* queue = m_requests[id].queue;
    const std::uint32_t batch = m_requests[id].batch;
    m_requests.release(id);
    queue->jobEnded(batch, succeeded);
}

void RequestFlow::overload(std::string reason) {
    if (!m_overloaded) m_overloadReason = std::move(reason);
    m_overloaded = true;
    m_simulator.requestStop();
}

void RequestFlow::limitPassed() {
    // Memory must stay bounded: an unstable system is reported, not allowed to grow until the
    // machine runs out. New records (arrivals, attempts of guarded calls) are where requests in
    // flight, and the events they keep pending, grow.
    const std::size_t inFlight = m_requests.inFlight();
    if (inFlight > m_maxInFlight) {
        overload("requests in flight passed run.maxInFlight (" + std::to_string(m_maxInFlight) + ")");
        return;
    }
    overload("memory budget of " + std::to_string(m_memoryBudget >> 20) +
             " MiB would be exceeded (" + std::to_string(inFlight) + " requests in flight)");
}

void RequestFlow::abandon(std::uint64_t payload, ErrorReason reason) {
    const std::uint32_t id = unpackRequestId(payload);
    if (!m_requests.isLive(id, unpackRequestGeneration(payload))) return;
    Request& r = m_requests[id];
    if (r.timedOut) return;
    r.timedOut = true;
    m_counters.countError(r, reason);
    notifyUser(r);
}

}  // namespace archsim
