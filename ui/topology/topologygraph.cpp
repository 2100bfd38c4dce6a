// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/topology/topologygraph.h"

#include <algorithm>
#include <map>
#include <optional>

#include "ui/document/scenarioedits.h"

namespace archsim::ui {

namespace {

QString number(double value) {
    return QString::number(value, 'g', 4);
}

QString brief(const DistributionPtr& distribution, const QString& unit) {
    if (!distribution) return QStringLiteral("–");
    if (auto median = distribution->quantile(0.5)) {
        const auto p99 = distribution->quantile(0.99);
        if (p99 && *p99 > *median * 1.05)
            return QStringLiteral("p50 %1 / p99 %2 %3").arg(number(*median), number(*p99), unit);
        return QStringLiteral("%1 %2").arg(number(*median), unit);
    }
    return QString::fromStdString(distribution->describe());
}

void collectEdges(const std::vector<HandlerStep>& steps, const Scenario& scenario,
                  const ComponentRef& from, const QString& context, bool conditional,
                  std::vector<TopologyEdge>& edges, EdgeShare share = {}) {
    for (const HandlerStep& step : steps) {
        switch (step.kind) {
            case HandlerStep::Kind::Cpu:
                break;
            case HandlerStep::Kind::Call:
            case HandlerStep::Kind::Send:
            case HandlerStep::Kind::Put:
            case HandlerStep::Kind::Get:
            case HandlerStep::Kind::Cache: {
                const QString target = QString::fromStdString(step.target);
                const ComponentKind kind = kindOf(scenario, target);
                if (kind != ComponentKind::None) {
                    QString label = step.kind == HandlerStep::Kind::Cache ? QStringLiteral("lookup")
                                    : step.kind == HandlerStep::Kind::Send ? QStringLiteral("send")
                                    : step.kind == HandlerStep::Kind::Put  ? QStringLiteral("PUT")
                                    : step.kind == HandlerStep::Kind::Get  ? QStringLiteral("GET")
                                                                           : QStringLiteral("call");
                    if (!context.isEmpty()) label = context;
                    edges.push_back({from, {kind, target}, label, conditional, {share}});
                }
                EdgeShare miss = share;
                if (step.kind == HandlerStep::Kind::Cache) miss.missOf = target;
                collectEdges(step.onMiss, scenario, from, QStringLiteral("on miss"), true, edges,
                             miss);
                break;
            }
            case HandlerStep::Kind::Branch:
                collectEdges(step.steps, scenario, from,
                             QStringLiteral("p %1").arg(number(step.probability)), true, edges,
                             {share.probability * step.probability, share.missOf});
                break;
        }
    }
}

QString subtitleOf(const Scenario& s, const ComponentRef& ref) {
    const std::string id = ref.id.toStdString();
    for (const auto& g : s.topology.gateways)
        if (g.id == id) {
            QString text = brief(g.latencyMs, QStringLiteral("ms"));
            if (g.payloadLimitKb)
                text += QStringLiteral(" · ≤%1 KB").arg(number(*g.payloadLimitKb));
            return text;
        }
    for (const auto& f : s.topology.functions)
        if (f.id == id) {
            // At the edge every client region has instances of its own, and its own limit.
            const bool perRegion = f.region == kEdgeRegion && !s.topology.regions.empty();
            return QStringLiteral("%1/instance · ≤%2%3\ncold %4")
                .arg(f.concurrencyPerInstance)
                .arg(f.maxInstances)
                .arg(perRegion ? QStringLiteral("/region") : QStringLiteral(" inst"))
                .arg(brief(f.coldStartMs, QStringLiteral("ms")));
        }
    for (const auto& p : s.topology.servers)
        if (p.id == id)
            return QStringLiteral("%1 × %2 workers%3")
                .arg(p.replicas)
                .arg(p.workersPerReplica)
                .arg(p.autoscaler ? QStringLiteral(" · autoscaled") : QString());
    for (const auto& c : s.topology.caches)
        if (c.id == id)
            return QStringLiteral("%1 · %2\n%3")
                .arg(c.placement == CachePlacement::InProcess ? QStringLiteral("in-process")
                                                              : QStringLiteral("remote"),
                     c.hitRatio ? QStringLiteral("hit %1%").arg(number(*c.hitRatio * 100))
                                : QStringLiteral("Zipf %1 keys").arg(c.keys),
                     brief(c.lookupMs, QStringLiteral("ms")));
    for (const auto& d : s.topology.databases)
        if (d.id == id)
            return QStringLiteral("%1\n%2 connections")
                .arg(brief(d.queryMs, QStringLiteral("ms")))
                .arg(d.connections);
    for (const auto& h : s.topology.hops)
        if (h.id == id) return brief(h.latencyMs, QStringLiteral("ms"));
    for (const auto& st : s.topology.stations)
        if (st.id == id)
            return QStringLiteral("%1 servers\n%2")
                .arg(st.servers)
                .arg(brief(st.serviceMs, QStringLiteral("ms")));
    for (const auto& o : s.topology.objectStores)
        if (o.id == id)
            return QStringLiteral("PUT %1\n%2 MB/s%3")
                .arg(brief(o.putMs, QStringLiteral("ms")),
                     number(o.bandwidthMbPerS ? o.bandwidthMbPerS->quantile(0.5).value_or(0) : 0),
                     o.onPut ? QStringLiteral(" · PUT event") : QString());
    for (const auto& q : s.topology.queues)
        if (q.id == id)
            return QStringLiteral("%1%2\nvisibility %3 s")
                .arg(q.order == QueueOrder::Fifo ? QStringLiteral("FIFO")
                                                 : QStringLiteral("best effort"),
                     q.maxReceives ? QStringLiteral(" · %1 receives").arg(*q.maxReceives)
                                   : QString(),
                     number(q.visibilityTimeoutS));
    return {};
}

/// Where a component runs, as its region tag shows it: "" when the scenario has no regions (or
/// for an in-process cache, which runs inside its pool's instances).
QString regionOf(const Scenario& s, const ComponentRef& ref) {
    if (s.topology.regions.empty()) return {};
    const std::string id = ref.id.toStdString();
    std::optional<std::string> region;
    const auto look = [&](const auto& specs) {
        for (const auto& spec : specs)
            if (spec.id == id) region = spec.region;
    };
    look(s.topology.gateways);
    look(s.topology.functions);
    look(s.topology.servers);
    look(s.topology.databases);
    look(s.topology.hops);
    look(s.topology.queues);
    look(s.topology.objectStores);
    for (const auto& c : s.topology.caches)
        if (c.id == id && c.placement == CachePlacement::Remote) region = c.region;
    if (!region) return {};
    return QString::fromStdString(region->empty() ? s.topology.regions.front().id : *region);
}

}  // namespace

QString describeWorkload(const WorkloadSpec& w) {
    switch (w.type) {
        case WorkloadType::Poisson:
            return QStringLiteral("Poisson %1 req/s").arg(number(w.ratePerS));
        case WorkloadType::Schedule: {
            double peak = 0;
            for (const auto& p : w.schedule) peak = std::max(peak, p.ratePerS);
            return QStringLiteral("schedule, peak %1 req/s").arg(number(peak));
        }
        case WorkloadType::OnOff:
            return QStringLiteral("bursts %1 / %2 req/s")
                .arg(number(w.onRatePerS), number(w.offRatePerS));
        case WorkloadType::Closed:
            return QStringLiteral("%1 users, closed loop").arg(w.users);
        case WorkloadType::Trace:
            return QStringLiteral("trace replay");
    }
    return {};
}

const TopologyNode* TopologyGraph::find(const ComponentRef& ref) const {
    for (const auto& node : nodes)
        if (node.ref == ref) return &node;
    return nullptr;
}

TopologyGraph buildTopologyGraph(const Scenario& s) {
    TopologyGraph graph;
    const ComponentRef workload{ComponentKind::Workload, {}};
    graph.nodes.push_back(
        {workload, QStringLiteral("Workload"), describeWorkload(s.workload), 0, 0, false});
    for (const ComponentRef& ref : allComponents(s)) {
        TopologyNode node;
        node.ref = ref;
        node.title = ref.id;
        node.subtitle = subtitleOf(s, ref);
        node.entry = ref.id.toStdString() == s.topology.entry;
        node.region = regionOf(s, ref);
        graph.nodes.push_back(node);
    }
    const ComponentKind entryKind = kindOf(s, QString::fromStdString(s.topology.entry));
    if (entryKind != ComponentKind::None)
        graph.edges.push_back(
            {workload, {entryKind, QString::fromStdString(s.topology.entry)}, {}, false});
    for (const auto& g : s.topology.gateways) {
        const QString next = QString::fromStdString(g.next);
        const ComponentKind kind = kindOf(s, next);
        if (kind != ComponentKind::None)
            graph.edges.push_back(
                {{ComponentKind::Gateway, QString::fromStdString(g.id)}, {kind, next}, {}, false});
    }
    for (const auto& f : s.topology.functions)
        collectEdges(f.handler, s, {ComponentKind::Function, QString::fromStdString(f.id)}, {},
                     false, graph.edges);
    for (const auto& p : s.topology.servers)
        collectEdges(p.handler, s, {ComponentKind::Server, QString::fromStdString(p.id)}, {}, false,
                     graph.edges);
    // Messages flow from a queue to the pools that consume it and to its dead-letter queue.
    const auto queueEdge = [&](const std::string& queue, const ComponentRef& to,
                               const QString& label) {
        const QString id = QString::fromStdString(queue);
        if (kindOf(s, id) == ComponentKind::Queue)
            graph.edges.push_back({{ComponentKind::Queue, id}, to, label, false});
    };
    for (const auto& f : s.topology.functions)
        if (f.trigger)
            queueEdge(f.trigger->queue, {ComponentKind::Function, QString::fromStdString(f.id)},
                      QStringLiteral("jobs"));
    for (const auto& p : s.topology.servers)
        if (!p.polls.empty())
            queueEdge(p.polls, {ComponentKind::Server, QString::fromStdString(p.id)},
                      QStringLiteral("jobs"));
    for (const auto& q : s.topology.queues)
        if (!q.deadLetter.empty())
            queueEdge(q.id, {ComponentKind::Queue, QString::fromStdString(q.deadLetter)},
                      QStringLiteral("dead letters"));
    // The client's steps after the response start at the workload; a store's PUT events go on.
    collectEdges(s.workload.afterResponse, s, workload, QStringLiteral("after the response"), false,
                 graph.edges);
    for (const auto& o : s.topology.objectStores) {
        if (!o.onPut) continue;
        const QString target =
            QString::fromStdString(o.onPut->queue.empty() ? o.onPut->function : o.onPut->queue);
        const ComponentKind kind = kindOf(s, target);
        if (kind != ComponentKind::None)
            graph.edges.push_back({{ComponentKind::ObjectStore, QString::fromStdString(o.id)},
                                   {kind, target},
                                   QStringLiteral("on PUT"),
                                   false});
    }

    // One arrow per pair: a handler that calls a database twice shows one arrow with both labels.
    std::vector<TopologyEdge> merged;
    for (const auto& edge : graph.edges) {
        auto same = std::find_if(merged.begin(), merged.end(), [&](const TopologyEdge& e) {
            return e.from == edge.from && e.to == edge.to;
        });
        if (same == merged.end()) {
            merged.push_back(edge);
        } else {
            if (!edge.label.isEmpty() && !same->label.contains(edge.label))
                same->label +=
                    (same->label.isEmpty() ? QString() : QStringLiteral(", ")) + edge.label;
            same->conditional = same->conditional && edge.conditional;
            same->shares.insert(same->shares.end(), edge.shares.begin(), edge.shares.end());
        }
    }
    graph.edges = std::move(merged);

    // Columns: the longest path from the workload (a Bellman-Ford style relaxation, capped at one
    // pass per node so a cycle of calls cannot loop), so every arrow of a chain points right.
    const int n = static_cast<int>(graph.nodes.size());
    auto indexOf = [&](const ComponentRef& ref) {
        for (int i = 0; i < n; ++i)
            if (graph.nodes[static_cast<std::size_t>(i)].ref == ref) return i;
        return -1;
    };
    std::vector<int> depth(static_cast<std::size_t>(n), -1);
    depth[0] = 0;
    for (int pass = 0; pass < n; ++pass) {
        bool changed = false;
        for (const auto& edge : graph.edges) {
            const int a = indexOf(edge.from), b = indexOf(edge.to);
            if (a < 0 || b < 0 || depth[static_cast<std::size_t>(a)] < 0) continue;
            const int candidate = depth[static_cast<std::size_t>(a)] + 1;
            if (candidate > depth[static_cast<std::size_t>(b)] && candidate < n) {
                depth[static_cast<std::size_t>(b)] = candidate;
                changed = true;
            }
        }
        if (!changed) break;
    }
    const int deepest = *std::max_element(depth.begin(), depth.end());
    std::map<int, int> rows;
    for (int i = 0; i < n; ++i) {
        auto& node = graph.nodes[static_cast<std::size_t>(i)];
        // Components nothing reaches yet stand in a column of their own, waiting to be connected.
        node.column = depth[static_cast<std::size_t>(i)] >= 0 ? depth[static_cast<std::size_t>(i)]
                                                              : deepest + 1;
        node.row = rows[node.column]++;
    }
    return graph;
}

std::vector<double> edgeRates(const TopologyGraph& graph, double arrivalRatePerS,
                              const std::vector<ComponentGauge>& gauges) {
    std::vector<double> rates(graph.edges.size(), 0.0);
    if (!(arrivalRatePerS > 0)) return rates;
    const auto missRatio = [&gauges](const QString& cache) {
        for (const auto& gauge : gauges)
            if (QString::fromStdString(gauge.id) == cache && gauge.hitRatio >= 0)
                return 1 - gauge.hitRatio;
        return 1.0;  // no lookups measured yet: every request goes on
    };
    const auto columnOf = [&graph](const ComponentRef& ref) {
        const TopologyNode* node = graph.find(ref);
        return node ? node->column : 0;
    };
    // Left to right, in the order requests travel: each node's flow is complete before it is
    // passed on (backward arrows carry what has arrived so far).
    std::vector<std::size_t> order(graph.edges.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return columnOf(graph.edges[a].from) < columnOf(graph.edges[b].from);
    });
    std::map<QString, double> flow;
    const auto keyOf = [](const ComponentRef& ref) {
        return QString::number(static_cast<int>(ref.kind)) + QLatin1Char('/') + ref.id;
    };
    flow[keyOf({ComponentKind::Workload, {}})] = arrivalRatePerS;
    for (std::size_t i : order) {
        const TopologyEdge& edge = graph.edges[i];
        const double in = flow[keyOf(edge.from)];
        double share = 0;
        for (const EdgeShare& part : edge.shares)
            share += part.probability * (part.missOf.isEmpty() ? 1.0 : missRatio(part.missOf));
        rates[i] = in * share;
        flow[keyOf(edge.to)] += rates[i];
    }
    return rates;
}

}  // namespace archsim::ui
