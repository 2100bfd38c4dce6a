// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The window's colours: the system's (the palette the desktop gave archsim), a light one or a
// dark one; and the projector palette presenter mode uses over either. The chart look and the
// diagram follow the same choice, so a dark window never shows white charts.
//
// Qt 6.4 cannot ask the desktop for its colour scheme (QStyleHints::colorScheme() came later),
// so System decides from the lightness of the system palette's window colour.

#include <QPalette>
#include <QString>

namespace archsim::ui {

enum class Theme { System, Light, Dark };

/// "system", "light", "dark": the settings' spelling; unknown text reads as System.
QString themeKey(Theme theme);
Theme themeFromKey(const QString& key);

/// The palette the application had before archsim changed it (captured on the first call).
const QPalette& systemPalette();
/// Replaces what systemPalette() returns (the desktop switched scheme; tests).
void setSystemPalette(const QPalette& palette);

/// A palette reads as dark when its window colour is darker than mid-grey.
bool isDarkPalette(const QPalette& palette);
/// Whether `theme` gives a dark window (System: whether the system palette is dark).
bool themeIsDark(Theme theme);
/// The application palette for `theme` (System: the system palette, unchanged).
QPalette themePalette(Theme theme);

QPalette lightPalette();
QPalette darkPalette();
/// Presenter mode: pure black on white (or white on black) and a strong selection colour, which
/// survive a projector's washed-out contrast.
QPalette projectorPalette(bool dark);

}  // namespace archsim::ui
