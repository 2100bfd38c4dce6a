// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/lesson/lessonjson.h"

#include <algorithm>
#include <limits>

#include "sim/scenario/jsonreader.h"
#include "sim/scenario/scenariojson.h"
#include "sim/scenario/scenariooverride.h"
#include "sim/scenario/validation.h"

namespace archsim {

namespace {

using nlohmann::json;

constexpr int kMaxSteps = 100;
constexpr int kMaxScenariosPerStep = 8;  // the scenario palette's distinct colours
constexpr int kMaxChoices = 8;

std::vector<std::string> names(const std::vector<std::string_view>& ids) {
    return {ids.begin(), ids.end()};
}

class LessonReader {
public:
    LessonReader(const PresetSource& presets, ValidationReport& report)
        : m_presets(presets), m_report(report) {}

    std::optional<Lesson> read(const json& document) {
        JsonObjectReader root(document, "", m_report);
        if (!root.isObject()) return std::nullopt;
        Lesson lesson;
        if (auto v = root.integer("formatVersion", true, 1, 1000)) {
            if (*v > kLessonFormatVersion) {
                m_report.add("formatVersion", "the lesson uses format " + std::to_string(*v) +
                                                  ", but this archsim reads format " +
                                                  std::to_string(kLessonFormatVersion));
                return std::nullopt;
            }
        }
        if (auto v = root.nonEmptyString("title", true)) lesson.title = *v;
        if (auto v = root.string("summary", false)) lesson.summary = *v;
        if (auto v = root.integer("minutes", false, 1, 600)) lesson.minutes = static_cast<int>(*v);
        if (const json* steps = root.array("steps", true)) {
            if (steps->empty()) root.fail("steps", "a lesson needs at least one step");
            if (steps->size() > kMaxSteps)
                root.fail("steps", "has " + std::to_string(steps->size()) +
                                       " steps; a lesson holds at most " +
                                       std::to_string(kMaxSteps));
            for (std::size_t i = 0; i < steps->size() && i < kMaxSteps; ++i)
                lesson.steps.push_back(readStep((*steps)[i], indexPath("steps", i), lesson));
        }
        root.reportUnknownFields();
        if (!m_report.ok()) return std::nullopt;
        return lesson;
    }

private:
    /// Markdown: a string, or an array of lines (easier to write and review in JSON).
    std::optional<std::string> markdown(JsonObjectReader& r, std::string_view key, bool required) {
        const json* value = r.value(key, required);
        if (!value) return std::nullopt;
        if (value->is_string()) return value->get<std::string>();
        if (value->is_array()) {
            std::string text;
            for (std::size_t i = 0; i < value->size(); ++i) {
                if (!(*value)[i].is_string()) {
                    m_report.add(
                        indexPath(r.fieldPath(key), i),
                        "a line of text must be a string, got " + describeJson((*value)[i]));
                    return std::nullopt;
                }
                if (i) text += '\n';
                text += (*value)[i].get<std::string>();
            }
            return text;
        }
        r.fail(key,
               "must be Markdown text: a string or an array of lines, got " + describeJson(*value));
        return std::nullopt;
    }

    LessonStep readStep(const json& value, const std::string& path, const Lesson& lesson) {
        LessonStep step;
        JsonObjectReader r(value, path, m_report);
        if (!r.isObject()) return step;
        if (auto v = r.nonEmptyString("title", true)) step.title = *v;
        if (auto v = markdown(r, "text", true)) step.text = *v;
        if (const json* list = r.array("scenarios", false)) {
            step.hasScenarios = true;
            if (list->empty())
                r.fail("scenarios",
                       "lists no scenario; leave it out to keep the "
                       "previous step's");
            if (list->size() > kMaxScenariosPerStep)
                r.fail("scenarios", "a step shows at most " + std::to_string(kMaxScenariosPerStep) +
                                        " scenarios");
            for (std::size_t i = 0; i < list->size() && i < kMaxScenariosPerStep; ++i)
                step.scenarios.push_back(
                    readScenario((*list)[i], indexPath(r.fieldPath("scenarios"), i)));
        } else if (lesson.steps.empty()) {
            r.fail("scenarios", "the first step must say which scenarios to open");
        }
        // How many scenarios this step shows: its own, or the ones it keeps.
        std::size_t shown = step.scenarios.size();
        if (!step.hasScenarios)
            for (auto it = lesson.steps.rbegin(); it != lesson.steps.rend(); ++it)
                if (it->hasScenarios) {
                    shown = it->scenarios.size();
                    break;
                }
        if (auto v = r.integer("current", false, 0, kMaxScenariosPerStep - 1)) {
            step.current = static_cast<std::size_t>(*v);
            if (step.current >= shown)
                r.fail("current", "is " + std::to_string(*v) + ", but the step shows " +
                                      std::to_string(shown) + " scenario(s) (counted from 0)");
        }
        if (auto v = r.choice("chart", false, names(lessonChartIds()))) step.chart = *v;
        if (auto v = r.choice("speed", false, names(lessonSpeedIds()))) step.speed = *v;
        if (auto v = r.integer("replications", false, 1, 1000))
            step.replications = static_cast<int>(*v);
        if (auto v = r.boolean("run", false)) step.run = *v;
        if (const json* p = r.value("predict", false))
            step.predict = readPrediction(*p, r.fieldPath("predict"), shown);
        if (auto v = markdown(r, "takeaway", false)) step.takeaway = *v;
        r.reportUnknownFields();
        return step;
    }

