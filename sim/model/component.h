// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every component of a topology is to the rest of the model: something a request can be
// handed to, that may hold a slot for it, and that reports its gauges once per window.
//
// A component hands a request on only through the request flow (sim/model/requestflow.h): resume
// when the call or step it served is done, fail when it cannot serve it. It never calls another
// component by its concrete class, only through this interface (a gateway's next hop, a handler's
// call target), so a new kind is one new class and one line in the topology builder.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/core/randomstreams.h"
#include "sim/core/simulator.h"
#include "sim/model/handlerprogram.h"
#include "sim/model/modelcounters.h"
#include "sim/model/request.h"
#include "sim/model/timeaverage.h"
#include "sim/run/runresult.h"
#include "sim/scenario/componentkind.h"

namespace archsim {

class JobRecorder;
class LruCache;
class RegionMap;
class RequestFlow;

/// What a component is built with: the clock, the request records, the shared counters, the flow
/// that moves requests on, and the seed its random streams are derived from.
struct ModelContext {
    Simulator& simulator;
    RequestTable& requests;
    ModelCounters& counters;
    RequestFlow& flow;
    std::uint64_t seed = 1;
    std::uint64_t replication = 0;
    JobRecorder* jobs = nullptr;  ///< where queues record what becomes of their messages
    /// The scenario's regions (inactive without any), set before the topology is built.
    RegionMap* regions = nullptr;

    /// The component's own stream for one purpose (common random numbers across scenarios).
    RandomEngine stream(const std::string& componentId, const char* role) const {
        return makeStream(seed, replication, componentId, role);
    }
    Time now() const { return simulator.now(); }
};

/// Figures summed over components for a window's headline (all caches, all databases).
struct WindowTotals {
    std::uint64_t cacheHits = 0;
    std::uint64_t cacheLookups = 0;
    double connectionsInUse = 0;
};

class Component;
/// Finds the component an id names; throws std::invalid_argument if there is none.
using ComponentResolver = std::function<Component*(const std::string& id)>;

class Component {
public:
    Component(ModelContext& context, ComponentKind kind, std::string id)
        : m_context(context), m_kind(kind), m_id(std::move(id)) {}
    virtual ~Component() = default;
    Component(const Component&) = delete;
    Component& operator=(const Component&) = delete;

    ComponentKind kind() const { return m_kind; }
    const std::string& id() const { return m_id; }

    /// A request arrives now: from the workload at the entry, from a gateway in front, or from a
    /// handler's call or cache step.
    virtual void accept(std::uint32_t request) = 0;
    /// Resolves the ids the component names (a gateway's next, a handler's targets), once every
    /// component of the topology exists.
    virtual void connect(const ComponentResolver& resolve) { (void)resolve; }
    /// Gives back the slot `frame` holds (compute pools; other components hold no slots).
    virtual void release(const Frame& frame) { (void)frame; }
    /// Schedules what the component needs at the start of the run (warm instances, timers).
    virtual void start() {}
    /// Fills the component's gauge for the window [start, end), read with the clock at `end`.
    /// Returns false for components that have no row in the time series.
    virtual bool fillGauge(ComponentGauge& gauge, WindowTotals& totals, Time start, Time end) {
        (void)gauge, (void)totals, (void)start, (void)end;
        return false;
    }
    /// Adds the component's time-integrated usage (replica-seconds, provisioned instance-seconds)
    /// from time 0 up to `now`.
    virtual void addUsage(UsageTotals& usage, Time now) const { (void)usage, (void)now; }
    /// Starts the measured period (the end of the warm-up).
    virtual void beginMeasurement() {}
    /// Adds the component's whole-run figures to the result (the entry station's queueing figures).
    virtual void finish(RunResult& result) { (void)result; }
    /// Requests waiting in the component's queues now (for load shedding in front of it).
    virtual std::size_t waiting() const { return 0; }

