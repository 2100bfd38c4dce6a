// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/jsonreader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>
#include <system_error>

namespace archsim {

namespace {

using nlohmann::json;

/// Levenshtein distance, ignoring ASCII case: enough to catch "meen", "databse" or "Exponential".
std::size_t editDistance(std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const bool same = lower(a[i - 1]) == lower(b[j - 1]);
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

bool isIdentifier(std::string_view key) {
    const auto identifierChar = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    };
    return !key.empty() && std::all_of(key.begin(), key.end(), identifierChar) &&
           !(key[0] >= '0' && key[0] <= '9');
}

/// The length of the UTF-8 sequence starting at text[i] if it encodes a character a message may
/// show as it is, else 0 (the byte is then escaped).
std::size_t printableSequence(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return lead >= 0x20 && lead != 0x7F ? 1 : 0;
    std::size_t length = 0;
    char32_t code = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code = lead & 0x07;
    } else {
        return 0;  // a continuation byte, an overlong lead or beyond Unicode
    }
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    // C1 controls, and the invisible characters that reorder or hide text on a terminal or in a
    // review tool (direction overrides and isolates, zero-width characters, line separators).
    const bool control = (code >= 0x80 && code < 0xA0) || (code >= 0x200B && code <= 0x200F) ||
                         (code >= 0x2028 && code <= 0x202E) || (code >= 0x2060 && code <= 0x206F) ||
                         code == 0xFEFF || code > 0x10FFFF;
    return overlong || surrogate || control ? 0 : length;
}

/// " (did you mean 'x'?)" when one candidate is close to `word`, else nothing.
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates) {
    const auto match = closestMatch(word, candidates);
    return match ? " (did you mean '" + *match + "'?)" : std::string();
}

/// "must be >= 0 s", "must be <= 1e+12 (a larger value is absurd for a latency in ms)"; empty when
/// `x` is within `range`.
std::string rangeProblem(double x, const NumberRange& range) {
    // Built with append(): GCC 12 warns falsely (-Wrestrict) about " " + std::string(...) at -O3.
    std::string unit;
    if (!range.unit.empty()) unit.append(" ").append(range.unit);
    const auto because = [](std::string_view reason) {
        std::string text;
        if (!reason.empty()) text.append(" (").append(reason).append(")");
        return text;
    };
    if (range.minExclusive ? !(x > range.min) : !(x >= range.min)) {
        return std::string("must be ") + (range.minExclusive ? "> " : ">= ") +
               formatNumber(range.min) + unit + because(range.minReason);
    }
    if (x > range.max)
        return "must be <= " + formatNumber(range.max) + unit + because(range.maxReason);
    return {};
}

/// A parser message with the file's text it quotes at its end ("...; last read: '<text>'",
/// "number overflow parsing '<text>'") cut through excerpt(): that text can be a whole line of any
/// file the user named by mistake, or megabytes of digits.
std::string cutQuotedText(std::string detail) {
    for (const std::string_view marker :
         {std::string_view("last read: '"), std::string_view("parsing '")}) {
        const auto start = detail.find(marker);
        if (start == std::string::npos || detail.back() != '\'') continue;
        const std::size_t from = start + marker.size();
        if (from >= detail.size()) continue;
        const std::string quoted = detail.substr(from, detail.size() - 1 - from);
        return detail.substr(0, from).append(excerpt(quoted)).append("'");
    }
    return detail;
}

// ---- duplicate keys and nesting
// -------------------------------------------------------------------

