// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edits one distribution: a family picker, the family's parameters (natively, or as percentiles
// where architects think in them: median and p99 for a lognormal, a percentile table for an
// empirical distribution), and a small preview of its density or CDF with p50 and p99 marked.
// Every change is read back through the engine's distributionFromJson, so the editor accepts
// exactly what a scenario file may hold and shows the engine's own message otherwise.

#include <QWidget>

#include "sim/random/distribution.h"

class QButtonGroup;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QStackedWidget;
class QTableWidget;

namespace archsim::ui {

class DistributionEditor : public QWidget {
    Q_OBJECT
public:
    explicit DistributionEditor(QWidget* parent = nullptr);

    /// Shows `distribution` (nullptr shows a default exponential).
    void setDistribution(const DistributionPtr& distribution);
    /// The last valid distribution entered.
    DistributionPtr distribution() const { return m_current; }
    /// The problem with what is entered now, or empty when it is valid.
    QString errorText() const;
    /// The unit of the values, for labels ("ms", "s", "KB").
    void setUnit(const QString& unit);

    QComboBox* familyBox() { return m_family; }
    QCustomPlot* preview() { return m_plot; }
    /// Sets one named parameter's text and re-reads (for tests and scripted edits).
    bool setParameterText(const QString& name, const QString& text);

signals:
    /// A new valid distribution was entered.
    void distributionChanged();

private:
    void buildPages();
    QWidget* parameterPage(const QStringList& names);
    void familyChosen(int index);
    void reread();
    nlohmann::json currentJson(QString* error) const;
    void showJson(const nlohmann::json& json);
    void updatePreview();

    QComboBox* m_family;
    QStackedWidget* m_pages;
    QLabel* m_error;
    QLabel* m_summary;
    QComboBox* m_plotMode;
    QCustomPlot* m_plot;
    QString m_unit = QStringLiteral("ms");
    // Parameter inputs by family and name ("lognormal/median").
    std::map<QString, QLineEdit*> m_inputs;
    QRadioButton* m_lognormalPercentiles = nullptr;
    QRadioButton* m_lognormalNative = nullptr;
    QTableWidget* m_points = nullptr;
    QPlainTextEdit* m_advanced = nullptr;
    DistributionPtr m_current;
    bool m_loading = false;
};

}  // namespace archsim::ui
