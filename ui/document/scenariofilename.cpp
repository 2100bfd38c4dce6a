// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/document/scenariofilename.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

namespace archsim::ui {

QString scenarioFileSuffix() {
    return QStringLiteral(".archsim.json");
}

QString suggestedScenarioFileName(const QString& displayName) {
    QString name = displayName.toLower();
    name.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|]")), QString());
    name = name.simplified().replace(QLatin1Char(' '), QLatin1Char('-'));
    // An opened file's display name has the suffix already (or a plain .json one).
    for (const QString& suffix : {scenarioFileSuffix(), QStringLiteral(".json")})
        if (name.endsWith(suffix)) name.chop(suffix.size());
    if (name.isEmpty()) name = QStringLiteral("scenario");
    return name + scenarioFileSuffix();
}

QString withScenarioSuffix(const QString& path) {
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) return path + scenarioFileSuffix();
    return path;
}

QString scenarioFileFilter() {
    return QCoreApplication::translate("archsim::ui::ScenarioFileName",
                                       "Scenarios (*.archsim.json *.json);;All files (*)");
}

}  // namespace archsim::ui
