// SPDX-License-Identifier: GPL-3.0-or-later
// Presenter mode on a 1024x768 projector: full screen, larger text, the projector palette and a
// clock; every visible label, button, check box, tab and legend entry has the room its text
// needs and lies inside the window; the diagram's text is at least 12 px on screen. The keyboard
// alone drives it (Space, PageDown/PageUp, Right/Left, F11, Escape), and leaving restores the
// window exactly.

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollBar>
#include <QStandardPaths>
#include <QStyle>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QToolBar>
#include <QtTest>

#include "ui/appsettings.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/chartwidget.h"
#include "ui/lessons/lessonpanel.h"
#include "ui/mainwindow.h"
#include "ui/presentermode.h"
#include "ui/run/runcontroller.h"
#include "ui/topology/topologyview.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

void shorten(Scenario& s) {
    s.run.durationS = std::min(s.run.durationS, s.run.warmupS + 20);
    s.run.windowS = std::min(s.run.windowS, 5.0);
}

/// Why `widget` does not show its whole text, or "" when it does.
QString clipping(QWidget* widget, QWidget* window) {
    QString text;
    int needed = 0;
    int has = widget->width();
    if (auto* label = qobject_cast<QLabel*>(widget)) {
        text = label->text();
        if (text.isEmpty() || label->pixmap().cacheKey() != 0) return {};
        if (label->wordWrap()) {
            // Wrapped text needs its height instead.
            if (label->height() + 1 < label->heightForWidth(label->width()))
                return QStringLiteral("wrapped label \"%1\" is %2 px high of %3")
                    .arg(text)
                    .arg(label->height())
                    .arg(label->heightForWidth(label->width()));
        } else {
            QString plain = text;
            if (Qt::mightBeRichText(text)) {
                QTextDocument document;
                document.setHtml(text);
                plain = document.toPlainText();
            }
            for (const QString& line : plain.split(QLatin1Char('\n')))
                needed = std::max(needed, label->fontMetrics().horizontalAdvance(line));
            has = label->contentsRect().width() - 2 * label->margin() - label->indent() * 0;
        }
    } else if (auto* button = qobject_cast<QAbstractButton*>(widget)) {
        text = button->text();
        if (text.isEmpty()) return {};
        // The text, the icon or the check box's indicator, and a little room each side (a
        // style's minimum button width is not text that would be cut).
        needed = button->fontMetrics().horizontalAdvance(QString(text).remove(QLatin1Char('&')));
        if (!button->icon().isNull()) needed += button->iconSize().width() + 4;
        if (qobject_cast<QCheckBox*>(button) || qobject_cast<QRadioButton*>(button))
            needed += button->style()->pixelMetric(QStyle::PM_IndicatorWidth) + 4;
        needed += 6;
    } else {
        return {};
    }
    if (has < needed)
        return QStringLiteral("%1 \"%2\" is %3 px wide of %4")
            .arg(QString::fromLatin1(widget->metaObject()->className()), text)
            .arg(has)
            .arg(needed);
    // Cut off by something around it: the window, or a panel that does not scroll sideways.
    const QRect shown(widget->mapTo(window, QPoint(0, 0)), widget->size());
    for (QWidget* parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        if (auto* area = qobject_cast<QAbstractScrollArea*>(parent->parentWidget());
            area && area->viewport() == parent) {
            if (area->horizontalScrollBarPolicy() != Qt::ScrollBarAlwaysOff) break;
            const QRect viewport(parent->mapTo(window, QPoint(0, 0)), parent->size());
            if (shown.right() > viewport.right() + 1)
                return QStringLiteral("\"%1\" runs past the right edge of its panel").arg(text);
            break;
        }
        if (parent == window) break;
    }
    if (shown.left() < 0 || shown.right() > window->width())
        return QStringLiteral("\"%1\" lies outside the window (%2..%3)")
            .arg(text)
            .arg(shown.left())
            .arg(shown.right());
    return {};
}

}  // namespace

class TestPresenterMode : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void testScreenIsAProjector();
    void testNoTextIsClippedAt1024x768();
    void testKeyboardDrivesTheWorkshop();
    void testLeavingRestoresTheWindow();
    void testScaleIsKeptAndBounded();

private:
    QTemporaryDir m_autosave;
};

void TestPresenterMode::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_presentermode"));
    QVERIFY(m_autosave.isValid());
}

