// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A lesson: an ordered walk through bundled scenarios for a workshop (docs/lessons.md). Each step
// has text to read, the scenarios to show (presets, possibly with fields changed), the chart to
// look at, the speed to run at, an optional prediction that the run then checks, and a takeaway.
// The desktop app's lesson panel follows the steps; nothing here knows about windows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archsim {

inline constexpr int kLessonFormatVersion = 1;

/// A scenario a step shows: a bundled preset, with fields changed by PATH=VALUE assignments
/// (the syntax of archsim-cli's --set) and, optionally, a name of its own.
struct LessonScenario {
    std::string preset;            ///< file name under the presets ("auth-api-workers.json")
    std::string name;              ///< "" = the preset's own name
    std::vector<std::string> set;  ///< "workload.ratePerS=5", applied in order
    bool operator==(const LessonScenario&) const = default;
};

/// One answer of a multiple-choice prediction: right when the measured figure is in
/// [from, below).
struct LessonChoice {
    std::string text;
    std::optional<double> from;
    std::optional<double> below;
    bool contains(double value) const {
        return (!from || value >= *from) && (!below || value < *below);
    }
};

/// "Predict first": a question the next run answers with one of its figures.
struct LessonPrediction {
    std::string question;      ///< Markdown
    std::string figure;        ///< a figure id (lessonFigureIds()): "p99", "monthlyCost"...
    std::size_t scenario = 0;  ///< which of the step's scenarios it is measured on
    /// When set, the figure is the ratio scenario's figure / relativeTo's figure.
    std::optional<std::size_t> relativeTo;
    std::vector<LessonChoice> choices;  ///< empty: a number to guess
    /// A guess counts as right within this relative distance of the measured figure (0.25: 25%).
    double tolerance = 0.25;
    std::string unit;  ///< shown after a guessed number and the measured one ("ms", "x")
    /// What the author's full-length run gives, checked by the test suite so that the step's text
    /// stays true: the index of the right choice, or the range [low, high] of the measured figure.
    std::optional<std::size_t> expectChoice;
    std::optional<double> expectLow;
    std::optional<double> expectHigh;
    std::string explanation;  ///< Markdown shown with the answer
};

struct LessonStep {
    std::string title;
    std::string text;  ///< Markdown
    /// The scenarios to show, ticked for comparison when there are two or more. Empty: the
    /// previous step's scenarios stay (hasScenarios false).
    std::vector<LessonScenario> scenarios;
    bool hasScenarios = false;
    std::size_t current = 0;  ///< which of them is on screen (topology, properties)
    std::string chart;        ///< a chart id (lessonChartIds()); "" = leave the tab alone
    std::string speed;        ///< a speed id (lessonSpeedIds()); "" = leave the speed alone
    int replications = 0;     ///< 0 = leave the Run panel's count alone
    bool run = false;         ///< run when the step opens (a prediction runs once answered)
    std::optional<LessonPrediction> predict;
    std::string takeaway;  ///< Markdown
};

struct Lesson {
    std::string id;  ///< the file name without ".json"
    std::string title;
    std::string summary;
    int minutes = 0;  ///< about how long it takes in a workshop
    std::vector<LessonStep> steps;

    /// The scenarios shown at step `index`: that step's, or the last earlier step's that names
    /// some, and which step that is (so two steps sharing them can keep the same documents).
    const LessonStep* scenarioStep(std::size_t index) const;
};

/// The figures a prediction may ask about (the ids of the app's summary figures).
const std::vector<std::string_view>& lessonFigureIds();
/// The chart tabs a step may show: percentiles, distribution, breakdown, capacity, cache, cost,
/// summary (in the window's tab order).
const std::vector<std::string_view>& lessonChartIds();
/// The run speeds a step may ask for: 1x, 10x, 100x, 1000x, max (in the Run panel's order).
const std::vector<std::string_view>& lessonSpeedIds();

}  // namespace archsim
