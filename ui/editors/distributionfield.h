// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A distribution-valued property: its one-line description and an Edit button that opens the
// distribution editor. Optional fields (a request size, say) can also be cleared.

#include <QWidget>

#include "sim/random/distribution.h"

class QLabel;
class QPushButton;

namespace archsim::ui {

class DistributionDialog;

class DistributionField : public QWidget {
    Q_OBJECT
public:
    DistributionField(const QString& title, const QString& unit, bool optional,
                      QWidget* parent = nullptr);
    void setDistribution(const DistributionPtr& distribution);
    DistributionPtr distribution() const { return m_distribution; }
    void showError(const QString& message);
    /// Opens the editor (non-blocking); the dialog is returned for tests.
    DistributionDialog* openEditor();

signals:
    /// The user chose a new distribution (nullptr: cleared).
    void committed(archsim::DistributionPtr distribution);

private:
    QString m_title;
    QString m_unit;
    DistributionPtr m_distribution;
    QLabel* m_text;
    QLabel* m_error;
};

}  // namespace archsim::ui