void TestPresenterMode::init() {
    QSettings().clear();
}

void TestPresenterMode::testScreenIsAProjector() {
    // main() below gives the offscreen platform a 1024x768 screen: the rest depends on it.
    QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), QSize(1024, 768));
}

void TestPresenterMode::testNoTextIsClippedAt1024x768() {
    MainWindow window(m_autosave.path());
    window.resize(900, 650);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    LessonPanel* lesson = window.lessonPanel();
    lesson->setScenarioAdjust(shorten);
    QVERIFY(lesson->startLesson(QStringLiteral("03-cold-starts")));
    window.showLessons();
    window.presenterMode()->setActive(true);
    QVERIFY(window.presenterMode()->isActive());
    QTRY_COMPARE(window.geometry().size(), QSize(1024, 768));
    QVERIFY(window.isFullScreen());
    QVERIFY(window.presenterMode()->bar()->isVisible());
    QVERIFY(window.presenterMode()->clock()->isVisible());
    QVERIFY(window.lessonDock()->isVisible());
    QVERIFY(window.topologyDock()->isVisible());
    QVERIFY(!window.menuBar()->isVisible());
    // The text is larger by the scale, and the clock larger still.
    QCOMPARE(window.font().pointSizeF(), QApplication::font().pointSizeF() * 1.5);
    QVERIFY(window.presenterMode()->clock()->font().pointSizeF() > window.font().pointSizeF());
    QVERIFY2(window.presenterMode()->clock()->fontMetrics().height() >= 30,
             "the clock reads from the back of the room");

    // With a run's results on the charts (labels and legend entries come with them).
    QSignalSpy finished(&window, &MainWindow::runsFinished);
    lesson->runStep();
    QVERIFY(finished.wait(120'000));
    QTest::qWait(100);

    QStringList problems;
    ChartsPanel* charts = window.chartsPanel();
    for (int tab = 0; tab < charts->count(); ++tab) {
        charts->setCurrentIndex(tab);
        QApplication::processEvents();
        for (QWidget* widget : window.findChildren<QWidget*>()) {
            if (!widget->isVisible() || widget->window() != &window) continue;
            const QString problem = clipping(widget, &window);
            if (!problem.isEmpty() && !problems.contains(problem)) problems << problem;
        }
        QTabBar* bar = charts->tabBar();
        for (int i = 0; i < bar->count(); ++i)
            if (bar->tabRect(i).width() < bar->fontMetrics().horizontalAdvance(bar->tabText(i)))
                problems << QStringLiteral("tab \"%1\" is cut short").arg(bar->tabText(i));
        QCustomPlot* plot = charts->charts()[static_cast<std::size_t>(tab)]->plot();
        if (!plot || !plot->legend || !plot->legend->visible()) continue;
        plot->replot(QCustomPlot::rpImmediateRefresh);
        QCPLegend* legend = plot->legend;
        for (int i = 0; i < legend->itemCount(); ++i) {
            QCPAbstractLegendItem* item = legend->item(i);
            if (!item) continue;
            if (item->outerRect().width() < item->minimumOuterSizeHint().width() ||
                !plot->rect().contains(item->outerRect()))
                problems
                    << QStringLiteral("%1: a legend entry is cut short").arg(bar->tabText(tab));
        }
        if (legend->outerRect().height() * 3 > plot->height())
            problems << QStringLiteral("%1: the legend takes %2 of %3 px")
                            .arg(bar->tabText(tab))
                            .arg(legend->outerRect().height())
                            .arg(plot->height());
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

    // The diagram's smallest text, as drawn on screen.
    QVERIFY2(window.topologyView()->smallestTextPixels() >= 12,
             qPrintable(QString::number(window.topologyView()->smallestTextPixels())));
    window.presenterMode()->setActive(false);
    QVERIFY(window.topologyView()->smallestTextPixels() < 12);  // the measure can fail
}

void TestPresenterMode::testKeyboardDrivesTheWorkshop() {
    MainWindow window(m_autosave.path());
    window.setGeometry(40, 40, 900, 640);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const QRect geometry = window.geometry();
    const QFont font = window.font();
    LessonPanel* lesson = window.lessonPanel();
    lesson->setScenarioAdjust(shorten);
    QVERIFY(lesson->startLesson(QStringLiteral("01-motivating-migration")));
    window.showLessons();

    QTest::keyClick(&window, Qt::Key_F11);
    QVERIFY(window.presenterMode()->isActive());
    QVERIFY(window.presenterMode()->toggleAction()->isChecked());
    QVERIFY(window.font() != font);
    QTRY_VERIFY(window.isActiveWindow());

    // Lesson steps: PageDown and Right forward, PageUp and Left back, wherever the focus is.
    window.topologyView()->view()->setFocus();
    QCOMPARE(lesson->stepIndex(), 0);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown);
    QCOMPARE(lesson->stepIndex(), 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
    QCOMPARE(lesson->stepIndex(), 2);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp);
    QCOMPARE(lesson->stepIndex(), 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left);
    QCOMPARE(lesson->stepIndex(), 0);

    // Space runs, pauses and resumes, also with a button focused (which Space would press).
    lesson->nextButton()->setFocus();
    QVERIFY(!window.isRunning());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(window.isRunning());
    QCOMPARE(lesson->stepIndex(), 0);  // the focused Next was not pressed
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(window.runController()->isPaused());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(!window.runController()->isPaused());
    window.stop();

    // F11 leaves, and the window is as it was.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F11);
    QTRY_VERIFY(!window.presenterMode()->isActive());
    QVERIFY(!window.presenterMode()->toggleAction()->isChecked());
    QTRY_COMPARE(window.geometry(), geometry);
    QCOMPARE(window.font(), font);
    QVERIFY(!window.isFullScreen());

    // Escape leaves too.
    window.presenterMode()->setActive(true);
    QTest::keyClick(&window, Qt::Key_Escape);
    QTRY_VERIFY(!window.presenterMode()->isActive());
    QTRY_COMPARE(window.geometry(), geometry);
}

void TestPresenterMode::testLeavingRestoresTheWindow() {
    MainWindow window(m_autosave.path());
    window.setGeometry(60, 50, 880, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openPreset(QStringLiteral("mmc-queue.json"));
    QApplication::processEvents();
    const QRect geometry = window.geometry();
    const QByteArray docks = window.saveState();
    const QPalette palette = window.palette();
    std::map<QString, bool> shown;
    for (QDockWidget* dock : window.findChildren<QDockWidget*>())
        shown[dock->objectName()] = dock->isVisible();
    QVERIFY(shown.at(QStringLiteral("propertiesDock")));

    window.presenterMode()->setActive(true);
    QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("propertiesDock"))->isVisible());
    QVERIFY(window.palette() != palette);
    QVERIFY(window.testAttribute(Qt::WA_SetFont));

    window.presenterMode()->setActive(false);
    QTRY_COMPARE(window.geometry(), geometry);
    QVERIFY(!window.testAttribute(Qt::WA_SetFont));
    QVERIFY(!window.testAttribute(Qt::WA_SetPalette));
    QCOMPARE(window.palette(), palette);
    QCOMPARE(window.font(), QApplication::font());
    QVERIFY(window.menuBar()->isVisible());
    QVERIFY(!window.presenterMode()->bar()->isVisible());
    for (QDockWidget* dock : window.findChildren<QDockWidget*>())
        QVERIFY2(dock->isVisible() == shown.at(dock->objectName()), qPrintable(dock->objectName()));
    QCOMPARE(window.saveState(), docks);
}

void TestPresenterMode::testScaleIsKeptAndBounded() {
    MainWindow window(m_autosave.path());
    window.show();
    PresenterMode* presenter = window.presenterMode();
    QCOMPARE(presenter->scale(), AppSettings::kDefaultPresenterScale);
    presenter->setActive(true);
    presenter->setScale(2);
    QCOMPARE(window.font().pointSizeF(), QApplication::font().pointSizeF() * 2);
    QCOMPARE(AppSettings::presenterScale(), 2.0);
    presenter->setScale(5);
    QCOMPARE(presenter->scale(), AppSettings::kPresenterScaleMax);
    presenter->setScale(1);
    QCOMPARE(presenter->scale(), AppSettings::kPresenterScaleMin);
    presenter->setActive(false);
    QCOMPARE(window.font(), QApplication::font());
}

int main(int argc, char* argv[]) {
    // A 1024x768 screen, as in a room with an older projector.
    QTemporaryDir config;
    const QString path = config.filePath(QStringLiteral("screens.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return 1;
    file.write(R"({"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1024,
                   "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + path.toLocal8Bit());
    QApplication app(argc, argv);
    TestPresenterMode test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_presentermode.moc"
