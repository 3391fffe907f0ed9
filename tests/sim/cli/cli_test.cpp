// The civicsim command line as a user meets it: exit codes, messages, and files left behind.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "models/metrics.hpp"
#include "tests/sim/cli/run_cli.hpp"
#include "tests/sim/results/hdf5_file.hpp"

namespace fs = std::filesystem;
using civicsim::test::run_cli;
using civicsim::test::scratch;
using civicsim::test::source;

namespace {

std::string read(const fs::path& path) { return civicsim::test::read_text(path); }

}  // namespace

TEST_CASE("every command answers --help with its usage", "[cli]") {
    for (const std::string command :
         {"run", "compare", "report", "validate", "describe", "bench"}) {
        const auto r = run_cli(command + " --help");
        INFO(r.output);
        CHECK(r.exit_code == 0);
        CHECK(r.output.find("usage: civicsim " + command) != std::string::npos);
    }
    const auto top = run_cli("--help");
    CHECK(top.exit_code == 0);
    CHECK(top.output.find("commands:") != std::string::npos);
}

TEST_CASE("an unknown command or flag exits with 2 and says what to try", "[cli]") {
    const auto command = run_cli("frobnicate");
    CHECK(command.exit_code == 2);
    CHECK(command.output.find("unknown command 'frobnicate'") != std::string::npos);

    const auto flag = run_cli("run " + source("scenarios/workshop_town.toml") + " --bogus");
    CHECK(flag.exit_code == 2);
    CHECK(flag.output.find("bogus") != std::string::npos);
    CHECK(flag.output.find("Try 'civicsim run --help'") != std::string::npos);
}

TEST_CASE("run writes a results file and prints the outcome table", "[cli]") {
    const auto out = scratch("small.h5");
    const auto r = run_cli("run " + source("scenarios/workshop_town.toml") +
                           " --days 20 --replications 2 --threads 2 --out " + out.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(fs::exists(out));
    CHECK(r.output.find("trust_mean") != std::string::npos);
    CHECK(r.output.find("95% interval") != std::string::npos);
    CHECK(r.output.find("wrote " + out.string() + " (2 runs") != std::string::npos);
    // No temporary file is left next to the result.
    for (const auto& entry : fs::directory_iterator(out.parent_path()))
        CHECK(entry.path().filename().string().find("small.h5.") == std::string::npos);

    // The file holds what was run: 2 runs x 20 days x 4 neighbourhoods, and the command line.
    const civicsim::sim::test::hdf5_reader file(out);
    for (const auto& metric : civicsim::models::daily_metrics())
        CHECK(file.shape("/timeseries/" + std::string(metric.name)) ==
              std::vector<hsize_t>{2, 20, 4});
    CHECK(file.shape("/summary/trust_mean") == std::vector<hsize_t>{2});
    CHECK(file.strings("/neighbourhoods/name") ==
          std::vector<std::string>{"Market Centre", "Millbrook Estate", "Old Village",
                                   "Brook Farms"});
    CHECK(file.string_attribute("/", "command_line").find("--days 20") != std::string::npos);
    CHECK(file.string_attribute("/", "scenario").find("days = 20") != std::string::npos);
    const auto trust = file.values<float>("/timeseries/trust_mean", H5T_NATIVE_FLOAT);
    for (const float t : trust) {
        CHECK(t > 0.3F);
        CHECK(t < 0.9F);
    }
}

TEST_CASE("run refuses to overwrite a results file without --force, before running", "[cli]") {
    const auto out = scratch("exists.h5");
    { std::ofstream(out) << "precious"; }
    const auto refused = run_cli("run " + source("scenarios/workshop_town.toml") +
                                 " --days 5 --replications 1 --out " + out.string());
    INFO(refused.output);
    CHECK(refused.exit_code == 2);
    CHECK(refused.output.find("--force") != std::string::npos);
    CHECK(refused.output.find("trust_mean") == std::string::npos);  // nothing was run
    CHECK(read(out) == "precious");

    const auto forced = run_cli("run " + source("scenarios/workshop_town.toml") +
                                " --days 5 --replications 1 --force --out " + out.string());
    CHECK(forced.exit_code == 0);
    CHECK(read(out) != "precious");
}

TEST_CASE("an invalid scenario or override runs nothing, writes nothing and exits with 2",
          "[cli]") {
    const auto bad = scratch("bad.toml");
    std::ofstream(bad)
        << "[scenario]\nname = \"bad\"\ndays = -3\n\n[[neighbourhood]]\nname = \"a\"\n"
           "population = 100\ndensity = 50\ndeprivation = 1.5\n";
    const auto out = scratch("bad.h5");
    const auto r = run_cli("run " + bad.string() + " --out " + out.string());
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find(bad.string() + ":3:") != std::string::npos);  // file:line:column of days
    CHECK(r.output.find("scenario.days") != std::string::npos);
    CHECK(r.output.find("neighbourhood.0.deprivation") != std::string::npos);
    CHECK(r.output.find("2 problems") != std::string::npos);
    CHECK(r.output.find("nothing was run or written") != std::string::npos);
    CHECK_FALSE(fs::exists(out));

    const auto set = run_cli("run " + source("scenarios/workshop_town.toml") +
                             " --set police.report_shar=0.1 --out " + out.string());
    CHECK(set.exit_code == 2);
    CHECK(set.output.find("police.report_share") != std::string::npos);  // did you mean
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("validate accepts the workshop town and describes it", "[cli]") {
    const auto r = run_cli("validate " + source("scenarios/workshop_town.toml"));
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("4 neighbourhoods") != std::string::npos);
}

TEST_CASE("bench prints resident-days per second", "[cli]") {
    const auto r = run_cli("bench --residents 5000 --days 10 --threads 1");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("resident-days/s") != std::string::npos);
    const auto bad = run_cli("bench --residents 0");
    CHECK(bad.exit_code == 2);
}
