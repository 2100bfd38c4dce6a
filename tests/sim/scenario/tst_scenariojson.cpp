// SPDX-License-Identifier: GPL-3.0-or-later
// Tests sim/scenario/scenariojson.h: a scenario using every component round-trips exactly (text
// and structure), every workload type loads, each class of bad input is reported with the exact
// path and message a user would see, every bundled preset loads, and the JSON Schema shipped for
// editors matches what the reader accepts.
//
// Most bad-input cases are JSON Patches (RFC 6902) applied to the valid fixture full.json, so each
// row breaks exactly one thing and the expected report names only that thing.

#include <sys/resource.h>
#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/scenariojson.h"

using namespace archsim;
using nlohmann::json;

namespace {

const std::string kScenarioDir = ARCHSIM_TEST_DATA_DIR "/scenarios";

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string fixture(const std::string& name) {
    return kScenarioDir + "/" + name;
}

QStringList issueList(const ValidationReport& report) {
    QStringList list;
    for (const auto& issue : report.issues()) list << QString::fromStdString(issue.toString());
    return list;
}

/// The path of the first field where two scenarios differ, or "" when they are equal field by
/// field (distributions compared through their canonical JSON).
class Difference {
public:
    std::string first;

    void check(bool same, const std::string& path) {
        if (!same && first.empty()) first = path;
    }
    void distribution(const DistributionPtr& a, const DistributionPtr& b, const std::string& path) {
        check(static_cast<bool>(a) == static_cast<bool>(b) && (!a || a->toJson() == b->toJson()),
              path);
    }
    void steps(const std::vector<HandlerStep>& a, const std::vector<HandlerStep>& b,
               const std::string& path) {
        check(a.size() == b.size(), path + ".size");
        for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
            const std::string at = path + "[" + std::to_string(i) + "]";
            check(a[i].kind == b[i].kind, at + ".kind");
            distribution(a[i].cpuMs, b[i].cpuMs, at + ".cpuMs");
            check(a[i].target == b[i].target, at + ".target");
            check(a[i].probability == b[i].probability, at + ".probability");
            steps(a[i].steps, b[i].steps, at + ".steps");
            steps(a[i].onMiss, b[i].onMiss, at + ".onMiss");
        }
    }
};

std::string firstDifference(const Scenario& a, const Scenario& b) {
    Difference d;
    d.check(a.name == b.name, "name");
    d.check(a.description == b.description, "description");
    d.check(a.seed == b.seed, "seed");
    d.check(a.slo == b.slo, "slo");
    d.check(a.run == b.run, "run");
    const WorkloadSpec& wa = a.workload;
    const WorkloadSpec& wb = b.workload;
    d.check(wa.type == wb.type, "workload.type");
    d.check(wa.ratePerS == wb.ratePerS, "workload.ratePerS");
    d.check(wa.schedule == wb.schedule, "workload.schedule");
    d.check(wa.onRatePerS == wb.onRatePerS, "workload.onRatePerS");
    d.check(wa.offRatePerS == wb.offRatePerS, "workload.offRatePerS");
    d.distribution(wa.onDurationS, wb.onDurationS, "workload.onDurationS");
    d.distribution(wa.offDurationS, wb.offDurationS, "workload.offDurationS");
    d.check(wa.users == wb.users, "workload.users");
    d.distribution(wa.thinkTimeMs, wb.thinkTimeMs, "workload.thinkTimeMs");
    d.check(wa.traceFile == wb.traceFile, "workload.traceFile");
    d.check(wa.traceTimesS == wb.traceTimesS, "workload.traceTimesS");
    d.check(wa.tracePayloadKb == wb.tracePayloadKb, "workload.tracePayloadKb");
    d.check(wa.traceKeys == wb.traceKeys, "workload.traceKeys");
    d.distribution(wa.payloadKb, wb.payloadKb, "workload.payloadKb");

    const TopologySpec& ta = a.topology;
    const TopologySpec& tb = b.topology;
    d.check(ta.entry == tb.entry, "topology.entry");
    d.check(ta.gateways.size() == tb.gateways.size(), "topology.gateways.size");
    for (std::size_t i = 0; i < std::min(ta.gateways.size(), tb.gateways.size()); ++i) {
        const auto& x = ta.gateways[i];
        const auto& y = tb.gateways[i];
        const std::string at = "topology.gateways[" + std::to_string(i) + "]";
        d.check(x.id == y.id, at + ".id");
        d.distribution(x.latencyMs, y.latencyMs, at + ".latencyMs");
        d.check(x.payloadLimitKb == y.payloadLimitKb, at + ".payloadLimitKb");
        d.check(x.next == y.next, at + ".next");
    }
    d.check(ta.functions.size() == tb.functions.size(), "topology.functions.size");
    for (std::size_t i = 0; i < std::min(ta.functions.size(), tb.functions.size()); ++i) {
        const auto& x = ta.functions[i];
        const auto& y = tb.functions[i];
        const std::string at = "topology.functions[" + std::to_string(i) + "]";
        d.check(x.id == y.id, at + ".id");
        d.check(x.concurrencyPerInstance == y.concurrencyPerInstance, at + ".concurrency");
        d.distribution(x.coldStartMs, y.coldStartMs, at + ".coldStartMs");
        d.distribution(x.keepAliveS, y.keepAliveS, at + ".keepAliveS");
        d.check(x.provisioned == y.provisioned, at + ".provisioned");
        d.check(x.maxInstances == y.maxInstances, at + ".maxInstances");
        d.check(x.scaleOutPerS == y.scaleOutPerS, at + ".scaleOutPerS");
        d.check(x.onLimit == y.onLimit, at + ".onLimit");
        d.check(x.pick == y.pick, at + ".pick");
        d.steps(x.handler, y.handler, at + ".handler");
    }
    d.check(ta.servers.size() == tb.servers.size(), "topology.servers.size");
    for (std::size_t i = 0; i < std::min(ta.servers.size(), tb.servers.size()); ++i) {
        const auto& x = ta.servers[i];
        const auto& y = tb.servers[i];
        const std::string at = "topology.servers[" + std::to_string(i) + "]";
        d.check(x.id == y.id, at + ".id");
        d.check(x.replicas == y.replicas, at + ".replicas");
        d.check(x.workersPerReplica == y.workersPerReplica, at + ".workersPerReplica");
        d.check(x.queueCapacity == y.queueCapacity, at + ".queueCapacity");
        d.check(x.balancer == y.balancer, at + ".balancer");
        d.check(x.timeoutMs == y.timeoutMs, at + ".timeoutMs");
        d.check(x.autoscaler.has_value() == y.autoscaler.has_value(), at + ".autoscaler");
        if (x.autoscaler && y.autoscaler) {
            const auto& p = *x.autoscaler;
            const auto& q = *y.autoscaler;
            d.check(p.metric == q.metric && p.target == q.target &&
                        p.evaluationPeriodS == q.evaluationPeriodS &&
                        p.bootDelayS == q.bootDelayS &&
                        p.scaleInStabilizationS == q.scaleInStabilizationS &&
                        p.minReplicas == q.minReplicas && p.maxReplicas == q.maxReplicas,
                    at + ".autoscaler");
        }
        d.steps(x.handler, y.handler, at + ".handler");
    }
    d.check(ta.caches.size() == tb.caches.size(), "topology.caches.size");
    for (std::size_t i = 0; i < std::min(ta.caches.size(), tb.caches.size()); ++i) {
        const auto& x = ta.caches[i];
        const auto& y = tb.caches[i];
        const std::string at = "topology.caches[" + std::to_string(i) + "]";
        d.check(x.id == y.id, at + ".id");
        d.check(x.placement == y.placement, at + ".placement");
        d.distribution(x.lookupMs, y.lookupMs, at + ".lookupMs");
        d.check(x.hitRatio == y.hitRatio, at + ".hitRatio");
        d.check(x.keys == y.keys, at + ".keys");
        d.check(x.zipfExponent == y.zipfExponent, at + ".zipfExponent");
        d.check(x.capacity == y.capacity, at + ".capacity");
        d.check(x.ttlS == y.ttlS, at + ".ttlS");
    }
    d.check(ta.databases.size() == tb.databases.size(), "topology.databases.size");
    for (std::size_t i = 0; i < std::min(ta.databases.size(), tb.databases.size()); ++i) {
        const std::string at = "topology.databases[" + std::to_string(i) + "]";
        d.check(ta.databases[i].id == tb.databases[i].id, at + ".id");
        d.distribution(ta.databases[i].queryMs, tb.databases[i].queryMs, at + ".queryMs");
        d.check(ta.databases[i].connections == tb.databases[i].connections, at + ".connections");
    }
    d.check(ta.hops.size() == tb.hops.size(), "topology.hops.size");
    for (std::size_t i = 0; i < std::min(ta.hops.size(), tb.hops.size()); ++i) {
        const std::string at = "topology.hops[" + std::to_string(i) + "]";
        d.check(ta.hops[i].id == tb.hops[i].id, at + ".id");
        d.distribution(ta.hops[i].latencyMs, tb.hops[i].latencyMs, at + ".latencyMs");
    }
    d.check(ta.stations.size() == tb.stations.size(), "topology.stations.size");
    for (std::size_t i = 0; i < std::min(ta.stations.size(), tb.stations.size()); ++i) {
        const std::string at = "topology.stations[" + std::to_string(i) + "]";
        d.check(ta.stations[i].id == tb.stations[i].id, at + ".id");
        d.check(ta.stations[i].servers == tb.stations[i].servers, at + ".servers");
        d.distribution(ta.stations[i].serviceMs, tb.stations[i].serviceMs, at + ".serviceMs");
    }
    d.check(a.cost == b.cost, "cost");
    d.check(a.pricingFile == b.pricingFile, "pricingFile");
    return d.first;
}

