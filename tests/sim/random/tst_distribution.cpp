// SPDX-License-Identifier: GPL-3.0-or-later
// Tests sim/random/distribution.h: every family's sampler against its own analytic mean and
// quantiles, the analytic functions against each other, JSON round trips, determinism, and the
// validation of bad input (every problem reported, each at the exact path of the value at fault).
//
// Statistical tolerances. Each run uses a fixed seed, so a test either always passes or always
// fails; the tolerances are set so that an unbiased sampler would fail for fewer than one seed in
// a million (5 standard errors, two-sided: p ~ 6e-7), while a wrong parameterisation (a rate for
// a mean, a variance for a standard deviation) misses by hundreds of standard errors.

#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/core/randomstreams.h"
#include "sim/random/distribution.h"

using archsim::DistributionPtr;
using archsim::ValidationReport;
using nlohmann::json;

namespace {

constexpr std::size_t kSampleCount = 200'000;
constexpr double kStandardErrors = 5.0;
const std::string kPath = "topology.stations[0].serviceMs";

/// Reads a distribution that must be valid; fails the calling test (via the null check there)
/// and prints the report if it is not.
DistributionPtr parseValid(const QByteArray& text) {
    ValidationReport report;
    DistributionPtr distribution =
        archsim::distributionFromJson(json::parse(text.toStdString()), kPath, report);
    if (!report.ok()) qWarning("unexpected validation issues:\n%s", report.toString().c_str());
    return distribution;
}

std::vector<double> draw(const archsim::Distribution& distribution, std::size_t count,
                         std::uint64_t seed = 20240601) {
    archsim::RandomEngine engine = archsim::makeStream(seed, 0, "tst_distribution", "samples");
    std::vector<double> samples(count);
    for (double& sample : samples) sample = distribution.sample(engine);
    return samples;
}

QByteArray describeIssues(const ValidationReport& report) {
    return QByteArray::fromStdString(report.toString());
}

}  // namespace

class TestDistribution : public QObject {
    Q_OBJECT

private slots:
    void testSampledMeanMatchesAnalytic_data() { addFamilies(); }
    void testSampledMeanMatchesAnalytic();
    void testSampledVarianceMatchesAnalytic_data() { addFamilies(); }
    void testSampledVarianceMatchesAnalytic();
    void testVarianceOfCompositeFamilies();
    void testSampledQuantilesMatchAnalytic_data() { addFamilies(); }
    void testSampledQuantilesMatchAnalytic();
    void testCdfInvertsQuantile_data() { addFamilies(); }
    void testCdfInvertsQuantile();
    void testJsonRoundTripIsExact_data() { addFamilies(); }
    void testJsonRoundTripIsExact();
    void testSameSeedGivesSameSamples_data() { addFamilies(); }
    void testSameSeedGivesSameSamples();

    void testBareNumberIsAConstant();
    void testIntegerAndFloatJsonAreEqual();
    void testLognormalPercentileFormHitsItsPercentiles();
    void testTruncatedNormalAnalytics();
    void testHeavyParetoHasNoMean();
    void testEmpiricalAnalyticsAreExact();
    void testEmpiricalSamplesFormKeepsTheUsersOrder();
    void testMixtureNormalisesWeights();
    void testMixtureQuantileHandlesAtoms();
    void testShiftAddsItsOffset();
    void testAnalyticsRejectOutOfRangeArguments();
    void testDescribe_data();
    void testDescribe();
    void testMakeHelpersMatchJson();
    void testDistributionTypesListsEveryFamily();

    void testInvalidInputIsReported_data();
    void testInvalidInputIsReported();
    void testEveryProblemIsReported();
    void testNonFiniteNumbersAreRejected();
    void testNestingDeeperThanLimitIsRejected();
    void testEarlierIssuesDoNotFailAValidRead();

private:
    /// Every family, in the canonical JSON form toJson() writes back. "continuous" says the CDF has
    /// no jumps, so cdf(quantile(p)) == p holds exactly rather than as cdf(quantile(p)) >= p.
    static void addFamilies();
};

