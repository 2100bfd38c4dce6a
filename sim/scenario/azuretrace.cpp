// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/azuretrace.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "sim/scenario/boundedfile.h"
#include "sim/scenario/jsonreader.h"
#include "sim/scenario/tracerow.h"

namespace archsim {
namespace {

constexpr int kMinutesPerDay = 1440;
// A row holds 1444 fields of a few digits each; real rows stay well under this.
constexpr std::size_t kMaxRowBytes = 256 * 1024;
constexpr std::size_t kMinPrefix = 6;
constexpr std::array<std::pair<double, const char*>, 7> kPercentiles{{
    {0.0, "percentile_Average_0"},
    {0.01, "percentile_Average_1"},
    {0.25, "percentile_Average_25"},
    {0.5, "percentile_Average_50"},
    {0.75, "percentile_Average_75"},
    {0.99, "percentile_Average_99"},
    {1.0, "percentile_Average_100"},
}};
// The quantiles a mixture of several functions' durations is given by.
constexpr std::array kMixturePercentiles{0.0, 0.01, 0.05, 0.1, 0.2,  0.3,  0.4,   0.5,
                                         0.6, 0.7,  0.8,  0.9, 0.95, 0.99, 0.999, 1.0};

std::optional<double> parseNumber(const std::string& text) {
    double value = 0;
    // from_chars, not strtod or streams: independent of the locale the GUI sets.
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc{} || result.ptr != text.data() + text.size() ||
        !std::isfinite(value) || value < 0)
        return std::nullopt;
    return value;
}

std::string quote(std::string_view text) {
    std::string out = "'";
    out += excerpt(text);
    out += '\'';
    return out;
}

/// One of the trace's CSV files, read row by row with its header's columns found by name.
class TraceCsv {
public:
    TraceCsv(const std::string& path, const char* noun)
        : m_file(path, FileKind{noun, kTraceFile.maxBytes}),
          m_name(std::string(noun) + " " + quotedPath(path)) {}

