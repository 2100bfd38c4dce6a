// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The figures of a run, one number each: what `archsim-cli run` prints and a study (a sweep, a
// limit search, a precision stop) can ask for, named as the JSON output names them ("p99Ms",
// "errorRate"). A study keeps these per replication and gives their mean and confidence interval.

#include <string>
#include <string_view>
#include <vector>

#include "sim/run/runresult.h"

namespace archsim {

struct StudyFigure {
    std::string key;    ///< the name in sweep files and results
    std::string label;  ///< for people
    std::string unit;   ///< "ms", "" for a fraction
    double (*value)(const RunResult&);
    bool needsPricing = false;  ///< only with a cost section
    int decimals = 3;           ///< digits the command line's table prints
    bool needsJobs = false;     ///< only with queues (RunResult::jobs); 0 without
};

/// Every figure, in the order results list them.
const std::vector<StudyFigure>& studyFigures();
/// The figure named `name` ("p99Ms"; also the short "p99", "p99.9", "mean"); nullptr if none.
const StudyFigure* findStudyFigure(std::string_view name);
/// The names findStudyFigure() knows, for messages.
std::vector<std::string> studyFigureNames();

/// Per-component averages over a run's measured windows: what a limit search reports as the
/// first thing to break.
struct ComponentLoad {
    std::string id;
    double utilization = 0;  ///< time-average busy / capacity, 0..1
    double queueLength = 0;  ///< time-average requests waiting
};
std::vector<ComponentLoad> componentLoads(const RunResult& run);

}  // namespace archsim
