// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The latest finished results of each scenario, as a RunController delivered them: the result
// (with its windows and histogram), every replication when more than one ran, and the cost curve.
// What the window exports as data and what Keep as Baseline freezes.

#include <QObject>
#include <map>
#include <memory>
#include <vector>

#include "sim/cost/costmodel.h"
#include "sim/run/runresult.h"

namespace archsim::ui {

class ChartsPanel;
class RunController;

struct RecordedRun {
    std::shared_ptr<const archsim::RunResult> result;
    /// Every replication in order (the first is `result`); null with a single replication.
    std::shared_ptr<const std::vector<archsim::RunResult>> replications;
    std::vector<archsim::CostPoint> costCurve;

    /// The replications behind the figures: all of them, or the one result.
    std::vector<archsim::RunResult> runs() const;
    /// Shows this run on `charts` as scenario `chartKey` (which must have been added).
    void feed(ChartsPanel& charts, int chartKey) const;
};

class RunRecorder : public QObject {
    Q_OBJECT
public:
    explicit RunRecorder(const RunController* controller, QObject* parent = nullptr);

    /// The latest finished run of `key`, or nullptr (none yet, or one is under way).
    const RecordedRun* find(int key) const;
    void forget(int key);

private:
    std::map<int, RecordedRun> m_runs;
};

}  // namespace archsim::ui