    LessonScenario readScenario(const json& value, const std::string& path) {
        LessonScenario scenario;
        if (value.is_string()) {
            scenario.preset = value.get<std::string>();
        } else {
            JsonObjectReader r(value, path, m_report);
            if (!r.isObject()) return scenario;
            if (auto v = r.nonEmptyString("preset", true)) scenario.preset = *v;
            if (auto v = r.string("name", false)) scenario.name = *v;
            if (const json* set = r.array("set", false)) {
                for (std::size_t i = 0; i < set->size(); ++i) {
                    if (!(*set)[i].is_string()) {
                        m_report.add(indexPath(r.fieldPath("set"), i),
                                     "must be a string PATH=VALUE (as archsim-cli --set takes), "
                                     "got " +
                                         describeJson((*set)[i]));
                        continue;
                    }
                    scenario.set.push_back((*set)[i].get<std::string>());
                }
            }
            r.reportUnknownFields();
        }
        if (scenario.preset.empty()) return scenario;
        // The scenario the step would open, read in full, so a bad assignment is found now and
        // not in front of a workshop.
        json document;
        if (std::string error = lessonScenarioJson(scenario, m_presets, document); !error.empty()) {
            m_report.add(path, error);
            return scenario;
        }
        ValidationReport scenarioReport;
        if (!scenarioFromJson(document, scenarioReport))
            for (const ValidationIssue& issue : scenarioReport.issues())
                m_report.add(
                    path, "preset '" + scenario.preset + "' with its changes: " + issue.toString());
        return scenario;
    }

    std::optional<std::size_t> scenarioIndex(JsonObjectReader& r, std::string_view key,
                                             std::size_t shown) {
        const auto v = r.integer(key, false, 0, kMaxScenariosPerStep - 1);
        if (!v) return std::nullopt;
        if (static_cast<std::size_t>(*v) >= shown) {
            r.fail(key, "is " + std::to_string(*v) + ", but the step shows " +
                            std::to_string(shown) + " scenario(s) (counted from 0)");
            return std::nullopt;
        }
        return static_cast<std::size_t>(*v);
    }

    LessonPrediction readPrediction(const json& value, const std::string& path, std::size_t shown) {
        LessonPrediction p;
        JsonObjectReader r(value, path, m_report);
        if (!r.isObject()) return p;
        if (auto v = markdown(r, "question", true)) p.question = *v;
        if (auto v = r.choice("figure", true, names(lessonFigureIds()))) p.figure = *v;
        if (auto v = scenarioIndex(r, "scenario", shown)) p.scenario = *v;
        p.relativeTo = scenarioIndex(r, "relativeTo", shown);
        if (p.relativeTo && *p.relativeTo == p.scenario)
            r.fail("relativeTo", "names the same scenario as 'scenario'; a ratio needs two");
        if (auto v = r.string("unit", false)) p.unit = *v;
        if (const json* list = r.array("choices", false)) {
            if (list->size() < 2 || list->size() > kMaxChoices)
                r.fail("choices", "must offer 2 to " + std::to_string(kMaxChoices) +
                                      " answers, got " + std::to_string(list->size()));
            for (std::size_t i = 0; i < list->size() && i < kMaxChoices; ++i)
                p.choices.push_back(readChoice((*list)[i], indexPath(r.fieldPath("choices"), i)));
            checkChoicesApart(p.choices, r.fieldPath("choices"));
        }
        if (auto v = r.number("tolerance", false, NumberRange(0, 10, true))) {
            if (!p.choices.empty()) r.fail("tolerance", "is for a number to guess, not choices");
            p.tolerance = *v;
        }
        if (const json* expect = r.value("expect", false)) {
            const std::string at = r.fieldPath("expect");
            if (!p.choices.empty()) {
                if (expect->is_number_unsigned() && expect->get<std::size_t>() < p.choices.size())
                    p.expectChoice = expect->get<std::size_t>();
                else
                    m_report.add(at, "must be the index of the right choice (0.." +
                                         std::to_string(p.choices.size() - 1) + "), got " +
                                         describeJson(*expect));
            } else if (expect->is_array() && expect->size() == 2 && (*expect)[0].is_number() &&
                       (*expect)[1].is_number() &&
                       (*expect)[0].get<double>() <= (*expect)[1].get<double>()) {
                p.expectLow = (*expect)[0].get<double>();
                p.expectHigh = (*expect)[1].get<double>();
            } else {
                m_report.add(at,
                             "must be [low, high], the range the measured figure falls in, "
                             "got " +
                                 describeJson(*expect));
            }
        }
        if (auto v = markdown(r, "explanation", false)) p.explanation = *v;
        r.reportUnknownFields();
        return p;
    }

