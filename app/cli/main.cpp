// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli: the headless runner. Parses the command line (CLI11) and hands over to
// clicommands.cpp. Usage errors exit with status 2 and one line per problem on standard error.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "app/cli/azurecommand.h"
#include "app/cli/clicommands.h"
#include "app/cli/outputfile.h"
#include "app/cli/sweepcommand.h"
#include "sim/scenario/atomicfile.h"
#ifdef ARCHSIM_HAS_REPORT
#include "app/cli/reportcommand.h"
#endif

namespace {

namespace cli = archsim::cli;

constexpr const char* kFileHelp = "scenario file (JSON); - reads it from standard input";

template <class T>
bool parseNumber(std::string_view text, T& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

/// Everything any command accepts. Numbers stay text until CLI11 is done, so that each gets its
/// own message ("--seed must be a non-negative whole number, got 'abc'").
struct Options {
    std::vector<std::string> files;
    std::string seed, replications, threads, traffic, memoryBudgetMb;
    bool json = false;
    std::string csv, out;
    std::vector<std::string> sets;
    std::string sloMs, paper;  // report only
    std::string durations, function, azureApp, owner, fromMinute, minutes;  // azure only
    std::string precision, precisionFigure, maxReplications;  // run only
    std::string shard;                                         // sweep only
};

/// Set by the first SIGINT during a sweep: the runs under way stop and the finished ones are
/// written; a second SIGINT ends the program at once (the handler restores the default).
std::atomic<bool> g_interrupted{false};
extern "C" void onInterrupt(int) {
    g_interrupted.store(true);
    std::signal(SIGINT, SIG_DFL);
}

/// The options shared by several commands, with their help text in one place.
void addSeed(CLI::App& c, Options& o) {
    c.add_option("--seed", o.seed, "use seed N instead of the scenario's own")->type_name("N");
}
void addJson(CLI::App& c, Options& o, const char* what) {
    c.add_flag("--json", o.json, what);
}
void addOut(CLI::App& c, Options& o) {
    c.add_option("--out", o.out,
                 "write the result to FILE instead of standard output (replaced only when the "
                 "command produced a result)")
        ->type_name("FILE");
}
void addThreads(CLI::App& c, Options& o) {
    c.add_option("--threads", o.threads, "run on at most N threads (default: every core)")
        ->type_name("N");
}
void addMemoryBudget(CLI::App& c, Options& o) {
    c.add_option("--memory-budget-mb", o.memoryBudgetMb,
                 "stop a run as overloaded before its requests in flight and pending events would "
                 "take more than M MiB (default 4096)")
        ->type_name("M");
}
void addSet(CLI::App& c, Options& o) {
    c.add_option("--set", o.sets,
                 "override one field of the scenario, checked like the file, e.g. "
                 "--set workload.ratePerS=50 or --set topology.functions[0].memoryMb=512 "
                 "(repeatable; VALUE is JSON, or else text)")
        ->type_name("PATH=VALUE")
        ->expected(1)  // one assignment each time, so `--set a=1 FILE` leaves FILE alone
        ->allow_extra_args(false)
        ->take_all();
}

/// Converts the text options into the command's fields; returns every problem (empty: fine).
std::vector<std::string> convert(const Options& o, std::optional<std::uint64_t>& seed,
                                 unsigned& replications, unsigned& threads,
                                 std::vector<double>& traffic,
                                 std::vector<archsim::ScenarioOverride>& overrides,
                                 std::optional<std::uint64_t>& memoryBudgetMb) {
    std::vector<std::string> problems;
    if (!o.memoryBudgetMb.empty()) {
        std::uint64_t mb = 0;
        if (parseNumber(o.memoryBudgetMb, mb) && mb >= 1 && mb <= (std::uint64_t{1} << 30))
            memoryBudgetMb = mb;
        else
            problems.push_back(
                "--memory-budget-mb must be a whole number of MiB from 1 to 1073741824, got '" +
                o.memoryBudgetMb + "'");
    }
    if (!o.seed.empty()) {
        std::uint64_t value = 0;
        if (parseNumber(o.seed, value))
            seed = value;
        else
            problems.push_back("--seed must be a non-negative whole number, got '" + o.seed + "'");
    }
    if (!o.replications.empty() &&
        (!parseNumber(o.replications, replications) || replications < 1 || replications > 10000))
        problems.push_back("--replications must be a whole number from 1 to 10000, got '" +
                           o.replications + "'");
    if (!o.threads.empty() && (!parseNumber(o.threads, threads) || threads < 1 || threads > 4096))
        problems.push_back("--threads must be a whole number from 1 to 4096, got '" + o.threads +
                           "'");
    if (!o.traffic.empty()) {
        const std::string& list = o.traffic;
        for (std::size_t start = 0; start <= list.size();) {
            const std::size_t comma = std::min(list.find(',', start), list.size());
            double rate = 0;
            if (!parseNumber(std::string_view(list).substr(start, comma - start), rate) ||
                !(rate > 0) || rate > 1e7) {
                problems.push_back(
                    "--traffic: each rate must be a number above 0 and at most 1e7, got '" +
                    list.substr(start, comma - start) + "'");
                break;
            }
            traffic.push_back(rate);
            start = comma + 1;
        }
        if (traffic.size() > 64) problems.push_back("--traffic: at most 64 levels");
    }
    for (const std::string& assignment : o.sets) {
        archsim::ScenarioOverride override;
        if (std::string error = archsim::parseOverride(assignment, override); !error.empty())
            problems.push_back(std::move(error));
        else
            overrides.push_back(std::move(override));
    }
    if (std::count(o.files.begin(), o.files.end(), "-") > 1)
        problems.emplace_back("only one scenario can come from standard input ('-')");
    if (!o.out.empty() && o.out != "-") {
        const std::filesystem::path parent = std::filesystem::path(o.out).parent_path();
        std::error_code error;
        if (std::filesystem::is_directory(o.out, error))
            problems.push_back("--out: '" + o.out + "' is a directory");
        else if (!parent.empty() && !std::filesystem::is_directory(parent, error))
            problems.push_back("--out: no directory '" + parent.string() + "' to write '" + o.out +
                               "' in");
    }
    return problems;
}

int usageErrors(const std::vector<std::string>& problems, const std::string& command) {
    for (const std::string& problem : problems) std::cerr << "archsim-cli: " << problem << '\n';
    std::cerr << "archsim-cli: see 'archsim-cli " << (command.empty() ? "" : command + " ")
              << "--help'\n";
    return cli::kExitBadInput;
}

/// The command's exit status, unless its output did not reach standard output (a full disk, a
/// closed pipe): a script reading it must not take an empty or cut file for success.
int finish(int status) {
    // std::cout writes into stdout's buffer (synchronised with stdio): flushing that says why.
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    const int error = errno;
    std::cout.flush();
    if (std::cout && flushed && !std::ferror(stdout)) return status;
    std::cerr << "archsim-cli: cannot write standard output: "
              << (error != 0 ? std::generic_category().message(error) : "write failed") << '\n';
    return std::max(status, cli::kExitWriteFailed);
}

/// Writes the command's result where --out says: standard output, or FILE, written whole (to a
/// temporary file renamed over it) so that a failed write never leaves half a result behind.
int deliver(const std::string& result, const std::string& outFile, int status) {
    if (outFile.empty() || outFile == "-") {
        std::cout << result;
        return finish(status);
    }
    // Nothing to write when the input was refused: an earlier result stays as it was.
    if (result.empty() && status != cli::kExitOk) return status;
    // A device, a pipe or a link (/dev/stdout) is written in place: renaming over it would replace
    // it. A regular file is replaced as the window saves scenarios: whole or not at all, through a
    // fresh temporary file, so a link planted under a predictable temporary name is never followed.
    std::error_code error;
    const auto type = std::filesystem::symlink_status(outFile, error).type();
    const bool inPlace = type != std::filesystem::file_type::regular &&
                         type != std::filesystem::file_type::not_found;
    std::string failure;
    if (inPlace) {
        cli::OutputFile file(outFile);
        file.write(result);
        failure = file.close();
    } else {
        failure = archsim::writeFileAtomically(outFile, result);
    }
    if (!failure.empty()) {
        std::cerr << "archsim-cli: --out: " << failure << '\n';
        return std::max(status, cli::kExitWriteFailed);
    }
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "archsim-cli: simulate tail latency, errors and cost of serverless and stateful "
        "architectures, without a window. Exit status: 0 success, 1 the run overloaded, "
        "2 bad usage or bad input, 3 an output could not be written.",
        "archsim-cli"};
    app.set_version_flag("--version", "archsim-cli " ARCHSIM_VERSION);
    app.require_subcommand(1);
    app.footer("Run 'archsim-cli COMMAND --help' for a command's options.");
    Options o;

    CLI::App* run = app.add_subcommand(
        "run", "simulate a scenario and print its latency, error and cost summary");
    run->add_option("file", o.files, kFileHelp)->type_name("FILE");
    addSeed(*run, o);
    addJson(*run, o, "print the results as one JSON object");
    run->add_option(
           "--csv", o.csv,
           "also write the time series (DIR/windows.csv) and the summary (DIR/summary.csv)")
        ->type_name("DIR");
    run->add_option("--replications", o.replications,
                    "run R independent replications and give each figure with a 95% confidence "
                    "interval")
        ->type_name("R");
    run->add_option("--precision", o.precision,
                    "run replications until the 95% confidence interval of a figure is at most "
                    "this fraction of its mean (0.05 = +-5%), or --max-replications")
        ->type_name("FRACTION");
    run->add_option("--precision-figure", o.precisionFigure,
                    "the figure --precision watches (default p99; also p50, p95, p99.9, mean, "
                    "errorRate, ...)")
        ->type_name("FIGURE");
    run->add_option("--max-replications", o.maxReplications,
                    "the most replications --precision may run (default 100)")
        ->type_name("N");
    addThreads(*run, o);
    addMemoryBudget(*run, o);
    addSet(*run, o);
    addOut(*run, o);

    CLI::App* compare = app.add_subcommand(
        "compare", "run two scenarios on the same arrivals (common random numbers), side by side");
    compare->add_option("files", o.files, "the two scenario files (one may be -)")
        ->type_name("A B");
    addSeed(*compare, o);
    addJson(*compare, o, "print both results (and any cost curve) as one JSON object");
    compare
        ->add_option("--traffic", o.traffic,
                     "also simulate both at these rates (requests/s) and print the monthly cost "
                     "curves and where they cross")
        ->type_name("R1,R2,...");
    addThreads(*compare, o);
    addMemoryBudget(*compare, o);
    addSet(*compare, o);
    addOut(*compare, o);

    CLI::App* validate =
        app.add_subcommand("validate", "check a scenario (and its pricing) and list every problem");
    validate->add_option("file", o.files, kFileHelp)->type_name("FILE");
    addJson(*validate, o, "print the verdict and every problem (file, path, message) as JSON");
    addSet(*validate, o);
    addOut(*validate, o);

    CLI::App* azure = app.add_subcommand(
        "azure",
        "write a scenario from the Azure Functions public trace: one function's (or an "
        "app's, an owner's, the whole file's) invocations per minute as a rate schedule, "
        "its duration percentiles as the service time");
    azure->add_option("invocations", o.files, "invocations_per_function_md.anon.dNN.csv")
        ->type_name("FILE");
    azure->add_option("--durations", o.durations, "function_durations_percentiles.anon.dNN.csv")
        ->type_name("FILE");
    azure->add_option("--function", o.function, "replay this function (its hash or a prefix)")
        ->type_name("HASH");
    azure->add_option("--app", o.azureApp, "replay all of this app's functions")->type_name("HASH");
    azure->add_option("--owner", o.owner, "replay all of this owner's functions")
        ->type_name("HASH");
    azure->add_option("--from", o.fromMinute, "first minute of the day to replay (default 1)")
        ->type_name("MINUTE");
    azure->add_option("--minutes", o.minutes, "how many minutes (default: to the end of the day)")
        ->type_name("N");
    addOut(*azure, o);

    CLI::App* sweep = app.add_subcommand(
        "sweep", "run a sweep file: scenarios over a range of field values with replications "
                 "(common random numbers), or a limit search; whole, or one shard of N");
    sweep->add_option("file", o.files, "the sweep file (JSON, docs/sweeps.md)")->type_name("SWEEP");
    sweep->add_option("--shard", o.shard,
                      "run only shard I of N (counted from 1) and write it for 'archsim-cli merge'")
        ->type_name("I/N");
    sweep->add_option("--csv", o.csv, "also write the table of points as CSV to FILE")
        ->type_name("FILE");
    addThreads(*sweep, o);
    addMemoryBudget(*sweep, o);
    addSet(*sweep, o);
    addOut(*sweep, o);

    CLI::App* merge = app.add_subcommand(
        "merge", "combine the shards of one sweep into its result (exactly the unsharded result)");
    merge->add_option("files", o.files, "every shard file of the sweep")->type_name("SHARD...");
    merge->add_option("--csv", o.csv, "also write the table of points as CSV to FILE")
        ->type_name("FILE");
    addOut(*merge, o);

    std::vector<CLI::App*> commands{run, compare, validate, azure, sweep, merge};
#ifdef ARCHSIM_HAS_REPORT
    CLI::App* report = app.add_subcommand(
        "report", "write the design-review report (parameters, topology, charts, summary with "
                  "confidence intervals, prices, warnings) as PDF or self-contained HTML");
    report->add_option("files", o.files, "the scenario files, compared in this order")
        ->type_name("A [B ...]");
    report->add_option("--out", o.out, "the report to write: FILE.pdf or FILE.html")
        ->type_name("FILE");
    report->add_option("--replications", o.replications,
                       "run R independent replications of each scenario (intervals in the "
                       "summary)")
        ->type_name("R");
    addSeed(*report, o);
    report->add_option("--slo", o.sloMs, "the latency objective drawn on the charts (default 10)")
        ->type_name("MS");
    report->add_option("--paper", o.paper, "page size of a PDF: a4 (default) or letter")
        ->type_name("a4|letter");
    commands.push_back(report);
#endif
    std::string commandNames;
    for (CLI::App* command : commands)
        commandNames += (commandNames.empty() ? "" : ", ") + command->get_name();

    for (CLI::App* command : commands) command->set_help_flag("-h,--help", "show this help");

    const std::string first = argc > 1 ? argv[1] : "";
    if (first.empty()) return usageErrors({"no command given (" + commandNames + ")"}, {});
    if (first == "help") {
        // "archsim-cli help [COMMAND]", as people type it.
        const std::string topic = argc > 2 ? argv[2] : "";
        for (CLI::App* command : commands)
            if (command->get_name() == topic) {
                std::cout << command->help();
                return finish(0);
            }
        std::cout << app.help();
        return finish(0);
    }
    const bool known = std::any_of(commands.begin(), commands.end(),
                                   [&](CLI::App* command) { return command->get_name() == first; });
    if (first[0] != '-' && !known)
        return usageErrors({"unknown command '" + first + "' (" + commandNames + ")"}, {});
    const std::string command = first[0] == '-' ? std::string() : first;

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return finish(app.exit(e));  // --help, --version
        return usageErrors({e.what()}, command);
    }

