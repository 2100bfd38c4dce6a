// SPDX-License-Identifier: GPL-3.0-or-later
// The Presets menu: each preset by its scenario name with its one-line summary, every bundled
// preset offered, the comparison pairs opening both presets ticked; and the "About this scenario"
// panel showing the current scenario's full description with links to its comparisons.

#include <QAction>
#include <QMenu>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/document/scenariodocument.h"
#include "ui/mainwindow.h"
#include "ui/presets/presetcatalog.h"
#include "ui/presets/scenarioabout.h"

using namespace archsim;
using namespace archsim::ui;

class TestPresetMenu : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void testCatalogListsEveryPreset();
    void testItemsShowTitleAndSummary();
    void testComparisonOpensBothTicked();
    void testAboutShowsTheDescription();

private:
    QTemporaryDir m_autosave;
};

void TestPresetMenu::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("archsim-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_presetmenu"));
    QSettings().clear();
    QVERIFY(m_autosave.isValid());
}

void TestPresetMenu::testCatalogListsEveryPreset() {
    MainWindow window(m_autosave.path());  // registers the resources
    const PresetCatalog catalog = PresetCatalog::bundled();
    QVERIFY2(catalog.problems.isEmpty(), qPrintable(catalog.problems.join('\n')));
    for (const QString& path : MainWindow::presetPaths()) {
        const PresetEntry* entry = catalog.find(path);
        QVERIFY2(entry, qPrintable(path));
        // Every bundled preset has its summary: none falls into "Other" unexplained.
        QVERIFY2(!entry->summary.isEmpty(), qPrintable(path));
        QVERIFY2(entry->summary.size() <= 90, qPrintable(entry->summary));
    }
    QVERIFY(catalog.comparisons.size() >= 6);
}

void TestPresetMenu::testItemsShowTitleAndSummary() {
    MainWindow window(m_autosave.path());
    QMenu* menu = window.presetMenu();
    QVERIFY(menu);
    QVERIFY(menu->toolTipsVisible());
    auto* workers = menu->findChild<QAction*>(QStringLiteral("preset:auth-api-workers.json"));
    QVERIFY(workers);
    QCOMPARE(workers->text(), QStringLiteral("Auth API on Cloudflare Workers"));
    QVERIFY2(workers->toolTip().contains(QStringLiteral("Cache API")),
             qPrintable(workers->toolTip()));
    QCOMPARE(workers->statusTip(), workers->toolTip());
    QStringList sections;
    for (QAction* action : menu->actions())
        if (action->isSeparator() && !action->text().isEmpty()) sections << action->text();
    QVERIFY2(sections.contains(QStringLiteral("Compare")), qPrintable(sections.join(',')));
    workers->trigger();
    QCOMPARE(window.documents().size(), std::size_t{1});
    QCOMPARE(window.currentDocument()->presetSource(),
             QStringLiteral(":/presets/auth-api-workers.json"));
}

void TestPresetMenu::testComparisonOpensBothTicked() {
    MainWindow window(m_autosave.path());
    ScenarioDocument* earlier = window.openPreset(QStringLiteral("mmc-queue.json"));
    earlier->setCompared(true);
    auto* pair =
        window.presetMenu()->findChild<QAction*>(QStringLiteral("compare:auth-api-workers.json"));
    QVERIFY(pair);
    QCOMPARE(pair->text(), QStringLiteral("Auth API: Workers vs Go servers"));
    pair->trigger();
    QCOMPARE(window.documents().size(), std::size_t{3});
    const auto run = window.documentsToRun();
    QCOMPARE(run.size(), std::size_t{2});
    QCOMPARE(run[0]->presetSource(), QStringLiteral(":/presets/auth-api-workers.json"));
    QCOMPARE(run[1]->presetSource(), QStringLiteral(":/presets/auth-api-servers.json"));
    QVERIFY(run[0]->isCompared() && run[1]->isCompared());
    QVERIFY(!earlier->isCompared());
    QCOMPARE(window.currentDocument(), run[0]);
    QVERIFY2(window.runTargetText().contains(QStringLiteral("compares")),
             qPrintable(window.runTargetText()));
}

void TestPresetMenu::testAboutShowsTheDescription() {
    MainWindow window(m_autosave.path());
    ScenarioAbout* about = window.scenarioAbout();
    QVERIFY(about);
    ScenarioDocument* document = window.openPreset(QStringLiteral("retry-storm.json"));
    const QString md = about->markdownText();
    QVERIFY(md.startsWith(QStringLiteral("## Retry storm: retries without a budget")));
    QVERIFY(md.contains(QString::fromStdString(document->scenario().description)));
    QVERIFY(md.contains(QStringLiteral("p99 under 100 ms")));
    QVERIFY2(md.contains(QStringLiteral("[Retry storm: no budget vs a 10% budget]")),
             qPrintable(md));
    // The link opens the pair.
    QSignalSpy compare(about, &ScenarioAbout::compareRequested);
    const int index = static_cast<int>(md.indexOf(QStringLiteral("archsim-compare:")));
    QVERIFY(index > 0);
    const QString url = md.mid(index).section(QLatin1Char(')'), 0, 0);
    emit about->anchorClicked(QUrl(url));
    QCOMPARE(compare.size(), 1);
    QCOMPARE(window.documentsToRun().size(), std::size_t{2});
    // A scenario of the user's, without a preset behind it.
    window.newScenario();
    QVERIFY(about->markdownText().startsWith(QStringLiteral("## Untitled")));
    QVERIFY(!about->markdownText().contains(QStringLiteral("archsim-compare")));
}

QTEST_MAIN(TestPresetMenu)
#include "tst_presetmenu.moc"
