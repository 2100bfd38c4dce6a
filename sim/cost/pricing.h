// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Pricing tables: the list prices the cost model multiplies usage by.
//
// Prices change and differ by region, so they are data, not code: a JSON file a user can read next
// to the provider's pricing page and edit (resources/pricing/default.json ships with the app; see
// docs/pricing.md). Each section records the page it was copied from and the date, because a cost
// estimate is only as current as its prices and the GUI shows that date next to every figure.
//
// Prices are stored in the unit the provider quotes ("per million requests", "per hour"), not
// normalised to per-second, so an edited value can be checked against the page at a glance.
//
// Every section is optional: a table may price only the platforms a user cares about. Whether a
// table can price a given scenario is checked by validateCostConfig (sim/cost/costmodel.h). Named
// entries (instance types, architectures) live in std::map so that every listing and every saved
// file is in a stable, sorted order.

#include <filesystem>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/validation.h"

namespace archsim {

/// The version of the pricing file format this code reads and writes.
inline constexpr int kPricingSchemaVersion = 1;

/// Where a section's prices come from.
struct PriceSource {
    std::string source;  ///< the provider's public pricing page, by name
    std::string date;    ///< YYYY-MM-DD on which the prices were current
    std::string region;  ///< optional, e.g. "us-east-1"; empty where prices are global
    std::string note;    ///< optional: tiers or allowances ignored, approximations made
    bool operator==(const PriceSource&) const = default;
};

/// AWS Lambda prices for one CPU architecture (first volume tier only).
struct LambdaArchitecturePrices {
    double perMillionRequests = 0.0;
    double perGbSecond = 0.0;                     ///< on-demand duration
    double provisionedPerGbSecond = 0.0;          ///< provisioned concurrency, while configured
    double provisionedDurationPerGbSecond = 0.0;  ///< duration on provisioned instances
    std::string note;
    bool operator==(const LambdaArchitecturePrices&) const = default;
};

struct LambdaPricing {
    PriceSource source;
    /// The account-wide free tier. Applied only when CostConfig::standaloneAccount is set, since a
    /// real account usually spends it on other functions.
    double includedRequestsPerMonth = 0.0;
    double includedGbSecondsPerMonth = 0.0;
    std::map<std::string, LambdaArchitecturePrices> architectures;  ///< "x86", "arm"
    bool operator==(const LambdaPricing&) const = default;
};

/// One API Gateway product ("http" or "rest").
struct ApiPrices {
    double perMillionRequests = 0.0;
    std::string note;
    bool operator==(const ApiPrices&) const = default;
};

struct ApiGatewayPricing {
    PriceSource source;
    std::map<std::string, ApiPrices> apis;
    bool operator==(const ApiGatewayPricing&) const = default;
};

/// Cloudflare Workers, Standard usage model: requests and CPU time, never wall-clock duration.
struct WorkersPricing {
    PriceSource source;
    double monthlyFee = 0.0;  ///< the Paid plan subscription; charged only for a standalone account
    double perMillionRequests = 0.0;
    double perMillionCpuMs = 0.0;
    double includedRequestsPerMonth = 0.0;
    double includedCpuMsPerMonth = 0.0;
    bool operator==(const WorkersPricing&) const = default;
};

struct WorkersKvPricing {
    PriceSource source;
    double perMillionReads = 0.0;
    double perMillionWrites = 0.0;
    double includedReadsPerMonth = 0.0;
    double includedWritesPerMonth = 0.0;
    bool operator==(const WorkersKvPricing&) const = default;
};

/// Object storage (S3 Standard): requests, storage and data transfer out to the internet.
/// Transfer in is free, as the providers list it.
struct ObjectStoragePricing {
    PriceSource source;
    double perThousandPuts = 0.0;  ///< PUT, COPY, POST, LIST requests
    double perThousandGets = 0.0;  ///< GET, SELECT and other requests
    double perGbMonth = 0.0;       ///< first storage tier
    double transferOutPerGb = 0.0; ///< to the internet, first tier
    bool operator==(const ObjectStoragePricing&) const = default;
};

/// An hourly-priced machine: an EC2 instance, an ElastiCache node or an RDS instance.
struct InstanceType {
    double hourly = 0.0;
    double vcpu = 0.0;
    double memoryGib = 0.0;
    std::string note;
    bool operator==(const InstanceType&) const = default;
};

/// A catalogue of hourly-priced machines (used for the ec2, elastiCache and rds sections).
struct InstancePricing {
    PriceSource source;
    std::map<std::string, InstanceType> types;  ///< "c7g.large" -> price and size
    bool operator==(const InstancePricing&) const = default;
};

/// AWS Fargate prices for one CPU architecture (Linux).
struct FargateArchitecturePrices {
    double perVcpuHour = 0.0;
    double perGbHour = 0.0;
    std::string note;
    bool operator==(const FargateArchitecturePrices&) const = default;
};

struct FargatePricing {
    PriceSource source;
    std::map<std::string, FargateArchitecturePrices> architectures;  ///< "x86", "arm"
    bool operator==(const FargatePricing&) const = default;
};

/// An Application Load Balancer: an hourly charge plus Load Balancer Capacity Units (LCU). An LCU
/// is the largest of several usage dimensions; the two the simulator can see are kept here.
struct LoadBalancerPricing {
    PriceSource source;
    double hourly = 0.0;
    double perLcuHour = 0.0;
    double lcuNewConnectionsPerS = 0.0;  ///< new connections per second one LCU covers
    double lcuProcessedGbPerHour = 0.0;  ///< processed bytes per hour one LCU covers
    bool operator==(const LoadBalancerPricing&) const = default;
};

/// Data transfer out to the internet for one provider ("aws", "cloudflare").
struct EgressPrices {
    double perGb = 0.0;
    double includedGbPerMonth = 0.0;
    std::string note;
    bool operator==(const EgressPrices&) const = default;
};

struct DataTransferPricing {
    PriceSource source;
    std::map<std::string, EgressPrices> providers;
    bool operator==(const DataTransferPricing&) const = default;
};

/// A whole pricing file.
struct PricingTable {
    std::string name;      ///< optional display name
    std::string source;    ///< where the prices come from overall (each section names its page)
    std::string date;      ///< YYYY-MM-DD: the date of the table as a whole
    std::string currency;  ///< ISO 4217 code, e.g. "USD"; every price in the file is in it
    std::string note;      ///< optional
    std::optional<LambdaPricing> lambda;
    std::optional<ApiGatewayPricing> apiGateway;
    std::optional<WorkersPricing> workers;
    std::optional<WorkersKvPricing> workersKv;
    std::optional<ObjectStoragePricing> s3;
    std::optional<InstancePricing> ec2;
    std::optional<FargatePricing> fargate;
    std::optional<LoadBalancerPricing> loadBalancer;
    std::optional<InstancePricing> elastiCache;
    std::optional<InstancePricing> rds;
    std::optional<DataTransferPricing> dataTransfer;
    bool operator==(const PricingTable&) const = default;
};

/// Reads a table from parsed JSON. Every problem goes to `report` with its JSON path (unknown
/// fields, wrong types, negative prices, bad dates, missing fields); the table is returned only
/// when this call found no problem.
std::optional<PricingTable> pricingFromJson(const nlohmann::json& json, ValidationReport& report);

/// Parses JSON text, then reads it as above; malformed JSON is reported with its line and column.
std::optional<PricingTable> parsePricing(std::string_view text, ValidationReport& report);

/// The table as JSON, fields in the documented order (so a saved file diffs well against the
/// shipped one). Whole numbers are written as integers.
nlohmann::ordered_json toJson(const PricingTable& table);

/// toJson() as text, indented by four spaces, with a final newline.
std::string toJsonText(const PricingTable& table);

struct PricingLoadResult {
    std::optional<PricingTable> table;  ///< present only when report.ok()
    ValidationReport report;
};

/// Loads a pricing file. A missing, unreadable or malformed file yields one issue whose message
/// names the file; problems inside a well-formed file carry their JSON paths.
PricingLoadResult loadPricingFile(const std::filesystem::path& path);

/// Writes toJsonText(table) to `path`. Returns false with `error` set (naming the file) on failure.
bool savePricingFile(const PricingTable& table, const std::filesystem::path& path,
                     std::string& error);

/// The pricing file shipped with archsim: <resourcesDir>/pricing/default.json.
std::filesystem::path defaultPricingFile(const std::filesystem::path& resourcesDir);

}  // namespace archsim
