// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/document/scenarioedits.h"

#include <algorithm>

#include "sim/scenario/scenariofields.h"
#include "sim/scenario/scenariojson.h"

namespace archsim::ui {

QString kindLabel(ComponentKind kind) {
    const std::string_view label = describe(kind).label;
    return QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size()));
}

QString kindIconPath(ComponentKind kind) {
    switch (kind) {
        case ComponentKind::None:
            return QStringLiteral(":/icons/archsim.svg");
        case ComponentKind::Workload:
            return QStringLiteral(":/icons/workload.svg");
        case ComponentKind::Gateway:
            return QStringLiteral(":/icons/gateway.svg");
        case ComponentKind::Function:
            return QStringLiteral(":/icons/function.svg");
        case ComponentKind::Server:
            return QStringLiteral(":/icons/server.svg");
        case ComponentKind::Cache:
            return QStringLiteral(":/icons/cache.svg");
        case ComponentKind::Database:
            return QStringLiteral(":/icons/database.svg");
        case ComponentKind::Hop:
            return QStringLiteral(":/icons/hop.svg");
        case ComponentKind::Station:
            return QStringLiteral(":/icons/station.svg");
        case ComponentKind::Queue:
            return QStringLiteral(":/icons/queue.svg");
        case ComponentKind::ObjectStore:
            return QStringLiteral(":/icons/objectstore.svg");
    }
    return {};
}

namespace {

// Applies `visit` to the id field of every component, with its kind: one place that knows where
// components live, so add/remove/rename cannot forget a kind.
template <typename Topology, typename Visit>
void forEachId(Topology& t, Visit&& visit) {
    for (auto& c : t.gateways) visit(ComponentKind::Gateway, c.id);
    for (auto& c : t.functions) visit(ComponentKind::Function, c.id);
    for (auto& c : t.servers) visit(ComponentKind::Server, c.id);
    for (auto& c : t.caches) visit(ComponentKind::Cache, c.id);
    for (auto& c : t.databases) visit(ComponentKind::Database, c.id);
    for (auto& c : t.hops) visit(ComponentKind::Hop, c.id);
    for (auto& c : t.stations) visit(ComponentKind::Station, c.id);
    for (auto& c : t.queues) visit(ComponentKind::Queue, c.id);
    for (auto& c : t.objectStores) visit(ComponentKind::ObjectStore, c.id);
}

// Applies `visit` to every field that names a queue outside handler steps (a trigger's queue, a
// server pool's polled queue, a dead-letter queue, where a PUT's event goes, queue or function),
// so rename and remove follow them too.
template <typename Visit>
void forEachQueueReference(TopologySpec& t, Visit&& visit) {
    for (auto& f : t.functions)
        if (f.trigger) visit(f.trigger->queue);
    for (auto& s : t.servers) visit(s.polls);
    for (auto& q : t.queues) visit(q.deadLetter);
    for (auto& o : t.objectStores)
        if (o.onPut) {
            visit(o.onPut->queue);
            visit(o.onPut->function);
        }
}

template <typename Visit>
void forEachStep(std::vector<HandlerStep>& steps, Visit&& visit) {
    for (auto& step : steps) {
        visit(step);
        forEachStep(step.steps, visit);
        forEachStep(step.onMiss, visit);
    }
}

template <typename Visit>
void forEachHandler(TopologySpec& t, Visit&& visit) {
    for (auto& f : t.functions) visit(f.handler);
    for (auto& s : t.servers) visit(s.handler);
}

// Removes the steps that call `id`. A removed cache lookup leaves its miss path in its place,
// because without the cache every request takes that path.
void removeCalls(std::vector<HandlerStep>& steps, const std::string& id) {
    std::vector<HandlerStep> kept;
    for (auto& step : steps) {
        removeCalls(step.steps, id);
        removeCalls(step.onMiss, id);
        if ((step.kind == HandlerStep::Kind::Call || step.kind == HandlerStep::Kind::Cache ||
             step.kind == HandlerStep::Kind::Send || step.kind == HandlerStep::Kind::Put ||
             step.kind == HandlerStep::Kind::Get) &&
            step.target == id) {
            if (step.kind == HandlerStep::Kind::Cache)
                for (auto& inner : step.onMiss) kept.push_back(std::move(inner));
            continue;
        }
        kept.push_back(std::move(step));
    }
    steps = std::move(kept);
}

template <typename Vector>
bool eraseById(Vector& items, const std::string& id) {
    const auto it =
        std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.id == id; });
    if (it == items.end()) return false;
    items.erase(it);
    return true;
}

}  // namespace

