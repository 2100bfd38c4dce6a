// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/study/sweepresult.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/stats/confidence.h"

namespace archsim {
namespace {

constexpr double kConfidence = 0.95;

nlohmann::json intervalJson(const ConfidenceInterval& ci) {
    return {{"mean", ci.mean}, {"halfWidth", ci.halfWidth}, {"low", ci.low()}, {"high", ci.high()}};
}

/// Where the line through (x0, y0), (x1, y1) is zero, clamped to [x0, x1]; x in the scale's units.
double zeroBetween(double x0, double y0, double x1, double y1) {
    if (y0 == y1) return y0 == 0 ? x0 : (std::abs(y0) < std::abs(y1) ? x0 : x1);
    const double t = std::clamp(y0 / (y0 - y1), 0.0, 1.0);
    return x0 + t * (x1 - x0);
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + '"';
}

std::string csvValue(const nlohmann::json& v) {
    return v.is_string() ? csvField(v.get<std::string>()) : csvField(v.dump());
}

}  // namespace

std::vector<SweepCrossover> findSweepCrossovers(
    const std::vector<double>& values, bool logScale, const std::string& figure, std::size_t first,
    std::size_t second, const std::vector<std::vector<double>>& differences) {
    std::vector<SweepCrossover> found;
    const auto x = [&](std::size_t k) { return logScale ? std::log(values[k]) : values[k]; };
    const auto back = [&](double v) { return logScale ? std::exp(v) : v; };
    std::vector<ConfidenceInterval> ci;
    for (const auto& d : differences) ci.push_back(meanConfidenceInterval(d, kConfidence));
    for (std::size_t k = 0; k + 1 < ci.size(); ++k) {
        const double d0 = ci[k].mean, d1 = ci[k + 1].mean;
        // A zero at a point counts once: with the next point (d0 == 0 ends no earlier interval).
        const bool crosses = (d0 < 0 && d1 > 0) || (d0 > 0 && d1 < 0) ||
                             (d0 == 0 && d1 != 0 && (k == 0 || ci[k - 1].mean * d1 < 0));
        if (!crosses) continue;
        SweepCrossover c;
        c.figure = figure;
        c.first = first;
        c.second = second;
        c.below = values[k];
        c.above = values[k + 1];
        c.at = back(zeroBetween(x(k), d0, x(k + 1), d1));
        // The crossing of each CI bound: the zero of the difference lies between them.
        const double a = back(zeroBetween(x(k), ci[k].low(), x(k + 1), ci[k + 1].low()));
        const double b = back(zeroBetween(x(k), ci[k].high(), x(k + 1), ci[k + 1].high()));
        c.low = std::min({a, b, c.at});
        c.high = std::max({a, b, c.at});
        c.settled = !ci[k].contains(0) && !ci[k + 1].contains(0);
        c.firstLowerBelow = d1 < 0;  // second - first < 0 above: second lower above, first below
        found.push_back(c);
    }
    return found;
}

nlohmann::json sweepResultJson(const SweepShard& merged) {
    const nlohmann::json& sweep = merged.sweep;
    const std::size_t points = sweep.at("points").get<std::size_t>();
    const auto replications = sweep.at("replications").get<std::size_t>();
    const std::vector<std::string> figures = sweep.at("figures").get<std::vector<std::string>>();
    const nlohmann::json& fields = sweep.at("fields");
    const std::size_t scenarioCount = sweep.at("scenarios").size();

    // Units by index; a missing one (an interrupted run) leaves its point out.
    std::vector<const SweepUnit*> units(merged.unitCount, nullptr);
    for (const SweepUnit& u : merged.units) units[u.unit] = &u;
    const auto unitOf = [&](std::size_t s, std::size_t p, std::size_t r) {
        return units[(s * points + p) * replications + r];
    };
    const auto pointDone = [&](std::size_t s, std::size_t p) {
        for (std::size_t r = 0; r < replications; ++r)
            if (!unitOf(s, p, r)) return false;
        return true;
    };
    const auto valuesAt = [&](std::size_t p) {
        nlohmann::json values = nlohmann::json::array();
        std::vector<nlohmann::json> reversed;
        for (std::size_t f = fields.size(); f-- > 0;) {
            const auto& list = fields[f].at("values");
            reversed.push_back(list[p % list.size()]);
            p /= list.size();
        }
        for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) values.push_back(*it);
        return values;
    };

