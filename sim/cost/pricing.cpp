// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/cost/pricing.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "sim/scenario/boundedfile.h"
#include "sim/scenario/jsonreader.h"

namespace archsim {

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// ---- reading ----------------------------------------------------------------------------------

/// A required price or quantity: present, a number, >= 0. Returns 0 after reporting, so the caller
/// can go on reading and report every other problem in the same pass.
double price(JsonObjectReader& reader, const std::string& key) {
    return reader.number(key, true, NumberRange::nonNegative()).value_or(0.0);
}

/// Like price(), but the field may be absent (an allowance the provider does not offer is 0).
double optionalAmount(JsonObjectReader& reader, const std::string& key) {
    return reader.number(key, false, NumberRange::nonNegative()).value_or(0.0);
}

/// A required quantity that divides or scales something and so must be > 0 (vCPU, LCU capacity).
double positive(JsonObjectReader& reader, const std::string& key) {
    return reader.number(key, true, NumberRange::positive()).value_or(0.0);
}

/// True for a real calendar date written YYYY-MM-DD.
bool isValidDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    const int year = std::stoi(text.substr(0, 4));
    const int month = std::stoi(text.substr(5, 2));
    const int day = std::stoi(text.substr(8, 2));
    if (month < 1 || month > 12 || day < 1) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int daysInMonth = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= daysInMonth;
}

std::string readDate(JsonObjectReader& reader, const std::string& key) {
    const auto date = reader.nonEmptyString(key, true);
    if (!date) return {};
    if (!isValidDate(*date)) {
        reader.fail(key, "must be a date written YYYY-MM-DD, got \"" + *date + "\"");
        return {};
    }
    return *date;
}