/// Loads a fixture that must be valid.
Scenario loadValid(const std::string& path) {
    ValidationReport report;
    auto scenario = loadScenarioFile(path, report);
    if (!scenario) qFatal("%s:\n%s", path.c_str(), report.toString().c_str());
    return *scenario;
}

/// full.json with a JSON Patch applied, as text.
std::string patchedFull(const std::string& patch) {
    const json full = json::parse(readText(fixture("full.json")));
    return full.patch(json::parse(patch)).dump(2);
}

/// A handler step list nested `levels` deep through branches: levels == 1 is a plain CPU step.
json nestedBranches(int levels) {
    json steps = json::array({{{"cpu", 1}}});
    for (int i = 1; i < levels; ++i) steps = json::array({{{"branch", 0.5}, {"steps", steps}}});
    return steps;
}

/// Follows "$ref": "#/$defs/name" within the schema.
const json& resolve(const json& schema, const json& node) {
    const auto ref = node.find("$ref");
    if (ref == node.end()) return node;
    const std::string target = ref->get<std::string>();
    const std::string prefix = "#/$defs/";
    if (target.rfind(prefix, 0) != 0) qFatal("unexpected $ref %s", target.c_str());
    return resolve(schema, schema.at("$defs").at(target.substr(prefix.size())));
}

/// Every alternative a schema node allows (itself, or its oneOf/anyOf branches), resolved.
std::vector<const json*> alternatives(const json& schema, const json& node) {
    const json& resolved = resolve(schema, node);
    std::vector<const json*> result{&resolved};
    for (const char* key : {"oneOf", "anyOf"}) {
        if (!resolved.contains(key)) continue;
        for (const auto& branch : resolved.at(key)) {
            for (const json* inner : alternatives(schema, branch)) result.push_back(inner);
        }
    }
    return result;
}

/// Appends to `missing` every object key in `value` that the schema does not declare at that
/// place, following properties, items and alternatives.
void findUndeclared(const json& schema, const json& node, const json& value,
                    const std::string& path, QStringList& missing) {
    const auto options = alternatives(schema, node);
    if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
            const json* declared = nullptr;
            for (const json* option : options) {
                if (option->contains("properties") && option->at("properties").contains(key)) {
                    declared = &option->at("properties").at(key);
                    break;
                }
            }
            if (!declared) {
                missing << QString::fromStdString(path + "." + key);
                continue;
            }
            findUndeclared(schema, *declared, item, path + "." + key, missing);
        }
    } else if (value.is_array()) {
        for (const json* option : options) {
            if (!option->contains("items")) continue;
            for (std::size_t i = 0; i < value.size(); ++i)
                findUndeclared(schema, option->at("items"), value[i],
                               path + "[" + std::to_string(i) + "]", missing);
            break;
        }
    }
}

}  // namespace

class TestScenarioJson : public QObject {
    Q_OBJECT

private slots:
    void testFullScenarioRoundTripsExactly();
    void testFullScenarioFieldsAreRead();
    void testSaveFileWritesCanonicalText();
    void testSaveDoesNotFollowPlantedLink();
    void testSaveKeepsPermissions();
    void testFailedSaveLeavesOriginal();
    void testEveryWorkloadTypeRoundTrips_data();
    void testEveryWorkloadTypeRoundTrips();
    void testScenarioBuiltInCodeRoundTrips();
    void testDefaultsApplyToOmittedFields();
    void testTraceFileIsLoadedAndSorted();
    void testHandlerNestingLimitIsInclusive();

    void testBadInputIsReportedAtItsPath_data();
    void testBadInputIsReportedAtItsPath();
    void testMalformedJsonGivesLineAndColumn_data();
    void testMalformedJsonGivesLineAndColumn();
    void testBadFilesAreReported_data();
    void testBadFilesAreReported();
    void testKeyGivenTwiceIsReported();
    void testOnlyRegularFilesAreRead_data();
    void testOnlyRegularFilesAreRead();
    void testScenarioFileSizeIsCapped();
    void testTraceOfAnotherFileIsQuotedShort();
    void testLongTraceLineIsReported();

    void testEveryPresetLoads();
    void testSchemaDeclaresEveryField();
    void testKeywords();
};

void TestScenarioJson::testFullScenarioRoundTripsExactly() {
    const std::string path = fixture("full.json");
    const Scenario loaded = loadValid(path);
    // full.json is stored in canonical form, so saving what was read reproduces it byte for byte.
    const std::string text = scenarioToText(loaded);
    QCOMPARE(QString::fromStdString(text), QString::fromStdString(readText(path)));

    ValidationReport report;
    const auto reloaded = scenarioFromText(text, report, kScenarioDir);
    QVERIFY2(reloaded, report.toString().c_str());
    QCOMPARE(QString::fromStdString(firstDifference(loaded, *reloaded)), QString());
    QCOMPARE(QString::fromStdString(scenarioToText(*reloaded)), QString::fromStdString(text));
    // The plain json form carries the same content as the text.
    QVERIFY(scenarioToJson(loaded) == json::parse(text));
}

void TestScenarioJson::testFullScenarioFieldsAreRead() {
    // A round trip cannot tell two swapped fields apart; these checks can.
    const Scenario s = loadValid(fixture("full.json"));
    QCOMPARE(s.name, std::string("Every component"));
    QCOMPARE(s.seed, std::uint64_t{42});
    QVERIFY(s.slo.has_value());
    QCOMPARE(s.slo->latencyMs, 250.0);
    QCOMPARE(s.slo->percentile, 99.9);
    QCOMPARE(s.run.durationS, 600.0);
    QCOMPARE(s.run.windowS, 5.0);
    QCOMPARE(s.run.warmupS, 60.0);
    QCOMPARE(s.run.maxCompleted.value_or(0), std::uint64_t{500000});
    QCOMPARE(s.run.maxInFlight, std::uint64_t{200000});
    QVERIFY(s.workload.type == WorkloadType::Schedule);
    QCOMPARE(s.workload.schedule.size(), std::size_t{3});
    QVERIFY((s.workload.schedule[2] == RatePoint{300.5, 20}));
    QVERIFY(s.workload.payloadKb);

    const TopologySpec& t = s.topology;
    QCOMPARE(t.entry, std::string("edge"));
    QCOMPARE(t.gateways.size(), std::size_t{2});
    QCOMPARE(t.gateways[0].payloadLimitKb.value_or(0), 10240.0);
    QCOMPARE(t.gateways[0].next, std::string("auth-fn"));
    QVERIFY(!t.gateways[1].payloadLimitKb);
    QCOMPARE(t.gateways[1].next, std::string());

    const FunctionPoolSpec& f = t.functions.at(0);
    QCOMPARE(f.concurrencyPerInstance, 1);
    QCOMPARE(f.coldStartMs->mean().value_or(0), 125.0);
    QCOMPARE(f.keepAliveS->mean().value_or(0), 600.0);
    QCOMPARE(f.provisioned, 2);
    QCOMPARE(f.maxInstances, 1000);
    QCOMPARE(f.scaleOutPerS, 500.0);
    QVERIFY(f.onLimit == OverflowPolicy::Queue);
    QVERIFY(f.pick == InstancePick::Any);
    QCOMPARE(f.handler.size(), std::size_t{3});
    QVERIFY(f.handler[0].kind == HandlerStep::Kind::Cache);
    QCOMPARE(f.handler[0].target, std::string("edge-cache"));
    QVERIFY(f.handler[0].onMiss.at(0).kind == HandlerStep::Kind::Call);
    QCOMPARE(f.handler[0].onMiss.at(0).target, std::string("users-db"));
    QVERIFY(f.handler[1].kind == HandlerStep::Kind::Cpu);
    QCOMPARE(f.handler[1].cpuMs->mean().has_value(), true);
    QVERIFY(f.handler[2].kind == HandlerStep::Kind::Branch);
    QCOMPARE(f.handler[2].probability, 0.1);
    QCOMPARE(f.handler[2].steps.size(), std::size_t{2});

    const ServerPoolSpec& servers = t.servers.at(0);
    QCOMPARE(servers.replicas, 3);
    QCOMPARE(servers.workersPerReplica, 16);
    QCOMPARE(servers.queueCapacity, 200);
    QVERIFY(servers.balancer == BalancerPolicy::PowerOfTwoChoices);
    QCOMPARE(servers.timeoutMs.value_or(0), 1000.0);
    QVERIFY(servers.autoscaler);
    QVERIFY(servers.autoscaler->metric == ScalingMetric::InFlightPerReplica);
    QCOMPARE(servers.autoscaler->target, 12.0);
    QCOMPARE(servers.autoscaler->evaluationPeriodS, 30.0);
    QCOMPARE(servers.autoscaler->bootDelayS, 45.0);
    QCOMPARE(servers.autoscaler->scaleInStabilizationS, 600.0);
    QCOMPARE(servers.autoscaler->minReplicas, 2);
    QCOMPARE(servers.autoscaler->maxReplicas, 20);
    QCOMPARE(servers.handler.at(0).onMiss.at(1).steps.at(0).target, std::string("internal-gw"));
    QVERIFY(t.servers.at(1).balancer == BalancerPolicy::LeastOutstanding);
    QCOMPARE(t.servers.at(1).queueCapacity, 0);
    QVERIFY(!t.servers.at(1).autoscaler);
    QVERIFY(!t.servers.at(1).timeoutMs);

    QVERIFY(t.caches.at(0).placement == CachePlacement::Remote);
    QCOMPARE(t.caches.at(0).hitRatio.value_or(-1), 0.8);
    const CacheSpec& local = t.caches.at(1);
    QVERIFY(local.placement == CachePlacement::InProcess);
    QVERIFY(!local.hitRatio);
    QCOMPARE(local.keys, std::int64_t{100000});
    QCOMPARE(local.zipfExponent, 0.99);
    QCOMPARE(local.capacity, std::int64_t{20000});
    QCOMPARE(local.ttlS.value_or(0), 300.0);
    QCOMPARE(local.lookupMs->mean().value_or(0), 0.1);

    QCOMPARE(t.databases.at(0).connections, 50);
    QCOMPARE(t.databases.at(0).queryMs->mean().value_or(0), 20.0);
    QCOMPARE(t.hops.at(0).id, std::string("audit-hop"));
    QCOMPARE(t.stations.at(0).servers, 4);
    QVERIFY(s.cost);
    QCOMPARE(s.cost->platform, std::string("lambda-arm"));
    QCOMPARE(s.cost->functionMemoryMb, 256.0);
    QCOMPARE(s.pricingFile, std::string());
}