    /// Reads the header; "" when fine, else the error.
    std::string open() {
        if (!m_file.ok()) return m_file.error();
        if (!next()) return m_error.empty() ? m_name + " is empty" : m_error;
        if (!m_fields.empty() && m_fields[0].rfind("\xEF\xBB\xBF", 0) == 0) m_fields[0].erase(0, 3);
        m_header = m_fields;
        return {};
    }
    /// The position of a header column; sets the error naming it when there is none.
    std::optional<std::size_t> column(const std::string& name) {
        const auto it = std::find(m_header.begin(), m_header.end(), name);
        if (it != m_header.end()) return static_cast<std::size_t>(it - m_header.begin());
        if (m_error.empty())
            m_error = m_name + " line 1: the header has no column " + quote(name) +
                      "; is this the trace's published layout?";
        return std::nullopt;
    }
    /// The next non-empty row into fields(); false at the end or on error (error() set).
    bool next() {
        std::string line;
        for (;;) {
            const BoundedFile::Line status = m_file.readLine(line, kMaxRowBytes);
            ++m_line;
            if (status == BoundedFile::Line::End) return false;
            if (status == BoundedFile::Line::Failed) {
                m_error = m_file.error();
                return false;
            }
            if (status == BoundedFile::Line::TooLong) {
                m_error = at("is longer than " + formatBytes(kMaxRowBytes));
                return false;
            }
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            m_fields = splitTraceFields(line);
            return true;
        }
    }
    const std::vector<std::string>& fields() const { return m_fields; }
    /// A message about the current line.
    std::string at(const std::string& what) const {
        return m_name + " line " + std::to_string(m_line) + ": " + what;
    }
    /// The field in `index`, or an error about the current line's missing it.
    const std::string* field(std::size_t index) {
        if (index < m_fields.size()) return &m_fields[index];
        m_error = at("has " + std::to_string(m_fields.size()) + " fields, the header " +
                     std::to_string(m_header.size()));
        return nullptr;
    }
    const std::string& header(std::size_t index) const { return m_header[index]; }
    const std::string& error() const { return m_error; }
    void fail(std::string error) { m_error = std::move(error); }

private:
    BoundedFile m_file;
    std::string m_name;
    std::size_t m_line = 0;
    std::vector<std::string> m_fields;
    std::vector<std::string> m_header;
    std::string m_error;
};

/// The selection's hash column, or nullopt for the whole file.
std::optional<std::string> hashColumn(AzureSelection::Level level) {
    switch (level) {
        case AzureSelection::Level::All:
            return std::nullopt;
        case AzureSelection::Level::Owner:
            return "HashOwner";
        case AzureSelection::Level::App:
            return "HashApp";
        case AzureSelection::Level::Function:
            return "HashFunction";
    }
    return std::nullopt;
}

const char* levelName(AzureSelection::Level level) {
    switch (level) {
        case AzureSelection::Level::All:
            return "function";
        case AzureSelection::Level::Owner:
            return "owner";
        case AzureSelection::Level::App:
            return "app";
        case AzureSelection::Level::Function:
            return "function";
    }
    return "function";
}

/// Percentile points of one function.
using Points = std::vector<std::pair<double, double>>;

double cdfAt(const Points& points, double x) {
    if (x < points.front().second) return 0;
    if (x >= points.back().second) return 1;
    const auto above =
        std::upper_bound(points.begin(), points.end(), x,
                         [](double v, const auto& point) { return v < point.second; });
    const auto& b = *above;
    const auto& a = *(above - 1);
    return a.first + (b.first - a.first) * (x - a.second) / (b.second - a.second);
}

/// The count-weighted mixture of the functions' duration distributions, as quantile points.
DistributionPtr mixture(const std::vector<std::pair<double, Points>>& functions) {
    if (functions.size() == 1) return makeEmpirical(functions.front().second);
    double total = 0, low = functions.front().second.front().second, high = low;
    for (const auto& [weight, points] : functions) {
        total += weight;
        low = std::min(low, points.front().second);
        high = std::max(high, points.back().second);
    }
    const auto cdf = [&](double x) {
        double sum = 0;
        for (const auto& [weight, points] : functions) sum += weight * cdfAt(points, x);
        return sum / total;
    };
    Points result;
    for (const double p : kMixturePercentiles) {
        double x = p == 0 ? low : high;
        if (p > 0 && p < 1) {
            // The smallest x with cdf(x) >= p, by bisection: the mixture CDF has no inverse in
            // closed form, and 100 halvings reach the resolution of a double.
            double a = low, b = high;
            for (int i = 0; i < 100 && b > a; ++i) {
                const double mid = a + (b - a) / 2;
                if (mid <= a || mid >= b) break;
                (cdf(mid) >= p ? b : a) = mid;
            }
            x = b;
        }
        if (!result.empty()) x = std::max(x, result.back().second);
        result.emplace_back(p, x);
    }
    return makeEmpirical(std::move(result));
}

}  // namespace

