// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading a lesson file (docs/lessons.md). Every problem is reported at once, each naming the
// file, the step (counted from 1, as the lesson panel shows it) and the JSON path of the field:
//   flash-sale.json: step 3: steps[2].predict.figure: must be one of 'mean', 'p50', ... got 'p98'
// A step's scenarios are checked whole: the preset must exist and each PATH=VALUE must give a
// valid scenario, with the scenario reader's own message.

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/lesson/lesson.h"

namespace archsim {

/// The text of a bundled preset by file name, or nullopt when there is none.
using PresetSource = std::function<std::optional<std::string>(const std::string& preset)>;

/// Reads lesson text; `fileName` ("flash-sale.json") names it in messages and gives the lesson's
/// id. On any problem returns nullopt with every problem in `problems`.
std::optional<Lesson> lessonFromText(const std::string& text, const std::string& fileName,
                                     const PresetSource& presets,
                                     std::vector<std::string>& problems);

/// The JSON of a step's scenario: the preset with its assignments applied, not yet read as a
/// scenario (the caller reads it, so that a problem gets the reader's message and path). Returns
/// an error message ("" on success).
std::string lessonScenarioJson(const LessonScenario& scenario, const PresetSource& presets,
                               nlohmann::json& out);

}  // namespace archsim
