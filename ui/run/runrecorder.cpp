// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run/runrecorder.h"

#include "ui/charts/chartspanel.h"
#include "ui/run/runcontroller.h"

namespace archsim::ui {

std::vector<RunResult> RecordedRun::runs() const {
    if (replications) return *replications;
    if (result) return {*result};
    return {};
}

void RecordedRun::feed(ChartsPanel& charts, int chartKey) const {
    if (!result) return;
    charts.appendWindows(chartKey, result->windows);
    charts.setHistogram(chartKey, result->latency);
    charts.setResult(chartKey, *result);
    if (!costCurve.empty()) charts.setCostCurve(chartKey, costCurve);
    if (replications) charts.setReplicationResults(chartKey, *replications);
}

RunRecorder::RunRecorder(const RunController* controller, QObject* parent) : QObject(parent) {
    // A new run of a scenario replaces what was recorded of the previous one from its start, so
    // the record never mixes two runs.
    connect(controller, &RunController::runStarted, this, [this](int key) { forget(key); });
    connect(controller, &RunController::runFinished, this,
            [this](int key, const std::shared_ptr<const RunResult>& result) {
                if (!result || result->status == RunStatus::Cancelled) return;
                m_runs[key] = RecordedRun{result, nullptr, {}};
            });
    connect(controller, &RunController::replicationsFinished, this,
            [this](int key, const std::shared_ptr<const std::vector<RunResult>>& results) {
                const auto found = m_runs.find(key);
                if (found != m_runs.end()) found->second.replications = results;
            });
    connect(controller, &RunController::costCurveReady, this,
            [this](int key, const std::vector<CostPoint>& curve) {
                const auto found = m_runs.find(key);
                if (found != m_runs.end()) found->second.costCurve = curve;
            });
}

const RecordedRun* RunRecorder::find(int key) const {
    const auto found = m_runs.find(key);
    return found == m_runs.end() ? nullptr : &found->second;
}

void RunRecorder::forget(int key) {
    m_runs.erase(key);
}

}  // namespace archsim::ui
