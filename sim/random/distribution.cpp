// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/random/distribution.h"

// Two halves: the families (sampling with Boost.Random, analytics with Boost.Math), then the JSON
// reader that validates user input and builds them.
//
// Sampling and shared objects: several Boost.Random distributions (normal, lognormal, gamma) have a
// non-const operator() although they keep no state between draws. sample() is const and a
// distribution may be shared by streams on different threads, so those are copied onto the stack
// for each draw (a few doubles) rather than held mutable.
//
// Boost.Math is used with a policy that returns NaN or infinity instead of throwing: a simulation
// must never die in a tail computation, and the public interface already has a way to say "no
// answer" (nullopt), which every analytic accessor returns for a non-finite result.

#include <algorithm>
#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/pareto.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <cmath>
#include <limits>
#include <string_view>

#include "sim/scenario/jsonreader.h"

namespace archsim {

namespace {

using nlohmann::json;
namespace bmp = boost::math::policies;

using MathPolicy =
    bmp::policy<bmp::domain_error<bmp::ignore_error>, bmp::pole_error<bmp::ignore_error>,
                bmp::overflow_error<bmp::ignore_error>, bmp::underflow_error<bmp::ignore_error>,
                bmp::denorm_error<bmp::ignore_error>, bmp::evaluation_error<bmp::ignore_error>,
                bmp::rounding_error<bmp::ignore_error>,
                bmp::indeterminate_result_error<bmp::ignore_error>>;

using MathNormal = boost::math::normal_distribution<double, MathPolicy>;

// ----------------------------------------------------------------------------------------------
// Small helpers
// ----------------------------------------------------------------------------------------------

std::optional<double> finite(double value) {
    return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

bool isOpenProbability(double p) {
    return p > 0.0 && p < 1.0;
}

/// Six significant digits: for descriptions, which are read at a glance.
std::string formatShort(double value) {
    return formatNumber(value, 6);
}

/// The 0.99 quantile of the standard normal: how many sigmas p99 lies above the median.
double z99() {
    static const double z = boost::math::quantile(MathNormal(0.0, 1.0), 0.99);
    return z;
}

// ----------------------------------------------------------------------------------------------
// Families
// ----------------------------------------------------------------------------------------------

class Constant final : public Distribution {
public:
    explicit Constant(double value) : m_value(value) {}

    double sample(RandomEngine&) const override { return m_value; }
    std::optional<double> mean() const override { return m_value; }
    std::optional<double> variance() const override { return 0.0; }
    std::optional<double> cdf(double x) const override {
        if (std::isnan(x)) return std::nullopt;
        return x < m_value ? 0.0 : 1.0;
    }
    std::optional<double> quantile(double p) const override {
        if (!isOpenProbability(p)) return std::nullopt;
        return m_value;
    }
    json toJson() const override { return {{"type", "constant"}, {"value", m_value}}; }
    std::string describe() const override { return "constant(" + formatShort(m_value) + ")"; }

private:
    double m_value;
};

class Uniform final : public Distribution {
public:
    // Boost requires min < max for both the sampler (it asserts, and min == max would never leave
    // its rejection loop) and the analytic distribution, so a degenerate range is answered as the
    // constant it is, and the Boost objects get a placeholder range they are never asked about.
    Uniform(double min, double max)
        : m_min(min),
          m_max(max),
          m_sampler(min, min < max ? max : min + 1.0),
          m_math(min, min < max ? max : min + 1.0) {}

    double sample(RandomEngine& engine) const override {
        return m_min < m_max ? m_sampler(engine) : m_min;
    }
    std::optional<double> mean() const override { return m_min + (m_max - m_min) / 2.0; }
    std::optional<double> variance() const override {
        return (m_max - m_min) * (m_max - m_min) / 12.0;
    }
    std::optional<double> cdf(double x) const override {
        if (std::isnan(x)) return std::nullopt;
        if (x < m_min) return 0.0;
        if (x >= m_max) return 1.0;
        return boost::math::cdf(m_math, x);
    }
    std::optional<double> quantile(double p) const override {
        if (!isOpenProbability(p)) return std::nullopt;
        if (m_min == m_max) return m_min;
        return finite(boost::math::quantile(m_math, p));
    }
    json toJson() const override { return {{"type", "uniform"}, {"min", m_min}, {"max", m_max}}; }
    std::string describe() const override {
        return "uniform(" + formatShort(m_min) + " to " + formatShort(m_max) + ")";
    }

private:
    double m_min;
    double m_max;
    boost::random::uniform_real_distribution<double> m_sampler;
    boost::math::uniform_distribution<double, MathPolicy> m_math;
};

/// The analytic side of a family that Boost.Math knows, supported on (lowerBound, infinity): the
/// CDF and quantile are the same two calls for every such family, so they live here once.
template <class MathDistribution>
class MathBacked : public Distribution {
public:
    std::optional<double> cdf(double x) const override {
        if (std::isnan(x)) return std::nullopt;
        return x <= m_lowerBound ? 0.0 : boost::math::cdf(m_math, x);
    }
    std::optional<double> quantile(double p) const override {
        if (!isOpenProbability(p)) return std::nullopt;
        return finite(boost::math::quantile(m_math, p));
    }

protected:
    explicit MathBacked(MathDistribution math, double lowerBound = 0.0)
        : m_math(math), m_lowerBound(lowerBound) {}

    MathDistribution m_math;
    double m_lowerBound;
};

class Exponential final : public MathBacked<boost::math::exponential_distribution<double, MathPolicy>> {
public:
    explicit Exponential(double mean) : MathBacked(boost::math::exponential_distribution<double, MathPolicy>(1.0 / mean)),
          m_mean(mean),
          m_sampler(1.0 / mean) {}

    double sample(RandomEngine& engine) const override { return m_sampler(engine); }
    std::optional<double> mean() const override { return m_mean; }
    std::optional<double> variance() const override { return m_mean * m_mean; }
    json toJson() const override { return {{"type", "exponential"}, {"mean", m_mean}}; }
    std::string describe() const override {
        return "exponential(mean " + formatShort(m_mean) + ")";
    }

private:
    double m_mean;
    boost::random::exponential_distribution<double> m_sampler;
};

/// normal(mean, stddev) conditioned on X >= 0. With mean >= 0 at least half of the untruncated
/// mass lies at or above 0, so rejection sampling needs fewer than two draws on average.
class TruncatedNormal final : public Distribution {
public:
    TruncatedNormal(double mean, double stddev)
        : m_mean(mean),
          m_stddev(stddev),
          m_alpha(-mean / stddev),
          m_massBelowZero(boost::math::cdf(standard(), m_alpha)),
          m_keptMass(boost::math::cdf(boost::math::complement(standard(), m_alpha))) {}

    double sample(RandomEngine& engine) const override {
        boost::random::normal_distribution<double> normal(m_mean, m_stddev);
        for (;;) {
            const double x = normal(engine);
            if (x >= 0.0) return x;
        }
    }
    std::optional<double> mean() const override {
        return finite(m_mean + m_stddev * boost::math::pdf(standard(), m_alpha) / m_keptMass);
    }
    /// Normal truncated below at alpha (standard units): sigma^2 (1 + alpha l - l^2) with
    /// l = phi(alpha) / (1 - Phi(alpha)), the inverse Mills ratio.
    std::optional<double> variance() const override {
        const double l = boost::math::pdf(standard(), m_alpha) / m_keptMass;
        return finite(m_stddev * m_stddev * (1.0 + m_alpha * l - l * l));
    }
    std::optional<double> cdf(double x) const override {
        if (std::isnan(x)) return std::nullopt;
        if (x <= 0.0) return 0.0;
        const double z = (x - m_mean) / m_stddev;
        // Above the mode work with the upper tail, which keeps its relative precision near 1.
        if (z > 0.0) {
            return 1.0 - boost::math::cdf(boost::math::complement(standard(), z)) / m_keptMass;
        }
        return (boost::math::cdf(standard(), z) - m_massBelowZero) / m_keptMass;
    }
    std::optional<double> quantile(double p) const override {
        if (!isOpenProbability(p)) return std::nullopt;
        const double below = m_massBelowZero + p * m_keptMass;  // untruncated CDF at the answer
        const double z = below <= 0.5 ? boost::math::quantile(standard(), below)
                                      : boost::math::quantile(boost::math::complement(
                                            standard(), (1.0 - p) * m_keptMass));
        return finite(std::max(0.0, m_mean + m_stddev * z));
    }
    json toJson() const override {
        return {{"type", "normal"}, {"mean", m_mean}, {"stddev", m_stddev}};
    }
    std::string describe() const override {
        return "normal(mean " + formatShort(m_mean) + ", stddev " + formatShort(m_stddev) + ")";
    }

private:
    static MathNormal standard() { return MathNormal(0.0, 1.0); }

    double m_mean;
    double m_stddev;
    double m_alpha;          ///< the truncation point 0 in standard units
    double m_massBelowZero;  ///< untruncated P(X < 0)
    double m_keptMass;       ///< untruncated P(X >= 0), >= 0.5
};

class Lognormal final : public MathBacked<boost::math::lognormal_distribution<double, MathPolicy>> {
public:
    Lognormal(double mu, double sigma)
        : MathBacked(boost::math::lognormal_distribution<double, MathPolicy>(mu, sigma)),
          m_mu(mu),
          m_sigma(sigma) {}
    /// The percentile form remembers the user's numbers, so toJson() writes back what they typed.
    static std::shared_ptr<Lognormal> fromMedianP99(double median, double p99) {
        auto distribution =
            std::make_shared<Lognormal>(std::log(median), std::log(p99 / median) / z99());
        distribution->m_percentiles = {median, p99};
        return distribution;
    }

    double sample(RandomEngine& engine) const override {
        boost::random::lognormal_distribution<double> lognormal(m_mu, m_sigma);
        return lognormal(engine);
    }
    std::optional<double> mean() const override { return finite(boost::math::mean(m_math)); }
    std::optional<double> variance() const override {
        return finite(boost::math::variance(m_math));
    }
    json toJson() const override {
        if (m_percentiles) {
            return {{"type", "lognormal"},
                    {"median", m_percentiles->first},
                    {"p99", m_percentiles->second}};
        }
        return {{"type", "lognormal"}, {"mu", m_mu}, {"sigma", m_sigma}};
    }
    std::string describe() const override {
        if (m_percentiles) {
            return "lognormal(median " + formatShort(m_percentiles->first) + ", p99 " +
                   formatShort(m_percentiles->second) + ")";
        }
        return "lognormal(mu " + formatShort(m_mu) + ", sigma " + formatShort(m_sigma) + ")";
    }

private:
    double m_mu;
    double m_sigma;
    std::optional<std::pair<double, double>> m_percentiles;  ///< (median, p99) if given so
};

class Gamma final : public MathBacked<boost::math::gamma_distribution<double, MathPolicy>> {
public:
    Gamma(double shape, double scale)
        : MathBacked(boost::math::gamma_distribution<double, MathPolicy>(shape, scale)),
          m_shape(shape),
          m_scale(scale),
          m_sampler(shape, scale) {}

    double sample(RandomEngine& engine) const override {
        auto sampler = m_sampler;  // see the note at the top of the file
        return sampler(engine);
    }
    std::optional<double> mean() const override { return finite(m_shape * m_scale); }
    std::optional<double> variance() const override { return finite(m_shape * m_scale * m_scale); }
    json toJson() const override {
        return {{"type", "gamma"}, {"shape", m_shape}, {"scale", m_scale}};
    }
    std::string describe() const override {
        return "gamma(shape " + formatShort(m_shape) + ", scale " + formatShort(m_scale) + ")";
    }

private:
    double m_shape;
    double m_scale;
    boost::random::gamma_distribution<double> m_sampler;
};

class Weibull final : public MathBacked<boost::math::weibull_distribution<double, MathPolicy>> {
public:
    Weibull(double shape, double scale)
        : MathBacked(boost::math::weibull_distribution<double, MathPolicy>(shape, scale)),
          m_shape(shape),
          m_scale(scale),
          m_sampler(shape, scale) {}

    double sample(RandomEngine& engine) const override { return m_sampler(engine); }
    std::optional<double> mean() const override { return finite(boost::math::mean(m_math)); }
    std::optional<double> variance() const override {
        return finite(boost::math::variance(m_math));
    }
    json toJson() const override {
        return {{"type", "weibull"}, {"shape", m_shape}, {"scale", m_scale}};
    }
    std::string describe() const override {
        return "weibull(shape " + formatShort(m_shape) + ", scale " + formatShort(m_scale) + ")";
    }

private:
    double m_shape;
    double m_scale;
    boost::random::weibull_distribution<double> m_sampler;
};

class Pareto final : public MathBacked<boost::math::pareto_distribution<double, MathPolicy>> {
public:
    Pareto(double shape, double scale)
        : MathBacked(boost::math::pareto_distribution<double, MathPolicy>(scale, shape), scale),
          m_shape(shape),
          m_scale(scale) {}

    // Boost.Random has no Pareto; if E ~ exponential(1) then scale * exp(E / shape) is Pareto,
    // since P(X > x) = P(E > shape ln(x / scale)) = (scale / x)^shape.
    double sample(RandomEngine& engine) const override {
        const boost::random::exponential_distribution<double> unitExponential(1.0);
        return m_scale * std::exp(unitExponential(engine) / m_shape);
    }
    std::optional<double> mean() const override {
        if (m_shape <= 1.0) return std::nullopt;  // the integral diverges
        return finite(m_shape * m_scale / (m_shape - 1.0));
    }
    std::optional<double> variance() const override {
        if (m_shape <= 2.0) return std::nullopt;  // the second moment diverges
        const double s = m_shape;
        return finite(m_scale * m_scale * s / ((s - 1.0) * (s - 1.0) * (s - 2.0)));
    }
    json toJson() const override {
        return {{"type", "pareto"}, {"shape", m_shape}, {"scale", m_scale}};
    }
    std::string describe() const override {
        return "pareto(shape " + formatShort(m_shape) + ", scale " + formatShort(m_scale) + ")";
    }

private:
    double m_shape;
    double m_scale;
};

/// A piecewise-linear quantile function through percentile points (p_i, x_i), p_0 = 0, p_k = 1.
/// Sampling inverts it with a binary search over the points: O(log k), and k is a handful of
/// percentiles (or, for the samples form, the sample count, where log k is still ~20 at most).
class Empirical final : public Distribution {
public:
    struct Point {
        double p;
        double x;
    };

    explicit Empirical(std::vector<Point> points) : m_points(std::move(points)) {}
    /// The samples form: the sorted values at evenly spaced percentiles i / (n - 1). The user's
    /// values are kept in their order for toJson().
    static std::shared_ptr<Empirical> fromSamples(std::vector<double> samples) {
        std::vector<double> sorted = samples;
        std::sort(sorted.begin(), sorted.end());
        std::vector<Point> points;
        points.reserve(sorted.size());
        const double last = static_cast<double>(sorted.size() - 1);
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            points.push_back({static_cast<double>(i) / last, sorted[i]});
        }
        auto distribution = std::make_shared<Empirical>(std::move(points));
        distribution->m_samples = std::move(samples);
        return distribution;
    }

    double sample(RandomEngine& engine) const override {
        boost::random::uniform_01<double> unit;
        return quantileAt(unit(engine));
    }
    std::optional<double> mean() const override {
        // The quantile function is linear on each segment, so its integral over p is exact.
        double sum = 0.0;
        for (std::size_t i = 1; i < m_points.size(); ++i) {
            const Point& a = m_points[i - 1];
            const Point& b = m_points[i];
            sum += (b.p - a.p) * (a.x + b.x) / 2.0;
        }
        return sum;
    }
    /// E[X^2] is exact too: the integral of a linear function squared over each segment.
    std::optional<double> variance() const override {
        double second = 0.0;
        for (std::size_t i = 1; i < m_points.size(); ++i) {
            const Point& a = m_points[i - 1];
            const Point& b = m_points[i];
            second += (b.p - a.p) * (a.x * a.x + a.x * b.x + b.x * b.x) / 3.0;
        }
        const double m = *mean();
        return std::max(0.0, second - m * m);
    }
    std::optional<double> cdf(double x) const override {
        if (std::isnan(x)) return std::nullopt;
        if (x < m_points.front().x) return 0.0;
        if (x >= m_points.back().x) return 1.0;
        // The first point strictly above x; its predecessor is at or below x, so the segment
        // between them has a positive width (flat segments are atoms, jumped over whole).
        const auto above =
            std::upper_bound(m_points.begin(), m_points.end(), x,
                             [](double value, const Point& point) { return value < point.x; });
        const Point& b = *above;
        const Point& a = *(above - 1);
        return a.p + (b.p - a.p) * (x - a.x) / (b.x - a.x);
    }
    std::optional<double> quantile(double p) const override {
        if (!isOpenProbability(p)) return std::nullopt;
        return quantileAt(p);
    }
    json toJson() const override {
        if (m_samples) return {{"type", "empirical"}, {"samples", *m_samples}};
        json points = json::array();
        for (const Point& point : m_points) points.push_back(json::array({point.p, point.x}));
        return {{"type", "empirical"}, {"points", std::move(points)}};
    }
    std::string describe() const override {
        const std::string size = m_samples ? std::to_string(m_samples->size()) + " samples"
                                           : std::to_string(m_points.size()) + " points";
        return "empirical(" + size + ", median " + formatShort(quantileAt(0.5)) + ")";
    }

private:
    /// The quantile function at u in [0, 1].
    double quantileAt(double u) const {
        auto above =
            std::upper_bound(m_points.begin(), m_points.end(), u,
                             [](double value, const Point& point) { return value < point.p; });
        if (above == m_points.end()) return m_points.back().x;  // u == 1
        const Point& b = *above;
        const Point& a = *(above - 1);  // exists: p_0 = 0 <= u
        return a.x + (b.x - a.x) * (u - a.p) / (b.p - a.p);
    }

    std::vector<Point> m_points;
    std::optional<std::vector<double>> m_samples;  ///< the user's values, if given as samples
};

class Mixture final : public Distribution {
public:
    explicit Mixture(std::vector<MixtureComponent> components)
        : m_components(std::move(components)) {
        std::vector<double> weights;
        double total = 0.0;
        for (const auto& component : m_components) {
            weights.push_back(component.weight);
            total += component.weight;
        }
        for (const double weight : weights) m_shares.push_back(weight / total);
        // Walker's alias method: picking the component is O(1) whatever their number.
        m_chooser = boost::random::discrete_distribution<std::size_t, double>(weights.begin(),
                                                                              weights.end());
    }

