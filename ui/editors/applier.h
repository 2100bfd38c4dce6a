// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How an editor asks for an edit: it describes the change as a function on a copy of the scenario.
// The properties editor validates the result with the engine's reader and, if it is valid, pushes
// it as one undoable step; otherwise it returns the problem, which the editor shows inline.

#include <QString>
#include <functional>

#include "sim/scenario/scenario.h"

namespace archsim::ui {

/// Returns an empty string when the edit was accepted, else what is wrong with it.
using Applier =
    std::function<QString(const std::function<void(Scenario&)>& mutate, const QString& text,
                          const QString& mergeKey, int mergeSession)>;

}  // namespace archsim::ui
