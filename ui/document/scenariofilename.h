// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The names scenario files get: `*.archsim.json`, the glob of archsim's own MIME type
// (resources/mime/archsim.xml), so that a saved scenario opens in archsim from a file manager.

#include <QString>

namespace archsim::ui {

/// ".archsim.json"
QString scenarioFileSuffix();
/// The name Save As suggests for a scenario shown as `displayName`: lower case, spaces as dashes,
/// characters file systems refuse dropped, then the suffix ("Auth API: Workers" ->
/// "auth-api-workers.archsim.json").
QString suggestedScenarioFileName(const QString& displayName);
/// `path` with the suffix added when the name has no extension at all (a typed "monday" becomes
/// "monday.archsim.json"; "monday.json" stays as typed).
QString withScenarioSuffix(const QString& path);
/// The file dialog filter for scenarios.
QString scenarioFileFilter();

}  // namespace archsim::ui
