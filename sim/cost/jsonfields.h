// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Field-by-field reading of hand-edited JSON objects, reporting every problem with its JSON path.
//
// Internal to sim/cost: the pricing table and the cost configuration both read through it, so they
// word their complaints the same way ("must be a number, got string \"cheap\"") and both report
// unknown fields, which in a hand-edited file are nearly always typos of a known one.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/validation.h"

namespace archsim::costjson {

/// Path of an object member. Keys that are not plain identifiers (an instance type such as
/// "t3.small") are bracketed and quoted, so the dot inside them is not read as nesting:
/// keyPath("ec2.instanceTypes", "t3.small") == "ec2.instanceTypes[\"t3.small\"]".
std::string keyPath(const std::string& parent, const std::string& key);

/// A short description of a value for messages: `string "abc"`, `number -1`, `null`, `an array`.
std::string describe(const nlohmann::json& value);

/// A number formatted for messages: up to 10 significant digits, no trailing zeros.
std::string formatNumber(double value);

/// The lower limit a number must respect.
enum class Bound { None, NonNegative, Positive };

/// Checks a free-standing number (a map value rather than an object member).
std::optional<double> readNumber(const nlohmann::json& value, const std::string& path, Bound bound,
                                 ValidationReport& report);

/// True for a real calendar date written YYYY-MM-DD.
bool isValidDate(const std::string& text);

/// Reads the members of one object. Every accessor records the key as known, present or not, so
/// reportUnknownFields() can list the fields a misspelt one was probably meant to be.
class ObjectReader {
public:
    /// Reports at `path` when `value` is not an object; the accessors then find nothing.
    ObjectReader(const nlohmann::json& value, std::string path, ValidationReport& report);
    ObjectReader(const ObjectReader&) = delete;
    ObjectReader& operator=(const ObjectReader&) = delete;

    bool isObject() const { return m_object != nullptr; }
    const std::string& path() const { return m_path; }
    std::string fieldPath(const std::string& key) const { return keyPath(m_path, key); }
    ValidationReport& report() { return m_report; }
    /// Reports a problem with the member `key`.
    void fail(const std::string& key, std::string message);

    /// The member, or nullptr; a missing required member is reported.
    const nlohmann::json* member(const std::string& key, bool required);
    std::optional<double> number(const std::string& key, bool required, Bound bound);
    /// A required string must also be non-empty; an optional one may be empty.
    std::optional<std::string> string(const std::string& key, bool required);
    std::optional<bool> boolean(const std::string& key, bool required);
    /// A whole number within [min, max] (2.0 is accepted as 2, 2.5 is not).
    std::optional<long long> integer(const std::string& key, bool required, long long min,
                                     long long max);

    /// Reports each member no accessor asked about, listing the known fields.
    void reportUnknownFields();

private:
    const nlohmann::json* m_object = nullptr;
    std::string m_path;
    ValidationReport& m_report;
    std::vector<std::string> m_known;
};

}  // namespace archsim::costjson
