// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/atomicfile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace archsim {

namespace {

std::string describe(int error) {
    return std::strerror(error);
}

/// The mode a file created now gets (0666 minus the umask). umask() can only be read by setting
/// it, so it is set back at once; saving happens on the UI thread, nothing creates files meanwhile.
mode_t newFileMode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
}

/// Writes everything, resuming after signals and short writes. Returns 0 or the errno.
int writeAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return 0;
}

int fsyncRetrying(int fd) {
    while (::fsync(fd) != 0) {
        if (errno != EINTR) return errno;
    }
    return 0;
}

}  // namespace

std::string writeFileAtomically(const std::string& path, std::string_view contents) {
    namespace fs = std::filesystem;
    if (path.empty()) return "cannot save: no file name given";
    fs::path target(path);
    std::error_code ignored;
    // Saving through a symlink replaces the file it names, so the link keeps working.
    if (fs::is_symlink(target, ignored)) {
        std::error_code error;
        const fs::path resolved = fs::canonical(target, error);
        if (!error) target = resolved;
    }
    const std::string shown = "'" + path + "'";

    struct stat existing {};
    mode_t mode = 0;
    if (::stat(target.c_str(), &existing) == 0) {
        if (!S_ISREG(existing.st_mode))
            return "cannot save " + shown + ": it is not a regular file";
        mode = existing.st_mode & 07777;
    } else if (errno == ENOENT) {
        mode = newFileMode();
    } else {
        return "cannot save " + shown + ": " + describe(errno);
    }

    fs::path directory = target.parent_path();
    if (directory.empty()) directory = ".";
    // mkstemp opens with O_CREAT | O_EXCL under a name nobody can predict: nothing planted in
    // advance is followed or overwritten. Hidden, so a file browser does not show it mid-save.
    std::string hidden(".");  // appended piecewise: g++ 12 warns wrongly about "." + string
    hidden.append(target.filename().string()).append(".XXXXXX");
    const std::string pattern = (directory / hidden).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0)
        return "cannot save " + shown + ": cannot create a temporary file in '" +
               directory.string() + "': " + describe(errno);
    const std::string temporary(name.data());

    const auto fail = [&](const std::string& what, int error) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return "cannot save " + shown + ": " + what + ": " + describe(error) +
               " (the file was not changed)";
    };
    if (::fchmod(fd, mode) != 0) return fail("cannot set the permissions", errno);
    if (const int error = writeAll(fd, contents)) return fail("writing failed", error);
    if (const int error = fsyncRetrying(fd)) return fail("flushing to disk failed", error);
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return "cannot save " + shown + ": writing failed: " + describe(error) +
               " (the file was not changed)";
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return "cannot save " + shown + ": cannot replace it: " + describe(error) +
               " (the file was not changed)";
    }
    // The rename is only durable once the directory entry is on disk. The new contents are in
    // place already, so a directory that cannot be synced (some network file systems) is no error.
    const int directoryFd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directoryFd >= 0) {
        fsyncRetrying(directoryFd);
        ::close(directoryFd);
    }
    return {};
}

}  // namespace archsim
