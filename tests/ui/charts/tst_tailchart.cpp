// SPDX-License-Identifier: GPL-3.0-or-later
// The Tail tab: three bars per scenario (median, >= p99, >= p99.9), each the shares of its own
// latency by category, with the latency written above the bar.
#include <qcustomplot.h>

#include <QtTest>
#include <cmath>

#include "ui/charts/tailchart.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

constexpr auto kCold = static_cast<std::size_t>(TimeCategory::ColdStart);
constexpr auto kCpu = static_cast<std::size_t>(TimeCategory::Cpu);

TailBreakdown group(double requests, double coldMs, double cpuMs) {
    TailBreakdown t;
    t.requests = requests;
    t.meanMs[kCold] = coldMs;
    t.meanMs[kCpu] = cpuMs;
    t.meanLatencyMs = coldMs + cpuMs;
    return t;
}

}  // namespace

class TestTailChart : public QObject {
    Q_OBJECT
private slots:
    void testBarsAreSharesOfEachGroupsLatency() {
        TailChart chart;
        chart.addScenario(1, QStringLiteral("serverless"), Qt::darkYellow);
        chart.addScenario(2, QStringLiteral("servers"), Qt::darkBlue);
        RunResult serverless;
        serverless.tail = {group(1000, 0, 3), group(10, 97, 3), group(1, 196, 4)};
        chart.setResult(1, serverless);
        using G = TailChart::Group;
        QCOMPARE(chart.sharePercent(1, G::Median, TimeCategory::Cpu), 100.0);
        QCOMPARE(chart.sharePercent(1, G::P99, TimeCategory::ColdStart), 97.0);
        QCOMPARE(chart.sharePercent(1, G::P999, TimeCategory::Cpu), 2.0);
        QCOMPARE(chart.latencyMs(1, G::P99), 100.0);
        // Without a result the second scenario has no bars, only its ticks.
        QVERIFY(std::isnan(chart.sharePercent(2, G::Median, TimeCategory::Cpu)));
        QCOMPARE(chart.bars(TimeCategory::ColdStart)->dataCount(), 3);
        QCOMPARE(chart.latencyLabels().size(), std::size_t{3});
        QCOMPARE(chart.latencyLabels()[1]->text(), QStringLiteral("100 ms"));

        RunResult servers;
        servers.tail = {group(1000, 0, 2), group(10, 0, 8), TailBreakdown{}};
        chart.setResult(2, servers);
        // An empty group (too few requests for p99.9) draws no bar.
        QCOMPARE(chart.bars(TimeCategory::Cpu)->dataCount(), 5);
        QCOMPARE(chart.latencyLabels().size(), std::size_t{5});
        // The second scenario's bars start after the first's three and a gap.
        QCOMPARE(chart.bars(TimeCategory::Cpu)->data()->at(3)->key, 4.0);
        QCOMPARE(chart.bars(TimeCategory::Cpu)->data()->at(3)->value, 100.0);

        chart.removeScenario(1);
        QCOMPARE(chart.bars(TimeCategory::Cpu)->dataCount(), 2);
        QVERIFY(std::isnan(chart.latencyMs(1, G::Median)));
    }
};

QTEST_MAIN(TestTailChart)
#include "tst_tailchart.moc"
