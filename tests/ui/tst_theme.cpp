// SPDX-License-Identifier: GPL-3.0-or-later
// View > Theme: Dark puts a dark palette on the application and a dark look on every chart
// (background, axes, text, legend) and on the diagram; Light undoes it; System follows the
// system palette, dark or light; the choice is kept; scenario colours stay apart and readable on
// the dark background.

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "ui/appsettings.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/chartstyle.h"
#include "ui/charts/percentilechart.h"
#include "ui/mainwindow.h"
#include "ui/theme.h"
#include "ui/thememenu.h"
#include "ui/topology/diagramstyle.h"
#include "ui/topology/topologyview.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

// WCAG relative luminance and contrast ratio.
double luminance(const QColor& c) {
    const auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

/// The colour the plot paints in its top-left corner (its background).
QColor backgroundOf(QCustomPlot* plot) {
    return plot->toPixmap(200, 150).toImage().pixelColor(2, 2);
}

QPalette paletteWithWindow(const QColor& window, const QColor& text) {
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, window.darker(110));
    palette.setColor(QPalette::Text, text);
    return palette;
}

}  // namespace

class TestTheme : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_theme"));
        QVERIFY(m_autosave.isValid());
        m_system = systemPalette();
    }

    void init() {
        QSettings().clear();
        setSystemPalette(m_system);
    }

    void testDarkReachesTheChartsAndTheDiagram() {
        MainWindow window(m_autosave.path());
        window.resize(1000, 700);
        window.show();
        QCustomPlot* plot = window.chartsPanel()->percentileChart()->plot();
        QVERIFY(backgroundOf(plot).lightness() > 200);
        window.setTheme(Theme::Dark);
        QVERIFY(isDarkPalette(QApplication::palette()));
        QVERIFY2(backgroundOf(plot).lightness() < 60, qPrintable(backgroundOf(plot).name()));
        QVERIFY(plot->xAxis->basePen().color().lightness() > 180);
        QVERIFY(plot->yAxis->tickLabelColor().lightness() > 180);
        QVERIFY(plot->yAxis->labelColor().lightness() > 180);
        QVERIFY(plot->legend->textColor().lightness() > 180);
        QVERIFY(plot->legend->brush().color().lightness() < 60);
        QVERIFY(plot->xAxis->grid()->pen().color().lightness() < 128);
        QVERIFY(diagramStyle().dark);
        QVERIFY(window.topologyView()->view()->backgroundBrush().color().lightness() < 60);
        // Back to light.
        window.setTheme(Theme::Light);
        QVERIFY(!isDarkPalette(QApplication::palette()));
        QVERIFY(backgroundOf(plot).lightness() > 200);
        QVERIFY(plot->xAxis->basePen().color().lightness() < 80);
        QVERIFY(!diagramStyle().dark);
    }

    void testSystemFollowsTheSystemPalette() {
        MainWindow window(m_autosave.path());
        QCustomPlot* plot = window.chartsPanel()->percentileChart()->plot();
        const QPalette dark = paletteWithWindow(QColor(0x24, 0x24, 0x24), Qt::white);
        setSystemPalette(dark);
        window.setTheme(Theme::System);
        QVERIFY(themeIsDark(Theme::System));
        QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(0x24, 0x24, 0x24));
        QVERIFY(backgroundOf(plot).lightness() < 60);
        QVERIFY(plot->xAxis->tickLabelColor().lightness() > 180);
        setSystemPalette(paletteWithWindow(QColor(0xee, 0xee, 0xee), Qt::black));
        window.setTheme(Theme::System);
        QVERIFY(!themeIsDark(Theme::System));
        QVERIFY(backgroundOf(plot).lightness() > 200);
        window.setTheme(Theme::Light);
    }

    void testTheChoiceIsKept() {
        {
            MainWindow window(m_autosave.path());
            auto* menu = window.findChild<ThemeMenu*>(QStringLiteral("themeMenu"));
            QVERIFY(menu);
            QAction* dark = menu->findChild<QAction*>(QStringLiteral("theme:dark"));
            if (!dark)
                for (QAction* action : menu->actions())
                    if (action->objectName() == QLatin1String("theme:dark")) dark = action;
            QVERIFY(dark);
            dark->trigger();
            QCOMPARE(window.theme(), Theme::Dark);
            QCOMPARE(AppSettings::theme(), Theme::Dark);
            QVERIFY(chartLook().dark);
        }
        MainWindow again(m_autosave.path());
        QCOMPARE(again.theme(), Theme::Dark);
        QVERIFY(isDarkPalette(QApplication::palette()));
        again.setTheme(Theme::Light);
        QCOMPARE(themeFromKey(QStringLiteral("nonsense")), Theme::System);
    }

    void testScenarioColoursStayApartOnDark_data() {
        QTest::addColumn<int>("palette");
        QTest::addRow("Okabe-Ito") << static_cast<int>(ScenarioPalette::OkabeIto);
        QTest::addRow("high contrast") << static_cast<int>(ScenarioPalette::HighContrast);
    }

    void testScenarioColoursStayApartOnDark() {
        QFETCH(int, palette);
        setScenarioPalette(static_cast<ScenarioPalette>(palette));
        setChartLook(ChartLook::darkLook());
        const QColor background = chartLook().background;
        for (int i = 0; i < kScenarioColourCount; ++i) {
            const QColor colour = scenarioColour(i);
            QVERIFY2(contrast(colour, background) >= 3,
                     qPrintable(QStringLiteral("%1: %2").arg(i).arg(colour.name())));
            for (int j = 0; j < i; ++j) QVERIFY(scenarioColour(j) != colour);
        }
        setChartLook(ChartLook::light());
        setScenarioPalette(ScenarioPalette::OkabeIto);
    }

private:
    QTemporaryDir m_autosave;
    QPalette m_system;
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
