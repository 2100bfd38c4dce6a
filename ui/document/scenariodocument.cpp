// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/document/scenariodocument.h"

#include <QDir>
#include <QFileInfo>

#include "ui/document/editcommand.h"
#include "ui/document/scenarioedits.h"

namespace archsim::ui {

ScenarioDocument::ScenarioDocument(int key, Scenario scenario, QObject* parent)
    : QObject(parent),
      m_key(key),
      m_scenario(std::move(scenario)),
      m_undo(this),
      m_baseDirectory(QDir::currentPath()) {
    connect(&m_undo, &QUndoStack::cleanChanged, this,
            [this](bool) { emit modifiedChanged(isModified()); });
}

ScenarioDocument::~ScenarioDocument() {
    // The undo stack clears itself as it is destroyed and may report the change of clean state;
    // by then whoever listens to modifiedChanged (the main window, half destroyed as it deletes
    // its children) must not hear of it.
    disconnect(&m_undo, nullptr, this, nullptr);
}

void ScenarioDocument::edit(const Scenario& after, const QString& text, const QString& mergeKey,
                            int mergeSession) {
    m_undo.push(new EditCommand(this, m_scenario, after, text, mergeKey, mergeSession));
}

void ScenarioDocument::restore(const Scenario& scenario) {
    m_scenario = scenario;
    emit scenarioChanged();
}

void ScenarioDocument::setFilePath(const QString& path) {
    if (path == m_filePath) return;
    m_filePath = path;
    emit filePathChanged();
}

QString ScenarioDocument::baseDirectory() const {
    if (!m_filePath.isEmpty()) return QFileInfo(m_filePath).absolutePath();
    return m_baseDirectory;
}

void ScenarioDocument::setBaseDirectory(const QString& directory) {
    m_baseDirectory = directory.isEmpty() ? QDir::currentPath() : QDir(directory).absolutePath();
}

QStringList ScenarioDocument::validate(const Scenario& candidate) const {
    return validateScenario(candidate, baseDirectory());
}

QString ScenarioDocument::displayName() const {
    if (!m_filePath.isEmpty()) return QFileInfo(m_filePath).fileName();
    if (!m_scenario.name.empty()) return QString::fromStdString(m_scenario.name);
    return tr("Untitled");
}

void ScenarioDocument::markSaved() {
    const bool wasModified = isModified();
    m_forcedModified = false;
    m_preset = false;
    m_undo.setClean();
    if (wasModified) emit modifiedChanged(false);
}

void ScenarioDocument::markModified() {
    if (m_forcedModified) return;
    m_forcedModified = true;
    emit modifiedChanged(true);
}

void ScenarioDocument::setColor(const QColor& color) {
    if (color == m_color) return;
    m_color = color;
    emit appearanceChanged();
}

void ScenarioDocument::setCompared(bool compared) {
    if (compared == m_compared) return;
    m_compared = compared;
    emit appearanceChanged();
}

}  // namespace archsim::ui