void TestDistribution::addFamilies() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("continuous");

    QTest::newRow("constant") << QByteArray(R"({"type":"constant","value":7.5})") << false;
    QTest::newRow("uniform") << QByteArray(R"({"type":"uniform","min":2.0,"max":10.0})") << true;
    QTest::newRow("uniform degenerate")
        << QByteArray(R"({"type":"uniform","min":4.0,"max":4.0})") << false;
    QTest::newRow("exponential") << QByteArray(R"({"type":"exponential","mean":30.0})") << true;
    QTest::newRow("normal") << QByteArray(R"({"type":"normal","mean":10.0,"stddev":4.0})") << true;
    // mean 0 is the worst case of the rejection sampler: half the draws are rejected.
    QTest::newRow("normal at zero")
        << QByteArray(R"({"type":"normal","mean":0.0,"stddev":5.0})") << true;
    QTest::newRow("lognormal median p99")
        << QByteArray(R"({"type":"lognormal","median":12.0,"p99":40.0})") << true;
    QTest::newRow("lognormal mu sigma")
        << QByteArray(R"({"type":"lognormal","mu":2.0,"sigma":0.5})") << true;
    QTest::newRow("gamma") << QByteArray(R"({"type":"gamma","shape":2.5,"scale":4.0})") << true;
    // Boost samples shape < 1 with a different algorithm, so it gets its own row.
    QTest::newRow("gamma shape below one")
        << QByteArray(R"({"type":"gamma","shape":0.5,"scale":10.0})") << true;
    QTest::newRow("weibull") << QByteArray(R"({"type":"weibull","shape":1.5,"scale":20.0})")
                             << true;
    // Shape 3: the variance is finite, so the standard error of the sampled mean is meaningful.
    QTest::newRow("pareto") << QByteArray(R"({"type":"pareto","shape":3.0,"scale":5.0})") << true;
    QTest::newRow("empirical points")
        << QByteArray(R"({"type":"empirical","points":)"
                      R"([[0.0,1.0],[0.5,10.0],[0.9,30.0],[0.99,80.0],[1.0,120.0]]})")
        << true;
    QTest::newRow("empirical samples")
        << QByteArray(R"({"type":"empirical","samples":[5.0,1.0,9.0,3.0,7.0,2.0,8.0]})") << true;
    QTest::newRow("mixture")
        << QByteArray(
               R"({"type":"mixture","components":[)"
               R"({"weight":0.9,"distribution":{"type":"exponential","mean":5.0}},)"
               R"({"weight":0.1,"distribution":{"type":"lognormal","median":100.0,"p99":400.0}}]})")
        << true;
    QTest::newRow("mixture with an atom")
        << QByteArray(R"({"type":"mixture","components":[)"
                      R"({"weight":7.0,"distribution":{"type":"constant","value":2.0}},)"
                      R"({"weight":3.0,"distribution":{"type":"exponential","mean":10.0}}]})")
        << false;
    QTest::newRow("shift") << QByteArray(
                                  R"({"type":"shift","offset":50.0,)"
                                  R"("distribution":{"type":"gamma","shape":2.0,"scale":10.0}})")
                           << true;
    QTest::newRow("shift of a mixture")
        << QByteArray(
               R"({"type":"shift","offset":5.0,"distribution":{"type":"mixture","components":[)"
               R"({"weight":1.0,"distribution":{"type":"weibull","shape":2.0,"scale":3.0}},)"
               R"({"weight":1.0,"distribution":{"type":"uniform","min":10.0,"max":20.0}}]}})")
        << true;
}

void TestDistribution::testSampledVarianceMatchesAnalytic() {
    QFETCH(QByteArray, text);
    const DistributionPtr distribution = parseValid(text);
    QVERIFY(distribution);
    const std::optional<double> analytic = distribution->variance();
    if (!analytic) QSKIP("no finite variance");
    const std::vector<double> samples = draw(*distribution, kSampleCount, 20261201);
    const double n = static_cast<double>(samples.size());
    double sum = 0.0;
    for (const double x : samples) sum += x;
    const double m = sum / n;
    double m2 = 0.0, m4 = 0.0;
    for (const double x : samples) {
        const double d2 = (x - m) * (x - m);
        m2 += d2;
        m4 += d2 * d2;
    }
    const double variance = m2 / (n - 1.0);
    // The standard error of a sample variance: sqrt((mu4 - sigma^4) / n), from the sample moments.
    const double standardError = std::sqrt(std::max(0.0, m4 / n - variance * variance) / n);
    const double tolerance = kStandardErrors * standardError + 1e-9 * std::abs(*analytic);
    QVERIFY2(std::abs(variance - *analytic) <= tolerance,
             qPrintable(QString("sampled variance %1, analytic %2, tolerance %3")
                            .arg(variance, 0, 'g', 10)
                            .arg(*analytic, 0, 'g', 10)
                            .arg(tolerance)));
}

void TestDistribution::testVarianceOfCompositeFamilies() {
    // Hand-checked: exponential(mean 4) has variance 16, SCV 1; constant 0, SCV 0.
    QCOMPARE(*archsim::makeExponential(4)->variance(), 16.0);
    QCOMPARE(*archsim::squaredCoefficientOfVariation(*archsim::makeExponential(4)), 1.0);
    QCOMPARE(*archsim::squaredCoefficientOfVariation(*archsim::makeConstant(3)), 0.0);
    // uniform(0, 6): 36 / 12 = 3.
    QCOMPARE(*archsim::makeUniform(0, 6)->variance(), 3.0);
    // 50/50 mixture of constants 1 and 3: mean 2, variance 1.
    const auto mixture =
        archsim::makeMixture({{1, archsim::makeConstant(1)}, {1, archsim::makeConstant(3)}});
    QVERIFY(std::abs(*mixture->variance() - 1.0) < 1e-12);
    // A shift leaves the variance alone.
    QCOMPARE(*archsim::makeShift(5, archsim::makeUniform(0, 6))->variance(), 3.0);
    // Empirical through (0, 0) and (1, 6) is uniform(0, 6).
    QVERIFY(std::abs(*archsim::makeEmpirical({{0, 0}, {1, 6}})->variance() - 3.0) < 1e-12);
    // Pareto shape 2: infinite variance; shape 3 scale 1: 3 / (4 * 1) = 0.75.
    QVERIFY(!archsim::makePareto(2, 1)->variance());
    QVERIFY(std::abs(*archsim::makePareto(3, 1)->variance() - 0.75) < 1e-12);
    QVERIFY(!archsim::squaredCoefficientOfVariation(*archsim::makeConstant(0)));
}

