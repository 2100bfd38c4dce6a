// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The bundled lessons (resources/lessons/*.json, compiled in under :/lessons), read and checked
// against the bundled presets once.

#include <QString>
#include <QStringList>
#include <vector>

#include "sim/lesson/lesson.h"
#include "sim/lesson/lessonjson.h"

namespace archsim::ui {

struct LessonLibrary {
    std::vector<Lesson> lessons;  ///< in file-name order (the files are numbered)
    QStringList problems;         ///< every problem of every lesson that did not load

    static LessonLibrary bundled();
    /// Reads the bundled presets by file name, for lessonFromText and lessonScenarioJson.
    static PresetSource presetSource();
    /// Every bundled lesson file, as resource paths.
    static QStringList lessonPaths();
};

}  // namespace archsim::ui
