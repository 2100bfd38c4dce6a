// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The cost model: what a simulated period would have cost, line by line.
//
// Three inputs, kept apart on purpose:
//  - UsageTotals: what a run measured, in platform-neutral quantities (busy seconds, CPU-ms,
//    replica-seconds, cache reads). The model fills it without knowing any price.
//  - CostConfig: how the scenario is deployed and billed (Lambda on arm at 128 MB, EC2 c7g.large
//    behind a load balancer, two cache nodes...). Fixed provisioned resources (load balancer, cache
//    and database nodes) are counted here and priced over the simulated period, because their bill
//    does not depend on what the run did.
//  - PricingTable: the list prices (sim/cost/pricing.h).
// So one run can be priced under several deployments, and a price edit never needs a re-run.
//
// Allowances: by default the cost is the marginal cost of the workload in an account that already
// pays its plan fees and has spent its free allowances on other things, which is what a comparison
// between architectures needs. CostConfig::standaloneAccount instead prices an account that runs
// only this workload: plan fees are charged and monthly included quantities are deducted, prorated
// to the simulated period so that the monthly extrapolation stays exact.

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/cost/pricing.h"
#include "sim/scenario/validation.h"

namespace archsim {

/// A 30-day month, the period monthly figures are scaled to.
inline constexpr double kSecondsPerMonth = 2'592'000.0;

/// What a run consumed. All quantities cover the same measured period, simulatedSeconds long.
struct UsageTotals {
    double simulatedSeconds = 0.0;  ///< length of the measured period; must be > 0
    std::uint64_t requests = 0;     ///< requests that arrived at the entry, served or not

    // Serverless compute.
    std::uint64_t functionInvocations = 0;  ///< billed invocations (throttled ones are not billed)
    /// Wall-clock duration of on-demand invocations (the instance is held while the handler waits
    /// on its calls), each rounded up to the billing granularity: see billedSeconds().
    double functionBilledSeconds = 0.0;
    double functionInitSeconds = 0.0;  ///< cold-start initialisation of on-demand instances
    double functionCpuMs = 0.0;        ///< CPU time the handlers actually used (what Workers bills)
    double provisionedInstanceSeconds = 0.0;  ///< provisioned (always-warm) instances x time
    double provisionedBilledSeconds = 0.0;    ///< durations of invocations on provisioned instances

    // Front door and remote state.
    std::uint64_t gatewayRequests = 0;  ///< requests the API gateway received
    std::uint64_t remoteCacheReads = 0;
    std::uint64_t remoteCacheWrites = 0;

    // Servers.
    /// Integral over time of the replicas alive, booting ones included (billing starts at launch),
    /// so autoscaling is priced exactly: see StepIntegral.
    double replicaSeconds = 0.0;

    // Network.
    double egressGb = 0.0;   ///< response bytes leaving the provider for the internet
    double ingressGb = 0.0;  ///< request bytes arriving: free, but a load balancer processes them

    // Object storage.
    std::uint64_t storagePuts = 0;  ///< PUT requests completed
    std::uint64_t storageGets = 0;  ///< GET requests completed
    /// GB-months the objects uploaded in the period are kept for (size x retention / 30 days).
    double storageGbMonths = 0.0;
    double storageEgressGb = 0.0;  ///< GETs by clients: bytes leaving the store for the internet

    bool operator==(const UsageTotals&) const = default;
};

/// How a scenario is deployed and billed. Choices are strings so that they read naturally in a
/// scenario file and new entries in a pricing table need no code; validateCostConfig checks them.
struct CostConfig {
    /// "lambda-<architecture>" (lambda-x86, lambda-arm), "workers", "ec2:<instance type>"
    /// (ec2:c7g.large) or "fargate-<architecture>" (fargate-x86, fargate-arm).
    std::string platform;
    double functionMemoryMb = 128.0;  ///< Lambda memory size, 128..10240 MB
    bool billInitDuration = true;     ///< Lambda bills cold-start INIT time (since 2025-08-01)
    double fargateVcpu = 0.25;        ///< per task; one of 0.25, 0.5, 1, 2, 4, 8, 16
    double fargateMemoryGb = 0.5;     ///< per task; within Fargate's range for fargateVcpu
    std::string gateway = "none";     ///< an API in the table's apiGateway section ("http", "rest")
    /// "none", "workers-kv" (priced per operation) or "elasticache:<node type>" (priced per node).
    std::string remoteCache = "none";
    int cacheNodes = 1;             ///< ElastiCache nodes, primaries and replicas together
    std::string database = "none";  ///< "none" or "rds:<instance type>"
    int databaseNodes = 1;
    bool loadBalancer = false;           ///< an Application Load Balancer in front of the servers
    double requestsPerConnection = 1.0;  ///< client keep-alive reuse; 1 = a new connection each
    /// "auto" (the platform's provider: aws, or cloudflare for workers), "none", or a provider in
    /// the table's dataTransfer section.
    std::string egress = "auto";
    /// "none" or "s3": how object stores' requests, stored GB-months and transfer out are priced.
    std::string objectStorage = "none";
    bool standaloneAccount = false;  ///< charge plan fees and deduct free allowances (see above)

