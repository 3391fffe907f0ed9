// Reading a results file back gives what was written: every run, series, breakdown, summary,
// neighbourhood, strategy and root attribute.

#include "sim/results/hdf5_reader.hpp"

#include <catch2/catch.hpp>

#include <hdf5.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "models/exposure.hpp"
#include "models/metrics.hpp"
#include "sim/results/hdf5_writer.hpp"
#include "sim/version.hpp"

using namespace civicsim::sim;
namespace fs = std::filesystem;
namespace models = civicsim::models;

namespace {

fs::path fresh(const std::string& name) {
    const fs::path directory = fs::path(CIVICSIM_TEST_TMP) / "results" / "reader";
    fs::create_directories(directory);
    const auto path = directory / name;
    fs::remove_all(path);
    return path;
}

/// Values distinct in every index, with a NaN here and there (NaN is a legitimate value).
std::vector<float> pattern(std::size_t size, float offset) {
    std::vector<float> values(size);
    for (std::size_t i = 0; i < size; ++i)
        values[i] = i % 97 == 5 ? std::numeric_limits<float>::quiet_NaN()
                                : offset + 0.5f * static_cast<float>(i);
    return values;
}

results_set sample() {
    results_set results;
    results.command_line = "civicsim compare town.toml --report town.html";
    results.scenario_toml = "[scenario]\nname = \"Zuidoost-Süd & <Centrum>\"\n";
    results.scenario_name = "Zuidoost-Süd & <Centrum>";
    results.base_seed = 18446744073709551615ULL;
    results.neighbourhoods = {{"Centrum", 12000, 8500.5, "urban", 0.4, 0.6},
                              {"Zuidoost-Süd", 3100, 450.25, "rural", 0.2, 0.7},
                              {"Haven", 800, 20.0, "rural", 0.1, 0.9}};
    results.communities = {"majority", "türkçe"};
    results.age_bands = {"16-29", "30-49", "50-64", "65+"};
    results.strategies = {{"baseline", "the scenario as written"},
                          {"multilingual app", "Translate the app; \"co-designed\"."}};
    const std::uint32_t days = 4;
    for (std::uint32_t run = 0; run < 4; ++run) {
        run_result r;
        r.run_id = run;
        r.strategy = results.strategies[run / 2].first;
        r.replication = run % 2;
        r.seed = 0xF000'0000'0000'0000ULL + run;
        r.days = days;
        r.neighbourhoods = 3;
        r.timeseries =
            pattern(models::daily_metrics().size() * days * 3, 1000.0f * static_cast<float>(run));
        for (std::size_t m = 0; m < models::summary_metrics().size(); ++m)
            r.summary.push_back(m == 7 && run == 1 ? std::numeric_limits<double>::quiet_NaN()
                                                   : -1.5e6 * run + static_cast<double>(m) / 3.0);
        r.by_community =
            pattern(models::group_metric_count * days * 3 * 2, -7.0f * static_cast<float>(run));
        r.by_age_band =
            pattern(models::group_metric_count * days * 3 * 4, 3.0f * static_cast<float>(run));
        for (std::size_t e = 0; e < models::exposure_count; ++e) {
            r.by_exposure[e] = pattern(models::group_metric_count * days * 3 * 2,
                                       -100.0f * static_cast<float>(e + 1 + run));
            for (const float v :
                 pattern(models::group_metric_count * 2, 50.0f * static_cast<float>(e + run)))
                r.exposure_summary[e].push_back(v / 3.0);
        }
        results.runs.push_back(r);
    }
    return results;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
    return true;
}

void check_equal(const results_set& read, const results_set& written) {
    CHECK(read.command_line == written.command_line);
    CHECK(read.scenario_toml == written.scenario_toml);
    CHECK(read.scenario_name == written.scenario_name);
    CHECK(read.base_seed == written.base_seed);
    REQUIRE(read.neighbourhoods.size() == written.neighbourhoods.size());
    for (std::size_t k = 0; k < read.neighbourhoods.size(); ++k) {
        const auto& a = read.neighbourhoods[k];
        const auto& b = written.neighbourhoods[k];
        CHECK(a.name == b.name);
        CHECK(a.population == b.population);
        CHECK(a.density == b.density);
        CHECK(a.settlement == b.settlement);
        CHECK(a.deprivation == b.deprivation);
        CHECK(a.cohesion == b.cohesion);
    }
    CHECK(read.communities == written.communities);
    CHECK(read.age_bands == written.age_bands);
    CHECK(read.strategies == written.strategies);
    REQUIRE(read.runs.size() == written.runs.size());
    for (std::size_t i = 0; i < read.runs.size(); ++i) {
        INFO("run " << i);
        const auto& a = read.runs[i];
        const auto& b = written.runs[i];
        CHECK(a.run_id == b.run_id);
        CHECK(a.strategy == b.strategy);
        CHECK(a.replication == b.replication);
        CHECK(a.seed == b.seed);
        CHECK(a.days == b.days);
        CHECK(a.neighbourhoods == b.neighbourhoods);
        CHECK(same_bits(a.timeseries, b.timeseries));
        CHECK(same_values(a.summary, b.summary));
        CHECK(same_bits(a.by_community, b.by_community));
        CHECK(same_bits(a.by_age_band, b.by_age_band));
        for (std::size_t e = 0; e < models::exposure_count; ++e) {
            INFO("exposure " << models::exposures[e].name);
            CHECK(same_bits(a.by_exposure[e], b.by_exposure[e]));
            CHECK(same_values(a.exposure_summary[e], b.exposure_summary[e]));
        }
    }
}

}  // namespace

