// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/cost/costmodel.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sim/scenario/jsonreader.h"

namespace archsim {

namespace {

constexpr double kSecondsPerHour = 3600.0;
constexpr double kMbPerGb = 1024.0;  // Lambda's GB-second is a GiB-second: 1024 MB = 1 GB
// Labels and notes are read at a glance, so their figures are rounded; validation messages quote
// a number exactly (formatNumber without digits), since it is the user's to find and fix.
constexpr int kLabelDigits = 10;

enum class PlatformKind { Lambda, Workers, Ec2, Fargate };

struct Platform {
    PlatformKind kind;
    std::string variant;  ///< architecture or instance type; empty for workers
};

bool startsWith(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0;
}

std::optional<Platform> parsePlatform(const std::string& text) {
    if (text == "workers") return Platform{PlatformKind::Workers, {}};
    if (startsWith(text, "lambda-")) return Platform{PlatformKind::Lambda, text.substr(7)};
    if (startsWith(text, "fargate-")) return Platform{PlatformKind::Fargate, text.substr(8)};
    if (startsWith(text, "ec2:")) return Platform{PlatformKind::Ec2, text.substr(4)};
    return std::nullopt;
}

/// The provider whose egress price "auto" uses.
std::string egressProvider(PlatformKind kind) {
    return kind == PlatformKind::Workers ? "cloudflare" : "aws";
}

template <typename Map>
std::vector<std::string> keysOf(const Map& map) {
    std::vector<std::string> keys;
    for (const auto& entry : map) keys.push_back(entry.first);
    return keys;
}

template <typename Map>
bool hasKey(const Map& map, const std::string& key) {
    return map.find(key) != map.end();
}

std::string missingSection(const std::string& choice, const std::string& section) {
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on "'" + temporary + ...
    std::string message = "'";
    message += excerpt(choice);
    return message + "' needs the pricing table's '" + section +
           "' section, which this table does not have";
}

std::string unknownEntry(const std::string& what, const std::string& name,
                         const std::vector<std::string>& known) {
    return "unknown " + what + " '" + excerpt(name) + "'; the pricing table lists: " +
           joinNames(known);
}

/// Reports a task size Fargate cannot launch (its published Linux combinations), since pricing a
/// size nobody can run would mislead.
void checkFargateSize(const CostConfig& config, const std::string& path, ValidationReport& report) {
    struct Size {
        double vcpu, minGb, maxGb, stepGb;
    };
    static constexpr Size kSizes[] = {{0.25, 0.5, 2.0, 0.0},   {0.5, 1.0, 4.0, 1.0},
                                      {1.0, 2.0, 8.0, 1.0},    {2.0, 4.0, 16.0, 1.0},
                                      {4.0, 8.0, 30.0, 1.0},   {8.0, 16.0, 60.0, 4.0},
                                      {16.0, 32.0, 120.0, 8.0}};
    const Size* size = nullptr;
    for (const Size& candidate : kSizes) {
        if (candidate.vcpu == config.fargateVcpu) size = &candidate;
    }
    if (size == nullptr) {
        report.add(joinPath(path, "fargateVcpu"),
                   "must be one of 0.25, 0.5, 1, 2, 4, 8, 16 (Fargate task sizes), got " +
                       formatNumber(config.fargateVcpu));
        return;
    }
    const double memory = config.fargateMemoryGb;
    bool ok = std::isfinite(memory) && memory >= size->minGb && memory <= size->maxGb;
    if (ok && size->stepGb == 0.0) {
        ok = memory == 0.5 || memory == 1.0 || memory == 2.0;  // 0.25 vCPU: 0.5, 1 or 2 GB only
    } else if (ok) {
        const double steps = (memory - size->minGb) / size->stepGb;
        ok = steps == std::floor(steps);
    }
    if (!ok) {
        const std::string allowed =
            size->stepGb == 0.0 ? std::string("0.5, 1 or 2 GB")
                                : formatNumber(size->minGb) + " to " + formatNumber(size->maxGb) +
                                      " GB in steps of " + formatNumber(size->stepGb) + " GB";
        report.add(joinPath(path, "fargateMemoryGb"), "with " + formatNumber(config.fargateVcpu) +
                                                          " vCPU Fargate allows " + allowed +
                                                          ", got " + formatNumber(memory));
    }
}

/// Collects the lines of one breakdown.
class LineWriter {
public:
    explicit LineWriter(CostBreakdown& breakdown) : m_breakdown(breakdown) {}