    double sample(RandomEngine& engine) const override {
        return m_components[m_chooser(engine)].distribution->sample(engine);
    }
    std::optional<double> mean() const override {
        double sum = 0.0;
        for (std::size_t i = 0; i < m_components.size(); ++i) {
            const auto componentMean = m_components[i].distribution->mean();
            if (!componentMean) return std::nullopt;
            sum += m_shares[i] * *componentMean;
        }
        return sum;
    }
    /// The law of total variance: E[Var] + Var[E] over the components.
    std::optional<double> variance() const override {
        const auto total = mean();
        if (!total) return std::nullopt;
        double second = 0.0;
        for (std::size_t i = 0; i < m_components.size(); ++i) {
            const auto m = m_components[i].distribution->mean();
            const auto v = m_components[i].distribution->variance();
            if (!m || !v) return std::nullopt;
            second += m_shares[i] * (*v + *m * *m);
        }
        return std::max(0.0, second - *total * *total);
    }
    std::optional<double> cdf(double x) const override {
        double sum = 0.0;
        for (std::size_t i = 0; i < m_components.size(); ++i) {
            const auto componentCdf = m_components[i].distribution->cdf(x);
            if (!componentCdf) return std::nullopt;
            sum += m_shares[i] * *componentCdf;
        }
        return std::min(sum, 1.0);
    }
    /// Bisection on the CDF. The answer lies between the smallest and the largest component
    /// p-quantile: below the smallest every component CDF is < p, at the largest every one is
    /// >= p. Bisection (rather than Brent) because a mixture CDF may have jumps (constants).
    std::optional<double> quantile(double p) const override {
        if (!isOpenProbability(p)) return std::nullopt;
        double lo = std::numeric_limits<double>::infinity();
        double hi = -lo;
        for (const auto& component : m_components) {
            const auto q = component.distribution->quantile(p);
            if (!q) return std::nullopt;
            lo = std::min(lo, *q);
            hi = std::max(hi, *q);
        }
        // Invariant: cdf(x) < p for every x < lo, cdf(hi) >= p; so the answer is in [lo, hi].
        constexpr double kRelativeTolerance = 1e-12;
        constexpr double kAbsoluteFloor = 1e-300;  // lets a quantile of 0 terminate
        for (int step = 0; step < 2200; ++step) {
            if (hi - lo <= kRelativeTolerance * hi + kAbsoluteFloor) break;
            const double middle = lo + (hi - lo) / 2.0;
            const auto below = cdf(middle);
            if (!below) return std::nullopt;
            (*below >= p ? hi : lo) = middle;
        }
        return hi;
    }
    json toJson() const override {
        json components = json::array();
        for (const auto& component : m_components) {
            components.push_back(
                {{"weight", component.weight}, {"distribution", component.distribution->toJson()}});
        }
        return {{"type", "mixture"}, {"components", std::move(components)}};
    }
    std::string describe() const override {
        std::string text = "mixture(";
        for (std::size_t i = 0; i < m_components.size(); ++i) {
            if (i > 0) text += ", ";
            text += formatNumber(100.0 * m_shares[i], 3) + "% " +
                    m_components[i].distribution->describe();
        }
        return text + ")";
    }

private:
    std::vector<MixtureComponent> m_components;  ///< weights as given, for toJson()
    std::vector<double> m_shares;                ///< weights normalised to sum to 1
    boost::random::discrete_distribution<std::size_t, double> m_chooser;
};

class Shift final : public Distribution {
public:
    Shift(double offset, DistributionPtr inner) : m_offset(offset), m_inner(std::move(inner)) {}

