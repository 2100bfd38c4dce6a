// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A scenario a study window offers: one of the documents open in the main window, as it is now
// (unsaved edits included), with its file (for relative paths and for sweep files) and prices.
// The study windows hand these to sim/study, which does every computation.

#include <QString>
#include <memory>
#include <string>
#include <vector>

#include "sim/cost/pricing.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/validation.h"
#include "sim/study/studyscenario.h"

class QComboBox;

namespace archsim::ui {

struct StudyDocument {
    QString name;      ///< shown in lists and legends
    QString filePath;  ///< "" when never saved
    Scenario scenario;
    std::shared_ptr<const PricingTable> pricing;
    bool ticked = true;  ///< chosen by default (the documents ticked for comparison)
};

/// The document as sim/study's scenario: its JSON as the engine writes it, its file (relative
/// paths inside it resolve against the file's folder), its prices when it has a cost section.
StudyScenario studyScenarioOf(const StudyDocument& document, const std::string& label);

/// Every problem of a report, one a line.
QString issuesText(const ValidationReport& report);

/// Fills `box` with the figures of sim/study (those needing prices only when `withCost`, job
/// figures only when `withJobs`), the key as item data, and selects `current`.
void fillFigureBox(QComboBox* box, bool withCost, const QString& current, bool withJobs = true);

}  // namespace archsim::ui
