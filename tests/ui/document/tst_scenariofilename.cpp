// SPDX-License-Identifier: GPL-3.0-or-later
// Save As names scenarios after archsim's own MIME glob, so a saved file opens in archsim from a
// file manager; the suffix is the one resources/mime/archsim.xml declares.
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include "ui/document/scenariofilename.h"

using namespace archsim::ui;

class TestScenarioFileName : public QObject {
    Q_OBJECT
private slots:
    void testSuffixIsTheMimeGlob() {
        QFile mime(QStringLiteral(ARCHSIM_RESOURCES_DIR "/mime/archsim.xml"));
        QVERIFY(mime.open(QIODevice::ReadOnly));
        const auto match = QRegularExpression(QStringLiteral("<glob pattern=\"\\*([^\"]+)\""))
                               .match(QString::fromUtf8(mime.readAll()));
        QVERIFY(match.hasMatch());
        QCOMPARE(scenarioFileSuffix(), match.captured(1));
        QVERIFY(scenarioFileFilter().contains(QLatin1Char('*') + scenarioFileSuffix()));
    }

    void testSuggestedName() {
        QCOMPARE(suggestedScenarioFileName(QStringLiteral("Auth API: Workers")),
                 QStringLiteral("auth-api-workers.archsim.json"));
        QCOMPARE(suggestedScenarioFileName(QStringLiteral("Flash  sale / v2")),
                 QStringLiteral("flash-sale-v2.archsim.json"));
        QCOMPARE(suggestedScenarioFileName(QStringLiteral("monday.json")),
                 QStringLiteral("monday.archsim.json"));
        QCOMPARE(suggestedScenarioFileName(QStringLiteral("tuesday.archsim.json")),
                 QStringLiteral("tuesday.archsim.json"));
        QCOMPARE(suggestedScenarioFileName(QStringLiteral(":?")),
                 QStringLiteral("scenario.archsim.json"));
    }

    void testTypedNameGetsTheSuffix() {
        QCOMPARE(withScenarioSuffix(QStringLiteral("/tmp/monday")),
                 QStringLiteral("/tmp/monday.archsim.json"));
        QCOMPARE(withScenarioSuffix(QStringLiteral("/tmp/monday.json")),
                 QStringLiteral("/tmp/monday.json"));
        QCOMPARE(withScenarioSuffix(QStringLiteral("/tmp/a.b/monday")),
                 QStringLiteral("/tmp/a.b/monday.archsim.json"));
    }
};

QTEST_GUILESS_MAIN(TestScenarioFileName)
#include "tst_scenariofilename.moc"
