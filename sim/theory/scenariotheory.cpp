// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/theory/scenariotheory.h"

#include <cmath>
#include <functional>

#include "sim/theory/allencunneen.h"
#include "sim/theory/coldstart.h"
#include "sim/theory/mmcqueue.h"
#include "sim/theory/pollaczekkhinchine.h"

namespace archsim::theory {

std::string toString(Applicability applicability) {
    switch (applicability) {
        case Applicability::Exact:
            return "exact";
        case Applicability::Approximate:
            return "approximate";
        case Applicability::NotApplicable:
            return "not applicable";
    }
    return {};
}

namespace {

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", value);
    return buffer;
}

std::string typeOf(const DistributionPtr& d) {
    if (!d) return {};
    const auto json = d->toJson();
    return json.contains("type") ? json["type"].get<std::string>() : std::string();
}

/// Why the workload is not a Poisson stream ("" when it is).
std::string workloadProblem(const WorkloadSpec& w) {
    switch (w.type) {
        case WorkloadType::Poisson:
            return w.ratePerS > 0 ? "" : "no traffic (rate 0)";
        case WorkloadType::Schedule:
            return "the workload is a rate schedule: arrivals are not stationary";
        case WorkloadType::OnOff:
            return "on/off traffic: arrivals are bursty, not a renewal process with known "
                   "variability";
        case WorkloadType::Closed:
            return "a closed loop: arrivals depend on the responses (this needs mean value "
                   "analysis, not an open-queue formula)";
        case WorkloadType::Trace:
            return "a replayed trace: no arrival distribution to put into a formula";
    }
    return "unknown workload";
}

bool hasFailureOn(const Scenario& s, const std::string& id) {
    for (const FailureSpec& f : s.failures)
        if (f.target == id) return true;
    return false;
}

TheoryPrediction notApplicable(const std::string& component, const std::string& formula,
                               const std::string& assumptions, const std::string& reason) {
    TheoryPrediction p;
    p.component = component;
    p.figure = "queueing";
    p.label = "queueing formulas";
    p.formula = formula;
    p.assumptions = assumptions;
    p.applicability = Applicability::NotApplicable;
    p.reason = reason;
    return p;
}

void stationTheory(const Scenario& s, const StationSpec& station, ScenarioTheory& out) {
    const int c = station.servers;
    const std::string assumptions = "Poisson arrivals, " + std::to_string(c) +
                                    (c == 1 ? " server" : " identical servers") +
                                    ", one FCFS line without a limit, stationary";
    const std::string family = c == 1 ? "M/G/1" : "M/G/c";
    std::string problem = workloadProblem(s.workload);
    if (problem.empty() && hasFailureOn(s, station.id))
        problem = "injected failures on the station change its service over time";
    // Plain doubles (NaN: missing) rather than optionals, which GCC 12 wrongly calls uninitialised.
    const double nan = std::nan("");
    const double meanMs = station.serviceMs ? station.serviceMs->mean().value_or(nan) : nan;
    const double serviceScv =
        station.serviceMs ? squaredCoefficientOfVariation(*station.serviceMs).value_or(nan) : nan;
    if (problem.empty() && (!std::isfinite(meanMs) || !std::isfinite(serviceScv)))
        problem = "the service time has no finite mean or variance";
    const double lambda = s.workload.ratePerS;
    const double meanS = meanMs * 1e-3;
    const double rho = lambda * meanS / c;
    if (problem.empty() && rho >= 1)
        problem = "unstable: utilisation " + number(rho) + " >= 1, the line grows without bound";
    if (!problem.empty()) {
        out.predictions.push_back(notApplicable(
            station.id, "Erlang C / Pollaczek-Khinchine / Allen-Cunneen", assumptions, problem));
        return;
    }
    const auto add = [&](const std::string& figure, const std::string& label,
                         const std::string& unit, const std::string& formula, Applicability a,
                         const std::string& reason, double value, double tolerance) {
        out.predictions.push_back(
            {station.id, figure, label, unit, formula, assumptions, a, reason, value, tolerance});
    };
    if (typeOf(station.serviceMs) == "exponential") {
        const MmcQueue q(lambda, 1.0 / meanS, c);
        const std::string formula = "Erlang C (M/M/" + std::to_string(c) + ")";
        const std::string exp = assumptions + ", exponential service";
        const auto exact = [&](const std::string& figure, const std::string& label,
                               const std::string& unit, double value) {
            out.predictions.push_back({station.id, figure, label, unit, formula, exp,
                                       Applicability::Exact, "", value, 0});
        };
        exact("probabilityOfWait", "probability of waiting", "", q.probabilityOfWait());
        exact("meanWait", "mean wait in queue", "ms", q.meanWait() * 1e3);
        exact("meanResponse", "mean response time", "ms", q.meanResponse() * 1e3);
        exact("responseP50", "response time p50", "ms", q.responsePercentile(0.50) * 1e3);
        exact("responseP95", "response time p95", "ms", q.responsePercentile(0.95) * 1e3);
        exact("responseP99", "response time p99", "ms", q.responsePercentile(0.99) * 1e3);
        return;
    }
    const std::string service =
        "service " + station.serviceMs->describe() + " ms, SCV " + number(serviceScv);
    if (c == 1) {
        const double wq = pollaczekKhinchineMeanWait(lambda, meanS, serviceScv);
        const std::string formula = "Pollaczek-Khinchine (M/G/1)";
        add("probabilityOfWait", "probability of waiting", "", "M/G/1: P(wait) = rho (PASTA)",
            Applicability::Exact, "", rho, 0);
        add("meanWait", "mean wait in queue", "ms", formula, Applicability::Exact, "", wq * 1e3, 0);
        add("meanResponse", "mean response time", "ms", formula, Applicability::Exact, "",
            (wq + meanS) * 1e3, 0);
        out.predictions.push_back(notApplicable(
            station.id, formula, assumptions + ", " + service,
            "response-time percentiles of M/G/1 have no closed form for this service time"));
        out.predictions.back().figure = "responsePercentiles";
        out.predictions.back().label = "response time percentiles";
        return;
    }
    const double wq = allenCunneenMeanWait(lambda, meanS, c, 1.0, serviceScv);
    const std::string formula = "Allen-Cunneen (" + family + ")";
    const std::string why = "an approximation for non-exponential service (" + service +
                            "); allowed error " + number(kAllenCunneenTolerance * 100) + "%";
    add("meanWait", "mean wait in queue", "ms", formula, Applicability::Approximate, why, wq * 1e3,
        kAllenCunneenTolerance);
    // The service part is exact; only the wait is approximate, and it carries the tolerance.
    add("meanResponse", "mean response time", "ms", formula, Applicability::Approximate, why,
        (wq + meanS) * 1e3, kAllenCunneenTolerance * wq / (wq + meanS));
}

/// The mean time a handler holds its instance, roughly: CPU steps and the latency of what it
/// calls (caches, databases, hops, gateways), branches by probability; calls into other pools
/// count nothing (they are not simple latencies). Only the order of magnitude matters here.
double handlerMeanMs(const std::vector<HandlerStep>& steps, const TopologySpec& t, int depth = 0) {
    if (depth > 8) return 0;
    const auto meanOf = [](const DistributionPtr& d) { return d ? d->mean().value_or(0) : 0; };
    double sum = 0;
    for (const HandlerStep& step : steps) {
        switch (step.kind) {
            case HandlerStep::Kind::Cpu:
                sum += meanOf(step.cpuMs);
                break;
            case HandlerStep::Kind::Branch:
                sum += step.probability * handlerMeanMs(step.steps, t, depth + 1);
                break;
            case HandlerStep::Kind::Cache:
                for (const CacheSpec& c : t.caches)
                    if (c.id == step.target) sum += meanOf(c.lookupMs);
                sum += handlerMeanMs(step.onMiss, t, depth + 1);
                break;
            case HandlerStep::Kind::Call:
                for (const DatabaseSpec& d : t.databases)
                    if (d.id == step.target) sum += meanOf(d.queryMs);
                for (const NetworkHopSpec& h : t.hops)
                    if (h.id == step.target) sum += meanOf(h.latencyMs);
                for (const GatewaySpec& g : t.gateways)
                    if (g.id == step.target) sum += meanOf(g.latencyMs);
                break;
            case HandlerStep::Kind::Send:
                for (const QueueSpec& q : t.queues)
                    if (q.id == step.target) sum += meanOf(q.enqueueMs);
                break;
            case HandlerStep::Kind::Put:
            case HandlerStep::Kind::Get:
                // The base latency only: the transfer depends on each request's size.
                for (const ObjectStoreSpec& o : t.objectStores)
                    if (o.id == step.target)
                        sum += meanOf(step.kind == HandlerStep::Kind::Put ? o.putMs : o.getMs);
                break;
        }
    }
    return sum;
}

/// True when requests of the workload reach pool `id` unthinned: it is the entry, or behind a
/// chain of gateways from the entry that never reject, shed or limit.
bool reachedDirectly(const Scenario& s, const std::string& id, std::string& why) {
    std::string at = s.topology.entry;
    for (int hops = 0; hops < 64; ++hops) {
        if (at == id) {
            for (const FunctionPoolSpec& f : s.topology.functions)
                if (f.id == id && f.payloadLimitKb && s.workload.payloadKb) {
                    why = "it turns requests over its payload limit away";
                    return false;
                }
            return true;
        }
        const GatewaySpec* gateway = nullptr;
        for (const GatewaySpec& g : s.topology.gateways)
            if (g.id == at) gateway = &g;
        if (!gateway) break;
        if (gateway->rateLimit || gateway->shedQueueAbove || gateway->shedInFlightAbove ||
            (gateway->payloadLimitKb && s.workload.payloadKb)) {
            why = "gateway '" + gateway->id + "' may turn requests away before they reach it";
            return false;
        }
        at = gateway->next;
    }
    why = "it is not reached straight from the entry (its arrivals are not the workload's)";
    return false;
}

void coldStartTheory(const Scenario& s, const FunctionPoolSpec& pool, ScenarioTheory& out) {
    TheoryPrediction p;
    p.component = pool.id;
    p.figure = "coldStartFraction";
    p.label = "cold-start fraction";
    p.formula = "exp(-rate x keepAlive)";
    p.assumptions =
        "Poisson arrivals, concurrency 1, no provisioned instances, no instance cap reached, "
        "fixed keep-alive, rate x (cold start + handler time) << 1 (requests rarely overlap)";
    std::string problem = workloadProblem(s.workload);
    std::string why;
    const double rate = s.workload.ratePerS;
    const double busyS = ((pool.coldStartMs ? pool.coldStartMs->mean().value_or(0) : 0) +
                          handlerMeanMs(pool.handler, s.topology)) *
                         1e-3;
    if (problem.empty() && !reachedDirectly(s, pool.id, why)) problem = why;
    if (problem.empty() && pool.concurrencyPerInstance != 1)
        problem = "an instance serves " + std::to_string(pool.concurrencyPerInstance) +
                  " requests at once";
    if (problem.empty() && pool.provisioned > 0) problem = "provisioned instances are always warm";
    if (problem.empty() && typeOf(pool.keepAliveS) != "constant")
        problem = "the keep-alive is not fixed";
    if (problem.empty() && hasFailureOn(s, pool.id)) problem = "injected failures on the pool";
    if (problem.empty() && !coldStartFormulaApplies(rate, busyS))
        problem =
            "too much traffic: rate x (cold start + handler time) = " + number(rate * busyS) +
            ", requests overlap (the formula needs << 1, here <= " + number(kColdStartMaxOverlap) +
            ")";
    if (!problem.empty()) {
        p.reason = problem;
        out.predictions.push_back(p);
        return;
    }
    const double keepAlive = *pool.keepAliveS->mean();
    p.value = coldStartFraction(rate, keepAlive);
    p.applicability = Applicability::Approximate;
    p.reason = "exact as traffic vanishes; overlapping requests add about rate x busy time = " +
               number(rate * busyS) + " cold starts per request, allowed as its error";
    // The overlap's share is absolute (coldstart.h); as a tolerance relative to the prediction.
    p.modelTolerance = p.value > 0 ? rate * busyS / p.value : 0;
    out.predictions.push_back(p);
}

}  // namespace

ScenarioTheory theoryForScenario(const Scenario& scenario) {
    ScenarioTheory theory;
    for (const StationSpec& station : scenario.topology.stations)
        if (station.id == scenario.topology.entry) stationTheory(scenario, station, theory);
    for (const FunctionPoolSpec& pool : scenario.topology.functions)
        coldStartTheory(scenario, pool, theory);
    return theory;
}

}  // namespace archsim::theory
