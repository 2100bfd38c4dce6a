// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/topology/diagramstyle.h"

namespace archsim::ui {
namespace {
DiagramStyle g_style;  // the UI thread's only
}  // namespace

const DiagramStyle& diagramStyle() {
    return g_style;
}

void setDiagramStyle(const DiagramStyle& style) {
    g_style = style;
}

}  // namespace archsim::ui
