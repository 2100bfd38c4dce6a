// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the end-to-end CLI tests share: run the real archsim-cli and collect its exit status and
// output, name a bundled preset, write and read a test file.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace archsim::testing {

struct CliResult {
    int exitCode = -1;
    QString out, err;
};

/// Runs archsim-cli with `input` on its standard input, in `workingDir` when given;
/// `standardOutput` names a file to send its standard output to instead. Sweeps and reports may
/// take minutes under the sanitizers: the wait is long, and a hang still ends the test.
inline CliResult runCli(const QStringList& arguments, const QByteArray& input = {},
                        const QString& workingDir = {}, const QString& standardOutput = {}) {
    QProcess process;
    if (!workingDir.isEmpty()) process.setWorkingDirectory(workingDir);
    if (!standardOutput.isEmpty()) process.setStandardOutputFile(standardOutput);
    process.start(QStringLiteral(ARCHSIM_CLI_PATH), arguments);
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(300'000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

inline QString preset(const char* name) {
    return QStringLiteral(ARCHSIM_RESOURCES_DIR "/presets/") + name;
}

inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    file.write(text);
    return path;
}

inline QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace archsim::testing
