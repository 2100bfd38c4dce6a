// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A file archsim-cli writes, every write checked. Streams only set a flag that is easy to forget:
// on a full disk the CSV files came out truncated or empty while the run still exited with 0, and
// a script went on with half a time series.

#include <string>
#include <string_view>

namespace archsim::cli {

class OutputFile {
public:
    /// Creates or truncates `path`; a failure is kept for close() to report.
    explicit OutputFile(std::string path);
    /// Closes without reporting: call close() to learn whether everything was written.
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    /// Appends text (buffered). After a failure, further writes are dropped.
    void write(std::string_view text);
    /// Writes what is buffered and closes the file: "" when every byte reached it, else
    /// "cannot write 'PATH': reason" for the first failure (opening, writing or closing).
    std::string close();

private:
    void flush();
    void fail(int error);

    std::string m_path;
    int m_fd = -1;
    std::string m_buffer;
    std::string m_error;
};

/// Checks before a run that `directory` exists or can be created, is a directory and takes new
/// files, so that a long run is not wasted on output that cannot be written. "" when it can.
std::string checkOutputDirectory(const std::string& directory);

}  // namespace archsim::cli