std::string readCurrency(JsonObjectReader& reader, const std::string& key) {
    const auto currency = reader.nonEmptyString(key, true);
    if (!currency) return {};
    const bool isCode =
        currency->size() == 3 && std::all_of(currency->begin(), currency->end(),
                                             [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!isCode) {
        reader.fail(
            key, "must be a three-letter currency code such as \"USD\", got \"" + *currency + "\"");
        return {};
    }
    return *currency;
}

PriceSource readSource(JsonObjectReader& reader) {
    PriceSource source;
    source.source = reader.nonEmptyString("source", true).value_or("");
    source.date = readDate(reader, "date");
    source.region = reader.string("region", false).value_or("");
    source.note = reader.string("note", false).value_or("");
    return source;
}

/// Reads an object mapping names to entries ("instanceTypes": {"t3.small": {...}}), each entry
/// through `readEntry`, and insists on at least one entry, since an empty catalogue prices nothing.
template <typename Entry>
std::map<std::string, Entry> readCatalogue(
    JsonObjectReader& parent, const std::string& key, const std::string& entryKind,
    const std::function<Entry(JsonObjectReader&)>& readEntry) {
    std::map<std::string, Entry> entries;
    const Json* catalogue = parent.value(key, true);
    if (catalogue == nullptr) return entries;
    const std::string path = parent.fieldPath(key);
    ValidationReport& report = parent.report();
    if (!catalogue->is_object()) {
        report.add(path, "must be an object mapping each " + entryKind + " to its prices, got " +
                             describeJson(*catalogue));
        return entries;
    }
    if (catalogue->empty()) report.add(path, "must list at least one " + entryKind);
    for (auto it = catalogue->begin(); it != catalogue->end(); ++it) {
        if (it.key().empty()) {
            report.add(path, "a " + entryKind + " name must not be empty");
            continue;
        }
        JsonObjectReader entryReader(it.value(), keyPath(path, it.key()), report);
        if (!entryReader.isObject()) continue;
        Entry entry = readEntry(entryReader);
        entryReader.reportUnknownFields();
        entries.emplace(it.key(), std::move(entry));
    }
    return entries;
}

/// Reads an optional section: absent -> nullopt without complaint; present -> read and check.
template <typename Section>
std::optional<Section> readSection(JsonObjectReader& root, const std::string& key,
                                   const std::function<Section(JsonObjectReader&)>& readBody) {
    const Json* value = root.value(key, false);
    if (value == nullptr) return std::nullopt;
    JsonObjectReader reader(*value, root.fieldPath(key), root.report());
    if (!reader.isObject()) return std::nullopt;
    Section section = readBody(reader);
    reader.reportUnknownFields();
    return section;
}

LambdaPricing readLambda(JsonObjectReader& reader) {
    LambdaPricing lambda;
    lambda.source = readSource(reader);
    lambda.includedRequestsPerMonth = optionalAmount(reader, "includedRequestsPerMonth");
    lambda.includedGbSecondsPerMonth = optionalAmount(reader, "includedGbSecondsPerMonth");
    lambda.architectures = readCatalogue<LambdaArchitecturePrices>(
        reader, "architectures", "architecture", [](JsonObjectReader& entry) {
            LambdaArchitecturePrices prices;
            prices.perMillionRequests = price(entry, "perMillionRequests");
            prices.perGbSecond = price(entry, "perGbSecond");
            prices.provisionedPerGbSecond = price(entry, "provisionedPerGbSecond");
            prices.provisionedDurationPerGbSecond = price(entry, "provisionedDurationPerGbSecond");
            prices.note = entry.string("note", false).value_or("");
            return prices;
        });
    return lambda;
}

ApiGatewayPricing readApiGateway(JsonObjectReader& reader) {
    ApiGatewayPricing gateway;
    gateway.source = readSource(reader);
    gateway.apis =
        readCatalogue<ApiPrices>(reader, "apis", "API type", [](JsonObjectReader& entry) {
            ApiPrices prices;
            prices.perMillionRequests = price(entry, "perMillionRequests");
            prices.note = entry.string("note", false).value_or("");
            return prices;
        });
    return gateway;
}

WorkersPricing readWorkers(JsonObjectReader& reader) {
    WorkersPricing workers;
    workers.source = readSource(reader);
    workers.monthlyFee = price(reader, "monthlyFee");
    workers.perMillionRequests = price(reader, "perMillionRequests");
    workers.perMillionCpuMs = price(reader, "perMillionCpuMs");
    workers.includedRequestsPerMonth = optionalAmount(reader, "includedRequestsPerMonth");
    workers.includedCpuMsPerMonth = optionalAmount(reader, "includedCpuMsPerMonth");
    return workers;
}

WorkersKvPricing readWorkersKv(JsonObjectReader& reader) {
    WorkersKvPricing kv;
    kv.source = readSource(reader);
    kv.perMillionReads = price(reader, "perMillionReads");
    kv.perMillionWrites = price(reader, "perMillionWrites");
    kv.includedReadsPerMonth = optionalAmount(reader, "includedReadsPerMonth");
    kv.includedWritesPerMonth = optionalAmount(reader, "includedWritesPerMonth");
    return kv;
}

ObjectStoragePricing readObjectStorage(JsonObjectReader& reader) {
    ObjectStoragePricing s3;
    s3.source = readSource(reader);
    s3.perThousandPuts = price(reader, "perThousandPuts");
    s3.perThousandGets = price(reader, "perThousandGets");
    s3.perGbMonth = price(reader, "perGbMonth");
    s3.transferOutPerGb = price(reader, "transferOutPerGb");
    return s3;
}

std::function<InstancePricing(JsonObjectReader&)> instanceReader(const std::string& catalogueKey,
                                                                 const std::string& entryKind) {
    return [catalogueKey, entryKind](JsonObjectReader& reader) {
        InstancePricing pricing;
        pricing.source = readSource(reader);
        pricing.types = readCatalogue<InstanceType>(
            reader, catalogueKey, entryKind, [](JsonObjectReader& entry) {
                InstanceType type;
                type.hourly = price(entry, "hourly");
                type.vcpu = positive(entry, "vcpu");
                type.memoryGib = positive(entry, "memoryGib");
                type.note = entry.string("note", false).value_or("");
                return type;
            });
        return pricing;
    };
}

FargatePricing readFargate(JsonObjectReader& reader) {
    FargatePricing fargate;
    fargate.source = readSource(reader);
    fargate.architectures = readCatalogue<FargateArchitecturePrices>(
        reader, "architectures", "architecture", [](JsonObjectReader& entry) {
            FargateArchitecturePrices prices;
            prices.perVcpuHour = price(entry, "perVcpuHour");
            prices.perGbHour = price(entry, "perGbHour");
            prices.note = entry.string("note", false).value_or("");
            return prices;
        });
    return fargate;
}

LoadBalancerPricing readLoadBalancer(JsonObjectReader& reader) {
    LoadBalancerPricing lb;
    lb.source = readSource(reader);
    lb.hourly = price(reader, "hourly");
    lb.perLcuHour = price(reader, "perLcuHour");
    lb.lcuNewConnectionsPerS = positive(reader, "lcuNewConnectionsPerS");
    lb.lcuProcessedGbPerHour = positive(reader, "lcuProcessedGbPerHour");
    return lb;
}

DataTransferPricing readDataTransfer(JsonObjectReader& reader) {
    DataTransferPricing transfer;
    transfer.source = readSource(reader);
    transfer.providers =
        readCatalogue<EgressPrices>(reader, "providers", "provider", [](JsonObjectReader& entry) {
            EgressPrices prices;
            prices.perGb = price(entry, "perGb");
            prices.includedGbPerMonth = optionalAmount(entry, "includedGbPerMonth");
            prices.note = entry.string("note", false).value_or("");
            return prices;
        });
    return transfer;
}

// ---- writing ----------------------------------------------------------------------------------

/// Whole numbers as integers ("vcpu": 2 rather than 2.0), everything else as a double; both read
/// back to the same double, so a save/load round trip is exact.
OrderedJson numberJson(double value) {
    if (std::floor(value) == value && std::fabs(value) < 9.0e15) {
        return static_cast<long long>(value);
    }
    return value;
}

void writeSource(OrderedJson& json, const PriceSource& source) {
    json["source"] = source.source;
    json["date"] = source.date;
    if (!source.region.empty()) json["region"] = source.region;
    if (!source.note.empty()) json["note"] = source.note;
}

void writeNote(OrderedJson& json, const std::string& note) {
    if (!note.empty()) json["note"] = note;
}

OrderedJson instancesJson(const InstancePricing& pricing, const std::string& catalogueKey) {
    OrderedJson json = OrderedJson::object();
    writeSource(json, pricing.source);
    OrderedJson types = OrderedJson::object();
    for (const auto& [name, type] : pricing.types) {
        OrderedJson entry = OrderedJson::object();
        entry["hourly"] = numberJson(type.hourly);
        entry["vcpu"] = numberJson(type.vcpu);
        entry["memoryGib"] = numberJson(type.memoryGib);
        writeNote(entry, type.note);
        types[name] = std::move(entry);
    }
    json[catalogueKey] = std::move(types);
    return json;
}

}  // namespace

