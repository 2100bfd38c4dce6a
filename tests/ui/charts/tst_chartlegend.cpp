// SPDX-License-Identifier: GPL-3.0-or-later
// Legends under the plots stay legible at any width: every entry gets the room its text needs and
// none runs into its neighbour, on a narrow window as on a wide one, for every chart.

#include <qcustomplot.h>

#include <QtTest>

#include "ui/charts/capacitychart.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/chartstyle.h"
#include "ui/charts/chartwidget.h"
#include "ui/charts/sampledata.h"

using namespace archsim;
using namespace archsim::ui;
using archsim::test::SampleKind;

class TestChartLegend : public QObject {
    Q_OBJECT
private slots:
    void testTitlesFitAProjectorWidth() {
        // At 1024x768 a chart gets about 460 px: every title must fit there whole (the capacity
        // chart's once read "acity: instances and replicas, cold starts, throttles and err").
        ChartsPanel panel;
        panel.addScenario(1, "Auth API on Cloudflare Workers", QColor(0, 114, 178));
        for (std::size_t i = 0; i < panel.charts().size(); ++i) {
            QCustomPlot* plot = panel.charts()[i]->plot();
            if (!plot || plot->plotLayout()->rowCount() == 0) continue;
            auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
            if (!title) continue;
            const int width = QFontMetrics(title->font()).horizontalAdvance(title->text());
            QVERIFY2(width <= 440, qPrintable(title->text() + ": " + QString::number(width)));
        }
    }

    void testCapacityLegendLeavesTheChartItsRoom() {
        // At 1024x768 the capacity chart's legend used to take half its height: a key for every
        // reason a request can be lost, also when none was. Keys for those appear with the loss.
        ChartsPanel panel;
        panel.addScenario(1, "Auth API on Cloudflare Workers", QColor(0, 114, 178));
        panel.addScenario(2, "Auth API on Go servers", QColor(213, 94, 0));
        panel.appendWindows(1, test::sampleWindows(SampleKind::Serverless, 0, 30));
        panel.appendWindows(2, test::sampleWindows(SampleKind::Stateful, 0, 30));
        panel.resize(560, 430);  // the charts' share of a 1024x768 window
        // In presenter mode's larger text, too.
        ChartLook look = ChartLook::highContrast(false);
        look.fontScale = 1.5;
        setChartLook(look);
        panel.applyLook();
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setCurrentWidget(panel.capacityChart());
        QCustomPlot* plot = panel.capacityChart()->plot();
        plot->replot(QCustomPlot::rpImmediateRefresh);
        const auto legendHeight = [plot] { return plot->legend->outerRect().height(); };
        // Two thirds of the height at least stay for the data.
        QVERIFY2(legendHeight() * 3 <= plot->height(),
                 qPrintable(
                     QStringLiteral("legend %1 px of %2").arg(legendHeight()).arg(plot->height())));
        const auto hasKey = [plot](const QString& name) {
            for (int i = 0; i < plot->legend->itemCount(); ++i)
                if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i)))
                    if (item->plottable()->name() == name) return true;
            return false;
        };
        QVERIFY(!hasKey(QString::fromStdString(toString(ErrorReason::Shed))));
        auto shed = test::sampleWindows(SampleKind::Stateful, 30, 5);
        shed.back().errors[static_cast<std::size_t>(ErrorReason::Shed)] = 3;
        panel.appendWindows(2, shed);
        QVERIFY(hasKey(QString::fromStdString(toString(ErrorReason::Shed))));
        setChartLook(ChartLook::light());
    }

    void testEntriesNeverOverlap_data() {
        QTest::addColumn<int>("width");
        for (int width : {480, 640, 900, 1400}) QTest::addRow("%d px", width) << width;
    }

    void testEntriesNeverOverlap() {
        QFETCH(int, width);
        ChartsPanel panel;
        panel.addScenario(1, "Auth API on Cloudflare Workers", QColor(0, 114, 178));
        panel.addScenario(2, "Auth API on Go servers", QColor(213, 94, 0));
        panel.appendWindows(1, test::sampleWindows(SampleKind::Serverless, 0, 30));
        panel.appendWindows(2, test::sampleWindows(SampleKind::Stateful, 0, 30));
        panel.resize(width, 520);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        for (int tab = 0; tab < panel.count(); ++tab) {
            panel.setCurrentIndex(tab);
            QCustomPlot* plot = panel.charts()[static_cast<std::size_t>(tab)]->plot();
            if (!plot || !plot->legend->visible()) continue;
            plot->replot(QCustomPlot::rpImmediateRefresh);
            QCPLegend* legend = plot->legend;
            std::vector<std::pair<QRect, QString>> items;
            for (int i = 0; i < legend->itemCount(); ++i) {
                auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
                if (!item) continue;
                items.push_back({item->outerRect(), item->plottable()->name()});
                // A squeezed cell still draws its whole text, over the next one.
                QVERIFY2(
                    item->outerRect().width() >= legend->item(i)->minimumOuterSizeHint().width(),
                    qPrintable(QStringLiteral("tab %1: \"%2\" is squeezed to %3 of %4 px")
                                   .arg(tab)
                                   .arg(item->plottable()->name())
                                   .arg(item->outerRect().width())
                                   .arg(legend->item(i)->minimumOuterSizeHint().width())));
            }
            QVERIFY(items.size() >= 2);
            for (std::size_t i = 0; i < items.size(); ++i)
                for (std::size_t j = i + 1; j < items.size(); ++j)
                    QVERIFY2(!items[i].first.intersects(items[j].first),
                             qPrintable(QStringLiteral("tab %1: \"%2\" runs into \"%3\"")
                                            .arg(tab)
                                            .arg(items[i].second, items[j].second)));
        }
    }
};

QTEST_MAIN(TestChartLegend)
#include "tst_chartlegend.moc"
