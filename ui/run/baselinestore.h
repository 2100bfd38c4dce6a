// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Keep as Baseline: the results of a scenario's run frozen, so that after an edit and a re-run
// every chart shows the new lines against the old ones. A baseline is shown as a scenario of its
// own, named "<name> (baseline)", faded and dashed, before the live scenarios, so the summary's
// differences read "against the baseline".

#include <QColor>
#include <QString>
#include <map>
#include <vector>

#include "sim/scenario/scenario.h"
#include "ui/run/runrecorder.h"

namespace archsim::ui {

class ChartsPanel;

class BaselineStore {
public:
    /// Freezes `run` as the baseline of scenario `key` (replacing an earlier one).
    void keep(int key, const QString& name, const QColor& colour,
              const archsim::TopologySpec& topology, RecordedRun run);
    /// Removes the baseline of `key`; false if it had none.
    bool clear(int key);
    void clearAll() { m_baselines.clear(); }
    bool has(int key) const { return m_baselines.count(key) > 0; }
    bool empty() const { return m_baselines.empty(); }

    /// The charts' key of the baseline of `key` (baselines have negative keys).
    static int chartKey(int key) { return -key; }
    /// Adds the baselines of `keys` (those that have one) to `charts` with their data.
    void addTo(ChartsPanel& charts, const std::vector<int>& keys) const;

private:
    struct Baseline {
        QString name;
        QColor colour;
        archsim::TopologySpec topology;
        RecordedRun run;
    };
    std::map<int, Baseline> m_baselines;
};

}  // namespace archsim::ui
