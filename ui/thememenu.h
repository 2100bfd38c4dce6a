// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// View > Theme: System, Light or Dark, kept in the settings.

#include <QMenu>

#include "ui/theme.h"

namespace archsim::ui {

class ThemeMenu : public QMenu {
    Q_OBJECT
public:
    explicit ThemeMenu(QWidget* parent = nullptr);
    /// Ticks `theme` (the window's choice) without announcing it.
    void showTheme(Theme theme);

signals:
    /// The user chose a theme (already saved in the settings).
    void themeChosen(archsim::ui::Theme theme);
};

}  // namespace archsim::ui
