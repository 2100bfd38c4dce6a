// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// File > Import > Azure Functions Trace: the public trace's invocation counts (and duration
// percentiles) become a scenario, as `archsim-cli azure` makes them. A day's invocation file runs
// to hundreds of megabytes, so it is read on a worker thread while the dialog says so; a problem is
// shown in the dialog, which keeps everything typed so the user can fix one field and try again.

#include <QDialog>
#include <QFutureWatcher>
#include <optional>

#include "sim/scenario/azuretrace.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace archsim::ui {

class AzureImportDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AzureImportDialog(QWidget* parent = nullptr);
    ~AzureImportDialog() override;

    /// The scenario built by the last successful import.
    const std::optional<Scenario>& scenario() const { return m_scenario; }
    /// The request the fields describe now, or an error naming the field to fix.
    std::optional<AzureTraceRequest> request(QString& error) const;
    /// Starts reading (what the Import button does); the dialog accepts when it succeeds.
    void startImport();
    /// From a started read until its answer is handled (the worker may be done before that).
    bool busy() const { return m_reading; }

    QLineEdit* invocationsEdit() const { return m_invocations; }
    QLineEdit* durationsEdit() const { return m_durations; }
    QComboBox* levelBox() const { return m_level; }
    QLineEdit* hashEdit() const { return m_hash; }
    QSpinBox* firstMinuteBox() const { return m_firstMinute; }
    QSpinBox* minutesBox() const { return m_minutes; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* importButton() const { return m_importButton; }

signals:
    /// The import ended: with a scenario (then the dialog is accepted) or with `error`.
    void importFinished(bool ok, const QString& error);

private:
    struct Outcome {
        std::optional<Scenario> scenario;
        QString error;
    };
    static Outcome importTrace(const AzureTraceRequest& request);
    void browse(QLineEdit* edit, const QString& title, const QString& pattern);
    void levelChanged();
    void setBusy(bool busy);
    void showError(const QString& error);
    void readFinished();

    QLineEdit* m_invocations;
    QLineEdit* m_durations;
    QComboBox* m_level;
    QLineEdit* m_hash;
    QSpinBox* m_firstMinute;
    QSpinBox* m_minutes;
    QLabel* m_status;
    QProgressBar* m_progress;
    QDialogButtonBox* m_buttons;
    QPushButton* m_importButton = nullptr;
    QFutureWatcher<Outcome> m_watcher;
    std::optional<Scenario> m_scenario;
    bool m_reading = false;
};

}  // namespace archsim::ui
