// SPDX-License-Identifier: GPL-3.0-or-later
// The engine must build without Qt (DESIGN.md: sim <- ui <- app): no file under sim/ may include a
// Qt header. This test scans the sources, so a stray #include <QString> fails the suite.
#include <QtTest>
#include <QDirIterator>
#include <QRegularExpression>

class TestNoQtInSim : public QObject {
    Q_OBJECT
private slots:
    void testNoFileUnderSimIncludesQt() {
        // Matches #include <QString>, <QtCore/qglobal.h> and the like.
        const QRegularExpression qtInclude(
            QStringLiteral("^\\s*#\\s*include\\s*[<\"](Q[A-Za-z]|Qt[A-Za-z]*/)"));
        int files = 0;
        QStringList offenders;
        QDirIterator it(QStringLiteral(ARCHSIM_SOURCE_DIR "/sim"), {"*.h", "*.cpp", "*.hpp"},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            ++files;
            int line = 0;
            while (!file.atEnd()) {
                ++line;
                if (qtInclude.match(QString::fromUtf8(file.readLine())).hasMatch())
                    offenders << QString("%1:%2").arg(file.fileName()).arg(line);
            }
        }
        QVERIFY2(files > 10, "the scan found too few sources; is ARCHSIM_SOURCE_DIR right?");
        QVERIFY2(offenders.isEmpty(), qPrintable("Qt included in sim/: " + offenders.join(", ")));
    }
};

QTEST_GUILESS_MAIN(TestNoQtInSim)
#include "tst_noqtinsim.moc"
