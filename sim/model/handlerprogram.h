// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A pool's handler compiled into a flat program of operations, so running a request's handler is
// a loop over an array rather than a walk over nested steps. Calls and cache steps hold the
// component they name, resolved once when the topology is built.
//
//   cpu         sample a CPU time on the slot; the request resumes when it is done
//   call        hand the request to the target (a database, a hop, a gateway, another pool)
//   cache       look a key up in the cache; a hit jumps past the miss steps and their fill
//   fill        put the looked-up key into the cache (at once)
//   branch      with `probability` run the next operations, else jump past them
//   end         the handler is done: give the slot back and return to the caller

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/model/callguard.h"

#include "sim/random/distribution.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class Component;
struct ModelContext;

class HandlerProgram {
public:
    enum class OpCode : std::uint8_t { Cpu, Call, Cache, Fill, Branch, End };

    struct Op {
        OpCode code = OpCode::End;
        std::uint8_t cacheDepth = 0;            ///< cache/fill: the request's slot for the key
        std::uint32_t jump = 0;                 ///< cache: where a hit goes; branch: "not taken"
        double probability = 1;                 ///< branch
        const Distribution* cpuMs = nullptr;    ///< cpu (owned by the scenario)
        Component* target = nullptr;            ///< call, cache, fill
        CallGuard* guard = nullptr;             ///< call: timeouts, retries, breaker (or none)
        const HandlerStep* step = nullptr;      ///< call: the step (put/get read it; scenario's)
    };

    /// Finds the component an id names (ComponentResolver); throws std::invalid_argument if none.
    using Resolver = std::function<Component*(const std::string& id)>;

    /// Compiles a pool's handler. Throws std::invalid_argument for what the validator refuses
    /// (a call to a cache, cache steps nested deeper than kMaxCacheNesting).
    /// Guarded calls get a CallGuard each, built with `context` and a stream of their own.
    void compile(const std::vector<HandlerStep>& steps, const std::string& poolId,
                 const Resolver& resolve, ModelContext& context);

    const Op& operator[](std::uint32_t pc) const { return m_ops[pc]; }
    std::size_t size() const { return m_ops.size(); }

private:
    void compileSteps(const std::vector<HandlerStep>& steps, const std::string& poolId,
                      const Resolver& resolve, ModelContext& context, std::uint8_t cacheDepth);

    std::vector<Op> m_ops{Op{}};  // an empty handler ends at once
    std::vector<std::unique_ptr<CallGuard>> m_guards;
};

}  // namespace archsim
