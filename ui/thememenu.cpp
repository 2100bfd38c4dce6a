// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/thememenu.h"

#include <QActionGroup>

#include "ui/appsettings.h"

namespace archsim::ui {

ThemeMenu::ThemeMenu(QWidget* parent) : QMenu(tr("&Theme"), parent) {
    setObjectName(QStringLiteral("themeMenu"));
    auto* group = new QActionGroup(this);
    for (const auto& [theme, label] :
         {std::pair{Theme::System, tr("&System (follows the desktop)")},
          std::pair{Theme::Light, tr("&Light")}, std::pair{Theme::Dark, tr("&Dark")}}) {
        QAction* action = addAction(label);
        action->setObjectName(QStringLiteral("theme:") + themeKey(theme));
        action->setCheckable(true);
        action->setData(static_cast<int>(theme));
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, t = theme] {
            AppSettings::setTheme(t);
            emit themeChosen(t);
        });
    }
    showTheme(AppSettings::theme());
}

void ThemeMenu::showTheme(Theme theme) {
    for (QAction* action : actions())
        action->setChecked(action->data().toInt() == static_cast<int>(theme));
}

}  // namespace archsim::ui
