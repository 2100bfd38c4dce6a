// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/reportcommand.h"

#include <QApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHashFunctions>
#include <memory>
#include <ostream>

#include "app/cli/clicommands.h"
#include "ui/charts/chartstyle.h"
#include "ui/report/reportbuilder.h"

namespace archsim::cli {
namespace {

/// The charts are widgets, so the report needs a QApplication even without a screen. The CLI
/// always draws offscreen (unless QT_QPA_PLATFORM says otherwise): then fonts and sizes do not
/// depend on whichever display happens to be attached, and the bytes stay the same.
std::unique_ptr<QApplication> ensureApplication() {
    // Qt's PDF writer keeps its fonts in a QHash and writes them in its order, which follows a
    // per-process random seed; a fixed seed makes the same report the same bytes.
    QHashSeed::setDeterministicGlobalSeed();
    if (QCoreApplication::instance()) return nullptr;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "archsim-cli";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QApplication>(argc, argv);
}

/// SOURCE_DATE_EPOCH (the reproducible-builds convention) pins the date line; otherwise now.
QDateTime reportDate() {
    bool ok = false;
    const qint64 epoch = qEnvironmentVariable("SOURCE_DATE_EPOCH").toLongLong(&ok);
    if (ok && epoch >= 0) return QDateTime::fromSecsSinceEpoch(epoch, Qt::UTC);
    return QDateTime::currentDateTimeUtc();
}

}  // namespace

int reportCommand(const ReportCommand& command, std::ostream& out, std::ostream& err) {
    const QString path = QString::fromStdString(command.out);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("pdf") && suffix != QLatin1String("html") &&
        suffix != QLatin1String("htm")) {
        err << "archsim-cli: --out '" << command.out
            << "': the report is written as .pdf or .html\n";
        return kExitBadInput;
    }
    ui::ReportRequest request;
    request.replications = command.replications;
    request.seed = command.seed;
    request.sloMs = command.sloMs;
    request.date = reportDate();
    bool ok = true;
    for (std::size_t i = 0; i < command.files.size(); ++i) {
        const std::string& file = command.files[i];
        auto scenario = loadScenario(file, err);
        if (!scenario) {
            ok = false;
            continue;
        }
        std::shared_ptr<const PricingTable> pricing;
        if (scenario->cost) {
            auto table = loadPricing(*scenario, file, err);
            if (!table) {
                ok = false;
                continue;
            }
            pricing = std::make_shared<const PricingTable>(std::move(*table));
        }
        request.scenarios.push_back({std::move(*scenario), QString::fromStdString(file),
                                     std::move(pricing), ui::scenarioColour(static_cast<int>(i))});
    }
    if (!ok) return kExitBadInput;

    const auto app = ensureApplication();
    const ui::ReportRuns runs = ui::runReport(request);
    const ui::ReportDocument document = ui::buildReport(request, runs);
    QString error;
    if (!ui::writeReport(document, path,
                         command.letter ? ui::ReportPaper::Letter : ui::ReportPaper::A4, &error)) {
        err << "archsim-cli: " << error.toStdString() << '\n';
        return kExitBadInput;
    }
    out << "archsim-cli: wrote " << command.out << '\n';
    for (std::size_t i = 0; i < runs.scenarios.size(); ++i)
        for (const RunResult& result : runs.scenarios[i].replications)
            if (result.status == RunStatus::Overloaded) {
                err << "archsim-cli: " << command.files[i]
                    << ": run overloaded (the report says so in its warnings)\n";
                return kExitRunFailed;
            }
    return kExitOk;
}

}  // namespace archsim::cli
