// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A function pool invoked with a queue's messages, as a platform's event source mapping does
// (Lambda and SQS): it takes up to batchSize visible messages per invocation, waits at most the
// batch window for a batch to fill, and keeps at most maxConcurrency invocations running. Each
// invocation is one job: the batch is deleted when the handler finishes, and left to become
// visible again when it fails (throttled, down, an error), as the platforms do without partial
// batch responses.

#include <cstdint>

#include "sim/core/eventmethod.h"
#include "sim/model/component.h"
#include "sim/model/components/queue.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class QueueTrigger final : public QueueConsumer {
public:
    /// Registers with `queue` (which must be a queue; throws std::invalid_argument otherwise);
    /// jobs go to `function`. Without a maxConcurrency, `defaultConcurrency` applies.
    QueueTrigger(ModelContext& context, const QueueTriggerSpec& spec, Component& queue,
                 Component& function, int defaultConcurrency);

    void messagesAvailable() override { poll(); }
    void jobFinished() override;

    int running() const { return m_running; }

private:
    void poll();
    void windowOver(const Event& event);

    ModelContext& m_context;
    const QueueTriggerSpec& m_spec;
    Queue& m_queue;
    Component& m_function;
    int m_limit;
    Time m_window;
    int m_running = 0;
    bool m_windowPending = false;          // a batch short of batchSize is waiting for the window
    bool m_windowDue = false;              // the window has passed: a short batch goes now
    std::uint64_t m_windowGeneration = 0;  // a window timer of an earlier batch is stale
    bool m_polling = false;
    bool m_pollAgain = false;
    EventMethod<QueueTrigger, &QueueTrigger::windowOver> m_windowOver{*this};
};

}  // namespace archsim
