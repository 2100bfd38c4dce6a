// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: arbitrary bytes as a scenario file. Loading must either succeed or report
// problems, never crash, hang or leak; a scenario that loads must save and load back identically.
// Build and run (clang only): cmake -DCMAKE_CXX_COMPILER=clang++-14 -DARCHSIM_BUILD_FUZZ=ON ...
// then  fuzz_scenario -max_total_time=60 resources/presets
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/scenario/scenariojson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    archsim::ValidationReport report;
    const auto scenario = archsim::scenarioFromText(text, report);
    if (!scenario) {
        if (report.ok()) __builtin_trap();  // a refusal must say why
        return 0;
    }
    const std::string saved = archsim::scenarioToText(*scenario);
    archsim::ValidationReport again;
    const auto reloaded = archsim::scenarioFromText(saved, again);
    if (!reloaded || archsim::scenarioToText(*reloaded) != saved) __builtin_trap();
    return 0;
}