    std::optional<std::uint64_t> seed;
    unsigned replications = 1, threads = 0;
    std::vector<double> traffic;
    std::vector<archsim::ScenarioOverride> overrides;
    std::optional<std::uint64_t> memoryBudgetMb;
    std::vector<std::string> problems =
        convert(o, seed, replications, threads, traffic, overrides, memoryBudgetMb);
#ifdef ARCHSIM_HAS_REPORT
    if (command == "report") {
        cli::ReportCommand c;
        c.files = o.files;
        c.out = o.out;
        c.replications = replications;
        c.seed = seed;
        if (!o.sloMs.empty() &&
            (!parseNumber(o.sloMs, c.sloMs) || !(c.sloMs >= 0) || c.sloMs > 1e7))
            problems.push_back("--slo must be a latency in ms from 0 to 1e7, got '" + o.sloMs + "'");
        if (!o.paper.empty() && o.paper != "a4" && o.paper != "letter")
            problems.push_back("--paper must be a4 or letter, got '" + o.paper + "'");
        c.letter = o.paper == "letter";
        if (c.files.empty()) problems.emplace_back("report needs at least one scenario file");
        if (c.out.empty()) problems.emplace_back("report needs --out FILE.pdf or FILE.html");
        if (!problems.empty()) return usageErrors(problems, command);
        return finish(cli::reportCommand(c, std::cout, std::cerr));
    }
#endif
    if (command == "sweep" || command == "merge") {
        cli::SweepCommand sc;
        cli::MergeCommand mc;
        if (command == "sweep") {
            if (o.files.size() != 1)
                problems.push_back("sweep needs exactly one sweep file, got " +
                                   std::to_string(o.files.size()));
            else
                sc.file = o.files[0];
            if (!o.shard.empty())
                if (std::string error = cli::parseShard(o.shard, sc.shardIndex, sc.shardCount);
                    !error.empty())
                    problems.push_back(std::move(error));
            if (!o.shard.empty() && !o.csv.empty())
                problems.emplace_back("--csv needs the whole sweep; merge the shards with --csv");
        } else if (o.files.empty()) {
            problems.emplace_back("merge needs the shard files");
        }
        if (!o.csv.empty() && std::filesystem::is_directory(o.csv))
            problems.push_back("--csv: '" + o.csv + "' is a directory");
        if (!problems.empty()) return usageErrors(problems, command);
        std::string result, csv;
        int status = 0;
        if (command == "sweep") {
            sc.wantCsv = !o.csv.empty();
            sc.threads = threads;
            sc.memoryBudgetMb = memoryBudgetMb;
            sc.interrupt = &g_interrupted;
            sc.overrides = overrides;
            std::signal(SIGINT, onInterrupt);
            status = cli::sweepCommand(sc, result, csv, std::cerr);
            std::signal(SIGINT, SIG_DFL);
        } else {
            mc.files = o.files;
            mc.wantCsv = !o.csv.empty();
            status = cli::mergeCommand(mc, result, csv, std::cerr);
        }
        if (!csv.empty()) {
            if (const std::string failure = archsim::writeFileAtomically(o.csv, csv);
                !failure.empty()) {
                std::cerr << "archsim-cli: --csv: " << failure << '\n';
                status = std::max(status, cli::kExitWriteFailed);
            }
        }
        return deliver(result, o.out, status);
    }
    if (command == "azure") {
        archsim::AzureTraceRequest r;
        if (o.files.size() != 1)
            problems.emplace_back("azure needs exactly one invocations file");
        else
            r.invocationsFile = o.files[0];
        r.durationsFile = o.durations;
        if (o.durations.empty())
            problems.emplace_back("azure needs --durations FILE for the service time");
        using Level = archsim::AzureSelection::Level;
        for (const auto& [text, level] :
             {std::pair{&o.function, Level::Function}, std::pair{&o.azureApp, Level::App},
              std::pair{&o.owner, Level::Owner}}) {
            if (text->empty()) continue;
            if (r.selection.level != Level::All)
                problems.emplace_back("give at most one of --function, --app and --owner");
            r.selection = {level, *text};
        }
        if (!o.fromMinute.empty() && (!parseNumber(o.fromMinute, r.firstMinute) ||
                                      r.firstMinute < 1 || r.firstMinute > 1440))
            problems.push_back("--from must be a minute from 1 to 1440, got '" + o.fromMinute +
                               "'");
        if (!o.minutes.empty() &&
            (!parseNumber(o.minutes, r.minutes) || r.minutes < 1 || r.minutes > 1440))
            problems.push_back("--minutes must be from 1 to 1440, got '" + o.minutes + "'");
        if (!problems.empty()) return usageErrors(problems, command);
        std::ostringstream result;
        const int status = cli::azureCommand(r, result, std::cerr);
        return deliver(result.str(), o.out, status);
    }
    const std::size_t wanted = command == "compare" ? 2 : 1;
    if (o.files.size() != wanted)
        problems.push_back(command + " needs exactly " +
                           (wanted == 2 ? "two scenario files" : "one scenario file") + ", got " +
                           std::to_string(o.files.size()));
    if (!o.csv.empty() && replications > 1)
        problems.emplace_back("--csv writes one run; drop --replications");
    std::optional<double> precision;
    unsigned maxReplications = 100;
    if (!o.precision.empty()) {
        double value = 0;
        if (parseNumber(o.precision, value) && value > 0 && value < 1)
            precision = value;
        else
            problems.push_back("--precision must be a fraction above 0 and below 1 (0.05 = +-5%), "
                               "got '" + o.precision + "'");
        if (replications > 1) problems.emplace_back("give --precision or --replications, not both");
        if (!o.csv.empty()) problems.emplace_back("--csv writes one run; drop --precision");
    }
    if (!o.maxReplications.empty() &&
        (!parseNumber(o.maxReplications, maxReplications) || maxReplications < 2 ||
         maxReplications > 10000))
        problems.push_back("--max-replications must be a whole number from 2 to 10000, got '" +
                           o.maxReplications + "'");
    if (!o.precision.empty() || !o.precisionFigure.empty() || !o.maxReplications.empty()) {
        if (o.precision.empty())
            problems.emplace_back("--precision-figure and --max-replications go with --precision");
        if (!o.precisionFigure.empty() && !cli::knownPrecisionFigure(o.precisionFigure))
            problems.push_back("--precision-figure: unknown figure '" + o.precisionFigure +
                               "' (" + cli::precisionFigureNames() + ")");
    }
    if (!problems.empty()) return usageErrors(problems, command);

    std::ostringstream result;
    int status = cli::kExitOk;
    if (command == "run") {
        cli::RunCommand c;
        c.file = o.files[0];
        c.seed = seed;
        c.json = o.json;
        c.csvDirectory = o.csv;
        c.replications = replications;
        c.overrides = overrides;
        c.threads = threads;
        c.memoryBudgetMb = memoryBudgetMb;
        c.precision = precision;
        c.precisionFigure = o.precisionFigure.empty() ? "p99" : o.precisionFigure;
        c.maxReplications = maxReplications;
        status = cli::runCommand(c, result, std::cerr);
    } else if (command == "compare") {
        cli::CompareCommand c;
        c.first = o.files[0];
        c.second = o.files[1];
        c.seed = seed;
        c.json = o.json;
        c.trafficLevels = traffic;
        c.overrides = overrides;
        c.threads = threads;
        c.memoryBudgetMb = memoryBudgetMb;
        status = cli::compareCommand(c, result, std::cerr);
    } else {
        cli::ValidateCommand c{o.files[0], o.json, overrides};
        status = cli::validateCommand(c, result, std::cerr);
    }
    return deliver(result.str(), o.out, status);
}
