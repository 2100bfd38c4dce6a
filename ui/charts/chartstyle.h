// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Colours and pens the charts share, so that a category or a line style means the same thing on
// every tab. Scenario colours are not here: the caller chooses them.

#include <QColor>
#include <QPen>
#include <QString>

namespace archsim::ui {

/// How every chart looks at the moment: the window's theme (light or dark) and presenter mode's
/// larger text and lines. One for the UI thread, set by the window; charts read it when they are
/// made and again when the window asks them to (ChartsPanel::applyLook()).
struct ChartLook {
    QColor background{Qt::white};
    QColor foreground{0x20, 0x20, 0x20};  ///< axes, ticks, labels, legend text, title
    QColor grid{200, 200, 200};
    QColor subGrid{225, 225, 225};
    QColor legendKey{70, 70, 70};  ///< keys that explain a line style, not a scenario
    double fontScale = 1;          ///< presenter mode: 1.5 to 2
    double lineScale = 1;          ///< presenter mode: thicker curves that read from the back row
    bool dark = false;

    static ChartLook light();
    static ChartLook darkLook();
    /// Pure black on white (or white on black): what reads on a washed-out projector.
    static ChartLook highContrast(bool dark);
    bool operator==(const ChartLook&) const = default;
};
void setChartLook(const ChartLook& look);
const ChartLook& chartLook();

/// Puts a look in force for as long as it lives: a report is drawn on white paper whatever the
/// window shows.
class ScopedChartLook {
public:
    explicit ScopedChartLook(const ChartLook& look) : m_previous(chartLook()) {
        setChartLook(look);
    }
    ~ScopedChartLook() { setChartLook(m_previous); }
    ScopedChartLook(const ScopedChartLook&) = delete;
    ScopedChartLook& operator=(const ScopedChartLook&) = delete;
    const ChartLook& previous() const { return m_previous; }

private:
    ChartLook m_previous;
};

/// Legend keys that explain a line style rather than a scenario are drawn in this neutral grey
/// (lighter on a dark background).
QColor legendKeyColour();

/// The scenario colour sets: Okabe-Ito (the default), safe for the common kinds of colour
/// blindness; high contrast, dark saturated colours that stand out on white and in projectors.
enum class ScenarioPalette { OkabeIto, HighContrast };
/// The palette scenarioColour() draws from (the window sets it from the settings).
void setScenarioPalette(ScenarioPalette palette);
ScenarioPalette scenarioPalette();

/// The colour of the `index`-th scenario in the current palette, distinct for up to eight
/// scenarios (it repeats from the ninth). On a dark chart look, the colours that would vanish
/// into the background (black, dark blue) are replaced by light ones.
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
