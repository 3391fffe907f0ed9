#pragma once
// Test-only: runs the civicsim binary as a user would and captures what it prints.

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace civicsim::test {

struct cli_outcome {
    int exit_code = -1;
    std::string output;  ///< standard output and standard error together
};

/// Runs civicsim with `args` in the working directory `directory` (the current one if empty).
inline cli_outcome run_cli_in(const std::filesystem::path& directory, const std::string& args) {
    const std::string change =
        directory.empty() ? std::string() : "cd '" + directory.string() + "' && ";
    const std::string command = change + std::string(CIVICSIM_CLI) + " " + args + " 2>&1";
    cli_outcome result;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe))
        result.output.append(buffer, n);
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

inline cli_outcome run_cli(const std::string& args) { return run_cli_in({}, args); }

/// A file of the source tree, e.g. "scenarios/workshop_town.toml".
inline std::string source(const std::string& relative) {
    return std::string(CIVICSIM_SOURCE_DIR) + "/" + relative;
}

/// A path under the test scratch area's `directory`, removed if it exists.
inline std::filesystem::path scratch(const std::string& name,
                                     const std::string& directory = "cli") {
    const std::filesystem::path dir = std::filesystem::path(CIVICSIM_TEST_TMP) / directory;
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::filesystem::remove_all(path);
    return path;
}

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace civicsim::test
