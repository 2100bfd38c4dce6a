// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/document/editcommand.h"

#include "ui/document/scenariodocument.h"

namespace archsim::ui {

namespace {
// QUndoStack only tries mergeWith between commands of equal id(); -1 opts out of merging.
constexpr int kMergeableEditId = 0x5ce7;
}  // namespace

EditCommand::EditCommand(ScenarioDocument* document, Scenario before, Scenario after,
                         const QString& text, QString mergeKey, int mergeSession)
    : QUndoCommand(text),
      m_document(document),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_mergeKey(std::move(mergeKey)),
      m_mergeSession(mergeSession) {}

void EditCommand::undo() {
    if (m_document) m_document->restore(m_before);
}

void EditCommand::redo() {
    if (m_document) m_document->restore(m_after);
}

int EditCommand::id() const {
    return m_mergeKey.isEmpty() || m_mergeSession == 0 ? -1 : kMergeableEditId;
}

bool EditCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = dynamic_cast<const EditCommand*>(other);
    if (!next || next->m_document != m_document || next->m_mergeKey != m_mergeKey ||
        next->m_mergeSession != m_mergeSession)
        return false;
    m_after = next->m_after;  // keep our "before": the whole drag undoes in one step
    return true;
}

}  // namespace archsim::ui