std::vector<ComponentRef> allComponents(const Scenario& scenario) {
    std::vector<ComponentRef> refs;
    forEachId(scenario.topology, [&](ComponentKind kind, const std::string& id) {
        refs.push_back({kind, QString::fromStdString(id)});
    });
    return refs;
}

ComponentKind kindOf(const Scenario& scenario, const QString& id) {
    ComponentKind found = ComponentKind::None;
    const std::string key = id.toStdString();
    forEachId(scenario.topology, [&](ComponentKind kind, const std::string& componentId) {
        if (found == ComponentKind::None && componentId == key) found = kind;
    });
    return found;
}

bool exists(const Scenario& scenario, const ComponentRef& ref) {
    if (ref.kind == ComponentKind::None || ref.kind == ComponentKind::Workload) return true;
    return kindOf(scenario, ref.id) == ref.kind;
}

QStringList idsOfKinds(const Scenario& scenario, std::initializer_list<ComponentKind> kinds) {
    QStringList ids;
    for (const auto& ref : allComponents(scenario))
        if (std::find(kinds.begin(), kinds.end(), ref.kind) != kinds.end()) ids << ref.id;
    return ids;
}

QString uniqueId(const Scenario& scenario, const QString& stem) {
    if (kindOf(scenario, stem) == ComponentKind::None) return stem;
    for (int n = 2;; ++n) {
        const QString candidate = stem + QLatin1Char('-') + QString::number(n);
        if (kindOf(scenario, candidate) == ComponentKind::None) return candidate;
    }
}

ComponentRef addComponent(Scenario& scenario, ComponentKind kind) {
    TopologySpec& t = scenario.topology;
    QString id;
    auto cpuStep = [] {
        HandlerStep step;
        step.kind = HandlerStep::Kind::Cpu;
        step.cpuMs = makeLognormalFromMedianP99(5, 15);
        return step;
    };
    switch (kind) {
        case ComponentKind::Gateway: {
            GatewaySpec g;
            id = uniqueId(scenario, QStringLiteral("gateway"));
            g.id = id.toStdString();
            g.latencyMs = makeLognormalFromMedianP99(2, 8);
            t.gateways.push_back(std::move(g));
            break;
        }
        case ComponentKind::Function: {
            FunctionPoolSpec f;
            id = uniqueId(scenario, QStringLiteral("functions"));
            f.id = id.toStdString();
            f.coldStartMs = makeLognormalFromMedianP99(100, 200);
            f.keepAliveS = makeConstant(600);
            f.handler.push_back(cpuStep());
            t.functions.push_back(std::move(f));
            break;
        }
        case ComponentKind::Server: {
            ServerPoolSpec s;
            id = uniqueId(scenario, QStringLiteral("servers"));
            s.id = id.toStdString();
            s.handler.push_back(cpuStep());
            t.servers.push_back(std::move(s));
            break;
        }
        case ComponentKind::Cache: {
            CacheSpec c;
            id = uniqueId(scenario, QStringLiteral("cache"));
            c.id = id.toStdString();
            c.lookupMs = makeLognormalFromMedianP99(1, 5);
            c.hitRatio = 0.9;
            t.caches.push_back(std::move(c));
            break;
        }
        case ComponentKind::Database: {
            DatabaseSpec d;
            id = uniqueId(scenario, QStringLiteral("database"));
            d.id = id.toStdString();
            d.queryMs = makeLognormalFromMedianP99(20, 60);
            t.databases.push_back(std::move(d));
            break;
        }
        case ComponentKind::Hop: {
            NetworkHopSpec h;
            id = uniqueId(scenario, QStringLiteral("network"));
            h.id = id.toStdString();
            h.latencyMs = makeLognormalFromMedianP99(10, 30);
            t.hops.push_back(std::move(h));
            break;
        }
        case ComponentKind::Station: {
            StationSpec s;
            id = uniqueId(scenario, QStringLiteral("station"));
            s.id = id.toStdString();
            s.serviceMs = makeExponential(10);
            t.stations.push_back(std::move(s));
            break;
        }
        case ComponentKind::Queue: {
            QueueSpec q;
            id = uniqueId(scenario, QStringLiteral("queue"));
            q.id = id.toStdString();
            q.enqueueMs = makeLognormalFromMedianP99(8, 30);
            t.queues.push_back(std::move(q));
            break;
        }
        case ComponentKind::ObjectStore: {
            ObjectStoreSpec o;
            id = uniqueId(scenario, QStringLiteral("store"));
            o.id = id.toStdString();
            o.putMs = makeLognormalFromMedianP99(40, 150);
            o.getMs = makeLognormalFromMedianP99(20, 80);
            o.bandwidthMbPerS = makeLognormalFromMedianP99(80, 250);
            t.objectStores.push_back(std::move(o));
            // Requests cannot arrive at a store: it never becomes the entry.
            return {kind, id};
        }
        case ComponentKind::None:
        case ComponentKind::Workload:
            return {};
    }
    if (t.entry.empty()) t.entry = id.toStdString();
    return {kind, id};
}

