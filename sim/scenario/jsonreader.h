// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading hand-edited JSON field by field, every problem reported with its JSON path.
//
// Scenarios, distributions, pricing tables and cost configurations all read through this one
// reader, so a problem is worded the same way whichever file it is in ("must be > 0 s, got -5",
// "is required but missing", "unknown field 'keepAlive' (did you mean 'keepAliveS'?)"), and what
// one format needed (keys with dots quoted in paths, suggestions for typos, duplicate keys,
// locale-independent numbers) every format has.
//
// A field that no accessor asked about is reported by reportUnknownFields(): in a hand-edited file
// it is nearly always a misspelt known field, whose value would otherwise silently go unused.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/validation.h"

namespace archsim {

// ---- text for messages --------------------------------------------------------------------------

/// How many characters of user input a message quotes: a name, a key, a value, a line of a file.
/// Enough to recognise it; too few to copy a secret out of a file named by mistake into a log.
inline constexpr std::size_t kMaxQuotedChars = 40;
/// A file path is the user's own and must be quoted whole to say which file; only an absurd one
/// is cut.
inline constexpr std::size_t kMaxQuotedPathChars = 256;

/// User input as every message quotes it: at most `maxChars` characters, the last one "…" when
/// the text is cut; a byte that is not printable UTF-8 (a control character, a terminal escape, a
/// direction override, invalid UTF-8) is written as \xNN, and a backslash or double quote is
/// escaped with a backslash, so the excerpt stays on one line, fits between double quotes and
/// shows what the bytes were.
std::string excerpt(std::string_view text, std::size_t maxChars = kMaxQuotedChars);
/// A file path between single quotes, through excerpt().
std::string quotedPath(std::string_view path);

/// A number as a message quotes it: the way a person writes it (30, 0.1, 2678400, 1e+12), with
/// every digit needed to read it back, so two different numbers never look alike. Independent of
/// the C locale, which the GUI sets from the environment (no "12,5").
std::string formatNumber(double value);
/// A computed figure rounded to `significantDigits`, laid out like printf's %g.
std::string formatNumber(double value, int significantDigits);

/// A JSON value as a message quotes it: `string "abc"` (through excerpt()), `number -1`,
/// `boolean true`, `null`, `an array`, `an object`.
std::string describeJson(const nlohmann::json& value);

/// The path of an object member. A key that is not a plain identifier (an instance type such as
/// "t3.small") is quoted in brackets through excerpt(), so its dot is not read as nesting:
/// keyPath("ec2.instanceTypes", "t3.small") == "ec2.instanceTypes[\"t3.small\"]".
std::string keyPath(const std::string& parent, std::string_view key);

/// The candidate `word` is most likely a typo of (ASCII case ignored), if any is close enough.
std::optional<std::string> closestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

/// "a, b, c", each name between `quote`s.
std::string joinNames(const std::vector<std::string>& names, std::string_view quote = {});

// ---- numbers ------------------------------------------------------------------------------------

/// The values a number may take, and how a message states the limits: "must be > 0 s, got -5",
/// "must be <= 1e+12 (a larger value is absurd for a latency in ms), got 1e+13".
struct NumberRange {
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    bool minExclusive = false;
    std::string_view unit;       ///< shown after the limit ("s", "ms", "requests/s")
    std::string_view minReason;  ///< why the lower limit, where that is not obvious
    std::string_view maxReason;  ///< why the upper limit

    /// Any finite number.
    constexpr NumberRange() = default;
    constexpr NumberRange(double lower, double upper, bool lowerExclusive = false,
                          std::string_view unitName = {})
        : min(lower), max(upper), minExclusive(lowerExclusive), unit(unitName) {}

