// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the user has selected in a scenario: a component of the topology, the workload, or the
// scenario as a whole (its run settings and cost). The topology view, the properties editor and the
// edit operations all speak in these terms, so a selection survives any edit that keeps the id.

#include <QString>

namespace archsim::ui {

enum class ComponentKind {
    None,      ///< nothing selected: the editor shows the scenario, its run settings and its cost
    Workload,  ///< the traffic source drawn left of the entry
    Gateway,
    Function,
    Server,
    Cache,
    Database,
    Hop,
    Station,
};

struct ComponentRef {
    ComponentKind kind = ComponentKind::None;
    QString id;  ///< the component id; empty for None and Workload

    bool isComponent() const {
        return kind != ComponentKind::None && kind != ComponentKind::Workload;
    }
    bool operator==(const ComponentRef&) const = default;
};

/// "Function pool", "Cache"... for menus and headings.
QString kindLabel(ComponentKind kind);
/// The resource path of the kind's icon (":/icons/function.svg").
QString kindIconPath(ComponentKind kind);

}  // namespace archsim::ui
