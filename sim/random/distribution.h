// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Probability distributions for every latency (and every other random quantity) in a scenario.
//
// A Distribution is immutable and shared (std::shared_ptr<const Distribution>) between the scenario
// and the components that sample it. Distributions are unitless: the field that holds one says its
// unit (latencies are in milliseconds). Each family samples in O(1) from a RandomEngine the caller
// owns, so the same distribution object can serve many independent streams, and reports its analytic
// mean, CDF and quantiles where they exist (Boost.Math), so the UI can draw the theoretical curve
// next to the simulated one.

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/randomstreams.h"
#include "sim/scenario/validation.h"

namespace archsim {

class Distribution {
public:
    virtual ~Distribution() = default;

    /// Draws one value. Every family archsim offers for latencies returns a value >= 0.
    virtual double sample(RandomEngine& engine) const = 0;
    /// The analytic mean, or nullopt where it does not exist (Pareto with shape <= 1).
    virtual std::optional<double> mean() const = 0;
    /// The analytic variance, or nullopt where it does not exist (Pareto with shape <= 2) or has
    /// no closed form. Queueing formulas (Pollaczek-Khinchine, Allen-Cunneen) need it through the
    /// squared coefficient of variation of a service time.
    virtual std::optional<double> variance() const = 0;
    /// The analytic CDF at x, or nullopt where no closed form is available.
    virtual std::optional<double> cdf(double x) const = 0;
    /// The analytic p-quantile for 0 < p < 1, or nullopt where none is available.
    virtual std::optional<double> quantile(double p) const = 0;
    /// The canonical JSON form, which distributionFromJson() reads back to an equal distribution.
    virtual nlohmann::json toJson() const = 0;
    /// A short human-readable description, e.g. "lognormal(median 12, p99 40)".
    virtual std::string describe() const = 0;
};

using DistributionPtr = std::shared_ptr<const Distribution>;

/// Variance / mean^2 (the squared coefficient of variation): 1 for exponential, 0 for constant;
/// nullopt when either moment does not exist or the mean is 0.
std::optional<double> squaredCoefficientOfVariation(const Distribution& distribution);

/// The largest value a distribution parameter (and a distribution's 99th percentile) may take: for
/// a latency in ms, 1e12 ms is 31 years, far past anything meaningful, and still well inside the
/// int64-nanosecond range of simulated time (9.2e12 ms), so a converted delay never saturates.
inline constexpr double kMaxDistributionValue = 1e12;
/// How deeply mixtures and shifts may nest: far beyond any real need, low enough that a malformed
/// (or hostile) file cannot exhaust the stack.
inline constexpr int kMaxDistributionNesting = 8;

/// The names accepted in a distribution's "type" field, in the order the UI should offer them.
const std::vector<std::string>& distributionTypes();

/// Reads a distribution from its JSON form (see docs/scenario-format.md). Every problem is added to
/// `report` under `path`; returns nullptr if there was any.
DistributionPtr distributionFromJson(const nlohmann::json& json, const std::string& path,
                                     ValidationReport& report);

/// Convenience constructors (they assume valid parameters; user input goes through fromJson).
DistributionPtr makeConstant(double value);
DistributionPtr makeExponential(double mean);
DistributionPtr makeLognormalFromMedianP99(double median, double p99);
DistributionPtr makeUniform(double min, double max);
/// A normal(mean, stddev) truncated at 0; needs mean >= 0 and stddev > 0.
DistributionPtr makeNormal(double mean, double stddev);
/// mu and sigma are the mean and standard deviation of the underlying normal (of ln X).
DistributionPtr makeLognormal(double mu, double sigma);
DistributionPtr makeGamma(double shape, double scale);
DistributionPtr makeWeibull(double shape, double scale);
DistributionPtr makePareto(double shape, double scale);
/// Percentile points (p, x): p strictly increasing from 0 to 1, x non-decreasing.
DistributionPtr makeEmpirical(std::vector<std::pair<double, double>> points);
/// The empirical distribution of at least two observed values (in any order).
DistributionPtr makeEmpiricalFromSamples(std::vector<double> samples);

struct MixtureComponent {
    double weight;  ///< > 0; weights are normalised over the mixture
    DistributionPtr distribution;
};
DistributionPtr makeMixture(std::vector<MixtureComponent> components);
/// `distribution` plus a constant offset >= 0.
DistributionPtr makeShift(double offset, DistributionPtr distribution);

}  // namespace archsim
