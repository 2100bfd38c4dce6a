// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The preferences archsim keeps across starts (QSettings), each under one key with its default
// here: the latency objective drawn on the charts, the logarithmic latency axis, the scenario
// colours, the theme, presenter mode's scale, and the folder file dialogs open in. Each is written
// when it changes, so a crash loses none of them.

#include <QString>

#include "ui/charts/chartstyle.h"
#include "ui/theme.h"

namespace archsim::ui {

class AppSettings {
public:
    static double sloMs();
    static void setSloMs(double sloMs);
    static bool logAxis();
    static void setLogAxis(bool logarithmic);
    static ScenarioPalette palette();
    static void setPalette(ScenarioPalette palette);
    /// View > Theme; System at first.
    static Theme theme();
    static void setTheme(Theme theme);
    /// How much larger presenter mode draws text and lines, kPresenterScaleMin..Max.
    static double presenterScale();
    static void setPresenterScale(double scale);
    /// The folder of the last file opened or saved; the home folder at first.
    static QString lastDirectory();
    static void setLastDirectory(const QString& directory);

    static constexpr double kDefaultSloMs = 10;
    static constexpr double kDefaultPresenterScale = 1.5;
    static constexpr double kPresenterScaleMin = 1.5;
    static constexpr double kPresenterScaleMax = 2.0;
};

}  // namespace archsim::ui
