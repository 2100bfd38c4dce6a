// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A bench for driving one component directly: the clock, the request table, the counters and the
// request flow a component is built with, requests sent to it at given times, and a log of how
// each request ended ("10 ms #0 done", "0 ms #2 rejected"), to compare with a log worked out by
// hand. A probe pool runs a handler of steps for the components only handlers call (caches).

#include <QtTest>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/simulator.h"
#include "sim/model/completionrecorder.h"
#include "sim/model/component.h"
#include "sim/model/lrucache.h"
#include "sim/model/requestflow.h"

namespace archsim::testing {

class ComponentHarness final : public EventHandler {
public:
    ComponentHarness() {
        flow.setEndObserver([this](std::uint32_t id, bool completed, ErrorReason reason) {
            std::ostringstream line;
            line << toMillis(simulator.now()) << " ms #" << m_numbers[id] << ' '
                 << (completed ? "done" : toString(reason));
            log.push_back(line.str());
        });
    }

    /// Request number `log` names next is handed to `component` at `atMs` (with a payload, from
    /// a client in `clientRegion`).
    void send(Component& component, double atMs, double payloadKb = 0,
              std::uint8_t clientRegion = 0) {
        m_sends.push_back({&component, payloadKb, clientRegion});
        simulator.schedule(fromMillis(atMs), this, 0, m_sends.size() - 1);
    }
    void run() {
        while (simulator.step()) {
        }
    }
    /// Runs the events up to `ms` (timers beyond it, a long keep-alive, stay pending).
    void runUntil(double ms) { simulator.runUntil(fromMillis(ms)); }
    void handleEvent(const Event& event) override {
        const Send& send = m_sends[event.payload];
        const std::uint32_t id = requests.allocate();
        Request& r = requests[id];
        r.arrival = r.phaseStart = simulator.now();
        r.measured = true;
        r.payloadKb = send.payloadKb;
        r.clientRegion = send.clientRegion;
        if (m_numbers.size() <= id) m_numbers.resize(id + 1);
        m_numbers[id] = static_cast<int>(event.payload);
        send.component->accept(id);
    }
    QStringList logList() const {
        QStringList out;
        for (const auto& line : log) out << QString::fromStdString(line);
        return out;
    }

    Simulator simulator;
    RequestTable requests;
    ModelCounters counters;
    CompletionRecorder recorder{simulator, fromSeconds(1), 0, 0};
    RequestFlow flow{simulator, requests, counters, recorder};
    ModelContext context{simulator, requests, counters, flow, 1, 0};
    std::vector<std::string> log;

private:
    struct Send {
        Component* component;
        double payloadKb;
        std::uint8_t clientRegion;
    };
    std::vector<Send> m_sends;
    std::vector<int> m_numbers;  // request id -> the number of its send (ids are reused)
};

/// A compute pool with one slot that never runs out, running `steps` for each request: the caller
/// a handler-only component (a cache, a hop) needs.
class ProbePool final : public ComputePool {
public:
    ProbePool(ModelContext& context, std::vector<HandlerStep> steps)
        : ComputePool(context, ComponentKind::Server, "probe", context.stream("probe", "handler"),
                      false),
          m_steps(std::move(steps)) {}
    void connect(const ComponentResolver& resolve) override {
        m_program.compile(m_steps, "probe", resolve, m_context);
    }
    void accept(std::uint32_t request) override { m_context.flow.enterSlot(request, *this, 0); }
    LruCache& localCache(std::uint32_t, std::uint32_t, std::int64_t capacity) override {
        if (!m_cache) m_cache = std::make_unique<LruCache>(capacity);
        return *m_cache;
    }

private:
    std::vector<HandlerStep> m_steps;
    std::unique_ptr<LruCache> m_cache;
};

}  // namespace archsim::testing
