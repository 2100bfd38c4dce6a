// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import > Azure Functions Trace: a missing field is named before anything is read, a bad
// selection is reported from the worker with every field kept, and a good one opens as a new
// unsaved document holding the scenario `archsim-cli azure` writes.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "sim/scenario/scenariojson.h"
#include "ui/document/scenariodocument.h"
#include "ui/import/azureimportdialog.h"
#include "ui/mainwindow.h"

using namespace archsim;
using namespace archsim::ui;

namespace {

const QString kData = QStringLiteral(ARCHSIM_TEST_DATA_DIR "/azure/");
const QString kInvocations = kData + QStringLiteral("invocations_per_function_md.anon.d01.csv");
const QString kDurations = kData + QStringLiteral("function_durations_percentiles.anon.d01.csv");

void chooseLevel(AzureImportDialog& dialog, AzureSelection::Level level) {
    dialog.levelBox()->setCurrentIndex(dialog.levelBox()->findData(int(level)));
}

/// Clicks Import and waits for the worker's answer.
bool importAndWait(AzureImportDialog& dialog) {
    QSignalSpy finished(&dialog, &AzureImportDialog::importFinished);
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    if (!dialog.busy() && finished.isEmpty()) return false;  // refused before reading
    if (finished.isEmpty() && !finished.wait(10000)) return false;
    return finished.first().at(0).toBool();
}

}  // namespace

class TestAzureImportDialog : public QObject {
    Q_OBJECT
private slots:
    void init() { QStandardPaths::setTestModeEnabled(true); }

    void testMissingFieldsAreNamedBeforeReading() {
        AzureImportDialog dialog;
        QVERIFY(!importAndWait(dialog));
        QVERIFY(!dialog.busy());
        QVERIFY2(dialog.statusLabel()->text().startsWith(QStringLiteral("Invocations:")),
                 qPrintable(dialog.statusLabel()->text()));
        dialog.invocationsEdit()->setText(kInvocations);
        QVERIFY(!importAndWait(dialog));
        QVERIFY(dialog.statusLabel()->text().startsWith(QStringLiteral("Durations:")));
        dialog.durationsEdit()->setText(kDurations);
        chooseLevel(dialog, AzureSelection::Level::Function);
        QVERIFY(dialog.hashEdit()->isEnabled());
        QVERIFY(!importAndWait(dialog));
        QCOMPARE(dialog.statusLabel()->text(),
                 QStringLiteral("Hash: give the function's hash (or its first 6 or more "
                                "characters), or replay every function."));
        chooseLevel(dialog, AzureSelection::Level::All);
        QVERIFY(!dialog.hashEdit()->isEnabled());
        QVERIFY(!dialog.scenario());
    }

    void testReaderErrorsKeepTheFields() {
        AzureImportDialog dialog;
        dialog.invocationsEdit()->setText(kInvocations);
        dialog.durationsEdit()->setText(kDurations);
        chooseLevel(dialog, AzureSelection::Level::Function);
        dialog.hashEdit()->setText(QStringLiteral("3fa85f"));  // the prefix of two functions
        QVERIFY(!importAndWait(dialog));
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("starts 2 function hashes")),
                 qPrintable(dialog.statusLabel()->text()));
        QCOMPARE(dialog.hashEdit()->text(), QStringLiteral("3fa85f"));
        QCOMPARE(dialog.invocationsEdit()->text(), kInvocations);
        QVERIFY(dialog.hashEdit()->isEnabled());
        QVERIFY(dialog.importButton()->isEnabled());
        QVERIFY(!dialog.scenario());

        dialog.invocationsEdit()->setText(kData + QStringLiteral("missing.csv"));
        QVERIFY(!importAndWait(dialog));
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("missing.csv")),
                 qPrintable(dialog.statusLabel()->text()));
    }

    void testImportGivesTheCliScenario() {
        AzureImportDialog dialog;
        dialog.invocationsEdit()->setText(kInvocations);
        dialog.durationsEdit()->setText(kDurations);
        chooseLevel(dialog, AzureSelection::Level::Function);
        dialog.hashEdit()->setText(QStringLiteral("73751f"));
        dialog.firstMinuteBox()->setValue(2);
        dialog.minutesBox()->setValue(3);
        QVERIFY(importAndWait(dialog));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.scenario());

        QString error;
        const auto request = dialog.request(error);
        QVERIFY(request);
        QCOMPARE(request->firstMinute, 2);
        QCOMPARE(request->minutes, 3);
        std::string readError;
        const auto trace = readAzureTrace(*request, readError);
        QVERIFY2(trace, readError.c_str());
        QCOMPARE(scenarioToText(*dialog.scenario()),
                 scenarioToText(azureFunctionsScenario(*trace, *request)));
        QCOMPARE(dialog.scenario()->workload.type, WorkloadType::Schedule);
    }

    void testWindowOpensTheImportAsAnUnsavedDocument() {
        QTemporaryDir autosave;
        MainWindow window(autosave.path());
        const std::size_t before = window.documents().size();
        auto* action = window.findChild<QAction*>(QStringLiteral("importAzureAction"));
        QVERIFY(action);
        action->trigger();
        auto* dialog = window.findChild<AzureImportDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->invocationsEdit()->setText(kInvocations);
        dialog->durationsEdit()->setText(kDurations);
        QVERIFY(importAndWait(*dialog));
        QCOMPARE(window.documents().size(), before + 1);
        ScenarioDocument* imported = window.documents().back();
        QVERIFY(imported->isModified());
        QVERIFY(imported->filePath().isEmpty());
        QCOMPARE(imported->scenario().workload.type, WorkloadType::Schedule);
    }
};

QTEST_MAIN(TestAzureImportDialog)
#include "tst_azureimportdialog.moc"
