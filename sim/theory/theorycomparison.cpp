// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/theory/theorycomparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "sim/stats/confidence.h"

namespace archsim::theory {

std::string toString(Agreement agreement) {
    switch (agreement) {
        case Agreement::Agrees:
            return "agrees";
        case Agreement::Disagrees:
            return "disagrees beyond the interval";
        case Agreement::NotCompared:
            return "not compared";
    }
    return {};
}

bool TheoryComparison::anyDisagreement() const {
    return std::any_of(checks.begin(), checks.end(),
                       [](const TheoryCheck& c) { return c.agreement == Agreement::Disagrees; }) ||
           std::any_of(little.begin(), little.end(), [](const LittlesLawCheck& c) {
               return c.relativeError() > kLittleTolerance;
           });
}

namespace {

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
    return buffer;
}

/// The simulated figure of a run for a prediction's key, in the prediction's unit.
std::optional<double> simulatedFigure(const std::string& figure, const RunResult& r) {
    if (figure == "meanWait") return r.station.meanWaitS * 1e3;
    if (figure == "probabilityOfWait") return r.station.probabilityOfWait;
    if (r.latency.count() == 0 && figure != "coldStartFraction") return std::nullopt;
    if (figure == "meanResponse") return r.latency.mean() * 1e-6;
    if (figure == "responseP50") return toMillis(r.latency.quantile(0.50));
    if (figure == "responseP95") return toMillis(r.latency.quantile(0.95));
    if (figure == "responseP99") return toMillis(r.latency.quantile(0.99));
    if (figure == "coldStartFraction" && r.functionStarts > 0) return r.coldStartFraction();
    return std::nullopt;
}

/// One window's contribution to a batch: a numerator and a weight (the batch value is their
/// ratio), so windows count by their requests where the figure is per request.
struct WindowPart {
    double numerator = 0;
    double weight = 0;
};
std::optional<WindowPart> windowPart(const std::string& figure, const WindowRow& w) {
    const double length = toSeconds(w.latency.end - w.latency.start);
    if (figure == "meanWait") return WindowPart{w.meanQueueLength * length, length};
    if (figure == "meanResponse")
        return WindowPart{w.latency.meanNs * 1e-6 * static_cast<double>(w.latency.completed),
                          static_cast<double>(w.latency.completed)};
    if (figure == "coldStartFraction") {
        const double starts = w.coldStartFraction > 0
                                  ? static_cast<double>(w.coldStarts) / w.coldStartFraction
                                  : static_cast<double>(w.arrivals);
        return WindowPart{static_cast<double>(w.coldStarts), starts};
    }
    return std::nullopt;
}

/// The relative half-width of the batch-means interval of `figure` over the windows starting at
/// or after `fromS`, or nullopt when the figure has no window series or there are too few.
std::optional<double> batchMeansRelativeHalfWidth(const std::string& figure, const RunResult& r,
                                                  double fromS) {
    std::vector<WindowPart> parts;
    for (const WindowRow& w : r.windows) {
        if (toSeconds(w.latency.start) < fromS - 1e-9) continue;
        const auto part = windowPart(figure, w);
        if (!part) return std::nullopt;
        parts.push_back(*part);
    }
    const std::size_t perBatch = parts.size() / kBatchMeansBatches;
    if (perBatch == 0) return std::nullopt;
    std::vector<double> batches;
    double numerator = 0, weight = 0;
    for (std::size_t b = 0; b < kBatchMeansBatches; ++b) {
        WindowPart sum;
        for (std::size_t i = b * perBatch; i < (b + 1) * perBatch; ++i) {
            sum.numerator += parts[i].numerator;
            sum.weight += parts[i].weight;
        }
        if (sum.weight <= 0) return std::nullopt;
        batches.push_back(sum.numerator / sum.weight);
        numerator += sum.numerator;
        weight += sum.weight;
    }
    const ConfidenceInterval ci = meanConfidenceInterval(batches, kTheoryConfidence);
    const double mean = numerator / weight;
    if (!(mean > 0)) return std::nullopt;
    return ci.halfWidth / mean;
}

}  // namespace

