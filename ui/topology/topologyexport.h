// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The topology diagram outside the window: as a picture (SVG, which stays vector, or PNG) drawn by
// the same items the window shows, and as Mermaid text (a `flowchart LR` of the same graph, every
// component with its label and every arrow), which design documents and wikis render themselves.

#include <QByteArray>
#include <QSize>
#include <QString>

#include "sim/scenario/scenario.h"

class QWidget;

namespace archsim::ui {

/// The diagram as an SVG document `width` wide (as tall as the diagram needs); `size` receives
/// the size. Small diagrams are not blown up past 1.25x.
QByteArray topologySvg(const Scenario& scenario, int width, QSize* size = nullptr,
                       const QString& title = {});

/// The same graph as Mermaid flowchart text: one node per box, one link per arrow (dashed where
/// only some requests take it), arrow labels kept.
QString topologyMermaid(const Scenario& scenario);

/// Writes the diagram to `path` by suffix: .svg, .png (`scale` pixels per diagram pixel) or
/// .mmd/.md (Mermaid text). False with `error` naming the problem.
bool exportTopology(const Scenario& scenario, const QString& path, QString* error = nullptr,
                    double scale = 2);

/// Asks where (SVG, PNG, Mermaid or Markdown, in the folder of the last export, named after the
/// scenario) and writes the diagram; a failure is shown in a message box.
void exportTopologyInteractively(QWidget* parent, const Scenario& scenario);

}  // namespace archsim::ui
