// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `archsim-cli report`: the design-review document of the desktop app (File > Export Report...),
// written headless so a CI pipeline can attach it to a pull request. Takes already-parsed inputs;
// the command line is main.cpp's business.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace archsim::cli {

struct ReportCommand {
    std::vector<std::string> files;  ///< scenario files, compared in this order
    std::string out;                 ///< FILE.pdf or FILE.html
    unsigned replications = 1;
    std::optional<std::uint64_t> seed;  ///< overrides every scenario's seed
    double sloMs = 10;                  ///< the latency objective drawn on the charts; 0 = none
    bool letter = false;                ///< US Letter pages instead of A4
};

/// Writes the report; exit status as the other commands (1 when a run overloaded, the report is
/// still written and says so).
int reportCommand(const ReportCommand& command, std::ostream& out, std::ostream& err);

}  // namespace archsim::cli
