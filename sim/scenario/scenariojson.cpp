// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenario/scenariojson.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/scenario/jsonreader.h"

namespace archsim {
namespace {

// Limits that keep a run on a desktop machine: beyond them the input is a typo, not a scenario.
constexpr double kMaxRatePerS = 10'000'000;     // ten million requests per second
constexpr double kMaxDurationS = 31 * 86'400;   // a month of simulated time
constexpr std::int64_t kMaxServers = 100'000;
constexpr double kMaxWindows = 1'000'000;       // rows of the time series
constexpr std::int64_t kMaxInFlightLimit = 100'000'000;

void readRun(JsonObjectReader& root, Scenario& s) {
    const nlohmann::json* json = root.value("run", false);
    if (!json) return;
    JsonObjectReader r(*json, root.fieldPath("run"), root.report());
    if (!r.isObject()) return;
    if (auto v = r.number("durationS", false, {0, kMaxDurationS, true, "s"})) s.run.durationS = *v;
    if (auto v = r.number("windowS", false, {0, kMaxDurationS, true, "s"})) s.run.windowS = *v;
    if (auto v = r.number("warmupS", false, {0, kMaxDurationS, false, "s"})) s.run.warmupS = *v;
    if (auto v = r.integer("maxCompleted", false, 1, std::int64_t{1} << 50))
        s.run.maxCompleted = static_cast<std::uint64_t>(*v);
    if (auto v = r.integer("maxInFlight", false, 1, kMaxInFlightLimit))
        s.run.maxInFlight = static_cast<std::uint64_t>(*v);
    r.finish();
    if (s.run.durationS / s.run.windowS > kMaxWindows)
        r.report().add(r.fieldPath("windowS"),
                       "gives " + formatNumber(s.run.durationS / s.run.windowS) +
                           " windows over the run; at most " + formatNumber(kMaxWindows) +
                           " are allowed, use a wider window");
    if (s.run.warmupS >= s.run.durationS && r.has("warmupS"))
        r.report().add(r.fieldPath("warmupS"), "must be shorter than run.durationS (" +
                                                   formatNumber(s.run.durationS) + " s)");
}

void readWorkload(JsonObjectReader& root, Scenario& s) {
    const nlohmann::json* json = root.value("workload", true);
    if (!json) return;
    JsonObjectReader r(*json, root.fieldPath("workload"), root.report());
    if (!r.isObject()) return;
    if (auto v = r.choice("type", true, {"poisson"})) s.workload.type = *v;
    if (auto v = r.number("ratePerS", true, {0, kMaxRatePerS, true, "requests/s"}))
        s.workload.ratePerS = *v;
    r.finish();
}

void readTopology(JsonObjectReader& root, Scenario& s) {
    const nlohmann::json* json = root.value("topology", true);
    if (!json) return;
    JsonObjectReader r(*json, root.fieldPath("topology"), root.report());
    if (!r.isObject()) return;
    if (auto v = r.string("entry", true)) s.topology.entry = *v;
    std::set<std::string> ids;
    if (const nlohmann::json* stations = r.array("stations", true)) {
        for (std::size_t i = 0; i < stations->size(); ++i) {
            JsonObjectReader sr((*stations)[i], indexPath(r.fieldPath("stations"), i), r.report());
            if (!sr.isObject()) continue;
            StationSpec station;
            if (auto v = sr.string("id", true)) {
                station.id = *v;
                if (station.id.empty()) sr.report().add(sr.fieldPath("id"), "must not be empty");
                if (!ids.insert(station.id).second)
                    sr.report().add(sr.fieldPath("id"), "duplicate id '" + station.id + "'");
            }
            if (auto v = sr.integer("servers", true, 1, kMaxServers))
                station.servers = static_cast<int>(*v);
            if (const nlohmann::json* d = sr.value("serviceMs", true))
                station.serviceMs = distributionFromJson(*d, sr.fieldPath("serviceMs"), r.report());
            sr.finish();
            s.topology.stations.push_back(std::move(station));
        }
        if (stations->empty()) r.report().add(r.fieldPath("stations"), "must list at least one");
    }
    r.finish();
    if (!s.topology.entry.empty() && !ids.empty() && !ids.count(s.topology.entry))
        r.report().add(r.fieldPath("entry"),
                       "names '" + s.topology.entry + "', which is not a component of the topology");
}

}  // namespace

std::optional<Scenario> scenarioFromJson(const nlohmann::json& json, ValidationReport& report) {
    const std::size_t issuesBefore = report.issues().size();
    JsonObjectReader root(json, "", report);
    if (!root.isObject()) return std::nullopt;
    Scenario s;
    if (auto v = root.integer("formatVersion", true, 1, 1'000'000)) {
        if (*v > kScenarioFormatVersion)
            report.add("formatVersion", "is " + std::to_string(*v) +
                                            ", newer than this archsim understands (" +
                                            std::to_string(kScenarioFormatVersion) + ")");
    }
    if (auto v = root.string("name", false)) s.name = *v;
    if (auto v = root.string("description", false)) s.description = *v;
    if (auto v = root.integer("seed", false, 0, std::numeric_limits<std::int64_t>::max()))
        s.seed = static_cast<std::uint64_t>(*v);
    readRun(root, s);
    readWorkload(root, s);
    readTopology(root, s);
    root.finish();
    if (report.issues().size() != issuesBefore) return std::nullopt;
    return s;
}

std::optional<Scenario> scenarioFromText(const std::string& text, ValidationReport& report) {
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann reports a byte offset; users need a line and column.
        const std::size_t offset = std::min<std::size_t>(e.byte, text.size());
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i + 1 < offset; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        report.add("", "not valid JSON at line " + std::to_string(line) + ", column " +
                           std::to_string(column) + ": " + e.what());
        return std::nullopt;
    }
    return scenarioFromJson(json, report);
}

std::optional<Scenario> loadScenarioFile(const std::string& path, ValidationReport& report) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        report.add("", "cannot open '" + path + "'" +
                           (std::filesystem::exists(path) ? " (permission denied?)"
                                                          : ": no such file"));
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return scenarioFromText(text.str(), report);
}

nlohmann::json scenarioToJson(const Scenario& s) {
    nlohmann::json run = {{"durationS", s.run.durationS},
                          {"windowS", s.run.windowS},
                          {"warmupS", s.run.warmupS},
                          {"maxInFlight", s.run.maxInFlight}};
    if (s.run.maxCompleted) run["maxCompleted"] = *s.run.maxCompleted;
    nlohmann::json stations = nlohmann::json::array();
    for (const auto& station : s.topology.stations)
        stations.push_back({{"id", station.id},
                            {"servers", station.servers},
                            {"serviceMs", station.serviceMs ? station.serviceMs->toJson()
                                                            : nlohmann::json()}});
    return {{"formatVersion", kScenarioFormatVersion},
            {"name", s.name},
            {"description", s.description},
            {"seed", s.seed},
            {"run", run},
            {"workload", {{"type", s.workload.type}, {"ratePerS", s.workload.ratePerS}}},
            {"topology", {{"entry", s.topology.entry}, {"stations", stations}}}};
}

std::string saveScenarioFile(const Scenario& scenario, const std::string& path) {
    const std::string temporary = path + ".saving";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return "cannot write '" + temporary + "'";
        out << scenarioToJson(scenario).dump(2) << '\n';
        out.flush();
        if (!out) {
            std::remove(temporary.c_str());
            return "writing '" + temporary + "' failed (disk full?)";
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::remove(temporary.c_str());
        return "cannot replace '" + path + "': " + error.message();
    }
    return {};
}

}  // namespace archsim
