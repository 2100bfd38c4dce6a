// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Colours and pens the charts share, so that a category or a line style means the same thing on
// every tab. Scenario colours are not here: the caller chooses them.

#include <QColor>
#include <QPen>
#include <QString>

namespace archsim::ui {

/// Legend keys that explain a line style rather than a scenario are drawn in this neutral grey.
inline const QColor kLegendKeyColour(70, 70, 70);

/// The scenario colour sets: Okabe-Ito (the default), safe for the common kinds of colour
/// blindness; high contrast, dark saturated colours that stand out on white and in projectors.
enum class ScenarioPalette { OkabeIto, HighContrast };
/// The palette scenarioColour() draws from (the window sets it from the settings).
void setScenarioPalette(ScenarioPalette palette);
ScenarioPalette scenarioPalette();

/// The colour of the `index`-th scenario in the current palette, distinct for up to eight
/// scenarios (it repeats from the ninth).
QColor scenarioColour(int index);
inline constexpr int kScenarioColourCount = 8;

/// A translucent version of a scenario colour for filled areas and bars behind lines.
inline QColor translucent(QColor colour, int alpha = 60) {
    colour.setAlpha(alpha);
    return colour;
}

/// "1,234", "120", "12.3", "1.25", "0.0123": about three significant digits, thousands grouped.
QString formatNumber(double value);

/// "$1,234", "$12.30", "$0.0123" (or "12.30 EUR" for other currencies); "" means dollars.
QString formatMoney(double value, const QString& currency);

/// "31.3%", "0.12%": a percentage (already multiplied by 100).
QString formatPercent(double percent);

}  // namespace archsim::ui
