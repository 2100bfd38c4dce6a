// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/study/precisionstop.h"

#include <algorithm>
#include <limits>
#include <thread>

#include "sim/run/replications.h"
#include "sim/run/runner.h"

namespace archsim {

double relativeHalfWidth(const ConfidenceInterval& ci) {
    if (ci.halfWidth == 0) return 0;
    if (ci.mean == 0) return std::numeric_limits<double>::infinity();
    return ci.halfWidth / std::abs(ci.mean);
}

PrecisionResult runToPrecision(const Scenario& scenario, const PrecisionRequest& request) {
    PrecisionResult result;
    const unsigned threads =
        request.threads ? request.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<double> values;
    while (result.runs.size() < request.maxReplications) {
        // A batch per thread, then the rule at each count in order: the stop does not depend on
        // how many ran at once, only the wasted tail of the last batch does.
        const auto first = static_cast<unsigned>(result.runs.size());
        const unsigned batch =
            std::min(std::max(threads, first == 0 ? kPrecisionMinReplications : 1u),
                     request.maxReplications - first);
        std::vector<RunResult> runs(batch);
        parallelFor(batch, threads, [&](std::size_t i) {
            RunOptions options;
            options.seed = request.seed;
            options.replication = first + i;
            options.pricing = request.pricing;
            options.memoryBudgetBytes = request.memoryBudgetBytes;
            runs[i] = runScenario(scenario, options);
        });
        for (RunResult& r : runs) {
            values.push_back(request.figure->value(r));
            result.runs.push_back(std::move(r));
            if (values.size() < std::min(kPrecisionMinReplications, request.maxReplications))
                continue;
            result.interval = meanConfidenceInterval(values, 0.95);
            result.relativeHalfWidth = relativeHalfWidth(result.interval);
            // One replication has no interval at all: never a reason to stop.
            if (values.size() >= 2 && result.relativeHalfWidth <= request.relativeHalfWidth) {
                result.reached = true;
                return result;
            }
        }
    }
    if (!values.empty()) {
        result.interval = meanConfidenceInterval(values, 0.95);
        result.relativeHalfWidth = relativeHalfWidth(result.interval);
    }
    return result;
}

}  // namespace archsim
