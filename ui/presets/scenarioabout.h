// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "About this scenario": the current scenario's name, its full description rendered as Markdown,
// its latency objective and, for a bundled preset, the comparisons it belongs to as links that
// open the pair ticked for comparison.

#include <QTextBrowser>

#include "ui/presets/presetcatalog.h"

namespace archsim::ui {

class ScenarioDocument;

class ScenarioAbout : public QTextBrowser {
    Q_OBJECT
public:
    explicit ScenarioAbout(const PresetCatalog* catalog, QWidget* parent = nullptr);

    /// Shows `document` (nullptr: a hint to open one); call again after it changes.
    void showDocument(const ScenarioDocument* document);
    /// The Markdown shown, for tests.
    QString markdownText() const { return m_markdown; }

signals:
    void compareRequested(const QStringList& presetPaths);

private:
    const PresetCatalog* m_catalog;
    QString m_markdown;
};

}  // namespace archsim::ui
