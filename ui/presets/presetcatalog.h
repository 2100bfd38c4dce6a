// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How the bundled presets are offered (resources/preset-menu.json): in sections, each preset with
// a one-line summary, and the pairs meant to be compared side by side. The scenario's own name
// stays its title, so the menu never disagrees with the window. A preset the file does not list
// is still offered, under "Other", so a new preset is never hidden.

#include <QString>
#include <QStringList>
#include <vector>

namespace archsim::ui {

struct PresetEntry {
    QString path;     ///< resource path, ":/presets/auth-api-workers.json"
    QString title;    ///< the scenario's name
    QString summary;  ///< one line
};

struct PresetSection {
    QString title;
    std::vector<PresetEntry> presets;
};

struct PresetComparison {
    QString title;  ///< "Auth API: Workers vs Go servers"
    QString summary;
    QStringList paths;  ///< resource paths, in the order they open
};

struct PresetCatalog {
    std::vector<PresetSection> sections;
    std::vector<PresetComparison> comparisons;
    QStringList problems;  ///< what was wrong with the menu file (shown nowhere but tests)

    /// Reads the bundled menu file against the bundled presets.
    static PresetCatalog bundled();
    /// The entry of a preset, or nullptr.
    const PresetEntry* find(const QString& path) const;
    /// The comparisons a preset is part of.
    std::vector<const PresetComparison*> comparisonsWith(const QString& path) const;
};

}  // namespace archsim::ui
