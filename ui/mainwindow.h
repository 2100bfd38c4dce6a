// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The desktop application's window: open scenarios (Scenarios workspace), the topology diagram,
// the properties editor and the run controls as dockable panels around the charts.
//
// The window owns the documents and wires the panels to them; it never runs a simulation itself
// (RunController does, on worker threads). After the first run, every edit of a scenario that is
// being shown re-runs what is shown (debounced by the controller), so a what-if is one edit away.
// Modal questions go through an injectable Asker, and load errors appear in a non-blocking dialog,
// so tests drive the window without ever blocking on a message box.

#include <QMainWindow>
#include <QMessageBox>
#include <QTimer>
#include <QUndoGroup>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "sim/cost/pricing.h"
#include "sim/scenario/scenario.h"
#include "ui/document/componentref.h"
#include "ui/study/studydocument.h"
#include "ui/theme.h"

class QAction;
class QComboBox;
class QDialog;
class QDockWidget;
class QDoubleSpinBox;
class QLabel;
class QMenu;
class QProgressBar;
class QCheckBox;
class QSpinBox;

namespace archsim::ui {

class AutosaveStore;
class AzureImportDialog;
class BaselineStore;
struct DataRun;
class RunRecorder;
class ChartsPanel;
class PresenterMode;
class PropertiesEditor;
class ThemeMenu;
class LessonPanel;
class RunController;
struct RunRequest;
class ScenarioAbout;
struct PresetCatalog;
class ScenarioDocument;
class ScenarioList;
class PrecisionPanel;
class LimitDialog;
class SweepDialog;
class TopologyView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// Asks a question; returns the button chosen. Tests replace it to answer without a dialog.
    using Asker = std::function<QMessageBox::StandardButton(
        const QString& title, const QString& text, QMessageBox::StandardButtons buttons)>;