    LessonChoice readChoice(const json& value, const std::string& path) {
        LessonChoice choice;
        JsonObjectReader r(value, path, m_report);
        if (!r.isObject()) return choice;
        if (auto v = r.nonEmptyString("text", true)) choice.text = *v;
        choice.from = r.number("from", false);
        choice.below = r.number("below", false);
        if (choice.from && choice.below && !(*choice.from < *choice.below))
            r.fail("below", "must be more than 'from' (" + formatNumber(*choice.from) + ")");
        if (!choice.from && !choice.below)
            m_report.add(path,
                         "needs 'from', 'below' or both: the range of the figure that makes "
                         "this answer right");
        r.reportUnknownFields();
        return choice;
    }

    /// Exactly one answer can be right: their ranges must not overlap.
    void checkChoicesApart(const std::vector<LessonChoice>& choices, const std::string& path) {
        constexpr double inf = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < choices.size(); ++i)
            for (std::size_t j = i + 1; j < choices.size(); ++j) {
                const double lo =
                    std::max(choices[i].from.value_or(-inf), choices[j].from.value_or(-inf));
                const double hi =
                    std::min(choices[i].below.value_or(inf), choices[j].below.value_or(inf));
                if (lo < hi)
                    m_report.add(path, "answers " + std::to_string(i) + " and " +
                                           std::to_string(j) +
                                           " overlap; one measured figure must make exactly one "
                                           "answer right");
            }
    }

    const PresetSource& m_presets;
    ValidationReport& m_report;
};

}  // namespace

const LessonStep* Lesson::scenarioStep(std::size_t index) const {
    for (std::size_t i = std::min(index + 1, steps.size()); i-- > 0;)
        if (steps[i].hasScenarios) return &steps[i];
    return nullptr;
}

const std::vector<std::string_view>& lessonFigureIds() {
    static const std::vector<std::string_view> ids = {
        "mean",          "p50",           "p95",         "p99",
        "p999",          "throughput",    "errorRate",   "coldStartFraction",
        "cacheHitRatio", "peakInstances", "monthlyCost", "costPerMillion"};
    return ids;
}

const std::vector<std::string_view>& lessonChartIds() {
    static const std::vector<std::string_view> ids = {
        "percentiles", "distribution", "breakdown", "tail", "capacity",
        "cache",       "cost",         "summary",   "jobs"};
    return ids;
}

const std::vector<std::string_view>& lessonSpeedIds() {
    static const std::vector<std::string_view> ids = {"1x", "10x", "100x", "1000x", "max"};
    return ids;
}

std::string lessonScenarioJson(const LessonScenario& scenario, const PresetSource& presets,
                               json& out) {
    const std::optional<std::string> text = presets ? presets(scenario.preset) : std::nullopt;
    if (!text) return "there is no bundled preset '" + scenario.preset + "'";
    ValidationReport report;
    std::optional<json> parsed = parseJsonText(*text, "a scenario", report, scenario.preset);
    if (!parsed || !report.ok())
        return "preset '" + scenario.preset + "' does not read: " + report.toString();
    out = std::move(*parsed);
    for (const std::string& assignment : scenario.set) {
        ScenarioOverride o;
        if (std::string error = parseOverride(assignment, o, "set"); !error.empty()) return error;
        if (std::string error = applyOverride(out, o); !error.empty()) return error;
    }
    if (!scenario.name.empty()) out["name"] = scenario.name;
    return {};
}

std::optional<Lesson> lessonFromText(const std::string& text, const std::string& fileName,
                                     const PresetSource& presets,
                                     std::vector<std::string>& problems) {
    ValidationReport report;
    std::optional<Lesson> lesson;
    if (std::optional<json> document = parseJsonText(text, "a lesson", report)) {
        if (report.ok()) lesson = LessonReader(presets, report).read(*document);
    }
    // Each problem names the file and, inside a step, the step as people count it.
    for (const ValidationIssue& issue : report.issues()) {
        std::string where = fileName + ": ";
        if (issue.path.rfind("steps[", 0) == 0) {
            const std::size_t close = issue.path.find(']');
            where +=
                "step " + std::to_string(std::stoul(issue.path.substr(6, close - 6)) + 1) + ": ";
        }
        problems.push_back(where + issue.toString());
    }
    if (!report.ok()) return std::nullopt;
    std::string id = fileName;
    if (const auto slash = id.find_last_of('/'); slash != std::string::npos) id.erase(0, slash + 1);
    if (id.size() > 5 && id.ends_with(".json")) id.resize(id.size() - 5);
    lesson->id = id;
    return lesson;
}

}  // namespace archsim
