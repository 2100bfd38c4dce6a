// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/model/topologybuilder.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "sim/model/components/cache.h"
#include "sim/model/components/database.h"
#include "sim/model/components/functionpool.h"
#include "sim/model/components/gateway.h"
#include "sim/model/components/networkhop.h"
#include "sim/model/components/objectstore.h"
#include "sim/model/components/queue.h"
#include "sim/model/components/serverpool.h"
#include "sim/model/components/station.h"
#include "sim/model/enginelimits.h"
#include "sim/model/regionmap.h"

namespace archsim {
namespace {

/// Makes the components of one kind from the topology, appending them to `out`.
using Factory = std::function<void(ModelContext&, const TopologySpec&,
                                   std::vector<std::unique_ptr<Component>>&)>;

template <class ComponentClass, class Spec>
Factory each(const std::vector<Spec> TopologySpec::*specs) {
    return [specs](ModelContext& context, const TopologySpec& topology,
                   std::vector<std::unique_ptr<Component>>& out) {
        for (const Spec& spec : topology.*specs)
            out.push_back(std::make_unique<ComponentClass>(context, spec));
    };
}

/// The factory of every kind, in the order components are built.
const std::vector<std::pair<ComponentKind, Factory>>& factories() {
    static const std::vector<std::pair<ComponentKind, Factory>> table = {
        {ComponentKind::Gateway, each<Gateway>(&TopologySpec::gateways)},
        {ComponentKind::Function, each<FunctionPool>(&TopologySpec::functions)},
        {ComponentKind::Server, each<ServerPool>(&TopologySpec::servers)},
        {ComponentKind::Cache,
         [](ModelContext& context, const TopologySpec& topology,
            std::vector<std::unique_ptr<Component>>& out) {
             // In-process caches live in each slot of a pool, keyed by the cache's index.
             for (std::uint32_t i = 0; i < topology.caches.size(); ++i)
                 out.push_back(std::make_unique<Cache>(context, topology.caches[i], i));
         }},
        {ComponentKind::Database, each<Database>(&TopologySpec::databases)},
        {ComponentKind::Hop, each<NetworkHop>(&TopologySpec::hops)},
        {ComponentKind::Station, each<Station>(&TopologySpec::stations)},
        {ComponentKind::Queue, each<Queue>(&TopologySpec::queues)},
        {ComponentKind::ObjectStore, each<ObjectStore>(&TopologySpec::objectStores)},
    };
    return table;
}

/// Places each component in the region its spec names. An in-process cache lives in its pool's
/// slots, so it is wherever the pool is (nowhere of its own: no round trip to reach it).
void placeComponents(Topology& topology, const TopologySpec& spec, const RegionMap& regions) {
    const auto place = [&](const auto& specs) {
        for (const auto& s : specs)
            topology.find(s.id)->setPlacement(regions.placementOf(s.region));
    };
    place(spec.gateways);
    place(spec.functions);
    place(spec.servers);
    place(spec.databases);
    place(spec.hops);
    place(spec.queues);
    place(spec.objectStores);
    for (const CacheSpec& cache : spec.caches)
        topology.find(cache.id)->setPlacement(cache.placement == CachePlacement::InProcess
                                                  ? RegionMap::kNowhere
                                                  : regions.placementOf(cache.region));
}

}  // namespace

Component* Topology::find(const std::string& id) const {
    const auto it = byId.find(id);
    if (it == byId.end()) throw std::invalid_argument("the topology has no component '" + id + "'");
    return it->second;
}

Topology TopologyBuilder::build(ModelContext& context, const TopologySpec& spec) {
    // The validator refuses larger topologies; slot numbers in timer payloads rely on it.
    if (spec.functions.size() > kMaxPoolsPerKind || spec.servers.size() > kMaxPoolsPerKind)
        throw std::invalid_argument("more than " + std::to_string(kMaxPoolsPerKind) +
                                    " function or server pools");
    Topology topology;
    for (const auto& [kind, make] : factories()) make(context, spec, topology.components);
    for (std::uint32_t i = 0; i < topology.components.size(); ++i) {
        Component& component = *topology.components[i];
        component.setIndex(i);
        topology.byId.emplace(component.id(), &component);
    }
    if (context.regions && context.regions->active())
        placeComponents(topology, spec, *context.regions);
    const ComponentResolver resolve = [&topology](const std::string& id) {
        return topology.find(id);
    };
    for (const auto& component : topology.components) component->connect(resolve);

    topology.entry = topology.find(spec.entry);
    // The headline gauges follow the first component behind the entry's gateways.
    Component* compute = topology.entry;
    for (int hops = 0; compute && compute->kind() == ComponentKind::Gateway && hops < 16; ++hops) {
        const auto& gateways = spec.gateways;
        const auto it = std::find_if(gateways.begin(), gateways.end(),
                                     [&](const GatewaySpec& g) { return g.id == compute->id(); });
        compute = it == gateways.end() || it->next.empty() ? nullptr : topology.find(it->next);
    }
    topology.entryCompute = compute;
    return topology;
}

}  // namespace archsim
