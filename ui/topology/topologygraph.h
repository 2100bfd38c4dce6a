// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scenario as a diagram, before any drawing: which boxes, which arrows, in which column. The
// arrows are derived from what requests actually do (the workload enters at the entry, a gateway
// forwards to its next component, a pool's handler steps call caches, databases and hops), so the
// picture cannot disagree with the model. Kept free of QGraphics so it is tested on its own.

#include <QString>
#include <vector>

#include "sim/run/runresult.h"
#include "sim/scenario/scenario.h"
#include "ui/document/componentref.h"

namespace archsim::ui {

struct TopologyNode {
    ComponentRef ref;
    QString title;     ///< the id (or "Workload")
    QString subtitle;  ///< the key parameters in a few words
    int column = 0;    ///< left to right, in the order requests travel
    int row = 0;
    bool entry = false;
    QString region = {};  ///< where it runs ("edge", a region id); empty without regions
};

/// Which share of the requests through an edge's source take it: the product of the branch
/// probabilities on the way, and only the misses of `missOf` (a cache id) when it is set.
struct EdgeShare {
    double probability = 1;
    QString missOf;
};

struct TopologyEdge {
    ComponentRef from;
    ComponentRef to;
    QString label;             ///< "lookup", "on miss", "p 0.3"...
    bool conditional = false;  ///< only some requests take it (miss path, branch)
    std::vector<EdgeShare> shares{EdgeShare{}};  ///< one per call of `from` to `to`
};

struct TopologyGraph {
    std::vector<TopologyNode> nodes;
    std::vector<TopologyEdge> edges;
    const TopologyNode* find(const ComponentRef& ref) const;
};

TopologyGraph buildTopologyGraph(const Scenario& scenario);

/// Requests per second along each edge of `graph` (same order), estimated from the arrival rate
/// and the latest window's cache hit ratios: the workload's rate flows from the entry on, split
/// by branch probabilities and cache misses. Retries and failures are not counted; this is for
/// drawing traffic, not for figures.
std::vector<double> edgeRates(const TopologyGraph& graph, double arrivalRatePerS,
                              const std::vector<ComponentGauge>& gauges);

/// "Poisson 9 req/s", "schedule 5 points, peak 300 req/s"...
QString describeWorkload(const WorkloadSpec& workload);

}  // namespace archsim::ui
