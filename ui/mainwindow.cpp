// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "sim/scenario/scenariojson.h"
#include "ui/appsettings.h"
#include "ui/charts/chartexportdialog.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/chartstyle.h"
#include "ui/charts/chartwidget.h"
#include "ui/charts/slomarker.h"
#include "ui/document/autosavestore.h"
#include "ui/document/scenariodocument.h"
#include "ui/document/scenarioedits.h"
#include "ui/document/scenariofilename.h"
#include "ui/document/scenariolist.h"
#include "ui/editors/propertieseditor.h"
#include "ui/editors/undokeyfilter.h"
#include "ui/focusfirstfield.h"
#include "ui/help/helpmenu.h"
#include "ui/import/azureimportdialog.h"
#include "ui/lessons/lessonlibrary.h"
#include "ui/lessons/lessonpanel.h"
#include "ui/palettemenu.h"
#include "ui/presentermode.h"
#include "ui/presets/presetcatalog.h"
#include "ui/presets/scenarioabout.h"
#include "ui/report/dataexport.h"
#include "ui/report/reportexporter.h"
#include "ui/run/baselinestore.h"
#include "ui/run/precisionpanel.h"
#include "ui/run/runcontroller.h"
#include "ui/run/runrecorder.h"
#include "ui/study/limitdialog.h"
#include "ui/study/sweepdialog.h"
#include "ui/thememenu.h"
#include "ui/topology/topologyexport.h"
#include "ui/topology/topologyview.h"

// Resources compiled into a static library (ui/resources.qrc) are registered only when asked: the
// macro must be used outside any namespace.
static void initArchsimResources() {
    Q_INIT_RESOURCE(resources);
}

