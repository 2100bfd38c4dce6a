// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/study/studyscenario.h"

#include <filesystem>

#include "sim/cost/costmodel.h"
#include "sim/scenario/boundedfile.h"
#include "sim/scenario/jsonreader.h"
#include "sim/scenario/scenariojson.h"

namespace archsim {

std::optional<StudyScenario> loadStudyScenario(const std::string& file, const std::string& path,
                                               ValidationReport& report) {
    std::string error;
    const auto text = readBoundedFile(path, kScenarioFile, error);
    if (!text) {
        report.add({}, error);
        return std::nullopt;
    }
    ValidationReport own;
    auto json = parseJsonText(*text, "a scenario", own);
    std::optional<Scenario> scenario;
    if (json && own.ok())
        scenario = scenarioFromJson(*json, own, std::filesystem::path(path).parent_path().string());
    if (!scenario || !own.ok()) {
        for (const ValidationIssue& issue : own.issues())
            report.add({}, "scenario " + quotedPath(file) + ": " + issue.toString());
        return std::nullopt;
    }
    return StudyScenario{file, path, std::move(*json), std::move(*scenario), std::nullopt};
}

std::optional<Scenario> studyPoint(const StudyScenario& base,
                                   const std::vector<ScenarioOverride>& overrides,
                                   ValidationReport& report) {
    nlohmann::json json = base.json;
    ValidationReport own;
    for (const ScenarioOverride& o : overrides)
        if (std::string error = applyOverride(json, o); !error.empty())
            own.add({}, std::move(error));
    std::optional<Scenario> scenario;
    if (own.ok())
        scenario =
            scenarioFromJson(json, own, std::filesystem::path(base.path).parent_path().string());
    if (scenario && scenario->cost && base.pricing)
        validateCostConfig(*scenario->cost, *base.pricing, own);
    if (scenario && own.ok()) return scenario;
    for (const ValidationIssue& issue : own.issues()) {
        std::string from;
        for (const ScenarioOverride& o : overrides)
            if (issue.path.starts_with(o.path)) {
                from = o.origin + " sets " + o.path + " to " + describeJson(o.value) + ": ";
                break;
            }
        report.add({}, from + "scenario " + quotedPath(base.file) + ": " + issue.toString());
    }
    return std::nullopt;
}

}  // namespace archsim