bool removeComponent(Scenario& scenario, const ComponentRef& ref) {
    if (!ref.isComponent() || !exists(scenario, ref)) return false;
    TopologySpec& t = scenario.topology;
    const std::string id = ref.id.toStdString();
    switch (ref.kind) {
        case ComponentKind::Gateway:
            eraseById(t.gateways, id);
            break;
        case ComponentKind::Function:
            eraseById(t.functions, id);
            break;
        case ComponentKind::Server:
            eraseById(t.servers, id);
            break;
        case ComponentKind::Cache:
            eraseById(t.caches, id);
            break;
        case ComponentKind::Database:
            eraseById(t.databases, id);
            break;
        case ComponentKind::Hop:
            eraseById(t.hops, id);
            break;
        case ComponentKind::Station:
            eraseById(t.stations, id);
            break;
        case ComponentKind::Queue:
            eraseById(t.queues, id);
            break;
        case ComponentKind::ObjectStore:
            eraseById(t.objectStores, id);
            break;
        case ComponentKind::None:
        case ComponentKind::Workload:
            return false;
    }
    for (auto& g : t.gateways)
        if (g.next == id) g.next.clear();
    forEachQueueReference(t, [&](std::string& queue) {
        if (queue == id) queue.clear();
    });
    // A trigger without its queue would be refused: the pool is no longer triggered.
    for (auto& f : t.functions)
        if (f.trigger && f.trigger->queue.empty()) f.trigger.reset();
    // So would a PUT event going nowhere: the store raises none.
    for (auto& o : t.objectStores)
        if (o.onPut && o.onPut->queue.empty() && o.onPut->function.empty()) o.onPut.reset();
    forEachHandler(t, [&](std::vector<HandlerStep>& handler) { removeCalls(handler, id); });
    removeCalls(scenario.workload.afterResponse, id);
    if (t.entry == id) {
        // Requests need somewhere to arrive: the first remaining component takes over.
        const auto remaining = allComponents(scenario);
        t.entry = remaining.empty() ? std::string() : remaining.front().id.toStdString();
    }
    return true;
}

