// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Run > Find Limit…: the highest (or lowest) value of one field, the arrival rate by default, at
// which a target holds (p99 at most X ms and/or an error rate at most Y), what `archsim-cli sweep`
// does for a sweep file with a "limit" section. sim/study's limit search decides every point; this
// window collects its inputs, runs it on a worker thread (never the GUI thread) with progress and
// Cancel, and reports the limit with the bracket it lies in and what broke first.

#include <QDialog>
#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <vector>

#include "sim/study/limitsearch.h"
#include "sim/study/sweepablefield.h"
#include "ui/study/studydocument.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace archsim {
class RunControl;
}

namespace archsim::ui {

class LimitDialog : public QDialog {
    Q_OBJECT

public:
    LimitDialog(std::vector<StudyDocument> documents, int current, QWidget* parent = nullptr);
    /// Cancels a search under way and waits for its runs to stop.
    ~LimitDialog() override;

    /// What the form holds; for tests.
    bool selectField(const QString& path);
    void setBounds(double from, double to);
    void setLowest(bool lowest);
    /// A bound of 0 or less is bad input (start() says so); nullopt leaves the target out.
    void setP99Target(std::optional<double> ms);
    void setErrorRateTarget(std::optional<double> fraction);
    void setReplications(int replications, int maxReplications);
    void setTolerance(double fraction);

    /// The limit spec the form describes, as a sweep file's JSON; nullopt with the problem.
    std::optional<nlohmann::json> sweepJson(QString& error) const;
    /// Starts the search (the Find button); false with the problem shown when it cannot.
    bool start();
    void cancel();
    bool running() const { return m_worker.joinable() && !m_finished; }
    /// The last search's result; nullopt before one finished or after a cancel.
    const std::optional<LimitResult>& result() const { return m_result; }
    QString statusText() const;
    QString limitText() const;
    QString brokeText() const;
    QTableWidget* evaluationTable() const { return m_table; }

signals:
    /// A search ended (found, not found, or cancelled).
    void searchEnded();

private:
    void scenarioChanged();
    void fieldChanged();
    void setBusy(bool busy);
    void showProblem(const QString& message);
    void evaluating(double value, int evaluation);
    void ended(std::optional<LimitResult> result, int evaluations);
    void fillTable();

    std::vector<StudyDocument> m_documents;
    std::vector<SweepableField> m_fields;

    QComboBox* m_scenario = nullptr;
    QComboBox* m_field = nullptr;
    QComboBox* m_direction = nullptr;
    QDoubleSpinBox* m_from = nullptr;
    QDoubleSpinBox* m_to = nullptr;
    QCheckBox* m_useP99 = nullptr;
    QDoubleSpinBox* m_p99 = nullptr;
    QCheckBox* m_useErrors = nullptr;
    QDoubleSpinBox* m_errors = nullptr;  ///< in percent
    QSpinBox* m_replications = nullptr;
    QSpinBox* m_maxReplications = nullptr;
    QDoubleSpinBox* m_tolerance = nullptr;  ///< in percent
    QPushButton* m_find = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_limit = nullptr;
    QLabel* m_broke = nullptr;
    QTableWidget* m_table = nullptr;

    std::thread m_worker;
    std::atomic<bool> m_interrupt{false};
    std::mutex m_mutex;                 ///< guards m_active
    std::vector<RunControl*> m_active;  ///< runs under way, cancelled by cancel()
    bool m_finished = true;
    std::optional<LimitResult> m_result;
    std::optional<LimitSpec> m_spec;  ///< of the search under way or last run
};

}  // namespace archsim::ui
