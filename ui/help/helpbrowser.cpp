// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/help/helpbrowser.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include "ui/help/helpdocs.h"

namespace archsim::ui {

HelpBrowser::HelpBrowser(QWidget* parent) : QDialog(parent), m_browser(new QTextBrowser(this)) {
    setObjectName(QStringLiteral("helpBrowser"));
    setWindowTitle(tr("archsim Help"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    auto* layout = new QVBoxLayout(this);
    m_browser->setOpenExternalLinks(true);
    m_browser->setAccessibleName(tr("Documentation"));
    m_browser->setAccessibleDescription(
        tr("The page's text; links open other pages, Alt+Left goes back"));
    layout->addWidget(m_browser, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* back = buttons->addButton(tr("Back"), QDialogButtonBox::ActionRole);
    back->setEnabled(false);
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QPushButton::setEnabled);
    connect(back, &QPushButton::clicked, m_browser, &QTextBrowser::backward);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    layout->addWidget(buttons);
    connect(m_browser, &QTextBrowser::sourceChanged, this, [this](const QUrl& url) {
        setWindowTitle(tr("archsim Help: %1")
                           .arg(m_browser->documentTitle().isEmpty()
                                    ? QFileInfo(url.toLocalFile()).fileName()
                                    : m_browser->documentTitle()));
    });
    resize(900, 700);
}

bool HelpBrowser::open(const QString& path) {
    if (!QFileInfo(path).isReadable()) {
        m_browser->setPlainText(tr("Cannot read %1.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    // Relative pictures (screenshots/...) and links (scenario-format.md) resolve from the page.
    m_browser->setSearchPaths({QFileInfo(path).absolutePath()});
    m_browser->setSource(QUrl::fromLocalFile(path), QTextDocument::MarkdownResource);
    return true;
}

HelpBrowser* HelpBrowser::showDocument(QWidget* parent, const QString& file) {
    const QString directory = docsDirectory();
    if (directory.isEmpty()) {
        QMessageBox::warning(parent, tr("Help"),
                             tr("The documentation is not installed: no %1 next to the program "
                                "(../share/doc/archsim) or under the configured prefix.")
                                 .arg(QString::fromLatin1(kUserGuideFile)));
        return nullptr;
    }
    auto* window = parent ? parent->findChild<HelpBrowser*>(QStringLiteral("helpBrowser"),
                                                            Qt::FindDirectChildrenOnly)
                          : nullptr;
    if (!window) window = new HelpBrowser(parent);
    window->open(QDir(directory).filePath(file));
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

}  // namespace archsim::ui