std::optional<PricingTable> pricingFromJson(const Json& json, ValidationReport& report) {
    const std::size_t issuesBefore = report.issues().size();
    if (!json.is_object()) {
        report.add("", "a pricing table must be a JSON object, got " + describeJson(json));
        return std::nullopt;
    }
    JsonObjectReader root(json, "", report);
    PricingTable table;
    if (const auto version = root.integer("schemaVersion", true, 1, 1'000'000)) {
        if (*version != kPricingSchemaVersion) {
            root.fail("schemaVersion", "unsupported version " + std::to_string(*version) +
                                           "; this archsim reads version " +
                                           std::to_string(kPricingSchemaVersion));
        }
    }
    table.name = root.string("name", false).value_or("");
    table.source = root.nonEmptyString("source", true).value_or("");
    table.date = readDate(root, "date");
    table.currency = readCurrency(root, "currency");
    table.note = root.string("note", false).value_or("");

    table.lambda = readSection<LambdaPricing>(root, "lambda", readLambda);
    table.apiGateway = readSection<ApiGatewayPricing>(root, "apiGateway", readApiGateway);
    table.workers = readSection<WorkersPricing>(root, "workers", readWorkers);
    table.workersKv = readSection<WorkersKvPricing>(root, "workersKv", readWorkersKv);
    table.s3 = readSection<ObjectStoragePricing>(root, "s3", readObjectStorage);
    table.ec2 =
        readSection<InstancePricing>(root, "ec2", instanceReader("instanceTypes", "instance type"));
    table.fargate = readSection<FargatePricing>(root, "fargate", readFargate);
    table.loadBalancer = readSection<LoadBalancerPricing>(root, "loadBalancer", readLoadBalancer);
    table.elastiCache =
        readSection<InstancePricing>(root, "elastiCache", instanceReader("nodeTypes", "node type"));
    table.rds =
        readSection<InstancePricing>(root, "rds", instanceReader("instanceTypes", "instance type"));
    table.dataTransfer = readSection<DataTransferPricing>(root, "dataTransfer", readDataTransfer);
    root.reportUnknownFields();

    const bool pricesSomething = table.lambda || table.apiGateway || table.workers ||
                                 table.workersKv || table.s3 || table.ec2 || table.fargate ||
                                 table.loadBalancer || table.elastiCache || table.rds ||
                                 table.dataTransfer;
    if (!pricesSomething && report.issues().size() == issuesBefore) {
        report.add("",
                   "the table prices nothing: add at least one section (lambda, apiGateway, "
                   "workers, workersKv, s3, ec2, fargate, loadBalancer, elastiCache, rds, "
                   "dataTransfer)");
    }
    if (report.issues().size() != issuesBefore) return std::nullopt;
    return table;
}

