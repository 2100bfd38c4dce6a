// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Structural edits of a scenario's topology (add, remove, rename, connect components), as pure
// functions on a copy, so every one can be undone by restoring the copy taken before it and tested
// without a widget. References are kept consistent: removing a component also removes the calls
// to it, renaming one renames every reference.

#include <QString>
#include <QStringList>
#include <vector>

#include "sim/scenario/scenario.h"
#include "ui/document/componentref.h"

namespace archsim::ui {

/// Every component of the topology, in the order the file lists them (kinds grouped).
std::vector<ComponentRef> allComponents(const Scenario& scenario);
/// The kind of the component with this id, or None.
ComponentKind kindOf(const Scenario& scenario, const QString& id);
bool exists(const Scenario& scenario, const ComponentRef& ref);
/// Ids of components of the given kinds ("call targets" for a handler step, say).
QStringList idsOfKinds(const Scenario& scenario, std::initializer_list<ComponentKind> kinds);

/// An id not used yet, from a stem: "cache", "cache-2", ...
QString uniqueId(const Scenario& scenario, const QString& stem);
/// Adds a component with sensible defaults and returns its reference. The first component of an
/// empty topology becomes its entry.
ComponentRef addComponent(Scenario& scenario, ComponentKind kind);
/// Removes a component and every reference to it (gateway next, handler steps, the entry).
bool removeComponent(Scenario& scenario, const ComponentRef& ref);
/// Renames a component and every reference to it. Fails (with `error`) on an empty or taken id.
bool renameComponent(Scenario& scenario, const ComponentRef& ref, const QString& newId,
                     QString* error);
/// Connects `from` to `to`: a gateway forwards to it; a function or server pool gets a handler step
/// that calls it (a cache lookup for a cache). Fails (with `error`) when `from` cannot call.
bool connectComponents(Scenario& scenario, const ComponentRef& from, const ComponentRef& to,
                       QString* error);
/// Makes the component the entry of the topology.
void setEntry(Scenario& scenario, const ComponentRef& ref);

/// The handler of a function or server pool (nullptr for other kinds or unknown ids).
std::vector<HandlerStep>* handlerOf(Scenario& scenario, const ComponentRef& ref);
const std::vector<HandlerStep>* handlerOf(const Scenario& scenario, const ComponentRef& ref);

/// Reads the scenario back through the engine's own validator (via its canonical JSON), so the UI
/// accepts exactly what a file may contain. Returns every problem, or an empty list.
/// `baseDirectory` is where relative paths inside (workload.traceFile) are found: the folder of
/// the document's file (ScenarioDocument::baseDirectory(), or ScenarioDocument::validate()). It
/// is required on purpose: the working directory is rarely the scenario's folder, and a trace
/// scenario read against it fails with "cannot open trace file".
QStringList validateScenario(const Scenario& scenario, const QString& baseDirectory);
/// Canonical text of a scenario, for exact comparisons (undo tests, "modified" checks).
QString canonicalText(const Scenario& scenario);

}  // namespace archsim::ui