void TestDistribution::testSampledMeanMatchesAnalytic() {
    QFETCH(QByteArray, text);
    const DistributionPtr distribution = parseValid(text);
    QVERIFY(distribution);
    const std::optional<double> analytic = distribution->mean();
    QVERIFY2(analytic, "every family in the table has a finite mean");

    const std::vector<double> samples = draw(*distribution, kSampleCount);
    double sum = 0.0;
    double smallest = std::numeric_limits<double>::infinity();
    for (const double x : samples) {
        sum += x;
        smallest = std::min(smallest, x);
    }
    const double n = static_cast<double>(samples.size());
    const double sampleMean = sum / n;
    double squares = 0.0;
    for (const double x : samples) squares += (x - sampleMean) * (x - sampleMean);
    const double standardError = std::sqrt(squares / (n - 1.0) / n);
    // 5 standard errors of the sample mean (CLT); the relative term only matters for constants,
    // whose standard error is 0.
    const double tolerance = kStandardErrors * standardError + 1e-12 * std::abs(*analytic);

    QVERIFY2(smallest >= 0.0, qPrintable(QString("a sample is negative: %1").arg(smallest)));
    QVERIFY2(std::abs(sampleMean - *analytic) <= tolerance,
             qPrintable(QString("sampled mean %1, analytic %2, tolerance %3 (5 standard errors)")
                            .arg(sampleMean, 0, 'g', 10)
                            .arg(*analytic, 0, 'g', 10)
                            .arg(tolerance)));
}

void TestDistribution::testSampledQuantilesMatchAnalytic() {
    QFETCH(QByteArray, text);
    const DistributionPtr distribution = parseValid(text);
    QVERIFY(distribution);
    std::vector<double> samples = draw(*distribution, kSampleCount);
    std::sort(samples.begin(), samples.end());
    const double n = static_cast<double>(samples.size());

    for (const double p : {0.5, 0.9, 0.99}) {
        // The sample p-quantile is the order statistic X_(k), k = ceil(n p). F(X_(k)) is
        // Beta(k, n - k + 1)-distributed: mean ~ p, standard deviation ~ sqrt(p (1 - p) / n), the
        // binomial standard error. So F(X_(k)) lies within p +- 5 of those, and, F being monotone,
        // X_(k) lies within [Q(p - delta), Q(p + delta)]. Mapping the band through the analytic
        // quantile function needs no density, and is right for atoms (constants) as well.
        const double delta = kStandardErrors * std::sqrt(p * (1.0 - p) / n);
        const auto index = static_cast<std::size_t>(std::ceil(n * p)) - 1;
        const double sampled = samples[index];
        const auto low = distribution->quantile(p - delta);
        const auto high = distribution->quantile(p + delta);
        const auto analytic = distribution->quantile(p);
        QVERIFY(low && high && analytic);
        const double slack = 1e-12 * std::abs(*high);  // rounding when low == high (atoms)
        QVERIFY2(sampled >= *low - slack && sampled <= *high + slack,
                 qPrintable(QString("p%1: sampled %2, analytic %3, allowed [%4, %5]")
                                .arg(p * 100)
                                .arg(sampled, 0, 'g', 10)
                                .arg(*analytic, 0, 'g', 10)
                                .arg(*low, 0, 'g', 10)
                                .arg(*high, 0, 'g', 10)));
    }
}

void TestDistribution::testCdfInvertsQuantile() {
    QFETCH(QByteArray, text);
    QFETCH(bool, continuous);
    const DistributionPtr distribution = parseValid(text);
    QVERIFY(distribution);
    for (const double p : {0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999}) {
        const auto q = distribution->quantile(p);
        QVERIFY(q);
        const auto c = distribution->cdf(*q);
        QVERIFY(c);
        // Boost.Math and the mixture bisection are accurate to ~1e-12; 1e-9 leaves room.
        if (continuous) {
            QVERIFY2(std::abs(*c - p) <= 1e-9,
                     qPrintable(QString("cdf(quantile(%1)) = %2").arg(p).arg(*c, 0, 'g', 15)));
        } else {
            // With atoms the quantile is the smallest x with cdf(x) >= p.
            QVERIFY2(*c >= p - 1e-9,
                     qPrintable(QString("cdf(quantile(%1)) = %2").arg(p).arg(*c, 0, 'g', 15)));
        }
        QVERIFY2(*distribution->cdf(-1.0) == 0.0, "no mass below 0");
    }
}

void TestDistribution::testJsonRoundTripIsExact() {
    QFETCH(QByteArray, text);
    const json input = json::parse(text.toStdString());
    const DistributionPtr distribution = parseValid(text);
    QVERIFY(distribution);

    const json written = distribution->toJson();
    QVERIFY2(written == input, written.dump().c_str());  // the table rows are canonical
    const DistributionPtr reread = parseValid(QByteArray::fromStdString(written.dump()));
    QVERIFY(reread);
    QCOMPARE(QString::fromStdString(reread->toJson().dump()),
             QString::fromStdString(written.dump()));
    // "Equal distribution": the same numbers, analytic and sampled.
    QVERIFY(reread->mean() == distribution->mean());
    for (const double p : {0.1, 0.5, 0.99}) {
        QVERIFY2(reread->quantile(p) == distribution->quantile(p), qPrintable(QString::number(p)));
    }
    QVERIFY2(draw(*reread, 100) == draw(*distribution, 100), "the same samples from one seed");
}

void TestDistribution::testSameSeedGivesSameSamples() {
    QFETCH(QByteArray, text);
    QFETCH(bool, continuous);
    const DistributionPtr distribution = parseValid(text);
    QVERIFY(distribution);
    const std::vector<double> first = draw(*distribution, 1000, 7);
    QVERIFY2(draw(*distribution, 1000, 7) == first, "bit-identical, not just close");
    if (continuous) QVERIFY(draw(*distribution, 1000, 8) != first);
}