void TestScenarioJson::testSaveFileWritesCanonicalText() {
    const Scenario loaded = loadValid(fixture("full.json"));
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const std::string path = directory.filePath("saved.json").toStdString();
    QCOMPARE(QString::fromStdString(saveScenarioFile(loaded, path)), QString());
    QCOMPARE(QString::fromStdString(readText(path)),
             QString::fromStdString(readText(fixture("full.json"))));
    // No temporary file is left beside it.
    const QStringList everything = QStringList{QStringLiteral("saved.json")};
    QCOMPARE(
        QDir(directory.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        everything);
    // Saving over an existing file replaces it.
    QCOMPARE(QString::fromStdString(saveScenarioFile(loaded, path)), QString());
    QCOMPARE(QString::fromStdString(firstDifference(loaded, loadValid(path))), QString());
    QCOMPARE(
        QDir(directory.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        everything);

    const std::string unwritable = directory.filePath("no/such/dir/x.json").toStdString();
    const QString error = QString::fromStdString(saveScenarioFile(loaded, unwritable));
    QVERIFY2(error.startsWith(QString::fromStdString("cannot save '" + unwritable + "'")),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("No such file or directory")), qPrintable(error));
}

void TestScenarioJson::testSaveDoesNotFollowPlantedLink() {
    // Someone who can write to the folder plants a link where a fixed temporary name would be:
    // saving must neither write through it nor leave the scenario replaced by the link.
    const Scenario loaded = loadValid(fixture("full.json"));
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString victim = directory.filePath(QStringLiteral("victim.txt"));
    {
        QFile file(victim);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("precious\n");
    }
    const std::string path = directory.filePath("saved.json").toStdString();
    for (const std::string& planted : {path + ".saving", path + ".tmp", path + "~"})
        QVERIFY(QFile::link(victim, QString::fromStdString(planted)));
    QCOMPARE(QString::fromStdString(saveScenarioFile(loaded, path)), QString());
    QCOMPARE(QString::fromStdString(readText(victim.toStdString())), QStringLiteral("precious\n"));
    QVERIFY2(!QFileInfo(QString::fromStdString(path)).isSymLink(),
             "the saved scenario was replaced by the planted link");
    QCOMPARE(QString::fromStdString(readText(path)),
             QString::fromStdString(readText(fixture("full.json"))));
}

void TestScenarioJson::testSaveKeepsPermissions() {
    const Scenario loaded = loadValid(fixture("full.json"));
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const std::string path = directory.filePath("private.json").toStdString();
    {
        std::ofstream out(path);
        out << "{}\n";
    }
    QVERIFY(::chmod(path.c_str(), 0600) == 0);
    QCOMPARE(QString::fromStdString(saveScenarioFile(loaded, path)), QString());
    struct stat info {};
    QVERIFY(::stat(path.c_str(), &info) == 0);
    QCOMPARE(info.st_mode & 07777, mode_t{0600});

    // A new file gets the mode any program's new file gets: 0666 minus the umask.
    const mode_t mask = ::umask(022);
    const std::string fresh = directory.filePath("fresh.json").toStdString();
    const std::string result = saveScenarioFile(loaded, fresh);
    ::umask(mask);
    QCOMPARE(QString::fromStdString(result), QString());
    QVERIFY(::stat(fresh.c_str(), &info) == 0);
    QCOMPARE(info.st_mode & 07777, mode_t{0644});

    // Saving through a link replaces what it points to and keeps the link.
    const std::string link = directory.filePath("link.json").toStdString();
    QVERIFY(QFile::link(QString::fromStdString(path), QString::fromStdString(link)));
    QCOMPARE(QString::fromStdString(saveScenarioFile(loaded, link)), QString());
    QVERIFY(QFileInfo(QString::fromStdString(link)).isSymLink());
    QVERIFY(::stat(path.c_str(), &info) == 0);
    QCOMPARE(info.st_mode & 07777, mode_t{0600});
}

void TestScenarioJson::testFailedSaveLeavesOriginal() {
    // A write that fails halfway (here: the process may not write files that large, as on a full
    // disk) reports the file and the cause, keeps the original and leaves no temporary behind.
    const Scenario loaded = loadValid(fixture("full.json"));
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const std::string path = directory.filePath("saved.json").toStdString();
    {
        std::ofstream out(path);
        out << "original\n";
    }
    rlimit before{};
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &before) == 0);
    rlimit small = before;
    small.rlim_cur = 64;  // bytes; the scenario's text is far longer
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const std::string error = saveScenarioFile(loaded, path);
    ::setrlimit(RLIMIT_FSIZE, &before);
    std::signal(SIGXFSZ, previousHandler);
    QVERIFY2(QString::fromStdString(error).startsWith(
                 QString::fromStdString("cannot save '" + path + "'")),
             error.c_str());
    QCOMPARE(QString::fromStdString(readText(path)), QStringLiteral("original\n"));
    QCOMPARE(
        QDir(directory.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        QStringList{QStringLiteral("saved.json")});

    // A target that is a folder is refused before anything is written.
    const std::string folder = directory.filePath("folder.json").toStdString();
    QVERIFY(QDir().mkpath(QString::fromStdString(folder)));
    QVERIFY(
        QString::fromStdString(saveScenarioFile(loaded, folder)).contains("not a regular file"));
}

void TestScenarioJson::testEveryWorkloadTypeRoundTrips_data() {
    QTest::addColumn<QString>("workload");
    QTest::newRow("poisson") << R"({"type": "poisson", "ratePerS": 12.5})";
    QTest::newRow("poisson with payload")
        << R"({"type": "poisson", "ratePerS": 3, "payloadKb": {"type": "exponential", "mean": 4}})";
    QTest::newRow("schedule") << R"({"type": "schedule", "schedule": [{"timeS": 0,
        "ratePerS": 0}, {"timeS": 60, "ratePerS": 1000}, {"timeS": 61, "ratePerS": 5}]})";
    QTest::newRow("on-off") << R"({"type": "on-off", "onRatePerS": 200, "offRatePerS": 1,
        "onDurationS": {"type": "exponential", "mean": 5}, "offDurationS": 55})";
    QTest::newRow("on-off without offRatePerS") << R"({"type": "on-off", "onRatePerS": 200,
        "onDurationS": 5, "offDurationS": 55})";
    QTest::newRow("closed") << R"({"type": "closed", "users": 40,
        "thinkTimeMs": {"type": "lognormal", "median": 2000, "p99": 9000}})";
    QTest::newRow("trace") << R"({"type": "trace", "traceFile": "arrivals.csv"})";
}

