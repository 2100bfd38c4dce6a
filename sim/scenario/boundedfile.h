// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading a file the user named: every scenario, trace and pricing file archsim reads goes through
// BoundedFile, so none can hang the program or exhaust its memory.
//
// A name can point at anything: a FIFO (opening one for reading waits for a writer forever), a
// device such as /dev/zero or /dev/urandom (endless), a multi-gigabyte log picked by mistake. Only
// a regular file is read, and only up to the cap of its kind; a trace is read line by line, each
// line capped too, so memory follows what is kept, not the size of the file.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archsim {

/// What a file is for: named in messages, and the largest such a file may be.
struct FileKind {
    std::string_view noun;  ///< "scenario file"
    std::uint64_t maxBytes;
};

inline constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
// The caps, in one place. The largest preset is a few kilobytes and the shipped pricing table
// about ten: sixteen megabytes leaves room for any hand-written file while parsing stays a
// fraction of a second and a few hundred megabytes of memory.
inline constexpr FileKind kScenarioFile{"scenario file", 16 * kMiB};
inline constexpr FileKind kPricingFile{"pricing file", 16 * kMiB};
// A trace is kept as one double per arrival, so its cap guards time rather than memory; the
// arrival count has its own limit (scenariojson.cpp). A gigabyte is tens of millions of lines.
inline constexpr FileKind kTraceFile{"trace file", 1024 * kMiB};
/// A trace line holds a timestamp and perhaps a few more CSV columns (a method, a URL).
inline constexpr std::size_t kMaxTraceLineBytes = 64 * 1024;

/// "16 MiB", "1 GiB", "512 bytes": a size as messages state it.
std::string formatBytes(std::uint64_t bytes);

/// A regular file open for reading, at most `kind.maxBytes` of it. Every failure leaves a message
/// in error() naming the file: "cannot open trace file 'a.csv': no such file", "'/dev/zero' is
/// not a regular file", "scenario file 'big.json' is 200 MiB; the limit is 16 MiB".
class BoundedFile {
public:
    BoundedFile(std::string path, const FileKind& kind);
    ~BoundedFile();
    BoundedFile(const BoundedFile&) = delete;
    BoundedFile& operator=(const BoundedFile&) = delete;

    /// Whether the file opened and nothing has failed since.
    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }

    /// The rest of the file; nullopt (error() set) when a read fails or the file has grown past
    /// the cap since it was opened.
    std::optional<std::string> readAll();

    enum class Line {
        Read,     ///< `line` holds the next line, without its '\n'
        TooLong,  ///< longer than maxBytes: `line` holds its first maxBytes bytes, the rest skipped
        End,      ///< no more lines
        Failed,   ///< a read failed or the file grew past the cap: see error()
    };
    /// The next line. Memory stays within `maxBytes` whatever the file holds.
    Line readLine(std::string& line, std::size_t maxBytes);

private:
    /// Refills the buffer; false at the end of the file or on failure (error() set).
    bool fill();
    void fail(std::string message);

    std::string m_path;
    FileKind m_kind;
    int m_fd = -1;
    std::string m_error;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0;  ///< unread bytes are [m_begin, m_end)
    std::size_t m_end = 0;
    std::uint64_t m_bytesRead = 0;
    std::uint64_t m_size = 0;  ///< as the file was when opened
    bool m_atEnd = false;
};

/// The whole of a regular file of `kind`; nullopt with `error` set otherwise.
std::optional<std::string> readBoundedFile(const std::string& path, const FileKind& kind,
                                           std::string& error);

}  // namespace archsim
