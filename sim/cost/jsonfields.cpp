// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/cost/jsonfields.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace archsim::costjson {

namespace {

bool isIdentifier(const std::string& key) {
    if (key.empty()) return false;
    const auto identifierChar = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    };
    return std::all_of(key.begin(), key.end(), identifierChar) && !(key[0] >= '0' && key[0] <= '9');
}

}  // namespace

std::string keyPath(const std::string& parent, const std::string& key) {
    if (isIdentifier(key)) return joinPath(parent, key);
    return parent + "[\"" + key + "\"]";
}

std::string formatNumber(double value) {
    char text[40];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

std::string describe(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null:
            return "null";
        case nlohmann::json::value_t::boolean:
            return value.get<bool>() ? "boolean true" : "boolean false";
        case nlohmann::json::value_t::string: {
            // Long strings are cut: the message must stay one readable line.
            std::string text = value.get<std::string>();
            if (text.size() > 40) text = text.substr(0, 37) + "...";
            return "string \"" + text + "\"";
        }
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float:
            return "number " + formatNumber(value.get<double>());
        case nlohmann::json::value_t::array:
            return "an array";
        case nlohmann::json::value_t::object:
            return "an object";
        default:
            return value.type_name();
    }
}

std::optional<double> readNumber(const nlohmann::json& value, const std::string& path, Bound bound,
                                 ValidationReport& report) {
    if (!value.is_number()) {
        report.add(path, "must be a number, got " + describe(value));
        return std::nullopt;
    }
    const double number = value.get<double>();
    if (!std::isfinite(number)) {
        report.add(path, "must be a finite number");
        return std::nullopt;
    }
    if (bound == Bound::NonNegative && number < 0.0) {
        report.add(path, "must be >= 0, got " + formatNumber(number));
        return std::nullopt;
    }
    if (bound == Bound::Positive && !(number > 0.0)) {
        report.add(path, "must be > 0, got " + formatNumber(number));
        return std::nullopt;
    }
    return number;
}

bool isValidDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    const int year = std::stoi(text.substr(0, 4));
    const int month = std::stoi(text.substr(5, 2));
    const int day = std::stoi(text.substr(8, 2));
    if (month < 1 || month > 12 || day < 1) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int daysInMonth = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= daysInMonth;
}

ObjectReader::ObjectReader(const nlohmann::json& value, std::string path, ValidationReport& report)
    : m_path(std::move(path)), m_report(report) {
    if (value.is_object()) {
        m_object = &value;
    } else {
        m_report.add(m_path, "must be an object, got " + describe(value));
    }
}

void ObjectReader::fail(const std::string& key, std::string message) {
    m_report.add(fieldPath(key), std::move(message));
}

const nlohmann::json* ObjectReader::member(const std::string& key, bool required) {
    if (std::find(m_known.begin(), m_known.end(), key) == m_known.end()) m_known.push_back(key);
    if (m_object == nullptr) return nullptr;
    const auto found = m_object->find(key);
    if (found == m_object->end()) {
        if (required) fail(key, "missing required field");
        return nullptr;
    }
    return &*found;
}

std::optional<double> ObjectReader::number(const std::string& key, bool required, Bound bound) {
    const nlohmann::json* value = member(key, required);
    if (value == nullptr) return std::nullopt;
    return readNumber(*value, fieldPath(key), bound, m_report);
}

std::optional<std::string> ObjectReader::string(const std::string& key, bool required) {
    const nlohmann::json* value = member(key, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
        fail(key, "must be a string, got " + describe(*value));
        return std::nullopt;
    }
    std::string text = value->get<std::string>();
    if (required && text.empty()) {
        fail(key, "must not be empty");
        return std::nullopt;
    }
    return text;
}

std::optional<bool> ObjectReader::boolean(const std::string& key, bool required) {
    const nlohmann::json* value = member(key, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_boolean()) {
        fail(key, "must be true or false, got " + describe(*value));
        return std::nullopt;
    }
    return value->get<bool>();
}

std::optional<long long> ObjectReader::integer(const std::string& key, bool required, long long min,
                                               long long max) {
    const nlohmann::json* value = member(key, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number()) {
        fail(key, "must be a whole number, got " + describe(*value));
        return std::nullopt;
    }
    const double number = value->get<double>();
    if (!std::isfinite(number) || number != std::floor(number)) {
        fail(key, "must be a whole number, got " + formatNumber(number));
        return std::nullopt;
    }
    if (number < static_cast<double>(min) || number > static_cast<double>(max)) {
        fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                      ", got " + formatNumber(number));
        return std::nullopt;
    }
    return static_cast<long long>(number);
}

void ObjectReader::reportUnknownFields() {
    if (m_object == nullptr) return;
    std::string known;
    for (const auto& key : m_known) known += (known.empty() ? "" : ", ") + key;
    for (auto it = m_object->begin(); it != m_object->end(); ++it) {
        if (std::find(m_known.begin(), m_known.end(), it.key()) != m_known.end()) continue;
        m_report.add(fieldPath(it.key()), "unknown field (known fields here: " + known + ")");
    }
}

}  // namespace archsim::costjson