std::optional<AzureTrace> readAzureTrace(const AzureTraceRequest& request, std::string& error) {
    const AzureSelection& selection = request.selection;
    const auto column = hashColumn(selection.level);
    if (column && selection.hash.size() < kMinPrefix) {
        error = std::string("the ") + levelName(selection.level) +
                " hash must be given with at least " + std::to_string(kMinPrefix) +
                " characters, got " + quote(selection.hash);
        return std::nullopt;
    }
    if (request.firstMinute < 1 || request.firstMinute > kMinutesPerDay) {
        error =
            "the first minute must be from 1 to 1440, got " + std::to_string(request.firstMinute);
        return std::nullopt;
    }
    const int minutes =
        request.minutes == 0 ? kMinutesPerDay - request.firstMinute + 1 : request.minutes;
    if (minutes < 1 || request.firstMinute + minutes - 1 > kMinutesPerDay) {
        error = "minutes " + std::to_string(request.firstMinute) + " to " +
                std::to_string(request.firstMinute + minutes - 1) +
                " are not within the day's 1440";
        return std::nullopt;
    }
    const auto matches = [&](const std::string& hash) {
        return !column || hash.rfind(selection.hash, 0) == 0;
    };

    AzureTrace trace;
    trace.invocationsPerMinute.assign(static_cast<std::size_t>(minutes), 0.0);
    std::set<std::string> selected;  // full hashes the prefix matched
    std::set<std::string> functionKeys;
    {
        TraceCsv csv(request.invocationsFile, "invocations file");
        if (error = csv.open(); !error.empty()) return std::nullopt;
        const auto owner = csv.column("HashOwner"), app = csv.column("HashApp"),
                   function = csv.column("HashFunction"), trigger = csv.column("Trigger");
        const auto first = csv.column(std::to_string(request.firstMinute));
        const auto last = csv.column(std::to_string(request.firstMinute + minutes - 1));
        if (!owner || !app || !function || !trigger || !first || !last) {
            error = csv.error();
            return std::nullopt;
        }
        const auto hashAt = column ? csv.column(*column) : function;
        if (*last - *first != static_cast<std::size_t>(minutes - 1)) {
            error =
                csv.at("the minute columns " + std::to_string(request.firstMinute) + " to " +
                       std::to_string(request.firstMinute + minutes - 1) + " are not side by side");
            return std::nullopt;
        }
        const std::size_t needed = std::max({*owner, *app, *function, *trigger, *last});
        std::set<std::string> triggers;
        while (csv.next()) {
            if (!csv.field(needed)) break;
            const std::vector<std::string>& row = csv.fields();
            const std::string& hash = row[*hashAt];
            if (!matches(hash)) continue;
            selected.insert(hash);
            triggers.insert(row[*trigger]);
            functionKeys.insert(row[*owner] + '/' + row[*app] + '/' + row[*function]);
            ++trace.functions;
            for (int m = 0; m < minutes; ++m) {
                const std::size_t index = *first + static_cast<std::size_t>(m);
                const std::string& text = csv.fields()[index];
                const auto count = parseNumber(text);
                if (!count || std::floor(*count) != *count) {
                    csv.fail(csv.at("column " + std::to_string(index + 1) + " (minute " +
                                    csv.header(index) + "): " + quote(text) +
                                    " is not a count of invocations"));
                    break;
                }
                trace.invocationsPerMinute[static_cast<std::size_t>(m)] += *count;
            }
            if (!csv.error().empty()) break;
        }
        if (!csv.error().empty()) {
            error = csv.error();
            return std::nullopt;
        }
        trace.triggers.assign(triggers.begin(), triggers.end());
    }
    if (column && selected.empty()) {
        error = "the invocations file has no " + std::string(levelName(selection.level)) +
                " whose hash starts with " + quote(selection.hash);
        return std::nullopt;
    }
    if (column && selected.size() > 1) {
        std::string names;
        std::size_t shown = 0;
        for (const std::string& hash : selected) {
            if (shown++ == 3) break;
            if (!names.empty()) names += ", ";
            names += quote(hash);
        }
        error = quote(selection.hash) + " starts " + std::to_string(selected.size()) + " " +
                levelName(selection.level) + " hashes (" + names +
                (selected.size() > 3 ? ", ..." : "") + "); give more of it";
        return std::nullopt;
    }
    if (trace.functions == 0) {
        error = "the invocations file has no functions";
        return std::nullopt;
    }
    if (column) trace.selectedHash = *selected.begin();

    // Durations: every selected function found there, weighted by its count of executions.
    std::vector<std::pair<double, Points>> durations;
    {
        TraceCsv csv(request.durationsFile, "durations file");
        if (error = csv.open(); !error.empty()) return std::nullopt;
        const auto owner = csv.column("HashOwner"), app = csv.column("HashApp"),
                   function = csv.column("HashFunction"), count = csv.column("Count");
        std::array<std::optional<std::size_t>, kPercentiles.size()> percentileColumns;
        bool columnsFound = owner && app && function && count;
        for (std::size_t i = 0; i < kPercentiles.size(); ++i) {
            percentileColumns[i] = csv.column(kPercentiles[i].second);
            columnsFound = columnsFound && percentileColumns[i];
        }
        if (!columnsFound) {
            error = csv.error();
            return std::nullopt;
        }
        std::size_t needed = std::max({*owner, *app, *function, *count});
        for (const auto& c : percentileColumns) needed = std::max(needed, *c);
        while (csv.next()) {
            if (!csv.field(needed)) break;
            const std::vector<std::string>& row = csv.fields();
            if (!functionKeys.count(row[*owner] + '/' + row[*app] + '/' + row[*function])) continue;
            const std::string* n = &row[*count];
            const auto weight = parseNumber(*n);
            if (!weight) {
                csv.fail(csv.at("Count " + quote(*n) + " is not a count of executions"));
                break;
            }
            Points points;
            for (std::size_t i = 0; i < kPercentiles.size(); ++i) {
                const std::string& text = row[*percentileColumns[i]];
                const auto ms = parseNumber(text);
                if (!ms || *ms > 1e12) {
                    csv.fail(csv.at(std::string(kPercentiles[i].second) + " " + quote(text) +
                                    " is not a duration in milliseconds"));
                    break;
                }
                if (!points.empty() && *ms < points.back().second) {
                    csv.fail(csv.at(std::string(kPercentiles[i].second) + " (" + text +
                                    " ms) is below the percentile before it (" +
                                    formatNumber(points.back().second) + " ms)"));
                    break;
                }
                points.emplace_back(kPercentiles[i].first, *ms);
            }
            if (!csv.error().empty()) break;
            if (*weight > 0) durations.emplace_back(*weight, std::move(points));
        }
        if (!csv.error().empty()) {
            error = csv.error();
            return std::nullopt;
        }
    }
    if (durations.empty()) {
        error = "the durations file has no executions of the selected function" +
                std::string(trace.functions == 1 ? "" : "s");
        return std::nullopt;
    }
    trace.durationMs = mixture(durations);
    return trace;
}