    double sample(RandomEngine& engine) const override {
        return m_offset + m_inner->sample(engine);
    }
    std::optional<double> mean() const override {
        const auto innerMean = m_inner->mean();
        if (!innerMean) return std::nullopt;
        return m_offset + *innerMean;
    }
    std::optional<double> variance() const override { return m_inner->variance(); }
    std::optional<double> cdf(double x) const override { return m_inner->cdf(x - m_offset); }
    std::optional<double> quantile(double p) const override {
        const auto innerQuantile = m_inner->quantile(p);
        if (!innerQuantile) return std::nullopt;
        return m_offset + *innerQuantile;
    }
    json toJson() const override {
        return {{"type", "shift"}, {"offset", m_offset}, {"distribution", m_inner->toJson()}};
    }
    std::string describe() const override {
        return formatShort(m_offset) + " + " + m_inner->describe();
    }

private:
    double m_offset;
    DistributionPtr m_inner;
};

// ----------------------------------------------------------------------------------------------
// JSON reader
// ----------------------------------------------------------------------------------------------

// Ranges of the parameters. A value in the distribution's own unit (a latency in ms) is >= 0 and
// below a limit that also keeps every converted delay inside simulated time.
constexpr std::string_view kAbsurdValue = "a larger value is absurd for a latency in ms";
constexpr NumberRange kValue = NumberRange(0.0, kMaxDistributionValue).explainMax(kAbsurdValue);
constexpr NumberRange kPositiveValue =
    NumberRange(0.0, kMaxDistributionValue, true).explainMax(kAbsurdValue);
/// A shape parameter or a mixture weight.
constexpr NumberRange kPositive = NumberRange::positive();
/// A percentile of an empirical distribution, where 50 typed for the median is a likely mistake.
constexpr NumberRange kProbability =
    NumberRange(0.0, 1.0).explainMax("percentiles are fractions: 0.99 for p99");

class Reader {
public:
    using FamilyRead = DistributionPtr (Reader::*)(JsonObjectReader&, int depth);
    /// A family as the reader knows it: its type name, its fields, and the function reading it.
    struct Family {
        std::string_view name;
        std::vector<std::string_view> fields;  ///< besides "type"
        FamilyRead read;
    };
    /// Every family, in the order distributionTypes() lists them.
    static const std::vector<Family>& families();

