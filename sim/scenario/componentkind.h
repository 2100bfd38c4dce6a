// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one list of what a scenario can contain, shared by the model (sim/model), the scenario
// reader and writer (sim/scenario) and the window (ui/). Adding a component kind starts here.
//
// None and Workload are not topology components: they exist so the window can speak of "nothing
// selected" and "the traffic source" in the same terms as the components it draws.

#include <cstdint>

namespace archsim {

enum class ComponentKind : std::uint8_t {
    None,      ///< no component (an unresolved reference; nothing selected in the window)
    Workload,  ///< the traffic source
    Gateway,
    Function,  ///< a serverless function pool
    Server,    ///< a pool of long-lived servers behind a load balancer
    Cache,
    Database,
    Hop,      ///< a network hop
    Station,  ///< c servers behind one FIFO line (the validation model)
    Queue,    ///< a message queue whose messages become jobs of consumer pools
    ObjectStore,  ///< an object store (PUT and GET of payload-sized objects)
};

/// True for the kinds that are components of a topology (everything but None and Workload).
constexpr bool isTopologyComponent(ComponentKind kind) {
    return kind != ComponentKind::None && kind != ComponentKind::Workload;
}

/// True for the kinds that run a handler and hold a slot while it runs.
constexpr bool isComputePool(ComponentKind kind) {
    return kind == ComponentKind::Function || kind == ComponentKind::Server;
}

}  // namespace archsim
