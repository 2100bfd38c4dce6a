// SPDX-License-Identifier: GPL-3.0-or-later
// `archsim-cli report` end to end: the real executable, run without any display, writes the HTML
// and PDF report; the same inputs give the same bytes apart from the date line.
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct CliResult {
    int exitCode = -1;
    QString out, err;
};

/// Runs the CLI with no display at all: no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM. The
/// command must choose the offscreen platform itself.
CliResult runHeadless(const QStringList& arguments, const QString& sourceDateEpoch = {}) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "SOURCE_DATE_EPOCH"})
        environment.remove(QString::fromLatin1(name));
    if (!sourceDateEpoch.isEmpty())
        environment.insert(QStringLiteral("SOURCE_DATE_EPOCH"), sourceDateEpoch);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(ARCHSIM_CLI_PATH), arguments);
    process.waitForFinished(300'000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString preset(const char* name) {
    return QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets/") + name;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool hasReportCommand() {
    QProcess process;
    process.start(QStringLiteral(ARCHSIM_CLI_PATH), {QStringLiteral("--help")});
    process.waitForFinished(30'000);
    return process.readAllStandardOutput().contains("archsim-cli report");
}

}  // namespace

class TestCliReport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (!hasReportCommand()) QSKIP("archsim-cli built without the GUI libraries: no report");
    }

    void testHtmlReportWithoutADisplay() {
        QTemporaryDir dir;
        const QString out = dir.filePath("review.html");
        const CliResult r =
            runHeadless({"report", preset("mmc-queue.json"), preset("webhooks-lambda.json"),
                         "--out", out, "--seed", "7", "--replications", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("wrote"));
        const QString html = QString::fromUtf8(readAll(out));
        for (const char* id :
             {"warnings", "scenarios", "topology", "results", "summary", "pricing"})
            QVERIFY2(html.contains(QStringLiteral("<h2 id=\"%1\">").arg(id)), id);
        QCOMPARE(html.count(QStringLiteral("<svg")), 8);  // two topologies and six charts
        QVERIFY(html.contains("<td>seed</td><td>7</td>"));
        QVERIFY(html.contains("<td>replications</td><td>2</td>"));
        QVERIFY(html.contains("seed 7"));
        QVERIFY(html.contains("2 replications"));
    }

    void testSameInputsSameBytesApartFromTheDate() {
        QTemporaryDir dir;
        const QStringList inputs{preset("mmc-queue.json"), preset("webhooks-servers.json")};
        const QString first = dir.filePath("first.html");
        const QString second = dir.filePath("second.html");
        QCOMPARE(runHeadless(QStringList{"report"} + inputs + QStringList{"--out", first}).exitCode,
                 0);
        QCOMPARE(
            runHeadless(QStringList{"report"} + inputs + QStringList{"--out", second}).exitCode, 0);
        static const QRegularExpression dateLine(QStringLiteral("Date: [^<]*"));
        const QString a = QString::fromUtf8(readAll(first));
        const QString b = QString::fromUtf8(readAll(second));
        QVERIFY(a.contains(dateLine));
        QCOMPARE(QString(a).replace(dateLine, QString()), QString(b).replace(dateLine, QString()));

        // The PDF too: with the date pinned (SOURCE_DATE_EPOCH), byte for byte.
        const QString pdfA = dir.filePath("a.pdf");
        const QString pdfB = dir.filePath("b.pdf");
        QCOMPARE(runHeadless(QStringList{"report"} + inputs + QStringList{"--out", pdfA},
                             QStringLiteral("1764547200"))
                     .exitCode,
                 0);
        QCOMPARE(runHeadless(
                     QStringList{"report"} + inputs + QStringList{"--out", pdfB, "--paper", "a4"},
                     QStringLiteral("1764547200"))
                     .exitCode,
                 0);
        const QByteArray bytesA = readAll(pdfA);
        QVERIFY(bytesA.startsWith("%PDF-"));
        QVERIFY(bytesA.contains("/CreationDate (D:20251201000000"));
        QCOMPARE(bytesA, readAll(pdfB));
    }

    void testBadInputIsAClearError() {
        QTemporaryDir dir;
        CliResult r =
            runHeadless({"report", preset("mmc-queue.json"), "--out", dir.filePath("r.docx")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("r.docx") && r.err.contains(".pdf or .html"), qPrintable(r.err));
        r = runHeadless({"report", preset("mmc-queue.json")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--out"), qPrintable(r.err));
        r = runHeadless({"report", dir.filePath("missing.json"), "--out", dir.filePath("r.pdf")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("missing.json"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("r.pdf")));
        r = runHeadless({"report", preset("mmc-queue.json"), "--out", dir.filePath("r.pdf"),
                         "--replications", "0"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--replications"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliReport)
#include "tst_clireport.moc"