namespace archsim::ui {

namespace {

constexpr int kAutosaveIntervalMs = 30'000;
constexpr int kAutosaveDebounceMs = 3'000;
constexpr int kMaxRecentFiles = 8;
constexpr double kDefaultSloMs = AppSettings::kDefaultSloMs;
// Default speed: as fast as possible. Real time is one click away for workshops.
constexpr int kDefaultSpeedIndex = 4;

struct SpeedChoice {
    const char* label;
    double speed;  ///< simulated seconds per wall second; 0 = as fast as possible
};
constexpr SpeedChoice kSpeeds[] = {
    {"Real time (1x)", 1}, {"10x", 10}, {"100x", 100}, {"1000x", 1000}, {"As fast as possible", 0}};

// Distinct, colour-blind-friendly scenario colours (Okabe-Ito), assigned in turn.
QColor paletteColor(int index) {
    return scenarioColour(index);
}

QString formatClock(double seconds) {
    if (seconds < 120) return QStringLiteral("%1 s").arg(seconds, 0, 'f', 1);
    const auto total = static_cast<long long>(seconds);
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600)
        .arg((total / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

// A toolbar stand-in for `source` with a short text that never changes. A toolbar button is as
// wide as its text, so a source whose text follows the state ("Undo Change hit ratio", "Compare")
// would push every button right of it sideways, under the mouse. The full text is in the tooltip.
QAction* fixedTextProxy(QAction* source, const QString& text, QObject* parent) {
    auto* proxy = new QAction(source->icon(), text, parent);
    proxy->setObjectName(source->objectName() + QStringLiteral("Toolbar"));
    auto sync = [proxy, source] {
        proxy->setEnabled(source->isEnabled());
        QString tip = source->toolTip();
        if (tip.isEmpty() || tip == source->text()) tip = source->text();
        tip.remove(QLatin1Char('&'));
        if (!source->shortcut().isEmpty() && !tip.contains(QLatin1Char('(')))
            tip +=
                QStringLiteral(" (%1)").arg(source->shortcut().toString(QKeySequence::NativeText));
        proxy->setToolTip(tip);
    };
    sync();
    QObject::connect(source, &QAction::changed, proxy, sync);
    QObject::connect(proxy, &QAction::triggered, source, &QAction::trigger);
    return proxy;
}

MainWindow::Asker defaultAsker(QWidget* parent) {
    return
        [parent](const QString& title, const QString& text, QMessageBox::StandardButtons buttons) {
            return QMessageBox::question(parent, title, text, buttons);
        };
}

}  // namespace

MainWindow::MainWindow(const QString& autosaveDirectory, QWidget* parent)
    : QMainWindow(parent),
      m_autosave(std::make_unique<AutosaveStore>(autosaveDirectory)),
      m_ask(defaultAsker(this)),
      m_runs(new RunController(this)),
      m_charts(new ChartsPanel(this)),
      m_list(new ScenarioList(this)),
      m_topology(new TopologyView(this)),
      m_properties(new PropertiesEditor(this)),
      m_recorder(new RunRecorder(m_runs, this)),
      m_baselines(std::make_unique<BaselineStore>()) {
    initArchsimResources();
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/archsim.svg")));
    setAcceptDrops(true);
    setCentralWidget(m_charts);
    setScenarioPalette(AppSettings::palette());  // before the first scenario takes a colour
    systemPalette();                             // remembered before a theme replaces it
    m_theme = AppSettings::theme();
    m_catalog = std::make_unique<PresetCatalog>(PresetCatalog::bundled());
    buildActions();
    buildDocks();
    m_presenter = new PresenterMode(this);
    buildMenus();
    connectRuns();
    statusBar()->showMessage(tr("Ready. Open a preset (File > Open Preset) or a scenario file."));

    m_autosaveTimer.setInterval(kAutosaveIntervalMs);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosaveNow);
    m_autosaveTimer.start();
    m_autosaveDebounce.setSingleShot(true);
    m_autosaveDebounce.setInterval(kAutosaveDebounceMs);
    connect(&m_autosaveDebounce, &QTimer::timeout, this, &MainWindow::autosaveNow);

    resize(defaultSize(screen() ? screen()->availableGeometry().size() : QSize(1600, 950)));
    m_defaultState = saveState();
    restoreSettings();
    setTheme(m_theme);
    updateTitle();
    updateRunActions();
}

QSize MainWindow::defaultSize(const QSize& available) {
    // Never larger than the screen: on a small one the default dock sizes would be computed for
    // a window the screen cannot show, leaving the charts a sliver once it is fitted.
    return QSize(1600, 950).boundedTo(available);
}

MainWindow::~MainWindow() {
    // Documents are children of the window; the panels must stop listening to them first.
    m_properties->setDocument(nullptr);
}

// --- Building the window ---------------------------------------------------------------------

void MainWindow::buildActions() {
    auto icon = [](const char* name) {
        return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
    };
    m_newAction = new QAction(tr("&New"), this);
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, [this] { newScenario(); });
    m_openAction = new QAction(tr("&Open…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open Scenario"), AppSettings::lastDirectory(), scenarioFileFilter());
        if (!path.isEmpty()) openFile(path);
    });
    m_saveAction = new QAction(tr("&Save"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, [this] { save(); });
    m_saveAsAction = new QAction(tr("Save &As…"), this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, [this] { saveAs(); });
    m_closeAction = new QAction(tr("&Close Scenario"), this);
    m_closeAction->setShortcut(QKeySequence::Close);
    connect(m_closeAction, &QAction::triggered, this, [this] {
        if (m_current) closeDocument(m_current);
    });

    m_undoAction = m_undoGroup.createUndoAction(this, tr("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_redoAction = m_undoGroup.createRedoAction(this, tr("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("redoAction"));
    // Both usual redo keys on every platform, whichever one the platform's theme prefers.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence& key :
         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)})
        if (!redoKeys.contains(key)) redoKeys.append(key);
    m_redoAction->setShortcuts(redoKeys);
    // The undo keys mean the scenario's undo also inside a text field or spin box.
    qApp->installEventFilter(new UndoKeyFilter(this, m_undoAction, m_redoAction));

    m_runAction = new QAction(icon("run"), tr("&Run"), this);
    m_runAction->setShortcut(Qt::Key_F5);
    m_runAction->setObjectName(QStringLiteral("runAction"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::startRun);
    m_pauseAction = new QAction(icon("pause"), tr("&Pause"), this);
    m_pauseAction->setShortcut(Qt::Key_F6);
    m_pauseAction->setCheckable(true);
    m_pauseAction->setToolTip(tr("Pause or resume the run (F6)"));
    connect(m_pauseAction, &QAction::triggered, this, &MainWindow::setPaused);
    m_stepAction = new QAction(icon("step"), tr("S&tep"), this);
    m_stepAction->setShortcut(Qt::Key_F10);
    m_stepAction->setToolTip(tr("Advance a paused run by one window (F10)"));
    connect(m_stepAction, &QAction::triggered, this, &MainWindow::step);
    m_stopAction = new QAction(icon("stop"), tr("St&op"), this);
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stopAction->setToolTip(tr("Stop the run and reset the clock (Shift+F5)"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stop);

    m_exportAction = new QAction(tr("&Chart (PNG, SVG, PDF)…"), this);
    m_exportAction->setToolTip(tr("Export Chart: the chart of the current tab"));
    m_exportAction->setObjectName(QStringLiteral("exportChartAction"));
    connect(m_exportAction, &QAction::triggered, this, [this] {
        if (auto* chart = qobject_cast<ChartWidget*>(m_charts->currentWidget()))
            ChartExportDialog::exportInteractively(chart, this);
    });
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_presetMenu = file->addMenu(tr("Open &Preset"));
    m_presetMenu->setObjectName(QStringLiteral("presetMenu"));
    buildPresetMenu(m_presetMenu);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    QMenu* imports = file->addMenu(tr("&Import"));
    imports->setObjectName(QStringLiteral("importMenu"));
    imports->addAction(tr("&Azure Functions Trace…"), this, [this] { importAzureTrace(); })
        ->setObjectName(QStringLiteral("importAzureAction"));
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    QMenu* exports = file->addMenu(tr("&Export"));
    exports->setObjectName(QStringLiteral("exportMenu"));
    exports->addAction(m_exportAction);
    exports
        ->addAction(tr("&Topology Diagram (SVG, PNG, Mermaid)…"), this,
                    [this] {
                        if (m_current) exportTopologyInteractively(this, m_current->scenario());
                    })
        ->setObjectName(QStringLiteral("exportTopologyAction"));
    exports
        ->addAction(tr("Time &Series (CSV, JSON)…"), this,
                    [this] { exportDataInteractively(this, DataKind::TimeSeries, recordedData()); })
        ->setObjectName(QStringLiteral("exportTimeSeriesAction"));
    exports
        ->addAction(tr("S&ummary (CSV, JSON)…"), this,
                    [this] { exportDataInteractively(this, DataKind::Summary, recordedData()); })
        ->setObjectName(QStringLiteral("exportSummaryAction"));
    file->addAction(tr("Export &Report…"), this, [this] {
        // The compared scenarios (or the current one), as the next run would show them.
        ReportRequest request;
        for (ScenarioDocument* document : documentsToRun())
            request.scenarios.push_back({document->scenario(), document->filePath(),
                                         pricingFor(document), document->color()});
        request.sloMs = sloMs();
        ReportExporter::exportInteractively(this, std::move(request));
    });
    file->addSeparator();
    file->addAction(m_closeAction);
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(tr("&Duplicate Scenario"), this, [this] { duplicateScenario(); })
        ->setObjectName(QStringLiteral("duplicateScenarioAction"));
    QMenu* add = edit->addMenu(QIcon(QStringLiteral(":/icons/add.svg")), tr("&Add Component"));
    for (ComponentKind kind :
         {ComponentKind::Gateway, ComponentKind::Function, ComponentKind::Server,
          ComponentKind::Cache, ComponentKind::Database, ComponentKind::Hop, ComponentKind::Station,
          ComponentKind::Queue, ComponentKind::ObjectStore})
        add->addAction(QIcon(kindIconPath(kind)), kindLabel(kind), this,
                       [this, kind] { addComponentRequested(kind); });
    QAction* remove =
        edit->addAction(QIcon(QStringLiteral(":/icons/remove.svg")), tr("&Remove Component"), this,
                        [this] { removeComponentRequested(m_topology->selection()); });
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_topology->addAction(remove);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runAction);
    run->addAction(m_pauseAction);
    run->addAction(m_stepAction);
    run->addAction(m_stopAction);
    run->addSeparator();
    QAction* keep = run->addAction(tr("Keep as &Baseline"), this, [this] { keepBaseline(); });
    keep->setObjectName(QStringLiteral("keepBaselineAction"));
    keep->setToolTip(
        tr("Freeze the latest results of this scenario on every chart, faded and "
           "dashed, to compare the next run against"));
    run->addAction(tr("C&lear Baseline"), this, &MainWindow::clearBaseline)
        ->setObjectName(QStringLiteral("clearBaselineAction"));
    // A sweep of one field of the current scenario, in a dialog that runs it off the GUI thread.
    run->addAction(tr("S&weep…"), this, [this] { openSweep(); })
        ->setObjectName(QStringLiteral("sweepAction"));
    run->addAction(tr("&Find Limit…"), this, [this] { openFindLimit(); })
        ->setObjectName(QStringLiteral("findLimitAction"));
    QMenu* speed = run->addMenu(tr("&Speed"));
    for (int i = 0; i < static_cast<int>(std::size(kSpeeds)); ++i)
        speed->addAction(tr(kSpeeds[i].label), this, [this, i] { setSpeedIndex(i); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock :
         {m_scenarioDock, m_runDock, m_topologyDock, m_propertiesDock, m_aboutDock, m_lessonDock})
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
    view->addSeparator();
    view->addAction(m_presenter->toggleAction());
    view->addMenu(m_presenter->scaleMenu());
    m_themeMenu = new ThemeMenu(view);
    view->addMenu(m_themeMenu);
    connect(m_themeMenu, &ThemeMenu::themeChosen, this, &MainWindow::setTheme);

    auto* palette = new PaletteMenu(view);
    view->addMenu(palette);
    connect(palette, &PaletteMenu::paletteChanged, this, [this] {
        for (ScenarioDocument* document : m_documents)
            document->setColor(paletteColor(document->key() - 1));
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* lessons = help->addAction(tr("&Lessons…"), this, &MainWindow::showLessons);
    lessons->setObjectName(QStringLiteral("lessonsAction"));
    lessons->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    lessons->setToolTip(tr("Workshop lessons: predict, run, compare (Ctrl+L)"));
    // In the menu too, so Keyboard Shortcuts lists the lesson keys.
    help->addAction(m_lessons->nextAction());
    help->addAction(m_lessons->backAction());
    help->addSeparator();
    addHelpEntries(help, this);
    help->addAction(tr("&About archsim"), this, [this] {
        QMessageBox::about(this, tr("About archsim"),
                           tr("<b>archsim %1</b><p>A simulator of serverless and stateful "
                              "architectures: tail latency and cost, before you build.</p>"
                              "<p>GPL-3.0-or-later. Charts by QCustomPlot (GPL-3.0).</p>")
                               .arg(QApplication::applicationVersion()));
    });

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolbar"));
    bar->setIconSize(QSize(20, 20));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_newAction);
    bar->addAction(m_openAction);
    auto* presets = new QToolButton(bar);
    presets->setText(tr("Presets"));
    presets->setMenu(m_presetMenu);
    presets->setPopupMode(QToolButton::InstantPopup);
    presets->setToolTip(tr("Open a bundled scenario"));
    bar->addWidget(presets);
    bar->addAction(lessons);
    bar->addAction(m_saveAction);
    bar->addSeparator();
    bar->addAction(fixedTextProxy(m_undoAction, tr("Undo"), bar));
    bar->addAction(fixedTextProxy(m_redoAction, tr("Redo"), bar));
    bar->addSeparator();
    bar->addAction(fixedTextProxy(m_runAction, tr("Run"), bar));
    bar->addAction(m_pauseAction);
    bar->addAction(m_stepAction);
    bar->addAction(m_stopAction);
    m_toolbarSpeed = new QComboBox(bar);
    for (const auto& choice : kSpeeds) m_toolbarSpeed->addItem(tr(choice.label));
    m_toolbarSpeed->setToolTip(tr("Simulated time per second of wall time"));
    bar->addWidget(m_toolbarSpeed);
    connect(m_toolbarSpeed, &QComboBox::activated, this, &MainWindow::setSpeedIndex);
}

QWidget* MainWindow::buildRunPanel() {
    auto* panel = new QWidget(this);
    auto* layout = new QGridLayout(panel);
    auto button = [panel](QAction* action) {
        auto* tool = new QToolButton(panel);
        tool->setDefaultAction(action);
        tool->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
        tool->setIconSize(QSize(22, 22));
        tool->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        return tool;
    };
    auto* buttons = new QHBoxLayout;
    QToolButton* run = button(m_runAction);
    // Run is as wide as its longer text (Compare, when comparing) from the start, so turning
    // into Compare never moves the buttons next to it.
    const QString runText = m_runAction->text();
    m_runAction->setText(tr("&Compare"));
    const int widest = run->sizeHint().width();
    m_runAction->setText(runText);
    run->setMinimumWidth(std::max(widest, run->sizeHint().width()));
    buttons->addWidget(run);
    buttons->addWidget(button(m_pauseAction));
    buttons->addWidget(button(m_stepAction));
    buttons->addWidget(button(m_stopAction));
    layout->addLayout(buttons, 0, 0, 1, 2);
    m_runTarget = new QLabel(panel);
    m_runTarget->setObjectName(QStringLiteral("runTarget"));
    m_runTarget->setWordWrap(true);
    m_runTarget->setToolTip(
        tr("What Run starts: the scenario on screen, with the other ticked scenarios when it is "
           "ticked itself"));
    layout->addWidget(m_runTarget, 1, 0, 1, 2);
    m_speed = new QComboBox(panel);
    for (const auto& choice : kSpeeds) m_speed->addItem(tr(choice.label));
    m_speed->setToolTip(tr("Simulated time per second of wall time. Pacing never changes results"));
    connect(m_speed, &QComboBox::activated, this, &MainWindow::setSpeedIndex);
    layout->addWidget(new QLabel(tr("Speed"), panel), 2, 0);
    layout->addWidget(m_speed, 2, 1);
    m_replications = new QSpinBox(panel);
    m_replications->setObjectName(QStringLiteral("replications"));
    m_replications->setAccessibleName(tr("Replications"));
    m_replications->setRange(1, static_cast<int>(RunController::kMaxReplications));
    m_replications->setValue(1);
    m_replications->setToolTip(
        tr("Independent runs of each scenario with the same seed: the first is shown live, the "
           "others run beside it on every core, for bands and 95% intervals"));
    layout->addWidget(new QLabel(tr("Replications"), panel), 7, 0);
    layout->addWidget(m_replications, 7, 1);
    m_slo = new QDoubleSpinBox(panel);
    m_slo->setRange(0, 1e6);
    m_slo->setDecimals(1);
    m_slo->setSuffix(tr(" ms"));
    m_slo->setValue(kDefaultSloMs);
    m_slo->setToolTip(tr("Latency objective drawn on the latency charts; 0 hides it"));
    m_slo->setAccessibleName(tr("Latency objective (SLO)"));
    m_speed->setAccessibleName(tr("Run speed"));
    connect(m_slo, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        AppSettings::setSloMs(value);
        updateSlo();
    });
    layout->addWidget(new QLabel(tr("SLO"), panel), 3, 0);
    layout->addWidget(m_slo, 3, 1);
    m_sloSource = new QLabel(panel);
    m_sloSource->setObjectName(QStringLiteral("sloSource"));
    m_sloSource->setWordWrap(true);
    m_sloSource->setVisible(false);
    layout->addWidget(m_sloSource, 8, 0, 1, 2);
    m_logScale = new QCheckBox(tr("Logarithmic latency axis"), panel);
    connect(m_logScale, &QCheckBox::toggled, this, [this](bool on) {
        m_charts->setLogScale(on);
        AppSettings::setLogAxis(on);
    });
    layout->addWidget(m_logScale, 4, 0, 1, 2);
    m_clock = new QLabel(panel);
    m_clock->setObjectName(QStringLiteral("simulatedClock"));
    QFont clockFont = m_clock->font();
    clockFont.setPointSizeF(clockFont.pointSizeF() * 1.3);
    clockFont.setBold(true);
    m_clock->setFont(clockFont);
    m_clock->setToolTip(tr("Simulated time of the run"));
    layout->addWidget(new QLabel(tr("Clock"), panel), 5, 0);
    layout->addWidget(m_clock, 5, 1);
    m_progress = new QProgressBar(panel);
    m_progress->setRange(0, 1000);
    m_progress->setFormat(QStringLiteral("%p%"));
    layout->addWidget(m_progress, 6, 0, 1, 2);
    // Replications until a figure is precise enough: the scenario on screen, on a worker thread.
    m_precision = new PrecisionPanel(
        [this]() -> std::optional<StudyDocument> {
            int current = 0;
            std::vector<StudyDocument> documents = studyDocuments(current);
            if (!m_current || documents.empty()) return std::nullopt;
            return documents[static_cast<std::size_t>(current)];
        },
        panel);
    layout->addWidget(m_precision, 9, 0, 1, 2);
    layout->setRowStretch(10, 1);
    return panel;
}

void MainWindow::buildDocks() {
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    auto dock = [this](const QString& title, const QString& name, QWidget* widget,
                       Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(widget);
        addDockWidget(area, d);
        return d;
    };
    m_scenarioDock =
        dock(tr("Scenarios"), QStringLiteral("scenariosDock"), m_list, Qt::LeftDockWidgetArea);
    // Scrolls rather than squeezes on a small screen (the precision option adds rows).
    auto* runScroll = new QScrollArea(this);
    QWidget* runPanel = buildRunPanel();
    runScroll->setWidget(runPanel);
    // As wide as the panel needs, with room for the vertical scroll bar: it scrolls, never clips.
    runScroll->setMinimumWidth(runPanel->minimumSizeHint().width() +
                               runScroll->verticalScrollBar()->sizeHint().width());
    runScroll->setWidgetResizable(true);
    runScroll->setFrameShape(QFrame::NoFrame);
    runScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_runDock = dock(tr("Run"), QStringLiteral("runDock"), runScroll, Qt::LeftDockWidgetArea);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_properties);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_propertiesDock =
        dock(tr("Properties"), QStringLiteral("propertiesDock"), scroll, Qt::RightDockWidgetArea);
    m_topologyDock =
        dock(tr("Topology"), QStringLiteral("topologyDock"), m_topology, Qt::BottomDockWidgetArea);
    // What the scenario on screen is about, a tab beside its properties.
    m_about = new ScenarioAbout(m_catalog.get(), this);
    m_aboutDock = dock(tr("About this Scenario"), QStringLiteral("aboutDock"), m_about,
                       Qt::RightDockWidgetArea);
    tabifyDockWidget(m_propertiesDock, m_aboutDock);
    connect(m_about, &ScenarioAbout::compareRequested, this,
            [this](const QStringList& presets) { openComparison(presets); });
    // The lessons, on the right beside the charts once opened; hidden until then.
    m_lessons = new LessonPanel(this, LessonLibrary::bundled(), this);
    m_lessonDock =
        dock(tr("Lesson"), QStringLiteral("lessonDock"), m_lessons, Qt::RightDockWidgetArea);
    tabifyDockWidget(m_aboutDock, m_lessonDock);
    m_lessonDock->hide();
    m_propertiesDock->raise();
    // The diagram reads left to right, so it gets the full width under the charts.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    connect(m_list, &ScenarioList::currentChanged, this, &MainWindow::setCurrentDocument);
    connect(m_list, &ScenarioList::closeRequested, this,
            [this](ScenarioDocument* document) { closeDocument(document); });
    connect(m_topology, &TopologyView::selectionChanged, this, &MainWindow::selectionChanged);
    connect(m_topology, &TopologyView::addRequested, this, &MainWindow::addComponentRequested);
    connect(m_topology, &TopologyView::editRequested, this, [this] {
        m_propertiesDock->show();
        m_propertiesDock->raise();
        focusFirstField(m_properties);
    });
    connect(m_topology, &TopologyView::removeRequested, this,
            &MainWindow::removeComponentRequested);
    connect(m_topology, &TopologyView::connectRequested, this, &MainWindow::connectRequested);
    connect(m_topology, &TopologyView::entryRequested, this, [this](const ComponentRef& ref) {
        m_properties->apply([ref](Scenario& s) { setEntry(s, ref); }, tr("Set entry"));
    });
    connect(m_properties, &PropertiesEditor::selectionRenamed, this,
            [this](const ComponentRef& ref) {
                if (m_current) m_topology->setScenario(m_current->scenario());
                m_topology->setSelection(ref);
            });
    connect(m_properties, &PropertiesEditor::sweepRequested, this,
            [this](const QString& path) { openSweep(path); });
    connect(m_properties, &PropertiesEditor::editRefused, this, [this](const QString& message) {
        statusMessage(tr("Edit refused: %1").arg(message.section(QLatin1Char('\n'), 0, 0)), 10000);
    });
}

