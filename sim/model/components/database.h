// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A database with a bounded connection pool shared by all callers: a query takes a connection for
// its duration, and calls beyond the pool wait in one FIFO line (booked as queueing).

#include "sim/core/eventmethod.h"
#include "sim/core/ringqueue.h"
#include "sim/model/component.h"
#include "sim/model/timeaverage.h"
#include "sim/scenario/scenario.h"

namespace archsim {

class Database final : public Component {
public:
    Database(ModelContext& context, const DatabaseSpec& spec);
    void accept(std::uint32_t request) override;
    bool fillGauge(ComponentGauge& gauge, WindowTotals& totals, Time start, Time end) override;
    std::size_t waiting() const override { return m_waiting.size(); }

    int connectionsInUse() const { return m_inUse; }

private:
    void startQuery(std::uint32_t id);
    void answered(const Event& event);

    const DatabaseSpec& m_spec;
    int m_inUse = 0;
    RingQueue<std::uint32_t> m_waiting;
    RandomEngine m_engine;
    GaugeLevels m_gauges;
    EventMethod<Database, &Database::answered> m_answered{*this};
};

}  // namespace archsim
