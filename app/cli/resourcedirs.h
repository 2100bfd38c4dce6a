// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where archsim-cli finds the files archsim ships (the default pricing table, the presets).

#include <filesystem>

namespace archsim::cli {

/// The directory holding pricing/, presets/ and scenario.schema.json, or "" if none is found.
/// Installed, it is <prefix>/share/archsim, found from the executable's own directory so that a
/// package, a custom prefix or a DESTDIR staging tree all work; run from the build tree, it is the
/// source tree's resources/ directory (the build never copies it).
std::filesystem::path resourcesDir();

}  // namespace archsim::cli
