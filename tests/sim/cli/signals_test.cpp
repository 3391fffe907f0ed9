// SIGINT, SIGTERM and SIGHUP during the runs of run or compare stop them within a second, with
// exit code 130 and nothing under the final name or beside it.

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/sim/cli/run_cli.hpp"
#include "tests/sim/scratch_files.hpp"

namespace fs = std::filesystem;

namespace {

/// Starts civicsim with `args` (output discarded) and returns its process id.
pid_t start(const std::vector<std::string>& args) {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::vector<char*> argv{const_cast<char*>(CIVICSIM_CLI)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        execv(CIVICSIM_CLI, argv.data());
        _exit(127);
    }
    return child;
}

}  // namespace

TEST_CASE("a stop signal during the runs ends them within a second, writing nothing", "[cli]") {
    for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
        for (const std::string command : {"run", "compare"}) {
            const auto directory =
                civicsim::test::fresh_directory("signals", command + "-" + std::to_string(signal));
            const auto out = directory / "out.h5";
            // Long enough (tens of seconds) that the signal arrives while the runs go on.
            const pid_t child =
                start({command, civicsim::test::source("scenarios/workshop_town.toml"), "--days",
                       "36500", "--replications", "2", "--threads", "1", "--out", out.string()});
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
            const auto sent = std::chrono::steady_clock::now();
            REQUIRE(kill(child, signal) == 0);
            int status = 0;
            REQUIRE(waitpid(child, &status, 0) == child);
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
            INFO(command << ", signal " << signal << ": " << seconds << " s");
            CHECK(WIFEXITED(status));
            CHECK(WEXITSTATUS(status) == 130);
            CHECK(seconds < 1.0);
            CHECK(civicsim::test::entries(directory).empty());
        }
    }
}