void TestScenarioJson::testEveryWorkloadTypeRoundTrips() {
    QFETCH(QString, workload);
    const std::string patch =
        R"([{"op": "replace", "path": "/workload", "value": )" + workload.toStdString() + "}]";
    ValidationReport report;
    const auto loaded = scenarioFromText(patchedFull(patch), report, kScenarioDir);
    QVERIFY2(loaded, report.toString().c_str());
    const std::string text = scenarioToText(*loaded);
    const auto reloaded = scenarioFromText(text, report, kScenarioDir);
    QVERIFY2(reloaded, report.toString().c_str());
    QCOMPARE(QString::fromStdString(firstDifference(*loaded, *reloaded)), QString());
    QCOMPARE(QString::fromStdString(scenarioToText(*reloaded)), QString::fromStdString(text));
}

void TestScenarioJson::testScenarioBuiltInCodeRoundTrips() {
    // load(save(s)) == s for a scenario an editor builds, not only for one that came from a file:
    // non-default values everywhere, fractional numbers, unset optionals next to set ones.
    Scenario s;
    s.name = "built in code: \"quotes\", ünïcode";
    s.description = "line one\nline two";
    s.seed = 987654321;
    s.run = {1800.25, 0.5, 10, std::nullopt, 12345};
    s.workload.type = WorkloadType::OnOff;
    s.workload.onRatePerS = 123.456;
    s.workload.offRatePerS = 0.1;
    s.workload.onDurationS = makeExponential(7.5);
    s.workload.offDurationS = makeUniform(1, 100);
    s.workload.payloadKb = makeLognormalFromMedianP99(12, 40);
    s.topology.entry = "api";
    FunctionPoolSpec f;
    f.id = "api";
    f.concurrencyPerInstance = 50;
    f.coldStartMs = makeShift(20, makeGamma(2, 40));
    f.keepAliveS = makeEmpiricalFromSamples({300, 60, 900});
    f.provisioned = 0;
    f.maxInstances = 7;
    f.scaleOutPerS = 0.75;
    HandlerStep cpu;
    cpu.kind = HandlerStep::Kind::Cpu;
    cpu.cpuMs = makeMixture({{1, makeConstant(2)}, {3, makeNormal(10, 2.5)}});
    HandlerStep call;
    call.kind = HandlerStep::Kind::Call;
    call.target = "db";
    HandlerStep cache;
    cache.kind = HandlerStep::Kind::Cache;
    cache.target = "kv";
    HandlerStep branch;
    branch.kind = HandlerStep::Kind::Branch;
    branch.probability = 0.333;
    branch.steps = {call, cpu};
    f.handler = {cache, branch, cpu};
    s.topology.functions.push_back(f);
    CacheSpec kv;
    kv.id = "kv";
    kv.lookupMs = makeWeibull(2, 3);
    kv.keys = 5;
    kv.zipfExponent = 0;
    kv.capacity = 100;
    s.topology.caches.push_back(kv);
    DatabaseSpec db;
    db.id = "db";
    db.queryMs = makePareto(2.5, 4);
    db.connections = 1;
    s.topology.databases.push_back(db);
    ServerPoolSpec pool;
    pool.id = "spare";
    pool.autoscaler = AutoscalerSpec{};
    pool.autoscaler->target = 0.75;
    s.topology.servers.push_back(pool);
    CostConfig cost;
    cost.platform = "ec2:c7g.large";
    cost.loadBalancer = true;
    s.cost = cost;
    s.pricingFile = "my-prices.json";

    const std::string text = scenarioToText(s);
    ValidationReport report;
    const auto loaded = scenarioFromText(text, report);
    QVERIFY2(loaded, (report.toString() + text).c_str());
    QCOMPARE(QString::fromStdString(firstDifference(s, *loaded)), QString());
    QCOMPARE(QString::fromStdString(scenarioToText(*loaded)), QString::fromStdString(text));
}

void TestScenarioJson::testDefaultsApplyToOmittedFields() {
    const std::string text = R"({"formatVersion": 1,
        "workload": {"type": "poisson", "ratePerS": 5},
        "topology": {"entry": "f",
            "functions": [{"id": "f", "coldStartMs": 100, "keepAliveS": 600}],
            "servers": [{"id": "s", "autoscaler": {}}],
            "caches": [{"id": "c", "lookupMs": 1}]}})";
    ValidationReport report;
    const auto s = scenarioFromText(text, report);
    QVERIFY2(s, report.toString().c_str());
    const Scenario defaults;
    QVERIFY(s->run == defaults.run);
    QCOMPARE(s->seed, defaults.seed);
    QCOMPARE(s->name, std::string());
    QVERIFY(!s->cost);
    const FunctionPoolSpec expectedFunction;
    const FunctionPoolSpec& f = s->topology.functions.at(0);
    QCOMPARE(f.concurrencyPerInstance, expectedFunction.concurrencyPerInstance);
    QCOMPARE(f.provisioned, expectedFunction.provisioned);
    QCOMPARE(f.maxInstances, expectedFunction.maxInstances);
    QCOMPARE(f.scaleOutPerS, expectedFunction.scaleOutPerS);
    QVERIFY(f.onLimit == expectedFunction.onLimit);
    QVERIFY(f.pick == expectedFunction.pick);
    QVERIFY(f.handler.empty());
    const ServerPoolSpec expectedServers;
    const ServerPoolSpec& p = s->topology.servers.at(0);
    QCOMPARE(p.replicas, expectedServers.replicas);
    QCOMPARE(p.workersPerReplica, expectedServers.workersPerReplica);
    QCOMPARE(p.queueCapacity, expectedServers.queueCapacity);
    QVERIFY(p.balancer == expectedServers.balancer);
    QVERIFY(!p.timeoutMs);
    const AutoscalerSpec expectedAutoscaler;
    QCOMPARE(p.autoscaler->target, expectedAutoscaler.target);
    QCOMPARE(p.autoscaler->minReplicas, expectedAutoscaler.minReplicas);
    QCOMPARE(p.autoscaler->maxReplicas, expectedAutoscaler.maxReplicas);
    QCOMPARE(p.autoscaler->evaluationPeriodS, expectedAutoscaler.evaluationPeriodS);
    const CacheSpec expectedCache;
    const CacheSpec& c = s->topology.caches.at(0);
    QVERIFY(c.placement == expectedCache.placement);
    QCOMPARE(c.keys, expectedCache.keys);
    QCOMPARE(c.capacity, expectedCache.capacity);
    QCOMPARE(c.zipfExponent, expectedCache.zipfExponent);
    QVERIFY(!c.hitRatio && !c.ttlS);
}

void TestScenarioJson::testTraceFileIsLoadedAndSorted() {
    // arrivals.csv: a header, unsorted times, a quoted field, spaces, extra columns, a blank line
    // and a CRLF line end.
    const Scenario s = loadValid(fixture("trace.json"));
    QVERIFY(s.workload.type == WorkloadType::Trace);
    QCOMPARE(s.workload.traceFile, std::string("arrivals.csv"));
    QCOMPARE(s.workload.traceTimesS, (std::vector<double>{0.25, 0.5, 1.75, 2, 3}));

    // A byte order mark (as spreadsheets write) before a first line that holds data: that line
    // is data, not a header.
    json withBom = json::parse(readText(fixture("trace.json")));
    withBom["workload"]["traceFile"] = "arrivals-bom.csv";
    ValidationReport report;
    const auto bom = scenarioFromJson(withBom, report, kScenarioDir);
    QVERIFY2(bom, report.toString().c_str());
    QCOMPARE(bom->workload.traceTimesS, (std::vector<double>{0.25, 0.5, 1.75, 2, 3}));
}

void TestScenarioJson::testHandlerNestingLimitIsInclusive() {
    json scenario = json::parse(readText(fixture("full.json")));
    scenario["topology"]["functions"][0]["handler"] = nestedBranches(8);
    ValidationReport report;
    QVERIFY2(scenarioFromJson(scenario, report), report.toString().c_str());
}

