// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli: the headless runner. Parses the command line and hands over to clicommands.cpp.

#include <charconv>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

#include "app/cli/clicommands.h"

namespace {

constexpr const char* kUsage =
    "usage: archsim-cli run FILE.json [--seed N] [--json]\n"
    "       archsim-cli validate FILE.json\n"
    "\n"
    "  run       simulate a scenario file and print a latency summary\n"
    "  validate  check a scenario file and list every problem\n"
    "\n"
    "  --seed N  use seed N instead of the scenario's own\n"
    "  --json    print the summary as one JSON object\n";

int usageError(const std::string& message) {
    std::cerr << "archsim-cli: " << message << "\n" << kUsage;
    return archsim::cli::kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usageError("no command given");
    const std::string_view command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kUsage;
        return 0;
    }
    if (command == "run") {
        archsim::cli::RunCommand run;
        for (int i = 2; i < argc; ++i) {
            const std::string_view arg = argv[i];
            if (arg == "--json") {
                run.json = true;
            } else if (arg == "--seed") {
                if (i + 1 >= argc) return usageError("--seed needs a value");
                const std::string_view value = argv[++i];
                std::uint64_t seed = 0;
                const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seed);
                if (error != std::errc() || end != value.data() + value.size())
                    return usageError("--seed must be a non-negative whole number, got '" +
                                      std::string(value) + "'");
                run.seed = seed;
            } else if (!arg.empty() && arg[0] == '-') {
                return usageError("unknown option '" + std::string(arg) + "'");
            } else if (run.file.empty()) {
                run.file = arg;
            } else {
                return usageError("more than one scenario file given");
            }
        }
        if (run.file.empty()) return usageError("run needs a scenario file");
        return archsim::cli::runCommand(run, std::cout, std::cerr);
    }
    if (command == "validate") {
        if (argc != 3) return usageError("validate needs exactly one scenario file");
        return archsim::cli::validateCommand(argv[2], std::cout, std::cerr);
    }
    return usageError("unknown command '" + std::string(command) + "'");
}
