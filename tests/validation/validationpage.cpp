// SPDX-License-Identifier: GPL-3.0-or-later
// Produces the tables of docs/validation.md: each queueing-theory check run through the same
// comparison the app shows (sim/theory/theorycomparison.h), over independent replications, printed
// as Markdown. Not a test (tests/validation/tst_*.cpp and tests/sim/theory check other parameters
// and assert); this program only prints, so the page's numbers can be made again:
//   build/release/tests/validation_page resources > docs/validation-tables.md
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "sim/run/replications.h"
#include "sim/scenario/scenariojson.h"
#include "sim/theory/coldstart.h"
#include "sim/theory/theorycomparison.h"

using namespace archsim;
using namespace archsim::theory;

namespace {

constexpr int kReplications = 20;
constexpr std::uint64_t kSeed = 2026;

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", value);
    return buffer;
}

Scenario station(const std::string& name, DistributionPtr serviceMs, int servers, double rho) {
    Scenario s;
    s.name = name;
    const double meanS = *serviceMs->mean() * 1e-3;
    s.workload.ratePerS = rho * servers / meanS;
    // Heavier load relaxes more slowly: a longer warm-up and run (thousands of mean services).
    s.run.warmupS = rho > 0.85 ? 2000 * meanS : 500 * meanS;
    s.run.durationS = s.run.warmupS + (rho > 0.85 ? 200'000 : 50'000) * meanS;
    s.run.windowS = s.run.durationS / 500;
    s.run.maxInFlight = 10'000'000;
    s.topology.entry = "station";
    s.topology.stations.push_back({"station", servers, std::move(serviceMs)});
    return s;
}

void printHeader() {
    std::cout << "| check | figure | formula | simulated (99% CI, " << kReplications
              << " replications) | theory | verdict |\n|---|---|---|---|---|---|\n";
}

void printChecks(const Scenario& s, const std::vector<std::string>& figures) {
    const auto runs = runReplications(s, kSeed, kReplications, nullptr);
    const TheoryComparison c = compareTheory(s, runs);
    for (const TheoryCheck& check : c.checks) {
        const TheoryPrediction& p = check.prediction;
        bool wanted = false;
        for (const auto& f : figures) wanted = wanted || f == p.figure;
        if (!wanted) continue;
        const std::string unit = p.unit.empty() ? "" : " " + p.unit;
        std::cout << "| " << s.name << " | " << p.label << " | " << p.formula << " ("
                  << toString(p.applicability) << ") | " << number(check.simulated) << " ± "
                  << number(check.halfWidth) << unit << " | " << number(p.value) << unit << " | "
                  << toString(check.agreement) << " |\n";
    }
}

DistributionPtr lognormalMs(double meanMs, double sigma) {
    // E[S] = exp(mu + sigma^2 / 2)
    return makeLognormal(std::log(meanMs) - sigma * sigma / 2, sigma);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: validation_page RESOURCES_DIR\n";
        return 2;
    }
    const std::string resources = argv[1];
    const std::vector<std::string> mm = {"probabilityOfWait", "meanWait", "meanResponse",
                                         "responseP95", "responseP99"};

    std::cout << "### M/M/1 and M/M/c (Erlang C, exact)\n\nService exponential, mean 100 ms.\n\n";
    printHeader();
    for (const int c : {1, 2, 8})
        for (const double rho : {0.5, 0.8, 0.9})
            printChecks(
                station("M/M/" + std::to_string(c) + " rho " + number(rho), makeExponential(100), c,
                        rho),
                c == 1 ? mm
                       : std::vector<std::string>{"probabilityOfWait", "meanWait", "responseP99"});

    std::cout << "\n### M/D/1 and M/G/1 (Pollaczek-Khinchine, exact)\n\nService mean 100 ms: "
                 "constant (SCV 0), lognormal sigma 1 (SCV e - 1 = 1.718), gamma shape 4 (SCV "
                 "0.25).\n\n";
    printHeader();
    for (const double rho : {0.5, 0.8, 0.9})
        printChecks(station("M/D/1 rho " + number(rho), makeConstant(100), 1, rho),
                    {"meanWait", "probabilityOfWait"});
    for (const double rho : {0.5, 0.8})
        printChecks(station("M/G/1 lognormal rho " + number(rho), lognormalMs(100, 1.0), 1, rho),
                    {"meanWait"});
    printChecks(station("M/G/1 gamma rho 0.8", makeGamma(4, 25), 1, 0.8), {"meanWait"});

    std::cout << "\n### M/G/c (Allen-Cunneen, approximate: allowed error "
              << number(kAllenCunneenTolerance * 100) << "%)\n\n";
    printHeader();
    for (const double rho : {0.5, 0.8, 0.9}) {
        printChecks(station("M/D/4 rho " + number(rho), makeConstant(100), 4, rho), {"meanWait"});
        printChecks(station("M/G/4 lognormal rho " + number(rho), lognormalMs(100, 1.0), 4, rho),
                    {"meanWait"});
    }

    std::cout << "\n### Cold-start fraction at low rates (exp(-rate x keepAlive))\n\nOne "
                 "function pool behind a gateway, concurrency 1, cold start 200 ms, handler "
                 "50 ms, keep-alive 60 s, 200,000 s simulated.\n\n";
    printHeader();
    for (const double rate : {0.005, 0.02, 0.05}) {
        Scenario s;
        s.name = "function pool at " + number(rate) + "/s";
        s.run.durationS = 200'000;
        s.run.windowS = 400;
        s.workload.ratePerS = rate;
        s.topology.entry = "gateway";
        GatewaySpec g;
        g.id = "gateway";
        g.latencyMs = makeConstant(2);
        g.next = "function";
        s.topology.gateways.push_back(g);
        FunctionPoolSpec f;
        f.id = "function";
        f.coldStartMs = makeConstant(200);
        f.keepAliveS = makeConstant(60);
        HandlerStep cpu;
        cpu.cpuMs = makeConstant(50);
        f.handler = {cpu};
        s.topology.functions.push_back(f);
        printChecks(s, {"coldStartFraction"});
    }

    std::cout << "\n### Little's law on the presets (first replication, measured period)\n\n"
                 "| preset | component | place | L (time-average) | lambda x W | apart | verdict "
                 "|\n|---|---|---|---|---|---|---|\n";
    for (const char* preset : {"auth-api-workers.json", "auth-api-servers.json",
                               "db-exhaustion-lambda.json", "mmc-queue.json"}) {
        ValidationReport report;
        const auto s = loadScenarioFile(resources + "/presets/" + preset, report);
        if (!s) {
            std::cerr << report.toString() << '\n';
            return 1;
        }
        const auto runs = runReplications(*s, kSeed, 1, nullptr);
        for (const LittlesLawCheck& l : compareTheory(*s, runs).little)
            std::cout << "| " << preset << " | " << l.component << " | " << l.place << " | "
                      << number(l.timeAverage) << " | " << number(l.ratePerS * l.meanTimeS) << " | "
                      << number(100 * l.relativeError()) << "% | "
                      << (l.relativeError() <= kLittleTolerance ? "agrees" : "disagrees") << " |\n";
    }
    return 0;
}
