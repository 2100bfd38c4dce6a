// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli: the headless runner. Parses the command line and hands over to clicommands.cpp.

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <optional>
#include <iostream>
#include <system_error>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli/clicommands.h"
#ifdef ARCHSIM_HAS_REPORT
#include "app/cli/reportcommand.h"
#endif

namespace {

constexpr const char* kUsage =
    "usage: archsim-cli run FILE.json [--seed N] [--json] [--csv DIR] [--replications R]\n"
    "                       [--memory-budget-mb M]\n"
    "       archsim-cli compare A.json B.json [--seed N] [--json] [--traffic R1,R2,...]\n"
    "                       [--memory-budget-mb M]\n"
    "       archsim-cli validate FILE.json\n"
#ifdef ARCHSIM_HAS_REPORT
    "       archsim-cli report A.json [B.json ...] --out FILE.pdf|FILE.html [--replications R]\n"
    "                   [--seed N] [--slo MS] [--paper a4|letter]\n"
#endif
    "\n"
    "  run       simulate a scenario file and print a latency, error and cost summary\n"
    "  compare   run two scenarios on the same arrivals and print them side by side\n"
    "  validate  check a scenario file and list every problem\n"
#ifdef ARCHSIM_HAS_REPORT
    "  report    write the design-review report (parameters, topology, charts, summary with\n"
    "            confidence intervals, prices, warnings) as PDF or self-contained HTML\n"
#endif
    "\n"
    "  --seed N          use seed N instead of the scenario's own\n"
    "  --json            print the results as one JSON object\n"
    "  --csv DIR         also write the time series (windows.csv) and summary (summary.csv)\n"
    "                    to DIR (created if missing)\n"
    "  --replications R  run R independent replications on all cores and report each figure\n"
    "                    with a 95% confidence interval\n"
    "  --traffic R1,...  (compare) also simulate both at these rates (requests/s) and print\n"
    "                    the monthly cost curves and where they cross\n"
    "  --memory-budget-mb M  stop a run as overloaded before its requests in flight and pending\n"
    "                    events would take more than M MiB (default 4096)\n"
    "\n"
    "exit status: 0 done, 1 the run overloaded, 2 bad usage or input, 3 output not written\n";

/// The command's exit status, unless its results did not reach standard output (a full disk, a
/// closed pipe): a script reading them must not take an empty or cut file for success.
int finish(int status) {
    // std::cout writes into stdout's buffer (synchronised with stdio): flushing that says why.
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    const int error = errno;
    std::cout.flush();
    if (std::cout && flushed && !std::ferror(stdout)) return status;
    std::cerr << "archsim-cli: cannot write standard output: "
              << (error != 0 ? std::generic_category().message(error) : "write failed") << '\n';
    return std::max(status, archsim::cli::kExitWriteFailed);
}

int usageError(const std::string& message) {
    std::cerr << "archsim-cli: " << message << "\n" << kUsage;
    return archsim::cli::kExitBadInput;
}

template <class T>
bool parseNumber(std::string_view text, T& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

/// Shared options of run and compare; returns an error message or "".
struct Options {
    std::vector<std::string> files;
    std::optional<std::uint64_t> seed;
    bool json = false;
    std::string csv;
    unsigned replications = 1;
    std::vector<double> traffic;
    std::optional<std::uint64_t> memoryBudgetMb;
};

std::string parseOptions(int argc, char** argv, bool allowRunOptions, Options& o) {
    for (int i = 2; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto next = [&](std::string_view& value) {
            if (i + 1 >= argc) return false;
            value = argv[++i];
            return true;
        };
        std::string_view value;
        if (arg == "--json") {
            o.json = true;
        } else if (arg == "--seed") {
            std::uint64_t seed = 0;
            if (!next(value)) return "--seed needs a value";
            if (!parseNumber(value, seed))
                return "--seed must be a non-negative whole number, got '" + std::string(value) + "'";
            o.seed = seed;
        } else if (arg == "--memory-budget-mb") {
            std::uint64_t mb = 0;
            if (!next(value)) return "--memory-budget-mb needs a value";
            if (!parseNumber(value, mb) || mb < 1 || mb > (std::uint64_t{1} << 30))
                return "--memory-budget-mb must be a whole number of MiB from 1 to 1073741824, "
                       "got '" + std::string(value) + "'";
            o.memoryBudgetMb = mb;
        } else if (allowRunOptions && arg == "--csv") {
            if (!next(value)) return "--csv needs a directory";
            o.csv = value;
        } else if (allowRunOptions && arg == "--replications") {
            if (!next(value)) return "--replications needs a value";
            if (!parseNumber(value, o.replications) || o.replications < 1 || o.replications > 10000)
                return "--replications must be a whole number from 1 to 10000, got '" +
                       std::string(value) + "'";
        } else if (!allowRunOptions && arg == "--traffic") {
            if (!next(value)) return "--traffic needs a comma-separated list of rates";
            std::string list(value);
            for (std::size_t start = 0; start <= list.size();) {
                const std::size_t comma = std::min(list.find(',', start), list.size());
                double rate = 0;
                if (!parseNumber(std::string_view(list).substr(start, comma - start), rate) ||
                    !(rate > 0) || rate > 1e7)
                    return "--traffic: each rate must be a number above 0 and at most 1e7, got '" +
                           list.substr(start, comma - start) + "'";
                o.traffic.push_back(rate);
                start = comma + 1;
            }
            if (o.traffic.size() > 64) return "--traffic: at most 64 levels";
        } else if (!arg.empty() && arg[0] == '-') {
            return "unknown option '" + std::string(arg) + "'";
        } else {
            o.files.emplace_back(arg);
        }
    }
    if (!o.csv.empty() && o.replications > 1) return "--csv writes one run; drop --replications";
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usageError("no command given");
    const std::string_view command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kUsage;
        return finish(0);
    }
    Options o;
    if (command == "run") {
        if (const auto error = parseOptions(argc, argv, true, o); !error.empty()) return usageError(error);
        if (o.files.size() != 1) return usageError("run needs exactly one scenario file");
        archsim::cli::RunCommand run{o.files[0], o.seed,         o.json,
                                     o.csv,      o.replications, o.memoryBudgetMb};
        return finish(archsim::cli::runCommand(run, std::cout, std::cerr));
    }
    if (command == "compare") {
        if (const auto error = parseOptions(argc, argv, false, o); !error.empty()) return usageError(error);
        if (o.files.size() != 2) return usageError("compare needs exactly two scenario files");
        archsim::cli::CompareCommand compare{o.files[0], o.files[1], o.seed,
                                             o.json,     o.traffic,  o.memoryBudgetMb};
        return finish(archsim::cli::compareCommand(compare, std::cout, std::cerr));
    }
    if (command == "validate") {
        if (argc != 3) return usageError("validate needs exactly one scenario file");
        return finish(archsim::cli::validateCommand(argv[2], std::cout, std::cerr));
    }
#ifdef ARCHSIM_HAS_REPORT
    if (command == "report") {
        archsim::cli::ReportCommand report;
        for (int i = 2; i < argc; ++i) {
            const std::string_view arg = argv[i];
            const bool hasValue = i + 1 < argc;
            if (arg == "--out" || arg == "--replications" || arg == "--seed" || arg == "--slo" ||
                arg == "--paper") {
                if (!hasValue) return usageError(std::string(arg) + " needs a value");
                const std::string_view value = argv[++i];
                if (arg == "--out") {
                    report.out = value;
                } else if (arg == "--replications") {
                    if (!parseNumber(value, report.replications) || report.replications < 1 ||
                        report.replications > 10000)
                        return usageError(
                            "--replications must be a whole number from 1 to 10000, got '" +
                            std::string(value) + "'");
                } else if (arg == "--seed") {
                    std::uint64_t seed = 0;
                    if (!parseNumber(value, seed))
                        return usageError("--seed must be a non-negative whole number, got '" +
                                          std::string(value) + "'");
                    report.seed = seed;
                } else if (arg == "--slo") {
                    if (!parseNumber(value, report.sloMs) || !(report.sloMs >= 0) ||
                        report.sloMs > 1e7)
                        return usageError("--slo must be a latency in ms from 0 to 1e7, got '" +
                                          std::string(value) + "'");
                } else if (value == "a4" || value == "letter") {
                    report.letter = value == "letter";
                } else {
                    return usageError("--paper must be a4 or letter, got '" + std::string(value) +
                                      "'");
                }
            } else if (!arg.empty() && arg[0] == '-') {
                return usageError("unknown option '" + std::string(arg) + "'");
            } else {
                report.files.emplace_back(arg);
            }
        }
        if (report.files.empty()) return usageError("report needs at least one scenario file");
        if (report.out.empty()) return usageError("report needs --out FILE.pdf or FILE.html");
        return archsim::cli::reportCommand(report, std::cout, std::cerr);
    }
#endif
    return usageError("unknown command '" + std::string(command) + "'");
}
