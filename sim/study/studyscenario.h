// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A scenario a study varies: its file's JSON, kept so that each point can change fields by path
// (like `--set`) and be read and checked again exactly like the file.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/cost/pricing.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/scenariooverride.h"
#include "sim/scenario/validation.h"

namespace archsim {

struct StudyScenario {
    std::string file;     ///< as the sweep file names it, for messages
    std::string path;     ///< where it was read
    nlohmann::json json;  ///< the file's content
    Scenario scenario;    ///< the file as it is, checked
    std::optional<PricingTable>
        pricing;  ///< set by the caller when the scenario has a cost section
};

/// Reads and checks a scenario file; nullopt with every problem in `report`.
std::optional<StudyScenario> loadStudyScenario(const std::string& file, const std::string& path,
                                               ValidationReport& report);

/// The scenario with the overrides applied, read and checked like the file (and its cost section
/// against the pricing table); nullopt with every problem in `report`, each message saying which
/// override it came from.
std::optional<Scenario> studyPoint(const StudyScenario& base,
                                   const std::vector<ScenarioOverride>& overrides,
                                   ValidationReport& report);

}  // namespace archsim
