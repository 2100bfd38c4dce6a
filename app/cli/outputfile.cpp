// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/outputfile.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <utility>

#include "sim/scenario/jsonreader.h"

namespace archsim::cli {
namespace {

/// Large enough that a long time series takes few system calls.
constexpr std::size_t kBufferBytes = 256 * 1024;

std::string reason(int error) {
    return error == 0 ? std::string("write failed") : std::generic_category().message(error);
}

}  // namespace

OutputFile::OutputFile(std::string path) : m_path(std::move(path)) {
    do {
        m_fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    } while (m_fd < 0 && errno == EINTR);
    if (m_fd < 0) fail(errno);
    m_buffer.reserve(kBufferBytes);
}

OutputFile::~OutputFile() {
    if (m_fd >= 0) ::close(m_fd);
}

void OutputFile::fail(int error) {
    if (m_error.empty()) m_error = "cannot write " + quotedPath(m_path) + ": " + reason(error);
    m_buffer.clear();
}

void OutputFile::write(std::string_view text) {
    if (!m_error.empty()) return;
    m_buffer.append(text);
    if (m_buffer.size() >= kBufferBytes) flush();
}

void OutputFile::flush() {
    std::size_t written = 0;
    while (m_error.empty() && written < m_buffer.size()) {
        const ssize_t n = ::write(m_fd, m_buffer.data() + written, m_buffer.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            fail(n < 0 ? errno : ENOSPC);  // a write of nothing means the device is full
            return;
        }
        written += static_cast<std::size_t>(n);
    }
    m_buffer.clear();
}

std::string OutputFile::close() {
    if (m_error.empty()) flush();
    if (m_fd >= 0) {
        // Some file systems (NFS, quotas) only report a failed write when the file is closed.
        if (::close(m_fd) != 0) fail(errno);
        m_fd = -1;
    }
    return m_error;
}

std::string checkOutputDirectory(const std::string& directory) {
    namespace fs = std::filesystem;
    const std::string name = quotedPath(directory);
    std::error_code error;
    const fs::file_status status = fs::status(directory, error);
    if (fs::exists(status)) {
        if (!fs::is_directory(status)) return "cannot write to " + name + ": not a directory";
    } else if (fs::create_directories(directory, error); error) {
        return "cannot create " + name + ": " + error.message();
    }
    // Permission bits do not tell (a read-only mount, an ACL, root): only creating a file does.
    std::string probe = (fs::path(directory) / ".archsim-cli-XXXXXX").string();
    const int fd = ::mkstemp(probe.data());
    if (fd < 0) return "cannot write to " + name + ": " + reason(errno);
    ::close(fd);
    ::unlink(probe.c_str());
    return {};
}

}  // namespace archsim::cli