/// A SAX pass over the text for what the DOM parser hides or cannot survive: keys given twice in
/// one object (the parser silently keeps one value) and absurdly deep nesting (copying or printing
/// such a value recurses once per level and would overflow the stack).
class StructureChecker final : public nlohmann::json_sax<json> {
public:
    StructureChecker(std::string_view document, ValidationReport& report)
        : m_document(document), m_report(report) {}

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override { return open(true); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool key(string_t& key) override {
        Frame& frame = m_stack.back();
        frame.key = key;
        if (!frame.keys.insert(key).second)
            m_report.add(currentPath(),
                         "is given more than once in the same object; keep only one");
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

private:
    /// Far deeper than any archsim file (handler steps and distributions nest 8 levels each).
    static constexpr std::size_t kMaxDepth = 100;

    struct Frame {
        bool object;
        std::set<std::string> keys;
        std::string key;
        std::size_t index = 0;
    };

    /// The path of the value being read. Built only for a report: keeping one path per frame
    /// would cost memory quadratic in the depth.
    std::string currentPath() const {
        std::string path;
        for (const Frame& frame : m_stack)
            path = frame.object ? keyPath(path, frame.key) : indexPath(path, frame.index);
        return path;
    }
    bool value() {
        if (!m_stack.empty() && !m_stack.back().object) ++m_stack.back().index;
        return true;
    }
    bool open(bool object) {
        if (m_stack.size() == kMaxDepth) {
            m_report.add(currentPath(), "values are nested more than " + std::to_string(kMaxDepth) +
                                            " levels deep; this is not " + std::string(m_document));
            return false;  // stops the parse
        }
        m_stack.push_back({object, {}, {}, 0});
        return true;
    }
    bool close() {
        m_stack.pop_back();
        return value();
    }

    std::string_view m_document;
    ValidationReport& m_report;
    std::vector<Frame> m_stack;
};

}  // namespace

// ---- text for messages --------------------------------------------------------------------------

std::string excerpt(std::string_view text, std::size_t maxChars) {
    // Each character counts once, whether shown as it is or as \xNN.
    const auto nextCharacter = [&](std::size_t i) {
        return i + std::max<std::size_t>(1, printableSequence(text, i));
    };
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size() && characters <= maxChars; i = nextCharacter(i))
        ++characters;
    const bool cut = characters > maxChars;
    const std::size_t keep = cut ? (maxChars == 0 ? 0 : maxChars - 1) : characters;

    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    std::size_t i = 0;
    for (std::size_t shown = 0; shown < keep; ++shown) {
        const std::size_t length = printableSequence(text, i);
        if (length == 0) {
            const auto byte = static_cast<unsigned char>(text[i]);
            out += "\\x";
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0xF]);
            ++i;
        } else {
            if (text[i] == '\\' || text[i] == '"') out.push_back('\\');
            out.append(text.substr(i, length));
            i += length;
        }
    }
    if (cut && maxChars > 0) out += "\xE2\x80\xA6";  // "…"
    return out;
}

std::string quotedPath(std::string_view path) {
    // Built with append(): GCC 12 warns falsely (-Wrestrict) about "'" + std::string(...) at -O3.
    std::string text = "'";
    return text.append(excerpt(path, kMaxQuotedPathChars)).append("'");
}

std::string formatNumber(double value, int significantDigits) {
    // std::to_chars rather than printf or streams: the GUI process sets the C locale from the
    // environment, and "12,5" in a message (or a saved description) would be wrong.
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                      std::chars_format::general, significantDigits);
    if (result.ec != std::errc{}) return "?";  // cannot happen: 64 characters hold any double
    return std::string(buffer.data(), result.ptr);
}

std::string formatNumber(double value) {
    // Twelve significant digits hold the numbers people type, and %g's layout writes them as typed
    // (2678400, where the shortest exact form would be 2.6784e+06). A number they do not hold
    // exactly gets every digit needed to read it back, so that "must be > median (30), got 30"
    // cannot happen.
    std::string text = formatNumber(value, 12);
    double readBack = 0.0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), readBack);
    if (parsed.ec == std::errc{} && readBack == value) return text;
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    if (result.ec != std::errc{}) return text;
    return std::string(buffer.data(), result.ptr);
}

std::string describeJson(const json& value) {
    switch (value.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::boolean:
            return value.get<bool>() ? "boolean true" : "boolean false";
        case json::value_t::string: {
            std::string text = "string \"";
            return text.append(excerpt(value.get_ref<const std::string&>())).append("\"");
        }
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            return "number " + value.dump();  // exact, where a double would round past 2^53
        case json::value_t::number_float:
            return "number " + formatNumber(value.get<double>());
        case json::value_t::array:
            return "an array";
        case json::value_t::object:
            return "an object";
        default:
            return value.type_name();
    }
}

std::string keyPath(const std::string& parent, std::string_view key) {
    // A long key is cut, and then quoted so that it does not read as the key's whole name.
    if (isIdentifier(key) && key.size() <= kMaxQuotedChars)
        return joinPath(parent, std::string(key));
    std::string path = parent;
    return path.append("[\"").append(excerpt(key)).append("\"]");
}