void MainWindow::connectRuns() {
    connect(m_runs, &RunController::runStarted, this, [this](int) {
        m_stopped = false;
        if (m_clearOnNextStart) {
            // A what-if re-run: its output replaces the previous run's, starting now (not when
            // the edit was made, so the old run's last batches never mix into the new series).
            m_clearOnNextStart = false;
            std::vector<ScenarioDocument*> shown;
            for (ScenarioDocument* document : m_documents)
                if (std::find(m_runKeys.begin(), m_runKeys.end(), document->key()) !=
                    m_runKeys.end())
                    shown.push_back(document);
            addScenariosToCharts(shown);
        }
        updateRunActions();
    });
    connect(m_runs, &RunController::windowsAvailable, this,
            [this](int key, const std::vector<WindowRow>& rows) {
                m_charts->appendWindows(key, rows);
                if (m_current && key == m_current->key() && !rows.empty()) {
                    const WindowRow& last = rows.back();
                    m_topology->setSimulatedTime(toSeconds(last.latency.end));
                    m_topology->setGauges(last.components);
                    const double seconds = toSeconds(last.latency.end - last.latency.start);
                    if (seconds > 0)
                        m_topology->setArrivalRate(static_cast<double>(last.arrivals) / seconds);
                }
            });
    connect(m_runs, &RunController::histogramAvailable, this,
            [this](int key, const std::shared_ptr<const LatencyHistogram>& histogram) {
                if (histogram) m_charts->setHistogram(key, *histogram);
            });
    connect(m_runs, &RunController::progressChanged, this,
            [this](int key, double fraction, double simulatedSeconds) {
                if (m_stopped) return;
                m_runProgress[key] = {fraction, simulatedSeconds};
                updateProgress();
            });
    connect(m_runs, &RunController::runFinished, this,
            [this](int key, const std::shared_ptr<const RunResult>& result) {
                if (!result) return;
                m_charts->setResult(key, *result);
                if (m_stopped || result->status == RunStatus::Cancelled) return;
                m_runProgress[key] = {1.0, toSeconds(result->simulatedTime)};
                updateProgress();
                const double p99 = toMillis(result->latency.quantile(0.99));
                // An overloaded run says why it stopped (requests in flight past maxInFlight, or
                // the memory budget), and stays on screen long enough to be read.
                const QString status = result->statusMessage.empty()
                                           ? QString::fromStdString(toString(result->status))
                                           : QString::fromStdString(result->statusMessage);
                statusMessage(tr("%1: %2, p99 %3 ms over %4 requests")
                                  .arg(QString::fromStdString(result->scenarioName), status)
                                  .arg(p99, 0, 'f', 2)
                                  .arg(result->completed),
                              result->status == RunStatus::Overloaded ? 30000 : 6000);
            });
    connect(m_runs, &RunController::replicationsFinished, this,
            [this](int key, const std::shared_ptr<const std::vector<RunResult>>& results) {
                if (results && !m_stopped) m_charts->setReplicationResults(key, *results);
            });
    connect(m_runs, &RunController::runFailed, this, [this](int key, const QString& message) {
        QString name = QString::number(key);
        for (ScenarioDocument* document : m_documents)
            if (document->key() == key) name = document->displayName();
        statusMessage(tr("%1 could not run: %2").arg(name, message), 15000);
    });
    connect(m_runs, &RunController::allFinished, this, [this] {
        updateRunActions();
        startCostSweeps();
        emit runsFinished();
        if (m_pendingSweeps == 0) emit idle();
    });
    auto sweepDone = [this] {
        if (m_pendingSweeps > 0 && --m_pendingSweeps == 0 && !m_runs->isRunning()) emit idle();
    };
    connect(m_runs, &RunController::costCurveReady, this,
            [this, sweepDone](int key, const std::vector<CostPoint>& curve) {
                m_charts->setCostCurve(key, curve);
                sweepDone();
            });
    connect(m_runs, &RunController::costSweepFailed, this,
            [this, sweepDone](int, const QString& message) {
                statusMessage(tr("Cost sweep: %1").arg(message), 8000);
                sweepDone();
            });
}

