// SPDX-License-Identifier: GPL-3.0-or-later
// Injected failures on the time charts: every chart over simulated time holds a band per interval
// failure (per panel) spanning its start to its end, a line per cache flush, and a label per
// failure; charts not over time hold none; exports still work with the marks drawn.

#include <qcustomplot.h>

#include <QTemporaryDir>
#include <QtTest>

#include "ui/charts/breakdownchart.h"
#include "ui/charts/cachedatabasechart.h"
#include "ui/charts/capacitychart.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/costchart.h"
#include "ui/charts/failuremarkers.h"
#include "ui/charts/percentilechart.h"
#include "ui/charts/sampledata.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

std::vector<FailureSpec> twoFailures() {
    FailureSpec down;
    down.kind = FailureKind::Down;
    down.target = "db";
    down.startS = 20;
    down.endS = 35;
    FailureSpec flush;
    flush.kind = FailureKind::CacheFlush;
    flush.target = "kv";
    flush.startS = 50;
    flush.label = "Redis restart";
    return {down, flush};
}

QStringList labelTexts(const FailureMarkers& markers) {
    QStringList texts;
    for (QCPItemText* label : markers.labels()) texts << label->text();
    return texts;
}

}  // namespace

class TestFailureMarkers : public QObject {
    Q_OBJECT

private slots:
    void testLabelFallsBackToKindAndTarget() {
        const auto failures = twoFailures();
        QCOMPARE(failureLabel(failures[0]), QStringLiteral("down db"));
        QCOMPARE(failureLabel(failures[1]), QStringLiteral("Redis restart"));
        FailureSpec lose;
        lose.kind = FailureKind::LoseReplicas;
        lose.target = "api";
        QCOMPARE(failureLabel(lose), QStringLiteral("lose replicas api"));
    }

    void testEveryTimeChartMarksBothFailures() {
        ChartsPanel panel;
        panel.addScenario(1, "one", Qt::blue);
        panel.setFailures(1, twoFailures());
        const std::vector<std::pair<ChartWidget*, std::size_t>> timeCharts = {
            {panel.percentileChart(), 1},
            {panel.capacityChart(), panel.capacityChart()->panelCount()},
            {panel.cacheDatabaseChart(), panel.cacheDatabaseChart()->panelCount()},
        };
        for (const auto& [chart, panels] : timeCharts) {
            QVERIFY(chart->failureMarkers());
            const FailureMarkers& markers = *chart->failureMarkers();
            QCOMPARE(markers.bands().size(), panels);
            QCOMPARE(markers.lines().size(), panels);
            for (QCPItemRect* band : markers.bands()) {
                QCOMPARE(band->topLeft->coords().x(), 20.0);
                QCOMPARE(band->bottomRight->coords().x(), 35.0);
                // Top to bottom of its panel whatever the value axis shows.
                QCOMPARE(band->topLeft->typeY(), QCPItemPosition::ptAxisRectRatio);
                QCOMPARE(band->topLeft->coords().y(), 0.0);
                QCOMPARE(band->bottomRight->coords().y(), 1.0);
                // An outline, so the band reads without colour.
                QVERIFY(band->pen().style() != Qt::NoPen);
            }
            for (QCPItemLine* line : markers.lines()) {
                QCOMPARE(line->start->coords().x(), 50.0);
                QCOMPARE(line->end->coords().x(), 50.0);
            }
            QCOMPARE(labelTexts(markers), (QStringList{"down db", "Redis restart"}));
        }
        // Not over time: no marks.
        QVERIFY(!panel.breakdownChart()->failureMarkers());
        QVERIFY(!panel.costChart()->failureMarkers());
    }

    void testSharedFailuresAreMarkedOnceAndLeaveWithTheirScenario() {
        ChartsPanel panel;
        panel.addScenario(1, "one", Qt::blue);
        panel.addScenario(2, "two", Qt::red);
        panel.setFailures(1, twoFailures());
        auto other = twoFailures();
        other[0].startS = 22;  // differs: marked too
        panel.setFailures(2, other);
        const FailureMarkers& markers = *panel.percentileChart()->failureMarkers();
        QCOMPARE(markers.labels().size(), std::size_t{3});
        QCOMPARE(markers.bands().size(), std::size_t{2});
        QCOMPARE(markers.lines().size(), std::size_t{1});
        // Labels that would run into each other stack, once the plot is laid out; the flush,
        // clear of both, keeps the first row.
        panel.resize(1000, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.appendWindows(1, test::sampleWindows(test::SampleKind::Serverless, 0, 60));
        panel.percentileChart()->plot()->replot();
        QCOMPARE(panel.percentileChart()->plot()->xAxis->range().upper, 60.0);
        QCOMPARE(markers.labels()[2]->text(), QStringLiteral("down db"));
        QVERIFY(markers.labels()[0]->position->coords().y() <
                markers.labels()[2]->position->coords().y());
        QCOMPARE(markers.labels()[1]->position->coords().y(),
                 markers.labels()[0]->position->coords().y());
        panel.removeScenario(2);
        QCOMPARE(markers.labels().size(), std::size_t{2});
        panel.setFailures(1, {});
        QVERIFY(markers.labels().empty());
        QVERIFY(markers.bands().empty());
        QVERIFY(markers.lines().empty());
    }

    void testALabelNextToALineDoesNotOverlapIt() {
        // A short label after a flush once wrote over the flush's label: a band that starts a
        // few pixels after the line still stacks its label below.
        ChartsPanel panel;
        panel.resize(1000, 600);
        panel.addScenario(1, "one", Qt::blue);
        auto failures = twoFailures();
        failures[0].startS = 52;
        failures[0].endS = 58;
        panel.setFailures(1, failures);
        panel.appendWindows(1, test::sampleWindows(test::SampleKind::Serverless, 0, 60));
        CapacityChart* chart = panel.capacityChart();
        panel.setCurrentWidget(chart);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        chart->plot()->replot();
        const FailureMarkers& markers = *chart->failureMarkers();
        QCOMPARE(markers.labels()[1]->text(), QStringLiteral("Redis restart"));
        QVERIFY(markers.labels()[0]->position->coords().y() >
                markers.labels()[1]->position->coords().y());
    }

    void testExportWithFailures() {
        ChartsPanel panel;
        panel.resize(900, 600);
        panel.addScenario(1, "one", Qt::blue);
        panel.appendWindows(1, test::sampleWindows(test::SampleKind::Serverless, 0, 60));
        panel.setFailures(1, twoFailures());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (ChartWidget* chart : {static_cast<ChartWidget*>(panel.percentileChart()),
                                   static_cast<ChartWidget*>(panel.capacityChart())}) {
            const QString path = dir.filePath(chart->suggestedFileName("svg"));
            QString error;
            QVERIFY2(chart->exportTo(path, &error), qPrintable(error));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll().contains("Redis restart"));
        }
        if (const QByteArray dirName = qgetenv("ARCHSIM_CHART_SNAPSHOTS"); !dirName.isEmpty()) {
            panel.percentileChart()->exportTo(QString::fromUtf8(dirName) + "/failures.png");
            panel.capacityChart()->exportTo(QString::fromUtf8(dirName) + "/failures-cap.png");
        }
    }
};

QTEST_MAIN(TestFailureMarkers)
#include "tst_failuremarkers.moc"