void TestScenarioJson::testBadInputIsReportedAtItsPath_data() {
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QStringList>("expected");
    const auto row = [](const char* name, const std::string& patch, const QStringList& expected) {
        QTest::newRow(name) << QString::fromStdString(patch) << expected;
    };
    const auto replace = [](const std::string& path, const std::string& value) {
        return R"([{"op": "replace", "path": ")" + path + R"(", "value": )" + value + "}]";
    };
    const auto add = [](const std::string& path, const std::string& value) {
        return R"([{"op": "add", "path": ")" + path + R"(", "value": )" + value + "}]";
    };
    const auto remove = [](const std::string& path) {
        return R"([{"op": "remove", "path": ")" + path + R"("}])";
    };

    // The latency objective: checked like every other field, at its own path.
    row("slo without latency", replace("/slo", R"({"percentile": 99})"),
        {"slo.latencyMs: is required but missing"});
    row("slo percentile too low", replace("/slo/percentile", "10"),
        {"slo.percentile: must be >= 50, got 10"});
    row("slo latency zero", replace("/slo/latencyMs", "0"),
        {"slo.latencyMs: must be > 0 ms, got 0"});
    row("slo unknown field", add("/slo/latency", "5"),
        {"slo.latency: unknown field 'latency' (did you mean 'latencyMs'?)"});

    // Wrong types.
    row("string for a number", replace("/run/durationS", R"("60")"),
        {"run.durationS: must be a number, got string \"60\""});
    row("number for an id", replace("/topology/hops/0/id", "7"),
        {"topology.hops[0].id: must be a string, got number 7",
         "topology.servers[0].handler[2].call: names 'audit-hop', which is not a component of "
         "the topology"});
    row("unknown keyword", replace("/topology/functions/0/onLimit", R"("drop")"),
        {"topology.functions[0].onLimit: must be one of 'throttle', 'queue', got 'drop'"});
    row("object for an array", replace("/topology/functions/0/handler", R"({"cpu": 1})"),
        {"topology.functions[0].handler: must be an array, got an object"});
    row("fraction for a count", replace("/topology/servers/0/replicas", "2.5"),
        {"topology.servers[0].replicas: must be a whole number, got 2.5"});
    row("string for a distribution", replace("/topology/databases/0/queryMs", R"("fast")"),
        {"topology.databases[0].queryMs: a distribution must be a JSON object such as "
         "{\"type\": \"exponential\", \"mean\": 30} or a number (a constant), got string "
         "\"fast\""});
    row("unknown workload type", replace("/workload/type", R"("burst")"),
        {"workload.type: must be one of 'poisson', 'schedule', 'on-off', 'closed', 'trace', got "
         "'burst'"});

    // Out of range.
    row("negative count", replace("/topology/functions/0/provisioned", "-1"),
        {"topology.functions[0].provisioned: must be between 0 and 1000000, got -1"});
    row("negative latency", replace("/topology/functions/0/keepAliveS", "-5"),
        {"topology.functions[0].keepAliveS: must be >= 0, got -5"});
    row("negative seed", replace("/seed", "-1"),
        {"seed: must be between 0 and 9223372036854775807, got -1"});
    row("zero payload limit", replace("/topology/gateways/0/payloadLimitKb", "0"),
        {"topology.gateways[0].payloadLimitKb: must be > 0 KB, got 0"});
    row("negative timeout", replace("/topology/servers/0/timeoutMs", "-1"),
        {"topology.servers[0].timeoutMs: must be > 0 ms, got -1"});
    row("warm-up as long as the run", replace("/run/warmupS", "600"),
        {"run.warmupS: must be shorter than run.durationS (600 s)"});
    row("probability above 1", replace("/topology/functions/0/handler/2/branch", "1.5"),
        {"topology.functions[0].handler[2].branch: must be <= 1, got 1.5"});
    row("negative hit ratio", replace("/topology/caches/0/hitRatio", "-0.1"),
        {"topology.caches[0].hitRatio: must be >= 0, got -0.1"});
    row("unknown autoscaler metric", replace("/topology/servers/0/autoscaler/metric", R"("cpu")"),
        {"topology.servers[0].autoscaler.metric: must be one of 'utilization', "
         "'in-flight-per-replica', got 'cpu'"});
    row("utilization target above 1",
        R"([{"op": "replace", "path": "/topology/servers/0/autoscaler/metric",
             "value": "utilization"}])",
        {"topology.servers[0].autoscaler.target: must be <= 1, got 12"});

    // Absurd values: the message states the limit.
    row("huge rate", replace("/workload", R"({"type": "poisson", "ratePerS": 1e9})"),
        {"workload.ratePerS: must be <= 10000000 requests/s, got 1000000000"});
    row("huge duration", replace("/run/durationS", "3e6"),
        {"run.durationS: must be <= 2678400 s, got 3000000"});
    row("too many windows",
        R"([{"op": "replace", "path": "/run/durationS", "value": 2678400},
            {"op": "replace", "path": "/run/windowS", "value": 1}])",
        {"run.windowS: gives 2678400 windows over the run; at most 1000000 are allowed, use a "
         "wider window"});
    row("huge instance count", replace("/topology/functions/0/maxInstances", "2000000"),
        {"topology.functions[0].maxInstances: must be between 1 and 1000000, got 2000000"});
    row("huge replica count", replace("/topology/servers/0/replicas", "200000"),
        {"topology.servers[0].replicas: must be between 1 and 100000, got 200000"});
    row("huge key space", replace("/topology/caches/1/keys", "1e9"),
        {"topology.caches[1].keys: must be between 1 and 100000000, got 1000000000"});
    row("huge cache capacity", replace("/topology/caches/1/capacity", "200000000"),
        {"topology.caches[1].capacity: must be between 1 and 100000000, got 200000000"});
    row("huge user count",
        replace("/workload", R"({"type": "closed", "users": 2000000, "thinkTimeMs": 1000})"),
        {"workload.users: must be between 1 and 1000000, got 2000000"});
    row("huge keep-alive",
        replace("/topology/functions/0/keepAliveS", R"({"type": "constant", "value": 1e7})"),
        {"topology.functions[0].keepAliveS: its 99th percentile is 10000000 s, above the limit "
         "of 2678400 s (31 days)"});
    row("huge latency", replace("/topology/functions/0/handler/1/cpu", "1e13"),
        {"topology.functions[0].handler[1].cpu: must be <= 1e+12 (a larger value is absurd for "
         "a latency in ms), got 1e+13"});

    // Queues and their consumers.
    const std::string jobs = R"({"id": "jobs", "enqueueMs": 1})";
    const auto withQueue = [&](const std::string& more) {
        return R"([{"op": "add", "path": "/topology/queues", "value": [)" + jobs + "]}, " + more +
               "]";
    };
    row("negative visibility timeout",
        add("/topology/queues", R"([{"id": "jobs", "enqueueMs": 1, "visibilityTimeoutS": -1}])"),
        {"topology.queues[0].visibilityTimeoutS: must be > 0 s, got -1"});
    row("delivery delay past 15 minutes",
        add("/topology/queues", R"([{"id": "jobs", "enqueueMs": 1, "deliveryDelayS": 901}])"),
        {"topology.queues[0].deliveryDelayS: must be <= 900 s, got 901"});
    row("unknown queue order",
        add("/topology/queues", R"([{"id": "jobs", "enqueueMs": 1, "order": "lifo"}])"),
        {"topology.queues[0].order: must be one of 'best-effort', 'fifo', got 'lifo' (did you mean 'fifo'?)"});
    row("batch size 0", withQueue(R"({"op": "add", "path": "/topology/functions/0/trigger",
                      "value": {"queue": "jobs", "batchSize": 0}})"),
        {"topology.functions[0].trigger.batchSize: must be between 1 and 10000, got 0"});
    row("trigger naming no queue",
        withQueue(R"({"op": "add", "path": "/topology/functions/0/trigger",
                      "value": {"batchSize": 5}})"),
        {"topology.functions[0].trigger.queue: is required but missing"});
    row("trigger naming a database",
        withQueue(R"({"op": "add", "path": "/topology/functions/0/trigger",
                      "value": {"queue": "users-db"}})"),
        {"topology.functions[0].trigger.queue: names database 'users-db', but a consumer must "
         "name the queue it takes messages from"});
    row("polling a function pool",
        withQueue(R"({"op": "add", "path": "/topology/servers/0/polls", "value": "auth-fn"})"),
        {"topology.servers[0].polls: names function pool 'auth-fn', but a consumer must name the "
         "queue it takes messages from"});
    row("send to a database", withQueue(R"({"op": "add", "path": "/topology/functions/0/handler/-",
                      "value": {"send": "users-db"}})"),
        {"topology.functions[0].handler[3].send: names database 'users-db', but a send step must "
         "name a queue"});
    row("call to a queue", withQueue(R"({"op": "add", "path": "/topology/functions/0/handler/-",
                      "value": {"call": "jobs"}})"),
        {"topology.functions[0].handler[3].call: names queue 'jobs', but a call must name a "
         "database, network hop, gateway, function pool or server pool (a cache is looked up "
         "with a \"cache\" step, a queue is sent to with a \"send\" step, an object store is "
         "used with \"put\" and \"get\" steps)"});
    row("queue its own dead-letter queue",
        add("/topology/queues",
            R"([{"id": "jobs", "enqueueMs": 1, "maxReceives": 3, "deadLetter": "jobs"}])"),
        {"topology.queues[0].deadLetter: names the queue itself; dead-lettered messages must go "
         "to another queue"});
    row("dead-letter queue without maxReceives",
        add("/topology/queues", R"([{"id": "jobs", "enqueueMs": 1, "deadLetter": "dlq"},
                                    {"id": "dlq", "enqueueMs": 1}])"),
        {"topology.queues[0].deadLetter: needs maxReceives: without it no message is ever "
         "dead-lettered"});
    row("queue options on a cpu step",
        withQueue(R"({"op": "add", "path": "/topology/functions/0/handler/-",
                      "value": {"cpu": 1, "onFailure": "continue"}})"),
        {"topology.functions[0].handler[3].onFailure: applies only to a call, send, put or get step"});

    // Object stores, put and get steps, the client's steps after the response.
    const std::string store =
        R"({"id": "uploads", "putMs": 20, "getMs": 10, "bandwidthMbPerS": 50})";
    const auto withStore = [&](const std::string& more) {
        return R"([{"op": "add", "path": "/topology/objectStores", "value": [)" + store +
               "]}, " + more + "]";
    };
    row("store without a bandwidth",
        add("/topology/objectStores", R"([{"id": "uploads", "putMs": 20, "getMs": 10}])"),
        {"topology.objectStores[0].bandwidthMbPerS: is required but missing"});
    row("store bandwidth always 0",
        add("/topology/objectStores",
            R"([{"id": "uploads", "putMs": 20, "getMs": 10, "bandwidthMbPerS": 0}])"),
        {"topology.objectStores[0].bandwidthMbPerS: must not always be 0 MB/s: nothing would "
         "ever arrive"});
    row("store bandwidth past 100 GB/s",
        add("/topology/objectStores",
            R"([{"id": "uploads", "putMs": 20, "getMs": 10, "bandwidthMbPerS": 200000}])"),
        {"topology.objectStores[0].bandwidthMbPerS: its 99th percentile is 200000 MB/s, above "
         "the limit of 100000 MB/s (100 GB/s)"});
    row("retention of 0 days",
        add("/topology/objectStores",
            R"([{"id": "uploads", "putMs": 20, "getMs": 10, "bandwidthMbPerS": 5,
                 "retentionDays": 0}])"),
        {"topology.objectStores[0].retentionDays: must be > 0 days, got 0"});
    row("PUT event naming both",
        withQueue(R"({"op": "add", "path": "/topology/objectStores", "value": [
            {"id": "uploads", "putMs": 20, "getMs": 10, "bandwidthMbPerS": 5,
             "onPut": {"queue": "jobs", "function": "auth-fn"}}]})"),
        {"topology.objectStores[0].onPut: must name either a 'queue' or a 'function' (one of "
         "the two)"});
    row("PUT event to a database",
        add("/topology/objectStores",
            R"([{"id": "uploads", "putMs": 20, "getMs": 10, "bandwidthMbPerS": 5,
                 "onPut": {"queue": "users-db"}}])"),
        {"topology.objectStores[0].onPut.queue: names database 'users-db', but a send step must "
         "name a queue"});
    row("PUT event invoking a queue",
        withQueue(R"({"op": "add", "path": "/topology/objectStores", "value": [
            {"id": "uploads", "putMs": 20, "getMs": 10, "bandwidthMbPerS": 5,
             "onPut": {"function": "jobs"}}]})"),
        {"topology.objectStores[0].onPut.function: names queue 'jobs', but a PUT event can only "
         "invoke a function pool"});
    row("put to a database",
        add("/topology/functions/0/handler/-", R"({"put": "users-db"})"),
        {"topology.functions[0].handler[3].put: names database 'users-db', but a put or get "
         "step must name an object store"});
    row("call to an object store",
        withStore(R"({"op": "add", "path": "/topology/functions/0/handler/-",
                      "value": {"call": "uploads"}})"),
        {"topology.functions[0].handler[3].call: names object store 'uploads', but a call must "
         "name a database, network hop, gateway, function pool or server pool (a cache is looked "
         "up with a \"cache\" step, a queue is sent to with a \"send\" step, an object store is "
         "used with \"put\" and \"get\" steps)"});
    row("step bandwidth of 0",
        withStore(R"({"op": "add", "path": "/topology/functions/0/handler/-",
                      "value": {"get": "uploads", "bandwidthMbPerS": 0}})"),
        {"topology.functions[0].handler[3].bandwidthMbPerS: must not always be 0 MB/s: nothing "
         "would ever arrive"});
    row("bandwidth on a cpu step",
        replace("/topology/functions/0/handler/1", R"({"cpu": 5, "bandwidthMbPerS": 5})"),
        {"topology.functions[0].handler[1].bandwidthMbPerS: applies only to a put or get step"});
    row("function payload limit of 0", add("/topology/functions/0/payloadLimitKb", "0"),
        {"topology.functions[0].payloadLimitKb: must be > 0 KB, got 0"});
    row("call after the response",
        add("/workload/afterResponse", R"([{"call": "users-db"}])"),
        {"workload.afterResponse[0]: after the response the client runs only put, get, cpu and "
         "branch steps; calls, cache lookups and sends belong in a handler"});
    row("put after the response to nothing",
        add("/workload/afterResponse", R"([{"put": "upload"}])"),
        {"workload.afterResponse[0].put: names 'upload', which is not a component of the "
         "topology"});

    // Unknown and missing fields.
    row("misspelt field", add("/topology/functions/0/keepAlive", "5"),
        {"topology.functions[0].keepAlive: unknown field 'keepAlive' (did you mean "
         "'keepAliveS'?)"});
    row("unknown top-level field", add("/seeds", "3"),
        {"seeds: unknown field 'seeds' (did you mean 'seed'?)"});
    row("unknown field far from any", add("/run/colour", R"("red")"),
        {"run.colour: unknown field 'colour'; known fields here: durationS, windowS, warmupS, "
         "maxCompleted, maxInFlight"});
    row("unknown field with a dot", add("/run/duration.s", "60"),
        {"run[\"duration.s\"]: unknown field 'duration.s' (did you mean 'durationS'?)"});
    row("unknown cost field", add("/cost/platfrom", R"("workers")"),
        {"cost.platfrom: unknown field 'platfrom' (did you mean 'platform'?)"});
    row("missing latency", remove("/topology/databases/0/queryMs"),
        {"topology.databases[0].queryMs: is required but missing"});
    row("missing format version", remove("/formatVersion"),
        {"formatVersion: is required but missing"});
    row("missing topology", remove("/topology"), {"topology: is required but missing"});
    row("missing id", remove("/topology/stations/0/id"),
        {"topology.stations[0].id: is required but missing"});
    row("empty entry", replace("/topology/entry", R"("")"),
        {"topology.entry: must name a component"});

    // Ids and references.
    row("duplicate id",
        add("/topology/stations/-", R"({"id": "edge", "servers": 1, "serviceMs": 1})"),
        {"topology.stations[1].id: duplicate id 'edge': topology.gateways[0] already uses it "
         "(ids must be unique across all components)"});
    row("dangling next with a near miss", replace("/topology/gateways/0/next", R"("auth-fm")"),
        {"topology.gateways[0].next: names 'auth-fm', which is not a component of the topology; "
         "did you mean 'auth-fn'?"});
    row("dangling call", replace("/topology/servers/1/handler/1/call", R"("inventory")"),
        {"topology.servers[1].handler[1].call: names 'inventory', which is not a component of "
         "the topology"});
    row("dangling entry", replace("/topology/entry", R"("front")"),
        {"topology.entry: names 'front', which is not a component of the topology"});
    row("call to a cache", replace("/topology/servers/1/handler/1/call", R"("edge-cache")"),
        {"topology.servers[1].handler[1].call: names cache 'edge-cache', but a call must name a "
         "database, network hop, gateway, function pool or server pool (a cache is looked up "
         "with a \"cache\" step, a queue is sent to with a \"send\" step, an object store is "
         "used with \"put\" and \"get\" steps)"});
    row("cache step on a database",
        replace("/topology/functions/0/handler/0/cache", R"("users-db")"),
        {"topology.functions[0].handler[0].cache: names database 'users-db', but a cache step "
         "must name a cache"});
    row("entry at a database", replace("/topology/entry", R"("users-db")"),
        {"topology.entry: names database 'users-db', but requests can only arrive at a gateway, "
         "function pool, server pool, station or queue"});
    row("gateway passing to a database", replace("/topology/gateways/1/next", R"("users-db")"),
        {"topology.gateways[1].next: names database 'users-db', but a gateway can only pass "
         "requests to a gateway, function pool, server pool or queue (a station runs only as "
         "the topology's entry)"});

    // Cycles.
    row("pool calling itself", add("/topology/servers/1/handler/-", R"({"call": "payments"})"),
        {"topology.servers[1].handler[2].call: closes a cycle payments -> payments; a request "
         "would wait on itself and never complete"});
    row("indirect cycle", add("/topology/servers/1/handler/-", R"({"call": "auth-fn"})"),
        {"topology.servers[1].handler[2].call: closes a cycle auth-fn -> payments -> auth-fn; a "
         "request would wait on itself and never complete"});
    row("cycle through a gateway", replace("/topology/gateways/1/next", R"("auth-servers")"),
        {"topology.servers[0].handler[0].onMiss[1].steps[0].call: closes a cycle internal-gw -> "
         "auth-servers -> internal-gw; a request would wait on itself and never complete"});

    // Relations between fields.
    row("more provisioned than allowed",
        R"([{"op": "replace", "path": "/topology/functions/0/provisioned", "value": 5},
            {"op": "replace", "path": "/topology/functions/0/maxInstances", "value": 3}])",
        {"topology.functions[0].provisioned: must be <= maxInstances (3), got 5"});
    row("autoscaler minimum above maximum",
        replace("/topology/servers/0/autoscaler/minReplicas", "30"),
        {"topology.servers[0].autoscaler.maxReplicas: must be >= minReplicas (30), got 20"});
    row("replicas outside the autoscaler's range", replace("/topology/servers/0/replicas", "40"),
        {"topology.servers[0].replicas: must be between the autoscaler's minReplicas (2) and "
         "maxReplicas (20), got 40"});
    row("schedule not starting at 0", replace("/workload/schedule/0/timeS", "5"),
        {"workload.schedule[0].timeS: the first point must be at 0 s, got 5"});
    row("schedule going back", replace("/workload/schedule/2/timeS", "120"),
        {"workload.schedule[2].timeS: must be later than the previous point (120 s), got 120"});
    row("empty schedule", replace("/workload/schedule", "[]"),
        {"workload.schedule: must list at least one point, the first at timeS 0"});
    row("hit ratio and key model", add("/topology/caches/0/keys", "100"),
        {"topology.caches[0].keys: cannot be combined with hitRatio: give either a fixed "
         "hitRatio or the key-popularity model (keys, zipfExponent, capacity, ttlS)"});
    row("field of another workload type", add("/workload/ratePerS", "5"),
        {"workload.ratePerS: is used only by workload type 'poisson', not by 'schedule'"});
    row("on period always zero",
        replace("/workload", R"({"type": "on-off", "onRatePerS": 10, "onDurationS": 0,
                                 "offDurationS": 5})"),
        {"workload.onDurationS: must not always be 0 s: a period needs a length"});

    // Handler steps.
    row("step doing two things",
        replace("/topology/functions/0/handler/1", R"({"cpu": 5, "call": "users-db"})"),
        {"topology.functions[0].handler[1]: has both 'cpu' and 'call'; a step does one thing, so "
         "split it into separate steps"});
    row("step doing nothing", replace("/topology/functions/0/handler/1", R"({"cpuMs": 5})"),
        {"topology.functions[0].handler[1]: a step needs one of 'cpu', 'call', 'cache', "
         "'branch', 'send', 'put' or 'get'",
         "topology.functions[0].handler[1].cpuMs: unknown field 'cpuMs' (did you mean 'cpu'?)"});
    row("step field of another kind",
        replace("/topology/functions/0/handler/1", R"({"cpu": 5, "onMiss": []})"),
        {"topology.functions[0].handler[1].onMiss: applies only to a cache step"});
    row("branch without steps", remove("/topology/functions/0/handler/2/steps"),
        {"topology.functions[0].handler[2].steps: is required but missing"});
    std::string deepPath = "topology.functions[0].handler[0]";
    for (int i = 0; i < 7; ++i) deepPath += ".steps[0]";
    row("steps nested too deep", replace("/topology/functions/0/handler", nestedBranches(9).dump()),
        {QString::fromStdString(deepPath + ".steps: handler steps are nested more than 8 levels "
                                           "deep (through branches and cache misses); flatten "
                                           "them")});

    // Several problems at once are all reported, in file order.
    row("several problems",
        R"([{"op": "replace", "path": "/run/windowS", "value": 0},
            {"op": "add", "path": "/topology/caches/1/ttl", "value": 60},
            {"op": "replace", "path": "/topology/stations/0/servers", "value": 0}])",
        {"run.windowS: must be > 0 s, got 0",
         "topology.caches[1].ttl: unknown field 'ttl' (did you mean 'ttlS'?)",
         "topology.stations[0].servers: must be between 1 and 100000, got 0"});
}

