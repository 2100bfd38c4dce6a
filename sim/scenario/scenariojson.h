// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Scenario files: versioned JSON (docs/scenario-format.md, resources/scenario.schema.json).
// Loading validates everything and reports every problem with its JSON path; saving writes the
// canonical form, which loads back to an identical scenario and saves again to identical text.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/scenario.h"
#include "sim/scenario/validation.h"

namespace archsim {

/// Reads a scenario from parsed JSON; nullopt (with every problem in `report`) if invalid.
/// A relative workload.traceFile is resolved against `baseDirectory` ("" = the working directory).
std::optional<Scenario> scenarioFromJson(const nlohmann::json& json, ValidationReport& report,
                                         const std::string& baseDirectory = {});
/// Parses and reads scenario text; syntax errors are reported with line and column, and a key
/// given twice in one object is reported (a JSON parser would silently keep only one value).
std::optional<Scenario> scenarioFromText(const std::string& text, ValidationReport& report,
                                         const std::string& baseDirectory = {});
/// Reads a scenario file; a missing or unreadable file is reported as such. Relative paths inside
/// (workload.traceFile) are resolved against the file's directory.
std::optional<Scenario> loadScenarioFile(const std::string& path, ValidationReport& report);

/// The canonical JSON form of a scenario (as a plain, key-sorted json value).
nlohmann::json scenarioToJson(const Scenario& scenario);
/// The canonical text of a scenario: fields in the documented order, two-space indent, final
/// newline. saveScenarioFile writes exactly this.
std::string scenarioToText(const Scenario& scenario);
/// Writes the scenario atomically (writeFileAtomically: a fresh temporary file, fsync'ed, renamed
/// over the target, which keeps its permissions). Returns an error message, or an empty string on
/// success; on failure the file is left as it was.
std::string saveScenarioFile(const Scenario& scenario, const std::string& path);

/// The keyword a scenario file uses for each enum value ("on-off", "power-of-two-choices"), for
/// editors that offer the choices and for messages.
std::string_view toKeyword(WorkloadType value);
std::string_view toKeyword(OverflowPolicy value);
std::string_view toKeyword(InstancePick value);
std::string_view toKeyword(BalancerPolicy value);
std::string_view toKeyword(ScalingMetric value);
std::string_view toKeyword(CachePlacement value);
std::string_view toKeyword(QueueOrder value);

}  // namespace archsim
