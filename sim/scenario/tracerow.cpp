// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/tracerow.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/scenario/jsonreader.h"

namespace archsim {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

std::string_view trimmed(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return text;
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

int unitExponent(TraceTimeUnit unit) {  // nanoseconds per unit, as a power of ten
    switch (unit) {
        case TraceTimeUnit::Seconds:
            return 9;
        case TraceTimeUnit::Milliseconds:
            return 6;
        case TraceTimeUnit::Microseconds:
            return 3;
        case TraceTimeUnit::Nanoseconds:
            return 0;
    }
    return 9;
}

std::string_view unitName(TraceTimeUnit unit) {
    switch (unit) {
        case TraceTimeUnit::Seconds:
            return "seconds";
        case TraceTimeUnit::Milliseconds:
            return "milliseconds";
        case TraceTimeUnit::Microseconds:
            return "microseconds";
        case TraceTimeUnit::Nanoseconds:
            return "nanoseconds";
    }
    return "seconds";
}

/// A decimal number ("12", "-0.25", "1.7e12") times 10^exponent, rounded to a whole number, read
/// digit by digit rather than through a double: 1700000000.123456789 s keeps its nanoseconds.
std::optional<std::int64_t> parseScaledDecimal(std::string_view text, int exponent) {
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    std::string digits;
    bool seenDigit = false, seenPoint = false;
    std::size_t i = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (isDigit(c)) {
            seenDigit = true;
            if (digits.empty() && c == '0') {
                if (seenPoint) --exponent;  // a leading zero after the point still shifts
                continue;
            }
            digits += c;
            if (seenPoint) --exponent;
        } else if (c == '.' && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    if (!seenDigit) return std::nullopt;
    if (i < text.size()) {
        if (text[i] != 'e' && text[i] != 'E') return std::nullopt;
        std::string_view rest = text.substr(i + 1);
        bool negativeExponent = false;
        if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
            negativeExponent = rest.front() == '-';
            rest.remove_prefix(1);
        }
        if (rest.empty() || rest.size() > 4) return std::nullopt;
        int value = 0;
        for (const char c : rest) {
            if (!isDigit(c)) return std::nullopt;
            value = value * 10 + (c - '0');
        }
        exponent += negativeExponent ? -value : value;
    }
    // Keep the digits that land at or above 10^0; the first one below decides the rounding.
    std::int64_t result = 0;
    const long long kept = static_cast<long long>(digits.size()) + exponent;
    for (long long d = 0; d < std::min<long long>(kept, static_cast<long long>(digits.size()));
         ++d) {
        const int digit = digits[static_cast<std::size_t>(d)] - '0';
        if (result > (kMax - digit) / 10) return std::nullopt;
        result = result * 10 + digit;
    }
    for (long long zeros = kept - static_cast<long long>(digits.size()); zeros > 0; --zeros) {
        if (result > kMax / 10) return std::nullopt;
        result *= 10;
    }
    if (kept >= 0 && kept < static_cast<long long>(digits.size()) &&
        digits[static_cast<std::size_t>(kept)] >= '5') {
        if (result == kMax) return std::nullopt;
        ++result;
    }
    return negative ? -result : result;
}

/// `count` digits at `at` as a number, or -1.
int fixedDigits(std::string_view text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) return -1;
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (!isDigit(text[i])) return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

/// A field as messages quote it: short, control characters escaped. Built by appending, which
/// also keeps GCC 12 from a false -Wrestrict on "'" + std::string.
std::string quotedField(std::string_view text) {
    std::string out = "'";
    out += excerpt(text);
    out += '\'';
    return out;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) {
                   return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
               };
               return lower(x) == lower(y);
           });
}

}  // namespace

std::string_view toKeyword(TraceTimeUnit unit) {
    switch (unit) {
        case TraceTimeUnit::Seconds:
            return "s";
        case TraceTimeUnit::Milliseconds:
            return "ms";
        case TraceTimeUnit::Microseconds:
            return "us";
        case TraceTimeUnit::Nanoseconds:
            return "ns";
    }
    return "s";
}