void TestDistribution::testBareNumberIsAConstant() {
    ValidationReport report;
    const DistributionPtr distribution = archsim::distributionFromJson(json(12.5), kPath, report);
    QVERIFY2(distribution, describeIssues(report).constData());
    QVERIFY2(distribution->toJson() == json({{"type", "constant"}, {"value", 12.5}}),
             distribution->toJson().dump().c_str());
    archsim::RandomEngine engine = archsim::makeStream(1, 0, "x", "y");
    QCOMPARE(distribution->sample(engine), 12.5);
    QCOMPARE(*distribution->mean(), 12.5);
}

void TestDistribution::testIntegerAndFloatJsonAreEqual() {
    // Users write 30, toJson() writes 30.0; the round trip must still compare equal.
    const DistributionPtr distribution = parseValid(R"({"type":"exponential","mean":30})");
    QVERIFY(distribution);
    QVERIFY(distribution->toJson() == json::parse(R"({"type":"exponential","mean":30})"));
}

void TestDistribution::testLognormalPercentileFormHitsItsPercentiles() {
    const DistributionPtr distribution = archsim::makeLognormalFromMedianP99(12.0, 40.0);
    QVERIFY(std::abs(*distribution->quantile(0.5) - 12.0) <= 1e-12 * 12.0);
    QVERIFY(std::abs(*distribution->quantile(0.99) - 40.0) <= 1e-12 * 40.0);
    // Same distribution as the mu/sigma form it stands for.
    const double sigma = std::log(40.0 / 12.0) / 2.3263478740408408;
    const DistributionPtr equivalent = archsim::makeLognormal(std::log(12.0), sigma);
    QVERIFY(std::abs(*distribution->mean() - *equivalent->mean()) <= 1e-12 * *equivalent->mean());
    QVERIFY(std::abs(*distribution->mean() - 12.0 * std::exp(sigma * sigma / 2.0)) <= 1e-9);
}

void TestDistribution::testTruncatedNormalAnalytics() {
    // At mean 0 the truncated normal is the half-normal: mean s * sqrt(2 / pi), median s * 0.6745.
    const DistributionPtr half = archsim::makeNormal(0.0, 5.0);
    QVERIFY(std::abs(*half->mean() - 5.0 * std::sqrt(2.0 / M_PI)) <= 1e-12);
    QVERIFY(std::abs(*half->quantile(0.5) - 5.0 * 0.6744897501960817) <= 1e-12);
    QCOMPARE(*half->cdf(0.0), 0.0);
    // Far from 0 the truncation is invisible: mean and median are the untruncated ones.
    const DistributionPtr far = archsim::makeNormal(100.0, 5.0);
    QVERIFY(std::abs(*far->mean() - 100.0) <= 1e-9);
    QVERIFY(std::abs(*far->quantile(0.5) - 100.0) <= 1e-9);
}

void TestDistribution::testHeavyParetoHasNoMean() {
    const DistributionPtr pareto = parseValid(R"({"type":"pareto","shape":1.0,"scale":5.0})");
    QVERIFY(pareto);
    QVERIFY(!pareto->mean());
    QVERIFY(std::abs(*pareto->quantile(0.5) - 10.0) <= 1e-12);  // scale * 2^(1 / shape)
    QVERIFY(!archsim::makeShift(1.0, pareto)->mean());
    QVERIFY(!archsim::makeMixture({{1.0, pareto}, {1.0, archsim::makeConstant(1.0)}})->mean());
    QCOMPARE(*archsim::makePareto(2.0, 5.0)->mean(), 10.0);
}

void TestDistribution::testEmpiricalAnalyticsAreExact() {
    const DistributionPtr distribution =
        archsim::makeEmpirical({{0.0, 0.0}, {0.5, 10.0}, {1.0, 30.0}});
    QCOMPARE(*distribution->mean(), 12.5);  // 0.5 * (0 + 10) / 2 + 0.5 * (10 + 30) / 2
    QCOMPARE(*distribution->cdf(5.0), 0.25);
    QCOMPARE(*distribution->cdf(20.0), 0.75);
    QCOMPARE(*distribution->cdf(30.0), 1.0);
    QCOMPARE(*distribution->quantile(0.75), 20.0);
    QCOMPARE(*distribution->quantile(0.25), 5.0);
}

void TestDistribution::testEmpiricalSamplesFormKeepsTheUsersOrder() {
    const DistributionPtr distribution = archsim::makeEmpiricalFromSamples({30.0, 10.0, 20.0});
    QVERIFY2(distribution->toJson() == json::parse(R"({"type":"empirical","samples":[30,10,20]})"),
             distribution->toJson().dump().c_str());
    QCOMPARE(*distribution->quantile(0.5), 20.0);  // sorted: 10 at p 0, 20 at p 0.5, 30 at p 1
    QCOMPARE(*distribution->mean(), 20.0);
}

void TestDistribution::testMixtureNormalisesWeights() {
    const DistributionPtr mixture = archsim::makeMixture(
        {{9.0, archsim::makeConstant(10.0)}, {1.0, archsim::makeConstant(20.0)}});
    QVERIFY(std::abs(*mixture->mean() - 11.0) <= 1e-12);
    QVERIFY(std::abs(*mixture->cdf(15.0) - 0.9) <= 1e-12);
    // toJson() keeps the weights as written, not normalised.
    QVERIFY2(mixture->toJson()["components"][0]["weight"] == json(9.0),
             mixture->toJson().dump().c_str());
}

