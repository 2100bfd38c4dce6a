// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/boundedfile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include "sim/scenario/jsonreader.h"

namespace archsim {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

/// The reason for an errno in a message's words; generic_category() rather than strerror(),
/// which is not thread-safe.
std::string reason(int error) {
    switch (error) {
        case ENOENT:
            return "no such file";
        case EACCES:
        case EPERM:
            return "permission denied";
        case ENOTDIR:
            return "a part of the path is not a directory";
        default:
            return std::generic_category().message(error);
    }
}

/// Refuses what is not a regular file, with the message a user needs.
std::string notRegular(const std::string& path, const struct stat& status, const FileKind& kind) {
    if (S_ISDIR(status.st_mode))
        return quotedPath(path) + " is a directory, not a " + std::string(kind.noun);
    return quotedPath(path) + " is not a regular file (a device, pipe or socket cannot be a " +
           std::string(kind.noun) + ")";
}

std::string tooLarge(const std::string& path, const FileKind& kind, std::uint64_t size) {
    const std::string limit = formatBytes(kind.maxBytes);
    const std::string actual = formatBytes(size);
    // A file just over the limit rounds to it: then its size would only repeat the limit.
    return std::string(kind.noun) + " " + quotedPath(path) + " is larger than the limit of " +
           limit + (actual == limit ? std::string() : " (it is " + actual + ")");
}

}  // namespace

std::string formatBytes(std::uint64_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    const char* const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = static_cast<double>(bytes) / 1024;
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(units)) {
        value /= 1024;
        ++unit;
    }
    return formatNumber(value, 3) + " " + units[unit];
}

BoundedFile::BoundedFile(std::string path, const FileKind& kind)
    : m_path(std::move(path)), m_kind(kind) {
    // stat() first: opening a device can have effects of its own (a tape rewinds), and opening a
    // FIFO waits for a writer. The opened file is checked again below, in case the name was
    // switched to something else in between.
    if (m_path.find('\0') != std::string::npos) {
        // The system would read the name only up to the NUL: another file than the one shown.
        fail(quotedPath(m_path) + " is not a valid file name (it holds a NUL character)");
        return;
    }
    struct stat status {};
    if (::stat(m_path.c_str(), &status) != 0) {
        fail("cannot open " + std::string(m_kind.noun) + " " + quotedPath(m_path) + ": " +
             reason(errno));
        return;
    }
    if (!S_ISREG(status.st_mode)) {
        fail(notRegular(m_path, status, m_kind));
        return;
    }
    // O_NONBLOCK: should the name now be a FIFO, open returns at once instead of waiting.
    do {
        m_fd = ::open(m_path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    } while (m_fd < 0 && errno == EINTR);
    if (m_fd < 0) {
        fail("cannot open " + std::string(m_kind.noun) + " " + quotedPath(m_path) + ": " +
             reason(errno));
        return;
    }
    if (::fstat(m_fd, &status) != 0) {
        fail("cannot read " + std::string(m_kind.noun) + " " + quotedPath(m_path) + ": " +
             reason(errno));
        return;
    }
    if (!S_ISREG(status.st_mode)) {
        fail(notRegular(m_path, status, m_kind));
        return;
    }
    m_size = static_cast<std::uint64_t>(status.st_size);
    if (m_size > m_kind.maxBytes) fail(tooLarge(m_path, m_kind, m_size));
}

BoundedFile::~BoundedFile() {
    if (m_fd >= 0) ::close(m_fd);
}

void BoundedFile::fail(std::string message) {
    if (m_error.empty()) m_error = std::move(message);
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

bool BoundedFile::fill() {
    if (!ok() || m_atEnd) return false;
    if (m_buffer.size() != kChunkBytes) m_buffer.resize(kChunkBytes);
    m_begin = 0;
    m_end = 0;
    for (;;) {
        const ssize_t got = ::read(m_fd, m_buffer.data(), m_buffer.size());
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            fail("cannot read " + std::string(m_kind.noun) + " " + quotedPath(m_path) + ": " +
                 reason(errno));
            return false;
        }
        if (got == 0) {
            m_atEnd = true;
            return false;
        }
        m_bytesRead += static_cast<std::uint64_t>(got);
        // A file still being written (a log) may grow past the cap after it was checked.
        if (m_bytesRead > m_kind.maxBytes) {
            fail(std::string(m_kind.noun) + " " + quotedPath(m_path) + " grew past the limit of " +
                 formatBytes(m_kind.maxBytes) + " while being read");
            return false;
        }
        m_end = static_cast<std::size_t>(got);
        return true;
    }
}

std::optional<std::string> BoundedFile::readAll() {
    std::string text;
    if (!ok()) return std::nullopt;
    text.reserve(static_cast<std::size_t>(m_size));
    text.append(m_buffer.data() + m_begin, m_end - m_begin);
    m_begin = m_end;
    while (fill()) {
        text.append(m_buffer.data(), m_end);
        m_begin = m_end;
    }
    if (!ok()) return std::nullopt;
    return text;
}

BoundedFile::Line BoundedFile::readLine(std::string& line, std::size_t maxBytes) {
    line.clear();
    bool tooLong = false;
    bool any = false;
    for (;;) {
        if (m_begin == m_end && !fill()) {
            if (!ok()) return Line::Failed;
            if (!any) return Line::End;
            return tooLong ? Line::TooLong : Line::Read;  // a last line without '\n'
        }
        any = true;
        const char* begin = m_buffer.data() + m_begin;
        const char* end = m_buffer.data() + m_end;
        const char* newline = std::find(begin, end, '\n');
        const auto length = static_cast<std::size_t>(newline - begin);
        if (!tooLong) {
            const std::size_t room = maxBytes - line.size();
            line.append(begin, std::min(length, room));
            if (length > room) tooLong = true;
        }
        if (newline != end) {
            m_begin += length + 1;
            return tooLong ? Line::TooLong : Line::Read;
        }
        m_begin = m_end;
    }
}

std::optional<std::string> readBoundedFile(const std::string& path, const FileKind& kind,
                                           std::string& error) {
    BoundedFile file(path, kind);
    auto text = file.readAll();
    if (!text) error = file.error();
    return text;
}

}  // namespace archsim