// --- Settings and layout ---------------------------------------------------------------------

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_layoutRestored = restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setSpeedIndex(settings.value(QStringLiteral("run/speed"), kDefaultSpeedIndex).toInt());
    m_slo->setValue(AppSettings::sloMs());
    m_logScale->setChecked(AppSettings::logAxis());
    updateSlo();
}

void MainWindow::saveSettings() {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("run/speed"), m_speed->currentIndex());
}

void MainWindow::resetLayout() {
    for (QDockWidget* dock :
         {m_scenarioDock, m_runDock, m_topologyDock, m_propertiesDock, m_aboutDock}) {
        dock->setFloating(false);
        dock->show();
    }
    restoreState(m_defaultState);
    applyDefaultDockSizes();
}

void MainWindow::applyDefaultDockSizes() {
    // Proportions rather than pixels, so the layout also works on a 1280x720 screen: the charts
    // keep most of the room, the diagram gets a strip below them as wide as the charts.
    const int w = std::max(width(), 800);
    const int h = std::max(height(), 600);
    resizeDocks({m_scenarioDock, m_propertiesDock},
                {std::clamp(w / 7, 200, 280), std::clamp(w / 4, 300, 420)}, Qt::Horizontal);
    resizeDocks({m_topologyDock}, {std::clamp(h * 3 / 10, 200, 340)}, Qt::Vertical);
    resizeDocks({m_scenarioDock, m_runDock}, {std::clamp(h / 6, 110, 200), h / 2}, Qt::Vertical);
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (m_shown) return;
    m_shown = true;
    // Dock sizes only take once the window has its real size.
    if (!m_layoutRestored) QTimer::singleShot(0, this, &MainWindow::applyDefaultDockSizes);
}

// --- Documents -------------------------------------------------------------------------------