TheoryComparison compareTheory(const Scenario& scenario, const std::vector<RunResult>& runs) {
    TheoryComparison out;
    out.scenarioWarmupS = scenario.run.warmupS;
    std::vector<const RunResult*> done;
    for (const RunResult& r : runs)
        if (r.status == RunStatus::Completed) done.push_back(&r);
    out.replications = static_cast<int>(done.size());
    if (!runs.empty()) out.detectedWarmup = detectWarmup(runs.front());
    const std::string detected =
        out.detectedWarmup.available ? number(out.detectedWarmup.seconds) + " s" : "none";
    if (scenario.run.warmupS > 0) {
        out.warmupUsed = "the scenario's (" + number(scenario.run.warmupS) + " s)";
    } else {
        out.warmupUsed = "none: the scenario sets no warm-up, so the figures include the start";
        if (out.detectedWarmup.available && out.detectedWarmup.seconds > 0)
            out.warmupUsed += " (set run.warmupS to " + detected + " to leave out what MSER-5 " +
                              "detects; single-run intervals already start there)";
    }

    std::string stationId;
    int stationServers = 0;
    for (const StationSpec& s : scenario.topology.stations)
        if (s.id == scenario.topology.entry) {
            stationId = s.id;
            stationServers = s.servers;
        }
    if (!done.empty()) out.little = littlesLawChecks(*done.front(), stationId, stationServers);

    const ScenarioTheory theory = theoryForScenario(scenario);
    const double batchFrom = scenario.run.warmupS > 0
                                 ? scenario.run.warmupS
                                 : (out.detectedWarmup.available ? out.detectedWarmup.seconds : 0);
    for (const TheoryPrediction& p : theory.predictions) {
        TheoryCheck check;
        check.prediction = p;
        if (p.applicability == Applicability::NotApplicable) {
            check.note = p.reason;
            out.checks.push_back(check);
            continue;
        }
        if (p.figure == "coldStartFraction" && scenario.topology.functions.size() != 1) {
            check.note = "cold starts are counted over all function pools together";
            out.checks.push_back(check);
            continue;
        }
        std::vector<double> values;
        for (const RunResult* r : done)
            if (const auto v = simulatedFigure(p.figure, *r)) values.push_back(*v);
        if (values.empty()) {
            check.note = "no simulated figure (no completed run with requests)";
            out.checks.push_back(check);
            continue;
        }
        if (values.size() >= 2) {
            const ConfidenceInterval ci = meanConfidenceInterval(values, kTheoryConfidence);
            check.simulated = ci.mean;
            check.halfWidth = ci.halfWidth;
            check.interval = "99% CI over " + std::to_string(values.size()) + " replications";
        } else {
            check.simulated = values.front();
            if (const auto rel = batchMeansRelativeHalfWidth(p.figure, *done.front(), batchFrom)) {
                check.halfWidth = *rel * std::abs(check.simulated);
                check.interval =
                    "99% batch means (20 batches of windows after " + number(batchFrom) + " s)";
            } else {
                // No window series of its own: the relative interval of its closest relative
                // (the wait for P(wait), the mean response for a percentile), never below the
                // fixed tolerance. A short run's P(wait) is as uncertain as its wait.
                const std::string proxy =
                    p.figure == "probabilityOfWait" ? "meanWait" : "meanResponse";
                const double relative = std::max(
                    kSingleRunTolerance,
                    batchMeansRelativeHalfWidth(proxy, *done.front(), batchFrom).value_or(0));
                check.halfWidth = relative * std::abs(check.simulated);
                check.interval = "single run: +-" + number(relative * 100) + "% (the larger of " +
                                 number(kSingleRunTolerance * 100) +
                                 "% and the batch-means interval of the " +
                                 (proxy == "meanWait" ? "mean wait" : "mean response") + ")";
            }
        }
        const double allowed = check.halfWidth + p.modelTolerance * std::abs(p.value);
        check.agreement = std::abs(check.simulated - p.value) <= allowed ? Agreement::Agrees
                                                                         : Agreement::Disagrees;
        out.checks.push_back(check);
    }
    return out;
}

}  // namespace archsim::theory
