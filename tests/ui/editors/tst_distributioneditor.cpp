// SPDX-License-Identifier: GPL-3.0-or-later
// The distribution editor: percentiles in, the right distribution out; invalid parameters refused
// with the engine's message; family switches stay near the old distribution; the preview is drawn.

#include <qcustomplot.h>

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include "ui/editors/distributioneditor.h"
#include "ui/editors/numberfield.h"

using namespace archsim;
using namespace archsim::ui;

class TestDistributionEditor : public QObject {
    Q_OBJECT
private slots:
    void testShowsPercentileForm();
    void testEditingMedianChangesDistribution();
    void testInvalidParameterIsRefused();
    void testFamilySwitchKeepsMedian_data();
    void testFamilySwitchKeepsMedian();
    void testEmpiricalTable();
    void testPreviewMarksP50AndP99();
    void testNumberFieldParse();
};

void TestDistributionEditor::testShowsPercentileForm() {
    DistributionEditor editor;
    editor.setDistribution(makeLognormalFromMedianP99(30, 120));
    QCOMPARE(editor.familyBox()->currentText(), QStringLiteral("lognormal"));
    auto* median = editor.findChild<QLineEdit*>(QStringLiteral("median"));
    auto* p99 = editor.findChild<QLineEdit*>(QStringLiteral("p99"));
    QVERIFY(median && p99);
    QCOMPARE(median->text(), QStringLiteral("30"));
    QCOMPARE(p99->text(), QStringLiteral("120"));
    QVERIFY(median->isEnabled());
}

void TestDistributionEditor::testEditingMedianChangesDistribution() {
    DistributionEditor editor;
    editor.setDistribution(makeLognormalFromMedianP99(30, 120));
    QSignalSpy changed(&editor, &DistributionEditor::distributionChanged);
    QVERIFY(editor.setParameterText(QStringLiteral("median"), QStringLiteral("20")));
    QCOMPARE(changed.count(), 1);
    QVERIFY(editor.errorText().isEmpty());
    QCOMPARE(*editor.distribution()->quantile(0.5), 20.0);
    QVERIFY(std::abs(*editor.distribution()->quantile(0.99) - 120.0) < 1e-6);
}

void TestDistributionEditor::testInvalidParameterIsRefused() {
    DistributionEditor editor;
    editor.setDistribution(makeExponential(10));
    const DistributionPtr before = editor.distribution();
    QSignalSpy changed(&editor, &DistributionEditor::distributionChanged);
    QVERIFY(editor.setParameterText(QStringLiteral("mean"), QStringLiteral("-3")));
    QVERIFY(!editor.errorText().isEmpty());
    QCOMPARE(editor.distribution(), before);
    QVERIFY(editor.setParameterText(QStringLiteral("mean"), QStringLiteral("ten")));
    QVERIFY(editor.errorText().contains(QStringLiteral("not a number")));
    QCOMPARE(changed.count(), 0);
}

void TestDistributionEditor::testFamilySwitchKeepsMedian_data() {
    QTest::addColumn<QString>("family");
    for (const char* family : {"constant", "uniform", "normal", "lognormal", "gamma", "weibull",
                               "pareto", "empirical", "shift", "mixture", "exponential"})
        QTest::newRow(family) << QString::fromLatin1(family);
}

void TestDistributionEditor::testFamilySwitchKeepsMedian() {
    QFETCH(QString, family);
    DistributionEditor editor;
    editor.setDistribution(makeLognormalFromMedianP99(40, 200));
    editor.familyBox()->setCurrentText(family);
    QVERIFY2(editor.errorText().isEmpty(), qPrintable(editor.errorText()));
    QCOMPARE(QString::fromStdString(editor.distribution()->toJson()["type"].get<std::string>()),
             family);
    // Close to the old median where the family can say so (exponential keeps the mean instead).
    if (family != QLatin1String("exponential") && family != QLatin1String("shift") &&
        family != QLatin1String("mixture")) {
        RandomEngine engine(1);
        std::vector<double> draws(4001);
        for (double& draw : draws) draw = editor.distribution()->sample(engine);
        std::sort(draws.begin(), draws.end());
        const double median = draws[2000];
        QVERIFY2(median > 20 && median < 80, qPrintable(QString::number(median)));
    }
}

void TestDistributionEditor::testEmpiricalTable() {
    DistributionEditor editor;
    editor.setDistribution(makeEmpirical({{0, 1}, {0.5, 5}, {0.99, 50}, {1, 60}}));
    auto* table = editor.findChild<QTableWidget*>();
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 4);
    QCOMPARE(table->item(2, 0)->text(), QStringLiteral("99"));
    table->item(1, 1)->setText(QStringLiteral("8"));
    QVERIFY(editor.errorText().isEmpty());
    QCOMPARE(*editor.distribution()->quantile(0.5), 8.0);
    // Values must not fall: refused, the previous distribution stays.
    table->item(1, 1)->setText(QStringLiteral("100"));
    QVERIFY(!editor.errorText().isEmpty());
    QCOMPARE(*editor.distribution()->quantile(0.5), 8.0);
}

void TestDistributionEditor::testPreviewMarksP50AndP99() {
    DistributionEditor editor;
    editor.setDistribution(makeLognormalFromMedianP99(10, 100));
    QCustomPlot* plot = editor.preview();
    QVERIFY(plot->graph(0)->dataCount() > 100);
    QCOMPARE(plot->itemCount(), 4);  // two lines, two labels
    bool p99 = false;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)))
            p99 = p99 || text->text().contains(QStringLiteral("p99 100"));
    QVERIFY(p99);
}

void TestDistributionEditor::testNumberFieldParse() {
    NumberField field(NumberSpec::make(0, 100, false, true, false, QStringLiteral("ms"), {}));
    QString error;
    QCOMPARE(field.parse(QStringLiteral("42"), &error), std::optional<double>(42));
    QVERIFY(!field.parse(QStringLiteral("0"), &error));
    QVERIFY(error.contains(QStringLiteral("more than 0")));
    QVERIFY(!field.parse(QStringLiteral("2.5"), &error));
    QVERIFY(error.contains(QStringLiteral("whole")));
    QVERIFY(!field.parse(QStringLiteral("101"), &error));
    QVERIFY(!field.parse(QString(), &error));
    NumberField optional(NumberSpec::make(0, 1, true, false, true, {}, {}, QStringLiteral("none")));
    error.clear();
    QVERIFY(!optional.parse(QString(), &error));
    QVERIFY(error.isEmpty());
}

QTEST_MAIN(TestDistributionEditor)
#include "tst_distributioneditor.moc"