std::optional<TraceTimeUnit> traceTimeUnitFromKeyword(std::string_view keyword) {
    for (const TraceTimeUnit unit : {TraceTimeUnit::Seconds, TraceTimeUnit::Milliseconds,
                                     TraceTimeUnit::Microseconds, TraceTimeUnit::Nanoseconds})
        if (toKeyword(unit) == keyword) return unit;
    return std::nullopt;
}

std::string_view toKeyword(TraceTimeBase base) {
    switch (base) {
        case TraceTimeBase::Offset:
            return "offset";
        case TraceTimeBase::Epoch:
            return "epoch";
        case TraceTimeBase::Iso8601:
            return "iso8601";
    }
    return "offset";
}

std::optional<TraceTimeBase> traceTimeBaseFromKeyword(std::string_view keyword) {
    for (const TraceTimeBase base :
         {TraceTimeBase::Offset, TraceTimeBase::Epoch, TraceTimeBase::Iso8601})
        if (toKeyword(base) == keyword) return base;
    return std::nullopt;
}

std::string_view toKeyword(TracePayloadUnit unit) {
    switch (unit) {
        case TracePayloadUnit::Bytes:
            return "B";
        case TracePayloadUnit::Kilobytes:
            return "KB";
        case TracePayloadUnit::Megabytes:
            return "MB";
    }
    return "B";
}

std::optional<TracePayloadUnit> tracePayloadUnitFromKeyword(std::string_view keyword) {
    for (const TracePayloadUnit unit :
         {TracePayloadUnit::Bytes, TracePayloadUnit::Kilobytes, TracePayloadUnit::Megabytes})
        if (toKeyword(unit) == keyword) return unit;
    return std::nullopt;
}

std::vector<std::string> splitTraceFields(std::string_view line, char delimiter) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false, wasQuoted = false;
    const auto finish = [&] {
        // Spaces around a quoted field are padding; inside the quotes they are content.
        fields.push_back(wasQuoted ? field : std::string(trimmed(field)));
        field.clear();
        wasQuoted = false;
    };
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && trimmed(field).empty()) {
            field.clear();
            quoted = wasQuoted = true;
        } else if (c == delimiter) {
            finish();
        } else if (!wasQuoted || (c != ' ' && c != '\t' && c != '\r')) {
            field += c;
        }
    }
    finish();
    return fields;
}

std::optional<std::int64_t> parseIso8601(std::string_view text) {
    text = trimmed(text);
    // YYYY-MM-DD
    const int year = fixedDigits(text, 0, 4), month = fixedDigits(text, 5, 2),
              day = fixedDigits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(year),
                                           std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) return std::nullopt;
    std::int64_t ns = std::chrono::sys_days(date).time_since_epoch().count() * 86'400'000'000'000LL;
    std::size_t at = 10;
    if (at < text.size()) {
        // Thh:mm[:ss[.fraction]]
        if (text[at] != 'T' && text[at] != 't' && text[at] != ' ') return std::nullopt;
        const int hour = fixedDigits(text, at + 1, 2), minute = fixedDigits(text, at + 4, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || text[at + 3] != ':')
            return std::nullopt;
        ns += (hour * 3600LL + minute * 60LL) * 1'000'000'000LL;
        at += 6;
        if (at < text.size() && text[at] == ':') {
            const int second = fixedDigits(text, at + 1, 2);
            if (second < 0 || second > 59) return std::nullopt;
            ns += second * 1'000'000'000LL;
            at += 3;
            if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
                std::int64_t scale = 100'000'000;
                std::size_t digits = 0;
                for (++at; at < text.size() && isDigit(text[at]); ++at, ++digits) {
                    ns += (text[at] - '0') * scale;  // beyond nanoseconds scale is 0
                    scale /= 10;
                }
                if (digits == 0) return std::nullopt;
            }
        }
        // Z, +hh:mm, +hhmm, +hh; none means UTC (a trace must not depend on where it is read).
        if (at < text.size()) {
            const char sign = text[at];
            if ((sign == 'Z' || sign == 'z') && at + 1 == text.size()) return ns;
            if (sign != '+' && sign != '-') return std::nullopt;
            const int zoneHour = fixedDigits(text, at + 1, 2);
            std::size_t next = at + 3;
            int zoneMinute = 0;
            if (next < text.size()) {
                if (text[next] == ':') ++next;
                zoneMinute = fixedDigits(text, next, 2);
                next += 2;
            }
            if (zoneHour < 0 || zoneHour > 23 || zoneMinute < 0 || zoneMinute > 59 ||
                next != text.size())
                return std::nullopt;
            const std::int64_t offset = (zoneHour * 3600LL + zoneMinute * 60LL) * 1'000'000'000LL;
            ns += sign == '+' ? -offset : offset;
        }
    }
    return ns;
}

