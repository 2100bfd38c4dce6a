// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run/baselinestore.h"

#include <QCoreApplication>

#include "ui/charts/chartspanel.h"
#include "ui/charts/chartstyle.h"

namespace archsim::ui {

void BaselineStore::keep(int key, const QString& name, const QColor& colour,
                         const TopologySpec& topology, RecordedRun run) {
    m_baselines[key] = Baseline{name, colour, topology, std::move(run)};
}

bool BaselineStore::clear(int key) {
    return m_baselines.erase(key) > 0;
}

void BaselineStore::addTo(ChartsPanel& charts, const std::vector<int>& keys) const {
    for (int key : keys) {
        const auto found = m_baselines.find(key);
        if (found == m_baselines.end()) continue;
        const Baseline& baseline = found->second;
        charts.addScenario(
            chartKey(key),
            QCoreApplication::translate("archsim", "%1 (baseline)").arg(baseline.name),
            translucent(baseline.colour, 120), baseline.topology);
        baseline.run.feed(charts, chartKey(key));
    }
}

}  // namespace archsim::ui
