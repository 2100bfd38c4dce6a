// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/report/scenarioparameters.h"

#include <QObject>
#include <QStringList>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "sim/scenario/scenariojson.h"

namespace archsim::ui {
namespace {

using nlohmann::json;

/// Numbers with every digit a reader may want to check against the file, never in exponent form
/// for the ordinary magnitudes of a scenario.
QString numberText(const json& value) {
    if (value.is_number_integer()) return QString::number(value.get<long long>());
    if (value.is_number_unsigned()) return QString::number(value.get<unsigned long long>());
    const double number = value.get<double>();
    return QString::number(number, 'g', 12);
}

QString scalarText(const json& value) {
    if (value.is_string()) return QString::fromStdString(value.get<std::string>());
    if (value.is_boolean()) return value.get<bool>() ? QStringLiteral("yes") : QStringLiteral("no");
    if (value.is_number()) return numberText(value);
    if (value.is_null()) return QStringLiteral("none");
    return QString::fromStdString(value.dump());
}

/// A distribution object ({"type": ..., numbers...}) in one line: "lognormal: median 4.5, p99 9".
bool isDistribution(const json& value) {
    if (!value.is_object() || !value.contains("type") || !value["type"].is_string()) return false;
    for (const auto& [key, item] : value.items())
        if (key != "type" && !item.is_number() && !item.is_array()) return false;
    return true;
}

QString distributionText(const json& value) {
    QStringList parts;
    for (const auto& [key, item] : value.items()) {
        if (key == "type") continue;
        if (item.is_array()) {
            parts << QStringLiteral("%1 (%2 values)")
                         .arg(QString::fromStdString(key))
                         .arg(item.size());
            continue;
        }
        parts << QString::fromStdString(key) + QLatin1Char(' ') + numberText(item);
    }
    const QString type = QString::fromStdString(value["type"].get<std::string>());
    return parts.isEmpty() ? type : type + QStringLiteral(": ") + parts.join(QStringLiteral(", "));
}

void flatten(const json& value, const QString& path, const QString& unit,
             std::vector<ParameterRow>& rows) {
    // A component's own object (the workload has a "type" too) is never read as a distribution.
    if (!path.isEmpty() && isDistribution(value)) {
        rows.push_back({path, distributionText(value), unit});
    } else if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
            const QString name = QString::fromStdString(key);
            const QString child = path.isEmpty() ? name : path + QLatin1Char('.') + name;
            const QString childUnit = unitOfField(name);
            flatten(item, child, childUnit.isEmpty() ? unit : childUnit, rows);
        }
    } else if (value.is_array()) {
        // Arrays of numbers (a trace) would be thousands of rows: their size says enough.
        const bool scalars =
            !value.empty() && std::all_of(value.begin(), value.end(),
                                          [](const json& item) { return item.is_primitive(); });
        if (scalars && value.size() > 8) {
            rows.push_back({path, QStringLiteral("%1 values").arg(value.size()), unit});
            return;
        }
        if (value.empty()) rows.push_back({path, QStringLiteral("none"), QString()});
        for (std::size_t i = 0; i < value.size(); ++i)
            flatten(value[i], QStringLiteral("%1[%2]").arg(path).arg(i + 1), unit, rows);
    } else {
        rows.push_back({path, scalarText(value), unit});
    }
}

QString componentTitle(const std::string& section) {
    if (section == "gateways") return QObject::tr("Gateway");
    if (section == "functions") return QObject::tr("Function pool");
    if (section == "servers") return QObject::tr("Server pool");
    if (section == "caches") return QObject::tr("Cache");
    if (section == "databases") return QObject::tr("Database");
    if (section == "hops") return QObject::tr("Network hop");
    if (section == "stations") return QObject::tr("Station");
    return QString::fromStdString(section);
}

}  // namespace

QString unitOfField(const QString& field) {
    // Handler steps name their CPU time "cpu"; everything else follows the suffix rule.
    if (field == QLatin1String("cpu")) return QStringLiteral("ms");
    if (field.endsWith(QLatin1String("PerS"))) return QStringLiteral("1/s");
    if (field.endsWith(QLatin1String("Ms"))) return QStringLiteral("ms");
    if (field.endsWith(QLatin1String("Kb"))) return QStringLiteral("KB");
    if (field.endsWith(QLatin1String("Mb"))) return QStringLiteral("MB");
    if (field.endsWith(QLatin1String("Gb"))) return QStringLiteral("GB");
    if (field.size() > 1 && field.endsWith(QLatin1Char('S')) && field[field.size() - 2].isLower())
        return QStringLiteral("s");
    return {};
}

std::vector<ParameterGroup> scenarioParameters(const Scenario& scenario) {
    const json document = scenarioToJson(scenario);
    std::vector<ParameterGroup> groups;
    const auto addGroup = [&](const QString& title, const json& value) {
        ParameterGroup group{title, {}};
        flatten(value, QString(), QString(), group.rows);
        if (!group.rows.empty()) groups.push_back(std::move(group));
    };
    if (document.contains("run")) addGroup(QObject::tr("Run"), document["run"]);
    if (document.contains("workload")) addGroup(QObject::tr("Workload"), document["workload"]);
    if (document.contains("topology")) {
        const json& topology = document["topology"];
        if (topology.contains("entry"))
            groups.push_back({QObject::tr("Topology"),
                              {{QStringLiteral("entry"), scalarText(topology["entry"]), {}}}});
        // In the order requests travel, as the diagram draws them.
        for (const char* section :
             {"gateways", "functions", "servers", "stations", "hops", "caches", "databases"}) {
            if (!topology.contains(section)) continue;
            for (const json& component : topology[section]) {
                json fields = component;
                const QString id = fields.contains("id") ? scalarText(fields["id"]) : QString();
                fields.erase("id");
                addGroup(componentTitle(section) + QLatin1Char(' ') + id, fields);
            }
        }
    }
    if (document.contains("cost")) addGroup(QObject::tr("Cost"), document["cost"]);
    if (document.contains("pricingFile")) {
        // An empty name means the table shipped with archsim, which the Pricing section lists.
        const QString file = scalarText(document["pricingFile"]);
        groups.push_back({QObject::tr("Pricing"),
                          {{QStringLiteral("pricingFile"),
                            file.isEmpty() ? QObject::tr("(the bundled table)") : file,
                            {}}}});
    }
    return groups;
}

}  // namespace archsim::ui
