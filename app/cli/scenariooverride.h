// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `--set PATH=VALUE` is the scenario override of sim/scenario/scenariooverride.h, shared with the
// desktop app's lessons; the command line keeps its names for it.

#include "sim/scenario/scenariooverride.h"

namespace archsim::cli {

using archsim::applyOverride;
using archsim::parseOverride;
using archsim::ScenarioOverride;

}  // namespace archsim::cli
