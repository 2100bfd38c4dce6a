// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/workload.h"

#include <algorithm>

namespace archsim {

Workload::Workload(Simulator& simulator, const WorkloadSpec& spec, RandomEngine engine,
                   ArrivalSink& sink)
    : m_simulator(simulator), m_spec(spec), m_engine(engine), m_sink(sink) {
    for (const auto& point : spec.schedule) m_maxRate = std::max(m_maxRate, point.ratePerS);
}

Time Workload::exponentialGap(double ratePerS) {
    if (ratePerS <= 0) return kTimeInfinity;
    boost::random::exponential_distribution<double> gap(ratePerS);
    return fromSeconds(gap(m_engine));
}

double Workload::rateAt(Time t) const {
    switch (m_spec.type) {
        case WorkloadType::Poisson: return m_spec.ratePerS;
        case WorkloadType::OnOff: return m_on ? m_spec.onRatePerS : m_spec.offRatePerS;
        case WorkloadType::Schedule: {
            const auto& points = m_spec.schedule;
            if (points.empty()) return 0;
            const double s = toSeconds(t);
            if (s <= points.front().timeS) return points.front().ratePerS;
            for (std::size_t i = 1; i < points.size(); ++i) {
                if (s <= points[i].timeS) {
                    const auto& a = points[i - 1];
                    const auto& b = points[i];
                    const double f = (s - a.timeS) / (b.timeS - a.timeS);
                    return a.ratePerS + f * (b.ratePerS - a.ratePerS);
                }
            }
            return points.back().ratePerS;
        }
        default: return 0;
    }
}

void Workload::start() {
    switch (m_spec.type) {
        case WorkloadType::Closed:
            for (std::int64_t user = 0; user < m_spec.users; ++user) requestDone(user);
            return;
        case WorkloadType::Trace:
            if (m_traceNext < m_spec.traceTimesS.size())
                m_simulator.schedule(fromSeconds(m_spec.traceTimesS[m_traceNext]), this, kArrival);
            return;
        case WorkloadType::OnOff:
            m_on = true;
            m_periodEnd = fromSeconds(m_spec.onDurationS->sample(m_engine));
            m_simulator.schedule(m_periodEnd, this, kPeriodSwitch, m_periodGeneration);
            scheduleNextOpenArrival();
            return;
        default: scheduleNextOpenArrival();
    }
}

void Workload::scheduleNextOpenArrival() {
    const Time now = m_simulator.now();
    switch (m_spec.type) {
        case WorkloadType::Poisson: {
            const Time gap = exponentialGap(m_spec.ratePerS);
            if (gap != kTimeInfinity) m_simulator.scheduleIn(gap, this, kArrival);
            return;
        }
        case WorkloadType::Schedule: {
            // Thinning (Lewis and Shedler): candidates at the peak rate, each kept with probability
            // rate(t) / peak. Exact for any rate curve bounded by the peak.
            Time t = now;
            for (;;) {
                const Time gap = exponentialGap(m_maxRate);
                if (gap == kTimeInfinity) return;
                t += gap;
                if (m_uniform(m_engine) * m_maxRate <= rateAt(t)) break;
                // Past the last point the rate is constant: if it is zero nothing more arrives.
                if (!m_spec.schedule.empty() && toSeconds(t) >= m_spec.schedule.back().timeS &&
                    m_spec.schedule.back().ratePerS <= 0)
                    return;
            }
            m_simulator.schedule(t, this, kArrival);
            return;
        }
        case WorkloadType::OnOff: {
            // Memoryless: a candidate past the period's end is dropped and the next period draws
            // afresh when it starts (kPeriodSwitch).
            const Time gap = exponentialGap(m_on ? m_spec.onRatePerS : m_spec.offRatePerS);
            if (gap != kTimeInfinity && gap < m_periodEnd - now)
                m_simulator.scheduleIn(gap, this, kArrival, m_periodGeneration);
            return;
        }
        default: return;
    }
}

void Workload::requestDone(std::int64_t user) {
    if (m_spec.type != WorkloadType::Closed) return;
    const Time think = fromMillis(m_spec.thinkTimeMs->sample(m_engine));
    m_simulator.scheduleIn(think, this, kUserReady, static_cast<std::uint64_t>(user));
}

void Workload::handleEvent(const Event& event) {
    switch (event.kind) {
        case kArrival:
            if (m_spec.type == WorkloadType::OnOff && event.payload != m_periodGeneration) return;
            ++m_arrivals;
            if (m_spec.type == WorkloadType::Trace) {
                const auto row = static_cast<std::int64_t>(m_traceNext);
                if (++m_traceNext < m_spec.traceTimesS.size())
                    m_simulator.schedule(fromSeconds(m_spec.traceTimesS[m_traceNext]), this,
                                         kArrival);
                m_sink.arrive({-1, row});
            } else {
                scheduleNextOpenArrival();
                m_sink.arrive({});
            }
            return;
        case kPeriodSwitch: {
            if (event.payload != m_periodGeneration) return;
            m_on = !m_on;
            ++m_periodGeneration;  // cancels the arrival pending from the old period
            const auto& length = m_on ? m_spec.onDurationS : m_spec.offDurationS;
            m_periodEnd = m_simulator.now() + std::max<Time>(1, fromSeconds(length->sample(m_engine)));
            m_simulator.schedule(m_periodEnd, this, kPeriodSwitch, m_periodGeneration);
            scheduleNextOpenArrival();
            return;
        }
        case kUserReady:
            ++m_arrivals;
            m_sink.arrive({static_cast<std::int64_t>(event.payload), -1});
            return;
        default: return;
    }
}

}  // namespace archsim
