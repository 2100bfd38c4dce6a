// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/help/helpdocs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace archsim::ui {
namespace {

bool hasGuide(const QString& directory) {
    return !directory.isEmpty() && QFileInfo(QDir(directory).filePath(kUserGuideFile)).isFile();
}

}  // namespace

QString docsDirectoryFor(const QString& executableDir) {
    if (!executableDir.isEmpty()) {
        const QString installed =
            QDir::cleanPath(QDir(executableDir).filePath(QStringLiteral(ARCHSIM_DOC_FROM_BIN)));
        if (hasGuide(installed)) return installed;
        // Only a program inside this build tree may read the sources it was built from: an
        // installed copy must never depend on the machine it was built on.
        const QString build = QDir::cleanPath(QStringLiteral(ARCHSIM_BUILD_DIR));
        const QString source = QStringLiteral(ARCHSIM_SOURCE_DOCS_DIR);
        const QString dir = QDir::cleanPath(executableDir);
        if ((dir == build || dir.startsWith(build + QLatin1Char('/'))) && hasGuide(source))
            return source;
    }
    const QString configured = QStringLiteral(ARCHSIM_INSTALLED_DOC_DIR);
    return hasGuide(configured) ? configured : QString();
}

QString docsDirectory() {
    return docsDirectoryFor(QCoreApplication::applicationDirPath());
}

}  // namespace archsim::ui