void TestScenarioJson::testBadInputIsReportedAtItsPath() {
    QFETCH(QString, patch);
    QFETCH(QStringList, expected);
    ValidationReport report;
    const auto scenario = scenarioFromText(patchedFull(patch.toStdString()), report, kScenarioDir);
    QVERIFY(!scenario);
    QCOMPARE(issueList(report).join('\n'), expected.join('\n'));
}

void TestScenarioJson::testMalformedJsonGivesLineAndColumn_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("double comma")
        << "{\n  \"formatVersion\": 1,\n  \"name\": \"x\",,\n}"
        << "not valid JSON at line 3, column 15: syntax error while parsing object key - "
           "unexpected ','; expected string literal";
    QTest::newRow("bad literal")
        << "{\"formatVersion\": 1, \"seed\": tru}"
        << "not valid JSON at line 1, column 33: syntax error while parsing value - invalid "
           "literal; last read: '\\\"seed\\\": tru}'";
    QTest::newRow("empty") << ""
                           << "not valid JSON at line 1, column 1: syntax error while parsing "
                              "value - unexpected end of input; expected '[', '{', or a literal";
    // Stopped before anything recurses once per level (copying, printing) and runs out of stack.
    QString deep = R"({"formatVersion": 1, "name": )";
    deep += QString("[").repeated(100000) + QString("]").repeated(100000) + "}";
    QTest::newRow("absurdly deep")
        << deep
        << "name" + QString("[0]").repeated(99) +
               ": values are nested more than 100 levels deep; this is not a scenario";
    QTest::newRow("not an object") << "[1, 2]"
                                   << "a scenario must be a JSON object ({\"formatVersion\": 1, "
                                      "...}), got an array";
}

