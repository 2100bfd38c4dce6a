// SPDX-License-Identifier: GPL-3.0-or-later
// Replays a fuzz target over saved inputs without libFuzzer, so every input that once crashed an
// archsim loader or run stays a regression test in the ordinary (g++ and sanitizer) ctest builds.
// Usage: fuzz_scenario_replay DIR_OR_FILE...   (exit 0 when every input passed, 1 otherwise; a
// target that traps aborts, which ctest reports as a failure naming the last input printed).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputsUnder(const std::filesystem::path& root) {
    std::vector<std::filesystem::path> inputs;
    if (std::filesystem::is_directory(root)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
            if (entry.is_regular_file()) inputs.push_back(entry.path());
    } else {
        inputs.push_back(root);
    }
    std::sort(inputs.begin(), inputs.end());  // a fixed order, so a failure reproduces
    return inputs;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        for (const auto& path : inputsUnder(argv[i])) {
            std::ifstream in(path, std::ios::binary);
            if (!in) {
                std::cerr << "cannot read " << path << "\n";
                return 1;
            }
            const std::string bytes{std::istreambuf_iterator<char>(in),
                                    std::istreambuf_iterator<char>()};
            std::cout << "replaying " << path.string() << std::endl;  // flushed: names a crasher
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                   bytes.size());
            ++replayed;
        }
    }
    if (replayed == 0) {
        std::cerr << "no inputs found: a replay that replays nothing tests nothing\n";
        return 1;
    }
    std::cout << replayed << " inputs replayed, none crashed\n";
    return 0;
}
