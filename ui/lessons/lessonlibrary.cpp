// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lessons/lessonlibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace archsim::ui {

PresetSource LessonLibrary::presetSource() {
    return [](const std::string& preset) -> std::optional<std::string> {
        // A name only: a lesson never reaches outside the bundled presets.
        if (preset.find('/') != std::string::npos) return std::nullopt;
        QFile file(QStringLiteral(":/presets/") + QString::fromStdString(preset));
        if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
        return file.readAll().toStdString();
    };
}

QStringList LessonLibrary::lessonPaths() {
    QStringList paths;
    const QDir dir(QStringLiteral(":/lessons"));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

LessonLibrary LessonLibrary::bundled() {
    LessonLibrary library;
    const PresetSource presets = presetSource();
    for (const QString& path : lessonPaths()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            library.problems << QStringLiteral("%1: cannot be read").arg(path);
            continue;
        }
        std::vector<std::string> problems;
        auto lesson = lessonFromText(file.readAll().toStdString(),
                                     QFileInfo(path).fileName().toStdString(), presets, problems);
        for (const std::string& problem : problems)
            library.problems << QString::fromStdString(problem);
        if (lesson) library.lessons.push_back(std::move(*lesson));
    }
    return library;
}

}  // namespace archsim::ui