std::optional<PricingTable> parsePricing(std::string_view text, ValidationReport& report) {
    const std::size_t issuesBefore = report.issues().size();
    const auto json = parseJsonText(text, "a pricing table", report);
    if (!json) return std::nullopt;
    auto table = pricingFromJson(*json, report);
    // A key given twice was reported by the parse; the table is not to be used either way.
    if (report.issues().size() != issuesBefore) return std::nullopt;
    return table;
}

nlohmann::ordered_json toJson(const PricingTable& table) {
    OrderedJson json = OrderedJson::object();
    json["schemaVersion"] = kPricingSchemaVersion;
    if (!table.name.empty()) json["name"] = table.name;
    json["source"] = table.source;
    json["date"] = table.date;
    json["currency"] = table.currency;
    writeNote(json, table.note);

    if (table.lambda) {
        OrderedJson section = OrderedJson::object();
        writeSource(section, table.lambda->source);
        section["includedRequestsPerMonth"] = numberJson(table.lambda->includedRequestsPerMonth);
        section["includedGbSecondsPerMonth"] = numberJson(table.lambda->includedGbSecondsPerMonth);
        OrderedJson architectures = OrderedJson::object();
        for (const auto& [name, prices] : table.lambda->architectures) {
            OrderedJson entry = OrderedJson::object();
            entry["perMillionRequests"] = numberJson(prices.perMillionRequests);
            entry["perGbSecond"] = numberJson(prices.perGbSecond);
            entry["provisionedPerGbSecond"] = numberJson(prices.provisionedPerGbSecond);
            entry["provisionedDurationPerGbSecond"] =
                numberJson(prices.provisionedDurationPerGbSecond);
            writeNote(entry, prices.note);
            architectures[name] = std::move(entry);
        }
        section["architectures"] = std::move(architectures);
        json["lambda"] = std::move(section);
    }
    if (table.apiGateway) {
        OrderedJson section = OrderedJson::object();
        writeSource(section, table.apiGateway->source);
        OrderedJson apis = OrderedJson::object();
        for (const auto& [name, prices] : table.apiGateway->apis) {
            OrderedJson entry = OrderedJson::object();
            entry["perMillionRequests"] = numberJson(prices.perMillionRequests);
            writeNote(entry, prices.note);
            apis[name] = std::move(entry);
        }
        section["apis"] = std::move(apis);
        json["apiGateway"] = std::move(section);
    }
    if (table.workers) {
        const WorkersPricing& workers = *table.workers;
        OrderedJson section = OrderedJson::object();
        writeSource(section, workers.source);
        section["monthlyFee"] = numberJson(workers.monthlyFee);
        section["perMillionRequests"] = numberJson(workers.perMillionRequests);
        section["perMillionCpuMs"] = numberJson(workers.perMillionCpuMs);
        section["includedRequestsPerMonth"] = numberJson(workers.includedRequestsPerMonth);
        section["includedCpuMsPerMonth"] = numberJson(workers.includedCpuMsPerMonth);
        json["workers"] = std::move(section);
    }
    if (table.workersKv) {
        const WorkersKvPricing& kv = *table.workersKv;
        OrderedJson section = OrderedJson::object();
        writeSource(section, kv.source);
        section["perMillionReads"] = numberJson(kv.perMillionReads);
        section["perMillionWrites"] = numberJson(kv.perMillionWrites);
        section["includedReadsPerMonth"] = numberJson(kv.includedReadsPerMonth);
        section["includedWritesPerMonth"] = numberJson(kv.includedWritesPerMonth);
        json["workersKv"] = std::move(section);
    }
    if (table.s3) {
        const ObjectStoragePricing& s3 = *table.s3;
        OrderedJson section = OrderedJson::object();
        writeSource(section, s3.source);
        section["perThousandPuts"] = numberJson(s3.perThousandPuts);
        section["perThousandGets"] = numberJson(s3.perThousandGets);
        section["perGbMonth"] = numberJson(s3.perGbMonth);
        section["transferOutPerGb"] = numberJson(s3.transferOutPerGb);
        json["s3"] = std::move(section);
    }
    if (table.ec2) json["ec2"] = instancesJson(*table.ec2, "instanceTypes");
    if (table.fargate) {
        OrderedJson section = OrderedJson::object();
        writeSource(section, table.fargate->source);
        OrderedJson architectures = OrderedJson::object();
        for (const auto& [name, prices] : table.fargate->architectures) {
            OrderedJson entry = OrderedJson::object();
            entry["perVcpuHour"] = numberJson(prices.perVcpuHour);
            entry["perGbHour"] = numberJson(prices.perGbHour);
            writeNote(entry, prices.note);
            architectures[name] = std::move(entry);
        }
        section["architectures"] = std::move(architectures);
        json["fargate"] = std::move(section);
    }
    if (table.loadBalancer) {
        const LoadBalancerPricing& lb = *table.loadBalancer;
        OrderedJson section = OrderedJson::object();
        writeSource(section, lb.source);
        section["hourly"] = numberJson(lb.hourly);
        section["perLcuHour"] = numberJson(lb.perLcuHour);
        section["lcuNewConnectionsPerS"] = numberJson(lb.lcuNewConnectionsPerS);
        section["lcuProcessedGbPerHour"] = numberJson(lb.lcuProcessedGbPerHour);
        json["loadBalancer"] = std::move(section);
    }
    if (table.elastiCache) json["elastiCache"] = instancesJson(*table.elastiCache, "nodeTypes");
    if (table.rds) json["rds"] = instancesJson(*table.rds, "instanceTypes");
    if (table.dataTransfer) {
        OrderedJson section = OrderedJson::object();
        writeSource(section, table.dataTransfer->source);
        OrderedJson providers = OrderedJson::object();
        for (const auto& [name, prices] : table.dataTransfer->providers) {
            OrderedJson entry = OrderedJson::object();
            entry["perGb"] = numberJson(prices.perGb);
            entry["includedGbPerMonth"] = numberJson(prices.includedGbPerMonth);
            writeNote(entry, prices.note);
            providers[name] = std::move(entry);
        }
        section["providers"] = std::move(providers);
        json["dataTransfer"] = std::move(section);
    }
    return json;
}

std::string toJsonText(const PricingTable& table) {
    return toJson(table).dump(4) + "\n";
}

PricingLoadResult loadPricingFile(const std::filesystem::path& path) {
    PricingLoadResult result;
    std::string error;
    const auto text = readBoundedFile(path.string(), kPricingFile, error);
    if (!text) {
        result.report.add("", error);
        return result;
    }
    const auto json = parseJsonText(*text, "a pricing table", result.report,
                                    "pricing file " + quotedPath(path.string()));
    if (!json) return result;
    result.table = pricingFromJson(*json, result.report);
    // A key given twice was reported by the parse; the table is not to be used either way.
    if (!result.report.ok()) result.table.reset();
    return result;
}

bool savePricingFile(const PricingTable& table, const std::filesystem::path& path,
                     std::string& error) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        error = "cannot open pricing file '" + path.string() + "' for writing";
        return false;
    }
    out << toJsonText(table);
    out.close();
    if (!out) {
        error = "failed writing pricing file '" + path.string() + "'";
        return false;
    }
    return true;
}

std::filesystem::path defaultPricingFile(const std::filesystem::path& resourcesDir) {
    return resourcesDir / "pricing" / "default.json";
}

}  // namespace archsim
