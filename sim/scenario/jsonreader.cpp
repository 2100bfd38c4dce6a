// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/jsonreader.h"

#include <cmath>
#include <sstream>

namespace archsim {

std::string formatNumber(double value) {
    std::ostringstream out;
    out.precision(12);
    out << value;
    return out.str();
}

std::string describeJsonType(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null: return "null";
        case nlohmann::json::value_t::object: return "an object";
        case nlohmann::json::value_t::array: return "an array";
        case nlohmann::json::value_t::string: return "a string";
        case nlohmann::json::value_t::boolean: return "a boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float: return "a number";
        default: return "an unsupported value";
    }
}

JsonObjectReader::JsonObjectReader(const nlohmann::json& json, std::string path,
                                   ValidationReport& report)
    : m_path(std::move(path)), m_report(report) {
    if (json.is_object()) {
        m_object = &json;
    } else {
        m_report.add(m_path, "must be an object, got " + describeJsonType(json));
    }
}

bool JsonObjectReader::has(const std::string& key) const {
    return m_object && m_object->contains(key);
}

const nlohmann::json* JsonObjectReader::value(const std::string& key, bool required) {
    if (!m_object) return nullptr;
    m_known.insert(key);
    const auto it = m_object->find(key);
    if (it == m_object->end()) {
        if (required) m_report.add(fieldPath(key), "is required but missing");
        return nullptr;
    }
    return &*it;
}

std::optional<double> JsonObjectReader::number(const std::string& key, bool required,
                                               const NumberRange& range) {
    const nlohmann::json* v = value(key, required);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
        m_report.add(fieldPath(key), "must be a number, got " + describeJsonType(*v));
        return std::nullopt;
    }
    const double x = v->get<double>();
    const std::string unit = range.unit.empty() ? "" : " " + range.unit;
    if (!std::isfinite(x)) {
        m_report.add(fieldPath(key), "must be a finite number");
        return std::nullopt;
    }
    if (range.minExclusive ? !(x > range.min) : !(x >= range.min)) {
        m_report.add(fieldPath(key), std::string("must be ") + (range.minExclusive ? "> " : ">= ") +
                                         formatNumber(range.min) + unit + ", got " +
                                         formatNumber(x));
        return std::nullopt;
    }
    if (x > range.max) {
        m_report.add(fieldPath(key), "must be <= " + formatNumber(range.max) + unit + ", got " +
                                         formatNumber(x));
        return std::nullopt;
    }
    return x;
}

std::optional<std::int64_t> JsonObjectReader::integer(const std::string& key, bool required,
                                                       std::int64_t min, std::int64_t max) {
    const nlohmann::json* v = value(key, required);
    if (!v) return std::nullopt;
    const bool integral = v->is_number_integer() || v->is_number_unsigned() ||
                          (v->is_number_float() && std::trunc(v->get<double>()) == v->get<double>());
    if (!v->is_number() || !integral) {
        m_report.add(fieldPath(key), "must be a whole number, got " +
                                         (v->is_number() ? formatNumber(v->get<double>())
                                                         : describeJsonType(*v)));
        return std::nullopt;
    }
    const double x = v->get<double>();
    if (x < static_cast<double>(min) || x > static_cast<double>(max)) {
        m_report.add(fieldPath(key), "must be between " + std::to_string(min) + " and " +
                                         std::to_string(max) + ", got " + formatNumber(x));
        return std::nullopt;
    }
    return v->is_number_float() ? static_cast<std::int64_t>(x) : v->get<std::int64_t>();
}

std::optional<std::string> JsonObjectReader::string(const std::string& key, bool required) {
    const nlohmann::json* v = value(key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        m_report.add(fieldPath(key), "must be a string, got " + describeJsonType(*v));
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<std::string> JsonObjectReader::choice(const std::string& key, bool required,
                                                    const std::vector<std::string>& allowed) {
    auto s = string(key, required);
    if (!s) return std::nullopt;
    for (const auto& a : allowed)
        if (*s == a) return s;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + ("'" + a + "'");
    m_report.add(fieldPath(key), "must be one of " + list + ", got '" + *s + "'");
    return std::nullopt;
}

std::optional<bool> JsonObjectReader::boolean(const std::string& key, bool required) {
    const nlohmann::json* v = value(key, required);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        m_report.add(fieldPath(key), "must be true or false, got " + describeJsonType(*v));
        return std::nullopt;
    }
    return v->get<bool>();
}

const nlohmann::json* JsonObjectReader::array(const std::string& key, bool required) {
    const nlohmann::json* v = value(key, required);
    if (v && !v->is_array()) {
        m_report.add(fieldPath(key), "must be an array, got " + describeJsonType(*v));
        return nullptr;
    }
    return v;
}

void JsonObjectReader::finish() {
    if (!m_object) return;
    for (const auto& [key, v] : m_object->items())
        if (!m_known.count(key)) m_report.add(fieldPath(key), "unknown field '" + key + "'");
}

}  // namespace archsim
