// SPDX-License-Identifier: GPL-3.0-or-later
// archsim as a desktop citizen: Help opens the installed guide and scenario format (F1 the
// guide), found relative to the program; Keyboard Shortcuts lists every shortcut of the window;
// preferences (SLO, log axis, scenario colours, last folder) survive a restart.
#include <QAction>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include "ui/appsettings.h"
#include "ui/charts/chartstyle.h"
#include "ui/document/scenariodocument.h"
#include "ui/help/helpbrowser.h"
#include "ui/help/helpdocs.h"
#include "ui/help/shortcutsdialog.h"
#include "ui/mainwindow.h"

using namespace archsim::ui;

namespace {

QAction* findAction(QWidget* window, const QString& name) {
    return window->findChild<QAction*>(name);
}

QDoubleSpinBox* sloBox(QWidget* window) {
    for (auto* box : window->findChildren<QDoubleSpinBox*>())
        if (box->accessibleName() == QLatin1String("Latency objective (SLO)")) return box;
    return nullptr;
}

QCheckBox* logBox(QWidget* window) {
    for (auto* box : window->findChildren<QCheckBox*>())
        if (box->text() == QLatin1String("Logarithmic latency axis")) return box;
    return nullptr;
}

}  // namespace

class TestDesktop : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // Settings go to a folder of the test's own, never the user's.
        QVERIFY(m_settings.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_desktop"));
        QSettings().clear();
    }

    void testDocsAreFoundRelativeToTheProgram() {
        QTemporaryDir prefix;
        QVERIFY(QDir(prefix.path()).mkpath("bin"));
        QVERIFY(QDir(prefix.path()).mkpath("share/doc/archsim"));
        QFile guide(prefix.filePath("share/doc/archsim/user-guide.md"));
        QVERIFY(guide.open(QIODevice::WriteOnly));
        guide.write("# Guide\n");
        guide.close();
        QCOMPARE(docsDirectoryFor(prefix.filePath("bin")), prefix.filePath("share/doc/archsim"));
        // From this build tree, the sources' docs/.
        QCOMPARE(
            QFileInfo(docsDirectoryFor(QCoreApplication::applicationDirPath())).canonicalFilePath(),
            QFileInfo(QStringLiteral(ARCHSIM_SOURCE_DIR "/docs")).canonicalFilePath());
    }

    void testHelpOpensTheGuideAndTheFormat() {
        QTemporaryDir autosave;
        MainWindow window(autosave.path());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction* guide = findAction(&window, QStringLiteral("userGuideAction"));
        QVERIFY(guide);
        QCOMPARE(guide->shortcut(), QKeySequence(QKeySequence::HelpContents));
        QCOMPARE(guide->shortcut(), QKeySequence(Qt::Key_F1));
        QTest::keyClick(&window, Qt::Key_F1);
        auto* help = window.findChild<HelpBrowser*>();
        QVERIFY(help);
        QTRY_VERIFY(help->isVisible());
        QVERIFY2(help->browser()->toPlainText().contains("The properties editor"),
                 qPrintable(help->browser()->toPlainText().left(200)));
        findAction(&window, QStringLiteral("scenarioFormatAction"))->trigger();
        QCOMPARE(window.findChildren<HelpBrowser*>().size(), 1);  // the same window, new page
        QVERIFY(help->browser()->toPlainText().contains("Canonical form"));
        QVERIFY(help->browser()->source().toLocalFile().endsWith("scenario-format.md"));
    }

    void testShortcutsDialogListsEveryShortcut() {
        QTemporaryDir autosave;
        MainWindow window(autosave.path());
        ShortcutsDialog dialog(&window);
        QStringList rows;
        for (int row = 0; row < dialog.table()->rowCount(); ++row)
            rows << dialog.table()->item(row, 1)->text() + " = " +
                        dialog.table()->item(row, 2)->text();
        int withKeys = 0;
        for (QAction* action : window.findChildren<QAction*>()) {
            if (action->shortcuts().isEmpty()) continue;
            ++withKeys;
            const QString keys = action->shortcuts().first().toString(QKeySequence::NativeText);
            QString text = action->text();
            text.remove('&').remove(QStringLiteral("…"));
            const bool listed = std::any_of(rows.begin(), rows.end(), [&](const QString& row) {
                return row.startsWith(text.trimmed() + " = ") && row.contains(keys);
            });
            QVERIFY2(listed, qPrintable(text + " (" + keys + ") not in:\n" + rows.join('\n')));
        }
        QVERIFY(withKeys >= 12);
        QVERIFY(rows.contains("User Guide = F1"));
        QVERIFY(std::any_of(rows.begin(), rows.end(),
                            [](const QString& row) { return row.endsWith(" = C"); }));
    }

    void testPreferencesSurviveARestart() {
        QTemporaryDir autosave;
        QTemporaryDir folder;
        {
            MainWindow window(autosave.path());
            QVERIFY(sloBox(&window) && logBox(&window));
            QCOMPARE(sloBox(&window)->value(), AppSettings::kDefaultSloMs);
            QVERIFY(!logBox(&window)->isChecked());
            sloBox(&window)->setValue(42.5);
            logBox(&window)->setChecked(true);
            auto* palette = window.findChild<QMenu*>(QStringLiteral("paletteMenu"));
            QVERIFY(palette);
            palette->actions().at(1)->trigger();  // high contrast
            AppSettings::setLastDirectory(folder.path());
        }
        // What a restart sees: the file on disk, read afresh.
        QSettings().sync();
        QVERIFY(QFile::exists(QSettings().fileName()));
        QVERIFY(QSettings().fileName().startsWith(m_settings.path()));
        setScenarioPalette(ScenarioPalette::OkabeIto);
        MainWindow window(autosave.path());
        QCOMPARE(sloBox(&window)->value(), 42.5);
        QVERIFY(logBox(&window)->isChecked());
        QCOMPARE(scenarioPalette(), ScenarioPalette::HighContrast);
        QVERIFY(
            window.findChild<QMenu*>(QStringLiteral("paletteMenu"))->actions().at(1)->isChecked());
        ScenarioDocument* document = window.openPreset(MainWindow::presetPaths().value(0));
        QVERIFY(document);
        QCOMPARE(document->color(), scenarioColour(document->key() - 1));
        QCOMPARE(AppSettings::lastDirectory(), folder.path());
        setScenarioPalette(ScenarioPalette::OkabeIto);
        QSettings().clear();
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
