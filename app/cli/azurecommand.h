// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// archsim-cli azure: a scenario from the Azure Functions public trace (sim/scenario/azuretrace.h),
// written as a scenario file to edit, run or compare like any other.

#include <iosfwd>

#include "sim/scenario/azuretrace.h"

namespace archsim::cli {

/// Writes the scenario's canonical text to `out`, or the problem (naming the file and line) to
/// `err`; returns the exit status.
int azureCommand(const AzureTraceRequest& request, std::ostream& out, std::ostream& err);

}  // namespace archsim::cli