std::optional<std::string> closestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates) {
    // A third of the word may be wrong (at least two letters): close enough to be a typo, far
    // enough apart that the suggestion is not a guess.
    const std::string* best = nullptr;
    std::size_t bestDistance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        // The distance is at least the difference in length: skipping such a candidate keeps a
        // megabyte-long key from costing a megabyte-sized comparison per known field.
        const std::size_t lengthGap = word.size() > candidate.size()
                                          ? word.size() - candidate.size()
                                          : candidate.size() - word.size();
        if (lengthGap >= bestDistance) continue;
        const std::size_t distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            best = &candidate;
            bestDistance = distance;
        }
    }
    if (best == nullptr) return std::nullopt;
    return *best;
}

std::string joinNames(const std::vector<std::string>& names, std::string_view quote) {
    std::string text;
    for (const auto& name : names) {
        if (!text.empty()) text += ", ";
        text.append(quote).append(name).append(quote);
    }
    return text;
}

// ---- numbers ------------------------------------------------------------------------------------

std::optional<double> readNumber(const json& value, const std::string& path,
                                 const NumberRange& range, ValidationReport& report) {
    if (!value.is_number()) {
        report.add(path, "must be a number, got " + describeJson(value));
        return std::nullopt;
    }
    const double x = value.get<double>();
    if (!std::isfinite(x)) {
        // JSON text cannot hold one, but a value built in code (the GUI's) can.
        report.add(path, "must be a finite number, got " + formatNumber(x));
        return std::nullopt;
    }
    if (const std::string problem = rangeProblem(x, range); !problem.empty()) {
        report.add(path, problem + ", got " + formatNumber(x));
        return std::nullopt;
    }
    return x;
}

// ---- objects ------------------------------------------------------------------------------------

JsonObjectReader::JsonObjectReader(const json& value, std::string path, ValidationReport& report)
    : m_path(std::move(path)), m_report(report) {
    if (value.is_object()) {
        m_object = &value;
    } else {
        m_report.add(m_path, "must be an object, got " + describeJson(value));
    }
}

bool JsonObjectReader::has(std::string_view key) const {
    return m_object != nullptr && m_object->contains(key);
}

void JsonObjectReader::allow(std::string_view key) {
    if (std::find(m_known.begin(), m_known.end(), key) == m_known.end()) m_known.emplace_back(key);
}

void JsonObjectReader::fail(std::string_view key, std::string message) {
    allow(key);
    m_report.add(fieldPath(key), std::move(message));
}

const json* JsonObjectReader::value(std::string_view key, bool required) {
    allow(key);
    if (m_object == nullptr) return nullptr;
    const auto found = m_object->find(key);
    if (found == m_object->end()) {
        if (required) m_report.add(fieldPath(key), "is required but missing");
        return nullptr;
    }
    return &*found;
}

std::optional<double> JsonObjectReader::number(std::string_view key, bool required,
                                               const NumberRange& range) {
    const json* v = value(key, required);
    if (v == nullptr) return std::nullopt;
    return readNumber(*v, fieldPath(key), range, m_report);
}

std::optional<std::int64_t> JsonObjectReader::integer(std::string_view key, bool required,
                                                      std::int64_t min, std::int64_t max) {
    const json* v = value(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_number()) {
        fail(key, "must be a whole number, got " + describeJson(*v));
        return std::nullopt;
    }
    const auto outOfRange = [&](const std::string& got) {
        fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                      ", got " + got);
        return std::nullopt;
    };
    // Integers are compared as integers: through a double, 2^63 would pass for int64's maximum.
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        if (max < 0 || u > static_cast<std::uint64_t>(max) || static_cast<std::int64_t>(u) < min)
            return outOfRange(std::to_string(u));
        return static_cast<std::int64_t>(u);
    }
    if (v->is_number_integer()) {
        const auto i = v->get<std::int64_t>();
        if (i < min || i > max) return outOfRange(std::to_string(i));
        return i;
    }
    const double x = v->get<double>();
    if (!std::isfinite(x) || std::trunc(x) != x) {
        fail(key, "must be a whole number, got " + formatNumber(x));
        return std::nullopt;
    }
    // 2^63 itself is the first double past int64's range (its maximum rounds up to it).
    constexpr double kPastInt64 = 9223372036854775808.0;
    if (x < static_cast<double>(min) || x > static_cast<double>(max) || x >= kPastInt64)
        return outOfRange(formatNumber(x));
    const auto i = static_cast<std::int64_t>(x);
    if (i < min || i > max) return outOfRange(formatNumber(x));
    return i;
}

