// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/resourcedirs.h"

#include <algorithm>
#include <system_error>

namespace archsim::cli {
namespace {

namespace fs = std::filesystem;

bool isWithin(const fs::path& path, const fs::path& directory) {
    const fs::path p = path.lexically_normal();
    const fs::path d = directory.lexically_normal();
    const auto [dEnd, pAt] = std::mismatch(d.begin(), d.end(), p.begin(), p.end());
    // A trailing separator leaves an empty last element in d, which matches anything.
    return dEnd == d.end() || (std::next(dEnd) == d.end() && dEnd->empty());
}

bool isDirectory(const fs::path& path) {
    std::error_code error;
    return fs::is_directory(path, error);
}

fs::path resourcesDirFor(const fs::path& executableDir) {
    if (!executableDir.empty()) {
        const fs::path installed = (executableDir / ARCHSIM_DATA_FROM_BIN).lexically_normal();
        if (isDirectory(installed)) return installed;
        // Only a program inside this build tree may read the sources it was built from: an
        // installed copy must never depend on the machine it was built on.
        if (isWithin(executableDir, ARCHSIM_BUILD_DIR) && isDirectory(ARCHSIM_RESOURCES_DIR))
            return ARCHSIM_RESOURCES_DIR;
    }
    // Without /proc (a bare chroot) the executable's directory is unknown: the configured prefix.
    if (isDirectory(ARCHSIM_INSTALLED_DATA_DIR)) return ARCHSIM_INSTALLED_DATA_DIR;
    return {};
}

}  // namespace

fs::path resourcesDir() {
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    return resourcesDirFor(error ? fs::path() : executable.parent_path());
}

}  // namespace archsim::cli