    explicit Reader(ValidationReport& report) : m_report(report) {}

    DistributionPtr read(const json& value, const std::string& path, int depth);

private:
    static const Family* findFamily(std::string_view name);

    /// A nested distribution held in the field `key` of an object at `depth`.
    DistributionPtr child(JsonObjectReader& object, std::string_view key, int depth);

    DistributionPtr readConstant(JsonObjectReader& object, int depth);
    DistributionPtr readUniform(JsonObjectReader& object, int depth);
    DistributionPtr readExponential(JsonObjectReader& object, int depth);
    DistributionPtr readNormal(JsonObjectReader& object, int depth);
    DistributionPtr readLognormal(JsonObjectReader& object, int depth);
    DistributionPtr readGamma(JsonObjectReader& object, int depth);
    DistributionPtr readWeibull(JsonObjectReader& object, int depth);
    DistributionPtr readPareto(JsonObjectReader& object, int depth);
    DistributionPtr readEmpirical(JsonObjectReader& object, int depth);
    DistributionPtr readEmpiricalPoints(JsonObjectReader& object);
    DistributionPtr readEmpiricalSamples(JsonObjectReader& object);
    DistributionPtr readMixture(JsonObjectReader& object, int depth);
    DistributionPtr readShift(JsonObjectReader& object, int depth);