    bool operator==(const CostConfig&) const = default;
};

/// One priced item. cost == max(0, quantity - includedQuantity) * unitPrice.
struct CostLine {
    std::string item;   ///< stable identifier, e.g. "lambda.duration"
    std::string label;  ///< for people, e.g. "Lambda duration (arm, 128 MB)"
    double quantity = 0.0;
    std::string unit;        ///< what quantity counts, e.g. "GB-s", "million requests", "hour"
    double unitPrice = 0.0;  ///< currency per unit, as in the pricing table
    double includedQuantity = 0.0;  ///< allowance deducted (standalone accounts only)
    double cost = 0.0;
};

struct CostBreakdown {
    std::string currency;
    double simulatedSeconds = 0.0;
    std::vector<CostLine> lines;
    double total = 0.0;  ///< for the simulated period
    /// total per million requests (UsageTotals::requests); nullopt when no request arrived.
    std::optional<double> costPerMillionRequests;
    double monthlyCost = 0.0;  ///< total scaled to kSecondsPerMonth at the simulated rate
    /// Usage the configuration does not price (e.g. replica-seconds on a Lambda platform), so a
    /// mismatch between the run and the configuration is visible rather than silently free.
    std::vector<std::string> notes;
};

/// Reports negative, non-finite or inconsistent usage (simulatedSeconds must be > 0).
void validateUsage(const UsageTotals& usage, ValidationReport& report,
                   const std::string& path = "usage");

/// Reports every choice the table cannot price, naming the field: "cost.platform: unknown EC2
/// instance type 'm9.huge'; the pricing table lists: c6g.large, ...". Fields the platform does not
/// use (fargateVcpu on Lambda) are not checked.
void validateCostConfig(const CostConfig& config, const PricingTable& table,
                        ValidationReport& report, const std::string& path = "cost");

/// Reads a cost configuration from a scenario's JSON. Only the shape is checked here (types,
/// unknown fields, "platform" present); the choices are checked by validateCostConfig, which needs
/// the pricing table. Returns nullopt if this call reported anything.
std::optional<CostConfig> costConfigFromJson(const nlohmann::json& json, ValidationReport& report,
                                             const std::string& path = "cost");
nlohmann::json toJson(const CostConfig& config);

/// Prices `usage`. Throws std::invalid_argument (with every issue) when validateUsage or
/// validateCostConfig would report anything: callers validate first and show the report.
CostBreakdown computeCost(const UsageTotals& usage, const CostConfig& config,
                          const PricingTable& table);

/// The choices the table supports, sorted, for editors: "lambda-arm", "ec2:c7g.large", ...
std::vector<std::string> platformChoices(const PricingTable& table);
std::vector<std::string> gatewayChoices(const PricingTable& table);      ///< includes "none"
std::vector<std::string> remoteCacheChoices(const PricingTable& table);  ///< includes "none"
std::vector<std::string> databaseChoices(const PricingTable& table);     ///< includes "none"

/// An invocation's duration rounded up to a whole number of billing units, in seconds (Lambda
/// bills per 1 ms). The model sums these into UsageTotals::functionBilledSeconds.
double billedSeconds(Time duration, Time granularity = kNanosPerMilli);

/// Integrates a piecewise-constant level over simulated time, e.g. replicas alive ->
/// replica-seconds. set() records a change; integralSeconds() is the area up to a time.
class StepIntegral {
public:
    explicit StepIntegral(Time start = 0, double level = 0.0)
        : m_lastChange(start), m_level(level) {}

    /// The level becomes `level` at `at`. A time before the previous change is treated as that
    /// change's time, so the area never goes backwards.
    void set(Time at, double level);
    double level() const { return m_level; }
    /// Area (level x seconds) from the start up to `until` (not before the last change).
    double integralSeconds(Time until) const;

private:
    Time m_lastChange;
    double m_level;
    double m_area = 0.0;  ///< level-seconds accumulated up to m_lastChange
};

/// Monthly cost of a scenario at one traffic level.
struct CostPoint {
    double ratePerS = 0.0;
    double monthlyCost = 0.0;
};

struct Crossover {
    double ratePerS = 0.0;           ///< traffic level where the two costs are equal
    double monthlyCost = 0.0;        ///< the common cost there
    bool firstCheaperBelow = false;  ///< true: `first` is cheaper at traffic below ratePerS
};

/// The lowest traffic level where the cheaper of two scenarios changes.
///
/// Each curve is taken as piecewise linear through its points (any order; a repeated rate keeps its
/// first point). Both are evaluated at every rate of either curve inside the range both cover, and
/// the difference first - second is scanned upwards for the first change of sign; the crossover is
/// then the linear interpolation between the two adjacent levels where the sign changes, which is
/// exact for the two piecewise-linear curves. Levels where the costs are exactly equal are skipped
/// over: if the sign differs on either side, the first equal level is the crossover; if the curves
/// only touch, or are equal everywhere, they do not cross. Returns nullopt when there is no change
/// of sign, fewer than two common levels, or any value is not finite.
std::optional<Crossover> findCrossover(const std::vector<CostPoint>& first,
                                       const std::vector<CostPoint>& second);

}  // namespace archsim
