// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Run > Sweep…: one field of the current scenario over a range, R replications per point on
// common random numbers, and a figure plotted against the swept value with its 95% confidence
// band. The sweep runs on a worker thread (never the GUI thread) with a progress bar; Cancel
// stops it and keeps the points whose replications all finished.

#include <QDialog>
#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "sim/cost/pricing.h"
#include "sim/scenario/scenario.h"
#include "sim/study/sweepablefield.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace archsim {
struct SweepShard;
}

namespace archsim::ui {

class SweepDialog : public QDialog {
    Q_OBJECT

public:
    SweepDialog(const Scenario& scenario, std::shared_ptr<const PricingTable> pricing,
                QWidget* parent = nullptr);
    /// Cancels a sweep under way and waits for its runs to stop (they stop within a slice).
    ~SweepDialog() override;

    /// For tests: choose the field by path, the range and the replications.
    bool selectField(const QString& path);
    void setRange(double from, double to, int steps, bool log);
    void setReplications(int replications);
    void setFigure(const QString& key);
    /// Starts the sweep (what the Run button does); false with the problem shown when it cannot.
    bool start();
    void cancel();
    bool running() const { return m_worker.joinable() && !m_finished; }
    /// The result of the last sweep (sweepResultJson); null before one finished.
    const nlohmann::json& result() const { return m_result; }
    QString statusText() const;
    QCustomPlot* plot() const { return m_plot; }

signals:
    /// A sweep ended (finished, or cancelled with what finished); result() holds it.
    void sweepEnded();

private:
    void fieldChanged();
    void progressed(int done, int total);
    void ended(std::shared_ptr<SweepShard> shard);
    void replot();
    void setBusy(bool busy);

    Scenario m_scenario;
    nlohmann::json m_scenarioJson;
    std::shared_ptr<const PricingTable> m_pricing;
    std::vector<SweepableField> m_fields;

    QComboBox* m_field = nullptr;
    QDoubleSpinBox* m_from = nullptr;
    QDoubleSpinBox* m_to = nullptr;
    QSpinBox* m_steps = nullptr;
    QCheckBox* m_log = nullptr;
    QSpinBox* m_replications = nullptr;
    QComboBox* m_figure = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QCustomPlot* m_plot = nullptr;

    std::thread m_worker;
    std::atomic<bool> m_interrupt{false};
    bool m_finished = true;
    nlohmann::json m_result;
};

}  // namespace archsim::ui
