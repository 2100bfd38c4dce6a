// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/study/sweepspec.h"

#include <cmath>
#include <filesystem>

#include "sim/scenario/boundedfile.h"
#include "sim/scenario/jsonreader.h"

namespace archsim {
namespace {

/// A sweep file is as small as a scenario file; the same cap keeps a wrong name from hanging.
constexpr FileKind kSweepFile{"sweep file", 16 * kMiB};

std::optional<ScenarioOverride> readPath(JsonObjectReader& object, const char* key, bool required,
                                         const std::string& fallback) {
    std::optional<std::string> text = object.nonEmptyString(key, required);
    if (!text && required) return std::nullopt;
    ScenarioOverride target;
    const std::string origin = object.fieldPath(key);
    if (std::string error = parseOverridePath(text.value_or(fallback), origin, target);
        !error.empty()) {
        object.report().add({}, std::move(error));
        return std::nullopt;
    }
    return target;
}

std::optional<SweepScale> readScale(JsonObjectReader& object) {
    const auto scale = object.choice("scale", false, {"linear", "log"});
    if (!object.has("scale")) return SweepScale::Linear;
    if (!scale) return std::nullopt;
    return *scale == "log" ? SweepScale::Log : SweepScale::Linear;
}

std::optional<SweepField> readField(const nlohmann::json& value, const std::string& path,
                                    ValidationReport& report) {
    JsonObjectReader object(value, path, report);
    if (!object.isObject()) return std::nullopt;
    SweepField field;
    const auto target = readPath(object, "path", true, {});
    const nlohmann::json* values = object.array("values", false);
    const nlohmann::json* range = object.value("range", false);
    const auto scale = readScale(object);
    object.reportUnknownFields();
    if (!target || !scale) return std::nullopt;
    field.target = *target;
    field.target.origin = path;
    field.scale = *scale;
    if ((values != nullptr) == (range != nullptr)) {
        report.add(path,
                   "give either \"values\" (a list) or \"range\" ({\"from\", \"to\", "
                   "\"steps\"}), not " +
                       std::string(values ? "both" : "neither"));
        return std::nullopt;
    }
    if (values) {
        if (values->empty() || values->size() > kMaxSweepValues) {
            report.add(object.fieldPath("values"),
                       "must list from 1 to " + std::to_string(kMaxSweepValues) + " values, got " +
                           std::to_string(values->size()));
            return std::nullopt;
        }
        for (const auto& v : *values) field.values.push_back(v);
        if (field.scale == SweepScale::Log)
            for (std::size_t i = 0; i < field.values.size(); ++i)
                if (!field.values[i].is_number() || !(field.values[i].get<double>() > 0)) {
                    report.add(indexPath(object.fieldPath("values"), i),
                               "must be a number > 0 on a log scale, got " +
                                   describeJson(field.values[i]));
                    return std::nullopt;
                }
        return field;
    }
    JsonObjectReader r(*range, object.fieldPath("range"), report);
    if (!r.isObject()) return std::nullopt;
    const auto from = r.number("from", true);
    const auto to = r.number("to", true);
    const auto steps = r.integer("steps", true, 2, static_cast<std::int64_t>(kMaxSweepValues));
    const auto rangeScale = readScale(r);
    const auto integer = r.boolean("integer", false);
    r.reportUnknownFields();
    if (!from || !to || !steps || !rangeScale) return std::nullopt;
    if (object.has("scale") && *rangeScale != field.scale) {
        report.add(object.fieldPath("scale"), "disagrees with range.scale; give it once");
        return std::nullopt;
    }
    if (r.has("scale")) field.scale = *rangeScale;
    if (field.scale == SweepScale::Log && !(*from > 0 && *to > 0)) {
        report.add(r.fieldPath("from"), "a log range needs from and to > 0, got " +
                                            formatNumber(*from) + " and " + formatNumber(*to));
        return std::nullopt;
    }
    for (const double v :
         rangeValues(*from, *to, static_cast<int>(*steps), field.scale, integer.value_or(false)))
        field.values.emplace_back(integer.value_or(false) ? nlohmann::json(std::llround(v))
                                                          : nlohmann::json(v));
    return field;
}

std::optional<LimitSpec> readLimit(const nlohmann::json& value, const std::string& path,
                                   unsigned replications, ValidationReport& report) {
    JsonObjectReader object(value, path, report);
    if (!object.isObject()) return std::nullopt;
    LimitSpec limit;
    const auto target = readPath(object, "path", false, "workload.ratePerS");
    const auto from = object.number("from", true);
    const auto to = object.number("to", true);
    const auto direction = object.choice("direction", false, {"highest", "lowest"});
    const auto integer = object.boolean("integer", false);
    const auto tolerance =
        object.number("tolerance", false, NumberRange(0, 1, true).explainMax("relative: 1 = 100%"));
    const auto cap = object.integer("maxReplications", false, replications, kMaxSweepReplications);
    const nlohmann::json* targets = object.value("target", true);
    object.reportUnknownFields();
    const std::size_t before = report.issues().size();
    if (targets) {
        JsonObjectReader t(*targets, object.fieldPath("target"), report);
        if (t.isObject()) {
            for (const auto& [key, bound] : targets->items()) {
                const StudyFigure* figure = findStudyFigure(key);
                if (!figure) {
                    t.fail(key, "unknown figure; known: " + joinNames(studyFigureNames()));
                    continue;
                }
                if (auto max = t.number(key, true)) limit.targets.push_back({figure, *max});
            }
            if (targets->empty())
                report.add(object.fieldPath("target"),
                           "needs at least one bound, e.g. {\"p99Ms\": 50, \"errorRate\": 0.01}");
        }
    }
    if (!target || !from || !to || report.issues().size() != before) return std::nullopt;
    if (!(*from < *to)) {
        report.add(object.fieldPath("to"), "must be greater than from (" + formatNumber(*from) +
                                               "), got " + formatNumber(*to));
        return std::nullopt;
    }
    limit.target = *target;
    limit.from = *from;
    limit.to = *to;
    limit.direction = direction.value_or("highest") == "lowest" ? LimitDirection::Lowest
                                                                : LimitDirection::Highest;
    limit.integer = integer.value_or(false);
    limit.tolerance = tolerance.value_or(0.01);
    // By default up to four times the first batch: enough to settle most straddling points.
    limit.maxReplications =
        cap ? static_cast<unsigned>(*cap) : std::min(kMaxSweepReplications, 4 * replications);
    return limit;
}

}  // namespace

std::vector<double> rangeValues(double from, double to, int steps, SweepScale scale, bool integer) {
    std::vector<double> values;
    for (int i = 0; i < steps; ++i) {
        const double t = steps > 1 ? static_cast<double>(i) / (steps - 1) : 0;
        double v = scale == SweepScale::Log
                       ? std::exp(std::log(from) + t * (std::log(to) - std::log(from)))
                       : from + t * (to - from);
        if (i == steps - 1) v = to;  // the end exactly, whatever the rounding on the way
        if (integer) v = std::round(v);
        if (integer && !values.empty() && values.back() == v) continue;
        values.push_back(v);
    }
    return values;
}

std::size_t SweepSpec::pointCount() const {
    if (fields.empty()) return 0;
    std::size_t n = 1;
    for (const SweepField& f : fields) n *= f.values.size();
    return n;
}

std::vector<nlohmann::json> SweepSpec::pointValues(std::size_t point) const {
    std::vector<nlohmann::json> values(fields.size());
    for (std::size_t i = fields.size(); i-- > 0;) {
        values[i] = fields[i].values[point % fields[i].values.size()];
        point /= fields[i].values.size();
    }
    return values;
}

std::optional<SweepSpec> sweepFromJson(const nlohmann::json& json, const std::string& baseDirectory,
                                       ValidationReport& report) {
    JsonObjectReader root(json, {}, report);
    if (!root.isObject()) return std::nullopt;
    SweepSpec spec;
    spec.canonical = json;
    const std::size_t before = report.issues().size();
    root.integer("formatVersion", true, 1, kSweepFormatVersion);
    spec.name = root.string("name", false).value_or("");
    if (const nlohmann::json* files = root.array("scenarios", true)) {
        if (files->empty() || files->size() > 16)
            root.fail("scenarios", "must list from 1 to 16 scenario files");
        for (std::size_t i = 0; i < files->size(); ++i) {
            const nlohmann::json& f = (*files)[i];
            if (!f.is_string() || f.get<std::string>().empty()) {
                report.add(indexPath("scenarios", i),
                           "must be a scenario file name, got " + describeJson(f));
                continue;
            }
            const std::filesystem::path path(f.get<std::string>());
            spec.scenarioFiles.push_back(f.get<std::string>());
            spec.scenarioPaths.push_back(
                path.is_absolute() || baseDirectory.empty()
                    ? path.string()
                    : (std::filesystem::path(baseDirectory) / path).string());
        }
    }
    if (auto r = root.integer("replications", false, 1, kMaxSweepReplications))
        spec.replications = static_cast<unsigned>(*r);
    if (auto seed = root.integer("seed", false, 0, std::numeric_limits<std::int64_t>::max()))
        spec.seed = static_cast<std::uint64_t>(*seed);
    if (const nlohmann::json* figures = root.array("figures", false)) {
        for (std::size_t i = 0; i < figures->size(); ++i) {
            const nlohmann::json& f = (*figures)[i];
            const StudyFigure* figure =
                f.is_string() ? findStudyFigure(f.get<std::string>()) : nullptr;
            if (!figure)
                report.add(indexPath("figures", i),
                           "unknown figure " + describeJson(f) +
                               "; known: " + joinNames(studyFigureNames()));
            else
                spec.figures.push_back(figure);
        }
        if (figures->empty()) root.fail("figures", "must list at least one figure");
    } else {
        for (const char* key : {"p50Ms", "p99Ms", "errorRate"})
            spec.figures.push_back(findStudyFigure(key));
    }
    const nlohmann::json* fields = root.array("fields", false);
    const nlohmann::json* limit = root.value("limit", false);
    if (fields) {
        if (fields->empty() || fields->size() > 2)
            root.fail("fields", "must list 1 or 2 swept fields");
        else
            for (std::size_t i = 0; i < fields->size(); ++i)
                if (auto f = readField((*fields)[i], indexPath("fields", i), report))
                    spec.fields.push_back(std::move(*f));
    }
    if (limit)
        if (auto l = readLimit(*limit, "limit", spec.replications, report))
            spec.limit = std::move(*l);
    root.reportUnknownFields();
    if (report.issues().size() != before) return std::nullopt;
    if ((fields != nullptr) == (limit != nullptr)) {
        report.add({}, std::string("a sweep needs either \"fields\" (the values to sweep) or "
                                   "\"limit\" (a limit search), ") +
                           (fields ? "not both" : "got neither"));
        return std::nullopt;
    }
    if (spec.pointCount() > kMaxSweepPoints) {
        report.add("fields", "the fields give " + std::to_string(spec.pointCount()) +
                                 " points; the limit is " + std::to_string(kMaxSweepPoints));
        return std::nullopt;
    }
    return spec;
}

std::optional<SweepSpec> loadSweepFile(const std::string& path, ValidationReport& report) {
    std::string error;
    const auto text = readBoundedFile(path, kSweepFile, error);
    if (!text) {
        report.add({}, error);
        return std::nullopt;
    }
    const auto json = parseJsonText(*text, "a sweep", report);
    if (!json || !report.ok()) return std::nullopt;
    return sweepFromJson(*json, std::filesystem::path(path).parent_path().string(), report);
}

}  // namespace archsim
