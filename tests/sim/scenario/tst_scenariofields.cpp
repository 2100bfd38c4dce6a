// SPDX-License-Identifier: GPL-3.0-or-later
// Tests sim/scenario/scenariofields.h, the one description of every scenario field, against what
// follows it: the reader refuses exactly the values outside each described range, the writer
// writes the described keys with the described defaults, and the JSON Schema and the format
// documentation state every field with the same type, unit, range and default.

#include <QStringList>
#include <QTest>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/fieldedges.h"
#include "sim/scenario/scenariofields.h"
#include "sim/scenario/scenariojson.h"

using namespace archsim;
using namespace archsim::testing;
using nlohmann::json;

namespace {

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

QString q(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

bool startsWith(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0;
}

/// Whether `text` starts with `figure` as a whole: "1..100000000" does not start "1..1000000000".
bool startsWithFigure(const std::string& text, const std::string& figure) {
    if (!startsWith(text, figure)) return false;
    if (text.size() == figure.size()) return true;
    const char next = text[figure.size()];
    return !(next >= '0' && next <= '9') && next != '.' && next != 'e';
}

/// Each description with the name of its definition in the schema and the heading of its table
/// in the documentation (and, where one section holds two tables, the line before the second).
struct Documented {
    const ComponentDescription* description;
    std::string schemaDef;
    std::string heading;
    std::string tableAfter;
};

std::vector<Documented> documented() {
    std::vector<Documented> list{{&runDescription(), "run", "## run", ""},
                                 {&workloadDescription(), "workload", "## workload", ""}};
    const std::map<ComponentKind, std::string> defs = {
        {ComponentKind::Gateway, "gateway"},   {ComponentKind::Function, "functionPool"},
        {ComponentKind::Server, "serverPool"}, {ComponentKind::Cache, "cache"},
        {ComponentKind::Database, "database"}, {ComponentKind::Hop, "hop"},
        {ComponentKind::Station, "station"},   {ComponentKind::Queue, "queue"},
        {ComponentKind::ObjectStore, "objectStore"}};
    for (const ComponentDescription& kind : topologyDescriptions())
        list.push_back({&kind, defs.at(kind.kind), "### " + std::string(kind.arrayKey), ""});
    list.push_back({&autoscalerDescription(), "autoscaler", "### servers", "`autoscaler` fields"});
    list.push_back({&rateLimitDescription(), "rateLimit", "### gateways", "`rateLimit` fields"});
    list.push_back({&triggerDescription(), "trigger", "### functions", "`trigger` fields"});
    list.push_back({&storeEventDescription(), "storeEvent", "### objectStores", "`onPut` fields"});
    list.push_back({&callDescription(), "callStep", "### Call options", ""});
    list.push_back({&retryDescription(), "retry", "### Call options", "`retry` fields"});
    list.push_back({&breakerDescription(), "breaker", "### Call options", "`breaker` fields"});
    list.push_back({&failureDescription(), "failure", "## failures", ""});
    list.push_back({&sloDescription(), "slo", "## slo", ""});
    list.push_back({&regionDescription(), "region", "### regions", ""});
    list.push_back({&roundTripDescription(), "roundTrip", "### roundTrips", ""});
    return list;
}

/// The rows of the first table under `heading` (after the line holding `after`, if given), by the
/// field in their first cell, each row as a map from column name to cell.
std::map<std::string, std::map<std::string, std::string>> tableRows(const std::string& doc,
                                                                    const std::string& heading,
                                                                    const std::string& after) {
    std::istringstream in(doc);
    std::string line;
    bool inSection = false;
    bool pastMarker = after.empty();
    std::vector<std::string> columns;
    std::map<std::string, std::map<std::string, std::string>> rows;
    const auto cells = [](const std::string& row) {
        std::vector<std::string> out;
        std::size_t start = 1;
        for (std::size_t bar = row.find('|', start); bar != std::string::npos;
             bar = row.find('|', start)) {
            out.push_back(trim(row.substr(start, bar - start)));
            start = bar + 1;
        }
        return out;
    };
    while (std::getline(in, line)) {
        if (!inSection) {
            inSection = line == heading;
            continue;
        }
        if (startsWith(line, "#")) break;
        if (!pastMarker) {
            pastMarker = line.find(after) != std::string::npos;
            continue;
        }
        if (!startsWith(line, "|")) {
            if (!columns.empty()) break;  // the table ended
            continue;
        }
        if (columns.empty()) {
            columns = cells(line);
            continue;
        }
        if (startsWith(line, "|---")) continue;
        const auto row = cells(line);
        if (row.empty() || row[0].size() < 3 || row[0].front() != '`') continue;
        auto& out = rows[row[0].substr(1, row[0].size() - 2)];
        for (std::size_t i = 0; i < row.size() && i < columns.size(); ++i) out[columns[i]] = row[i];
    }
    return rows;
}

/// How the documentation states the field's default.
std::string documentedDefault(const FieldDescription& field) {
    switch (field.presence) {
        case Presence::Required:
            return "required";
        case Presence::Optional:
            return "absent";
        case Presence::Defaulted:
            break;
    }
    if (field.isNumeric()) return "`" + formatNumber(field.defaultValue) + "`";
    if (field.type == FieldType::Steps) return "`" + std::string(field.defaultText) + "`";
    return "`\"" + std::string(field.defaultText) + "\"`";
}

}  // namespace

class TestScenarioFields : public QObject {
    Q_OBJECT
private slots:
    void testEveryComponentKindIsDescribed();
    void testFieldsAreDescribedOnce();
    void testReaderRefusesExactlyWhatIsOutOfRange();
    void testWriterWritesTheDescribedDefaults();
    void testSchemaAgreesWithTheDescription();
    void testDocumentationAgreesWithTheDescription();
};

void TestScenarioFields::testEveryComponentKindIsDescribed() {
    std::set<ComponentKind> described;
    for (const ComponentDescription& kind : topologyDescriptions()) {
        QVERIFY(isTopologyComponent(kind.kind));
        QVERIFY(described.insert(kind.kind).second);
        QCOMPARE(&describe(kind.kind), &kind);
        QVERIFY(!kind.arrayKey.empty() && !kind.label.empty() && !kind.noun.empty());
        // Every component starts with its id.
        QVERIFY(!kind.fields.empty());
        QCOMPARE(q(kind.fields.front()->key), QString("id"));
    }
    for (auto kind : {ComponentKind::Gateway, ComponentKind::Function, ComponentKind::Server,
                      ComponentKind::Cache, ComponentKind::Database, ComponentKind::Hop,
                      ComponentKind::Station, ComponentKind::Queue, ComponentKind::ObjectStore})
        QVERIFY2(described.count(kind) == 1, "a topology component kind without a description");
    // The topology lists are written under the described keys, in the described order.
    ValidationReport report;
    const auto base = scenarioFromJson(baseScenario(), report);
    QVERIFY2(base, report.toString().c_str());
    const json written = scenarioToJson(*base);
    QStringList keys;
    for (const auto& [key, value] : written.at("topology").items())
        if (key != "entry") keys << QString::fromStdString(key);
    QStringList described2;
    for (const ComponentDescription& kind : topologyDescriptions()) described2 << q(kind.arrayKey);
    keys.sort();
    described2.sort();
    QCOMPARE(keys, described2);
}

void TestScenarioFields::testFieldsAreDescribedOnce() {
    for (const Documented& d : documented()) {
        std::set<std::string_view> keys;
        for (const FieldDescription* field : d.description->fields) {
            QVERIFY2(keys.insert(field->key).second, field->key.data());
            QVERIFY2(!field->label.empty() && !field->tooltip.empty(), field->key.data());
            if (field->isNumeric() || field->type == FieldType::Distribution)
                QVERIFY2(field->min < field->max, field->key.data());
            if (field->isNumeric() && field->hasDefault())
                QVERIFY2(field->accepts(field->defaultValue), field->key.data());
            if (field->presence == Presence::Optional && field->isNumeric())
                QVERIFY2(!field->emptyMeaning.empty(), field->key.data());
        }
    }
}

void TestScenarioFields::testReaderRefusesExactlyWhatIsOutOfRange() {
    ValidationReport baseReport;
    QVERIFY2(scenarioFromJson(baseScenario(), baseReport), baseReport.toString().c_str());
    int tried = 0;
    for (const FieldCase& c : numericFieldCases()) {
        for (const double value : edgeValues(*c.field)) {
            const bool expected = c.field->accepts(value);
            // warmupS must also be shorter than the run, which is at most its own maximum.
            if (c.field == &fields::run::warmupS && value == c.field->max) continue;
            std::string others;
            std::string problem;
            const bool accepted = readerAccepts(c, value, others, &problem);
            const std::string what =
                c.where + "." + std::string(c.field->key) + " = " + formatNumber(value);
            QVERIFY2(others.empty(), (what + ": " + others).c_str());
            QVERIFY2(accepted == expected,
                     (what + (accepted ? " accepted" : ": " + problem)).c_str());
            // A refusal past the maximum states the maximum.
            if (!expected && value > c.field->max)
                QVERIFY2(problem.find(formatNumber(c.field->max)) != std::string::npos,
                         problem.c_str());
            ++tried;
        }
    }
    QVERIFY(tried > 100);
}

void TestScenarioFields::testWriterWritesTheDescribedDefaults() {
    // One default-constructed component of each kind, and a default autoscaler: what is written
    // for each field the file may leave out is the described default.
    Scenario s;
    s.topology.entry = "s";
    const auto named = [](auto spec, const char* id) {
        spec.id = id;
        return spec;
    };
    s.topology.gateways.push_back(named(GatewaySpec{}, "g"));
    s.topology.functions.push_back(named(FunctionPoolSpec{}, "f"));
    s.topology.servers.push_back(named(ServerPoolSpec{}, "s"));
    s.topology.servers.back().autoscaler = AutoscalerSpec{};
    s.topology.caches.push_back(named(CacheSpec{}, "c"));
    s.topology.databases.push_back(named(DatabaseSpec{}, "d"));
    s.topology.hops.push_back(named(NetworkHopSpec{}, "h"));
    s.topology.stations.push_back(named(StationSpec{}, "st"));
    s.topology.queues.push_back(named(QueueSpec{}, "q"));
    s.topology.objectStores.push_back(named(ObjectStoreSpec{}, "o"));
    s.topology.functions.back().trigger = QueueTriggerSpec{};
    s.topology.functions.back().trigger->queue = "q";
    const json written = scenarioToJson(s);
    const auto check = [](const ComponentDescription& description, const json& object) {
        for (const auto& [key, value] : object.items())
            QVERIFY2(description.field(key) != nullptr,
                     ("written but not described: " + key).c_str());
        for (const FieldDescription* field : description.fields) {
            const std::string key(field->key);
            if (!field->hasDefault()) continue;
            QVERIFY2(object.contains(key), ("default not written: " + key).c_str());
            if (field->isNumeric()) {
                QCOMPARE(object.at(key).get<double>(), field->defaultValue);
            } else if (field->type == FieldType::Steps) {
                QCOMPARE(q(object.at(key).dump()), q(field->defaultText));
            } else {
                QCOMPARE(q(object.at(key).get<std::string>()), q(field->defaultText));
            }
        }
    };
    check(runDescription(), written.at("run"));
    for (const ComponentDescription& kind : topologyDescriptions())
        check(kind, written.at("topology").at(std::string(kind.arrayKey)).at(0));
    check(autoscalerDescription(), written.at("topology").at("servers").at(0).at("autoscaler"));
    check(triggerDescription(), written.at("topology").at("functions").at(0).at("trigger"));
}

void TestScenarioFields::testSchemaAgreesWithTheDescription() {
    const json schema = json::parse(readText(ARCHSIM_RESOURCES_DIR "/scenario.schema.json"));
    QStringList problems;
    const auto problem = [&](const std::string& where, const std::string& what) {
        problems << QString::fromStdString(where + ": " + what);
    };
    for (const Documented& d : documented()) {
        const json& def = schema.at("$defs").at(d.schemaDef);
        const json& properties = def.at("properties");
        std::set<std::string> required;
        for (const auto& key : def.value("required", json::array()))
            required.insert(key.get<std::string>());
        for (const auto& [key, unused] : properties.items())
            if (!d.description->field(key)) problem(d.schemaDef + "." + key, "not described");
        for (const FieldDescription* field : d.description->fields) {
            const std::string key(field->key);
            const std::string where = d.schemaDef + "." + key;
            if (!properties.contains(key)) {
                problem(where, "missing from the schema");
                continue;
            }
            const json& p = properties.at(key);
            // A workload field is required by its own type only, which the schema says in
            // conditions rather than in the list.
            if (d.description != &workloadDescription() &&
                required.count(key) != (field->required() ? 1U : 0U))
                problem(where, field->required() ? "not required" : "required");
            if (field->isNumeric()) {
                const std::string type = field->type == FieldType::Integer ? "integer" : "number";
                if (p.value("type", "") != type) problem(where, "type is not " + type);
                const char* minKey = field->minExclusive ? "exclusiveMinimum" : "minimum";
                const char* otherKey = field->minExclusive ? "minimum" : "exclusiveMinimum";
                if (!p.contains(minKey) || p.at(minKey).get<double>() != field->min)
                    problem(where, std::string(minKey) + " is not " + formatNumber(field->min));
                if (p.contains(otherKey)) problem(where, std::string("has ") + otherKey);
                if (!p.contains("maximum") || p.at("maximum").get<double>() != field->max)
                    problem(where, "maximum is not " + formatNumber(field->max));
            } else if (field->type == FieldType::Distribution) {
                if (p.value("$ref", "") != "#/$defs/distribution")
                    problem(where, "is not a distribution");
            }
            if (field->hasDefault() && field->type != FieldType::Steps) {
                if (!p.contains("default")) {
                    problem(where, "has no default");
                } else if (field->isNumeric() ? p.at("default").get<double>() != field->defaultValue
                                              : p.at("default") != json(field->defaultText)) {
                    problem(where, "default is " + p.at("default").dump());
                }
            } else if (!field->hasDefault() && p.contains("default")) {
                problem(where, "has a default, the description none");
            }
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
}

void TestScenarioFields::testDocumentationAgreesWithTheDescription() {
    const std::string doc = readText(ARCHSIM_SOURCE_DIR "/docs/scenario-format.md");
    QVERIFY(!doc.empty());
    QStringList problems;
    for (const Documented& d : documented()) {
        const auto rows = tableRows(doc, d.heading, d.tableAfter);
        if (rows.empty()) {
            problems << QString::fromStdString(d.heading + ": no table of fields");
            continue;
        }
        for (const auto& [key, unused] : rows)
            if (!d.description->field(key))
                problems << QString::fromStdString(d.heading + " `" + key + "`: not described");
        for (const FieldDescription* field : d.description->fields) {
            const std::string key(field->key);
            const std::string where = d.heading + " `" + key + "`";
            const auto row = rows.find(key);
            if (row == rows.end()) {
                problems << QString::fromStdString(where + ": missing");
                continue;
            }
            const auto cell = [&](const char* column) {
                const auto it = row->second.find(column);
                return it == row->second.end() ? std::string("(no column)") : it->second;
            };
            if (cell("Unit") != field->unit)
                problems << QString::fromStdString(where + ": unit '" + cell("Unit") +
                                                   "', described '" + std::string(field->unit) +
                                                   "'");
            if (!startsWithFigure(cell("Default"), documentedDefault(*field)))
                problems << QString::fromStdString(where + ": default '" + cell("Default") +
                                                   "' does not start with '" +
                                                   documentedDefault(*field) + "'");
            const std::string range = rangeText(*field);
            if (!range.empty() && !startsWithFigure(cell("Range"), range))
                problems << QString::fromStdString(where + ": range '" + cell("Range") +
                                                   "' does not start with '" + range + "'");
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
}

QTEST_GUILESS_MAIN(TestScenarioFields)
#include "tst_scenariofields.moc"