    ValidationReport& m_report;
};

const std::vector<Reader::Family>& Reader::families() {
    static const std::vector<Family> table = {
        {"constant", {"value"}, &Reader::readConstant},
        {"uniform", {"min", "max"}, &Reader::readUniform},
        {"exponential", {"mean"}, &Reader::readExponential},
        {"normal", {"mean", "stddev"}, &Reader::readNormal},
        {"lognormal", {"median", "p99", "mu", "sigma"}, &Reader::readLognormal},
        {"gamma", {"shape", "scale"}, &Reader::readGamma},
        {"weibull", {"shape", "scale"}, &Reader::readWeibull},
        {"pareto", {"shape", "scale"}, &Reader::readPareto},
        {"empirical", {"points", "samples"}, &Reader::readEmpirical},
        {"mixture", {"components"}, &Reader::readMixture},
        {"shift", {"offset", "distribution"}, &Reader::readShift},
    };
    return table;
}

const Reader::Family* Reader::findFamily(std::string_view name) {
    for (const Family& family : families()) {
        if (family.name == name) return &family;
    }
    return nullptr;
}

DistributionPtr Reader::read(const json& value, const std::string& path, int depth) {
    const std::size_t issuesBefore = m_report.issues().size();
    if (depth > kMaxDistributionNesting) {
        m_report.add(path, "distributions are nested more than " +
                               std::to_string(kMaxDistributionNesting) +
                               " levels deep (through mixtures and shifts); flatten them");
        return nullptr;
    }
    if (value.is_number()) {
        // A bare number is a constant: the short form for a fixed latency.
        const auto constant = readNumber(value, path, kValue, m_report);
        return constant ? makeConstant(*constant) : nullptr;
    }
    if (!value.is_object()) {
        m_report.add(path,
                     "a distribution must be a JSON object such as {\"type\": \"exponential\", "
                     "\"mean\": 30} or a number (a constant), got " +
                         describeJson(value));
        return nullptr;
    }
    JsonObjectReader object(value, path, m_report);
    // Without a valid type nobody knows which fields belong; the type is the mistake to fix.
    const auto type = object.choice("type", true, distributionTypes());
    const Family* family = type ? findFamily(*type) : nullptr;
    if (family == nullptr) return nullptr;
    // All of the family's fields are known, those of the form not used too (lognormal's mu and
    // sigma beside median and p99): a mix of forms is the family reader's to report.
    for (const std::string_view field : family->fields) object.allow(field);
    DistributionPtr distribution = (this->*family->read)(object, depth);
    object.reportUnknownFields();
    if (m_report.issues().size() != issuesBefore || !distribution) return nullptr;

    // Each parameter may be sane while their combination is not (a lognormal with sigma 20, a
    // Weibull with shape 0.01); the 99th percentile catches all of these in one place.
    const auto p99 = distribution->quantile(0.99);
    if (!p99) {
        m_report.add(path,
                     "its 99th percentile cannot be computed; the parameters are too "
                     "extreme (" +
                         distribution->describe() + ")");
        return nullptr;
    }
    if (!(*p99 <= kMaxDistributionValue)) {
        m_report.add(path, "its 99th percentile is " + formatShort(*p99) + ", above " +
                               formatNumber(kMaxDistributionValue) +
                               " (absurd for a latency in ms); check the parameters of " +
                               distribution->describe());
        return nullptr;
    }
    return distribution;
}

DistributionPtr Reader::child(JsonObjectReader& object, std::string_view key, int depth) {
    const json* value = object.value(key, true);
    if (value == nullptr) return nullptr;
    return read(*value, object.fieldPath(key), depth + 1);
}

DistributionPtr Reader::readConstant(JsonObjectReader& object, int) {
    const auto value = object.number("value", true, kValue);
    return value ? makeConstant(*value) : nullptr;
}

DistributionPtr Reader::readUniform(JsonObjectReader& object, int) {
    const auto min = object.number("min", true, kValue);
    const auto max = object.number("max", true, kValue);
    if (!min || !max) return nullptr;
    if (*min > *max) {
        object.fail("max",
                    "must be >= min (" + formatNumber(*min) + "), got " + formatNumber(*max));
        return nullptr;
    }
    return makeUniform(*min, *max);
}

DistributionPtr Reader::readExponential(JsonObjectReader& object, int) {
    const auto mean = object.number("mean", true, kPositiveValue);
    return mean ? makeExponential(*mean) : nullptr;
}

DistributionPtr Reader::readNormal(JsonObjectReader& object, int) {
    const auto mean = object.number(
        "mean", true,
        kValue.explainMin("the normal is truncated at 0; a negative mean would reject most draws"));
    const auto stddev = object.number("stddev", true, kPositiveValue);
    if (!mean || !stddev) return nullptr;
    return makeNormal(*mean, *stddev);
}

DistributionPtr Reader::readLognormal(JsonObjectReader& object, int) {
    const bool percentileForm = object.has("median") || object.has("p99");
    const bool parameterForm = object.has("mu") || object.has("sigma");
    if (percentileForm && parameterForm) {
        m_report.add(object.path(),
                     "lognormal takes either 'median' and 'p99' or 'mu' and 'sigma', not both; "
                     "remove one pair");
        return nullptr;
    }
    if (parameterForm) {
        const auto mu = object.number("mu", true);
        const auto sigma = object.number("sigma", true, kPositive);
        if (mu && *mu > std::log(kMaxDistributionValue)) {
            object.fail("mu", "must be <= ln(" + formatNumber(kMaxDistributionValue) +
                                  ") = " + formatShort(std::log(kMaxDistributionValue)) +
                                  " (the median e^mu would be absurd for a latency in ms), got " +
                                  formatNumber(*mu));
            return nullptr;
        }
        if (!mu || !sigma) return nullptr;
        return makeLognormal(*mu, *sigma);
    }
    if (!percentileForm) {
        m_report.add(object.path(),
                     "lognormal distribution is missing its parameters: give 'median' and 'p99' "
                     "(e.g. {\"median\": 12, \"p99\": 40}) or 'mu' and 'sigma'");
        return nullptr;
    }
    const auto median = object.number("median", true, kPositiveValue);
    const auto p99 = object.number("p99", true, kPositiveValue);
    if (!median || !p99) return nullptr;
    if (!(*p99 > *median)) {
        object.fail("p99",
                    "must be > median (" + formatNumber(*median) + "), got " + formatNumber(*p99));
        return nullptr;
    }
    return makeLognormalFromMedianP99(*median, *p99);
}

DistributionPtr Reader::readGamma(JsonObjectReader& object, int) {
    const auto shape = object.number("shape", true, kPositive);
    const auto scale = object.number("scale", true, kPositiveValue);
    if (!shape || !scale) return nullptr;
    return makeGamma(*shape, *scale);
}

DistributionPtr Reader::readWeibull(JsonObjectReader& object, int) {
    const auto shape = object.number("shape", true, kPositive);
    const auto scale = object.number("scale", true, kPositiveValue);
    if (!shape || !scale) return nullptr;
    return makeWeibull(*shape, *scale);
}

DistributionPtr Reader::readPareto(JsonObjectReader& object, int) {
    const auto shape = object.number("shape", true, kPositive);
    const auto scale = object.number("scale", true, kPositiveValue);
    if (!shape || !scale) return nullptr;
    return makePareto(*shape, *scale);
}

DistributionPtr Reader::readEmpirical(JsonObjectReader& object, int) {
    const bool hasPoints = object.has("points");
    const bool hasSamples = object.has("samples");
    if (hasPoints && hasSamples) {
        m_report.add(object.path(), "empirical takes either 'points' or 'samples', not both");
        return nullptr;
    }
    if (hasPoints) return readEmpiricalPoints(object);
    if (hasSamples) return readEmpiricalSamples(object);
    m_report.add(object.path(),
                 "empirical distribution is missing its data: give 'points' "
                 "([[percentile, value], ...] from [0, x] to [1, x]) or 'samples' ([value, ...])");
    return nullptr;
}

DistributionPtr Reader::readEmpiricalPoints(JsonObjectReader& object) {
    const std::string path = object.fieldPath("points");
    const json& points = *object.value("points", true);
    if (!points.is_array()) {
        m_report.add(path,
                     "must be an array of [percentile, value] pairs, got " + describeJson(points));
        return nullptr;
    }
    if (points.size() < 2) {
        m_report.add(path, "needs at least 2 points (one at percentile 0, one at 1), got " +
                               std::to_string(points.size()));
        return nullptr;
    }
    bool ok = true;
    std::vector<Empirical::Point> read;
    std::optional<Empirical::Point> previous;  // the last well-formed point, for order checks
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::string entryPath = indexPath(path, i);
        const json& entry = points[i];
        if (!entry.is_array() || entry.size() != 2) {
            m_report.add(entryPath,
                         "must be a [percentile, value] pair, got " + describeJson(entry));
            ok = false;
            previous.reset();
            continue;
        }
        const std::string pPath = indexPath(entryPath, 0);
        const std::string xPath = indexPath(entryPath, 1);
        const auto p = readNumber(entry[0], pPath, kProbability, m_report);
        const auto x = readNumber(entry[1], xPath, kValue, m_report);
        if (!p || !x) {
            ok = false;
            previous.reset();
            continue;
        }
        if (i == 0 && *p != 0.0) {
            m_report.add(pPath, "the first percentile must be exactly 0, got " + formatNumber(*p));
            ok = false;
        }
        if (i + 1 == points.size() && *p != 1.0) {
            m_report.add(pPath, "the last percentile must be exactly 1, got " + formatNumber(*p));
            ok = false;
        }
        if (previous && !(*p > previous->p)) {
            m_report.add(pPath, "must be greater than the previous percentile (" +
                                    formatNumber(previous->p) + "), got " + formatNumber(*p));
            ok = false;
        }
        if (previous && *x < previous->x) {
            m_report.add(xPath, "must be >= the previous value (" + formatNumber(previous->x) +
                                    "), got " + formatNumber(*x) +
                                    "; values must not decrease as percentiles grow");
            ok = false;
        }
        previous = Empirical::Point{*p, *x};
        read.push_back(*previous);
    }
    if (!ok) return nullptr;
    return std::make_shared<Empirical>(std::move(read));
}

DistributionPtr Reader::readEmpiricalSamples(JsonObjectReader& object) {
    const std::string path = object.fieldPath("samples");
    const json& samples = *object.value("samples", true);
    if (!samples.is_array()) {
        m_report.add(path, "must be an array of observed values, got " + describeJson(samples));
        return nullptr;
    }
    if (samples.size() < 2) {
        m_report.add(path, "needs at least 2 samples, got " + std::to_string(samples.size()));
        return nullptr;
    }
    bool ok = true;
    std::vector<double> values;
    values.reserve(samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const auto value = readNumber(samples[i], indexPath(path, i), kValue, m_report);
        if (value) {
            values.push_back(*value);
        } else {
            ok = false;
        }
    }
    if (!ok) return nullptr;
    return makeEmpiricalFromSamples(std::move(values));
}

DistributionPtr Reader::readMixture(JsonObjectReader& object, int depth) {
    const json* field = object.value("components", true);
    if (field == nullptr) return nullptr;
    const std::string path = object.fieldPath("components");
    if (!field->is_array()) {
        m_report.add(path, "must be an array of {\"weight\": w, \"distribution\": {...}}, got " +
                               describeJson(*field));
        return nullptr;
    }
    if (field->empty()) {
        m_report.add(path, "must have at least one component");
        return nullptr;
    }
    bool ok = true;
    std::vector<MixtureComponent> components;
    for (std::size_t i = 0; i < field->size(); ++i) {
        const std::string componentPath = indexPath(path, i);
        const json& entry = (*field)[i];
        if (!entry.is_object()) {
            m_report.add(componentPath,
                         "must be an object {\"weight\": w, \"distribution\": {...}}, got " +
                             describeJson(entry));
            ok = false;
            continue;
        }
        JsonObjectReader component(entry, componentPath, m_report);
        const auto weight = component.number("weight", true, kPositive);
        const DistributionPtr distribution = child(component, "distribution", depth);
        component.reportUnknownFields();
        if (!weight || !distribution) {
            ok = false;
            continue;
        }
        components.push_back({*weight, distribution});
    }
    if (!ok) return nullptr;
    double total = 0.0;
    for (const auto& component : components) total += component.weight;
    if (!std::isfinite(total)) {
        m_report.add(path, "the weights add up to infinity; use smaller relative weights");
        return nullptr;
    }
    return makeMixture(std::move(components));
}

DistributionPtr Reader::readShift(JsonObjectReader& object, int depth) {
    const auto offset = object.number("offset", true, kValue);
    const DistributionPtr inner = child(object, "distribution", depth);
    if (!offset || !inner) return nullptr;
    return makeShift(*offset, inner);
}

}  // namespace

