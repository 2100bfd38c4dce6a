// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edits the workload: its type and parameters, and for a rate schedule the points themselves, as
// a table and as the chart of the rate over the run (held at the last point's rate to the end);
// for a trace, the file and how its rows are read (time column, unit, time base, payload column).

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
    QLineEdit* traceFileEdit() { return m_trace; }
    QLineEdit* timeColumnEdit() { return m_timeColumn; }
    QComboBox* timeUnitBox() { return m_timeUnit; }
    QComboBox* timeBaseBox() { return m_timeBase; }
    QLineEdit* payloadColumnEdit() { return m_payloadColumn; }
    QLineEdit* keyColumnEdit() { return m_keyColumn; }
    QLabel* traceInfo() { return m_traceInfo; }
    DistributionField* payloadField() { return m_payload; }

    /// Where relative trace paths are found (the document's folder); asked at each trace edit.
    void setBaseDirectory(std::function<QString()> baseDirectory);

signals:
    /// "Sweep this field…" on one of the workload's numbers; `path` is its JSON path.
    void sweepRequested(const QString& path);

private:
    QString apply(const std::function<void(WorkloadSpec&)>& change, const QString& text,
                  const QString& mergeKey = {}, int session = 0);
    void scheduleEdited();
    void drawSchedule();
    /// Applies a change to the trace's file or columns, with the arrivals read again from the file
    /// so that the run replays what the fields now say.
    void applyTrace(const QString& text);
    /// The trace page's fields into `w` (file and columns).
    void readTraceFields(WorkloadSpec& w) const;
    void buildTracePage();
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
    QLineEdit* m_timeColumn;
    QComboBox* m_timeUnit;
    QComboBox* m_timeBase;
    QComboBox* m_delimiter;
    QLineEdit* m_payloadColumn;
    QComboBox* m_payloadUnit;
    QLineEdit* m_keyColumn;
    QLabel* m_traceInfo;
    std::function<QString()> m_baseDirectory;
    DistributionField* m_payload;
    bool m_filling = false;
};

}  // namespace archsim::ui