QStringList MainWindow::presetPaths() {
    QStringList paths;
    const QDir dir(QStringLiteral(":/presets"));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

ScenarioDocument* MainWindow::addDocument(Scenario scenario, const QString& path, bool preset) {
    auto* document = new ScenarioDocument(m_nextKey, std::move(scenario), this);
    document->setColor(paletteColor(m_nextKey - 1));
    ++m_nextKey;
    document->setFilePath(path);
    document->setPreset(preset);
    m_documents.push_back(document);
    m_undoGroup.addStack(document->undoStack());
    m_list->addDocument(document);
    connect(document, &ScenarioDocument::scenarioChanged, this,
            [this, document] { documentEdited(document); });
    connect(document, &ScenarioDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(document, &ScenarioDocument::filePathChanged, this, [this] {
        updateTitle();
        updateRunActions();
    });
    connect(document, &ScenarioDocument::appearanceChanged, this, &MainWindow::updateRunActions);
    setCurrentDocument(document);
    return document;
}

void MainWindow::setCurrentDocument(ScenarioDocument* document) {
    if (document == m_current) return;
    m_current = document;
    m_list->setCurrent(document);
    m_undoGroup.setActiveStack(document ? document->undoStack() : nullptr);
    m_properties->setDocument(document);
    m_topology->clearGauges();
    if (document) {
        m_topology->setScenario(document->scenario());
        m_topology->setSelection({});
    } else {
        m_topology->setScenario({});
    }
    updateTitle();
    updateRunActions();
    updateSlo();
    m_about->showDocument(document);
}

void MainWindow::documentEdited(ScenarioDocument* document) {
    if (document == m_current) {
        const ComponentRef selected = m_topology->selection();
        m_topology->setScenario(document->scenario());
        if (exists(document->scenario(), selected)) m_topology->setSelection(selected);
    }
    m_autosaveDebounce.start();
    updateTitle();
    updateRunActions();  // the scenario's name is in the Run action's description
    updateSlo();
    if (document == m_current) m_about->showDocument(document);
    // What-if: an edit of a scenario on screen re-runs what is on screen.
    if (m_whatIfLive &&
        std::find(m_runKeys.begin(), m_runKeys.end(), document->key()) != m_runKeys.end())
        requestWhatIf();
}

ScenarioDocument* MainWindow::openFile(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (ScenarioDocument* document : m_documents) {
        if (document->filePath() == absolute) {
            setCurrentDocument(document);
            return document;
        }
    }
    ValidationReport report;
    auto scenario = loadScenarioFile(absolute.toStdString(), report);
    if (!scenario) {
        QStringList problems;
        for (const auto& issue : report.issues())
            problems << QString::fromStdString(issue.toString());
        if (problems.isEmpty()) problems << tr("The file could not be read.");
        showLoadErrors(QFileInfo(path).fileName(), problems);
        return nullptr;
    }
    AppSettings::setLastDirectory(QFileInfo(absolute).absolutePath());
    addRecentFile(absolute);
    ScenarioDocument* document = addDocument(std::move(*scenario), absolute, false);
    statusMessage(tr("Opened %1").arg(absolute));
    return document;
}

ScenarioDocument* MainWindow::openPreset(const QString& name) {
    const QString path =
        name.startsWith(QLatin1Char(':')) ? name : QStringLiteral(":/presets/") + name;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showLoadErrors(name, {tr("There is no bundled preset '%1'.").arg(name)});
        return nullptr;
    }
    ValidationReport report;
    auto scenario = scenarioFromText(file.readAll().toStdString(), report);
    if (!scenario) {
        QStringList problems;
        for (const auto& issue : report.issues())
            problems << QString::fromStdString(issue.toString());
        showLoadErrors(QFileInfo(path).fileName(), problems);
        return nullptr;
    }
    ScenarioDocument* document = addDocument(std::move(*scenario), {}, true);
    document->setPresetSource(path);
    m_about->showDocument(document);
    statusMessage(tr("Opened preset %1").arg(document->displayName()));
    return document;
}

ScenarioDocument* MainWindow::openScenario(Scenario scenario, const QString& presetSource) {
    ScenarioDocument* document = addDocument(std::move(scenario), {}, true);
    document->setPresetSource(presetSource);
    m_about->showDocument(document);
    return document;
}

std::vector<ScenarioDocument*> MainWindow::openComparison(const QStringList& presets) {
    std::vector<ScenarioDocument*> opened;
    for (const QString& preset : presets)
        if (ScenarioDocument* document = openPreset(preset)) opened.push_back(document);
    if (opened.size() < 2) return opened;
    for (ScenarioDocument* document : m_documents)
        document->setCompared(std::find(opened.begin(), opened.end(), document) != opened.end());
    setCurrentDocument(opened.front());
    QStringList names;
    for (const ScenarioDocument* document : opened) names << document->displayName();
    statusMessage(
        tr("Opened %1 for comparison: Run (F5) compares them.").arg(names.join(tr(" and "))));
    return opened;
}

void MainWindow::buildPresetMenu(QMenu* menu) {
    // Each preset by its scenario name, with its one-line summary as the tooltip and status tip;
    // then the pairs meant to be compared, each opening both presets ticked.
    menu->setToolTipsVisible(true);
    for (const PresetSection& section : m_catalog->sections) {
        menu->addSection(section.title);
        for (const PresetEntry& entry : section.presets) {
            const QString path = entry.path;
            QAction* action =
                menu->addAction(entry.title, this, [this, path] { openPreset(path); });
            action->setObjectName(QStringLiteral("preset:") + QFileInfo(path).fileName());
            action->setToolTip(entry.summary.isEmpty() ? entry.title : entry.summary);
            action->setStatusTip(entry.summary);
        }
    }
    if (m_catalog->comparisons.empty()) return;
    menu->addSection(tr("Compare"));
    for (const PresetComparison& comparison : m_catalog->comparisons) {
        const QStringList paths = comparison.paths;
        QAction* action =
            menu->addAction(comparison.title, this, [this, paths] { openComparison(paths); });
        action->setObjectName(QStringLiteral("compare:") + QFileInfo(paths.front()).fileName());
        action->setToolTip(comparison.summary);
        action->setStatusTip(comparison.summary);
    }
}

void MainWindow::showLessons() {
    m_lessonDock->show();
    m_lessonDock->raise();
    m_lessons->focusPicker();
}

ScenarioDocument* MainWindow::newScenario() {
    // A small stateful service: traffic into a server pool doing a little CPU work. If this build's
    // reader does not know server pools yet, fall back to the queue station every build knows.
    Scenario scenario;
    scenario.name = tr("Untitled").toStdString();
    scenario.workload.ratePerS = 50;
    addComponent(scenario, ComponentKind::Server);
    if (!validateScenario(scenario, QDir::currentPath()).isEmpty()) {
        scenario.topology = {};
        addComponent(scenario, ComponentKind::Station);
    }
    ScenarioDocument* document = addDocument(std::move(scenario), {}, false);
    return document;
}

void MainWindow::showLoadErrors(const QString& source, const QStringList& problems) {
    m_lastLoadErrors = problems;
    if (m_errorDialog) m_errorDialog->deleteLater();
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("loadErrorDialog"));
    dialog->setWindowTitle(tr("Could not open %1").arg(source));
    auto* layout = new QVBoxLayout(dialog);
    auto* text = new QLabel(tr("<b>%1</b> was not opened: %n problem(s) must be fixed first. "
                               "Your current work is unchanged.",
                               nullptr, static_cast<int>(problems.size()))
                                .arg(source.toHtmlEscaped()),
                            dialog);
    text->setWordWrap(true);
    layout->addWidget(text);
    auto* list = new QListWidget(dialog);
    list->setObjectName(QStringLiteral("problems"));
    list->addItems(problems);
    list->setWordWrap(true);
    layout->addWidget(list);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(620, 320);
    m_errorDialog = dialog;
    // Non-blocking on purpose: the window (and a test driving it) carries on while it is shown.
    dialog->open();
    statusMessage(
        tr("Could not open %1 (%n problem(s))", nullptr, static_cast<int>(problems.size()))
            .arg(source));
}

bool MainWindow::saveDocument(ScenarioDocument* document, const QString& path) {
    const std::string error = saveScenarioFile(document->scenario(), path.toStdString());
    if (!error.empty()) {
        QMessageBox::warning(this, tr("Save failed"), QString::fromStdString(error));
        return false;
    }
    document->setFilePath(QFileInfo(path).absoluteFilePath());
    document->markSaved();
    m_autosave->remove(document->key());
    addRecentFile(document->filePath());
    statusMessage(tr("Saved %1").arg(path));
    updateTitle();
    return true;
}

bool MainWindow::save() {
    if (!m_current) return false;
    if (m_current->filePath().isEmpty() || m_current->isPreset()) return saveAs();
    return saveDocument(m_current, m_current->filePath());
}

bool MainWindow::saveAs(const QString& chosenPath) {
    if (!m_current) return false;
    QString path = chosenPath;
    if (path.isEmpty()) {
        QString suggestion = m_current->filePath();
        if (suggestion.isEmpty())
            suggestion = AppSettings::lastDirectory() + QLatin1Char('/') +
                         suggestedScenarioFileName(m_current->displayName());
        path = QFileDialog::getSaveFileName(this, tr("Save Scenario As"), suggestion,
                                            scenarioFileFilter());
        if (path.isEmpty()) return false;
        path = withScenarioSuffix(path);
    }
    return saveDocument(m_current, path);
}

