// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/study/studydocument.h"

#include <QComboBox>

#include "sim/scenario/scenariojson.h"
#include "sim/study/studyfigure.h"

namespace archsim::ui {

StudyScenario studyScenarioOf(const StudyDocument& document, const std::string& label) {
    StudyScenario s{label, document.filePath.toStdString(), scenarioToJson(document.scenario),
                    document.scenario, std::nullopt};
    if (document.scenario.cost && document.pricing) s.pricing = *document.pricing;
    return s;
}

QString issuesText(const ValidationReport& report) {
    QStringList lines;
    for (const ValidationIssue& issue : report.issues())
        lines << QString::fromStdString(issue.toString());
    return lines.join(QLatin1Char('\n'));
}

void fillFigureBox(QComboBox* box, bool withCost, const QString& current, bool withJobs) {
    box->clear();
    for (const StudyFigure& f : studyFigures()) {
        if (f.needsPricing && !withCost) continue;
        if (f.needsJobs && !withJobs) continue;
        box->addItem(QString::fromStdString(f.label), QString::fromStdString(f.key));
    }
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

}  // namespace archsim::ui
