// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/components/queuetrigger.h"

#include <stdexcept>

#include "sim/model/requestflow.h"

namespace archsim {
namespace {

Queue& asQueue(Component& component, const std::string& consumer) {
    if (component.kind() != ComponentKind::Queue)
        throw std::invalid_argument(consumer + ": '" + component.id() + "' is not a queue");
    return static_cast<Queue&>(component);
}

}  // namespace

QueueTrigger::QueueTrigger(ModelContext& context, const QueueTriggerSpec& spec, Component& queue,
                           Component& function, int defaultConcurrency)
    : m_context(context),
      m_spec(spec),
      m_queue(asQueue(queue, function.id())),
      m_function(function),
      m_limit(spec.maxConcurrency.value_or(defaultConcurrency)),
      m_window(fromSeconds(spec.batchWindowS)) {
    m_queue.addConsumer(*this);
}

void QueueTrigger::jobFinished() {
    --m_running;
    poll();
}

void QueueTrigger::poll() {
    // An invocation may end at once (a handler that takes no time) and poll again: nested, that
    // would go as deep as the queue is long, so a poll during a poll is noted and looped here.
    if (m_polling) {
        m_pollAgain = true;
        return;
    }
    m_polling = true;
    do {
        m_pollAgain = false;
        while (m_running < m_limit && m_queue.visible() > 0) {
            const bool full = m_queue.visible() >= static_cast<std::size_t>(m_spec.batchSize);
            if (!full && m_window > 0 && !m_windowDue) {
                if (!m_windowPending) {
                    m_windowPending = true;
                    m_context.simulator.scheduleIn(m_window, &m_windowOver, 0, m_windowGeneration);
                }
                break;
            }
            // A batch goes: the next one gathers for a window of its own, from when it starts.
            ++m_windowGeneration;
            m_windowPending = false;
            m_windowDue = false;
            const std::uint32_t job =
                m_queue.receive(static_cast<std::size_t>(m_spec.batchSize), this);
            ++m_running;
            // The invocation crosses from the queue's region to the function's, if they differ.
            m_context.flow.handOver(job, m_function, m_queue.placement());
        }
    } while (m_pollAgain);
    m_polling = false;
}

void QueueTrigger::windowOver(const Event& event) {
    if (event.payload != m_windowGeneration) return;
    m_windowPending = false;
    m_windowDue = true;
    poll();
    // Nothing was left to send: the next messages wait a window of their own.
    if (m_queue.visible() == 0) m_windowDue = false;
}

}  // namespace archsim
