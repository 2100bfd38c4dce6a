// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where the documentation is: the installed docs directory (share/doc/archsim), found relative to
// the program's own directory like every other installed file, so any prefix works; a program
// run from its build tree reads the source tree's docs/.

#include <QString>

namespace archsim::ui {

/// The docs directory for a program in `executableDir`, or "" when there is none.
QString docsDirectoryFor(const QString& executableDir);
/// The docs directory of this program.
QString docsDirectory();

inline constexpr const char* kUserGuideFile = "user-guide.md";
inline constexpr const char* kScenarioFormatFile = "scenario-format.md";

}  // namespace archsim::ui
