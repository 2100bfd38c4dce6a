// SPDX-License-Identifier: GPL-3.0-or-later
// `cmake --install` into a staging directory (DESTDIR), as a package build does: every file lands
// where a Debian desktop looks for it, and the installed archsim-cli runs an installed preset from
// any working directory, reading its pricing from the installed tree, not from the sources.
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Result {
    int exitCode = -1;
    QString out, err;
};

Result run(const QString& program, const QStringList& arguments, const QString& workingDir,
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(workingDir);
    process.start(program, arguments);
    if (!process.waitForFinished(300'000)) return {-1, {}, QStringLiteral("did not finish")};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString readText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

}  // namespace

class TestInstall : public QObject {
    Q_OBJECT
    QTemporaryDir m_stage;      // DESTDIR
    QTemporaryDir m_elsewhere;  // a working directory unrelated to the build or the install
    QString m_prefix;

    QString installed(const QString& relative) const {
        return m_prefix + QLatin1Char('/') + relative;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_stage.isValid() && m_elsewhere.isValid());
        m_prefix = m_stage.path() + QStringLiteral("/usr");
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DESTDIR"), m_stage.path());
        const Result r =
            run(QStringLiteral(CMAKE_COMMAND), {"--install", ARCHSIM_BUILD_DIR, "--prefix", "/usr"},
                m_elsewhere.path(), environment);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    }

    void testExecutables() {
        QStringList programs{QStringLiteral("bin/archsim-cli")};
#ifdef ARCHSIM_HAS_GUI
        programs << QStringLiteral("bin/archsim");
#endif
        for (const QString& program : programs) {
            const QFileInfo info(installed(program));
            QVERIFY2(info.isFile() && info.isExecutable(), qPrintable(program));
        }
    }

    void testSharedData() {
        const QStringList presets = QDir(QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets"))
                                        .entryList({"*.json"}, QDir::Files);
        QVERIFY(presets.size() >= 3);
        for (const QString& name : presets)
            QVERIFY2(QFile::exists(installed("share/archsim/presets/" + name)), qPrintable(name));
        QVERIFY(QFile::exists(installed("share/archsim/pricing/default.json")));
        QVERIFY(QFile::exists(installed("share/archsim/scenario.schema.json")));
        // Sweep examples sit beside the presets they name ("../presets/...").
        QVERIFY(QFile::exists(installed("share/archsim/sweep.schema.json")));
        const QStringList sweeps = QDir(QStringLiteral(ARCHSIM_RESOURCES_DIR "/sweeps"))
                                       .entryList({"*.json"}, QDir::Files);
        QVERIFY(!sweeps.isEmpty());
        for (const QString& name : sweeps)
            QVERIFY2(QFile::exists(installed("share/archsim/sweeps/" + name)), qPrintable(name));
        // Lessons, where the sources have them, are installed file for file.
        const QDir lessons(QStringLiteral(ARCHSIM_RESOURCES_DIR "/lessons"));
        for (const QString& name : lessons.entryList(QDir::Files))
            QVERIFY2(QFile::exists(installed("share/archsim/lessons/" + name)), qPrintable(name));
        QCOMPARE(QDir(installed("share/archsim/lessons")).exists(), lessons.exists());
    }

    void testDocumentation() {
        for (const char* name :
             {"README.md", "LICENSE", "user-guide.md", "scenario-format.md", "presets.md",
              "pricing.md", "screenshots/main-window.png", "copyright"})
            QVERIFY2(QFile::exists(installed(QStringLiteral("share/doc/archsim/") + name)), name);
        // Debian's machine-readable form, naming the licence of archsim and of its chart library.
        const QString copyright = readText(installed("share/doc/archsim/copyright"));
        QVERIFY(copyright.startsWith(
            "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"));
        QVERIFY(copyright.contains("\nFiles: *\n"));
        QVERIFY(copyright.contains("\nLicense: GPL-3.0-or-later\n"));
        QVERIFY(copyright.contains("QCustomPlot (GPL-3.0)"));
    }

#ifdef ARCHSIM_HAS_GUI
    void testDesktopEntryClaimsOnlyScenarioFiles() {
        const QString entry = readText(installed("share/applications/archsim.desktop"));
        QVERIFY2(entry.contains("Exec=archsim %f\n"), qPrintable(entry));
        QVERIFY(entry.contains("Icon=archsim\n"));
        QVERIFY2(entry.contains("MimeType=application/vnd.archsim.scenario+json;\n"),
                 qPrintable(entry));
        QVERIFY2(!entry.contains("application/json"), "must not claim every JSON file");
        QVERIFY(QFile::exists(installed("share/icons/hicolor/scalable/apps/archsim.svg")));
    }

    void testMimeTypeHasItsOwnGlob() {
        QFile file(installed("share/mime/packages/archsim.xml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString type, parent;
        QStringList globs;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement) continue;
            const auto name = xml.name();
            if (name == QLatin1String("mime-type"))
                type = xml.attributes().value("type").toString();
            if (name == QLatin1String("glob"))
                globs << xml.attributes().value("pattern").toString();
            if (name == QLatin1String("sub-class-of"))
                parent = xml.attributes().value("type").toString();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(type, QStringLiteral("application/vnd.archsim.scenario+json"));
        QCOMPARE(globs, QStringList{QStringLiteral("*.archsim.json")});
        QCOMPARE(parent, QStringLiteral("application/json"));
    }
#endif

    void testInstalledCliRunsAnInstalledPresetFromAnyDirectory() {
        const Result r = run(installed("bin/archsim-cli"),
                             {"run", installed("share/archsim/presets/auth-api-workers.json")},
                             m_elsewhere.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("latency p99") && r.out.contains("monthly cost"),
                 qPrintable(r.out));
        QVERIFY2(!r.err.contains("no pricing table"), qPrintable(r.err));
    }

    void testInstalledCliReadsTheInstalledPricing() {
        // A damaged installed table must be the one reported: proof the installed program reads
        // its own tree rather than the sources it was built from.
        const QString pricing = installed("share/archsim/pricing/default.json");
        QFile file(pricing);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{");
        file.close();
        const Result r = run(installed("bin/archsim-cli"),
                             {"run", installed("share/archsim/presets/auth-api-workers.json")},
                             m_elsewhere.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(pricing), qPrintable(r.err));
    }

    void testBuildTreeCliStillFindsTheSources() {
        const Result r = run(QStringLiteral(ARCHSIM_CLI_PATH),
                             {"run", ARCHSIM_RESOURCES_DIR "/presets/auth-api-workers.json"},
                             m_elsewhere.path());
        QVERIFY2(r.exitCode == 0 && r.out.contains("monthly cost"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestInstall)
#include "tst_install.moc"