std::vector<RatePoint> azureRateSchedule(const std::vector<double>& invocationsPerMinute) {
    constexpr double kStepS = 0.001;
    std::vector<RatePoint> points;
    for (std::size_t i = 0; i < invocationsPerMinute.size(); ++i) {
        const double rate = invocationsPerMinute[i] / 60;
        const double start = 60.0 * static_cast<double>(i);
        if (points.empty()) {
            points.push_back({0, rate});
        } else if (rate != points.back().ratePerS) {
            // Hold the previous minute's rate to just before this minute, then step.
            points.push_back({start - kStepS, points.back().ratePerS});
            points.push_back({start, rate});
        }
    }
    return points;
}

Scenario azureFunctionsScenario(const AzureTrace& trace, const AzureTraceRequest& request) {
    Scenario s;
    const int minutes = static_cast<int>(trace.invocationsPerMinute.size());
    const auto level = request.selection.level;
    const std::string what =
        level == AzureSelection::Level::All
            ? "all " + std::to_string(trace.functions) + " functions"
            : std::string(levelName(level)) + " " + trace.selectedHash.substr(0, 12);
    s.name = "Azure Functions trace: " + what;
    double total = 0;
    for (const double count : trace.invocationsPerMinute) total += count;
    std::string triggers;
    for (const auto& t : trace.triggers) triggers += (triggers.empty() ? "" : ", ") + t;
    s.description =
        "Replays minutes " + std::to_string(request.firstMinute) + " to " +
        std::to_string(request.firstMinute + minutes - 1) + " of the Azure Functions trace (" +
        formatNumber(total) + " invocations of " + what + "; trigger " + triggers +
        ") as a rate schedule. Service time: the trace's duration percentiles (of per-interval "
        "averages, so the real tail is longer). Cold start, keep-alive and the instance limit are "
        "assumptions to edit.";
    s.seed = 1;
    s.run.durationS = 60.0 * minutes;
    s.run.windowS = 60;
    s.workload.type = WorkloadType::Schedule;
    s.workload.schedule = azureRateSchedule(trace.invocationsPerMinute);

    FunctionPoolSpec pool;
    pool.id = "function";
    pool.concurrencyPerInstance = 1;
    pool.coldStartMs = makeLognormalFromMedianP99(1500, 6000);
    pool.keepAliveS = makeConstant(1200);  // 20 idle minutes before an instance is reclaimed
    pool.maxInstances = 200;
    HandlerStep cpu;
    cpu.kind = HandlerStep::Kind::Cpu;
    cpu.cpuMs = trace.durationMs;
    pool.handler.push_back(cpu);
    s.topology.entry = pool.id;
    s.topology.functions.push_back(std::move(pool));
    return s;
}

}  // namespace archsim
