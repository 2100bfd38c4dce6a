// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Run > Sweep…: what `archsim-cli sweep` does, in the window. One or more of the open scenarios
// (the ticked ones by default), one field or two, each over a range (linear or logarithmic) or a
// list of values, R replications per point on common random numbers, any figure of
// sim/study/studyfigure. One field: each scenario's curve with its 95% band, and every crossover
// between two scenarios marked on the plot and listed under it. Two fields: a heatmap of one
// scenario at a time with its colour scale, the cell under the mouse read out.
//
// sim/study does every computation (the plan, the runs, the result document with its crossovers
// and grid); this window only collects the sweep and draws the result. The sweep runs on a worker
// thread (never the GUI thread) with a progress bar; Cancel stops it and keeps the points whose
// replications all finished. The result exports as the JSON archsim-cli writes, the plot as PNG,
// and the sweep itself saves as a sweep file the command line runs.

#include <QDialog>
#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <vector>

#include "sim/study/sweepablefield.h"
#include "ui/study/studydocument.h"

class QCheckBox;
class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;

namespace archsim {
struct SweepShard;
}

namespace archsim::ui {

class SweepDialog : public QDialog {
    Q_OBJECT

public:
    /// `documents`: the scenarios the window may sweep; the fields offered are those of
    /// documents[current].
    SweepDialog(std::vector<StudyDocument> documents, int current, QWidget* parent = nullptr);
    /// One scenario (tests, callers with a single scenario).
    SweepDialog(const Scenario& scenario, std::shared_ptr<const PricingTable> pricing,
                QWidget* parent = nullptr);
    /// Cancels a sweep under way and waits for its runs to stop (they stop within a slice).
    ~SweepDialog() override;

    /// What the form holds; for tests and for the properties editor's "Sweep this field…".
    bool selectField(const QString& path);
    QString selectedField() const;
    void setRange(double from, double to, int steps, bool log);
    /// Field 1 as a list of values ("10, 20, 40"); the text is kept as typed.
    void setValues(const QString& values);
    /// A second field (nothing: back to one field).
    bool setSecondField(const QString& path);
    void clearSecondField();
    void setSecondRange(double from, double to, int steps, bool log);
    void setSecondValues(const QString& values);
    void setReplications(int replications);
    void setFigure(const QString& key);
    void setScenarioChosen(int index, bool chosen);
    /// The scenario the heatmap shows (an index into the result's scenarios).
    void setHeatmapScenario(int index);

    /// Starts the sweep (what the Run button does); false with the problem shown when it cannot.
    bool start();
    void cancel();
    bool running() const { return m_worker.joinable() && !m_finished; }
    /// The result of the last sweep (sweepResultJson, exactly as archsim-cli writes it); null
    /// before one finished.
    const nlohmann::json& result() const { return m_result; }
    QString statusText() const;
    QCustomPlot* plot() const { return m_plot; }
    /// The heatmap of a two-field sweep (nullptr otherwise).
    QCPColorMap* colorMap() const { return m_colorMap; }
    /// The crossovers listed under the plot: one row each.
    QTableWidget* crossoverTable() const { return m_crossovers; }
    /// What the heatmap says of cell (row of field 1, column of field 2): the hover text.
    QString cellText(int row, int column) const;

    /// The sweep as a sweep file, scenario files relative to `directory`; nullopt with the
    /// problem in `error` (a field's bad input, a scenario never saved).
    std::optional<nlohmann::json> sweepFileJson(const QString& directory, QString& error) const;
    /// Writes the sweep file / the result / the plot; "" or the problem.
    QString saveSweepFile(const QString& path);
    QString exportResult(const QString& path);
    QString exportPng(const QString& path);

signals:
    /// A sweep ended (finished, or cancelled with what finished); result() holds it.
    void sweepEnded();

private:
    /// The controls of one swept field.
    struct FieldBox {
        QWidget* box = nullptr;
        QComboBox* field = nullptr;
        QComboBox* mode = nullptr;  ///< Range or List
        QStackedWidget* pages = nullptr;
        QDoubleSpinBox* from = nullptr;
        QDoubleSpinBox* to = nullptr;
        QSpinBox* steps = nullptr;
        QCheckBox* log = nullptr;
        QLineEdit* values = nullptr;
    };

    void build(int current);
    FieldBox makeFieldBox(const QString& title);
    void fieldChanged(FieldBox& box);
    /// The sweep file's "fields" entry of a box; nullopt with a message naming the field.
    std::optional<nlohmann::json> fieldJson(const FieldBox& box, const QString& name,
                                            QString& error) const;
    /// The sweep as JSON with `scenarios` given; nullopt with the problem.
    std::optional<nlohmann::json> sweepJson(const nlohmann::json& scenarios, QString& error) const;
    std::vector<int> chosenScenarios() const;
    void showProblem(const QString& message);
    void progressed(int done, int total);
    void ended(std::shared_ptr<SweepShard> shard);
    void replot();
    void plotCurves(const std::string& key);
    void plotHeatmap(const std::string& key);
    void listCrossovers(const std::string& key);
    void hover(QMouseEvent* event);
    void setBusy(bool busy);
    void chooseAndSaveSweep();
    void chooseAndExportResult();
    void chooseAndExportPng();

    std::vector<StudyDocument> m_documents;
    std::vector<SweepableField> m_fields;  ///< of the current document

    QListWidget* m_scenarios = nullptr;
    FieldBox m_first;
    FieldBox m_second;
    QCheckBox* m_useSecond = nullptr;
    QSpinBox* m_replications = nullptr;
    QComboBox* m_figure = nullptr;
    QComboBox* m_heatmapScenario = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_exportJson = nullptr;
    QPushButton* m_exportPng = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_hover = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPColorMap* m_colorMap = nullptr;
    QCPColorScale* m_colorScale = nullptr;
    QTableWidget* m_crossovers = nullptr;

    std::thread m_worker;
    std::atomic<bool> m_interrupt{false};
    bool m_finished = true;
    nlohmann::json m_result;
};

}  // namespace archsim::ui
