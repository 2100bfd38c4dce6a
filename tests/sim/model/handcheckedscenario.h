// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Building blocks for scenarios whose outcome can be worked out by hand: constant latencies,
// trace arrivals at fixed times, and components with only the fields a test sets.

#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace archsim::testing {

inline HandlerStep cpu(double ms) {
    HandlerStep s;
    s.kind = HandlerStep::Kind::Cpu;
    s.cpuMs = makeConstant(ms);
    return s;
}

inline HandlerStep call(const std::string& target) {
    HandlerStep s;
    s.kind = HandlerStep::Kind::Call;
    s.target = target;
    return s;
}

inline HandlerStep cacheStep(const std::string& cache, std::vector<HandlerStep> onMiss) {
    HandlerStep s;
    s.kind = HandlerStep::Kind::Cache;
    s.target = cache;
    s.onMiss = std::move(onMiss);
    return s;
}

/// Arrivals at exactly these times, one-second windows.
inline Scenario traceScenario(std::vector<double> arrivalsS, double durationS = 100) {
    Scenario s;
    s.name = "hand-checked";
    s.run.durationS = durationS;
    s.run.windowS = 1;
    s.workload.type = WorkloadType::Trace;
    s.workload.traceTimesS = std::move(arrivalsS);
    return s;
}

inline GatewaySpec gateway(const std::string& id, DistributionPtr latencyMs,
                           std::optional<double> payloadLimitKb, const std::string& next) {
    GatewaySpec g;
    g.id = id;
    g.latencyMs = std::move(latencyMs);
    g.payloadLimitKb = payloadLimitKb;
    g.next = next;
    return g;
}

/// Cold start 100 ms, keep-alive 10 s.
inline FunctionPoolSpec function(const std::string& id, std::vector<HandlerStep> handler) {
    FunctionPoolSpec f;
    f.id = id;
    f.coldStartMs = makeConstant(100);
    f.keepAliveS = makeConstant(10);
    f.handler = std::move(handler);
    return f;
}

inline ServerPoolSpec servers(const std::string& id, int replicas, int workers, int queue,
                              std::vector<HandlerStep> handler) {
    ServerPoolSpec p;
    p.id = id;
    p.replicas = replicas;
    p.workersPerReplica = workers;
    p.queueCapacity = queue;
    p.handler = std::move(handler);
    return p;
}

}  // namespace archsim::testing
