// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// View > Scenario Colours: the palette scenarios are drawn in, kept in the settings.

#include <QMenu>

namespace archsim::ui {

class PaletteMenu : public QMenu {
    Q_OBJECT
public:
    explicit PaletteMenu(QWidget* parent = nullptr);

signals:
    /// The user chose another palette (already applied and saved).
    void paletteChanged();
};

}  // namespace archsim::ui