void TestScenarioJson::testMalformedJsonGivesLineAndColumn() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    ValidationReport report;
    QVERIFY(!scenarioFromText(text.toStdString(), report));
    QCOMPARE(issueList(report).join('\n'), expected);
}

void TestScenarioJson::testBadFilesAreReported_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected");
    const auto name = [](const std::string& file) { return QString::fromStdString(file); };
    QTest::newRow("malformed") << name(fixture("malformed.json"))
                               << QStringList{
                                      "not valid JSON at line 5, column 12: syntax error "
                                      "while parsing object - unexpected string "
                                      "literal; expected '}'"};
    QTest::newRow("missing file") << name(fixture("no-such-scenario.json"))
                                  << QStringList{name("cannot open scenario file '" +
                                                      fixture("no-such-scenario.json") +
                                                      "': no such file")};
    QTest::newRow("directory") << name(kScenarioDir)
                               << QStringList{name("'" + kScenarioDir +
                                                   "' is a directory, not a scenario file")};
    // Only the version is reported: the unknown fields of a newer format are expected.
    QTest::newRow("newer format")
        << name(fixture("newer-version.json"))
        << QStringList{
               "formatVersion: the file uses scenario format 2, but this version of "
               "archsim reads formats up to 1; open it with a newer archsim"};
    const std::string badTrace = fixture("bad-arrivals.csv");
    QTest::newRow("bad trace lines")
        << name(fixture("bad-trace.json"))
        << QStringList{name("workload.traceFile: trace file '" + badTrace +
                            "' line 3: 'abc' is not a time in seconds"),
                       name("workload.traceFile: trace file '" + badTrace +
                            "' line 4: '-1' is negative; arrival times must be >= 0"),
                       name("workload.traceFile: trace file '" + badTrace +
                            "' line 5: 1000000000 s is past the limit of 2678400 s (31 days)")};
    QTest::newRow("missing trace file")
        << name(fixture("missing-trace.json"))
        << QStringList{name("workload.traceFile: cannot open trace file '" +
                            fixture("no-such-arrivals.csv") + "': no such file")};
}

void TestScenarioJson::testBadFilesAreReported() {
    QFETCH(QString, file);
    QFETCH(QStringList, expected);
    ValidationReport report;
    QVERIFY(!loadScenarioFile(file.toStdString(), report));
    QCOMPARE(issueList(report).join('\n'), expected.join('\n'));
}

void TestScenarioJson::testKeyGivenTwiceIsReported() {
    // A JSON parser keeps one of the two values without a word; the user meant one of them.
    const std::string text = R"({"formatVersion": 1,
        "workload": {"type": "poisson", "ratePerS": 1, "ratePerS": 2},
        "topology": {"entry": "s", "stations": [{"id": "s", "serviceMs": 1, "serviceMs": 2}]}})";
    ValidationReport report;
    QVERIFY(!scenarioFromText(text, report));
    QCOMPARE(issueList(report).join('\n'),
             QString("workload.ratePerS: is given more than once in the same object; keep only "
                     "one\n"
                     "topology.stations[0].serviceMs: is given more than once in the same "
                     "object; keep only one"));
}

/// The trace fixture, its trace file replaced by `traceFile`.
json traceScenario(const std::string& traceFile) {
    json scenario = json::parse(readText(fixture("trace.json")));
    scenario["workload"]["traceFile"] = traceFile;
    return scenario;
}

