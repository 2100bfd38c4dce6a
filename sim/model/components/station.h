// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// c identical servers in front of one FIFO line (G/G/c) as a component of the general model. A
// lone station normally runs on the record-free fast path (sim/model/queuestation.h); this class
// gives the same results request for request (tests/sim/run/tst_runner.cpp checks that), so the
// fast path is an optimisation, never a second model.

#include "sim/core/ringqueue.h"
#include "sim/model/component.h"
#include "sim/model/queuestation.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class Station final : public Component, private EventHandler {
public:
    Station(ModelContext& context, const StationSpec& spec);

    void accept(std::uint32_t request) override;
    /// Fills queue, alive and utilization for the headline; a station has no row of its own.
    bool fillGauge(ComponentGauge& gauge, WindowTotals& totals, Time start, Time end) override;
    void beginMeasurement() override;
    void finish(RunResult& result) override;
    std::size_t waiting() const override { return m_waiting.size(); }

private:
    void startService(std::uint32_t id);
    void updateAreas();
    void handleEvent(const Event& event) override;  // a departure

    const StationSpec& m_spec;
    RandomEngine m_engine;
    int m_busy = 0;
    RingQueue<std::uint32_t> m_waiting;
    QueueStation::Statistics m_stats;
    QueueStation::Statistics m_windowStart;
    Time m_lastChange = 0;
};

}  // namespace archsim
