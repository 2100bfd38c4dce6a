// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every parameter of a scenario as the report lists it: grouped by component, one row per field,
// each with its unit. The rows come from the scenario's canonical JSON form, so a field added to
// the format appears here without a list to keep in step; units follow the format's naming rule
// (...Ms milliseconds, ...S seconds, ...PerS per second, ...Kb kilobytes; docs/scenario-format.md).

#include <QString>
#include <vector>

#include "sim/scenario/scenario.h"

namespace archsim::ui {

struct ParameterRow {
    QString name;   ///< the field's path inside its component: "handler[1].cpu"
    QString value;  ///< "lognormal: median 4.5, p99 9", "remote", "200"
    QString unit;   ///< "ms", "s", "1/s", "KB", "" for counts and keywords
};

struct ParameterGroup {
    QString title;  ///< "Run", "Workload", "Function pool worker", "Cost"
    std::vector<ParameterRow> rows;
};

std::vector<ParameterGroup> scenarioParameters(const archsim::Scenario& scenario);

/// The unit a scenario field name implies ("coldStartMs" -> "ms"), or "".
QString unitOfField(const QString& field);

}  // namespace archsim::ui
