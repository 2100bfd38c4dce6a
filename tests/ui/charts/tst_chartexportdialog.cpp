// SPDX-License-Identifier: GPL-3.0-or-later
// Export Chart… as a user meets it, for every tab: the dialog starts in the folder of the last
// export with a file name made of the scenario names and the chart's title, a PNG has the scale
// and size chosen, SVG and PDF stay vector, and every export, the summary table's too, carries a
// caption with the scenarios, seed, duration, window, replications, date and version.

#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/charts/chartexportdialog.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/chartwidget.h"
#include "ui/charts/sampledata.h"
#include "ui/charts/summarytable.h"

using namespace archsim;
using namespace archsim::ui;
using archsim::test::SampleKind;

namespace {

void feed(ChartsPanel& panel) {
    panel.addScenario(1, "Lambda API", QColor(230, 120, 30));
    panel.addScenario(2, "ECS service", QColor(40, 110, 190));
    panel.setSloMs(25);
    panel.appendWindows(1, test::sampleWindows(SampleKind::Serverless, 0, 60));
    panel.appendWindows(2, test::sampleWindows(SampleKind::Stateful, 0, 60));
    panel.setHistogram(1, test::sampleHistogram(SampleKind::Serverless, 4000));
    panel.setHistogram(2, test::sampleHistogram(SampleKind::Stateful, 4000));
    RunResult a = test::sampleResult(SampleKind::Serverless, 60);
    RunResult b = test::sampleResult(SampleKind::Stateful, 60);
    a.seed = b.seed = 4242;
    panel.setResult(1, a);
    panel.setResult(2, b);
    panel.setCostCurve(1, test::sampleCostCurve(SampleKind::Serverless));
    panel.setCostCurve(2, test::sampleCostCurve(SampleKind::Stateful));
}

}  // namespace

class TestChartExportDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_chartexportdialog"));
        QSettings().clear();
    }

    void testEveryChart_data() {
        QTest::addColumn<int>("tab");
        const int tabs = static_cast<int>(ChartsPanel().charts().size());
        QVERIFY(tabs >= 8);
        for (int tab = 0; tab < tabs; ++tab) QTest::addRow("tab%d", tab) << tab;
    }

    void testEveryChart() {
        QFETCH(int, tab);
        ChartsPanel panel;
        panel.resize(1000, 700);
        feed(panel);
        ChartWidget* chart = panel.charts()[static_cast<std::size_t>(tab)];
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings().setValue(QLatin1String(ChartExportDialog::kDirectoryKey), dir.path());

        ChartExportDialog dialog(chart);
        // Starts in the last folder, named after the scenarios and the chart.
        const QFileInfo proposed(dialog.path());
        QCOMPARE(proposed.absolutePath(), QDir(dir.path()).absolutePath());
        QCOMPARE(proposed.fileName(), chart->suggestedFileName(QStringLiteral("png")));
        QVERIFY2(proposed.fileName().startsWith(QStringLiteral("lambda-api-ecs-service-")),
                 qPrintable(proposed.fileName()));
        const QString firstWord = chart->windowTitle().toLower().section(
            QRegularExpression(QStringLiteral("[^a-z0-9]+")), 0, 0);
        QVERIFY2(!firstWord.isEmpty() && proposed.fileName().contains(firstWord),
                 qPrintable(proposed.fileName() + " / " + chart->windowTitle()));
        QCOMPARE(dialog.scale(), 2);
        QCOMPARE(dialog.scaleBox()->count(), 3);

        // The caption names what the picture shows.
        const QString caption = dialog.captionText();
        for (const char* part : {"Lambda API vs ECS service", "seed 4242", "60 s simulated",
                                 "1 s windows", "1 replication", "SLO 25 ms", "archsim "})
            QVERIFY2(caption.contains(QLatin1String(part)), qPrintable(caption));
        QVERIFY2(caption.contains(QDate::currentDate().toString(Qt::ISODate)), qPrintable(caption));

        // PNG at 3x of 800 x 500.
        dialog.setScale(3);
        dialog.setExportSize(QSize(800, 500));
        QString error;
        QVERIFY2(dialog.exportChart(&error), qPrintable(error));
        const QImage image(dialog.path());
        QCOMPARE(image.size(), QSize(2400, 1500));

        // Choosing SVG changes the suffix and disables the scale: a vector has no pixels.
        dialog.formatBox()->setCurrentIndex(1);
        emit dialog.formatBox()->activated(1);
        QVERIFY(dialog.path().endsWith(QStringLiteral(".svg")));
        QVERIFY(!dialog.scaleBox()->isEnabled());
        dialog.setCaptionText(QStringLiteral("Design review, option B"));
        QVERIFY2(dialog.exportChart(&error), qPrintable(error));
        QFile svg(dialog.path());
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY2(text.contains("Design review, option B"), "the caption is in the SVG");
        // The edited caption was for that export only.
        QCOMPARE(chart->caption(), caption);
        if (qobject_cast<SummaryTable*>(chart))
            QVERIFY2(text.contains("Summary"), "the table export has a title line");

        dialog.setPath(dir.filePath(QStringLiteral("chart.pdf")));
        QCOMPARE(dialog.formatBox()->currentIndex(), 2);
        QVERIFY2(dialog.exportChart(&error), qPrintable(error));
        QFile pdf(dialog.path());
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");

        // The folder is remembered for the next export.
        QTemporaryDir other;
        dialog.setPath(other.filePath(QStringLiteral("again.png")));
        QVERIFY2(dialog.exportChart(&error), qPrintable(error));
        ChartExportDialog next(chart);
        QCOMPARE(QFileInfo(next.path()).absolutePath(), QDir(other.path()).absolutePath());
    }

    void testSummaryExportHasItsRowsAndCaption() {
        ChartsPanel panel;
        panel.resize(1000, 700);
        feed(panel);
        SummaryTable* summary = panel.summaryTable();
        const QSize size = summary->defaultExportSize();
        QVERIFY(size.width() >= 200 + 180 * 3);
        QVERIFY(size.height() < ChartWidget::kExportHeight);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("summary.png"));
        QString error;
        QVERIFY2(summary->exportTo(path, &error, size.width(), size.height(), 2),
                 qPrintable(error));
        const QImage image(path);
        QCOMPARE(image.size(), size * 2);
        // The last rows hold the caption: some dark text pixels there, not only white.
        int dark = 0;
        for (int y = image.height() - 40; y < image.height(); ++y)
            for (int x = 0; x < image.width() / 2; ++x) dark += qGray(image.pixel(x, y)) < 160;
        QVERIFY2(dark > 50, "a caption line under the table");
    }

    void testUnknownFormatIsRefused() {
        ChartsPanel panel;
        feed(panel);
        ChartExportDialog dialog(panel.charts().front());
        QTemporaryDir dir;
        dialog.setPath(dir.filePath(QStringLiteral("chart.bmp")));
        QString error;
        QVERIFY(!dialog.exportChart(&error));
        QVERIFY2(error.contains(QStringLiteral("bmp")), qPrintable(error));
    }
};

QTEST_MAIN(TestChartExportDialog)
#include "tst_chartexportdialog.moc"