bool MainWindow::maybeSave(ScenarioDocument* document) {
    if (!document->isModified()) return true;
    const auto answer = m_ask(tr("Unsaved changes"),
                              tr("%1 has unsaved changes. Save them?").arg(document->displayName()),
                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) {
        ScenarioDocument* previous = m_current;
        setCurrentDocument(document);
        const bool saved = save();
        if (previous && previous != document) setCurrentDocument(previous);
        return saved;
    }
    return true;
}

bool MainWindow::closeDocument(ScenarioDocument* document) {
    if (!document || !maybeSave(document)) return false;
    removeDocument(document);
    return true;
}

void MainWindow::removeDocument(ScenarioDocument* document) {
    if (std::find(m_runKeys.begin(), m_runKeys.end(), document->key()) != m_runKeys.end()) {
        m_runs->stop();
        m_charts->removeScenario(document->key());
    }
    m_autosave->remove(document->key());
    m_list->removeDocument(document);
    m_undoGroup.removeStack(document->undoStack());
    m_documents.erase(std::find(m_documents.begin(), m_documents.end(), document));
    if (m_current == document)
        setCurrentDocument(m_documents.empty() ? nullptr : m_documents.back());
    document->deleteLater();
    updateRunActions();
}

void MainWindow::addRecentFile(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentFiles) recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    if (!m_recentMenu) return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            QSettings().remove(QStringLiteral("recentFiles"));
            updateRecentMenu();
        });
    }
}

void MainWindow::updateTitle() {
    if (!m_current) {
        setWindowTitle(QStringLiteral("archsim"));
        setWindowModified(false);
        return;
    }
    setWindowTitle(QStringLiteral("%1[*] — archsim").arg(m_current->displayName()));
    setWindowModified(m_current->isModified());
}

// --- Autosave --------------------------------------------------------------------------------

void MainWindow::autosaveNow() {
    for (ScenarioDocument* document : m_documents) {
        if (document->isModified())
            m_autosave->write(document->key(), document->scenario(), document->filePath(),
                              document->displayName(), document->baseDirectory());
        else
            m_autosave->remove(document->key());
    }
}

int MainWindow::recoverAutosaves() {
    // One question per document, and each answer touches that document's autosave only: work
    // that is neither recovered nor discarded (or cannot be read back) stays for the next start.
    int recovered = 0;
    QStringList unreadable;
    for (auto& orphan : m_autosave->orphans()) {
        const QString name = orphan.displayName.isEmpty() ? tr("Untitled") : orphan.displayName;
        if (!orphan.usable()) {
            unreadable << tr("%1 (kept in %2): %3")
                              .arg(name, QDir::toNativeSeparators(orphan.file),
                                   orphan.problems.join(QStringLiteral("; ")));
            continue;
        }
        const auto answer = m_ask(
            tr("Recover unsaved work?"),
            tr("archsim did not close normally last time. Recover the unsaved changes to %1?\n\n"
               "Discard deletes them; No keeps them to be offered again next time.")
                .arg(name),
            QMessageBox::Yes | QMessageBox::No | QMessageBox::Discard);
        if (answer == QMessageBox::Discard) {
            m_autosave->discardOrphan(orphan.file);
            continue;
        }
        if (answer != QMessageBox::Yes) continue;
        ScenarioDocument* document =
            addDocument(std::move(orphan.scenario), orphan.originalPath, false);
        if (orphan.originalPath.isEmpty()) document->setBaseDirectory(orphan.baseDirectory);
        document->markModified();
        ++recovered;
        // The old copy goes only once this session holds the work.
        if (m_autosave
                ->write(document->key(), document->scenario(), document->filePath(),
                        document->displayName(), document->baseDirectory())
                .isEmpty())
            m_autosave->discardOrphan(orphan.file);
    }
    if (recovered > 0)
        statusMessage(tr("Recovered %n scenario(s); save them to keep them.", nullptr, recovered));
    if (!unreadable.isEmpty())
        showLoadErrors(tr("autosaved work"),
                       QStringList{tr("These autosaves could not be read back; they are kept, "
                                      "nothing was deleted.")} +
                           unreadable);
    return recovered;
}

// --- Runs ------------------------------------------------------------------------------------

std::vector<ScenarioDocument*> MainWindow::documentsToRun() const {
    if (!m_current) return {};
    // The scenario on screen always runs: with the other ticked ones when it is ticked itself,
    // alone otherwise. So a scenario just opened (unticked) runs, not a comparison set up before.
    if (!m_current->isCompared()) return {m_current};
    std::vector<ScenarioDocument*> compared;
    for (ScenarioDocument* document : m_documents)
        if (document->isCompared()) compared.push_back(document);
    if (compared.size() >= 2) return compared;
    return {m_current};
}

QString MainWindow::runTargetText() const {
    const auto documents = documentsToRun();
    if (documents.empty()) return tr("Nothing to run: open a scenario.");
    QStringList names;
    for (const ScenarioDocument* document : documents) {
        QString name = QString::fromStdString(document->scenario().name);
        names << (name.isEmpty() ? document->displayName() : name);
    }
    if (names.size() == 1) return tr("Run runs %1.").arg(names.front());
    const QString last = names.takeLast();
    return tr("Run compares %1 and %2.").arg(names.join(QStringLiteral(", ")), last);
}

std::shared_ptr<const PricingTable> MainWindow::pricingFor(const ScenarioDocument* document) const {
    const Scenario& scenario = document->scenario();
    if (!scenario.cost) return nullptr;
    if (scenario.pricingFile.empty()) {
        // Read once: the bundled list cannot change while the program runs.
        static const std::shared_ptr<const PricingTable> bundled = [] {
            QFile file(QStringLiteral(":/pricing/default.json"));
            ValidationReport report;
            std::optional<PricingTable> table;
            if (file.open(QIODevice::ReadOnly))
                table = parsePricing(file.readAll().toStdString(), report);
            return table ? std::make_shared<const PricingTable>(std::move(*table)) : nullptr;
        }();
        return bundled;
    }
    // A file of the user's, relative to the scenario file like every path in it.
    QString path = QString::fromStdString(scenario.pricingFile);
    if (QFileInfo(path).isRelative() && !document->filePath().isEmpty())
        path = QFileInfo(document->filePath()).absoluteDir().filePath(path);
    PricingLoadResult loaded = loadPricingFile(path.toStdString());
    if (!loaded.table) return nullptr;
    return std::make_shared<const PricingTable>(std::move(*loaded.table));
}

std::vector<RunRequest> MainWindow::requests() const {
    std::vector<RunRequest> runs;
    for (ScenarioDocument* document : documentsToRun()) {
        runs.push_back({document->key(), document->scenario(), document->scenario().seed,
                        pricingFor(document)});
        runs.back().replications = static_cast<unsigned>(replications());
    }
    return runs;
}

void MainWindow::addScenariosToCharts(const std::vector<ScenarioDocument*>& documents) {
    m_charts->clear();
    // Baselines first: the summary's differences then read "against the baseline".
    std::vector<int> keys;
    for (ScenarioDocument* document : documents) keys.push_back(document->key());
    m_baselines->addTo(*m_charts, keys);
    m_charts->setReplicationCount(replications());
    for (ScenarioDocument* document : documents) {
        QString name = QString::fromStdString(document->scenario().name);
        if (name.isEmpty()) name = document->displayName();
        m_charts->addScenario(document->key(), name, document->color(),
                              document->scenario().topology);
        m_charts->setFailures(document->key(), document->scenario().failures);
        m_charts->setScenario(document->key(), document->scenario());
    }
    updateSlo();
}

const ScenarioDocument* MainWindow::sloOwner() const {
    const auto has = [](const ScenarioDocument* document) {
        return document && document->scenario().slo && document->scenario().slo->latencyMs > 0;
    };
    if (has(m_current)) return m_current;
    for (const ScenarioDocument* document : documentsToRun())
        if (has(document)) return document;
    return nullptr;
}

double MainWindow::sloMs() const {
    const ScenarioDocument* owner = sloOwner();
    return owner ? owner->scenario().slo->latencyMs : m_slo->value();
}

