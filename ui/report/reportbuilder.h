// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a design review needs in one document: for the scenarios being compared, their parameters,
// topology, every chart, the summary with differences and confidence intervals, the prices used
// and the warnings. Two steps, so a window never freezes: runReport() simulates (any thread, no
// widgets; it is most of the time), buildReport() draws the charts and assembles the document
// (GUI thread, since the charts are widgets; a second or so).
//
// The same request gives the same document, apart from its date line: the runs are pure functions
// of scenario and seed, stored by index whatever the thread count.

#include <QColor>
#include <QDateTime>
#include <QString>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "sim/cost/pricing.h"
#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"
#include "ui/report/reportdocument.h"

namespace archsim::ui {

struct ReportScenario {
    archsim::Scenario scenario;
    QString sourceFile;  ///< shown in the report; "" for an unsaved scenario
    std::shared_ptr<const archsim::PricingTable> pricing;  ///< nullptr: no cost figures
    QColor colour;
};

struct ReportRequest {
    std::vector<ReportScenario> scenarios;
    unsigned replications = 1;
    std::optional<std::uint64_t> seed;  ///< overrides every scenario's own seed
    double sloMs = 10;                  ///< drawn on the latency charts; 0 = none
    QDateTime date;                     ///< the date line; invalid = now
};

struct ReportRuns {
    struct Scenario {
        std::uint64_t seed = 0;
        std::vector<archsim::RunResult> replications;  ///< at least one
        std::vector<archsim::CostPoint> costCurve;     ///< empty: not priced or not open loop
    };
    std::vector<Scenario> scenarios;
    bool cancelled = false;
};

/// Called with (runs done, runs in all) from worker threads.
using ReportProgress = std::function<void(int done, int total)>;

/// Every simulation the report needs: each scenario's replications and its cost-vs-traffic levels
/// (the levels the window's Cost tab uses), spread over every core.
ReportRuns runReport(const ReportRequest& request, const ReportProgress& progress = {},
                     const std::atomic<bool>* cancel = nullptr);

/// The report of finished runs (GUI thread: it draws the charts).
ReportDocument buildReport(const ReportRequest& request, const ReportRuns& runs);

/// The traffic levels (requests/s) of a scenario's cost curve: log-spaced over four decades
/// around its own traffic. Empty when it cannot be priced against traffic (no cost section,
/// closed loop or trace).
std::vector<double> costCurveRates(const archsim::Scenario& scenario);

}  // namespace archsim::ui
