// SPDX-License-Identifier: GPL-3.0-or-later
// archsim, the desktop application: parses the command line, opens the window, nothing else.
//
//   archsim [FILE]                 open FILE (default: the motivating preset and its pair)
//   archsim --screenshot PATH      run what is open to completion, save the window as PNG, exit
//   archsim --screenshot-distribution PATH   the same, for the distribution editor
//   archsim --select ID            select a component (or "workload") in the topology
//   archsim --chart NAME           show that chart tab (Summary, Cost...)
//   archsim --lesson ID            open that lesson (its file name without .json)
//   archsim --theme NAME           system, light or dark for this start (View > Theme keeps one)
//   archsim --presenter            start in presenter mode

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QScreen>
#include <QTimer>

#include "ui/charts/chartspanel.h"
#include "ui/document/scenariodocument.h"
#include "ui/document/scenarioedits.h"
#include "ui/editors/distributiondialog.h"
#include "ui/editors/distributioneditor.h"
#include "ui/editors/propertieseditor.h"
#include "ui/lessons/lessonpanel.h"
#include "ui/mainwindow.h"
#include "ui/presentermode.h"
#include "ui/run/runcontroller.h"
#include "ui/topology/topologyview.h"

namespace {

// The command line, described once for both places that parse it (see main()).
struct CommandLine {
    QCommandLineParser parser;
    const QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QStringLiteral(
            "Run the open scenarios to completion, save the window to PATH (PNG), exit."),
        QStringLiteral("PATH")};
    const QCommandLineOption distributionShot{
        QStringLiteral("screenshot-distribution"),
        QStringLiteral("Save the distribution editor (for the selected scenario) to PATH, exit."),
        QStringLiteral("PATH")};
    const QCommandLineOption select{
        QStringLiteral("select"),
        QStringLiteral("Select component ID (\"workload\" for the workload) in the topology."),
        QStringLiteral("ID")};
    const QCommandLineOption chart{QStringLiteral("chart"),
                                   QStringLiteral("Show the chart tab named NAME (e.g. Summary)."),
                                   QStringLiteral("NAME")};

    const QCommandLineOption lesson{
        QStringLiteral("lesson"),
        QStringLiteral("Open the lesson ID (its file name without .json, e.g. 03-cold-starts)."),
        QStringLiteral("ID")};
    const QCommandLineOption theme{
        QStringLiteral("theme"),
        QStringLiteral("Use the theme NAME (system, light or dark) for this start."),
        QStringLiteral("NAME")};
    const QCommandLineOption presenter{QStringLiteral("presenter"),
                                       QStringLiteral("Start in presenter mode.")};

    CommandLine() {
        parser.setApplicationDescription(QStringLiteral(
            "Simulate tail latency and cost of serverless and stateful architectures."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("file"),
                                     QStringLiteral("Scenario file to open."),
                                     QStringLiteral("[file]"));
        parser.addOption(select);
        parser.addOption(chart);
        parser.addOption(lesson);
        parser.addOption(theme);
        parser.addOption(presenter);
        parser.addOption(screenshot);
        parser.addOption(distributionShot);
    }
};

// Whether the command line asks only for text (help or version), which needs no display.
bool asksForHelpOrVersion(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--") break;
        if (argument == "-h" || argument == "--help" || argument == "--help-all" ||
            argument == "-?" || argument == "-v" || argument == "--version")
            return true;
    }
    return false;
}

// The motivating case (DESIGN.md): the Workers version of the auth API, compared with the
// server version when both presets are bundled; otherwise the validation queue.
void openDefaults(archsim::ui::MainWindow& window) {
    const QString workers = QStringLiteral(":/presets/auth-api-workers.json");
    const QString servers = QStringLiteral(":/presets/auth-api-servers.json");
    if (QFile::exists(workers)) {
        auto* first = window.openPreset(workers);
        if (QFile::exists(servers)) {
            auto* second = window.openPreset(servers);
            if (first && second) {
                first->setCompared(true);
                second->setCompared(true);
                window.setCurrentDocument(first);
            }
        }
        return;
    }
    window.openPreset(QStringLiteral(":/presets/mmc-queue.json"));
}

