// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/palettemenu.h"

#include <QActionGroup>

#include "ui/appsettings.h"

namespace archsim::ui {

PaletteMenu::PaletteMenu(QWidget* parent) : QMenu(tr("Scenario &Colours"), parent) {
    setObjectName(QStringLiteral("paletteMenu"));
    auto* group = new QActionGroup(this);
    for (const auto& [palette, label] :
         {std::pair{ScenarioPalette::OkabeIto, tr("&Okabe-Ito (colour-blind safe)")},
          std::pair{ScenarioPalette::HighContrast, tr("&High contrast")}}) {
        QAction* action = addAction(label);
        action->setCheckable(true);
        action->setChecked(scenarioPalette() == palette);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, p = palette] {
            if (scenarioPalette() == p) return;
            setScenarioPalette(p);
            AppSettings::setPalette(p);
            emit paletteChanged();
        });
    }
}

}  // namespace archsim::ui
