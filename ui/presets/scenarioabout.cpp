// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presets/scenarioabout.h"

#include <QUrl>

#include "ui/document/scenariodocument.h"

namespace archsim::ui {

namespace {
const QString kCompareScheme = QStringLiteral("archsim-compare");
}

ScenarioAbout::ScenarioAbout(const PresetCatalog* catalog, QWidget* parent)
    : QTextBrowser(parent), m_catalog(catalog) {
    setObjectName(QStringLiteral("scenarioAbout"));
    setAccessibleName(tr("About this scenario"));
    setOpenLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() != kCompareScheme || !m_catalog) return;
        const int index = url.path().toInt();
        if (index >= 0 && index < static_cast<int>(m_catalog->comparisons.size()))
            emit compareRequested(m_catalog->comparisons[static_cast<std::size_t>(index)].paths);
    });
    showDocument(nullptr);
}

void ScenarioAbout::showDocument(const ScenarioDocument* document) {
    QString md;
    if (!document) {
        md = tr("Open a scenario or a preset (File > Open Preset) to read what it shows.");
    } else {
        const Scenario& s = document->scenario();
        QString name = QString::fromStdString(s.name);
        if (name.isEmpty()) name = document->displayName();
        md += QStringLiteral("## %1\n\n").arg(name);
        const PresetEntry* entry = m_catalog ? m_catalog->find(document->presetSource()) : nullptr;
        if (entry && !entry->summary.isEmpty())
            md += QStringLiteral("*%1*\n\n").arg(entry->summary);
        if (!s.description.empty())
            md += QString::fromStdString(s.description) + QStringLiteral("\n\n");
        else
            md += tr("This scenario has no description yet: click an empty part of the diagram "
                     "and write one in the Properties panel.") +
                  QStringLiteral("\n\n");
        if (s.slo)
            md += tr("**Latency objective:** p%1 under %2 ms.")
                      .arg(s.slo->percentile, 0, 'g', 6)
                      .arg(s.slo->latencyMs, 0, 'g', 6) +
                  QStringLiteral("\n\n");
        md += tr("**Traffic and run:** %1 s simulated, windows of %2 s, warm-up %3 s, seed %4.")
                  .arg(s.run.durationS, 0, 'g', 6)
                  .arg(s.run.windowS, 0, 'g', 6)
                  .arg(s.run.warmupS, 0, 'g', 6)
                  .arg(s.seed) +
              QStringLiteral("\n\n");
        if (m_catalog && !document->presetSource().isEmpty()) {
            for (const PresetComparison* comparison :
                 m_catalog->comparisonsWith(document->presetSource())) {
                const auto index = comparison - m_catalog->comparisons.data();
                md += tr("**Compare:** [%1](%2:%3) — %4")
                          .arg(comparison->title, kCompareScheme)
                          .arg(index)
                          .arg(comparison->summary) +
                      QStringLiteral("\n\n");
            }
        }
    }
    m_markdown = md;
    setMarkdown(md);
}

}  // namespace archsim::ui
