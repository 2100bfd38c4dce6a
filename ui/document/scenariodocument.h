// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One open scenario: its value, its file, its undo history and how it is shown when compared.
//
// Every change goes through edit(), which pushes an EditCommand holding the scenario before and
// after, so undo restores the exact previous value (distributions are shared immutable objects,
// so a copy costs little). The document never validates on its own: callers check a candidate
// with validate() first (relative paths in it, such as a trace file, resolve against the document's
// own folder, never the process's working directory), and only valid scenarios enter the history.

#include <QColor>
#include <QObject>
#include <QString>
#include <QUndoStack>

#include "sim/scenario/scenario.h"

namespace archsim::ui {

class ScenarioDocument : public QObject {
    Q_OBJECT
public:
    ScenarioDocument(int key, Scenario scenario, QObject* parent = nullptr);
    ~ScenarioDocument() override;

    /// Identifies the document to the run controller and the charts.
    int key() const { return m_key; }
    const Scenario& scenario() const { return m_scenario; }

    /// Replaces the scenario as one undoable step named `text`. Edits with the same non-empty
    /// `mergeKey` and `mergeSession` (one slider drag, say) collapse into one step.
    void edit(const Scenario& after, const QString& text, const QString& mergeKey = {},
              int mergeSession = 0);
    QUndoStack* undoStack() { return &m_undo; }

    QString filePath() const { return m_filePath; }
    void setFilePath(const QString& path);
    /// The folder relative paths in the scenario (workload.traceFile) are resolved against: the
    /// file's folder once the document has a file, else the folder set with setBaseDirectory()
    /// (by default the working directory when the document was created, where an untitled
    /// scenario's relative paths were resolved when it was built).
    QString baseDirectory() const;
    void setBaseDirectory(const QString& directory);
    /// Every problem the engine's validator finds in `candidate`, read as this document's file
    /// would be (relative paths against baseDirectory()); empty if it may enter the history.
    QStringList validate(const Scenario& candidate) const;
    /// A bundled preset opened read-only: Save asks for a new file.
    bool isPreset() const { return m_preset; }
    void setPreset(bool preset) { m_preset = preset; }
    /// The bundled preset this document was opened from (":/presets/x.json"), "" otherwise.
    const QString& presetSource() const { return m_presetSource; }
    void setPresetSource(const QString& path) { m_presetSource = path; }
    /// The file name, else the scenario's name, else "Untitled".
    QString displayName() const;

    bool isModified() const { return !m_undo.isClean() || m_forcedModified; }
    /// Marks the current state as saved (the undo stack's clean state).
    void markSaved();
    /// Marks a document modified although its history is empty (recovered autosaves).
    void markModified();

    QColor color() const { return m_color; }
    void setColor(const QColor& color);
    bool isCompared() const { return m_compared; }
    void setCompared(bool compared);

    /// Used by EditCommand only: sets the value without touching the history.
    void restore(const Scenario& scenario);

signals:
    void scenarioChanged();
    void modifiedChanged(bool modified);
    void filePathChanged();
    void appearanceChanged();  ///< colour or compare flag

private:
    int m_key;
    Scenario m_scenario;
    QUndoStack m_undo;
    QString m_filePath;
    QString m_baseDirectory;
    bool m_preset = false;
    QString m_presetSource;
    bool m_forcedModified = false;
    QColor m_color;
    bool m_compared = false;
};

}  // namespace archsim::ui
