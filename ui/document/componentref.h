// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the user has selected in a scenario: a component of the topology, the workload, or the
// scenario as a whole (its run settings and cost). The topology view, the properties editor and the
// edit operations all speak in these terms, so a selection survives any edit that keeps the id.

#include <QString>

#include "sim/scenario/componentkind.h"

namespace archsim::ui {

struct ComponentRef {
    ComponentKind kind = ComponentKind::None;
    QString id;  ///< the component id; empty for None and Workload

    bool isComponent() const { return isTopologyComponent(kind); }
    bool operator==(const ComponentRef&) const = default;
};

/// "Function pool", "Cache"... for menus and headings.
QString kindLabel(ComponentKind kind);
/// The resource path of the kind's icon (":/icons/function.svg").
QString kindIconPath(ComponentKind kind);

}  // namespace archsim::ui
