// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one undo command: the scenario before and after an edit. Storing whole values rather than a
// command per field means undo cannot drift from redo, whatever the edit was.

#include <QPointer>
#include <QUndoCommand>

#include "sim/scenario/scenario.h"

namespace archsim::ui {

class ScenarioDocument;

class EditCommand : public QUndoCommand {
public:
    /// Commands sharing a non-empty mergeKey and mergeSession merge (one step per slider drag).
    EditCommand(ScenarioDocument* document, Scenario before, Scenario after, const QString& text,
                QString mergeKey, int mergeSession);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    QPointer<ScenarioDocument> m_document;
    Scenario m_before;
    Scenario m_after;
    QString m_mergeKey;
    int m_mergeSession;
};

}  // namespace archsim::ui