void TestDistribution::testMixtureQuantileHandlesAtoms() {
    const DistributionPtr mixture = archsim::makeMixture(
        {{9.0, archsim::makeConstant(10.0)}, {1.0, archsim::makeConstant(20.0)}});
    QVERIFY(std::abs(*mixture->quantile(0.5) - 10.0) <= 1e-9);
    // cdf(10) is exactly 0.9, so the 0.9-quantile (the smallest x with cdf(x) >= 0.9) is 10.
    QVERIFY(std::abs(*mixture->quantile(0.9) - 10.0) <= 1e-9);
    QVERIFY(std::abs(*mixture->quantile(0.95) - 20.0) <= 1e-9);
}

void TestDistribution::testShiftAddsItsOffset() {
    const DistributionPtr inner = archsim::makeExponential(10.0);
    const DistributionPtr shifted = archsim::makeShift(50.0, inner);
    QCOMPARE(*shifted->mean(), 60.0);
    QCOMPARE(*shifted->quantile(0.9), 50.0 + *inner->quantile(0.9));
    QCOMPARE(*shifted->cdf(50.0), 0.0);
    QCOMPARE(*shifted->cdf(60.0), *inner->cdf(10.0));
    const std::vector<double> innerSamples = draw(*inner, 100);
    const std::vector<double> shiftedSamples = draw(*shifted, 100);
    for (std::size_t i = 0; i < innerSamples.size(); ++i) {
        QCOMPARE(shiftedSamples[i], 50.0 + innerSamples[i]);
    }
}

void TestDistribution::testAnalyticsRejectOutOfRangeArguments() {
    const DistributionPtr distribution = archsim::makeExponential(10.0);
    QVERIFY(!distribution->quantile(0.0));
    QVERIFY(!distribution->quantile(1.0));
    QVERIFY(!distribution->quantile(std::nan("")));
    QVERIFY(!distribution->cdf(std::nan("")));
}

void TestDistribution::testDescribe_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lognormal") << QByteArray(R"({"type":"lognormal","median":12,"p99":40})")
                               << "lognormal(median 12, p99 40)";
    QTest::newRow("lognormal mu") << QByteArray(R"({"type":"lognormal","mu":2,"sigma":0.5})")
                                  << "lognormal(mu 2, sigma 0.5)";
    QTest::newRow("exponential") << QByteArray(R"({"type":"exponential","mean":30})")
                                 << "exponential(mean 30)";
    QTest::newRow("constant") << QByteArray("0.1") << "constant(0.1)";
    QTest::newRow("uniform") << QByteArray(R"({"type":"uniform","min":1,"max":2})")
                             << "uniform(1 to 2)";
    QTest::newRow("normal") << QByteArray(R"({"type":"normal","mean":10,"stddev":2})")
                            << "normal(mean 10, stddev 2)";
    QTest::newRow("gamma") << QByteArray(R"({"type":"gamma","shape":2,"scale":3})")
                           << "gamma(shape 2, scale 3)";
    QTest::newRow("empirical") << QByteArray(
                                      R"({"type":"empirical","points":[[0,1],[0.5,4],[1,9]]})")
                               << "empirical(3 points, median 4)";
    QTest::newRow("mixture")
        << QByteArray(R"({"type":"mixture","components":[{"weight":9,"distribution":30},)"
                      R"({"weight":1,"distribution":{"type":"exponential","mean":200}}]})")
        << "mixture(90% constant(30), 10% exponential(mean 200))";
    QTest::newRow("shift")
        << QByteArray(
               R"({"type":"shift","offset":5,"distribution":{"type":"exponential","mean":1}})")
        << "5 + exponential(mean 1)";
}

void TestDistribution::testDescribe() {
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const DistributionPtr distribution = parseValid(text);
    QVERIFY(distribution);
    QCOMPARE(QString::fromStdString(distribution->describe()), expected);
}

void TestDistribution::testMakeHelpersMatchJson() {
    const auto check = [](const DistributionPtr& made, const char* text) {
        const DistributionPtr parsed = parseValid(text);
        return parsed && made->toJson() == parsed->toJson() &&
               made->quantile(0.9) == parsed->quantile(0.9);
    };
    QVERIFY(check(archsim::makeConstant(3), R"({"type":"constant","value":3})"));
    QVERIFY(check(archsim::makeUniform(1, 3), R"({"type":"uniform","min":1,"max":3})"));
    QVERIFY(check(archsim::makeExponential(3), R"({"type":"exponential","mean":3})"));
    QVERIFY(check(archsim::makeNormal(3, 1), R"({"type":"normal","mean":3,"stddev":1})"));
    QVERIFY(check(archsim::makeLognormal(1, 0.5), R"({"type":"lognormal","mu":1,"sigma":0.5})"));
    QVERIFY(check(archsim::makeLognormalFromMedianP99(3, 9),
                  R"({"type":"lognormal","median":3,"p99":9})"));
    QVERIFY(check(archsim::makeGamma(2, 3), R"({"type":"gamma","shape":2,"scale":3})"));
    QVERIFY(check(archsim::makeWeibull(2, 3), R"({"type":"weibull","shape":2,"scale":3})"));
    QVERIFY(check(archsim::makePareto(2, 3), R"({"type":"pareto","shape":2,"scale":3})"));
    QVERIFY(check(archsim::makeEmpirical({{0, 1}, {1, 2}}),
                  R"({"type":"empirical","points":[[0,1],[1,2]]})"));
    QVERIFY(check(archsim::makeEmpiricalFromSamples({2, 1}),
                  R"({"type":"empirical","samples":[2,1]})"));
    QVERIFY(check(archsim::makeMixture({{1, archsim::makeConstant(1)}}),
                  R"({"type":"mixture","components":[{"weight":1,"distribution":1}]})"));
    QVERIFY(check(archsim::makeShift(1, archsim::makeConstant(1)),
                  R"({"type":"shift","offset":1,"distribution":1})"));
}

