// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/handlerprogram.h"

#include <stdexcept>

#include "sim/model/component.h"
#include "sim/model/enginelimits.h"

namespace archsim {

void HandlerProgram::compile(const std::vector<HandlerStep>& steps, const std::string& poolId,
                             const Resolver& resolve, ModelContext& context) {
    m_ops.clear();
    m_guards.clear();
    compileSteps(steps, poolId, resolve, context, 0);
    m_ops.push_back(Op{});  // end
}

void HandlerProgram::compileSteps(const std::vector<HandlerStep>& steps, const std::string& poolId,
                                  const Resolver& resolve, ModelContext& context,
                                  std::uint8_t cacheDepth) {
    for (const HandlerStep& step : steps) {
        Op op;
        switch (step.kind) {
            case HandlerStep::Kind::Cpu:
                op.code = OpCode::Cpu;
                op.cpuMs = step.cpuMs.get();
                m_ops.push_back(op);
                break;
            case HandlerStep::Kind::Call:
            case HandlerStep::Kind::Send:
            case HandlerStep::Kind::Put:
            case HandlerStep::Kind::Get: {
                // A send is a call to a queue: the queue resumes the caller once it has taken the
                // message, so the interpreter needs no operation of its own for it. A put or get
                // is a call to an object store, which reads which one from the step.
                op.code = OpCode::Call;
                op.step = &step;
                op.target = resolve(step.target);
                if (op.target->kind() == ComponentKind::Cache)
                    throw std::invalid_argument(poolId + ": a cache is used with a cache step");
                if ((op.target->kind() == ComponentKind::Queue) !=
                    (step.kind == HandlerStep::Kind::Send))
                    throw std::invalid_argument(poolId +
                                                ": a queue is used with a send step, "
                                                "and only a queue");
                const bool storeStep =
                    step.kind == HandlerStep::Kind::Put || step.kind == HandlerStep::Kind::Get;
                if ((op.target->kind() == ComponentKind::ObjectStore) != storeStep)
                    throw std::invalid_argument(poolId +
                                                ": an object store is used with a put or get "
                                                "step, and only an object store");
                if (step.guarded()) {
                    // Each guarded call draws its jitter from a stream of its own.
                    const std::string role = "call " + std::to_string(m_guards.size());
                    m_guards.push_back(std::make_unique<CallGuard>(
                        context, step, *op.target, context.stream(poolId, role.c_str())));
                    op.guard = m_guards.back().get();
                }
                m_ops.push_back(op);
                break;
            }
            case HandlerStep::Kind::Cache: {
                if (cacheDepth >= kMaxCacheNesting)
                    throw std::invalid_argument(poolId + ": cache steps nested too deeply");
                op.code = OpCode::Cache;
                op.target = resolve(step.target);
                if (op.target->kind() != ComponentKind::Cache)
                    throw std::invalid_argument(poolId + ": '" + step.target + "' is not a cache");
                op.cacheDepth = cacheDepth;
                const std::size_t at = m_ops.size();
                m_ops.push_back(op);
                compileSteps(step.onMiss, poolId, resolve, context,
                             static_cast<std::uint8_t>(cacheDepth + 1));
                Op fill = op;
                fill.code = OpCode::Fill;
                m_ops.push_back(fill);
                m_ops[at].jump = static_cast<std::uint32_t>(m_ops.size());
                break;
            }
            case HandlerStep::Kind::Branch: {
                op.code = OpCode::Branch;
                op.probability = step.probability;
                const std::size_t at = m_ops.size();
                m_ops.push_back(op);
                compileSteps(step.steps, poolId, resolve, context, cacheDepth);
                m_ops[at].jump = static_cast<std::uint32_t>(m_ops.size());
                break;
            }
        }
    }
}

}  // namespace archsim