    /// >= 0: a price, a quantity, a latency.
    static constexpr NumberRange nonNegative(std::string_view unitName = {}) {
        return {0.0, std::numeric_limits<double>::infinity(), false, unitName};
    }
    /// > 0: something that divides or scales, a shape parameter, a weight.
    static constexpr NumberRange positive(std::string_view unitName = {}) {
        return {0.0, std::numeric_limits<double>::infinity(), true, unitName};
    }
    /// The same range, saying in messages why a value below it is wrong.
    constexpr NumberRange explainMin(std::string_view reason) const {
        NumberRange range = *this;
        range.minReason = reason;
        return range;
    }
    /// The same range, saying in messages why a value above it is wrong.
    constexpr NumberRange explainMax(std::string_view reason) const {
        NumberRange range = *this;
        range.maxReason = reason;
        return range;
    }
};

/// Checks a number that is not an object member (an array element, a bare value); reports at
/// `path` and returns nullopt when it is not a finite number within `range`.
std::optional<double> readNumber(const nlohmann::json& value, const std::string& path,
                                 const NumberRange& range, ValidationReport& report);

// ---- objects ------------------------------------------------------------------------------------

/// Reads the members of one object. Every accessor records its key as known, present or not, so
/// reportUnknownFields() can name the field a misspelt one was probably meant to be. A missing
/// required field is reported at its own path ("run.durationS: is required but missing").
class JsonObjectReader {
public:
    /// Reports at `path` when `value` is not an object; the accessors then find nothing.
    JsonObjectReader(const nlohmann::json& value, std::string path, ValidationReport& report);
    // The reader keeps a pointer to the value: a temporary would dangle.
    JsonObjectReader(nlohmann::json&& value, std::string path, ValidationReport& report) = delete;
    // Not copyable: two readers of one object would each report its unknown fields.
    JsonObjectReader(const JsonObjectReader&) = delete;
    JsonObjectReader& operator=(const JsonObjectReader&) = delete;

    bool isObject() const { return m_object != nullptr; }
    const std::string& path() const { return m_path; }
    std::string fieldPath(std::string_view key) const { return keyPath(m_path, key); }
    ValidationReport& report() const { return m_report; }
    /// Whether the field is present; unlike the accessors, does not count as reading it.
    bool has(std::string_view key) const;

    /// The raw value of a field, or nullptr if absent (reported if required).
    const nlohmann::json* value(std::string_view key, bool required);
    /// A finite number within `range`.
    std::optional<double> number(std::string_view key, bool required,
                                 const NumberRange& range = {});
    /// A whole number within [min, max]; 2.0 is accepted as 2, 2.5 is not.
    std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min,
                                        std::int64_t max);
    std::optional<std::string> string(std::string_view key, bool required);
    /// A string that, when present, must not be empty (a name the rest of the file relies on).
    std::optional<std::string> nonEmptyString(std::string_view key, bool required);
    /// A string that must be one of `allowed`; a near miss gets a suggestion.
    std::optional<std::string> choice(std::string_view key, bool required,
                                      const std::vector<std::string>& allowed);
    std::optional<bool> boolean(std::string_view key, bool required);
    /// An array field (reported if present but not an array).
    const nlohmann::json* array(std::string_view key, bool required);

    /// Accepts the field without reading it here: the caller handles it, or has reported it.
    void allow(std::string_view key);
    /// Reports a problem with the field `key` (and accepts it, so it is not also "unknown").
    void fail(std::string_view key, std::string message);
    /// Reports every field that no accessor asked about.
    void reportUnknownFields();

private:
    const nlohmann::json* m_object = nullptr;
    std::string m_path;
    ValidationReport& m_report;
    std::vector<std::string> m_known;  ///< in the order asked, which is the documented order
};

// ---- text ---------------------------------------------------------------------------------------

/// Parses hand-edited JSON text that should hold `document` ("a scenario", "a pricing table").
/// A syntax error is reported with its line and column ("not valid JSON at line 3, column 15:
/// ..."), after `source` when given ("pricing file 'p.json' is not valid JSON at ..."). Also
/// reported is what the parser hides: a key given twice in one object (it silently keeps one
/// value) and nesting so deep that walking the value would exhaust the stack. Returns the value
/// unless it did not parse or nests too deep; with duplicate keys it is still returned so that
/// every other problem can be reported in the same pass, and the caller must treat the issues
/// added to `report` as a failure.
std::optional<nlohmann::json> parseJsonText(std::string_view text, std::string_view document,
                                            ValidationReport& report, std::string_view source = {});

}  // namespace archsim
