// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/help/helpbrowser.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QMessageBox>
#include <QPushButton>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextImageFormat>
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
        fitImages();
        setWindowTitle(tr("archsim Help: %1")
                           .arg(m_browser->documentTitle().isEmpty()
                                    ? QFileInfo(url.toLocalFile()).fileName()
                                    : m_browser->documentTitle()));
    });
    resize(900, 700);
}

void HelpBrowser::fitImages() {
    // Screenshots are 1920 pixels wide: shown at that size they would push the text sideways.
    // The dialog's width, not the viewport's: before the first show the viewport has no size yet.
    const int widest = std::max(400, width() - 80);
    QTextDocument* document = m_browser->document();
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.charFormat().isImageFormat()) continue;
            QTextImageFormat image = fragment.charFormat().toImageFormat();
            const QVariant resource =
                document->resource(QTextDocument::ImageResource, QUrl(image.name()));
            const QImage picture = resource.value<QImage>();
            if (picture.isNull() || picture.width() <= widest) continue;
            image.setWidth(widest);
            image.setHeight(static_cast<double>(picture.height()) * widest / picture.width());
            QTextCursor cursor(document);
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            cursor.setCharFormat(image);
        }
    }
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
