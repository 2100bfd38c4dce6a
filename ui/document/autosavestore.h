// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Autosave of unsaved work, and recovery after a crash.
//
// Each running window owns a session folder under the autosave directory (by default
// AppDataLocation/autosave), guarded by a QLockFile, and writes one file per modified document
// into it. A clean exit deletes the folder. A folder whose lock is free (its process died:
// QLockFile treats the lock of a dead process as stale) holds work a crash left behind, offered for
// recovery at the next start. Two windows running at once never see each other's files as orphans.
//
// Recovery is per document: recovering or discarding one orphan deletes that file only, and an
// orphan that cannot be read back (a trace file gone since, a newer format) is never deleted
// behind the user's back; it stays, with the reason, until the user decides.

#include <QLockFile>
#include <QString>
#include <QStringList>
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

    /// Writes (atomically) the unsaved state of document `key`. `baseDirectory` is the folder its
    /// relative paths (workload.traceFile) resolve against (ScenarioDocument::baseDirectory()), so
    /// the work reads back the same from wherever archsim starts next. Returns an error, or empty.
    QString write(int key, const Scenario& scenario, const QString& originalPath,
                  const QString& displayName, const QString& baseDirectory);
    /// Forgets document `key` (saved or closed).
    void remove(int key);
    /// Deletes this session's folder: called on a clean exit.
    void clearSession();

    struct Recovered {
        QString file;  ///< the autosave file itself, for discardOrphan()
        Scenario scenario;
        QString originalPath;  ///< the file the work belonged to, or empty if never saved
        QString displayName;
        QString baseDirectory;  ///< where its relative paths resolve (see write())
        QString savedAt;        ///< when it was autosaved (ISO 8601, UTC)
        /// Why the work cannot be read back (then `scenario` is empty); empty when usable.
        QStringList problems;
        bool usable() const { return problems.isEmpty(); }
    };
    /// Work left by sessions that ended without a clean exit, unreadable files included.
    std::vector<Recovered> orphans() const;
    /// Deletes one orphaned autosave (recovered into this session, or declined by the user), and
    /// its session folder once nothing else is left in it. Other orphans are never touched.
    void discardOrphan(const QString& file);

    QString directory() const { return m_directory; }

private:
    QString sessionFolder() const;
    QStringList orphanFolders() const;

    QString m_directory;
    QString m_session;
    std::unique_ptr<QLockFile> m_lock;
};

}  // namespace archsim::ui
