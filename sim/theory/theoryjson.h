// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The theory comparison as JSON (archsim-cli run --json) and as text lines (archsim-cli run).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/theory/theorycomparison.h"

namespace archsim::theory {

nlohmann::json toJson(const TheoryComparison& comparison);
/// The block `run` prints: one line per check, Little's law, and the warm-up.
std::vector<std::string> theoryLines(const TheoryComparison& comparison);

}  // namespace archsim::theory