void TestDistribution::testDistributionTypesListsEveryFamily() {
    const std::vector<std::string> expected = {"constant",  "uniform", "exponential", "normal",
                                               "lognormal", "gamma",   "weibull",     "pareto",
                                               "empirical", "mixture", "shift"};
    QVERIFY(archsim::distributionTypes() == expected);
}

void TestDistribution::testInvalidInputIsReported_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("path");  // relative to kPath; "" is kPath itself
    QTest::addColumn<QString>("message");

    // Shape of the value.
    QTest::newRow("string") << QByteArray(R"("fast")") << ""
                            << "a distribution must be a JSON object";
    QTest::newRow("array") << QByteArray("[1, 2]") << ""
                           << "got an array";
    QTest::newRow("null") << QByteArray("null") << ""
                          << "got null";
    QTest::newRow("negative bare number") << QByteArray("-3") << ""
                                          << "must be >= 0, got -3";
    QTest::newRow("missing type") << QByteArray(R"({"mean": 5})") << ".type"
                                  << "is required but missing (one of 'constant', 'uniform'";
    QTest::newRow("type not a string") << QByteArray(R"({"type": 5})") << ".type"
                                       << "must be one of 'constant', 'uniform', 'exponential', "
                                          "'normal', 'lognormal', 'gamma', 'weibull', 'pareto', "
                                          "'empirical', 'mixture', 'shift', got number 5";
    QTest::newRow("unknown type") << QByteArray(R"({"type": "expo", "mean": 5})") << ".type"
                                  << "got 'expo'";
    QTest::newRow("unknown type lists known ones")
        << QByteArray(R"({"type": "poisson"})") << ".type"
        << "must be one of 'constant', 'uniform', 'exponential', 'normal', 'lognormal', 'gamma', "
           "'weibull', 'pareto', 'empirical', 'mixture', 'shift', got 'poisson'";
    QTest::newRow("type with wrong case")
        << QByteArray(R"({"type": "Exponential", "mean": 5})") << ".type"
        << "did you mean 'exponential'?";

    // Fields.
    QTest::newRow("missing field") << QByteArray(R"({"type": "exponential"})") << ".mean"
                                   << "is required but missing";
    QTest::newRow("string instead of number")
        << QByteArray(R"({"type": "exponential", "mean": "30"})") << ".mean"
        << R"(must be a number, got string "30")";
    QTest::newRow("boolean instead of number")
        << QByteArray(R"({"type": "constant", "value": true})") << ".value"
        << "must be a number, got boolean true";
    QTest::newRow("unknown field") << QByteArray(R"({"type": "exponential", "meen": 5})") << ".meen"
                                   << "unknown field 'meen'";
    QTest::newRow("unknown field suggests")
        << QByteArray(R"({"type": "exponential", "meen": 5})") << ".meen"
        << "did you mean 'mean'?";

    // Ranges, one per family.
    QTest::newRow("negative constant")
        << QByteArray(R"({"type": "constant", "value": -1})") << ".value"
        << "must be >= 0, got -1";
    QTest::newRow("uniform min above max")
        << QByteArray(R"({"type": "uniform", "min": 5, "max": 3})") << ".max"
        << "must be >= min (5), got 3";
    QTest::newRow("uniform negative min")
        << QByteArray(R"({"type": "uniform", "min": -1, "max": 3})") << ".min"
        << "must be >= 0, got -1";
    QTest::newRow("negative mean")
        << QByteArray(R"({"type": "exponential", "mean": -5})") << ".mean"
        << "must be > 0, got -5";
    QTest::newRow("zero mean") << QByteArray(R"({"type": "exponential", "mean": 0})") << ".mean"
                               << "must be > 0, got 0";
    QTest::newRow("absurd mean") << QByteArray(R"({"type": "exponential", "mean": 5e13})")
                                 << ".mean"
                                 << "must be <= 1e+12";
    QTest::newRow("normal negative mean")
        << QByteArray(R"({"type": "normal", "mean": -1, "stddev": 2})") << ".mean"
        << "must be >= 0 (the normal is truncated at 0; a negative mean would reject most draws), "
           "got -1";
    QTest::newRow("normal zero stddev")
        << QByteArray(R"({"type": "normal", "mean": 1, "stddev": 0})") << ".stddev"
        << "must be > 0, got 0";
    QTest::newRow("lognormal both forms")
        << QByteArray(R"({"type": "lognormal", "mu": 1, "sigma": 1, "median": 3, "p99": 10})") << ""
        << "either 'median' and 'p99' or 'mu' and 'sigma', not both";
    QTest::newRow("lognormal mixed forms")
        << QByteArray(R"({"type": "lognormal", "median": 3, "sigma": 1})") << ""
        << "not both";
    QTest::newRow("lognormal no parameters") << QByteArray(R"({"type": "lognormal"})") << ""
                                             << "give 'median' and 'p99'";
    QTest::newRow("lognormal p99 below median")
        << QByteArray(R"({"type": "lognormal", "median": 30, "p99": 20})") << ".p99"
        << "must be > median (30), got 20";
    QTest::newRow("lognormal missing p99")
        << QByteArray(R"({"type": "lognormal", "median": 30})") << ".p99"
        << "is required but missing";
    QTest::newRow("lognormal zero sigma")
        << QByteArray(R"({"type": "lognormal", "mu": 1, "sigma": 0})") << ".sigma"
        << "must be > 0, got 0";
    QTest::newRow("lognormal absurd mu")
        << QByteArray(R"({"type": "lognormal", "mu": 40, "sigma": 1})") << ".mu"
        << "must be <= ln(1e+12)";
    QTest::newRow("lognormal absurd tail")
        << QByteArray(R"({"type": "lognormal", "mu": 5, "sigma": 20})") << ""
        << "99th percentile is";
    QTest::newRow("gamma zero shape")
        << QByteArray(R"({"type": "gamma", "shape": 0, "scale": 3})") << ".shape"
        << "must be > 0, got 0";
    QTest::newRow("weibull negative scale")
        << QByteArray(R"({"type": "weibull", "shape": 2, "scale": -3})") << ".scale"
        << "must be > 0, got -3";
    QTest::newRow("weibull absurd tail")
        << QByteArray(R"({"type": "weibull", "shape": 0.01, "scale": 3})") << ""
        << "99th percentile";
    QTest::newRow("pareto negative shape")
        << QByteArray(R"({"type": "pareto", "shape": -1, "scale": 3})") << ".shape"
        << "must be > 0, got -1";

    // Empirical.
    QTest::newRow("empirical percentiles out of order")
        << QByteArray(R"({"type":"empirical","points":[[0,1],[0.5,5],[0.4,6],[1,9]]})")
        << ".points[2][0]"
        << "must be greater than the previous percentile (0.5), got 0.4";
    QTest::newRow("empirical repeated percentile")
        << QByteArray(R"({"type":"empirical","points":[[0,1],[0.5,5],[0.5,6],[1,9]]})")
        << ".points[2][0]"
        << "must be greater than the previous percentile (0.5), got 0.5";
    QTest::newRow("empirical values decreasing")
        << QByteArray(R"({"type":"empirical","points":[[0,1],[0.5,5],[0.9,4],[1,9]]})")
        << ".points[2][1]"
        << "must be >= the previous value (5), got 4";
    QTest::newRow("empirical first percentile not 0")
        << QByteArray(R"({"type":"empirical","points":[[0.01,1],[1,9]]})") << ".points[0][0]"
        << "the first percentile must be exactly 0, got 0.01";
    QTest::newRow("empirical last percentile not 1")
        << QByteArray(R"({"type":"empirical","points":[[0,1],[0.99,9]]})") << ".points[1][0]"
        << "the last percentile must be exactly 1, got 0.99";
    QTest::newRow("empirical percent instead of fraction")
        << QByteArray(R"({"type":"empirical","points":[[0,1],[50,5],[1,9]]})") << ".points[1][0]"
        << "must be <= 1 (percentiles are fractions: 0.99 for p99), got 50";
    QTest::newRow("empirical point not a pair")
        << QByteArray(R"({"type":"empirical","points":[[0,1],[0.5],[1,9]]})") << ".points[1]"
        << "must be a [percentile, value] pair";
    QTest::newRow("empirical one point")
        << QByteArray(R"({"type":"empirical","points":[[0,1]]})") << ".points"
        << "needs at least 2 points";
    QTest::newRow("empirical negative value")
        << QByteArray(R"({"type":"empirical","points":[[0,-1],[1,9]]})") << ".points[0][1]"
        << "must be >= 0, got -1";
    QTest::newRow("empirical both forms")
        << QByteArray(R"({"type":"empirical","points":[[0,1],[1,2]],"samples":[1,2]})") << ""
        << "either 'points' or 'samples', not both";
    QTest::newRow("empirical no data") << QByteArray(R"({"type":"empirical"})") << ""
                                       << "missing its data";
    QTest::newRow("empirical one sample")
        << QByteArray(R"({"type":"empirical","samples":[3]})") << ".samples"
        << "needs at least 2 samples, got 1";
    QTest::newRow("empirical negative sample")
        << QByteArray(R"({"type":"empirical","samples":[3,-2,4]})") << ".samples[1]"
        << "must be >= 0, got -2";

    // Mixture and shift.
    QTest::newRow("mixture without components")
        << QByteArray(R"({"type":"mixture","components":[]})") << ".components"
        << "must have at least one component";
    QTest::newRow("mixture components not an array")
        << QByteArray(R"({"type":"mixture","components":{}})") << ".components"
        << "must be an array";
    QTest::newRow("mixture negative weight")
        << QByteArray(R"({"type":"mixture","components":[{"weight":-1,"distribution":3}]})")
        << ".components[0].weight"
        << "must be > 0, got -1";
    QTest::newRow("mixture component missing distribution")
        << QByteArray(R"({"type":"mixture","components":[{"weight":1}]})")
        << ".components[0].distribution"
        << "is required but missing";
    QTest::newRow("mixture component unknown field")
        << QByteArray(
               R"({"type":"mixture","components":[{"weight":1,"distribution":3,"wieght":2}]})")
        << ".components[0].wieght"
        << "unknown field 'wieght'";
    QTest::newRow("mixture nested error")
        << QByteArray(R"({"type":"mixture","components":[{"weight":1,"distribution":3},)"
                      R"({"weight":1,"distribution":{"type":"exponential","mean":-5}}]})")
        << ".components[1].distribution.mean"
        << "must be > 0, got -5";
    QTest::newRow("shift negative offset")
        << QByteArray(R"({"type":"shift","offset":-1,"distribution":3})") << ".offset"
        << "must be >= 0, got -1";
    QTest::newRow("shift missing distribution")
        << QByteArray(R"({"type":"shift","offset":1})") << ".distribution"
        << "is required but missing";
    QTest::newRow("shift absurd total")
        << QByteArray(R"({"type":"shift","offset":9e11,"distribution":2e11})") << ""
        << "99th percentile is 1.1e+12";
}

