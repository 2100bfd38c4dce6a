// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The numeric fields of a scenario a sweep can vary, each with the path a sweep file and `--set`
// use, taken from the one description of every field (sim/scenario/scenariofields.h): the same
// fields, labels, units and ranges the properties editor shows.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/scenario/fielddescription.h"

namespace archsim {

struct SweepableField {
    std::string path;   ///< "workload.ratePerS", "topology.servers[0].replicas"
    std::string label;  ///< "Workload: Rate", "go-servers: Replicas"
    const FieldDescription* description = nullptr;
    double current = 0;  ///< its value in the scenario (its default when left out)
};

/// Every number and whole number of the run, the workload and each component, in the order the
/// properties editor lists them. `scenario` is the scenario's JSON (scenarioToJson).
std::vector<SweepableField> sweepableFields(const nlohmann::json& scenario);

}  // namespace archsim
