// SIGINT, SIGTERM and SIGHUP during the runs of run or compare stop them within a second, with
// exit code 130 and nothing under the final name or beside it; during the final write, they let
// the file be finished first, leaving no temporary file beside it.

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "sim/results/hdf5_reader.hpp"
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

namespace {

/// Whether `directory` holds an entry whose name starts with `prefix`.
bool holds(const fs::path& directory, const std::string& prefix) {
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error))
        if (it->path().filename().string().starts_with(prefix)) return true;
    return false;
}

/// Every entry under `directory` whose name starts with a dot: temporary files left behind.
std::vector<std::string> hidden_entries(const fs::path& directory) {
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(directory))
        if (entry.path().filename().string().starts_with("."))
            names.push_back(entry.path().lexically_relative(directory).string());
    return names;
}

}  // namespace

TEST_CASE("a stop signal during the final write lets it finish: a whole file, nothing beside it",
          "[cli]") {
    // The signal is sent the moment the final file's temporary appears, while it is written.
    struct write {
        std::string command, output, temporary_prefix;
    };
    for (const auto& [command, output, temporary_prefix] :
         {write{"run", "out.h5", ".out.h5."}, write{"compare", "report.html", ".report.html."}}) {
        const auto directory = civicsim::test::fresh_directory("signals", "final-" + command);
        const auto out = directory / "out.h5";
        std::vector<std::string> args{
            command,          civicsim::test::source("scenarios/workshop_town.toml"),
            "--days",         "365",
            "--replications", "2",
            "--threads",      "1",
            "--out",          out.string()};
        if (command == "compare") {
            args.push_back("--report");
            args.push_back((directory / "report.html").string());
        }
        const pid_t child = start(args);
        // The runs keep their replications in out.h5.partial/; the output's probe, before it,
        // also makes a temporary beside the output, so that is waited for first.
        int status = 0;
        bool ended = false;
        const auto wait_for = [&](const fs::path& where, const std::string& prefix) {
            while (!holds(where, prefix)) {
                if (waitpid(child, &status, WNOHANG) == child) return !(ended = true);
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
            return true;
        };
        REQUIRE(wait_for(directory, "out.h5.partial"));
        REQUIRE(wait_for(directory, temporary_prefix));
        REQUIRE(kill(child, SIGTERM) == 0);
        REQUIRE(waitpid(child, &status, 0) == child);
        INFO(command);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 130);
        CHECK(hidden_entries(directory).empty());
        CHECK(fs::exists(directory / output));
        CHECK_FALSE(fs::exists(directory / "out.h5.partial"));
        const auto results = civicsim::sim::read_results(out);  // whole, not marked incomplete
        CHECK(results.runs.size() == 2 * results.strategies.size());
    }
}
