// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/study/sweepablefield.h"

#include "sim/scenario/scenariofields.h"
#include "sim/scenario/validation.h"

namespace archsim {
namespace {

void addFields(std::vector<SweepableField>& out, const nlohmann::json& object,
               const ComponentDescription& description, const std::string& path,
               const std::string& owner) {
    if (!object.is_object()) return;
    for (const FieldDescription* field : description.fields) {
        if (!field->isNumeric()) continue;
        const auto value = object.find(std::string(field->key));
        double current = 0;
        if (value != object.end() && value->is_number())
            current = value->get<double>();
        else if (value == object.end() && field->hasDefault())
            current = field->defaultValue;
        else
            continue;  // an optional limit left out, or not a number
        out.push_back({joinPath(path, std::string(field->key)),
                       owner + ": " + std::string(field->label), field, current});
    }
}

}  // namespace

std::vector<SweepableField> sweepableFields(const nlohmann::json& scenario) {
    std::vector<SweepableField> out;
    if (!scenario.is_object()) return out;
    addFields(out, scenario.value("run", nlohmann::json::object()), runDescription(), "run", "Run");
    addFields(out, scenario.value("workload", nlohmann::json::object()), workloadDescription(),
              "workload", "Workload");
    const nlohmann::json topology = scenario.value("topology", nlohmann::json::object());
    for (const ComponentDescription& kind : topologyDescriptions()) {
        const auto list = topology.find(std::string(kind.arrayKey));
        if (list == topology.end() || !list->is_array()) continue;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const nlohmann::json& component = (*list)[i];
            const std::string id = component.is_object() ? component.value("id", "") : "";
            addFields(out, component, kind, indexPath("topology." + std::string(kind.arrayKey), i),
                      id.empty() ? std::string(kind.label) : id);
        }
    }
    return out;
}

}  // namespace archsim
