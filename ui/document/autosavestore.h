// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Autosave of unsaved work, and recovery after a crash.
//
// Each running window owns a session folder under the autosave directory (by default
// AppDataLocation/autosave), guarded by a QLockFile, and writes one file per modified document
// into it. A clean exit deletes the folder. A folder whose lock is free (its process died:
// QLockFile treats the lock of a dead process as stale) holds work a crash left behind, offered for
// recovery at the next start. Two windows running at once never see each other's files as orphans.

#include <QLockFile>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "sim/scenario/scenario.h"

namespace archsim::ui {

class AutosaveStore {
public:
    /// `directory` empty: QStandardPaths::AppDataLocation + "/autosave".
    explicit AutosaveStore(QString directory = {});
    ~AutosaveStore();
    AutosaveStore(const AutosaveStore&) = delete;
    AutosaveStore& operator=(const AutosaveStore&) = delete;

    /// Writes (atomically) the unsaved state of document `key`. Returns an error, or empty.
    QString write(int key, const Scenario& scenario, const QString& originalPath,
                  const QString& displayName);
    /// Forgets document `key` (saved or closed).
    void remove(int key);
    /// Deletes this session's folder: called on a clean exit.
    void clearSession();

    struct Recovered {
        Scenario scenario;
        QString originalPath;  ///< the file the work belonged to, or empty if never saved
        QString displayName;
    };
    /// Work left by sessions that ended without a clean exit.
    std::vector<Recovered> orphans() const;
    /// Deletes the orphaned folders (after recovering or declining them).
    void discardOrphans();

    QString directory() const { return m_directory; }

private:
    QString sessionFolder() const;
    QStringList orphanFolders() const;

    QString m_directory;
    QString m_session;
    std::unique_ptr<QLockFile> m_lock;
};

}  // namespace archsim::ui
