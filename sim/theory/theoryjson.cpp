// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/theory/theoryjson.h"

#include <cstdio>

namespace archsim::theory {
namespace {

std::string number(double value, const char* format = "%.4g") {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

std::string withUnit(double value, const std::string& unit) {
    return unit.empty() ? number(value) : number(value) + " " + unit;
}

}  // namespace

nlohmann::json toJson(const TheoryComparison& c) {
    nlohmann::json checks = nlohmann::json::array();
    for (const TheoryCheck& check : c.checks) {
        const TheoryPrediction& p = check.prediction;
        nlohmann::json j = {{"component", p.component},
                            {"figure", p.figure},
                            {"label", p.label},
                            {"unit", p.unit},
                            {"formula", p.formula},
                            {"assumptions", p.assumptions},
                            {"applicability", toString(p.applicability)},
                            {"reason", p.reason},
                            {"agreement", toString(check.agreement)}};
        if (p.applicability != Applicability::NotApplicable) {
            j["theory"] = p.value;
            j["modelTolerance"] = p.modelTolerance;
        }
        if (check.agreement != Agreement::NotCompared) {
            j["simulated"] = check.simulated;
            j["halfWidth"] = check.halfWidth;
            j["interval"] = check.interval;
        } else if (!check.note.empty()) {
            j["note"] = check.note;
        }
        checks.push_back(std::move(j));
    }
    nlohmann::json little = nlohmann::json::array();
    for (const LittlesLawCheck& l : c.little)
        little.push_back({{"component", l.component},
                          {"place", l.place},
                          {"L", l.timeAverage},
                          {"lambdaPerS", l.ratePerS},
                          {"WS", l.meanTimeS},
                          {"relativeError", l.relativeError()},
                          {"agrees", l.relativeError() <= kLittleTolerance}});
    nlohmann::json warmup = {{"scenarioS", c.scenarioWarmupS},
                             {"used", c.scenarioWarmupS > 0 ? "scenario" : "none"},
                             {"usedText", c.warmupUsed}};
    if (c.detectedWarmup.available) {
        warmup["detectedS"] = c.detectedWarmup.seconds;
        warmup["detectedWindows"] = c.detectedWarmup.windows;
        warmup["detectedReliable"] = c.detectedWarmup.reliable;
    } else {
        warmup["detectedS"] = nullptr;
    }
    return {{"checks", checks},
            {"littlesLaw", little},
            {"littlesLawTolerance", kLittleTolerance},
            {"confidence", kTheoryConfidence},
            {"replications", c.replications},
            {"warmup", warmup}};
}

std::vector<std::string> theoryLines(const TheoryComparison& c) {
    std::vector<std::string> lines;
    for (const TheoryCheck& check : c.checks) {
        const TheoryPrediction& p = check.prediction;
        std::string line = p.component + ": " + p.label + ": ";
        if (p.applicability == Applicability::NotApplicable) {
            line += "not applicable (" + p.reason + ")";
        } else if (check.agreement == Agreement::NotCompared) {
            line += "theory " + withUnit(p.value, p.unit) + " [" + p.formula + ", " +
                    toString(p.applicability) + "]; not compared (" + check.note + ")";
        } else {
            line += "simulated " + withUnit(check.simulated, p.unit) + " +- " +
                    number(check.halfWidth) + ", theory " + withUnit(p.value, p.unit) + " [" +
                    p.formula + ", " + toString(p.applicability) +
                    "]: " + toString(check.agreement);
        }
        lines.push_back(line);
    }
    for (const LittlesLawCheck& l : c.little)
        lines.push_back(l.component + ": Little's law (" + l.place + "): L " +
                        number(l.timeAverage) + ", lambda x W " + number(l.ratePerS * l.meanTimeS) +
                        " (" + number(100 * l.relativeError(), "%.2f") + "% apart): " +
                        (l.relativeError() <= kLittleTolerance ? "agrees" : "disagrees"));
    return lines;
}

}  // namespace archsim::theory
