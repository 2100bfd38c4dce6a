// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/theme.h"

#include <QApplication>
#include <optional>

namespace archsim::ui {
namespace {

std::optional<QPalette>& captured() {
    static std::optional<QPalette> palette;  // the UI thread's only
    return palette;
}

// Every role of every colour group, from a few base colours.
QPalette makePalette(const QColor& window, const QColor& text, const QColor& base,
                     const QColor& alternate, const QColor& button, const QColor& highlight,
                     const QColor& highlightedText, const QColor& link,
                     const QColor& disabledText) {
    QPalette palette;
    for (auto group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        const bool disabled = group == QPalette::Disabled;
        palette.setColor(group, QPalette::Window, window);
        palette.setColor(group, QPalette::WindowText, disabled ? disabledText : text);
        palette.setColor(group, QPalette::Base, base);
        palette.setColor(group, QPalette::AlternateBase, alternate);
        palette.setColor(group, QPalette::ToolTipBase, base);
        palette.setColor(group, QPalette::ToolTipText, text);
        palette.setColor(group, QPalette::PlaceholderText, disabledText);
        palette.setColor(group, QPalette::Text, disabled ? disabledText : text);
        palette.setColor(group, QPalette::Button, button);
        palette.setColor(group, QPalette::ButtonText, disabled ? disabledText : text);
        palette.setColor(group, QPalette::BrightText, Qt::red);
        palette.setColor(group, QPalette::Highlight, disabled ? button : highlight);
        palette.setColor(group, QPalette::HighlightedText, highlightedText);
        palette.setColor(group, QPalette::Link, link);
        palette.setColor(group, QPalette::LinkVisited, link.darker(120));
        palette.setColor(group, QPalette::Light, button.lighter(150));
        palette.setColor(group, QPalette::Midlight, button.lighter(120));
        palette.setColor(group, QPalette::Mid, button.darker(130));
        palette.setColor(group, QPalette::Dark, button.darker(180));
        palette.setColor(group, QPalette::Shadow, Qt::black);
    }
    return palette;
}

}  // namespace

QString themeKey(Theme theme) {
    switch (theme) {
        case Theme::Light:
            return QStringLiteral("light");
        case Theme::Dark:
            return QStringLiteral("dark");
        case Theme::System:
            break;
    }
    return QStringLiteral("system");
}

Theme themeFromKey(const QString& key) {
    if (key == QLatin1String("light")) return Theme::Light;
    if (key == QLatin1String("dark")) return Theme::Dark;
    return Theme::System;
}

const QPalette& systemPalette() {
    if (!captured()) captured() = QApplication::palette();
    return *captured();
}

void setSystemPalette(const QPalette& palette) {
    captured() = palette;
}

bool isDarkPalette(const QPalette& palette) {
    return palette.color(QPalette::Active, QPalette::Window).lightness() < 128;
}

bool themeIsDark(Theme theme) {
    switch (theme) {
        case Theme::Light:
            return false;
        case Theme::Dark:
            return true;
        case Theme::System:
            break;
    }
    return isDarkPalette(systemPalette());
}

QPalette themePalette(Theme theme) {
    switch (theme) {
        case Theme::Light:
            return lightPalette();
        case Theme::Dark:
            return darkPalette();
        case Theme::System:
            break;
    }
    return systemPalette();
}

QPalette lightPalette() {
    return makePalette(QColor(0xef, 0xf0, 0xf1), QColor(0x1d, 0x1d, 0x1f), Qt::white,
                       QColor(0xf5, 0xf6, 0xf7), QColor(0xe8, 0xe9, 0xeb), QColor(0x1e, 0x6f, 0xd9),
                       Qt::white, QColor(0x1a, 0x5f, 0xb4), QColor(0x80, 0x80, 0x80));
}

QPalette darkPalette() {
    // Not black: a dark grey lets panels, fields and the charts' background be told apart.
    return makePalette(QColor(0x2b, 0x2e, 0x33), QColor(0xe6, 0xe6, 0xe6), QColor(0x1e, 0x21, 0x26),
                       QColor(0x26, 0x29, 0x2e), QColor(0x3a, 0x3e, 0x45), QColor(0x3d, 0x8e, 0xf0),
                       Qt::white, QColor(0x7c, 0xb8, 0xff), QColor(0x8a, 0x8f, 0x98));
}

QPalette projectorPalette(bool dark) {
    if (dark)
        return makePalette(QColor(0x10, 0x10, 0x10), Qt::white, Qt::black, QColor(0x1a, 0x1a, 0x1a),
                           QColor(0x30, 0x30, 0x30), QColor(0xff, 0xd0, 0x00), Qt::black,
                           QColor(0x80, 0xc8, 0xff), QColor(0xb0, 0xb0, 0xb0));
    return makePalette(Qt::white, Qt::black, Qt::white, QColor(0xf2, 0xf2, 0xf2),
                       QColor(0xe0, 0xe0, 0xe0), QColor(0x00, 0x3e, 0xb3), Qt::white,
                       QColor(0x00, 0x3e, 0xb3), QColor(0x50, 0x50, 0x50));
}

}  // namespace archsim::ui
