// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edits the workload: its type and parameters, and for a rate schedule the points themselves, as
// a table and as the chart of the rate over the run (held at the last point's rate to the end).

#include <QWidget>

#include "sim/scenario/scenario.h"
#include "ui/editors/applier.h"
#include "ui/editors/numberfield.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableWidget;

namespace archsim::ui {

class DistributionField;

class WorkloadEditor : public QWidget {
    Q_OBJECT
public:
    explicit WorkloadEditor(Applier applier, QWidget* parent = nullptr);

    void refresh(const Scenario& scenario);
    QComboBox* typeBox() { return m_type; }
    QTableWidget* scheduleTable() { return m_schedule; }
    QCustomPlot* scheduleChart() { return m_chart; }
    NumberField* rateField() { return m_rate; }

private:
    QString apply(const std::function<void(WorkloadSpec&)>& change, const QString& text,
                  const QString& mergeKey = {}, int session = 0);
    void scheduleEdited();
    void drawSchedule();
    NumberField* number(const NumberSpec& spec, const QString& text,
                        std::function<void(WorkloadSpec&, double)> set);
    DistributionField* distribution(const QString& title, const QString& unit, bool optional,
                                    std::function<void(WorkloadSpec&, DistributionPtr)> set);

    Applier m_apply;
    Scenario m_scenario;
    QComboBox* m_type;
    QStackedWidget* m_pages;
    NumberField* m_rate;
    QTableWidget* m_schedule;
    QCustomPlot* m_chart;
    QLabel* m_scheduleError;
    NumberField* m_onRate;
    NumberField* m_offRate;
    DistributionField* m_onDuration;
    DistributionField* m_offDuration;
    NumberField* m_users;
    DistributionField* m_think;
    QLineEdit* m_trace;
    QLabel* m_traceInfo;
    DistributionField* m_payload;
    bool m_filling = false;
};

}  // namespace archsim::ui
