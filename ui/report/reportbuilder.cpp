// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/report/reportbuilder.h"

#include <QLocale>
#include <algorithm>
#include <cmath>
#include <mutex>

#include "sim/run/replications.h"
#include "sim/run/runner.h"
#include "sim/stats/confidence.h"
#include "sim/theory/theorycomparison.h"
#include "ui/charts/breakdownchart.h"
#include "ui/charts/cachedatabasechart.h"
#include "ui/charts/capacitychart.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/chartstyle.h"
#include "ui/charts/costchart.h"
#include "ui/charts/distributionchart.h"
#include "ui/charts/percentilechart.h"
#include "ui/report/scenarioparameters.h"
#include "ui/report/summaryfigures.h"
#include "ui/run/trafficscaling.h"
#include "ui/topology/topologyexport.h"

namespace archsim::ui {
namespace {

// Charts are drawn at about 1.4 chart pixels per printed point: their 8-9 pixel labels then print
// at a legible 6-7 points on A4 and Letter, and the lines keep their weight.
constexpr int kChartWidth = 720;
constexpr int kChartHeight = 420;
constexpr int kCostChartHeight = 540;

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

QString scenarioName(const ReportScenario& s, std::size_t index) {
    return s.scenario.name.empty() ? QObject::tr("Scenario %1").arg(index + 1)
                                   : qs(s.scenario.name);
}

/// Requests needed before the q-quantile of a sample is an estimate rather than a guess: about ten
/// beyond it.
double samplesNeeded(double q) {
    return 10.0 / (1.0 - q);
}

/// A setting as the user typed it: "5", "0.5", "600", never "5.00".
QString plain(double value) {
    return QString::number(value, 'g', 10);
}

QString replicationsText(unsigned count) {
    return count == 1 ? QObject::tr("1 replication") : QObject::tr("%1 replications").arg(count);
}

QString grouped(double value) {
    return QLocale(QLocale::English).toString(value, 'f', 0);
}

QString theoryValue(double value, const std::string& unit) {
    return unit.empty() ? formatNumber(value) : formatNumber(value) + QLatin1Char(' ') + qs(unit);
}

/// For each scenario: the formulas that apply to it against its runs, Little's law and the
/// detected warm-up; a paragraph says which figures disagree, if any.
void addTheorySection(ReportDocument& doc, const std::vector<ReportScenario>& inputs,
                      const ReportRuns& runs, const QStringList& names) {
    doc.addHeading(QObject::tr("Theory beside simulation"), QStringLiteral("theory"));
    doc.addParagraph(QObject::tr(
        "Where queueing theory has a formula for a component of the scenario, its prediction "
        "stands beside the simulated figure. A figure agrees when the two differ by no more than "
        "the simulation's 99% interval (over the replications; with one run, batch means of the "
        "windows or a 10% tolerance) plus the formula's own error where it is an approximation."));
    for (std::size_t i = 0; i < inputs.size() && i < runs.scenarios.size(); ++i) {
        const auto& results = runs.scenarios[i].replications;
        if (results.empty()) continue;
        const theory::TheoryComparison c = theory::compareTheory(inputs[i].scenario, results);
        const QString name = names[static_cast<qsizetype>(i)];
        doc.addSubheading(name);
        ReportTable table;
        table.header = {QObject::tr("Component"), QObject::tr("Figure"), QObject::tr("Formula"),
                        QObject::tr("Simulated"), QObject::tr("Theory"), QObject::tr("Verdict")};
        table.numeric = {false, false, false, true, true, false};
        QStringList disagreements;
        for (const theory::TheoryCheck& check : c.checks) {
            const theory::TheoryPrediction& p = check.prediction;
            const bool applies = p.applicability != theory::Applicability::NotApplicable;
            const bool compared = check.agreement != theory::Agreement::NotCompared;
            QString verdict = applies ? qs(theory::toString(check.agreement)) : qs(p.reason);
            if (applies && !compared) verdict += QStringLiteral(": ") + qs(check.note);
            table.rows.push_back(
                {qs(p.component), qs(p.label),
                 qs(p.formula) + QStringLiteral(" (") + qs(theory::toString(p.applicability)) +
                     QLatin1Char(')'),
                 compared ? theoryValue(check.simulated, p.unit) + QStringLiteral(" ± ") +
                                formatNumber(check.halfWidth)
                          : QStringLiteral("—"),
                 applies ? theoryValue(p.value, p.unit) : QStringLiteral("—"), verdict});
            if (check.agreement == theory::Agreement::Disagrees)
                disagreements << QObject::tr("%1 of %2 (simulated %3 ± %4, theory %5)")
                                     .arg(qs(p.label), qs(p.component),
                                          theoryValue(check.simulated, p.unit),
                                          formatNumber(check.halfWidth),
                                          theoryValue(p.value, p.unit));
        }
        for (const theory::LittlesLawCheck& l : c.little) {
            const bool holds = l.relativeError() <= theory::kLittleTolerance;
            table.rows.push_back({qs(l.component), QObject::tr("requests in %1").arg(qs(l.place)),
                                  QObject::tr("Little's law L = λW (exact)"),
                                  formatNumber(l.timeAverage),
                                  formatNumber(l.ratePerS * l.meanTimeS),
                                  holds ? QObject::tr("agrees") : QObject::tr("disagrees")});
            if (!holds)
                disagreements
                    << QObject::tr("Little's law in %1 of %2").arg(qs(l.place), qs(l.component));
        }
        table.note = c.replications > 1
                         ? QObject::tr(
                               "Simulated: mean ± half-width of the 99% interval over %1 "
                               "replications.")
                               .arg(c.replications)
                         : QObject::tr(
                               "Simulated: one run; ± is its batch-means interval or "
                               "tolerance.");
        doc.addTable(table);
        if (!disagreements.isEmpty())
            doc.addWarning(QObject::tr("%1: simulation and theory disagree beyond the interval: "
                                       "%2. Either an assumption of the formula does not hold as "
                                       "well as it seems, or the run is too short.")
                               .arg(name, disagreements.join(QStringLiteral("; "))));
        else if (std::any_of(c.checks.begin(), c.checks.end(), [](const auto& check) {
                     return check.agreement == theory::Agreement::Agrees;
                 }))
            doc.addParagraph(QObject::tr("%1: every figure theory predicts agrees with the "
                                         "simulation.")
                                 .arg(name));
        const auto& d = c.detectedWarmup;
        doc.addParagraph(
            QObject::tr("Warm-up: MSER-5 on the windows' mean latency detects %1; the scenario "
                        "sets %2 s. Used: %3.")
                .arg(d.available ? QObject::tr("%1 s").arg(plain(d.seconds)) +
                                       (d.reliable ? QString()
                                                   : QObject::tr(" (the transient may last "
                                                                 "longer than half the run)"))
                                 : QObject::tr("nothing (too few windows)"),
                     plain(c.scenarioWarmupS), qs(c.warmupUsed)));
    }
}

// --- figures ---------------------------------------------------------------------------------

ReportFigure chartFigure(ChartWidget* chart, const QString& id, const QString& title,
                         const QString& caption, int height = kChartHeight) {
    chart->setCaption(caption);
    ReportFigure figure;
    figure.id = id;
    figure.title = title;
    figure.caption = caption;
    figure.size = QSizeF(kChartWidth, height);
    // The report prints the caption under the figure, legibly; not a second time inside it.
    figure.svg = chart->toSvg(kChartWidth, height, false);
    return figure;
}

ReportFigure topologyFigure(const Scenario& scenario, const QString& id, const QString& title,
                            const QString& caption) {
    // Wide diagrams are scaled to the page; small ones are not blown up past 1.25x.
    QSize size;
    const QByteArray svg = topologySvg(scenario, kChartWidth, &size, title);
    ReportFigure figure;
    figure.id = id;
    figure.title = title;
    figure.caption = caption;
    figure.size = size;
    figure.svg = svg;
    return figure;
}

// --- pricing ---------------------------------------------------------------------------------

void addSource(ReportTable& table, const QString& section, const PriceSource& source) {
    table.rows.push_back(
        {section, qs(source.source), qs(source.date), qs(source.region), qs(source.note)});
}

ReportTable pricingTable(const PricingTable& prices) {
    ReportTable table;
    table.header = {QObject::tr("Section"), QObject::tr("Source"), QObject::tr("Prices as of"),
                    QObject::tr("Region"), QObject::tr("Note")};
    table.rows.push_back(
        {QObject::tr("whole table") +
             (prices.name.empty() ? QString() : QStringLiteral(" (%1)").arg(qs(prices.name))),
         qs(prices.source), qs(prices.date), QString(),
         QObject::tr("currency %1").arg(qs(prices.currency)) +
             (prices.note.empty() ? QString() : QStringLiteral("; ") + qs(prices.note))});
    if (prices.lambda) addSource(table, QStringLiteral("AWS Lambda"), prices.lambda->source);
    if (prices.apiGateway)
        addSource(table, QStringLiteral("API Gateway"), prices.apiGateway->source);
    if (prices.workers)
        addSource(table, QStringLiteral("Cloudflare Workers"), prices.workers->source);
    if (prices.workersKv) addSource(table, QStringLiteral("Workers KV"), prices.workersKv->source);
    if (prices.ec2) addSource(table, QStringLiteral("EC2"), prices.ec2->source);
    if (prices.fargate) addSource(table, QStringLiteral("Fargate"), prices.fargate->source);
    if (prices.loadBalancer)
        addSource(table, QStringLiteral("Load balancer"), prices.loadBalancer->source);
    if (prices.elastiCache)
        addSource(table, QStringLiteral("ElastiCache"), prices.elastiCache->source);
    if (prices.rds) addSource(table, QStringLiteral("RDS"), prices.rds->source);
    if (prices.dataTransfer)
        addSource(table, QStringLiteral("Data transfer"), prices.dataTransfer->source);
    return table;
}

}  // namespace

std::vector<double> costCurveRates(const Scenario& scenario) {
    if (!scenario.cost || scenario.workload.type == WorkloadType::Closed ||
        scenario.workload.type == WorkloadType::Trace)
        return {};
    double base = scenario.workload.ratePerS;
    if (scenario.workload.type == WorkloadType::Schedule && !scenario.workload.schedule.empty())
        base = scenario.workload.schedule.front().ratePerS;
    if (scenario.workload.type == WorkloadType::OnOff) base = meanRate(scenario);
    if (!(base > 0) || !std::isfinite(base)) base = 10;
    std::vector<double> rates;
    for (int i = -8; i <= 4; ++i) rates.push_back(base * std::pow(10.0, i / 4.0));
    return rates;
}

ReportRuns runReport(const ReportRequest& request, const ReportProgress& progress,
                     const std::atomic<bool>* cancel) {
    ReportRuns runs;
    const unsigned replications = std::max(1u, request.replications);
    struct Job {
        std::size_t scenario;
        bool level;  ///< a cost-curve level, else a replication
        std::size_t index;
        double rate;
    };
    std::vector<Job> jobs;
    std::vector<std::vector<std::optional<double>>> levelCosts(request.scenarios.size());
    std::vector<std::vector<double>> levelRates(request.scenarios.size());
    runs.scenarios.resize(request.scenarios.size());
    for (std::size_t s = 0; s < request.scenarios.size(); ++s) {
        const Scenario& scenario = request.scenarios[s].scenario;
        runs.scenarios[s].seed = request.seed.value_or(scenario.seed);
        runs.scenarios[s].replications.resize(replications);
        for (unsigned r = 0; r < replications; ++r) jobs.push_back({s, false, r, 0});
        if (request.scenarios[s].pricing) {
            levelRates[s] = costCurveRates(scenario);
            levelCosts[s].resize(levelRates[s].size());
            for (std::size_t l = 0; l < levelRates[s].size(); ++l)
                jobs.push_back({s, true, l, levelRates[s][l]});
        }
    }
    std::atomic<int> done{0};
    const int total = static_cast<int>(jobs.size());
    if (progress) progress(0, total);
    std::mutex errorMutex;
    parallelFor(jobs.size(), 0, [&](std::size_t i) {
        if (cancel && cancel->load()) return;
        const Job& job = jobs[i];
        const ReportScenario& input = request.scenarios[job.scenario];
        RunOptions options;
        options.seed = runs.scenarios[job.scenario].seed;
        options.pricing = input.pricing.get();
        if (job.level) {
            const RunResult result =
                runScenario(sweepLevelScenario(input.scenario, job.rate), options);
            if (result.cost) levelCosts[job.scenario][job.index] = result.cost->monthlyCost;
        } else {
            options.replication = job.index;
            runs.scenarios[job.scenario].replications[job.index] =
                runScenario(input.scenario, options);
        }
        const int now = done.fetch_add(1) + 1;
        if (progress) progress(now, total);
    });
    runs.cancelled = cancel && cancel->load();
    for (std::size_t s = 0; s < request.scenarios.size(); ++s)
        for (std::size_t l = 0; l < levelCosts[s].size(); ++l)
            if (levelCosts[s][l])
                runs.scenarios[s].costCurve.push_back({levelRates[s][l], *levelCosts[s][l]});
    return runs;
}

ReportDocument buildReport(const ReportRequest& request, const ReportRuns& runs) {
    ReportDocument doc;
    const QDateTime date = request.date.isValid() ? request.date : QDateTime::currentDateTimeUtc();
    doc.setDate(date);
    const auto& inputs = request.scenarios;
    const unsigned replications = std::max(1u, request.replications);
    QStringList names;
    for (std::size_t i = 0; i < inputs.size(); ++i) names << scenarioName(inputs[i], i);

    doc.addTitle(inputs.size() > 1
                     ? QObject::tr("archsim report: %1").arg(names.join(QStringLiteral(" vs ")))
                     : QObject::tr("archsim report: %1").arg(names.value(0)));
    doc.addSubtitle(QObject::tr("Date: %1")
                        .arg(date.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))));
    doc.addSubtitle(QObject::tr("archsim %1 · %2 per scenario%3")
                        .arg(QStringLiteral(ARCHSIM_VERSION), replicationsText(replications),
                             replications > 1 ? QObject::tr(" · 95% confidence intervals from "
                                                            "independent replications")
                                              : QString()));

    // The caption every figure carries, so a figure copied out of the report keeps its context.
    QStringList seeds;
    double durationS = 0, windowS = 0;
    for (std::size_t i = 0; i < inputs.size() && i < runs.scenarios.size(); ++i) {
        const QString seed = QString::number(runs.scenarios[i].seed);
        if (!seeds.contains(seed)) seeds << seed;
        durationS = std::max(durationS, inputs[i].scenario.run.durationS);
        windowS = std::max(windowS, inputs[i].scenario.run.windowS);
    }
    QStringList captionParts{names.join(QStringLiteral(" vs ")),
                             (seeds.size() == 1 ? QObject::tr("seed %1") : QObject::tr("seeds %1"))
                                 .arg(seeds.join(QStringLiteral(", "))),
                             QObject::tr("%1 s simulated").arg(plain(durationS)),
                             QObject::tr("%1 s windows").arg(plain(windowS)),
                             replicationsText(replications)};
    if (request.sloMs > 0) captionParts << QObject::tr("SLO %1 ms").arg(plain(request.sloMs));
    captionParts << QStringLiteral("archsim " ARCHSIM_VERSION);
    const QString caption = captionParts.join(QStringLiteral(" · "));

    // --- warnings first: a careful reader needs them before any figure ---
    QStringList warnings;
    for (std::size_t i = 0; i < inputs.size() && i < runs.scenarios.size(); ++i) {
        const Scenario& scenario = inputs[i].scenario;
        const auto& results = runs.scenarios[i].replications;
        if (results.empty()) continue;
        const RunResult& first = results.front();
        const QString name = names[static_cast<qsizetype>(i)];
        if (scenario.run.warmupS > 0)
            warnings << QObject::tr(
                            "%1: the first %2 s are a warm-up, removed from the summary, "
                            "the latency distribution and the breakdown (the charts over "
                            "time still show them).")
                            .arg(name, plain(scenario.run.warmupS));
        int overloaded = 0;
        for (const RunResult& r : results) overloaded += r.status == RunStatus::Overloaded;
        if (overloaded)
            warnings << QObject::tr(
                            "%1: overloaded in %2 of %3 runs: requests in flight passed "
                            "run.maxInFlight (%4), the system cannot keep up with the "
                            "workload and the figures cover the run only until then.")
                            .arg(name)
                            .arg(overloaded)
                            .arg(results.size())
                            .arg(grouped(static_cast<double>(scenario.run.maxInFlight)));
        for (const double q : {0.99, 0.999}) {
            const QString label = q == 0.99 ? QStringLiteral("p99") : QStringLiteral("p99.9");
            const double needed = samplesNeeded(q);
            if (static_cast<double>(first.latency.count()) < needed)
                warnings << QObject::tr(
                                "%1: the whole-run %2 rests on %3 requests, fewer than the "
                                "%4 it takes to estimate it; read it as a rough figure.")
                                .arg(name, label,
                                     grouped(static_cast<double>(first.latency.count())),
                                     grouped(needed));
            int thin = 0, measured = 0;
            for (const WindowRow& w : first.windows) {
                if (w.latency.completed == 0) continue;
                ++measured;
                thin += static_cast<double>(w.latency.completed) < needed;
            }
            if (thin > 0)
                warnings << QObject::tr(
                                "%1: in %2 of %3 windows fewer than %4 requests completed, so "
                                "the per-window %5 in the percentile chart rests on too few "
                                "samples there and is drawn faded.")
                                .arg(name)
                                .arg(thin)
                                .arg(measured)
                                .arg(grouped(needed))
                                .arg(label);
        }
        if (first.errorRate() > 0)
            warnings << QObject::tr(
                            "%1: %2 of the requests failed (throttled %3, rejected %4, timed "
                            "out %5, too large %6); failed requests are not in the latency "
                            "figures.")
                            .arg(name, formatPercent(100 * first.errorRate()))
                            .arg(first.errors[0])
                            .arg(first.errors[1])
                            .arg(first.errors[2])
                            .arg(first.errors[3]);
        if (!scenario.cost)
            warnings << QObject::tr("%1: no cost section, so no cost figures.").arg(name);
        else if (!inputs[i].pricing)
            warnings
                << QObject::tr("%1: no pricing table could be read, so no cost figures.").arg(name);
    }
    if (replications == 1)
        warnings << QObject::tr(
            "One replication per scenario: the summary has no confidence "
            "intervals, and a difference may be chance. Run more replications "
            "to see which differences hold.");
    if (runs.cancelled)
        warnings << QObject::tr("The report was cancelled before every run finished.");
    doc.addHeading(QObject::tr("Warnings"), QStringLiteral("warnings"));
    if (warnings.isEmpty()) doc.addParagraph(QObject::tr("None."));
    for (const QString& warning : warnings) doc.addWarning(warning);

    // --- scenarios and their parameters ---
    doc.addHeading(QObject::tr("Scenarios"), QStringLiteral("scenarios"));
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const ReportScenario& input = inputs[i];
        const Scenario& scenario = input.scenario;
        doc.addSubheading(names[static_cast<qsizetype>(i)]);
        if (!scenario.description.empty()) doc.addParagraph(qs(scenario.description));
        ReportTable facts;
        facts.header = {QObject::tr("Setting"), QObject::tr("Value")};
        if (!input.sourceFile.isEmpty())
            facts.rows.push_back({QObject::tr("file"), input.sourceFile});
        facts.rows.push_back(
            {QObject::tr("seed"),
             QString::number(i < runs.scenarios.size() ? runs.scenarios[i].seed : scenario.seed)});
        facts.rows.push_back({QObject::tr("replications"), QString::number(replications)});
        facts.rows.push_back({QObject::tr("simulated duration"),
                              QObject::tr("%1 s (warm-up %2 s, windows of %3 s)")
                                  .arg(plain(scenario.run.durationS), plain(scenario.run.warmupS),
                                       plain(scenario.run.windowS))});
        doc.addTable(facts);

        ReportTable parameters;
        parameters.header = {QObject::tr("Parameter"), QObject::tr("Value"), QObject::tr("Unit")};
        for (const ParameterGroup& group : scenarioParameters(scenario)) {
            parameters.rows.push_back({group.title});
            parameters.groupRow.resize(parameters.rows.size(), false);
            parameters.groupRow.back() = true;
            for (const ParameterRow& row : group.rows) {
                parameters.rows.push_back({row.name, row.value, row.unit});
                parameters.groupRow.push_back(false);
            }
        }
        parameters.note = QObject::tr(
            "Every field of the scenario, grouped by component; a distribution "
            "is in the unit of its field.");
        doc.addTable(parameters);
    }

    // --- topology ---
    doc.addHeading(QObject::tr("Topology"), QStringLiteral("topology"));
    for (std::size_t i = 0; i < inputs.size(); ++i)
        doc.addFigure(
            topologyFigure(inputs[i].scenario, QStringLiteral("topology-%1").arg(i + 1),
                           QObject::tr("Topology of %1").arg(names[static_cast<qsizetype>(i)]),
                           QObject::tr("Requests flow left to right; dashed arrows are taken by "
                                       "some requests only (a cache miss, a branch). · %1")
                               .arg(caption)));

    // --- charts, drawn by the same widgets the window shows ---
    // On paper: the light look at normal size, whatever the window's theme or presenter mode.
    const ScopedChartLook paper(ChartLook::light());
    ChartsPanel panel;
    panel.resize(kChartWidth, kChartHeight);
    for (std::size_t i = 0; i < inputs.size() && i < runs.scenarios.size(); ++i) {
        const int key = static_cast<int>(i) + 1;
        // A dark window's scenario colours are made for a dark background, not for white.
        const QColor colour = inputs[i].colour.isValid() && !paper.previous().dark
                                  ? inputs[i].colour
                                  : scenarioColour(static_cast<int>(i));
        panel.addScenario(key, names[static_cast<qsizetype>(i)], colour,
                          inputs[i].scenario.topology);
        panel.setFailures(key, inputs[i].scenario.failures);
        panel.setScenario(key, inputs[i].scenario);
    }
    panel.setSloMs(request.sloMs);
    for (std::size_t i = 0; i < inputs.size() && i < runs.scenarios.size(); ++i) {
        const int key = static_cast<int>(i) + 1;
        const auto& results = runs.scenarios[i].replications;
        if (results.empty()) continue;
        panel.appendWindows(key, results.front().windows);
        panel.setHistogram(key, results.front().latency);
        panel.setResult(key, results.front());
        if (!runs.scenarios[i].costCurve.empty())
            panel.setCostCurve(key, runs.scenarios[i].costCurve);
        // The range over the replications around each percentile line, as in the window.
        if (results.size() > 1) panel.percentileChart()->setReplicationResults(key, results);
    }
    for (ChartWidget* chart : panel.charts())
        chart->setReplications(static_cast<int>(replications));
    const QString firstReplication =
        replications > 1 ? QObject::tr(" (replication 1 of %1)").arg(replications) : QString();
    doc.addHeading(QObject::tr("Results"), QStringLiteral("results"));
    doc.addFigure(chartFigure(
        panel.percentileChart(), QStringLiteral("percentiles"),
        QObject::tr("Latency percentiles over time, with the SLO") +
            (replications > 1
                 ? QObject::tr(" (replication 1 of %1; shaded: its range over all of them)")
                       .arg(replications)
                 : QString()),
        caption));
    doc.addFigure(chartFigure(panel.distributionChart(), QStringLiteral("distribution"),
                              QObject::tr("Latency distribution") + firstReplication, caption));
    doc.addFigure(chartFigure(panel.breakdownChart(), QStringLiteral("breakdown"),
                              QObject::tr("Where the time goes") + firstReplication, caption));
    doc.addFigure(chartFigure(panel.capacityChart(), QStringLiteral("capacity"),
                              QObject::tr("Capacity") + firstReplication, caption));
    doc.addFigure(chartFigure(panel.cacheDatabaseChart(), QStringLiteral("cache-database"),
                              QObject::tr("Cache and database") + firstReplication, caption));
    doc.addFigure(
        chartFigure(panel.costChart(), QStringLiteral("cost"),
                    QObject::tr("Cost, and monthly cost against traffic with the crossover"),
                    caption, kCostChartHeight));

    // --- the summary table ---
    doc.addHeading(QObject::tr("Summary"), QStringLiteral("summary"));
    ReportTable summary;
    summary.header << QObject::tr("Figure") << QObject::tr("Unit");
    for (const QString& name : names) summary.header << name;
    for (qsizetype i = 1; i < names.size(); ++i)
        summary.header << QObject::tr("%1 − %2").arg(names[i], names.front());
    summary.numeric.assign(static_cast<std::size_t>(summary.header.size()), true);
    summary.numeric[0] = summary.numeric[1] = false;
    bool anyUnsupported = false;
    for (const SummaryFigure& figure : summaryFigures()) {
        std::vector<ConfidenceInterval> cis;
        bool any = false;
        for (std::size_t i = 0; i < inputs.size() && i < runs.scenarios.size(); ++i) {
            cis.push_back(summaryInterval(figure, runs.scenarios[i].replications));
            any = any || std::isfinite(cis.back().mean);
        }
        if (!any) continue;
        QStringList row{figure.label, figure.unit};
        for (const ConfidenceInterval& ci : cis) {
            QString text = formatNumber(ci.mean);
            if (replications > 1 && std::isfinite(ci.mean))
                text += QStringLiteral(" ± ") + formatNumber(ci.halfWidth);
            row << text;
        }
        for (std::size_t i = 1; i < cis.size(); ++i) {
            const double a = cis.front().mean, b = cis[i].mean;
            if (!std::isfinite(a) || !std::isfinite(b)) {
                row << QStringLiteral("—");
                continue;
            }
            QString text = (b >= a ? QStringLiteral("+") : QString()) + formatNumber(b - a);
            if (a != 0)
                text += QStringLiteral(" (%1%2)").arg(b >= a ? QStringLiteral("+") : QString(),
                                                      formatPercent(100 * (b - a) / a));
            if (a != b && figure.lowerIsBetter)
                text += b < a ? QObject::tr(" better") : QObject::tr(" worse");
            // Intervals that overlap do not support the difference: say so rather than colour it.
            if (replications > 1 && !intervalsSupportDifference(cis.front(), cis[i])) {
                text += QStringLiteral(" †");
                anyUnsupported = true;
            }
            row << text;
        }
        summary.rows.push_back(row);
    }
    summary.note =
        replications > 1
            ? QObject::tr(
                  "Each figure is the mean of %1 replications ± the half-width of its "
                  "95% confidence interval.")
                      .arg(replications) +
                  (anyUnsupported ? QObject::tr(" † the intervals overlap: the replications do "
                                                "not support this difference.")
                                  : QString())
            : QObject::tr("One replication: figures without confidence intervals.");
    summary.note +=
        QObject::tr(" Differences are against %1; \"better\" and \"worse\" where lower is better.")
            .arg(names.value(0));
    doc.addTable(summary);

    // --- queueing theory beside the simulation ---
    addTheorySection(doc, inputs, runs, names);

    // --- prices ---
    doc.addHeading(QObject::tr("Pricing"), QStringLiteral("pricing"));
    std::vector<const PricingTable*> shown;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const PricingTable* prices = inputs[i].pricing.get();
        if (!prices) continue;
        QStringList users;
        for (std::size_t j = 0; j < inputs.size(); ++j)
            if (inputs[j].pricing && *inputs[j].pricing == *prices)
                users << names[static_cast<qsizetype>(j)];
        if (std::any_of(shown.begin(), shown.end(),
                        [&](const PricingTable* t) { return *t == *prices; }))
            continue;
        shown.push_back(prices);
        doc.addParagraph(
            QObject::tr("Prices of %1, dated %2, used for %3. A cost estimate is only as "
                        "current as its prices.")
                .arg(prices->name.empty() ? QObject::tr("the pricing table") : qs(prices->name),
                     qs(prices->date), users.join(QStringLiteral(", "))));
        doc.addTable(pricingTable(*prices));
    }
    if (shown.empty()) doc.addParagraph(QObject::tr("No scenario is priced."));
    return doc;
}

}  // namespace archsim::ui