const std::vector<std::string>& distributionTypes() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> list;
        for (const auto& family : Reader::families()) list.emplace_back(family.name);
        return list;
    }();
    return names;
}

DistributionPtr distributionFromJson(const nlohmann::json& json, const std::string& path,
                                     ValidationReport& report) {
    Reader reader(report);
    return reader.read(json, path, 1);
}

std::optional<double> squaredCoefficientOfVariation(const Distribution& distribution) {
    const auto m = distribution.mean();
    const auto v = distribution.variance();
    if (!m || !v || *m <= 0.0) return std::nullopt;
    return *v / (*m * *m);
}

DistributionPtr makeConstant(double value) {
    return std::make_shared<Constant>(value);
}

DistributionPtr makeExponential(double mean) {
    return std::make_shared<Exponential>(mean);
}

DistributionPtr makeLognormalFromMedianP99(double median, double p99) {
    return Lognormal::fromMedianP99(median, p99);
}

DistributionPtr makeUniform(double min, double max) {
    return std::make_shared<Uniform>(min, max);
}

DistributionPtr makeNormal(double mean, double stddev) {
    return std::make_shared<TruncatedNormal>(mean, stddev);
}

DistributionPtr makeLognormal(double mu, double sigma) {
    return std::make_shared<Lognormal>(mu, sigma);
}

DistributionPtr makeGamma(double shape, double scale) {
    return std::make_shared<Gamma>(shape, scale);
}

DistributionPtr makeWeibull(double shape, double scale) {
    return std::make_shared<Weibull>(shape, scale);
}

DistributionPtr makePareto(double shape, double scale) {
    return std::make_shared<Pareto>(shape, scale);
}

DistributionPtr makeEmpirical(std::vector<std::pair<double, double>> points) {
    std::vector<Empirical::Point> converted;
    converted.reserve(points.size());
    for (const auto& [p, x] : points) converted.push_back({p, x});
    return std::make_shared<Empirical>(std::move(converted));
}

DistributionPtr makeEmpiricalFromSamples(std::vector<double> samples) {
    return Empirical::fromSamples(std::move(samples));
}

DistributionPtr makeMixture(std::vector<MixtureComponent> components) {
    return std::make_shared<Mixture>(std::move(components));
}

DistributionPtr makeShift(double offset, DistributionPtr distribution) {
    return std::make_shared<Shift>(offset, std::move(distribution));
}

}  // namespace archsim
