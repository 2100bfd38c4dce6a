// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/core/time.h"

namespace archsim {

/// A level that changes at events, integrated over simulated time (for time-averages).
class TimeAverage {
public:
    void set(Time now, double level) {
        m_area += m_level * static_cast<double>(now - m_last);
        m_level = level;
        m_last = now;
    }
    void add(Time now, double delta) { set(now, m_level + delta); }
    /// As set, skipped when the level is unchanged. The area is then added in one piece instead
    /// of several: the same sum exactly while level x ns stays below 2^53 (integer levels, a
    /// simulated day at levels up to 10^5), and one rounding fewer beyond.
    void update(Time now, double level) {
        if (level != m_level) set(now, level);
    }
    double level() const { return m_level; }
    /// Area (level x ns) from time 0 up to `now`.
    double areaAt(Time now) const { return m_area + m_level * static_cast<double>(now - m_last); }

private:
    double m_level = 0;
    double m_area = 0;
    Time m_last = 0;
};

/// The three levels a component's gauge shows (busy, alive, queued), with their areas at the start
/// of the current window so each window's time-average costs O(1).
struct GaugeLevels {
    TimeAverage busy, alive, queue;
    double busyAtWindow = 0, aliveAtWindow = 0, queueAtWindow = 0;

    /// Brings the three levels to their new values (only those that changed are touched).
    void update(Time now, double busyLevel, double aliveLevel, double queueLevel) {
        busy.update(now, busyLevel);
        alive.update(now, aliveLevel);
        queue.update(now, queueLevel);
    }

    /// Writes the time-averages over [start, end) into busy/alive/queueLength and starts the next
    /// window at `end`.
    template <class Gauge>
    void averageInto(Gauge& out, Time start, Time end) {
        const double length = static_cast<double>(end - start);
        const double b = busy.areaAt(end), a = alive.areaAt(end), q = queue.areaAt(end);
        if (length > 0) {
            out.busy = (b - busyAtWindow) / length;
            out.alive = (a - aliveAtWindow) / length;
            out.queueLength = (q - queueAtWindow) / length;
        }
        busyAtWindow = b;
        aliveAtWindow = a;
        queueAtWindow = q;
    }
};

}  // namespace archsim
