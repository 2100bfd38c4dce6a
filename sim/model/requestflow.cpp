// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/requestflow.h"

#include <boost/random/uniform_01.hpp>
#include <stdexcept>
#include <string>

#include "sim/model/component.h"
#include "sim/model/components/cache.h"
#include "sim/model/handlerprogram.h"
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
    m_requests[id].book(TimeCategory::Cpu, m_simulator.now());
    resume(id);
}

void RequestFlow::advance(std::uint32_t id) {
    using OpCode = HandlerProgram::OpCode;
    for (;;) {
        Request& r = m_requests[id];
        Frame& f = r.top();
        const HandlerProgram::Op& op = f.pool->program()[f.pc];
        switch (op.code) {
            case OpCode::Cpu: {
                const double ms = op.cpuMs->sample(f.pool->handlerEngine());
                if (f.pool->billsCpu()) m_counters.usage.functionCpuMs += ms;
                m_simulator.scheduleIn(fromMillis(ms), this, 0, id);
                return;
            }
            case OpCode::Call: op.target->accept(id); return;
            case OpCode::Cache:
                r.cacheDepth = op.cacheDepth;
                op.target->accept(id);
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
                done.pool->release(done);
                resume(id);
                return;
            }
        }
    }
}

void RequestFlow::notifyUser(Request& r) {
    if (r.userNotified) return;
    r.userNotified = true;
    if (r.user >= 0 && m_workload) m_workload->requestDone(r.user);
}

void RequestFlow::finish(std::uint32_t id) {
    Request& r = m_requests[id];
    if (!r.timedOut) {
        m_recorder.complete(r.arrival);
        if (r.measured)
            for (std::size_t c = 0; c < kTimeCategoryCount; ++c)
                m_counters.breakdown[c] += static_cast<double>(r.breakdown[c]);
    }
    notifyUser(r);
    m_requests.release(id);
}

void RequestFlow::fail(std::uint32_t id, ErrorReason reason) {
    Request& r = m_requests[id];
    while (r.depth > 0) {
        const Frame frame = r.frames[--r.depth];
        frame.pool->release(frame);
    }
    Request& after = m_requests[id];
    if (!after.timedOut) m_counters.countError(after, reason);
    notifyUser(after);
    m_requests.release(id);
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
