// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/document/autosavestore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>

#include "sim/scenario/boundedfile.h"
#include "sim/scenario/scenariojson.h"

namespace archsim::ui {

namespace {
const QString kLockSuffix = QStringLiteral(".lock");
}

AutosaveStore::AutosaveStore(QString directory) : m_directory(std::move(directory)) {
    if (m_directory.isEmpty())
        m_directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                      QStringLiteral("/autosave");
    QDir().mkpath(m_directory);
    m_session = QStringLiteral("session-%1-%2")
                    .arg(QCoreApplication::applicationPid())
                    .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    m_lock = std::make_unique<QLockFile>(m_directory + QLatin1Char('/') + m_session + kLockSuffix);
    m_lock->setStaleLockTime(0);
    m_lock->tryLock(0);
}

AutosaveStore::~AutosaveStore() = default;

QString AutosaveStore::sessionFolder() const {
    return m_directory + QLatin1Char('/') + m_session;
}

QString AutosaveStore::write(int key, const Scenario& scenario, const QString& originalPath,
                             const QString& displayName, const QString& baseDirectory) {
    QDir().mkpath(sessionFolder());
    // The scenario is kept in its canonical JSON inside a small envelope that remembers which
    // file (if any) the work belongs to. nlohmann, not QJson, so 64-bit seeds survive exactly.
    const nlohmann::json envelope = {
        {"originalPath", originalPath.toStdString()},
        {"displayName", displayName.toStdString()},
        {"baseDirectory", baseDirectory.toStdString()},
        {"savedAt", QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString()},
        {"scenario", scenarioToJson(scenario)}};
    QSaveFile file(sessionFolder() + QStringLiteral("/document-%1.json").arg(key));
    if (!file.open(QIODevice::WriteOnly)) return file.errorString();
    file.write(QByteArray::fromStdString(envelope.dump()));
    if (!file.commit()) return file.errorString();
    return {};
}

void AutosaveStore::remove(int key) {
    QFile::remove(sessionFolder() + QStringLiteral("/document-%1.json").arg(key));
}

void AutosaveStore::clearSession() {
    QDir(sessionFolder()).removeRecursively();
}

QStringList AutosaveStore::orphanFolders() const {
    QStringList folders;
    const QDir dir(m_directory);
    for (const QString& name :
         dir.entryList({QStringLiteral("session-*")}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (name == m_session) continue;
        QLockFile probe(dir.filePath(name + kLockSuffix));
        probe.setStaleLockTime(0);
        // A lock we can take belongs to nobody alive: a dead process's lock is stale, and a
        // session that ended normally removed its folder, so what is left is a crash's work.
        if (probe.tryLock(0)) {
            probe.unlock();
            folders << dir.filePath(name);
        }
    }
    return folders;
}

std::vector<AutosaveStore::Recovered> AutosaveStore::orphans() const {
    std::vector<Recovered> found;
    for (const QString& folder : orphanFolders()) {
        const QDir dir(folder);
        for (const QString& name :
             dir.entryList({QStringLiteral("document-*.json")}, QDir::Files, QDir::Name)) {
            Recovered orphan;
            orphan.file = dir.filePath(name);
            orphan.displayName = name;
            // Read like any scenario file: a regular file, within the scenario cap, so a planted
            // FIFO or a huge file in the autosave folder cannot hang or exhaust the window.
            std::string error;
            const auto bytes = readBoundedFile(orphan.file.toStdString(), kScenarioFile, error);
            if (!bytes) {
                orphan.problems << QString::fromStdString(error);
                found.push_back(std::move(orphan));
                continue;
            }
            const auto envelope = nlohmann::json::parse(*bytes, nullptr, false);
            if (!envelope.is_object() || !envelope.contains("scenario")) {
                orphan.problems << QStringLiteral("not an autosave archsim can read");
                found.push_back(std::move(orphan));
                continue;
            }
            const auto text = [&envelope](const char* key) {
                const auto it = envelope.find(key);
                return it != envelope.end() && it->is_string()
                           ? QString::fromStdString(it->get<std::string>())
                           : QString();
            };
            orphan.originalPath = text("originalPath");
            if (!text("displayName").isEmpty()) orphan.displayName = text("displayName");
            orphan.savedAt = text("savedAt");
            // Autosaves written before the folder was recorded: a saved document's paths are
            // relative to its file, which is what it would have been validated against.
            orphan.baseDirectory = text("baseDirectory");
            if (orphan.baseDirectory.isEmpty() && !orphan.originalPath.isEmpty())
                orphan.baseDirectory = QFileInfo(orphan.originalPath).absolutePath();
            try {
                ValidationReport report;
                auto scenario = scenarioFromJson(envelope["scenario"], report,
                                                 orphan.baseDirectory.toStdString());
                if (scenario) {
                    orphan.scenario = std::move(*scenario);
                } else {
                    for (const auto& issue : report.issues())
                        orphan.problems << QString::fromStdString(issue.toString());
                    if (orphan.problems.isEmpty())
                        orphan.problems << QStringLiteral("the scenario is invalid");
                }
            } catch (const std::exception& e) {
                orphan.problems << QString::fromUtf8(e.what());
            }
            found.push_back(std::move(orphan));
        }
    }
    return found;
}

void AutosaveStore::discardOrphan(const QString& file) {
    const QFileInfo info(file);
    const QDir folder = info.absoluteDir();
    // Only files of a dead session's folder in this store: never this session's, never elsewhere.
    bool orphaned = false;
    for (const QString& candidate : orphanFolders())
        orphaned = orphaned || QFileInfo(candidate).absoluteFilePath() == folder.absolutePath();
    if (!orphaned) return;
    QFile::remove(info.absoluteFilePath());
    if (folder.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty()) {
        const QString path = folder.absolutePath();
        QDir().rmdir(path);
        QFile::remove(path + kLockSuffix);
    }
}

}  // namespace archsim::ui
