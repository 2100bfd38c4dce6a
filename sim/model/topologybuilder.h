// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Builds the components of a topology: each kind maps to a factory that makes one component from
// its spec; once all exist, each resolves the ids it names. The model knows components only
// through their interface, so a new kind is a class and an entry in the factory table.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/model/component.h"
#include "sim/scenario/scenario.h"

namespace archsim {

struct Topology {
    /// Every component, in a fixed order: by kind (gateways, function pools, server pools,
    /// caches, databases, hops, stations, queues), then as the scenario lists them. Gauge rows and
    /// timers at the start follow this order, so it is part of what makes runs reproducible.
    std::vector<std::unique_ptr<Component>> components;
    std::map<std::string, Component*> byId;
    Component* entry = nullptr;
    /// The first component behind the entry that is not a gateway: its gauge is the headline.
    Component* entryCompute = nullptr;

    /// The component `id` names; throws std::invalid_argument if there is none.
    Component* find(const std::string& id) const;
};

class TopologyBuilder {
public:
    /// Throws std::invalid_argument for a topology the engine cannot run (the validator refuses
    /// them first, with the field's path).
    static Topology build(ModelContext& context, const TopologySpec& spec);
};

}  // namespace archsim
