// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A sweep file (docs/sweeps.md, resources/sweep.schema.json): which scenarios, which fields to
// vary (by the same JSON paths as `--set`) over which values, how many replications, which seed
// and which figures; or, instead of fields, a limit search. Reading it checks everything and
// reports every problem with its path in the sweep file, like a scenario file.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenariooverride.h"
#include "sim/scenario/validation.h"
#include "sim/study/studyfigure.h"

namespace archsim {

inline constexpr int kSweepFormatVersion = 1;
/// Bounds that keep a sweep file from asking for absurd work by a typo.
inline constexpr std::size_t kMaxSweepValues = 1000;
inline constexpr std::size_t kMaxSweepPoints = 100000;
inline constexpr unsigned kMaxSweepReplications = 10000;

enum class SweepScale { Linear, Log };

/// One swept field: where it is in the scenario and the values it takes.
struct SweepField {
    ScenarioOverride target;  ///< path steps; origin "fields[i]" for messages
    std::vector<nlohmann::json> values;
    SweepScale scale = SweepScale::Linear;  ///< how to interpolate between values (crossovers)
};

/// Which end of the field's range a limit search looks for.
enum class LimitDirection {
    Highest,  ///< the highest value at which the target holds (arrival rate: the capacity)
    Lowest,   ///< the lowest value at which it holds (replicas: the smallest fleet)
};

/// A bound on one figure: the target holds when the figure is at most `max`.
struct LimitTarget {
    const StudyFigure* figure = nullptr;
    double max = 0;
};

struct LimitSpec {
    ScenarioOverride target;  ///< default workload.ratePerS
    double from = 0, to = 0;  ///< the interval searched, from < to
    LimitDirection direction = LimitDirection::Highest;
    bool integer = false;          ///< the field takes whole numbers (replicas, workers)
    double tolerance = 0.01;       ///< stop when the bracket is this narrow, relative to its value
    unsigned maxReplications = 0;  ///< cap per point when the interval straddles the target
    std::vector<LimitTarget> targets;
};

struct SweepSpec {
    std::string name;
    std::vector<std::string> scenarioFiles;  ///< as written in the sweep file
    std::vector<std::string> scenarioPaths;  ///< resolved against the sweep file's directory
    std::vector<SweepField> fields;          ///< 1 or 2; none for a limit search
    unsigned replications = 10;
    std::uint64_t seed = 1;
    std::vector<const StudyFigure*> figures;
    std::optional<LimitSpec> limit;
    nlohmann::json canonical;  ///< the file's content, key-sorted: its identity

    /// Points: every combination of the fields' values, the last field varying fastest.
    std::size_t pointCount() const;
    /// The value of each field at point `point`.
    std::vector<nlohmann::json> pointValues(std::size_t point) const;
};

/// Reads a sweep from parsed JSON; relative scenario paths are resolved against `baseDirectory`.
std::optional<SweepSpec> sweepFromJson(const nlohmann::json& json, const std::string& baseDirectory,
                                       ValidationReport& report);
/// Reads a sweep file (bounded like a scenario file); every problem goes to `report`.
std::optional<SweepSpec> loadSweepFile(const std::string& path, ValidationReport& report);

/// The values of a range: `steps` values from `from` to `to` inclusive, evenly spaced on a linear
/// or a logarithmic scale (`integer`: rounded to whole numbers, repeats dropped).
std::vector<double> rangeValues(double from, double to, int steps, SweepScale scale, bool integer);

}  // namespace archsim