namespace {
TraceRowParser::Row rowError(std::string error) {
    TraceRowParser::Row row;
    row.error = std::move(error);
    return row;
}
}  // namespace

TraceRowParser::TraceRowParser(TraceColumns columns) : m_columns(std::move(columns)) {
    m_index = m_columns.timeColumnIndex;
    m_columnLabel = "column " + std::to_string(m_index + 1);
    m_payloadIndex = m_columns.payloadColumnIndex.value_or(0);
    m_payloadLabel = "column " + std::to_string(m_payloadIndex + 1);
    m_keyIndex = m_columns.keyColumnIndex.value_or(0);
    m_keyLabel = "column " + std::to_string(m_keyIndex + 1);
}

std::string TraceRowParser::readFirstLine(std::string_view line, bool& isHeader) {
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    const std::vector<std::string> fields = splitTraceFields(line, m_columns.delimiter);
    const auto label = [&](std::size_t index) {
        return "column " + std::to_string(index + 1) +
               (index < fields.size() ? " ('" + excerpt(fields[index]) + "')" : std::string());
    };
    // A column chosen by name: find it in the header, or say which columns there are.
    const auto find = [&](const std::string& name, std::size_t& index) -> std::string {
        const auto found = std::find_if(fields.begin(), fields.end(), [&](const std::string& f) {
            return equalsIgnoringCase(f, name);
        });
        if (found != fields.end()) {
            index = static_cast<std::size_t>(found - fields.begin());
            return {};
        }
        // A wide header (a column per minute) is named by its first columns only.
        constexpr std::size_t kNamesShown = 8;
        std::string names;
        for (std::size_t i = 0; i < std::min(fields.size(), kNamesShown); ++i)
            names += (names.empty() ? "'" : ", '") + excerpt(fields[i]) + "'";
        if (fields.size() > kNamesShown)
            names += " and " + std::to_string(fields.size() - kNamesShown) + " more";
        return "the header has no column '" + excerpt(name) + "' (its columns: " + names + ")";
    };
    if (!m_columns.timeColumn.empty() || !m_columns.payloadColumn.empty() ||
        !m_columns.keyColumn.empty()) {
        isHeader = true;
        if (!m_columns.timeColumn.empty())
            if (std::string error = find(m_columns.timeColumn, m_index); !error.empty())
                return error;
        if (!m_columns.payloadColumn.empty())
            if (std::string error = find(m_columns.payloadColumn, m_payloadIndex); !error.empty())
                return error;
        if (!m_columns.keyColumn.empty())
            if (std::string error = find(m_columns.keyColumn, m_keyIndex); !error.empty())
                return error;
        m_columnLabel = label(m_index);
        if (m_columns.hasPayload()) m_payloadLabel = label(m_payloadIndex);
        if (m_columns.hasKey()) m_keyLabel = label(m_keyIndex);
        return {};
    }
    const Row row = parseRow(line);
    isHeader = !row.timeNs;
    if (isHeader && m_index < fields.size()) m_columnLabel = label(m_index);
    if (isHeader && m_columns.hasPayload()) m_payloadLabel = label(m_payloadIndex);
    if (isHeader && m_columns.hasKey()) m_keyLabel = label(m_keyIndex);
    if (isHeader && m_index >= fields.size())
        return "the first line has no " + m_columnLabel + " (it has " +
               std::to_string(fields.size()) + ")";
    return {};
}

