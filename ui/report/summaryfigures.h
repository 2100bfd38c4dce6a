// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The headline figures of a run and how sure they are, one definition for the report, the
// window's summary table and the data export: each figure's name, unit, direction and value, its
// 95% confidence interval over independent replications, and whether two scenarios' intervals
// support a difference between them.

#include <QString>
#include <functional>
#include <vector>

#include "sim/run/runresult.h"
#include "sim/stats/confidence.h"

namespace archsim::ui {

struct SummaryFigure {
    QString id;  ///< stable, for data files: "p99", "throughput"...
    QString label;
    QString unit;
    bool lowerIsBetter;
    std::function<double(const archsim::RunResult&)> value;  ///< NaN when it does not apply
};

/// Every figure, in the order the report lists them.
const std::vector<SummaryFigure>& summaryFigures();
/// The figure with `id`, or nullptr.
const SummaryFigure* summaryFigure(const QString& id);

/// The 95% interval of the figure's mean over `runs` (NaN mean when it applies to none).
archsim::ConfidenceInterval summaryInterval(const SummaryFigure& figure,
                                            const std::vector<archsim::RunResult>& runs);

/// Both intervals come from two or more replications and do not overlap: the difference between
/// the two means is more than chance. Overlapping intervals do not support it.
bool intervalsSupportDifference(const archsim::ConfidenceInterval& a,
                                const archsim::ConfidenceInterval& b);

}  // namespace archsim::ui
