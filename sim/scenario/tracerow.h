// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One row of an arrival trace as monitoring tools export it. Which column holds the time (by
// header name or by position), in which unit, and whether the times are offsets from the start or
// absolute instants (Unix epoch in any unit, ISO 8601 dates). Absolute instants are kept as whole
// nanoseconds, so epoch milliseconds around 1.7e12 lose nothing before the trace is rebased onto
// its first arrival (toArrivalOffsets).
//
// A row may also carry the request's size in another column (bytes, KB or MB) and a key (a user,
// a token, an object name) that the request looks up in every cache on its path, read alongside.
//
// Reading the file (lines, limits, the report with file and line) is the trace reader's job; this
// only turns a header and a row's text into a time, or into a message saying what is wrong.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archsim {

enum class TraceTimeUnit { Seconds, Milliseconds, Microseconds, Nanoseconds };
/// Offsets: time since the start of the trace. Epoch: since 1970-01-01T00:00:00Z, in the unit.
/// Iso8601: "2024-03-01T12:00:00.250Z", "2024-03-01 12:00:00+01:00" (no zone: UTC).
enum class TraceTimeBase { Offset, Epoch, Iso8601 };
/// The unit of a payload column. KB and MB are binary (1024), as gateway limits are.
enum class TracePayloadUnit { Bytes, Kilobytes, Megabytes };

/// The keyword of a unit as a file writes it ("s", "ms", "us", "ns"), and back.
std::string_view toKeyword(TraceTimeUnit unit);
std::optional<TraceTimeUnit> traceTimeUnitFromKeyword(std::string_view keyword);
/// "offset", "epoch", "iso8601", and back.
std::string_view toKeyword(TraceTimeBase base);
std::optional<TraceTimeBase> traceTimeBaseFromKeyword(std::string_view keyword);
/// "B", "KB", "MB", and back.
std::string_view toKeyword(TracePayloadUnit unit);
std::optional<TracePayloadUnit> tracePayloadUnitFromKeyword(std::string_view keyword);

struct TraceColumns {
    std::string timeColumn;           ///< header name of the time column; "" = by index
    std::size_t timeColumnIndex = 0;  ///< 0 = the first column; used when timeColumn is ""
    TraceTimeUnit unit = TraceTimeUnit::Seconds;  ///< of Offset and Epoch times
    TraceTimeBase base = TraceTimeBase::Offset;
    char delimiter = ',';
    /// The column holding each request's size: by header name, else by index when set; neither =
    /// the trace has no sizes.
    std::string payloadColumn;
    std::optional<std::size_t> payloadColumnIndex;
    TracePayloadUnit payloadUnit = TracePayloadUnit::Bytes;
    /// The column holding each request's cache key, chosen like the payload column.
    std::string keyColumn;
    std::optional<std::size_t> keyColumnIndex;

    bool hasPayload() const { return !payloadColumn.empty() || payloadColumnIndex.has_value(); }
    bool hasKey() const { return !keyColumn.empty() || keyColumnIndex.has_value(); }
    bool operator==(const TraceColumns&) const = default;
};

/// The fields of one CSV line: separated by the delimiter, each trimmed, double quotes removed
/// ("a,""b""" is one field a,"b").
std::vector<std::string> splitTraceFields(std::string_view line, char delimiter = ',');

/// An ISO 8601 date and time as nanoseconds since the Unix epoch; nullopt if it is not one (or the
/// date does not exist, like February 30).
std::optional<std::int64_t> parseIso8601(std::string_view text);

/// Turns header and rows into instants, as TraceColumns says.
class TraceRowParser {
public:
    explicit TraceRowParser(TraceColumns columns);

    /// The first non-empty line. With a column chosen by name it must be the header that names
    /// it; with columns chosen by index, it is a header when its time field is not a time (and
    /// then skipped), otherwise the first row. Returns an error message, "" when fine; `isHeader`
    /// says whether the line was a header.
    std::string readFirstLine(std::string_view line, bool& isHeader);

    struct Row {
        std::optional<std::int64_t> timeNs;  ///< set on success (offset or epoch instant)
        std::optional<double> payloadKb;     ///< set on success when there is a payload column
        std::string error;                   ///< what is wrong with the row, otherwise
        std::string key;                     ///< on success with a key column: its text
    };
    /// A data row.
    Row parseRow(std::string_view line) const;

    /// The column the times come from (0-based), once known.
    std::size_t timeColumnIndex() const { return m_index; }

private:
    TraceColumns m_columns;
    std::size_t m_index = 0;
    std::string m_columnLabel;  ///< for messages: "column 3 ('ts')"
    std::size_t m_payloadIndex = 0;
    std::string m_payloadLabel;
    std::size_t m_keyIndex = 0;
    std::string m_keyLabel;
};

/// Offsets in seconds from the earliest instant (absolute traces start at their first arrival);
/// offset traces keep their own origin. The result is sorted.
std::vector<double> toArrivalOffsets(std::vector<std::int64_t> timesNs, TraceTimeBase base);

/// The rows in the order their arrivals are replayed: by time, rows at the same instant in file
/// order. A row's payload and key follow its time through this order.
std::vector<std::size_t> arrivalOrder(const std::vector<std::int64_t>& timesNs);

}  // namespace archsim
