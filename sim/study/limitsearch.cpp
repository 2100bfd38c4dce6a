// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/study/limitsearch.h"

#include <algorithm>
#include <cmath>

#include "sim/scenario/jsonreader.h"

namespace archsim {
namespace {

constexpr double kConfidence = 0.95;
constexpr int kMaxBisections = 60;

LimitEvaluation evaluate(const LimitSpec& spec, unsigned replications, const LimitRunner& run,
                         double value) {
    LimitEvaluation e;
    e.value = value;
    std::vector<std::vector<double>> observed(spec.targets.size());
    std::vector<std::vector<ComponentLoad>> loads;
    unsigned batch = std::min(replications, spec.maxReplications);
    while (true) {
        for (const RunResult& r : run(value, e.replications, batch)) {
            for (std::size_t t = 0; t < spec.targets.size(); ++t)
                observed[t].push_back(spec.targets[t].figure->value(r));
            loads.push_back(componentLoads(r));
            for (std::size_t i = 0; i < kErrorReasonCount; ++i) e.errors[i] += r.errors[i];
            e.arrivals += r.measuredArrivals;
        }
        e.replications += batch;
        e.targets.clear();
        bool allMeet = true, oneMisses = false;
        for (std::size_t t = 0; t < spec.targets.size(); ++t) {
            e.targets.push_back(meanConfidenceInterval(observed[t], kConfidence));
            allMeet = allMeet && e.targets.back().high() <= spec.targets[t].max;
            oneMisses = oneMisses || e.targets.back().low() > spec.targets[t].max;
        }
        // One replication has no interval: it decides only when no more are allowed.
        const bool known = e.replications >= 2 || spec.maxReplications < 2;
        if (known && (allMeet || oneMisses)) {
            e.passed = allMeet && !oneMisses;
            break;
        }
        if (e.replications >= spec.maxReplications) {
            e.passed = false;  // undecided at the cap: conservatively a failure
            e.decided = false;
            break;
        }
        batch = std::min(replications, spec.maxReplications - e.replications);
    }
    // Components in the order the runs list them (the same in every replication).
    if (!loads.empty()) {
        e.components = loads.front();
        for (std::size_t c = 0; c < e.components.size(); ++c) {
            double u = 0, q = 0;
            for (const auto& l : loads)
                if (c < l.size()) {
                    u += l[c].utilization;
                    q += l[c].queueLength;
                }
            e.components[c].utilization = u / static_cast<double>(loads.size());
            e.components[c].queueLength = q / static_cast<double>(loads.size());
        }
    }
    return e;
}

LimitBreak whatBroke(const LimitEvaluation& fail, const LimitEvaluation* pass) {
    LimitBreak b;
    for (const ComponentLoad& c : fail.components) {
        if (b.busiestComponent.empty() || c.utilization > b.busiestUtilization) {
            b.busiestComponent = c.id;
            b.busiestUtilization = c.utilization;
        }
        if (b.longestQueueComponent.empty() || c.queueLength > b.longestQueue) {
            b.longestQueueComponent = c.id;
            b.longestQueue = c.queueLength;
        }
    }
    const auto rate = [](const LimitEvaluation& e, std::size_t i) {
        return e.arrivals ? static_cast<double>(e.errors[i]) / static_cast<double>(e.arrivals)
                          : 0.0;
    };
    for (std::size_t i = 0; i < kErrorReasonCount; ++i) {
        const double growth = rate(fail, i) - (pass ? rate(*pass, i) : 0.0);
        if (growth > b.errorRateGrowth) {
            b.errorRateGrowth = growth;
            b.errorReason = toString(static_cast<ErrorReason>(i));
        }
    }
    return b;
}

std::string describeTargets(const LimitSpec& spec) {
    std::string text;
    for (const LimitTarget& t : spec.targets)
        text += (text.empty() ? "" : " and ") + t.figure->key + " <= " + formatNumber(t.max);
    return text;
}

}  // namespace

LimitResult searchLimit(const LimitSpec& spec, unsigned replications, const LimitRunner& run) {
    LimitResult result;
    const bool highest = spec.direction == LimitDirection::Highest;
    // The end where the target should hold, and the end where it should not.
    const double good = highest ? spec.from : spec.to;
    const double bad = highest ? spec.to : spec.from;
    const auto at = [&](double value) -> const LimitEvaluation& {
        if (spec.integer) value = std::round(value);
        result.evaluations.push_back(evaluate(spec, replications, run, value));
        return result.evaluations.back();
    };
    const std::string field = spec.target.path;
    const std::string targets = describeTargets(spec);

    std::size_t passIndex = 0;
    if (!at(good).passed) {
        result.firstFailing = good;
        result.broke = whatBroke(result.evaluations.back(), nullptr);
        result.message = targets + " does not hold even at " + field + " = " + formatNumber(good);
        return result;
    }
    result.found = true;
    double lo = good;          // passes
    std::optional<double> hi;  // fails
    // Bracketing: step away from the passing end by growing fractions of the interval, so a limit
    // close to it is bracketed tightly without running the far end first.
    for (const double fraction : {1.0 / 64, 1.0 / 16, 1.0 / 4, 1.0}) {
        const double value = good + (bad - good) * fraction;
        if (spec.integer && std::round(value) == std::round(lo)) continue;
        if (at(value).passed) {
            lo = result.evaluations.back().value;
            passIndex = result.evaluations.size() - 1;
        } else {
            hi = result.evaluations.back().value;
            break;
        }
    }
    if (!hi) {
        result.wholeRange = true;
        result.limit = lo;
        result.message = targets + " holds over the whole interval: " + field + " = " +
                         formatNumber(lo) + " still passes";
        return result;
    }
    std::size_t failIndex = result.evaluations.size() - 1;
    for (int i = 0; i < kMaxBisections; ++i) {
        const double width = std::abs(*hi - lo);
        if (spec.integer ? width <= 1
                         : width <= spec.tolerance * std::max(std::abs(lo), std::abs(*hi)))
            break;
        double mid = (lo + *hi) / 2;
        if (spec.integer) mid = std::round(mid);
        if (mid == lo || mid == *hi) break;
        if (at(mid).passed) {
            lo = mid;
            passIndex = result.evaluations.size() - 1;
        } else {
            hi = mid;
            failIndex = result.evaluations.size() - 1;
        }
    }
    result.limit = lo;
    result.firstFailing = hi;
    result.broke = whatBroke(result.evaluations[failIndex], &result.evaluations[passIndex]);
    result.message = targets + " holds up to " + field + " = " + formatNumber(lo, 6) +
                     " and fails at " + formatNumber(*hi, 6);
    return result;
}

}  // namespace archsim