    void add(std::string item, std::string label, double quantity, std::string unit,
             double unitPrice, double included = 0.0) {
        CostLine line;
        line.item = std::move(item);
        line.label = std::move(label);
        line.quantity = quantity;
        line.unit = std::move(unit);
        line.unitPrice = unitPrice;
        line.includedQuantity = std::min(included, quantity);
        line.cost = (quantity - line.includedQuantity) * unitPrice;
        m_breakdown.lines.push_back(std::move(line));
    }

private:
    CostBreakdown& m_breakdown;
};

}  // namespace

// ---- validation -------------------------------------------------------------------------------

void validateUsage(const UsageTotals& usage, ValidationReport& report, const std::string& path) {
    if (!(usage.simulatedSeconds > 0.0) || !std::isfinite(usage.simulatedSeconds)) {
        report.add(joinPath(path, "simulatedSeconds"),
                   "must be a finite number > 0, got " + formatNumber(usage.simulatedSeconds));
    }
    const std::pair<const char*, double> quantities[] = {
        {"functionBilledSeconds", usage.functionBilledSeconds},
        {"functionInitSeconds", usage.functionInitSeconds},
        {"functionCpuMs", usage.functionCpuMs},
        {"provisionedInstanceSeconds", usage.provisionedInstanceSeconds},
        {"provisionedBilledSeconds", usage.provisionedBilledSeconds},
        {"replicaSeconds", usage.replicaSeconds},
        {"egressGb", usage.egressGb},
        {"ingressGb", usage.ingressGb},
        {"storageGbMonths", usage.storageGbMonths},
        {"storageEgressGb", usage.storageEgressGb},
    };
    for (const auto& [name, value] : quantities) {
        if (!std::isfinite(value) || value < 0.0) {
            report.add(joinPath(path, name),
                       "must be a finite number >= 0, got " + formatNumber(value));
        }
    }
}

void validateCostConfig(const CostConfig& config, const PricingTable& table,
                        ValidationReport& report, const std::string& path) {
    const std::string platformPath = joinPath(path, "platform");
    const std::optional<Platform> platform = parsePlatform(config.platform);
    if (config.platform.empty()) {
        report.add(platformPath, "missing; choose one of: " + joinNames(platformChoices(table)));
    } else if (!platform) {
        report.add(platformPath,
                   "unknown platform '" + excerpt(config.platform) +
                       "'; expected lambda-<architecture>, workers, ec2:<instance type> or "
                       "fargate-<architecture> (this pricing table offers: " +
                       joinNames(platformChoices(table)) + ")");
    } else {
        switch (platform->kind) {
            case PlatformKind::Lambda:
                if (!table.lambda) {
                    report.add(platformPath, missingSection(config.platform, "lambda"));
                } else if (!hasKey(table.lambda->architectures, platform->variant)) {
                    report.add(platformPath, unknownEntry("Lambda architecture", platform->variant,
                                                          keysOf(table.lambda->architectures)));
                }
                if (!(config.functionMemoryMb >= 128.0 && config.functionMemoryMb <= 10240.0)) {
                    report.add(joinPath(path, "functionMemoryMb"),
                               "must be between 128 and 10240 MB (Lambda's range), got " +
                                   formatNumber(config.functionMemoryMb));
                }
                break;
            case PlatformKind::Workers:
                if (!table.workers) {
                    report.add(platformPath, missingSection(config.platform, "workers"));
                }
                break;
            case PlatformKind::Ec2:
                if (!table.ec2) {
                    report.add(platformPath, missingSection(config.platform, "ec2"));
                } else if (!hasKey(table.ec2->types, platform->variant)) {
                    report.add(platformPath, unknownEntry("EC2 instance type", platform->variant,
                                                          keysOf(table.ec2->types)));
                }
                break;
            case PlatformKind::Fargate:
                if (!table.fargate) {
                    report.add(platformPath, missingSection(config.platform, "fargate"));
                } else if (!hasKey(table.fargate->architectures, platform->variant)) {
                    report.add(platformPath, unknownEntry("Fargate architecture", platform->variant,
                                                          keysOf(table.fargate->architectures)));
                }
                checkFargateSize(config, path, report);
                break;
        }
    }

    const std::string gatewayPath = joinPath(path, "gateway");
    if (config.gateway != "none") {
        if (!table.apiGateway) {
            report.add(gatewayPath, missingSection(config.gateway, "apiGateway"));
        } else if (!hasKey(table.apiGateway->apis, config.gateway)) {
            report.add(gatewayPath, unknownEntry("API Gateway type", config.gateway,
                                                 keysOf(table.apiGateway->apis)) +
                                        " (or \"none\")");
        }
    }

    const std::string cachePath = joinPath(path, "remoteCache");
    if (config.remoteCache == "workers-kv") {
        if (!table.workersKv) report.add(cachePath, missingSection("workers-kv", "workersKv"));
    } else if (startsWith(config.remoteCache, "elasticache:")) {
        const std::string node = config.remoteCache.substr(12);
        if (!table.elastiCache) {
            report.add(cachePath, missingSection(config.remoteCache, "elastiCache"));
        } else if (!hasKey(table.elastiCache->types, node)) {
            report.add(cachePath, unknownEntry("ElastiCache node type", node,
                                               keysOf(table.elastiCache->types)));
        }
        if (config.cacheNodes < 1) {
            report.add(joinPath(path, "cacheNodes"),
                       "must be at least 1 with an ElastiCache cache, got " +
                           std::to_string(config.cacheNodes));
        }
    } else if (config.remoteCache != "none") {
        report.add(cachePath, "unknown remote cache '" + config.remoteCache +
                                  "'; expected none, workers-kv or elasticache:<node type>");
    }

    const std::string databasePath = joinPath(path, "database");
    if (startsWith(config.database, "rds:")) {
        const std::string instance = config.database.substr(4);
        if (!table.rds) {
            report.add(databasePath, missingSection(config.database, "rds"));
        } else if (!hasKey(table.rds->types, instance)) {
            report.add(databasePath,
                       unknownEntry("RDS instance type", instance, keysOf(table.rds->types)));
        }
        if (config.databaseNodes < 1) {
            report.add(joinPath(path, "databaseNodes"),
                       "must be at least 1 with an RDS database, got " +
                           std::to_string(config.databaseNodes));
        }
    } else if (config.database != "none") {
        report.add(databasePath, "unknown database '" + config.database +
                                     "'; expected none or rds:<instance type>");
    }

    if (config.loadBalancer) {
        if (!table.loadBalancer) {
            report.add(joinPath(path, "loadBalancer"),
                       "a load balancer needs the pricing table's 'loadBalancer' section, which "
                       "this table does not have");
        }
        if (!(config.requestsPerConnection >= 1.0) ||
            !std::isfinite(config.requestsPerConnection)) {
            report.add(
                joinPath(path, "requestsPerConnection"),
                "must be a finite number >= 1, got " + formatNumber(config.requestsPerConnection));
        }
    }

    if (config.objectStorage == "s3") {
        if (!table.s3)
            report.add(joinPath(path, "objectStorage"),
                       "object storage on s3 needs the pricing table's 's3' section, which this "
                       "table does not have");
    } else if (config.objectStorage != "none") {
        report.add(joinPath(path, "objectStorage"),
                   "unknown object storage '" + config.objectStorage + "'; expected none or s3");
    }

    // With "auto" and an unusable platform there is no provider to look up (already reported).
    const bool egressPriced = config.egress != "none" && (config.egress != "auto" || platform);
    if (egressPriced) {
        const std::string provider =
            config.egress == "auto" ? egressProvider(platform->kind) : config.egress;
        const bool known = table.dataTransfer && hasKey(table.dataTransfer->providers, provider);
        if (!known) {
            const std::vector<std::string> providers = table.dataTransfer
                                                           ? keysOf(table.dataTransfer->providers)
                                                           : std::vector<std::string>{};
            report.add(joinPath(path, "egress"),
                       "no data transfer price for provider '" + provider +
                           "' in the pricing table's dataTransfer section (it lists: " +
                           (providers.empty() ? std::string("nothing") : joinNames(providers)) +
                           "); add one or set egress to \"none\"");
        }
    }
}

// ---- JSON -------------------------------------------------------------------------------------

std::optional<CostConfig> costConfigFromJson(const nlohmann::json& json, ValidationReport& report,
                                             const std::string& path) {
    const std::size_t issuesBefore = report.issues().size();
    JsonObjectReader reader(json, path, report);
    if (!reader.isObject()) return std::nullopt;
    CostConfig config;
    if (auto v = reader.nonEmptyString("platform", true)) config.platform = *v;
    // Numbers are only read here; their limits depend on the platform and the pricing table, so
    // validateCostConfig() checks them.
    if (auto v = reader.number("functionMemoryMb", false)) config.functionMemoryMb = *v;
    if (auto v = reader.boolean("billInitDuration", false)) config.billInitDuration = *v;
    if (auto v = reader.number("fargateVcpu", false)) config.fargateVcpu = *v;
    if (auto v = reader.number("fargateMemoryGb", false)) config.fargateMemoryGb = *v;
    if (auto v = reader.string("gateway", false)) config.gateway = *v;
    if (auto v = reader.string("remoteCache", false)) config.remoteCache = *v;
    if (auto v = reader.integer("cacheNodes", false, INT_MIN, INT_MAX)) {
        config.cacheNodes = static_cast<int>(*v);
    }
    if (auto v = reader.string("database", false)) config.database = *v;
    if (auto v = reader.integer("databaseNodes", false, INT_MIN, INT_MAX)) {
        config.databaseNodes = static_cast<int>(*v);
    }
    if (auto v = reader.boolean("loadBalancer", false)) config.loadBalancer = *v;
    if (auto v = reader.number("requestsPerConnection", false)) {
        config.requestsPerConnection = *v;
    }
    if (auto v = reader.string("egress", false)) config.egress = *v;
    if (auto v = reader.string("objectStorage", false)) config.objectStorage = *v;
    if (auto v = reader.boolean("standaloneAccount", false)) config.standaloneAccount = *v;
    reader.reportUnknownFields();
    if (report.issues().size() != issuesBefore) return std::nullopt;
    return config;
}

nlohmann::json toJson(const CostConfig& config) {
    nlohmann::json out{
        {"platform", config.platform},
        {"functionMemoryMb", config.functionMemoryMb},
        {"billInitDuration", config.billInitDuration},
        {"fargateVcpu", config.fargateVcpu},
        {"fargateMemoryGb", config.fargateMemoryGb},
        {"gateway", config.gateway},
        {"remoteCache", config.remoteCache},
        {"cacheNodes", config.cacheNodes},
        {"database", config.database},
        {"databaseNodes", config.databaseNodes},
        {"loadBalancer", config.loadBalancer},
        {"requestsPerConnection", config.requestsPerConnection},
        {"egress", config.egress},
        {"standaloneAccount", config.standaloneAccount},
    };
    // Written only when used, so a configuration without object storage is saved as before.
    if (config.objectStorage != "none") out["objectStorage"] = config.objectStorage;
    return out;
}

// ---- choices ----------------------------------------------------------------------------------

std::vector<std::string> platformChoices(const PricingTable& table) {
    std::vector<std::string> choices;
    if (table.lambda) {
        for (const auto& [name, prices] : table.lambda->architectures) {
            choices.push_back("lambda-" + name);
        }
    }
    if (table.workers) choices.push_back("workers");
    if (table.ec2) {
        for (const auto& [name, type] : table.ec2->types) choices.push_back("ec2:" + name);
    }
    if (table.fargate) {
        for (const auto& [name, prices] : table.fargate->architectures) {
            choices.push_back("fargate-" + name);
        }
    }
    std::sort(choices.begin(), choices.end());
    return choices;
}

std::vector<std::string> gatewayChoices(const PricingTable& table) {
    std::vector<std::string> choices{"none"};
    if (table.apiGateway) {
        for (const auto& [name, prices] : table.apiGateway->apis) choices.push_back(name);
    }
    return choices;
}

std::vector<std::string> remoteCacheChoices(const PricingTable& table) {
    std::vector<std::string> choices{"none"};
    if (table.workersKv) choices.push_back("workers-kv");
    if (table.elastiCache) {
        for (const auto& [name, type] : table.elastiCache->types) {
            choices.push_back("elasticache:" + name);
        }
    }
    return choices;
}

std::vector<std::string> databaseChoices(const PricingTable& table) {
    std::vector<std::string> choices{"none"};
    if (table.rds) {
        for (const auto& [name, type] : table.rds->types) choices.push_back("rds:" + name);
    }
    return choices;
}

// ---- pricing ----------------------------------------------------------------------------------

CostBreakdown computeCost(const UsageTotals& usage, const CostConfig& config,
                          const PricingTable& table) {
    ValidationReport report;
    validateUsage(usage, report);
    validateCostConfig(config, table, report);
    if (!report.ok()) {
        throw std::invalid_argument("computeCost: invalid input:\n" + report.toString());
    }

    CostBreakdown breakdown;
    breakdown.currency = table.currency;
    breakdown.simulatedSeconds = usage.simulatedSeconds;
    LineWriter lines(breakdown);
    const double seconds = usage.simulatedSeconds;
    const double hours = seconds / kSecondsPerHour;
    const double monthFraction = seconds / kSecondsPerMonth;
    // A monthly allowance prorated to the simulated period, or nothing for the marginal view.
    const auto allowance = [&](double perMonth) {
        return config.standaloneAccount ? perMonth * monthFraction : 0.0;
    };
    const auto note = [&](std::string text) { breakdown.notes.push_back(std::move(text)); };
    const Platform platform = *parsePlatform(config.platform);
    const bool serverless =
        platform.kind == PlatformKind::Lambda || platform.kind == PlatformKind::Workers;

    switch (platform.kind) {
        case PlatformKind::Lambda: {
            const LambdaPricing& lambda = *table.lambda;
            const LambdaArchitecturePrices& prices = lambda.architectures.at(platform.variant);
            const double memoryGb = config.functionMemoryMb / kMbPerGb;
            const std::string sizing = " (" + platform.variant + ", " +
                                       formatNumber(config.functionMemoryMb, kLabelDigits) + " MB)";
            lines.add("lambda.requests", "Lambda requests (" + platform.variant + ")",
                      static_cast<double>(usage.functionInvocations) / 1e6, "million requests",
                      prices.perMillionRequests, allowance(lambda.includedRequestsPerMonth) / 1e6);
            const double billed = usage.functionBilledSeconds +
                                  (config.billInitDuration ? usage.functionInitSeconds : 0.0);
            lines.add("lambda.duration", "Lambda duration" + sizing, billed * memoryGb, "GB-s",
                      prices.perGbSecond, allowance(lambda.includedGbSecondsPerMonth));
            // Provisioned concurrency is an opt-in feature: its lines appear only when used.
            if (usage.provisionedInstanceSeconds > 0.0 || usage.provisionedBilledSeconds > 0.0) {
                lines.add("lambda.provisioned", "Lambda provisioned concurrency" + sizing,
                          usage.provisionedInstanceSeconds * memoryGb, "GB-s",
                          prices.provisionedPerGbSecond);
                lines.add("lambda.provisionedDuration",
                          "Lambda duration on provisioned concurrency" + sizing,
                          usage.provisionedBilledSeconds * memoryGb, "GB-s",
                          prices.provisionedDurationPerGbSecond);
            }
            break;
        }
        case PlatformKind::Workers: {
            const WorkersPricing& workers = *table.workers;
            if (config.standaloneAccount) {
                lines.add("workers.subscription", "Workers Paid plan", monthFraction, "month",
                          workers.monthlyFee);
            }
            lines.add("workers.requests", "Workers requests",
                      static_cast<double>(usage.functionInvocations) / 1e6, "million requests",
                      workers.perMillionRequests,
                      allowance(workers.includedRequestsPerMonth) / 1e6);
            // CPU time only: the time a Worker waits on a fetch or a KV read is not billed.
            lines.add("workers.cpu", "Workers CPU time", usage.functionCpuMs / 1e6,
                      "million CPU-ms", workers.perMillionCpuMs,
                      allowance(workers.includedCpuMsPerMonth) / 1e6);
            if (usage.provisionedInstanceSeconds > 0.0 || usage.provisionedBilledSeconds > 0.0) {
                note(
                    "provisioned instance usage is not priced: Workers has no provisioned "
                    "concurrency");
            }
            break;
        }
        case PlatformKind::Ec2: {
            const InstanceType& type = table.ec2->types.at(platform.variant);
            lines.add("servers.instances", "EC2 " + platform.variant + " instances",
                      usage.replicaSeconds / kSecondsPerHour, "instance-hour", type.hourly);
            break;
        }
        case PlatformKind::Fargate: {
            const FargateArchitecturePrices& prices =
                table.fargate->architectures.at(platform.variant);
            const double taskHours = usage.replicaSeconds / kSecondsPerHour;
            lines.add("servers.vcpu",
                      "Fargate vCPU (" + platform.variant + ", " +
                          formatNumber(config.fargateVcpu, kLabelDigits) + " vCPU per task)",
                      taskHours * config.fargateVcpu, "vCPU-hour", prices.perVcpuHour);
            lines.add("servers.memory",
                      "Fargate memory (" + platform.variant + ", " +
                          formatNumber(config.fargateMemoryGb, kLabelDigits) + " GB per task)",
                      taskHours * config.fargateMemoryGb, "GB-hour", prices.perGbHour);
            break;
        }
    }
    if (serverless && usage.replicaSeconds > 0.0) {
        note("replica-seconds (" + formatNumber(usage.replicaSeconds, kLabelDigits) +
             ") are not priced: platform " + config.platform + " has no server replicas");
    }
    const bool functionUsage = usage.functionInvocations > 0 || usage.functionBilledSeconds > 0.0 ||
                               usage.provisionedInstanceSeconds > 0.0;
    if (!serverless && functionUsage) {
        note("function usage is not priced: platform " + config.platform +
             " bills server replicas, not invocations");
    }

    if (config.gateway != "none") {
        lines.add("gateway.requests", "API Gateway requests (" + config.gateway + ")",
                  static_cast<double>(usage.gatewayRequests) / 1e6, "million requests",
                  table.apiGateway->apis.at(config.gateway).perMillionRequests);
    } else if (usage.gatewayRequests > 0) {
        note("gateway requests are not priced: the configuration has no gateway");
    }

    if (config.remoteCache == "workers-kv") {
        const WorkersKvPricing& kv = *table.workersKv;
        lines.add("cache.reads", "Workers KV reads",
                  static_cast<double>(usage.remoteCacheReads) / 1e6, "million reads",
                  kv.perMillionReads, allowance(kv.includedReadsPerMonth) / 1e6);
        lines.add("cache.writes", "Workers KV writes",
                  static_cast<double>(usage.remoteCacheWrites) / 1e6, "million writes",
                  kv.perMillionWrites, allowance(kv.includedWritesPerMonth) / 1e6);
    } else if (startsWith(config.remoteCache, "elasticache:")) {
        // Nodes are paid for by the hour whatever the traffic; operations are free.
        const std::string node = config.remoteCache.substr(12);
        lines.add("cache.nodes",
                  "ElastiCache " + node + " nodes (x" + std::to_string(config.cacheNodes) + ")",
                  config.cacheNodes * hours, "node-hour", table.elastiCache->types.at(node).hourly);
    } else if (usage.remoteCacheReads > 0 || usage.remoteCacheWrites > 0) {
        note("remote cache operations are not priced: the configuration has no remote cache");
    }

    if (startsWith(config.database, "rds:")) {
        const std::string instance = config.database.substr(4);
        lines.add("database.nodes",
                  "RDS " + instance + " instances (x" + std::to_string(config.databaseNodes) + ")",
                  config.databaseNodes * hours, "instance-hour",
                  table.rds->types.at(instance).hourly);
    }

    if (config.loadBalancer) {
        const LoadBalancerPricing& lb = *table.loadBalancer;
        lines.add("loadBalancer.hours", "Application Load Balancer", hours, "hour", lb.hourly);
        // LCU-hours = hours x max(new connections per s / capacity, GB per hour / capacity); the
        // hours cancel, leaving totals over the run. Averaging hides bursts, which AWS bills by
        // their hourly peak, so this is a lower estimate for spiky traffic.
        const double newConnections =
            static_cast<double>(usage.requests) / config.requestsPerConnection;
        const double byConnections = newConnections / (lb.lcuNewConnectionsPerS * kSecondsPerHour);
        const double byBytes = (usage.egressGb + usage.ingressGb) / lb.lcuProcessedGbPerHour;
        lines.add("loadBalancer.lcu", "Application Load Balancer capacity units",
                  std::max(byConnections, byBytes), "LCU-hour", lb.perLcuHour);
    }

    if (config.egress != "none") {
        const std::string provider =
            config.egress == "auto" ? egressProvider(platform.kind) : config.egress;
        const EgressPrices& prices = table.dataTransfer->providers.at(provider);
        lines.add("egress", "Data transfer out (" + provider + ")", usage.egressGb, "GB",
                  prices.perGb, allowance(prices.includedGbPerMonth));
    } else if (usage.egressGb > 0.0) {
        note("data transfer out is not priced: egress is \"none\"");
    }

    if (config.objectStorage == "s3") {
        const ObjectStoragePricing& s3 = *table.s3;
        lines.add("storage.puts", "S3 PUT requests", static_cast<double>(usage.storagePuts) / 1e3,
                  "thousand requests", s3.perThousandPuts);
        lines.add("storage.gets", "S3 GET requests", static_cast<double>(usage.storageGets) / 1e3,
                  "thousand requests", s3.perThousandGets);
        // GB-months of the objects uploaded in the period, over their whole retention: scaled to
        // a month, the storage a steady upload rate keeps.
        lines.add("storage.stored", "S3 Standard storage", usage.storageGbMonths, "GB-month",
                  s3.perGbMonth);
        lines.add("storage.transferOut", "S3 data transfer out", usage.storageEgressGb, "GB",
                  s3.transferOutPerGb);
    } else if (usage.storagePuts > 0 || usage.storageGets > 0) {
        note("object storage is not priced: objectStorage is \"none\"");
    }

    for (const CostLine& line : breakdown.lines) breakdown.total += line.cost;
    if (usage.requests > 0) {
        breakdown.costPerMillionRequests =
            breakdown.total / static_cast<double>(usage.requests) * 1e6;
    }
    breakdown.monthlyCost = breakdown.total * (kSecondsPerMonth / seconds);
    return breakdown;
}

// ---- helpers ----------------------------------------------------------------------------------

double billedSeconds(Time duration, Time granularity) {
    if (duration <= 0) return 0.0;
    if (granularity <= 1) return toSeconds(duration);
    const Time units = duration / granularity + (duration % granularity != 0 ? 1 : 0);
    return toSeconds(units * granularity);
}

void StepIntegral::set(Time at, double level) {
    if (at > m_lastChange) {
        m_area += m_level * toSeconds(at - m_lastChange);
        m_lastChange = at;
    }
    m_level = level;
}

double StepIntegral::integralSeconds(Time until) const {
    if (until <= m_lastChange) return m_area;
    return m_area + m_level * toSeconds(until - m_lastChange);
}

namespace {

/// Sorted by rate, first point kept where a rate repeats.
std::vector<CostPoint> preparedCurve(const std::vector<CostPoint>& points) {
    std::vector<CostPoint> curve = points;
    std::stable_sort(curve.begin(), curve.end(), [](const CostPoint& a, const CostPoint& b) {
        return a.ratePerS < b.ratePerS;
    });
    const auto last = std::unique(curve.begin(), curve.end(), [](const auto& a, const auto& b) {
        return a.ratePerS == b.ratePerS;
    });
    curve.erase(last, curve.end());
    return curve;
}

/// The curve's value at `rate`, which lies within its range.
double valueAt(const std::vector<CostPoint>& curve, double rate) {
    const auto it = std::lower_bound(
        curve.begin(), curve.end(), rate,
        [](const CostPoint& point, double value) { return point.ratePerS < value; });
    if (it == curve.end()) return curve.back().monthlyCost;
    if (it->ratePerS == rate || it == curve.begin()) return it->monthlyCost;
    const CostPoint& below = *(it - 1);
    const double t = (rate - below.ratePerS) / (it->ratePerS - below.ratePerS);
    return below.monthlyCost + t * (it->monthlyCost - below.monthlyCost);
}

}  // namespace

std::optional<Crossover> findCrossover(const std::vector<CostPoint>& first,
                                       const std::vector<CostPoint>& second) {
    const auto finite = [](const CostPoint& p) {
        return std::isfinite(p.ratePerS) && std::isfinite(p.monthlyCost);
    };
    if (!std::all_of(first.begin(), first.end(), finite) ||
        !std::all_of(second.begin(), second.end(), finite)) {
        return std::nullopt;
    }
    const std::vector<CostPoint> a = preparedCurve(first);
    const std::vector<CostPoint> b = preparedCurve(second);
    if (a.empty() || b.empty()) return std::nullopt;
    const double low = std::max(a.front().ratePerS, b.front().ratePerS);
    const double high = std::min(a.back().ratePerS, b.back().ratePerS);

    std::vector<double> rates;
    for (const auto* curve : {&a, &b}) {
        for (const CostPoint& point : *curve) {
            if (point.ratePerS >= low && point.ratePerS <= high) rates.push_back(point.ratePerS);
        }
    }
    std::sort(rates.begin(), rates.end());
    rates.erase(std::unique(rates.begin(), rates.end()), rates.end());
    if (rates.size() < 2) return std::nullopt;

    std::vector<double> costA, difference;
    for (double rate : rates) {
        costA.push_back(valueAt(a, rate));
        difference.push_back(costA.back() - valueAt(b, rate));
    }

    std::optional<std::size_t> lastNonZero;
    for (std::size_t i = 0; i < rates.size(); ++i) {
        if (difference[i] == 0.0) continue;
        if (lastNonZero && (difference[i] < 0.0) != (difference[*lastNonZero] < 0.0)) {
            const std::size_t p = *lastNonZero;
            Crossover crossover;
            crossover.firstCheaperBelow = difference[p] < 0.0;
            if (i == p + 1) {
                const double t = difference[p] / (difference[p] - difference[i]);
                crossover.ratePerS = rates[p] + t * (rates[i] - rates[p]);
                crossover.monthlyCost = costA[p] + t * (costA[i] - costA[p]);
            } else {
                crossover.ratePerS = rates[p + 1];  // equal there, opposite signs on either side
                crossover.monthlyCost = costA[p + 1];
            }
            return crossover;
        }
        lastNonZero = i;
    }
    return std::nullopt;
}

}  // namespace archsim