bool renameComponent(Scenario& scenario, const ComponentRef& ref, const QString& newId,
                     QString* error) {
    const QString trimmed = newId.trimmed();
    auto fail = [&](const QString& message) {
        if (error) *error = message;
        return false;
    };
    if (trimmed.isEmpty()) return fail(QStringLiteral("an id must not be empty"));
    if (trimmed == ref.id) return true;
    if (kindOf(scenario, trimmed) != ComponentKind::None)
        return fail(QStringLiteral("'%1' is already the id of another component").arg(trimmed));
    if (!exists(scenario, ref) || !ref.isComponent())
        return fail(QStringLiteral("no component '%1'").arg(ref.id));
    const std::string from = ref.id.toStdString();
    const std::string to = trimmed.toStdString();
    TopologySpec& t = scenario.topology;
    forEachId(t, [&](ComponentKind kind, std::string& id) {
        if (kind == ref.kind && id == from) id = to;
    });
    for (auto& g : t.gateways)
        if (g.next == from) g.next = to;
    forEachQueueReference(t, [&](std::string& queue) {
        if (queue == from) queue = to;
    });
    forEachHandler(t, [&](std::vector<HandlerStep>& handler) {
        forEachStep(handler, [&](HandlerStep& step) {
            if (step.target == from) step.target = to;
        });
    });
    forEachStep(scenario.workload.afterResponse, [&](HandlerStep& step) {
        if (step.target == from) step.target = to;
    });
    if (t.entry == from) t.entry = to;
    return true;
}

bool connectComponents(Scenario& scenario, const ComponentRef& from, const ComponentRef& to,
                       QString* error) {
    auto fail = [&](const QString& message) {
        if (error) *error = message;
        return false;
    };
    if (from.kind == ComponentKind::Workload) {
        if (!to.isComponent()) return fail(QStringLiteral("pick a component as the entry"));
        setEntry(scenario, to);
        return true;
    }
    if (!from.isComponent() || !to.isComponent() || !exists(scenario, from) ||
        !exists(scenario, to))
        return fail(QStringLiteral("pick two components to connect"));
    if (from == to) return fail(QStringLiteral("a component cannot call itself"));
    const std::string target = to.id.toStdString();
    if (from.kind == ComponentKind::Gateway) {
        for (auto& g : scenario.topology.gateways)
            if (g.id == from.id.toStdString()) g.next = target;
        return true;
    }
    std::vector<HandlerStep>* handler = handlerOf(scenario, from);
    if (!handler)
        return fail(QStringLiteral("a %1 makes no calls; connect from a gateway or a pool")
                        .arg(kindLabel(from.kind).toLower()));
    HandlerStep step;
    step.kind = to.kind == ComponentKind::Cache         ? HandlerStep::Kind::Cache
                : to.kind == ComponentKind::Queue       ? HandlerStep::Kind::Send
                : to.kind == ComponentKind::ObjectStore ? HandlerStep::Kind::Put
                                                        : HandlerStep::Kind::Call;
    step.target = target;
    handler->push_back(std::move(step));
    return true;
}

void setEntry(Scenario& scenario, const ComponentRef& ref) {
    // Requests cannot arrive at an object store: it is reached by put and get steps only.
    if (ref.isComponent() && ref.kind != ComponentKind::ObjectStore)
        scenario.topology.entry = ref.id.toStdString();
}

std::vector<HandlerStep>* handlerOf(Scenario& scenario, const ComponentRef& ref) {
    const std::string id = ref.id.toStdString();
    if (ref.kind == ComponentKind::Function)
        for (auto& f : scenario.topology.functions)
            if (f.id == id) return &f.handler;
    if (ref.kind == ComponentKind::Server)
        for (auto& s : scenario.topology.servers)
            if (s.id == id) return &s.handler;
    return nullptr;
}

const std::vector<HandlerStep>* handlerOf(const Scenario& scenario, const ComponentRef& ref) {
    return handlerOf(const_cast<Scenario&>(scenario), ref);
}

QStringList validateScenario(const Scenario& scenario, const QString& baseDirectory) {
    QStringList problems;
    try {
        ValidationReport report;
        const auto readBack =
            scenarioFromJson(scenarioToJson(scenario), report, baseDirectory.toStdString());
        for (const auto& issue : report.issues())
            problems << QString::fromStdString(issue.toString());
        if (!readBack && problems.isEmpty()) problems << QStringLiteral("the scenario is invalid");
    } catch (const std::exception& e) {
        // A half-built value (a missing distribution, say) must never take the window down.
        problems << QString::fromUtf8(e.what());
    }
    return problems;
}

QString canonicalText(const Scenario& scenario) {
    return QString::fromStdString(scenarioToJson(scenario).dump(2));
}

}  // namespace archsim::ui