    nlohmann::json scenarios = nlohmann::json::array();
    std::vector<std::string> missing;
    for (std::size_t s = 0; s < scenarioCount; ++s) {
        nlohmann::json list = nlohmann::json::array();
        for (std::size_t p = 0; p < points; ++p) {
            if (!pointDone(s, p)) {
                missing.push_back(std::to_string(s) + ":" + std::to_string(p));
                continue;
            }
            nlohmann::json runs = nlohmann::json::object();
            for (std::size_t r = 0; r < replications; ++r) {
                const std::string status = toString(unitOf(s, p, r)->status);
                runs[status] = runs.value(status, 0) + 1;
            }
            nlohmann::json figureJson = nlohmann::json::object();
            for (std::size_t f = 0; f < figures.size(); ++f) {
                std::vector<double> values;
                for (std::size_t r = 0; r < replications; ++r)
                    values.push_back(unitOf(s, p, r)->figures[f]);
                nlohmann::json j = intervalJson(meanConfidenceInterval(values, kConfidence));
                j["replications"] = values;
                figureJson[figures[f]] = std::move(j);
            }
            nlohmann::json pooled = nlohmann::json::object();
            if (const auto h = merged.histograms.find(s * points + p);
                h != merged.histograms.end()) {
                const LatencyHistogram& l = h->second;
                pooled = {{"requests", l.count()},
                          {"meanMs", l.mean() * 1e-6},
                          {"p50Ms", toMillis(l.quantile(0.50))},
                          {"p90Ms", toMillis(l.quantile(0.90))},
                          {"p95Ms", toMillis(l.quantile(0.95))},
                          {"p99Ms", toMillis(l.quantile(0.99))},
                          {"p999Ms", toMillis(l.quantile(0.999))},
                          {"maxMs", toMillis(l.max())}};
            }
            list.push_back({{"point", p},
                            {"values", valuesAt(p)},
                            {"runs", runs},
                            {"figures", figureJson},
                            {"pooledLatency", pooled}});
        }
        scenarios.push_back({{"file", sweep.at("scenarios")[s].at("file")},
                             {"name", sweep.at("scenarios")[s].at("name")},
                             {"points", list}});
    }

    nlohmann::json result = {
        {"archsimSweepResult", 1},   {"sweepId", merged.sweepId},   {"version", merged.version},
        {"name", sweep.at("name")},  {"seed", sweep.at("seed")},    {"replications", replications},
        {"confidence", kConfidence}, {"complete", missing.empty()}, {"fields", fields},
        {"figures", figures},        {"scenarios", scenarios}};

    // Crossovers: one numeric field, every point done, two or more scenarios.
    const bool numeric = fields.size() == 1 &&
                         std::all_of(fields[0].at("values").begin(), fields[0].at("values").end(),
                                     [](const nlohmann::json& v) { return v.is_number(); });
    if (numeric && scenarioCount >= 2 && missing.empty()) {
        const auto values = fields[0].at("values").get<std::vector<double>>();
        const bool logScale = fields[0].at("scale") == "log";
        nlohmann::json list = nlohmann::json::array();
        for (std::size_t a = 0; a < scenarioCount; ++a)
            for (std::size_t b = a + 1; b < scenarioCount; ++b)
                for (std::size_t f = 0; f < figures.size(); ++f) {
                    std::vector<std::vector<double>> differences(points);
                    for (std::size_t p = 0; p < points; ++p)
                        for (std::size_t r = 0; r < replications; ++r)
                            differences[p].push_back(unitOf(b, p, r)->figures[f] -
                                                     unitOf(a, p, r)->figures[f]);
                    for (const SweepCrossover& c :
                         findSweepCrossovers(values, logScale, figures[f], a, b, differences))
                        list.push_back(
                            {{"figure", c.figure},
                             {"first", sweep.at("scenarios")[a].at("file")},
                             {"second", sweep.at("scenarios")[b].at("file")},
                             {"between", {c.below, c.above}},
                             {"at", c.at},
                             {"interval", {c.low, c.high}},
                             {"settled", c.settled},
                             {"lowerBelow",
                              sweep.at("scenarios")[c.firstLowerBelow ? a : b].at("file")}});
                }
        result["crossovers"] = list;
    }
    // A grid for two fields: rows are the first field's values, columns the second's.
    if (fields.size() == 2 && missing.empty()) {
        nlohmann::json grids = nlohmann::json::array();
        const std::size_t columns = fields[1].at("values").size();
        for (std::size_t s = 0; s < scenarioCount; ++s)
            for (std::size_t f = 0; f < figures.size(); ++f) {
                nlohmann::json mean = nlohmann::json::array(), half = nlohmann::json::array();
                for (std::size_t p = 0; p < points; ++p) {
                    if (p % columns == 0) {
                        mean.push_back(nlohmann::json::array());
                        half.push_back(nlohmann::json::array());
                    }
                    const auto& cell = scenarios[s]["points"][p]["figures"][figures[f]];
                    mean.back().push_back(cell["mean"]);
                    half.back().push_back(cell["halfWidth"]);
                }
                grids.push_back({{"scenario", sweep.at("scenarios")[s].at("file")},
                                 {"figure", figures[f]},
                                 {"rows", fields[0].at("values")},
                                 {"columns", fields[1].at("values")},
                                 {"mean", mean},
                                 {"halfWidth", half}});
            }
        result["grid"] = grids;
    }
    return result;
}

std::string sweepResultCsv(const nlohmann::json& result) {
    std::ostringstream out;
    out << "scenario,point";
    for (const auto& f : result.at("fields"))
        out << ',' << csvField(f.at("path").get<std::string>());
    const auto figures = result.at("figures").get<std::vector<std::string>>();
    for (const std::string& f : figures)
        out << ',' << f << "_mean," << f << "_low," << f << "_high";
    out << ",runs_completed\n";
    out.precision(17);
    for (const auto& s : result.at("scenarios"))
        for (const auto& p : s.at("points")) {
            out << csvField(s.at("file").get<std::string>()) << ','
                << p.at("point").get<std::size_t>();
            for (const auto& v : p.at("values")) out << ',' << csvValue(v);
            for (const std::string& f : figures) {
                const auto& ci = p.at("figures").at(f);
                out << ',' << ci.at("mean").get<double>() << ',' << ci.at("low").get<double>()
                    << ',' << ci.at("high").get<double>();
            }
            out << ',' << p.at("runs").value("completed", 0) << '\n';
        }
    return out.str();
}

}  // namespace archsim
