// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Scenario files: versioned JSON (docs/scenario-format.md). Loading validates everything and
// reports every problem with its JSON path; saving writes the canonical form, which loads back to
// an identical scenario.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sim/scenario/scenario.h"
#include "sim/scenario/validation.h"

namespace archsim {

/// Reads a scenario from parsed JSON; nullopt (with every problem in `report`) if invalid.
std::optional<Scenario> scenarioFromJson(const nlohmann::json& json, ValidationReport& report);
/// Parses and reads scenario text; syntax errors are reported with line and column.
std::optional<Scenario> scenarioFromText(const std::string& text, ValidationReport& report);
/// Reads a scenario file; a missing or unreadable file is reported as such.
std::optional<Scenario> loadScenarioFile(const std::string& path, ValidationReport& report);

/// The canonical JSON form of a scenario.
nlohmann::json scenarioToJson(const Scenario& scenario);
/// Writes the scenario atomically (to a temporary file renamed over the target). Returns an
/// error message, or an empty string on success.
std::string saveScenarioFile(const Scenario& scenario, const std::string& path);

}  // namespace archsim
