// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The edges of every described number (sim/scenario/scenariofields.h), and a scenario in which
// each edge value can be tried on its own: the reader's tests and the properties editor's tests
// both hold their range checks to the description with these.

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/scenario/scenariofields.h"
#include "sim/scenario/scenariojson.h"

namespace archsim::testing {

/// One Number or Integer field, where it sits in a scenario file.
struct FieldCase {
    const FieldDescription* field;
    ComponentKind selection;  ///< what the properties editor must show to edit it
    std::string where;        ///< path of the object holding it ("run", "topology.caches[0]")
    std::string editorKey;    ///< the editor's name for it ("caches.keys")
};

/// Every described Number and Integer field of the run settings, the components and the
/// autoscaler.
inline std::vector<FieldCase> numericFieldCases() {
    std::vector<FieldCase> cases;
    const auto add = [&](const ComponentDescription& owner, ComponentKind selection,
                         const std::string& where, const std::string& prefix) {
        for (const FieldDescription* field : owner.fields)
            if (field->isNumeric())
                cases.push_back({field, selection, where, prefix + std::string(field->key)});
    };
    add(runDescription(), ComponentKind::None, "run", "run.");
    for (const ComponentDescription& kind : topologyDescriptions()) {
        const std::string key(kind.arrayKey);
        add(kind, kind.kind, "topology." + key + "[0]", key + ".");
    }
    add(autoscalerDescription(), ComponentKind::Server, "topology.servers[0].autoscaler",
        "servers.autoscaler.");
    add(triggerDescription(), ComponentKind::Function, "topology.functions[0].trigger",
        "functions.trigger.");
    return cases;
}

/// The values on both sides of each end of the field's range.
inline std::vector<double> edgeValues(const FieldDescription& field) {
    std::vector<double> values;
    if (field.type == FieldType::Integer) {
        values = {field.min - 1, field.min, field.max, field.max + 1};
    } else {
        const double step = 1e-9 * std::max(1.0, std::fabs(field.min));
        values = {field.min - step, field.min, field.min + step, field.max,
                  field.max + 1e-9 * std::max(1.0, field.max)};
    }
    return values;
}

/// A valid scenario with one component of each kind, none of them set beyond its defaults.
inline nlohmann::json baseScenario() {
    return nlohmann::json::parse(R"({
        "formatVersion": 1,
        "run": {},
        "workload": {"type": "poisson", "ratePerS": 1},
        "topology": {
            "entry": "s",
            "gateways": [{"id": "g", "latencyMs": 1}],
            "functions": [{"id": "f", "coldStartMs": 1, "keepAliveS": 1}],
            "servers": [{"id": "s"}],
            "caches": [{"id": "c", "lookupMs": 1}],
            "databases": [{"id": "d", "queryMs": 1}],
            "hops": [{"id": "h", "latencyMs": 1}],
            "stations": [{"id": "st", "serviceMs": 1}],
            "queues": [{"id": "q", "enqueueMs": 1}],
            "objectStores": [{"id": "o", "putMs": 1, "getMs": 1, "bandwidthMbPerS": 10}]
        }
    })");
}

/// The base scenario with the field set to `value`, and the fields it is related to set so that
/// only the field's own range decides: a provisioned count needs room under maxInstances, the
/// replicas must sit within an autoscaler's range, the run needs at most 1e6 windows.
inline nlohmann::json scenarioWith(const FieldCase& c, double value) {
    nlohmann::json scenario = baseScenario();
    nlohmann::json& run = scenario["run"];
    nlohmann::json& server = scenario["topology"]["servers"][0];
    const std::string key(c.field->key);
    nlohmann::json* object = nullptr;
    if (c.where == "run") {
        object = &run;
        if (key == "durationS") run["windowS"] = kMaxDurationS;
        if (key == "windowS") run["durationS"] = 1e-4;
        if (key == "warmupS") run["durationS"] = run["windowS"] = kMaxDurationS;
    } else if (c.where == "topology.servers[0].autoscaler") {
        // The widest target range is the in-flight one; replicas follow the range under test.
        server["autoscaler"] = {{"metric", "in-flight-per-replica"}, {"maxReplicas", kMaxReplicas}};
        const bool wholeAndInRange = c.field->accepts(value);
        server["replicas"] = key == "minReplicas" && wholeAndInRange ? value : 1.0;
        object = &server["autoscaler"];
    } else if (c.where == "topology.functions[0].trigger") {
        nlohmann::json& function = scenario["topology"]["functions"][0];
        function["trigger"] = {{"queue", "q"}};
        object = &function["trigger"];
    } else {
        const auto open = c.where.find('.');
        const auto bracket = c.where.find('[');
        object = &scenario["topology"][c.where.substr(open + 1, bracket - open - 1)][0];
        if (key == "provisioned") (*object)["maxInstances"] = kMaxInstances;
    }
    (*object)[key] = value;
    return scenario;
}

/// Whether the reader accepts the field at `value`: no issue at the field's path. `others`
/// collects issues elsewhere (there should be none: the scenario is otherwise valid).
inline bool readerAccepts(const FieldCase& c, double value, std::string& others,
                          std::string* problem = nullptr) {
    ValidationReport report;
    scenarioFromJson(scenarioWith(c, value), report);
    const std::string path = c.where + "." + std::string(c.field->key);
    bool accepted = true;
    for (const auto& issue : report.issues()) {
        if (issue.path == path) {
            accepted = false;
            if (problem) *problem = issue.toString();
        } else {
            others += issue.toString() + "\n";
        }
    }
    return accepted;
}

}  // namespace archsim::testing
