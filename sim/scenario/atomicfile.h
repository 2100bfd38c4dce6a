// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Replacing a file so that a crash, a full disk or a planted link never costs the user the
// previous version: the new contents go to a fresh temporary file beside the target, are flushed
// to disk, and only then renamed over it.

#include <string>
#include <string_view>

namespace archsim {

/// Writes `contents` to `path` atomically: a unique temporary file in the same directory, created
/// exclusively (so a symlink or file planted under a predictable name is never followed or
/// reused), written, fsync'ed, given the existing file's permission bits (a new file gets the
/// usual 0666 minus umask), renamed over `path`, then the directory is fsync'ed. If `path` is a
/// symlink, the file it points to is replaced and the link kept. Returns an error message naming
/// the file and the cause, or an empty string on success; on failure the temporary file is removed
/// and `path` is left as it was.
std::string writeFileAtomically(const std::string& path, std::string_view contents);

}  // namespace archsim
