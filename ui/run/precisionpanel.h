// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Run panel's "Replications: until precise": replications of the scenario on screen until the
// 95% confidence interval of a figure's mean is within a relative half-width of it, or a cap.
// sim/study's precision stop decides when to stop (after each replication in index order, so the
// count is the same on any number of cores); this panel runs it on a worker thread, never the GUI
// thread, shows the replications done and the half-width reached, and cancels on request.

#include <QWidget>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

#include "sim/study/precisionstop.h"
#include "ui/study/studydocument.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace archsim::ui {

class PrecisionPanel : public QWidget {
    Q_OBJECT

public:
    /// `scenario` gives the scenario to run when asked (nullopt: none open).
    explicit PrecisionPanel(std::function<std::optional<StudyDocument>()> scenario,
                            QWidget* parent = nullptr);
    /// Cancels replications under way and waits for them to stop.
    ~PrecisionPanel() override;

    /// The option is ticked: the fields show and the Replications setting gives way to it.
    bool untilPrecise() const;
    void setUntilPrecise(bool on);
    void setFigure(const QString& key);
    /// The target as a fraction (0.05 = +-5%) and the cap.
    void setTarget(double relativeHalfWidth, int cap);

    /// Starts (the panel's Run button); false with the problem shown when it cannot.
    bool start();
    void cancel();
    bool running() const { return m_worker.joinable() && !m_finished; }
    /// The last finished study; nullopt before one.
    const std::optional<PrecisionResult>& result() const { return m_result; }
    QString statusText() const;
    QProgressBar* progressBar() const { return m_progress; }

signals:
    void untilPreciseChanged(bool on);
    /// A study ended (reached, capped or cancelled); result() holds it.
    void precisionEnded();

private:
    void setBusy(bool busy);
    void progressed(unsigned replications, double relativeHalfWidth);
    void ended(std::shared_ptr<PrecisionResult> result);

    std::function<std::optional<StudyDocument>()> m_scenario;
    QCheckBox* m_on = nullptr;
    QWidget* m_details = nullptr;
    QComboBox* m_figure = nullptr;
    QDoubleSpinBox* m_target = nullptr;  ///< percent
    QSpinBox* m_cap = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;

    std::thread m_worker;
    std::atomic<bool> m_interrupt{false};
    bool m_finished = true;
    std::optional<PrecisionResult> m_result;
    QString m_figureLabel;  ///< of the study under way
    QString m_figureUnit;
};

}  // namespace archsim::ui