    /// An injected failure on the component begins or ends (sim/model/faulttimeline.h).
    void beginFailure(const FailureSpec& failure);
    void endFailure(const FailureSpec& failure);
    /// Every latency the component adds is multiplied by this (1 unless it is slowed).
    double slowdown() const { return m_slowdown; }
    /// Where the component runs: a region's index, RegionMap::kEdge or RegionMap::kNowhere.
    int placement() const { return m_placement; }
    void setPlacement(int placement) { m_placement = placement; }
    /// The component's position in the topology (what a crossing event names it by).
    std::uint32_t index() const { return m_index; }
    void setIndex(std::uint32_t index) { m_index = index; }

protected:
    /// With a failure active, fails a request the component is down for or draws an injected
    /// error for (true: the request has been failed and must not be served).
    bool refuses(std::uint32_t request) { return m_failing && refusesNow(request); }
    /// True while the component is down.
    bool down() const { return m_downCount > 0; }
    /// Draws whether an injected error hits a request now (false without such a failure).
    bool drawsError();
    /// A cache flush (caches) or the loss of a share of capacity (pools); others ignore them.
    virtual void flush() {}
    virtual void loseCapacity(double share) { (void)share; }
    virtual void restoreCapacity(double share) { (void)share; }

    ModelContext& m_context;

private:
    bool refusesNow(std::uint32_t request);
    void updateFailureState();

    bool m_failing = false;  // any failure active: the only check on the path of a healthy run
    int m_downCount = 0;
    double m_slowdown = 1;
    double m_errorProbability = 0;
    std::vector<const FailureSpec*> m_active;
    RandomEngine m_failureEngine;
    bool m_failureEngineReady = false;

    ComponentKind m_kind;
    std::string m_id;
    int m_placement = -1;  // RegionMap::kNowhere
    std::uint32_t m_index = 0;
};

/// A component that runs a handler on a slot it grants (a function instance, a server worker).
/// The handler program and its stream are held here, not behind virtual calls: the request flow
/// reads them at every operation of every request.
class ComputePool : public Component {
public:
    ComputePool(ModelContext& context, ComponentKind kind, std::string id, RandomEngine handler,
                bool billsCpu)
        : Component(context, kind, std::move(id)),
          m_handlerEngine(handler),
          m_billsCpu(billsCpu) {}

    /// The compiled handler every request granted a slot here runs.
    const HandlerProgram& program() const { return m_program; }
    /// The stream the handler's CPU times and branches are drawn from.
    RandomEngine& handlerEngine() { return m_handlerEngine; }
    /// True if CPU time here is billed as function CPU time.
    bool billsCpu() const { return m_billsCpu; }
    /// The in-process cache `cacheIndex` of slot `slot` (created empty with `capacity` entries).
    virtual LruCache& localCache(std::uint32_t slot, std::uint32_t cacheIndex,
                                 std::int64_t capacity) = 0;

    /// A request's frame begins on one of the pool's slots, or ends (it was granted at `since`).
    /// Kept for Little's law: the time-average of frames held against their rate and mean length,
    /// measured independently, must agree (sim/theory/littleslaw.h).
    void noteFrameBegins(Time now) { m_framesHeld.add(now, 1); }
    void noteFrameEnds(Time now, Time since) {
        m_framesHeld.add(now, -1);
        if (m_holdMeasuring) {
            ++m_framesEnded;
            m_frameTime += static_cast<double>(now - since);
        }
    }
    /// Starts the measured period of the figures above.
    void beginHoldMeasurement(Time now) {
        m_holdMeasuring = true;
        m_holdSince = now;
        m_heldAreaAtStart = m_framesHeld.areaAt(now);
    }
    /// The frames' figures over the measured period up to `now`.
    ComponentFigures holdFigures(Time now) const {
        ComponentFigures f;
        f.id = id();
        const double period = static_cast<double>(now - m_holdSince);
        if (!m_holdMeasuring || period <= 0) return f;
        f.meanHeld = (m_framesHeld.areaAt(now) - m_heldAreaAtStart) / period;
        f.endedPerS = static_cast<double>(m_framesEnded) / (period * 1e-9);
        f.meanHoldS = m_framesEnded ? m_frameTime * 1e-9 / static_cast<double>(m_framesEnded) : 0;
        return f;
    }

protected:
    HandlerProgram m_program;

private:
    RandomEngine m_handlerEngine;
    bool m_billsCpu;
    TimeAverage m_framesHeld;
    bool m_holdMeasuring = false;
    Time m_holdSince = 0;
    double m_heldAreaAtStart = 0;
    std::uint64_t m_framesEnded = 0;
    double m_frameTime = 0;  ///< ns, summed over the frames ended in the measured period
};

}  // namespace archsim