void MainWindow::updateSlo() {
    const ScenarioDocument* objective = sloOwner();
    m_charts->setSloMs(sloMs(), objective ? objective->scenario().slo->percentile : 99);
    if (!m_sloSource) return;
    // Which scenario's objective is drawn, so the setting beside it is not mistaken for it.
    const ScenarioDocument* owner = sloOwner();
    m_sloSource->setVisible(owner != nullptr);
    if (!owner) return;
    const SloSpec& spec = *owner->scenario().slo;
    QString name = QString::fromStdString(owner->scenario().name);
    if (name.isEmpty()) name = owner->displayName();
    m_sloSource->setText(tr("Drawn: %1's own objective, p%2 under %3. The setting applies to "
                            "scenarios without one.")
                             .arg(name)
                             .arg(spec.percentile, 0, 'g', 6)
                             .arg(formatMillis(spec.latencyMs)));
}

std::vector<StudyDocument> MainWindow::studyDocuments(int& current) const {
    std::vector<StudyDocument> list;
    const auto chosen = documentsToRun();
    current = 0;
    for (ScenarioDocument* document : m_documents) {
        if (document == m_current) current = static_cast<int>(list.size());
        QString name = QString::fromStdString(document->scenario().name);
        if (name.isEmpty()) name = document->displayName();
        list.push_back({name, document->filePath(), document->scenario(), pricingFor(document),
                        std::find(chosen.begin(), chosen.end(), document) != chosen.end()});
    }
    return list;
}

SweepDialog* MainWindow::openSweep(const QString& path) {
    if (!m_current) return nullptr;
    // Off the GUI thread inside the dialog; several may be open at once, each its own study.
    int current = 0;
    std::vector<StudyDocument> documents = studyDocuments(current);
    auto* dialog = new SweepDialog(std::move(documents), current, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!path.isEmpty()) dialog->selectField(path);
    dialog->show();
    return dialog;
}

LimitDialog* MainWindow::openFindLimit() {
    if (!m_current) return nullptr;
    int current = 0;
    std::vector<StudyDocument> documents = studyDocuments(current);
    auto* dialog = new LimitDialog(std::move(documents), current, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

int MainWindow::replications() const {
    return m_replications->value();
}

void MainWindow::setReplications(int replications) {
    m_replications->setValue(replications);
}

void MainWindow::refreshCharts() {
    std::vector<ScenarioDocument*> shown;
    for (ScenarioDocument* document : m_documents)
        if (std::find(m_runKeys.begin(), m_runKeys.end(), document->key()) != m_runKeys.end())
            shown.push_back(document);
    addScenariosToCharts(shown);
    for (ScenarioDocument* document : shown)
        if (const RecordedRun* run = m_recorder->find(document->key()))
            run->feed(*m_charts, document->key());
}

bool MainWindow::keepBaseline() {
    if (!m_current) return false;
    const RecordedRun* run = m_recorder->find(m_current->key());
    if (!run || !run->result || m_runs->isRunning()) {
        statusMessage(tr("Run %1 to the end first: a baseline keeps finished results.")
                          .arg(m_current->displayName()));
        return false;
    }
    QString name = QString::fromStdString(run->result->scenarioName);
    if (name.isEmpty()) name = m_current->displayName();
    m_baselines->keep(m_current->key(), name, m_current->color(), m_current->scenario().topology,
                      *run);
    if (std::find(m_runKeys.begin(), m_runKeys.end(), m_current->key()) == m_runKeys.end())
        m_runKeys = {m_current->key()};
    refreshCharts();
    statusMessage(tr("Kept %1 as the baseline: edit and run again to compare.").arg(name));
    return true;
}

void MainWindow::clearBaseline() {
    if (!m_current || !m_baselines->clear(m_current->key())) return;
    if (m_runs->isRunning())
        m_charts->removeScenario(BaselineStore::chartKey(m_current->key()));
    else
        refreshCharts();
    statusMessage(tr("Baseline cleared."));
}

std::vector<DataRun> MainWindow::recordedData() const {
    std::vector<DataRun> recorded;
    for (ScenarioDocument* document : documentsToRun()) {
        const RecordedRun* run = m_recorder->find(document->key());
        if (!run || !run->result) continue;
        QString name = QString::fromStdString(document->scenario().name);
        recorded.push_back(
            {name.isEmpty() ? document->displayName() : name, run->result->seed, run->runs()});
    }
    return recorded;
}

AzureImportDialog* MainWindow::importAzureTrace() {
    // Window-modal but not a nested event loop: the window keeps drawing while a day's trace is
    // read, and a run already going on goes on.
    auto* dialog = new AzureImportDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!dialog->scenario()) return;
        ScenarioDocument* document = addDocument(*dialog->scenario(), {}, false);
        document->markModified();  // nothing on disk holds it yet: closing asks to save
        statusMessage(tr("Imported %1; save it to keep it.").arg(document->displayName()));
    });
    dialog->open();
    return dialog;
}

ScenarioDocument* MainWindow::duplicateScenario() {
    if (!m_current) return nullptr;
    Scenario copy = m_current->scenario();
    const QString name = QString::fromStdString(copy.name);
    copy.name = tr("%1 (copy)").arg(name.isEmpty() ? m_current->displayName() : name).toStdString();
    // Relative paths in the copy (a trace file) still resolve where the original's did.
    const QString base = m_current->baseDirectory();
    ScenarioDocument* document = addDocument(std::move(copy), {}, false);
    document->setBaseDirectory(base);
    document->markModified();
    statusMessage(tr("Duplicated as %1; edit it and compare.").arg(document->displayName()));
    return document;
}

void MainWindow::startRun() {
    if (m_runs->isRunning()) {
        if (m_runs->isPaused()) setPaused(false);
        return;
    }
    startFreshRun();
}

void MainWindow::startFreshRun() {
    const auto documents = documentsToRun();
    if (documents.empty()) {
        statusMessage(tr("Open a scenario to run."));
        return;
    }
    m_runKeys.clear();
    m_runProgress.clear();
    for (ScenarioDocument* document : documents) m_runKeys.push_back(document->key());
    addScenariosToCharts(documents);
    m_topology->clearGauges();
    m_clearOnNextStart = false;
    m_whatIfLive = true;
    m_stopped = false;
    m_runs->start(requests());
    m_pauseAction->setChecked(false);
    statusMessage(documents.size() > 1
                      ? tr("Comparing %n scenarios…", nullptr, static_cast<int>(documents.size()))
                      : tr("Running %1…").arg(documents.front()->displayName()));
    updateRunActions();
}

void MainWindow::requestWhatIf() {
    m_runKeys.clear();
    for (ScenarioDocument* document : documentsToRun()) m_runKeys.push_back(document->key());
    m_clearOnNextStart = true;
    m_runProgress.clear();
    m_runs->requestRerun(requests());
    statusMessage(tr("Re-running with the edit…"), 2000);
}

void MainWindow::startCostSweeps() {
    m_pendingSweeps = 0;
    // Cost against traffic: only for priced open-loop scenarios, and only after the live runs,
    // so the sweep never competes with them for the cores.
    for (ScenarioDocument* document : m_documents) {
        if (std::find(m_runKeys.begin(), m_runKeys.end(), document->key()) == m_runKeys.end())
            continue;
        const Scenario& scenario = document->scenario();
        if (!scenario.cost || scenario.workload.type == WorkloadType::Closed ||
            scenario.workload.type == WorkloadType::Trace)
            continue;
        double base = scenario.workload.ratePerS;
        if (scenario.workload.type == WorkloadType::Schedule && !scenario.workload.schedule.empty())
            base = scenario.workload.schedule.front().ratePerS;
        if (!(base > 0)) base = 10;
        // Log-spaced levels over four decades around the scenario's own traffic.
        std::vector<double> rates;
        for (int i = -8; i <= 4; ++i) rates.push_back(base * std::pow(10.0, i / 4.0));
        if (auto pricing = pricingFor(document)) {
            m_runs->startCostSweep(document->key(), scenario, rates, scenario.seed, pricing);
            ++m_pendingSweeps;
        }
    }
}

void MainWindow::setPaused(bool paused) {
    if (!m_runs->isRunning()) {
        m_pauseAction->setChecked(false);
        return;
    }
    m_runs->setPaused(paused);
    m_pauseAction->setChecked(paused);
    statusMessage(paused ? tr("Paused. Step (F10) advances one window.") : tr("Resumed."));
    updateRunActions();
}