void TestScenarioJson::testOnlyRegularFilesAreRead_data() {
    QTest::addColumn<QString>("special");
    QTest::newRow("endless device") << "/dev/zero";
    QTest::newRow("random device") << "/dev/urandom";
    QTest::newRow("FIFO") << "fifo";  // made in a temporary directory below
}

void TestScenarioJson::testOnlyRegularFilesAreRead() {
    // Read before the fix, a device filled the memory and a FIFO hung the program for good.
    QFETCH(QString, special);
    QTemporaryDir dir;
    std::string path = special.toStdString();
    if (special == "fifo") {
        path = dir.filePath(special).toStdString();
        QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
    }
    ValidationReport report;
    QVERIFY(!loadScenarioFile(path, report));
    QCOMPARE(issueList(report).join('\n'),
             QString::fromStdString("'" + path +
                                    "' is not a regular file (a device, pipe or socket cannot "
                                    "be a scenario file)"));

    ValidationReport traceReport;
    QVERIFY(!scenarioFromJson(traceScenario(path), traceReport, kScenarioDir));
    QCOMPARE(issueList(traceReport).join('\n'),
             QString::fromStdString("workload.traceFile: '" + path +
                                    "' is not a regular file (a device, pipe or socket cannot "
                                    "be a trace file)"));
}

void TestScenarioJson::testScenarioFileSizeIsCapped() {
    // A 200 MB scenario once took 3.8 GB to parse. Sparse, the file itself costs no disk.
    QTemporaryDir dir;
    const std::string path = dir.filePath("huge.json").toStdString();
    { std::ofstream create(path); }
    std::filesystem::resize_file(path, 200 * 1024 * 1024);
    ValidationReport report;
    QVERIFY(!loadScenarioFile(path, report));
    QCOMPARE(issueList(report).join('\n'),
             QString::fromStdString("scenario file '" + path +
                                    "' is larger than the limit of 16 MiB (it is 200 MiB)"));
}

void TestScenarioJson::testTraceOfAnotherFileIsQuotedShort() {
    // A trace pointed at some other file (here, one holding credentials) must not copy its lines
    // into the messages, which end up in CI logs: one short excerpt, then reading stops.
    QTemporaryDir dir;
    const std::string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const std::string path = dir.filePath("credentials").toStdString();
    {
        std::ofstream out(path);
        out << "[default]\n";
        for (int i = 0; i < 20; ++i)
            out << "aws_secret_access_key_" << i << " = " << secret << "\n";
    }
    ValidationReport report;
    QVERIFY(!scenarioFromJson(traceScenario(path), report, kScenarioDir));
    const QString name = QString::fromStdString("workload.traceFile: trace file '" + path + "'");
    QCOMPARE(issueList(report).join('\n'),
             name +
                 " line 2: 'aws_secret_access_key_0 = wJalrXUtnFEMI\u2026' is not a time in "
                 "seconds\n" +
                 name +
                 " does not look like a trace: it should hold one arrival time in seconds "
                 "per line");
    QVERIFY(!report.toString().empty() && report.toString().find(secret) == std::string::npos);

    // Bad lines after good ones are listed (up to a limit), each quoted short and escaped.
    const std::string mixed = dir.filePath("mixed.csv").toStdString();
    std::ofstream(mixed) << "0.5\n" << std::string(100, 'x') << "\n\x1b[2J\n";
    ValidationReport mixedReport;
    QVERIFY(!scenarioFromJson(traceScenario(mixed), mixedReport, kScenarioDir));
    const QString mixedName =
        QString::fromStdString("workload.traceFile: trace file '" + mixed + "'");
    QCOMPARE(issueList(mixedReport).join('\n'),
             mixedName + " line 2: '" + QString(39, 'x') + "\u2026' is not a time in seconds\n" +
                 mixedName + " line 3: '\\x1B[2J' is not a time in seconds");
}

void TestScenarioJson::testLongTraceLineIsReported() {
    // Read line by line, a file with no line ends (or one huge line) costs at most one line's cap.
    QTemporaryDir dir;
    const std::string path = dir.filePath("long.csv").toStdString();
    std::ofstream(path) << "time\n1\n" << std::string(1'000'000, '7') << "\n2\n";
    ValidationReport report;
    QVERIFY(!scenarioFromJson(traceScenario(path), report, kScenarioDir));
    QCOMPARE(issueList(report).join('\n'),
             QString::fromStdString("workload.traceFile: trace file '" + path +
                                    "' line 3: is longer than 64 KiB; a trace line starts with "
                                    "an arrival time in seconds"));
}

void TestScenarioJson::testEveryPresetLoads() {
    const QDir presets(QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets"));
    const QStringList files = presets.entryList({"*.json"}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString& file : files) {
        const std::string path = presets.filePath(file).toStdString();
        ValidationReport report;
        const auto scenario = loadScenarioFile(path, report);
        QVERIFY2(scenario, qPrintable(file + ":\n" + QString::fromStdString(report.toString())));
        // Whatever form a preset is written in, its canonical form must read back the same.
        const auto reloaded =
            scenarioFromText(scenarioToText(*scenario), report, presets.path().toStdString());
        QVERIFY2(reloaded, qPrintable(file + ":\n" + QString::fromStdString(report.toString())));
        QVERIFY2(firstDifference(*scenario, *reloaded).empty(), qPrintable(file));
    }
}

void TestScenarioJson::testSchemaDeclaresEveryField() {
    const std::string path = ARCHSIM_RESOURCES_DIR "/scenario.schema.json";
    json schema;
    try {
        schema = json::parse(readText(path));
    } catch (const json::parse_error& e) {
        QFAIL(e.what());
    }
    QCOMPARE(QString::fromStdString(schema.value("$schema", "")),
             QString("https://json-schema.org/draft/2020-12/schema"));
    QCOMPARE(schema.value("additionalProperties", true), false);

    // The top level lists exactly the keys the reader accepts: the full fixture's canonical form
    // has every one of them (cost included).
    const json full = scenarioToJson(loadValid(fixture("full.json")));
    std::set<std::string> written;
    for (const auto& [key, value] : full.items()) written.insert(key);
    std::set<std::string> declared;
    for (const auto& [key, value] : schema.at("properties").items()) declared.insert(key);
    QCOMPARE(QString::fromStdString(json(declared).dump()),
             QString::fromStdString(json(written).dump()));

    // Every key anywhere in the canonical form (each component, step kind and distribution
    // family) is declared at its place.
    QStringList missing;
    findUndeclared(schema, schema, full, "", missing);
    json other = json::parse(patchedFull(
        R"([{"op": "replace", "path": "/workload", "value": {"type": "on-off",
             "onRatePerS": 1, "onDurationS": 1, "offDurationS": 1}}])"));
    findUndeclared(schema, schema, other, "", missing);
    other["workload"] = {{"type", "closed"}, {"users", 1}, {"thinkTimeMs", 1}};
    findUndeclared(schema, schema, other, "", missing);
    other["workload"] = {{"type", "trace"}, {"traceFile", "a.csv"}};
    findUndeclared(schema, schema, other, "", missing);
    other["workload"]["trace"] = {{"timeColumn", "ts"}, {"unit", "ms"},     {"timeBase", "epoch"},
                                  {"delimiter", ";"},   {"payloadColumn", 3}, {"payloadUnit", "B"}};
    findUndeclared(schema, schema, other, "", missing);
    other["workload"]["trace"] = {{"timeColumn", "ts"}, {"unit", "ms"},     {"timeBase", "epoch"},
                                  {"delimiter", ";"},   {"payloadColumn", 3}, {"payloadUnit", "B"}};
    findUndeclared(schema, schema, other, "", missing);
    other["workload"] = {{"type", "poisson"}, {"ratePerS", 1}};
    findUndeclared(schema, schema, other, "", missing);
    // The presets as written by hand, too: an editor opening one must not flag anything.
    const QDir presets(QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets"));
    for (const QString& file : presets.entryList({"*.json"}, QDir::Files, QDir::Name)) {
        const json preset = json::parse(readText(presets.filePath(file).toStdString()));
        findUndeclared(schema, schema, preset, file.toStdString() + ":", missing);
    }
    QCOMPARE(missing.join(", "), QString());
}

void TestScenarioJson::testKeywords() {
    QCOMPARE(toKeyword(WorkloadType::OnOff), std::string_view("on-off"));
    QCOMPARE(toKeyword(OverflowPolicy::Queue), std::string_view("queue"));
    QCOMPARE(toKeyword(InstancePick::MostRecentlyUsed), std::string_view("most-recently-used"));
    QCOMPARE(toKeyword(BalancerPolicy::PowerOfTwoChoices),
             std::string_view("power-of-two-choices"));
    QCOMPARE(toKeyword(ScalingMetric::InFlightPerReplica),
             std::string_view("in-flight-per-replica"));
    QCOMPARE(toKeyword(CachePlacement::InProcess), std::string_view("in-process"));
}

QTEST_GUILESS_MAIN(TestScenarioJson)
#include "tst_scenariojson.moc"
