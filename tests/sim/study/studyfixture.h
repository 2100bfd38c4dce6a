// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small scenarios and sweep files for the study tests, written into a temporary directory.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <optional>
#include <string>

#include "sim/study/sweepplan.h"

namespace archsim::testing {

inline std::string writeText(const QTemporaryDir& dir, const std::string& name,
                             const std::string& text) {
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream(path) << text;
    return path;
}

/// A station of `servers` servers, exponential (or constant) service of `serviceMs`, Poisson
/// arrivals: M/M/c or M/D/c.
inline std::string stationJson(double ratePerS, double serviceMs, int servers = 1,
                               double durationS = 200, bool constant = false) {
    const std::string service =
        constant ? R"({"type": "constant", "value": )" + std::to_string(serviceMs) + "}"
                 : R"({"type": "exponential", "mean": )" + std::to_string(serviceMs) + "}";
    return R"({"formatVersion": 1, "name": "station", "seed": 1,
 "run": {"durationS": )" +
           std::to_string(durationS) +
           R"(, "windowS": 10, "warmupS": 20, "maxInFlight": 1000000},
 "workload": {"type": "poisson", "ratePerS": )" +
           std::to_string(ratePerS) + R"(},
 "topology": {"entry": "q", "stations": [{"id": "q", "servers": )" +
           std::to_string(servers) + R"(, "serviceMs": )" + service + "}]}}";
}

/// Reads the sweep file and its scenarios and builds every point; fails the test on a problem.
inline std::optional<SweepPlan> loadPlan(const std::string& sweepPath) {
    ValidationReport report;
    SweepPlan plan;
    auto spec = loadSweepFile(sweepPath, report);
    if (spec)
        for (std::size_t i = 0; i < spec->scenarioFiles.size(); ++i)
            if (auto s = loadStudyScenario(spec->scenarioFiles[i], spec->scenarioPaths[i], report))
                plan.scenarios.push_back(std::move(*s));
    if (!spec || !report.ok()) {
        qWarning("%s", report.toString().c_str());
        return std::nullopt;
    }
    plan.spec = std::move(*spec);
    plan.version = "test";
    if (!buildSweepPlan(plan, report)) {
        qWarning("%s", report.toString().c_str());
        return std::nullopt;
    }
    return plan;
}

}  // namespace archsim::testing