TEST_CASE("reading a results file back gives the results set that was written", "[results]") {
    const auto path = fresh("round_trip.h5");
    const auto written = sample();
    write_results(path, written, false);

    results_provenance provenance;
    const auto read = read_results(path, provenance);
    check_equal(read, written);
    CHECK(provenance.format_version == results_format_version);
    CHECK(provenance.civicsim_version == civicsim::version);
    CHECK(provenance.git_commit == civicsim::git_commit);
    CHECK(provenance.created.size() == 20);

    // And what is read writes the same file again.
    const auto again = fresh("round_trip_again.h5");
    write_results(again, read, false);
    check_equal(read_results(again), written);
}

TEST_CASE("a file written before the exposure breakdowns reads them as NaN", "[results]") {
    const auto path = fresh("no_exposure.h5");
    const auto written = sample();
    write_results(path, written, false);
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(file >= 0);
    for (const auto& e : models::exposures)
        REQUIRE(H5Ldelete(file, ("/" + std::string(e.name)).c_str(), H5P_DEFAULT) >= 0);
    REQUIRE(H5Ldelete(file, "/exposure_summary", H5P_DEFAULT) >= 0);
    H5Fclose(file);

    const auto read = read_results(path);
    REQUIRE(read.runs.size() == written.runs.size());
    for (const auto& run : read.runs)
        for (std::size_t e = 0; e < models::exposure_count; ++e) {
            CHECK(run.by_exposure[e].size() == written.runs[0].by_exposure[e].size());
            CHECK(run.exposure_summary[e].size() == models::group_metric_count * 2);
            CHECK(std::all_of(run.by_exposure[e].begin(), run.by_exposure[e].end(),
                              [](float v) { return std::isnan(v); }));
            CHECK(std::all_of(run.exposure_summary[e].begin(), run.exposure_summary[e].end(),
                              [](double v) { return std::isnan(v); }));
        }
    CHECK(same_bits(read.runs[0].by_community, written.runs[0].by_community));
}