TraceRowParser::Row TraceRowParser::parseRow(std::string_view line) const {
    const std::vector<std::string> fields = splitTraceFields(line, m_columns.delimiter);
    const auto missing = [&](const std::string& label) {
        return rowError("has no " + label + ": the row has " + std::to_string(fields.size()) +
                        " field" + (fields.size() == 1 ? "" : "s"));
    };
    if (m_index >= fields.size()) return missing(m_columnLabel);
    const std::string& field = fields[m_index];
    if (field.empty()) return rowError(m_columnLabel + " is empty");
    Row row;
    if (m_columns.base == TraceTimeBase::Iso8601) {
        row.timeNs = parseIso8601(field);
        if (!row.timeNs)
            return rowError(quotedField(field) +
                            " is not an ISO 8601 date and time (like 2024-03-01T12:00:00Z)");
    } else {
        row.timeNs = parseScaledDecimal(field, unitExponent(m_columns.unit));
        const std::string what = m_columns.base == TraceTimeBase::Epoch
                                     ? "a Unix time in " + std::string(unitName(m_columns.unit))
                                     : "a time in " + std::string(unitName(m_columns.unit));
        if (!row.timeNs) return rowError(quotedField(field) + " is not " + what);
        if (*row.timeNs < 0 && m_columns.base == TraceTimeBase::Offset)
            return rowError(quotedField(field) + " is negative; arrival times must be >= 0");
    }
    if (m_columns.hasKey()) {
        if (m_keyIndex >= fields.size()) return missing(m_keyLabel);
        if (fields[m_keyIndex].empty()) return rowError(m_keyLabel + " (the cache key) is empty");
        row.key = fields[m_keyIndex];
    }
    if (!m_columns.hasPayload()) return row;

    if (m_payloadIndex >= fields.size()) return missing(m_payloadLabel);
    const std::string& size = fields[m_payloadIndex];
    double value = 0;
    // from_chars, not strtod or streams: independent of the locale the GUI sets.
    const auto parsed = std::from_chars(size.data(), size.data() + size.size(), value);
    const std::string unit(toKeyword(m_columns.payloadUnit));
    if (size.empty() || parsed.ec != std::errc{} || parsed.ptr != size.data() + size.size() ||
        !std::isfinite(value) || value < 0)
        return rowError(m_payloadLabel + ": " + quotedField(size) + " is not a request size in " +
                        unit + " (a number >= 0)");
    switch (m_columns.payloadUnit) {
        case TracePayloadUnit::Bytes:
            row.payloadKb = value / 1024;
            break;
        case TracePayloadUnit::Kilobytes:
            row.payloadKb = value;
            break;
        case TracePayloadUnit::Megabytes:
            row.payloadKb = value * 1024;
            break;
    }
    return row;
}

std::vector<double> toArrivalOffsets(std::vector<std::int64_t> timesNs, TraceTimeBase base) {
    std::sort(timesNs.begin(), timesNs.end());
    const std::int64_t origin =
        base == TraceTimeBase::Offset || timesNs.empty() ? 0 : timesNs.front();
    std::vector<double> offsets;
    offsets.reserve(timesNs.size());
    // The difference first, in whole nanoseconds, then to seconds (a division by 1e9 rounds once,
    // so 122 ms reads back as exactly 0.122); exact up to 104 days.
    for (const std::int64_t t : timesNs) offsets.push_back(static_cast<double>(t - origin) / 1e9);
    return offsets;
}

std::vector<std::size_t> arrivalOrder(const std::vector<std::int64_t>& timesNs) {
    std::vector<std::size_t> order(timesNs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return timesNs[a] < timesNs[b]; });
    return order;
}

}  // namespace archsim
