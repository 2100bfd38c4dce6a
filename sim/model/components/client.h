// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The client, for a workload with steps after the response (workload.afterResponse): each
// request runs a program on the client, a call to the entry and then those steps, so the time
// the user waits covers both while nothing of the topology is held during the second part (an
// upload with a presigned URL holds no function instance). The client has a slot for every
// request, bills nothing, and is in no region (as an arrival at the entry pays no round trip).
// It is not a component of the topology: it has no gauge and no id other components can name.

#include <stdexcept>
#include <vector>

#include "sim/model/component.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class Client final : public ComputePool {
public:
    /// Compiles the client's program: a call (or send) to `entry`, then `afterResponse`.
    Client(ModelContext& context, Component& entry, const std::vector<HandlerStep>& afterResponse,
           const ComponentResolver& resolve)
        : ComputePool(context, ComponentKind::Workload, "client",
                      context.stream("client", "handler"), false) {
        HandlerStep call;
        call.kind = entry.kind() == ComponentKind::Queue ? HandlerStep::Kind::Send
                                                         : HandlerStep::Kind::Call;
        call.target = entry.id();
        m_steps.reserve(afterResponse.size() + 1);
        m_steps.push_back(std::move(call));
        m_steps.insert(m_steps.end(), afterResponse.begin(), afterResponse.end());
        m_program.compile(m_steps, "workload.afterResponse", resolve, context);
    }

    void accept(std::uint32_t id) override;
    LruCache& localCache(std::uint32_t, std::uint32_t, std::int64_t) override {
        // The reader refuses cache steps after the response: a client keeps no cache.
        throw std::logic_error("the client has no cache");
    }

private:
    std::vector<HandlerStep> m_steps;  // the program's steps point into these
};

}  // namespace archsim
