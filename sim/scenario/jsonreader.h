// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reads one JSON object field by field, reporting every problem with its path: a missing required
// field, a value of the wrong type, a number out of range, and (when finish() is called) any field
// the reader was never asked about, so a misspelt "keepAliveS" is reported instead of silently
// ignored.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/scenario/validation.h"

namespace archsim {

struct NumberRange {
    double min = -1e300;
    double max = 1e300;
    bool minExclusive = false;
    std::string unit;  ///< shown after numbers in messages ("s", "ms", "requests/s")
};

class JsonObjectReader {
public:
    JsonObjectReader(const nlohmann::json& json, std::string path, ValidationReport& report);

    /// False when the value is not a JSON object (already reported).
    bool isObject() const { return m_object != nullptr; }
    const std::string& path() const { return m_path; }
    bool has(const std::string& key) const;

    std::optional<double> number(const std::string& key, bool required, const NumberRange& range);
    std::optional<std::int64_t> integer(const std::string& key, bool required, std::int64_t min,
                                        std::int64_t max);
    std::optional<std::string> string(const std::string& key, bool required);
    /// A string that must be one of `allowed`.
    std::optional<std::string> choice(const std::string& key, bool required,
                                      const std::vector<std::string>& allowed);
    std::optional<bool> boolean(const std::string& key, bool required);
    /// The raw value of a field (marks it known), or nullptr if absent (reported if required).
    const nlohmann::json* value(const std::string& key, bool required);
    /// An array field (reported if present but not an array).
    const nlohmann::json* array(const std::string& key, bool required);

    /// Reports every field that no getter asked for.
    void finish();

    std::string fieldPath(const std::string& key) const { return joinPath(m_path, key); }
    ValidationReport& report() { return m_report; }

private:
    const nlohmann::json* m_object = nullptr;
    std::string m_path;
    ValidationReport& m_report;
    std::set<std::string> m_known;
};

/// Formats a number for a message the way a user typed it: 0.1, 30, 1e+12.
std::string formatNumber(double value);
/// Names a JSON value's type for messages: "a string", "an array", ...
std::string describeJsonType(const nlohmann::json& value);

}  // namespace archsim
