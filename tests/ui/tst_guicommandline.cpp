// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop executable's command line where there is no display (ssh, containers, CI): --help
// and --version print their text and succeed instead of failing to open a window.

#include <QProcess>
#include <QtTest>

class TestGuiCommandLine : public QObject {
    Q_OBJECT
private slots:
    void testTextOptionsNeedNoDisplay_data();
    void testTextOptionsNeedNoDisplay();
};

void TestGuiCommandLine::testTextOptionsNeedNoDisplay_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--help") << QStringLiteral("--help") << QStringLiteral("--screenshot");
    QTest::newRow("-h") << QStringLiteral("-h") << QStringLiteral("Usage:");
    QTest::newRow("--version") << QStringLiteral("--version")
                               << QStringLiteral("archsim " ARCHSIM_VERSION);
}

void TestGuiCommandLine::testTextOptionsNeedNoDisplay() {
    QFETCH(QString, option);
    QFETCH(QString, expected);
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // No display of any kind: without the fix Qt aborts looking for a platform plugin.
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(ARCHSIM_GUI_PATH), {option});
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    QVERIFY2(process.waitForFinished(60'000), "archsim did not exit");
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, qPrintable(err));
    QVERIFY2(out.contains(expected), qPrintable(out + err));
    QVERIFY2(!err.contains(QStringLiteral("platform plugin")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestGuiCommandLine)
#include "tst_guicommandline.moc"
