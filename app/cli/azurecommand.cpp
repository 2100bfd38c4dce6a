// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/azurecommand.h"

#include <ostream>

#include "app/cli/clicommands.h"
#include "sim/scenario/scenariojson.h"

namespace archsim::cli {

int azureCommand(const AzureTraceRequest& request, std::ostream& out, std::ostream& err) {
    std::string error;
    const auto trace = readAzureTrace(request, error);
    if (!trace) {
        err << "archsim-cli: " << error << '\n';
        return kExitBadInput;
    }
    const Scenario scenario = azureFunctionsScenario(*trace, request);
    const std::string text = scenarioToText(scenario);
    // What is written must open as it is: read it back through the same checks as any file.
    ValidationReport report;
    if (!scenarioFromText(text, report)) {
        err << "archsim-cli: the scenario built from the trace is not valid:\n"
            << report.toString();
        return kExitBadInput;
    }
    out << text;
    return kExitOk;
}

}  // namespace archsim::cli
