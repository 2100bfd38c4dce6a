// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/help/helpmenu.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>

#include "ui/help/helpbrowser.h"
#include "ui/help/helpdocs.h"
#include "ui/help/shortcutsdialog.h"

namespace archsim::ui {

void addHelpEntries(QMenu* help, QMainWindow* window) {
    QAction* guide = help->addAction(QMenu::tr("&User Guide"), window, [window] {
        HelpBrowser::showDocument(window, QString::fromLatin1(kUserGuideFile));
    });
    guide->setObjectName(QStringLiteral("userGuideAction"));
    guide->setShortcut(QKeySequence::HelpContents);
    QAction* format = help->addAction(QMenu::tr("&Scenario Format"), window, [window] {
        HelpBrowser::showDocument(window, QString::fromLatin1(kScenarioFormatFile));
    });
    format->setObjectName(QStringLiteral("scenarioFormatAction"));
    QAction* keys = help->addAction(QMenu::tr("&Keyboard Shortcuts"), window, [window] {
        ShortcutsDialog dialog(window);
        dialog.exec();
    });
    keys->setObjectName(QStringLiteral("shortcutsAction"));
    help->addSeparator();
}

}  // namespace archsim::ui