    /// `autosaveDirectory` empty: AppDataLocation/autosave.
    explicit MainWindow(const QString& autosaveDirectory = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Documents.
    /// Opens a scenario file; on failure shows every problem and keeps the current work.
    ScenarioDocument* openFile(const QString& path);
    /// Opens a bundled preset by file name ("mmc-queue.json") or resource path.
    ScenarioDocument* openPreset(const QString& name);
    /// Opens presets side by side (a comparison of the Presets menu): each is opened, they are
    /// ticked for comparison and every other scenario is unticked, so Run compares exactly them.
    std::vector<ScenarioDocument*> openComparison(const QStringList& presets);
    /// Opens a scenario built elsewhere (a lesson step's preset with its changes) as a read-only
    /// preset document; `presetSource` names the preset it came from.
    ScenarioDocument* openScenario(Scenario scenario, const QString& presetSource);
    ScenarioDocument* newScenario();
    /// File > Import > Azure Functions Trace: opens the dialog (the imported scenario becomes a new,
    /// unsaved document).
    AzureImportDialog* importAzureTrace();
    /// An editable copy of the current scenario, "<name> (copy)", in a document of its own.
    ScenarioDocument* duplicateScenario();
    bool save();
    bool saveAs(const QString& path = {});
    /// Closes a document, asking about unsaved changes; false if the user cancelled.
    bool closeDocument(ScenarioDocument* document);
    const std::vector<ScenarioDocument*>& documents() const { return m_documents; }
    ScenarioDocument* currentDocument() const { return m_current; }
    void setCurrentDocument(ScenarioDocument* document);
    /// Every bundled preset, as resource paths (":/presets/mmc-queue.json").
    static QStringList presetPaths();

    // Runs.
    void startRun();
    /// Starts what documentsToRun() names from the beginning, even while a run goes on.
    void startFreshRun();
    void setPaused(bool paused);
    /// Space in presenter mode: starts a run (the lesson step's, in a lesson) when none goes on,
    /// else pauses or resumes it.
    void toggleRun();
    void step();
    void stop();
    /// Index into the speed selector: 0 = real time ... 4 = as fast as possible.
    void setSpeedIndex(int index);
    bool isRunning() const;
    /// The documents the next run shows: always the current one; with the other compared ones
    /// when the current one is compared and there are two or more, else alone.
    std::vector<ScenarioDocument*> documentsToRun() const;
    /// Run > Sweep…: the open documents (the ticked ones chosen), `path` as the swept field when
    /// given; the dialog, or nullptr with no scenario open.
    SweepDialog* openSweep(const QString& path = {});
    /// Run > Find Limit…: the limit search of the current scenario (others choosable).
    LimitDialog* openFindLimit();
    /// Independent replications per run (Run panel), 1..1000.
    int replications() const;
    void setReplications(int replications);
    /// Freezes the current scenario's latest results as a baseline on every chart; false when
    /// it has none yet.
    bool keepBaseline();
    void clearBaseline();
    /// The latency objective the charts draw: the current scenario's own `slo` when it has one,
    /// else that of the first scenario the next run shows that has one, else the Run panel's
    /// SLO setting.
    double sloMs() const;
    /// One sentence naming what Run starts ("Run compares A and B."), shown in the Run panel
    /// and the Run action's tooltip.
    QString runTargetText() const;

    // Autosave.
    /// Writes every modified document to the autosave folder now.
    void autosaveNow();
    /// Offers the work a crashed session left; returns how many documents were recovered.
    int recoverAutosaves();

    /// The size of a first window on a screen with `available` room (no saved geometry yet).
    static QSize defaultSize(const QSize& available);
    /// Puts every panel back where it was at first start (View > Reset Layout).
    void resetLayout();
    /// Gives the docks their default sizes for the window's current size.
    void applyDefaultDockSizes();

    /// View > Theme: the window's palette, the charts and the diagram (kept in the settings by
    /// the menu; this applies it).
    void setTheme(Theme theme);
    Theme theme() const { return m_theme; }
    /// Puts the theme and presenter mode's scale on the charts and the diagram.
    void applyAppearance();
    PresenterMode* presenterMode() const { return m_presenter; }
    QDockWidget* topologyDock() const { return m_topologyDock; }

    void setAsker(Asker asker) { m_ask = std::move(asker); }
    /// The problems shown by the last failed load (empty if none), and the dialog showing them.
    QStringList lastLoadErrors() const { return m_lastLoadErrors; }
    QDialog* loadErrorDialog() const { return m_errorDialog; }

    RunController* runController() const { return m_runs; }
    ChartsPanel* chartsPanel() const { return m_charts; }
    TopologyView* topologyView() const { return m_topology; }
    PropertiesEditor* propertiesEditor() const { return m_properties; }
    LessonPanel* lessonPanel() const { return m_lessons; }
    ScenarioAbout* scenarioAbout() const { return m_about; }
    QDockWidget* lessonDock() const { return m_lessonDock; }
    QDockWidget* aboutDock() const { return m_aboutDock; }
    QMenu* presetMenu() const { return m_presetMenu; }
    /// Shows the lesson panel (Help > Lessons…), with the keyboard in its lesson picker.
    void showLessons();
    ScenarioList* scenarioList() const { return m_list; }
    QUndoGroup* undoGroup() { return &m_undoGroup; }
    QLabel* clockLabel() const { return m_clock; }
    QProgressBar* progressBar() const { return m_progress; }
    QAction* runAction() const { return m_runAction; }
    QAction* pauseAction() const { return m_pauseAction; }
    QAction* stepAction() const { return m_stepAction; }
    QAction* stopAction() const { return m_stopAction; }
    QAction* undoAction() const { return m_undoAction; }
    QAction* redoAction() const { return m_redoAction; }

signals:
    /// Every run of the latest start has finished (for --screenshot and tests).
    void runsFinished();
    /// The runs and the cost sweeps they started have all finished.
    void idle();
    /// The simulated clock shows `text` now.
    void clockChanged(const QString& text);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildDocks();
    void buildPresetMenu(QMenu* menu);
    QWidget* buildRunPanel();
    void connectRuns();
    void restoreSettings();
    void saveSettings();

    ScenarioDocument* addDocument(Scenario scenario, const QString& path, bool preset);
    void removeDocument(ScenarioDocument* document);
    void documentEdited(ScenarioDocument* document);
    void showLoadErrors(const QString& source, const QStringList& problems);
    bool maybeSave(ScenarioDocument* document);
    bool saveDocument(ScenarioDocument* document, const QString& path);
    void addRecentFile(const QString& path);
    void updateRecentMenu();
    void updateTitle();
    void updateRunActions();
    void updateProgress();
    std::vector<RunRequest> requests() const;
    /// The open documents as a study window offers them (those documentsToRun() names ticked),
    /// `current` set to the current one's index.
    std::vector<StudyDocument> studyDocuments(int& current) const;
    /// The price list a document's scenario names (its pricingFile, else the bundled one), or
    /// nullptr when it has no cost configuration or the list cannot be read.
    std::shared_ptr<const PricingTable> pricingFor(const ScenarioDocument* document) const;
    void requestWhatIf();
    void addScenariosToCharts(const std::vector<ScenarioDocument*>& documents);
    void startCostSweeps();
    void statusMessage(const QString& text, int timeoutMs = 6000);
    void setClockText(const QString& text);
    /// Puts sloMs() on the charts and says in the Run panel where it comes from.
    void updateSlo();
    /// The document whose own objective sloMs() is, or nullptr when the setting applies.
    const ScenarioDocument* sloOwner() const;
    /// Shows the latest run's scenarios again, with their baselines, from what was recorded.
    void refreshCharts();
    std::vector<DataRun> recordedData() const;

    // Topology edits, all routed through the properties editor's validated apply().
    void addComponentRequested(ComponentKind kind);
    void removeComponentRequested(const ComponentRef& ref);
    void connectRequested(const ComponentRef& from, const ComponentRef& to);
    void selectionChanged(const ComponentRef& ref);

    std::vector<ScenarioDocument*> m_documents;
    ScenarioDocument* m_current = nullptr;
    int m_nextKey = 1;
    QUndoGroup m_undoGroup;
    std::unique_ptr<AutosaveStore> m_autosave;
    QTimer m_autosaveTimer;
    QTimer m_autosaveDebounce;
    Asker m_ask;
    QStringList m_lastLoadErrors;
    QDialog* m_errorDialog = nullptr;

    RunController* m_runs;
    ChartsPanel* m_charts;
    ScenarioList* m_list;
    TopologyView* m_topology;
    PropertiesEditor* m_properties;
    QDockWidget* m_scenarioDock = nullptr;
    QDockWidget* m_topologyDock = nullptr;
    QDockWidget* m_propertiesDock = nullptr;
    QDockWidget* m_runDock = nullptr;
    QDockWidget* m_aboutDock = nullptr;
    QDockWidget* m_lessonDock = nullptr;
    std::unique_ptr<PresetCatalog> m_catalog;
    ScenarioAbout* m_about = nullptr;
    LessonPanel* m_lessons = nullptr;
    QByteArray m_defaultState;
    bool m_layoutRestored = false;  ///< a saved layout was restored: keep its sizes
    bool m_shown = false;

    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_runAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stepAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_exportAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_presetMenu = nullptr;
    QComboBox* m_speed = nullptr;
    QComboBox* m_toolbarSpeed = nullptr;
    QDoubleSpinBox* m_slo = nullptr;
    QLabel* m_sloSource = nullptr;  ///< names the scenario whose own SLO the charts draw
    QSpinBox* m_replications = nullptr;
    PrecisionPanel* m_precision = nullptr;
    RunRecorder* m_recorder = nullptr;
    std::unique_ptr<BaselineStore> m_baselines;
    QCheckBox* m_logScale = nullptr;
    QLabel* m_clock = nullptr;
    PresenterMode* m_presenter = nullptr;
    ThemeMenu* m_themeMenu = nullptr;
    Theme m_theme = Theme::System;
    QLabel* m_runTarget = nullptr;
    QProgressBar* m_progress = nullptr;

    /// Keys of the documents the latest run shows, and each one's progress.
    std::vector<int> m_runKeys;
    std::map<int, std::pair<double, double>> m_runProgress;  ///< key -> (fraction, simulated s)
    bool m_whatIfLive = false;  ///< a run has been started: edits re-run what is shown
    bool m_clearOnNextStart = false;
    bool m_stopped = false;   ///< after Stop: late batches of the cancelled run are not shown
    int m_pendingSweeps = 0;  ///< cost sweeps started and not yet reported
};

}  // namespace archsim::ui
