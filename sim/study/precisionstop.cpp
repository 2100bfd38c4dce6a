// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/study/precisionstop.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <mutex>
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
    // Cancels the runs under way when interrupted (the flag may be set from any thread, so a
    // watcher turns it into RunControl::cancel(), as a sweep does).
    std::mutex mutex;
    std::vector<RunControl*> active;
    std::atomic<bool> done{false};
    std::thread watcher;
    if (request.interrupt)
        watcher = std::thread([&] {
            while (!done.load()) {
                if (request.interrupt->load()) {
                    const std::lock_guard lock(mutex);
                    for (RunControl* c : active) c->cancel();
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        });
    const auto interrupted = [&] { return request.interrupt && request.interrupt->load(); };
    const auto finish = [&] {
        done = true;
        if (watcher.joinable()) watcher.join();
    };
    while (result.runs.size() < request.maxReplications) {
        if (interrupted()) {
            result.interrupted = true;
            break;
        }
        // A batch per thread, then the rule at each count in order: the stop does not depend on
        // how many ran at once, only the wasted tail of the last batch does.
        const auto first = static_cast<unsigned>(result.runs.size());
        const unsigned batch =
            std::min(std::max(threads, first == 0 ? kPrecisionMinReplications : 1u),
                     request.maxReplications - first);
        std::vector<RunResult> runs(batch);
        std::vector<bool> finished(batch, false);
        parallelFor(batch, threads, [&](std::size_t i) {
            if (interrupted()) return;
            RunControl control;
            RunOptions options;
            options.seed = request.seed;
            options.replication = first + i;
            options.pricing = request.pricing;
            options.memoryBudgetBytes = request.memoryBudgetBytes;
            if (request.interrupt) {
                options.control = &control;
                const std::lock_guard lock(mutex);
                active.push_back(&control);
            }
            runs[i] = runScenario(scenario, options);
            const std::lock_guard lock(mutex);
            std::erase(active, &control);
            finished[i] = runs[i].status != RunStatus::Cancelled;
        });
        for (std::size_t i = 0; i < runs.size(); ++i) {
            if (!finished[i]) {
                // Interrupted: what came before it stands, nothing after it counts.
                result.interrupted = true;
                break;
            }
            values.push_back(request.figure->value(runs[i]));
            result.runs.push_back(std::move(runs[i]));
            if (values.size() < std::min(kPrecisionMinReplications, request.maxReplications)) {
                if (request.progress)
                    request.progress(static_cast<unsigned>(values.size()),
                                     std::numeric_limits<double>::infinity());
                continue;
            }
            result.interval = meanConfidenceInterval(values, 0.95);
            result.relativeHalfWidth = relativeHalfWidth(result.interval);
            if (request.progress)
                request.progress(static_cast<unsigned>(values.size()), result.relativeHalfWidth);
            // One replication has no interval at all: never a reason to stop.
            if (values.size() >= 2 && result.relativeHalfWidth <= request.relativeHalfWidth) {
                result.reached = true;
                finish();
                return result;
            }
        }
        if (result.interrupted) break;
    }
    finish();
    if (!values.empty()) {
        result.interval = meanConfidenceInterval(values, 0.95);
        result.relativeHalfWidth = relativeHalfWidth(result.interval);
    }
    return result;
}

}  // namespace archsim
