// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/scenariooverride.h"

#include <cctype>
#include <charconv>

#include "sim/scenario/jsonreader.h"
#include "sim/scenario/validation.h"

namespace archsim {
namespace {

bool isKeyChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

/// The path of the first `count` steps, as messages write it.
std::string pathOf(const ScenarioOverride& o, std::size_t count) {
    std::string path;
    for (std::size_t i = 0; i < count; ++i) {
        if (const auto* key = std::get_if<std::string>(&o.steps[i]))
            path = keyPath(path, *key);
        else
            path = indexPath(path, std::get<std::size_t>(o.steps[i]));
    }
    return path;
}

std::string parsePath(const std::string& text, ScenarioOverride& o) {
    std::size_t i = 0;
    const auto bad = [&](const std::string& what) {
        return o.origin + " " + text + ": " + what + " at character " + std::to_string(i + 1) +
               " (write a path like workload.ratePerS or topology.functions[0].memoryMb)";
    };
    if (text.empty()) return o.origin + ": the path before '=' is empty";
    while (i < text.size()) {
        if (text[i] == '[') {
            const std::size_t close = text.find(']', i);
            if (close == std::string::npos) return bad("'[' without ']'");
            const std::string inside = text.substr(i + 1, close - i - 1);
            if (!inside.empty() && inside.front() == '"') {
                // A quoted key, as messages print keys that hold dots: pricing["t3.small"].
                const auto key = nlohmann::json::parse(inside, nullptr, false);
                if (!key.is_string()) return bad("a badly quoted key");
                o.steps.emplace_back(key.get<std::string>());
            } else {
                std::size_t index = 0;
                const auto [end, error] =
                    std::from_chars(inside.data(), inside.data() + inside.size(), index);
                if (inside.empty() || error != std::errc() || end != inside.data() + inside.size())
                    return bad("an index that is not a whole number");
                o.steps.emplace_back(index);
            }
            i = close + 1;
        } else {
            if (text[i] == '.') {
                if (o.steps.empty()) return bad("a '.' with no field before it");
                ++i;
            }
            const std::size_t start = i;
            while (i < text.size() && isKeyChar(text[i])) ++i;
            if (i == start) return bad("a missing field name");
            o.steps.emplace_back(text.substr(start, i - start));
        }
        if (i < text.size() && text[i] != '.' && text[i] != '[')
            return bad("an unexpected character");
    }
    o.path = text;
    return {};
}

std::string kindOf(const nlohmann::json& value) {
    if (value.is_object()) return "an object";
    if (value.is_array()) return "an array";
    return describeJson(value);
}

}  // namespace

std::string parseOverride(const std::string& assignment, ScenarioOverride& result,
                          const std::string& origin) {
    const std::size_t equals = assignment.find('=');
    if (equals == std::string::npos)
        return origin + " " + assignment + ": expected PATH=VALUE (e.g. workload.ratePerS=50)";
    result = {};
    result.origin = origin;
    if (auto error = parsePath(assignment.substr(0, equals), result); !error.empty()) return error;
    const std::string text = assignment.substr(equals + 1);
    // Not JSON (poisson, t3.small, an empty value): the text itself, as a string.
    result.value = nlohmann::json::parse(text, nullptr, false);
    if (result.value.is_discarded()) result.value = text;
    return {};
}

std::string parseOverridePath(const std::string& path, const std::string& origin,
                              ScenarioOverride& result) {
    result = {};
    result.origin = origin;
    if (path.empty()) return origin + ": the path is empty";
    return parsePath(path, result);
}

std::string applyOverride(nlohmann::json& document, const ScenarioOverride& o) {
    nlohmann::json* at = &document;
    for (std::size_t i = 0; i < o.steps.size(); ++i) {
        if (const auto* key = std::get_if<std::string>(&o.steps[i])) {
            if (at->is_null()) *at = nlohmann::json::object();  // created on the way
            if (!at->is_object())
                return o.origin + " " + o.path + ": " + (i ? pathOf(o, i) : "the scenario") +
                       " is " + kindOf(*at) + ", not an object with field '" + *key + "'";
            at = &(*at)[*key];
        } else {
            const std::size_t index = std::get<std::size_t>(o.steps[i]);
            if (!at->is_array())
                return o.origin + " " + o.path + ": " + (i ? pathOf(o, i) : "the scenario") +
                       " is " + (at->is_null() ? "missing" : kindOf(*at)) + ", not an array";
            if (index >= at->size())
                return o.origin + " " + o.path + ": " + pathOf(o, i) + " has " +
                       std::to_string(at->size()) + " element" + (at->size() == 1 ? "" : "s") +
                       ", so there is no " + pathOf(o, i + 1);
            at = &(*at)[index];
        }
    }
    *at = o.value;
    return {};
}

}  // namespace archsim
