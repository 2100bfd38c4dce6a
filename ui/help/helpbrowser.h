// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shows the installed documentation (Markdown) in a window of its own: the user guide and the
// scenario format, with their pictures and the links between them; web links open in the browser.

#include <QDialog>

class QTextBrowser;

namespace archsim::ui {

class HelpBrowser : public QDialog {
    Q_OBJECT
public:
    explicit HelpBrowser(QWidget* parent = nullptr);

    /// Shows `file` (e.g. kUserGuideFile) from the docs directory in the window `parent` keeps
    /// (one per parent, raised when open); when the docs are not installed, says where they were
    /// looked for. Returns the window, or nullptr.
    static HelpBrowser* showDocument(QWidget* parent, const QString& file);

    /// Opens `path`; false (and a message in the window) when it cannot be read.
    bool open(const QString& path);
    QTextBrowser* browser() const { return m_browser; }

private:
    /// Scales pictures wider than the page down to its width.
    void fitImages();

    QTextBrowser* m_browser;
};

}  // namespace archsim::ui