void MainWindow::toggleRun() {
    if (!m_runs->isRunning()) {
        // In a lesson, the step's own run: it checks the prediction when it finishes.
        if (m_lessons->lesson() && m_lessons->runButton()->isEnabled())
            m_lessons->runStep();
        else
            startRun();
        return;
    }
    setPaused(!m_runs->isPaused());
}

void MainWindow::step() {
    if (!m_runs->isRunning()) {
        startRun();
        m_runs->setPaused(true);
        m_pauseAction->setChecked(true);
    }
    if (!m_runs->isPaused()) setPaused(true);
    m_runs->step();
    updateRunActions();
}

void MainWindow::stop() {
    m_runs->stop();
    m_runs->cancelCostSweeps();
    m_pendingSweeps = 0;
    m_stopped = true;
    m_whatIfLive = false;
    m_clearOnNextStart = false;
    m_pauseAction->setChecked(false);
    m_runProgress.clear();
    m_progress->setValue(0);
    setClockText(formatClock(0));
    statusMessage(tr("Stopped."));
    updateRunActions();
}

void MainWindow::setSpeedIndex(int index) {
    index = std::clamp(index, 0, static_cast<int>(std::size(kSpeeds)) - 1);
    m_runs->setSpeed(kSpeeds[index].speed);
    for (QComboBox* box : {m_speed, m_toolbarSpeed}) {
        const QSignalBlocker block(box);
        box->setCurrentIndex(index);
    }
    if (m_runAction) updateRunActions();
}

bool MainWindow::isRunning() const {
    return m_runs->isRunning();
}

void MainWindow::updateProgress() {
    if (m_runProgress.empty()) return;
    // The slowest run sets the bar and the clock: the comparison is complete when it is.
    double fraction = 1, seconds = 0;
    bool first = true;
    for (const auto& [key, progress] : m_runProgress) {
        if (first || progress.first < fraction) {
            fraction = progress.first;
            seconds = progress.second;
        }
        first = false;
    }
    m_progress->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
    setClockText(formatClock(seconds));
}

void MainWindow::updateRunActions() {
    const bool running = m_runs->isRunning();
    // The diagram animates traffic only at a pace the eye can follow, and only while it runs.
    const int speed =
        std::clamp(m_speed->currentIndex(), 0, static_cast<int>(std::size(kSpeeds)) - 1);
    m_topology->setLive(kSpeeds[speed].speed, running && !m_runs->isPaused());
    const bool any = !documentsToRun().empty();
    m_runAction->setEnabled(any && (!running || m_runs->isPaused()));
    m_pauseAction->setEnabled(running);
    m_stepAction->setEnabled(any);
    m_stopAction->setEnabled(running || m_whatIfLive);
    m_saveAction->setEnabled(m_current != nullptr);
    m_saveAsAction->setEnabled(m_current != nullptr);
    m_closeAction->setEnabled(m_current != nullptr);
    const auto shown = documentsToRun();
    m_runAction->setText(shown.size() > 1 ? tr("&Compare") : tr("&Run"));
    // Say what F5 will start, where the user looks before pressing it.
    const QString target = runTargetText();
    m_runAction->setToolTip(QStringLiteral("%1 (F5)").arg(target));
    m_runAction->setStatusTip(target);
    m_runTarget->setText(target);
    if (m_clock->text().isEmpty()) setClockText(formatClock(0));
}

void MainWindow::setClockText(const QString& text) {
    if (m_clock->text() == text) return;
    m_clock->setText(text);
    emit clockChanged(text);
}

void MainWindow::statusMessage(const QString& text, int timeoutMs) {
    statusBar()->showMessage(text, timeoutMs);
}

// --- Appearance ------------------------------------------------------------------------------

void MainWindow::setTheme(Theme theme) {
    m_theme = theme;
    // The application's palette, so dialogs and menus follow too. Only replaced when it
    // differs: every replacement repolishes every widget.
    const QPalette palette = themePalette(theme);
    if (QApplication::palette() != palette) QApplication::setPalette(palette);
    if (m_themeMenu) m_themeMenu->showTheme(theme);
    applyAppearance();
}

void MainWindow::applyAppearance() {
    const bool dark = themeIsDark(m_theme);
    const bool presenting = m_presenter && m_presenter->isActive();
    ChartLook look = dark ? ChartLook::darkLook() : ChartLook::light();
    if (presenting) {
        look = ChartLook::highContrast(dark);
        look.fontScale = m_presenter->scale();
        look.lineScale = m_presenter->scale();
    }
    const bool coloursChanged = look.dark != chartLook().dark;
    setChartLook(look);
    if (coloursChanged) {
        // Scenario colours that would vanish on the new background are replaced.
        for (ScenarioDocument* document : m_documents)
            document->setColor(paletteColor(document->key() - 1));
        if (!m_runs->isRunning() && !m_runKeys.empty()) refreshCharts();
    }
    m_charts->applyLook();
    m_topology->setDark(dark);
    m_topology->setPresenting(presenting);
}

// --- Topology edits --------------------------------------------------------------------------

void MainWindow::selectionChanged(const ComponentRef& ref) {
    m_properties->setSelection(ref);
}

void MainWindow::addComponentRequested(ComponentKind kind) {
    if (!m_current) return;
    ComponentRef added;
    const ComponentRef selected = m_topology->selection();
    const QString error = m_properties->apply(
        [&](Scenario& s) {
            added = addComponent(s, kind);
            // Adding while a pool or gateway is selected wires the new component in at once.
            if (selected.isComponent() &&
                (selected.kind == ComponentKind::Gateway || handlerOf(s, selected) != nullptr) &&
                kind != ComponentKind::Gateway)
                connectComponents(s, selected, added, nullptr);
        },
        tr("Add %1").arg(kindLabel(kind).toLower()));
    if (!error.isEmpty()) {
        statusMessage(tr("Cannot add a %1: %2")
                          .arg(kindLabel(kind).toLower(), error.section(QLatin1Char('\n'), 0, 0)),
                      10000);
        return;
    }
    m_topology->setSelection(added);
    m_properties->setSelection(added);
}

void MainWindow::removeComponentRequested(const ComponentRef& ref) {
    if (!m_current || !ref.isComponent()) return;
    const QString error = m_properties->apply([&](Scenario& s) { removeComponent(s, ref); },
                                              tr("Remove %1").arg(ref.id));
    if (!error.isEmpty()) {
        statusMessage(
            tr("Cannot remove %1: %2").arg(ref.id, error.section(QLatin1Char('\n'), 0, 0)), 10000);
        return;
    }
    m_topology->setSelection({});
    m_properties->setSelection({});
}

void MainWindow::connectRequested(const ComponentRef& from, const ComponentRef& to) {
    if (!m_current) return;
    QString problem;
    const QString error = m_properties->apply(
        [&](Scenario& s) { connectComponents(s, from, to, &problem); },
        tr("Connect %1 to %2")
            .arg(from.kind == ComponentKind::Workload ? tr("workload") : from.id, to.id));
    const QString shown = problem.isEmpty() ? error : problem;
    if (!shown.isEmpty())
        statusMessage(tr("Cannot connect: %1").arg(shown.section(QLatin1Char('\n'), 0, 0)), 10000);
    else
        statusMessage(
            tr("Connected %1 to %2").arg(from.id.isEmpty() ? tr("workload") : from.id, to.id));
}

// --- Window events ---------------------------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent* event) {
    for (ScenarioDocument* document : std::vector<ScenarioDocument*>(m_documents)) {
        if (!maybeSave(document)) {
            event->ignore();
            return;
        }
    }
    m_runs->stop();
    // The layout to come back to is the one presenter mode replaced, not full screen.
    m_presenter->setActive(false);
    saveSettings();
    // A clean exit: nothing to recover next time.
    m_autosave->clearSession();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!event->mimeData()->hasUrls()) return;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile() &&
            url.toLocalFile().endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
            event->acceptProposedAction();
            return;
        }
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) openFile(url.toLocalFile());
    event->acceptProposedAction();
}

}  // namespace archsim::ui
