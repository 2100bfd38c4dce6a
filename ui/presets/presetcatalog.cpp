// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presets/presetcatalog.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <set>

#include "ui/mainwindow.h"

namespace archsim::ui {

namespace {

QString presetPath(const QString& file) {
    return QStringLiteral(":/presets/") + file;
}

/// The scenario name of a bundled preset, read once from its file.
QString presetTitle(const QString& path) {
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
        const QString name = object.value(QStringLiteral("name")).toString();
        if (!name.isEmpty()) return name;
    }
    return QFileInfo(path).completeBaseName();
}

}  // namespace

PresetCatalog PresetCatalog::bundled() {
    PresetCatalog catalog;
    const QStringList available = MainWindow::presetPaths();
    std::set<QString> listed;
    QFile file(QStringLiteral(":/preset-menu.json"));
    QJsonObject root;
    if (file.open(QIODevice::ReadOnly)) {
        QJsonParseError error;
        root = QJsonDocument::fromJson(file.readAll(), &error).object();
        if (error.error != QJsonParseError::NoError)
            catalog.problems << QStringLiteral("preset-menu.json: ") + error.errorString();
    } else {
        catalog.problems << QStringLiteral("preset-menu.json is not bundled");
    }
    for (const QJsonValue& s : root.value(QStringLiteral("sections")).toArray()) {
        PresetSection section{s[QStringLiteral("title")].toString(), {}};
        for (const QJsonValue& p : s[QStringLiteral("presets")].toArray()) {
            const QString path = presetPath(p[QStringLiteral("file")].toString());
            if (!available.contains(path)) {
                catalog.problems << QStringLiteral("no preset %1").arg(path);
                continue;
            }
            listed.insert(path);
            section.presets.push_back(
                {path, presetTitle(path), p[QStringLiteral("summary")].toString()});
        }
        if (!section.presets.empty()) catalog.sections.push_back(std::move(section));
    }
    PresetSection other{QObject::tr("Other"), {}};
    for (const QString& path : available)
        if (!listed.count(path)) other.presets.push_back({path, presetTitle(path), {}});
    if (!other.presets.empty()) catalog.sections.push_back(std::move(other));

    for (const QJsonValue& c : root.value(QStringLiteral("compare")).toArray()) {
        PresetComparison comparison{
            c[QStringLiteral("title")].toString(), c[QStringLiteral("summary")].toString(), {}};
        for (const QJsonValue& p : c[QStringLiteral("presets")].toArray()) {
            const QString path = presetPath(p.toString());
            if (available.contains(path))
                comparison.paths << path;
            else
                catalog.problems
                    << QStringLiteral("comparison '%1': no preset %2").arg(comparison.title, path);
        }
        if (comparison.paths.size() >= 2) catalog.comparisons.push_back(std::move(comparison));
    }
    return catalog;
}

const PresetEntry* PresetCatalog::find(const QString& path) const {
    for (const PresetSection& section : sections)
        for (const PresetEntry& entry : section.presets)
            if (entry.path == path) return &entry;
    return nullptr;
}

std::vector<const PresetComparison*> PresetCatalog::comparisonsWith(const QString& path) const {
    std::vector<const PresetComparison*> found;
    for (const PresetComparison& comparison : comparisons)
        if (comparison.paths.contains(path)) found.push_back(&comparison);
    return found;
}

}  // namespace archsim::ui