// The first distribution of the scenario, for the distribution editor's screenshot.
archsim::DistributionPtr firstDistribution(const archsim::Scenario& s) {
    for (const auto& c : s.topology.caches)
        if (c.lookupMs) return c.lookupMs;
    for (const auto& f : s.topology.functions)
        if (f.coldStartMs) return f.coldStartMs;
    for (const auto& d : s.topology.databases)
        if (d.queryMs) return d.queryMs;
    for (const auto& st : s.topology.stations)
        if (st.serviceMs) return st.serviceMs;
    return archsim::makeLognormalFromMedianP99(20, 60);
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication::setOrganizationName(QStringLiteral("archsim"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("archsim.org"));
    QCoreApplication::setApplicationName(QStringLiteral("archsim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ARCHSIM_VERSION));

    // QApplication needs a display and aborts without one, so --help and --version are answered
    // first, from a QCoreApplication that connects to nothing: they work over ssh, in a build
    // container, anywhere. process() prints and exits; it only returns when the flag turned out
    // to be an option's value ("--select -v"), and then the window starts as usual.
    if (asksForHelpOrVersion(argc, argv)) {
        const QCoreApplication textOnly(argc, argv);
        CommandLine line;
        line.parser.process(textOnly);
    }

    QApplication app(argc, argv);
    QApplication::setDesktopFileName(QStringLiteral("archsim"));

    CommandLine line;
    QCommandLineParser& parser = line.parser;
    const QCommandLineOption& screenshot = line.screenshot;
    const QCommandLineOption& distributionShot = line.distributionShot;
    const QCommandLineOption& select = line.select;
    const QCommandLineOption& chart = line.chart;
    parser.process(app);

    const bool unattended = parser.isSet(screenshot) || parser.isSet(distributionShot);
    // Screenshots must not disturb (nor be disturbed by) the user's own autosaves and layout.
    const QString autosaveDir =
        unattended ? QDir::temp().filePath(QStringLiteral("archsim-screenshot-autosave"))
                   : QString();
    archsim::ui::MainWindow window(autosaveDir);
    if (unattended) {
        window.resetLayout();
        window.setSpeedIndex(4);
        window.setAsker([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::No;
        });
    }

    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        for (const QString& file : files) window.openFile(file);
    } else {
        openDefaults(window);
    }

    if (parser.isSet(select) && window.currentDocument()) {
        const QString id = parser.value(select);
        const archsim::ui::ComponentRef ref =
            id == QLatin1String("workload")
                ? archsim::ui::ComponentRef{archsim::ComponentKind::Workload, {}}
                : archsim::ui::ComponentRef{
                      archsim::ui::kindOf(window.currentDocument()->scenario(), id), id};
        window.topologyView()->setSelection(ref);
        window.propertiesEditor()->setSelection(ref);
    }

    if (parser.isSet(line.theme)) {
        const QString name = parser.value(line.theme).toLower();
        if (name != QLatin1String("system") && name != QLatin1String("light") &&
            name != QLatin1String("dark")) {
            qCritical("archsim: --theme: unknown theme '%s' (use system, light or dark)",
                      qPrintable(parser.value(line.theme)));
            return 2;
        }
        window.setTheme(archsim::ui::themeFromKey(name));
    }

    if (parser.isSet(line.lesson)) {
        if (!window.lessonPanel()->startLesson(parser.value(line.lesson))) {
            qCritical("archsim: --lesson: there is no lesson '%s'",
                      qPrintable(parser.value(line.lesson)));
            return 2;
        }
        // Raised once the window is laid out (below), or another panel's tab would be on top.
    }

    if (parser.isSet(chart)) {
        archsim::ui::ChartsPanel* charts = window.chartsPanel();
        for (int i = 0; i < charts->count(); ++i)
            if (charts->tabText(i)
                    .remove(QLatin1Char('&'))
                    .compare(parser.value(chart), Qt::CaseInsensitive) == 0)
                charts->setCurrentIndex(i);
    }

    if (unattended) {
        const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
        window.setGeometry(screen);
        window.show();
        if (parser.isSet(line.lesson)) window.showLessons();
        if (parser.isSet(line.presenter)) window.presenterMode()->setActive(true);
        QTimer::singleShot(0, &window, [&window] { window.applyDefaultDockSizes(); });
        const QString path = parser.value(parser.isSet(screenshot) ? screenshot : distributionShot);
        const bool distribution = parser.isSet(distributionShot);
        auto grab = [&window, path, distribution] {
            if (distribution) {
                auto* document = window.currentDocument();
                auto* dialog = new archsim::ui::DistributionDialog(
                    QStringLiteral("Cache lookup"), QStringLiteral("ms"),
                    firstDistribution(document ? document->scenario() : archsim::Scenario{}),
                    &window);
                dialog->show();
                QTimer::singleShot(800, dialog, [dialog, path] {
                    const bool ok = dialog->grab().save(path, "PNG");
                    QApplication::exit(ok ? 0 : 1);
                });
                return;
            }
            const bool ok = window.grab().save(path, "PNG");
            QApplication::exit(ok ? 0 : 1);
        };
        // After the runs and their cost sweeps: a moment for the charts' queued replots, then
        // the picture.
        QObject::connect(&window, &archsim::ui::MainWindow::idle, &window,
                         [grab] { QTimer::singleShot(1500, grab); });
        QTimer::singleShot(500, &window, [&window] { window.startRun(); });
        // A safety net: never hang a documentation build on a run that does not end.
        QTimer::singleShot(180'000, &window, [grab] { grab(); });
        return QApplication::exec();
    }

    window.show();
    if (parser.isSet(line.lesson)) window.showLessons();
    if (parser.isSet(line.presenter)) window.presenterMode()->setActive(true);
    QTimer::singleShot(0, &window, [&window] { window.recoverAutosaves(); });
    return QApplication::exec();
}
