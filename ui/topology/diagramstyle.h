// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How the topology diagram is drawn at the moment: light or dark (the window's theme), and how
// much larger its text is (presenter mode). One for the UI thread; the view sets it and repaints.

#include <QColor>

namespace archsim::ui {

struct DiagramStyle {
    bool dark = false;
    double textScale = 1;

    QColor background() const { return dark ? QColor(0x16, 0x19, 0x1d) : QColor(0xfa, 0xfb, 0xfc); }
    QColor card() const { return dark ? QColor(0x26, 0x2a, 0x31) : QColor(Qt::white); }
    QColor text() const { return dark ? QColor(0xf0, 0xf0, 0xf0) : QColor(0x20, 0x20, 0x20); }
    QColor secondaryText() const {
        return dark ? QColor(0xc4, 0xc8, 0xce) : QColor(0x50, 0x50, 0x50);
    }
    QColor edge() const { return dark ? QColor(0x9a, 0xa6, 0xb6) : QColor(0x60, 0x6a, 0x78); }
    QColor edgeLabel() const { return dark ? QColor(0xd0, 0xd6, 0xde) : QColor(0x40, 0x48, 0x55); }
    QColor labelBox() const {
        return dark ? QColor(0x16, 0x19, 0x1d, 230) : QColor(255, 255, 255, 230);
    }
};

const DiagramStyle& diagramStyle();
void setDiagramStyle(const DiagramStyle& style);

}  // namespace archsim::ui