void TestDistribution::testInvalidInputIsReported() {
    QFETCH(QByteArray, text);
    QFETCH(QString, path);
    QFETCH(QString, message);
    ValidationReport report;
    const DistributionPtr distribution =
        archsim::distributionFromJson(json::parse(text.toStdString()), kPath, report);
    QVERIFY2(!distribution, "invalid input must give no distribution");
    QVERIFY2(!report.ok(), "invalid input must be reported");
    const std::string expectedPath = kPath + path.toStdString();
    const bool found = std::any_of(
        report.issues().begin(), report.issues().end(), [&](const archsim::ValidationIssue& issue) {
            return issue.path == expectedPath &&
                   issue.message.find(message.toStdString()) != std::string::npos;
        });
    QVERIFY2(found, qPrintable(QString("expected \"%1: ...%2...\", got:\n%3")
                                   .arg(QString::fromStdString(expectedPath), message,
                                        QString::fromStdString(report.toString()))));
}

void TestDistribution::testEveryProblemIsReported() {
    ValidationReport report;
    const auto input = json::parse(R"({"type":"gamma","shape":-1,"scale":"x","extra":1})");
    QVERIFY(!archsim::distributionFromJson(input, kPath, report));
    std::vector<std::string> paths;
    for (const auto& issue : report.issues()) paths.push_back(issue.path);
    std::sort(paths.begin(), paths.end());
    const std::vector<std::string> expected = {kPath + ".extra", kPath + ".scale",
                                               kPath + ".shape"};
    QVERIFY2(paths == expected, report.toString().c_str());

    // Problems in several mixture components are all reported too.
    ValidationReport mixtureReport;
    const auto mixture =
        json::parse(R"({"type":"mixture","components":[{"weight":0,"distribution":-1},)"
                    R"({"weight":1,"distribution":{"type":"nope"}}]})");
    QVERIFY(!archsim::distributionFromJson(mixture, kPath, mixtureReport));
    QVERIFY2(mixtureReport.issues().size() == 3, mixtureReport.toString().c_str());
}

