// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/report/summaryfigures.h"

#include <QObject>
#include <cmath>

namespace archsim::ui {
namespace {

double ms(const RunResult& r, double q) {
    return r.latency.count() ? toMillis(r.latency.quantile(q)) : std::nan("");
}

/// A job latency quantile: NaN without queues, or before any job has finished.
double jobMs(const RunResult& r, double q) {
    return r.jobs && r.jobs->latency.count() ? toMillis(r.jobs->latency.quantile(q))
                                              : std::nan("");
}

}  // namespace

const std::vector<SummaryFigure>& summaryFigures() {
    static const std::vector<SummaryFigure> list{
        {QStringLiteral("mean"), QObject::tr("latency mean"), QStringLiteral("ms"), true,
         [](const RunResult& r) {
             return r.latency.count() ? r.latency.mean() * 1e-6 : std::nan("");
         }},
        {QStringLiteral("p50"), QObject::tr("latency p50"), QStringLiteral("ms"), true,
         [](const RunResult& r) { return ms(r, 0.5); }},
        {QStringLiteral("p95"), QObject::tr("latency p95"), QStringLiteral("ms"), true,
         [](const RunResult& r) { return ms(r, 0.95); }},
        {QStringLiteral("p99"), QObject::tr("latency p99"), QStringLiteral("ms"), true,
         [](const RunResult& r) { return ms(r, 0.99); }},
        {QStringLiteral("p999"), QObject::tr("latency p99.9"), QStringLiteral("ms"), true,
         [](const RunResult& r) { return ms(r, 0.999); }},
        {QStringLiteral("throughput"), QObject::tr("throughput"), QStringLiteral("req/s"), false,
         [](const RunResult& r) {
             const double s = toSeconds(r.measuredTime);
             return s > 0 ? static_cast<double>(r.latency.count()) / s : std::nan("");
         }},
        {QStringLiteral("errorRate"), QObject::tr("error rate"), QStringLiteral("%"), true,
         [](const RunResult& r) { return 100 * r.errorRate(); }},
        {QStringLiteral("coldStartFraction"), QObject::tr("cold-start fraction"),
         QStringLiteral("%"), true,
         [](const RunResult& r) {
             return r.functionStarts ? 100 * r.coldStartFraction() : std::nan("");
         }},
        {QStringLiteral("cacheHitRatio"), QObject::tr("cache hit ratio"), QStringLiteral("%"),
         false,
         [](const RunResult& r) {
             return r.cacheHitRatio() >= 0 ? 100 * r.cacheHitRatio() : std::nan("");
         }},
        {QStringLiteral("peakInstances"), QObject::tr("peak instances/replicas"), QString(), true,
         [](const RunResult& r) {
             return r.peakInstances ? static_cast<double>(r.peakInstances) : std::nan("");
         }},
        {QStringLiteral("monthlyCost"), QObject::tr("monthly cost"), QStringLiteral("USD"), true,
         [](const RunResult& r) { return r.cost ? r.cost->monthlyCost : std::nan(""); }},
        {QStringLiteral("costPerMillion"), QObject::tr("cost per million requests"),
         QStringLiteral("USD"), true,
         [](const RunResult& r) {
             return r.cost && r.cost->costPerMillionRequests ? *r.cost->costPerMillionRequests
                                                             : std::nan("");
         }},
        // Jobs, for scenarios with queues: from the queue taking a message to the end of its job.
        {QStringLiteral("jobP50"), QObject::tr("job latency p50"), QStringLiteral("ms"), true,
         [](const RunResult& r) { return jobMs(r, 0.5); }},
        {QStringLiteral("jobP99"), QObject::tr("job latency p99"), QStringLiteral("ms"), true,
         [](const RunResult& r) { return jobMs(r, 0.99); }},
        {QStringLiteral("jobsDeadLettered"), QObject::tr("jobs dead-lettered"), QString(), true,
         [](const RunResult& r) {
             return r.jobs ? static_cast<double>(r.jobs->deadLettered) : std::nan("");
         }},
    };
    return list;
}

const SummaryFigure* summaryFigure(const QString& id) {
    for (const SummaryFigure& figure : summaryFigures())
        if (figure.id == id) return &figure;
    return nullptr;
}

ConfidenceInterval summaryInterval(const SummaryFigure& figure,
                                   const std::vector<RunResult>& runs) {
    std::vector<double> values;
    for (const RunResult& run : runs) {
        const double v = figure.value(run);
        if (std::isfinite(v)) values.push_back(v);
    }
    if (values.empty()) return {std::nan(""), 0, 0};
    return meanConfidenceInterval(values, 0.95);
}

bool intervalsSupportDifference(const ConfidenceInterval& a, const ConfidenceInterval& b) {
    if (a.n < 2 || b.n < 2 || !std::isfinite(a.mean) || !std::isfinite(b.mean)) return false;
    return a.high() < b.low() || b.high() < a.low();
}

}  // namespace archsim::ui