std::optional<std::string> JsonObjectReader::string(std::string_view key, bool required) {
    const json* v = value(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
        fail(key, "must be a string, got " + describeJson(*v));
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<std::string> JsonObjectReader::nonEmptyString(std::string_view key, bool required) {
    auto text = string(key, required);
    if (text && text->empty()) {
        fail(key, "must not be empty");
        return std::nullopt;
    }
    return text;
}

std::optional<std::string> JsonObjectReader::choice(std::string_view key, bool required,
                                                    const std::vector<std::string>& allowed) {
    const std::string list = joinNames(allowed, "'");
    if (required && m_object != nullptr && !has(key)) {
        fail(key, "is required but missing (one of " + list + ")");
        return std::nullopt;
    }
    const json* v = value(key, false);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
        fail(key, "must be one of " + list + ", got " + describeJson(*v));
        return std::nullopt;
    }
    const auto& text = v->get_ref<const std::string&>();
    if (std::find(allowed.begin(), allowed.end(), text) != allowed.end()) return text;
    fail(key,
         "must be one of " + list + ", got '" + excerpt(text) + "'" + suggestion(text, allowed));
    return std::nullopt;
}

std::optional<bool> JsonObjectReader::boolean(std::string_view key, bool required) {
    const json* v = value(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) {
        fail(key, "must be true or false, got " + describeJson(*v));
        return std::nullopt;
    }
    return v->get<bool>();
}

const json* JsonObjectReader::array(std::string_view key, bool required) {
    const json* v = value(key, required);
    if (v != nullptr && !v->is_array()) {
        fail(key, "must be an array, got " + describeJson(*v));
        return nullptr;
    }
    return v;
}

void JsonObjectReader::reportUnknownFields() {
    if (m_object == nullptr) return;
    // nlohmann::json keeps object keys sorted, so the issues come in a stable order.
    for (const auto& [key, unused] : m_object->items()) {
        if (std::find(m_known.begin(), m_known.end(), key) != m_known.end()) continue;
        // A likely typo names its field; otherwise the list of known fields shows the way.
        std::string message = "unknown field '" + excerpt(key) + "'";
        if (const auto match = closestMatch(key, m_known)) {
            message += " (did you mean '" + *match + "'?)";
        } else if (!m_known.empty()) {
            message += "; known fields here: " + joinNames(m_known);
        }
        m_report.add(fieldPath(key), std::move(message));
    }
}

// ---- text ---------------------------------------------------------------------------------------

std::optional<json> parseJsonText(std::string_view text, std::string_view document,
                                  ValidationReport& report, std::string_view source) {
    json parsed;
    try {
        parsed = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // nlohmann reports a byte offset (one past the offending character); users need a line
        // and a column.
        const std::size_t offset = std::min<std::size_t>(e.byte, text.size());
        std::size_t line = 1;
        std::size_t column = 1;
        for (std::size_t i = 0; i + 1 < offset; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        // Keep nlohmann's explanation, without its own position prefix.
        std::string detail = e.what();
        if (const auto colon = detail.find(": "); colon != std::string::npos)
            detail = detail.substr(colon + 2);
        const std::string where = source.empty() ? "" : std::string(source) + " is ";
        report.add("", where + "not valid JSON at line " + std::to_string(line) + ", column " +
                           std::to_string(column) + ": " + cutQuotedText(detail));
        return std::nullopt;
    } catch (const json::exception& e) {
        // Well-formed text nlohmann still refuses, e.g. a number beyond double's range (1e999).
        std::string detail = e.what();
        if (const auto bracket = detail.find("] "); bracket != std::string::npos)
            detail = detail.substr(bracket + 2);
        const std::string where = source.empty() ? "" : std::string(source) + " is ";
        report.add("", where + "not valid JSON: " + cutQuotedText(detail));
        return std::nullopt;
    }
    StructureChecker checker(document, report);
    // False only when the checker stopped the parse (the text itself was parsed above).
    try {
        if (!json::sax_parse(text.begin(), text.end(), &checker)) return std::nullopt;
    } catch (const json::exception& e) {
        // Not expected (the same text parsed above), but a refusal must always say why.
        report.add("", "not valid JSON: " + cutQuotedText(e.what()));
        return std::nullopt;
    }
    return parsed;
}

}  // namespace archsim