void TestDistribution::testNonFiniteNumbersAreRejected() {
    // JSON text cannot hold NaN or infinity (and nlohmann refuses 1e400), but a document built in
    // code can; the reader must not let one through.
    for (const double bad :
         {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
        ValidationReport report;
        const json input = {{"type", "exponential"}, {"mean", bad}};
        QVERIFY(!archsim::distributionFromJson(input, kPath, report));
        QCOMPARE(report.issues().size(), std::size_t{1});
        QCOMPARE(report.issues()[0].path, kPath + ".mean");
        QVERIFY2(report.issues()[0].message.find("must be a finite number") != std::string::npos,
                 report.toString().c_str());
    }
}

void TestDistribution::testNestingDeeperThanLimitIsRejected() {
    const auto nest = [](int depth) {
        json value = 1.0;  // depth 1
        for (int level = 1; level < depth; ++level) {
            value = {{"type", "shift"}, {"offset", 1.0}, {"distribution", value}};
        }
        return value;
    };
    ValidationReport okReport;
    const DistributionPtr deepest =
        archsim::distributionFromJson(nest(archsim::kMaxDistributionNesting), kPath, okReport);
    QVERIFY2(deepest, okReport.toString().c_str());
    QCOMPARE(*deepest->mean(), static_cast<double>(archsim::kMaxDistributionNesting));

    ValidationReport report;
    QVERIFY(
        !archsim::distributionFromJson(nest(archsim::kMaxDistributionNesting + 1), kPath, report));
    QCOMPARE(report.issues().size(), std::size_t{1});
    std::string expectedPath = kPath;
    for (int level = 1; level <= archsim::kMaxDistributionNesting; ++level) {
        expectedPath += ".distribution";
    }
    QCOMPARE(report.issues()[0].path, expectedPath);
    QVERIFY2(report.issues()[0].message.find("nested more than 8 levels") != std::string::npos,
             report.toString().c_str());
}

void TestDistribution::testEarlierIssuesDoNotFailAValidRead() {
    // The report is shared by a whole scenario; an issue elsewhere must not void this read.
    ValidationReport report;
    report.add("workload.ratePerS", "must be > 0, got 0");
    QVERIFY(archsim::distributionFromJson(json(5.0), kPath, report));
    QCOMPARE(report.issues().size(), std::size_t{1});
}

QTEST_GUILESS_MAIN(TestDistribution)
#include "tst_distribution.moc"
