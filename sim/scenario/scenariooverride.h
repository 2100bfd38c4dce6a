// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `--set PATH=VALUE`: one field of a scenario replaced before the scenario is read, so the value is
// checked exactly as if it were in the file, and a problem names the same path. Sweeps
// (sim/study) and lesson steps (sim/lesson) change fields the same way, with the same path syntax.

#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

namespace archsim {

struct ScenarioOverride {
    /// The path as written, in the notation messages use: "workload.ratePerS",
    /// "topology.functions[0].memoryMb", "pricing[\"t3.small\"]".
    std::string path;
    /// Each step: an object member (string) or an array index.
    std::vector<std::variant<std::string, std::size_t>> steps;
    /// VALUE read as JSON when it is JSON (5, true, null, "x", [1,2], {"a":1}), else as a string,
    /// so
    /// `--set workload.type=poisson` needs no quotes.
    nlohmann::json value;
    /// How messages introduce the override: "--set" on the command line, "fields[0]" in a sweep,
    /// "set" in a lesson step.
    std::string origin = "--set";
};

/// Reads "PATH=VALUE"; returns an error message ("" on success), starting with `origin` (the
/// command line's "--set", a lesson step's "set").
std::string parseOverride(const std::string& assignment, ScenarioOverride& result,
                          const std::string& origin = "--set");

/// Reads a bare PATH (no value) into `result.steps` and `result.path`; messages begin with
/// `origin` instead of "--set". Returns an error message ("" on success).
std::string parseOverridePath(const std::string& path, const std::string& origin,
                              ScenarioOverride& result);

/// Puts the value at the path in `document`. Missing object members (and objects on the way) are
/// created, so an optional field the file leaves out can be set; an array index must exist.
/// Returns an error message naming the path ("" on success).
std::string applyOverride(nlohmann::json& document, const ScenarioOverride& override);

}  // namespace archsim