TEST_CASE("reading a missing, non-HDF5 or foreign file throws a message naming it", "[results]") {
    const auto missing = fresh("missing.h5");
    CHECK_THROWS_AS(read_results(missing), results_read_error);
    CHECK_THROWS_WITH(read_results(missing),
                      Catch::Contains(missing.string()) && Catch::Contains("does not exist"));

    const auto text = fresh("text.h5");
    std::ofstream(text) << "hello";
    CHECK_THROWS_WITH(read_results(text), Catch::Contains("not an HDF5 file"));

    const auto foreign = fresh("foreign.h5");
    const hid_t file = H5Fcreate(foreign.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(file >= 0);
    H5Fclose(file);
    CHECK_THROWS_WITH(read_results(foreign), Catch::Contains("not a civicsim results file"));
    CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL) == 0);
}

TEST_CASE("an interrupted comparison or run: the marker names the command that finishes it",
          "[results]") {
    auto part = sample();  // the baseline and a strategy: a comparison
    part.sweep_id = "0123456789abcdef";
    part.sweep_runs = 10;
    const auto path = fresh("comparison.h5");
    write_results(path, part, false);
    CHECK_THROWS_WITH(read_results(path),
                      Catch::Contains("holds 4 of the 10 runs of a comparison (an interrupted "
                                      "comparison: the same civicsim compare command with "
                                      "--resume finishes it)"));
    part.strategies.resize(1);
    for (auto& run : part.runs) run.strategy = "baseline";
    write_results(path, part, true);
    CHECK_THROWS_WITH(read_results(path),
                      Catch::Contains("holds 4 of the 10 runs of a civicsim run (an interrupted "
                                      "civicsim run: the same civicsim run command with --resume "
                                      "finishes it)"));
}

TEST_CASE("part of a sweep: read_results refuses it, read_sweep_part reads it with its columns",
          "[results]") {
    auto part = sample();
    for (auto& run : part.runs) run.run_id += 6;  // runs 6..9 of a sweep of 10
    part.sweep_id = "0123456789abcdef";
    part.sweep_runs = 10;
    part.shard = "3/4";
    run_column share{"police.report_share", run_column::kind::real, {0.1, 0.2, 0.3, 0.4}, {}, {}};
    run_column mode{"policy.filtering.mode", run_column::kind::text, {}, {}, {"a", "b", "c", "d"}};
    run_column on{"policy.moderation.enabled", run_column::kind::boolean, {}, {1, 0, 0, 1}, {}};
    run_column count{
        "neighbourhood.0.population", run_column::kind::integer, {}, {5, 6, 7, -8}, {}};
    part.run_columns = {share, mode, on, count};
    const auto path = fresh("part.h5");
    write_results(path, part, false);

    REQUIRE_THROWS_AS(read_results(path), results_read_error);
    try {
        read_results(path);
    } catch (const results_read_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("holds 4 of the 10 runs of a sweep (shard 3/4: "
                                             "civicsim merge joins the shards)"));
    }
    const auto read = read_sweep_part(path);
    check_equal(read, part);
    CHECK(read.partial());
    CHECK(read.sweep_id == part.sweep_id);
    CHECK(read.sweep_runs == 10);
    CHECK(read.shard == "3/4");
    // In name order, each with the type it was written with.
    REQUIRE(read.run_columns.size() == 4);
    CHECK(read.run_columns[0].name == "neighbourhood.0.population");
    CHECK(read.run_columns[0].integers == count.integers);
    CHECK(read.run_columns[1].name == "police.report_share");
    CHECK(read.run_columns[1].reals == share.reals);
    CHECK(read.run_columns[2].name == "policy.filtering.mode");
    CHECK(read.run_columns[2].texts == mode.texts);
    CHECK(read.run_columns[3].name == "policy.moderation.enabled");
    CHECK(read.run_columns[3].type == run_column::kind::boolean);
    CHECK(read.run_columns[3].integers == on.integers);

    // A whole sweep (every run there) carries none of the marks and reads as any file.
    auto whole = sample();
    whole.sweep_id = "0123456789abcdef";
    whole.sweep_runs = 4;
    const auto whole_path = fresh("whole.h5");
    write_results(whole_path, whole, false);
    CHECK_FALSE(read_results(whole_path).partial());
}
